"""Features of the learned coder's candidates, on sentences written for these tests: a
predicate with no subject of its own acts through its governing clause's subject, and a
pluperfect that a speech verb reports is reported past, not history."""

from __future__ import annotations

from eventwire.actors.found import actors_of
from eventwire.actors.resolve import resolve_actors
from eventwire.config import DEFAULT
from eventwire.events.candidates import features, placed_last_year, sentence_context
from eventwire.model import Article, ArticleResult
from eventwire.nlp import load_nlp
from eventwire.pipeline import sentences_and_mentions


def candidate_features(text: str, word: str, nth: int = 0) -> list[str]:
    """The features of the ``nth`` ``word`` in ``text``, parsed and resolved as one story."""
    doc = load_nlp()(text)
    result = ArticleResult(article=Article(id="t", text=text), input_id="t")
    sentences_and_mentions(doc, result, DEFAULT)
    resolve_actors(doc, result, DEFAULT)
    token = [t for t in doc if t.text == word][nth]
    return features(token, token.sent, actors_of(doc), None, None)


def test_a_predicate_without_a_subject_acts_through_its_governing_clause():
    feats = candidate_features(
        "Pakistan is prepared to cooperate with the Afghan government.", "cooperate"
    )
    assert "subj=none" in feats
    assert "gsubj=actor" in feats and "gsubjl=pakistan" in feats
    # a predicate with its own subject gets no governing subject
    own = candidate_features("Pakistan said Kabul will cooperate with the inquiry.", "cooperate")
    assert not any(f.startswith("gsubj") for f in own)


def test_a_reported_pluperfect_is_reported_past_not_history():
    reported = candidate_features(
        "The rebels claimed that they had attacked the airport.", "attacked"
    )
    assert "tense=reported-past" in reported and "tense=pluperfect" not in reported
    told = candidate_features("The rebels had attacked the airport before the truce.", "attacked")
    assert "tense=pluperfect" in told


def test_negation_and_modality_are_joined_with_each_other_and_the_acts_kind():
    # a linear model cannot join them: "will not release" refuses, "did not release" denies
    refused = candidate_features("The rebels will not release the hostages.", "release")
    assert {"neg", "neg+mod=intended", "neg+h=intended|none"} <= set(refused)
    denied = candidate_features("The rebels did not release the hostages.", "release")
    assert "neg+mod=asserted" in denied and "neg+mod=intended" not in denied
    intended = candidate_features("The rebels will release the hostages.", "release")
    assert "mod+h=intended|none" in intended and "neg" not in intended
    assert not any(f.startswith("neg+") for f in intended)


def test_a_sentence_further_into_the_story_says_how_far():
    lede = "Poland demanded that Belarus withdraw its troops from the border."
    filler = "The two neighbours have argued over the border for years. " * 6  # 354 characters
    assert "at>=250" not in candidate_features(lede, "demanded")
    story = lede + " " + filler + lede
    assert not any(f.startswith("at>=") for f in candidate_features(story, "demanded"))
    feats = candidate_features(story, "demanded", nth=1)
    assert "at>=250" in feats and "at>=500" not in feats
    # a sentence parsed alone, as training reads an annotated one, is placed by its offset
    alone = load_nlp()(lede)
    found = actors_of(alone)
    token = next(t for t in alone if t.text == "demanded")
    context = sentence_context(token.sent, found, offset=1200)
    assert context.position == ["at>=250", "at>=500", "at>=1000"]
    assert sentence_context(token.sent, found).position == []


def test_last_year_and_years_ago_place_an_act_in_an_earlier_year():
    # history told past the lede, as a year before the story's is; "since last year" runs up
    # to now, and last week is this year's news
    for text, word, placed in (
        ("Last year the Kenyan army drove the militants out of Mandera.", "drove", True),
        ("Uganda severed ties with the rebel movement two years ago.", "severed", True),
        ("Government forces have besieged the rebel town since last year.", "besieged", False),
        ("Kenya expelled the Somali ambassador last week.", "expelled", False),
    ):
        doc = load_nlp()(text)
        token = next(t for t in doc if t.text == word)
        assert placed_last_year(token) is placed, text
