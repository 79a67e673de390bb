"""Cleaning: datelines, site furniture, whitespace — and offsets that always point home."""

from __future__ import annotations

import pytest

from eventwire.ingest.clean import clean_body


def assert_offsets_faithful(raw: str, clean) -> None:
    for i, ch in enumerate(clean.text):
        if not ch.isspace():
            assert raw[clean.offsets.to_raw(i)] == ch, (i, ch)


@pytest.mark.parametrize(
    "prefix, place, source, date_text",
    [
        ("PARIS, May 28 (RIA Novosti) – ", "PARIS", "RIA Novosti", "May 28"),
        ("Moscow, SANA – ", "Moscow", "SANA", None),
        ("Beirut, SANA- ", "Beirut", "SANA", None),
        ("Occupied Jerusalem, SANA – ", "Occupied Jerusalem", "SANA", None),
        ("GENEVA (Reuters) - ", "GENEVA", "Reuters", None),
        ("LONDON, March 3, 2016 (Reuters) — ", "LONDON", "Reuters", "March 3, 2016"),
        ("MUNICH, Feb. 10 – ", "MUNICH", None, "Feb. 10"),
        ("BEIJING -- ", "BEIJING", None, None),
    ],
)
def test_dateline_is_removed_and_recorded(prefix, place, source, date_text):
    body = "The two ministers met on Monday to discuss the ceasefire in the north."
    raw = f"Ministers meet\n\n{prefix}{body}\n"
    clean = clean_body(raw, "Ministers meet")
    assert clean.text == body
    assert clean.dateline is not None
    assert (clean.dateline.place, clean.dateline.source, clean.dateline.date_text) == (
        place,
        source,
        date_text,
    )
    start, end = clean.dateline.span
    assert raw[start:end].strip().startswith(prefix.split(",")[0].split(" ")[0])
    assert_offsets_faithful(raw, clean)


@pytest.mark.parametrize(
    "first_line",
    [
        "Russia and Turkey - the two main sponsors of the talks - met again on Friday.",
        "Moscow-brokered talks resumed in the Kazakh capital on Monday.",
        "Iran said it would attend.",
    ],
)
def test_ordinary_first_sentences_are_not_datelines(first_line):
    clean = clean_body(first_line + "\n")
    assert clean.dateline is None
    assert clean.text == first_line


def test_header_lines_before_dateline_are_dropped_and_kept_as_header():
    raw = (
        "Ministers meet in Cairo\n"
        "Sample Agency | Updated: 2016-04-02 10:15\n"
        "CAIRO -- Egypt's foreign minister received his Jordanian counterpart on Saturday.\n"
    )
    clean = clean_body(raw, "Ministers meet in Cairo")
    assert clean.text.startswith("Egypt's foreign minister")
    assert clean.header == "Sample Agency | Updated: 2016-04-02 10:15"
    assert clean.dateline is not None and clean.dateline.place == "CAIRO"


def test_trailing_site_furniture_and_bylines_are_cut():
    raw = (
        "Ankara, SNA – The Turkish foreign minister met his Jordanian counterpart on Monday.\n\n"
        "The two sides agreed to hold further consultations in Amman next month.\n\n"
        "Leyla Arslan/Omar Haddad\n\n"
        "English Bulletin\n\n"
        "Check Also\n\n"
        "Egypt, Sudan to boost trade ties\n\n"
        "Cairo, SNA- The Egyptian prime minister received on Sunday …"
    )
    clean = clean_body(raw)
    assert clean.text.endswith("in Amman next month.")
    assert "Check Also" not in clean.text
    assert "Leyla" not in clean.text and "Bulletin" not in clean.text


def test_leave_a_comment_and_agency_signature_are_cut():
    raw = (
        "The envoy said talks would resume in Geneva on Tuesday.\n\n"
        "Delegations are expected to arrive on Monday evening.\n\n \n\nLeave a comment"
    )
    assert clean_body(raw).text.endswith("Monday evening.")
    reuter = "The central bank raised its discount rate by half a point.\n Reuter\n\x03"
    assert clean_body(reuter).text == "The central bank raised its discount rate by half a point."


def test_a_last_sentence_is_never_mistaken_for_a_byline():
    raw = "The minister arrived in Paris.\n\nHe will meet President Hollande on Friday."
    assert clean_body(raw).text == raw


def test_whitespace_is_normalised_with_paragraphs_kept():
    raw = "First  paragraph\u00a0with   odd\tspacing.\n\n\n\nSecond\u200b paragraph.   \n"
    clean = clean_body(raw)
    assert clean.text == "First paragraph with odd spacing.\n\nSecond paragraph."
    assert_offsets_faithful(raw, clean)


