"""Deduplication: stories of near-duplicate articles, event groups and their counts.

The matching rules and signatures are tested on records and sentences written here; the
incremental tests ingest short stories written for these tests; the seed and FA-KES copy-corpus
tests need ../shared and skip without it.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import need_shared, write_jsonl

from eventwire import Store
from eventwire.config import CoderConfig
from eventwire.dedup import events as rules
from eventwire.dedup.stories import (
    MIN_JACCARD,
    STRONG_JACCARD,
    Signature,
    StoryIndex,
    best_matches,
    numbers,
    same_story,
    shingles,
    signature,
)
from eventwire.jobs import ingest

# These tests exercise dedup on the dictionary coder's events, which are stable; the learned
# coder has its own tests in tests/test_learned_coder.py.
DICTIONARY = CoderConfig(coder="dictionary")
DICTIONARY_ARGS = ("--coder", "dictionary")  # the same, for the CLI

# ---------------------------------------------------------------------------- own texts
MEETING = (
    "CAIRO, March 4 (Sample Wire) – Egyptian Foreign Minister Sameh Shoukry met his Jordanian "
    "counterpart Ayman Safadi in Cairo on Sunday to discuss the crisis in Syria and the return "
    "of refugees.\n\n"
    "The two ministers also discussed regional security and trade between their countries, the "
    "Egyptian foreign ministry said in a statement.\n\n"
    "Shoukry said Egypt was ready to host a regional conference on reconstruction later this "
    "year."
)
MEETING_COPY = (  # another outlet: its own dateline, a word changed, the last paragraph dropped
    "AMMAN (Daily Example) – Egyptian Foreign Minister Sameh Shoukry met his Jordanian "
    "counterpart Ayman Safadi in Cairo on Sunday to discuss the war in Syria and the return "
    "of refugees.\n\n"
    "The two ministers also discussed regional security and trade between their countries, the "
    "Egyptian foreign ministry said."
)
MEETING_OTHER_STORY = (  # a third outlet's own report of the same meeting, told from Jordan
    "Jordan's Foreign Minister Ayman Safadi held talks with Egyptian Foreign Minister Sameh "
    "Shoukry in Cairo on Sunday, the Jordanian foreign ministry said on Monday. They agreed to "
    "coordinate their positions before the Arab summit."
)
NEXT_WEEK = (  # the same ministers, a week later: another happening
    "Egyptian Foreign Minister Sameh Shoukry met his Jordanian counterpart Ayman Safadi in "
    "Amman on Sunday to prepare the Arab summit."
)


def _record(
    source: str | None = "RUSGOV",
    cameo: str = "040",
    target: str | None = "USAGOV",
    date: str | None = "2015-08-13",
    precision: str | None = "day",
    place: rules.Place | None = None,
    **kw: object,
) -> rules.Record:
    def party(code: str | None) -> rules.Party | None:
        return rules.Party(code, code[:3], code[3:6] or None) if code else None

    return rules.Record(party(source), party(target), cameo, date, None, precision, place, **kw)  # type: ignore[arg-type]


def _never_area(place: rules.Place) -> bool:
    return False


def _failed(verdict: rules.Verdict) -> set[str]:
    return {c.field for c in verdict.checks if not c.ok}


# ---------------------------------------------------------------------------- stories
def test_shingles_ignore_case_punctuation_and_quotes():
    a = shingles("Lavrov met Kerry in Paris, on Monday.")
    b = shingles("LAVROV met “Kerry” in Paris on monday")
    assert a == b and len(a) == 3
    assert shingles("too short") == {b"too short"}


def test_signature_round_trips_through_bytes():
    sig = signature(MEETING)
    back = Signature.from_bytes(sig.to_bytes(), sig.size, sig.numbers_text())
    assert len(sig.to_bytes()) == 128 * 4
    assert back.similarity(sig) == (1.0, 1.0) and back.numbers == sig.numbers == {"4"}
    assert numbers("killed 1,520 people and 35.5 pct in 2015") == {"1520", "35.5", "2015"}


DAILY = (  # a templated daily report: same wording, other figures
    "The health ministry said {0} people were killed and {1} wounded when shells hit the "
    "eastern districts of the city, bringing the number of dead this month to {2}. Rescue teams "
    "were still searching the rubble of damaged buildings and the main hospital asked residents "
    "to donate blood."
)


def test_templated_reports_with_other_figures_are_other_stories():
    monday, tuesday = signature(DAILY.format(12, 40, 150)), signature(DAILY.format(7, 23, 157))
    jaccard, containment = monday.similarity(tuesday)
    assert MIN_JACCARD <= jaccard < STRONG_JACCARD  # the wording alone would merge them
    assert not same_story(jaccard, containment, monday.numbers, tuesday.numbers)
    again = signature(DAILY.format(12, 40, 150).replace("shells hit", "shelling struck"))
    assert same_story(*monday.similarity(again), monday.numbers, again.numbers)


def test_copies_are_one_story_and_other_reports_are_not():
    original, copy, other = (
        signature(MEETING),
        signature(MEETING_COPY),
        signature(MEETING_OTHER_STORY),
    )
    assert same_story(*original.similarity(copy))
    assert not same_story(*original.similarity(other))
    index = StoryIndex()
    index.add("a", original)
    index.add("c", other)
    assert index.candidates(copy) == ["a"]
    matches = best_matches(copy, {"a": original, "c": other})
    assert [m.article_id for m in matches] == ["a"] and matches[0].jaccard >= 0.35
    index.discard("a")
    assert index.candidates(copy) == []


def test_story_index_finds_what_datasketch_lsh_finds():
    """The compact index bands like datasketch's MinHashLSH(params=(64, 2)), merged or not."""
    from datasketch import MinHashLSH

    base = (MEETING + " " + MEETING_OTHER_STORY + " " + NEXT_WEEK).split()
    texts = [" ".join(base[i : i + 40 + i % 7]) for i in range(0, 60)]  # overlapping windows
    sigs = [signature(t) for t in texts]
    reference = MinHashLSH(num_perm=128, params=(64, 2))
    index = StoryIndex()
    index.MERGE_EVERY = 16  # exercise both the sorted keys and the buffer
    for n, sig in enumerate(sigs):
        expected = sorted(str(k) for k in reference.query(sig.minhash))
        assert index.candidates(sig) == expected
        reference.insert(str(n), sig.minhash)
        index.add(str(n), sig)
    assert len(index) == 60 and len(index.candidates(sigs[0])) > 1


