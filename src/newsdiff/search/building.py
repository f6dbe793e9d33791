"""Writing the full-text index fast: analysis on every core, postings grouped by term.

Whoosh's own writer spends most of a build on bookkeeping rather than on the index:
every posting is a tuple in a sorting pool, pickled out to a run file and back, merged
through a heap, and on the way out each one looks its document's field length up in a
column on disk. For 10,000 articles (3 million postings) that was ~110 s of a ~150 s
build, and the analysis (tokenise, stop, stem, encode) another ~45 s on one core.

This module writes the same segment with less work:

* :class:`DocumentAnalyzer` turns a document (the ``fields`` given to
  ``add_document``) into each indexed field's ``(terms, weights, values, length)``,
  exactly what the field's ``index()`` yields. The usual analyzers (a regex tokenizer,
  then lowercase, stop and stem filters, in that order) feeding a ``Positions`` or
  ``Characters`` format go through one loop with a per-word cache instead of a chain
  of generators over one token object; any other field uses ``field.index()``.
* :class:`WorkerPool` runs that analysis in worker processes (``spawn``ed, so nothing
  of a threaded parent is forked), a few batches in flight, results in order, and at
  commit the same workers encode the posting blocks (pickle + zlib, a third of a
  build), runs of terms at a time, which the writer appends to the postings file; with
  one worker, or when the pool cannot start or breaks, all is done in this process.
* :class:`BuildWriter` is Whoosh's ``SegmentWriter`` with :meth:`~BuildWriter.add_analyzed`
  (``add_document`` minus the analysis) and a :class:`TermPool` that keeps each term's
  postings together in arrays, in document order (documents arrive in order), so nothing
  is sorted but the terms; past ``limitmb`` it spills sorted runs to the writer's temp
  folder and merges them by term. Blocks are encoded by Whoosh's own postings writer,
  filled a block at a time.

The segment has the same documents, stored fields, lengths, terms and postings (document
numbers, weights, positions, character offsets, block statistics) as Whoosh's writer
makes from the same documents; ``tests/test_index_parallel.py`` compares them.
"""

from __future__ import annotations

