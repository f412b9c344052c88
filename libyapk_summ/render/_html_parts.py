"""Small HTML pieces shared by the report page, its dossier section and the notebook views,
and the :class:`PageIndex` the page and its dossier section link through.

Every value that came from an article or a model goes through :func:`esc`
(``html.escape`` with ``quote=True``) and nothing else; ids and classes are
made here from integers and fixed words.
"""

from __future__ import annotations

import heapq
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..contract._labels import amount_label, date_label
from ..contract._models import Amount, ArticleReport, Entity, EventDate, Evidence
from ._html_assets import ARABIC_FONTS

AR_STYLE = f"font-family:{ARABIC_FONTS};text-align:right"
"""Inline style for Arabic in notebook output, where the page's style sheet is absent."""


@dataclass
class PageIndex:
    """Where things are on the page, so the dossier can link to articles, events and spans."""

    articles: dict[str, str] = field(default_factory=dict)
    """article id → section id (``a1``)."""
    events: dict[str, str] = field(default_factory=dict)
    """an article's event id (``<article id>#e1``) → row id (``a1-e1``)."""
    spans: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    """article id → (start, end) → mark id (``a1-s3``)."""


def esc(value: object) -> str:
    """``html.escape(str(value), quote=True)``: safe in text and in quoted attributes."""
    return html.escape(str(value), quote=True)


def ar(text: str, tag: str = "span", *, style: bool = False) -> str:
    """Arabic as a right-to-left element; ``style`` adds the font stack inline (notebooks)."""
    extra = f' style="{esc(AR_STYLE)}"' if style else ""
    return f'<{tag} dir="rtl" lang="ar"{extra}>{esc(text)}</{tag}>'


def entity(e: Entity) -> str:
    """The English name ("?" when not verified), with the Arabic as written on hover."""
    mark = "" if e.verified or not e.name_ar else "?"
    hover = f' title="{esc(e.name_ar)}"' if e.name_ar else ""
    return f"<span{hover}>{esc(e.name_en)}{mark}</span>"


def entities(side: Iterable[Entity]) -> str:
    """Names joined by commas, or an em dash for nobody."""
    return ", ".join(entity(e) for e in side) or "—"


def amounts(values: Iterable[Amount]) -> str:
    """``more than 4,000,000,000 USD`` for each amount, the Arabic as written on hover."""
    return "; ".join(f'<span title="{esc(a.raw_ar)}">{esc(amount_label(a))}</span>' for a in values)


def when(d: EventDate, *, style: bool = False) -> str:
    """The date label, its precision, the raw Arabic expression it was resolved from, and its note
    ("weekday الإثنين does not match 2026-02-03")."""
    raw = f"<br>{ar(d.raw_ar, style=style)}" if d.raw_ar else ""
    note = f'<br><span class="note">note: {esc(d.note)}</span>' if d.note else ""
    return f'{esc(date_label(d))} <span class="muted">({esc(d.precision)})</span>{raw}{note}'


def status_tag(status: str) -> str:
    """Nothing for a checked translation; a tag for English composed by code or withheld."""
    return "" if status == "checked" else " " + tag(status, f"en-{status}")


def tag(text: str, kind: str = "") -> str:
    """A small label; ``kind`` is a fixed word of this module (a factuality), never data."""
    cls = f"tag f-{kind}" if kind else "tag"
    return f'<span class="{esc(cls)}">{esc(text)}</span>'


def shorten(text: str, most: int = 90) -> str:
    """At most ``most`` characters, cut with an ellipsis."""
    return text if len(text) <= most else text[: most - 1] + "…"


def evidence_spans(report: ArticleReport) -> list[Evidence]:
    """Every evidence span of a report: key points, events and the publication date."""
    found = [ev for k in report.brief.key_points for ev in k.evidence]
    found += [ev for e in report.events for ev in e.evidence]
    if report.article.published and report.article.published.evidence:
        found.append(report.article.published.evidence)
    return found


def span_ids(report: ArticleReport, prefix: str) -> dict[tuple[int, int], str]:
    """An id for each distinct verified span, ``<prefix>-s1`` … in text order.

    A span whose offsets do not select its quote (a hand-edited report) gets
    no id and no highlight, rather than a wrong one.
    """
    text = report.article.text
    found = {
        (ev.start, ev.end)
        for ev in evidence_spans(report)
        if ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.quote_ar
    }
    return {span: f"{prefix}-s{n}" for n, span in enumerate(sorted(found), 1)}


def span_links(spans: Mapping[tuple[int, int], str], evidence: Iterable[Evidence]) -> str:
    """``s2 s8``: links to the marks of these spans (plain text for a span that has no mark)."""
    out = []
    for ev in evidence:
        label = f"s{ev.sentence}" if ev.sentence else f"{ev.start}:{ev.end}"
        target = spans.get((ev.start, ev.end))
        out.append(f'<a class="span" href="#{esc(target)}">{esc(label)}</a>' if target else esc(label))
    return " ".join(out)


def highlight(text: str, spans: Mapping[tuple[int, int], str], notes: Mapping[str, str] | None = None) -> str:
    """The text, escaped, with each span wrapped in ``<mark id=… data-span=…>``.

    The text is cut at the spans' offsets and each piece escaped on its own,
    so no offset is shifted by escaping. Nested spans nest; a span that
    crosses another is split in two, its first part carrying the id and both
    parts the same ``data-span``.

    Args:
        text: the article text exactly as loaded.
        spans: ``(start, end)`` → mark id (ids made by :func:`span_ids`).
        notes: mark id → a hover title (what cites the span).
    """
    notes = notes or {}
    pending = [(start, -end, end, key, True) for (start, end), key in spans.items()]
    heapq.heapify(pending)
    out: list[str] = []
    open_: list[tuple[int, str]] = []  # (end, id), innermost last
    pos = 0
    while pending or open_:
        if open_ and (not pending or open_[-1][0] <= pending[0][0]):
            end, _ = open_.pop()
            out += [esc(text[pos:end]), "</mark>"]
            pos = end
            continue
        start, _, end, key, first = heapq.heappop(pending)
        if open_ and end > open_[-1][0]:  # crosses the innermost open span: finish it after that one
            heapq.heappush(pending, (open_[-1][0], -end, end, key, False))
            end = open_[-1][0]
        out.append(esc(text[pos:start]))
        pos = start
        ident = f' id="{esc(key)}"' if first else ""
        hover = f' title="{esc(notes[key])}"' if key in notes else ""
        out.append(f'<mark{ident} data-span="{esc(key)}"{hover}>')
        open_.append((end, key))
    out.append(esc(text[pos:]))
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (no ``javascript:`` or ``data:`` links)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
