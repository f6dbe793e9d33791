"""Full-text search beside the pipeline: the on-disk Whoosh index of a corpus
(:mod:`.index`), query parsing, match spans and snippets (:mod:`.query`) and the fast
term / phrase / prefix ranking path (:mod:`.ranking`) with what it reads: postings block by
block (:mod:`.blocks`) and each segment's frequency file (:mod:`.frequencies`); reading a
segment's files in place (:mod:`.in_place`) and writing new segments (:mod:`.building`).

May import: :mod:`newsdiff.corpus`, :mod:`newsdiff.lexicon`, :mod:`newsdiff.records`.
Never the analysis or comparison stages.
"""
