"""Full-text search beside the pipeline: the on-disk Whoosh index of a corpus
(:mod:`.index`), query parsing, match spans and snippets (:mod:`.query`) and the fast
term / phrase / prefix ranking path (:mod:`.ranking`), and reading a segment's files in place
(:mod:`.in_place`).

May import: :mod:`newsdiff.corpus`, :mod:`newsdiff.lexicon`, :mod:`newsdiff.records`.
Never the analysis or comparison stages.
"""
