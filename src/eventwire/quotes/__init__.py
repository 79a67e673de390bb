"""Who said what: direct and reported quotes, attributed to resolved actors, linked to events."""

from eventwire.quotes.marks import Quoted, find_quoted
from eventwire.quotes.stage import find_quotes

__all__ = ["Quoted", "find_quoted", "find_quotes"]
