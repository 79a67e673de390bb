"""The time stage: tagging, resolution, clause tense, event dating, and the TempEval-3 score.

Sentences are written for these tests. 2013-05-28 is a Tuesday; 2013-01-03 a Thursday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventwire.nlp import load_nlp
from eventwire.time import (
    ResolvedDate,
    clause_tense,
    event_date,
    find_time_expressions,
    resolve_expression,
)
from tests.conftest import need_shared

TUESDAY = dt.date(2013, 5, 28)
PUBLISHED = "2013-05-28"


@pytest.fixture(scope="module")
def parse() -> Callable[[str], Doc]:
    nlp = load_nlp()
    return lambda text: nlp(text)


def token(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def resolved(text: str, tense: str | None = "past", anchor: dt.date = TUESDAY) -> ResolvedDate:
    result = resolve_expression(text, anchor, tense)
    assert result is not None, text
    return result


# ------------------------------------------------------------------------------ tagger
def test_tagger_finds_spacy_misses_with_character_and_token_offsets(parse) -> None:
    doc = parse(
        "Rebels shelled the town late on Monday, two weeks ago, and will talk next week; "
        "the talks ran from 6 to 9 April, and envoys meet Wednesday night."
    )
    found = find_time_expressions(doc)
    texts = [e.text for e in found]
    assert texts == [
        "late on Monday",
        "two weeks ago",
        "next week",
        "from 6 to 9 April",
        "Wednesday night",
    ]
    for expr in found:
        assert doc.text[expr.start_char : expr.end_char] == expr.text
        assert doc[expr.start : expr.end].text == expr.text
        assert expr.start <= expr.root < expr.end
        assert expr.kind == "date"


def test_tagger_reads_a_dateline_with_abbreviated_weekday_and_month(parse) -> None:
    # agency datelines glued to the headline: "Fri Sep 27 2013 Bomb blast kills 60 …"
    doc = parse("Fri Sep 27 2013 Bomb blast kills 60 in Damascus suburb.")
    assert [e.text for e in find_time_expressions(doc)] == ["Fri Sep 27 2013"]
    assert (resolved("Fri Sep 27 2013").date, resolved("Fri Sep 27 2013").precision) == (
        "2013-09-27",
        "day",
    )
    doc = parse("Mon Mar 14 2016 Syrian army retakes Palmyra.")
    assert [e.text for e in find_time_expressions(doc)] == ["Mon Mar 14 2016"]
    # the weekday picks the year when the date has none: 3 September 2017 was a Sunday
    assert resolved("Sun. Sep. 3", anchor=dt.date(2016, 12, 16)).date == "2017-09-03"


def test_tagger_trims_possessives_and_drops_ages(parse) -> None:
    doc = parse("Last month's vote was won by a 55-year-old lawyer who is 55 years old.")
    assert [e.text for e in find_time_expressions(doc)] == ["Last month"]


def test_tagger_labels_durations_and_references(parse) -> None:
    doc = parse("The siege lasted three years and is now over; the town recently reopened.")
    kinds = {e.text: e.kind for e in find_time_expressions(doc)}
    assert kinds == {"three years": "duration", "now": "reference", "recently": "reference"}


def test_tagger_finds_ranges_month_years_and_mid_month(parse) -> None:
    doc = parse(
        "The forum, held January 26-29, followed talks in mid-June and in March 2012, and a "
        "summit on 6-9 April."
    )
    texts = [e.text for e in find_time_expressions(doc)]
    assert texts == ["January 26-29", "mid-June", "March 2012", "6-9 April"]


# ------------------------------------------------------------------------------ resolver
@pytest.mark.parametrize(
    ("text", "tense", "date", "end"),
    [
        ("January 26-29", "past", "2013-01-26", "2013-01-29"),
        ("January 26-29", "future", "2014-01-26", "2014-01-29"),
        ("6-9 April", "past", "2013-04-06", "2013-04-09"),
        ("from 6 to 9 April", "future", "2014-04-06", "2014-04-09"),
        ("Jan. 30 to Feb. 2, 2012", None, "2012-01-30", "2012-02-02"),
    ],
)
def test_ranges_give_start_and_end(text: str, tense: str, date: str, end: str) -> None:
    r = resolved(text, tense)
    assert (r.date, r.date_end, r.precision) == (date, end, "day")


def test_mid_month_is_the_month_in_the_direction_of_the_tense() -> None:
    assert resolved("mid-June", "future") == ResolvedDate("2013-06-01", "month", None, "mid-June")
    autumn = dt.date(2013, 10, 1)
    assert resolved("mid-June", "past", autumn).date == "2013-06-01"
    assert resolved("mid-June", "future", autumn).date == "2014-06-01"
    assert resolved("early March", "past").precision == "month"


def test_weekday_direction_follows_tense() -> None:
    assert resolved("Friday", "past").date == "2013-05-24"
    assert resolved("Friday", "future").date == "2013-05-31"
    assert resolved("Monday", "past").date == "2013-05-27"
    assert resolved("Monday", "future").date == "2013-06-03"
    assert resolved("last Friday", "future").date == "2013-05-24"
    assert resolved("next Monday", "past").date == "2013-06-03"


def test_publication_weekday_is_the_publication_day() -> None:
    for tense in ("past", "present", None):
        assert resolved("Tuesday", tense).date == PUBLISHED
    assert resolved("on Tuesday", "past").precision == "day"


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("late on Monday", "2013-05-27", "day"),
        ("Monday night", "2013-05-27", "day"),
        ("yesterday", "2013-05-27", "day"),
        ("today", "2013-05-28", "day"),
        ("two weeks ago", "2013-05-13", "week"),
        ("three days ago", "2013-05-25", "day"),
        ("earlier this month", "2013-05-01", "month"),
        ("last month", "2013-04-01", "month"),
        ("next week", "2013-06-03", "week"),
        ("last week", "2013-05-20", "week"),
        ("last year", "2012-01-01", "year"),
        ("in 2012", "2012-01-01", "year"),
        ("this year", "2013-01-01", "year"),
        ("March 2012", "2012-03-01", "month"),
        ("Sept. 30, 1998", "1998-09-30", "day"),
        ("2011-11-05", "2011-11-05", "day"),
    ],
)
def test_relative_and_explicit_expressions(text: str, date: str, precision: str) -> None:
    r = resolved(text, "past")
    assert (r.date, r.precision) == (date, precision)
    assert r.expression == text


def test_missing_year_is_the_nearest_the_tense_allows() -> None:
    new_year = dt.date(2013, 1, 3)
    assert resolved("December 30", "past", new_year).date == "2012-12-30"
    assert resolved("January 10", "future", new_year).date == "2013-01-10"
    assert resolved("December 30", "future", new_year).date == "2013-12-30"
    # a past-tense clause may still point a little ahead ("set the deadline for Jan. 9")
    assert resolved("Jan. 9", "past", new_year).date == "2013-01-09"


def test_quarters_and_seasons_are_month_ranges() -> None:
    q = resolved("the third quarter", "past", dt.date(1989, 10, 30))
    assert (q.date, q.date_end, q.precision) == ("1989-07-01", "1989-09-30", "month")
    summer = resolved("last summer", "past", dt.date(1989, 10, 30))
    assert (summer.date, summer.date_end) == ("1989-06-01", "1989-08-31")


def test_words_without_a_date_do_not_resolve() -> None:
    for text in ("three years", "recently", "the following year", "that day", "weeks"):
        assert resolve_expression(text, TUESDAY, "past") is None, text
    assert resolved("now", "present").date == PUBLISHED


def test_dateparser_fallback_reads_other_layouts() -> None:
    assert resolved("5/3/2012", None).date in ("2012-05-03", "2012-03-05")


# --------------------------------------------------------------------------- clause tense
@pytest.mark.parametrize(
    ("sentence", "verb", "tense"),
    [
        ("Rebels attacked the base.", "attacked", "past"),
        ("Rebels have attacked the base.", "attacked", "past"),
        ("Rebels attack the base.", "attack", "present"),
        ("Rebels will attack the base.", "attack", "future"),
        ("They'll attack the base.", "attack", "future"),
        ("Rebels are going to attack the base.", "attack", "future"),
        ("The minister is to visit Cairo.", "visit", "future"),
        ("The army is preparing to attack the base.", "attack", "future"),
        ("The army is planning to attack the base.", "attack", "future"),
        ("He said rebels would attack the base.", "attack", "future"),
        ("The ministers will meet and sign a deal.", "sign", "future"),
        ("Officials said a bomb planted near the base exploded.", "planted", "past"),
    ],
)
def test_clause_tense(parse, sentence: str, verb: str, tense: str) -> None:
    doc = parse(sentence)
    assert clause_tense(doc[token(doc, verb)]) == tense


def test_clause_tense_of_a_noun_is_its_verbs(parse) -> None:
    doc = parse("Talks between the two sides will resume in Geneva.")
    assert clause_tense(doc[token(doc, "Talks")]) == "future"


# ----------------------------------------------------------------------------- event_date
def test_expression_in_another_clause_is_not_taken(parse) -> None:
    doc = parse("Lavrov, who met Kerry on Monday, will visit Paris next week.")
    visit = event_date(doc, token(doc, "visit"), PUBLISHED)
    met = event_date(doc, token(doc, "met"), PUBLISHED)
    start = doc.text.index("next week")
    assert visit == ResolvedDate("2013-06-03", "week", None, "next week", (start, start + 9))
    assert met is not None
    assert (met.date, met.precision, met.expression) == ("2013-05-27", "day", "Monday")
    assert doc.text[met.span[0] : met.span[1]] == "Monday"


def test_reporting_verb_does_not_take_the_reported_events_time(parse) -> None:
    doc = parse("Kerry said on Tuesday that Lavrov met him late on Monday.")
    said = event_date(doc, token(doc, "said"), PUBLISHED)
    met = event_date(doc, token(doc, "met"), PUBLISHED)
    assert said is not None and said.date == PUBLISHED and said.precision == "day"
    assert met is not None and (met.date, met.expression) == ("2013-05-27", "late on Monday")


def test_weekday_of_an_event_points_the_way_its_verb_does(parse) -> None:
    doc = parse("Rebels seized the bridge on Friday and say they will attack the city on Friday.")
    seized = event_date(doc, token(doc, "seized"), PUBLISHED)
    attack = event_date(doc, token(doc, "attack"), PUBLISHED)
    assert seized is not None and seized.date == "2013-05-24"
    assert attack is not None and attack.date == "2013-05-31"


def test_late_on_monday_in_a_tuesday_story(parse) -> None:
    doc = parse("Gunmen attacked a checkpoint late on Monday, police said.")
    r = event_date(doc, token(doc, "attacked"), "2013-05-28")
    assert r is not None
    assert (r.date, r.precision, r.expression) == ("2013-05-27", "day", "late on Monday")


def test_noun_triggers_take_their_own_or_their_verbs_expression(parse) -> None:
    doc = parse("The meeting on May 7 was cancelled, and talks will resume on Thursday.")
    meeting = event_date(doc, token(doc, "meeting"), PUBLISHED)
    talks = event_date(doc, token(doc, "talks"), PUBLISHED)
    assert meeting is not None and (meeting.date, meeting.expression) == ("2013-05-07", "May 7")
    assert talks is not None and (talks.date, talks.expression) == ("2013-05-30", "Thursday")


def test_event_dates_of_ranges_mid_month_and_years(parse) -> None:
    doc = parse(
        "The summit will be held January 26-29. The army is preparing to strike in mid-June. "
        "Parliament passed the law last year, after protests in 2012."
    )
    held = event_date(doc, token(doc, "held"), PUBLISHED)
    strike = event_date(doc, token(doc, "strike"), PUBLISHED)
    passed = event_date(doc, token(doc, "passed"), PUBLISHED)
    protests = event_date(doc, token(doc, "protests"), PUBLISHED)
    assert held is not None and (held.date, held.date_end) == ("2014-01-26", "2014-01-29")
    assert strike is not None and (strike.date, strike.precision) == ("2013-06-01", "month")
    assert passed is not None and (passed.date, passed.precision) == ("2012-01-01", "year")
    assert protests is not None and protests.expression == "2012"


def test_inherited_when_no_expression_is_attached(parse) -> None:
    doc = parse("Protesters marched on the embassy.")
    marched = token(doc, "marched")
    assert event_date(doc, marched, PUBLISHED) == ResolvedDate(
        PUBLISHED, "inherited", None, None, None
    )
    assert event_date(doc, marched, None) is None


def test_unresolvable_expression_falls_back_to_inherited(parse) -> None:
    doc = parse("Protesters recently marched on the embassy.")
    r = event_date(doc, token(doc, "marched"), PUBLISHED)
    assert r is not None and r.precision == "inherited"


# --------------------------------------------------------------------------- TempEval-3
def test_timex_values_at_each_granularity() -> None:
    from eventwire.eval.tempeval import timex_value

    assert timex_value(ResolvedDate("2013-05-27", "day")) == "2013-05-27"
    assert timex_value(ResolvedDate("2013-05-13", "week")) == "2013-W20"
    assert timex_value(ResolvedDate("2013-05-01", "month")) == "2013-05"
    assert timex_value(ResolvedDate("1989-07-01", "month", "1989-09-30")) == "1989-Q3"
    assert timex_value(ResolvedDate("1989-06-01", "month", "1989-08-31")) == "1989-SU"
    assert timex_value(ResolvedDate("2012-01-01", "year")) == "2012"
    assert timex_value(ResolvedDate("1990-01-01", "year", "1999-12-31")) == "199"
    weekend = ResolvedDate("2013-05-25", "day", "2013-05-26", "the weekend")
    assert timex_value(weekend) == "2013-W21-WE"


def test_tempeval_dates_found_and_resolved() -> None:
    """Scores the first 60 TimeML files (a few seconds); the whole corpus: `eval tempeval`."""
    from eventwire.eval.tempeval import CORPUS, score_tempeval

    corpus = need_shared(*CORPUS.parts)
    result = score_tempeval(corpus, limit=60)
    assert result["gold_date"] > 100
    assert result["recall"] >= 0.9
    assert result["value_accuracy"] >= 0.80


def test_eval_tempeval_command_prints_json(cli) -> None:
    import json

    shared = need_shared()
    need_shared("data", "gold", "tempeval3")
    out = cli("eval", "tempeval", "--shared", str(shared), "--limit", "2")
    assert out.exit_code == 0
    result = json.loads(out.output)
    assert result["files"] == 2 and result["gold_date"] > 0
