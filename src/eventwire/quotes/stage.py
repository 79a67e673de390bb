"""The quotes stage: direct and reported speech, their speakers, and the events inside them.

Runs after the actors and events stages over the same Doc (no second parse): quotation marks
are found on the text (``marks``), attributed on the parse (``direct``), reported speech is read
off reporting verbs (``reported``), speakers come from the actors stage's resolution
(``speaker``), and events coded inside a quote's content are linked to it (``link``).

A quote split by its attribution (``“…,” he said, “…”``) or running over several paragraphs is
ONE quote whose ``content`` has one span per piece. A quotation inside reported speech
(``adding that the government agreed “in principle”``) is a direct quote of its own whose
``parent`` is the reported quote; so is reported speech inside reported speech.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from eventwire.actors.found import ArticleActors, actors_of
from eventwire.model import ArticleResult, Quote, Span
from eventwire.quotes.direct import Candidate, candidates, is_long_clause, starts_sentence
from eventwire.quotes.link import link_events
from eventwire.quotes.marks import find_quoted, text_of
from eventwire.quotes.reported import Reported, reported
from eventwire.quotes.speaker import NOBODY, Speaker, resolve
from eventwire.quotes.turns import turns

if TYPE_CHECKING:
    from eventwire.config import CoderConfig

MERGE_GAP = 12  # tokens of attribution between the two halves of a split quote
COVERED = 0.5  # reported speech mostly inside a quotation is that quotation


class _Draft:
    """A quote being built: token positions until speakers are resolved."""

    def __init__(
        self,
        kind: str,
        content: list[Span],
        span: Span,
        cue: tuple[int, int] | None,
        speaker: Token | None,
        method: str | None,
    ) -> None:
        self.kind = kind
        self.content = content
        self.span = span
        self.cue = cue  # token span of the cue phrase
        self.speaker_token = speaker
        self.method = method
        self.speaker: Speaker = NOBODY
        self.inherit: str | None = None  # "previous" | "parent"
        self.parent: _Draft | None = None


def find_quotes(doc: Doc, result: ArticleResult, config: CoderConfig) -> None:
    """Quotes stage."""
    from eventwire.actors.kb import knowledge_base

    found = actors_of(doc)
    country = knowledge_base(config).country
    labelled = turns(doc)
    drafts = _direct(doc, [t.paragraph for t in labelled])
    for turn in labelled:
        cue = (turn.cue.i, turn.cue.i + 1)
        span = (turn.speaker.idx, turn.content[1])
        drafts.append(_Draft("direct", [turn.content], span, cue, turn.speaker, "label"))
    inside: set[int] = set()
    for d in drafts:
        for start, end in d.content:
            words = doc.char_span(start, end, alignment_mode="expand")
            if words is not None:
                inside.update(range(words.start, words.end))
    drafts.extend(_indirect(doc, reported(doc, inside), drafts))
    drafts.sort(key=lambda d: (d.span[0], -d.span[1]))
    _nest(drafts)
    drafts = [d for d in drafts if d.inherit != "parent" or d.parent is not None]
    _speakers(drafts, found, country)
    quotes = [_quote(doc, d) for d in drafts]
    index = {id(d): i for i, d in enumerate(drafts)}
    for quote, d in zip(quotes, drafts, strict=True):
        quote.parent = index.get(id(d.parent)) if d.parent is not None else None
    link_events(quotes, result.events, doc)
    starts = [s.start for s in result.sentences]
    for quote in quotes:
        anchor = quote.cue_span[0] if quote.cue_span else quote.span[0]
        quote.sentence = max(0, bisect.bisect_right(starts, anchor) - 1) if starts else None
    result.quotes.extend(quotes)


# ---------------------------------------------------------------------------- direct
def _direct(doc: Doc, labelled: list[Span]) -> list[_Draft]:
    """Quotations and their attribution; paragraphs with a speaker label are the label's."""
    quoted = []
    for q in find_quoted(text_of(doc)):
        q.parts = [p for p in q.parts if not any(s <= p[0] < e for s, e in labelled)]
        if q.parts:
            quoted.append(q)
    cands = candidates(doc, quoted)
    drafts: list[_Draft] = []
    previous: tuple[Candidate, _Draft] | None = None
    for c in cands:
        if previous is not None and _continues_split(doc, previous[0], c):
            draft = previous[1]
            draft.content.extend(c.content)
            draft.span = (draft.span[0], c.quoted.span[1])
            previous = (c if c.cue is not None else previous[0], draft)
            continue
        if c.cue is not None:
            cue = (c.cue.i, c.cue.i + 1)
            draft = _Draft("direct", list(c.content), c.quoted.span, cue, c.speaker, c.method)
            draft.method = c.speaker_method
        elif c.kind == "label":
            continue  # a name or a term in quotation marks
        elif is_long_clause(doc, c) and starts_sentence(doc, c):
            draft = _Draft("direct", list(c.content), c.quoted.span, None, None, None)
            draft.inherit = "previous"
            near = previous is not None and _paragraphs_apart(doc, previous[1], draft) <= 1
            if not near:
                draft.inherit = None  # an unknown speaker: kept, with a null code
        elif c.quoted.closed:
            draft = _Draft("direct", list(c.content), c.quoted.span, None, None, None)
            draft.inherit = "parent"  # speech only inside reported speech; else dropped
        else:
            continue
        drafts.append(draft)
        previous = (c, draft)
    return drafts


