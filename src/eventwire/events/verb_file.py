"""The PETRARCH verb-dictionary file format: its words, patterns and codes, and the parser
that reads it (CAMEO.2.0 at build time, a user's ``--verbs FILE`` at run time), reporting
every malformed line as ``file:line: message``. The matching lives in ``events/verbs.py``.

    &SYNSET_NAME            a synonym set; its members follow as "+WORD" or "+TWO_WORDS"
    +WORD
    ---  NAME   [CODE]  --- a verb block; CODE is the default for its verbs ([---] = no event)
    WORD {FORMS ...} [CODE] a verb; {irregular forms} and its own [CODE] are optional
    +MEET_WITH {...}        a multi-word (phrasal) verb; '+' marks the inflected word
    - PRE * POST (PREP WORDS) {NOUN PHRASE} &SYNSET [CODE]  # VERB
                            a pattern of the block; '*' stands for the verb

Codes are ``[040]``, ``[---]`` (no event) or ``[042:043]``: the second code is the event in the
reverse direction (target → source; "visit" / "host"), and ``[:020]`` codes only that reverse
event ("X faced calls from Y": Y appeals to X). Words are kept as lowercase lemmas: the verb
line's base word, nouns in patterns singularised with simple rules; the caller's lemmas are
normalised the same way before matching, so spaCy and the dictionary meet halfway.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = 1
PACKAGE_DATA = "data/verbs.json.gz"
COMPOUND = "%"  # pattern word matched by a coordinated actor (pass it in the word lists)
SUPPLEMENT = "data/eventwire.verbs.txt"  # our own additions, same format, loaded after CAMEO.2.0

Word = str | frozenset[str] | tuple["str | frozenset[str]", ...]
# A str of several words ("really pleasant", from REALLY_PLEASANT or CEASE-FIRE) and a tuple
# (a '_'-connected run holding a synset: MOST_CERTAINLY_&NEGATVAUXVRB_EVER) must occur as
# adjacent words when the caller gives the clause's word order; VERB marks the verb itself
# ("RECENTLY_ *": recently, right before the verb).
VERB = "*"
"""One pattern word: a lemma (spaces = consecutive words, all required) or synset alternatives."""


class VerbFileError(ValueError):
    """A verb dictionary has malformed lines; nothing from that file was merged."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        shown = self.errors[:20]
        more = len(self.errors) - len(shown)
        text = "\n".join(shown) + (f"\n... and {more} more" if more > 0 else "")
        super().__init__(f"{len(self.errors)} malformed line(s) in verb dictionary:\n{text}")


@dataclass(frozen=True)
class VerbPattern:
    code: str | None  # None for [---] and for reverse-only codes like [:020]
    before: tuple[Word, ...]  # words required before the verb (subject side), usually empty
    after: tuple[Word, ...]  # words after the verb (object side)
    preps: tuple[tuple[str, tuple[Word, ...]], ...]  # ("in", ("call",)); "by/with" = either
    verb: str | None  # the verb named in the trailing comment, if any
    reverse: str | None = None  # the target → source code of [A:B] / [:B]
    swap: bool = False  # "- + * FROM $": the target is the subject and the source follows
    # "- * IFTAR IN ^ + [045]": the role ("+" target, "$" source) is the noun phrase after the
    # word IN, skipping one (^): (role, word, phrases skipped; -1: the phrase before the word)
    anchors: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class VerbEntry:
    lemma: str  # "meet", "meet with", "ask for"
    code: str | None  # the verb line's own code, else the block code; None for [---]
    block: str
    reverse: str | None = None  # reverse-direction code, e.g. "040" for DISCUSS [040:040]


# ---------------------------------------------------------------------------- normalising
_NO_SINGULAR = frozenset(
    {"news", "series", "species", "means", "politics", "economics", "physics", "headquarters"}
    | {"whereas", "perhaps", "always", "afterwards", "towards", "besides"}
    | {"was", "has", "does", "is", "this", "thus", "yes"}
)
_BE_FORMS = frozenset({"is", "are", "was", "were", "am", "be", "been", "being"})
_DROP_WORDS = frozenset({"a", "an", "the"})
_MARKERS = frozenset("$+^%")


