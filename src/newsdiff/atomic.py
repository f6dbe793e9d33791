"""Atomic file writes: write a temp file in the target folder, fsync it, rename it over the
target, fsync the folder. A crash or a full disk leaves the old file untouched. Below
every layer (it imports nothing of newsdiff): the comparison file and notes, the index
folder's caches and the gazetteer cache all write through it.

Temp files are named ``.NAME.newsdiff-PID-RANDOM.tmp`` next to the target ``NAME``. One
left behind by a writer that was killed between the write and the rename is removed at
the next save of the same target: when its writer's pid is no longer running, or when it
is older than :data:`STALE_SECONDS` (the ``.NAME.RANDOM.tmp`` temp files of earlier
versions by age alone).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

#: A temp file this old is stale whoever wrote it (a save takes milliseconds).
STALE_SECONDS = 60.0
_TEMP_TAG = "newsdiff-"


class SaveError(OSError):
    """A write that failed; ``str()`` is one line naming the file and the reason."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def _temp_pattern(name: str) -> re.Pattern[str]:
    """Temp files of target ``name``: group 1 is the writer's pid (None for the older,
    pid-less ``.NAME.XXXXXXXX.tmp`` names of :func:`tempfile.mkstemp`)."""
    return re.compile(rf"\.{re.escape(name)}\.(?:{_TEMP_TAG}(\d+)-[\w]+|[a-z0-9_]{{8}})\.tmp")


def _pid_running(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def remove_stale_temps(path: Path | str, max_age: float = STALE_SECONDS) -> list[Path]:
    """Delete the temp files a killed save of ``path`` left behind; returns those removed.
    Best effort: a folder or file that cannot be listed or deleted is left alone."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    pattern = _temp_pattern(path.name)
    removed: list[Path] = []
    now = time.time()
    try:
        entries = [e for e in os.scandir(folder) if pattern.fullmatch(e.name)]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = pattern.fullmatch(entry.name).group(1)  # type: ignore[union-attr]
            old = now - entry.stat(follow_symlinks=False).st_mtime > max_age
            dead = pid is not None and int(pid) != os.getpid() and not _pid_running(int(pid))
            if old or dead:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temp + fsync + rename + folder fsync),
    keeping the old file's permissions. Raises SaveError, leaving no temp file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temps(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{_TEMP_TAG}{os.getpid()}-", suffix=".tmp", dir=folder
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp_name, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = None
        try:
            dir_fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(exc.errno, f"could not save {path}: {reason}") from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically (``\\n`` line ends). Raises SaveError."""
    atomic_write_bytes(path, text.encode(encoding))
