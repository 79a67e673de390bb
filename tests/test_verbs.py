"""PETRARCH verb dictionary: shipped CAMEO.2.0 lookups, pattern matching, user files."""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

import pytest
from conftest import need_shared

from eventwire.events.verb_file import parse_code, singular
from eventwire.events.verbs import (
    VerbDictionary,
    VerbFileError,
    load_verbs,
    parse_verb_text,
    read_verb_file,
)


@pytest.fixture
def verbs() -> VerbDictionary:
    return load_verbs().copy()  # tests that add files must not change the shared instance


def test_shipped_entries():
    verbs = load_verbs()
    assert len(verbs) > 1500
    discuss = verbs.entry("discuss")
    assert discuss is not None
    assert (discuss.code, discuss.reverse, discuss.block) == ("040", "040", "CONFER")
    meet = verbs.entry("meet")
    assert meet is not None and meet.code == "040"
    assert verbs.entry("Meet_With") == verbs.entry("meet with")
    assert verbs.entry("meet with") is not None and verbs.entry("meet with").code == "040"
    assert verbs.entry("ask for").code == "020"  # first definition wins, as in PETRARCH
    assert verbs.entry("accuse").code == "112"
    assert verbs.entry("be determined").code == "030"  # +IS_DETERMINED
    assert verbs.entry("refuse").code is None  # REFUSE [---]: only its patterns code
    assert verbs.entry("no such verb") is None
    assert "discuss" in verbs and "no such verb" not in verbs


def test_load_is_cached():
    """Load time is measured by benchmarks/load_times.py, not asserted here."""
    fresh = load_verbs.__wrapped__()
    assert len(fresh) == len(load_verbs())
    assert load_verbs() is load_verbs()


def test_discuss_patterns():
    verbs = load_verbs()
    patterns = verbs.patterns("discuss")
    assert any(p.preps == (("in", ("call",)),) and p.code == "041" for p in patterns)
    assert verbs.patterns("talk") == patterns  # a block's patterns serve all its verbs
    code, pattern = verbs.match("discuss", ["in", "a", "call"], [("in", ["a", "call"])])
    assert code == "041" and pattern is not None and pattern.verb == "discuss"
    code, _ = verbs.match("discuss", ["by", "telephone"], [("by", ["telephone"])])
    assert code == "041"
    assert verbs.match("discuss", ["situation"], [])[0] == "046"
    assert verbs.match("discuss", ["weather"], []) == ("040", None)
    assert verbs.match("unknownverb", ["x"], []) == (None, None)


def test_match_prepositions_and_specificity():
    verbs = load_verbs()
    assert verbs.match("call", ["on", "government"], [("on", ["government"])])[0] == "020"
    # the longer "(FOR &CEASEFIRE)" beats the bare "(FOR)"
    assert verbs.match("call", [], [("for", ["cease-fire"])])[0] == "0256"
    assert verbs.match("call", [], [("for", ["something"])])[0] == "020"
    # plural and singular meet halfway: "(FOR TALKS)"
    assert verbs.match("meet", [], [("for", ["talks"])])[0] == "036"
    assert verbs.match("meet", [], [("for", ["talk"])])[0] == "036"
    # a synset as alternatives: ASK ... &CURRENCY → appeal for economic aid
    code, pattern = verbs.match("request", ["dollars"], [])
    assert code == "0231" and pattern is not None
    assert any(isinstance(w, frozenset) and "dollar" in w for w in pattern.after)
    # CAMEO.2.0 leaves "slam" uncoded; eventwire's supplement codes the news sense, criticise
    assert verbs.entry("slam").block == "SLAM_CRITICIZE"
    assert verbs.match("slam", ["plan"], [])[0] == "111"
    assert verbs.entry("urge").code == "020" and verbs.entry("call on").code == "020"


def test_subject_side_patterns_need_before_lemmas():
    verbs = load_verbs()
    # ACCELERATE: "- &MILITARY * [154]"
    assert verbs.match("rush", [], []) == (None, None)
    code, pattern = verbs.match("rush", [], [], before_lemmas=["troops"])
    assert code == "154" and pattern is not None and pattern.before


def test_codes_and_singulars():
    assert parse_code("040") == ("040", None)
    assert parse_code("042:043") == ("042", "043")
    assert parse_code(":020") == (None, "020")
    assert parse_code("---") == (None, None)
    assert parse_code("174k") == ("174K", None)  # a user's own subcode
    for bad in ("080!", "4", "04a", "1:2:3", ""):
        with pytest.raises(ValueError):
            parse_code(bad)
    words = ["talks", "parties", "crashes", "news", "status", "progress"]
    assert [singular(w) for w in words] == ["talk", "party", "crash", "news", "status", "progress"]


USER_FILE = """\
# user additions
&PEACETALK_
+PEACE_TALKS
+NEGOTIATIONS

---  URGE   [020]  ---
URGE {URGES URGED URGING}
+CALL_ON {+CALLS_ON +CALLED_ON +CALLING_ON} [020]
SLAM [111]  # now criticism by default
- * &PEACETALK_                    [026]   # URGE
- * (FOR &CEASEFIRE)               [0256]  # URGE  (shipped synset)

---  CONFER   [010]  ---
- * (OVER VIDEO)                   [041]   # TALK
"""


