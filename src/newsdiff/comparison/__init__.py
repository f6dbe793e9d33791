"""Stage 3 — comparison across articles: group a pile into events (:mod:`.events`), align
the analysed articles' figures into claims with verdicts (:mod:`.claims`) and put one
event's comparison together (:mod:`.compare`, the entry point the CLI and the app call).

May import: :mod:`newsdiff.analysis`, :mod:`newsdiff.corpus`, :mod:`newsdiff.lexicon`,
:mod:`newsdiff.records`.
"""
