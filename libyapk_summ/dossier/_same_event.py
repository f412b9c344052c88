"""Across articles, step 1: when do two event reports tell the same real-world event?

Each article's :class:`Event` is an *event report*. Two reports are the same
event when they agree on what happened (subtype, mood), who (the principals),
where (the place) and when (dates widened by their precision). The rules are
code, so a dossier is reproducible from its reports:

- **Who** is read through the gazetteer's country of each person, not the
  model's actor/recipient split, which a small model often swaps. A report's
  *principals* are the first person named from each country. For a meeting
  each report's principals must appear among the other's people: "Haftar and
  Hammad meet Sharif" and "Haftar meets Sharif, with Saddam Haftar present"
  agree; "Saddam Haftar meets Sharif" and "Khalifa Haftar meets Sharif" do not.
  For a visit the *visitor* decides (the first person from outside the
  destination's country; hosts vary by outlet); a report naming only a body
  ("the Pakistani army chief visited Benghazi") matches on that body, in the
  same city. Agreements and institutional steps (a consulate, a committee)
  are decided by the countries involved, the place and the amount; outlets
  name different signatories, so people only veto when none is shared.
- **When**: a day widens by one day (outlets differ across midnight), a visit
  by three (it lasts several days); a month or year covers itself. An undated
  report fits any date, so it must say more: the same principals (meetings),
  the same city or hosts (visits), the same city (agreements, consulates).
- **Where**: two cities must be the same city, two countries the same country.
- **Mood**: asserted and historical both say it happened (which one depends
  on the article's own date) and may merge; a plan and its realisation are
  linked, never merged; a denial merges only with a denial.

The trip rule (events told on different visits differ) and the order of
merging are in ``_group``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..article._published import published_day
from ..contract._kinds import identity
from ..contract._models import ArticleReport, Entity, Event, Factuality
from ..names._names import entity_key

DAY_SLACK = dt.timedelta(days=1)
AMOUNT_RATIO = 1.5
"""Two amounts in one currency further apart than this are two deals, not one."""


def by_place(kind: str) -> bool:
    """Kinds identified by the countries and place involved, not by who is named (``identity.by``)."""
    return identity(kind).by == "parties"


def by_visitor(kind: str) -> bool:
    """Kinds identified by who travelled (registry ``identity.by == "visitor"``)."""
    return identity(kind).by == "visitor"


class _ByPlace:
    """``kind in BY_PLACE``: kept for callers of the old frozenset."""

    def __contains__(self, kind: object) -> bool:
        return isinstance(kind, str) and by_place(kind)


BY_PLACE = _ByPlace()

Countries = Callable[[str], "str | None"]
"""Canonical id → ISO country code (from the gazetteer), or None."""


def mood(factuality: Factuality) -> str:
    """``realis`` (asserted, historical), ``irrealis`` (planned, speculated) or ``negated``."""
    if factuality in ("asserted", "historical"):
        return "realis"
    return "negated" if factuality == "negated" else "irrealis"


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's event, with what the cross-article rules compare, computed once."""

    article_id: str
    title: str | None
    published: dt.date | None
    event: Event
    window: tuple[dt.date, dt.date] | None
    exact: tuple[dt.date, dt.date] | None
    place: str | None
    country: str | None
    people: frozenset[str]
    principals: frozenset[str]
    visitors: frozenset[str]
    guests: frozenset[str]
    countries: frozenset[str]

    @property
    def key(self) -> tuple[str, str]:
        """The sort key that makes every result independent of input order."""
        return (self.article_id, self.event.id)

    @property
    def mood(self) -> str:
        return mood(self.event.factuality)


def _windows(event: Event) -> tuple[tuple[dt.date, dt.date] | None, tuple[dt.date, dt.date] | None]:
    d = event.date
    if d.start is None or d.precision == "unknown":
        return None, None
    exact = (d.start, d.end or d.start)
    if d.precision == "month" or d.precision == "year":
        return exact, exact
    slack = dt.timedelta(days=identity(event.subtype).slack_days)
    return (exact[0] - slack, exact[1] + slack), exact


def event_reports(reports: Iterable[ArticleReport], countries: Countries) -> list[EventReport]:
    """Every event of every report, wrapped and sorted by (article id, event id).

    A report given twice (same article and event ids) is kept once.
    """
    out: dict[tuple[str, str], EventReport] = {}
    for r in reports:
        for e in r.events:
            if (r.article.id, e.id) not in out:
                out[(r.article.id, e.id)] = _wrap(r, e, countries)
    return [out[k] for k in sorted(out)]


def _told_at(e: Event, person: Entity) -> int:
    """Where the event's first sentence names this person: the principal of a side is the one the
    Arabic names first, not the first the model happened to list."""
    quote = e.evidence[0].quote_ar if e.evidence else ""
    at = quote.find(person.name_ar) if person.name_ar else -1
    return at if at >= 0 else len(quote) + 1


