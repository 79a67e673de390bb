"""How to code: user dictionaries and policy switches, passed to every stage.

A frozen dataclass so that it pickles to worker processes and keys the cache of
knowledge bases and verb dictionaries built from it (each is built once per process).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.actors.kb import KnowledgeBase, fresh_kb, load_kb
from eventwire.events.discards import Discards, load_discards
from eventwire.events.verbs import VerbDictionary, load_verbs


@dataclass(frozen=True)
class CoderConfig:
    actor_files: tuple[str, ...] = ()  # PETRARCH-format actor dictionaries (--actors)
    agent_files: tuple[str, ...] = ()  # PETRARCH-format agent dictionaries (--agents)
    verb_files: tuple[str, ...] = ()  # PETRARCH-format verb dictionaries (--verbs)
    discard_files: tuple[str, ...] = ()  # PETRARCH-format discard lists (--discards)
    allow_missing_target: bool = False  # code events whose target is not an actor
    shipped_dictionaries: bool = True  # False: only the user's files (a PETRARCH environment)
    petrarch_compat: bool = False  # PETRARCH's conventions where they differ (see README)
    coder: str = "learned"  # learned (the trained model decides) | dictionary (patterns only)
    model: str | None = None  # a folder with another trained model (tools/train_coder.py)


DEFAULT = CoderConfig()


@lru_cache(maxsize=8)
def knowledge_base(config: CoderConfig = DEFAULT) -> KnowledgeBase:
    if config.shipped_dictionaries and not config.actor_files and not config.agent_files:
        return load_kb()
    kb = fresh_kb() if config.shipped_dictionaries else KnowledgeBase()
    for path in config.actor_files:
        kb.add_dictionary(path)
    for path in config.agent_files:
        kb.add_agents(path)
    return kb


@lru_cache(maxsize=8)
def verb_dictionary(config: CoderConfig = DEFAULT) -> VerbDictionary:
    if config.shipped_dictionaries and not config.verb_files:
        return load_verbs()
    verbs = load_verbs().copy() if config.shipped_dictionaries else VerbDictionary()
    for path in config.verb_files:
        verbs.add_file(path)
    return verbs


@lru_cache(maxsize=8)
def discards(config: CoderConfig = DEFAULT) -> Discards:
    if config.shipped_dictionaries and not config.discard_files:
        return load_discards()
    found = load_discards().copy() if config.shipped_dictionaries else Discards()
    for path in config.discard_files:
        found.add_file(path)
    return found


def check_coder(config: CoderConfig = DEFAULT) -> None:
    """Load the learned coder's model (and encoder) now, so a bad install fails up front with
    a clear message rather than in the middle of a batch."""
    if config.coder == "dictionary":
        return
    if config.coder != "learned":
        raise ValueError(f"unknown coder {config.coder!r}; expected learned or dictionary")
    from eventwire.events.classify import load_classifier
    from eventwire.events.encoder import load_encoder

    model = load_classifier(config.model)
    if model.encoder:
        load_encoder(model.encoder)
