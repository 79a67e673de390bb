"""The learned role ranker: which phrase of a sentence is an event's source, which its target.

Sentences written for these tests; none is in the training data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc, Span

import eventwire
from eventwire.actors.found import actors_of
from eventwire.actors.kb import knowledge_base
from eventwire.actors.resolve import resolve_actors
from eventwire.api import record_from_mapping
from eventwire.config import DEFAULT
from eventwire.events.classify import ModelError
from eventwire.events.role_ranker import (
    RoleRanker,
    candidate_rows,
    dependency_path,
    load_ranker,
    phrases,
    pick,
)
from eventwire.ingest import ArticleOptions, Failure, build_article
from eventwire.model import ArticleResult, Event
from eventwire.nlp import load_nlp
from eventwire.pipeline import sentences_and_mentions

OPTIONS = ArticleOptions(check_language=False)


def events(text: str) -> list[Event]:
    result = eventwire.extract(text, published="2021-03-01")
    assert result.errors == []
    return [e for e in result.events if not e.negated]


def codes(event: Event) -> tuple[str | None, str | None]:
    return (
        event.source.code if event.source else None,
        event.target.code if event.target else None,
    )


def parsed(text: str) -> Doc:
    """The sentence as extract sees it: cleaned, parsed, its actors resolved."""
    article = build_article(record_from_mapping({"id": "t", "text": text}, "t"), OPTIONS)
    assert not isinstance(article, Failure)
    doc = load_nlp()(article.text)
    result = ArticleResult(article=article, input_id="t")
    sentences_and_mentions(doc, result, DEFAULT)
    resolve_actors(doc, result, DEFAULT)
    return doc


def rows_by_head(doc: Doc, sent: Span, lemma: str) -> dict[str, list[str]]:
    """Each phrase's ranker features for the act of force whose verb is ``lemma``, by head."""
    verb = next(t for t in sent if t.lemma_ == lemma)
    refs = phrases(sent, actors_of(doc), [], load_ranker().role_words, verb)
    rows = candidate_rows(verb, "19", refs, set(), set(), set())
    return dict(zip([doc[r.head].text for r in refs], rows, strict=True))


def test_a_word_inside_a_coded_phrase_is_not_a_phrase_of_its_own():
    doc = parsed("Russia's Foreign Minister Sergey Lavrov met Kenyan officials in Nairobi.")
    sent = next(iter(doc.sents))
    texts = [r.actor.text for r in phrases(sent, actors_of(doc), [], load_ranker().role_words)]
    assert "Russia's Foreign Minister Sergey Lavrov" in texts
    assert "Sergey" not in texts and "Russia" not in texts


def test_an_adjective_is_a_phrase_only_when_it_names_an_armed_group():
    agent = knowledge_base(DEFAULT).agent
    for text, word, expected in (
        ("Four farmers were wounded in terrorist mortar attacks on a village.", "terrorist", True),
        ("Four farmers were wounded in an armed attack on a village.", "armed", False),
    ):
        doc = parsed(text)
        sent = next(iter(doc.sents))
        verb = next(t for t in sent if t.lemma_ == "wound")
        found = phrases(sent, actors_of(doc), [], load_ranker().role_words, verb, None, agent)
        assert (word in [r.actor.text for r in found]) is expected, text
        # without the agent words no adjective is a phrase
        found = phrases(sent, actors_of(doc), [], load_ranker().role_words, verb)
        assert word not in [r.actor.text for r in found], text


def test_a_number_is_a_phrase_unless_it_is_part_of_a_dateline():
    doc = parsed("Mon Jun 20 2016 Rebels shelled the town, killing 43.")
    sent = next(iter(doc.sents))
    verb = next(t for t in sent if t.lemma_ == "shell")
    refs = phrases(sent, actors_of(doc), [], load_ranker().role_words, verb)
    assert "43" in [r.actor.text for r in refs]
    # no phrase is headed by the dateline's numbers
    assert not {doc[r.head].text for r in refs} & {"Mon", "Jun", "20", "2016"}


def test_the_path_of_a_subject_is_one_step_up():
    doc = load_nlp()("The rebels attacked the convoy.")
    verb = next(t for t in doc if t.lemma_ == "attack")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    obj = next(t for t in doc if t.dep_ == "dobj")
    assert dependency_path(verb, subject) == ("nsubj", "", "")
    assert dependency_path(verb, obj) == ("dobj", "", "")


def test_a_phrase_deep_in_a_purpose_clause_is_marked_as_far_and_past_a_clause():
    # the kept path stops at four steps; how deep a phrase sits, and how many clauses it is
    # inside, are features of their own
    doc = parsed(
        "Kurdish rebels launched an offensive against Turkish troops in a bid to reach a"
        " valley vital to President Erdogan's plans."
    )
    rows = rows_by_head(doc, next(iter(doc.sents)), "launch")
    assert "clauses=0|0" in rows["troops"] and "clauses=0|0" in rows["rebels"]
    assert "clauses=1|0" in rows["Erdogan"] and "steps=7-12" in rows["Erdogan"]
    assert "near=before|1" in rows["rebels"] and "near=after|1" in rows["troops"]
    assert "near=after|2" in rows["Erdogan"]


def test_the_words_beside_a_phrase_are_read_within_its_sentence():
    # the word before and after each phrase and the word after the predicate are features;
    # a phrase that opens its sentence has the sentence's edge before it, as when training
    # parses the sentence alone, not the full stop of the sentence before
    doc = parsed("The talks ended without a deal. Rebels fired on an army convoy near Idlib.")
    rows = rows_by_head(doc, list(doc.sents)[1], "fire")
    assert {"prev=<s>", "next=fired", "lpn=fire|on|before"} <= set(rows["Rebels"])
    assert {"prev=on", "prev2=fired|on", "next=near", "rprev=19|on|after"} <= set(rows["convoy"])
    assert "lhl=fire|convoy" in rows["convoy"]


def test_the_subject_of_a_headline_passive_of_harm_is_its_victim():
    # "were" dropped: the parse reads "killed" as an active verb with no object
    from eventwire.events.extract import victims_of
    from eventwire.nlp import parse

    cases = {
        "70 Taliban Terrorists killed and many injured in Afghan and US joint Airstrikes.": {
            "Terrorists"
        },
        "Kunduz Offensive 25 Taliban Militants Killed.": {"Militants"},
        "Rebels killed five soldiers near Aleppo.": set(),  # an object: the subject acts
        "The rebels have killed near the border.": set(),  # "have": active
    }
    for text, victims in cases.items():
        (doc,) = parse([text])
        verb = next(t for t in doc if t.lemma_ == "kill")
        assert {doc[i].text for i in victims_of(verb)} & {
            "Terrorists",
            "Militants",
            "Rebels",
            "rebels",
        } == victims, text