import heapq
import io
import multiprocessing
import os
import pickle
import signal
from array import array
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from whoosh import fields as whoosh_fields, formats, writing
from whoosh.analysis import (
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.codec import whoosh3
from whoosh.filedb.structfile import StructFile
from whoosh.system import pack_ushort

from newsdiff.search import frequencies

#: One field's analysis of one document: the terms (UTF-8), their weights and encoded
#: values (positions, offsets) in the same order, and the field's length (0 when the
#: field is not scorable), as Whoosh's ``add_document`` derives them.
FieldPostings = tuple[str, list[bytes], list[float], list[bytes], int]
Analysis = list[FieldPostings]

#: Documents per analysis task sent to a worker, postings per encoding task, and tasks
#: in flight per worker.
BATCH_DOCS = 64
ENCODE_POSTINGS = 60_000
IN_FLIGHT_PER_WORKER = 3
#: Most worker processes used (the writer itself is one process and keeps up with ~3).
MAX_WORKERS = 3
#: Fewer documents than this are analysed in this process: starting workers costs more.
POOL_MIN_DOCS = 400
#: Environment variable overriding the number of analysis workers (1: this process only).
WORKERS_ENV = "NEWSDIFF_INDEX_WORKERS"

#: Word caches are dropped when they grow past this many words (memory stays bounded
#: on corpora with millions of distinct tokens such as numbers and codes).
_WORD_CACHE_MAX = 500_000
_MISSING = object()


# --------------------------------------------------------------------------- analysis


class _FastField:
    """One loop over a regex tokenizer's matches doing what ``Lowercase | Stop | Stem``
    filters and a ``Positions``/``Characters`` format's ``word_values`` do, for one field.
    Built only for that exact chain (see :func:`_fast_field`)."""

    def __init__(self, field: whoosh_fields.FieldType, tokenizer: RegexTokenizer,
                 stop: StopFilter | None, stem: StemFilter | None) -> None:
        self.finditer = tokenizer.expression.finditer
        self.stops = stop.stops if stop else frozenset()
        self.minsize = stop.min if stop else 0
        self.maxsize = stop.max if stop else None
        self.stemfn = stem.stemfn if stem else None
        self.ignore = stem.ignore if stem else frozenset()
        self.chars = isinstance(field.format, formats.Characters)
        self.encode = field.format.encode
        self.field_boost = field.format.field_boost
        self.words: dict[str, str | None] = {}  # raw token -> indexed term, None: stopped

    def _term(self, word: str) -> str | None:
        text = word.lower()
        if len(text) < self.minsize or (self.maxsize is not None and len(text) > self.maxsize) \
                or text in self.stops:
            return None
        if self.stemfn is not None and text not in self.ignore:
            text = self.stemfn(text)
        return text

    def __call__(self, value: str) -> tuple[list[bytes], list[float], list[bytes], int]:
        words = self.words
        if len(words) > _WORD_CACHE_MAX:
            words.clear()
        seen: dict[str, list] = {}
        pos = -1
        first = True
        chars = self.chars
        for i, match in enumerate(self.finditer(value)):
            word = match.group()
            term = words.get(word, _MISSING)
            if term is _MISSING:
                term = words[word] = self._term(word)
            if term is None:
                continue
            # StopFilter(renumber=True): the first kept token keeps its position, the
            # next ones follow it one by one
            if first:
                pos, first = i, False
            else:
                pos += 1
            entry = (pos, *match.span()) if chars else pos
            found = seen.get(term)
            if found is None:
                seen[term] = [entry]
            else:
                found.append(entry)
        encode, boost = self.encode, self.field_boost
        terms, weights, values = [], [], []
        length = 0
        for term, entries in seen.items():
            n = len(entries)
            terms.append(term.encode("utf-8"))
            weights.append(float(n) * boost)
            values.append(encode(entries))
            length += n
        return terms, weights, values, length


def _fast_field(field: whoosh_fields.FieldType) -> _FastField | None:
    """The fast path for ``field`` when its analyzer is a gap-less regex tokenizer
    followed by (some of, in this order) lowercase, stop (renumbering) and stem filters of
    exactly Whoosh's classes, and its format ``Positions`` or ``Characters``; else None."""
    fmt = getattr(field, "format", None)
    if type(fmt) not in (formats.Positions, formats.Characters):
        return None
    analyzer = field.analyzer
    items = list(analyzer.items) if type(analyzer) is CompositeAnalyzer else [analyzer]
    if not items or type(items[0]) is not RegexTokenizer or items[0].gaps:
        return None
    rest = [type(item) for item in items[1:]]
    if rest not in ([LowercaseFilter], [LowercaseFilter, StopFilter],
                    [LowercaseFilter, StemFilter], [LowercaseFilter, StopFilter, StemFilter]):
        return None
    stop = next((i for i in items if type(i) is StopFilter), None)
    stem = next((i for i in items if type(i) is StemFilter), None)
    if stop is not None and not stop.renumber:
        return None
    if stem is not None and getattr(stem, "lang", None):
        return None
    return _FastField(field, items[0], stop, stem)


class DocumentAnalyzer:
    """``analyzer(fields) -> Analysis``: every indexed field of one document, as
    ``add_document`` would add it (boosts included)."""

    def __init__(self, schema: whoosh_fields.Schema) -> None:
        self.schema = schema
        self._fast: dict[str, _FastField | None] = {}

    def __call__(self, doc: dict[str, Any]) -> Analysis:
        schema = self.schema
        docboost = doc.get("_boost", 1.0)
        out: Analysis = []
        for fieldname in sorted(n for n in doc if not n.startswith("_")):
            value = doc[fieldname]
            if value is None or fieldname not in schema:
                continue
            field = schema[fieldname]
            if not field.indexed:
                continue
            fieldboost = doc.get(f"_{fieldname}_boost", docboost)
            if fieldname not in self._fast:
                self._fast[fieldname] = _fast_field(field)
            fast = self._fast[fieldname]
            if fast is not None and isinstance(value, str):
                terms, weights, values, length = fast(value)
                if fieldboost != 1.0:
                    weights = [w * fieldboost for w in weights]
            else:
                terms, weights, values, length = [], [], [], 0
                for tbytes, freq, weight, vbytes in field.index(value):
                    terms.append(tbytes)
                    weights.append(weight * fieldboost)
                    values.append(vbytes)
                    length += freq
            out.append((fieldname, terms, weights, values, length if field.scorable else 0))
        return out


# --------------------------------------------------------------------------- workers

_worker_analyzer: DocumentAnalyzer | None = None


def _init_worker(schema: whoosh_fields.Schema, parent_pid: int | None = None) -> None:
    global _worker_analyzer
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent_pid is not None:  # a killed build leaves no worker behind
        from newsdiff.child_process import die_with_parent

        die_with_parent(parent_pid)
    _worker_analyzer = DocumentAnalyzer(schema)


def _analyze_batch(docs: list[dict[str, Any]]) -> list[Analysis]:
    assert _worker_analyzer is not None
    return [_worker_analyzer(doc) for doc in docs]


def default_workers(docs: int) -> int:
    """How many processes analyse ``docs`` documents: ``$NEWSDIFF_INDEX_WORKERS`` when set,
    else 1 below :data:`POOL_MIN_DOCS` and otherwise the usable CPUs (at most
    :data:`MAX_WORKERS`)."""
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            pass
    if docs < POOL_MIN_DOCS:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


class WorkerPool:
    """``workers`` processes (``spawn``ed: nothing of a threaded parent is forked, and
    like any ``spawn`` pool it needs the calling script's ``if __name__ == "__main__"``
    guard, which newsdiff's entry points have) that analyse documents and encode posting
    blocks; with ``workers`` 1, or when the processes cannot be started or die, the work
    is done in this process. Results come in order, with a few tasks in flight. Use it
    as a context manager: leaving stops the workers (after an error or Ctrl-C too)."""

    def __init__(self, schema: whoosh_fields.Schema, workers: int) -> None:
        self.schema = schema
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._local: DocumentAnalyzer | None = None
        self.parallel = False  # whether worker processes did some of the work

    def __enter__(self) -> "WorkerPool":
        if self.workers > 1:
            try:
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_worker, initargs=(self.schema, os.getpid()))
            except (OSError, ImportError, NotImplementedError, ValueError):
                self._executor = None  # no semaphores, no processes: work here
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def _broken(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _submit(self, fn: Callable[..., Any], args: tuple) -> Future | None:
        if self._executor is None:
            return None
        try:
            return self._executor.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError, OSError):
            self._broken()
            return None

    def _result(self, future: Future | None, local: Callable[..., Any], args: tuple) -> Any:
        if future is not None:
            try:
                result = future.result()
                self.parallel = True
                return result
            except (BrokenProcessPool, pickle.PicklingError, OSError, EOFError):
                self._broken()  # a worker died (killed, out of memory): carry on here
        return local(*args)

    def ordered(self, fn: Callable[..., Any], tasks: Iterable[tuple],
                local: Callable[..., Any] | None = None) -> Iterator[tuple[tuple, Any]]:
        """``(args, fn(*args))`` for each ``args`` of ``tasks``, in order (``local(*args)``
        when it runs in this process); ``tasks`` is read only a few tasks ahead."""
        local = local or fn
        it = iter(tasks)
        if self._executor is None:
            for args in it:
                yield args, local(*args)
            return
        pending: deque[tuple[tuple, Future | None]] = deque()
        limit = IN_FLIGHT_PER_WORKER * self.workers
        while True:
            while len(pending) < limit:
                args = next(it, None)
                if args is None:
                    break
                pending.append((args, self._submit(fn, args)))
            if not pending:
                return
            args, future = pending.popleft()
            yield args, self._result(future, local, args)

    def _analyze_here(self, docs: list[dict[str, Any]]) -> list[Analysis]:
        if self._local is None:
            self._local = DocumentAnalyzer(self.schema)
        return [self._local(doc) for doc in docs]

    def analyze(self, docs: Iterable[dict[str, Any]], batch: int = BATCH_DOCS
                ) -> Iterator[tuple[dict[str, Any], Analysis]]:
        """``(doc, analysis)`` for each of ``docs``, in order."""
        it = iter(docs)
        size = batch if self._executor is not None else 1
        tasks = iter(lambda: (list(islice(it, size)),), ([],))
        for (chunk,), result in self.ordered(_analyze_batch, tasks, self._analyze_here):
            yield from zip(chunk, result)


