"""Property tests: the readers never raise on any bytes, the cleaner's offset map always leads
back to the character it came from, and ``extract`` gives one result line per input line."""

from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.ingest.clean import clean_body
from eventwire.ingest.readers import READERS, ReadOptions
from eventwire.ingest.records import Failure, RawRecord
from eventwire.ingest.sources import read_bytes

# the characters hostile text is made of: words, every kind of space and line break, and the
# invisible ones the cleaner must remove (bidi, zero-width, escapes, controls, surrogates)
HOSTILE_CHARS = st.sampled_from(
    list("Kenya met Uganda. ,;:'\"()-–")
    + [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2028", "\u3000"]
    + ["\u202e", "\u2066", "\u200b", "\u200f", "\ufeff", "\x1b", "[", "m", "\x00", "\x07"]
    + ["\ud800", "é", "ß", "🙂", "\u0301"]
)
HOSTILE_TEXT = st.text(HOSTILE_CHARS, max_size=300)
EXTENSIONS = sorted(ext for ext in READERS if ext not in {".html", ".htm"})


def _payloads() -> st.SearchStrategy[bytes]:
    """Raw bytes, text in several encodings, JSON-ish text, and gzip of any of them."""
    text = st.one_of(
        HOSTILE_TEXT,
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT,
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.sampled_from(["id", "text", "title", "published"]), inner)
            ),
            max_leaves=8,
        ).map(lambda obj: json.dumps(obj)),
    )
    encoded = st.tuples(
        text, st.sampled_from(["utf-8", "utf-16-le", "utf-16", "utf-32-be", "cp1252"])
    ).map(
        lambda pair: pair[0].encode(
            pair[1], errors="surrogatepass" if "utf" in pair[1] else "replace"
        )
    )
    plain = st.one_of(st.binary(max_size=400), encoded)
    return st.one_of(plain, plain.map(gzip.compress), plain.map(lambda b: gzip.compress(b)[:-3]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_payloads(), ext=st.sampled_from(EXTENSIONS), gz=st.booleans())
def test_readers_yield_records_or_failures_for_any_bytes(data, ext, gz):
    name = f"input{ext}{'.gz' if gz else ''}"
    items = list(read_bytes(data, name, name, ReadOptions()))
    for item in items:
        assert isinstance(item, RawRecord | Failure)
        if isinstance(item, Failure):
            assert item.origin.startswith(name) and item.reason
        else:
            assert isinstance(item.text, str) and item.text.strip()


@settings(max_examples=500, deadline=None)
@given(raw=HOSTILE_TEXT, title=st.none() | HOSTILE_TEXT)
def test_every_clean_character_maps_back_to_the_raw_character_it_came_from(raw, title):
    cleaned = clean_body(raw, title)
    text, offsets = cleaned.text, cleaned.offsets
    previous = -1
    for i, ch in enumerate(text):
        r = offsets.to_raw(i)
        assert 0 <= r < len(raw) and r > previous  # in order, never two on one raw character
        previous = r
        if ch in " \n":  # a space or break the cleaner wrote for a gap
            assert raw[r].isspace() or not raw[r].isprintable() or raw[r] == ch
        else:
            assert raw[r] == ch
    for invisible in ("\u202e", "\u2066", "\u200b", "\u200f", "\ufeff", "\x1b", "\x00", "\x07"):
        assert invisible not in text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.one_of(
            st.binary(max_size=80),
            HOSTILE_TEXT.map(lambda t: t.encode("utf-8", errors="surrogatepass")),
            st.builds(
                lambda i, t, p: json.dumps({"id": i, "text": t, "published": p}).encode(),
                st.one_of(st.text(max_size=5), st.integers(), st.lists(st.integers(), max_size=2)),
                HOSTILE_TEXT,
                st.one_of(st.none(), st.text(max_size=12), st.integers()),
            ),
        ).map(lambda b: b.replace(b"\n", b" ")),
        min_size=1,
        max_size=6,
    )
)
@example(lines=['{"id": "\u2028", "text": "Line\u2029separators\u0085inside"}'.encode()])
def test_extract_gives_one_result_line_for_every_input_line(cli, lines):
    payload = b"\n".join(lines) + b"\n"
    result = cli("extract", "-", input=payload)
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    expected = [b for b in lines if b.removeprefix(b"\xef\xbb\xbf").strip(b" \t\r")]
    assert len(out) == len(expected)
    for line in out:
        parsed = json.loads(line)
        assert isinstance(parsed["errors"], list) and isinstance(parsed["events"], list)
