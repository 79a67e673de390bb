"""Deduplication: near-duplicate articles grouped into stories, coded events into event groups."""