def test_whoever_is_hit_is_not_who_hits_under_another_of_its_names():
    from eventwire.actors.found import ActorRef
    from eventwire.events.extract import under_other_names
    from eventwire.model import Actor

    def ref(head: int, code: str | None) -> ActorRef:
        return ActorRef(head, head, head + 1, Actor("x", code), "kb")

    candidates = [ref(1, "IMGMUSISI"), ref(5, "IMGMUSISI"), ref(9, "SYRMIL"), ref(12, None)]
    assert under_other_names({1}, candidates) == {1, 5}
    assert under_other_names({12}, candidates) == set()  # an uncoded victim names no one else
    assert under_other_names(set(), candidates) == set()


def test_a_dateline_read_as_a_name_is_not_a_phrase():
    doc = parsed("Thu Dec 15 2016 At Least 48 Killed in Mortar Attacks in Aleppo.")
    sent = next(iter(doc.sents))
    texts = [r.actor.text for r in phrases(sent, actors_of(doc), [], load_ranker().role_words)]
    assert not any("Dec" in t or "Thu" in t for t in texts)


def test_the_counterpart_behind_a_preposition_is_the_target():
    (event,) = events("Lavrov met late on Monday with US Secretary of State John Kerry in Paris.")
    assert event.cameo[:2] == "04"
    assert codes(event) == ("RUSGOV", "USAGOV")


def test_the_accused_is_the_target_and_the_accuser_the_source():
    (event,) = events("Pakistan accused India on Sunday of violating the ceasefire in Kashmir.")
    assert event.cameo[:2] == "11"
    assert codes(event) == ("PAK", "IND")


def test_a_joint_subject_keeps_both_sides():
    found = events("US and Russian diplomats will meet again in Geneva next week.")
    assert found and {code for e in found for code in codes(e)} >= {"USAGOV", "RUSGOV"}


def test_one_phrase_is_never_on_both_sides():
    for event in events("Lavrov and Kerry announced plans for a peace conference on Syria."):
        assert (
            event.source is None or event.target is None or (event.source.text != event.target.text)
        )


def test_an_uncoded_attacker_and_its_victims_are_found():
    found = events("Regime helicopters dropped barrel bombs on Daraya, killing 12 civilians.")
    assert found and found[0].cameo[:2] in {"18", "19", "20"}
    assert found[0].source is not None and "helicopters" in found[0].source.text


def test_an_event_nobody_coded_or_named_is_not_coded():
    assert events("Officials warned that the situation on the border is deteriorating.") == []


def test_a_missing_role_model_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ModelError, match="role model"):
        RoleRanker(tmp_path)


def test_the_modifier_of_an_act_is_who_does_it():
    found = events("Rebel shelling killed two soldiers near Aleppo on Sunday.")
    assert found and found[0].source is not None and found[0].source.text == "Rebel"
    # the state whose air strikes they are, past the weapon word "air"
    (event,) = events("Israeli air strikes killed three Hamas militants in Gaza.")
    assert codes(event) in {("ISR", "PSEREBHMS"), ("ISRMIL", "PSEREBHMS")}
    # "a terrorist attack": the attackers the modifier names, not an act with no one behind it
    (event,) = events("A terrorist attack killed five soldiers near Idlib in Syria.")
    assert event.source is not None and event.source.text == "A terrorist attack", event


def test_a_weapon_modifying_the_act_is_not_who_does_it():
    # "air" and "missile" head no role: the strike has no named source
    for text in ("An air strike killed 12 civilians in Idlib on Monday.",
                 "A missile strike killed 15 people in Deir el-Zour on Friday."):  # fmt: skip
        (event,) = events(text)
        assert event.cameo.startswith("19") and event.source is None, text
        assert event.target is not None and event.target.text.endswith(("civilians", "people"))


def test_a_state_striking_its_own_people_is_two_parties():
    found = events("Syrian air strikes hit a market in Douma, killing 12 people.")
    assert found
    source, target = codes(found[0])
    # the strikes' owner (the state, or its military) against its own people: two parties
    assert source is not None and source.startswith("SYR") and source[3:] in {"", "MIL"}
    assert target is not None and target.startswith("SYR") and target != source


def test_a_state_acting_on_its_opposition_leader_is_two_parties():
    # an elite (in 2016 the knowledge base has Guaido as one, not yet the opposition's leader)
    # is not the state
    result = eventwire.extract(
        "Venezuela has banned opposition leader Juan Guaido from holding public office for "
        "15 years.",
        published="2016-06-15",
    )
    (event,) = result.events
    source, target = codes(event)
    assert source == "VEN" and target is not None and target.startswith("VEN") and target != "VEN"


def test_nobody_competes_with_every_phrase_for_each_role():
    # scores over [nobody, phrase 0, phrase 1]
    source = np.array([0.0, 2.0, -1.0])
    assert pick(source, np.array([3.0, 1.0, 2.0]), set()) == (0, None)  # nobody beats both
    assert pick(source, np.array([0.0, 1.0, 2.0]), set()) == (0, 1)
    # the source's own phrase, a barred phrase and a phrase coded like the source never are
    assert pick(source, np.array([0.0, 5.0, 1.0]), set()) == (0, 1)
    assert pick(source, np.array([0.0, 1.0, 2.0]), {1}) == (0, None)
    assert pick(source, np.array([0.0, 1.0, 2.0]), set(), ["KEN", "KEN"]) == (0, None)
    assert pick(np.array([1.0, 0.0, 0.5]), np.array([0.0, 1.0, 2.0]), set()) == (None, 1)


def test_the_party_whose_demand_is_rejected_is_the_target():
    (event,) = events(
        "Zambia rejected demands from the International Monetary Fund to cut fuel subsidies."
    )
    assert event.cameo[:2] == "12"
    assert event.source is not None and event.source.code == "ZMB"
    assert event.target is not None and "Monetary Fund" in event.target.text


def test_a_protest_with_no_counterpart_named_has_no_target():
    (event,) = events("Protesters blocked roads in the capital on Monday.")
    assert event.cameo[:2] == "14" and event.target is None


def test_a_thing_hit_that_nobody_owns_is_not_the_target():
    # the guideline's places rule: what an act of force destroys is no actor unless its owner
    # is named
    (event,) = events("Israeli forces demolished a house in the West Bank village.")
    assert codes(event) == ("ISRMIL", None)
    (event,) = events("Turkish jets shot down a Russian jet near the Syrian border.")
    assert codes(event) == ("TURMIL", "RUSMIL")


