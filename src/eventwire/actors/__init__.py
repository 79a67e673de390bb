"""Actors stage: knowledge base, mention matching, in-article resolution."""
