"""Score the dev half by k-fold cross-validation with fold models kept by
``train_coder.py --dev-cv 5 --keep-folds DIR``: a change to what follows the event model
(roles, codes, filters, the threshold) is measured in seconds, without retraining.

    python tools/devcv.py DIR [--threshold 0.4 0.3 ...]

Retrain and keep new folds whenever the training data, the features or the model change: the
kept folds are only valid for the model they were trained as.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from train_coder import score_folds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folds", type=Path, help="the folder --keep-folds wrote")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--threshold", type=float, nargs="+", default=[0.4])
    ap.add_argument(
        "--role-folds", type=Path, default=None, help="train_roles.py --keep-folds's folder"
    )
    args = ap.parse_args()
    fold_of = {
        int(i): k
        for i, k in json.loads((args.folds / "fold_of.json").read_text(encoding="utf-8")).items()
    }
    folders = sorted(args.folds.glob("fold[0-9]*"), key=lambda p: int(p.name[4:]))
    report = score_folds(args.shared, folders, fold_of, args.threshold, args.role_folds)
    for t, score in report.items():
        print(
            json.dumps(
                {"threshold": float(t), **{k: v for k, v in score.items() if k != "confusion"}}
            )
        )


if __name__ == "__main__":
    main()
