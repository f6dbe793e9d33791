"""Storage beside the pipeline: the comparison YAML file (:mod:`.comparison_yaml`, with
its JSON Schema in ``schema/``), user notes and their W3C-style anchoring
(:mod:`.annotations`), written atomically by :mod:`newsdiff.atomic` (temp + fsync +
rename), which every layer shares.

May import: :mod:`newsdiff.corpus`, :mod:`newsdiff.lexicon`, :mod:`newsdiff.records`.
It reads a :class:`~newsdiff.comparison.compare.Comparison` by its attributes and never
imports the comparison stage.
"""
