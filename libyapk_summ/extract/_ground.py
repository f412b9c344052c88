"""Step 5: ground what the model said in the source, and resolve it in code.

Names the model copied are checked against the sentence they came from and
resolved through the gazetteer; dates, amounts and places are read from the
evidence sentence by code; events told twice in one article become one event
with two pieces of evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..article._detect import Candidate
from ..article._load import Sentence
from ..contract._kinds import kind_of, root_of
from ..contract._labels import describe
from ..contract._models import Amount, Entity, Event, EventDate, EventSubtype, Evidence, Factuality
from ..names import _places
from ..names._names import Gazetteer, entity_key, entity_keys
from ..values._amounts import find_amounts
from ..values._dates import find_date_expressions, resolve_date
from . import _roles
from ._people import People
from ._questions import Name

HISTORICAL_AFTER_DAYS = 30
"""An event dated this long before publication is background, not the news."""

_PLACE_KINDS = ("place", "country")


@dataclass
class Draft:
    """An event under construction, before it becomes an :class:`Event`."""

    subtype: EventSubtype
    factuality: Factuality
    sentences: list[Sentence]
    actors: list[Entity] = field(default_factory=list)
    recipients: list[Entity] = field(default_factory=list)
    location: Entity | None = None
    date: EventDate = field(default_factory=EventDate)
    amounts: list[Amount] = field(default_factory=list)


def location_in(sentence: Sentence, gazetteer: Gazetteer) -> Entity | None:
    """The place the sentence says the event happened in (see ``_places``); None when it names none."""
    return _places.location_in(sentence.text, gazetteer)


def date_in(sentence: Sentence, published: dt.date | None) -> EventDate:
    mentions = find_date_expressions(sentence.text)
    if not mentions:
        return EventDate(precision="unknown", method="no date in the evidence sentence")
    return resolve_date(mentions[0].raw, published)


def settle_factuality(factuality: Factuality, date: EventDate, published: dt.date | None) -> Factuality:
    """Let the resolved date correct a cue: "had met yesterday" is news, "in December" is background."""
    if published is None or date.start is None:
        return factuality
    age = (published - (date.end or date.start)).days
    if factuality == "historical" and age <= HISTORICAL_AFTER_DAYS:
        return "asserted"
    if factuality == "asserted" and age > HISTORICAL_AFTER_DAYS:
        return "historical"
    return factuality


def draft(
    candidate: Candidate,
    names: tuple[Sequence[Name | str], Sequence[Name | str]],
    people: People,
    published: dt.date | None,
) -> Draft:
    s = candidate.sentence
    date = date_in(s, published)
    sides = people.sides(people.from_model(names[0], s), people.from_model(names[1], s), s)
    sides = _roles.settle(candidate, *sides, people)  # the clause says who did it, to whom
    return Draft(
        subtype=candidate.subtype,
        factuality=settle_factuality(candidate.factuality, date, published),
        sentences=[s],
        actors=sides[0],
        recipients=sides[1],
        location=_roles.place_of(candidate, people.gazetteer),
        date=date,
        amounts=find_amounts(s.text, country=_places.article_country(people.text, people.gazetteer))
        if _spec(candidate.subtype, "amounts")
        else [],
    )


def _spec(kind: str, field: str) -> bool:
    """A yes/no property of a kind from the registry (False for a kind none defines)."""
    k = kind_of(kind)
    return bool(k and getattr(k, field))


def _dates_compatible(a: EventDate, b: EventDate) -> bool:
    if a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    if a.precision == "month" or b.precision == "month":
        return (a.start.year, a.start.month) == (b.start.year, b.start.month) or (
            a.start <= b_end and b.start <= a_end
        )
    return a.start <= b_end and b.start <= a_end


def told_twice(a: Draft, b: Draft) -> bool:
    """Whether two drafts from one article tell the same event (across articles, that is
    ``_same_event.same_event``, on other rules).

    Same kind and factuality, compatible dates and places, and — for meetings,
    where different people meet on the same trip — a shared counterpart.
    """
    if a.subtype != b.subtype or not _dates_compatible(a.date, b.date):
        return False
    if a.factuality != b.factuality:
        # "the signed deal" told again without its date is the same deal told as background
        undated = a.date.raw_ar is None or b.date.raw_ar is None
        one_off = _spec(a.subtype, "retold")
        if not (one_off and undated and {a.factuality, b.factuality} == {"asserted", "historical"}):
            return False
    if a.location and b.location and a.location.kind == b.location.kind == "place":
        if (a.location.canonical_id or a.location.name_ar) != (b.location.canonical_id or b.location.name_ar):
            return False
    if _spec(a.subtype, "people_match"):
        ra, rb = entity_keys(a.recipients + a.actors), entity_keys(b.recipients + b.actors)
        if not ra or not rb:
            return False
        return len(ra & rb) >= 2 or ra <= rb or rb <= ra
    return True


def merge(into: Draft, other: Draft) -> None:
    """Fold ``other`` into ``into``: more evidence, and what ``into`` lacked."""
    into.sentences += [s for s in other.sentences if s not in into.sentences]
    known = entity_keys(into.actors + into.recipients)
    into.actors += [e for e in other.actors if entity_key(e) not in known]
    known = entity_keys(into.actors + into.recipients)
    into.recipients += [e for e in other.recipients if entity_key(e) not in known]
    dated = into.date.start is None and other.date.start is not None
    if dated or (into.date.raw_ar is None and other.date.raw_ar):
        into.date = other.date
        into.factuality = other.factuality
    if into.location is None or (
        into.location.kind != "place" and other.location and other.location.kind == "place"
    ):
        into.location = other.location or into.location
    into.amounts += [a for a in other.amounts if a.raw_ar not in {x.raw_ar for x in into.amounts}]


def dedupe(drafts: list[Draft]) -> list[Draft]:
    """Merge drafts that tell the same event, keeping reading order."""
    kept: list[Draft] = []
    for d in drafts:
        target = next((k for k in kept if told_twice(k, d)), None)
        if target is None:
            kept.append(d)
        else:
            merge(target, d)
    return kept


def to_event(d: Draft, article_id: str, n: int) -> Event:
    return Event(
        id=f"{article_id}#e{n}",
        type=root_of(d.subtype),
        subtype=d.subtype,
        summary_en=describe(d.subtype, d.factuality, d.actors, d.recipients, d.location, d.date, d.amounts),
        actors=d.actors,
        recipients=d.recipients,
        location=d.location,
        date=d.date,
        factuality=d.factuality,
        amounts=d.amounts,
        evidence=[s.evidence() for s in sorted(d.sentences, key=lambda s: s.number)],
    )


def verify(text: str, evidence: Evidence) -> bool:
    """The one check every span passes before it is reported."""
    return (
        0 <= evidence.start <= evidence.end <= len(text)
        and text[evidence.start : evidence.end] == evidence.quote_ar
    )
