"""When two coded events are one happening: the matching rules, each with its explanation.

A new mention is compared with an event group's representative record (never with every member,
so a chain of loose matches cannot grow a group without bound). It joins when all of these hold:

- **negation and modality** are equal (``did not meet`` is not ``met``; ``will meet`` is not).
- **actors**: same country (the IGO/NGO/IMG part for organisations), and compatible sectors:
  equal, or missing on one side (``RUS`` ~ ``RUSGOV``; a person resolves to their role code, so
  Lavrov is ``RUSGOV`` like "the Russian government"); when both have codes, one must refine the
  other (``SYRREB`` ~ ``SYRREBMUS``, but ``IMGMUSISI`` is not ``IMGMUSALQ``). ``RUSGOV`` and
  ``RUSMIL`` do not merge. An event without a target merges only with events without one.
- **CAMEO**: same root (``041`` ~ ``044`` ~ ``040``), except ``042`` (make a visit) and ``043``
  (host a visit) in the same direction, which are opposite acts. The group keeps the most
  specific code (``0431`` over ``043`` over ``040``/``04``; between equally specific codes, the
  most frequent, then the earliest).
- **dates** overlap within a tolerance. Each mention stands for a span of days: its day (or
  ``date``..``date_end``), its week, its calendar month or year, or for ``inherited`` (the
  publication date, not a reported one) that day. Two spans match when the gap between them is
  at most the tolerance of the less precise one: day ±1, week ±1 (so weeks whose Mondays are 7
  days apart merge), month and year 0 (same month, same year), inherited ±3. A year merges
  only with a month or a year: "last year" against a day, a week or a publication date says
  nothing about being one happening. An undated mention (no date, no publication date) merges
  only with undated ones. The group takes the most precise date among its mentions (day >
  week > month > year > inherited).
- **places**: the same place, or none on one side. A place from the dateline (where the story
  was filed, e.g. a syndicating outlet's ``BEIRUT -``) never blocks a merge; two different
  places named in the text do, unless one is a country or region and the other lies in it.
- **direction**: the mention may match with source and target swapped only when both its code
  and the group's say the act has no direction: symmetric consultations ``040`` (consult),
  ``041`` (by telephone), ``044`` (meet at a third location) and ``046`` (negotiate), where
  ``A 044 B`` is ``B 044 A``; and the converse pair ``042``/``043``, where ``A 042 B`` (A
  visits B) is ``B 043 A`` (B hosts A). ``045`` (mediate) has a direction and never swaps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

SYMMETRIC = frozenset({"040", "041", "044", "046"})
CONVERSE = {"042": "043", "043": "042"}
TOLERANCE = {"day": 1, "week": 1, "month": 0, "year": 0, "inherited": 3}
MAX_TOLERANCE = max(TOLERANCE.values())
MAX_SPAN = 366  # days; longer ranges count as this long, so candidate queries stay bounded
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "inherited": 4}
# "the YPG captured Tel Abyad last year" is not "Kurdish forces captured Sarrin on Monday": a
# year says nothing about being one happening with an act dated to its day or week (on the
# FA-KES copy corpus it joined two stories' captures), nor with a publication date
VAGUE_AGAINST_A_YEAR = {"day", "week", "inherited", None}


@dataclass(frozen=True)
class Party:
    """An actor as the matcher sees it: ``key`` is its country part ('' when unknown)."""

    code: str | None
    country: str | None
    sector: str | None

    @property
    def key(self) -> str:
        return self.country or ""

    def specificity(self) -> tuple[int, int]:
        return (self.sector is not None, len(self.code or ""))

    def __str__(self) -> str:
        return self.code or f"{self.country or '---'}{self.sector or ''}"


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    geonameid: int | None
    method: str | None  # text | dateline
    lat: float | None = None
    lon: float | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.method})" if self.method else self.name


@dataclass(frozen=True)
class Record:
    """A coded event (a mention) or a group's representative, reduced to what matching needs."""

    source: Party | None
    target: Party | None
    cameo: str
    date: str | None
    date_end: str | None
    precision: str | None
    place: Place | None
    negated: bool = False
    modality: str = "asserted"

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def reversible(self) -> bool:
        return self.cameo[:3] in SYMMETRIC or self.cameo[:3] in CONVERSE

    def swapped(self) -> Record:
        """The same act told from the other side (only for ``reversible`` codes)."""
        code = self.cameo
        if code[:3] in CONVERSE:
            code = CONVERSE[code[:3]] + code[3:]
        return replace(self, source=self.target, target=self.source, cameo=code)

    def span(self) -> tuple[dt.date, dt.date] | None:
        return date_span(self.date, self.date_end, self.precision)

    def tolerance(self) -> int:
        return TOLERANCE.get(self.precision or "day", 1)


