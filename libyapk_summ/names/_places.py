"""Where an event happened: the city or country its sentence names, resolved through kept data.

Candidates are the places the curated gazetteer finds in the sentence and the
countries and cities the world data finds (``_world.places_in``). One written
right after a locative word ("في موسكو", "إلى القاهرة", "بالعاصمة") beats one
that is merely mentioned ("قائد الجيش في شرق ليبيا" is not where a Moscow meeting
took place when the sentence says "في موسكو"); then a city beats a country;
then the first written. A country only mentioned, not after a locative word, is a
party rather than a place. A sentence that names no place gives none: never a default.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..contract._models import Entity
from ..text._arabic import normalize
from ._names import Gazetteer
from ._world import world

__all__ = ["article_country", "location_in"]

# "من" is not here: "القادم من طرابلس" came from Tripoli, the event is elsewhere.
_LOCATIVE = {normalize(w) for w in "في إلى الى بمدينة مدينة العاصمة بالعاصمة عاصمة داخل".split()}
_CLITIC_LOCATIVE = ("ب", "ل")  # "بموسكو", "زيارته لروسيا"


def _locative(text: str, start: int, surface: str) -> bool:
    """After a locative word, or written with the clitic ب / ل ("بموسكو"); the letter that begins a
    name is no clitic ("ليبيا", "باكستان")."""
    word = start
    while word > 0 and not text[word - 1].isspace() and text[word - 1] not in "،,.:;؛()«»\"'-–—":
        word -= 1
    lead = normalize(text[word:start])  # a clitic the gazetteer's mention leaves out ("بإسلام آباد")
    folded = normalize(surface)
    if not lead and folded[:1] in _CLITIC_LOCATIVE and world().place(folded[1:]) is not None:
        lead = folded[:1]  # the world data's mention keeps it ("بموسكو")
    before = normalize(text[max(0, word - 20) : word]).split()
    return bool(before and before[-1] in _LOCATIVE) or lead.endswith(_CLITIC_LOCATIVE)


def location_in(
    text: str, gazetteer: Gazetteer, where: Sequence[tuple[int, int]] | None = None
) -> Entity | None:
    """The place ``text`` (one sentence) says an event happened in, or None.

    Args:
        text: the evidence sentence.
        gazetteer: curated places, which override the world data's.
        where: the spans that say where the event happened (``_roles.place_of`` reads them from the
            trigger's clause); only places inside them count. None: every locative of the sentence.
    """
    found: list[tuple[int, Entity, bool]] = []
    taken: list[tuple[int, int]] = []
    for m in gazetteer.find_mentions(text):
        entity = gazetteer.resolve(m.surface)
        if entity.kind in ("place", "country"):
            found.append((m.start, entity, _locative(text, m.start, m.surface)))
            taken.append((m.start, m.end))
    for lo, hi, place in world().places_in(text):
        if any(lo < e and s < hi for s, e in taken):
            continue  # the gazetteer's reading of the same words wins
        entity = Entity(
            name_ar=text[lo:hi], name_en=place.name_en, kind=place.kind,
            canonical_id=place.id, verified=True, name_source="world",
        )  # fmt: skip
        found.append((lo, entity, _locative(text, lo, text[lo:hi])))
    if where is not None:
        inside = [(lo, e) for lo, e, _ in found if any(a <= lo < b for a, b in where)]
        found = [(lo, e, True) for lo, e in inside]
    # A country only mentioned ("وقعت مصر وروسيا اتفاقا") is a party, not a place.
    found = [f for f in found if f[2] or f[1].kind == "place"]
    if not found:
        return None
    return min(found, key=lambda f: (not f[2], f[1].kind != "place", f[0]))[1]


@functools.lru_cache(maxsize=32)
def article_country(text: str, gazetteer: Gazetteer) -> str | None:
    """The one country an article's places belong to (ISO alpha-2), or None when it names several or none.

    What a bare "دينار" means: the Libyan dinar in an article only about Libya.
    """
    codes = {gazetteer.field(m.entry_id, "country") for m in gazetteer.find_mentions(text)}
    codes |= {place.country for *_, place in world().places_in(text)}
    codes.discard(None)
    return next(iter(codes)) if len(codes) == 1 else None