def test_who_reports_an_act_or_hears_the_report_is_not_its_target():
    # "sources told SANA that …": the news agency only hears of the bombing
    (event,) = events(
        "Local sources told SANA news agency that a terrorist group planted a bomb "
        "under the platform of the mosque."
    )
    assert event.cameo[:2] == "18" and event.target is None
    # "according to X" and "X said" report the act; the victims stay its target
    found = events(
        "Government forces shelled the rebel-held district on Monday, killing five "
        "civilians, according to the Syrian Observatory for Human Rights."
    )
    assert found and all(e.target is None or "Observatory" not in e.target.text for e in found), [
        (e.cameo, e.target and e.target.text) for e in found
    ]


def test_those_killed_in_an_attack_are_never_its_source():
    # "were killed in the offensive": the fighters suffer the offensive, whoever led it
    found = events(
        "Officials said at least 40 Islamic State fighters were killed in the offensive."
    )
    assert found, "the offensive is an event"
    for event in found:
        assert event.source is None or "fighters" not in event.source.text, event
    (event,) = events("Another 30 rebel fighters were injured in clashes with the army.")
    assert event.source is None or "fighters" not in event.source.text, event


def test_a_state_named_as_where_the_fighting_is_is_not_its_target():
    # the guideline's places rule: "near the Turkish border", "in western Syria" say where
    (event,) = events("Islamic State fighters seized 60 Kurdish villages near the Turkish border.")
    assert event.cameo[:2] in {"18", "19"} and codes(event) == ("IMGMUSISI", None)
    (event,) = events("Syrian rebels launched an offensive in western Syria on Monday.")
    assert event.cameo[:2] in {"18", "19"} and codes(event) == ("SYRREB", None)
    # "on the border with Turkey", even where the parse hangs "with Turkey" on the verb
    from eventwire.actors.found import ActorRef
    from eventwire.events.extract import _locations
    from eventwire.model import Actor

    words = ["Fighters", "press", "the", "assault", "on", "the", "border", "with", "Turkey"]
    heads = [1, 1, 3, 1, 1, 6, 4, 1, 7]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "prep", "pobj"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps)
    turkey = ActorRef(8, 8, 9, Actor("Turkey", "TUR", "TUR"), "country")
    assert _locations([turkey], doc, "190") == {8}
    # a name no dictionary knows, that a place noun names, is the place ("the outskirts of X")
    found = events("Rebels attacked the outskirts of Kafr Nabudah on Monday.")
    assert found and all(e.target is None for e in found), [e.target for e in found]
    # a state struck is still the target
    (event,) = events("Israeli jets struck Syria on Monday.")
    assert codes(event) == ("ISRMIL", "SYR")


def test_who_holds_a_town_is_not_the_target_of_an_act_on_it():
    # "the rebel-held district" is a place named by its holder; its victims are the target
    found = events(
        "Government forces shelled the rebel-held district of Douma, killing five civilians."
    )
    assert found and all(e.target is None or e.target.text != "rebel" for e in found), [
        (e.cameo, e.target and e.target.text) for e in found
    ]


def test_a_military_place_its_armed_owner_holds_makes_the_owner_the_target():
    # "PKK camps": the owner is named with the place, so the owner is hit
    (event,) = events("Turkish jets bombed PKK camps in northern Iraq.")
    assert codes(event) == ("TURMIL", "TURREB")
    # every military place is one (actors.phrases.MILITARY_PLACES): a depot too
    (event,) = events("Syrian army units captured a Hezbollah depot near the border.")
    assert codes(event) == ("SYRMIL", "LBNREB"), event
    # the parse hangs the owner on the place's own modifier: "(Hezbollah weapons) depot"
    (event,) = events("Syrian army units took an ISIS weapons depot near Raqqa.")
    assert codes(event) == ("SYRMIL", "IMGMUSISI"), event
    # gun emplacements and ammunition dumps are held places too, and vehicles are their owner's
    (event,) = events("Turkish jets struck Daesh gun emplacements in northern Syria.")
    assert codes(event) == ("TURMIL", "IMGMUSISI"), event
    (event,) = events("Kurdish fighters destroyed seven Daesh vehicles near Manbij.")
    assert codes(event)[1] == "IMGMUSISI", event
    # a civilian place stays a place, whoever's it is
    (event,) = events("Russian jets hit a refugee camp in Idlib.")
    assert codes(event) == ("RUSMIL", None)


def test_a_news_agency_reports_force_and_never_uses_it():
    found = events(
        "Reuters cited an army officer who said the battles are still raging in the region "
        "between the army and the militant attackers."
    )
    assert all(e.source is None or e.source.text != "Reuters" for e in found), found
    # a news agency that speaks is still the speaker of what it says
    (event,) = events("The state news agency KCNA accused South Korea of provocations.")
    assert event.cameo[:2] == "11" and event.source is not None


def test_a_date_is_never_an_actor():
    # "it said Friday, blaming the group": a day or an amount says when or how much, not who
    from eventwire.events.role_ranker import phrase_key
    from eventwire.nlp import parse

    (doc,) = parse(["The talks in Geneva ended on Friday with Iran and 5 percent of the vote."])
    keys = {t.text: phrase_key(t) for t in doc}
    assert keys["Friday"] is None and keys["percent"] is None
    assert keys["Iran"] == "#propn" and keys["talks"] == "talk"


def test_a_checkpoint_nobody_is_named_as_holding_is_where_not_whom():
    # the guideline's places rule: "attacked a checkpoint" hits a place; the soldiers killed
    # are whom the attack hit
    (event,) = events("Five soldiers were killed when Taliban militants attacked a checkpoint.")
    assert event.target is not None and "soldiers" in event.target.text, event
    # "an army checkpoint" names whose forces hold it
    (event,) = events("Rebels attacked an army checkpoint near Hama.")
    assert event.target is not None and "checkpoint" in event.target.text


def test_a_state_past_weapon_words_owns_the_strikes():
    # "US air strikes": "air" is a weapon word, so the state further left is whose they are;
    # "the Gondor main opposition group" (an agent phrase) stays the phrase's own country and
    # agent, which the PETRARCH suite checks
    for text, code in (
        ("US air strikes killed civilians near Manbij.", "USAMIL"),
        ("Israeli air strikes killed three Hamas militants in Gaza.", "ISRMIL"),
    ):
        result = eventwire.extract(text, published="2018-01-01")
        strikes = [m for m in result.actors if m.text.endswith("air strikes")]
        assert strikes and strikes[0].actor is not None and strikes[0].actor.code == code, text


