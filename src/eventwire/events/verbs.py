"""Verb dictionary in the PETRARCH format: a verb gives a CAMEO code, its object refines it.

The shipped dictionary is CAMEO.2.0 from openeventdata/petrarch2 (MIT), parsed at build time by
`tools/build_ontology.py` into `data/verbs.json.gz` so that loading needs no text parsing. The
same parser reads user dictionaries at run time (`--verbs FILE`), so it reports every malformed
line as ``file:line: message`` instead of skipping it silently.

File format (see the header of CAMEO.2.0.txt)::

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

import gzip
import json
import os
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.config import DEFAULT, CoderConfig

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


# ---------------------------------------------------------------------------- dictionary
class VerbDictionary:
    """Verb lemma → entry (default code, block); block → patterns that refine the code."""

    def __init__(self) -> None:
        self._entries: dict[str, VerbEntry] = {}
        self._forms: dict[str, str] = {}
        self._blocks: dict[str, tuple[VerbPattern, ...]] = {}
        self._synsets: dict[str, frozenset[str]] = {}
        self.sources: list[str] = []
        self._index: dict[str, tuple[tuple[VerbPattern, ...], list[Any]]] = {}

    def _indexed(self, block: str) -> list[tuple[int, VerbPattern, frozenset[str] | None]]:
        """The block's patterns with the words one of which must occur for them to match."""
        patterns = self._blocks.get(block, ())
        cached = self._index.get(block)
        if cached is None or cached[0] is not patterns:
            cached = (patterns, [(i, p, _anchors(p)) for i, p in enumerate(patterns)])
            self._index[block] = cached
        return cached[1]

    # -- building
    @classmethod
    def from_raw(cls, raw: dict[str, Any], source: str = "<raw>") -> VerbDictionary:
        dictionary = cls()
        dictionary._merge(raw, source)
        return dictionary

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> VerbDictionary:
        dictionary = cls()
        dictionary.add_file(path)
        return dictionary

    def copy(self) -> VerbDictionary:
        """An independent dictionary (patterns are immutable and shared)."""
        other = VerbDictionary()
        other._entries = dict(self._entries)
        other._forms = dict(self._forms)
        other._blocks = dict(self._blocks)
        other._synsets = dict(self._synsets)
        other.sources = list(self.sources)
        return other

    def add_file(self, path: str | os.PathLike[str]) -> None:
        """Merge a user dictionary; later files win: its verbs replace existing entries, its
        patterns go before those of a same-named block, its synsets replace same-named ones.
        Raises VerbFileError (every malformed line, as file:line) and merges nothing then."""
        raw, errors, _stats = read_verb_file(path, known_synsets=self._synsets.keys())
        if errors:
            raise VerbFileError(errors)
        self._merge(raw, str(path))

    def _merge(self, raw: dict[str, Any], source: str) -> None:
        if raw.get("format") != FORMAT:
            raise ValueError(f"{source}: unsupported verb data format {raw.get('format')!r}")
        synsets = dict(self._synsets)
        for name, members in raw["synsets"].items():
            synsets[name] = frozenset(members)

        def word(w: str | list[str]) -> Word:
            if isinstance(w, list):  # a run of adjacent words
                return tuple(synsets[x[1:]] if x.startswith("&") else x for x in w)
            return synsets[w[1:]] if w.startswith("&") else w

        for name, block in raw["blocks"].items():
            new = tuple(
                VerbPattern(
                    code=code,
                    before=tuple(word(w) for w in before),
                    after=tuple(word(w) for w in after),
                    preps=tuple((p, tuple(word(w) for w in ws)) for p, ws in preps),
                    verb=verb,
                    reverse=reverse,
                    swap=bool(rest and rest[0]),
                    anchors=tuple((a[0], a[1], int(a[2])) for a in rest[1])
                    if len(rest) > 1
                    else (),
                )
                for code, reverse, before, after, preps, verb, *rest in block["patterns"]
            )
            self._blocks[name] = new + self._blocks.get(name, ())
        for lemma, (code, reverse, block_name) in raw["verbs"].items():
            self._entries[lemma] = VerbEntry(lemma, code, block_name, reverse)
        self._forms.update(raw.get("forms", {}))
        self._synsets = synsets
        self.sources.append(source)

    # -- lookups
    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and normalise_lemma(lemma) in self._entries

    def lemmas(self) -> list[str]:
        return sorted(self._entries)

    def entry(self, lemma: str) -> VerbEntry | None:
        """By lemma or phrasal lemma ("meet with"), or by a form the dictionary lists for a
        verb ("cordoned off"), which follows that verb's current entry."""
        key = normalise_lemma(lemma)
        found = self._entries.get(key)
        if found is None and key in self._forms:
            found = self._entries.get(self._forms[key])
        return found

    def patterns(self, lemma: str) -> list[VerbPattern]:
        """The patterns of the lemma's block (PETRARCH applies a block's patterns to all its
        verbs), in dictionary order; empty for an unknown lemma."""
        entry = self.entry(lemma)
        return list(self._blocks.get(entry.block, ())) if entry else []

    def match(
        self,
        lemma: str,
        after_lemmas: Iterable[str],
        preps: Iterable[tuple[str, Iterable[str]]],
        before_lemmas: Iterable[str] | None = None,
        after_sequence: Sequence[set[str]] | None = None,
        before_sequence: Sequence[set[str]] | None = None,
    ) -> tuple[str | None, VerbPattern | None]:
        """Best code for a clause.

        The most specific pattern (most words matched) wins if all its `after` words occur among
        the object-side lemmas (or inside the clause's prepositional phrases: parsers disagree on
        attachment) and each of its prepositional phrases matches one of `preps` (preposition
        and all its words). Patterns with subject-side words are only tried when
        `before_lemmas` is given. With the words' order (``after_sequence``: the normalised
        forms of each word after the verb; ``before_sequence``: those before it, ending with
        {VERB}), multi-word items must be adjacent. Ties go to a pattern written for this
        very verb, then to the earlier one. Without a matching pattern: the entry's own code.
        Unknown lemma: (None, None). A matching pattern may carry code None: [---] means "no
        event" and [:020] means only the reverse event (see `VerbPattern.reverse`).
        """
        entry = self.entry(lemma)
        if entry is None:
            return None, None
        pool = _pool(after_lemmas)
        prep_pools: list[tuple[str, set[str]]] = []
        for prep, words in preps:
            words_pool = _pool(words)
            prep_pools.append((prep.lower().strip(), words_pool))
            pool |= words_pool
            pool.add(prep.lower().strip())
        before_pool = _pool(before_lemmas) if before_lemmas is not None else None
        head = entry.lemma.split(" ")[0]
        best: tuple[int, int, int] | None = None
        best_pattern: VerbPattern | None = None
        for index, pattern, anchors in self._indexed(entry.block):
            if anchors is not None and anchors.isdisjoint(pool):
                continue  # cheap pre-filter: the pattern's first required word is absent
            score = _score(pattern, pool, prep_pools, before_pool, after_sequence, before_sequence)
            if score is None:
                continue
            key = (score, int(pattern.verb in (entry.lemma, head)), -index)
            if best is None or key > best:
                best, best_pattern = key, pattern
        if best_pattern is not None:
            return best_pattern.code, best_pattern
        return entry.code, None


