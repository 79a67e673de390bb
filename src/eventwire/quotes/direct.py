"""Direct quotes: which quotations are speech, and whose.

A quotation is attributed, in order, by
1. a cue right after it: ``…,” Lavrov said``, ``…,” said Lavrov``, ``…,” the ministry said in a
   statement`` (only the subject and punctuation may stand between the mark and the verb);
2. a dash and a name after it: ``“…” — Lavrov``;
3. a reporting verb that governs it: ``Lavrov said: “…”``, ``described the talks as “useful”``
   (the path from the quotation up to the verb runs through complements only);
4. a colon closing the previous sentence or paragraph after a reporting verb.

Everything else may be a scare quote. A name or a term set off in quotation marks is never
speech: after a naming word (``the so-called “non-lethal assistance”``, ``what he called the
“…”``), every word capitalised (``“Moscow Principles”``), or modifying a noun (``the “Syrian
opposition coalition” delegation``). An unattributed quotation that is a clause of four words or
more at the start of a sentence continues the speech of the quotation before it in the same or
the previous paragraph (or has an unknown speaker). Any other unattributed fragment is speech
only inside reported speech (``adding that the government agreed “in principle”``,
``reiterated that … “key regional players”``), where the stage gives it that quote's speaker;
elsewhere it is a scare quote and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.quotes.cues import (
    DASHES,
    LABEL_MARKERS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    UTTERANCE_VERBS,
)
from eventwire.quotes.marks import QUOTE_TOKENS, Quoted, text_of
from eventwire.saying import subject_of

# dependencies through which a quotation is the complement of the verb above it
COMPLEMENT_DEPS = {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "parataxis", "advcl", "conj"}
AFTER_WINDOW = 12  # tokens after the closing mark in which the attributing verb must stand
CLAUSE_WORDS = 4  # an unattributed quotation at least this long may continue earlier speech
NOUNS = {"NOUN", "PROPN"}


@dataclass
class Candidate:
    """A quotation mapped onto the parse, with whatever attributes it."""

    quoted: Quoted
    content: list[tuple[int, int]]  # character spans of the quoted words
    first: int  # token of the opening mark
    last: int  # token of the closing mark (or the last token of an unclosed quote)
    inside: set[int] = field(default_factory=set)  # tokens of the quoted words
    cue: Token | None = None
    speaker: Token | None = None
    method: str | None = None  # after | dash | governs | colon
    speaker_method: str = "subject"
    kind: str = "clause"  # clause | phrase | term | label
    attribution_end: int = -1  # token just past the attribution that follows the quote

    @property
    def start_char(self) -> int:
        return self.quoted.span[0]


def candidates(doc: Doc, quoted: list[Quoted]) -> list[Candidate]:
    """Each quotation with its tokens, kind and attribution (if any)."""
    text = text_of(doc)
    found = []
    for q in quoted:
        content = q.content(text)
        if not content:
            continue
        first_span = doc.char_span(q.span[0], q.span[0] + 1, alignment_mode="expand")
        last_span = doc.char_span(q.span[1] - 1, q.span[1], alignment_mode="expand")
        if first_span is None or last_span is None or not len(first_span) or not len(last_span):
            continue
        inside: set[int] = set()
        for start, end in content:
            words = doc.char_span(start, end, alignment_mode="expand")
            if words is not None:
                inside.update(range(words.start, words.end))
        if not inside:
            continue
        c = Candidate(q, content, first_span.start, last_span.end - 1, inside)
        c.kind = _kind(doc, c)
        _attribute(doc, c)
        found.append(c)
    return found


def _kind(doc: Doc, c: Candidate) -> str:
    """``clause`` (has a verb), ``label`` (a name or a term set off: after a naming word, "the
    so-called “…”"; every word capitalised, "“Moscow Principles”"; or modifying a noun, "the
    “Syrian opposition coalition” delegation"), ``term`` (another noun phrase: "“key regional
    players”") or ``phrase`` (anything else: "very useful", "in principle")."""
    if _after_label(doc, c.first):
        return "label"
    tokens = [doc[i] for i in sorted(c.inside)]
    if any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return "clause"
    roots = [t for t in tokens if t.head.i not in c.inside or t.head.i == t.i]
    if any(t.dep_ in {"compound", "amod", "nmod"} and t.head.pos_ in NOUNS for t in roots):
        return "label"
    if roots and all(t.pos_ in NOUNS | {"PRON", "NUM", "X", "SYM"} for t in roots):
        return "label" if _is_name(doc, c) else "term"
    return "phrase"


def _after_label(doc: Doc, first: int) -> bool:
    """ "the so-called “…”", "what he called the “…”", "known as “…”"."""
    i = first - 1
    while i >= 0 and (doc[i].is_punct or doc[i].pos_ == "DET") and doc[i].text not in ",:":
        i -= 1
    if i < 0:
        return False
    word = doc[i].lower_
    if word in LABEL_MARKERS:
        return True
    return word == "as" and i > 0 and doc[i - 1].lower_ in {"known", "referred"}


def _attribute(doc: Doc, c: Candidate) -> None:
    if c.kind == "label":
        return  # a name or a term in quotation marks, whatever verb is near
    for find in (_cue_after, _dash_after, _governing_cue, _colon_before, _speech_ancestor):
        if find(doc, c):
            if c.method == "colon" or _same_paragraph(doc, c):
                return
            c.cue = c.speaker = c.method = None  # a parse across paragraphs: not this cue


def _same_paragraph(doc: Doc, c: Candidate) -> bool:
    """No paragraph break between the quotation and its cue."""
    assert c.cue is not None
    start, end = c.quoted.span
    at = c.cue.idx
    text = text_of(doc)
    between = text[end:at] if at >= end else text[at:start]
    return "\n" not in between


def _cue_after(doc: Doc, c: Candidate) -> bool:
    """ "…,” Lavrov said", "…,” said Lavrov", "…,” the ministry said in a statement"."""
    if not c.quoted.closed:
        return False
    stop = min(len(doc), c.last + 1 + AFTER_WINDOW)
    for i in range(c.last + 1, stop):
        t = doc[i]
        if t.text in QUOTE_TOKENS or "\n" in doc[i - 1].text_with_ws:
            return False  # the next quotation, or the next paragraph
        if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in SPEECH_VERBS:
            subject, how = subject_of(t)
            allowed = (
                set(range(subject.left_edge.i, subject.right_edge.i + 1)) if subject else set()
            )
            between = doc[c.last + 1 : i]
            if all(w.is_punct or w.is_space or w.i in allowed or w.pos_ == "ADV" for w in between):
                c.cue, c.speaker, c.method, c.speaker_method = t, subject, "after", how
                c.attribution_end = _attribution_end(doc, t, c.last)
                return True
            return False
        if t.pos_ in {"VERB", "AUX"} and not t.is_punct:
            return False  # another verb first: "…” is what he wants"
        if t.text in {".", "!", "?"} and i > c.last + 1:
            return False
    return False


def _attribution_end(doc: Doc, cue: Token, after: int) -> int:
    """Token just past the attribution: the cue's words after the quote, up to a quotation."""
    end = cue.i + 1
    for t in cue.subtree:
        if t.i > after and t.i >= end:
            if t.text in QUOTE_TOKENS:
                break
            end = t.i + 1
    return end


def _dash_after(doc: Doc, c: Candidate) -> bool:
    """ "“…” — Sergei Lavrov": a dash, then a name and nothing else in the paragraph."""
    i = c.last + 1
    while i < len(doc) and (doc[i].is_space or doc[i].text in {",", "."}):
        i += 1
    if i >= len(doc) or doc[i].text not in DASHES:
        return False
    j = i + 1
    names: list[Token] = []
    while j < len(doc) and not doc[j].is_space and "\n" not in doc[j].text_with_ws:
        names.append(doc[j])
        j += 1
    if j < len(doc):
        names.append(doc[j])
    names = [t for t in names if not t.is_punct]
    if not names or len(names) > 8 or any(t.pos_ in {"VERB", "AUX"} for t in names):
        return False
    head = next((t for t in names if t.pos_ in {"PROPN", "NOUN"}), None)
    if head is None:
        return False
    while head.head.i != head.i and head.head in names and head.dep_ in {"compound", "flat"}:
        head = head.head
    c.cue, c.speaker, c.method, c.speaker_method = doc[i], head, "dash", "dash"
    return True


def _governing_cue(doc: Doc, c: Candidate) -> bool:
    """A reporting verb whose complement the quotation is: "said: “…”", "described … as “…”"."""
    roots = [doc[i] for i in sorted(c.inside) if doc[i].head.i not in c.inside]
    if not roots:
        return False
    node = roots[0]
    for _ in range(6):
        if node.head.i == node.i:
            return _cue_inside_root(doc, c, node)
        head = node.head
        if head.lower_ == "as" and head.dep_ == "prep":  # "described the talks as “useful”"
            node = head
        elif node.dep_ not in COMPLEMENT_DEPS:
            return False
        node = node.head
        if node.i in c.inside:
            continue
        if node.pos_ in {"VERB", "AUX"}:
            lemma = node.lemma_.lower()
            if lemma not in REPORTING_VERBS and lemma not in UTTERANCE_VERBS:
                return False
            if c.kind == "term" and lemma not in UTTERANCE_VERBS:
                return False
            subject, how = subject_of(node)
            c.cue, c.speaker, c.method, c.speaker_method = node, subject, "governs", how
            return True
    return False


def _is_name(doc: Doc, c: Candidate) -> bool:
    """ "“Moscow Principles”": every word capitalised."""
    words = [doc[i] for i in c.inside if doc[i].is_alpha]
    return bool(words) and all(w.text[:1].isupper() for w in words)


def _speech_ancestor(doc: Doc, c: Candidate) -> bool:
    """A quoted clause inside a sentence of saying: "He stressed … that what he called the
    operation “has not achieved its goals.”": the nearest verb of saying above it speaks."""
    if c.kind != "clause" or not c.quoted.closed:
        return False
    roots = [doc[i] for i in sorted(c.inside) if doc[i].head.i not in c.inside]
    if not roots:
        return False
    for node in roots[0].ancestors:
        if node.pos_ == "VERB" and node.lemma_.lower() in SPEECH_VERBS:
            subject, how = subject_of(node)
            c.cue, c.speaker, c.method, c.speaker_method = node, subject, "ancestor", how
            return True
    return False


def _cue_inside_root(doc: Doc, c: Candidate, root: Token) -> bool:
    """The parser made the quotation the sentence's root and hung "he said" under it."""
    for child in root.children:
        if child.i in c.inside or child.i < c.last:
            continue
        hung = child.dep_ in {"parataxis", "ccomp", "advcl", "conj"} and child.pos_ == "VERB"
        if hung and child.lemma_.lower() in SPEECH_VERBS and child.i - c.last <= AFTER_WINDOW:
            subject, how = subject_of(child)
            c.cue, c.speaker, c.method, c.speaker_method = child, subject, "after", how
            c.attribution_end = _attribution_end(doc, child, c.last)
            return True
    return False


def _colon_before(doc: Doc, c: Candidate) -> bool:
    """ "Lavrov told reporters:" ending the sentence or paragraph before the quotation."""
    i = c.first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":":
        return False
    for j in range(i - 1, max(-1, i - 10), -1):
        t = doc[j]
        if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS:
            subject, how = subject_of(t)
            c.cue, c.speaker, c.method, c.speaker_method = t, subject, "colon", how
            return True
        if t.text in {".", "!", "?"} or t.text in QUOTE_TOKENS:
            return False
    return False


def starts_sentence(doc: Doc, c: Candidate) -> bool:
    """The quotation opens a sentence (or its paragraph)."""
    i = c.first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return (
        i < 0 or doc[i].text in {".", "!", "?", ":", "”", '"'} or bool(doc[c.first].is_sent_start)
    )


def is_long_clause(doc: Doc, c: Candidate) -> bool:
    words = [i for i in c.inside if not doc[i].is_punct and not doc[i].is_space]
    return c.kind == "clause" and len(words) >= CLAUSE_WORDS
