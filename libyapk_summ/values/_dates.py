"""Find Arabic date expressions in article text and resolve them in code.

Dates are never taken from the LLM: :func:`find_date_expressions` locates the
expressions (offsets into the original, unmodified text) and
:func:`resolve_date` turns one raw expression into an :class:`EventDate`,
anchored on the publication date when the expression is relative.

The grammar (its rules, and finding expressions in a text) is in
``_date_grammar``; this module resolves what it finds.

dateparser decision: dateparser 1.5 (languages=["ar"], PREFER_DATES_FROM="past",
RELATIVE_BASE=publication date) was checked on every form handled here. It gets
plain explicit dates right ("3 فبراير 2026", ISO, Arabic-Indic digits, "اليوم",
"أمس", "الشهر الماضي") but returns nothing for "اليوم الثلاثاء 3 فبراير 2026",
"منذ عام 2011", "من 17 إلى 19 ديسمبر 2025", "أمس الاثنين", "أول أمس", "الأربعاء
الماضي", "ديسمبر الماضي", "العام الماضي", "3 شباط 2026"; it drops the end of
"17-19 ديسمبر 2025", reads "الأسبوع الماضي" as publication minus 7 days and never
checks a stated weekday. The grammar below handles all of these, so dateparser
is only a last-resort fallback for date-like text the grammar does not parse,
imported lazily (CLI cold start) and skipped if not installed. Without a
publication date its answer counts only if two different relative bases agree,
so a relative expression is never resolved against "now".

Conventions: month and year precision set ``start``/``end`` to the first and
last day of the period; "الأسبوع الماضي" is the previous Monday-Sunday week.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from ..contract._labels import WEEKDAYS_EN
from ..contract._models import EventDate
from ..text._arabic import (
    month_number,
    normalize_with_map,
    to_int,
    weekday_number,
)
from ._date_grammar import MONTH, RULES, WEEKDAY, YEAR, DateMention, alt, find_date_expressions

__all__ = ["DateMention", "find_date_expressions", "resolve_date"]


# Kinds that mean nothing without a publication date.
_RELATIVE = set(
    "today tomorrow yesterday day_before_yesterday last_weekday last_month_name last_month"
    " last_week last_year day_this_month this_month this_year".split()
)
_NEEDS_PUBLISHED = "unresolved: relative expression needs a publication date"
_NEEDS_YEAR = "unresolved: year missing and no publication date to infer it"
_INFERRED_NOTE = "year inferred from publication date"
_STRIP = " \t\n.,;:()[]\"'«»-"


def resolve_date(raw_ar: str | None, published: dt.date | None) -> EventDate:
    """Resolve one raw Arabic date expression, in code, against the publication date.

    Args:
        raw_ar: The expression as written, e.g. "أمس الإثنين" or "من 17 إلى 19
            ديسمبر 2025"; leading "في"/"خلال (الفترة)" is accepted.
        published: Publication date of the article (a datetime is cut to its
            date). Relative expressions and dates without a year stay
            unresolved (precision "unknown") without it: no date is invented.

    Returns:
        An :class:`EventDate` with ``raw_ar`` set to the input, ``method`` saying
        how it was resolved ("explicit", "range", "relative:yesterday",
        "relative:last-weekday", "inferred-year", "dateparser", "unparsed", ...)
        and ``note`` flagging inferred years and weekday mismatches. A stated
        weekday that disagrees with the date is reported, never corrected.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    if not raw_ar or not raw_ar.strip(_STRIP):
        return EventDate(raw_ar=raw_ar, method="unparsed", note="no date expression")
    norm, offsets = normalize_with_map(raw_ar)
    text = norm.strip(_STRIP)  # trailing "،" or "." from a copied sentence
    offsets = offsets[len(norm) - len(norm.lstrip(_STRIP)) :]
    for kind, rule in RULES:
        m = rule.fullmatch(text)
        if m is None:
            continue
        if kind == "weekday":
            return EventDate(raw_ar=raw_ar, method="unresolved: a bare weekday may be past or coming")
        if published is None and kind in _RELATIVE:
            return EventDate(raw_ar=raw_ar, method=_NEEDS_PUBLISHED)
        try:
            fields = _resolve(kind, m, published)
        except ValueError:  # 31 فبراير, month 13, ...
            return EventDate(raw_ar=raw_ar, method="unparsed", note="not a valid calendar date")
        if m.groupdict().get("w"):
            word = raw_ar[offsets[m.start("w")] : offsets[m.end("w") - 1] + 1]
            _check_weekday(fields, word, m.group("w"))
        return EventDate(raw_ar=raw_ar, **fields)
    return _dateparser_fallback(raw_ar, text, published)


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> dict[str, Any]:
    """Fields of the EventDate for a full match of rule ``kind`` (``pub`` set when relative)."""
    g = m.groupdict()
    if kind in ("iso", "dmy"):
        return _day(dt.date(to_int(g["y1"]), to_int(g["m1"]), to_int(g["d1"])), "explicit")
    if kind == "date":
        month, day = _month(g["m1"]), to_int(g["d1"])
        if g["y1"]:
            return _day(dt.date(to_int(g["y1"]), month, day), "explicit")
        if pub is None:
            return {"method": _NEEDS_YEAR}
        year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        return _day(dt.date(year, month, day), "inferred-year", _INFERRED_NOTE)
    if kind == "range":
        return _range(g, pub)
    if kind == "month_year":
        return _month_span(to_int(g["y1"]), _month(g["m1"]), "explicit")
    if kind == "year":
        note = "since: the period starts in this year" if g["since"] else None
        return _year_span(to_int(g["y1"]), "explicit", note)
    if kind == "bare_month":
        if pub is None:
            return {"method": _NEEDS_YEAR}
        month = _month(g["m1"])
        note = _INFERRED_NOTE + ("; since: the period starts in this month" if g["since"] else "")
        return _month_span(pub.year if month <= pub.month else pub.year - 1, month, "inferred-year", note)
    assert pub is not None  # every remaining kind is relative; resolve_date checked
    if kind == "today":
        return _day(pub, "relative:today")
    if kind == "tomorrow":
        return _day(pub + dt.timedelta(days=1), "relative:tomorrow")
    if kind == "yesterday":
        return _day(pub - dt.timedelta(days=1), "relative:yesterday")
    if kind == "day_before_yesterday":
        return _day(pub - dt.timedelta(days=2), "relative:day-before-yesterday")
    if kind == "last_weekday":
        # Strictly before publication: "الأربعاء الماضي" on a Wednesday is a week back.
        back = (pub.weekday() - _weekday(g["w"])) % 7 or 7
        return _day(pub - dt.timedelta(days=back), "relative:last-weekday")
    if kind == "last_month_name":
        month = _month(g["m1"])
        year = pub.year if month < pub.month else pub.year - 1
        return _month_span(year, month, "relative:last-month-name")
    if kind == "last_month":
        prev = pub.replace(day=1) - dt.timedelta(days=1)
        return _month_span(prev.year, prev.month, "relative:last-month")
    if kind == "last_week":
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        week = monday + dt.timedelta(days=6)
        return _span(monday, week, "range", "relative:last-week", "previous Monday-Sunday week")
    if kind == "last_year":
        return _year_span(pub.year - 1, "relative:last-year")
    if kind == "day_this_month":
        # "الجاري" is the publication's month: its year is the publication's, even for a day to come.
        month = _month(g["m1"]) if g["m1"] else pub.month
        return _day(dt.date(pub.year, month, to_int(g["d1"])), "relative:this-month")
    if kind == "this_month":
        return _month_span(pub.year, pub.month, "relative:this-month")
    return _year_span(pub.year, "relative:this-year")


