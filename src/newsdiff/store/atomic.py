"""Atomic file writes: write a temp file in the target folder, fsync it, rename it over the
target, fsync the folder. A crash or a full disk leaves the old file untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class SaveError(OSError):
    """A write that failed; ``str()`` is one line naming the file and the reason."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically. Raises SaveError, leaving no temp file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as handle:
            handle.write(text)
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
