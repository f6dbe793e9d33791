"""The comparison file: a YAML document that diffs cleanly (stable order, one line per
mention or value) and reloads. Writes are atomic; reads use the safe loader and refuse
unknown major versions and YAML anchors/aliases (never written by newsdiff).

newsdiff writes format 1.2 (``newsdiff: '1.2'``, described by
``schema/comparison-1.2.schema.json``): format 1.0 (``newsdiff: 1``,
``schema/comparison-1.schema.json``) plus, in 1.1, each claim's ``confidence`` and each
value's ``frame``, ``pair`` and ``implicit``, and in 1.2 the reader's entity
``judgements`` (merges and splits, applied on every reload). The version is written as a string so that a reader
of 1.0, which takes the major number from ``"1.x"``, still reads it. Any 1.x file loads:
a field a reader does not know is left out of the records (notes keep theirs in
``Annotation.extra``); a newer major version is refused and the file is never overwritten.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from newsdiff.store.annotations import Annotation, TextTarget
from newsdiff.corpus.articles import display_path
from newsdiff.corpus.textsafe import clean_name, clean_text
from newsdiff.atomic import atomic_write_text
from newsdiff.store.yaml_writer import FastWriter, Unsupported
from newsdiff.records import FRAME_ROLES, JUDGEMENT_VERDICTS, Claim, Entity, EntityJudgement, Figure, Frame

FORMAT_MAJOR = 1
FORMAT_MINOR = 2
FORMAT_VERSION = f"{FORMAT_MAJOR}.{FORMAT_MINOR}"  # written as the string '1.2'
DEFAULT_FILENAME = "newsdiff.yaml"
_SCHEMA_DIR = Path(__file__).parent / "schema"
#: The JSON Schema of each minor version, by (major, minor): one self-contained file each.
SCHEMA_PATHS = {
    (1, 0): _SCHEMA_DIR / "comparison-1.schema.json",
    (1, 1): _SCHEMA_DIR / "comparison-1.1.schema.json",
    (1, 2): _SCHEMA_DIR / "comparison-1.2.schema.json",
}
SCHEMA_PATH = SCHEMA_PATHS[(FORMAT_MAJOR, FORMAT_MINOR)]  # what this version writes
#: The parts of a frame written as text, in file order (role and running follow).
_FRAME_TEXT = ("thing", "predicate", "holder", "time", "place")


class ComparisonFileError(Exception):
    """A comparison file that cannot be used; ``str()`` is one line naming the file."""


# --------------------------------------------------------------------------- dumping


class _Flow(dict):
    """A mapping written on one line: mentions and values, so each diffs as one line."""


# libyaml's C emitter/parser when PyYAML has them (10-30x faster on big comparisons).
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        """Never write anchors or aliases (a value shared twice is written twice): the
        loader refuses them, see :func:`_refuse_aliases`."""
        return True


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


class _FlowList(list):
    """A short list of ids or names written on one line."""


def _represent_flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Multi-line notes read (and diff) best as literal blocks.
    style = "|" if "\n" in data and len(data) < 10_000 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(_FlowList, _represent_flow_list)
_Dumper.add_representer(str, _represent_str)


def _number(x: float | None) -> float | int | None:
    if x is None:
        return None
    if x != x or x in (float("inf"), float("-inf")):
        return None
    return int(x) if float(x).is_integer() else round(float(x), 6)


def _frame_dict(frame: Frame) -> _Flow:
    """Only the parts that are set: no empty text, no ``role: total``, ``running`` when true."""
    out = _Flow((k, getattr(frame, k)) for k in _FRAME_TEXT if getattr(frame, k))
    if frame.role != "total":
        out["role"] = frame.role
    if frame.running:
        out["running"] = True
    return out


def _confidence(x: float) -> float:
    """Rounded to 2 decimals and kept within 0-1 (a non-number counts as 0)."""
    x = float(x)
    if x != x:
        return 0.0
    return round(min(1.0, max(0.0, x)), 2)


def _figure_dict(f: Figure) -> _Flow:
    out = _Flow(
        article=f.article,
        start=f.start,
        end=f.end,
        text=f.text,
        value=_number(f.value),
        unit=f.unit,
        canonical=_number(f.canonical),
        canonical_unit=f.canonical_unit,
        low=_number(f.low),
        high=_number(f.high),
        bound=f.bound,
        hedge=f.hedge,
        hypothetical=f.hypothetical,
        attribution=f.attribution,
    )
    if f.frame is not None:
        out["frame"] = _frame_dict(f.frame)
    if f.pair is not None:
        out["pair"] = _FlowList(_number(x) for x in f.pair)
    if f.implicit:
        out["implicit"] = True
    return out


def _entity_dict(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "aliases": _FlowList(e.aliases),
        "articles": _FlowList(e.articles),
        "mentions": [
            _Flow(article=m.article, start=m.start, end=m.end, text=m.text) for m in e.mentions
        ],
    }


def _claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "claim": c.claim,
        "kind": c.kind,
        "unit": c.unit,
        "verdict": c.verdict,
        "confidence": _confidence(c.confidence),
        "reason": c.reason,
        "values": [_figure_dict(f) for f in c.values],
    }


def annotation_to_dict(a: Annotation) -> dict[str, Any]:
    target: dict[str, Any] = {"type": a.target_type}
    if a.target_id is not None:
        target["id"] = a.target_id
    if a.text is not None:
        t = a.text
        target["article"] = t.article
        target["sha256"] = t.sha256
        target["selector"] = [
            _Flow(type="TextQuoteSelector", exact=t.exact, prefix=t.prefix, suffix=t.suffix),
            _Flow(type="TextPositionSelector", start=t.start, end=t.end),
        ]
    out: dict[str, Any] = {
        "id": a.id,
        "created": a.created,
        "tag": a.tag,
        "note": a.note,
        "target": target,
        "orphaned": a.orphaned,
    }
    out.update({k: v for k, v in a.extra.items() if k not in out})
    return out


def comparison_to_dict(cmp, base: Path | None = None) -> dict[str, Any]:
    """The plain-data form of a :class:`newsdiff.comparison.compare.Comparison`."""
    return {
        "newsdiff": FORMAT_VERSION,
        "generated": cmp.generated,
        "event": {"id": cmp.event.id, "title": cmp.event.title},
        "articles": [
            _Flow(
                id=a.id,
                label=cmp.labels.get(a.id) or None,
                path=display_path(a.path, base),
                title=a.title,
                source=a.source,
                published=a.published,
                sha256=a.sha256,
                chars=a.chars,
                **({"copy_of": cmp.copies[a.id]} if a.id in getattr(cmp, "copies", {}) else {}),
            )
            for a in cmp.articles
        ],
        "entities": [_entity_dict(e) for e in cmp.entities],
        "figures": [_claim_dict(c) for c in cmp.claims],
        "annotations": [annotation_to_dict(a) for a in cmp.annotations],
        "judgements": [_Flow(verdict=j.verdict, names=_FlowList(j.names)) for j in cmp.judgements],
    }


def _pyyaml(data: Any, default_flow_style: bool = False) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000,
        default_flow_style=default_flow_style,
    )


#: Top-level sections made of thousands of one-line records: written by the fast writer.
_BULK_SECTIONS = ("entities", "figures")


def dump_comparison(cmp, base: Path | None = None) -> str:
    """The comparison as YAML text. The bulky sections are written by
    :mod:`newsdiff.store.yaml_writer` (the same bytes PyYAML writes, several times
    faster); a section it cannot write exactly is left to PyYAML."""
    data = comparison_to_dict(cmp, base)
    writer = FastWriter(_pyyaml, (_Flow,), (_FlowList,))
    parts = []
    for key, value in data.items():
        if key in _BULK_SECTIONS:
            try:
                parts.append(writer.section(key, value))
                continue
            except Unsupported:
                pass
        parts.append(_pyyaml({key: value}))
    return "".join(parts)


def save_comparison(cmp, path: Path | str) -> None:
    """Write the comparison atomically. Raises SaveError (an OSError) with a one-line str."""
    path = Path(path)
    atomic_write_text(path, dump_comparison(cmp, base=path.resolve().parent))


# --------------------------------------------------------------------------- loading


@dataclass
class LoadedComparison:
    """What a comparison file holds, as far as newsdiff reads it back."""

    path: Path
    version: int  # the major format version
    generated: str | None
    event: dict[str, Any]
    articles: list[dict[str, Any]] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    judgements: list[EntityJudgement] = field(default_factory=list)
    minor: int = 0  # 0 for ``newsdiff: 1``; a minor newer than FORMAT_MINOR loads all the same

    def claims(self) -> list[Claim]:
        """The file's figure claims as records (see :func:`claims_from`)."""
        return claims_from(self.data.get("figures"), self.path)