def test_who_reports_an_act_of_force_is_not_its_source():
    # the speaker tells of an attack that has no named author: nobody did it, as far as
    # the sentence says, and certainly not the monitor or the opposition body that told it
    for text, speaker in (
        ("Human Rights Watch said the raid left dozens of civilians dead.", "Human Rights"),
        (
            "The opposition National Coalition said the attack killed more than 100 people "
            "in Khan Sheikhoun.",
            "Coalition",
        ),
    ):
        found = events(text)
        assert found and all(e.cameo[:2] in {"18", "19", "20"} for e in found), text
        assert all(e.source is None or speaker not in e.source.text for e in found), text
    # the speaker's own act, reported or committed to, stays the speaker's
    (event,) = events("The Pentagon said it hit five bases used by the Iraqi Hezbollah group.")
    assert event.source is not None and event.source.code == "USAMIL", event
    assert "Pentagon" in event.source.text  # the pronoun named by its reporter
    (event,) = events("Russia threatened to strike rebel positions in Idlib.")
    assert event.source is not None and event.source.code == "RUS"
    (event,) = events(
        "Islamic State claimed responsibility for the bombings that killed more than 300 "
        "people in Sri Lanka."
    )
    assert event.source is not None and event.source.code == "IMGMUSISI"


def test_people_a_participle_of_harm_describes_are_the_target():
    # headline style: "five people killed in army shelling" is a passive, whatever the parse
    (event,) = events("Five people killed in army shelling of rebel town.")
    assert event.cameo[:2] == "19"
    assert event.source is not None and event.source.text == "army"
    assert event.target is not None and event.target.text == "Five people"


def test_who_a_speaker_is_called_beside_the_name_is_not_the_target_of_what_he_tells():
    # "X, the group's spokesman, claimed …": the apposition is the speaker himself
    found = events(
        "Abu Mohammed, the Islamic State spokesman, claimed responsibility for both the Baghdad"
        " and the Basra bombings in a statement online."
    )
    assert found and all(e.target is None or "spokesman" not in e.target.text for e in found), [
        (e.cameo, e.target) for e in found
    ]


def test_whom_the_acts_participle_of_harm_kills_is_its_target():
    # the town shelled is a place, no counterpart; those its "killing" names are whom it hit
    (event,) = events("Syrian troops shelled the town, killing 150 villagers.")
    assert event.cameo[:2] == "19" and event.source is not None
    assert event.target is not None and event.target.text == "150 villagers"
    (event,) = events("Government warplanes bombed the village on Monday, wounding 20 civilians.")
    assert event.target is not None and event.target.text == "20 civilians"
    # a participle that harms no one named leaves the act with no target
    (event,) = events("The army shelled the town on Monday, killing nobody.")
    assert event.target is None


def test_a_place_named_as_a_town_of_or_on_a_border_with_is_not_the_target():
    # "the village of Kafr Nabl" names where; "on the border with Turkey" says where too
    (event,) = events("Syrian troops shelled the village of Kafr Nabl on Monday.")
    assert codes(event) == ("SYRMIL", None), event
    found = events(
        "Islamic State fighters pressed their assault on the Kurdish town of Kobani on the "
        "border with Turkey."
    )
    assert found and all(e.target is None or e.target.code != "TUR" for e in found), found
    # "ISIS-controlled western Mosul": a place by who holds it (the guideline's places rule)
    (event,) = events("Iraqi forces pounded ISIS-controlled western Mosul.")
    assert codes(event) == ("IRQMIL", None), event


def test_the_speaker_after_an_inverted_said_reports_the_quoted_act():
    # "…,” said Lavrov addressing reporters": the parser hangs Lavrov on "addressing", yet he
    # says "we discussed", so he is never whom it was discussed with
    from eventwire.events.extract import reporters_of

    doc = load_nlp()("“We discussed the crisis in Syria,” said Lavrov addressing the reporters.")
    discussed = next(t for t in doc if t.lower_ == "discussed")
    assert {doc[i].text for i in reporters_of(discussed)} == {"Lavrov"}


@pytest.mark.parametrize(
    ("text", "act", "reporter"),
    [
        # text without commas (FA-KES has none): the parser hangs the reporter on the clause
        # before ("Idlib", "on Tuesday"), yet the name before a closing "said" speaks
        ("Air strikes killed seven people in Idlib the Syrian Observatory for Human Rights "
         "said.", "killed", "Observatory"),
        ("Rebels shelled the town on Tuesday state news agency SANA reported on Wednesday.",
         "shelled", "SANA"),
    ],
)  # fmt: skip
def test_the_name_before_a_closing_said_reports_the_act_when_commas_are_lost(
    text: str, act: str, reporter: str
):
    from eventwire.events.extract import reporters_of

    doc = load_nlp()(text)
    verb = next(t for t in doc if t.lower_ == act)
    assert reporter in {doc[i].text for i in reporters_of(verb)}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Syrian jets bombed a hospital in the town of Saraqeb on Tuesday killing 9 members of "
         "its nursing staff activists in the town reported.", "SYRMIL"),
        ("Russian jets struck a bakery in the town of Maarat al-Numan on Monday killing 20 "
         "members of the civil defence rescuers in the town reported.", "RUSMIL"),
    ],
)  # fmt: skip
def test_a_closing_report_hung_on_the_act_is_not_told_by_the_acts_own_subject(
    text: str, source: str
):
    # the parser makes the subjectless closing "reported" a clause of the act; the speaker is
    # the name before it, not the jets, which stay the act's source
    found = events(text)
    assert any(e.source is not None and e.source.code == source for e in found), found


def test_words_inside_the_sources_own_phrase_are_never_its_target():
    # "Houthi rebels of Yemen": Yemen says whose rebels; "X and Y launched an appeal": both
    # appeal, neither to the other
    found = events("Houthi rebels of Yemen said they had attacked cities in Saudi Arabia.")
    assert found and all(e.target is None or e.target.code != "YEM" for e in found), found
    found = events(
        "The humanitarian branches of the Federal Government of Somalia and the United Nations "
        "today launched an appeal for $80 million to help people affected by flooding."
    )
    assert found and all(e.target is None or e.target.code != "IGOUNO" for e in found), found
    # an act done among the members keeps them on both sides
    (event,) = events("Kenya and Uganda agreed to share intelligence on the militants.")
    assert codes(event) == ("KEN", "UGA"), event


