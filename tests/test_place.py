"""The place stage: gazetteer, toponym resolution, event places, and the geoparsing scorer.

Sentences are our own; the scorer test reads ../shared and skips without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.gazetteer import measure_load, place_key
from eventwire.model import Article, Dateline
from eventwire.nlp import parse
from eventwire.place import (
    Located,
    PlaceContext,
    event_place,
    load_gazetteer,
    place_context,
    resolve_toponym,
)

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gold" / "geoparsing"


def _doc(text: str):
    return next(parse([text]))


def _trigger(doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def _place(text: str, word: str, article: Article | None = None) -> Located | None:
    doc = _doc(text)
    context = place_context(doc, article)
    dateline = article.dateline.place if article is not None and article.dateline else None
    return event_place(doc, _trigger(doc, word), context, dateline)


def _article(text: str, dateline_place: str | None = None) -> Article:
    dateline = None
    if dateline_place:
        dateline = Dateline(f"{dateline_place}, May 3 -", dateline_place, "May 3", None, (0, 10))
    return Article(id="t", text=text, dateline=dateline)


# ------------------------------------------------------------------------------ gazetteer


def test_gazetteer_is_cached_and_small() -> None:
    """Load time is measured by benchmarks/load_times.py, not asserted here."""
    gaz = load_gazetteer()
    assert load_gazetteer() is gaz
    assert measure_load()["kept_mb"] < 100
    kinds = {p.kind for p, _ in gaz.lookup("Georgia")}
    assert kinds == {"country", "region"}
    assert place_key("St. Petersburg") == place_key("Saint Petersburg")


def test_population_threshold_is_configurable() -> None:
    small = load_gazetteer(min_population=100_000)
    assert not any(p.kind == "city" and p.population < 100_000 for v in small.names.values()
                   for p in v)  # fmt: skip
    assert any(p.name == "Doha" for p, _ in small.lookup("Doha"))


# ------------------------------------------------------------------------------ resolution


def test_paris_in_a_syria_story_is_paris_france() -> None:
    ctx = place_context(_doc("Syrian forces shelled Aleppo and Homs. Envoys met in Paris."))
    loc = resolve_toponym("Paris", ctx)
    assert loc is not None and loc.country == "FRA"


def test_paris_in_a_texas_story_is_paris_texas() -> None:
    text = (
        "A tornado damaged homes in northeast Texas on Sunday, officials in Dallas said. "
        "The storm hit Paris hardest."
    )
    loc = resolve_toponym("Paris", place_context(_doc(text)))
    assert loc is not None and loc.country == "USA"
    assert loc.lat is not None and abs(loc.lat - 33.66) < 0.1  # Paris, Texas
    # a Texas dateline is enough too
    ctx = place_context(_doc("The storm hit Paris hardest."), _article("", "DALLAS"))
    assert ctx.dateline_country == "USA"
    loc = resolve_toponym("Paris", ctx)
    assert loc is not None and loc.country == "USA"


def _country(text: str, context: PlaceContext | None = None) -> str | None:
    loc = resolve_toponym(text, context)
    return loc.country if loc is not None else None


def test_descriptors_are_peeled_and_used() -> None:
    doha = resolve_toponym("the Qatari capital Doha")
    assert doha is not None and (doha.name, doha.country) == ("Doha", "QAT")
    assert _country("the Syrian city of Aleppo") == "SYR"
    countryside = resolve_toponym("Damascus countryside")
    assert countryside is not None and countryside.country == "SYR"
    assert countryside.name != "Damascus"  # the governorate around it, which we list
    assert _country("Idlib province") == "SYR"
    assert _country("northern Syria") == "SYR"
    assert _country("the outskirts of Damascus") == "SYR"
    assert _country("Syria's Aleppo") == "SYR"
    assert _country("Paris, Texas") == "USA"
    # the demonym is a constraint: an unknown village still gets its country
    assert _country("the Syrian village of Nowhere-on-Sea") == "SYR"
    # a capitalised direction is part of a town's name, not a descriptor
    assert resolve_toponym("South Charleston") is None


def test_country_names_and_ambiguous_regions() -> None:
    mexico = resolve_toponym("Mexico")
    assert mexico is not None and mexico.name == "Mexico"  # the country, not the city
    assert _country("Georgia") == "GEO"
    us = PlaceContext(countries={"USA": 5}, regions={("USA", "GA"): 2})
    assert _country("Georgia", us) == "USA"
    washington = resolve_toponym("Washington")
    assert washington is not None and washington.lat is not None and washington.lat < 40  # DC
    kremlin = resolve_toponym("the Kremlin")
    assert kremlin is not None and kremlin.name == "Moscow"
    assert _country("St. Petersburg") == "RUS"
    assert resolve_toponym("Nowhere-on-Sea") is None


# ------------------------------------------------------------------------------ event places


def test_place_from_the_event_clause() -> None:
    found = _place("Russian and Turkish diplomats met in the Qatari capital Doha on Monday.", "met")
    assert found is not None and found.method == "text"
    assert found.location.name == "Doha" and found.location.country == "QAT"
    text = "Russian and Turkish diplomats met in the Qatari capital Doha on Monday."
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == "the Qatari capital Doha"


def test_country_as_place() -> None:
    found = _place("Protesters clashed with police in Syria on Friday.", "clashed")
    assert found is not None and found.location.country == "SYR"
    assert found.location.name == "Syria"


def test_noun_triggers() -> None:
    talks = _place("The talks in Geneva ended without agreement.", "talks")
    assert talks is not None and talks.location.name == "Geneva"
    held = _place("Talks were held in Doha last week.", "Talks")
    assert held is not None and held.location.country == "QAT"
    staged = _place("The two sides held talks in Moscow.", "held")
    assert staged is not None and staged.location.name == "Moscow"
    nested = _place("The ministers met at talks in Moscow.", "met")
    assert nested is not None and nested.location.name == "Moscow"


def test_no_place_from_an_actor_mention() -> None:
    assert _place("Russia urged Syria to stop the shelling.", "urged") is None


def test_prep_of_another_clause_is_not_taken() -> None:
    assert _place("Russia urged Syria to stop the shelling in Aleppo.", "urged") is None
    assert _place("Obama said in Washington that Iran must stop enriching uranium.", "stop") is None
    said = _place("Obama said in Washington that Iran must stop enriching uranium.", "said")
    assert said is not None and said.location.country == "USA"
    # "in Syria" describes the war, not where the condemning happened
    assert _place("Russia condemned the war in Syria.", "condemned") is None


def test_dates_and_topics_are_not_places() -> None:
    assert _place("The protest in March drew thousands.", "protest") is None
    assert _place("Diplomats held talks on Syria.", "held") is None
    vienna = _place("Diplomats held talks on Syria in Vienna.", "held")
    assert vienna is not None and vienna.location.name == "Vienna"


def test_parts_of_places() -> None:
    found = _place("Clashes erupted on the outskirts of Damascus on Monday.", "erupted")
    assert found is not None and found.location.name == "Damascus"
    found = _place("Fighting raged in eastern Aleppo.", "raged")
    assert found is not None and found.location.name == "Aleppo"
    killed = _place("France condemned the attack, which killed 12 people in Kabul.", "killed")
    assert killed is not None and killed.location.country == "AFG"


def test_dateline_fallback() -> None:
    text = "Russia urged Syria to stop the shelling."
    found = _place(text, "urged", _article(text, "MOSCOW"))
    assert found is not None and found.method == "dateline" and found.span is None
    assert found.location.name == "Moscow" and found.location.country == "RUS"
    # a place in the clause wins over the dateline
    text = "Lavrov met Kerry in Geneva on Monday."
    found = _place(text, "met", _article(text, "MOSCOW"))
    assert found is not None and found.method == "text" and found.location.name == "Geneva"


# ------------------------------------------------------------------------------ scorer


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/data/gold/geoparsing is not available")
def test_geoparsing_scores_meet_targets() -> None:
    from eventwire.eval.geoparsing import score_geoparsing

    result = score_geoparsing(GOLD, "all", limit=25)
    for corpus in ("lgl", "gwn"):
        r = result[corpus]
        assert r["gold_toponyms"] > 100
        assert r["coverage"] >= 0.6, (corpus, r)
        assert r["country_correct"] >= 0.85, (corpus, r)
        assert r["within_161km"] >= 0.70, (corpus, r)
