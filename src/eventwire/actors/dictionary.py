"""Readers for PETRARCH/TABARI actor and agent dictionaries, plus the phrase normaliser.

The same readers build the shipped knowledge base from the Phoenix dictionaries and load a
user's ``--actors`` / agents file at run time, so they are strict by default: a malformed line
raises :class:`DictionaryError` naming ``file:line``. The Phoenix files themselves carry a few
typos (a 7-digit date, ``[~ENV}``); the build reads them with ``strict=False``, which skips such
lines and reports them as warnings instead.

Actor file format (one record)::

    SERGEY_LAVROV_  # comment
    +SERGEI_LAVROV
        [RUSGOV 19940922-20040712]
        [RUSGOV >20040309]

A primary phrase (optionally with inline ``[CODE]`` groups), ``+`` synonym lines, then
indented date-restricted codes: ``[CODE]`` (default), ``[CODE >D]`` (from D), ``[CODE <D]``
(until D), ``[CODE D1-D2]``; dates are YYMMDD (00–29 → 20xx, else 19xx) or YYYYMMDD, bounds
inclusive. As in PETRARCH, a primary phrase with no codes shares the codes of the record that
follows it. Agent files hold ``PHRASE {PLURAL} [~CODE]`` lines (``[CODE~]`` puts the code
before the country) and ``!SET! = A, B`` substitution sets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import product
from pathlib import Path

from eventwire.text import normalize  # noqa: F401  (part of this module's interface)

__all__ = [
    "ActorEntry",
    "AgentEntry",
    "DatedCode",
    "DictionaryError",
    "normalize",
    "parse_actor_file",
    "parse_actor_lines",
    "parse_agent_file",
    "parse_agent_lines",
    "parse_date",
    "without_articles",
]


class DictionaryError(ValueError):
    """A malformed dictionary line; the message starts with ``file:line:``."""


@dataclass(frozen=True)
class DatedCode:
    """A CAMEO code, valid from ``start`` to ``end`` inclusive (None = unbounded).

    Both bounds None is the record's default code, used when no dated code applies.
    ``---`` is PETRARCH's explicit null code (``+++`` and ``***`` are its other markers).
    """

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def is_default(self) -> bool:
        return self.start is None and self.end is None

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorEntry:
    """One dictionary record: its phrases (normalised), codes and the comment on its first line."""

    names: list[str]
    codes: list[DatedCode]
    comment: str = ""
    label: str = ""  # the primary phrase as written, underscores → spaces (for display names)
    line: int = 0


@dataclass(frozen=True)
class AgentEntry:
    """An agent phrase and the sector code it adds to a country (``prefix``: goes before it)."""

    phrase: str
    code: str
    prefix: bool = False


# --------------------------------------------------------------------------- normalisation

ARTICLES = frozenset({"AL", "EL"})


def without_articles(key: str) -> str:
    """The key with Arabic articles dropped ("BASHAR AL ASSAD" → "BASHAR ASSAD"); news
    transliterations keep or drop them at will, so both spellings must find the person."""
    tokens = [t for t in key.split() if t not in ARTICLES]
    return " ".join(tokens) if tokens else key


# --------------------------------------------------------------------------- dates and codes


def parse_date(text: str, *, lenient: bool = False) -> date:
    """YYMMDD (00–29 → 20xx, 30–99 → 19xx) or YYYYMMDD → date; ValueError otherwise.

    ``lenient`` reads longer digit strings by their first eight digits, as PETRARCH does
    (the Phoenix file has ``>201005011``).
    """
    digits = text.strip()
    if not digits.isdigit():
        raise ValueError(f"date {text!r} is not all digits")
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8 or (lenient and len(digits) > 8):
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"date {text!r} is not a calendar date") from None


_CODE = re.compile(
    r"""^(?P<code>[A-Za-z][A-Za-z0-9/]*|---|\+\+\+|\*\*\*)
        (?:\s+(?:(?P<op>[<>])\s*(?P<d>\d+)
              |(?P<d1>\d+)\s*-\s*(?P<d2>\d+)
              |(?P<bare>\d+)))?$""",
    re.VERBOSE,
)
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def _parse_code(body: str, lenient: bool, warn: _Warn) -> DatedCode:
    m = _CODE.match(body.strip())
    if not m:
        raise ValueError(f"cannot read code {body.strip()!r} (want CODE, CODE >D, <D or D1-D2)")
    code = m["code"].upper()
    if m["op"]:
        day = parse_date(m["d"], lenient=lenient)
        if len(m["d"]) > 8:
            warn(f"date {m['d']!r} read as {day.isoformat()}")
        return DatedCode(code, start=day) if m["op"] == ">" else DatedCode(code, end=day)
    if m["d1"]:
        start = parse_date(m["d1"], lenient=lenient)
        end = parse_date(m["d2"], lenient=lenient)
        for text, day in ((m["d1"], start), (m["d2"], end)):
            if len(text) > 8:
                warn(f"date {text!r} read as {day.isoformat()}")
        if end < start:
            raise ValueError(f"date range ends before it starts: {m['d1']}-{m['d2']}")
        return DatedCode(code, start, end)
    if m["bare"]:
        if not lenient:
            raise ValueError(f"date {m['bare']!r} needs '>' or '<' or a range D1-D2")
        day = parse_date(m["bare"], lenient=True)
        warn(f"bare date {m['bare']!r} read as '>{m['bare']}'")
        return DatedCode(code, start=day)
    return DatedCode(code)


# --------------------------------------------------------------------------- shared reading


class _Warn:
    """Collects lenient-mode messages as ``file:line: message`` strings."""

    def __init__(self, source: str, sink: list[str] | None) -> None:
        self.source = source
        self.sink = sink
        self.line = 0

    def __call__(self, message: str) -> None:
        if self.sink is not None:
            self.sink.append(f"{self.source}:{self.line}: {message}")

    def error(self, message: str) -> DictionaryError:
        return DictionaryError(f"{self.source}:{self.line}: {message}")


def _read_lines(path: str | Path) -> list[str]:
    """The file's lines; UTF-8, falling back to Latin-1 for legacy dictionaries."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\x1a", "").splitlines()