def _need(cond: bool, path: Path, what: str) -> None:
    if not cond:
        raise ComparisonFileError(f"{path}: {what}")


def _annotation_from(raw: Any, path: Path, n: int) -> Annotation:
    where = f"annotation {n}"
    _need(isinstance(raw, dict), path, f"{where} is not a mapping")
    target = raw.get("target")
    _need(isinstance(target, dict), path, f"{where} has no target mapping")
    ttype = target.get("type")
    _need(ttype in ("text", "figure", "entity"), path, f"{where} has an unknown target type {ttype!r}")
    text_target = None
    selectors = target.get("selector")
    if selectors is not None:
        _need(isinstance(selectors, list), path, f"{where}: selector must be a list")
        quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
        pos = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
        _need(quote is not None or pos is not None, path, f"{where}: no usable selector")
        quote = quote or {}
        pos = pos or {}
        start, end = pos.get("start", 0), pos.get("end", 0)
        _need(
            isinstance(start, int) and isinstance(end, int) and 0 <= start <= end,
            path, f"{where}: bad TextPositionSelector",
        )
        text_target = TextTarget(
            article=str(target.get("article", "")),
            start=start,
            end=end,
            exact=clean_text(str(quote.get("exact", "") or "")),
            prefix=clean_text(str(quote.get("prefix", "") or "")),
            suffix=clean_text(str(quote.get("suffix", "") or "")),
            sha256=str(target.get("sha256", "") or ""),
        )
    _need(ttype != "text" or text_target is not None, path, f"{where}: a text target needs selectors")
    _need(ttype == "text" or target.get("id") is not None, path, f"{where}: a {ttype} target needs an id")
    known = {"id", "created", "tag", "note", "target", "orphaned"}
    return Annotation(
        id=str(raw.get("id") or f"note-{n}"),
        created=str(raw.get("created") or ""),
        # a notes file may come from anyone: what is shown passes the cleaning gate
        tag=clean_name(str(raw.get("tag") or "")),
        note=clean_text(str(raw.get("note") or "")),
        target_type=ttype,
        target_id=None if target.get("id") is None else str(target.get("id")),
        text=text_target,
        orphaned=bool(raw.get("orphaned", False)),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def _refuse_aliases(text: str, path: Path) -> None:
    """Raise ComparisonFileError for a YAML anchor (``&a``) or alias (``*a``), from the
    parser's events, before anything is built: newsdiff never writes them, and nested
    aliases (a "billion laughs" file) expand to gigabytes. A text without ``&`` or ``*``
    cannot hold one and is not scanned."""
    if "&" not in text and "*" not in text:
        return
    for _ in _events(text, path):
        pass


#: The top-level keys a reader of notes needs (:func:`load_comparison_file` with
#: ``notes_only``): the claims and entities, most of a long article's file, are parsed but
#: never built.
NOTES_KEYS = frozenset({"newsdiff", "generated", "event", "articles", "annotations", "judgements"})
_COLLECTION_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _events(text: str, path: Path) -> Iterator[yaml.Event]:
    """The parser's events (in C), raising ComparisonFileError at an anchor or alias."""
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            line = event.start_mark.line + 1 if event.start_mark is not None else "?"
            raise ComparisonFileError(
                f"{path}: uses a YAML anchor or alias at line {line}, which newsdiff never "
                "writes; refusing to read it"
            )
        yield event


def _top_level_only(text: str, path: Path, keys: frozenset[str]) -> str | None:
    """The document re-emitted with only ``keys`` at its top level: parsed whole (in C, so
    bad YAML anywhere is still an error) but the other values are skipped, never built.
    None when the text is not one mapping with plain keys, or a skipped value carries a
    tag: the caller then reads the whole text as before. Raises ComparisonFileError for
    an anchor or alias anywhere (as :func:`_refuse_aliases`)."""
    kept: list[yaml.Event] = []
    depth = 0  # 1: inside the top-level mapping
    expect_key, keep, documents = True, True, 0
    for event in _events(text, path):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                return None
        if depth == 0:
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent)):
                return None  # not a mapping at the top
            if isinstance(event, yaml.MappingStartEvent):
                depth = 1
            kept.append(event)
            continue
        if depth == 1 and expect_key:
            if isinstance(event, yaml.MappingEndEvent):
                depth = 0
                kept.append(event)
                continue
            if not isinstance(event, yaml.ScalarEvent) or event.tag is not None:
                return None
            keep = event.value in keys
            if keep:
                kept.append(event)
            expect_key = False
            continue
        # a value, or inside one
        if not keep and getattr(event, "tag", None) is not None:
            return None  # let the whole load judge a tagged value
        if keep:
            kept.append(event)
        if isinstance(event, _COLLECTION_EVENTS):
            depth += 1
        elif isinstance(event, _COLLECTION_ENDS):
            depth -= 1
        if depth == 1:
            expect_key = True
    return yaml.emit(kept, Dumper=_BaseDumper, allow_unicode=True, width=100_000)


