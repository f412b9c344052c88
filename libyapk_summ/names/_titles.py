"""The title lexicon: split leading titles, ranks and offices off a name, and compose their English.

"المشير أركان حرب خليفة حفتر" splits into the titles "المشير أركان حرب" and the
name "خليفة حفتر"; each title part is an item ``{"ar", "en", "kind"}`` from the
gazetteer's ``titles`` (kinds: office, rank, honorific, adjective, complement,
qualifier), matched longest first on folded token keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..text._arabic import normalize

PUNCT = " \t\r\n،,.:;؛!?؟()[]{}\"'«»“”-–—/"
PERSONAL = ("rank", "honorific", "office")
RANKS = ("rank", "qualifier", "honorific")
"""Kinds of the words that stand between a person's office and name ("… المشير أركان حرب")."""
# Parts that are titles only after these: "الليبية" or "ركن" alone may be part of a name.
_AFTER = {"adjective": ("office", "adjective"), "complement": ("office",), "qualifier": ("rank",)}
_PUNCT = PUNCT
_POSSESSIVE = re.compile(r"(?:ه|ها|هم|هما)$")  # on folded keys: "دفاعه", "خارجيتها" is not handled
_PERSONAL = PERSONAL
Item = Mapping[str, Any]


def key(token: str) -> str:
    """Title-matching key: folded, "ال"/"لل" dropped so "مشير" matches "المشير"."""
    k = normalize(token.strip(_PUNCT))
    return k[2:] if len(k) > 3 and k.startswith(("ال", "لل")) else k


def keys(phrase: str) -> tuple[str, ...]:
    """Matching keys of each word of a title phrase."""
    return tuple(key(w) for w in phrase.split())


def en_key(name: str) -> str:
    return " ".join(re.sub(r"[-'’.]", " ", name.lower()).split())


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(core, start, end) per token, punctuation stripped; separator-only tokens dropped."""
    out = []
    for m in re.finditer(r"\S+", text):
        if core := m.group().strip(_PUNCT):
            lo = m.start() + m.group().index(core)
            out.append((core, lo, lo + len(core)))
    return out


def _country_part(cores: list[str], i: int) -> tuple[int, Item] | None:
    """A demonym or country name as a title's complement: "المصري" → "of Egypt"."""
    from ._world import world  # world data loads on first use

    if (place := world().demonym(cores[i])) is not None:
        return 1, {
            "ar": cores[i],
            "en": f"of {place.name_en}",
            "kind": "complement",
            "country": place.country,
        }
    for n in range(min(3, len(cores) - i), 0, -1):
        if (place := world().country(" ".join(cores[i : i + n]))) is not None:
            return n, {"ar": " ".join(cores[i : i + n]), "en": f"of {place.name_en}", "kind": "complement",
                       "country": place.country}  # fmt: skip
    return None


class Titles:
    """The title lexicon, compiled for longest match over token keys."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.table = {keys(i["ar"]): i for i in items}
        self.maxn = max(map(len, self.table), default=0)
        self.english = {
            en_key(re.sub(r"\s*\(.*\)", "", i["en"]))
            for i in self.table.values()
            if i.get("kind", "office") in _PERSONAL
        }

    def match(self, keys: list[str], cores: list[str], i: int, prev: str | None) -> tuple[int, Item] | None:
        """Longest title at token ``i`` that may follow a part of kind ``prev``.

        Besides the lexicon: an office with a possessive ("وزير دفاعه", his defence
        minister, is "وزير الدفاع"), and after an office a demonym or a country
        from the world data ("الرئيس المصري", "رئيس وزراء باكستان": "of Egypt").
        """
        for n in range(min(self.maxn, len(keys) - i), 0, -1):
            item = self.table.get(tuple(keys[i : i + n]))
            if item is None and n > 1 and (bare := _POSSESSIVE.sub("", keys[i + n - 1])) != keys[i + n - 1]:
                item = self.table.get((*keys[i : i + n - 1], bare))
                item = {**item, "ar": " ".join(cores[i : i + n])} if item and len(bare) > 2 else None
            if item is None:
                continue
            kind = item.get("kind", "office")
            if kind in _AFTER and prev not in _AFTER[kind]:
                continue
            if item.get("article_required") and not normalize(cores[i]).startswith("ال"):
                continue  # "سيد عاصم منير", "رائد صلاح": without the article these are names
            return n, item
        return _country_part(cores, i) if prev in ("office", "adjective") else None

    def rank_tail(self, words: list[str]) -> int:
        """How many words at the end of ``words`` are titles of the :data:`RANKS` kinds, longest
        first: 3 for "القائد العام المشير أركان حرب", none for "قائد الدفاع الجوي"."""
        folded = [key(w) for w in words]
        end = len(folded)
        while end:
            n = next((n for n in range(min(self.maxn, end), 0, -1) if self._ranked(folded[end - n : end])), 0)
            if not n:
                break
            end -= n
        return len(words) - end

    def _ranked(self, keys: list[str]) -> bool:
        return self.table.get(tuple(keys), {}).get("kind", "office") in RANKS

    def split(self, name: str) -> tuple[str | None, str, list[Item]]:
        toks = tokens(name)
        cores = [t[0] for t in toks]
        keys = [key(c) for c in cores]
        parts: list[Item] = []
        i = end = 0
        while i < len(toks):
            prev = parts[-1].get("kind", "office") if parts else None
            hit = self.match(keys, cores, i, prev)
            if hit is None and parts and cores[i].startswith("و") and len(cores[i]) > 2:
                # "نائب رئيس الوزراء ووزير الخارجية": a second office joined by "و".
                hit = self.match([*keys[:i], key(cores[i][1:]), *keys[i + 1 :]], cores, i, prev)
            if hit is None:
                break
            parts.append(hit[1])
            end = toks[i + hit[0] - 1][2]
            i += hit[0]
        if not parts:
            return None, name.strip(), []
        return name[toks[0][1] : end], name[end:].strip(_PUNCT), parts


def compose(parts: list[Item], ranks: Mapping[tuple[str, ...], str] | None = None) -> str | None:
    """English for a run of titles: qualifiers in brackets, adjectives before the office."""
    out: list[str] = []
    for item in parts:
        en, kind = item["en"], item.get("kind", "office")
        if kind == "rank" and ranks:  # the person's own: Pakistan's "الفريق أول طيار" is Air Chief Marshal
            en = ranks.get(keys(item["ar"]), en)
        if out and kind == "qualifier":
            out[-1] = out[-1][:-1] + f", {en})" if out[-1].endswith(")") else out[-1] + f" ({en})"
        elif out and kind in ("adjective", "complement"):
            out[-1] = f"{en} {out[-1]}" if kind == "adjective" else f"{out[-1]} {en}"
        else:
            out.append(en)
    return ", ".join(out) or None
