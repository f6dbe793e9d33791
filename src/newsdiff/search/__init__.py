"""Full-text search beside the pipeline: the on-disk Whoosh index of a corpus
(:mod:`.index`), query parsing, match spans and snippets (:mod:`.query`) and the fast
term / phrase / prefix ranking path (:mod:`.ranking`).

May import: :mod:`newsdiff.corpus`, :mod:`newsdiff.lexicon`, :mod:`newsdiff.records`.
Never the analysis or comparison stages.
"""