def date_span(
    date: str | None, date_end: str | None, precision: str | None
) -> tuple[dt.date, dt.date] | None:
    """The days a dated mention may stand for (None when it has no date)."""
    if not date:
        return None
    try:
        start = dt.date.fromisoformat(date[:10])
        end = dt.date.fromisoformat(date_end[:10]) if date_end else start
    except ValueError:
        return None
    end = max(start, end)
    if precision == "week":
        end = max(end, start + dt.timedelta(days=6))
    elif precision == "month":
        start = start.replace(day=1)
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        end = max(end, following - dt.timedelta(days=1))
    elif precision == "year":
        start, end = start.replace(month=1, day=1), max(end, start.replace(month=12, day=31))
    return start, min(end, start + dt.timedelta(days=MAX_SPAN))


@dataclass(frozen=True)
class Check:
    field: str
    ok: bool
    note: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of comparing a mention with a group: every check, and how close it was."""

    checks: tuple[Check, ...]
    reversed: bool
    gap: int  # days between the date spans (0 when overlapping or undated)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {
            "reversed": self.reversed,
            "checks": {c.field: c.note for c in self.checks},
        }


def party_check(role: str, a: Party | None, b: Party | None) -> Check:
    if a is None or b is None:
        ok = a is None and b is None
        return Check(role, ok, "no actor on either side" if ok else "an actor on one side only")
    if a.code and b.code:  # codes refine left to right: RUS < RUSGOV < RUSGOVLEG
        short, long_ = sorted((a.code, b.code), key=len)
        if not long_.startswith(short):
            return Check(role, False, f"{a} vs {b}: different actors")
    if a.key != b.key:
        return Check(role, False, f"{a} vs {b}: different countries")
    if a.sector and b.sector and a.sector != b.sector:
        return Check(role, False, f"{a} vs {b}: different sectors")
    if a.sector == b.sector:
        why = f"same country {a.key or '---'}, same sector {a.sector}" if a.sector else "same"
    else:
        why = f"same country {a.key or '---'}, no sector on one side"
    return Check(role, True, f"{a} ~ {b} ({why})")


def cameo_check(a: str, b: str) -> Check:
    if a[:2] != b[:2]:
        return Check("cameo", False, f"{a} vs {b}: different roots")
    if {a[:3], b[:3]} == {"042", "043"}:
        return Check("cameo", False, f"{a} vs {b}: a visit made and a visit hosted, same direction")
    return Check("cameo", True, f"{a} ~ {b} ({'same code' if a == b else f'same root {a[:2]}'})")


def date_check(a: Record, b: Record) -> tuple[Check, int]:
    sa, sb = a.span(), b.span()
    if sa is None or sb is None:
        if sa is None and sb is None:
            return Check("date", True, "no date on either side"), 0
        return Check("date", False, "a date on one side only: cannot tell"), 0
    gap = max(0, (sb[0] - sa[1]).days, (sa[0] - sb[1]).days)
    if "year" in {a.precision, b.precision} and {a.precision, b.precision} & VAGUE_AGAINST_A_YEAR:
        note = f"{a.date} ({a.precision}) vs {b.date} ({b.precision}): a year against a "
        return Check("date", False, note + "day, week or publication date says too little"), gap
    loose = max(a, b, key=lambda r: PRECISION_RANK.get(r.precision or "day", 0))
    tolerance = loose.tolerance()
    ok = gap <= tolerance
    note = (
        f"{a.date} ({a.precision}) {'~' if ok else 'vs'} {b.date} ({b.precision}): "
        f"{gap} day(s) apart, tolerance {tolerance} ({loose.precision})"
    )
    return Check("date", ok, note), gap


AreaTest = Callable[[Place], bool]


def place_check(a: Place | None, b: Place | None, is_area: AreaTest) -> Check:
    if a is None or b is None:
        return Check("place", True, "no place on one side")
    same = (a.geonameid is not None and a.geonameid == b.geonameid) or (
        a.geonameid is None and b.geonameid is None and a.name == b.name
    )
    if same:
        return Check("place", True, f"{a} = {b}")
    if "dateline" in (a.method, b.method):
        return Check("place", True, f"{a} vs {b}: a dateline place never blocks a merge")
    if a.country and a.country == b.country and (is_area(a) or is_area(b)):
        inner, outer = (b, a) if is_area(a) else (a, b)
        return Check("place", True, f"{inner} lies in {outer}")
    return Check("place", False, f"{a} vs {b}: different places")


def compare(
    mention: Record, group: Record, is_area: AreaTest, *, allow_reversed: bool = True
) -> Verdict:
    """The verdict for ``mention`` against ``group`` (direct first, then swapped)."""
    direct = _compare(mention, group, is_area, reversed_=False)
    if direct.ok or not allow_reversed:
        return direct
    if mention.reversible() and group.reversible():
        swapped = _compare(mention.swapped(), group, is_area, reversed_=True)
        if swapped.ok:
            return swapped
    return direct


def _compare(m: Record, g: Record, is_area: AreaTest, reversed_: bool) -> Verdict:
    same_mode = m.negated == g.negated and m.modality == g.modality
    mode = Check(
        "mode",
        same_mode,
        f"{_mode(m)} {'=' if same_mode else 'vs'} {_mode(g)}",
    )
    dates, gap = date_check(m, g)
    checks = [
        mode,
        party_check("source", m.source, g.source),
        party_check("target", m.target, g.target),
        cameo_check(m.cameo, g.cameo),
        dates,
        place_check(m.place, g.place, is_area),
    ]
    if reversed_:
        why = "converse codes" if m.cameo[:3] in CONVERSE else f"{g.cameo} has no direction"
        checks.append(Check("direction", True, f"source and target swapped ({why})"))
    return Verdict(tuple(checks), reversed_, gap)


def _mode(r: Record) -> str:
    return ("negated " if r.negated else "") + r.modality


def best(verdicts: Sequence[tuple[int, int, Verdict]]) -> tuple[int, Verdict] | None:
    """The best passing (group id, verdict) among ``(group id, mentions, verdict)``: the
    closest in date, then direct before swapped, then the biggest group, then the oldest."""
    passing = [(gid, n, v) for gid, n, v in verdicts if v.ok]
    if not passing:
        return None
    gid, _, verdict = min(passing, key=lambda t: (t[2].gap, t[2].reversed, -t[1], t[0]))
    return gid, verdict


# ---------------------------------------------------------------------------- representative
def code_specificity(code: str) -> int:
    """``04``/``040`` (not specified) < ``043`` < ``0431``."""
    if len(code) <= 2 or (len(code) == 3 and code.endswith("0")):
        return 1
    return len(code) - 1


Order = tuple[object, ...]  # a member's place in its group: (published, article, sentence, …)


@dataclass
class Tally:
    """One field's values over a group's members: how often each occurs, and where it first
    does. Enough to pick the field's representative value without rereading the members."""

    counts: dict[object, int]
    first: dict[object, Order]

    @classmethod
    def empty(cls) -> Tally:
        return cls({}, {})

    def add(self, value: object, order: Order) -> None:
        self.counts[value] = self.counts.get(value, 0) + 1
        if value not in self.first or order < self.first[value]:
            self.first[value] = order

    def pick(self, rank: Callable[[object], tuple[int, ...]]) -> object:
        """The best value: highest ``rank``, then most frequent, then earliest."""
        return min(
            self.counts, key=lambda v: (*(-x for x in rank(v)), -self.counts[v], self.first[v])
        )