def singular(word: str) -> str:
    """Cheap noun singular ("talks" → "talk", "parties" → "party"): the same rule runs on the
    dictionary and on the caller's lemmas, so it only has to be consistent, not perfect."""
    if len(word) <= 3 or not word.endswith("s") or word in _NO_SINGULAR:
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=65536)
def normalise_words(text: str) -> str:
    """Dictionary or caller text → space-joined lowercase singular words ("CEASE-FIRE" →
    "cease fire", as spaCy splits hyphens between letters)."""
    parts = re.split(r"[\s_\-]+", text.lower())
    return " ".join(singular(p) for p in parts if p)


def normalise_lemma(lemma: str) -> str:
    """A verb lemma key: lowercase, '_' or runs of spaces → one space; no singularising."""
    return " ".join(lemma.lower().replace("_", " ").split())


@lru_cache(maxsize=65536)
def _split(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split(" "))


# ---------------------------------------------------------------------------- parsing
_CODE_PART = re.compile(r"\d{2,4}|\d{3,4}[A-Za-z]")  # a user's own subcode may add a letter: 174K
_HEADER = re.compile(r"^-{3,}\s*(?P<name>[^\s\[\]]+)\s*(?:\[(?P<code>[^\]]*)\])?[\s-]*$")
_VERB_WORD = re.compile(r"^\+?[A-Za-z0-9'.\-]+(?:_\+?[A-Za-z0-9'.\-]*)*$")
_SYNSET_NAME = re.compile(r"^[A-Za-z0-9_'\-]+$")
_PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*$")
_TOKENS = re.compile(r"[(){}*]|[^\s(){}*]+")
_COMMENT_VERB = re.compile(r"[A-Za-z][A-Za-z_'\-]*")


def parse_code(text: str) -> tuple[str | None, str | None]:
    """'040' → ('040', None); '042:043' → ('042', '043'); ':020' → (None, '020'); '---' → both
    None. Raises ValueError on anything else."""
    parts = text.strip().split(":")
    if len(parts) > 2 or text.strip() == "":
        raise ValueError(f"bad code [{text}]")
    out: list[str | None] = []
    for part in parts:
        part = part.strip()
        if part in ("", "---"):
            out.append(None)
        elif _CODE_PART.fullmatch(part):
            out.append(part.upper())
        else:
            raise ValueError(
                f"bad code [{text}]: expected 2-4 digits (or a subcode: 174K), '---' or A:B"
            )
    return out[0], (out[1] if len(out) > 1 else None)


def _verb_lemma(word: str) -> str:
    """'+MEET_WITH' → 'meet with'; '+IS_DETERMINED' → 'be determined' (spaCy lemmatises 'is')."""
    words = [w for w in word.replace("+", "").lower().split("_") if w]
    if len(words) > 1 and words[0] in _BE_FORMS:
        words[0] = "be"
    return " ".join(words)


def _strip_comment(line: str, chars: str = "#;") -> tuple[str, str]:
    cut = min((i for i in (line.find(c) for c in chars) if i >= 0), default=-1)
    return (line, "") if cut < 0 else (line[:cut], line[cut + 1 :])


