"""Tables: one row per event, as plain dicts, CSV, JSON lines, or a pandas DataFrame.

    >>> from pathlib import Path
    >>> from libyapk_summ import events_frame, events_rows, summarize_many
    >>> reports = summarize_many(sorted(Path("seeds").glob("*.txt")))
    >>> rows = events_rows(reports)
    >>> len(rows), rows[0]["subtype"], rows[0]["location_en"]
    (29, 'official_visit', 'Islamabad')
    >>> df = events_frame(reports)  # needs pandas: pip install 'libyapk-summ[pandas]'
    >>> int(df.groupby("subtype").size()["meeting"])
    11

:func:`events_rows` needs nothing beyond the standard library; the CLI's
``--format csv`` writes its rows. Lists (actors, amounts) are joined with
``"; "`` so that every cell is one value; dates are ISO strings in the rows
and datetimes in a DataFrame.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..contract._dossier_models import Dossier
from ..contract._labels import amount_label, date_label
from ..contract._models import ArticleReport, Entity, register_view

if TYPE_CHECKING:  # pandas is an optional extra; only the annotations name it
    import pandas

Row = dict[str, Any]

EVENT_COLUMNS = [
    "article_id", "published", "event_id", "dossier_event", "type", "subtype", "factuality",
    "date_start", "date_end", "date_precision", "date_raw_ar", "date_note", "location_en", "location_ar",
    "actors_en", "actors_ar", "recipients_en", "recipients_ar", "amounts", "amount_value",
    "amount_currency", "amount_bound", "summary_en", "evidence_quote_ar", "evidence_start",
    "evidence_end", "evidence_sentence", "evidence_count",
]  # fmt: skip
"""Columns of :func:`events_rows`, in order (``dossier_event`` only when a dossier is given)."""

DOSSIER_COLUMNS = [
    "dossier_event", "date", "date_start", "date_end", "date_precision", "date_from", "type", "subtype",
    "factuality", "summary_en", "location_en", "location_from", "actors_en", "recipients_en", "amounts",
    "amounts_from", "sources", "source_articles", "source_events", "disagreements", "links",
]  # fmt: skip
"""Columns of :func:`dossier_rows`, in order."""

ENGLISH_COLUMNS = [
    "article_id", "unit", "sentence", "in_brief", "status", "en", "failed", "translation", "ar",
]  # fmt: skip
"""Columns of :func:`english_rows`, in order."""

_PANDAS_MISSING = (
    "this needs pandas, an optional extra: pip install 'libyapk-summ[pandas]' "
    "(or use events_rows(), which returns plain dicts)"
)


def _names(side: Iterable[Entity], attr: str) -> str:
    return "; ".join(getattr(e, attr) for e in side)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def events_rows(
    reports: Iterable[ArticleReport | BaseException], dossier: Dossier | None = None
) -> list[Row]:
    """One dict per article event, in report order; JSON- and CSV-ready values only.

    Args:
        reports: article reports; errors in the list (a failed article) are skipped.
        dossier: when given, each row also names the real-world event it was
            merged into (``dossier_event``).

    Returns:
        Rows with the keys of :data:`EVENT_COLUMNS`. The evidence columns give the
        first evidence span (``text[evidence_start:evidence_end] == evidence_quote_ar``);
        ``evidence_count`` says how many there are.
    """
    merged = {s.event.id: e.id for e in dossier.events for s in e.sources} if dossier else None
    rows = []
    for r in reports:
        if not isinstance(r, ArticleReport):
            continue
        published = r.article.published.value.isoformat() if r.article.published else None
        for e in r.events:
            ev, first = e.evidence[0], e.amounts[0] if e.amounts else None
            row: Row = {
                "article_id": r.article.id,
                "published": published,
                "event_id": e.id,
                "dossier_event": merged.get(e.id) if merged is not None else None,
                "type": e.type.value,
                "subtype": e.subtype.value,
                "factuality": e.factuality,
                "date_start": _iso(e.date.start),
                "date_end": _iso(e.date.end),
                "date_precision": e.date.precision,
                "date_raw_ar": e.date.raw_ar,
                "date_note": e.date.note,
                "location_en": e.location.name_en if e.location else None,
                "location_ar": e.location.name_ar if e.location else None,
                "actors_en": _names(e.actors, "name_en"),
                "actors_ar": _names(e.actors, "name_ar"),
                "recipients_en": _names(e.recipients, "name_en"),
                "recipients_ar": _names(e.recipients, "name_ar"),
                "amounts": "; ".join(amount_label(a) for a in e.amounts),
                "amount_value": first.value if first else None,
                "amount_currency": first.currency if first else None,
                "amount_bound": first.bound if first else None,
                "summary_en": e.summary_en,
                "evidence_quote_ar": ev.quote_ar,
                "evidence_start": ev.start,
                "evidence_end": ev.end,
                "evidence_sentence": ev.sentence,
                "evidence_count": len(e.evidence),
            }
            if merged is None:
                del row["dossier_event"]
            rows.append(row)
    return rows


def english_rows(reports: Iterable[ArticleReport | BaseException]) -> list[Row]:
    """One dict per English sentence of each brief: what is published, its status, and why.

    ``unit`` is ``headline`` or ``s<number>``; ``in_brief`` says where it is
    published (``headline``, ``summary``, ``key point``); ``status`` is
    ``checked`` (the translation passed every check), ``composed`` (written by
    code from the events, because the translation failed) or ``withheld``;
    ``failed`` lists the checks the translation failed; ``translation`` keeps
    the model's English (unverified when it failed) beside the Arabic.
    """
    rows = []
    for r in reports:
        if not isinstance(r, ArticleReport):
            continue
        b = r.brief
        points = {k.evidence[0].sentence: k for k in b.key_points}
        lead = [k for k in b.sentences if k.unit != "headline" and k.ar and k.ar in b.summary_ar]
        for u in b.sentences:
            where = ["headline"] if u.unit == "headline" else []
            where += ["summary"] if u in lead else []
            where += ["key point"] if u.sentence in points else []
            if u.status == "checked":
                status, en = "checked", u.translation
            else:
                status, en = ("composed", u.composed) if u.composed else ("withheld", "")
            rows.append(
                {
                    "article_id": r.article.id,
                    "unit": u.unit,
                    "sentence": u.sentence,
                    "in_brief": "; ".join(where),
                    "status": status,
                    "en": en,
                    "failed": "; ".join(u.failed),
                    "translation": u.translation,
                    "ar": u.ar,
                }
            )
    return rows


def dossier_rows(dossier: Dossier) -> list[Row]:
    """One dict per real-world event, in timeline order, with its sources and disagreements.

    Returns:
        Rows with the keys of :data:`DOSSIER_COLUMNS`.
    """
    events = {e.id: e for e in dossier.events}
    fields: dict[str, list[str]] = {}
    for d in dossier.disagreements:
        fields.setdefault(d.event, []).append(d.field)
    rows = []
    for t in dossier.timeline:
        e = events[t.event]
        rows.append(
            {
                "dossier_event": e.id,
                "date": date_label(e.date),
                "date_start": _iso(e.date.start),
                "date_end": _iso(e.date.end),
                "date_precision": e.date.precision,
                "date_from": e.date_from,
                "type": e.type.value,
                "subtype": e.subtype.value,
                "factuality": e.factuality,
                "summary_en": e.summary_en,
                "location_en": e.location.name_en if e.location else None,
                "location_from": e.location_from,
                "actors_en": _names(e.actors, "name_en"),
                "recipients_en": _names(e.recipients, "name_en"),
                "amounts": "; ".join(amount_label(a) for a in e.amounts),
                "amounts_from": e.amounts_from,
                "sources": len(e.sources),
                "source_articles": "; ".join(dict.fromkeys(s.article_id for s in e.sources)),
                "source_events": "; ".join(s.event.id for s in e.sources),
                "disagreements": "; ".join(fields.get(e.id, [])),
                "links": "; ".join(f"{link.kind} {link.event}" for link in e.links),
            }
        )
    return rows


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(_PANDAS_MISSING) from exc
    return pd


def _frame(rows: list[Row], columns: list[str]) -> pandas.DataFrame:
    pd = _pandas()
    df: pandas.DataFrame = pd.DataFrame(rows, columns=columns)
    for col in ("date_start", "date_end"):
        df[col] = pd.to_datetime(df[col])
    return df


def events_frame(
    reports: Iterable[ArticleReport | BaseException], dossier: Dossier | None = None
) -> pandas.DataFrame:
    """One row per article event as a pandas DataFrame (the rows of :func:`events_rows`).

    Args:
        reports: article reports; errors in the list are skipped.
        dossier: when given, adds the ``dossier_event`` column.

    Returns:
        A ``pandas.DataFrame``; ``date_start`` and ``date_end`` are datetimes (NaT when unknown).

    Raises:
        ImportError: pandas is not installed (``pip install 'libyapk-summ[pandas]'``).
    """
    columns = EVENT_COLUMNS if dossier else [c for c in EVENT_COLUMNS if c != "dossier_event"]
    return _frame(events_rows(reports, dossier), columns)


def dossier_frame(dossier: Dossier) -> pandas.DataFrame:
    """One row per real-world event as a pandas DataFrame (the rows of :func:`dossier_rows`).

    Raises:
        ImportError: pandas is not installed (``pip install 'libyapk-summ[pandas]'``).
    """
    return _frame(dossier_rows(dossier), DOSSIER_COLUMNS)


def to_csv(rows: list[Row], columns: list[str] | None = None) -> str:
    """The rows as CSV text with a header, starting with a BOM so that Excel reads the Arabic as UTF-8.

    A text cell starting with ``= + - @`` gets a leading ``'`` so that a
    spreadsheet shows it rather than running it as a formula.

    Args:
        rows: dicts with the same keys.
        columns: the header (default: the first row's keys), written even when there are no rows.
    """
    buf = io.StringIO()
    buf.write("\ufeff")
    fields = columns or (list(rows[0]) if rows else [])
    if fields:
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _inert(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def _inert(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_jsonl(rows: list[Row]) -> str:
    """The rows as JSON lines, Arabic kept as is (not ``\\u`` escaped)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


register_view(Dossier, "frame", dossier_frame)  # Dossier.to_dataframe
