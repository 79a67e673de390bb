"""CAMEO ontology: every code has a name, Goldstein value, quad class and (but 01) PLOVER type."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import REPO, SHARED, need_shared

from eventwire.events.ontology import all_codes, cameo, root

QUADS = {
    **{f"{n:02d}": 1 for n in range(1, 6)},
    **{f"{n:02d}": 2 for n in range(6, 9)},
    **{f"{n:02d}": 3 for n in range(9, 14)},
    **{f"{n:02d}": 4 for n in range(14, 21)},
}


def test_all_codes_cover_cameo():
    codes = [c.code for c in all_codes()]
    assert len(codes) == len(set(codes))
    assert 300 <= len(codes) <= 320
    assert [c for c in codes if len(c) == 2] == sorted(QUADS)
    assert all(len(c) in (2, 3, 4) and c.isdigit() for c in codes)
    # every 3- and 4-digit code has its parent
    assert all(c[:-1] in codes or len(c) == 3 for c in codes if len(c) > 2)
    assert all(c[:2] in codes for c in codes)


@pytest.mark.parametrize("code", sorted(QUADS))
def test_quad_class_per_root(code):
    quad = QUADS[code]
    assert cameo(code) is not None
    assert {c.quad_class for c in all_codes() if c.code[:2] == code} == {quad}


def test_goldstein_present_and_in_range():
    for c in all_codes():
        assert c.goldstein is not None, c.code
        assert -10.0 <= c.goldstein <= 10.0, c.code
        assert c.name and c.name == c.name.strip(), c.code
    assert cameo("0874").goldstein == 10.0
    assert cameo("13").goldstein == -6.0  # GDELT's root value, not 130's -4.4
    assert cameo("130").goldstein == -4.4


def test_plover_types():
    consult = cameo("040")
    assert consult is not None and consult.plover_type == "CONSULT"
    assert cameo("041").plover_mode == "phone"
    assert cameo("091").plover_context == "crime;corruption"
    assert cameo("0841").plover_type == "RETREAT"
    assert cameo("081").plover_type == "CONCEDE"
    assert cameo("0813").plover_type == "RETREAT"  # the table's own exception
    assert cameo("20").plover_type == "ASSAULT"
    assert cameo("0256").plover_type == "REQUEST"  # appeals follow the parallel demand code
    # PLOVER drops CAMEO 01 (statements): no type there, a type everywhere else
    missing = {c.code for c in all_codes() if not c.plover_type}
    assert missing == {c.code for c in all_codes() if c.code.startswith("01")}


def test_parent_fallback():
    known = cameo("0841")
    assert known is not None and known.name == "Return, release person(s)"
    assert known.goldstein == 7.0 and known.quad_class == 2
    unknown = cameo("0849")  # not a CAMEO code: the 084 parent's attributes, its own code
    assert unknown is not None and unknown.code == "0849"
    assert unknown.name == cameo("084").name and unknown.plover_type == "RETREAT"
    ext = cameo("1213")  # only the PLOVER table has it: its own PLOVER row
    assert ext is not None and ext.goldstein == -4.0 and ext.plover_context == "legal"
    assert cameo("099") is None
    assert cameo("0999") is None
    assert cameo("") is None
    assert cameo(" 040 ") == cameo("040")


def test_root():
    assert root("0841") == "08"
    assert root("20") == "20"
    assert root("1123") == "11"
    for bad in ("", "0", "x1", "21", "00"):
        with pytest.raises(ValueError):
            root(bad)


def test_package_data_is_built_from_shared_sources(capsys):
    """cameo_plover.tsv and verbs.json.gz are what tools/build_ontology.py makes today."""
    need_shared("data", "plover", "CAMEO2PLOVER-2021.txt")
    need_shared("data", "dictionaries", "CAMEO.2.0.txt")
    spec = importlib.util.spec_from_file_location(
        "build_ontology", REPO / "tools" / "build_ontology.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    status = tool.main(["--check", "--shared", str(SHARED)])
    assert status == 0, capsys.readouterr().out