FIELDS = ("cameo", "source", "target", "date", "place")


@dataclass
class GroupTally:
    """What a group's representative is computed from, kept up to date one member at a time."""

    fields: dict[str, Tally]
    negated: bool = False  # the first member's (all members agree)
    modality: str = "asserted"
    first: Order | None = None  # the first member's order

    @classmethod
    def of(cls, members: Sequence[tuple[Record, Order]]) -> GroupTally:
        tally = cls({f: Tally.empty() for f in FIELDS})
        for record, order in members:
            tally.add(record, order)
        return tally

    def add(self, m: Record, order: Order) -> None:
        if self.first is None or order < self.first:
            self.first, self.negated, self.modality = order, m.negated, m.modality
        self.fields["cameo"].add(m.cameo, order)
        self.fields["source"].add(m.source, order)
        self.fields["target"].add(m.target, order)
        self.fields["date"].add((m.date, m.date_end, m.precision), order)
        self.fields["place"].add(m.place, order)


def representative(members: Sequence[Record], is_area: AreaTest) -> tuple[Record, int]:
    """The merged record of members given in the group's orientation, and the index of the
    member whose code it keeps (the representative mention, for evidence)."""
    if not members:
        raise ValueError("an event group needs at least one mention")
    record, first = representative_of(
        GroupTally.of([(m, (i,)) for i, m in enumerate(members)]), is_area
    )
    return record, int(first[0])  # type: ignore[call-overload]


