"""A state's institution named by a noun and a demonym: "السلطات الباكستانية" → Pakistani authorities.

The nouns and their English are data (``data/institutions.json``); the demonym and its English
come from the world data (:meth:`~libyapk_summ.names._world.World.demonym`, ``demonym_en``).
"""

from __future__ import annotations

import functools
import json

from .._paths import data_file
from ..text._arabic import normalize
from ._world import Place, world

DATA_FILE = data_file("institutions.json")


@functools.cache
def _nouns() -> dict[str, str]:
    """Folded Arabic noun phrase → English."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {normalize(ar): str(n["en"]) for n in data["nouns"] for ar in n["ar"]}


def institution(name_ar: str) -> tuple[str, Place] | None:
    """``(English, country)`` for "<institution noun> <demonym>", or None.

    "الجيش المصري" → ("Egyptian army", Egypt); "قوات الأمن العراقية" → ("Iraqi security
    forces", Iraq). A noun alone, or a demonym after anything else, is not one.
    """
    words = name_ar.split()
    if len(words) < 2:
        return None
    country = world().demonym(words[-1])
    if country is None or country.kind != "country":
        return None
    noun = _nouns().get(normalize(" ".join(words[:-1])))
    if noun is None:
        return None
    return f"{world().demonym_en(country.country)} {noun}", country