def _pool(lemmas: Iterable[str]) -> set[str]:
    pool: set[str] = set()
    for lemma in lemmas:
        pool.update(_split(normalise_words(lemma)) if lemma else ())
    pool.discard("")
    return pool


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


def _anchors(pattern: VerbPattern) -> frozenset[str] | None:
    """Words of which at least one must be in the clause's pool for ``pattern`` to match."""
    if pattern.after:
        word = pattern.after[0]
        first = word[0] if isinstance(word, tuple) else word
        alternatives = [first] if isinstance(first, str) else list(first)
        return frozenset(_split(a)[0] for a in alternatives)
    if pattern.preps:
        return frozenset(name for name in pattern.preps[0][0].split("/"))
    return None


def _alternatives(element: str | frozenset[str]) -> list[tuple[str, ...]]:
    return [_split(element)] if isinstance(element, str) else [_split(a) for a in element]


def _word_score(word: Word, pool: set[str], sequence: Sequence[set[str]] | None = None) -> int:
    """Number of words matched (0 = not matched). With the clause's word ``sequence``, the
    words of a multi-word item must be adjacent ("REALLY_PLEASANT"); without it, anywhere."""
    elements = word if isinstance(word, tuple) else (word,)
    multi = len(elements) > 1 or any(len(a) > 1 for a in _alternatives(elements[0]))
    if sequence is not None and multi:
        return max((_run_at(elements, sequence, i) or 0 for i in range(len(sequence))), default=0)
    total = 0
    for element in elements:
        if element == VERB:
            continue
        fits = [len(a) for a in _alternatives(element) if all(p in pool for p in a)]
        if not fits:
            return 0
        total += max(fits)
    return total


