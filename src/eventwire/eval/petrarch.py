"""Run PETRARCH's own unit-test suite through eventwire and score the coded triples.

``shared/data/petrarch-validation`` holds the PETRARCH2 validation records (284 sentences with
the (source, target, event) codes PETRARCH produces) and the ``PETR.Validate.*`` dictionaries
they are coded against. The actors are fictional (Arnor, Gondor, ...), so the suite tests
whether *user* dictionaries drive the coder, not what spaCy or the shipped KB already know.

Scoring is exact: an expected triple is produced when some event of that sentence has the same
source code, target code and CAMEO code. PETRARCH's TreeBank ``<Parse>`` is ignored (we parse
with spaCy), as are the ``<Config>`` switches between records (``require_dyad``,
``new_actor_length``, comma limits), which eventwire has no equivalent for.

The validation verb file uses a few constructs eventwire's verb reader rejects (and one makes it
crash). Rather than report 0 %, :func:`coder_config` records every such line and codes with a
rewritten copy in which each is fixed the way PETRARCH reads it, or dropped; the score lists
them. Actor and agent files get the same treatment (offending lines commented out) should the
strict readers ever reject one; today both load as written.

Usage: ``python -m eventwire.eval.petrarch [--shared ../shared] [--failures]`` (JSON on stdout).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from eventwire.actors.dictionary import DictionaryError
from eventwire.actors.kb import KnowledgeBase, knowledge_base
from eventwire.api import extract_many
from eventwire.config import CoderConfig
from eventwire.contract import result_to_json
from eventwire.events.verb_file import parse_code
from eventwire.events.verbs import (
    VerbFileError,
    load_verbs,
    parse_verb_text,
    verb_dictionary,
)

RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"
AGENTS = "PETR.Validate.agents.txt"
VERBS = "PETR.Validate.verbs.txt"
EXPECTED_TRIPLES = 359  # EventCoding elements with source/target/event codes in RECORDS
ATTRIBUTES = ("sourcecode", "targetcode", "eventcode")


class Triple(NamedTuple):
    source: str
    target: str
    event: str

    def __str__(self) -> str:
        return f"{self.source}->{self.target} {self.event}"


@dataclass(frozen=True)
class PetrRecord:
    """One ``<Sentence>``: what PETRARCH codes for it.

    ``no_events`` covers ``noevents="True"`` and the ``error="..."`` records (dateline, bad
    parse, story/sentence discards), for which PETRARCH codes nothing. ``unimplemented`` marks
    ``sentence="false"`` records, whose comments say PETRARCH itself does not code them yet.
    """

    id: str
    date: str  # YYYY-MM-DD
    category: str
    text: str
    expected: tuple[Triple, ...]
    no_events: bool = False
    error: str | None = None
    unimplemented: bool = False


@dataclass(frozen=True)
class DictionaryProblem:
    """A dictionary line eventwire could not load as written, and what the harness did."""

    file: str
    line: int
    text: str
    reason: str
    action: str  # "rewritten: <the line as loaded>" | "dropped"


@dataclass
class CategoryScore:
    expected: int = 0
    produced: int = 0

    @property
    def pass_rate(self) -> float:
        return self.produced / self.expected if self.expected else 0.0


@dataclass
class PetrScore:
    records: int = 0
    result_lines: int = 0  # contract outputs received (one per record when the run is sound)
    expected_triples: int = 0
    produced_exactly: int = 0
    extra_triples: int = 0  # predicted (source, target, event) triples not expected
    records_with_errors: int = 0  # records whose result line carries errors
    records_all_correct: int = 0  # every expected triple produced and nothing extra
    no_event_records: int = 0
    no_event_records_clean: int = 0  # no-event records for which nothing was coded
    text_coded_triples: int = 0  # expected actors given as quoted text: not codable by design
    null_coded_triples: int = 0  # expected "---"/"---GOV"/"###" actors (require_dyad=false)
    unimplemented_triples: int = 0  # in sentence="false" records (PETRARCH does not pass them)
    categories: dict[str, CategoryScore] = field(default_factory=dict)
    dictionary_problems: list[DictionaryProblem] = field(default_factory=list)
    load_errors: list[str] = field(default_factory=list)  # what loading the files as-is raised
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return self.produced_exactly / self.expected_triples if self.expected_triples else 0.0

    def as_dict(self, failures: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "records": self.records,
            "result_lines": self.result_lines,
            "expected_triples": self.expected_triples,
            "expected_triples_ok": self.expected_triples == EXPECTED_TRIPLES,
            "produced_exactly": self.produced_exactly,
            "pass_rate": round(self.pass_rate, 4),
            "extra_triples": self.extra_triples,
            "records_all_correct": self.records_all_correct,
            "records_with_errors": self.records_with_errors,
            "no_event_records": f"{self.no_event_records_clean}/{self.no_event_records} clean",
            "text_coded_triples": self.text_coded_triples,
            "null_coded_triples": self.null_coded_triples,
            "unimplemented_triples": self.unimplemented_triples,
            "categories": {
                name: {
                    "expected": c.expected,
                    "produced": c.produced,
                    "pass_rate": round(c.pass_rate, 4) if c.expected else None,
                }
                for name, c in sorted(self.categories.items())
            },
            "load_errors": self.load_errors,
            "dictionary_problems": [asdict(p) for p in self.dictionary_problems],
        }
        if failures:
            out["failures"] = self.failures
        return out


# --------------------------------------------------------------------------- records


def validation_dir(shared: Path) -> Path:
    """The petrarch-validation folder, given the shared root (or that folder itself)."""
    for candidate in (shared / "data" / "petrarch-validation", shared / "petrarch-validation"):
        if (candidate / RECORDS).exists():
            return candidate
    if (shared / RECORDS).exists():
        return shared
    raise FileNotFoundError(f"{RECORDS} not found under {shared}")


def iter_records(path: Path) -> Iterator[PetrRecord]:
    """The ``<Sentence>`` records in file order (``<Config>`` elements are ignored)."""
    root = ET.parse(path).getroot()
    for sentence in root.iter("Sentence"):
        day = (sentence.get("date") or "").strip()
        expected: list[Triple] = []
        no_events, error = False, None
        for coding in sentence.findall("EventCoding"):
            if (coding.get("noevents") or "").strip().lower() == "true":
                no_events = True
            elif coding.get("error") is not None:
                error = coding.get("error")
            else:
                # text-coded actors stay as written, quotes included: '"INJURY TOLL"'
                codes = (coding.get(a, "").strip() for a in ATTRIBUTES)
                expected.append(Triple(*codes))
        yield PetrRecord(
            id=(sentence.get("id") or "").strip(),
            date=f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 else day,
            category=(sentence.get("category") or "").strip(),
            text=" ".join((sentence.findtext("Text") or "").split()),
            expected=tuple(expected),
            no_events=no_events or error is not None,
            error=error,
            unimplemented=(sentence.get("sentence") or "").strip().lower() == "false",
        )


# --------------------------------------------------------------------------- dictionaries


def _verb_lines_fixed(path: Path) -> tuple[str, list[DictionaryProblem]]:
    """The verb file rewritten into what ``verbs.add_file`` accepts, PETRARCH's reading kept.

    Returns the text and one problem per rewritten or dropped line (original line numbers).
    Fixes: a synset label's trailing ``_`` dropped; ``+&SYNSET`` members expanded; multi-word
    block and verb names joined with ``_``; a header's extra or non-numeric code (``[+++]``) →
    first code or ``[---]``; a pattern whose code is not numeric (``[###]``) dropped.
    """
    name = path.name
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    out: list[str] = []
    origin: list[int] = []
    problems: list[DictionaryProblem] = []

    def note(n: int, text: str, reason: str, action: str) -> None:
        problems.append(DictionaryProblem(name, n, text.strip(), reason, action))

    def emit(n: int, text: str) -> None:
        out.append(text)
        origin.append(n)

    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        body = line.split("#", 1)[0].strip()
        if not body or body.startswith("<!"):
            emit(n, raw)
            continue
        if body.startswith("&"):  # synset label
            label = body[1:].split()[0] if body[1:].split() else ""
            current = label.rstrip("_").upper()
            synsets.setdefault(current, [])
            if label.endswith("_"):
                note(
                    n,
                    raw,
                    "synset label with PETRARCH's trailing '_' connector "
                    "(patterns refer to it without the '_')",
                    f"rewritten: &{current}",
                )
                emit(n, "&" + current)
            else:
                emit(n, raw)
            continue
        if body.startswith("+") and current is not None:  # synset member
            member = body[1:].strip()
            if member.startswith("&"):
                inner = synsets.get(member[1:].rstrip("_").upper())
                if inner is None:
                    note(n, raw, "nested synset reference to an undefined synset", "dropped")
                    continue
                note(
                    n,
                    raw,
                    "nested synset member (a synset inside a synset)",
                    "rewritten: expanded to its members " + ", ".join(inner),
                )
                for word in inner:
                    synsets[current].append(word)
                    emit(n, "+" + word)
                continue
            synsets[current].append(member)
            emit(n, raw)
            continue
        current = None
        if body.startswith("---"):
            m = re.match(r"^-{3,}\s*(.*?)\s*((?:\[[^\]]*\]\s*)*)-*\s*$", body)
            words = m[1].split() if m else []
            codes = re.findall(r"\[([^\]]*)\]", m[2]) if m else []
            fixes = []
            if len(words) > 1:
                fixes.append("multi-word block name")
            if len(codes) > 1:
                fixes.append(f"{len(codes)} codes on the header (only one is allowed)")
            code = codes[0] if codes else None
            if code is not None:
                try:
                    parse_code(code)
                except ValueError:
                    fixes.append(f"non-numeric block code [{code}]")
                    code = "---"
            if fixes and words:
                fixed = f"--- {'_'.join(words)} " + (f"[{code}] " if code is not None else "")
                note(n, raw, "; ".join(fixes), f"rewritten: {fixed.strip()} ---")
                emit(n, fixed + "---")
            else:
                emit(n, raw)
            continue
        if body.startswith("-"):  # pattern
            codes = re.findall(r"\[([^\]]*)\]", body)
            reason = None
            if not codes:
                reason = (
                    "no readable [CODE] ('#' starts a comment, so [###] is cut off)"
                    if "[#" in raw
                    else "pattern without a [CODE]"
                )
            else:
                try:
                    parse_code(codes[-1])
                except ValueError:
                    reason = f"non-numeric event code [{codes[-1]}]"
            if reason:
                note(n, raw, reason, "dropped")
                continue
            emit(n, raw)  # '_' runs with synsets ("NEW_&TIETYPES_RELATIONS") parse as they are
            continue
        # a verb line: one word (phrasal verbs joined by '_'), optional {forms} and [code]
        rest = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()
        if len(rest) > 1:
            fixed = raw.replace(" ".join(rest), "_".join(rest), 1)
            note(n, raw, "multi-word verb written with spaces", f"rewritten: {fixed.strip()}")
            emit(n, fixed)
            continue
        emit(n, raw)

    # anything the reader still rejects is dropped, line by line
    text = "\n".join(out) + "\n"
    known = load_verbs()._synsets.keys()  # CAMEO.2.0's synsets, which a user file may use
    for _ in range(5):
        _raw, errors, _stats = parse_verb_text(text, name, known)
        bad = {int(e.split(":")[1]) for e in errors}
        if not bad:
            break
        kept_lines, kept_origin = [], []
        for i, (t, o) in enumerate(zip(text.splitlines(), origin, strict=False), 1):
            if i in bad:
                msg = next(e for e in errors if int(e.split(":")[1]) == i)
                note(o, lines[o - 1], msg.split(":", 2)[2].strip(), "dropped")
            else:
                kept_lines.append(t)
                kept_origin.append(o)
        text, origin = "\n".join(kept_lines) + "\n", kept_origin
    problems.sort(key=lambda p: p.line)
    return text, problems


def _strict_loadable(
    path: Path, load: Callable[[Path], None], workdir: Path, problems: list[DictionaryProblem]
) -> tuple[Path, list[str]]:
    """``path``, or a copy in ``workdir`` with each line the strict reader rejects commented
    out (one at a time: the reader stops at the first bad line)."""
    try:
        load(path)
        return path, []
    except DictionaryError as exc:
        first = f"{path.name}: {type(exc).__name__}: {exc}"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    copy = workdir / ("fixed." + path.name)
    for _ in range(len(lines)):
        copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            load(copy)
            return copy, [first]
        except DictionaryError as exc:
            m = re.match(r":(\d+): (.*)$", str(exc)[len(str(copy)) :], re.DOTALL)
            n = int(m[1]) if m else 0
            if not 0 < n <= len(lines) or lines[n - 1].startswith("#"):
                raise
            problems.append(
                DictionaryProblem(
                    path.name, n, lines[n - 1].strip(), m[2] if m else str(exc), "dropped"
                )
            )
            lines[n - 1] = "# " + lines[n - 1]
    raise DictionaryError(f"{path}: could not make a loadable copy")


def coder_config(
    vdir: Path, workdir: Path
) -> tuple[CoderConfig, list[str], list[DictionaryProblem]]:
    """The suite's CoderConfig, plus what loading the validation files as written raised and
    every line the harness had to fix or drop to load them (copies go in ``workdir``)."""
    problems: list[DictionaryProblem] = []
    actors, actor_errors = _strict_loadable(
        vdir / ACTORS, lambda p: KnowledgeBase().add_dictionary(p), workdir, problems
    )
    agents, agent_errors = _strict_loadable(
        vdir / AGENTS, lambda p: KnowledgeBase().add_agents(p), workdir, problems
    )
    load_errors = actor_errors + agent_errors
    verbs = vdir / VERBS
    try:
        load_verbs().copy().add_file(verbs)
    except Exception as exc:  # a crash is a finding too (KeyError today)
        detail = "; ".join(exc.errors) if isinstance(exc, VerbFileError) else repr(exc)
        load_errors.append(f"{VERBS}: verbs.add_file raised {type(exc).__name__}: {detail}")
        text, verb_problems = _verb_lines_fixed(verbs)
        problems.extend(verb_problems)
        verbs = workdir / ("fixed." + VERBS)
        verbs.write_text(text, encoding="utf-8")
    config = CoderConfig(  # the suite's Environment names only its own dictionaries
        actor_files=(str(actors),),
        agent_files=(str(agents),),
        verb_files=(str(verbs),),
        discard_files=(str(vdir / "PETR.Validate.discards.txt"),),
        shipped_dictionaries=False,
        petrarch_compat=True,
        coder="dictionary",  # PETRARCH's suite measures the pattern coder
    )
    knowledge_base(config)  # build both now: a failure here is the harness's, not a record's
    verb_dictionary(config)
    return config, load_errors, problems


# --------------------------------------------------------------------------- scoring


def _triple(event: dict[str, Any]) -> Triple:
    def code(actor: dict[str, Any] | None) -> str:
        return str((actor or {}).get("code") or "---")  # PETRARCH writes a missing actor ---

    return Triple(code(event.get("source")), code(event.get("target")), str(event["cameo"]))


def _null(code: str) -> bool:
    """PETRARCH's codes for an actor phrase it could not code ("---", "---GOV", "###")."""
    return code.startswith(("---", "###"))


def score(
    records: Sequence[PetrRecord],
    outputs: Sequence[dict[str, Any]],
    load_errors: Sequence[str] = (),
    problems: Sequence[DictionaryProblem] = (),
) -> PetrScore:
    """Exact-triple scoring of contract outputs (one per record, same order; ``result_lines``
    says how many there were, so a short run shows up instead of raising)."""
    result = PetrScore(
        records=len(records),
        result_lines=len(outputs),
        load_errors=list(load_errors),
        dictionary_problems=list(problems),
    )
    for record, output in zip(records, outputs, strict=False):
        predicted = [_triple(e) for e in output.get("events") or []]
        produced = set(predicted)
        expected = set(record.expected)
        category = result.categories.setdefault(record.category, CategoryScore())
        hits = [t for t in record.expected if t in produced]
        misses = [t for t in record.expected if t not in produced]
        extras = [t for t in predicted if t not in expected]
        result.expected_triples += len(record.expected)
        result.produced_exactly += len(hits)
        result.extra_triples += len(extras)
        category.expected += len(record.expected)
        category.produced += len(hits)
        result.text_coded_triples += sum('"' in t.source + t.target for t in record.expected)
        result.null_coded_triples += sum(
            _null(t.source) or _null(t.target) for t in record.expected
        )
        if record.unimplemented:
            result.unimplemented_triples += len(record.expected)
        if output.get("errors"):
            result.records_with_errors += 1
        if record.no_events:
            result.no_event_records += 1
            result.no_event_records_clean += not predicted
        if not misses and not extras:
            result.records_all_correct += 1
        else:
            result.failures.append(
                {
                    "id": record.id,
                    "category": record.category,
                    "date": record.date,
                    "text": record.text,
                    "missing": [str(t) for t in misses],
                    "extra": [str(t) for t in extras],
                    "predicted": [str(t) for t in predicted],
                    "no_events": record.no_events,
                    "errors": list(output.get("errors") or []),
                }
            )
    return result


def run_records(records: Sequence[PetrRecord], config: CoderConfig) -> list[dict[str, Any]]:
    """Contract outputs for the records, through the public API with default options (so a
    record the ingest stage refuses, e.g. as not English, shows up as an error line)."""
    inputs = [{"id": r.id, "text": r.text, "published": r.date} for r in records]
    return [result_to_json(res) for res in extract_many(inputs, config=config)]


def evaluate(shared: Path) -> PetrScore:
    """Load the validation dictionaries, code every record, score exact triples."""
    vdir = validation_dir(Path(shared))
    records = list(iter_records(vdir / RECORDS))
    with tempfile.TemporaryDirectory(prefix="eventwire-petr-") as tmp:
        config, load_errors, problems = coder_config(vdir, Path(tmp))
        outputs = run_records(records, config)
    return score(records, outputs, load_errors, problems)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventwire.eval.petrarch", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--shared", default="../shared", help="the shared data folder")
    parser.add_argument("--failures", action="store_true", help="list every failing record")
    args = parser.parse_args(argv)
    result = evaluate(Path(args.shared))
    json.dump(result.as_dict(failures=args.failures), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
