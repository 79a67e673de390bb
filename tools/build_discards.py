"""Build src/eventwire/data/discards.tsv from the Phoenix discard dictionary.

    python tools/build_discards.py [--shared ../shared]

Phoenix.discards.txt (openeventdata/petrarch2, MIT; see NOTICE) lists phrases that mark sports,
entertainment and history stories. We keep its topical phrases and drop two groups that
PETRARCH needed only because it could not date events: bare years (1914 …) and relative-time
phrases ("weeks ago", "years later"). eventwire resolves event dates instead, and a sentence
about talks held "two weeks ago" is still news. We also keep disasters and epidemics: aid,
appeals and border closures after a typhoon or an outbreak are international-relations events.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "eventwire" / "data" / "discards.tsv"
SOURCE = Path("data/dictionaries/Phoenix.discards.txt")
TEMPORAL = re.compile(r"\b(AGO|LATER|EARLIER)$")
YEAR = re.compile(r"^\d{4}$")
DISASTER = re.compile(
    r"TYPHOON|HURRICANE|EARTHQUAKE|TSUNAMI|FLOOD|CYCLONE|EBOLA|H5N1|FLU\b|INFLUENZA|EPIDEMIC"
    r"|CHOLERA|VIRUS|DROUGHT|FAMINE"
)


def convert(text: str) -> list[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()
    for line in text.splitlines():
        phrase = line.split("#", 1)[0].split(";", 1)[0].strip()
        if not phrase:
            continue
        scope = "story" if phrase.startswith("+") else "sentence"
        phrase = " ".join(phrase.lstrip("+").replace("_", " ").split()).upper()
        if YEAR.match(phrase) or TEMPORAL.search(phrase) or DISASTER.search(phrase):
            continue
        rows.add((scope, phrase))
    return sorted(rows, key=lambda r: (r[1], r[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    rows = convert((args.shared / SOURCE).read_text(encoding="utf-8", errors="replace"))
    header = (
        "# Discard phrases: scope (story | sentence) TAB phrase. Built by tools/build_discards.py\n"
        "# from Phoenix.discards.txt (openeventdata/petrarch2, MIT), without years and\n"
        "# relative-time phrases, disasters and epidemics.\n"
    )
    OUT.write_text(header + "".join(f"{s}\t{p}\n" for s, p in rows), encoding="utf-8")
    print(f"wrote {len(rows)} discard phrases to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