def _run_at(elements: Sequence[Any], sequence: Sequence[set[str]], i: int) -> int | None:
    """Words matched by ``elements`` laid end to end from position ``i``, or None."""
    if not elements:
        return 0
    head, rest = elements[0], elements[1:]
    if head == VERB:
        return _run_at(rest, sequence, i + 1) if i < len(sequence) and VERB in sequence[i] else None
    best: int | None = None
    for words in _alternatives(head):
        n = len(words)
        if i + n <= len(sequence) and all(words[k] in sequence[i + k] for k in range(n)):
            tail = _run_at(rest, sequence, i + n)
            if tail is not None and (best is None or n + tail > best):
                best = n + tail
    return best


def _score(
    pattern: VerbPattern,
    pool: set[str],
    prep_pools: list[tuple[str, set[str]]],
    before_pool: set[str] | None,
    after_sequence: Sequence[set[str]] | None = None,
    before_sequence: Sequence[set[str]] | None = None,
) -> int | None:
    score = 0
    if pattern.before:
        if before_pool is None:
            return None
        for word in pattern.before:
            n = _word_score(word, before_pool, before_sequence)
            if not n:
                return None
            score += n
    for word in pattern.after:
        n = _word_score(word, pool, after_sequence)
        if not n:
            return None
        score += n
    for prep, words in pattern.preps:
        names = prep.split("/")
        best = 0
        for name, words_pool in prep_pools:
            if name not in names:
                continue
            total = 1
            for word in words:
                n = _word_score(word, words_pool, after_sequence)
                if not n:
                    break
                total += n
            else:
                best = max(best, total)
        if not best:
            return None
        score += best
    return score


@lru_cache(maxsize=1)
def load_verbs() -> VerbDictionary:
    """The shipped CAMEO.2.0 dictionary, built once per process from package data.

    The instance is shared: `add_file` on it (what `--verbs FILE` does) changes it for every
    caller in this process; use `.copy()` for a private one."""
    data = resources.files("eventwire").joinpath(PACKAGE_DATA).read_bytes()
    raw = json.loads(gzip.decompress(data))
    verbs = VerbDictionary.from_raw(raw, source="eventwire:" + PACKAGE_DATA)
    with resources.as_file(resources.files("eventwire").joinpath(SUPPLEMENT)) as path:
        verbs.add_file(path)
    return verbs


def dump_raw(raw: dict[str, Any]) -> bytes:
    """Deterministic gzip'd JSON for package data (no timestamp, sorted keys)."""
    text = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


@lru_cache(maxsize=8)
def verb_dictionary(config: CoderConfig = DEFAULT) -> VerbDictionary:
    if config.shipped_dictionaries and not config.verb_files:
        return load_verbs()
    verbs = load_verbs().copy() if config.shipped_dictionaries else VerbDictionary()
    for path in config.verb_files:
        verbs.add_file(path)
    return verbs
