"""Synthetic article reports with a known truth, for testing and timing dossiers at scale.

Real events (meetings, visits, deals, consulates, ...) among a few hundred
people of several countries over two years are each told by one to five
outlets, the way outlets differ: a month instead of the day, a day off by
one, the country instead of the city, fewer attendees, actor and recipient
swapped, "about" instead of "more than", no date at all. Some plans are
later carried out.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from ..contract._models import (
    SUBTYPE_TO_TYPE,
    Amount,
    Article,
    ArticleReport,
    Brief,
    Entity,
    Event,
    EventDate,
    EventSubtype,
    Evidence,
    Factuality,
    Provenance,
    Published,
)
from ..names._names import Gazetteer

_COUNTRIES = ("LY", "PK", "EG", "TR", "IT", "FR", "QA", "AE")
_START = dt.date(2024, 6, 1)
_DAYS = 730
# Test data: how often each packaged kind is drawn (meetings and visits dominate the news).
_MIX = {
    "official_visit": 20,
    "meeting": 30,
    "agreement_signed": 8,
    "defence_deal": 6,
    "military_cooperation": 6,
    "consulate_opening": 4,
    "committee_formed": 3,
    "statement_of_support": 8,
    "training_or_aid": 5,
}
_SUBTYPES = [EventSubtype(k) for k in _MIX]
_WEIGHTS = tuple(_MIX.values())


@dataclass(frozen=True)
class Synthetic:
    """The reports, the gazetteer of their people and places, and the truth."""

    reports: list[ArticleReport]
    gazetteer: Gazetteer
    truth: dict[str, str]
    """source event id → id of the real event it reports."""


def _gazetteer(people: int, rng: random.Random) -> Gazetteer:
    entries = [
        {"id": f"p{n:03d}", "kind": "person", "name_en": f"Person {n}", "country": rng.choice(_COUNTRIES)}
        for n in range(people)
    ]
    entries += [{"id": f"c-{c}", "kind": "country", "name_en": c, "country": c} for c in _COUNTRIES]
    entries += [
        {"id": f"city-{c}-{n}", "kind": "place", "name_en": f"City {c}{n}", "country": c}
        for c in _COUNTRIES
        for n in range(4)
    ]
    return Gazetteer({"entries": entries})


_Entry = dict[str, Any]
"""A gazetteer entry as :meth:`Gazetteer.entry` gives it (a copy of its JSON object)."""


class _Real(TypedDict):
    """One real event that outlets report."""

    id: str
    subtype: EventSubtype
    a: _Entry
    b: _Entry
    extra: list[_Entry]
    day: dt.date
    span: int
    city: _Entry
    country: _Entry
    amount: float | None
    factuality: Factuality


def _entry(gaz: Gazetteer, entry_id: str) -> _Entry:
    """The entry with this id, which :func:`_gazetteer` made; KeyError if it did not."""
    e = gaz.entry(entry_id)
    if e is None:
        raise KeyError(entry_id)
    return e


def _entity(entry: _Entry, name_ar: str | None = None) -> Entity:
    return Entity(
        name_ar=name_ar or entry["id"],
        name_en=entry["name_en"],
        kind=entry["kind"],
        canonical_id=entry["id"],
        verified=True,
    )


def _real_event(n: int, gaz: Gazetteer, people: list[_Entry], rng: random.Random) -> _Real:
    subtype = rng.choices(_SUBTYPES, _WEIGHTS)[0]
    a = rng.choice(people)
    b = rng.choice([p for p in people if p["country"] != a["country"]])
    host = b["country"]
    extra = rng.sample([p for p in people if p["country"] in (a["country"], host)], rng.randint(0, 4))
    day = _START + dt.timedelta(days=rng.randrange(_DAYS))
    planned = (
        subtype in (EventSubtype.CONSULATE_OPENING, EventSubtype.COMMITTEE_FORMED) and rng.random() < 0.5
    )
    return {
        "id": f"real{n:05d}",
        "subtype": subtype,
        "a": a,
        "b": b,
        "extra": [p for p in extra if p["id"] not in (a["id"], b["id"])],
        "day": day,
        "span": rng.choice((1, 1, 1, 2, 3)) if subtype is EventSubtype.OFFICIAL_VISIT else 1,
        "city": _entry(gaz, f"city-{host}-{rng.randrange(4)}"),
        "country": _entry(gaz, f"c-{host}"),
        "amount": rng.choice((None, 1e8, 5e8, 2e9, 4e9)),
        "factuality": "planned" if planned else "asserted",
    }


def _date(real: _Real, rng: random.Random) -> EventDate:
    day, span = real["day"], real["span"]
    roll = rng.random()
    if roll < 0.15:
        return EventDate(raw_ar="منذ فترة")
    if roll < 0.35:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return EventDate(start=first, end=last, precision="month", raw_ar="الشهر")
    if span > 1:
        return EventDate(start=day, end=day + dt.timedelta(days=span - 1), precision="range", raw_ar="من إلى")
    if roll < 0.40:
        day += dt.timedelta(days=rng.choice((-1, 1)))  # an outlet a day off
    return EventDate(start=day, end=day, precision="day", raw_ar="يوم")


def _report_event(real: _Real, ident: str, rng: random.Random) -> Event:
    sides = [[_entity(real["a"])], [_entity(real["b"])]]
    for p in real["extra"]:  # attendees, each after the principal of their own side
        if rng.random() < 0.6:
            sides[0 if p["country"] == real["a"]["country"] else 1].append(_entity(p))
    if rng.random() < 0.1:
        sides.reverse()  # the model swapped who did what
    if real["subtype"] is EventSubtype.OFFICIAL_VISIT:
        sides = [[_entity(real["a"])], [x for x in sides[0] + sides[1] if x.canonical_id != real["a"]["id"]]]
    where = rng.random()
    location = _entity(real["city"]) if where < 0.6 else _entity(real["country"]) if where < 0.85 else None
    amounts: list[Amount] = []
    if real["amount"] and real["subtype"] in (EventSubtype.DEFENCE_DEAL, EventSubtype.AGREEMENT_SIGNED):
        bounds: tuple[Literal["exact", "about", "more_than"], ...] = ("exact", "about", "more_than")
        bound = rng.choice(bounds)
        amounts = [Amount(value=real["amount"], currency="USD", bound=bound, raw_ar="مليار دولار")]
    factuality: Factuality = real["factuality"]
    return Event(
        id=ident,
        type=SUBTYPE_TO_TYPE[real["subtype"]],
        subtype=real["subtype"],
        summary_en=f"{real['subtype'].value} {real['id']}",
        actors=sides[0],
        recipients=sides[1],
        location=location,
        date=_date(real, rng),
        factuality=factuality,
        amounts=amounts,
        evidence=[Evidence(quote_ar="خبر", start=0, end=3, sentence=1)],
    )


def synthetic_reports(n_reports: int = 5000, *, people: int = 300, seed: int = 0) -> Synthetic:
    """About ``n_reports`` event reports (a few per article) telling about ``n_reports / 2.5`` real events.

    Args:
        n_reports: event reports to make.
        people: size of the cast.
        seed: the same seed gives the same reports.
    """
    rng = random.Random(seed)
    gaz = _gazetteer(people, rng)
    cast = [_entry(gaz, f"p{n:03d}") for n in range(people)]
    told: list[tuple[_Real, int]] = []
    n = 0
    while len(told) < n_reports:
        real = _real_event(n, gaz, cast, rng)
        n += 1
        told += [(real, k) for k in range(min(rng.choice((1, 1, 2, 2, 3, 3, 4, 5)), n_reports - len(told)))]
        if real["factuality"] == "planned" and rng.random() < 0.5:  # carried out later
            done = real.copy()
            done["id"], done["factuality"] = real["id"] + "-done", "asserted"
            done["day"] = real["day"] + dt.timedelta(days=rng.randrange(30, 200))
            told.append((done, 0))
    rng.shuffle(told)
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    reports: list[ArticleReport] = []
    truth: dict[str, str] = {}
    for a in range(0, len(told), 3):
        article_id = f"syn{a // 3:05d}"
        events: list[Event] = []
        seen: set[str] = set()
        for real, _ in told[a : a + 3]:
            if real["id"] in seen:  # one article tells a real event once
                continue
            seen.add(real["id"])
            e = _report_event(real, f"{article_id}#e{len(events) + 1}", rng)
            events.append(e)
            truth[e.id] = real["id"]
        latest = max(real["day"] for real, _ in told[a : a + 3]) + dt.timedelta(days=rng.randrange(3))
        article = Article(id=article_id, text="خبر", published=Published(value=latest, method="given"))
        brief = Brief(headline_ar="خبر", headline_en="news", summary_ar="خبر", summary_en="news")
        prov = Provenance(
            model="synthetic",
            backend="synthetic",
            prompt_version="-",
            library_version="-",
            created_at=created,
        )
        reports.append(ArticleReport(article=article, brief=brief, events=events, provenance=prov))
    return Synthetic(reports=reports, gazetteer=gaz, truth=truth)
