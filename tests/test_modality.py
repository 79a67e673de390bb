"""Which acts a sentence tells as not done, on sentences written for these tests: denied,
dismissed, forgone; and the misparses that must not turn a reported act into a denied one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Token

from eventwire.events.modality import is_denied, is_forgone
from eventwire.nlp import load_nlp


def marked(text: str, test: Callable[[Token], bool] = is_denied) -> list[str]:
    return [t.text for t in load_nlp()(text) if test(t) and t.pos_ in {"VERB", "NOUN"}]


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        (
            "The army denied that it had shelled the camp and killed civilians.",
            ["shelled", "killed"],
        ),
        ("The rebels denied attacking the convoy.", ["attacking"]),
        ("Moscow rejected accusations that its jets had struck a market.", ["struck"]),
        ("Hamas denied any involvement in the bombing.", ["bombing"]),
        # a report confirmed, or rejected without a clause, denies nothing
        ("The ministry confirmed reports that rebels had captured the airport.", []),
        ("The court rejected the request to extradite the banker.", []),
    ],
)
def test_what_a_denial_denies(text: str, denied: list[str]) -> None:
    assert marked(text) == denied


def test_a_headline_run_into_the_next_sentence_denies_only_its_object() -> None:
    # "Kenya denies involvement" is a crosshead glued to the next sentence: the parse hangs
    # the next sentence's verb on "denies", which already governs what it denies
    text = (
        "Kenya denies involvement Somali President Hassan Sheikh and Kenyan President William"
        " Ruto discussed the raid officials said."
    )
    assert "discussed" not in marked(text)


def test_what_is_forgone() -> None:
    assert marked("Washington stopped short of imposing sanctions on Ankara.", is_forgone) == [
        "stopped",
        "imposing",
    ]
    assert marked("Egypt refrained from condemning the strikes.", is_forgone) == [
        "refrained",
        "condemning",
    ]
    assert marked("The League failed to condemn the strikes.", is_forgone) == ["failed", "condemn"]
    assert marked("Turkey stopped the shelling of the town.", is_forgone) == []


def test_what_an_inquiry_asks_is_a_question_not_an_act() -> None:
    from eventwire.events.modality import modality_of

    doc = load_nlp()("The UN will investigate whether government forces shelled the camp.")
    shelled = next(t for t in doc if t.text == "shelled")
    assert modality_of(shelled) == "hypothetical"
    doc = load_nlp()("The UN said that government forces shelled the camp.")
    assert modality_of(next(t for t in doc if t.text == "shelled")) == "asserted"
