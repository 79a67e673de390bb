"""Scorers for the gold sets (seed events; later dates, places, quotes)."""
