"""Across articles: one dossier of real-world events, each with every source that reports it.

    >>> from pathlib import Path
    >>> from libyapk_summ import build_dossier, summarize_many
    >>> paths = sorted(Path("seeds").glob("*.txt"))
    >>> dossier = build_dossier(summarize_many(paths))
    >>> len(dossier.events), len(dossier.timeline), len(dossier.disagreements)
    (19, 19, 1)
    >>> first = dossier.timeline[0]
    >>> first.label, first.sources
    ('2025-12-17..2025-12-19', 2)
    >>> conflict = dossier.disagreements[0]
    >>> conflict.field, [claim.value for claim in conflict.claims]
    ('amount', ['more than 4,000,000,000 USD', 'about 4,000,000,000 USD'])

Like PLOVER's event/event-report split and GDELT's mentions table, every
report is kept and linked, never thrown away. The steps, one module each:
``_same_event`` (when two reports tell the same event) → ``_group`` (block,
compare, group, link) → ``_refine`` (merged values, disagreements) → here
(the dossier, its timeline and its text form). Merging is code: the same
reports give the same dossier, byte for byte, in any input order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from typing import get_args

from ..contract import _dossier_models as models
from ..contract._dossier_models import Dossier, DossierEvent, Link, LinkKind
from ..contract._labels import date_label, describe
from ..contract._models import SUBTYPE_TO_TYPE, ArticleReport, Entity
from ..names._names import Gazetteer
from ._group import Grouping, group
from ._refine import (
    PRECISION_RANK,
    choose_amounts,
    choose_date,
    choose_factuality,
    choose_location,
    disagreements,
    participants,
)
from ._same_event import EventReport, event_reports

_INVERSE: dict[LinkKind, LinkKind] = {
    "realised_by": "realises",
    "same_trip": "same_trip",
    "possibly_same": "possibly_same",
}


def build_dossier(
    reports: Iterable[ArticleReport | BaseException],
    *,
    link_plans: bool = True,
    gazetteer: Gazetteer | None = None,
) -> Dossier:
    """Merge the event reports of many articles into one dossier of real-world events.

    Args:
        reports: article reports, e.g. from :func:`summarize_many`; errors in
            the list (a failed article) are skipped.
        link_plans: link a plan to the event that carried it out
            (``realised_by`` / ``realises``); they are never merged.
        gazetteer: where people's and places' countries are looked up (default:
            the packaged one); pass the one the reports were made with.

    Returns:
        A :class:`Dossier`: events (each with every source), a timeline,
        disagreements between sources, and counts.
    """
    gaz = gazetteer or Gazetteer.default()
    kept = [r for r in reports if isinstance(r, ArticleReport)]
    members = event_reports(kept, _country_lookup(gaz))
    grouping = group(members)
    ids = {min(g): event_id([members[i] for i in g]) for g in grouping.groups}
    links = _links(grouping, ids, link_plans)
    events = [
        _event(ids[min(g)], [members[i] for i in g], links.get(ids[min(g)], [])) for g in grouping.groups
    ]
    conflicts = [d for g in grouping.groups for d in disagreements(ids[min(g)], [members[i] for i in g])]
    n = len(members)
    stats = models.DossierStats(
        reports_in=len(kept),
        event_reports_in=n,
        events_out=len(events),
        sources_per_event=dict(sorted(Counter(len(e.sources) for e in events).items())),
        disagreements=len(conflicts),
        disagreements_by_field=dict(sorted(Counter(d.field for d in conflicts).items())),
        links=sum(len(v) for v in links.values()) // 2,
        pairs_compared=grouping.pairs_compared,
        pairs_possible=n * (n - 1) // 2,
        checks=grouping.checks,
    )
    return Dossier(events=events, timeline=timeline(events), disagreements=conflicts, stats=stats)


def event_id(members: list[EventReport]) -> str:
    """A stable id: the same sources always give the same id."""
    digest = hashlib.sha256("\n".join(sorted(m.event.id for m in members)).encode()).hexdigest()
    return f"ev-{digest[:12]}"


def _country_lookup(gaz: Gazetteer) -> Callable[[str], str | None]:
    cache: dict[str, str | None] = {}

    def country(entry_id: str) -> str | None:
        if entry_id not in cache:
            cache[entry_id] = (gaz.entry(entry_id) or {}).get("country")
        return cache[entry_id]

    return country


_LINK_KINDS: tuple[LinkKind, ...] = get_args(LinkKind)


def _link_kind(kind: str) -> LinkKind:
    """The grouping's link kind as a :data:`LinkKind`; ValueError for any other string."""
    for known in _LINK_KINDS:
        if kind == known:
            return known
    raise ValueError(f"unknown link kind {kind!r}")


