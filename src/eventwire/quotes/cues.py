"""The words that attribute speech: reporting verbs, label markers and statement nouns.

A reporting verb with a clause for its object reports what someone said or holds
("Lavrov noted that …", "Kerry believes …"); a smaller set also reports a noun phrase
("Bogdanov underscored Russia's willingness to host …"). Lemmas, lower case.
"""

from __future__ import annotations

from eventwire.lexicon import REPORTING_VERBS, SPEECH_VERBS, STANCE_VERBS

__all__ = ["REPORTING_VERBS", "SPEECH_VERBS", "STANCE_VERBS"]

# verbs whose noun-phrase object is what was said: "underscored Russia's willingness to host"
NP_REPORTING_VERBS = frozenset(
    {
        "underscore", "underline", "stress", "emphasize", "emphasise", "reiterate", "affirm",
        "reaffirm", "express", "voice", "announce", "confirm", "deny", "acknowledge", "highlight",
        "reveal", "disclose", "outline",
    }
)  # fmt: skip
# words before a quoted phrase that make it a name or a term, not speech
LABEL_MARKERS = frozenset(
    {"so-called", "called", "dubbed", "termed", "named", "labelled", "labeled", "titled",
     "entitled", "branded", "nicknamed", "word", "words", "term", "phrase", "slogan"}
)  # fmt: skip
# subjects that stand for the organisation that issued them ("the statement added …")
STATEMENT_NOUNS = frozenset(
    {
        "statement", "communique", "communiqué", "release", "announcement", "report", "message",
        "letter", "note", "declaration", "document", "memo", "readout", "transcript", "decree",
        "resolution", "text",
    }
)  # fmt: skip
# verbs whose object can be the very words said: "described it as “very useful”"
UTTERANCE_VERBS = frozenset(
    {
        "say", "describe", "call", "term", "add", "write", "tweet", "shout", "chant", "yell",
        "declare", "proclaim", "exclaim", "reply", "answer", "respond",
    }
)  # fmt: skip
DASHES = frozenset({"—", "–", "―", "--"})
# verbs that judge what they name: their object, however short, is what was said about it
# ("criticized the decision", "described the talks as useful", "cited the poll"); verbs that
# also name deeds ("attack", "welcome", "discuss") are left to the event coder
EVALUATIVE_VERBS = frozenset(
    {
        "criticize", "criticise", "praise", "cite", "mention", "question", "dispute", "reject",
        "defend", "condemn", "blast", "slam", "endorse", "describe", "liken", "compare",
        "dismiss", "hail", "applaud", "denounce", "decry", "lament", "tout", "promote",
        "propose", "recommend", "echo", "blame", "accuse", "mock", "ridicule",
        "fault", "chastise", "scold", "commend", "thank", "congratulate", "urge", "demand",
        "call", "label", "brand", "dub", "term",
    }
)  # fmt: skip
# verbs whose prepositional object is the topic of what was said: "talked about X",
# "called for X", "warned of X", "argued against X"
TOPIC_VERBS = frozenset(
    {
        "talk", "speak", "complain", "worry", "warn", "call", "ask", "argue", "push", "think",
        "comment", "testify", "joke", "rail", "advocate", "lobby", "campaign", "write", "tweet",
        "boast", "brag", "caution", "rant", "muse", "wonder", "care", "lecture", "press",
        "plead", "appeal", "express", "say", "tell", "fret", "agree", "disagree", "insist",
        "hint", "remark", "reflect", "report", "inquire", "enquire", "vent", "rave", "gush",
    }
)  # fmt: skip
TOPIC_PREPS = frozenset({"about", "of", "for", "against", "on", "over"})
# verbs whose infinitive (with its object) is what was urged or promised: "urged Trump to
# stop", "vowed to repeal"; plans and wishes ("plans to", "wants to") are not speech
INFINITIVE_VERBS = frozenset(
    {
        "urge", "ask", "tell", "call", "order", "instruct", "encourage", "implore", "press",
        "beg", "invite", "warn", "advise", "remind", "challenge", "vow", "pledge", "promise",
        "threaten", "agree", "refuse", "offer", "propose", "demand", "swear", "insist",
        "decline",
    }
)  # fmt: skip
# adjectives of stance with what they are about: "critical of X", "worried about X"
STANCE_ADJECTIVES = frozenset(
    {
        "critical", "concerned", "worried", "frustrated", "confident", "optimistic",
        "skeptical", "sceptical", "wary", "sure", "certain", "convinced", "clear", "adamant",
        "hopeful", "fearful", "angry", "upset", "pleased", "proud", "disappointed", "supportive",
        "opposed", "furious", "outraged", "unhappy", "happy", "glad", "eager", "insistent",
        "dismissive", "enthusiastic", "excited", "nervous", "anxious", "afraid", "scared",
        "passionate", "coy", "vocal", "silent", "mum",
    }
)  # fmt: skip
# naming verbs: speech only with a second complement ("called the plan a disaster"); "Lavrov
# called Kerry" is a telephone call
NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "term"})
# nouns of saying: "his claim that …", "Trump's comments about X", "raised concerns over X"
SPEECH_NOUNS = frozenset(
    {
        "claim", "comment", "remark", "statement", "criticism", "question", "concern", "call",
        "demand", "warning", "promise", "pledge", "accusation", "allegation", "argument",
        "assertion", "suggestion", "praise", "complaint", "charge", "insistence", "assurance",
        "admission", "denial", "belief", "view", "fear", "hope", "vow", "threat", "proposal",
        "announcement", "message", "speech", "testimony", "prediction", "objection", "appeal",
        "request", "condemnation", "rejection", "endorsement", "acknowledgment",
        "acknowledgement", "confirmation", "assessment", "opinion", "position", "doubt",
    }
)  # fmt: skip
# verbs whose object noun of saying is their subject's speech: "raised concerns about X"
VOICING_VERBS = frozenset(
    {
        "make", "raise", "issue", "voice", "express", "offer", "deliver", "repeat", "reiterate",
        "renew", "level", "lodge", "file", "echo", "give", "share", "air", "publish", "post",
        "send", "pose", "answer", "dismiss", "reject",
    }
)  # fmt: skip
