"""Events stage: CAMEO/PLOVER ontology, verb dictionary, event extraction."""