def test_a_limited_query_reads_the_newest_copies_of_a_big_story():
    """Hundreds of copies of one report: a limited query costs the same whatever their
    number, and returns the newest copies (every one shares all bands with the query)."""
    sig = signature(MEETING)
    index = StoryIndex()
    index.MERGE_EVERY = 64  # most copies in the sorted keys, the last ones in the buffer
    for n in range(300):
        index.add(f"copy{n:03d}", sig)
    assert len(index.candidates(sig)) == 300
    assert index.candidates(sig, limit=16) == [f"copy{n:03d}" for n in range(284, 300)]


# ---------------------------------------------------------------------------- rules
def test_actor_codes_must_refine_one_another():
    isis, nusra = rules.Party("IMGMUSISI", "IMG", "MUS"), rules.Party("IMGMUSALQ", "IMG", "MUS")
    assert not rules.party_check("source", isis, nusra).ok
    rebels, islamists = rules.Party("SYRREB", "SYR", "REB"), rules.Party("SYRREBMUS", "SYR", "REB")
    assert rules.party_check("source", rebels, islamists).ok
    igo, un = rules.Party("IGO", "IGO", None), rules.Party("IGOUNO", "IGO", "UNO")
    assert rules.party_check("target", igo, un).ok


def test_actors_same_country_and_compatible_sector():
    assert rules.party_check(
        "source", rules.Party("RUS", "RUS", None), rules.Party("RUSGOV", "RUS", "GOV")
    ).ok
    assert not rules.party_check(
        "source", rules.Party("RUSMIL", "RUS", "MIL"), rules.Party("RUSGOV", "RUS", "GOV")
    ).ok
    assert not rules.party_check(
        "source", rules.Party("USAGOV", "USA", "GOV"), rules.Party("RUSGOV", "RUS", "GOV")
    ).ok
    assert not rules.party_check("target", None, rules.Party("RUSGOV", "RUS", "GOV")).ok
    assert rules.party_check("target", None, None).ok  # fmt: skip


