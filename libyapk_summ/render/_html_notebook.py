"""Notebook views: what ``_repr_html_`` shows for a report, an event and a dossier.

Compact on purpose (the brief, one line per event, a timeline), with no
script and no ids, so that many outputs can share one notebook page. Styles
are inline because a notebook has no style sheet of ours; Arabic is
``dir="rtl" lang="ar"`` with the Arabic font stack. Everything is escaped.
"""

from __future__ import annotations

from ..contract._dossier_models import Dossier
from ..contract._labels import date_label
from ..contract._models import ArticleReport, EnglishSentence, Event, register_view
from ._html_parts import AR_STYLE, amounts, ar, entities, esc, shorten, when

_BOX = "font-size:13px;line-height:1.5;max-width:1100px"
_MUTED = "color:#6e7781;font-size:12px"
_CELL = "text-align:left;vertical-align:top;padding:2px 6px"
_AR_CELL = f"{AR_STYLE};vertical-align:top;padding:2px 6px"
_MAX_ROWS = 40


def _th(*names: str) -> str:
    return "<tr>" + "".join(f'<th style="{_CELL}">{esc(n)}</th>' for n in names) + "</tr>"


def _td(html_: str, arabic: bool = False) -> str:
    if arabic:
        return f'<td dir="rtl" lang="ar" style="{esc(_AR_CELL)}">{html_}</td>'
    return f'<td style="{_CELL}">{html_}</td>'


def _more(shown: int, total: int) -> str:
    return f'<div style="{_MUTED}">… and {total - shown} more</div>' if total > shown else ""


def article_view(report: ArticleReport) -> str:
    """A report at a glance: both briefs side by side, then one row per event."""
    a, b = report.article, report.brief
    pub = f"published {a.published.value}" if a.published else "publication date unknown"
    checks = f" · {len(report.warnings)} check(s) failed" if report.warnings else ""
    withheld = [u for u in b.sentences if u.status != "checked"]
    if withheld:
        checks += f" · {len(withheld)} English sentence(s) withheld"
    head = (
        f'<div style="{_MUTED}">{esc(a.id)} · {esc(pub)} · {len(b.key_points)} key point(s) · '
        f"{len(report.events)} event(s){checks}</div>"
    )
    briefs = (
        '<div style="display:flex;gap:24px;flex-wrap:wrap">'
        f'<div lang="en" dir="ltr" style="flex:1 1 320px;text-align:left"><b>{esc(b.headline_en)}</b>'
        f"{_status(b.headline_status)}<br>{esc(b.summary_en)}"
        f"{''.join(_status(st) for st in b.summary_status)}</div>"
        f'<div lang="ar" dir="rtl" style="flex:1 1 320px;{esc(AR_STYLE)}"><b>{esc(b.headline_ar)}</b>'
        f"<br>{esc(b.summary_ar)}</div></div>"
    )
    rows = []
    for n, e in enumerate(report.events[:_MAX_ROWS], 1):
        ev = e.evidence[0]
        more = f" (+{len(e.evidence) - 1})" if len(e.evidence) > 1 else ""
        rows.append(
            "<tr>"
            + _td(str(n))
            + _td(f"{esc(e.subtype.value)} · {esc(e.factuality)}")
            + _td(
                esc(date_label(e.date))
                + (f'<div style="{_MUTED}">{esc(e.date.note)}</div>' if e.date.note else "")
            )
            + _td(esc(e.location.name_en) if e.location else "—")
            + _td(esc(e.summary_en))
            + _td(
                f'{esc(shorten(ev.quote_ar))} <span dir="ltr">[s{esc(ev.sentence)}]{esc(more)}</span>',
                arabic=True,
            )
            + "</tr>"
        )
    table = (
        f'<table style="margin-top:6px">{_th("#", "event", "when", "where", "summary", "evidence")}'
        f"{''.join(rows)}</table>{_more(len(rows), len(report.events))}"
        if rows
        else ""
    )
    return f'<div class="libyapk-report" style="{_BOX}">{head}{briefs}{_withheld(withheld)}{table}</div>'


def _note(note: str | None) -> str:
    return f'<div style="{_MUTED}">{esc(note)}</div>' if note else ""


