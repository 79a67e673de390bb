"""Quotation marks → quoted stretches of text, before any parsing looks at them.

Works on characters, paragraph by paragraph, so a stray mark can never swallow the article:

- curly and guillemet marks say which way they face; a straight ``"`` faces the way its
  neighbours say (space before and a word after: opening), and otherwise closes whatever is
  open; nested marks (``“… “all sins,” …”``) stay inside the outer quote;
- a quote still open at the end of its paragraph continues when the next paragraph opens with a
  mark (the newspaper convention for a quote over several paragraphs); otherwise it ends there,
  or at the end of its sentence when the rest of the paragraph is long, and is flagged unclosed;
- a closing mark with nothing open is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.model import Span

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
BEFORE_OPENING = "([{—–-―/"
AFTER_CLOSING = ",.;:!?)]}—–-―…'’"
UNCLOSED_REACH = 400  # an unclosed quote runs to its paragraph's end only if that is this near
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
            lo = start + 1
            hi = end - 1 if end - 1 >= lo and text[end - 1] in MARKS else end
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;:"):
                hi -= 1
            if hi > lo:
                spans.append((lo, hi))
        return spans


def _role(text: str, i: int) -> str:
    """``open``, ``close`` or ``either`` for the mark at ``i``, from the mark and its context."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opens = (prev.isspace() or prev in BEFORE_OPENING or prev in OPENING) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or nxt in AFTER_CLOSING or nxt in CLOSING)
    mark = text[i]
    if mark in OPENING:
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
    return i if i < end and text[i] in MARKS and _role(text, i) != "close" else None


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
        for i in range(p_start, p_end):
            if text[i] not in MARKS:
                continue
            role = _role(text, i)
            if role == "open" or (role == "either" and not stack):
                stack.append(i)
            elif stack:
                opened = stack.pop()
                if stack:
                    continue  # a quote inside a quote stays part of the outer one
                if continuing is not None and opened == lead:
                    continuing.parts.append((opened, i + 1))
                    continuing = None
                else:
                    found.append(Quoted([(opened, i + 1)]))
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
