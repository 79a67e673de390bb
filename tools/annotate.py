#!/usr/bin/env python3
"""Helpers for annotators: show pool sentences, and turn scratch labels into repo records.

Annotators write scratch JSONL *outside the repo* with span strings, which this script turns
into character offsets (no third-party text in the repo). Scratch event objects:

    {"trigger": "struck", "cameo": "195", "source": "Israeli jets", "source_code": "ISRMIL",
     "target": "the base", "target_code": null, "negated": false, "reciprocal": false}

A span string may end in "#N" to take its N-th occurrence in the sentence ("they#2").

    python tools/annotate.py show --batch a1 [--start 0] [--count 50]
    python tools/annotate.py real SCRATCH.jsonl --annotator a1 \
        --out data/training/annotated/a1.jsonl
    python tools/annotate.py written SCRATCH.jsonl --prefix w18 \
        --out data/training/written/w18.jsonl
    python tools/annotate.py review REVIEW.jsonl --annotator r8-1 \
        --out data/training/revised/r8-1.jsonl [--all]

``real`` scratch lines: {"sid": "s0001", "events": [...]} ([] = no codable event).
``written`` scratch lines: {"text": "...", "events": [...], "tags": ["passive", ...]}.
Every problem is reported with its line number; lines with problems are left out.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

from eventwire.eval.corpora import documents

ROOT = Path(__file__).resolve().parent.parent / "data" / "training"
CODE = re.compile(r"^\d{3,4}$")
SPAN_KEYS = ("trigger", "source", "target")


def pool() -> list[dict[str, str]]:
    with open(ROOT / "annotated" / "pool.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def records(folder: Path) -> list[dict[str, Any]]:
    """Every JSONL record of a labels folder, files in name order."""
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def annotated_records(reviewed: bool = True) -> list[dict[str, Any]]:
    """One labelled record per pool sentence: the first annotator's (overlap sentences were
    labelled by several), replaced by its reviewed labels where ``revised/`` holds some (a
    later round brought an earlier one in line with the guideline) unless ``reviewed`` is off."""
    revised = {r["sid"]: r for r in records(ROOT / "revised")} if reviewed else {}
    out: dict[str, dict[str, Any]] = {}
    for r in records(ROOT / "annotated"):
        out.setdefault(r["sid"], r)
    unknown = sorted(set(revised) - set(out))
    if unknown:
        sys.exit(f"revised/ names sentences no round annotated: {', '.join(unknown[:5])}")
    return [revised.get(sid, r) for sid, r in out.items()]


def sentence_text(shared: Path, row: dict[str, str]) -> str:
    return documents(shared, row["corpus"])[row["doc"]].text[int(row["start"]) : int(row["end"])]


def find(text: str, phrase: str) -> tuple[int, int]:
    """Offsets of ``phrase`` (whitespace-insensitive; "#N" = N-th occurrence) in ``text``."""
    nth = 1
    m = re.match(r"^(.*)#(\d+)$", phrase)
    if m:
        phrase, nth = m.group(1), int(m.group(2))
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    if not pattern:
        raise ValueError("empty span")
    hits = [h for h in re.finditer(pattern, text)]
    bounded = [h for h in hits if _bounded(text, h.start(), h.end())] or hits
    if len(bounded) < nth:
        raise ValueError(f"span {phrase!r} not found (occurrence {nth})")
    return bounded[nth - 1].start(), bounded[nth - 1].end()


def _bounded(text: str, a: int, b: int) -> bool:
    return (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum())


def convert_events(text: str, events: list[dict[str, Any]], base: int = 0) -> list[dict[str, Any]]:
    out = []
    for ev in events:
        code = str(ev.get("cameo") or "")
        if not CODE.match(code) or not 1 <= int(code[:2]) <= 20:
            raise ValueError(f"bad CAMEO code {code!r}")
        rec: dict[str, Any] = {"cameo": code}
        for key in SPAN_KEYS:
            value = ev.get(key)
            if key == "trigger" and not value:
                raise ValueError("every event needs a trigger")
            if value:
                a, b = find(text, str(value))
                rec[key] = [a + base, b + base]
            else:
                rec[key] = None
            if key != "trigger":
                rec[f"{key}_code"] = ev.get(f"{key}_code") or None
        rec["negated"] = bool(ev.get("negated"))
        rec["reciprocal"] = bool(ev.get("reciprocal"))
        out.append(rec)
    return out


def _read_scratch(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append((n, json.loads(line)))
            except ValueError as err:
                print(f"{path}:{n}: malformed JSON ({err})", file=sys.stderr)
    return rows


def cmd_show(args: argparse.Namespace) -> None:
    rows = [r for r in pool() if r["batch"] == args.batch]
    for row in rows[args.start : args.start + args.count]:
        print(f"{row['sid']}\t{' '.join(sentence_text(args.shared, row).split())}")


def cmd_real(args: argparse.Namespace) -> None:
    by_sid = {r["sid"]: r for r in pool()}
    out, bad = [], 0
    for n, obj in _read_scratch(args.scratch):
        row = by_sid.get(str(obj.get("sid")))
        try:
            if row is None:
                raise ValueError(f"unknown sid {obj.get('sid')!r}")
            text = sentence_text(args.shared, row)
            events = convert_events(text, obj.get("events") or [], base=int(row["start"]))
        except ValueError as err:
            print(f"{args.scratch}:{n}: {err}", file=sys.stderr)
            bad += 1
            continue
        out.append(_record(row, args.annotator, events))
    _write(args.out, out, bad)


def _record(row: dict[str, str], annotator: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    rec: dict[str, Any] = {k: row[k] for k in ("sid", "corpus", "doc")}
    rec.update(start=int(row["start"]), end=int(row["end"]), annotator=annotator)
    rec["events"] = events
    return rec


def cmd_review(args: argparse.Namespace) -> None:
    """A reviewer's verdicts on an annotation round's labels: ``{"sid", "keep": true}`` or
    ``{"sid", "keep": false, "reason", "events": [...]}``. Writes the changed sentences (with
    ``--all`` every sentence, kept ones with the round's labels, for the agreement check)."""
    by_sid = {r["sid"]: r for r in pool()}
    current = {r["sid"]: r for r in annotated_records(reviewed=False)}
    out, bad = [], 0
    for n, obj in _read_scratch(args.scratch):
        sid = str(obj.get("sid"))
        try:
            if sid not in current:
                raise ValueError(f"sid {sid!r} has no earlier label to review")
            if obj.get("keep") is True:
                if not args.all:
                    continue
                events = current[sid]["events"]
            else:
                text = sentence_text(args.shared, by_sid[sid])
                events = convert_events(
                    text, obj.get("events") or [], base=int(by_sid[sid]["start"])
                )
        except ValueError as err:
            print(f"{args.scratch}:{n}: {err}", file=sys.stderr)
            bad += 1
            continue
        rec = _record(by_sid[sid], args.annotator, events)
        rec.update(revises=current[sid]["annotator"], reason=str(obj.get("reason") or "kept"))
        out.append(rec)
    _write(args.out, out, bad)


def cmd_written(args: argparse.Namespace) -> None:
    out, bad = [], 0
    for n, obj in _read_scratch(args.scratch):
        text = str(obj.get("text") or "").strip()
        try:
            if not text:
                raise ValueError("no text")
            events = convert_events(text, obj.get("events") or [])
        except ValueError as err:
            print(f"{args.scratch}:{n}: {err}", file=sys.stderr)
            bad += 1
            continue
        rid = f"{args.prefix}-{len(out) + 1:04d}"
        out.append({"id": rid, "text": text, "events": events, "tags": obj.get("tags") or []})
    _write(args.out, out, bad)


def _write(path: Path, records: list[dict[str, Any]], bad: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    print(f"wrote {len(records)} records to {path}; {bad} line(s) with problems left out")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    show = sub.add_parser("show")
    show.add_argument("--batch", required=True)
    show.add_argument("--start", type=int, default=0)
    show.add_argument("--count", type=int, default=50)
    real = sub.add_parser("real")
    real.add_argument("scratch", type=Path)
    real.add_argument("--annotator", required=True)
    real.add_argument("--out", type=Path, required=True)
    review = sub.add_parser("review")
    review.add_argument("scratch", type=Path)
    review.add_argument("--annotator", required=True)
    review.add_argument("--out", type=Path, required=True)
    review.add_argument("--all", action="store_true", help="kept sentences too")
    written = sub.add_parser("written")
    written.add_argument("scratch", type=Path)
    written.add_argument("--prefix", required=True)
    written.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    commands = {"show": cmd_show, "real": cmd_real, "review": cmd_review, "written": cmd_written}
    commands[args.cmd](args)


if __name__ == "__main__":
    main()
