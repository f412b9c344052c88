"""The dossier part of the HTML report: timeline, each event with its sources, disagreements.

Each source links to its article's event row and to the evidence spans on the
same page (ids from :class:`~libyapk_summ.render._html_parts.PageIndex`); a source whose
article is not on the page is named, not linked.
"""

from __future__ import annotations

from ..contract._dossier_models import Disagreement, Dossier, DossierEvent, Source
from ._html_parts import PageIndex, amounts, ar, entities, esc, span_links, tag, when

_LINK_WORDS = {
    "same_trip": "same trip",
    "realised_by": "realised by",
    "realises": "realises",
    "possibly_same": "possibly the same as",
}


def dossier_section(dossier: Dossier, index: PageIndex) -> str:
    """The dossier as a page section: counts, the timeline table, then the disagreements."""
    rows = {t.event: f"d{n}" for n, t in enumerate(dossier.timeline, 1)}
    events = {e.id: e for e in dossier.events}
    conflicts: dict[str, list[str]] = {}
    for n, d in enumerate(dossier.disagreements, 1):
        conflicts.setdefault(d.event, []).append(f"x{n}")
    s = dossier.stats
    body = "".join(
        _row(rows[t.event], events[t.event], rows, conflicts.get(t.event, []), index)
        for t in dossier.timeline
        if t.event in events
    )
    head = "<tr><th>when</th><th>event</th><th>where</th><th>sources</th><th>related</th></tr>"
    return "\n".join(
        [
            '<section id="dossier" aria-labelledby="dossier-h">',
            '<h2 id="dossier-h">Dossier</h2>',
            f'<p class="meta">{s.event_reports_in} event report(s) from {s.reports_in} article(s) → '
            f"{s.events_out} real-world event(s); {s.disagreements} disagreement(s); {s.links} link(s)</p>",
            '<h3>Timeline</h3><p class="muted">Earliest first, undated last. Each source links to the '
            "article's event and its evidence.</p>",
            '<input id="filter" class="filter" type="search" placeholder="filter the timeline" '
            'aria-label="filter the timeline">',
            f'<table id="timeline"><thead>{head}</thead><tbody>{body}</tbody></table>',
            _disagreements(dossier.disagreements, rows, events, index),
            "</section>",
        ]
    )


def _row(rid: str, e: DossierEvent, rows: dict[str, str], conflicts: list[str], index: PageIndex) -> str:
    who = f"{entities(e.actors)} → {entities(e.recipients)}"
    money = f"<br>{amounts(e.amounts)}" if e.amounts else ""
    several = len({s.article_id for s in e.sources}) > 1  # with one source, "from" says nothing new
    where = entities([e.location]) if e.location else "—"
    if e.location and e.location_from and several:
        where += f' <span class="muted">from {esc(e.location_from)}</span>'
    date_from = f'<br><span class="muted">from {esc(e.date_from)}</span>' if e.date_from and several else ""
    related = [
        f'{esc(_LINK_WORDS.get(link.kind, link.kind))} <a href="#{rows[link.event]}">{rows[link.event]}</a>'
        for link in e.links
        if link.event in rows
    ]
    related += [f'<a href="#{x}">disagreement {x[1:]}</a>' for x in conflicts]
    return (
        f'<tr id="{rid}"><td>{when(e.date)}{date_from}</td>'
        f"<td><span class='muted'>{rid}</span> {esc(e.summary_en)}<br>"
        f"{tag(f'{e.type.value}/{e.subtype.value}')} {tag(e.factuality, e.factuality)}<br>"
        f"<span class='muted'>{who}</span>{money}</td>"
        f"<td>{where}</td>"
        f"<td><ul>{''.join(_source(s, index) for s in e.sources)}</ul></td>"
        f"<td>{'<br>'.join(related) or '—'}</td></tr>"
    )


def _source(s: Source, index: PageIndex) -> str:
    label = f"{s.article_id} {s.event.id.rpartition('#')[2]}"
    target = index.events.get(s.event.id)
    hover = f' title="{esc(s.title)}"' if s.title else ""
    name = f'<a href="#{target}"{hover}>{esc(label)}</a>' if target else f"<span{hover}>{esc(label)}</span>"
    published = f' <span class="muted">{esc(s.published)}</span>' if s.published else ""
    return f"<li>{name}{published} {span_links(index.spans.get(s.article_id, {}), s.event.evidence)}</li>"


def _disagreements(
    found: list[Disagreement], rows: dict[str, str], events: dict[str, DossierEvent], index: PageIndex
) -> str:
    if not found:
        return "<h3>Disagreements</h3><p class='muted'>The sources of each event agree.</p>"
    parts = []
    for n, d in enumerate(found, 1):
        event = events.get(d.event)
        about = esc(event.summary_en) if event else esc(d.event)
        link = f'<a href="#{rows[d.event]}">{rows[d.event]}</a> ' if d.event in rows else ""
        claims = "".join(
            f"<tr><td>{esc(c.value)}</td><td>{_article_links(c.sources, index)}</td>"
            f"<td>{' / '.join(ar(raw) for raw in c.raw_ar) or '—'}</td></tr>"
            for c in d.claims
        )
        parts.append(
            f'<tbody id="x{n}"><tr><th colspan="3">{n}. {esc(d.field)} · {link}{about}'
            f'<br><span class="muted">{esc(d.note)}</span></th></tr>{claims}</tbody>'
        )
    return (
        f"<h3>Disagreements ({len(found)})</h3><p class='muted'>Sources of one event that cannot all be "
        "right; each claim is kept with the articles that make it.</p>"
        f"<table class='claims'>{''.join(parts)}</table>"
    )


def _article_links(article_ids: list[str], index: PageIndex) -> str:
    out = []
    for a in article_ids:
        target = index.articles.get(a)
        out.append(f'<a href="#{target}">{esc(a)}</a>' if target else esc(a))
    return ", ".join(out)