# --------------------------------------------------------------------------- the pool


class TermPool:
    """Postings grouped by ``(field, term)``: arrays of document numbers and weights and
    a list of encoded values, appended in document order. Past ``limitmb`` (estimated)
    the terms are written, sorted, to a run file in ``tempstore``; :meth:`iter_terms`
    merges the runs. Also takes Whoosh's ``add((field, term, docnum, weight, value))``,
    which a merge of older segments uses (per term in document order, after the new
    documents)."""

    #: estimated bytes per posting (an array slot each, a list slot, a bytes object) and
    #: per term (dict entry, tuple, two arrays, a list)
    POSTING_BYTES = 4 + 8 + 8 + 33
    TERM_BYTES = 420

    def __init__(self, tempstore: Any, limitmb: int = 128) -> None:
        self.tempstore = tempstore
        self.limit = limitmb * 2**20
        self.size = 0
        self.fieldnames: set[str] = set()
        self.runs: list[str] = []
        self._fields: dict[str, dict[bytes, tuple[array, array, list[bytes]]]] = {}

    def add_postings(self, fieldname: str, docnum: int, terms: Sequence[bytes],
                     weights: Sequence[float], values: Sequence[bytes]) -> None:
        """One document's postings of one field."""
        table = self._fields.get(fieldname)
        if table is None:
            table = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        size = self.POSTING_BYTES * len(terms)
        for term, weight, value in zip(terms, weights, values):
            entry = table.get(term)
            if entry is None:
                entry = table[term] = (array("I"), array("d"), [])
                size += self.TERM_BYTES + len(term)
            entry[0].append(docnum)
            entry[1].append(weight)
            entry[2].append(value)
            size += len(value)
        self.size += size
        if self.size > self.limit:
            self.save()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """Whoosh's pool interface: one posting ``(field, term, docnum, weight, value)``."""
        fieldname, term, docnum, weight, value = item
        if docnum < 0:  # Whoosh's marker for spelling-only words: never a posting
            return
        self.add_postings(fieldname, docnum, (term,), (weight,), (value or b"",))

    def _sorted_memory(self) -> Iterator[tuple[str, bytes, array, array, list[bytes]]]:
        for fieldname in sorted(self._fields):
            table = self._fields[fieldname]
            for term in sorted(table):
                docnums, weights, values = table[term]
                yield fieldname, term, docnums, weights, values

    def save(self) -> None:
        """Write what is in memory to a new run file, sorted by field and term."""
        if not self._fields:
            return
        name = f"{os.urandom(8).hex()}.trun"
        handle = self.tempstore.create_file(name).raw_file()
        try:
            dump = pickle.Pickler(handle, pickle.HIGHEST_PROTOCOL).dump
            for fieldname, term, docnums, weights, values in self._sorted_memory():
                dump((fieldname, term, docnums.tobytes(), weights.tobytes(), values))
            dump(None)
        finally:
            handle.close()
        self.runs.append(name)
        self._fields = {}
        self.size = 0

    def _read_run(self, index: int, name: str) -> Iterator[tuple]:
        with self.tempstore.open_file(name).raw_file() as handle:
            load = pickle.Unpickler(handle).load
            while True:
                record = load()
                if record is None:
                    return
                fieldname, term, docnums, weights, values = record
                yield fieldname, term, index, docnums, weights, values

    def iter_terms(self) -> Iterator[tuple[str, bytes, array, array, list[bytes]]]:
        """Every ``(field, term, docnums, weights, values)``, sorted by field and term,
        each term's postings in document order."""
        if not self.runs:
            yield from self._sorted_memory()
            return
        self.save()
        streams = [self._read_run(i, name) for i, name in enumerate(self.runs)]
        current: tuple[str, bytes] | None = None
        docnums, weights, values = array("I"), array("d"), []
        for fieldname, term, _run, d, w, v in heapq.merge(*streams, key=lambda r: r[:3]):
            if (fieldname, term) != current:
                if current is not None:
                    yield current[0], current[1], docnums, weights, values
                current = (fieldname, term)
                docnums, weights, values = array("I"), array("d"), []
            docnums.frombytes(d)
            weights.frombytes(w)
            values.extend(v)
        if current is not None:
            yield current[0], current[1], docnums, weights, values

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """Whoosh's pool interface: every posting in order."""
        for fieldname, term, docnums, weights, values in self.iter_terms():
            for docnum, weight, value in zip(docnums, weights, values):
                yield fieldname, term, docnum, weight, value

    def cleanup(self) -> None:
        for name in self.runs:
            try:
                self.tempstore.delete_file(name)
            except OSError:
                pass
        self.runs = []
        self._fields = {}