def test_whoever_issued_the_report_an_act_is_told_by_is_its_reporter():
    from eventwire.events.extract import reporters_of

    doc = load_nlp()(
        "Russia supplied most of the weapons, according to a report released by the "
        "Stockholm International Peace Research Institute."
    )
    supplied = next(t for t in doc if t.lower_ == "supplied")
    assert "Institute" in {doc[i].text for i in reporters_of(supplied)}


def test_a_phrase_that_lists_its_members_is_its_members():
    # "regional sides …, including Saudi Arabia and Iran": the states are whom Moscow consulted
    found = events(
        "Moscow held talks recently with various regional sides that have influence over the "
        "crisis in Syria, including Saudi Arabia and Iran."
    )
    assert found and {e.target.code if e.target else None for e in found} == {"SAU", "IRN"}


def test_whom_a_time_phrase_names_is_not_the_target():
    # "told reporters after the meeting with Lavrov": not told to Lavrov
    from eventwire.events.extract import _when

    text = "“We are committed to this,” Kerry told reporters after the meeting with Lavrov."
    doc = load_nlp()(text)
    told = next(t for t in doc if t.lower_ == "told")
    lavrov = next(t for t in doc if t.text == "Lavrov")
    assert lavrov.i in _when(told)
    # so no statement of Kerry's is addressed to Lavrov (the meeting itself may be coded)
    found = events(text)
    assert not [e for e in found if e.cameo[:2] == "01" and "Lavrov" in codes_text(e)], found


def codes_text(event: Event) -> str:
    return event.target.text if event.target else ""


def test_the_country_us_is_never_the_pronoun_us():
    # "US" in capitals is the United States: never a pronoun that its reporter names
    from eventwire.events.roles import loose_ref

    doc = parsed("The rebels said US jets bombed their positions near Idlib.")
    us = next(t for t in doc if t.text == "US")
    ref = loose_ref(us, actors_of(doc))
    assert ref is None or ref.actor.code in ("USA", "USAMIL"), ref  # never an unknown "us"
    them = parsed("They told us to leave, the villagers said.")
    assert loose_ref(next(t for t in them if t.text == "us"), actors_of(them)) is not None


def test_a_country_named_as_whose_weapon_is_coded_as_that_country():
    # an uncoded "US" modifying the act: the ranker's phrase still codes it as the country
    found = events("US airstrikes killed 229 civilians in Syria on Monday.")
    assert found and all(e.source is None or e.source.country in (None, "USA") for e in found)
    assert any(e.source is not None and e.source.country == "USA" for e in found), found


def test_civilians_belong_to_the_place_not_to_the_state_whose_weapons_hit_them():
    # "US airstrikes … in Syria": "US" says whose strikes, Syria where; the civilians are Syria's
    (event,) = events("More than 520 US airstrikes have killed 229 civilians in Syria.")
    assert event.target is not None and event.target.code == "SYRCVL", event


def test_a_counterpart_of_the_sources_own_side_gives_way_to_another():
    # "Turkey" is the minister's own side: the pledge's counterpart is the opposition, and the
    # event is not lost to "one party on both sides"
    found = events(
        "The foreign minister of Turkey pledged that Turkey will keep supporting the Syrian "
        "opposition in its struggle."
    )
    assert [codes(e) for e in found if e.cameo.startswith("03")] == [("TURGOV", "SYROPP")], found


def test_a_region_of_a_country_is_a_place_not_its_state():
    # "north-western Syria" is where the troops went, not the Syrian state they fought
    (event,) = events("Turkish troops pushed into north-western Syria on Monday.")
    assert codes(event) == ("TURMIL", None), event


def test_a_state_backing_a_group_is_neither_the_group_nor_its_owner():
    # issue 11: a militia backed by a foreign state is not that state's own force
    (event,) = events("Rebels backed by Turkey seized the village near Aleppo.")
    assert codes(event)[0] == "SYRREB", event
    found = events("Israel struck militias backed by the Iranian government near Damascus.")
    assert found and all(codes(e)[1] != "IRNGOV" for e in found), found
    # "affiliated with" a state's government: backed by it, not a member of it
    doc = parsed("Militants affiliated with the Saudi government stormed the town.")
    militants = actors_of(doc).at(doc[0])
    assert militants is None or militants.actor.code != "SAUGOV", militants
    # the backer itself is still who it is
    government = next(t for t in doc if t.text == "government")
    assert actors_of(doc).at(government).actor.code == "SAUGOV"
    # "backed by its ally X", even where the parse makes X the subject of the next verb
    from eventwire.actors.phrases import named_as_backer

    doc = parsed(
        "North of the city the army backed by its Lebanese ally Hezbollah shelled Zabadani."
    )
    hezbollah = next(t for t in doc if t.text == "Hezbollah")
    assert named_as_backer(hezbollah)
    assert not named_as_backer(next(t for t in doc if t.text == "army"))


def test_who_suffered_losses_in_an_attack_is_its_target_not_its_source():
    # "the group suffered a heavy death toll in the air raids": the group was hit
    found = events("The Islamic State group suffered a heavy death toll in the air raids on Raqqa.")
    assert found and all(codes(e)[0] != "IMGMUSISI" for e in found), found
    found = events("Islamic State suffered heavy losses in clashes with the Syrian army.")
    assert any(codes(e) == ("SYRMIL", "IMGMUSISI") for e in found), found


def test_the_speaker_after_a_reported_clause_with_no_comma_is_the_statements_source():
    # "… are well-prepared said Kirkuki" (the comma lost, as in scraped copy): Kirkuki speaks;
    # the Peshmerga of the reported clause are not the statement's source
    from eventwire.saying import subject_of

    text = "But the Peshmerga are well-prepared for such surprise attacks said Kirkuki."
    doc = load_nlp()(text)
    speaker, _ = subject_of(next(t for t in doc if t.text == "said"))
    assert speaker is not None and speaker.text == "Kirkuki"
    statements = [e for e in events(text) if e.cameo[:2] == "01"]
    assert all(e.source is None or "Peshmerga" not in e.source.text for e in statements)
    # "told" keeps its object as whom it was told to
    told = load_nlp()("The army is ready, the minister told reporters.")
    assert subject_of(next(t for t in told if t.text == "told"))[0].text == "minister"


def test_a_bastion_is_a_place_like_a_stronghold_town():
    # "the opposition bastion east of Damascus" is the town, where the assault fell
    (event,) = events("Government warplanes pounded the opposition bastion east of Damascus.")
    assert event.target is None or "bastion" not in event.target.text, event