def parse_comparison(text: str, path: Path, keys: frozenset[str] | None = None) -> LoadedComparison:
    """Read a comparison file's text (with ``keys``, only those top-level values are built:
    see :data:`NOTES_KEYS`). Raises ComparisonFileError (one line) for YAML that is
    invalid, uses anchors/aliases or custom tags, nests too deep, or is no newsdiff
    comparison of a known major version."""
    try:
        small = _top_level_only(text, path, keys) if keys is not None else None
        if small is None:
            _refuse_aliases(text, path)
        data = yaml.load(text if small is None else small, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problem = " ".join(str(problem).split())
        raise ComparisonFileError(f"{path}: not valid YAML{where}: {problem}") from None
    except RecursionError:
        raise ComparisonFileError(f"{path}: not valid YAML: nested too deeply") from None
    _need(isinstance(data, dict) and "newsdiff" in data, path, "not a newsdiff comparison file (no 'newsdiff:' version key)")
    raw_version = data["newsdiff"]
    parsed = _parse_version(raw_version)
    _need(parsed is not None, path, f"bad format version {raw_version!r}")
    version, minor = parsed  # type: ignore[misc]
    if version > FORMAT_MAJOR:
        shown = str(version) if isinstance(raw_version, int) else f"{version}.{minor}"
        raise ComparisonFileError(
            f"{path}: written by a newer newsdiff (format {shown}); this version reads format "
            f"{FORMAT_MAJOR}, so it will not read or overwrite it"
        )
    _need(version >= 1, path, f"bad format version {raw_version!r}")
    raw_annotations = data.get("annotations") or []
    _need(isinstance(raw_annotations, list), path, "'annotations' must be a list")
    event = data.get("event") or {}
    _need(isinstance(event, dict), path, "'event' must be a mapping")
    articles = data.get("articles") or []
    _need(isinstance(articles, list), path, "'articles' must be a list")
    generated = data.get("generated")
    return LoadedComparison(
        path=path,
        version=version,
        generated=None if generated is None else str(generated),
        event=event,
        articles=[a for a in articles if isinstance(a, dict)],
        annotations=[_annotation_from(r, path, n) for n, r in enumerate(raw_annotations, 1)],
        data=data,
        minor=minor,
        judgements=judgements_from(data.get("judgements"), path),
    )


def judgements_from(raw: Any, path: Path) -> list[EntityJudgement]:
    """The file's entity judgements, in order. Raises ComparisonFileError (one line) for
    one that is not ``{verdict: same|not-same, names: [A, B]}``."""
    if raw is None:
        return []
    _need(isinstance(raw, list), path, "'judgements' must be a list")
    out = []
    for n, item in enumerate(raw, 1):
        where = f"judgement {n}"
        _need(isinstance(item, dict), path, f"{where} is not a mapping")
        verdict = item.get("verdict")
        _need(verdict in JUDGEMENT_VERDICTS, path,
              f"{where}: verdict must be one of {', '.join(JUDGEMENT_VERDICTS)}, not {clean_name(repr(verdict))}")
        names = item.get("names")
        _need(isinstance(names, list) and len(names) == 2 and all(isinstance(x, str) and x.strip() for x in names),
              path, f"{where}: names must be a list of two names")
        out.append(EntityJudgement(verdict, (clean_text(names[0]), clean_text(names[1]))))
    return out


def _parse_version(raw: Any) -> tuple[int, int] | None:
    """``(major, minor)`` of the ``newsdiff:`` key: ``1`` is 1.0, ``'1.1'`` is 1.1. A YAML
    float written by hand (``newsdiff: 1.1``) is read the same way; a string whose first
    part is a number (``'1.x'``) counts by its major number alone, as format 1.0 did."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw, 0
    if isinstance(raw, float):
        raw = repr(raw)  # "1.1"; "nan", "inf" and "1e+20" are no versions
    if not isinstance(raw, str):
        return None
    major, _, rest = raw.strip().partition(".")
    if not major.isdigit():
        return None
    minor = rest.split(".")[0]
    return int(major), int(minor) if minor.isdigit() else 0


# --------------------------------------------------------------------------- claims


def _opt_str(raw: dict, key: str) -> str | None:
    value = raw.get(key)
    return None if value is None or value == "" else str(value)


def _num_in(raw: dict, key: str, where: str, path: Path, default: float | None = None) -> float | None:
    value = raw.get(key)
    if value is None:
        return default
    _need(isinstance(value, (int, float)) and not isinstance(value, bool), path, f"{where}: {key} must be a number")
    return float(value)


def _frame_from(raw: Any, where: str, path: Path) -> Frame | None:
    if raw is None:
        return None
    _need(isinstance(raw, dict), path, f"{where}: frame must be a mapping")
    role = raw.get("role") or "total"
    _need(role in FRAME_ROLES, path, f"{where}: unknown frame role {role!r}")
    return Frame(
        **{k: _opt_str(raw, k) for k in _FRAME_TEXT},
        role=role,
        running=bool(raw.get("running", False)),
    )


def _figure_from(raw: Any, kind: str, where: str, path: Path) -> Figure:
    _need(isinstance(raw, dict), path, f"{where} is not a mapping")
    start, end = raw.get("start"), raw.get("end")
    _need(isinstance(start, int) and isinstance(end, int) and 0 <= start <= end, path, f"{where}: bad start/end")
    value = _num_in(raw, "value", where, path)
    _need(value is not None, path, f"{where}: no value")
    canonical = _num_in(raw, "canonical", where, path)
    pair = raw.get("pair")
    if pair is not None:
        _need(
            isinstance(pair, list) and len(pair) == 2
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in pair),
            path, f"{where}: pair must be two numbers",
        )
        pair = (float(pair[0]), float(pair[1]))
    return Figure(
        article=str(raw.get("article", "")),
        start=start,
        end=end,
        text=str(raw.get("text", "")),
        value=value,  # type: ignore[arg-type]
        unit=_opt_str(raw, "unit"),
        kind=kind,
        canonical=canonical,
        canonical_unit=_opt_str(raw, "canonical_unit"),
        # an open end ("at least 150": no upper bound) is written as null
        low=_num_in(raw, "low", where, path, float("-inf")),  # type: ignore[arg-type]
        high=_num_in(raw, "high", where, path, float("inf")),  # type: ignore[arg-type]
        bound=str(raw.get("bound") or "exact"),
        hedge=_opt_str(raw, "hedge"),
        hypothetical=bool(raw.get("hypothetical", False)),
        attribution=_opt_str(raw, "attribution"),
        frame=_frame_from(raw.get("frame"), where, path),
        pair=pair,
        implicit=bool(raw.get("implicit", False)),
    )


def claims_from(raw: Any, path: Path) -> list[Claim]:
    """Claims from a file's ``figures`` list. A 1.0 file has no confidence (1.0 is assumed)
    and no frames; the sentence spans are not stored, so they read back as 0. A verdict
    from a newer minor version is kept as written. Raises ComparisonFileError (one line)."""
    if raw is None:
        return []
    _need(isinstance(raw, list), path, "'figures' must be a list")
    out: list[Claim] = []
    for n, item in enumerate(raw, 1):
        where = f"figure claim {n}"
        _need(isinstance(item, dict), path, f"{where} is not a mapping")
        values = item.get("values") or []
        _need(isinstance(values, list), path, f"{where}: values must be a list")
        kind = str(item.get("kind") or "other")
        confidence = _num_in(item, "confidence", where, path, 1.0)
        out.append(Claim(
            id=str(item.get("id") or f"claim-{n}"),
            claim=str(item.get("claim") or ""),
            kind=kind,
            unit=_opt_str(item, "unit"),
            verdict=str(item.get("verdict") or "single"),
            values=[_figure_from(v, kind, f"{where}, value {i}", path) for i, v in enumerate(values, 1)],
            reason=str(item.get("reason") or ""),
            confidence=confidence,  # type: ignore[arg-type]
        ))
    return out


def load_comparison_file(path: Path | str, notes_only: bool = False) -> LoadedComparison:
    """Read a comparison file. Raises ComparisonFileError with a one-line message.

    ``notes_only``: build only what notes need (:data:`NOTES_KEYS`; ``claims()`` is then
    empty), so re-reading a long article's file before writing it again costs a parse,
    not the construction of its every claim and mention."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ComparisonFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ComparisonFileError(f"{path}: not UTF-8 text") from None
    return parse_comparison(text, path, NOTES_KEYS if notes_only else None)


def default_output_path(corpus_paths: list[Path]) -> Path:
    """``newsdiff.yaml`` beside the corpus when that folder is writable (and is not inside
    the installed package), else in the current folder."""
    from newsdiff.corpus.paths import is_packaged_data

    if corpus_paths:
        first = corpus_paths[0].resolve()
        folder = first if first.is_dir() else first.parent
        if len(corpus_paths) > 1:
            common = Path(os.path.commonpath([str(p.resolve()) for p in corpus_paths]))
            folder = common if common.is_dir() else common.parent
        if folder.is_dir() and os.access(folder, os.W_OK) and not is_packaged_data(folder):
            return folder / DEFAULT_FILENAME
    return Path.cwd() / DEFAULT_FILENAME