def _status(status: str) -> str:
    return "" if status == "checked" else f' <span style="{_MUTED}">({esc(status)})</span>'


def _withheld(units: list[EnglishSentence]) -> str:
    """Each translation withheld from the brief: the checks it failed, the Arabic, the unverified English."""
    rows = [
        "<tr>"
        + _td(esc(u.unit))
        + _td(esc(shorten(u.ar)), arabic=True)
        + _td(
            f"unverified: {esc(shorten(u.translation))}"
            + (f"<br>published: {esc(u.composed)}" if u.composed else "")
        )
        + _td(esc("; ".join(u.failed)))
        + "</tr>"
        for u in units[:_MAX_ROWS]
    ]
    if not rows:
        return ""
    return (
        f'<div style="{_MUTED}">Withheld from the brief (failed a check after one re-ask):</div>'
        f"<table>{_th('unit', 'Arabic', 'English', 'failed checks')}{''.join(rows)}</table>"
        f"{_more(len(rows), len(units))}"
    )


def event_view(event: Event) -> str:
    """One event: its fields, and every evidence quote with its offsets."""
    fields = [
        ("event", esc(event.summary_en)),
        ("type", f"{esc(event.type.value)} / {esc(event.subtype.value)} · {esc(event.factuality)}"),
        ("when", when(event.date, style=True)),
        ("where", entities([event.location]) if event.location else "—"),
        ("actors", entities(event.actors)),
        ("recipients", entities(event.recipients)),
    ]
    if event.amounts:
        fields.append(("amounts", amounts(event.amounts)))
    rows = [f"<tr>{_td(f'<b>{name}</b>')}{_td(value)}</tr>" for name, value in fields]
    rows += [
        f"<tr>{_td(f'<b>evidence</b> s{esc(ev.sentence)} [{ev.start}:{ev.end}]')}"
        f"{_td(esc(ev.quote_ar), arabic=True)}</tr>"
        for ev in event.evidence
    ]
    return (
        f'<div class="libyapk-event" style="{_BOX}"><div style="{_MUTED}">{esc(event.id)}</div>'
        f"<table>{''.join(rows)}</table></div>"
    )


def dossier_view(dossier: Dossier) -> str:
    """The timeline (when, precision, event, sources), then the disagreements."""
    s = dossier.stats
    head = (
        f'<div style="{_MUTED}">{s.event_reports_in} event report(s) from {s.reports_in} article(s) → '
        f"{s.events_out} event(s); {s.disagreements} disagreement(s)</div>"
    )
    events = {e.id: e for e in dossier.events}
    rows = []
    for t in dossier.timeline[:_MAX_ROWS]:
        e = events.get(t.event)
        sources = ", ".join(src.article_id for src in e.sources) if e else ""
        rows.append(
            "<tr>"
            + _td(esc(t.label))
            + _td(esc(t.precision))
            + _td(f"{esc(t.summary_en)} · {esc(t.factuality)}")
            + _td(f"{t.sources}: {esc(sources)}")
            + "</tr>"
        )
    table = (
        f'<table style="margin-top:6px">{_th("when", "precision", "event", "sources")}{"".join(rows)}</table>'
        + _more(len(rows), len(dossier.timeline))
    )
    conflicts = "".join(
        f"<li>{esc(d.field)} · {esc(events[d.event].summary_en if d.event in events else d.event)}: "
        + " | ".join(
            f"{esc(c.value)} ({esc(', '.join(c.sources))})"
            + (f" {ar(' / '.join(c.raw_ar), style=True)}" if c.raw_ar else "")
            for c in d.claims
        )
        + "</li>"
        for d in dossier.disagreements[:_MAX_ROWS]
    )
    disagreements = f"<b>Disagreements</b><ul>{conflicts}</ul>" if conflicts else ""
    return f'<div class="libyapk-dossier" style="{_BOX}">{head}{table}{disagreements}</div>'


# What _repr_html_ shows (the models call these without importing this module).
register_view(ArticleReport, "html", article_view)
register_view(Event, "html", event_view)
register_view(Dossier, "html", dossier_view)
