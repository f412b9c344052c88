"""Across articles, step 3: one event from a group of reports, and where the reports disagree.

The most precise value wins and names the article it came from: a day beats
a range, a range a month, a month a year; a city beats a country; an exact
amount beats a bounded one. Ties go to the value more sources give, then to
the first source in (article id, event id) order. Values that cannot both be
true are kept as claims, each with its sources, instead of being chosen
silently:

- **date**: two sources' dates (before widening) do not overlap;
- **amount**: sources give different amounts or bounds ("more than" vs "about");
- **participants**: each of two sources names a person the other does not
  (one source naming *more* people is detail, not disagreement).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable

from ..contract._dossier_models import Claim, Disagreement
from ..contract._labels import amount_label, date_label
from ..contract._models import Amount, Entity, EventDate, Factuality
from ..names._names import entity_key
from ._same_event import EventReport, overlaps

PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "year": 3, "unknown": 4}
_BOUND_RANK = {"exact": 0, "about": 1, "more_than": 1, "less_than": 1, "up_to": 1}
"""An exact amount beats a bounded one; between bounds, the count of sources decides."""


def _pick(
    members: list[EventReport],
    rank: Callable[[EventReport], int],
    value: Callable[[EventReport], Hashable],
) -> EventReport:
    """The member with the best rank, then the most common value, then the first by key."""
    counts = Counter(value(m) for m in members)
    return min(members, key=lambda m: (rank(m), -counts[value(m)], m.key))


def choose_date(members: list[EventReport]) -> tuple[EventDate, str | None]:
    """The most precise date and the article it came from (None when no source dates it)."""
    dated = [m for m in members if m.exact is not None]
    if not dated:
        return EventDate(), None
    best = _pick(dated, lambda m: PRECISION_RANK[m.event.date.precision], lambda m: m.exact)
    return best.event.date, best.article_id


def _location(m: EventReport) -> Entity:
    """The member's location, for a member that has one (``choose_location`` keeps only those)."""
    if m.event.location is None:
        raise ValueError(f"event {m.event.id!r} has no location")
    return m.event.location


def choose_location(members: list[EventReport]) -> tuple[Entity | None, str | None]:
    """A city before a country, and the article it came from."""
    located = [m for m in members if m.event.location is not None]
    if not located:
        return None, None
    best = _pick(
        located,
        lambda m: 0 if _location(m).kind == "place" else 1,
        lambda m: entity_key(_location(m)),
    )
    return best.event.location, best.article_id


def choose_amounts(members: list[EventReport]) -> tuple[list[Amount], str | None]:
    """An exact amount before a bounded one, and the article it came from."""
    priced = [m for m in members if m.event.amounts]
    if not priced:
        return [], None
    best = _pick(
        priced,
        lambda m: min(_BOUND_RANK[a.bound] for a in m.event.amounts),
        lambda m: tuple(amount_label(a) for a in m.event.amounts),
    )
    return list(best.event.amounts), best.article_id


def choose_factuality(members: list[EventReport]) -> Factuality:
    """Asserted if any source tells it as news (historical is relative to each article's date)."""
    told = {m.event.factuality for m in members}
    for f in ("asserted", "planned", "historical", "speculated"):
        if f in told:
            return f
    return members[0].event.factuality


def participants(members: list[EventReport]) -> tuple[list[Entity], list[Entity]]:
    """Everyone any source names, each once, on the side the first source naming them puts them."""
    seen: dict[str, Entity] = {}
    side: dict[str, int] = {}
    for m in members:
        for n, entities in enumerate((m.event.actors, m.event.recipients)):
            for e in entities:
                k = entity_key(e)
                if k not in seen or (e.verified and not seen[k].verified):
                    seen[k] = e
                side.setdefault(k, n)
    actors = [seen[k] for k in seen if side[k] == 0]
    return actors, [seen[k] for k in seen if side[k] == 1]


def _claims(
    members: list[EventReport], value: Callable[[EventReport], str], raw: Callable[[EventReport], str]
) -> list[Claim]:
    by_value: dict[str, list[EventReport]] = {}
    for m in members:
        by_value.setdefault(value(m), []).append(m)
    return [
        Claim(value=v, sources=[m.article_id for m in ms], raw_ar=[raw(m) for m in ms if raw(m)])
        for v, ms in by_value.items()
    ]


def disagreements(event_id: str, members: list[EventReport]) -> list[Disagreement]:
    """Where the sources of one event give values that cannot all be true.

    Args:
        event_id: the dossier event the members were merged into.
        members: its sources, sorted by key (claims come in that order).
    """
    out: list[Disagreement] = []
    dated = [m for m in members if m.exact is not None]
    if any(not overlaps(a.exact, b.exact) for n, a in enumerate(dated) for b in dated[n + 1 :]):
        claims = _claims(dated, lambda m: date_label(m.event.date), lambda m: m.event.date.raw_ar or "")
        out.append(Disagreement(event=event_id, field="date", claims=claims, note="dates do not overlap"))
    priced = [m for m in members if m.event.amounts]
    claims = _claims(
        priced,
        lambda m: "; ".join(amount_label(a) for a in m.event.amounts),
        lambda m: "; ".join(a.raw_ar for a in m.event.amounts),
    )
    if len(claims) > 1:
        note = "different amounts or bounds"
        out.append(Disagreement(event=event_id, field="amount", claims=claims, note=note))
    named = [m for m in members if _persons(m)]
    if any(_apart(_persons(a), _persons(b)) for n, a in enumerate(named) for b in named[n + 1 :]):
        claims = _claims(named, lambda m: ", ".join(sorted(_persons(m).values())), lambda m: "")
        note = "each of two sources names someone the other does not"
        out.append(Disagreement(event=event_id, field="participants", claims=claims, note=note))
    return out


def _persons(m: EventReport) -> dict[str, str]:
    """Gazetteer-resolved people the source names: id → English name."""
    return {
        e.canonical_id: e.name_en
        for e in (*m.event.actors, *m.event.recipients)
        if e.kind == "person" and e.canonical_id
    }


def _apart(a: dict[str, str], b: dict[str, str]) -> bool:
    return not (a.keys() <= b.keys() or b.keys() <= a.keys())
