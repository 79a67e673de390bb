"""The real-news scorer: its rules on outputs written here, and agreement with the outside
scorer (../shared/tools/score_realnews.py) on the installed command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import need_shared

from eventwire.eval.realnews import (
    group,
    read_role_offsets,
    read_spans,
    score_outputs,
    sentence_key,
)


def event(cameo: str, start: int, source: str = "", target: str = "", negated: bool = False):
    return {
        "cameo": cameo,
        "span": [start, start + 5],
        "negated": negated,
        "source": {"text": source} if source else None,
        "target": {"text": target} if target else None,
    }


def test_groups_follow_conflibert():
    assert [group(c) for c in ("010", "020", "042", "073", "112", "163", "145", "190")] == [
        0, 0, 1, 2, 3, 3, 4, 4,
    ]  # fmt: skip


def test_first_non_negated_event_by_span_decides_and_no_event_is_class_0():
    rows = [("Aland attacked Borduria.", 4), ("Aland met Borduria.", 1), ("Nothing.", 0)]
    outputs = [
        {"events": [event("190", 10, negated=True), event("112", 20), event("190", 0)]},
        {"events": [event("040", 0, "Aland", "Borduria")]},
        {"events": []},
    ]
    spans = {"alandmetborduria": {"S": {"aland"}, "T": {"borduria"}}}
    score = score_outputs(rows, outputs, spans)
    assert score.confusion[4][4] == 1  # the 190 at 0 comes before the 112 at 20
    assert score.confusion[1][1] == 1 and score.confusion[0][0] == 1
    assert score.no_event == round(1 / 3, 3)
    assert (score.dyad_n, score.dyad_acc) == (1, 1.0)


def test_marked_roles_become_character_spans_of_the_sentence(tmp_path):
    text = "Rebel fighters of Aland shelled the town, Borduria's army said on Monday."
    tags = {"Rebel": "B-S", "fighters": "I-S", "of": "I-S", "Aland": "I-S",
            "Borduria": "B-T", "'s": "I-T", "army": "I-T"}  # fmt: skip
    tokens = ["Rebel", "fighters", "of", "Aland", "shelled", "the", "town", ",", "Borduria",
              "'s", "army", "said", "on", "Monday", "."]  # fmt: skip
    (tmp_path / "sentences.tsv").write_text(f"{text}\t4\nOther sentence.\t0\n", encoding="utf-8")
    conll = "\n".join(f"{t} {tags.get(t, 'O')}" for t in tokens)
    (tmp_path / "actors.conll").write_text(conll + "\n\nOther O\nsentence O\n. O\n")
    offsets = read_role_offsets(tmp_path)
    spans = offsets[sentence_key(text)]
    assert text[slice(*spans["source"])] == "Rebel fighters of Aland"
    assert text[slice(*spans["target"])] == "Borduria's army"
    assert offsets[sentence_key("Other sentence.")] == {}
    assert read_spans(tmp_path)[sentence_key(text)]["T"] == {"borduria", "army"}


def test_eval_realnews_agrees_with_the_outside_scorer(cli):
    shared = need_shared("data", "gold", "conflibert-cameo-dev").parents[2]
    exe = Path(sys.executable).parent / "eventwire"
    outside = subprocess.run(
        [sys.executable, str(shared / "tools" / "score_realnews.py"), "--exe", str(exe)],
        capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    theirs = json.loads(outside.stdout.splitlines()[0])
    ours = json.loads(cli("eval", "realnews", "--shared", str(shared)).stdout)
    for key in ("sentences", "macro_f1", "accuracy", "per_class_f1", "no_event", "dyad_acc"):
        assert ours[key] == theirs[key], key