def _wrap(report: ArticleReport, e: Event, countries: Countries) -> EventReport:
    window, exact = _windows(e)
    loc = e.location
    place = entity_key(loc) if loc is not None and loc.kind == "place" else None
    country = countries(loc.canonical_id) if loc is not None and loc.canonical_id else None
    named = [x for x in (*e.actors, *e.recipients) if x.kind not in ("place", "country")]
    persons = sorted((x for x in named if x.kind == "person"), key=lambda x: _told_at(e, x))
    sides: dict[str, str] = {}
    for p in persons:
        c = countries(p.canonical_id) if p.canonical_id else None
        if c is not None:
            sides.setdefault(c, entity_key(p))
    # From abroad, when the destination's country is known: the visiting side of a visit.
    guests = [
        x
        for x in named
        if x.canonical_id and country is not None and countries(x.canonical_id) not in (None, country)
    ]
    visitor = next(
        (entity_key(x) for x in sorted(guests, key=lambda x: _told_at(e, x)) if x.kind == "person"), None
    )
    all_countries = {countries(x.canonical_id) for x in (*e.actors, *e.recipients) if x.canonical_id}
    return EventReport(
        article_id=report.article.id,
        title=report.article.title,
        published=published_day(report.article),
        event=e,
        window=window,
        exact=exact,
        place=place,
        country=country,
        people=frozenset(entity_key(p) for p in persons),
        principals=frozenset(sides.values()),
        visitors=frozenset([visitor] if visitor else []),
        guests=frozenset(entity_key(x) for x in guests),
        countries=frozenset(c for c in all_countries if c is not None),
    )


def overlaps(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    """Whether two date windows meet; an unknown window meets any."""
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def places_agree(a: EventReport, b: EventReport) -> bool:
    """Different cities, or different countries, are different places; unknown agrees."""
    if a.place is not None and b.place is not None and a.place != b.place:
        return False
    return a.country is None or b.country is None or a.country == b.country


def _amounts_agree(a: Event, b: Event) -> bool:
    for x in a.amounts:
        for y in b.amounts:
            if x.currency == y.currency and x.value and y.value:
                if max(x.value, y.value) / min(x.value, y.value) > AMOUNT_RATIO:
                    return False
    return True


def _principals_agree(a: EventReport, b: EventReport, undated: bool) -> bool:
    if not a.principals or not b.principals:
        return False
    if undated:
        return a.principals == b.principals
    return a.principals <= b.people and b.principals <= a.people


def _visitors_agree(a: EventReport, b: EventReport, undated: bool) -> bool:
    if a.country is None or b.country is None:
        return _principals_agree(a, b, undated)
    same_city = a.place is not None and a.place == b.place
    if a.visitors and b.visitors:
        if a.visitors != b.visitors:
            return False
        # Undated, the same visitor may have come twice: then the city, or the hosts, must agree.
        hosts_a, hosts_b = a.principals - a.visitors, b.principals - b.visitors
        return not undated or same_city or not hosts_a or not hosts_b or hosts_a == hosts_b
    # "The Pakistani army chief visited Benghazi" may name no one: the same body, in the same city.
    return same_city and bool(a.guests & b.guests)


def _parties_agree(a: EventReport, b: EventReport, undated: bool) -> bool:
    # One report may name only one side ("Pakistan … a consulate in Benghazi"): the countries of
    # one must be among the other's, not the same set.
    if a.countries and b.countries and not (a.countries <= b.countries or b.countries <= a.countries):
        return False
    if not _amounts_agree(a.event, b.event):
        return False
    if a.principals and b.principals and not (a.principals & b.people or b.principals & a.people):
        return False
    # Without a date, only the same city (and nothing contradicting) ties two of these together.
    return not undated or (a.place is not None and a.place == b.place)


def compatible(a: EventReport, b: EventReport) -> bool:
    """Same subtype, date, place and participants — everything but the mood.

    Two events of one article are never the same: the article already told them apart.
    """
    if a.article_id == b.article_id or a.event.subtype != b.event.subtype:
        return False
    if not overlaps(a.window, b.window) or not places_agree(a, b):
        return False
    undated = a.window is None or b.window is None
    if by_visitor(a.event.subtype):
        return _visitors_agree(a, b, undated)
    if by_place(a.event.subtype):
        return _parties_agree(a, b, undated)
    return _principals_agree(a, b, undated)


def same_event(a: EventReport, b: EventReport) -> bool:
    """Whether two event reports tell the same real-world event (and may be merged)."""
    return a.mood == b.mood and compatible(a, b)


def realises(plan: EventReport, done: EventReport) -> bool:
    """Whether ``done`` (it happened) carries out ``plan`` (it was intended): linked, not merged."""
    if plan.mood != "irrealis" or done.mood != "realis" or not compatible(plan, done):
        return False
    # A realisation reported before the plan was published is not its realisation.
    return plan.published is None or done.exact is None or done.exact[1] >= plan.published
