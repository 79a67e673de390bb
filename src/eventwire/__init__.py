"""eventwire: political event data from news — who did what to whom, when and where.

Python API::

    import eventwire
    result = eventwire.extract(text, published="2015-08-11", title=..., source=...)
    for result in eventwire.extract_many(records): ...
    with eventwire.Store("eventwire.db") as store:
        eventwire.ingest(store, ["news/"])
        store.articles(search="Lavrov")
"""

from eventwire._version import __version__
from eventwire.api import extract, extract_many
from eventwire.config import CoderConfig
from eventwire.contract import result_to_json
from eventwire.jobs import ingest
from eventwire.model import (
    Actor,
    Article,
    ArticleResult,
    Event,
    Location,
    Mention,
    Plover,
    Quote,
    Sentence,
)
from eventwire.store import Store

__all__ = [
    "Actor",
    "Article",
    "ArticleResult",
    "CoderConfig",
    "Event",
    "Location",
    "Mention",
    "Plover",
    "Quote",
    "Sentence",
    "Store",
    "__version__",
    "extract",
    "extract_many",
    "ingest",
    "result_to_json",
]