def test_cameo_same_root_except_visit_and_host_the_same_way():
    assert rules.cameo_check("041", "044").ok
    assert rules.cameo_check("04", "0431").ok
    assert not rules.cameo_check("042", "043").ok
    assert not rules.cameo_check("040", "050").ok


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (("2015-08-13", "day"), ("2015-08-14", "day"), True),  # ±1
        (("2015-08-13", "day"), ("2015-08-15", "day"), False),
        (("2015-08-13", "day"), ("2015-08-16", "inherited"), True),  # publication date ±3
        (("2015-08-13", "day"), ("2015-08-17", "inherited"), False),
        (("2015-08-10", "week"), ("2015-08-17", "week"), True),  # Mondays 7 days apart
        (("2015-08-10", "week"), ("2015-08-24", "week"), False),
        (("2015-08-01", "month"), ("2015-08-31", "day"), True),  # same month
        (("2015-08-01", "month"), ("2015-09-01", "day"), False),
        (("2015-08-01", "month"), ("2015-09-02", "inherited"), True),  # reported just after
        (("2015-01-01", "year"), ("2015-12-01", "month"), True),  # same year
        (("2015-01-01", "year"), ("2015-12-31", "day"), False),  # a year says too little
        (("2015-01-01", "year"), ("2015-06-01", "week"), False),
        (("2015-01-01", "year"), ("2016-01-01", "month"), False),
        (("2015-01-01", "year"), ("2015-07-02", "inherited"), False),  # too vague to merge
        ((None, None), ("2015-07-02", "day"), False),  # undated only with undated
        ((None, None), (None, None), True),
    ],
)
def test_date_tolerance_depends_on_precision(a, b, ok):
    check, _ = rules.date_check(
        _record(date=a[0], precision=a[1]), _record(date=b[0], precision=b[1])
    )
    assert check.ok is ok, check.note


def test_places_same_or_none_dateline_never_blocks():
    paris = rules.Place("Paris", "FRA", 2988507, "text")
    moscow = rules.Place("Moscow", "RUS", 524901, "text")
    moscow_dateline = rules.Place("Moscow", "RUS", 524901, "dateline")
    france = rules.Place("France", "FRA", 3017382, "text")
    assert rules.place_check(paris, None, _never_area).ok
    assert rules.place_check(
        paris, rules.Place("Paris", "FRA", 2988507, "dateline"), _never_area
    ).ok
    assert not rules.place_check(paris, moscow, _never_area).ok
    assert rules.place_check(paris, moscow_dateline, _never_area).ok
    check = rules.place_check(paris, france, lambda p: p.name == "France")
    assert check.ok and "lies in" in check.note  # fmt: skip


def test_symmetric_codes_merge_reversed_directional_ones_do_not():
    group = _record("RUSGOV", "044", "USAGOV")
    verdict = rules.compare(_record("USAGOV", "041", "RUSGOV"), group, _never_area)
    assert verdict.ok and verdict.reversed
    # A visits B is B hosts A; A visits B is not B visits A
    hosts = _record("RUSGOV", "043", "USAGOV")
    assert rules.compare(_record("USAGOV", "042", "RUSGOV"), hosts, _never_area).ok
    assert not rules.compare(_record("USAGOV", "043", "RUSGOV"), hosts, _never_area).ok
    # mediation has a direction: B mediating for A is not A mediating for B
    mediates = _record("RUSGOV", "045", "USAGOV")
    assert not rules.compare(_record("USAGOV", "045", "RUSGOV"), mediates, _never_area).ok
    assert not rules.compare(_record("USAGOV", "040", "RUSGOV"), mediates, _never_area).ok
    assert not rules.compare(
        _record("USAGOV", "040", "RUSGOV"), group, _never_area, allow_reversed=False
    ).ok