def test_user_file_is_parsed_and_merged(verbs, tmp_path):
    path = tmp_path / "mine.verbs"
    path.write_text(USER_FILE)
    verbs.add_file(path)
    assert verbs.entry("urge").code == "020" and verbs.entry("urge").block == "URGE"
    assert verbs.entry("call on").code == "020"
    assert verbs.entry("slam").code == "111"  # later files win
    assert verbs.match("urge", ["peace", "talks"], [])[0] == "026"
    assert verbs.match("urge", [], [("for", ["ceasefire"])])[0] == "0256"
    assert verbs.match("urge", ["restraint"], []) == ("020", None)
    # a same-named block gains the user's patterns, and keeps its own
    assert verbs.match("discuss", [], [("over", ["video"])])[0] == "041"
    assert verbs.match("discuss", ["situation"], [])[0] == "046"
    assert str(path) in verbs.sources
    # the shared instance is untouched
    assert load_verbs().match("discuss", [], [("over", ["video"])])[0] != "041"
    assert str(path) not in load_verbs().sources

    second = tmp_path / "second.verbs"
    second.write_text("--- PRESS_FOR [100] ---\nURGE\n")
    verbs.add_file(second)
    assert verbs.entry("urge").code == "100"


def test_malformed_lines_reported_with_file_and_line(verbs, tmp_path):
    path = tmp_path / "bad.verbs"
    path.write_text(
        "STRAY\n"  # 1: verb before any block
        "---  GOOD   [040]  ---\n"  # 2
        "GOODVERB\n"  # 3
        "- * TALKS [04x]\n"  # 4: bad code
        "- TALKS [040]\n"  # 5: no '*'
        "- * (IN CALL [041]\n"  # 6: unclosed '('
        "- * &NOSUCHSET [040]\n"  # 7: undefined synset
        "- * TALKS\n"  # 8: no code
        "---  BROKEN  ---  [\n"  # 9: bad header
        "TWO WORDS [040]\n"  # 10: not one verb word
    )
    before = len(verbs)
    with pytest.raises(VerbFileError) as info:
        verbs.add_file(path)
    lines = [e.split(": ", 1)[0] for e in info.value.errors]
    assert lines == [f"{path}:{n}" for n in (1, 4, 5, 6, 8, 9, 10, 7)]
    assert f"{path}:4: bad code [04x]" in str(info.value)
    assert len(verbs) == before and verbs.entry("goodverb") is None  # nothing merged


def test_undecodable_file(verbs, tmp_path):
    path = tmp_path / "latin1.verbs"
    path.write_bytes(b"---  X  [040]  ---\nCAF\xe9\n")
    with pytest.raises(VerbFileError, match=r"latin1\.verbs:2: not UTF-8"):
        verbs.add_file(path)


def test_parse_text_keeps_good_lines():
    raw, errors, stats = parse_verb_text(
        "--- B [010] ---\nALPHA\nBETA [:110]\nALPHA [020]\n- * X [0x]\n- * Y [011]\n", "t"
    )
    assert errors == ["t:5: bad code [0x]: expected 2-4 digits (or a subcode: 174K), '---' or A:B"]
    assert raw["verbs"] == {"alpha": ["010", None, "B"], "beta": [None, "110", "B"]}
    assert stats["duplicate_verbs"] == 1
    dictionary = VerbDictionary.from_raw(raw)
    assert dictionary.match("beta", ["y"], [])[0] == "011"


def test_shared_cameo_dictionary_parses_like_the_shipped_data():
    path = need_shared("data", "dictionaries", "CAMEO.2.0.txt")
    raw, errors, _stats = read_verb_file(path)
    # the upstream file has a few typos; they are reported, with file and line, and skipped
    assert any(e.startswith(f"{path}:5787: bad code [080!]") for e in errors)
    assert len(errors) < 20
    shipped = json.loads(
        gzip.decompress(resources.files("eventwire").joinpath("data/verbs.json.gz").read_bytes())
    )
    assert shipped["verbs"] == raw["verbs"]
    assert shipped["blocks"] == raw["blocks"]
    assert Path(path).name in shipped["source"]


def test_bad_block_header_reports_lines_instead_of_crashing(tmp_path):
    from eventwire.events.verbs import VerbFileError

    path = tmp_path / "bad.verbs"
    path.write_text(
        "---  BLAST   [+++]  ---\nBLAST\n- * FOO [111]\n\n---  HAIL   [051]  ---\nHAIL\n"
    )
    with pytest.raises(VerbFileError) as info:
        load_verbs().copy().add_file(path)
    message = str(info.value)
    assert f"{path}:1: bad code [+++]" in message
    assert f"{path}:2: verb line 'BLAST' before any" in message


def test_role_markers_target_before_source_after(tmp_path):
    path = tmp_path / "roles.verbs"
    path.write_text("---  RECEIVE   [---]  ---\nRECEIVE\n- + * MONEY FROM $  [071]\n")
    verbs = load_verbs().copy()
    verbs.add_file(path)
    code, pattern = verbs.match("receive", ["money", "from"], [("from", [])])
    assert code == "071" and pattern is not None and pattern.swap
