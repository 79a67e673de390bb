"""Title Case as the parser should read it: the words that are not names lowered.

spaCy's small model tags every capitalised word as a proper noun, so a headline's verb
("Syrian Army Kills 50 Terrorists") is never seen as a verb and the headline codes nothing or
nonsense. Lowering a letter keeps every character offset, so spans into the original text stay
right. Titles are sentence-cased whole; inside a body only a run of Title Case words that holds a
headline verb is (web copy often glues the headline to the lead: "ISIL Kills 5 Syrians in Deir
Ezzor Middle East 31-08-2014 Militants of …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventwire.actors.kb import KnowledgeBase
from eventwire.lexicon import CALENDAR_WORDS
from eventwire.nlp import base_verbs

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "as"}
_RUN_BREAK = re.compile(r"\n|(?<![A-Z])[.!?][\"”’)]?\s")  # a line or a sentence ends ("U.S." not)
MIN_RUN_WORDS = 4  # capitalised words in a body run before it can be a headline
LONG_RUN_WORDS = 7  # … or before it can be a headline glued to the lead that follows
_SIBILANT = ("s", "x", "z", "ch", "sh", "o")
_MID_SENTENCE = re.compile(r"[a-z,;] ([A-Z][\w'’-]*)")


def names_in(text: str) -> frozenset[str]:
    """Words ``text`` capitalises after a lower-case word: names, whatever the headline does."""
    return frozenset(_MID_SENTENCE.findall(text))


def _is_name(word: str, kb: KnowledgeBase, named: frozenset[str]) -> bool:
    return (
        word.split("-")[0].isupper()
        or word.lower() in CALENDAR_WORDS
        or word in named
        or bool(kb.country(word) or kb.capital(word) or kb.lookup(word))
    )


def _lower_into(
    out: list[str], words: list[re.Match[str]], kb: KnowledgeBase, named: frozenset[str]
) -> None:
    """Lower, in ``out`` (the matched text as a list of characters), the capital of each of
    ``words`` (non-small) but the first, and of the small words between them ("Killed In Truck
    Attack"); names keep theirs, and so does a pair of words the actor dictionary knows
    ("Islamic State")."""
    for k, m in enumerate(words[1:], start=1):
        if m.group()[0].isupper() and not _kept(words, k, kb, named):
            out[m.start()] = m.group()[0].lower()
    for m in _WORD.finditer(words[0].string, words[0].end(), words[-1].end()):
        if m.group().lower() in _SMALL and (m.group() == "A" or not m.group().isupper()):
            out[m.start()] = m.group()[0].lower()


def _kept(words: list[re.Match[str]], k: int, kb: KnowledgeBase, named: frozenset[str]) -> bool:
    """Whether ``words[k]`` is a name: by itself, or in a pair the actor dictionary knows."""
    word = words[k].group()
    if _is_name(word, kb, named):
        return True
    before = words[k - 1].group() if k else ""
    after = words[k + 1].group() if k + 1 < len(words) else ""
    return bool(
        (before and kb.lookup(f"{before} {word}")) or (after and kb.lookup(f"{word} {after}"))
    )


def _content(words: list[re.Match[str]]) -> list[re.Match[str]]:
    return [m for m in words if m.group().lower() not in _SMALL]


def sentence_case(title: str, kb: KnowledgeBase, body: str = "") -> str:
    """ "Lavrov Urges Syrian Opposition to Support Talks" → "Lavrov urges Syrian opposition …"
    when most of the title's words are capitalised; a word the body capitalises mid-sentence
    is a name and keeps its capital."""
    words = _content(list(_WORD.finditer(title)))
    if len(words) < 3 or sum(w.group()[0].isupper() for w in words) < 0.7 * len(words):
        return title
    out = list(title)
    _lower_into(out, words, kb, names_in(body))
    return "".join(out)


def _lead_runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of words that are each capitalised or small, each starting its line or sentence
    (a name inside a sentence, "the Syrian Observatory for Human Rights", is no headline)."""
    run: list[re.Match[str]] = []
    lead = True  # no word yet in this sentence
    previous: re.Match[str] | None = None
    for m in _WORD.finditer(text):
        word = m.group()
        if previous is not None and _RUN_BREAK.search(text, previous.end() - 1, m.start()):
            if run:
                yield run
            run, lead = [], True
        titled = word[0].isupper() or (run and word in _SMALL)
        if titled and (run or lead):
            run.append(m)
        else:
            if run:
                yield run
            run, lead = [], False
        previous = m
    if run:
        yield run


def _ends(text: str, last: re.Match[str]) -> bool:
    """Whether the sentence or line ends after ``last`` (words in lower case follow a subject,
    "The Syrian Observatory for Human Rights said")."""
    rest = text[last.end() - 1 :]
    nxt = _WORD.search(rest, 1)
    return nxt is None or bool(_RUN_BREAK.search(rest, 0, nxt.start()))


def _headline_verb(word: str) -> bool:
    """ "Kills", "Urges", "Crucifies", "Liberated", "Stopped": an inflected form of a verb,
    by the spelling rules ("James" is no form of "jam")."""
    w, bases = word.lower(), base_verbs()
    if w.endswith(("ies", "ied")):
        return w[:-3] + "y" in bases
    if w.endswith("es") and w[:-2].endswith(_SIBILANT):
        return w[:-2] in bases
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1] in bases and not w[:-1].endswith(_SIBILANT)
    if w.endswith("ed"):
        stem = w[:-2]
        doubled = len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in bases
        return stem in bases or w[:-1] in bases or doubled
    return False


def _verbs(run: list[re.Match[str]], kb: KnowledgeBase, named: frozenset[str]) -> bool:
    """Whether a word of the run after its first is an inflected verb, no name, with at least
    two capitalised words after it (its object: "Kills 50 Al-Nusra Terrorists"; "Human Rights
    Watch" has one)."""
    return any(
        _headline_verb(m.group()) and not _kept(run, k, kb, named)
        for k, m in enumerate(run[1:-2], start=1)
    )


def body_case(text: str, kb: KnowledgeBase) -> str:
    """``text`` with each Title Case run that reads as a headline sentence-cased: it starts
    its line or sentence; it has at least ``MIN_RUN_WORDS`` capitalised words and ends its
    sentence, or has ``LONG_RUN_WORDS`` (glued to the lead); and one of its words (not the
    first, not a name) is an inflected verb with two words after it. A word the rest of the
    text capitalises mid-sentence is a name."""
    runs = [_content(run) for run in _lead_runs(text)]
    runs = [
        run for run in runs
        if len(run) >= LONG_RUN_WORDS or (len(run) >= MIN_RUN_WORDS and _ends(text, run[-1]))
    ]  # fmt: skip
    runs = [run for run in runs if _verbs(run, kb, frozenset())]
    if not runs:
        return text
    masked = list(text)
    for run in runs:
        masked[run[0].start() : run[-1].end()] = " " * (run[-1].end() - run[0].start())
    named = names_in("".join(masked))
    out = list(text)
    for run in runs:
        if _verbs(run, kb, named):
            _lower_into(out, run, kb, named)
    return "".join(out)