def test_negation_and_modality_must_agree():
    verdict = rules.compare(_record(negated=True), _record(), _never_area)
    assert _failed(verdict) == {"mode"}
    verdict = rules.compare(_record(modality="intended"), _record(), _never_area)
    assert _failed(verdict) == {"mode"}


def test_representative_keeps_the_most_specific_code_actor_and_date():
    members = [
        _record("RUS", "040", "USAGOV", "2015-08-14", "inherited"),
        _record("RUSGOV", "041", "USA", "2015-08-13", "day"),
        _record("RUSGOV", "040", "USAGOV", "2015-08-10", "week"),
    ]
    rep, i = rules.representative(members, _never_area)
    assert (str(rep.source), rep.cameo, str(rep.target)) == ("RUSGOV", "041", "USAGOV")
    assert (rep.date, rep.precision, i) == ("2015-08-13", "day", 1)


# ---------------------------------------------------------------------------- the store
def _ingest(store: Store, tmp_path, name: str, records: list[dict]) -> None:
    summary = ingest(
        store, [str(write_jsonl(tmp_path / f"{name}.jsonl", records))], config=DICTIONARY
    )
    assert not summary.failures, summary.failures


def _meeting_group(store: Store) -> dict:
    groups = [g for g in store.event_groups(cameo="04") if g["date"] == "2019-03-03"]
    assert len(groups) == 1, groups
    return groups[0]


def _counts(group: dict) -> tuple[int, int, int]:
    return group["num_mentions"], group["num_sources"], group["num_articles"]


