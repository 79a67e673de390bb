"""Body-text cleaning that remembers where every character came from.

Wire copy arrives with a dateline prefix (``PARIS, May 28 (RIA Novosti) –``), site furniture
after the story (``Check Also …``, ``Leave a comment``, bylines) and hard-wrapped or ragged
whitespace. We strip those but keep an offset map, so spans found in the clean text can always
be traced back to the text as it arrived.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from eventwire.ingest.furniture import date_label, furniture_spans
from eventwire.model import Dateline, OffsetMap

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PLACE_WORD = r"[A-Z][\w'’.\-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ](?:{_PLACE_WORD}|al-\w+|de|of|el|la)){{0,3}}"
DATELINE_RE = re.compile(
    rf"""[ \t]*
    (?P<place>{_PLACE})
    (?:[ \t]*,[ \t]*(?P<date>{MONTH}[ \t]+\d{{1,2}}(?:[ \t]*,?[ \t]*\d{{4}})?))?
    (?:[ \t]*,[ \t]*(?P<src_plain>[A-Z][\w&.'’]*(?:[ ][A-Z][\w&.'’]*){{0,3}}))?
    (?:[ \t]*\((?P<src_paren>[^()\n]{{2,40}})\))?
    (?:[ \t]*(?:--|[–—])[ \t]*|[ \t]*-[ \t]+)""",
    re.VERBOSE,
)
MAX_DATELINE_CHARS = 100
MAX_HEADER_LINES = 2  # short lines (outlet, "Updated: …") allowed before a dateline

_FURNITURE_MARKER = re.compile(
    r"(?:check also|related(?: articles| posts| stories| news)?|read more|read also|see also"
    r"|you may also like|more from .{1,40}|leave a (?:comment|reply)|share this(?: article)?"
    r"|advertisement|comments?|tags?:.*|filed under:.*)\s*[:…]*",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"\((?:additional )?(?:reporting|writing|editing|compiled)\b.*\)|by [A-Z].{0,60}"
    r"|(?:reuters?|ap|afp|sana|ria novosti|tass|xinhua)",
    re.IGNORECASE,
)
_TRAILER_LINE = re.compile(  # boilerplate that ends a page, wherever it sits in the line
    r"all rights reserved|may not be (?:re)?published, broadcast|^copyright\b|^©"
    r"|^read or share this story|^sign up for\b|^click here\b|^follow \S+(?: \S+)? on "
    r"(?:twitter|facebook|instagram)|\bcontributed to this report\.?$",
    re.IGNORECASE,
)
_NOT_A_PLACE = {
    "FILE",
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "PHOTO",
    "VIDEO",
    "WATCH",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "EDITORIAL",
    "CORRECTED",
    "REFILE",
    "LIVE",
    "FACTBOX",
}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "and", "&", "/", "-"}
_SENTENCE_END = set('.!?"”’:…)]')
# Characters that are never text: terminal escape sequences (colour codes in logs and
# scraped consoles), bidirectional controls (U+202E would show the stored text reversed and
# spoofable), zero-width characters, C0 controls. They go, without a space in their place.
_INVISIBLE = (
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
    r"|[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]"
)
MAX_TOKEN_CHARS = 1000  # no word is longer; a longer run of non-space is junk (base64, a hash)
_INVISIBLE_RE = re.compile(_INVISIBLE)
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
_DROP_CHARS = re.compile(
    rf"(?:{_INVISIBLE}|[\s\u00a0\x0b\x0c]|\S{{{MAX_TOKEN_CHARS + 1},}}(?=\s|$))+"
)


@dataclass
class CleanText:
    text: str
    offsets: OffsetMap
    dateline: Dateline | None
    header: str | None  # short header lines removed before the dateline, e.g. "Xinhua | 2017-…"
    long_tokens: int = 0  # runs of non-space over MAX_TOKEN_CHARS, removed


def strip_invisible(text: str) -> str:
    """``text`` without escape sequences, bidi and zero-width characters (for titles)."""
    return _INVISIBLE_RE.sub("", text)


def clean_body(raw: str, title: str | None = None) -> CleanText:
    """Clean ``raw``; the title line is dropped if the body repeats it."""
    start = _skip_title(raw, title)
    dateline, header, start = _find_dateline(raw, start)
    label = date_label(raw, start)
    if label is not None:  # "Date of publication 7 October 2016" glued before the lede
        header = header or label.group(0).strip()
        start = label.end()
    end = _trailing_cut(raw, start)
    text, runs = _normalise_whitespace(raw, start, end, furniture_spans(raw, start, end))
    long_tokens = len(_LONG_TOKEN.findall(raw, start, end)) if len(raw) > MAX_TOKEN_CHARS else 0
    return CleanText(text, OffsetMap(tuple(runs)), dateline, header, long_tokens)


def _lines(raw: str, start: int, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line in raw[start:end], end exclusive of the newline."""
    end = len(raw) if end is None else end
    out = []
    pos = start
    while pos < end:
        nl = raw.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _skip_title(raw: str, title: str | None) -> int:
    if not title:
        return 0
    for s, e in _lines(raw, 0, min(len(raw), 4 * len(title) + 200)):
        line = raw[s:e].strip()
        if not line:
            continue
        return e if _norm(line) == _norm(title) else 0
    return 0


