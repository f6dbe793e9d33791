"""Where newsdiff finds its bundled data (seeds, themes) and keeps its indexes and config.

From a checkout (editable install) the bundled folders are the repository's ``seeds/`` and
``themes/`` and the seeds' index lives in ``index/``; from a wheel they are packaged under
``newsdiff/_bundled/`` and every index lives in the user's cache dir.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import platformdirs

APP_NAME = "newsdiff"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/newsdiff/corpus -> src/newsdiff
_CHECKOUT_ROOT = _PACKAGE_DIR.parent.parent  # src/newsdiff -> repository root


def _is_checkout() -> bool:
    return (_CHECKOUT_ROOT / "pyproject.toml").is_file() and (_CHECKOUT_ROOT / "seeds").is_dir()


def bundled_dir(name: str) -> Path:
    """``seeds`` or ``themes``: the checkout's folder, else the copy inside the package."""
    packaged = _PACKAGE_DIR / "_bundled" / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT_ROOT / name


def seeds_dir() -> Path:
    return bundled_dir("seeds")


def themes_dir() -> Path:
    return bundled_dir("themes")


def user_themes_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "themes"


def settings_path() -> Path:
    """The user's settings file (the theme last chosen in the app)."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.yaml"


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME))


def default_index_dir(corpus_paths: list[Path]) -> Path:
    """The index folder for a corpus: ``index/`` for the seeds from a checkout, otherwise a
    folder under the user's cache dir keyed by the corpus's absolute path(s)."""
    resolved = sorted(str(p.resolve()) for p in corpus_paths)
    if _is_checkout() and resolved == [str((_CHECKOUT_ROOT / "seeds").resolve())]:
        return _CHECKOUT_ROOT / "index"
    key = hashlib.sha256("\0".join(resolved).encode()).hexdigest()[:16]
    stem = Path(resolved[0]).name if resolved else "corpus"
    return cache_dir() / "indexes" / f"{stem}-{key}"


def is_packaged_data(folder: Path) -> bool:
    """True for folders inside the installed package (never write notes there)."""
    try:
        return folder.resolve().is_relative_to(_PACKAGE_DIR)
    except OSError:
        return False