def _consistent(store: Store) -> None:
    """No dangling mention or story row, and every stored count equals a recount."""
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchone()[0] == 0
    assert (
        conn.execute(
            "SELECT count(*) FROM events e LEFT JOIN event_groups g ON g.id = e.group_id "
            "WHERE g.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert (
        conn.execute(
            "SELECT count(*) FROM event_groups g WHERE num_mentions != (SELECT count(*) FROM "
            "(SELECT DISTINCT article_id, sentence FROM events e WHERE e.group_id = g.id)) "
            "OR num_articles != "
            "(SELECT count(DISTINCT article_id) FROM events e WHERE e.group_id = g.id)"
        ).fetchone()[0]
        == 0
    )
    assert (
        conn.execute(
            "SELECT count(*) FROM stories t WHERE num_articles != "
            "(SELECT count(*) FROM story_articles s WHERE s.story_id = t.id)"
        ).fetchone()[0]
        == 0
    )
    assert conn.execute("SELECT count(*) FROM dedup_dirty").fetchone()[0] == 0  # fmt: skip


def test_counts_grow_incrementally_and_repeats_change_nothing(db, tmp_path):
    first = {"id": "a", "title": "Shoukry meets Safadi", "text": MEETING,
             "published": "2019-03-04", "source": "Sample Wire"}  # fmt: skip
    copy = {"id": "b", "title": "Egypt, Jordan ministers meet", "text": MEETING_COPY,
            "published": "2019-03-04", "source": "Daily Example"}  # fmt: skip
    third = {"id": "c", "title": "Safadi in Cairo", "text": MEETING_OTHER_STORY,
             "published": "2019-03-05", "source": "Third Outlet"}  # fmt: skip
    with Store(db) as store:
        _ingest(store, tmp_path, "one", [first, copy])
        group = _meeting_group(store)
        # the meeting and "the two ministers also discussed": two mentions per article
        assert _counts(group) == (4, 2, 2)
        assert (group["source_code"], group["cameo"], group["target_code"]) == (
            "EGYGOV",
            "040",
            "JORGOV",
        )
        assert (group["date"], group["date_precision"]) == ("2019-03-03", "day")
        stories = store.stories()
        assert [(s["num_articles"], s["num_sources"]) for s in stories] == [(2, 2)]

        _ingest(store, tmp_path, "two", [third])
        group = _meeting_group(store)
        assert _counts(group) == (5, 3, 3) and group["num_stories"] == 2
        mentions = store.group_mentions(group["id"])
        assert {m["outlet"] for m in mentions} == {"Sample Wire", "Daily Example", "Third Outlet"}
        reversed_ = [m for m in mentions if m["article_id"] == "c"]
        assert reversed_[0]["merge_note"]["reversed"] is True  # JORGOV 046 EGYGOV, swapped
        before = store.event_groups()

        _ingest(store, tmp_path, "again", [first, copy, third])  # all duplicates
        assert store.event_groups() == before
        assert store.dedup().events == 0  # nothing pending
        _consistent(store)


def _rows_equal_recounts(store: Store) -> None:
    """Every group's and story's stored row (counted one member at a time) equals a recount
    of its members from scratch."""
    from eventwire.dedup.persist import AreaIndex, recount_group, recount_story

    conn = store.conn
    tables = ("event_groups", "stories")
    before = [sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in tables]
    assert before[0] and before[1]
    area = AreaIndex()
    for (gid,) in conn.execute("SELECT id FROM event_groups").fetchall():
        recount_group(conn, gid, area)
    for (sid,) in conn.execute("SELECT id FROM stories").fetchall():
        recount_story(conn, sid)
    after = [sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in tables]
    assert before == after


MEETING_RECORDS = [
    {"id": "a", "title": "Shoukry meets Safadi", "text": MEETING, "published": "2019-03-04",
     "source": "Sample Wire"},
    {"id": "b", "title": "Egypt, Jordan ministers meet", "text": MEETING_COPY,
     "published": "2019-03-04", "source": "Daily Example"},
    {"id": "c", "title": "Safadi in Cairo", "text": MEETING_OTHER_STORY,
     "published": "2019-03-05", "source": "Third Outlet"},
]  # fmt: skip


def test_groups_counted_one_member_at_a_time_equal_a_recount(db, tmp_path):
    """The latest report first, then the earlier ones: the group's first member, its
    representative mention and its dates change as members arrive out of order."""
    first, copy, third = MEETING_RECORDS
    with Store(db) as store:
        _ingest(store, tmp_path, "late", [third])
        _rows_equal_recounts(store)
        _ingest(store, tmp_path, "early", [copy, first])
        group = _meeting_group(store)
        assert _counts(group) == (5, 3, 3)
        (events,) = store.conn.execute(
            "SELECT num_events FROM event_groups WHERE id = ?", (group["id"],)
        ).fetchone()
        assert events == 5
        assert group["first_reported"] == "2019-03-04"
        _rows_equal_recounts(store)
        _consistent(store)


def test_a_story_counted_one_article_at_a_time_equals_a_recount(db, tmp_path):
    """Copies arrive newest first, then an older one, then an undated one: the story's first
    article, title, dates and outlets follow, without rereading the story."""
    newest = {
        "id": "n",
        "title": "Later copy",
        "text": MEETING_COPY,
        "published": "2019-03-06",
        "source": "Daily Example",
    }
    oldest = {
        "id": "o",
        "title": "First report",
        "text": MEETING,
        "published": "2019-03-04",
        "source": "Sample Wire",
    }
    undated = {"id": "u", "title": "Undated copy", "text": MEETING + " It was the second visit.",
               "source": "daily example "}  # fmt: skip
    with Store(db) as store:
        for name, record in (("n", newest), ("o", oldest), ("u", undated)):
            _ingest(store, tmp_path, name, [record])
            _rows_equal_recounts(store)
        (story,) = [s for s in store.stories() if s["num_articles"] > 1]
        assert (story["num_articles"], story["num_sources"]) == (3, 2)
        assert (story["first_article"], story["title"]) == ("o", "First report")
        assert (story["first_published"], story["last_published"]) == ("2019-03-04", "2019-03-06")


def test_a_second_writers_additions_are_counted_by_the_first(db, tmp_path):
    """Two stores (two deduplicators, as two processes would have) add to one group in turn:
    each sees the other's members, never a stale tally."""
    first, copy, third = MEETING_RECORDS
    with Store(db) as one, Store(db) as two:
        _ingest(one, tmp_path, "one", [first])
        _ingest(two, tmp_path, "two", [copy])
        _ingest(one, tmp_path, "three", [third])
        group = _meeting_group(one)
        assert _counts(group) == (5, 3, 3)
        _rows_equal_recounts(one)


def test_a_replaced_article_leaves_no_dangling_or_double_counted_mentions(db, tmp_path):
    first = {"id": "a", "text": MEETING, "published": "2019-03-04", "source": "Sample Wire"}
    copy = {"id": "b", "text": MEETING_COPY, "published": "2019-03-04", "source": "Daily Example"}
    with Store(db) as store:
        _ingest(store, tmp_path, "one", [first, copy])
        assert _counts(_meeting_group(store)) == (4, 2, 2)
        changed = dict(copy, text=MEETING_COPY.replace("the war in Syria", "the conflict in Syria"))
        summary = ingest(
            store, [str(write_jsonl(tmp_path / "changed.jsonl", [changed]))], config=DICTIONARY
        )
        assert summary.updated == 1
        assert _counts(_meeting_group(store)) == (4, 2, 2)
        _consistent(store)
        # replaced by a story about something else: b's mentions leave the group
        other = dict(copy, text=NEXT_WEEK, published="2019-03-11")
        ingest(store, [str(write_jsonl(tmp_path / "other.jsonl", [other]))], config=DICTIONARY)
        assert _counts(_meeting_group(store)) == (2, 1, 1)
        assert [s["num_articles"] for s in store.stories()] == [1, 1]
        _consistent(store)


def test_another_week_is_another_event_and_rebuild_is_idempotent(db, tmp_path):
    records = [
        {"id": "a", "text": MEETING, "published": "2019-03-04", "source": "Sample Wire"},
        {"id": "d", "text": NEXT_WEEK, "published": "2019-03-11", "source": "Sample Wire"},
    ]
    with Store(db) as store:
        _ingest(store, tmp_path, "one", records)
        dates = sorted(g["date"] for g in store.event_groups(cameo="04"))
        assert dates == ["2019-03-03", "2019-03-10"]

        def membership() -> set[frozenset[int]]:
            rows = store.conn.execute("SELECT group_id, id FROM events").fetchall()
            groups: dict[int, set[int]] = {}
            for gid, eid in rows:
                groups.setdefault(gid, set()).add(eid)
            return {frozenset(v) for v in groups.values()}

        incremental = membership()
        store.dedup(rebuild=True)
        assert membership() == incremental
        store.dedup(rebuild=True)
        assert membership() == incremental
        _consistent(store)


def test_ingest_without_dedup_then_dedup_command(cli, db, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a", "text": MEETING, "published": "2019-03-04", "source": "Sample Wire"},
        {"id": "b", "text": MEETING_COPY, "published": "2019-03-04", "source": "Daily Example"},
    ])  # fmt: skip
    assert (
        cli("ingest", str(path), "--db", str(db), "--no-dedup", *DICTIONARY_ARGS, "-q").exit_code
        == 0
    )
    with Store(db) as store:
        assert store.count("events") > 0 and store.event_groups() == []
    result = cli("dedup", "--db", str(db))
    summary = json.loads(result.output)
    assert summary["new_stories"] == 1 and summary["articles"] == 2
    assert json.loads(cli("dedup", "--db", str(db)).output)["events"] == 0  # idempotent
    more = write_jsonl(
        tmp_path / "b.jsonl", [{"id": "d", "text": NEXT_WEEK, "published": "2019-03-11"}]
    )
    assert (
        cli("ingest", str(more), "--db", str(db), "--no-dedup", *DICTIONARY_ARGS, "-q").exit_code
        == 0
    )
    with Store(db) as store:  # a Store's first pass catches up with what was left undone
        ingest(
            store,
            [str(write_jsonl(tmp_path / "c.jsonl", [{"id": "c", "text": MEETING_OTHER_STORY}]))],
            config=DICTIONARY,
        )
        assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 4
        _consistent(store)
    merged = json.loads(cli("events", "--db", str(db), "--merged", "--format", "json").output)
    meeting = [g for g in merged if g["date"] == "2019-03-03"][0]
    assert (meeting["num_mentions"], meeting["num_sources"], meeting["num_articles"]) == (4, 2, 2)
    text = cli("events", "--db", str(db), "--explain", str(meeting["group_id"])).output
    assert "founded the group" in text and "joined" in text
    assert "tolerance 3 (inherited)" in text and "a dateline place never blocks" in text
    listed = json.loads(cli("events", "--db", str(db), "--format", "json").output)
    assert {e["group_id"] for e in listed} >= {meeting["group_id"]}  # the listing, plus group_id
    copies = json.loads(cli("stories", "--db", str(db), "--story", "1", "--format", "json").output)
    assert {c["outlet"] for c in copies} == {"Sample Wire", "Daily Example"}
    bad = cli("events", "--db", str(db), "--explain", "999")
    assert bad.exit_code != 0 and "no merged event" in bad.output


