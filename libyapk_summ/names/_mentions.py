"""Find the names a gazetteer knows in a text: leftmost-longest, non-overlapping, offsets kept.

A :class:`MentionIndex` is built from folded spellings (``_arabic.normalize``) mapped to an
entry id, or to None for a phrase that is consumed but not reported (a spelling two entries
claim, a generic phrase). Matching runs on a normalised copy of the text and maps back, so a
:class:`Mention` indexes the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..text._arabic import normalize_with_map

CLITICS = "وفبلك"
"""One-letter proclitics a name may carry: "وحمّاد", "لباكستان", "بشرق ليبيا"."""

_REMEMBERED = 2048  # texts whose mentions are kept: an article and its sentences are searched many times


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer entry found in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    entry_id: str


class MentionIndex:
    """Folded spellings (one or more words) searched for in texts.

    Args:
        keys: folded spelling → the entry id it names, or None when a match is consumed
            without being reported.
    """

    def __init__(self, keys: Mapping[str, str | None]) -> None:
        self._keys = dict(keys)
        self._firsts = {k.split(" ")[0] for k in self._keys}
        self._longest = max((k.count(" ") + 1 for k in self._keys), default=1)
        self._found: dict[tuple[str, int, int | None], tuple[Mention, ...]] = {}

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """The entries named in ``text[start:end]``, in order (remembered per text)."""
        key = (text, start, end)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= _REMEMBERED:
                self._found.clear()
            found = self._found[key] = tuple(self._find(text, start, end))
        return list(found)

    def _find(self, text: str, start: int, end: int | None) -> list[Mention]:
        end = len(text) if end is None else end
        norm, offs = normalize_with_map(text[start:end])
        toks = [(m.start(), m.end()) for m in re.finditer(r"\w+", norm)]
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            hit = self._match_at(norm, toks, i)
            if hit is None:
                i += 1
                continue
            i += hit[0]
            if hit[2] is not None:
                lo, hi = start + offs[hit[1]], start + offs[toks[i - 1][1] - 1] + 1
                while hi < end and (unicodedata.category(text[hi]) == "Mn" or text[hi] == "\u0640"):
                    hi += 1  # a final haraka or tatweel belongs to the word
                found.append(Mention(lo, hi, text[lo:hi], hit[2]))
        return found

    def _match_at(self, norm: str, toks: list[tuple[int, int]], i: int) -> tuple[int, int, str | None] | None:
        s, e0 = toks[i]
        # (mention start, prefix, key start): as written; after a proclitic ("وباكستان");
        # "للقيادة" read as "ل" + "القيادة" (the surface keeps the "لل").
        variants = [(s, "", s)]
        if e0 - s > 2 and norm[s] in CLITICS:
            variants.append((s + 1, "", s + 1))
        if e0 - s > 3 and norm.startswith("لل", s):
            variants.append((s, "ال", s + 2))
        variants = [v for v in variants if v[1] + norm[v[2] : e0] in self._firsts]
        for n in range(min(self._longest, len(toks) - i), 0, -1) if variants else ():
            for lo, prefix, at in variants:
                if (key := prefix + norm[at : toks[i + n - 1][1]]) in self._keys:
                    return n, lo, self._keys[key]
        return None
