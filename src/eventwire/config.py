"""How to code: user dictionaries and policy switches, passed to every stage.

A frozen dataclass so that it pickles to worker processes and keys the caches of the
resources each stage builds from it (``actors.kb.knowledge_base``, ``events.verbs.
verb_dictionary``, ``events.discards.discards``: each built once per process). It sits at the
bottom of the layers and imports no stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.conventions import Conventions, conventions


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

    @property
    def conventions(self) -> Conventions:
        """eventwire's coding conventions, or PETRARCH's with ``petrarch_compat``."""
        return conventions(self.petrarch_compat)


DEFAULT = CoderConfig()
