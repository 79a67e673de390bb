"""The sentence gate: a sentence is coded at all only when its words and its likeliest
candidate together say it reports an event (``eventwire.events.gate``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import eventwire
from eventwire.events.classify import ModelError, load_classifier
from eventwire.events.gate import WEIGHTS, sentence_grams

SHELLING = "Turkish troops shelled Kurdish positions near Afrin on Monday."


def model_copy(tmp_path: Path, **changes: Any) -> Path:
    """The shipped model in a folder of its own, its model.json changed (None: key removed)."""
    folder = tmp_path / "model"
    shutil.copytree(Path(load_classifier().meta["__folder__"]), folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta.update(changes)
    meta = {k: v for k, v in meta.items() if v is not None}
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def coded(text: str, folder: Path) -> list[str]:
    config = eventwire.CoderConfig(model=str(folder))
    return [e.cameo for e in eventwire.extract(text, config=config).events]


def test_sentence_words_are_lower_cased_words_and_word_pairs_once_each():
    assert sentence_grams("Troops shelled, troops SHELLED.") == [
        "shelled",
        "shelled troops",
        "troops",
        "troops shelled",
    ]


def test_the_shipped_detector_tells_news_of_an_act_from_economy_and_sport():
    gate = load_classifier().gate
    assert gate is not None, "the shipped event model has a sentence gate"
    for act in (SHELLING, "The president urged the rebels to lay down their arms."):
        assert gate.sentence_probability(act) > 0.7, act
    for other in (
        "The central bank kept interest rates unchanged on Thursday, citing slowing inflation.",
        "Manchester United beat Chelsea 2-1 on Sunday.",
    ):
        assert gate.sentence_probability(other) < 0.3, other


def test_a_sentence_that_fails_the_gate_codes_nothing(tmp_path: Path):
    assert [c[:2] for c in coded(SHELLING, model_copy(tmp_path))] == ["19"]
    shut = model_copy(tmp_path / "shut", gate=1.01)
    assert coded(SHELLING, shut) == []


def test_a_rescued_sentence_codes_its_likeliest_candidate_alone(tmp_path: Path):
    # no candidate reaches the event threshold, but the sentence clears the rescue line: its
    # likeliest candidate is coded, and only that one
    text = "Turkish troops shelled Kurdish positions near Afrin and arrested dozens of fighters."
    shut = {"threshold": 1.01, "thresholds_by_position": []}
    rescued = model_copy(tmp_path, **shut, gate=0.0, rescue=0.0)
    assert [c[:2] for c in coded(text, rescued)] == ["19"]
    # passing the gate is not enough without a rescue line: the thresholds still decide
    passed = model_copy(tmp_path / "passed", **shut, gate=0.0, rescue=None)
    assert coded(text, passed) == []
    ungated = model_copy(
        tmp_path / "ungated", **shut, gate=None, gates_by_position=None, joiner=None, rescue=None
    )
    assert coded(text, ungated) == []


def test_the_gate_is_raised_further_into_a_story(tmp_path: Path):
    story = (
        SHELLING + " The shelling lasted for several hours, witnesses and local officials said."
        " Syrian government forces shelled rebel positions near Idlib on Tuesday."
    )
    assert len(coded(story, model_copy(tmp_path))) >= 2
    late_shut = model_copy(tmp_path / "late", gates_by_position=[[100, 1.01]])
    events = eventwire.extract(story, config=eventwire.CoderConfig(model=str(late_shut))).events
    assert [e.cameo[:2] for e in events] == ["19"]
    assert events[0].span[0] < 100


def test_a_gate_without_its_weights_is_a_clear_error(tmp_path: Path):
    folder = model_copy(tmp_path)
    (folder / WEIGHTS).unlink()
    with pytest.raises(ModelError, match=f"{WEIGHTS}"):
        load_classifier(str(folder))