def test_the_words_as_written_name_the_agent_before_their_lemmas():
    # "armed forces" is the military; its lemmas, "armed force", a militia (UAF)
    doc = parsed("Syrian armed forces repelled an attack near Aleppo.")
    forces = actors_of(doc).at(next(t for t in doc if t.text == "forces"))
    assert forces is not None and forces.actor.code == "SYRMIL", forces


def test_a_statement_addressed_to_no_one_is_about_its_reported_clause_s_actor():
    # the guideline's 010 about another actor: its target is whom the statement is about
    (event,) = events("The Iraqi army is fully prepared for such attacks said the governor.")
    assert event.cameo[:2] == "01" and codes(event)[1] == "IRQMIL", event
    assert event.source is not None and "governor" in event.source.text


def test_a_name_in_a_clause_of_its_own_gives_way_to_the_acts_object():
    from eventwire.events.extract import TargetPool, _in_object, _in_side_clause

    doc = parsed(
        "Militants killed 20 Iraqi Army cadets as they drove home from the Jafar Askari college."
    )
    sent = next(iter(doc.sents))
    verb = next(t for t in doc if t.lemma_ == "kill")
    college_name = next(t for t in doc if t.text == "Askari")
    cadets = next(t for t in doc if t.text == "cadets")
    assert _in_side_clause(verb, college_name)
    assert not _in_side_clause(verb, cadets)
    candidates = phrases(sent, actors_of(doc), [], load_ranker().role_words, verb)
    inside = _in_object(verb, TargetPool(candidates, set(), set(), []))
    # a state's agency that modifies the people hit names them: the cadets are Iraq's army
    assert inside is not None and inside.actor.code == "IRQMIL", inside


def test_an_agency_named_as_a_modifier_of_people_is_their_actor():
    found = events("Gunmen ambushed a bus carrying Turkish Army conscripts near the border.")
    assert found and "TURMIL" in {codes(e)[1] for e in found}, found


def test_who_speaks_for_a_body_acts_as_that_body():
    (event,) = events("A spokesman for the Nigerian army accused Boko Haram of killing 30 farmers.")
    assert codes(event) == ("NGAMIL", "NGAREB"), event
    found = events("A spokeswoman for the World Bank praised Kenya's new budget.")
    assert found and codes(found[0])[0] == "IGOUNODEVWBK", found
    # one who speaks for no coded body stays uncoded
    found = events("A spokesman for the family condemned the Kenyan police.")
    assert found and codes(found[0]) == (None, "KENCOP"), found
    # a possessor is a body spoken for too, and it wins over the nationality's guess (GOV)
    found = events("Putin's spokesman criticised the Ukrainian government.")
    assert found and codes(found[0]) == ("RUSGOV", "UKRGOV"), found
    found = events("The Nigerian army's spokesman accused Boko Haram of killing 30 farmers.")
    assert found and codes(found[0]) == ("NGAMIL", "NGAREB"), found


def test_an_office_acts_as_whoever_holds_it():
    # "the prime minister's office" is the prime minister, never the target of its own act
    found = events("The Israeli prime minister's office condemned the rocket attack on Sunday.")
    assert found and codes(found[0]) == ("ISRGOV", None), found
    found = events("The office of the Afghan president criticised the Pakistani army.")
    assert found and codes(found[0]) == ("AFGGOV", "PAKMIL"), found
    # an office nobody holds is nobody's: "the UN office in Geneva" names no holder
    from eventwire.actors.found import actors_of

    doc = parsed("The UN office in Geneva criticised the Pakistani army.")
    office = next(t for t in doc if t.text == "office")
    ref = actors_of(doc).at(office)
    assert ref is None or ref.how != "alias", ref


def test_an_act_on_ones_own_sides_affair_has_no_counterpart():
    # the only other actor is the source's own state: the defence is coded, with no target
    found = events("President Ruto defended Kenya's decision to raise taxes on fuel.")
    assert [(e.cameo[:2], codes(e)) for e in found][:1] == [("05", ("KENGOV", None))], found


def test_a_person_named_beside_a_coded_role_acts_as_that_role():
    found = events("Stephane Dujarric, a spokesman for the UN, urged Sudan to reopen the border.")
    assert found and codes(found[0]) == ("IGOUNO", "SDN"), found
    found = events("The Kenyan police spokesman, Paul Njuguna, accused al-Shabaab of the attack.")
    assert found and codes(found[0]) == ("KENCOP", "SOMREB"), found
    # a role that names no actor gives none
    found = events("Maria Lopez, a local teacher, criticised the Brazilian government.")
    assert not found or codes(found[0])[0] is None, found


def test_a_place_that_names_an_act_is_not_the_target_of_an_act_about_it():
    # "the Jenin and the Nablus attacks": where the attacks were, not whom the claim is aimed at
    for text in (
        "Abu Obeida, the Hamas spokesman, claimed responsibility for both the Jenin and the "
        "Nablus attacks in messages to reporters.",
        "A Shabaab spokesman claimed responsibility for both the Mogadishu and the Kismayo "
        "bombings.",
    ):
        found = events(text)
        assert found, text
        assert all(e.target is None for e in found), [(e.cameo, e.target) for e in found]


def test_no_modifier_reaches_across_a_dateline_dash():
    # "Beirut London- warplanes" (a byline's cities, the punctuation lost): the warplanes are
    # nobody's the cities say, here or later in the story
    result = eventwire.extract(
        "Rescuers in Idlib worked overnight. Ankara Cairo- warplanes bombed the town of Saraqeb "
        "on Tuesday. The monitor said warplanes returned to bomb the town at dawn.",
        published="2021-03-01",
    )
    planes = [m.actor.code for m in result.actors if m.text.endswith("warplanes")]
    assert planes and all(code is None for code in planes), planes
    assert all(not (e.source and e.source.code or "").startswith("TUR") for e in result.events)


def test_the_outlet_that_closes_a_sentence_reports_the_act_it_is_no_party():
    # "… on Monday Al-Manar TV reports." with its comma lost: the outlet tells of the killing
    found = events(
        "The Iraqi army killed a senior militant commander in clashes near Mosul on Monday "
        "Al-Sumaria News Network reports."
    )
    assert found, found
    assert all(e.target is None or "Network" not in e.target.text for e in found), found


def test_a_rank_in_an_armed_group_is_the_groups_not_the_states_army():
    # "commander" alone is the story's army; "a terrorist commander" is the armed group's
    result = eventwire.extract(
        "The Syrian army killed a terrorist commander in clashes in Idlib.", published="2021-03-01"
    )
    codes_found = {m.text: m.actor.code for m in result.actors}
    assert codes_found.get("a terrorist commander") == "SYRUAF", codes_found
    assert [codes(e) for e in result.events if not e.negated][:1] == [("SYRMIL", "SYRUAF")]