def _range(g: dict[str, Any], pub: dt.date | None) -> dict[str, Any]:
    d1, d2 = to_int(g["d1"]), to_int(g["d2"])
    m2 = _month(g["m2"])
    m1 = _month(g["m1"]) if g["m1"] else m2
    wraps = (m1, d1) > (m2, d2)  # "30 ديسمبر - 2 يناير": the range crosses a new year
    note = None
    if g["y2"]:
        y2 = to_int(g["y2"])
        y1 = to_int(g["y1"]) if g["y1"] else y2 - int(wraps)
    elif g["y1"]:
        y1 = to_int(g["y1"])
        y2 = y1 + int(wraps)
    elif pub is None:
        return {"method": _NEEDS_YEAR}
    else:
        y2 = pub.year if (m2, d2) <= (pub.month, pub.day) else pub.year - 1
        y1, note = y2 - int(wraps), _INFERRED_NOTE
    first, last = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
    if last < first:
        note = "; ".join(filter(None, [note, "range ends before it starts"]))
    return _span(first, last, "range", "range", note)


def _month(word: str | None) -> int:
    number = month_number(word or "")
    assert number is not None, word  # the regex only matches known month names
    return number


def _weekday(word: str | None) -> int:
    number = weekday_number(word or "")
    assert number is not None, word
    return number


