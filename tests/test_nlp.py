"""A very long text is parsed in pieces cut between sentences and joined back into one Doc
whose text, sentences and entities are those of the whole."""

from __future__ import annotations

import eventwire
from eventwire.nlp import LONG_TEXT, load_nlp, parse, pieces

SENTENCE = "Kenya's foreign minister met the Ugandan ambassador in Nairobi on Monday."


def test_a_short_text_is_one_piece():
    assert pieces(SENTENCE) == [SENTENCE]


def test_a_long_text_is_cut_at_spaces_between_sentences():
    text = " ".join(f"{SENTENCE[:-1]} number {i}." for i in range(LONG_TEXT // 60))
    parts = pieces(text)
    assert len(parts) > 3 and " ".join(parts) == text
    assert all(p.endswith(".") and p[0].isupper() for p in parts)


def test_the_pieces_are_joined_into_one_doc_with_the_original_text():
    text = " ".join(f"{SENTENCE[:-1]}, said spokesman {i}." for i in range(LONG_TEXT // 70))
    short = "Egypt urged Jordan to reopen the border."
    long_doc, short_doc = parse([text, short])
    assert long_doc.text == text and short_doc.text == short
    sentences = list(long_doc.sents)
    assert len(sentences) == text.count(". ") + 1
    assert all(s.text.startswith("Kenya") for s in sentences)
    assert sum(e.text == "Nairobi" for e in long_doc.ents) == len(sentences)


def test_a_blank_line_always_ends_a_sentence():
    # a subheading without a full stop is not glued to the paragraph under it
    text = (
        "Moscow talks on Syria\n\n"
        "In a relevant context, the deputy minister met the UN envoy in Geneva.\n\n"
        "Both sides agreed to meet again"
    )
    (doc,) = parse([text])
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Moscow talks on Syria"
    assert sentences[1].startswith("In a relevant context")
    assert sentences[-1] == "Both sides agreed to meet again"
    # a single line break inside a sentence is left to the parser
    (doc,) = parse(["The minister met his Iranian counterpart\nin Tehran on Monday."])
    assert len(list(doc.sents)) == 1


def test_a_possessive_that_lost_its_apostrophe_keeps_its_nouns_lemma():
    # "armys" is never the plural of "army" ("armies"): it is "army's" without its apostrophe
    doc = load_nlp()("Rebel positions came under the fire of the Syrian armys tanks in the "
                     "countrys north two days later, the boys said.")  # fmt: skip
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["armys"] == "army" and lemmas["countrys"] == "country", lemmas
    assert lemmas["days"] == "day" and lemmas["boys"] == "boy", lemmas  # plurals untouched
    # so the army's phrase is an actor: "under the bombardment of the Syrian armys aircraft"
    result = eventwire.extract(
        "Islamic State positions near Deir Ezzor came under the bombardment of the Syrian "
        "armys aircraft on Monday.",
        published="2021-03-01",
    )
    assert any(e.source and e.source.code == "SYRMIL" for e in result.events), result.events
