"""When an article says it was published: the byline, a date line, or "today, <weekday> ...".

Found in this order, the first that is there wins (``Published.method`` says which):

``byline``
    a publication cue ("نشر في", "نُشر بتاريخ", "تاريخ النشر", "آخر تحديث", "Published",
    "Updated") followed by a date; a publication cue wins over an update cue.
``date_stamp``
    a date alone on one of the first lines, with or without a time; or a news agency's
    dateline, the place and the agency around a Hijri date and its Gregorian equivalent
    ("القاهرة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس"), where the Gregorian date is read.
``today_phrase``
    "today, <weekday> <d> <month> <yyyy>" whose weekday agrees with the date.

A date is one of the general forms: an ISO date or timestamp (``2026-02-04``,
``2026-02-04T07:18:00+02:00``), ``d/m/yyyy`` (also with ``-`` or ``.``), or a day,
an Arabic or English month name and a year ("3 فبراير 2026", "3 February 2026",
"February 3, 2026"), in ASCII or Arabic-Indic digits. A date anywhere else in the
text is about the events, not the article, and is left alone; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from ..contract._labels import MONTHS_EN
from ..contract._models import Article, Evidence, Published
from ..text._arabic import DIGITS_RE, MONTH_RE, WEEKDAY_RE, month_number, to_int, weekday_number

_D = DIGITS_RE
_LATIN_MONTHS = {form.lower(): n for n, name in enumerate(MONTHS_EN, 1) for form in (name, name[:3])}
_LATIN_RE = "|".join(sorted(_LATIN_MONTHS, key=len, reverse=True))
_YEAR = rf"(?:19|20|١٩|٢٠|۱۹|۲۰){_D}{{2}}"
_ANY_MONTH = rf"(?:{MONTH_RE}|(?i:{_LATIN_RE})\.?)"
_TIME = rf"(?:[T\s]+{_D}{{1,2}}:{_D}{{2}}(?::{_D}{{2}}(?:\.\d+)?)?(?P<tz>Z|[+-]\d\d:?\d\d)?)?"

DATE_FORMS = (
    re.compile(rf"(?P<y>{_YEAR})-(?P<m>{_D}{{1,2}})-(?P<d>{_D}{{1,2}}){_TIME}"),
    re.compile(
        rf"(?<!{_D})(?P<d>{_D}{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>{_D}{{1,2}})\s*(?P=sep)\s*(?P<y>{_YEAR})"
    ),
    re.compile(rf"(?<!{_D})(?P<d>{_D}{{1,2}})\s+(?:من\s+)?(?P<mn>{_ANY_MONTH})\s*[،,]?\s*(?P<y>{_YEAR})"),
    re.compile(rf"(?P<mn>(?i:{_LATIN_RE})\.?)\s+(?P<d>{_D}{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>{_YEAR})"),
)
"""The date forms, each a regex with groups ``d``, ``m`` or ``mn`` (month name), ``y``."""

_PUBLISHED_CUE = (
    r"(?:نُ?شِ?ر(?:َ|ت)?\s+(?:في|بتاريخ|يوم)|تاريخ\s+النشر|(?i:published(?:\s+on)?|posted(?:\s+on)?))"
)
_UPDATED_CUE = r"(?:آخر\s+تحديث|تم\s+التحديث|(?i:last\s+updated|updated(?:\s+on)?))"
_GAP = r"[\s:：،,\-–—|/]*(?:\S+\s+){0,2}?"  # "نشر في: الثلاثاء، 3 فبراير 2026": a weekday may sit between
# "25 شوال 1436هـ الموافق": a Hijri date (its month one or two words) and "corresponding to",
# which a dateline puts before the Gregorian date; and the "م" (AD) after a Gregorian year.
_HIJRI_EQUIVALENT = re.compile(
    rf"(?<!\S){_D}{{1,2}}\s+\S+(?:\s+\S+)?\s+{_D}{{4}}\s*هـ?\.?\s*(?:و?الموافق|،|,)?(?!\S)"
)
_ERA = re.compile(r"(?<!\S)(?:م|مـ)\.?(?!\S)")
_HEAD_CHARS = 600
_HEAD_LINES = 12

_TODAY = re.compile(
    rf"(?:اليوم|الیوم)\s+(?P<wd>{WEEKDAY_RE})\s*[،,]?\s*(?P<d>{_D}{{1,2}})\s+"
    rf"(?P<m>{MONTH_RE})\s+(?P<y>{_D}{{4}})"
)


def parse_date(text: str) -> tuple[dt.date | dt.datetime, tuple[int, int]] | None:
    """The first date in ``text`` in one of :data:`DATE_FORMS`, and its span.

    Returns:
        The date (a timezone-aware datetime when the timestamp names its offset, else a
        date) and its ``(start, end)`` in ``text``; None when there is none or it is no
        real day (``31/2/2026``).
    """
    found = [(m.start(), m) for form in DATE_FORMS for m in [form.search(text)] if m]
    for _, m in sorted(found, key=lambda x: x[0]):
        value = _value(m)
        if value is not None:
            return value, m.span()
    return None


def parse_published(value: str) -> dt.date | dt.datetime:
    """A publication date given as a string (a corpus field, ``--published``).

    Raises:
        ValueError: it is in none of the forms, saying which are.
    """
    stripped = value.strip()
    try:
        stamp = dt.datetime.fromisoformat(stripped.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return stamp if stamp.tzinfo is not None else stamp.date()
    found = parse_date(stripped)
    if found is None:
        raise ValueError(
            f"{value!r} is not a date: give it as 2026-02-04, 2026-02-04T07:18:00+02:00, 4/2/2026 "
            "or 4 February 2026"
        )
    return found[0]


def _value(m: re.Match[str]) -> dt.date | dt.datetime | None:
    groups = m.groupdict()
    if groups.get("mn"):
        name = groups["mn"].rstrip(".")
        month = _LATIN_MONTHS.get(name.lower()) or month_number(name)
    else:
        month = to_int(groups["m"])
    try:
        day = dt.date(to_int(groups["y"]), month or 0, to_int(groups["d"]))
    except ValueError:
        return None
    if groups.get("tz"):
        try:
            stamp = dt.datetime.fromisoformat(m.group().replace(" ", "T").replace("Z", "+00:00"))
        except ValueError:
            return day
        return stamp if stamp.tzinfo is not None else day
    return day


Method = Literal["byline", "date_stamp", "today_phrase"]


def _published(text: str, start: int, end: int, value: dt.date | dt.datetime, method: Method) -> Published:
    return Published(
        value=value, method=method, evidence=Evidence(quote_ar=text[start:end], start=start, end=end)
    )


def _byline(text: str) -> Published | None:
    for cue in (_PUBLISHED_CUE, _UPDATED_CUE):
        for m in re.finditer(cue, text):
            window = text[m.end() : m.end() + 60].split("\n")[0]
            found = parse_date(window)
            if found is not None and re.fullmatch(_GAP, window[: found[1][0]]):
                return _published(text, m.start(), m.end() + found[1][1], found[0], "byline")
    return None


def _stamp_line(text: str) -> Published | None:
    offset = 0
    for n, line in enumerate(text[:_HEAD_CHARS].split("\n")):
        if n >= _HEAD_LINES:
            break
        found = parse_date(line)
        if found is not None:
            (s, e) = found[1]
            before, after = line[:s], _ERA.sub(" ", line[e:].removeprefix("م"), count=1)
            # a date alone, or with a time of day ("7:18 صباحًا"): a dateline, not a sentence;
            # after a Hijri date it stands for, the place and the agency may be there too
            hijri = _HIJRI_EQUIVALENT.search(before)
            if hijri and not before[hijri.end() :].strip():
                rest, most = before[: hijri.start()] + after, 4
            else:
                rest, most = before + after, 2
            if len(rest.split()) <= most:
                return _published(text, offset + s, offset + e, found[0], "date_stamp")
        offset += len(line) + 1
    return None


def _today(text: str) -> Published | None:
    m = _TODAY.search(text)
    if not m:
        return None
    try:
        value = dt.date(to_int(m["y"]), month_number(m["m"]) or 0, to_int(m["d"]))
    except ValueError:
        return None
    if weekday_number(m["wd"]) != value.weekday():
        return None
    return _published(text, m.start(), m.end(), value, "today_phrase")


def detect_published(text: str) -> Published | None:
    """Find a publication date the article states about itself, or None (see the module docstring).

    Args:
        text: the article text as loaded.

    Returns:
        The date, how it was found (``method``) and its span in ``text`` (``evidence``).
    """
    return _byline(text) or _stamp_line(text) or _today(text)


def published_day(article: Article) -> dt.date | None:
    """The day the article was published (a time of day dropped), or None when it is not known."""
    if article.published is None:
        return None
    value = article.published.value
    return value.date() if isinstance(value, dt.datetime) else value
