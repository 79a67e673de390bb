"""eventwire's and PETRARCH's coding conventions are listed once (``eventwire.conventions``)
and ``--petrarch-compat`` selects PETRARCH's everywhere, the headline included."""

from __future__ import annotations

from dataclasses import fields

from eventwire import extract
from eventwire.config import CoderConfig
from eventwire.conventions import EVENTWIRE, PETRARCH


def test_the_two_sets_differ_in_every_convention_they_list():
    for f in fields(EVENTWIRE):
        assert getattr(EVENTWIRE, f.name) != getattr(PETRARCH, f.name), f.name


def test_the_switch_selects_the_set():
    assert CoderConfig().conventions is EVENTWIRE
    assert CoderConfig(petrarch_compat=True, coder="dictionary").conventions is PETRARCH


def test_an_embassy_of_no_known_country_is_coded_only_under_petrarch():
    text = "The embassy criticized the Egyptian government on Sunday."
    ours = extract(text, published="2016-01-03", config=CoderConfig(coder="dictionary"))
    theirs = extract(
        text, published="2016-01-03", config=CoderConfig(coder="dictionary", petrarch_compat=True)
    )
    assert [(e.source.code if e.source else None) for e in theirs.events] == ["---GOV"]
    assert all(e.source is None or e.source.code != "---GOV" for e in ours.events)