def _find_dateline(raw: str, start: int) -> tuple[Dateline | None, str | None, int]:
    header_lines: list[str] = []
    for s, e in _lines(raw, start, min(len(raw), start + 2000)):
        line = raw[s:e]
        if not line.strip():
            continue
        m = DATELINE_RE.match(raw, s, e)
        if m and _plausible_dateline(m):
            src = m.group("src_paren") or m.group("src_plain")
            dl = Dateline(
                text=m.group(0).strip(),
                place=m.group("place").strip(),
                date_text=m.group("date"),
                source=src.strip() if src else None,
                span=(s + len(m.group(0)) - len(m.group(0).lstrip()), m.end()),
            )
            return dl, (" | ".join(header_lines) or None), m.end()
        words = line.split()
        if len(header_lines) >= MAX_HEADER_LINES or len(words) > 12 or line.rstrip()[-1] == ".":
            break
        header_lines.append(line.strip())
    return None, None, start


def _plausible_dateline(m: re.Match[str]) -> bool:
    if len(m.group(0)) > MAX_DATELINE_CHARS:
        return False
    place = m.group("place")
    if place.upper() in _NOT_A_PLACE:
        return False
    has_more = m.group("date") or m.group("src_plain") or m.group("src_paren")
    return bool(has_more) or (place.isupper() and len(place) >= 3)


def _trailing_cut(raw: str, start: int) -> int:
    """End of the story proper: before ``Check Also``-style markers and trailing bylines."""
    lines = [(s, e) for s, e in _lines(raw, start) if _DROP_CHARS.sub("", raw[s:e])]
    if not lines:
        return start
    total = len(raw) - start
    end = len(raw)
    for s, e in lines[1:]:
        if s - start >= total * 0.5 and _FURNITURE_MARKER.fullmatch(raw[s:e].strip()):
            end = s
            break
    kept = [(s, e) for s, e in lines if e <= end]
    while len(kept) > 1 and _is_byline(
        _DROP_CHARS.sub(" ", raw[kept[-1][0] : kept[-1][1]]).strip()
    ):
        kept.pop()
        end = kept[-1][1]
    return end


def _is_byline(line: str) -> bool:
    """A signature or boilerplate line: names, an agency, a credit, a copyright notice."""
    if _CREDIT_LINE.fullmatch(line) or _FURNITURE_MARKER.fullmatch(line):
        return True
    if _TRAILER_LINE.search(line):
        return True
    words = line.replace("/", " / ").split()
    if not words or len(words) > 6 or line[-1] in _SENTENCE_END:
        return False
    return all(w[0].isupper() or w.lower().split("-")[0] in _NAME_PARTICLES for w in words)


def _is_hard_wrapped(raw: str, start: int, end: int) -> bool:
    lengths = [e - s for s, e in _lines(raw, start, end) if e > s]
    return len(lengths) >= 5 and statistics.median(lengths) < 85


def _normalise_whitespace(
    raw: str, start: int, end: int, cuts: Sequence[tuple[int, int]]
) -> tuple[str, list[tuple[int, int, int]]]:
    """The clean text of ``raw[start:end]`` and its offset runs. Whitespace is squeezed and
    invisible characters dropped; each furniture span in ``cuts`` becomes a paragraph break."""
    wrapped = _is_hard_wrapped(raw, start, end)
    parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    clean_len = 0
    pos = start
    for gap_start, gap_end, is_cut in _gaps(raw, start, end, cuts):
        if gap_start > pos:
            parts.append(raw[pos:gap_start])
            runs.append((clean_len, pos, gap_start - pos))
            clean_len += gap_start - pos
        pos = gap_end
        if clean_len == 0 or gap_end >= end:
            continue  # leading/trailing whitespace disappears
        gap = raw[gap_start:gap_end]
        newlines = gap.count("\n")
        if is_cut:
            repl = "\n\n"
        elif not _INVISIBLE_RE.sub("", gap):
            continue  # only invisible characters: they vanish, the word stays whole
        elif newlines >= 2:
            repl = "\n\n"
        elif newlines == 1 and (not wrapped or parts[-1][-1] in _SENTENCE_END):
            repl = "\n"
        else:
            repl = " "
        parts.append(repl)
        runs.append((clean_len, gap_start, len(repl)))
        clean_len += len(repl)
    if pos < end:
        parts.append(raw[pos:end])
        runs.append((clean_len, pos, end - pos))
    return "".join(parts), _merge_runs(runs)


def _gaps(
    raw: str, start: int, end: int, cuts: Sequence[tuple[int, int]]
) -> Iterator[tuple[int, int, bool]]:
    """In order: the runs of whitespace and junk to squeeze or drop, and each cut with the
    whitespace around it, flagged as a cut."""
    pos = start
    for cut_start, cut_end in cuts:
        while cut_start > pos and raw[cut_start - 1].isspace():
            cut_start -= 1
        while cut_end < end and raw[cut_end].isspace():
            cut_end += 1
        for m in _DROP_CHARS.finditer(raw, pos, cut_start):
            yield m.start(), m.end(), False
        yield cut_start, cut_end, True
        pos = cut_end
    for m in _DROP_CHARS.finditer(raw, pos, end):
        yield m.start(), m.end(), False


def _merge_runs(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for c, r, n in runs:
        if merged:
            pc, pr, pn = merged[-1]
            if pc + pn == c and pr + pn == r:
                merged[-1] = (pc, pr, pn + n)
                continue
        merged.append((c, r, n))
    return merged
