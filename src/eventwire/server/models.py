"""Pydantic models of the explorer API's responses (they make the OpenAPI schema at /docs)."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

# PLOVER event types that CAMEO codes map to (eventwire/data/cameo_plover.tsv); a test checks
# that this list and the ontology agree.
PloverType = Literal[
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONCEDE",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
]
Modality = Literal["asserted", "intended", "hypothetical"]
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


class Page(BaseModel, Generic[T]):
    """One page of a list: ``next`` is the URL of the following page, or null on the last."""

    total: int = Field(description="Rows matching the filters, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, null on the last page.")
    items: list[T]


class Event(BaseModel):
    """A coded event. Spans (``start_char``/``end_char`` and the date and location spans)
    index the article's stored ``text``; for a headline event (``sentence`` -1) they index
    its title."""

    id: int
    article_id: str
    article_title: str | None
    article_source: str | None = Field(description="The article's outlet.")
    article_published: str | None
    date: str | None
    date_end: str | None
    date_precision: str | None
    date_expression: str | None
    source_text: str | None
    source_code: str | None
    source_name: str | None
    source_country: str | None
    source_sector: str | None
    cameo: str
    cameo_name: str | None = None
    target_text: str | None
    target_code: str | None
    target_name: str | None
    target_country: str | None
    target_sector: str | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    quad_class: int | None
    goldstein: float | None
    confidence: float | None = Field(
        default=None,
        description="The coder's probability (0-1) that the event and its CAMEO code are "
        "right; null for coders that give none. A merged event shows its representative "
        "report's.",
    )
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    location_method: str | None
    negated: bool
    modality: str
    sentence: int
    start_char: int
    end_char: int
    evidence: str | None
    date_start_char: int | None
    date_end_char: int | None
    location_start_char: int | None
    location_end_char: int | None
    group_id: int | None = Field(
        default=None,
        description="Its merged event (GET /api/events/groups/{group_id}); null when the "
        "store has not deduplicated it (a group of its own).",
    )
    num_mentions: int = Field(default=1, description="Reports of its merged event (GDELT).")
    num_sources: int = Field(default=1, description="Distinct outlets reporting it.")
    num_articles: int = Field(default=1, description="Distinct articles reporting it.")


class ArticleEvent(Event):
    quotes: list[int] = Field(description="Ids of the quotes this event was coded inside.")


class MergedEvent(BaseModel):
    """A merged event: the values dedup chose for it, and GDELT-style counts of its reports."""

    id: int
    date: str | None
    date_end: str | None
    date_precision: str | None
    source_code: str | None
    source_country: str | None
    source_sector: str | None
    cameo: str
    cameo_name: str | None = None
    target_code: str | None
    target_country: str | None
    target_sector: str | None
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    negated: bool
    modality: str
    num_mentions: int
    num_sources: int
    num_articles: int
    num_stories: int = Field(description="Distinct stories (syndicated copies folded).")
    first_reported: str | None
    last_reported: str | None
    event_id: int | None = Field(description="Its representative report (an event id).")
    evidence: str | None


class GroupMention(BaseModel):
    """One report of a merged event: an event of an article (spans index its ``text``)."""

    event_id: int
    article_id: str
    outlet: str | None
    reported: str | None = Field(description="The article's publication date.")
    title: str | None
    story_id: int | None
    sentence: int
    start_char: int
    end_char: int
    evidence: str | None
    source_code: str | None
    cameo: str
    target_code: str | None
    date: str | None
    date_end: str | None
    date_precision: str | None
    location_name: str | None
    location_method: str | None
    negated: bool
    modality: str
    merge_note: dict[str, Any] | None = Field(
        description="Why it is in the group: {founded: …} or {joined: …, checks: {…}}."
    )


class GroupDetail(BaseModel):
    group: MergedEvent
    mentions: list[GroupMention]


class Actor(BaseModel):
    code: str
    name: str | None
    country: str | None
    sector: str | None
    as_source: int
    as_target: int
    events: int


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    chars: int
    events: int
    quotes: int


class Mention(BaseModel):
    """A named entity or an actor phrase (label ``ACTOR:<how it was resolved>``)."""

    id: int
    sentence: int
    start_char: int
    end_char: int
    text: str
    label: str | None
    actor_code: str | None
    actor_name: str | None
    actor_country: str | None
    actor_sector: str | None


class Quote(BaseModel):
    """A quote; ``content`` holds the spans of the quoted words, ``start_char``/``end_char``
    the whole quote with its marks."""

    id: int
    article_id: str
    article_title: str | None
    article_published: str | None
    article_source: str | None
    idx: int | None
    kind: str
    speaker_text: str | None
    speaker_code: str | None
    speaker_name: str | None
    speaker_country: str | None
    speaker_sector: str | None
    speaker_method: str | None
    cue: str | None
    text: str
    sentence: int | None
    start_char: int
    end_char: int
    content: list[list[int]]
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    parent: int | None
    events: list[int]


class ArticleDetail(BaseModel):
    id: str
    title: str | None
    text: str
    published: str | None
    published_method: str | None
    source: str | None
    source_method: str | None
    url: str | None
    dateline: str | None
    dateline_place: str | None
    language: str | None
    ingested_at: str | None
    sentences: list[list[int]] = Field(description="[start, end] of each sentence.")
    events: list[ArticleEvent]
    mentions: list[Mention]
    quotes: list[Quote]


class Outlet(BaseModel):
    name: str
    articles: int
    events: int


class Summary(BaseModel):
    database: str
    schema_version: int
    articles: int
    events: int
    quotes: int
    event_dates: list[str | None]
    published: list[str | None]
    plover_types: list[str]
    quad_classes: dict[int, str]


class TimelineBucket(BaseModel):
    period: str = Field(description="First day of the day, ISO week (Monday) or month.")
    group: str | None = Field(description="Quad class (1-4) or PLOVER type; null if none.")
    count: int


class Timeline(BaseModel):
    interval: Literal["day", "week", "month"]
    group_by: Literal["quad_class", "plover_type"]
    buckets: list[TimelineBucket]


class NetworkNode(BaseModel):
    id: str = Field(description="Actor code (or country code at level=country).")
    name: str | None
    as_source: int
    as_target: int
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    count: int
    goldstein_mean: float | None
    quad_counts: list[int] = Field(description="Events in quad classes 1, 2, 3 and 4.")
    cooperation_share: float = Field(description="Share of quad classes 1-2 (cooperation).")


class Network(BaseModel):
    level: Literal["actor", "country"]
    total_edges: int = Field(description="Edges under the filters, before the limit.")
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class MapPoint(BaseModel):
    lat: float
    lon: float
    name: str | None
    country: str | None
    count: int
    goldstein_mean: float | None
    cooperation_share: float


class MapPoints(BaseModel):
    total_points: int = Field(description="Distinct places under the filters, before the limit.")
    points: list[MapPoint]


class WatchPoll(BaseModel):
    """One poll of `eventwire watch`: its times (ISO 8601, UTC) and what it found."""

    started_at: str
    finished_at: str
    sources: int = Field(description="Sources polled.")
    new_items: int = Field(description="Items not seen before.")
    coded: int = Field(description="New items coded and stored as articles.")
    failed: int
    events: int
    alerts: int
    errors: list[str] = Field(description="The sources that could not be read, and why.")


class WatchSource(BaseModel):
    source: str = Field(description="A feed, sitemap or page URL, or a directory.")
    kind: str
    last_polled_at: str | None
    last_status: str | None = Field(description='"200", "304", or why it failed.')
    items: int


class StoredSince(BaseModel):
    time: str = Field(description="The `since` asked for.")
    articles: int = Field(description="Articles stored at or after it.")
    events: int = Field(description="Their events (/api/events?ingested_since=… lists them).")


class WatchStatus(BaseModel):
    """What `eventwire watch` has done to this store, and what was stored since a time."""

    watching: bool = Field(description="The store has been polled at least once.")
    polls: int
    last_poll: WatchPoll | None
    sources: list[WatchSource]
    alerts: int = Field(description="Alerts recorded.")
    since: StoredSince | None = Field(description="Null without `since`.")


class Problem(BaseModel):
    """An error: what went wrong, in words."""

    detail: str
    error: str | None = None
