"""The comparison file: a YAML document that diffs cleanly (stable order, one line per
mention or value) and reloads. Writes are atomic; reads use the safe loader and refuse
unknown major versions. The format is described by ``schema/comparison-1.schema.json``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsdiff.store.annotations import Annotation, TextTarget
from newsdiff.corpus.articles import display_path
from newsdiff.store.atomic import atomic_write_text
from newsdiff.records import Claim, Entity, Figure

FORMAT_VERSION = 1
DEFAULT_FILENAME = "newsdiff.yaml"
SCHEMA_PATH = Path(__file__).parent / "schema" / "comparison-1.schema.json"


class ComparisonFileError(Exception):
    """A comparison file that cannot be used; ``str()`` is one line naming the file."""


# --------------------------------------------------------------------------- dumping


class _Flow(dict):
    """A mapping written on one line: mentions and values, so each diffs as one line."""


# libyaml's C emitter/parser when PyYAML has them (10-30x faster on big comparisons).
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    pass


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


def _figure_dict(f: Figure) -> _Flow:
    return _Flow(
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
                path=display_path(a.path, base),
                title=a.title,
                source=a.source,
                published=a.published,
                sha256=a.sha256,
                chars=a.chars,
            )
            for a in cmp.articles
        ],
        "entities": [_entity_dict(e) for e in cmp.entities],
        "figures": [_claim_dict(c) for c in cmp.claims],
        "annotations": [annotation_to_dict(a) for a in cmp.annotations],
    }


def dump_comparison(cmp, base: Path | None = None) -> str:
    return yaml.dump(
        comparison_to_dict(cmp, base),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100_000,
        default_flow_style=False,
    )


def save_comparison(cmp, path: Path | str) -> None:
    """Write the comparison atomically. Raises SaveError (an OSError) with a one-line str."""
    path = Path(path)
    atomic_write_text(path, dump_comparison(cmp, base=path.resolve().parent))


# --------------------------------------------------------------------------- loading


@dataclass
class LoadedComparison:
    """What a comparison file holds, as far as newsdiff reads it back."""

    path: Path
    version: int
    generated: str | None
    event: dict[str, Any]
    articles: list[dict[str, Any]] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


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
            exact=str(quote.get("exact", "") or ""),
            prefix=str(quote.get("prefix", "") or ""),
            suffix=str(quote.get("suffix", "") or ""),
            sha256=str(target.get("sha256", "") or ""),
        )
    _need(ttype != "text" or text_target is not None, path, f"{where}: a text target needs selectors")
    _need(ttype == "text" or target.get("id") is not None, path, f"{where}: a {ttype} target needs an id")
    known = {"id", "created", "tag", "note", "target", "orphaned"}
    return Annotation(
        id=str(raw.get("id") or f"note-{n}"),
        created=str(raw.get("created") or ""),
        tag=str(raw.get("tag") or ""),
        note=str(raw.get("note") or ""),
        target_type=ttype,
        target_id=None if target.get("id") is None else str(target.get("id")),
        text=text_target,
        orphaned=bool(raw.get("orphaned", False)),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def parse_comparison(text: str, path: Path) -> LoadedComparison:
    try:
        data = yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ComparisonFileError(f"{path}: not valid YAML{where}: {problem}") from None
    _need(isinstance(data, dict) and "newsdiff" in data, path, "not a newsdiff comparison file (no 'newsdiff:' version key)")
    version = data["newsdiff"]
    if isinstance(version, str) and version.split(".")[0].isdigit():
        version = int(version.split(".")[0])
    _need(isinstance(version, int) and not isinstance(version, bool), path, f"bad format version {version!r}")
    if version > FORMAT_VERSION:
        raise ComparisonFileError(
            f"{path}: written by a newer newsdiff (format {version}); this version reads format "
            f"{FORMAT_VERSION}, so it will not read or overwrite it"
        )
    _need(version >= 1, path, f"bad format version {version!r}")
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
    )


def load_comparison_file(path: Path | str) -> LoadedComparison:
    """Read a comparison file. Raises ComparisonFileError with a one-line message."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ComparisonFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ComparisonFileError(f"{path}: not UTF-8 text") from None
    return parse_comparison(text, path)


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
