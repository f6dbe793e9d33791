"""Time newsdiff as ``pip install .`` leaves it: with every module's bytecode on disk.

pip compiles the package when it installs it. An editable install (``pip install -e``)
run with ``$PYTHONDONTWRITEBYTECODE`` set (as on the development machine) never writes
any, so every command compiles each of its modules again, adding 0.1-0.2 s to a cold
start. The benchmarks that time cold starts call :func:`compile_as_installed` first
(``bench_tui.py`` also times the uncompiled form, before compiling, to show the gap).
"""

from __future__ import annotations

import compileall
import importlib.util
import sys
from pathlib import Path


def package_dirs() -> list[Path]:
    """The folders newsdiff's own modules are imported from (``src/`` when editable)."""
    return [Path(importlib.util.find_spec(name).origin).parent for name in ("newsdiff", "tui")]


def has_bytecode(dirs: list[Path] | None = None) -> bool:
    tag = sys.implementation.cache_tag
    return all(any((d / "__pycache__").glob(f"*.{tag}.pyc")) for d in dirs or package_dirs())


def compile_as_installed(dirs: list[Path] | None = None) -> bool:
    """Write the modules' bytecode where Python looks for it, for every module whose
    bytecode is missing or older than its source; True when all of it could be written
    (compileall writes whatever $PYTHONDONTWRITEBYTECODE says)."""
    return all(compileall.compile_dir(str(d), quiet=1) for d in dirs or package_dirs())
