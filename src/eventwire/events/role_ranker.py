"""Learned choice of an event's source and target among the sentence's actor phrases.

The role rules (``roles``, ``extract.slot_roles``) read the predicate's slots; on real news the
parse often puts the actor elsewhere ("… said the army, which shelled the town", a subject two
clauses up, a target behind a preposition the rules do not read). For each role, the ranker
scores every actor phrase of the sentence and "nobody", and takes the best: the rules' choice
is one feature among the phrase's dependency path, position, preposition and actor kind.
Weights come from ``tools/train_roles.py`` and ship as package data; inference is NumPy only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from eventwire.actors.found import ActorRef, ArticleActors
from eventwire.actors.phrases import armed_agent, held_position
from eventwire.events.classify import ModelError
from eventwire.events.hashed import feature_indices
from eventwire.events.roles import CLAUSE_DEPS, loose_ref, ref_of
from eventwire.lexicon import names_a_day
from eventwire.model import Actor

MODEL_DIR = "data/coder"
Country = Callable[[str], str | None]  # a demonym's ISO3 code ("Syrian" → "SYR")
Agent = Callable[[str], str | None]  # an agent word's code ("terrorist" → "UAF")
ROLES = ("source", "target")
MAX_PATH = 4  # dependency steps kept on each side of the path


@dataclass
class RoleChoice:
    sources: list[ActorRef]
    targets: list[ActorRef]


MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
CIVILIAN_SECTORS = {None, "REF", "CVL", "PPL", "HRI", "MED", "EDU", "HLH", "BUS", "NGO"}


def phrases(
    sent: Span,
    found: ArticleActors,
    ruled: list[ActorRef],
    role_words: frozenset[str] | None = None,
    predicate: Token | None = None,
    country: Country | None = None,
    agent: Agent | None = None,
) -> list[ActorRef]:
    """Every actor phrase of the sentence (coded, or a named person, group or people), one per
    head, with the rules' own choices (which may be an antecedent). The predicate is never a
    phrase of its own; its named modifiers always are ("Syrian air strikes": who fires), its
    other modifiers when they are role words ("rebel fire", never "air"), ``country`` codes a
    nationality ("Syrian" → SYR), and ``agent`` says which adjectives name an armed group
    ("terrorist rocket attacks", never "armed attacks")."""
    refs: dict[int, ActorRef] = {}
    owned = found.at(predicate) if predicate is not None else None
    for token in sent:
        if token.is_punct or (predicate is not None and token.i == predicate.i):
            continue
        modifier = predicate is not None and _modifies(token, predicate)
        ref = ref_of(token, found)
        if ref is None or ref.actor.code is None:
            named = bool(token.ent_type_) or token.pos_ == "PROPN"
            # the act's own named modifier ("Syrian air strikes", "Hezbollah fire") always is
            # a phrase; a common word only when it heads roles ("rebel fire", not "air")
            words = None if modifier and named and token.dep_ in MODIFIER_DEPS else role_words
            ref = loose_ref(token, found) or ref or _phrase(token, words, country, agent)
            if modifier and ref is not None:
                ref = _owner_of_means(ref, owned)
        if ref is not None and _dated_head(sent.doc[ref.head]):
            continue  # "Mon Jun 20 2016 Daesh …": a dateline the parse made the phrase's head
        if ref is not None and ref.head == token.i and ref.head not in refs:
            refs[ref.head] = ref
    # a word inside a longer phrase is not a phrase of its own ("Sergey" in "Foreign
    # Minister Sergey Lavrov"), unless it names an actor the longer phrase does not
    inside_coded = {
        i for r in refs.values() if r.actor.code for i in range(r.start, r.end) if i != r.head
    }
    inside = {i for r in refs.values() for i in range(r.start, r.end) if i != r.head}
    out = {
        h: r
        for h, r in refs.items()
        if h not in inside_coded and (r.actor.code is not None or h not in inside)
    }
    for ref in ruled:
        out.setdefault(ref.head, ref)
    return [out[k] for k in sorted(out)]


def _modifies(token: Token, predicate: Token) -> bool:
    """The predicate's own modifier, or one on its compound ("Regime air strikes": "Regime"
    hangs on "air", which hangs on "strikes")."""
    head = token.head
    if head.i == predicate.i:
        return True
    return token.dep_ in MODIFIER_DEPS and head.dep_ == "compound" and head.head.i == predicate.i


def _owner_of_means(ref: ActorRef, means: ActorRef | None) -> ActorRef:
    """The act's modifier that heads roles takes the owner the resolver found for the act's
    means ("Syria regime strike" is SYRMIL's, so its "regime" is SYRMIL; "Russian air strikes"
    are RUSMIL's, so their "Russian" is RUSMIL, not the bare state). A modifier coded as
    anything else (another state, an agency) keeps its own code."""
    if means is None or means.how != "instrument" or not means.actor.code:
        return ref
    if ref.actor.code is not None and ref.actor.code != means.actor.country:
        return ref
    a = means.actor
    actor = Actor(ref.actor.text, a.code, a.country, a.sector, a.name)
    return ActorRef(ref.head, ref.start, ref.end, actor, "instrument")


def _dated_head(head: Token) -> bool:
    """A month or weekday beside a number or another calendar word ("Jun 20", "Mon Jun"):
    a date, whatever the tagger made of it; "Theresa May said" is a name."""
    if not names_a_day([head.text]) or head.like_num:
        return False
    doc = head.doc
    around = [doc[i] for i in (head.i - 1, head.i + 1) if 0 <= i < len(doc)]
    return any(t.like_num or names_a_day([t.text]) for t in around)


NOMINAL_DEPS = {
    "nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "attr", "compound",
    "npadvmod", "poss", "ROOT",
}  # fmt: skip


def phrase_key(token: Token) -> str | None:
    """What decides whether an uncoded word may head a role phrase: its lemma for a common
    noun, its kind for a name, a number or a nationality."""
    if token.dep_ == "amod" and token.ent_type_ == "NORP":
        return "#norp"
    if token.ent_type_ in WHEN_AND_HOW_MUCH:
        return None  # "overnight clashes", "the 2011 uprising"
    if token.dep_ == "amod" and token.pos_ == "ADJ":  # "terrorist rocket attacks"
        return token.lemma_.lower()
    if token.dep_ not in NOMINAL_DEPS:
        return None
    return {"NOUN": token.lemma_.lower(), "PROPN": "#propn", "NUM": "#num"}.get(token.pos_)


# named entities that say when or how much, never who: "blaming the group Friday"
WHEN_AND_HOW_MUCH = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


def _phrase(
    token: Token,
    role_words: frozenset[str] | None,
    country: Country | None = None,
    agent: Agent | None = None,
) -> ActorRef | None:
    """A noun phrase the dictionaries do not know ("regime helicopters", "150 villagers",
    "Daesh"), a nationality or country ("Russian" jets, "US" jets), or an adjective that names
    an armed group (``agent``: "terrorist" rocket attacks, where no country codes it): the
    ranker may still find it is who acts. Only words that head roles in the training data
    (``role_words``) qualify: never "settlement" or "talks"."""
    key = phrase_key(token)
    if key is None or (role_words is not None and key not in role_words):
        return None
    if token.pos_ == "ADJ" and key[0] != "#" and not (agent and armed_agent(agent(token.text))):
        return None  # "armed attacks", "rival factions": no group of their own
    if key == "#num" and _counts_things(token, role_words):
        return None  # "one of such steps": a number of things, not of people
    doc = token.doc
    start = token.i
    if token.dep_ not in {"compound", "amod"}:  # its own modifiers, never a clause before it
        while (
            start > 0
            and token.is_ancestor(doc[start - 1])
            and doc[start - 1].pos_ not in {"VERB", "AUX", "ADP", "PUNCT", "SCONJ", "CCONJ", "PRON"}
        ):
            start -= 1
    while start < token.i and doc[start].pos_ == "DET":
        start += 1
    while start > 0 and _joined_word(doc[start - 1]):  # the whole of "Hezb-e-Islami"
        start -= 1
    if _in_dateline(doc[start : token.i + 1]):
        return None  # "Thu Dec 15 2016 At Least 48 Killed …": a dateline, not who
    text = doc[start : token.i + 1].text
    named_country = key == "#norp" or token.ent_type_ == "GPE"  # "Russian" jets, "US" jets
    iso3 = country(token.text) if country is not None and named_country else None
    return ActorRef(token.i, start, token.i + 1, Actor(text, iso3, iso3), "phrase")


def _in_dateline(words: Span) -> bool:
    """Words that are all months, weekdays or numbers, with a month or weekday among them or
    beside them ("Thu Dec 15 2016"); a bare number alone is whom an act hits ("killing 43",
    the guideline's bare number of people), not a date."""
    if not names_a_day([t.text for t in words]):
        return False
    doc = words.doc
    run = [*words]
    for step in (-1, 1):  # the calendar words and numbers the phrase stands in
        i = words.start - 1 if step < 0 else words.end
        while 0 <= i < len(doc) and names_a_day([doc[i].text]):
            run.append(doc[i])
            i += step
    return any(t.is_alpha for t in run)  # a month or weekday: the rest are numbers


def _joined_word(token: Token) -> bool:
    """A piece of a hyphenated name written with no space before the next piece."""
    return not token.whitespace_ and (token.text in {"-", "–"} or token.is_alpha)


def _counts_things(number: Token, role_words: frozenset[str] | None) -> bool:
    """ "One of such steps", "two of the proposals": what the number counts (its "of") is
    not a word that heads roles, so the number is no one."""
    for prep in (c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            key = phrase_key(pobj)
            return key is None or (role_words is not None and key not in role_words)
    return False


def _chain(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def dependency_path(predicate: Token, head: Token) -> tuple[str, str, str]:
    """(the phrase's steps up to the meeting point, the predicate's steps up to it, the
    prepositions passed): "nsubj|" is the predicate's own subject."""
    up = _chain(head)
    pred_chain = _chain(predicate)
    at = {t.i: k for k, t in enumerate(pred_chain)}
    k_up = next((k for k, t in enumerate(up) if t.i in at), len(up) - 1)
    k_pred = at.get(up[k_up].i, len(pred_chain) - 1)
    phrase_steps = [t.dep_ for t in up[:k_up]][:MAX_PATH]
    pred_steps = [t.dep_ for t in pred_chain[:k_pred]][:MAX_PATH]
    preps = [t.lower_ for t in up[:k_up] if t.dep_ in {"prep", "agent", "dative"}]
    return "/".join(phrase_steps), "/".join(pred_steps), "/".join(preps[:2])


def _distance(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "far"


def _reach(pred_chain: list[Token], head: Token) -> tuple[int, int, int]:
    """(steps from the phrase up to where it meets ``pred_chain``, the predicate's, clauses and
    conjuncts passed on the phrase's way up, and on the predicate's; counting a list's members
    as conjuncts measured better than counting only verbs'): the kept path is cut at
    ``MAX_PATH`` steps, and a phrase deep in a purpose or relative clause ("in a bid to
    advance towards a region vital to Assad's control", "bases used by the group") is rarely
    the act's source or target, while a predicate inside a reported clause ("the Pentagon
    said it hit …") keeps the speaker's subject above it."""
    up = _chain(head)
    at = {t.i: k for k, t in enumerate(pred_chain)}
    k_up = next((k for k, t in enumerate(up) if t.i in at), len(up) - 1)
    below = pred_chain[: at.get(up[k_up].i, 0)]
    return (
        k_up,
        sum(t.dep_ in CLAUSE_DEPS for t in up[:k_up]),
        sum(t.dep_ in CLAUSE_DEPS for t in below),
    )


def candidate_rows(
    predicate: Token,
    root: str,
    candidates: list[ActorRef],
    ruled_sources: set[int],
    ruled_targets: set[int],
    places: set[int],
) -> list[list[str]]:
    """Each phrase's features, with where it stands among the others: the nearest phrase
    (or coded actor) on its side of the predicate, the second, the rest; how deep it sits."""
    order: dict[int, str] = {}
    coded_order: dict[int, str] = {}
    for before in (True, False):
        on_side = sorted(
            (r for r in candidates if (r.head < predicate.i) == before),
            key=lambda r: abs(r.head - predicate.i),
        )
        for k, r in enumerate(on_side):
            order[r.head] = str(min(k + 1, 3))
        for k, r in enumerate(x for x in on_side if x.actor.code):
            coded_order[r.head] = str(min(k + 1, 3))
    pred_chain = _chain(predicate)  # once for all the phrases
    rows = []
    for ref in candidates:
        row = features(predicate, root, ref, ruled_sources, ruled_targets, ref.head in places)
        steps, up, down = _reach(pred_chain, predicate.doc[ref.head])
        clauses = f"{min(up, 2)}|{min(down, 2)}"
        side = "before" if ref.head < predicate.i else "after"
        row += [
            f"near={side}|{order[ref.head]}",
            f"nearc={side}|{coded_order.get(ref.head, '-')}",
            f"rnear={root}|{side}|{order[ref.head]}",
            f"steps={_distance(steps)}",
            f"clauses={clauses}",
            f"rclauses={root}|{side}|{clauses}",
        ]
        rows.append(row)
    return rows


def features(
    predicate: Token,
    root: str,
    ref: ActorRef,
    ruled_sources: set[int],
    ruled_targets: set[int],
    place: bool,
) -> list[str]:
    """Sparse string features of one phrase as a role of one predicate of root ``root``."""
    doc = predicate.doc
    head = doc[ref.head]
    up, down, preps = dependency_path(predicate, head)
    path = f"{up}|{down}"
    side = "before" if ref.head < predicate.i else "after"
    kind = "coded" if ref.actor.code else "pron" if head.pos_ == "PRON" else "named"
    rule = "rs" if ref.head in ruled_sources else "rt" if ref.head in ruled_targets else "r-"
    ruled = f"{'S' if ruled_sources else '-'}{'T' if ruled_targets else '-'}"
    pos = "noun" if predicate.pos_ in {"NOUN", "PROPN"} else "verb"
    lemma = predicate.lemma_.lower()
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in predicate.children)
    own = any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "agent"} for c in predicate.children)
    f = [
        "bias",
        f"path={path}",
        f"up={up}",
        f"down={down}",
        f"prep={preps}",
        f"side={side}",
        f"dist={_distance(abs(ref.head - predicate.i))}",
        f"kind={kind}",
        f"how={ref.how}",
        f"sec={ref.actor.sector or '-'}",
        f"ent={head.ent_type_ or '-'}",
        f"hl={head.lemma_.lower()}",
        f"rhl={root}|{head.lemma_.lower()}",
        f"hdep={head.dep_}",
        f"place={place}",
        f"rule={rule}",
        f"ruled={ruled}|{rule}",
        f"root={root}|{rule}",
        f"rp={root}|{path}",
        f"rprep={root}|{preps}|{side}",
        f"lpath={lemma}|{path}",
        f"lprep={lemma}|{preps}",
        f"pos={pos}|{path}",
        f"pass={passive}|{path}",
        f"rule+path={rule}|{path}",
        f"kind+path={kind}|{path}",
        f"rs={root}|{side}|{kind}",
        f"own={own}|{path}",
        f"own={own}|{up}|{rule}",
    ]
    f += _words_around(predicate, lemma, root, ref, head, side, kind, preps)
    if head.i == predicate.i or predicate.is_ancestor(head):  # in its subtree
        f.append("under")
    if root in {"18", "19", "20"} and place:
        f.append(f"force-place={rule}")
    return f


def _word(sent: Span, i: int) -> str:
    """The lower-cased word at ``i`` (a document index), or the sentence's edge past it."""
    return sent.doc[i].lower_ if sent.start <= i < sent.end else "<s>" if i < sent.start else "</s>"


def _words_around(
    predicate: Token,
    lemma: str,
    root: str,
    ref: ActorRef,
    head: Token,
    side: str,
    kind: str,
    preps: str,
) -> list[str]:
    """The words just before and after the phrase ("fired *on* the convoy", "*by* the army",
    "the army *said*"), the word after the predicate ("called *on*"), and the predicate's
    ``lemma`` with the phrase's head: where the parse goes wrong, the words beside a phrase still
    say much of its role (5-fold on our real sentences: both roles right 0.648 → 0.668)."""
    sent = predicate.sent
    before, after = _word(sent, ref.start - 1), _word(sent, ref.end)
    following = _word(sent, predicate.i + 1)
    return [
        f"lhl={lemma}|{head.lemma_.lower()}",
        f"prev={before}",
        f"rprev={root}|{before}|{side}",
        f"next={after}",
        f"rnext={root}|{after}|{side}",
        f"prev2={_word(sent, ref.start - 2)}|{before}",
        f"next2={after}|{_word(sent, ref.end + 1)}",
        f"kprev={kind}|{before}|{side}",
        f"pnext={following}|{side}|{preps}",
        f"lpn={lemma}|{following}|{side}",
    ]


def null_features(
    predicate: Token,
    root: str,
    candidates: list[ActorRef],
    ruled_sources: set[int],
    ruled_targets: set[int],
) -> list[str]:
    """Features of "nobody" as the role, which competes with every phrase: whether this
    predicate and root usually name the role, whether the rules found one, and whether any
    coded actor stands on either side."""
    ruled = f"{'S' if ruled_sources else '-'}{'T' if ruled_targets else '-'}"
    coded = [r.head for r in candidates if r.actor.code]
    return [
        "null",
        f"null|root={root}",
        f"null|lemma={predicate.lemma_.lower()}",
        f"null|ruled={ruled}",
        f"null|cb={any(h < predicate.i for h in coded)}",
        f"null|ca={any(h > predicate.i for h in coded)}",
        f"null|rr={root}|{ruled}",
    ]


def pick(
    source: np.ndarray,
    target: np.ndarray,
    barred: set[int],
    codes: list[str | None] | None = None,
    barred_sources: set[int] | None = None,
) -> tuple[int | None, int | None]:
    """The source and the target (phrase indices; None: nobody) from each role's scores over
    [nobody, phrase 0, phrase 1, …]. The source's phrase and ``barred`` phrases are never
    the target, nor, given the phrases' actor ``codes``, a phrase coded as the source is
    ("Cavusoglu criticized what he called …": "he" is Cavusoglu); ``barred_sources`` are
    never the source."""
    source = source.astype(np.float64)
    for k in barred_sources or ():
        source[k + 1] = -np.inf
    best_s = int(source.argmax()) - 1
    chosen = best_s if best_s >= 0 else None
    t_scores = target.astype(np.float64)
    same: set[int] = set()
    if chosen is not None and codes is not None and codes[chosen] is not None:
        same = {k for k, code in enumerate(codes) if code == codes[chosen]}
    for k in barred | same | ({chosen} if chosen is not None else set()):
        t_scores[k + 1] = -np.inf
    best_t = int(t_scores.argmax()) - 1
    return chosen, best_t if best_t >= 0 else None


class RoleRanker:
    """A listwise ranker: for each role, one score per phrase and one for "nobody", the
    likeliest taken (trained as a softmax over the sentence's phrases, so a phrase wins by
    beating the others, not by clearing a fixed bar). Weights only for the hashed features
    that training saw (``rows``)."""

    def __init__(self, folder: Path) -> None:
        try:
            meta = json.loads((folder / "roles.json").read_text(encoding="utf-8"))
            arrays = np.load(folder / "roles.npz")
            self.bits: int = meta["hash_bits"]
            self.roles: list[str] = meta["roles"]
            self.role_words = frozenset(meta["role_words"])
            rows = arrays["rows"]
            self.w = arrays["w"].astype(np.float32)
        except (OSError, ValueError, KeyError) as err:
            raise ModelError(f"cannot load the role model from {folder}: {err}") from err
        self.slot = np.full(1 << self.bits, -1, dtype=np.int32)
        self.slot[rows] = np.arange(len(rows), dtype=np.int32)

    def scores(self, rows: list[list[str]]) -> np.ndarray:
        """One row per feature list, one column per role (``self.roles``)."""
        idx = [s[s >= 0] for s in (self.slot[feature_indices(f, self.bits)] for f in rows)]
        return np.stack([self.w[i].sum(axis=0) for i in idx])

    def choose(
        self,
        predicate: Token,
        root: str,
        candidates: list[ActorRef],
        ruled_sources: list[ActorRef],
        ruled_targets: list[ActorRef],
        places: set[int],
        no_places: bool = False,
        not_targets: Collection[int] = (),
        not_sources: Collection[int] = (),
    ) -> RoleChoice:
        """The likeliest source and target phrases, "nobody" competing with each; a phrase
        is never both, nor is the source's own actor the target, with ``no_places`` a
        place is never the target (an act of force hits people, not the town where it
        happens), a phrase holding one of the tokens ``not_targets`` is never the target (who
        reports the act: "…, the Pentagon said"; where it happens: "in western Syria"), and
        one whose head is in ``not_sources`` never the source (its victims)."""
        if not candidates:
            return RoleChoice([], [])
        rs = {r.head for r in ruled_sources}
        rt = {r.head for r in ruled_targets}
        rows = [null_features(predicate, root, candidates, rs, rt)]
        rows += candidate_rows(predicate, root, candidates, rs, rt, places)
        # a military place its armed owner is named with ("PKK camps", "ISIL strongholds") is
        # theirs: the owner is hit (the guideline's places rule); a town or area is not
        held = {
            r.head
            for r in candidates
            if r.how == "owned"
            and r.actor.sector not in CIVILIAN_SECTORS
            and held_position(predicate.doc[r.head])
        }
        barred = (
            {k for k, r in enumerate(candidates) if r.head in places - held} if no_places else set()
        )
        barred |= {k for k, r in enumerate(candidates) if r.holds_any(not_targets)}
        scored = self.scores(rows)
        codes = [r.actor.code for r in candidates]
        s, t = pick(
            scored[:, self.roles.index("source")],
            scored[:, self.roles.index("target")],
            barred,
            codes,
            {k for k, r in enumerate(candidates) if r.head in not_sources},
        )
        return RoleChoice(
            [candidates[s]] if s is not None else [], [candidates[t]] if t is not None else []
        )


@cache
def load_ranker(folder: str | None = None) -> RoleRanker:
    """The shipped role model (or one in ``folder``), loaded once per process."""
    path = Path(folder) if folder else Path(str(resources.files("eventwire") / MODEL_DIR))
    return RoleRanker(path)
