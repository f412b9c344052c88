"""Across articles, step 2: block, compare, and group event reports into real events.

No report is compared with every other. Each is indexed under the people it
names (or, for agreements and institutional steps, its countries and city),
with its date window; a report is compared only with the reports found under
its principals in windows that meet its own. Groups grow by union with
*complete linkage*: two groups join only when every report of one is the same
event as every report of the other, so a month-precise report cannot chain
a 3 February meeting to a 10 February one.

The order of work is fixed, and every list is sorted by (article id, event id),
so the groups do not depend on the order of the input:

1. visits first, since other events are placed on a trip (below);
2. within each kind, dated reports are joined first, then each undated report
   joins the groups it fits — only if those groups fit each other; otherwise it
   stays apart and is linked to them as ``possibly_same``;
3. an event an article tells as part of a visit it also reports (same article,
   it happened, dates fit, no other city) is *on that trip*; two events on
   trips that are different real visits are not the same event.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ._same_event import BY_PLACE, EventReport, by_visitor, overlaps, realises, same_event

Key = tuple[str, ...]
Link = tuple[str, int, int]
"""(kind, report index of one group, report index of another group)."""


@dataclass
class _Bucket:
    """The reports filed under one blocking key: dated ones sorted by window start."""

    starts: list[dt.date] = field(default_factory=list)
    dated: list[int] = field(default_factory=list)
    undated: list[int] = field(default_factory=list)
    longest: int = 0


class Blocks:
    """An inverted index from blocking keys to reports, searched by date window."""

    def __init__(self, reports: list[EventReport]) -> None:
        self.reports = reports
        self._buckets: dict[Key, _Bucket] = defaultdict(_Bucket)
        start: dict[int, dt.date] = {}  # report index -> first day of its window, for dated reports
        for i, r in enumerate(reports):
            for key in index_keys(r):
                b = self._buckets[key]
                if r.window is None:
                    b.undated.append(i)
                else:
                    b.dated.append(i)
                    start[i] = r.window[0]
                    b.longest = max(b.longest, (r.window[1] - r.window[0]).days)
        for b in self._buckets.values():
            b.dated.sort(key=lambda j: (start[j], j))
            b.starts = [start[j] for j in b.dated]

    def candidates(self, i: int) -> set[int]:
        """Reports that share a blocking key with report ``i`` and whose windows meet it."""
        r = self.reports[i]
        found: set[int] = set()
        for key in query_keys(r):
            b = self._buckets.get(key)
            if b is None:
                continue
            found.update(b.undated)
            if r.window is None:
                found.update(b.dated)
                continue
            lo = bisect.bisect_left(b.starts, r.window[0] - dt.timedelta(days=b.longest))
            hi = bisect.bisect_right(b.starts, r.window[1])
            found.update(j for j in b.dated[lo:hi] if overlaps(r.window, self.reports[j].window))
        found.discard(i)
        return found


def index_keys(r: EventReport) -> list[Key]:
    st = r.event.subtype.value
    if r.event.subtype in BY_PLACE:
        keys: list[Key] = [(st, "all"), (st, "c", *sorted(r.countries))]
        return [*keys, (st, "place", r.place)] if r.place else keys
    return [(st, "p", p) for p in sorted(r.people | r.guests)]


def query_keys(r: EventReport) -> list[Key]:
    st = r.event.subtype.value
    if r.event.subtype in BY_PLACE:
        if r.window is None:
            return [(st, "place", r.place)] if r.place else []
        if not r.countries:
            return [(st, "all")]
        return [(st, "c", *sorted(r.countries)), (st, "c")]
    who = r.visitors | r.guests if by_visitor(r.event.subtype) and r.country is not None else r.principals
    return [(st, "p", p) for p in sorted(who)]


class _Groups:
    """Union-find over report indices, with complete linkage and the trip veto."""

    def __init__(self, reports: list[EventReport], trip_of: dict[int, int]) -> None:
        self.reports = reports
        self.parent = list(range(len(reports)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(reports))}
        self.trip_of = trip_of
        self.checks = 0

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def same(self, i: int, j: int) -> bool:
        self.checks += 1
        a, b = self.reports[i], self.reports[j]
        if not same_event(a, b):
            return False
        ti, tj = self.trip_of.get(i), self.trip_of.get(j)
        return ti is None or tj is None or self.find(ti) == self.find(tj)

    def fits(self, ga: int, gb: int) -> bool:
        return ga == gb or all(self.same(i, j) for i in self.members[ga] for j in self.members[gb])

    def union(self, ga: int, gb: int) -> None:
        keep, gone = min(ga, gb), max(ga, gb)
        self.parent[gone] = keep
        self.members[keep] = sorted(self.members[keep] + self.members.pop(gone))


@dataclass
class Grouping:
    """The result: groups of report indices (sorted), links between groups, and the work done."""

    groups: list[list[int]]
    links: set[Link]
    pairs_compared: int
    checks: int


def group(reports: list[EventReport], *, exhaustive: bool = False) -> Grouping:
    """Group event reports (sorted by key) into real-world events, and link related groups.

    Args:
        reports: the event reports, sorted by :attr:`EventReport.key`.
        exhaustive: compare every pair instead of blocking (to check that
            blocking loses nothing; quadratic).
    """
    n = len(reports)
    if exhaustive:
        pairs = {(i, j) for i in range(n) for j in range(i + 1, n)}
    else:
        blocks = Blocks(reports)
        pairs = {(min(i, j), max(i, j)) for i in range(n) for j in blocks.candidates(i)}
    trip_of = trips(reports)
    g = _Groups(reports, trip_of)
    links: set[Link] = set()
    for visits in (True, False):
        mine = sorted(p for p in pairs if by_visitor(reports[p[0]].event.subtype) is visits)
        for i, j in mine:  # dated with dated first
            if reports[i].window is not None and reports[j].window is not None:
                gi, gj = g.find(i), g.find(j)
                if gi != gj and g.fits(gi, gj):
                    g.union(gi, gj)
        partners: dict[int, set[int]] = defaultdict(set)
        for i, j in mine:
            if reports[i].window is None or reports[j].window is None:
                partners[i].add(j)
                partners[j].add(i)
        for u in sorted(i for i in partners if reports[i].window is None):
            links |= _join_undated(g, u, partners[u])
    for i, t in trip_of.items():
        links.add(("same_trip", i, t))
    for i, j in sorted(pairs):
        for plan, done in ((i, j), (j, i)):
            if realises(reports[plan], reports[done]):
                links.add(("realised_by", plan, done))
    groups = sorted(g.members.values())
    resolved = {(kind, g.find(a), g.find(b)) for kind, a, b in links}
    return Grouping(groups, {x for x in resolved if x[1] != x[2]}, len(pairs), g.checks)


def _join_undated(g: _Groups, u: int, partners: set[int]) -> set[Link]:
    """Join undated report ``u`` to the groups it fits, if they fit each other; else link them."""
    gu = g.find(u)
    fitting = sorted({gp for gp in (g.find(p) for p in partners) if gp != gu and g.fits(gu, gp)})
    if not fitting:
        return set()
    if all(g.fits(a, b) for n, a in enumerate(fitting) for b in fitting[n + 1 :]):
        for other in fitting:
            a, b = g.find(u), g.find(other)
            if a != b:
                g.union(a, b)
        return set()
    return {("possibly_same", u, other) for other in fitting}


def trips(reports: list[EventReport]) -> dict[int, int]:
    """Each event an article tells as part of a visit it also reports → that visit's index.

    The visit must be the only one in the article that happened at a fitting date
    with no other city; the event itself must have happened (not a plan). A
    country named near the event is not held against the trip: "between Libya
    and Pakistan" is how these sentences talk, not where the meeting was.
    """
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        by_article[r.article_id].append(i)
    out: dict[int, int] = {}
    for idx in by_article.values():
        visits = [i for i in idx if by_visitor(reports[i].event.subtype) and reports[i].mood == "realis"]
        for i in idx:
            r = reports[i]
            if by_visitor(r.event.subtype) or r.mood != "realis":
                continue
            fit = [v for v in visits if _on_trip(r, reports[v])]
            if len(fit) == 1:
                out[i] = fit[0]
    return out


def _on_trip(r: EventReport, visit: EventReport) -> bool:
    if r.event.factuality != visit.event.factuality or not overlaps(r.window, visit.window):
        return False
    if r.place is None:
        return True
    if visit.place is not None:
        return r.place == visit.place
    return visit.country is None or r.country is None or r.country == visit.country