def test_hard_wrapped_lines_are_joined_but_sentence_ends_keep_the_break():
    raw = (
        "Showers continued throughout the week in the cocoa zone,\n"
        "alleviating the drought since early January and improving\n"
        "prospects for the coming harvest, the review said.\n"
        "    Arrivals for the week ended February 22 were 155,221\n"
        "bags of 60 kilos, making a cumulative total of 5.93 mln.\n"
    )
    clean = clean_body(raw)
    assert "cocoa zone, alleviating the drought" in clean.text
    assert "the review said.\nArrivals for the week" in clean.text
    assert_offsets_faithful(raw, clean)


def test_offset_map_roundtrips_spans_in_unicode_text():
    raw = "Title line\n\nDAMASCUS, SANA –  Mevlüt  Çavuşoğlu met “his Syrian counterpart” today.\n"
    clean = clean_body(raw, "Title line")
    start = clean.text.index("Çavuşoğlu")
    raw_start, raw_end = clean.offsets.span_to_raw((start, start + len("Çavuşoğlu")))
    assert raw[raw_start:raw_end] == "Çavuşoğlu"
    assert_offsets_faithful(raw, clean)


def test_copyright_and_newsletter_trailers_are_cut():
    raw = (
        "The bus company said all passengers had been accounted for by Sunday evening.\n"
        "Sample Press writers in Lyon contributed to this report.\n"
        "Copyright 2018 Sample Press. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed.\n"
        "Sign up for our daily newsletter Thanks for subscribing!"
    )
    assert clean_body(raw).text == (
        "The bus company said all passengers had been accounted for by Sunday evening."
    )


def test_wire_labels_are_not_datelines():
    raw = "FILE - In this May 18, 2017 file photo, the minister speaks to reporters in Rome."
    assert clean_body(raw).dateline is None


@pytest.mark.parametrize(
    "tags, lede",
    [
        # the tags end at a word that opens a sentence and is never a tag
        ("Tags Lebanon Hezbollah Beirut army", "The army said on Monday it had arrested five men."),
        ("Tags Yemen Houthis Hodeidah UN", "At least 12 people were killed in the port on Friday."),
        # at a full stop
        ("Tags Sudan Darfur RSF war.", "Fighters attacked a camp near El Fasher on Sunday."),
        # otherwise at the lede's subject, before its verb or first function word
        ("Tags Mali Bamako junta ECOWAS Wagner", "Malian troops seized a rebel base on Tuesday."),
        ("Tags Kenya Somalia al-Shabaab", "Kenyan and Somali forces attacked a militant camp."),
        ("Tags Sahel jihadists Niger", "Government air raids in the north killed 20 fighters."),
    ],
)
def test_a_tag_list_glued_to_the_lede_is_cut(tags, lede):
    standfirst = "Fighting flared again in the region on the weekend."
    raw = f"{standfirst} {tags} {lede} A second paragraph follows."
    clean = clean_body(raw)
    assert clean.text == f"{standfirst}\n\n{lede} A second paragraph follows."
    assert_offsets_faithful(raw, clean)


def test_a_tag_list_left_whole_when_its_end_is_unclear():
    # the first word after "Tags" may be a tag or the lede's subject: nothing is cut
    raw = "Talks resumed in Doha. Tags Rebels shelled the town on Friday."
    assert clean_body(raw).text == raw
    endless = "Talks resumed in Doha. Tags " + " ".join(["Qatar Doha talks"] * 20) + "."
    assert clean_body(endless).text == endless


def test_a_tag_list_or_headline_list_after_the_story_is_cut():
    story = "The ministry said the talks would resume in Geneva next week."
    tags = "Tags Switzerland Geneva talks Community standardsDiscussion Comment via Sample News"
    assert clean_body(f"{story} ... 11 {tags}").text == f"{story} ... 11"
    related = "Related Envoy Meets Rebel Leaders in Istanbul Army Repels Attack Near Hama (1881)"
    assert clean_body(f"{story} {related} {tags}").text == story
    ends_in_prose = f"{story} Related talks were held in Vienna last month."
    assert clean_body(ends_in_prose).text == ends_in_prose


def test_a_date_of_publication_label_is_a_header():
    raw = "Date of publication 7 October 2016 Shelling in West Aleppo left 11 people dead."
    clean = clean_body(raw)
    assert clean.text == "Shelling in West Aleppo left 11 people dead."
    assert clean.header == "Date of publication 7 October 2016"


def test_promotion_lines_inside_the_story_are_cut():
    raw = (
        "The council met on Monday.\nAdvertisement Continue reading the main story\n"
        "In its latest sanctions, the council acted.\nNewsletter Sign Up Continue reading the "
        "main story Please verify you're not a robot. Sign Up You agree to receive updates.\n"
        "Mr. Moon said the North must stop.\nRead more: Three travel tips\nThe end came."
    )
    clean = clean_body(raw)
    assert clean.text == (
        "The council met on Monday.\n\nIn its latest sanctions, the council acted.\n\n"
        "Mr. Moon said the North must stop.\n\nThe end came."
    )
    assert_offsets_faithful(raw, clean)
    prose = "Read more about the talks in our report.\nThe talks resumed on Monday."
    assert clean_body(prose).text == prose
