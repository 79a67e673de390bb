"""Build the events-stage package data from the shared third-party sources.

    python tools/build_ontology.py [--shared ../shared] [--check]

Writes (deterministically, so a rebuild with unchanged inputs changes no byte):

- src/eventwire/data/cameo_plover.tsv: CAMEO code → PLOVER type, mode, context, converted from
  shared/data/plover/CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0), for every code
  in src/eventwire/data/cameo_codes.tsv plus the codes only the table has;
- src/eventwire/data/verbs.json.gz: the CAMEO.2.0 PETRARCH verb dictionary
  (shared/data/dictionaries/CAMEO.2.0.txt, openeventdata/petrarch2, MIT) in eventwire's own
  structure, read by eventwire.events.verbs.load_verbs().

--check rebuilds in memory and exits 1 if a file on disk differs (for CI or review).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from eventwire.events.verbs import dump_raw, read_verb_file

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "eventwire" / "data"
PLOVER_SOURCE = Path("data/plover/CAMEO2PLOVER-2021.txt")
VERBS_SOURCE = Path("data/dictionaries/CAMEO.2.0.txt")

PLOVER_HEADER = """\
# CAMEO event code -> PLOVER event type, mode and context.
# Converted by tools/build_ontology.py from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8,
# 17-Sep-2021, ed. Philip Schrodt), openeventdata/PLOVER, licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/); this derived table is under the same
# licence. Changes: reformatted as TSV; contexts joined with ';'; codes the table lacks take
# their parent's row (basis "parent NNN"); CAMEO 02 (APPEAL, dropped by PLOVER) takes the row
# of the parallel 10 (DEMAND) code, as PLOVER REQUEST covers all requests (basis "as NNN");
# CAMEO 01 (MAKE PUBLIC STATEMENT) is dropped by PLOVER and has no type (basis "dropped").
"""

PETRARCH_LICENSE = """\
The MIT License (MIT)

Copyright (c) 2015 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and \
associated documentation files (the "Software"), to deal in the Software without restriction, \
including without limitation the rights to use, copy, modify, merge, publish, distribute, \
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is \
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or \
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT \
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND \
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, \
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT \
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

_PLOVER_LINE = re.compile(r"^(?P<code>\d{2,4})\s*:\s*(?P<rest>.*)$")


def read_codes(path: Path) -> list[str]:
    """The CAMEO codes of our cameo_codes.tsv, in file order."""
    codes = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("code\t"):
            continue
        codes.append(line.split("\t")[0])
    return codes


def read_plover_table(path: Path) -> tuple[dict[str, tuple[str, str, str]], list[str]]:
    """code → (type, mode, context) from the PLOVER conversion table; first row of a code wins
    (the table lists root 08 twice: CONCEDE, then RETREAT for 084-087)."""
    table: dict[str, tuple[str, str, str]] = {}
    warnings = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "~")):
            continue
        m = _PLOVER_LINE.match(stripped)
        if not m:
            warnings.append(f"{path}:{lineno}: skipped {stripped!r}")
            continue
        body = m["rest"].split("#", 1)[0]
        fields = [f.strip() for f in body.split(",")] + ["", ""]
        ptype = fields[0].upper()
        mode = fields[1].lower()
        context = ";".join(c.strip().lower() for c in fields[2].split(";") if c.strip())
        if not re.fullmatch(r"[A-Z]+", ptype):
            warnings.append(f"{path}:{lineno}: bad PLOVER type {fields[0]!r}")
            continue
        row = (ptype, mode, context)
        code = m["code"]
        if code in table:
            if table[code] != row:
                kept = table[code]
                warnings.append(f"{path}:{lineno}: {code} listed again as {row}; kept {kept}")
            continue
        table[code] = row
    return table, warnings


def plover_rows(codes: list[str], table: dict[str, tuple[str, str, str]]) -> list[list[str]]:
    """One row per code: exact table row, else the parent's (4 → 3 → 2 digits)."""

    def lookup(code: str) -> tuple[tuple[str, str, str], str] | None:
        for length in range(len(code), 1, -1):
            prefix = code[:length]
            if prefix in table:
                return table[prefix], ("table" if prefix == code else f"parent {prefix}")
        return None

    rows = []
    extra = sorted(set(table) - set(codes), key=lambda c: (c[:2], c))
    for code in [*codes, *extra]:
        found = lookup(code)
        if found is None and code.startswith("02"):
            parallel = "10" + code[2:]
            hit = lookup(parallel)
            found = (hit[0], f"as {parallel}") if hit else None
        if found is None:
            rows.append([code, "", "", "", "dropped"])
        else:
            (ptype, mode, context), basis = found
            rows.append([code, ptype, mode, context, basis])
    return rows


def build_plover(shared: Path) -> tuple[str, list[str]]:
    table, warnings = read_plover_table(shared / PLOVER_SOURCE)
    rows = plover_rows(read_codes(DATA / "cameo_codes.tsv"), table)
    lines = ["code\tplover_type\tplover_mode\tplover_context\tbasis"]
    lines += ["\t".join(row) for row in rows]
    return PLOVER_HEADER + "\n".join(lines) + "\n", warnings


def build_verbs(shared: Path) -> tuple[bytes, list[str], dict[str, int]]:
    raw, errors, stats = read_verb_file(shared / VERBS_SOURCE)
    raw["source"] = (
        "CAMEO.2.0.txt (PETRARCH verb dictionary, 30-Apr-2015), openeventdata/petrarch2, "
        "reformatted by eventwire tools/build_ontology.py"
    )
    raw["license"] = PETRARCH_LICENSE
    stats = {
        **stats,
        "verbs": len(raw["verbs"]),
        "blocks": len(raw["blocks"]),
        "patterns": sum(len(b["patterns"]) for b in raw["blocks"].values()),
        "synsets": len(raw["synsets"]),
        "skipped_lines": len(errors),
    }
    return dump_raw(raw), errors, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_shared = os.environ.get("EVENTWIRE_SHARED", str(REPO.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=Path(default_shared))
    parser.add_argument("--check", action="store_true", help="only compare with files on disk")
    args = parser.parse_args(argv)

    plover_text, plover_warnings = build_plover(args.shared)
    verbs_bytes, verb_errors, stats = build_verbs(args.shared)
    for message in plover_warnings + verb_errors:
        print(f"warning: {message}", file=sys.stderr)
    outputs = {
        DATA / "cameo_plover.tsv": plover_text.encode("utf-8"),
        DATA / "verbs.json.gz": verbs_bytes,
    }
    stale = []
    for path, content in outputs.items():
        if path.exists() and path.read_bytes() == content:
            continue
        stale.append(path)
        if not args.check:
            path.write_bytes(content)
    summary = ", ".join(f"{k} {v}" for k, v in stats.items())
    print(f"verbs: {summary}")
    for path in outputs:
        state = ("stale" if args.check else "written") if path in stale else "up to date"
        print(
            f"{path.relative_to(REPO)}: {path.stat().st_size if path.exists() else 0} bytes, "
            f"{state}"
        )
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