def _span(start: dt.date, end: dt.date, precision: str, method: str, note: str | None) -> dict[str, Any]:
    return {"start": start, "end": end, "precision": precision, "method": method, "note": note}


def _day(day: dt.date, method: str, note: str | None = None) -> dict[str, Any]:
    return _span(day, day, "day", method, note)


def _month_span(year: int, month: int, method: str, note: str | None = None) -> dict[str, Any]:
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return _span(first, last, "month", method, note)


def _year_span(year: int, method: str, note: str | None = None) -> dict[str, Any]:
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", method, note)


def _check_weekday(fields: dict[str, Any], word: str, norm_word: str) -> None:
    """Add a note when the stated weekday is not the weekday of the resolved day."""
    day = fields.get("start")
    if day is None or fields.get("precision") != "day" or day.weekday() == _weekday(norm_word):
        return
    mismatch = f"weekday {word} does not match {day.isoformat()} ({WEEKDAYS_EN[day.weekday()]})"
    fields["note"] = "; ".join(filter(None, [fields.get("note"), mismatch]))


# dateparser is consulted only when the text looks like a date: it reads "الساعة 5"
# (five o'clock) as the 5th of the month.
_DATE_HINT = re.compile(
    rf"{MONTH}|{WEEKDAY}|{YEAR}|{alt('يوم', 'أيام', 'أسبوع', 'شهر', 'عام', 'سنة', 'أمس', 'غدا')}"
)
_PERIOD_PRECISION = {"day": "day", "time": "day", "week": "range", "month": "month", "year": "year"}


def _dateparser_fallback(raw_ar: str, norm: str, pub: dt.date | None) -> EventDate:
    """Last resort for text the grammar does not parse (see the module docstring)."""
    unparsed = EventDate(raw_ar=raw_ar, method="unparsed")
    if not _DATE_HINT.search(norm):
        return unparsed
    if pub is not None:
        found = _dateparser(raw_ar, dt.datetime(pub.year, pub.month, pub.day))
    else:
        # Two far-apart bases: an answer that moves with the base is relative, and
        # resolving it against "now" would invent a date.
        found = _dateparser(raw_ar, dt.datetime(2001, 1, 1))
        if found != _dateparser(raw_ar, dt.datetime(2013, 7, 10)):
            return EventDate(raw_ar=raw_ar, method=_NEEDS_PUBLISHED)
    if found is None:
        return unparsed
    day, precision = found
    if precision == "month":
        fields = _month_span(day.year, day.month, "dateparser")
    elif precision == "year":
        fields = _year_span(day.year, "dateparser")
    else:  # a "range" here is a dateparser week, already moved to its Monday
        fields = _span(
            day, day + dt.timedelta(days=6 if precision == "range" else 0), precision, "dateparser", None
        )
    return EventDate(raw_ar=raw_ar, **fields)


def _dateparser(raw_ar: str, base: dt.datetime) -> tuple[dt.date, str] | None:
    """``(date, precision)`` from dateparser, truncated to its period so bases compare."""
    parser = _dateparser_for(base)
    try:
        data = parser.get_date_data(raw_ar)
    except Exception:  # a fallback must never take resolution down with it
        return None
    if data.date_obj is None:
        return None
    precision = _PERIOD_PRECISION.get(data.period or "day", "day")
    day = data.date_obj.date()
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    elif precision == "range":
        day -= dt.timedelta(days=day.weekday())
    return day, precision


@functools.lru_cache(maxsize=8)
def _dateparser_for(base: dt.datetime) -> Any:
    from dateparser.date import DateDataParser  # imported here: it costs startup time

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=["ar"], settings=settings)