def _lengths(pdr: Any, fieldname: str, doccount: int) -> array:
    """Each document's stored length of ``fieldname`` as the postings writer is given it
    (Whoosh's ``doc_field_length``, None as 0)."""
    if pdr is None:
        return array("I", bytes(4 * doccount))
    length = pdr.doc_field_length
    return array("I", [length(docnum, fieldname) or 0 for docnum in range(doccount)])


def _fill_blocks(pw: whoosh3.W3PostingsWriter, docnums: array, weights: array,
                 values: list[bytes], lengths: array) -> None:
    """What ``add_posting`` does one posting at a time, a block at a time: full blocks
    written as they fill, the last one left for ``finish_postings``."""
    n, limit = len(docnums), pw._blocklimit
    for start in range(0, n, limit):
        end = min(start + limit, n)
        ids = docnums[start:end]
        ws = weights[start:end]
        lens = [lengths[d] for d in ids]
        if 0 in lens:  # add_posting skips lengths of 0 (fields that are not scorable)
            lens = [x for x in lens if x]
        pw._ids = ids
        pw._weights = array("f", ws)
        pw._values = [v for v in values[start:end] if v]
        pw._maxweight = max(0, max(ws))
        pw._minlength = min(lens) if lens else None
        pw._maxlength = max(lens) if lens else 0
        if end < n:
            pw._write_block()