def _continues_split(doc: Doc, first: Candidate, second: Candidate) -> bool:
    """ "“…,” he said, “…”" and "“…,” he said. “…”": the second half has no cue of its own
    (or the same one), and only the first half's attribution stands between them."""
    if first.cue is None or first.cue.i < first.last:
        return False  # the attribution must stand between the halves
    if second.cue is not None and second.cue.i != first.cue.i:
        return False
    if second.kind == "label":
        return False
    gap = doc[first.last + 1 : second.first]
    if len(gap) > MERGE_GAP or "\n" in gap.text:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} and t.i != first.cue.i for t in gap)


def _paragraphs_apart(doc: Doc, earlier: _Draft, later: _Draft) -> int:
    between = text_of(doc)[earlier.span[1] : later.span[0]]
    return between.count("\n\n") + (1 if "\n" in between and "\n\n" not in between else 0)


# ---------------------------------------------------------------------------- reported
def _indirect(doc: Doc, items: Iterable[Reported], direct: list[_Draft]) -> list[_Draft]:
    quoted = [s for d in direct if d.inherit != "parent" for s in d.content]
    cues = {d.cue[0] for d in direct if d.cue is not None}
    drafts = []
    for r in items:
        if r.cue.i in cues:
            continue  # "“…,” said Lavrov addressing reporters": the quotation is what he said
        lo, hi = _paragraph(text_of(doc), r.cue.idx)
        content = []
        for s, e in r.parts:
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
            clipped = _strip(text_of(doc), max(lo, start), min(hi, end))
            if clipped[1] <= clipped[0]:
                continue
            if (start < lo or end > hi) and len(r.parts) > 1 and not _has_verb(doc, clipped):
                continue  # a heading run into the sentence, clipped to "Earlier"
            content.append(clipped)
        if not content:
            continue
        total = sum(e - s for s, e in content)
        covered = sum(_overlap(span, q) for span in content for q in quoted)
        if covered >= COVERED * total:
            continue  # "Lavrov noted that “…”": the quotation is the quote
        span = (content[0][0], content[-1][1])
        cue = (r.cue.i, r.cue_end)
        drafts.append(_Draft("indirect", content, span, cue, r.speaker, r.speaker_method))
    return drafts


def _has_verb(doc: Doc, span: Span) -> bool:
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    return words is not None and any(t.pos_ in {"VERB", "AUX"} for t in words)


def _paragraph(text: str, at: int) -> Span:
    """Reported speech stays in its cue's paragraph (headings run into sentences otherwise)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in '“”",;:'):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in '“”",;:.'):
        end -= 1
    return start, end


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# ---------------------------------------------------------------------------- structure
def _within(inner: _Draft, outer: _Draft) -> bool:
    """Most of the inner quote's words lie in the outer quote's content."""
    size = sum(e - s for s, e in inner.content)
    shared = sum(_overlap(a, b) for a in inner.content for b in outer.content)
    return size > 0 and shared >= 0.8 * size


def _nest(drafts: list[_Draft]) -> None:
    """Each quote's parent: the innermost other quote whose content holds it."""
    for i, d in enumerate(drafts):
        for outer in reversed(drafts[:i]):
            if outer is not d and _within(d, outer):
                d.parent = outer
                break


def _speakers(
    drafts: list[_Draft], found: ArticleActors, country: Callable[[str], str | None]
) -> None:
    """Resolve speakers in reading order; ``it``/"the statement" take the last organisation."""
    last: Speaker | None = None
    last_direct: Speaker | None = None
    for d in drafts:
        if d.inherit == "parent" and d.parent is not None:
            d.speaker = d.parent.speaker
            d.cue = d.parent.cue
        elif d.inherit == "previous" and last_direct is not None:
            d.speaker = Speaker(last_direct.actor, last_direct.span, "previous")
        elif d.speaker_token is not None:
            d.speaker = resolve(d.speaker_token, found, last, d.method or "subject", country)
        if d.speaker.actor is not None and d.speaker.actor.code:
            last = d.speaker
        if d.kind == "direct" and d.parent is None:
            last_direct = d.speaker


def _quote(doc: Doc, d: _Draft) -> Quote:
    text = " … ".join(text_of(doc)[s:e] for s, e in d.content)
    cue_span = None
    cue_text = None
    if d.cue is not None:
        first, last = doc[d.cue[0]], doc[d.cue[1] - 1]
        cue_span = (first.idx, last.idx + len(last))
        cue_text = text_of(doc)[cue_span[0] : cue_span[1]]
    return Quote(
        speaker=d.speaker.actor,
        text=text,
        kind=d.kind,
        cue=cue_text,
        span=d.span,
        content=list(d.content),
        cue_span=cue_span,
        speaker_span=d.speaker.span,
        speaker_method=d.speaker.method,
    )
