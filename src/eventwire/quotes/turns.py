"""Speaker labels: a paragraph that opens with a name and a colon is that speaker's words.

Interview transcripts (``WALLACE: Let's start …``, ``PENCE: Well, look …``) and headline-style
lines (``Bogdanov: We are preparing a new meeting``, ``Lavrov: Moscow to conduct more
communications``) attribute the rest of the paragraph to the name, quotation marks or not.
The label is at most five words, all capitalised, with no verb; the words after it are at least
three; labels such as ``Update:`` or ``Editor's note:`` are not speakers.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.model import Span
from eventwire.quotes.marks import QUOTE_TOKENS, text_of

MAX_LABEL = 5
MIN_WORDS = 3
NOT_SPEAKERS = {
    "update", "updated", "note", "editor", "editors", "photo", "photos", "video", "watch",
    "related", "read", "source", "sources", "correction", "abstract", "text", "transcript",
    "breaking", "warning", "live", "exclusive", "opinion", "analysis", "q", "a", "answer",
    "question", "topics", "tags", "see", "also", "more", "share", "caption", "credit",
    "disclosure", "programming", "advertisement", "follow", "email", "tel", "phone", "fax",
    "contact", "by", "via", "subscribe", "sign",
}  # fmt: skip
TITLES = {"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "prof.", "rev.", "st."}


@dataclass
class Turn:
    speaker: Token  # the label's last name word
    cue: Token  # the colon
    paragraph: Span  # characters of the whole paragraph
    content: Span  # characters after the colon


def turns(doc: Doc) -> list[Turn]:
    """Paragraphs of ``doc`` that open with a speaker label."""
    found = []
    start = 0
    text = text_of(doc)
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            turn = _turn(doc, start, end)
            if turn is not None:
                found.append(turn)
        start = end + 1
    return found


def _turn(doc: Doc, start: int, end: int) -> Turn | None:
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return None
    tokens = [t for t in words if not t.is_space]
    if tokens and tokens[0].text in QUOTE_TOKENS:
        tokens = tokens[1:]
    colon = next((i for i, t in enumerate(tokens[: MAX_LABEL + 1]) if t.text == ":"), None)
    if not colon:
        return None
    label = tokens[:colon]
    rest = [t for t in tokens[colon + 1 :] if not t.is_punct]
    if len(rest) < MIN_WORDS or not _is_label(label):
        return None
    content_start = tokens[colon + 1].idx if colon + 1 < len(tokens) else end
    content_end = end
    text = text_of(doc)
    while content_end > content_start and (
        text[content_end - 1].isspace() or text[content_end - 1] in "”\"'"
    ):
        content_end -= 1
    if content_start < content_end and text[content_start] in '“"':
        content_start += 1
    return Turn(label[-1], tokens[colon], (start, end), (content_start, content_end))


def _is_label(label: list[Token]) -> bool:
    if not label or any(t.pos_ in {"VERB", "AUX"} and t.text.islower() for t in label):
        return False
    words = [t for t in label if t.is_alpha or t.lower_ in TITLES]
    if not words or len(words) != len([t for t in label if not t.is_punct]):
        return False
    if any(t.lower_ in NOT_SPEAKERS for t in words):
        return False
    return all(t.text[:1].isupper() for t in words)
