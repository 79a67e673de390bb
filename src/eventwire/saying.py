"""Who speaks through a verb of saying: its subject (``Lavrov said``, ``said Lavrov``), the
governing clause's for a participle or a second verb (``…, adding that``; ``noted … and
stressed``), the antecedent of ``who``, the passive's ``by`` agent, and ``Y`` in ``X quoted Y
as saying``. At the bottom of the layers: the quotes stage attributes quotations with it, the
events stage tells whose report an act is."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.lexicon import REPORTING_VERBS, SPEECH_VERBS

SUBJECTS = {"nsubj", "nsubjpass"}
INHERITING = {"advcl", "xcomp", "conj", "acl", "pcomp", "ccomp", "parataxis"}


def subject_of(verb: Token) -> tuple[Token | None, str]:
    """The token naming whoever speaks through ``verb``, and how it was found."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "quoted Putin as saying"
        governor = verb.head.head
        for dep in ("dobj", "nsubjpass"):  # "… was quoted as saying"
            obj = next((c for c in governor.children if c.dep_ == dep), None)
            if obj is not None:
                return obj, "quoted-as"
    reporter = _reporting_ancestor(verb)
    if reporter is not None:  # "Lavrov noted that Russia …, stressing that …": Lavrov stresses
        return subject_of(reporter)
    seen: set[int] = set()
    clause = verb
    while clause.i not in seen:
        seen.add(clause.i)
        passive = any(c.dep_ == "auxpass" for c in clause.children)
        if passive:
            agent = next((c for c in clause.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return pobj, "subject"  # "it was announced (by X) that": X or nobody
        subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            if subject.tag_ in {"WP", "WDT"} and clause.dep_ == "relcl":  # "Lavrov, who said"
                return clause.head, "subject"
            return subject, "subject"
        if clause is verb:
            after = _inverted_subject(verb)
            if after is not None:
                return after, "subject"
            # "jets bombed the town killing 15 activists in the town reported": the parser
            # hangs a closing verb of saying on the act, whose subject is not the speaker
            closing = _closing_speaker(verb)
            if closing is not None:
                return closing, "closing"
        if clause.dep_ == "acl" and clause.head.pos_ in {"NOUN", "PROPN"}:
            return clause.head, "subject"  # "a statement saying that …"
        if clause.dep_ not in INHERITING or clause.head.i == clause.i:
            break
        clause = clause.head
    return None, "subject"  # the first pass read the verb's own closing speaker, if any


def _closing_speaker(verb: Token) -> Token | None:
    """ "… killing seven people the Syrian Observatory for Human Rights said": text that lost
    its commas (FA-KES has none) leaves the parser no subject for a closing verb of saying,
    and it hangs the name on the clause before (an apposition of "Idlib", an object of "on
    Tuesday"). The speaker is then the name right before the verb, when the verb ends its
    sentence but for a date ("said on Tuesday")."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == verb.sent.start:
        return None
    after = [t for t in verb.doc[verb.i + 1 : verb.sent.end] if not t.is_punct]
    if any(not (t.ent_type_ in {"DATE", "TIME"} or t.lower_ in {"on", "in"}) for t in after):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ not in {"NOUN", "PROPN"}:
        return None
    while before.dep_ == "pobj" and before.head.lower_ in {"of", "for"}:
        before = before.head.head  # "the Syrian Observatory for Human Rights": the Observatory
    return before


def _reporting_ancestor(verb: Token) -> Token | None:
    """The reporting verb a comma-led participle of saying belongs to, however the parser hung
    it: ", stressing that …", ", adding that …" under the reported clause."""
    if not is_reporting_participle(verb):
        return None
    for ancestor in verb.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in REPORTING_VERBS:
            return ancestor
    return None


def is_reporting_participle(verb: Token) -> bool:
    """ "…, adding that": a participle of saying after a comma, with no subject of its own."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    if verb.dep_ not in {"advcl", "xcomp", "conj", "ccomp"}:
        return False
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return False
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    return before is not None and before.text == ","


def _inverted_subject(verb: Token) -> Token | None:
    """ "…,” said Lavrov addressing reporters": the name right after a verb after a comma, or
    after the clause it reports when the comma is lost ("… are well-prepared said Kirkuki")."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc):
        return None
    reported_before = verb.lower_ != "told" and any(
        c.dep_ in {"ccomp", "parataxis"} and c.i < verb.i for c in verb.children
    )
    if not (doc[verb.i - 1].is_punct or reported_before):
        return None
    token = doc[verb.i + 1]
    if token.pos_ not in {"PROPN", "NOUN", "DET", "ADJ"} or token.ent_type_ in {"DATE", "TIME"}:
        return None
    while token.dep_ in {"det", "compound", "amod", "flat", "poss"} and token.head.i > token.i:
        token = token.head
    return token if token.pos_ in {"PROPN", "NOUN"} else None