def _links(grouping: Grouping, ids: dict[int, str], link_plans: bool) -> dict[str, list[Link]]:
    out: dict[str, set[tuple[LinkKind, str]]] = {}
    for name, a, b in grouping.links:
        kind = _link_kind(name)
        if kind == "realised_by" and not link_plans:
            continue
        out.setdefault(ids[a], set()).add((kind, ids[b]))
        out.setdefault(ids[b], set()).add((_INVERSE[kind], ids[a]))
    return {k: [Link(kind=kind, event=e) for kind, e in sorted(v)] for k, v in out.items()}


def _event(eid: str, members: list[EventReport], links: list[Link]) -> DossierEvent:
    date, date_from = choose_date(members)
    location, location_from = choose_location(members)
    amounts, amounts_from = choose_amounts(members)
    actors, recipients = participants(members)
    subtype, factuality = members[0].event.subtype, choose_factuality(members)
    return DossierEvent(
        id=eid,
        type=SUBTYPE_TO_TYPE[subtype],
        subtype=subtype,
        factuality=factuality,
        summary_en=describe(subtype, factuality, _named(actors), _named(recipients), location, date, amounts),
        actors=actors,
        recipients=recipients,
        location=location,
        location_from=location_from,
        date=date,
        date_from=date_from,
        amounts=amounts,
        amounts_from=amounts_from,
        sources=[
            models.Source(article_id=m.article_id, title=m.title, published=m.published, event=m.event)
            for m in members
        ],
        links=links,
    )


def _named(side: list[Entity], most: int = 3) -> list[Entity]:
    """Who a one-line summary names for one side: resolved people first, else resolved bodies."""
    people = [e for e in side if e.verified and e.kind == "person"]
    shown = people or [e for e in side if e.verified and e.kind != "place"]
    if len(shown) <= most:
        return shown
    more = Entity(name_ar="", name_en=f"+{len(shown) - most} more")
    return [*shown[:most], more]


def timeline(events: list[DossierEvent]) -> list[models.TimelineEntry]:
    """The events in time order (earliest start, then the most precise); undated events last."""

    def order(e: DossierEvent) -> tuple[int, str, str, int, str, str]:
        d = e.date
        if d.start is None or d.precision == "unknown":
            return (1, "", "", 0, e.subtype.value, e.id)
        return (0, d.start.isoformat(), (d.end or d.start).isoformat(), PRECISION_RANK[d.precision], "", e.id)

    return [
        models.TimelineEntry(
            event=e.id,
            label=date_label(e.date),
            start=e.date.start,
            end=e.date.end,
            precision=e.date.precision,
            subtype=e.subtype,
            factuality=e.factuality,
            summary_en=e.summary_en,
            sources=len(e.sources),
        )
        for e in sorted(events, key=order)
    ]


def render(dossier: Dossier) -> str:
    """The timeline as plain text: one event per entry with its sources, then the disagreements."""
    events = {e.id: e for e in dossier.events}
    lines = []
    for t in dossier.timeline:
        e = events[t.event]
        lines.append(f"{t.label:<22} {t.precision:<7} {e.summary_en}")
        lines.append(
            f"{'':<30} {e.id} · {len(e.sources)} source(s): {', '.join(s.article_id for s in e.sources)}"
        )
    for d in dossier.disagreements:
        claims = " | ".join(f"{c.value} ({', '.join(c.sources)})" for c in d.claims)
        lines.append(f"disagreement · {d.field} · {d.event}: {claims}")
    s = dossier.stats
    lines.append(
        f"{s.event_reports_in} event report(s) from {s.reports_in} article(s) → {s.events_out} event(s); "
        f"{s.disagreements} disagreement(s)"
    )
    return "\n".join(lines)
