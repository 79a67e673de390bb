"""Where eventwire's coding differs from PETRARCH's, in one place.

eventwire's own conventions are the default. ``--petrarch-compat`` selects PETRARCH's, for
users who compare with PETRARCH output or run its validation suite. The resolver and the
event coder read a named field here wherever the two differ, never the switch itself, so
that each difference is listed, documented and tested once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conventions:
    name: str
    # --- actors
    # "UN sanctions", "a draft UN resolution": a name modifying a thing is the thing's, not an
    # actor (eventwire); PETRARCH codes the name wherever it stands
    name_modifying_a_thing_is_no_actor: bool
    # "the Eriadorian border": a country word heading a place noun is no actor (eventwire)
    country_modifying_a_place_is_no_actor: bool
    # "the Ithilen villages": PETRARCH codes the state a noun phrase names
    phrase_naming_a_country_is_that_country: bool
    # "the embassy", whose the text does not say: PETRARCH codes ---GOV, eventwire no country
    unknown_owner_code: str | None
    # --- events
    # the trained model decides (eventwire); PETRARCH's is the pattern coder
    learned_coder: bool
    # "warned that Iran is a threat": PETRARCH reads a copular clause's words as the verb's
    copular_clause_words_are_the_verbs: bool
    # "X was criticized over …" with no "by": PETRARCH takes the passive subject as the source
    agentless_passive_subject_acts: bool
    # a place may be the target of a non-force act ("visited Aleppo" → the city's government)
    places_are_targets: bool
    # "plans to attack": eventwire codes intent as its own CAMEO code (threat, demand …)
    intent_has_its_own_code: bool
    # one party on both sides: eventwire drops it; PETRARCH keeps a state's own parts apart
    # ("MORMIL->MOR") and drops only the same code on both sides
    same_state_parts_are_one_party: bool
    # PETRARCH writes symmetric codes and joint acts twice (A→B and B→A), and reverses
    # [A:B] codes for acts that are not asserted; eventwire only asserted [A:B] reversals
    both_directions_for_symmetric_and_joint: bool
    # "X said it would host talks": eventwire keeps the act and drops the bare statement (01x
    # with no target) that reports it; PETRARCH's coder makes no such pass
    reported_act_replaces_bare_statement: bool
    # "will not lift the ban", "refuses to release the hostages" as CAMEO's refusal to yield
    # (124x: "not" + a yielding act is a rejection), and "will not accept refugees" (a withheld
    # intent, 03x) as a rejection (12x); PETRARCH keeps the negated act
    withheld_yield_is_a_refusal: bool
    # "In May an air raid on the camp left dozens dead" in an October story about this week:
    # eventwire sets aside acts dated over a month before the article's news (background,
    # ``time.background``); PETRARCH codes every sentence alike
    dated_background_is_not_news: bool


EVENTWIRE = Conventions(
    name="eventwire",
    name_modifying_a_thing_is_no_actor=True,
    country_modifying_a_place_is_no_actor=True,
    phrase_naming_a_country_is_that_country=False,
    unknown_owner_code=None,
    learned_coder=True,
    copular_clause_words_are_the_verbs=False,
    agentless_passive_subject_acts=False,
    places_are_targets=False,
    intent_has_its_own_code=True,
    same_state_parts_are_one_party=True,
    both_directions_for_symmetric_and_joint=False,
    reported_act_replaces_bare_statement=True,
    withheld_yield_is_a_refusal=True,
    dated_background_is_not_news=True,
)
PETRARCH = Conventions(
    name="petrarch",
    name_modifying_a_thing_is_no_actor=False,
    country_modifying_a_place_is_no_actor=False,
    phrase_naming_a_country_is_that_country=True,
    unknown_owner_code="---",
    learned_coder=False,
    copular_clause_words_are_the_verbs=True,
    agentless_passive_subject_acts=True,
    places_are_targets=True,
    intent_has_its_own_code=False,
    same_state_parts_are_one_party=False,
    both_directions_for_symmetric_and_joint=True,
    reported_act_replaces_bare_statement=False,
    withheld_yield_is_a_refusal=False,
    dated_background_is_not_news=False,
)


def conventions(petrarch_compat: bool) -> Conventions:
    """The conventions the ``--petrarch-compat`` switch selects."""
    return PETRARCH if petrarch_compat else EVENTWIRE
