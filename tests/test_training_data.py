"""The training data's loader: one labelled record per pool sentence, reviewed labels first."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
TRAINING = REPO / "data" / "training"


def _tool(name: str) -> ModuleType:
    """A module of tools/ that needs no training extras."""
    sys.path.insert(0, str(REPO / "tools"))
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _annotate() -> ModuleType:
    """tools/annotate.py, which reads the labels."""
    return _tool("annotate")


def _write(path: Path, records: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _record(sid: str, annotator: str, cameo: str | None) -> dict[str, object]:
    events = [{"cameo": cameo, "trigger": [5, 9]}] if cameo else []
    return {"sid": sid, "corpus": "fakes", "doc": "1", "start": 0, "end": 40,
            "annotator": annotator, "events": events}  # fmt: skip


def test_a_review_replaces_the_earlier_label_and_overlaps_keep_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = _annotate()
    monkeypatch.setattr(tools, "ROOT", tmp_path)
    _write(
        tmp_path / "annotated" / "a1.jsonl",
        [_record("s1", "a1", "010"), _record("s2", "a1", "190")],
    )
    _write(tmp_path / "annotated" / "a2.jsonl", [_record("s1", "a2", "112")])
    _write(tmp_path / "revised" / "r8.jsonl", [_record("s2", "r8-1", None)])
    records = tools.annotated_records()
    assert [(r["sid"], r["annotator"], r["events"]) for r in records] == [
        ("s1", "a1", [{"cameo": "010", "trigger": [5, 9]}]),
        ("s2", "r8-1", []),
    ]


def test_a_review_of_a_sentence_no_round_labelled_stops_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = _annotate()
    monkeypatch.setattr(tools, "ROOT", tmp_path)
    _write(tmp_path / "annotated" / "a1.jsonl", [_record("s1", "a1", "010")])
    _write(tmp_path / "revised" / "r8.jsonl", [_record("s9", "r8-1", None)])
    with pytest.raises(SystemExit, match="s9"):
        tools.annotated_records()


def test_shipped_reviews_match_their_pool_sentences() -> None:
    """Every reviewed record revises a pool sentence with that sentence's own offsets, and its
    spans lie inside the sentence."""
    folder = TRAINING / "revised"
    reviews = [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if not reviews:
        pytest.skip("no reviewed labels shipped")
    pool = {}
    for line in (TRAINING / "annotated" / "pool.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        sid, corpus, doc, start, end, _batch = line.split("\t")
        pool[sid] = (corpus, doc, int(start), int(end))
    for r in reviews:
        assert pool[r["sid"]] == (r["corpus"], r["doc"], r["start"], r["end"]), r["sid"]
        for event in r["events"]:
            for key in ("trigger", "source", "target"):
                if event.get(key):
                    a, b = event[key]
                    assert r["start"] <= a < b <= r["end"], (r["sid"], key)


def test_the_support_verb_of_a_labelled_event_noun_is_no_example_of_no_event() -> None:
    """ "carried out strikes" and "imposed a curfew": writers take either word as the trigger,
    so the other one is left out of training, not taught as "no event"; a verb that acts on
    the noun ("condemned the attack") stays an example of no event."""
    from eventwire.nlp import load_nlp

    labels_of = _tool("candidate_labels")
    nlp = load_nlp()
    event = {"cameo": "190"}

    def left_out(text: str, labelled: str, others: list[str]) -> set[str]:
        doc = nlp(text)
        tokens = [t for t in doc if t.text in {labelled, *others}]
        labels = [event if t.text == labelled else None for t in tokens]
        return {tokens[n].text for n in labels_of.support_partners(tokens, labels)}

    assert left_out("Jets carried out strikes on the town.", "strikes", ["carried"]) == {"carried"}
    assert left_out("The army imposed a curfew in Kano.", "imposed", ["curfew"]) == {"curfew"}
    assert left_out("Egypt condemned the attack on Sunday.", "condemned", ["attack"]) == set()
    # nothing labelled, nothing left out
    tokens = [t for t in nlp("Jets carried out strikes.") if t.text in {"carried", "strikes"}]
    assert labels_of.support_partners(tokens, [None, None]) == set()


def test_a_predicative_adjective_trigger_labels_the_verb_that_governs_it() -> None:
    """ "found him guilty": the gold trigger "guilty" is no candidate, and its event is the
    training label of "found", not lost; an attributive adjective passes nothing on."""
    from types import SimpleNamespace

    from eventwire.nlp import load_nlp

    labels_of = _tool("candidate_labels")
    nlp = load_nlp()
    raw = SimpleNamespace(offsets=SimpleNamespace(span_to_raw=lambda span: span))

    def labelled(text: str, trigger: str) -> list[str]:
        doc = nlp(text)
        a = text.index(trigger)
        gold = [{"cameo": "116", "trigger": [a, a + len(trigger)]}]
        tokens = [t for t in doc if t.pos_ == "VERB"]
        labels, hit = labels_of.gold_of_candidates(doc, raw, tokens, gold)
        return [t.text for t, label in zip(tokens, labels, strict=True) if label] + sorted(
            f"hit{k}" for k in hit
        )

    assert labelled("A court in Lima found the former president guilty of bribery.", "guilty") == [
        "found",
        "hit0",
    ]
    assert labelled("The spokesman called the launch deplorable.", "deplorable") == [
        "called",
        "hit0",
    ]
    assert labelled("Guilty verdicts were read as protesters gathered.", "Guilty") == []


def test_the_other_sources_and_targets_of_one_act_are_not_taught_as_none() -> None:
    """ "Kenya and Uganda condemned the attack" is two events on one trigger: Uganda is as
    right a source as Kenya. A reciprocal pair ("X and Y agreed": X→Y and Y→X) adds nothing."""
    labels_of = _tool("candidate_labels")
    kenya = {"trigger": [20, 29], "source": [0, 5], "target": [30, 40]}
    uganda = {"trigger": [20, 29], "source": [10, 16], "target": [30, 40]}
    other_act = {"trigger": [50, 55], "source": [10, 16], "target": [30, 40]}
    merged = labels_of.with_partners(kenya, [kenya, uganda, other_act])
    assert merged["also_source"] == [[10, 16]] and merged["also_target"] == []
    there = {"trigger": [5, 11], "source": [0, 4], "target": [12, 16]}
    back = {"trigger": [5, 11], "source": [12, 16], "target": [0, 4]}
    merged = labels_of.with_partners(there, [there, back])
    assert merged["also_source"] == [] and merged["also_target"] == []
