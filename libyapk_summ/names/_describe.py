"""Descriptions of participants, which are never entities of their own.

"نظيرتها الليبية" (her Libyan counterpart), "وفد رفيع المستوى" (a high-level
delegation), "الدولة المضيفة" (the host state) and a lone demonym ("الروسي", the
Russian [side]) describe someone the sentence names elsewhere, or no one. The
opening words live in ``data/descriptions.json``; demonyms come from the world data.
"""

from __future__ import annotations

import functools
import json
import re

from .._paths import data_file
from ..text._arabic import normalize
from ._world import world

__all__ = ["is_description"]

DATA_FILE = data_file("descriptions.json")
_POSSESSIVE = re.compile(r"(?:ها|هم|هما|كم)$")


@functools.lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    heads = {_head(normalize(h)) for h in data.get("heads", [])}
    return frozenset(heads), frozenset(normalize(p) for p in data.get("phrases", []))


def _head(word: str) -> str:
    word = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if len(word) > 5 and (stem := _POSSESSIVE.sub("", word)) != word:
        return stem[:-1] + "ه" if stem.endswith("ت") else stem  # "نظيرتها": ة is written ت before it
    return word


def is_description(name_ar: str) -> bool:
    """Whether the model's "name" describes a participant rather than naming one.

    Args:
        name_ar: a name as the model copied it, e.g. "نظيرتها الليبية".
    """
    words = normalize(name_ar).split()
    if not words:
        return False
    heads, phrases = _data()
    if " ".join(words) in phrases or _head(words[0]) in heads:
        return True
    return len(words) == 1 and world().demonym(words[0]) is not None