class _Parser:
    """One pass over one file; collects the raw (JSON-able) structure and the errors."""

    def __init__(self, filename: str, known_synsets: Collection[str]) -> None:
        self.filename = filename
        self.known = {k.upper() for k in known_synsets}
        self.errors: list[str] = []
        self.synsets: dict[str, list[str]] = {}
        self.blocks: dict[str, dict[str, Any]] = {}
        self.verbs: dict[str, list[str | None]] = {}
        self.forms: dict[str, str] = {}  # listed inflected form → its verb's lemma
        self.refs: list[tuple[int, str]] = []  # (line, synset name) to check at the end
        self.stats = {"duplicate_verbs": 0, "transformations": 0, "empty_patterns": 0}
        self.block: str | None = None
        self.block_code: tuple[str | None, str | None] = (None, None)
        self.synset: str | None = None  # the synset collecting "+" members, if any

    def error(self, lineno: int, message: str) -> None:
        self.errors.append(f"{self.filename}:{lineno}: {message}")

    def feed(self, text: str) -> None:
        in_xml_comment = False
        for lineno, line in enumerate(text.splitlines(), 1):
            if in_xml_comment:
                if "-->" not in line:
                    continue
                line = line.split("-->", 1)[1]
                in_xml_comment = False
            while "<!--" in line:
                head, _, tail = line.partition("<!--")
                if "-->" in tail:
                    line = head + tail.split("-->", 1)[1]
                else:
                    line, in_xml_comment = head, True
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            try:
                self.line(lineno, stripped)
            except ValueError as exc:
                self.error(lineno, str(exc))
        self.check_refs()

    def line(self, lineno: int, line: str) -> None:
        if line.startswith("~"):
            self.stats["transformations"] += 1  # PETRARCH clause transformations: not used
        elif line.startswith("---"):
            self.header(line)
        elif line.startswith("&"):
            self.synset_label(line)
        elif line.startswith("-"):
            self.pattern(lineno, line)
        elif line.startswith("+") and self.synset is not None:
            self.synset_member(line)
        else:
            self.verb(line)

    def header(self, line: str) -> None:
        m = _HEADER.match(_strip_comment(line, "#")[0].strip())
        if not m:
            raise ValueError(f"bad block header {line!r}: expected '--- NAME [CODE] ---'")
        self.block = None  # until the header is known good: later lines must not attach to
        self.synset = None  # the previous block, nor to a block that was never created
        block_code = parse_code(m["code"]) if m["code"] is not None else (None, None)
        self.block, self.block_code = m["name"].upper(), block_code
        block = self.blocks.setdefault(self.block, {"patterns": []})
        block["code"], block["reverse"] = self.block_code

    def synset_label(self, line: str) -> None:
        label = _strip_comment(line, "#")[0].split()
        if len(label) != 1 or not _SYNSET_NAME.match(label[0][1:]):
            raise ValueError(f"bad synset label {line!r}: expected '&NAME' alone on the line")
        self.synset = label[0][1:].rstrip("_").upper()  # "&PEACETALK_": '_' joins, not names
        self.synsets.setdefault(self.synset, [])

    def synset_member(self, line: str) -> None:
        member = _strip_comment(line, "#")[0].strip()[1:].strip()
        if not member or member.startswith("&"):
            raise ValueError(f"bad synset member {line!r}: expected '+WORD' (no nested synsets)")
        words = normalise_words(member)
        if not words:
            raise ValueError(f"empty synset member {line!r}")
        assert self.synset is not None
        if words not in self.synsets[self.synset]:
            self.synsets[self.synset].append(words)

    def verb(self, line: str) -> None:
        if self.block is None:
            raise ValueError(f"verb line {line!r} before any '--- NAME [CODE] ---' block")
        self.synset = None
        body = _strip_comment(line)[0]
        if body.count("{") != body.count("}") or body.count("{") > 1:
            raise ValueError(f"unbalanced or repeated {{...}} in verb line {line!r}")
        codes = re.findall(r"\[([^\]]*)\]", body)
        if len(codes) > 1 or body.count("[") != len(codes):
            raise ValueError(f"bad [CODE] in verb line {line!r}")
        rest = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()
        if len(rest) != 1 or not _VERB_WORD.match(rest[0]) or rest[0].count("+") > 1:
            raise ValueError(f"bad verb line {line!r}: expected 'WORD {{FORMS}} [CODE]'")
        code, reverse = parse_code(codes[0]) if codes else self.block_code
        lemma = _verb_lemma(rest[0])
        if lemma in self.verbs:
            self.stats["duplicate_verbs"] += 1  # PETRARCH keeps the first definition
            return
        self.verbs[lemma] = [code, reverse, self.block]
        forms = re.search(r"\{([^}]*)\}", body)
        for form in forms[1].split() if forms else ():
            # the listed forms find the verb where the lemmatizer fails ("cordoned" → "cordone")
            self.forms.setdefault(_verb_lemma(form), lemma)

    def pattern(self, lineno: int, line: str) -> None:
        if self.block is None:
            raise ValueError(f"pattern {line!r} before any '--- NAME [CODE] ---' block")
        self.synset = None
        body, comment = _strip_comment(line, "#")
        m = _PATTERN.match(body.strip())
        if not m:
            raise ValueError(f"pattern without a final [CODE]: {line!r}")
        code, reverse = parse_code(m["code"])
        before, after, preps = self.pattern_body(lineno, m["body"])
        if not (before or after or preps):
            self.stats["empty_patterns"] += 1  # "- * $ [..]": nothing to match on
            return
        first = comment.split()[0] if comment.split() else ""
        verb = normalise_lemma(first) if _COMMENT_VERB.fullmatch(first) else None
        row: list[Any] = [code, reverse, before, after, preps, verb]
        anchors = _anchored_roles(m["body"])
        if _swaps_roles(m["body"]) or anchors:
            row.append(_swaps_roles(m["body"]))
        if anchors:
            row.append([list(a) for a in anchors])
        self.blocks[self.block]["patterns"].append(row)

    def pattern_body(self, lineno: int, body: str) -> tuple[list[Any], list[Any], list[list[Any]]]:
        before: list[Any] = []
        after: list[Any] = []
        preps: list[list[Any]] = []
        side, star, in_paren, in_brace = before, False, False, False
        prep: list[Any] | None = None
        tokens = _TOKENS.findall(body)
        for index, tok in enumerate(tokens):
            if (
                not star
                and tok.endswith("_")
                and len(tok) > 1
                and tokens[index + 1 : index + 2] == ["*"]
                and tok[0] not in _MARKERS
            ):  # "RECENTLY_ *": right before the verb
                word = self.word(lineno, tok.rstrip("_"))
                if isinstance(word, str) and not word.startswith("&") and word != COMPOUND:
                    before.append([word, VERB])
                    continue
            if tok == "*":
                if star or in_paren or in_brace:
                    raise ValueError(f"misplaced or repeated '*' in pattern {body!r}")
                star, side = True, after
            elif tok == "(":
                if in_paren:
                    raise ValueError(f"nested '(' in pattern {body!r}")
                in_paren, prep = True, None
            elif tok == ")":
                if not in_paren or in_brace:
                    raise ValueError(f"unbalanced ')' in pattern {body!r}")
                if prep is None:
                    raise ValueError(f"empty '()' in pattern {body!r}")
                if side is after:
                    preps.append(prep)
                else:  # pre-verb prepositional phrase: its words join the subject side
                    before.extend(prep[1])
                in_paren = False
            elif tok == "{":
                if in_brace:
                    raise ValueError(f"nested '{{' in pattern {body!r}")
                in_brace = True
            elif tok == "}":
                if not in_brace:
                    raise ValueError(f"unbalanced '}}' in pattern {body!r}")
                in_brace = False
            elif in_paren and prep is None:
                if not re.fullmatch(r"[A-Za-z]+(?:/[A-Za-z]+)*", tok):
                    raise ValueError(f"bad preposition {tok!r} in pattern {body!r}")
                prep = [tok.lower(), []]
            else:
                word = self.word(lineno, tok)
                if word is not None:
                    (prep[1] if in_paren and prep is not None else side).append(word)
        if in_paren or in_brace:
            raise ValueError(f"unclosed '(' or '{{' in pattern {body!r}")
        if not star:
            raise ValueError(f"pattern {body!r} has no '*' for the verb")
        return before, after, preps

    def word(self, lineno: int, tok: str) -> str | list[str] | None:
        if tok == COMPOUND:  # a compound actor here ("% * [030:030]": "A and B agree")
            return COMPOUND
        if tok in _MARKERS:  # $ source, + target, ^ skip: actor positions we do not model
            return None
        if tok[0] in _MARKERS and len(tok) > 1:
            tok = tok[1:]
        whole = tok.strip("_").lstrip("&").upper()
        known = whole in self.synsets or whole in self.known
        if "&" in tok and "_" in tok.strip("_") and not known:
            # MOST_CERTAINLY_&NEGATVAUXVRB_EVER: a run of adjacent words, one a synset
            parts = [self.word(lineno, part) for part in re.split(r"_(?=&)|(?<=[^_])_", tok)]
            run = [p for p in parts if isinstance(p, str)]
            return run if len(run) > 1 else (run[0] if run else None)
        if tok.startswith("&"):
            name = tok[1:].rstrip("_").upper()  # "&PREPOSIT1_": '_' joins it to what follows
            if not _SYNSET_NAME.match(name):
                raise ValueError(f"bad synset reference {tok!r}")
            self.refs.append((lineno, name))
            return "&" + name
        words = normalise_words(tok)
        if not words or words in _DROP_WORDS:
            return None
        return words

    def check_refs(self) -> None:
        for lineno, name in self.refs:
            if name not in self.synsets and name not in self.known:
                self.error(lineno, f"undefined synset &{name}")

    def raw(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "synsets": self.synsets,
            "blocks": self.blocks,
            "verbs": self.verbs,
            "forms": self.forms,
        }


