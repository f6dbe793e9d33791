"""newsdiff engine: load articles, index and search them, find shared entities and
conflicting figures, group articles into events, and read/write comparisons as YAML.

This package never imports Textual; the terminal front-end lives in the ``tui`` package.
"""

__version__ = "0.1.0"
