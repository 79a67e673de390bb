"""PETRARCH's unit-test suite as a regression floor for dictionary-driven coding.

The suite's actors are fictional, so it measures whether user dictionaries (``--actors``,
``--agents``, ``--verbs``) drive the coder. The floor below only ever moves up: raise it when a
change lifts the measured pass rate, never lower it to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED, need_shared

from eventwire.eval.petrarch import (
    EXPECTED_TRIPLES,
    PetrScore,
    _verb_lines_fixed,
    evaluate,
    iter_records,
)
from eventwire.events.verbs import parse_verb_text

# Measured 0.8106 (291/359 triples produced exactly) on 2026-11-23, with the validation verb
# file loaded through the harness's rewritten copy and no shipped dictionaries (the suite's
# Environment names only its own), in petrarch_compat mode. Floor = the acceptance, 0.80.
PASS_RATE_FLOOR = 0.80


@pytest.fixture(scope="module")
def suite() -> PetrScore:
    need_shared("data", "petrarch-validation", "PETR.UnitTest.records.xml")
    return evaluate(SHARED)


def test_harness_reads_every_record_and_triple(suite: PetrScore) -> None:
    assert suite.records == 284
    assert suite.expected_triples == EXPECTED_TRIPLES == 359
    assert suite.no_event_records == 26  # 19 noevents="True" + 7 error="..." records


def test_every_record_gives_a_clean_result_line(suite: PetrScore) -> None:
    assert suite.result_lines == suite.records
    assert suite.records_with_errors == 0, [f for f in suite.failures if f["errors"]][:3]


def test_dictionary_problems_are_explained(suite: PetrScore) -> None:
    """If the validation files did not load as written, every fixed line is accounted for."""
    if suite.load_errors:
        assert suite.dictionary_problems
    for problem in suite.dictionary_problems:
        assert problem.line > 0 and problem.reason and problem.action


def test_pass_rate_does_not_regress(suite: PetrScore) -> None:
    assert suite.pass_rate >= PASS_RATE_FLOOR, (
        f"PETRARCH suite pass rate {suite.pass_rate:.4f} fell below the floor "
        f"{PASS_RATE_FLOOR} ({suite.produced_exactly}/{suite.expected_triples} triples)"
    )


# ---------------------------------------------------------------------------- no shared data


def test_records_parse_dates_text_and_no_event_markers(tmp_path: Path) -> None:
    xml = tmp_path / "records.xml"
    xml.write_text(
        """<Validation><Sentences>
        <!-- a comment -->
        <Sentence date="19950101" id="A-1" category="DEMO" sentence="true">
        <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
        <EventCoding sourcecode='"INJURY TOLL"' targetcode="OSG" eventcode="223"></EventCoding>
        <Text>
        Arnor is about to restore
           ties with Gondor.
        </Text><Parse>(ROOT)</Parse></Sentence>
        <Config option="require_dyad" value="false"></Config>
        <Sentence date = "20080801" id ="E-1" category="ERROR" sentence="false">
        <EventCoding error="dateline"></EventCoding><Text>CEBU CITY: -- x</Text></Sentence>
        <Sentence date="19950101" id="N-1" category="DEMO" sentence="true">
        <EventCoding noevents = "True"> </EventCoding><Text>Nothing.</Text></Sentence>
        </Sentences></Validation>""",
        encoding="utf-8",
    )
    a, e, n = iter_records(xml)
    assert (a.date, a.text) == ("1995-01-01", "Arnor is about to restore ties with Gondor.")
    assert [str(t) for t in a.expected] == ["ARN->GON 064", '"INJURY TOLL"->OSG 223']
    assert not a.no_events and not a.unimplemented
    assert (e.error, e.no_events, e.unimplemented, e.expected) == ("dateline", True, True, ())
    assert n.no_events and n.error is None


def test_verb_file_rewrite_loads_and_reports_each_line(tmp_path: Path) -> None:
    verbs = tmp_path / "v.verbs.txt"
    verbs.write_text(
        "&TIES_\n+MILITARY\n+ECONOMIC\n&MORE\n+&TIES\n+CLOSER\n\n"
        "--- BLAST  [+++]  ---\nBLAST\n- * STATEMENT  [122]\n- * THING  [xxy]\n\n"
        "--- LASH OUT  [122] ---\nLASH OUT\n\n"
        "--- ABANDON  [345]  ---\nABANDON\n- * NEW_&TIES_RELATIONS [903]\n",
        encoding="utf-8",
    )
    text, problems = _verb_lines_fixed(verbs)
    _raw, errors, _stats = parse_verb_text(text, "fixed")
    assert errors == []
    by_line = {p.line: p for p in problems}
    assert set(by_line) == {1, 5, 8, 11, 13, 14}  # line 18's '_' run parses as it is
    assert by_line[8].action == "rewritten: --- BLAST [---] ---"
    assert by_line[11].action == "dropped"
    assert "MILITARY, ECONOMIC" in by_line[5].action
