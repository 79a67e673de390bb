"""Score the dev half by k-fold cross-validation with fold models kept by
``train_coder.py --dev-cv 5 --keep-folds DIR``: a change to what follows the event model
(roles, codes, filters, the threshold) is measured in seconds, without retraining.

    python tools/devcv.py DIR [--threshold 0.4 0.3 ...] [--role-folds RF] [--record JSON]

``--record`` writes the figures into the shipped model's ``training.dev_cv`` (what ``eventwire
eval realnews`` reports as cross-validated), naming the role model they were measured with:
when only the role ranker is retrained, the event model's recorded figures would otherwise
be those of the old ranker.

Retrain and keep new folds whenever the training data, the features or the model change: the
kept folds are only valid for the model they were trained as.
"""

from __future__ import annotations

import argparse
import hashlib
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
    ap.add_argument(
        "--record", type=Path, default=None, help="model.json whose dev_cv the figures replace"
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
    if args.record is not None:
        record(args.record, report)


def record(model_json: Path, report: dict[str, dict]) -> None:
    """The figures as the model's recorded dev cross-validation, with the sha256 of the role
    model beside it (``roles.npz``) that the role folds were trained as."""
    meta = json.loads(model_json.read_text(encoding="utf-8"))
    roles = hashlib.sha256((model_json.parent / "roles.npz").read_bytes()).hexdigest()
    meta["training"]["dev_cv"].update({str(t): score for t, score in report.items()})
    meta["training"]["dev_cv_roles_sha256"] = roles
    model_json.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
