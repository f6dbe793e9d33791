"""The word lists every stage reads: a small gazetteer of places, outlets, titles and
common words (:mod:`.gazetteer`) and country names with their demonyms (:mod:`.demonyms`).

Pure data and lookups. May import nothing else of newsdiff.
"""
