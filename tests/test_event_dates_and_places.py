"""The time and place stages inside the pipeline: every event carries its own date (or the
publication date, marked inherited) and, where the text gives one, its place."""

from __future__ import annotations

import datetime as dt
from typing import Any

import eventwire
from eventwire.config import CoderConfig
from eventwire.contract import result_to_json
from eventwire.nlp import load_nlp
from eventwire.time.timeline import timeline_stamps

# These tests exercise dates and places on the dictionary coder's events, which are stable; the
# learned coder has its own tests in tests/test_learned_coder.py.
DICTIONARY = CoderConfig(coder="dictionary")


def events(text: str, published: str) -> list[dict[str, Any]]:
    return result_to_json(eventwire.extract(text, published=published, config=DICTIONARY))["events"]


def test_relative_day_resolves_against_the_publication_date_with_its_span():
    text = "Russian Foreign Minister Sergei Lavrov met John Kerry in Paris late on Monday."
    (event,) = events(text, "2013-05-28")  # a Tuesday
    assert (event["date"], event["date_precision"]) == ("2013-05-27", "day")
    start, end = event["date_expression"]["span"]
    assert text[start:end] == "late on Monday" == event["date_expression"]["text"]


def test_a_range_gives_date_and_date_end():
    text = "The Syrian government and the opposition held talks in Moscow on January 26-29."
    (event,) = events(text, "2015-04-09")
    assert (event["date"], event["date_end"]) == ("2015-01-26", "2015-01-29")


def test_no_expression_inherits_the_publication_date_and_says_so():
    (event,) = events("Russia condemned Turkey.", "2015-11-25")
    assert (event["date"], event["date_precision"], event["date_expression"]) == (
        "2015-11-25",
        "inherited",
        None,
    )


def test_each_event_takes_the_expression_of_its_own_clause():
    found = events("Lavrov, who met Kerry on Monday, will visit Egypt next week.", "2015-06-03")
    dates = {e["cameo"]: (e["date"], e["date_precision"]) for e in found}
    assert dates["040"] == ("2015-06-01", "day")  # met: the Monday before
    assert dates["036"] == ("2015-06-08", "week")  # will visit: next week


def test_a_place_phrase_on_the_clause_is_geocoded_with_its_span():
    text = "The Syrian government and the opposition held talks in the Qatari capital Doha."
    (event,) = events(text, "2015-06-01")
    place = event["location"]
    assert (place["name"], place["country"], place["method"]) == ("Doha", "QAT", "text")
    assert text[place["span"][0] : place["span"][1]] == "the Qatari capital Doha"
    assert abs(place["lat"] - 25.3) < 0.5 and abs(place["lon"] - 51.5) < 0.5


def test_the_dateline_is_the_fallback_and_an_actor_is_never_a_place():
    (dated,) = events("PARIS, May 28 (RIA Novosti) - Russia urged Syria to stop the shelling.",
                      "2013-05-28")  # fmt: skip
    assert (dated["location"]["country"], dated["location"]["method"]) == ("FRA", "dateline")
    (bare,) = events("Russia urged Syria to stop the shelling.", "2013-05-28")
    assert bare["location"] is None


def test_a_where_clause_takes_its_antecedents_place_and_date():
    text = (
        "Egypt's foreign minister arrived in Amman on Sunday, where he met the Jordanian "
        "foreign minister."
    )
    (event,) = events(text, "2015-06-03")  # a Wednesday
    assert (event["date"], event["date_precision"]) == ("2015-05-31", "day")
    assert (event["location"]["name"], event["location"]["method"]) == ("Amman", "text")


def test_an_event_noun_mentioned_again_lends_its_date():
    text = (
        "Lavrov and Kerry discussed Ukraine in a phone call. The Russian Foreign Ministry said "
        "in a statement on Thursday that the phone call also covered Syria."
    )
    dated = {e["date"] for e in events(text, "2015-08-14") if e["sentence"] == 0}
    assert dated == {"2015-08-13"}
    # an indefinite mention is another occasion: the first call keeps the publication date
    text = "Lavrov and Kerry discussed Ukraine in a phone call. They will hold a phone call soon."
    first = [e for e in events(text, "2015-08-14") if e["sentence"] == 0]
    assert first and all(e["date_precision"] == "inherited" for e in first)


RAID_IN_MAY = "In May a Russian air raid on a refugee camp in Idlib killed dozens of civilians."
LAST_MONTH = RAID_IN_MAY.replace("In May", "Last month")
THURSDAY = "Russian Foreign Minister Sergei Lavrov met John Kerry in Paris on Thursday. "


def test_an_act_dated_months_before_the_articles_news_is_background():
    # the news is Thursday's meeting; May's raid is history told as background (guideline)
    text = THURSDAY + RAID_IN_MAY
    found = result_to_json(eventwire.extract(text, published="2017-10-20"))  # learned coder
    dates = [e["date"] for e in found["events"]]
    assert dates and all(d.startswith("2017-10") for d in dates), dates
    # the dictionary coder, like PETRARCH, codes every dated act
    assert any(e["date"].startswith("2017-05") for e in events(text, "2017-10-20"))