def representative_of(tally: GroupTally, is_area: AreaTest) -> tuple[Record, Order]:
    """The merged record of a group's tally, and the order of the first member with its code.
    Each field keeps its most specific value; between equals, the most frequent, then the
    earliest."""
    if not tally.fields["cameo"].counts:
        raise ValueError("an event group needs at least one mention")

    def party_rank(p: object) -> tuple[int, ...]:
        return p.specificity() if isinstance(p, Party) else (0, 0)

    def date_rank(d: object) -> tuple[int, ...]:
        assert isinstance(d, tuple)
        return (d[0] is not None, -PRECISION_RANK.get(d[2], 5))

    named = {p for p in tally.fields["place"].counts if isinstance(p, Place) and p.method == "text"}

    def place_rank(p: object) -> tuple[int, ...]:
        if not isinstance(p, Place):
            return (0, 0, 0)
        # a city named in the text over its country; the area test only when there is a choice
        return (1, p.method == "text", len(named) > 1 and not is_area(p))

    codes = tally.fields["cameo"]
    code = codes.pick(lambda c: (code_specificity(str(c)),))
    dated = tally.fields["date"].pick(date_rank)
    assert isinstance(dated, tuple)
    date, date_end, precision = dated
    source = tally.fields["source"].pick(party_rank)
    target = tally.fields["target"].pick(party_rank)
    place = tally.fields["place"].pick(place_rank)
    record = Record(
        source=source if isinstance(source, Party) else None,
        target=target if isinstance(target, Party) else None,
        cameo=str(code),
        date=date,
        date_end=date_end,
        precision=precision,
        place=place if isinstance(place, Place) else None,
        negated=tally.negated,
        modality=tally.modality,
    )
    return record, codes.first[code]
