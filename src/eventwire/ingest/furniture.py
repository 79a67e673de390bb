"""Site furniture that scraped copy glues into the story's own line.

Pages flattened to one line keep their topic tags and their date label inline:
``… continue. Tags Syria Aleppo regime forces Idlib The brigade announced on Monday …`` or
``Date of publication 7 October 2016 Shelling in West Aleppo …``. The parser then reads the
tags as the lede's subject, and the coder codes ``Tags Syria Aleppo Russia`` as the attacker.
Line-based cleaning cannot see these runs, so they are found here, word by word.

A tag list has no punctuation and no verb, so it ends where the first of these begins:
- a full stop (the tags end a sentence of their own);
- a word that opens a sentence and is never a tag: ``The``, ``A``, ``At`` (least), a number;
- otherwise the lede's subject: the last capitalised word before the lede's first verb or
  function word (``… Bashar al-Assad SOHR Syrian rebels launched …``), taking in a
  coordinated head (``Syrian regime and Russian airstrikes pounded …``).
Tags that no sentence follows are a trailer, cut whole. Promotion lines inside the story
("Advertisement Continue reading the main story", "Newsletter Sign Up …") are cut whole too:
a single line break does not end a sentence, so they were glued to the paragraph below.
Where no end is found the text is left as it is: a tag glued to a lede costs less than a
lost lede.
"""

from __future__ import annotations

import re

TAG_MARKER = re.compile(r"(?:(?<=[\s.])|^)Tags:?[ \t]+(?=\S)")
# Lists of other stories' headlines, after the story: only ever cut as a trailer.
TRAILER_MARKER = re.compile(r"(?<=[\s.)])(?:Related|Topic|Read [Aa]lso|Read [Mm]ore)\b")
# Promotion lines inside the story ("Advertisement Continue reading the main story",
# "Newsletter Sign Up …", "Read more: …"), cut whole; the cleaner only cuts them at the end.
PROMO_LINE = re.compile(
    r"^[ \t]*(?:Advertisement(?:[ \t]*-?[ \t]*Continue [Rr]eading(?: the main story| Below))?"
    r"|Continue reading the main story|Newsletter Sign Up\b.*|Sign up for\b.*"
    r"|Read more(?::[ \t].*)?|Related:[ \t].*|Follow \S+(?: \S+)? on (?:Twitter|Facebook)\b.*"
    r"|Media playback is unsupported on your device\b.*)[ \t]*$",
    re.MULTILINE,
)
DATE_LABEL = re.compile(r"[ \t]*Date of publication[ \t]+(\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+\d{4})\b")
SENTENCE_END = re.compile(r"[.!?]")
MAX_TAG_WORDS = 40  # a longer run without an end is not a tag list

# Capitalised, these open a sentence; no topic tag is one of them.
SENTENCE_OPENERS = frozenset(
    {
        "The", "A", "An", "At", "More", "Less", "Fewer", "Almost", "Nearly", "Over",
        "Some", "Dozens", "Hundreds", "Thousands", "Scores", "Several", "Many", "In",
        "On", "After", "As", "While", "When", "Since", "During", "Following", "Despite",
        "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
        "Eighteen", "Nineteen", "Twenty", "Thirty", "Forty", "Fifty", "Sixty",
        "Seventy", "Eighty", "Ninety",
    }
)  # fmt: skip
# Lower-case words that a tag list does not hold, save inside a name ("Observatory for
# Human Rights"): the lede has begun by the time one appears.
LEDE_WORDS = frozenset(
    {
        "a", "an", "of", "in", "on", "to", "by", "at", "from", "with", "has", "have",
        "had", "was", "were", "is", "are", "said", "says", "say", "and", "that",
    }
)  # fmt: skip
# Finite verbs that do not end in -ed; a lower-case word in -ed is taken as one too.
FINITE_VERBS = frozenset(
    {
        "said", "say", "says", "struck", "hit", "blew", "took", "began", "left",
    }
)  # fmt: skip


def furniture_spans(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Raw spans in ``raw[start:end]`` that are tag lists, promotion lines or a trailer of
    other stories' headlines, to be cut from the story; a span that runs to ``end`` is the
    story's tail."""
    trailer = next(
        (m for m in TRAILER_MARKER.finditer(raw, start, end) if _no_sentence(raw, m.end(), end)),
        None,
    )
    story_end = end if trailer is None else trailer.start()
    spans: list[tuple[int, int]] = []
    for marker in TAG_MARKER.finditer(raw, start, story_end):
        if spans and marker.start() < spans[-1][1]:
            continue
        stop = _tags_end(raw, marker.end(), story_end)
        if stop is not None:
            spans.append((marker.start(), stop))
    if trailer is not None:
        if spans and spans[-1][1] >= story_end:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((story_end, end))
    promos = [(m.start(), m.end()) for m in PROMO_LINE.finditer(raw, start, story_end)]
    return _disjoint(spans + [(a, b) for a, b in promos if a < b])


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, each one that overlaps the one before it left out."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def _no_sentence(raw: str, start: int, end: int) -> bool:
    return SENTENCE_END.search(raw, start, end) is None


def date_label(raw: str, start: int) -> re.Match[str] | None:
    """A ``Date of publication 7 October 2016`` label opening the text at ``start``."""
    return DATE_LABEL.match(raw, start)


def _tags_end(raw: str, start: int, end: int) -> int | None:
    """Where the tag list that begins at ``start`` ends: the lede's first character."""
    if _no_sentence(raw, start, end):
        return end  # no sentence follows the tags: a trailer, cut whole
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", raw[start:end])]
    words = [(start + pos, word) for pos, word in words[: MAX_TAG_WORDS + 1]]
    for k, (pos, word) in enumerate(words):
        if k == MAX_TAG_WORDS:
            return None
        if word.endswith((".", "!", "?")):
            return pos + len(word)
        if word in SENTENCE_OPENERS and k:
            return pos
        if word in FINITE_VERBS or _is_past_form(word) or _opens_lede(words, k):
            return _subject_start(words, k)
    return None


def _is_past_form(word: str) -> bool:
    return word.islower() and word.endswith("ed") and len(word) > 4


def _opens_lede(words: list[tuple[int, str]], k: int) -> bool:
    """A function word outside a name: not between two capitalised words."""
    if words[k][1] not in LEDE_WORDS:
        return False
    inside_name = 0 < k < len(words) - 1 and _capital(words[k - 1][1]) and _capital(words[k + 1][1])
    return not inside_name


def _subject_start(words: list[tuple[int, str]], k: int) -> int | None:
    """The last capitalised word before word ``k``, back over ``X and``/``X or``."""
    i = _last_capital(words, k - 1)
    while i is not None and i >= 2 and words[i - 1][1] in ("and", "or"):
        i = _last_capital(words, i - 2)
    return words[i][0] if i else None  # i == 0: the first tag itself; nothing to cut


def _last_capital(words: list[tuple[int, str]], k: int) -> int | None:
    while k >= 0 and not _capital(words[k][1]):
        k -= 1
    return k if k >= 0 else None


def _capital(word: str) -> bool:
    return word[:1].isupper()