def test_an_article_of_older_acts_only_keeps_them_dated():
    # nothing newer in the article: a retrospective (or a wrong publication date) keeps its acts
    found = result_to_json(eventwire.extract(RAID_IN_MAY, published="2017-10-20"))
    assert [(e["date"], e["date_precision"]) for e in found["events"]] == [("2017-05-01", "month")]


def test_an_act_of_the_last_month_is_still_news():
    # three weeks on, an act dated to its day is still the news wire copy reports, in the same
    # month or early in the next (the seed gold codes "their talks in Moscow on May 7" in a May
    # 28 story); dated only to the month, it is a recap (below)
    raid_on_the_day = RAID_IN_MAY.replace("In May", "On May 7")
    for published in ("2017-05-28", "2017-06-05"):
        found = result_to_json(eventwire.extract(THURSDAY + raid_on_the_day, published=published))
        assert any(e["date"] == "2017-05-07" for e in found["events"]), published


def test_petrarch_conventions_code_background_too():
    text = THURSDAY + RAID_IN_MAY
    compat = CoderConfig(petrarch_compat=True)
    found = result_to_json(eventwire.extract(text, published="2017-10-20", config=compat))
    assert any(e["date"].startswith("2017-05") for e in found["events"]), found["events"]


# a chronology closing a story, as agency copy prints it once line breaks are lost: each entry
# is told in the present tense, its date standing alone at its head
TIMELINE = (
    "Russian Foreign Minister Sergei Lavrov met John Kerry in Paris on Tuesday. "
    "Key dates. March 15 2011 Iran condemns the arrest of protesters in Bahrain. "
    "August 21 2013 Washington accuses the Syrian government of a chemical attack. "
    "September 2015 Russia condemns Turkey over the downing of a jet. "
    "2016 Turkey accuses Russia of violating its airspace."
)


def test_each_timeline_entry_takes_the_date_at_its_head():
    dated = {
        (e["source"]["code"], e["date"], e["date_precision"], e["date_expression"]["text"])
        for e in events(TIMELINE, "2018-01-23")
        if e["date_expression"]
    }
    assert ("USAGOV", "2013-08-21", "day", "August 21 2013") in dated
    assert ("RUS", "2015-09-01", "month", "September 2015") in dated
    assert ("TUR", "2016-01-01", "year", "2016") in dated
    assert ("IRN", "2011-03-15", "day", "March 15 2011") in dated


def test_timeline_entries_are_background_to_the_learned_coder():
    found = result_to_json(eventwire.extract(TIMELINE, published="2018-01-18"))
    assert found["events"] and all(e["date"] == "2018-01-16" for e in found["events"])


def test_two_dates_at_sentence_heads_make_no_timeline():
    nlp = load_nlp()
    four = [s.date.expression for s in timeline_stamps(nlp(TIMELINE), dt.date(2018, 1, 23))]
    assert four == ["March 15 2011", "August 21 2013", "September 2015", "2016"]
    two = TIMELINE.split(" September 2015")[0]
    assert timeline_stamps(nlp(two), dt.date(2018, 1, 23)) == []
    # a date inside a sentence, or before a lower-case word, heads no entry: two are left
    prose = TIMELINE.replace("2016 Turkey", "In 2016 Turkey").replace("2015 Russia", "2015 was")
    assert timeline_stamps(nlp(prose), dt.date(2018, 1, 23)) == []


def test_an_act_the_article_dates_only_to_a_past_month_is_a_recap():
    # "earlier this month" and "last month" recap acts reported when they happened: coded again
    # they count one act twice; a plan for the month and the day's news stay
    published = "2017-08-30"
    for recap in (
        "Earlier this month the Security Council imposed new sanctions on North Korea.",
        "Last month Russian jets bombed a market in Idlib.",
    ):
        found = result_to_json(eventwire.extract(THURSDAY + recap, published=published))
        assert [e["cameo"][:2] for e in found["events"]] == ["04"], recap
    plan = result_to_json(
        eventwire.extract(THURSDAY + "Lavrov will visit Ankara this month.", published=published)
    )
    assert any(e["date_precision"] == "month" for e in plan["events"]), plan["events"]
    # with nothing newer in the article, the month's act is what it reports
    alone = result_to_json(
        eventwire.extract("Last month Russian jets bombed a market in Idlib.", published=published)
    )
    assert [e["date_precision"] for e in alone["events"]] == ["month"]


def test_a_done_act_in_a_month_without_a_year_is_the_last_such_month():
    # a January story: "in February" in the past tense is last February, not next month's
    (done,) = events("Russia condemned Turkey in February.", "2018-01-10")
    assert (done["date"], done["date_precision"]) == ("2017-02-01", "month")
    (plan,) = events("Iran will meet Turkey in February.", "2018-01-10")
    assert plan["date"] == "2018-02-01"
