"""Whole-event scoring against annotators' spans (``eval.whole_events``), on our own sentences."""

from __future__ import annotations

from typing import Any

from eventwire.eval.whole_events import judged, precision, role_right

TEXT = "Turkish jets struck Kurdish fighters near Afrin on Monday, the army said."


def span(phrase: str, text: str = TEXT) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


GOLD: dict[str, Any] = {
    "cameo": "195",
    "trigger": span("struck"),
    "source": span("Turkish jets"),
    "target": span("Kurdish fighters"),
    "also_source": [span("the army")],
}


def event(cameo: str, source: str | None, target: str | None) -> dict[str, Any]:
    return {"cameo": cameo, "span": span("Turkish jets struck Kurdish fighters"),
            "source": source, "target": target}  # fmt: skip


def test_an_event_right_on_root_and_both_roles() -> None:
    assert judged(TEXT, event("190", "Turkish jets", "Kurdish fighters"), [GOLD]) == (
        True,
        True,
        True,
    )


def test_another_phrase_for_the_same_party_is_right() -> None:
    assert judged(TEXT, event("195", "the army", "Kurdish fighters"), [GOLD]) == (True, True, True)


def test_a_headline_coded_sentence_cased_is_found_in_its_title_case() -> None:
    text = "Syrian Army Kills 28 ISIL Terrorists in Hama"
    gold = {"cameo": "190", "trigger": span("Kills", text), "source": span("Syrian Army", text),
            "target": span("28 ISIL Terrorists", text)}  # fmt: skip
    coded = {"cameo": "190", "span": [0, len(text)], "source": "Syrian army",
             "target": "28 ISIL terrorists"}  # fmt: skip
    assert judged(text, coded, [gold]) == (True, True, True)


def test_a_place_as_target_is_wrong_and_a_missing_target_too() -> None:
    assert judged(TEXT, event("195", "Turkish jets", "Afrin"), [GOLD]) == (True, True, False)
    assert judged(TEXT, event("195", "Turkish jets", None), [GOLD]) == (True, True, False)


def test_a_wrong_root_takes_the_roles_with_it() -> None:
    assert judged(TEXT, event("111", "Turkish jets", "Kurdish fighters"), [GOLD]) == (
        False,
        False,
        False,
    )


def test_no_gold_role_is_right_only_when_the_event_names_none() -> None:
    gold = {**GOLD, "target": None}
    assert role_right(TEXT, None, gold, "target")
    assert not role_right(TEXT, "Kurdish fighters", gold, "target")


def test_the_gold_event_whose_trigger_the_event_covers_is_the_one_judged() -> None:
    text = "Rebels shelled the town and the army shelled rebel positions."
    first = {"cameo": "190", "trigger": span("shelled", text), "source": span("Rebels", text),
             "target": None}  # fmt: skip
    second_at = text.index("shelled", 10)
    second = {
        "cameo": "190",
        "trigger": [second_at, second_at + 7],
        "source": span("the army", text),
        "target": span("rebel positions", text),
    }
    coded = {"cameo": "190", "span": span("the army shelled rebel positions", text),
             "source": "the army", "target": "rebel positions"}  # fmt: skip
    assert judged(text, coded, [first, second]) == (True, True, True)
    # the same roles on the first act's span: judged against the first act, whose source
    # is the rebels and which has no target
    coded_first = {**coded, "span": span("Rebels shelled the town", text)}
    assert judged(text, coded_first, [first, second]) == (True, False, False)


def test_precision_counts_roles_among_the_events_with_the_right_root() -> None:
    figures = precision([(True, True, True), (True, True, False), (False, False, False)])
    assert figures == {
        "events": 3,
        "root": 0.667,
        "source_given_root": 1.0,
        "target_given_root": 0.5,
        "whole_event": 0.333,
    }
    assert precision([])["whole_event"] is None


def test_where_the_event_says_its_phrase_stands_that_place_is_judged() -> None:
    # "the town" twice: the second is the gold target; an event that took the first (its
    # span says so) is wrong, though its words alone would match the second
    text = "Rebels left the town after the army shelled the town on Monday."
    second = text.index("the town", 20)
    gold = {"cameo": "190", "trigger": span("shelled", text), "source": span("the army", text),
            "target": [second, second + 8]}  # fmt: skip
    coded = {"cameo": "190", "span": [0, len(text)], "source": "the army", "target": "the town",
             "source_span": span("the army", text)}  # fmt: skip
    assert judged(text, coded, [gold]) == (True, True, True)  # no target span: any occurrence
    coded["target_span"] = span("the town", text)  # the first one
    assert judged(text, coded, [gold]) == (True, True, False)


def test_codes_are_compared_only_where_the_words_are_right() -> None:
    from eventwire.eval.whole_events import code_agreement, coded_pairs

    gold = {**GOLD, "source_code": "TURMIL", "target_code": "SYRREB"}
    right = {**event("195", "Turkish jets", "Kurdish fighters"), "source_code": "TURMIL"}
    # the source's code is the annotators'; the target's words are right but uncoded
    assert coded_pairs(TEXT, right, [gold]) == [("TURMIL", "TURMIL"), ("SYRREB", None)]
    # a wrong phrase has no code to compare, nor does an event of another root
    wrong = {**event("195", "Turkish jets", "Afrin"), "source_code": "TUR"}
    assert coded_pairs(TEXT, wrong, [gold]) == [("TURMIL", "TUR")]
    assert coded_pairs(TEXT, {**right, "cameo": "040"}, [gold]) == []
    report = code_agreement([("TURMIL", "TURMIL"), ("SYRREB", None), ("TURMIL", "TUR")])
    assert report == {
        "coded_roles": 3,
        "same_code": 0.333,
        "same_country": 0.667,
        "uncoded": 0.333,
    }


def test_a_contract_event_is_read_with_each_sides_words_code_and_place() -> None:
    from eventwire.eval.whole_events import scored_event

    contract = {
        "cameo": "195", "span": [0, 36], "confidence": 0.9,
        "source": {"text": "Turkish jets", "code": "TURMIL"}, "source_span": [0, 12],
        "target": None, "target_span": None,
    }  # fmt: skip
    assert scored_event(contract) == {
        "cameo": "195", "span": [0, 36], "source": "Turkish jets", "source_code": "TURMIL",
        "target": None, "target_code": None, "source_span": [0, 12], "target_span": None,
        "confidence": 0.9,
    }  # fmt: skip
    assert judged(TEXT, scored_event(contract), [GOLD]) == (True, True, False)
