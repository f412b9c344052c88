"""Names: find, split and resolve people, bodies and places against a gazetteer.

The model copies names as written ("المشير أركان حرب خليفة حفتر"); code, not the
model, picks the English. Titles are split off first (``_titles``; a naive model
read "أركان حرب" as a person), the bare name is looked up after
``_arabic.normalize`` folding, and an unknown name stays unverified rather than
being guessed into a known person. A surname several entries share ("حفتر") is
pinned on one only when an identifying title ("المشير حفتر") or the caller's
context leaves one. The steps have their own modules: the gazetteer's files
(``data/gazetteer.json``, merged with the user's ``--gazetteer``) are read in
``_gazetteer_file``, names are found in texts by ``_mentions``, titles split by
``_titles``; world data (countries, cities) is in ``_world`` and readable
romanisation in ``_translit`` and ``_romanize``.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..contract._models import Entity, NameSource
from ..text._arabic import normalize
from ._gazetteer_file import default_data, merged
from ._institutions import institution
from ._mentions import CLITICS, Mention, MentionIndex
from ._romanize import english_name
from ._titles import PERSONAL as _PERSONAL
from ._titles import Item, Titles, compose
from ._titles import en_key as _en_key
from ._titles import key as _key
from ._titles import keys as _keys
from ._titles import tokens as _tokens
from ._translit import COMMON, transliterate
from ._world import world

__all__ = ["Gazetteer", "Mention", "entity_key", "entity_keys", "split_title"]

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def split_title(name_ar: str, titles: Iterable[Item] | None = None) -> tuple[str | None, str]:
    """Strip leading titles and ranks, possibly several, off a name.

    Args:
        name_ar: a name as written, e.g. "المشير أركان حرب خليفة حفتر".
        titles: ``{"ar", "en", "kind"}`` items; the packaged lexicon by default.

    Returns:
        ``(titles as written or None, the rest)``, e.g. ``("المشير أركان حرب",
        "خليفة حفتر")``; the rest is empty when the input is only a title.
    """
    lex = Gazetteer.default()._titles if titles is None else Titles(titles)
    title, bare, _ = lex.split(name_ar)
    return title, bare


def entity_key(entity: Entity) -> str:
    """Who an entity is, for comparing two: its gazetteer id, else ``ar:`` and its folded Arabic."""
    return entity.canonical_id or "ar:" + normalize(entity.name_ar)


def entity_keys(entities: Iterable[Entity]) -> set[str]:
    """The :func:`entity_key` of each entity."""
    return {entity_key(e) for e in entities}


_CACHE: dict[str, Gazetteer] = {}


class Gazetteer:
    """Canonical people, organisations and places, with the title lexicon.

    Build with :meth:`default` or :meth:`load`; the constructor takes the parsed
    JSON mapping (``entries``, ``titles``, ``generic``).
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        # What the names resolve against, as a hash: part of the key of a cached report.
        self.fingerprint = hashlib.sha256(
            json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
        ).hexdigest()[:16]
        self._entries: dict[str, dict[str, Any]] = {e["id"]: e for e in data.get("entries", [])}
        self._titles = Titles(data.get("titles", []))
        self._generic = {normalize(g["ar"]): g for g in data.get("generic", [])}
        # Precomputed once: resolve() runs for every name of every event.
        self._names: dict[str, set[str]] = {}  # folded full name -> ids
        self._short: dict[str, set[str]] = {}  # folded surname -> ids; never enough alone
        self._english: dict[str, set[str]] = {}
        self._scan: dict[str, str | None] = dict.fromkeys(self._generic)  # None: consumed, not reported
        self._identifying: dict[str, list[tuple[str, ...]]] = {}
        self._ranks: dict[str, dict[tuple[str, ...], str]] = {}
        self._known = dict(COMMON)
        self._contexts: dict[str, frozenset[str]] = {}
        for ident, e in self._entries.items():
            self._index(ident, e)
        self._mentions = MentionIndex(self._scan)

    def _index(self, ident: str, e: Mapping[str, Any]) -> None:
        for name in e.get("names_ar", []):
            self._names.setdefault(normalize(name), set()).add(ident)
            self._add_scan(normalize(name), ident)
            if e.get("kind") == "person" and len(name.split()) == len(e["name_en"].split()):
                # Word spellings ("حفتر" = "Haftar") for transliterating unknown relatives.
                for ar, en in zip(name.split(), e["name_en"].split(), strict=True):
                    self._known.setdefault(normalize(ar), en)
        for short in e.get("short_ar", []):
            self._short.setdefault(normalize(short), set()).add(ident)
        for en in [e["name_en"], *e.get("aka_en", [])]:
            self._english.setdefault(_en_key(en), set()).add(ident)
        for role in e.get("roles", []):
            keys = _keys(role["title_ar"])
            if self._titles.table.get(keys, {}).get("kind") == "rank":
                self._ranks.setdefault(ident, {})[keys] = role["title_en"]
            if role.get("identifying"):
                self._identifying.setdefault(ident, []).append(keys)
                for short in e.get("short_ar", []):  # "المشير حفتر" and "مشير حفتر" become names
                    full = normalize(f"{role['title_ar']} {short}")
                    self._add_scan(full, ident)
                    self._add_scan(full[2:] if full.startswith("ال") else full, ident)

    def _add_scan(self, key: str, ident: str) -> None:
        # A spelling two entries claim names neither for certain.
        self._scan[key] = ident if self._scan.get(key, ident) == ident else None

    @classmethod
    def default(cls) -> Gazetteer:
        """The packaged gazetteer, read and indexed once per process."""
        if "default" not in _CACHE:
            _CACHE["default"] = cls(default_data())
        return _CACHE["default"]

    @classmethod
    def load(cls, *paths: str | os.PathLike[str], include_default: bool = True) -> Gazetteer:
        """A gazetteer from JSON files shaped like the packaged one.

        Args:
            *paths: files applied in order. An entry whose ``id`` exists already is
                updated key by key (a given ``names_ar`` replaces the list); new ids
                are added. Titles and generic phrases merge by ``ar``.
            include_default: start from the packaged file (True) or from nothing.

        Raises:
            ConfigurationError: a file is missing, not JSON, or an entry is malformed.
        """
        return cls(merged(paths, include_default))

    def title_words(self) -> frozenset[str]:
        """Folded words of the title lexicon ("اول", "ركن", "وزير"): never part of a name."""
        return self._title_words

    def office_heads(self) -> frozenset[str]:
        """Title keys of the words that head an office of the lexicon ("رييس", "وزير", "سفير"):
        a word that takes a complement ("رئيس حزب …", "وزير خارجية …"). Feminine forms in ة
        are read as their masculine head by the caller."""
        return self._office_heads

    # Read for every sentence parsed and every translation checked; the lexicon is fixed at init.
    @functools.cached_property
    def _title_words(self) -> frozenset[str]:
        return frozenset(w for keys in self._titles.table for w in keys)

    @functools.cached_property
    def _office_heads(self) -> frozenset[str]:
        offices = (_keys(i["ar"]) for i in self.title_items() if i.get("kind") == "office")
        return frozenset(k[0] for k in offices if k)

    def rank_tail(self, words: list[str]) -> int:
        """How many of the last ``words`` are ranks, their qualifiers or honorifics in the title
        lexicon (``Titles.rank_tail``): what stands between an office and a name."""
        return self._titles.rank_tail(words)

    def entries(self) -> Iterator[Mapping[str, Any]]:
        """Every entry, in the order the files give them; no copies are made, so treat them as read only."""
        return iter(self._entries.values())

    def title_items(self) -> list[Item]:
        """The title lexicon's items (``{"ar", "en", "kind"}``), as read: treat them as read only."""
        return list(self._titles.table.values())

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        """A copy of the entry with this id, or None."""
        e = self._entries.get(entry_id)
        return copy.deepcopy(e) if e is not None else None

    def field(self, entry_id: str | None, name: str) -> Any:
        """One field of an entry (``kind``, ``country``, ``name_en``, ...), or None; no copy is made,
        so treat a list or dict it returns as read only."""
        e = self._entries.get(entry_id) if entry_id else None
        return e.get(name) if e is not None else None

    def find_mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Entries named in ``text[start:end]``: leftmost-longest, non-overlapping.

        Matching ignores harakat, hamza and alef forms and a one-letter proclitic
        ("وباكستان"); offsets index ``text`` itself. A surname alone is never
        reported; phrases several entries share are consumed, not reported.
        """
        return self._mentions.find(text, start, end)

    def glossary(self, text: str) -> list[tuple[str, str]]:
        """``(Arabic as written, canonical English)`` per distinct spelling the text uses, in order."""
        out: dict[str, tuple[str, str]] = {}
        for m in self.find_mentions(text):
            out.setdefault(normalize(m.surface), (m.surface, self._entries[m.entry_id]["name_en"]))
        return list(out.values())

    def resolve(
        self,
        name_ar: str,
        *,
        context: str | None = None,
        proposal: str | None = None,
        translation: str | None = None,
    ) -> Entity:
        """An :class:`Entity` for one name as the model copied it.

        Args:
            name_ar: the name, titles included ("نائب القائد العام الفريق أول ركن صدام
                حفتر"), or an entry's English name.
            context: the article; a surname that fits several entries resolves when
                the context names exactly one of them in full.
            proposal: the model's English spelling of the name, used only for a
                name no kept data knows and only when it spells the Arabic.
            translation: the model's English for the name's sentence, searched the same way.

        Returns:
            Verified (canonical English and id) when the gazetteer or the world data
            (CLDR countries, GeoNames cities) knows the name; otherwise ``name_ar``
            verbatim with English from the checked proposal, arabic-name-romanizer or
            rules, unverified, ``name_source`` saying which.
        """
        text = name_ar.strip()
        if text and not _ARABIC.search(text):
            return self._resolve_en(name_ar, text)
        title_ar, bare, parts = self._titles.split(text)
        ids = self._lookup(bare)
        if not ids and bare:
            title_ar, bare, parts, ids = self._after_last_title(text, title_ar, bare, parts)
        cands = ids or self._short.get(normalize(bare), set())
        ident = next(iter(ids)) if len(ids) == 1 else self._narrow(cands, parts, context)
        if ident is not None:
            e = self._entries[ident]
            return Entity(
                name_ar=name_ar,
                name_en=e["name_en"],
                kind=e["kind"],
                title_ar=title_ar,
                title_en=compose(parts, self._ranks.get(ident)),
                canonical_id=ident,
                verified=True,
                name_source="gazetteer",
            )
        title_en = compose(parts)
        if not bare:  # only a title: "رئيس الوزراء الباكستاني"
            return Entity(
                name_ar=name_ar,
                name_en=title_en or transliterate(text),
                title_ar=title_ar,
                title_en=title_en,
                name_source="title" if title_en else "transliteration",
            )
        generic = self._generic.get(normalize(bare))
        kinds = {self._entries[i]["kind"] for i in cands}
        names = {tuple(self._entries[i]["name_en"].split()[0 if ids else -1 :]) for i in cands}
        source: NameSource = "gazetteer"
        personal = any(p.get("kind", "office") in _PERSONAL for p in parts)
        if generic:
            name_en, kind = generic["en"], generic.get("kind", "unknown")
        elif len(names) == 1:  # "حفتر" -> "Haftar", attributed to nobody
            name_en, kind = " ".join(names.pop()), kinds.pop() if len(kinds) == 1 else "unknown"
        elif not personal and (found := institution(bare)) is not None:  # "السلطات الباكستانية"
            return Entity(
                name_ar=name_ar,
                name_en=found[0],
                kind="organization",
                title_ar=title_ar,
                title_en=title_en,
                name_source="world",
            )
        elif not personal and (place := world().place(bare)) is not None:  # "روسيا", "موسكو"
            return Entity(
                name_ar=name_ar,
                name_en=place.name_en,
                kind=place.kind,
                title_ar=title_ar,
                title_en=title_en,
                canonical_id=place.id,
                verified=True,
                name_source="world",
            )
        else:
            name_en, source = english_name(bare, proposal, self._known, translation)
            kind = "person" if personal or source != "transliteration" else "unknown"
        return Entity(
            name_ar=name_ar,
            name_en=name_en,
            kind=kind,
            title_ar=title_ar,
            title_en=title_en,
            name_source=source,
        )

    def _lookup(self, bare: str) -> set[str]:
        key = normalize(bare)
        if key in self._names:
            return self._names[key]
        if len(key) > 3 and key.startswith("لل"):
            return self._names.get("ال" + key[2:], set())
        return self._names.get(key[1:], set()) if len(key) > 2 and key[0] in CLITICS else set()

    def _after_last_title(
        self, text: str, title_ar: str | None, bare: str, parts: list[Item]
    ) -> tuple[str | None, str, list[Item], set[str]]:
        """Retry "نائب القائد العام للجيش الليبي الفريق أول ركن صدام حفتر".

        No lexicon lists every complement ("للجيش الليبي"), so accept a known full
        name right after a title, or after a comma when the text opens with a title
        ("رئيس الحكومة ... المكلفة من مجلس النواب، أسامة حماد"). Without one of
        those a full name inside a longer one is not taken: "السيد عمر خليفة حفتر".
        """
        toks, table = _tokens(text), self._titles.table
        keys = [_key(t[0]) for t in toks]
        for j in range(1, len(toks)):
            if len(ids := self._names.get(normalize(text[toks[j][1] :]), set())) != 1:
                continue
            ending = (table.get(tuple(keys[j - n : j])) for n in range(min(self._titles.maxn, j), 0, -1))
            item = next((i for i in ending if i and i.get("kind", "office") in _PERSONAL), None)
            if item is not None or (parts and re.search("[،,]", text[toks[j - 1][2] : toks[j][1]])):
                _, rest, lead = self._titles.split(text[: toks[j][1]])
                lead = [*lead, item] if rest and item else lead
                return text[: toks[j - 1][2]], text[toks[j][1] :], lead, ids
        return title_ar, bare, parts, set()

    def _narrow(self, cands: set[str], parts: list[Item], context: str | None) -> str | None:
        """The one candidate that an identifying title, else the context, points at."""
        said = [_keys(p["ar"]) for p in parts if p.get("kind", "office") in ("rank", "office")]
        # "المشير أركان حرب" fits the role "المشير"; "نائب القائد العام" does not fit "القائد العام".
        by_title = {
            c
            for c in cands
            if any(a[: len(b)] == b or b[: len(a)] == a for a in said for b in self._identifying.get(c, []))
        }
        if len(by_title) == 1:
            return by_title.pop()
        if context and cands:
            if context not in self._contexts:
                if len(self._contexts) > 64:
                    self._contexts.clear()
                self._contexts[context] = frozenset(m.entry_id for m in self.find_mentions(context))
            if len(named := (by_title or cands) & self._contexts[context]) == 1:
                return next(iter(named))
        return None

    def _resolve_en(self, name: str, text: str) -> Entity:
        """The model sometimes answers in English: accept an entry's English name."""
        words, title_en = text.split(), None
        for n in range(min(4, len(words) - 1), 0, -1):
            if _en_key(" ".join(words[:n])) in self._titles.english:
                title_en, words = " ".join(words[:n]), words[n:]
                break
        ids = self._english.get(_en_key(" ".join(words)), set())
        if len(ids) != 1:
            return Entity(name_ar=name, name_en=" ".join(words), title_en=title_en)
        e = self._entries[ident := next(iter(ids))]
        return Entity(
            name_ar=name,
            name_en=e["name_en"],
            kind=e["kind"],
            title_en=title_en,
            canonical_id=ident,
            verified=True,
            name_source="gazetteer",
        )