def test_a_state_a_group_is_affiliated_or_loyal_to_is_not_the_group():
    # the parse may make "affiliated" the verb and the state the attackers: the group attacks
    found = events(
        "Terrorist organizations affiliated to Turkish and Qatari regimes targeted on Sunday "
        "al-Zahraa area in Aleppo city with shells that contained chlorine gas."
    )
    assert found, found
    assert all(codes(e)[0] not in {"TURGOV", "QATGOV", "TUR", "QAT"} for e in found), found


def test_sources_speak_for_the_party_that_modifies_them():
    # "opposition sources claimed that Russian jets hit …": the opposition's contested claim
    result = eventwire.extract(
        "Rebels fought on in Idlib. Opposition sources claimed on Sunday that Russian jets "
        "hit a rebel outpost near Saraqeb.",
        published="2021-03-01",
    )
    assert {m.text: m.actor.code for m in result.actors}.get("Opposition sources") == "SYROPP"
    assert [(e.cameo, codes(e)) for e in result.events if e.sentence == 1][:1] == [
        ("112", ("SYROPP", "RUSMIL"))
    ], result.events


def test_a_headline_claim_of_losses_is_the_claimers_accusation():
    # "claim fighter killed, others injured by Russian airstrikes": the injuries are claimed too
    result = eventwire.extract(
        "Opposition fighters claim civilian killed, others wounded by Russian airstrikes in "
        "Hama. The opposition fought on.",
        title=None,
        published="2021-03-01",
    )
    first = [e for e in result.events if e.sentence == 0]
    assert first and first[0].cameo[:2] == "11", first


def test_the_act_modifiers_owner_is_the_owner_of_its_means():
    # "after Syria regime strike on Aleppo": "regime" takes the strike's owner, the regime's
    # military (a state's strikes are its military's)
    found = events("Rescue workers dug out bodies after a Syria regime strike on Aleppo.")
    assert any(codes(e)[0] == "SYRMIL" for e in found), found


@pytest.mark.parametrize(
    "text",
    [
        # a town the tagger takes for a person is ground an army shells or storms
        "Government troops shelled Kafr Zita and Latamneh on Monday.",
        "Pro-government militias stormed Tall Rifaat at dawn.",
        # "urged an end to the war in Yemen": where the war is; nobody is addressed
        "The Archbishop of Canterbury on Sunday urged an end to the war in Yemen.",
        "The UN chief called for an end to the fighting in Sudan.",
        # a name a part of a place takes ("the southern side of X"), and a town's centre
        "Rebel fighters captured a hilltop on the southern side of Tall Kalakh on Monday.",
        "Government forces advanced towards the town center on Tuesday.",
    ],
)
def test_ground_and_the_country_a_war_is_in_are_no_target(text: str):
    found = events(text)
    assert found and all(e.target is None for e in found), found


def test_the_acts_own_coded_object_is_its_target():
    # "…, blaming the Islamic State group for the attack": the group is blamed, not the dead
    for text, blamed in (
        ("The ministry said on Monday that six soldiers were killed, blaming the Islamic State "
         "group for the attack.", "IMGMUSISI"),
        ("The army said on Friday that five soldiers were killed, blaming al-Shabaab for the "
         "attack.", "SOMREB"),
    ):  # fmt: skip
        blame = [e for e in events(text) if e.cameo[:2] == "11"]
        assert blame and codes(blame[0])[1] == blamed, (text, blame)


@pytest.mark.parametrize(
    "text, phrase, code",
    [
        # "Syrias Hama province" (FA-KES lost its apostrophes) names Syria; on a tie with the
        # nationality of foreign jets, the country the places name is the story's
        ("Russian jets hit a market in Syrias Hama province on Monday. Opposition forces said "
         "they shot down a Russian drone.", "Opposition forces", "SYRREB"),
        # "a zoo in Ohio": a US state places the story, as a big city does; a foreign country
        # named once in passing does not take the story's police
        ("A boy fell into an enclosure at a zoo in Ohio on Saturday. A zoo in Portugal had a "
         "similar case. The police said they were investigating the incident.", "The police",
         "USACOP"),
        # the population, as the people, is the story's country's
        ("Syrian troops fought on in Idlib. Aid reached the civil population on Monday.",
         "the civil population", "SYRCVL"),
        # the tagger's nationality on a city ("rocket shells on Aleppo" tagged NORP) is a place
        ("The terrorists fired rocket shells on residential neighbourhoods in Aleppo city, "
         "killing a civilian.", "The terrorists", "SYRUAF"),
        ("Militants fired rocket shells on Aleppo on Monday.", "Militants", "SYRUAF"),
        # ... or its organisation ("the countryside of Homs" tagged ORG)
        ("Army units killed 20 terrorists in the countryside of Homs on Tuesday.", "Army units",
         "SYRMIL"),
    ],
)  # fmt: skip
def test_the_story_is_in_the_country_its_places_name(text: str, phrase: str, code: str):
    result = eventwire.extract(text, published="2021-03-01")
    codes_found = {m.text: m.actor.code for m in result.actors}
    assert codes_found.get(phrase) == code, codes_found


def test_mediators_act_together_and_a_description_is_no_member():
    # "brokered by Qatar, a longtime supporter of the opposition, and Iran, a key ally of the
    # government": two mediators, neither the other's counterpart; the appositions describe them
    found = events(
        "The evacuation deal was brokered by Qatar, a longtime supporter of the Syrian "
        "opposition, and Iran, a key ally of the government."
    )
    assert sorted(codes(e) for e in found) == [("IRN", None), ("QAT", None)], found
    # consulting together is still done with each other
    found = events("Lavrov and Kerry discussed the crisis by telephone on Monday.")
    assert [codes(e) for e in found][:1] == [("RUSGOV", "USAGOV")], found


def events_after_context(text: str) -> list[Event]:
    """The events of a text's second sentence: the first sets the story's country."""
    result = eventwire.extract(text, published="2021-03-01")
    return [e for e in result.events if e.sentence == 1 and not e.negated]


def test_a_stronghold_a_name_says_is_a_region_is_no_target():
    # "the rebel stronghold of Eastern Ghouta" is the region; "rebel strongholds" are the
    # rebels' positions, and the rebels are hit
    found = events_after_context(
        "Syrian rebels fought on. Air strikes hit the rebel stronghold of Eastern Ghouta on Monday."
    )
    assert all(e.target is None for e in found), found
    found = events_after_context(
        "Syrian rebels fought on. Jets struck rebel strongholds near Douma on Monday."
    )
    assert any(e.target is not None and e.target.code == "SYRREB" for e in found), found