def encode_terms(codec: Any, fmt: formats.Format, lengths: bytes,
                 terms: list[tuple[bytes, bytes, list[bytes]]]) -> tuple[bytes, list[Any]]:
    """Encode terms' postings (each ``(docnums, weights, values)``, the numbers as array
    bytes) with ``codec``'s postings writer into one buffer: ``(bytes, terminfos)``, the
    term infos' extents counted from the buffer's start. Runs in a worker process."""
    doc_lengths = array("I")
    doc_lengths.frombytes(lengths)
    buffer = io.BytesIO()
    pw = codec.postings_writer(StructFile(buffer))
    infos = []
    for docnums_bytes, weights_bytes, values in terms:
        docnums, weights = array("I"), array("d")
        docnums.frombytes(docnums_bytes)
        weights.frombytes(weights_bytes)
        pw.start_postings(fmt, whoosh3.W3TermInfo())
        _fill_blocks(pw, docnums, weights, values, doc_lengths)
        infos.append(pw.finish_postings())
    return buffer.getvalue(), infos


def _chunks(terms: Iterable[tuple[str, bytes, array, array, list[bytes]]], postings: int
            ) -> Iterator[tuple[str, list[bytes], list[tuple[bytes, bytes, list[bytes]]]]]:
    """Sorted terms in runs of one field and about ``postings`` postings:
    ``(field, terms, [(docnums, weights, values)])``."""
    field: str | None = None
    names: list[bytes] = []
    lists: list[tuple[bytes, bytes, list[bytes]]] = []
    count = 0
    for fieldname, term, docnums, weights, values in terms:
        if (fieldname != field or count >= postings) and names:
            yield field, names, lists  # type: ignore[misc]
            names, lists, count = [], [], 0
        field = fieldname
        names.append(term)
        lists.append((docnums.tobytes(), weights.tobytes(), values))
        count += len(docnums) + 8
    if names:
        yield field, names, lists  # type: ignore[misc]


def write_postings(fieldwriter: Any, schema: whoosh_fields.Schema, pdr: Any, doccount: int,
                   terms: Iterable[tuple[str, bytes, array, array, list[bytes]]],
                   pool: WorkerPool | None = None) -> None:
    """Write sorted terms' postings with ``fieldwriter`` as its ``add_postings`` would.
    Whoosh's own field writer gets whole encoded runs of terms (encoded by ``pool``'s
    workers when there are some); any other posting by posting."""
    if type(fieldwriter) is not whoosh3.W3FieldWriter or type(fieldwriter._codec) is not whoosh3.W3Codec:
        _write_one_by_one(fieldwriter, schema, pdr, doccount, terms)
        return
    codec = fieldwriter._codec
    lengths: dict[str, bytes] = {}

    def tasks() -> Iterator[tuple]:
        for fieldname, names, lists in _chunks(terms, ENCODE_POSTINGS):
            if fieldname not in lengths:
                lengths[fieldname] = _lengths(pdr, fieldname, doccount).tobytes()
            yield codec, schema[fieldname].format, lengths[fieldname], lists, fieldname, names

    results = pool.ordered(_encode_task, tasks()) if pool is not None else \
        ((args, _encode_task(*args)) for args in tasks())
    lastfield = None
    postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
    for args, (data, infos) in results:
        fieldname, names = args[4], args[5]
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfield = fieldname
        base = postfile.tell()
        postfile.write(data)
        prefix = pack_ushort(fieldwriter._fieldid)
        for term, info in zip(names, infos):
            if not info.is_inlined():
                info._offset += base
            tindex.add(prefix + term, info.to_bytes())


