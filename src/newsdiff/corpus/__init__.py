"""Stage 1 — the corpus: files in, :class:`~newsdiff.corpus.articles.Article` records out.

Reads article files (``.txt``, ``.md`` with front matter, ``.json``, ``.jsonl``), decodes
them, makes untrusted text safe to show (:mod:`.textsafe`), finds the bundled seeds and
themes (:mod:`.paths`), and loads a command's corpus with one-line warnings and errors
(:mod:`.loading`, shared by the command line and the app's launcher). Each file's
records are kept by its stat (:mod:`.file_cache`), and the pile's names and stats as a
whole (:mod:`.listing`), so an unchanged pile is known from its stats alone; the app
opens such a pile from one snapshot of its articles' fields (:mod:`.snapshot`).

May import: :mod:`newsdiff.lexicon` and :mod:`newsdiff.records` only.
"""
