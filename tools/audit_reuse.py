#!/usr/bin/env python3
"""Judge only what is new in a precision-audit draw (``eventwire eval audit draw``).

A drawn event identical to one an earlier draw's judge already judged (same article, span,
CAMEO code, negation, source and target codes and the words each side was given:
``eventwire.eval.audit.identity``) keeps that verdict, the most recent draw's
first. The rest, plus a random sample of the reused ones as an agreement check, go to a new
judge blind, in one shuffled sheet.

    python tools/audit_reuse.py plan --draw learned --sheet SHEET --out JUDGE_SHEET --plan PLAN
    python tools/audit_reuse.py merge --draw learned --plan PLAN --new NEW_VERDICTS
    python tools/audit_reuse.py population --sheet SHEET        # every event coded
    python tools/audit_reuse.py population --new NEW_VERDICTS

``merge`` writes ``verdicts-DRAW.jsonl`` (each verdict with ``judged_by``: ``new`` or the draw
it was reused from; a checked event keeps the new judge's verdict) and prints the agreement
on the check sample. The sheets hold article text: keep them out of the repo.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from eventwire.eval.audit import Verdicts, recall, remember

AUDIT = Path(__file__).resolve().parent.parent / "data" / "training" / "audit"
# earlier draws, most recent first: an identical event keeps the most recent verdict
EARLIER = [
    "learned-ninety-fifth-population", "learned-ninety-fifth",
    "learned-ninety-fourth-population", "learned-ninety-fourth",
    "learned-ninety-third-population", "learned-ninety-third",
    "learned-ninety-second-population", "learned-ninety-second",
    "learned-ninety-first-population", "learned-ninety-first",
    "learned-ninetieth-population", "learned-ninetieth",
    "learned-eighty-ninth-population", "learned-eighty-ninth",
    "learned-eighty-eighth-population", "learned-eighty-eighth",
    "learned-eighty-seventh",
    "learned-eighty-sixth-population", "learned-eighty-sixth",
    "learned-eighty-fifth-population", "learned-eighty-fifth",
    "learned-eighty-fourth-population", "learned-eighty-fourth",
    "learned-eighty-third-population", "learned-eighty-third",
    "learned-eighty-second-population", "learned-eighty-second",
    "learned-eighty-first-population", "learned-eighty-first",
    "learned-eightieth-population", "learned-eightieth",
    "learned-seventy-ninth-population", "learned-seventy-ninth",
    "learned-seventy-eighth-population", "learned-seventy-eighth",
    "learned-seventy-seventh-population", "learned-seventy-seventh",
    "learned-seventy-sixth-population", "learned-seventy-sixth", "learned-seventy-fifth",
    "learned-seventy-fourth", "learned-seventy-third", "learned-seventy-second",
    "learned-seventy-first",
    "learned-seventieth", "learned-sixty-ninth", "learned-sixty-eighth", "learned-sixty-seventh",
    "learned-sixty-sixth", "learned-sixty-fifth", "learned-sixty-fourth", "learned-sixty-third",
    "learned-sixty-second",
    "learned-sixty-first",
    "learned-sixtieth", "learned-fifty-ninth", "learned-fifty-eighth", "learned-fifty-seventh",
    "learned-fifty-sixth",
    "learned-fifty-fifth", "learned-fifty-fourth", "learned-fifty-third", "learned-fifty-second",
    "learned-fifty-first", "learned-fiftieth",
    "learned-forty-ninth", "learned-forty-eighth", "learned-forty-seventh", "learned-forty-sixth",
    "learned-forty-fifth", "learned-forty-fourth", "learned-forty-third", "learned-forty-second",
    "learned-forty-first", "learned-fortieth", "learned-thirty-ninth",
    "learned-thirty-eighth", "learned-thirty-seventh", "learned-thirty-sixth",
    "learned-thirty-fifth", "learned-thirty-fourth", "learned-thirty-third",
    "learned-thirty-second",
    "learned-thirty-first", "learned-thirtieth",
    "learned-twenty-ninth",
    "learned-twenty-eighth",
    "learned-twenty-seventh",
    "learned-twenty-sixth", "learned-twenty-fifth", "learned-twenty-fourth",
    "learned-twenty-third", "learned-twenty-second", "learned-twenty-first",
    "learned-twentieth", "learned-nineteenth", "learned-eighteenth", "learned-seventeenth",
    "learned-sixteenth", "learned-fifteenth", "learned-fourteenth",
    "learned-thirteenth",
    "learned-twelfth",
    "learned-eleventh",
    "learned-tenth", "learned-ninth",
    "learned-eighth",
    "learned-seventh",
    "learned-sixth",
    "learned-fifth", "learned-fourth", "learned-third", "learned-second", "learned-first",
    "dictionary",
]  # fmt: skip
SEED = 9
POPULATION = "learned-population"  # every event the shipped coder codes, all judged
FIELDS = ("root_ok", "source_ok", "target_ok")


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _key(d: dict[str, Any]) -> str:
    return f"{d['id']}#{d['event']}"


def known_verdicts(skip: str, names: list[str] = EARLIER) -> Verdicts:
    """Each judged event's (draw name, verdict), the first name's first (``remember``)."""
    known: Verdicts = {}
    for name in names:
        draw, verdicts = AUDIT / f"draw-{name}.jsonl", AUDIT / f"verdicts-{name}.jsonl"
        if name == skip or not draw.exists() or not verdicts.exists():
            continue
        by_key = {v["key"]: v for v in _rows(verdicts)}
        for d in _rows(draw):
            verdict = by_key.get(_key(d))
            if verdict is not None:
                remember(known, d, (name, verdict))
    return known


def plan(args: argparse.Namespace) -> None:
    drawn = _rows(AUDIT / f"draw-{args.draw}.jsonl")
    known = known_verdicts(args.draw)
    reused = {_key(d): found for d in drawn if (found := recall(known, d)) is not None}
    todo = [_key(d) for d in drawn if _key(d) not in reused]
    rng = random.Random(SEED)
    check = rng.sample(sorted(reused), min(args.check, len(reused)))
    order = todo + check
    rng.shuffle(order)
    blocks = {}
    for block in Path(args.sheet).read_text(encoding="utf-8").split("\n\n"):
        if block.startswith("## "):
            blocks[block.split("\n", 1)[0][3:].split(" ")[0]] = block
    Path(args.out).write_text("\n\n".join(blocks[k] for k in order) + "\n", encoding="utf-8")
    Path(args.plan).write_text(json.dumps({"reused": reused, "todo": todo, "check": check}))
    print(f"{len(reused)} verdicts reused, {len(todo)} to judge, {len(check)} reused to check")


def merge(args: argparse.Namespace) -> None:
    saved = json.loads(Path(args.plan).read_text())
    new = {v["key"]: v for v in _rows(Path(args.new))}
    missing = [k for k in saved["todo"] + saved["check"] if k not in new]
    if missing:
        raise SystemExit(f"{args.new}: no verdict for {len(missing)} events, e.g. {missing[0]}")
    out = []
    for d in _rows(AUDIT / f"draw-{args.draw}.jsonl"):
        key = _key(d)
        if key in new:
            verdict, judged_by = new[key], "new"
        else:
            judged_by, verdict = saved["reused"][key]  # judged under that draw's own key
        kept = {f: verdict[f] for f in (*FIELDS, "reason")}
        out.append({"key": key, **kept, "judged_by": judged_by})
    target = AUDIT / f"verdicts-{args.draw}.jsonl"
    target.write_text("".join(json.dumps(v) + "\n" for v in out), encoding="utf-8")
    agree = {f: 0 for f in (*FIELDS, "all")}
    for key in saved["check"]:
        old, fresh = saved["reused"][key][1], new[key]
        for f in FIELDS:
            agree[f] += old[f] == fresh[f]
        agree["all"] += all(old[f] for f in FIELDS) == all(fresh[f] for f in FIELDS)
    n = len(saved["check"])
    print(f"wrote {target}; agreement on {n} reused events judged again:",
          json.dumps({f: round(v / n, 3) for f, v in agree.items()} if n else {}))  # fmt: skip


def population(args: argparse.Namespace) -> None:
    """Every event the shipped coder codes on the audit articles, each with a verdict: reused
    by identity (the last population's first, then the current draw's, then earlier draws'),
    the rest judged blind. Without ``--new`` it writes the unjudged events' sheet; with it,
    it merges that judge's verdicts and writes ``draw-``/``verdicts-learned-population``."""
    from eventwire.config import DEFAULT
    from eventwire.eval.audit import draw

    drawn = draw(args.shared, DEFAULT, n=10**9)
    known = known_verdicts("", [POPULATION, "learned", *EARLIER])
    unjudged = [d for d in drawn if recall(known, d.record) is None]
    if args.new is None:
        text = "\n\n".join(d.sheet for d in unjudged) + "\n"
        Path(args.sheet).write_text(text, encoding="utf-8")
        print(f"{len(drawn)} events, {len(unjudged)} to judge: {args.sheet}")
        return
    new = {v["key"]: v for v in _rows(Path(args.new))}
    missing = [_key(d.record) for d in unjudged if _key(d.record) not in new]
    if missing:
        raise SystemExit(f"{args.new}: no verdict for {len(missing)} events, e.g. {missing[0]}")
    verdicts = []
    for d in drawn:
        judged_by, verdict = recall(known, d.record) or ("new", new[_key(d.record)])
        if verdict.get("judged_by") not in (None, "new"):
            judged_by = verdict["judged_by"]  # the draw whose judge first gave it
        kept = {f: verdict[f] for f in (*FIELDS, "reason")}
        verdicts.append({"key": _key(d.record), **kept, "judged_by": judged_by})
    _write(AUDIT / f"draw-{POPULATION}.jsonl", [d.record for d in drawn])
    _write(AUDIT / f"verdicts-{POPULATION}.jsonl", verdicts)
    right = sum(all(v[f] for f in FIELDS) for v in verdicts)
    rates = {f: round(sum(v[f] for v in verdicts) / len(verdicts), 3) for f in FIELDS}
    print(f"{len(drawn)} events, {right} right ({right / len(drawn):.3f}); {json.dumps(rates)}")


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan")
    p.add_argument("--draw", default="learned")
    p.add_argument("--sheet", required=True, help="the judging sheet `eval audit draw` wrote")
    p.add_argument("--out", required=True, help="the sheet for the new judge")
    p.add_argument("--plan", required=True)
    p.add_argument("--check", type=int, default=21, help="reused events judged again")
    m = sub.add_parser("merge")
    m.add_argument("--draw", default="learned")
    m.add_argument("--plan", required=True)
    m.add_argument("--new", required=True, help="the new judge's verdicts (JSON lines)")
    pop = sub.add_parser("population")
    pop.add_argument("--shared", type=Path, default=Path("../shared"))
    pop.add_argument("--sheet", help="where to write the unjudged events (without --new)")
    pop.add_argument("--new", help="the judge's verdicts on them (JSON lines): merge")
    args = ap.parse_args()
    {"plan": plan, "merge": merge, "population": population}[args.command](args)


if __name__ == "__main__":
    main()