@pytest.mark.parametrize(
    "text, threat",
    [
        ("The Iraqi defence minister warned on Monday that the militants would pay a heavy price "
         "for the attack.", True),
        ("Iran vowed on Sunday that Israel would regret the strike on its consulate.", True),
        # a price paid that nobody promises is no threat
        ("The finance minister said on Monday that consumers would pay a higher price for "
         "fuel.", False),
    ],
)  # fmt: skip
def test_harm_a_speaker_promises_is_a_threat(text: str, threat: bool):
    roots = {e.cameo[:2] for e in events(text)}
    assert ("13" in roots) is threat, roots


def test_a_states_organs_are_one_side_in_an_act_of_force():
    # "under government siege … as the army tries to break the rebel hold": the army is on the
    # government's side, never the siege's counterpart
    found = events_after_context(
        "Syrian rebels fought on. Madaya has been under government siege for nearly a year as "
        "the army tries to break the rebel hold over the valley."
    )
    assert found and all(codes(e)[1] != "SYRMIL" for e in found), found


@pytest.mark.parametrize(
    "text, phrase, aimed",
    [
        # whom an act of harm hits is named in its own clause, not the one that dates it
        ("Rescue workers dug out bodies after a Syria regime strike on Aleppo.", "Rescue workers",
         False),
        ("Fighting raged in Homs between rebels and regime loyalists as helicopters dropped a "
         "barrel bomb on an opposition district.", "rebels", False),
        # "five women were killed after war planes targeted a camp": the strike's victims
        ("Five women were killed after Syrian war planes targeted a camp in Idlib.", "women",
         True),
        # "… strike on Homs AFP Friday": the scraped byline ran into the headline; a newspaper
        # named for its city is still an addressee
        ("Medics treat wounded after Syria regime air strike on Homs AFP Friday 7 Oct 2016",
         "AFP", False),
        ("The ministry refused a request from The New York Times to visit the prison.", "Times",
         True),
        # what an act did to the speaker's own is not whom the speaker acts on; the attack
        # itself, coded, hits the embassy
        ("Russia condemned the attack on its embassy in Kabul on Monday.", "embassy", False),
        ("Turkey vowed revenge on Sunday for the killing of its soldiers.", "soldiers", False),
        ("Russia said the attack on its embassy in Kabul killed two guards.", "embassy", True),
        # a person shot, a state appealed to
        ("Gunmen shot dead Ahmed Hassan in Baghdad on Monday.", "Ahmed Hassan", True),
        ("The UN chief urged Sudan to end the fighting.", "Sudan", True),
    ],
)  # fmt: skip
def test_whom_the_act_is_aimed_at(text: str, phrase: str, aimed: bool):
    found = events(text)
    hit = any(e.target is not None and phrase in e.target.text for e in found)
    assert hit is aimed, found


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("Shelling of Daraa kills 9 Monitor Reuters Tuesday 5 Jul 2016 Government shelling "
         "killed nine people in the southern city of Daraa on Tuesday.", "Reuters"),
        ("Car bomb in Qamishli wounds 11 New toll AFP Friday 8 Jul 2016 A car bomb wounded "
         "eleven people near a Kurdish checkpoint in Qamishli on Friday.", "AFP"),
    ],
)  # fmt: skip
def test_an_agency_glued_to_a_headlines_attribution_is_a_byline(text: str, byline: str):
    # the headline's "…: monitor" or "new toll" ran into the agency's name: who reports, never
    # whom the act hits
    from eventwire.events.extract import _bylines

    doc = parsed(text)
    refs = list(actors_of(doc).by_head.values())
    assert byline in {doc[i].text for i in _bylines(refs, doc)}


def test_two_armed_sides_among_the_dead_of_a_fight_are_its_two_sides():
    # the fight names no side of its own: its dead are the two sides that fought it
    (event,) = events(
        "Monitors said 12 Houthi fighters and nine Saudi soldiers were killed in clashes near "
        "the border on Monday."
    )
    assert (event.cameo[:2], codes(event)) == ("19", ("YEMREB", "SAUMIL"))
    # fighters and civilians are not two sides, and a fight "with" someone names its other side
    for text in (
        "At least 50 Houthi fighters and two Yemeni civilians were killed in clashes on Tuesday.",
        "Twenty Houthi fighters and nine Saudi soldiers were killed in clashes with tribesmen.",
    ):
        assert all(
            e.source is None or e.source.code not in {"YEMREB", "YEMCVL", "SAUMIL"}
            for e in events(text)
        ), text


def test_a_unit_no_dictionary_knows_that_says_it_acted_is_the_source():
    # "the Hamza Division": a name ending in a unit's word is an organisation even untagged,
    # and "announced it had killed" makes the act the speaker's own, coded or not
    (event,) = events(
        "The Hamza Division has announced it has killed several Islamic State fighters in "
        "northern Aleppo."
    )
    assert event.source is not None and event.source.text == "The Hamza Division", event
    assert codes(event)[1] == "IMGMUSISI"


def test_a_city_in_capitals_that_files_the_story_is_no_party():
    # a dateline without its dash: where the story was filed, never the act's source or
    # target, nor part of one
    sides = [
        side.text
        for e in events("AMMAN Jordanian border guards fired on smugglers crossing from Syria.")
        for side in (e.source, e.target)
        if side
    ]
    assert sides and not [s for s in sides if "AMMAN" in s], sides
    # nor a name a later act could take as who acted first
    (event,) = events(
        "MOSCOW (Sputnik) Government troops recaptured two villages near Palmyra from Islamic "
        "State militants on Monday."
    )
    assert event.source is not None and event.source.text == "Government troops", event


def test_police_who_tell_of_an_arrest_no_one_is_named_for_made_it():
    # "X was arrested, police said": the arrest names no one who made it; the police telling
    # of it did. With an agent named ("by FBI agents"), the agent is the source
    (event,) = events(
        "Two men were detained at Nairobi airport with forged passports, Kenyan police said on "
        "Tuesday."
    )
    assert event.cameo[:2] == "17" and event.source is not None, event
    assert event.source.text == "Kenyan police", event
    (by_agent,) = events("A Kentucky man was arrested by FBI agents, police said.")
    assert by_agent.source is not None and by_agent.source.text == "FBI agents", by_agent
