"""Which English names an Arabic article supports: world data and the consonant skeleton.

Used by the English-vs-source check (``_check``) for names the curated gazetteer
does not know:

- countries, cities and demonyms the Arabic writes anywhere ("روسيا", "موسكو",
  "الروسي") support their English from CLDR and GeoNames ("Russia", "Moscow",
  "Russian"); every country's English name and demonym, and the English of large
  cities, are *known* names: written for an article that does not name them
  ("Saudi Arabia" in a sentence about Pakistan), they are flagged;
- a run of other capitalised words ("Vladimir Putin", "Shoigu") is supported
  when its consonant skeleton matches a run of Arabic words of the article
  (``_skeleton.renders``): a person no data knows, spelt as the Arabic reads. An
  invented name ("Ahmed al-Sharif" where no such Arabic is written) matches none.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..text._arabic import normalize
from ..text._skeleton import arabic_skeleton, latin_skeleton, renders
from ._world import world

__all__ = ["ArabicNames", "arabic_names", "known_english", "spelled_part", "world_english", "world_traced"]

_MIN_CITY = 1_000_000  # a city this large is a name worth checking anywhere
_CLITICS = "وبلفك"
_CONNECTOR_WORDS = {"al", "el", "bin", "ibn", "bint", "ul", "ud", "de"}


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.lower())
    return re.sub(r"['’]s?$", "", "".join(ch for ch in text if not unicodedata.combining(ch)))


def _words(*names: str) -> set[str]:
    return {_fold(w) for n in names for w in re.findall(r"[^\W\d_]+", n)}


@functools.lru_cache(maxsize=1)
def known_english() -> frozenset[str]:
    """Folded words of every country's English name and demonym, and of large cities."""
    w = world()
    names = [p.name_en for p in w.countries.values()]
    names += [w.demonym_en(p.country) for p in w.countries.values()]
    names += [en for en, _, pop, _ in w.cities.values() if pop >= _MIN_CITY]
    return frozenset(_words(*names))


@functools.lru_cache(maxsize=64)
def world_english(text: str) -> frozenset[str]:
    """Folded English words the world data supports for an Arabic text: its countries, cities, demonyms."""
    w = world()
    codes: set[str] = set()
    names: list[str] = []
    for token in re.findall(r"\w+", normalize(text)):
        token_codes, token_names = _token_places(token)
        codes.update(token_codes)
        names += token_names
    for _, _, place in w.places_in(text):  # several words: "المملكة العربية السعودية"
        codes.add(place.country)
        names.append(place.name_en)
    # name, demonym and the names in common use ("UAE", "Turkey")
    names += [n for c in codes for n in _country_english(c)]
    codes_en = {c.lower() for c in codes} | ({"uk"} if "GB" in codes else set())  # "US", "UK"
    return frozenset(_words(*names) | codes_en)


@functools.lru_cache(maxsize=16384)
def _token_places(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The countries (codes) and cities (English) one folded word names, with or without a
    proclitic: memoised, since an article's words come back in each of its sentences."""
    w = world()
    codes: list[str] = []
    names: list[str] = []
    for form in (token, token[1:] if token[:1] in _CLITICS and len(token) > 3 else ""):
        if not form:
            continue
        place = w.country(form) or w.demonym(form)
        if place is not None:
            codes.append(place.country)
        elif len(form) > 3 and (city := w.city(form)) is not None:
            names.append(city.name_en)
    return tuple(codes), tuple(names)


@functools.lru_cache(maxsize=1024)
def _country_english(code: str) -> tuple[str, ...]:
    """A country's English name, demonym and names in common use (``World.english_forms``);
    the demonym alone for a code the data has no country for."""
    w = world()
    by_code = {p.country: p for p in w.countries.values()}
    return tuple(w.english_forms(by_code[code])) if code in by_code else (w.demonym_en(code),)


def world_traced(word: str, supported: frozenset[str]) -> bool:
    """A word of a supported name, or a form of one ("Iranian" from "Iran", "Chinese" from "China")."""
    key = _fold(word)
    if key in supported:
        return True
    return len(key) >= 5 and any(len(s) >= 4 and key.startswith(s[:-1]) for s in supported)


# Particles that never belong to a name (folded): a run of name words stops at them.
_PARTICLES = frozenset(
    normalize(w) for w in "في من على إلى عن مع ثم أو أن إن بين خلال لدى عند منذ حتى".split()
)


class ArabicNames:
    """Runs of an article's Arabic words, for matching English runs by consonant skeleton.

    Args:
        text: the article.
        skip: folded words that are never part of a name (title words: "أول", "ركن"),
            so "Ali Rukan" does not match "أول ركن".
    """

    def __init__(self, text: str, skip: frozenset[str] = frozenset()) -> None:
        words = [
            "" if w in _PARTICLES or w in skip or w.removeprefix("ال") in skip else w
            for w in re.findall(r"[\u0621-\u064A]+", normalize(text))
        ]
        self._words = words
        self._by_first: dict[frozenset[str], list[int]] = {}
        for i, w in enumerate(words):
            for form in (w, w[1:] if w[:1] in _CLITICS and len(w) > 3 else ""):
                skel = arabic_skeleton(form) if form else ()
                if skel:
                    self._by_first.setdefault(skel[0], []).append(i)

    def spells(self, run_en: str) -> bool:
        """Whether a run of the article's Arabic words is spelt ``run_en``.

        The English needs three consonants, or two in a word of five letters or more.
        """
        target = latin_skeleton(run_en)
        if len(target) < 3 and not (len(target) == 2 and len(run_en) >= 5):
            return False
        n_en = len(run_en.split())
        starts = {i for cls, idx in self._by_first.items() if cls & target[0] for i in idx}
        for i in sorted(starts):
            for n in range(max(1, n_en - 1), n_en + 2):
                run = self._words[i : i + n]
                if len(run) == n and (
                    renders(" ".join(run), run_en) or renders(" ".join([run[0][1:], *run[1:]]), run_en)
                ):
                    return True
        return False

    @staticmethod
    def _aligned(run: list[str], words_en: list[str]) -> bool:
        """The whole run renders the English, and, word for word where the counts agree, so does each word."""
        for first in (run[0], run[0][1:] if run[0][:1] in _CLITICS and len(run[0]) > 3 else ""):
            if not first:
                continue
            arabic = [first, *run[1:]]
            if not renders(" ".join(arabic), " ".join(words_en)):
                continue
            if len(arabic) != len(words_en) or all(
                renders(a, e) for a, e in zip(arabic, words_en, strict=True)
            ):
                return True
        return False


@functools.lru_cache(maxsize=32)
def arabic_names(text: str, skip: frozenset[str] = frozenset()) -> ArabicNames:
    """The :class:`ArabicNames` of a text, built once."""
    return ArabicNames(text, skip)


def spelled_part(text: str, toks: list[re.Match[str]], names: ArabicNames) -> tuple[int, int] | None:
    """``(i, j)``: the longest run ``toks[i:j]`` of an English name run that spells Arabic words.

    Connector words ("al", "bin") neither open nor close the part.
    """
    for size in range(len(toks), 0, -1):
        for i in range(len(toks) - size + 1):
            part = toks[i : i + size]
            if _fold(part[0].group()) in _CONNECTOR_WORDS or _fold(part[-1].group()) in _CONNECTOR_WORDS:
                continue
            if names.spells(text[part[0].start() : part[-1].end()]):
                return i, i + size
    return None
