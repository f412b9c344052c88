"""The scorecard: how far each report can be trusted, in figures.

``libyapk-summ eval seeds/ [--facts tests/labelled_facts.json]`` prints, for a
set of articles: evidence verified, entities resolved to the gazetteer, dates
by precision, English-vs-source mismatches, events per article — and, given a
file of hand-labelled facts, how many of them the reports contain.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..contract._models import ArticleReport, Event
from ..extract._check import english_mismatches
from ..extract._ground import verify
from ..names._names import Gazetteer


@dataclass
class Scorecard:
    articles: int = 0
    events: int = 0
    spans: int = 0
    spans_verified: int = 0
    entities: int = 0
    entities_resolved: int = 0
    precision: Counter[str] = field(default_factory=Counter)
    relative_unresolved_with_pubdate: int = 0
    mismatches: list[str] = field(default_factory=list)
    facts_total: int = 0
    facts_found: list[str] = field(default_factory=list)
    facts_missed: list[str] = field(default_factory=list)

    def render(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.1f}% ({a}/{b})" if b else "n/a"

        dates = ", ".join(f"{k} {v}" for k, v in sorted(self.precision.items()))
        per_article = self.events / max(self.articles, 1)
        lines = [
            f"articles                      {self.articles}",
            f"events                        {self.events} ({per_article:.1f} per article)",
            f"evidence verified             {pct(self.spans_verified, self.spans)}",
            f"entities resolved (gazetteer) {pct(self.entities_resolved, self.entities)}",
            f"event dates by precision      {dates or 'n/a'}",
            f"dates unresolved despite a publication date {self.relative_unresolved_with_pubdate}",
            f"English-vs-source mismatches  {len(self.mismatches)}",
        ]
        lines += [f"    {m}" for m in self.mismatches]
        if self.facts_total:
            lines.append(f"labelled facts found          {pct(len(self.facts_found), self.facts_total)}")
            lines += [f"    missed: {m}" for m in self.facts_missed]
        return "\n".join(lines)


def score(reports: list[ArticleReport], facts: list[dict[str, Any]] | None = None,
          gazetteer: Gazetteer | None = None) -> Scorecard:  # fmt: skip
    """Compute the scorecard of a set of reports (and labelled facts, if given)."""
    gazetteer = gazetteer or Gazetteer.default()
    card = Scorecard(articles=len(reports))
    for r in reports:
        card.events += len(r.events)
        spans = [e for ev in r.events for e in ev.evidence] + [
            e for k in r.brief.key_points for e in k.evidence
        ]
        card.spans += len(spans)
        card.spans_verified += sum(verify(r.article.text, e) for e in spans)
        for ev in r.events:
            people = ev.actors + ev.recipients + ([ev.location] if ev.location else [])
            card.entities += len(people)
            card.entities_resolved += sum(e.verified for e in people)
            card.precision[ev.date.precision] += 1
            if r.article.published and ev.date.raw_ar and ev.date.start is None:
                card.relative_unresolved_with_pubdate += 1
        card.mismatches += [f"{r.article.id} {m.field}: {m.kind} {m.value!r} — {m.detail}" for m in
                            english_mismatches(r, gazetteer)]  # fmt: skip
    if facts:
        by_id = {r.article.id: r for r in reports}
        for fact in facts:
            report = by_id.get(fact["article"])
            if report is None:
                continue
            card.facts_total += 1
            found = any(fact_matches(fact, ev) for ev in report.events)
            (card.facts_found if found else card.facts_missed).append(f"{fact['id']}: {fact['what']}")
    return card


def load_facts(path: str | Path) -> list[dict[str, Any]]:
    return list(json.loads(Path(path).read_text(encoding="utf-8"))["facts"])


def fact_matches(fact: dict[str, Any], event: Event) -> bool:
    """Whether one event satisfies every constraint a labelled fact gives."""
    if "subtype" in fact and event.subtype.value != fact["subtype"]:
        return False
    if "factuality" in fact and event.factuality != fact["factuality"]:
        return False
    ids = {e.canonical_id for e in event.actors + event.recipients}
    if not set(fact.get("participants", [])) <= ids:
        return False
    if "location" in fact and (event.location is None or event.location.canonical_id != fact["location"]):
        return False
    want = fact.get("date")
    if want:
        d = event.date
        if "precision" in want and d.precision != want["precision"]:
            return False
        if "start" in want and d.start != dt.date.fromisoformat(want["start"]):
            return False
        if "end" in want and d.end != dt.date.fromisoformat(want["end"]):
            return False
        if "raw_contains" in want and want["raw_contains"] not in (d.raw_ar or ""):
            return False
    amount = fact.get("amount")
    if amount and not any(
        a.value == amount["value"]
        and a.currency == amount["currency"]
        and a.bound == amount.get("bound", a.bound)
        for a in event.amounts
    ):
        return False
    return True
