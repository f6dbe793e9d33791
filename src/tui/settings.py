"""What the app remembers between runs: the theme last chosen (``settings.yaml`` in the
user config folder, e.g. ``~/.config/newsdiff/settings.yaml``).

Read with the safe loader; a file that is not a small mapping is ignored (one warning
line at start), never trusted. Written atomically when the reader picks a theme; a folder
that cannot be written only means the choice is not remembered.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from newsdiff.corpus.paths import settings_path

#: A settings file is a few lines: anything bigger is not ours.
MAX_BYTES = 64_000


def load_settings(path: Path | None = None) -> tuple[dict, str | None]:
    """(settings, warning): the saved settings, or {} and a one-line reason."""
    path = path or settings_path()
    try:
        if not path.is_file():
            return {}, None
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES or b"&" in raw or b"*" in raw:
            return {}, f"{path}: not a newsdiff settings file; ignored"
        data = yaml.safe_load(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return {}, f"{path}: not a newsdiff settings file; ignored"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"{path}: not a newsdiff settings file; ignored"
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, (str, int, bool))}, None


def remember(key: str, value: str, path: Path | None = None) -> bool:
    """Save one setting (keeping the others); False when it could not be written."""
    from newsdiff.atomic import SaveError, atomic_write_text

    path = path or settings_path()
    settings, _ = load_settings(path)
    if settings.get(key) == value:
        return True
    settings[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, yaml.safe_dump(settings, sort_keys=True, allow_unicode=True))
    except (OSError, SaveError):
        return False
    return True
