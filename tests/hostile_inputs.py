"""A generated corpus of hostile inputs, each kind with the outcome a user should see.

Nothing here is checked in as binary junk: every file is written by ``build`` into a fresh
folder. Each kind says whether its article is stored (perhaps with a warning) or refused, and
a phrase the one-line message must contain. ``tests/test_hostile_batch.py`` ingests them all in
one batch together with good articles.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

STORY = (
    "Kenya's foreign minister met the Ugandan ambassador in Nairobi on Monday and urged both "
    "governments to reopen the border crossing at Malaba, the ministry said in a statement."
)
SECOND = (
    "The two countries agreed to set up a joint committee on trade, a spokesman for the "
    "Ugandan embassy told reporters after the meeting."
)


def body(tag: str) -> str:
    """The story with a closing line of its own, so no two kinds store the same text."""
    return f"{STORY} {SECOND} The wire filed it as item {tag}."


HEADLINE = "Kenya urges Uganda to reopen border"


@dataclass
class Kind:
    """One kind of hostile input. ``outcome`` is ``stored``, ``warned`` (stored, with a warning
    naming it) or ``failed``; ``says`` is a phrase of the message (lower case)."""

    name: str
    make: Callable[[Path], Path]  # writes the input under the folder, returns its path
    outcome: str
    says: str = ""
    stored_text_lacks: tuple[str, ...] = ()  # characters that must not reach the stored text
    good_rows: int = 0  # a failed file's good records before the failure, which are stored


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _txt(tag: str, text: str | None = None, title: str = HEADLINE) -> str:
    return f"{title}\n\n{text or body(tag)}\n"


def _jsonl(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _gzip_bomb(folder: Path) -> Path:
    """A few hundred kilobytes that inflate to more than the 200 MB file limit."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip wrapper
    chunk = b" " * 1_000_000
    parts = [compressor.compress(_txt("bomb").encode())]
    parts += [compressor.compress(chunk) for _ in range(210)]
    parts.append(compressor.flush())
    return _write(folder, "bomb.txt.gz", b"".join(parts))


def _deleted(folder: Path) -> Path:
    """A file the batch lists but that is gone when its turn comes (see the test's hook)."""
    return _write(folder, "deleted-mid-batch.txt", _txt("deleted"))


def _symlink(folder: Path, name: str, target: str) -> Path:
    path = folder / name
    os.symlink(target, path)
    return path


def _loop(folder: Path) -> Path:
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    return folder / "loop-a.txt"


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _with_bom(encoding: str) -> bytes:
    return ("\ufeff" + _txt(encoding + " bom")).encode(encoding)


def _sentences(n: int) -> str:
    return " ".join(f"Police arrested {i} protesters in the capital." for i in range(n))


DEEP = "[" * 100_000 + "]" * 100_000
BIDI = "\u202e\u2066\u200f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060"