def _encode_task(codec: Any, fmt: Any, lens: bytes, lists: list, _field: str, _names: list) -> tuple:
    return encode_terms(codec, fmt, lens, lists)


def _write_one_by_one(fieldwriter: Any, schema: whoosh_fields.Schema, pdr: Any, doccount: int,
                      terms: Iterable[tuple[str, bytes, array, array, list[bytes]]]) -> None:
    lastfield: str | None = None
    lengths = array("I")
    for fieldname, term, docnums, weights, values in terms:
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_term()
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lengths = _lengths(pdr, fieldname, doccount)
            lastfield = fieldname
        else:
            fieldwriter.finish_term()
        fieldwriter.start_term(term)
        for docnum, weight, value in zip(docnums, weights, values):
            fieldwriter.add(docnum, weight, value, lengths[docnum] or None)
    if lastfield is not None:
        fieldwriter.finish_term()


# --------------------------------------------------------------------------- the writer

#: The field whose postings also go to the segment's frequency file (:mod:`.frequencies`).
FREQUENCY_FIELD = "body"


def _recorded(terms: Iterable[tuple[str, bytes, array, array, list[bytes]]],
              recorder: frequencies.FrequencyWriter, fieldname: str
              ) -> Iterator[tuple[str, bytes, array, array, list[bytes]]]:
    """``terms`` unchanged, the postings of ``fieldname`` also given to ``recorder``."""
    for entry in terms:
        if entry[0] == fieldname:
            recorder.add(entry[1], entry[2], entry[3])
        yield entry


def supports(schema: whoosh_fields.Schema) -> bool:
    """Whether :class:`BuildWriter` handles ``schema`` (no term vectors, no separate
    spelling fields); other schemas take Whoosh's own writer."""
    return all(not field.vector and not field.separate_spelling() for _name, field in schema.items())


class BuildWriter(writing.SegmentWriter):
    """Whoosh's segment writer with a :class:`TermPool` and :meth:`add_analyzed`; merges,
    deletions, commit and cancel are Whoosh's. With a :attr:`pool` of workers (set by
    :meth:`analyze`) they also encode the posting blocks at commit; the writer stops them
    when it is committed or cancelled."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool(self._tempstorage, limitmb=kwargs.get("limitmb", 128))
        self.workers: WorkerPool | None = None

    def analyze(self, docs: Iterable[dict[str, Any]], workers: int,
                added: Callable[[int], None] | None = None) -> None:
        """Add ``docs`` (``add_document`` keyword dicts) in order, analysed by ``workers``
        processes, calling ``added(n)`` after the n-th. The workers stay for the commit."""
        if self.workers is None:
            self.workers = WorkerPool(self.schema, workers).__enter__()
        for n, (doc, analysis) in enumerate(self.workers.analyze(docs), 1):
            self.add_analyzed(doc, analysis)
            if added:
                added(n)

    def stop_workers(self) -> None:
        workers, self.workers = self.workers, None
        if workers is not None:
            workers.close()

    def add_analyzed(self, fields: dict[str, Any], analysis: Analysis) -> None:
        """``add_document(**fields)`` with the indexed fields' postings already made
        (:class:`DocumentAnalyzer`)."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        analysed = {entry[0]: entry for entry in analysis}
        add_postings = self.pool.add_postings
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    _name, terms, weights, values, length = analysed[fieldname]
                    add_postings(fieldname, docnum, terms, weights, values)
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        try:
            terms = self.pool.iter_terms()
            recorder = out = None
            if FREQUENCY_FIELD in self.schema.names():
                out = self.newsegment.create_file(self.storage, frequencies.EXTENSION)
                recorder = frequencies.FrequencyWriter(out, self.docnum)
                terms = _recorded(terms, recorder, FREQUENCY_FIELD)
            try:
                write_postings(self.fieldwriter, self.schema, pdr, self.docnum, terms, self.workers)
            except BaseException:
                if out is not None:  # left for Whoosh's clean-up of the unfinished segment
                    out.close()
                raise
            self.fieldwriter.close()
            if recorder is not None:
                recorder.close()
        finally:
            if pdr:
                pdr.close()

    def _finish(self) -> None:
        self.stop_workers()
        super()._finish()

    def cancel(self) -> None:
        self.stop_workers()
        super().cancel()
