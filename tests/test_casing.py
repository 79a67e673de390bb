"""Title Case in a body is read as a headline only where it is one: a run of capitalised words
that starts its line or sentence and holds an inflected verb with words after it. Names stay."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.actors.kb import knowledge_base
from eventwire.casing import _headline_verb, body_case, sentence_case
from eventwire.config import DEFAULT


@pytest.fixture(scope="module")
def kb():
    return knowledge_base(DEFAULT)


def test_a_headline_glued_to_the_lead_is_sentence_cased(kb):
    text = (
        "Kenyan Court Jails 12 Protesters Outside Parliament Africa News 03-05-2019 0820 PM "
        "A court in Nairobi jailed twelve demonstrators who had gathered outside Parliament."
    )
    out = body_case(text, kb)
    assert len(out) == len(text)
    assert out.startswith("Kenyan court jails 12 protesters outside Parliament")  # a name
    assert out.endswith(
        "A court in Nairobi jailed twelve demonstrators who had gathered outside Parliament."
    )


def test_a_headline_line_is_sentence_cased_and_the_story_below_is_not(kb):
    text = "Ghana Expels Two Nigerian Diplomats Over Spying Row\nAccra ordered two diplomats out."
    assert body_case(text, kb).startswith("Ghana expels two Nigerian diplomats over spying row\n")


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian Observatory for Human Rights said on Monday that the toll had risen.",
        "Secretary of State Mike Pompeo met the Saudi crown prince in Riyadh.",
        "Human Rights Watch Director Kenneth Roth said the report was damning.",
        "Reporting by Mark John; Editing by Nicholas Vinocur and James Regan",
        "A spokesman for the United Nations Security Council Affairs Division Tells reporters "
        "nothing.",  # the run does not start its sentence
    ],
)
def test_names_and_ordinary_sentences_keep_their_capitals(kb, text):
    assert body_case(text, kb) == text


def test_verb_forms_follow_the_spelling_rules():
    assert all(map(_headline_verb, ["Kills", "Urges", "Crucifies", "Liberated", "Stopped"]))
    assert not any(map(_headline_verb, ["James", "Airstrikes", "Ahmed", "Jones"]))


def test_a_title_keeps_its_names_and_lowers_small_words(kb):
    title = "Migrants In Germany Accused Of Coordinated Assaults"
    assert sentence_case(title, kb) == "Migrants in Germany accused of coordinated assaults"


def test_a_headline_in_the_body_is_coded():
    text = (
        "Ghana Expels Two Nigerian Diplomats Over Spying Row\n\n"
        "Protesters gathered outside the Nigerian embassy in Accra on Friday."
    )
    result = eventwire.extract(text, published="2019-05-03")
    expulsions = [e for e in result.events if e.sentence == 0]
    assert [(e.cameo[:2], e.source and e.source.code) for e in expulsions] == [("16", "GHA")]
