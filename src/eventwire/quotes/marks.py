"""Quotation marks → quoted stretches of text, before any parsing looks at them.

Works on characters, paragraph by paragraph, so a stray mark can never swallow the article:

- curly and guillemet marks say which way they face; a straight ``"`` faces the way its
  neighbours say (space before and a word after: opening), and otherwise closes whatever is
  open; nested marks (``“… “all sins,” …”``) stay inside the outer quote;
- a quote still open at the end of its paragraph continues when the next paragraph opens with a
  mark (the newspaper convention for a quote over several paragraphs); otherwise it ends there,
  or at the end of its sentence when the rest of the paragraph is long, and is flagged unclosed;
- a closing mark with nothing open is ignored;
- typewriter marks (``''``, and ```` ``) count as double quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventwire.model import Span

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
DOUBLED = ("''", "``")  # typewriter quotation marks (NYT archive text): '' faces both ways
QUOTE_TOKENS = frozenset({*MARKS, *DOUBLED})  # how the marks come out of the tokenizer
BEFORE_OPENING = "([{—–-―/"
AFTER_CLOSING = ",.;:!?)]}—–-―…'’"
UNCLOSED_REACH = 400  # an unclosed quote runs to its paragraph's end only if that is this near
TEXT_KEY = "eventwire.quotes.text"
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"])")


@dataclass
class Quoted:
    """One quotation: ``parts`` are (opening mark, just past the closing mark) per paragraph."""

    parts: list[Span] = field(default_factory=list)
    closed: bool = True

    @property
    def span(self) -> Span:
        return (self.parts[0][0], self.parts[-1][1])

    def content(self, text: str) -> list[Span]:
        """The quoted words of each part: marks, surrounding space and a trailing comma off."""
        spans = []
        for start, end in self.parts:
            lo = start + mark_length(text, start)
            hi = end
            if hi - 2 >= lo and text[hi - 2 : hi] in DOUBLED:
                hi -= 2
            elif hi - 1 >= lo and text[hi - 1] in MARKS:
                hi -= 1
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;:"):
                hi -= 1
            if hi > lo:
                spans.append((lo, hi))
        return spans


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (spaCy rebuilds it from the tokens on every call)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def mark_length(text: str, i: int) -> int:
    """2 for a typewriter mark at ``i``, 1 for any other mark, 0 for no mark."""
    if text[i : i + 2] in DOUBLED:
        return 2
    return 1 if i < len(text) and text[i] in MARKS else 0


def _marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(position, length) of every quotation mark in text[start:end]."""
    found = []
    i = start
    while i < end:
        n = mark_length(text, i) if text[i] in MARKS or text[i] in "'`" else 0
        if n:
            found.append((i, n))
            i += n
        else:
            i += 1
    return found


def _role(text: str, i: int, n: int = 1) -> str:
    """``open``, ``close`` or ``either`` for the mark at ``i`` (``n`` characters long)."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + n] if i + n < len(text) else " "
    opens = (prev.isspace() or prev in BEFORE_OPENING or prev in OPENING) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or nxt in AFTER_CLOSING or nxt in CLOSING)
    mark = text[i : i + n]
    if mark in OPENING or mark == "``":
        return "close" if closes and not opens and prev not in OPENING else "open"
    if mark in CLOSING:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _paragraphs(text: str) -> list[Span]:
    spans = []
    start = 0
    for m in re.finditer(r"\n+", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _unclosed_end(text: str, start: int, para_end: int) -> int:
    """Where an unclosed quote stops: its paragraph's end when near, else its sentence's end."""
    if para_end - start <= UNCLOSED_REACH:
        return para_end
    m = SENTENCE_END.search(text, start + 1, para_end)
    return m.end() if m else min(para_end, start + UNCLOSED_REACH)


def _leading_mark(text: str, paragraph: Span) -> int | None:
    """The opening mark a paragraph begins with, if any."""
    start, end = paragraph
    i = start
    while i < end and text[i].isspace():
        i += 1
    n = mark_length(text, i) if i < end else 0
    return i if n and _role(text, i, n) != "close" else None


def find_quoted(text: str) -> list[Quoted]:
    """The top-level quotations of ``text`` in reading order."""
    found: list[Quoted] = []
    carried: Quoted | None = None  # a quote open at the end of the previous paragraph
    paragraphs = _paragraphs(text)
    for p, paragraph in enumerate(paragraphs):
        p_start, p_end = paragraph
        lead = _leading_mark(text, paragraph)
        continuing = carried if lead is not None else None
        carried = None
        stack: list[int] = []  # positions of the marks still open
        for i, n in _marks(text, p_start, p_end):
            role = _role(text, i, n)
            if role == "open" or (role == "either" and not stack):
                stack.append(i)
            elif stack:
                opened = stack.pop()
                if stack:
                    continue  # a quote inside a quote stays part of the outer one
                if continuing is not None and opened == lead:
                    continuing.parts.append((opened, i + n))
                    continuing = None
                else:
                    found.append(Quoted([(opened, i + n)]))
            # a closing mark with nothing open is ignored
        if not stack:
            continue
        opened = stack[0]
        quote = continuing if continuing is not None and opened == lead else None
        if quote is None:
            quote = Quoted()
            found.append(quote)
        nxt = paragraphs[p + 1] if p + 1 < len(paragraphs) else None
        if nxt is not None and _leading_mark(text, nxt) is not None:
            quote.parts.append((opened, p_end))
            carried = quote
        else:
            quote.parts.append((opened, _unclosed_end(text, opened, p_end)))
            quote.closed = False
    return sorted(found, key=lambda q: q.span)