def test_migration_keeps_older_rows_and_dedups_them(db, tmp_path):
    """A database from before dedup gets the tables, and `eventwire dedup` fills them."""
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"id": "a", "text": MEETING, "published": "2019-03-04"}]
    )
    with Store(db, dedup=False) as store:
        ingest(store, [str(path)], config=DICTIONARY)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM event_groups").fetchone()[0] == 0
    conn.close()
    with Store(db) as store:
        summary = store.dedup()
        assert summary.articles == 1 and summary.events == store.count("events")
        _consistent(store)


# ---------------------------------------------------------------------------- ../shared
SEED_CALL = (  # a second outlet's report of the 2015-08-13 Lavrov-Kerry phone call
    "WASHINGTON (Sample Wire) – U.S. Secretary of State John Kerry discussed the crisis in Syria "
    "with Russian Foreign Minister Sergei Lavrov in a phone call on Thursday, the State "
    "Department said."
)
SEED_PARIS = (  # and of their 2013-05-27 meeting in Paris
    "Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry met in Paris "
    "on Monday to discuss preparations for an international conference on Syria."
)


def test_seeds_two_lavrov_kerry_contacts_stay_two_and_other_reports_merge(cli, db, tmp_path):
    seeds = need_shared("data", "seeds")
    result = cli(
        "ingest", str(seeds), "--meta", str(seeds / "meta.jsonl"), "--db", str(db),
        *DICTIONARY_ARGS, "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with Store(db) as store:

        def contacts() -> dict[str, dict]:
            groups = store.event_groups(cameo="04", actor="RUSGOV") + store.event_groups(
                cameo="04", actor="USAGOV"
            )
            return {
                g["date"]: g
                for g in groups
                if {g["source_code"], g["target_code"]} == {"RUSGOV", "USAGOV"}
            }

        before = contacts()
        paris, call = before["2013-05-27"], before["2015-08-13"]
        assert paris["id"] != call["id"]
        assert paris["location_name"] == "Paris" and call["cameo"] == "041"
        _ingest(store, tmp_path, "more", [
            {"id": "call", "title": "Kerry, Lavrov discuss Syria by phone", "text": SEED_CALL,
             "published": "2015-08-14", "source": "Sample Wire"},
            {"id": "paris", "title": "Lavrov and Kerry meet in Paris", "text": SEED_PARIS,
             "published": "2013-05-28", "source": "Daily Example"},
        ])  # fmt: skip
        after = contacts()
        assert after["2013-05-27"]["id"] == paris["id"] and after["2015-08-13"]["id"] == call["id"]
        assert _counts(after["2013-05-27"]) == (2, 2, 2)
        assert _counts(after["2015-08-13"]) == (2, 2, 2)
        mentions = store.group_mentions(call["id"])
        assert {m["outlet"] for m in mentions} == {"SANA", "Sample Wire"}
        assert [m["merge_note"].get("reversed") for m in mentions] == [False, True]  # USA→RUS 041
        assert len({g["id"] for g in after.values()}) == len(after)  # distinct contacts stay apart
        _consistent(store)


@pytest.mark.slow
def test_fakes_copy_corpus_stories_and_event_groups():
    shared = need_shared("data", "corpora", "fakes", "fakes.csv").parents[3]
    from eventwire.eval.dedup import evaluate

    result = evaluate(shared, originals=40, config=DICTIONARY)
    assert result.copies > 60
    assert result.story_precision >= 0.95 and result.story_recall >= 0.95
    assert result.copy_events_paired > 40
    assert result.copy_events_split == 0, result.splits
    assert result.wrong_groups == 0, result.wrong
