"""The learned coder loads and codes with the network blocked, and refuses weights that are not
the pinned ones."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from eventwire.events.classify import ModelError, load_classifier

BLOCKED = """
import socket

def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""

CODE = """
import json, eventwire
from eventwire.events.classify import load_classifier
load_classifier.cache_clear()
result = eventwire.extract("Poland demanded that Belarus withdraw its troops from the border.")
print(json.dumps([[e.cameo, e.confidence] for e in result.events]))
"""


def test_the_model_loads_and_codes_with_the_network_blocked():
    proc = subprocess.run(
        [sys.executable, "-c", BLOCKED + CODE],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "0"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = json.loads(proc.stdout.strip().splitlines()[-1])
    assert [code[:2] for code, _ in events] == ["10"]
    assert all(0.0 < conf <= 1.0 for _, conf in events)


def test_a_damaged_model_folder_is_a_clear_error(tmp_path: Path):
    (tmp_path / "model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot load the event model"):
        load_classifier(str(tmp_path))


@pytest.mark.parametrize("by_position", [[[1000]], [["far", 0.6]], 0.6])
def test_malformed_thresholds_by_place_are_a_clear_error(tmp_path: Path, by_position):
    folder = tmp_path / "model"
    shutil.copytree(Path(load_classifier().meta["__folder__"]), folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["thresholds_by_position"] = by_position
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=f"event model in {folder} has a malformed value"):
        load_classifier(str(folder))


def test_a_model_folder_from_training_is_used_instead_of_the_shipped_one(tmp_path: Path):
    shipped = Path(load_classifier().meta["__folder__"])
    folder = tmp_path / "model"
    shutil.copytree(shipped, folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["threshold"] = meta["gate"] = 1.01  # nothing can pass: the coder must code no event
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    import eventwire

    config = eventwire.CoderConfig(model=str(folder))
    result = eventwire.extract("Poland demanded that Belarus withdraw its troops.", config=config)
    assert result.events == []
    assert np.isclose(load_classifier(str(folder)).threshold, 1.01)


def test_a_sentence_further_into_the_story_needs_a_surer_model(tmp_path: Path):
    import eventwire

    shipped = Path(load_classifier().meta["__folder__"])
    folder = tmp_path / "model"
    shutil.copytree(shipped, folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    # the lede codes what the shipped model codes; past 250 characters nothing can pass
    meta["thresholds_by_position"] = meta["gates_by_position"] = [[250, 1.01]]
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    act = "Poland demanded that Belarus withdraw its troops from the border."
    filler = "The two neighbours have argued over the border for years. " * 6
    config = eventwire.CoderConfig(model=str(folder))
    result = eventwire.extract(act + " " + filler + act, config=config)
    assert [e.cameo[:2] for e in result.events] == ["10"]
    assert result.events[0].sentence == 0
    clf = load_classifier(str(folder))
    assert clf.threshold_at(0) == clf.threshold_at(249) == meta["threshold"]
    assert clf.threshold_at(250) == clf.threshold_at(9000) == 1.01
    # without the map, one threshold holds everywhere, as before
    shipped_meta = json.loads((shipped / "model.json").read_text(encoding="utf-8"))
    shipped_meta.pop("thresholds_by_position", None)
    shipped_meta.pop("gates_by_position", None)
    (folder / "model.json").write_text(json.dumps(shipped_meta), encoding="utf-8")
    load_classifier.cache_clear()
    again = eventwire.extract(act + " " + filler + act, config=config)
    assert [e.cameo[:2] for e in again.events] == ["10", "10"]