KINDS: list[Kind] = [
    Kind("deep nesting, .json", lambda f: _write(f, "deep.json", DEEP), "failed", "too deeply"),
    Kind(
        "deep nesting, one JSON line",
        lambda f: _write(f, "deep-line.jsonl", DEEP + "\n"),
        "failed",
        "too deeply",
    ),
    Kind(
        "lone surrogate byte sequence after emoji in UTF-8",
        lambda f: _write(
            f,
            "surrogate.txt",
            _txt("surrogate.txt", body("surrogate.txt") + " 🇰🇪🙂").encode()
            + b"\xed\xa0\x80 Talks went on.\n",
        ),
        "warned",
        "not valid utf-8",
        stored_text_lacks=("Ð", "í", "\ud800"),
    ),
    Kind(
        "lone surrogate escaped in JSON",
        lambda f: _write(
            f,
            "surrogate-escape.jsonl",
            '{"id": "sur", "text": "' + body("surrogate-escape.jsonl") + ' \\ud800 ok"}\n',
        ),
        "warned",
        "surrogate",
        stored_text_lacks=("\ud800",),
    ),
    Kind(
        "UTF-16 LE with BOM", lambda f: _write(f, "u16le-bom.txt", _with_bom("utf-16-le")), "stored"
    ),
    Kind(
        "UTF-16 BE with BOM", lambda f: _write(f, "u16be-bom.txt", _with_bom("utf-16-be")), "stored"
    ),
    Kind("UTF-32 with BOM", lambda f: _write(f, "u32-bom.txt", _with_bom("utf-32-le")), "stored"),
    Kind(
        "UTF-16 LE without BOM",
        lambda f: _write(f, "u16le.txt", _txt("u16le.txt").encode("utf-16-le")),
        "stored",
    ),
    Kind(
        "UTF-16 BE without BOM",
        lambda f: _write(f, "u16be.txt", _txt("u16be.txt").encode("utf-16-be")),
        "stored",
    ),
    Kind(
        "UTF-32 LE without BOM",
        lambda f: _write(f, "u32le.txt", _txt("u32le.txt").encode("utf-32-le")),
        "stored",
    ),
    Kind(
        "UTF-32 BE without BOM",
        lambda f: _write(f, "u32be.txt", _txt("u32be.txt").encode("utf-32-be")),
        "stored",
    ),
    Kind(
        "NUL bytes inside text",
        lambda f: _write(f, "nul.txt", _txt("nul.txt").replace("Nairobi", "Nai\x00robi").encode()),
        "warned",
        "nul",
        stored_text_lacks=("\x00",),
    ),
    Kind(
        "NUL escaped in a JSON field",
        lambda f: _write(
            f, "nul.jsonl", _jsonl({"id": "nul-json", "text": body("nul.jsonl") + "\u0000"})
        ),
        "stored",
        stored_text_lacks=("\x00",),
    ),
    Kind(
        "bidi controls",
        lambda f: _write(
            f, "bidi.txt", _txt("bidi.txt", body("bidi.txt").replace("Nairobi", f"Nai{BIDI}robi"))
        ),
        "stored",
        stored_text_lacks=tuple(BIDI),
    ),
    Kind(
        "zero-width characters",
        lambda f: _write(
            f,
            "zero-width.txt",
            _txt("zero-width.txt", body("zero-width.txt").replace("Uganda", f"Ug{ZERO_WIDTH}anda")),
        ),
        "stored",
        stored_text_lacks=tuple(ZERO_WIDTH),
    ),
    Kind(
        "ANSI escapes",
        lambda f: _write(
            f,
            "ansi.txt",
            _txt("ansi.txt", f"\x1b[1;31m{STORY}\x1b[0m {SECOND}\x1b]0;title\x07 Item ansi."),
        ),
        "stored",
        stored_text_lacks=("\x1b", "[1;31m", "[0m"),
    ),
    Kind(
        "a 1 MB single line",
        lambda f: _write(f, "one-line.txt", (STORY + " ") * (1_048_576 // (len(STORY) + 1) + 1)),
        "failed",
        "too long",
    ),
    Kind(
        "a 200,000-character token",
        lambda f: _write(
            f,
            "long-token.txt",
            _txt("long-token.txt", f"{STORY} {'x' * 200_000} {SECOND} Item long-token."),
        ),
        "warned",
        "token",
        stored_text_lacks=("x" * 1000,),
    ),
    Kind(
        "20,000 sentences",
        lambda f: _write(f, "many-sentences.txt", _txt("many-sentences.txt", _sentences(20_000))),
        "stored",
    ),
    Kind(
        "truncated gzip",
        lambda f: _write(
            f, "truncated.txt.gz", gzip.compress(_txt("truncated.txt.gz").encode() * 50)[:-40]
        ),
        "failed",
        "gzip",
    ),
    Kind(
        "not gzip at all",
        lambda f: _write(f, "plain.txt.gz", _txt("plain.txt.gz")),
        "failed",
        "gzip",
    ),
    Kind("gzip bomb", _gzip_bomb, "failed", "expands"),
    Kind(
        "CSV with an unterminated quote",
        lambda f: _write(
            f,
            "unterminated.csv",
            f'id,title,text\nc1,Border,"{body("unterminated.csv")}"\nc2,Talks,"{SECOND}\nc3,More,"{STORY}"\n',
        ),
        "failed",
        "quote",
        good_rows=1,
    ),
    Kind(
        "broken symlink",
        lambda f: _symlink(f, "broken.txt", "no-such-target.txt"),
        "failed",
        "broken",
    ),
    Kind("symlink loop", _loop, "failed", "loop"),
    Kind("named pipe", _fifo, "failed", "not a regular file"),
    Kind(
        "id that is a list",
        lambda f: _write(
            f, "id-list.jsonl", _jsonl({"id": ["a", "b"], "text": body("id-list.jsonl")})
        ),
        "failed",
        "id",
    ),
    Kind(
        "id that is an object",
        lambda f: _write(
            f, "id-object.jsonl", _jsonl({"id": {"n": 1}, "text": body("id-object.jsonl")})
        ),
        "failed",
        "id",
    ),
    Kind(
        "title that is an object",
        lambda f: _write(
            f,
            "title-object.jsonl",
            _jsonl({"id": "t-obj", "title": {"en": "x"}, "text": body("title-object.jsonl")}),
        ),
        "warned",
        "title",
    ),
    Kind(
        "date far in the future",
        lambda f: _write(
            f,
            "date-future.jsonl",
            _jsonl({"id": "d-fut", "published": "9999-12-31", "text": body("date-future.jsonl")}),
        ),
        "warned",
        "out of range",
    ),
    Kind(
        "date before any news",
        lambda f: _write(
            f,
            "date-past.jsonl",
            _jsonl({"id": "d-past", "published": "0001-01-01", "text": body("date-past.jsonl")}),
        ),
        "warned",
        "out of range",
    ),
    Kind(
        "timestamp that overflows",
        lambda f: _write(
            f,
            "date-huge.jsonl",
            _jsonl({"id": "d-huge", "published": 1e300, "text": body("date-huge.jsonl")}),
        ),
        "warned",
        "date",
    ),
    Kind(
        "HTML with only scripts",
        lambda f: _write(
            f,
            "scripts.html",
            "<html><head><script>var a=1;</script></head>"
            "<body><script>document.write('x')</script></body></html>",
        ),
        "failed",
        "no article text",
    ),
    Kind("deleted while the batch runs", _deleted, "failed", "vanished"),
    Kind(
        "text that is a list",
        lambda f: _write(
            f, "text-list.jsonl", _jsonl({"id": "t-list", "text": [body("text-list.jsonl")]})
        ),
        "failed",
        "no text",
    ),
    Kind(
        "carriage returns only",
        lambda f: _write(f, "cr.txt", _txt("cr.txt").replace("\n", "\r")),
        "stored",
    ),
]
