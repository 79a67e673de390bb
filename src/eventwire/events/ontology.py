"""CAMEO event codes with their Goldstein value, quad class and PLOVER equivalent.

Two package data files, joined on the code: `data/cameo_codes.tsv` (our table of CAMEO 1.1b3
codes, names and GDELT's Goldstein values) and `data/cameo_plover.tsv` (built by
`tools/build_ontology.py` from the PLOVER project's CAMEO2PLOVER table, CC BY-SA 4.0). Both are
read once per process.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    quad_class: int  # 1 verbal coop (01-05), 2 material coop (06-08), 3 verbal conflict (09-13),
    # 4 material conflict (14-20)
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None  # several contexts are joined with ';' ("crime;corruption")


def root(code: str) -> str:
    """The two-digit cue category: "0841" → "08". Raises ValueError for a non-code."""
    code = code.strip()
    if len(code) < 2 or not code[:2].isdigit() or not 1 <= int(code[:2]) <= 20:
        raise ValueError(f"not a CAMEO code: {code!r}")
    return code[:2]


def quad_class(code: str) -> int:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    n = int(root(code))
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("eventwire").joinpath("data", filename).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]  # header


@lru_cache(maxsize=1)
def _plover() -> dict[str, tuple[str | None, str | None, str | None]]:
    table = {}
    for code, ptype, mode, context, *_basis in _rows("cameo_plover.tsv"):
        table[code] = (ptype or None, mode or None, context or None)
    return table


@lru_cache(maxsize=1)
def _codes() -> dict[str, CameoCode]:
    plover = _plover()
    codes = {}
    for code, name, goldstein in _rows("cameo_codes.tsv"):
        codes[code] = CameoCode(
            code,
            name,
            float(goldstein) if goldstein else None,
            quad_class(code),
            *plover.get(code, (None, None, None)),
        )
    return codes


def cameo(code: str) -> CameoCode | None:
    """The code's attributes, or None for an unknown code.

    An unknown 4-digit code (a dictionary's extension such as 1213) takes its 3-digit parent's
    attributes but keeps its own code, and its own PLOVER row where the table has one."""
    code = code.strip()
    codes = _codes()
    found = codes.get(code)
    if found is not None:
        return found
    if len(code) == 4 and code.isdigit() and code[:3] in codes:
        parent = codes[code[:3]]
        if code in _plover():
            ptype, mode, context = _plover()[code]
            return dataclasses.replace(
                parent, code=code, plover_type=ptype, plover_mode=mode, plover_context=context
            )
        return dataclasses.replace(parent, code=code)
    return None


def all_codes() -> list[CameoCode]:
    """Every CAMEO code (roots 01-20 and their 3- and 4-digit codes) in code order."""
    return list(_codes().values())