def _strip_comment(line: str) -> tuple[str, str]:
    """Split off a '#' (or old KEDS ';') comment: (content, comment)."""
    cut = min((i for i in (line.find("#"), line.find(";")) if i >= 0), default=-1)
    if cut < 0:
        return line.rstrip(), ""
    return line[:cut].rstrip(), line[cut + 1 :].strip(" #;\t")


def _is_skipped(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith(("#", "<!", ";"))


def _label(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").split())


def _clean_phrase(raw: str) -> str:
    """Dictionary phrase → raw phrase text: parentheses unwrapped, an unclosed '(' cut off.

    "KOREA_(NORTH)_" means the words KOREA NORTH; "STANKO_TODOROV (ACTING_" is STANKO TODOROV.
    """
    if raw.count("(") > raw.count(")"):
        raw = raw[: raw.rfind("(")]
    return raw.replace("(", " ").replace(")", " ")


# --------------------------------------------------------------------------- actors


def parse_actor_file(
    path: str | Path, *, strict: bool = True, warnings: list[str] | None = None
) -> list[ActorEntry]:
    """Read a PETRARCH/TABARI ``.actors`` file (see the module docstring)."""
    return parse_actor_lines(_read_lines(path), str(path), strict=strict, warnings=warnings)


def parse_actor_lines(
    lines: Iterable[str],
    source: str = "<actors>",
    *,
    strict: bool = True,
    warnings: list[str] | None = None,
) -> list[ActorEntry]:
    """Parse actor-dictionary lines; ``source`` names the file in messages."""
    warn = _Warn(source, warnings)
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None

    def problem(message: str) -> None:
        if strict:
            raise warn.error(message)
        warn(f"{message}; line skipped")

    def codes_in(text: str) -> list[DatedCode] | None:
        found: list[DatedCode] = []
        for body in _BRACKETS.findall(text):
            try:
                found.append(_parse_code(body, not strict, warn))
            except ValueError as exc:
                problem(str(exc))
                return None
        return found

    for number, raw in enumerate(lines, 1):
        warn.line = number
        if _is_skipped(raw):
            continue
        content, comment = _strip_comment(raw)
        stripped = content.strip()
        if not stripped:
            continue
        if "---STOP---" in stripped:
            break
        if stripped.count("[") != stripped.count("]"):
            problem("unbalanced '[' ']'")
            continue
        if stripped.startswith("["):  # date-restricted code line
            if current is None:
                problem("code line before any actor phrase")
                continue
            leftover = _BRACKETS.sub("", stripped).strip()
            if leftover:
                problem(f"unexpected text {leftover!r} on a code line")
                continue
            codes = codes_in(stripped)
            if codes is not None:
                current.codes.extend(codes)
            continue
        if stripped.startswith("+"):  # synonym(s)
            if current is None:
                problem("synonym line before any actor phrase")
                continue
            if "[" in stripped:
                problem("codes go on their own indented line, not on a '+' synonym")
                continue
            for part in stripped.split("+"):
                key = normalize(_clean_phrase(part))
                if key and key not in current.names:
                    current.names.append(key)
            continue
        # primary phrase, possibly with inline codes
        first = stripped.find("[")
        phrase = stripped if first < 0 else stripped[:first]
        phrase = phrase.split("+")[0]
        key = normalize(_clean_phrase(phrase))
        if not key:
            problem("actor line has no phrase")
            continue
        inline = codes_in(stripped[first:]) if first >= 0 else []
        if inline is None:
            continue
        # codeless records share the codes of the next record's indented code lines; a
        # one-line record with inline codes keeps them to itself (Phoenix relies on both)
        waiting = current is not None and not current.codes and first < 0
        shared = current.codes if current is not None and waiting else []
        current = ActorEntry([key], shared, comment, _label(_clean_phrase(phrase)), number)
        current.codes.extend(inline)
        entries.append(current)

    orphans = [e for e in entries if not e.codes]
    for entry in orphans:
        warn.line = entry.line
        problem(f"actor {entry.label!r} has no code")
    return [e for e in entries if e.codes] if orphans else entries


# --------------------------------------------------------------------------- agents

_MARKER = re.compile(r"!([^!\s]+)!")
_AGENT_CODE = re.compile(r"^(?:~([A-Za-z0-9]+)|([A-Za-z0-9]+)~)$")


def _plural(phrase: str) -> str:
    """Regular English plural of the phrase's last word, as PETRARCH forms it for agents."""
    if re.search(r"(S|X|Z|CH|SH)$", phrase):
        return phrase + "ES"
    if re.search(r"[^AEIOU]Y$", phrase):
        return phrase[:-1] + "IES"
    return phrase + "S"


def parse_agent_file(
    path: str | Path, *, strict: bool = True, warnings: list[str] | None = None
) -> list[AgentEntry]:
    """Read a PETRARCH ``.agents`` file; substitution sets and plurals come out expanded."""
    return parse_agent_lines(_read_lines(path), str(path), strict=strict, warnings=warnings)


def parse_agent_lines(
    lines: Iterable[str],
    source: str = "<agents>",
    *,
    strict: bool = True,
    warnings: list[str] | None = None,
) -> list[AgentEntry]:
    """Parse agent-dictionary lines into one :class:`AgentEntry` per concrete phrase."""
    warn = _Warn(source, warnings)
    sets: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    seen: set[tuple[str, str, bool]] = set()

    def problem(message: str) -> None:
        if strict:
            raise warn.error(message)
        warn(f"{message}; line skipped")

    def add(phrase: str, code: str, prefix: bool) -> None:
        key = normalize(phrase)
        if key and (key, code, prefix) not in seen:
            seen.add((key, code, prefix))
            out.append(AgentEntry(key, code, prefix))

    for number, raw in enumerate(lines, 1):
        warn.line = number
        if _is_skipped(raw):
            continue
        content = _strip_comment(raw)[0].strip()
        if not content:
            continue
        if "=" in content and content.startswith("!"):
            m = re.match(r"^!([^!\s]+)!\s*=\s*(.*)$", content)
            items = [i.strip() for i in m[2].split(",") if i.strip()] if m else []
            if not m or not items:
                problem("substitution set must read '!NAME! = A, B, ...'")
                continue
            sets[m[1]] = items
            continue
        m = re.match(r"^([^\[\]]*)\[([^\[\]]*)\]$", content)
        if not m:
            problem("agent line must read 'PHRASE {PLURAL} [~CODE]'")
            continue
        phrase, code_text = m[1].strip(), m[2].strip()
        cm = _AGENT_CODE.match(code_text)
        if not cm:
            problem(f"agent code {code_text!r} must be '~CODE' (suffix) or 'CODE~' (prefix)")
            continue
        code, prefix = (cm[1] or cm[2]).upper(), cm[2] is not None
        plural: str | None = None
        if "{" in phrase or "}" in phrase:
            pm = re.match(r"^([^{}]*)\{([^{}]*)\}\s*$", phrase)
            if not pm:
                problem("plural must be a single trailing '{...}'")
                continue
            phrase, plural = pm[1].strip(), pm[2].strip()
        if not phrase:
            problem("agent line has no phrase")
            continue
        markers = _MARKER.findall(phrase)
        if markers:
            missing = [m for m in markers if m not in sets]
            if missing:
                problem(f"substitution set !{missing[0]}! is not defined above")
                continue
            template = _MARKER.sub("{}", phrase.replace("{", "(").replace("}", ")"))
            for choice in product(*(sets[m] for m in markers)):
                add(template.format(*choice), code, prefix)
            continue
        add(phrase, code, prefix)
        if plural is None:
            plural = _plural(normalize(phrase))
        if plural:
            add(plural, code, prefix)
    return out