def parse_verb_text(
    text: str, filename: str = "<verbs>", known_synsets: Collection[str] = ()
) -> tuple[dict[str, Any], list[str], dict[str, int]]:
    """Parse dictionary text → (raw JSON-able structure, 'file:line: message' errors, counts).

    Malformed lines are left out of the structure; `known_synsets` are names a pattern may use
    without defining them (those of dictionaries already loaded)."""
    parser = _Parser(filename, known_synsets)
    parser.feed(text)
    # a pattern whose synset is undefined cannot match anything sensible: drop it
    bad = {n for _, n in parser.refs if n not in parser.synsets and n not in parser.known}
    if bad:
        for block in parser.blocks.values():
            block["patterns"] = [p for p in block["patterns"] if not _uses(p, bad)]
    return parser.raw(), parser.errors, parser.stats


def _uses(pattern: list[Any], names: set[str]) -> bool:
    items = [*pattern[2], *pattern[3], *(w for _, ws in pattern[4] for w in ws)]
    words = [w for item in items for w in (item if isinstance(item, list) else [item])]
    return any(w.startswith("&") and w[1:] in names for w in words)


def read_verb_file(
    path: str | os.PathLike[str], known_synsets: Collection[str] = ()
) -> tuple[dict[str, Any], list[str], dict[str, int]]:
    """Read and parse a dictionary file; undecodable bytes are reported like malformed lines."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lineno = data[: exc.start].count(b"\n") + 1
        raise VerbFileError([f"{path}:{lineno}: not UTF-8 text ({exc.reason})"]) from None
    return parse_verb_text(text, str(path), known_synsets)


def _anchored_roles(body: str) -> list[tuple[str, str, int]]:
    """Where a pattern puts its target (``+``) or source (``$``) by a word: after the verb,
    the noun phrase after its last literal word, skipping one phrase per ``^``
    (``* IFTAR IN ^ +``); before the verb, the phrase right before the word that follows
    the marker (``+ HOSTING *``: the host), written with skip -1."""
    tokens = _TOKENS.findall(body)
    if "*" not in tokens:
        return []
    star = tokens.index("*")
    roles: list[tuple[str, str, int]] = []
    for marker, nxt in zip(tokens[:star], tokens[1 : star + 1], strict=True):
        if marker in {"+", "$"} and nxt != "*" and _literal(nxt):
            roles.append(("target" if marker == "+" else "source", _literal(nxt) or "", -1))
    word: str | None = None
    skip = 0
    for tok in tokens[star + 1 :]:
        if tok in {"+", "$"}:
            if word:
                roles.append(("target" if tok == "+" else "source", word, skip))
            break
        if tok == "^":
            skip += 1
        elif _literal(tok):
            word, skip = _literal(tok), 0
    return roles


def _literal(tok: str) -> str | None:
    """The last word of a literal pattern token ("MAY_DAY" → "day"), else None."""
    if tok[0] in "(){}&%" or tok[0] in _MARKERS:
        return None
    words = normalise_words(tok)
    return _split(words)[-1] if words else None


def _swaps_roles(body: str) -> bool:
    """PETRARCH's role markers put the target before the verb and the source after it."""
    tokens = _TOKENS.findall(body)
    if "*" not in tokens:
        return False
    star = tokens.index("*")
    target_first = "+" in tokens[:star]
    source_after = "$" in tokens[star + 1 :]
    return target_first and source_after
