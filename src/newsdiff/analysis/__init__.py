"""Stage 2 — analysis of one article at a time.

:func:`.document.analyse` splits an article into sentences and finds its entity mentions
once, into an :class:`~newsdiff.analysis.document.AnalysedArticle` that every later step
reads: figures (:mod:`.figures`, with :mod:`.numbers` and :mod:`.units`), each figure's
frame — what it counts, what happened to it, whose, when, where, in what role
(:mod:`.frames`) —, attribution (:mod:`.attribution`), the day an article reports from
(:mod:`.dates`) and, across the articles of an event, alias resolution (:mod:`.aliases`).
Mentions come from :mod:`.mentions`; sentences from :mod:`.sentences`; wire copies
from :mod:`.copies`, grouped (as event grouping's candidates are) by :mod:`.linked`.
:mod:`.memo` keeps each article's record and figures, so a text is analysed once per process.

May import: :mod:`newsdiff.corpus`, :mod:`newsdiff.lexicon`, :mod:`newsdiff.records`.
"""
