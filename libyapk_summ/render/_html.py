"""Step 6b: report as HTML — one self-contained page for analysts, and the notebook views.

    >>> from pathlib import Path
    >>> from libyapk_summ import build_dossier, report_html, summarize_many
    >>> reports = summarize_many(sorted(Path("seeds").glob("*.txt")))
    >>> page = report_html(reports, build_dossier(reports))
    >>> Path("report.html").write_text(page, encoding="utf-8") == len(page)
    True

The page needs no network (no CDN, no web font; a Content Security Policy
forbids every fetch) and reads without JavaScript: each event and key point
links to its evidence span (``<a href="#a1-s3">``) and ``:target`` highlights
it. The small script only adds a selected state, scrolling, and the reverse
link (click a span, see what cites it). Arabic is ``dir="rtl" lang="ar"``
with a font stack that renders it. Everything from an article or a model is
escaped; the script is a constant that reads ids made here from integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .._version import __version__
from ..contract._dossier_models import Dossier
from ..contract._models import ArticleReport, Brief, Event, Evidence, KeyPoint
from . import _html_notebook  # noqa: F401  (registers the notebook views that _repr_html_ shows)
from ._html_assets import CSS, JS, content_security_policy
from ._html_dossier import dossier_section
from ._html_parts import (
    PageIndex,
    amounts,
    ar,
    entities,
    esc,
    highlight,
    safe_url,
    shorten,
    span_ids,
    span_links,
    status_tag,
    tag,
    when,
)


def report_html(
    reports: Iterable[ArticleReport | BaseException],
    dossier: Dossier | None = None,
    *,
    title: str = "libyapk_summ report",
    failures: Iterable[Mapping[str, Any]] = (),
) -> str:
    """One self-contained HTML page: the dossier (if given), then each article.

    Args:
        reports: article reports, e.g. from :func:`summarize_many`; errors in
            the list (a failed article) are skipped.
        dossier: the dossier built from these reports, shown first: timeline,
            each event with its sources, disagreements.
        title: the page title.
        failures: the articles that failed, each with its ``path`` (or ``id``), ``error`` and
            ``message`` (the rows of ``errors.jsonl``), listed with their causes.

    Returns:
        The page as a string (UTF-8 when written); the same input gives the same page.
    """
    kept = [r for r in reports if isinstance(r, ArticleReport)]
    index = PageIndex()
    spans = [span_ids(r, f"a{n}") for n, r in enumerate(kept, 1)]
    for n, (r, ids) in enumerate(zip(kept, spans, strict=True), 1):
        index.articles.setdefault(r.article.id, f"a{n}")  # an article given twice: links go to the first
        index.spans.setdefault(r.article.id, ids)
        for m, e in enumerate(r.events, 1):
            index.events.setdefault(e.id, f"a{n}-e{m}")
    body = []
    if dossier is not None:
        body.append(dossier_section(dossier, index))
    failed = list(failures)
    if failed:
        body.append(failures_section(failed))
    body += [article_section(n, r, ids) for n, (r, ids) in enumerate(zip(kept, spans, strict=True), 1)]
    n_events = sum(len(r.events) for r in kept)
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en" dir="ltr">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(content_security_policy())}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="libyapk_summ {esc(__version__)}">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            '<header class="top">',
            f"<h1>{esc(title)}</h1>",
            f'<p class="meta">{len(kept)} article(s) · {n_events} event report(s)'
            + (f" · {len(dossier.events)} real-world event(s)" if dossier is not None else "")
            + (f' · <a href="#failed">{len(failed)} failed</a>' if failed else "")
            + "</p>",
            _nav(kept, dossier is not None),
            "</header>",
            "<main>",
            *body,
            "</main>",
            f"<footer>Made by libyapk_summ {esc(__version__)}. Every highlighted span is a verified quote "
            "of the source; names marked ? are not in the gazetteer.</footer>",
            f"<script>{JS}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def failures_section(failures: list[Mapping[str, Any]]) -> str:
    """The articles that failed, each with what went wrong (its error and message)."""
    rows = "".join(
        f"<tr><td>{esc(f.get('path') or f.get('id') or '?')}</td><td>{esc(f.get('error', ''))}</td>"
        f"<td>{esc(f.get('message', ''))}</td></tr>"
        for f in failures
    )
    return (
        f'<section id="failed"><h2>Failed articles ({len(failures)})</h2>'
        "<table><thead><tr><th>article</th><th>error</th><th>cause</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _nav(reports: list[ArticleReport], has_dossier: bool) -> str:
    items = ['<li><a href="#dossier">Dossier: timeline and disagreements</a></li>'] if has_dossier else []
    for n, r in enumerate(reports, 1):
        name = shorten(r.brief.headline_ar or r.article.title or r.article.id, 110)
        items.append(
            f'<li><a href="#a{n}">{ar(name)}</a> <span class="muted">{esc(r.article.id)}</span></li>'
        )
    return f'<nav aria-label="contents"><ol>{"".join(items)}</ol></nav>'


def article_section(n: int, report: ArticleReport, spans: dict[tuple[int, int], str]) -> str:
    """One article: both briefs side by side, events and checks beside the highlighted source."""
    a, b = report.article, report.brief
    aid = f"a{n}"
    notes: dict[str, list[str]] = {}
    for k, point in enumerate(b.key_points, 1):
        for ev in point.evidence:
            notes.setdefault(spans.get((ev.start, ev.end), ""), []).append(f"key point {k}")
    for m, event in enumerate(report.events, 1):
        for ev in event.evidence:
            notes.setdefault(spans.get((ev.start, ev.end), ""), []).append(f"event {m}")
    notes.pop("", None)
    marked = highlight(a.text, spans, {key: ", ".join(v) for key, v in notes.items()})
    return "\n".join(
        [
            f'<section class="article" id="{aid}" aria-labelledby="{aid}-h">',
            f'<h2 id="{aid}-h">{ar(b.headline_ar or a.title or a.id)}</h2>',
            f'<p class="meta">{_meta(report, spans)}</p>',
            '<div class="cols">',
            f'<div class="brief" lang="en" dir="ltr"><h3>{_headline_en(b)}</h3><p>{esc(b.summary_en)}'
            f"{''.join(status_tag(st) for st in b.summary_status)}</p>"
            f"{_points(aid, b.key_points, 'en', spans)}</div>",
            f'<div class="brief" lang="ar" dir="rtl"><h3>{esc(b.headline_ar)}</h3><p>{esc(b.summary_ar)}</p>'
            f"{_points(aid, b.key_points, 'ar', spans)}</div>",
            "</div>",
            '<div class="cols">',
            f"<div>{_events(aid, report.events, spans)}{_warnings(report)}</div>",
            f'<div class="source" id="{aid}-text" dir="rtl" lang="ar" aria-label="source text">'
            + marked  # no newline around it: the text keeps its own line breaks (pre-wrap)
            + "</div>",
            "</div>",
            _english(b),
            "</section>",
        ]
    )


def _headline_en(b: Brief) -> str:
    if not b.headline_en:
        return "<span class='muted'>(English headline withheld: its translation failed a check)</span>"
    return esc(b.headline_en) + status_tag(b.headline_status)


def _english(b: Brief) -> str:
    """The per-sentence view: each translated unit, its status, the checks it failed, the Arabic."""
    if not b.sentences:
        return ""
    rows = []
    for u in b.sentences:
        if u.status == "checked":
            english, status = esc(u.translation), tag("checked", "en-checked")
        else:
            english = f"<span class='unverified'>unverified: {esc(u.translation)}</span>"
            if u.composed:
                english += f"<br>published instead (composed from the events): {esc(u.composed)}"
            status = tag("withheld", "en-withheld")
        failed = "<br>".join(esc(f) for f in u.failed) or "—"
        rows.append(
            f"<tr><td>{esc(u.unit)}</td><td>{ar(u.ar)}</td><td>{english}</td><td>{status}</td>"
            f"<td class='muted'>{failed}</td></tr>"
        )
    head = "<tr><th>unit</th><th>Arabic</th><th>English</th><th>status</th><th>failed checks</th></tr>"
    withheld = sum(u.status != "checked" for u in b.sentences)
    summary = f"English, sentence by sentence ({len(b.sentences) - withheld} checked, {withheld} withheld)"
    return (
        f"<details class='english'{' open' if withheld else ''}><summary>{esc(summary)}</summary>"
        f"<table class='events'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _meta(report: ArticleReport, spans: dict[tuple[int, int], str]) -> str:
    a, p, u = report.article, report.provenance, report.usage
    parts = [esc(a.id)]
    if a.published:
        link = span_links(spans, [a.published.evidence]) if a.published.evidence else ""
        parts.append(f"published {esc(a.published.value)} ({esc(a.published.method)}) {link}".rstrip())
    else:
        parts.append("publication date unknown")
    if a.source:
        parts.append(esc(a.source))
    url = safe_url(a.url)
    if url:
        parts.append(
            f'<a href="{esc(url)}" rel="noopener noreferrer nofollow" target="_blank">source page</a>'
        )
    elif a.url:
        parts.append(f"url: {esc(a.url)}")
    how = "replayed" if p.replayed else ("cached" if p.cached else "live")
    parts.append(f"{how} · {esc(p.model)} · prompts {esc(p.prompt_version)} · {u.calls} call(s)")
    return " · ".join(parts)


def _data_spans(spans: dict[tuple[int, int], str], evidence: Iterable[Evidence]) -> str:
    ids = [spans.get((ev.start, ev.end)) for ev in evidence]
    kept = " ".join(dict.fromkeys(i for i in ids if i))
    return f' data-spans="{esc(kept)}"' if kept else ""


def _points(aid: str, points: list[KeyPoint], lang: str, spans: dict[tuple[int, int], str]) -> str:
    if not points:
        return ""
    items = []
    for k, point in enumerate(points, 1):
        ident = f"{aid}-k{k}" + ("-ar" if lang == "ar" else "")
        data, links = _data_spans(spans, point.evidence), span_links(spans, point.evidence)
        if lang == "ar":
            text = esc(point.ar)
        elif point.en:
            text = esc(point.en) + status_tag(point.status)
        else:
            text = "<span class='muted'>(English withheld: the translation failed a check)</span>"
        items.append(f'<li id="{ident}" class="item"{data}>{text} {links}</li>')
    return f"<ol>{''.join(items)}</ol>"


def _events(aid: str, events: list[Event], spans: dict[tuple[int, int], str]) -> str:
    if not events:
        return "<h3>Events</h3><p class='muted'>No events found in this article.</p>"
    rows = []
    for m, e in enumerate(events, 1):
        who = f"{entities(e.actors)} → {entities(e.recipients)}"
        money = f"<br>{amounts(e.amounts)}" if e.amounts else ""
        rows.append(
            f'<tr id="{aid}-e{m}" class="item"{_data_spans(spans, e.evidence)}>'
            f"<td>{m}</td>"
            f"<td>{esc(e.summary_en)}<br>{tag(f'{e.type.value}/{e.subtype.value}')} "
            f"{tag(e.factuality, e.factuality)}<br><span class='muted'>{who}</span>{money}</td>"
            f"<td>{when(e.date)}</td>"
            f"<td>{entities([e.location]) if e.location else '—'}</td>"
            f"<td>{span_links(spans, e.evidence)}</td></tr>"
        )
    head = "<tr><th>#</th><th>event</th><th>when</th><th>where</th><th>evidence</th></tr>"
    table = f"<table class='events'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    return f"<h3>Events ({len(events)})</h3>{table}"


def _warnings(report: ArticleReport) -> str:
    """What the checks found. It says the English traces to the source only when every
    translation the brief was made from passed every check and nothing was left over."""
    warnings, b = report.warnings, report.brief
    if not warnings and b.all_checked:
        return "<p class='muted'>Checks: the English names, numbers and dates all trace to the source.</p>"
    withheld = [u for u in b.sentences if u.status != "checked"]
    lead = (
        f"{len(withheld)} translation(s) failed a check after one re-ask and are withheld from the brief "
        "(see English, sentence by sentence); "
        if withheld
        else ""
    )
    items = "".join(f"<li>{esc(w)}</li>" for w in warnings)
    return (
        f"<h3>Checks ({len(warnings)})</h3><p class='muted'>{esc(lead)}English that could not be traced to "
        f"the Arabic source:</p><ul class='warnings'>{items}</ul>"
    )
