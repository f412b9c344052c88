"""Step 6: report — a readable bilingual digest of a report, for terminals and logs."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..contract._labels import amount_label, date_line
from ..contract._models import ArticleReport, Entity, Event


def _wrap(text: str, indent: str = "    ", width: int = 100) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def event_line(event: Event) -> str:
    where = event.location.name_en if event.location else "place unknown"
    kind = f"{event.type.value}/{event.subtype.value}"
    return f"{kind} · {event.factuality} · {date_line(event.date)} · {where}"


def _names(entities: list[Entity]) -> str:
    return ", ".join(e.name_en + ("" if e.verified else "?") for e in entities) or "—"


def _mark(status: str) -> str:
    return "" if status == "checked" else f" ({status})"


def _summary_mark(statuses: Sequence[str]) -> str:
    composed, withheld = statuses.count("composed"), statuses.count("withheld")
    parts = [f"{composed} composed from the events"] * bool(composed) + [f"{withheld} withheld"] * bool(
        withheld
    )
    return f" (summary: {', '.join(parts)})" if parts else ""


def english_lines(report: ArticleReport) -> list[str]:
    """How each English sentence of the brief was checked: a count, then each one not published
    as translated, with the checks it failed, the Arabic and the unverified translation."""
    b = report.brief
    if not b.sentences:
        return []
    failed = [u for u in b.sentences if u.status != "checked"]
    composed = sum(1 for u in failed if u.composed)
    passed = len(b.sentences) - len(failed)
    head = f"English: {passed} of {len(b.sentences)} translation(s) passed every check"
    if failed:
        head += f"; {len(failed)} withheld ({composed} replaced by a sentence composed from the events)"
    lines = [head]
    for u in failed:
        lines.append(f"  ✗ {u.unit} withheld: " + "; ".join(u.failed))
        lines.append(_wrap(f"AR {u.ar}", "      "))
        lines.append(_wrap(f"EN (unverified) {u.translation}", "      "))
        if u.composed:
            lines.append(_wrap(f"EN (composed, published) {u.composed}", "      "))
    return lines


def digest(report: ArticleReport) -> str:
    """A plain-text digest: both briefs, key points, and events with their evidence."""
    a, b = report.article, report.brief
    pub = (
        f"published {a.published.value} ({a.published.method})" if a.published else "publication date unknown"
    )
    lines = [
        f"━━ {a.id} · {pub}",
        f"EN  {b.headline_en or '(headline withheld)'}{_mark(b.headline_status)}",
        _wrap(b.summary_en + _summary_mark(b.summary_status)),
        f"AR  {b.headline_ar}",
        _wrap(b.summary_ar),
    ]
    if b.key_points:
        lines.append("Key points:")
        for k in b.key_points:
            text = k.en + _mark(k.status) if k.en else "(English withheld: it failed a check; see below)"
            lines.append(_wrap(f"• {text}  [s{k.evidence[0].sentence}]", "  "))
    lines += english_lines(report)
    lines.append(f"Events ({len(report.events)}):")
    for n, e in enumerate(report.events, 1):
        lines.append(f"  {n}. {event_line(e)}")
        lines.append(f"     {_names(e.actors)} → {_names(e.recipients)}")
        if e.amounts:
            lines.append("     " + "; ".join(amount_label(m) for m in e.amounts))
        ev = e.evidence[0]
        quote = ev.quote_ar if len(ev.quote_ar) <= 90 else ev.quote_ar[:88] + "…"
        more = f" (+{len(e.evidence) - 1} more)" if len(e.evidence) > 1 else ""
        lines.append(f"     «{quote}» [{ev.start}:{ev.end}]{more}")
        if e.date.note:
            lines.append(f"     date note: {e.date.note}")
    if report.warnings:
        lines.append(f"Checks ({len(report.warnings)} English-vs-source mismatch(es) left after one re-ask):")
        lines += [f"  ! {w}" for w in report.warnings]
    u, p = report.usage, report.provenance
    how = "replayed" if p.replayed else ("cached" if p.cached else "live")
    lines.append(
        f"  ({how} · {p.model} · prompts {p.prompt_version} · {u.calls} calls, "
        f"{u.prompt_tokens}+{u.completion_tokens} tokens spent, "
        f"{u.saved_prompt_tokens}+{u.saved_completion_tokens} saved)"
    )
    return "\n".join(lines)
