"""English words more than one stage reads: the verbs of saying, which attribute a quotation
(quotes) and tell whose report an act is (events), and the compass words that make a part of a
place ("western Syria": events, place). At the bottom of the layers."""

from __future__ import annotations

# verbs of saying: these attribute a quotation next to them ("…," he said) and a clause
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "note", "stress", "affirm", "reaffirm", "underscore", "underline",
        "emphasize", "emphasise", "pledge", "warn", "announce", "assert", "state", "declare",
        "explain", "insist", "reiterate", "repeat", "remark", "comment", "reply", "respond",
        "answer", "continue", "conclude", "argue", "claim", "contend", "maintain", "allege",
        "acknowledge", "admit", "concede", "confirm", "deny", "reveal", "disclose", "report",
        "write", "tweet", "post", "mention", "point", "indicate", "suggest", "predict", "promise",
        "vow", "swear", "threaten", "urge", "ask", "demand", "proclaim", "testify", "recall",
        "observe", "complain", "lament", "boast", "joke", "quip", "shout", "yell", "chant", "cry",
        "exclaim", "whisper", "caution", "advise", "recommend", "propose", "hint", "signal",
        "estimate", "charge", "accuse", "counter", "retort", "highlight", "concur", "agree",
        "echo", "tout", "praise", "criticize", "criticise", "slam", "blast", "question", "brief",
        "inform", "assure", "reassure", "clarify", "specify", "outline", "detail", "elaborate",
        "summarize",
    }
)  # fmt: skip
# verbs of belief and intention: PolNeAR-style attributions of a stance, only with a clause
STANCE_VERBS = frozenset(
    {
        "believe", "think", "hope", "fear", "expect", "feel", "know", "worry", "doubt", "suspect",
        "understand", "reckon", "consider", "find", "show", "conclude", "agree", "acknowledge",
        "recognize", "recognise", "realize", "realise", "decide", "insist", "guess", "imagine",
        "assume", "wish", "want",
    }
)  # fmt: skip
REPORTING_VERBS = SPEECH_VERBS | STANCE_VERBS

# the words that name a part of a place by its direction ("western Syria", "northeast Nigeria");
# hyphenated forms ("north-eastern") are two words to the parser
COMPASS_WORDS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
        "southeastern", "southwestern", "central",
    }
)  # fmt: skip

# months and weekdays, in full and as datelines abbreviate them ("Fri Sep 27 2013"): names of
# days, never of people or bodies, whatever a tagger makes of their capitals
CALENDAR_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip


def names_a_day(words: list[str]) -> bool:
    """Whether a name's words are all months, weekdays or numbers ("Fri Sep 27"): a dateline a
    tagger read as a person or a body."""
    words = [w for w in words if any(c.isalnum() for c in w)]
    return bool(words) and all(
        w.lower().rstrip(".") in CALENDAR_WORDS or w.replace(",", "").isdigit() for w in words
    )
