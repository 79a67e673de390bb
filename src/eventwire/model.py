"""The data model shared by every stage: plain dataclasses, no logic beyond (de)serialisation.

Spans are ``(start, end)`` character offsets into ``Article.text`` (the cleaned text that is
stored); ``Article.offsets`` maps them back to ``Article.raw_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]
HEADLINE = -1  # the sentence index of events coded from the title


@dataclass(frozen=True)
class OffsetMap:
    """Runs of ``(clean_start, raw_start, length)``: clean[c:c+n] came from raw[r:r+n].

    Characters the cleaner synthesised (a space for a line break) map to the raw position they
    replaced, so every clean offset has a raw counterpart.
    """

    runs: tuple[tuple[int, int, int], ...] = ()

    def to_raw(self, offset: int) -> int:
        """Raw offset of clean ``offset`` (an end offset maps just past its run)."""
        if not self.runs:
            return offset
        lo, hi = 0, len(self.runs) - 1
        while lo < hi:  # last run whose clean_start <= offset
            mid = (lo + hi + 1) // 2
            if self.runs[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        c, r, n = self.runs[lo]
        return r + min(max(offset - c, 0), n)

    def span_to_raw(self, span: Span) -> Span:
        start, end = span
        if end <= start:
            raw = self.to_raw(start)
            return (raw, raw)
        return (self.to_raw(start), self.to_raw(end - 1) + 1)

    def to_list(self) -> list[list[int]]:
        return [list(r) for r in self.runs]

    @classmethod
    def from_list(cls, runs: list[list[int]]) -> OffsetMap:
        return cls(tuple((int(c), int(r), int(n)) for c, r, n in runs))


@dataclass
class Article:
    """One news story as ingested: cleaned body text plus where each part came from."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_method: str | None = None  # metadata | override | dateline | text | url
    source: str | None = None
    source_method: str | None = None  # metadata | override | dateline
    url: str | None = None
    origin: str | None = None  # file path (and line) or URL it was read from
    raw_text: str | None = None  # the text before cleaning; ``offsets`` point into it
    offsets: OffsetMap = field(default_factory=OffsetMap)
    dateline: Dateline | None = None
    language: str | None = None
    content_hash: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Dateline:
    """A wire dateline such as ``PARIS, May 28 (RIA Novosti) –``; spans are into raw text."""

    text: str
    place: str | None
    date_text: str | None
    source: str | None
    span: Span


@dataclass
class Sentence:
    index: int
    start: int
    end: int


@dataclass
class Actor:
    """A resolved actor. ``code`` is CAMEO-style (country + sector, e.g. RUSGOV) or None."""

    text: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None


@dataclass
class Mention:
    """An entity mention in the text, with the actor it resolves to (if any)."""

    sentence: int
    start: int
    end: int
    text: str
    label: str
    actor: Actor | None = None


@dataclass
class Location:
    name: str
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    method: str | None = None  # text (a place phrase on the event's clause) | dateline
    span: Span | None = None  # the place phrase, for method "text"


@dataclass
class Plover:
    type: str
    mode: str | None = None
    context: str | None = None


@dataclass
class Event:
    source: Actor | None
    target: Actor | None
    cameo: str
    plover: Plover | None
    quad_class: int
    goldstein: float | None
    sentence: int
    span: Span
    evidence: str
    date: str | None = None
    date_precision: str | None = None  # day | week | month | year | inherited (publication)
    location: Location | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | intended | hypothetical
    date_end: str | None = None  # the last day of a range ("January 26-29")
    date_expression: str | None = None  # the words the date came from
    date_span: Span | None = None
    trigger: int | None = None  # the predicate's token in its Doc (the title's for headlines)
    # the coder's probability (0-1) that the event and its CAMEO code are right; None for
    # coders that give none
    confidence: float | None = None
    # where the source's and the target's words (their ``text``) stand, as ``span`` does
    source_span: Span | None = None
    target_span: Span | None = None


@dataclass
class Quote:
    """Who said what. ``span`` runs from the first opening mark to the last closing mark of a
    direct quote (a split quote's attribution included), or over the reported clause of an
    indirect one; ``content`` holds the quoted words themselves, one span per piece (a quote
    split by its attribution or running over paragraphs has several), and ``text`` joins them.
    """

    speaker: Actor | None
    text: str
    kind: str  # direct | indirect
    cue: str | None
    span: Span
    sentence: int | None = None
    content: list[Span] = field(default_factory=list)
    cue_span: Span | None = None
    # the words naming the speaker ("he", "the ministry"); for "previous", the earlier mention
    speaker_span: Span | None = None
    # subject | according-to | quoted-as | dash | label | previous | statement
    speaker_method: str | None = None
    events: list[int] = field(default_factory=list)  # indices into ArticleResult.events
    parent: int | None = None  # the quote whose content holds this one (a partial quote)


@dataclass
class ArticleResult:
    """Everything the pipeline learned about one article; what ``extract`` serialises."""

    article: Article | None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # named entities (nlp stage)
    actors: list[Mention] = field(default_factory=list)  # actor phrases with codes (actors stage)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    input_id: str | None = None  # the id given on input, even when the article was rejected

    @property
    def ok(self) -> bool:
        return self.article is not None and not self.errors
