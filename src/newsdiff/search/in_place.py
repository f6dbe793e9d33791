"""Read the files inside a Whoosh segment in place, without copying them.

Whoosh maps a compound segment (``*.seg``) into memory and opens each file inside it as a
``BufferFile`` over a ``memoryview`` of the map, whose ``__init__`` wraps the view in
``io.BytesIO`` for its sequential reads. ``BytesIO`` copies what it is given unless it is
a ``bytes`` object, so every reader opened copies the segment's terms and postings files
whole: about 100 ms and 130 MB for a 10,000-article index, paid again by each
``ix.reader()`` and ``ix.searcher()`` (a cold ``newsdiff search`` opened three).

:func:`install` (called when :mod:`newsdiff.search.index` is imported) makes a
``BufferFile`` built on a ``memoryview`` read through :class:`ViewFile` instead: the same
``read`` / ``readline`` / ``seek`` / ``tell`` over the view, copying only the bytes each
call returns. Buffers of any other kind (``bytes`` from ``FileStorage.open_file`` in RAM
storage) keep ``BytesIO``. The files are opened read-only, so nothing writes through it.
The stored ``whoosh-reloaded`` 2.7.5 is a fork no longer maintained; this is a small,
tested change to one constructor, checked at install time to still be the one it replaces.
"""

from __future__ import annotations

import io

from whoosh.filedb import structfile

_LINE_CHUNK = 256  # bytes looked at per step while searching for a line's end


class ViewFile:
    """A read-only, seekable binary file over a ``memoryview``: what ``BytesIO`` offers
    for reading, without copying the view first."""

    __slots__ = ("_view", "_pos")

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start, length = self._pos, len(self._view)
        end = length if size is None or size < 0 else min(length, start + size)
        if end <= start:
            return b""
        self._pos = end
        return bytes(self._view[start:end])

    def readline(self, size: int | None = -1) -> bytes:
        """Up to and including the next ``\\n`` (or ``size`` bytes, or the end)."""
        start, length = self._pos, len(self._view)
        limit = length if size is None or size < 0 else min(length, start + size)
        pos = start
        while pos < limit:
            step = min(limit, pos + _LINE_CHUNK)
            found = bytes(self._view[pos:step]).find(b"\n")
            if found >= 0:
                limit = pos + found + 1
                break
            pos = step
        self._pos = max(start, limit)
        return bytes(self._view[start:self._pos])

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._pos
        elif whence == io.SEEK_END:
            offset += len(self._view)
        elif whence != io.SEEK_SET:
            raise ValueError(f"invalid whence ({whence})")
        if offset < 0:
            raise ValueError(f"negative seek position {offset}")
        self._pos = offset
        return offset

    def tell(self) -> int:
        return self._pos

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def write(self, data: bytes) -> int:
        raise io.UnsupportedOperation("write: the segment is opened read-only")

    def truncate(self, size: int | None = None) -> int:
        raise io.UnsupportedOperation("truncate: the segment is opened read-only")

    def close(self) -> None:
        self._view = memoryview(b"")


_original_init = structfile.BufferFile.__init__


def _buffer_file_init(self, buf, name=None, onclose=None) -> None:
    # the attributes the replaced constructor sets, in its order
    self._buf = buf
    self._name = name
    self.file = ViewFile(buf) if isinstance(buf, memoryview) else io.BytesIO(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> bool:
    """Make ``BufferFile`` read memoryviews in place; False (nothing changed) when the
    installed Whoosh's constructor is not the one this was written against."""
    if structfile.BufferFile.__init__ is _buffer_file_init:
        return True
    code = getattr(_original_init, "__code__", None)
    if code is None or code.co_varnames[:4] != ("self", "buf", "name", "onclose") \
            or "BytesIO" not in code.co_names:
        return False
    structfile.BufferFile.__init__ = _buffer_file_init  # type: ignore[method-assign]
    return True


def uninstall() -> None:
    """Back to Whoosh's own constructor (tests compare the two)."""
    structfile.BufferFile.__init__ = _original_init  # type: ignore[method-assign]
