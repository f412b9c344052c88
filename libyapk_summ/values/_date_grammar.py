"""Arabic date expressions as a grammar, and where a text has them.

The rules run on the :func:`normalize_with_map` copy of the text (hamza/alef,
ya, ta marbuta, diacritics and Arabic-Indic digits folded) and map back, so
"الاثنين"/"الإثنين", "٣"/"3" and "الماضى"/"الماضي" all match while offsets still
index the original string. Each rule has a kind ("date", "range", "yesterday",
...) that ``_dates.resolve_date`` turns into an :class:`EventDate`; the rules
are written from normalised words, longest alternatives first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..text._arabic import DIGITS_RE, MONTHS, WEEKDAYS, normalize, normalize_with_map

__all__ = ["MONTH", "RULES", "WEEKDAY", "YEAR", "DateMention", "alt", "find_date_expressions"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text: ``text[start:end] == raw``."""

    start: int
    end: int
    raw: str


def alt(*words: str) -> str:
    """Regex alternation of the *normalised* words, longest first (so 'مايو' beats 'ماي')."""
    forms = {normalize(w) for w in words}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


# The patterns run on normalised text, so they are written from normalised words.
MONTH = alt(*MONTHS)
WEEKDAY = alt(*WEEKDAYS)
_LAST = alt("الماضي", "الماضية", "الفائت", "الفائتة", "المنصرم", "المنصرمة")
_CURRENT = alt("الجاري", "الجارية", "الحالي", "الحالية")
_YEAR_WORD = alt("عام", "العام", "سنة")
YEAR = rf"(?<!\d)(?:19|20){DIGITS_RE}{{2}}(?!\d)"  # 19xx/20xx only: "عام 5000 جندي" is no year
_W = rf"(?P<w>{WEEKDAY})(?!\w)"
_SINCE = alt("منذ")
_SHAHR = alt("شهر")
_YAWM = alt("يوم")
_YESTERDAY = rf"(?:ال)?{alt('أمس')}"  # "الأمس" and "بالأمس" (the ب is a proclitic)


def _d(n: int) -> str:
    return rf"(?<!\d)(?P<d{n}>{DIGITS_RE}{{1,2}})(?!\d)"


def _m(n: int) -> str:
    # "شباط/فبراير": papers often print the Levantine and the Egyptian name together.
    return rf"(?P<m{n}>{MONTH})(?:\s*/\s*(?:{MONTH}))?(?!\w)"


def _y(n: int) -> str:
    # "فبراير 2026", "فبراير، 2026", "ديسمبر من عام 2025", "2026م".
    return rf"(?:\s*,?\s*(?:(?:من\s+)?(?:{_YEAR_WORD})\s+)?(?P<y{n}>{YEAR})م?(?!\w))"


# Kind -> body.  Order matters only for resolve_date (first full match wins);
# find_date_expressions keeps the leftmost-longest match whatever the order.
_BODIES: dict[str, str] = {
    "iso": rf"(?P<y1>{YEAR})-(?P<m1>{DIGITS_RE}{{1,2}})-(?P<d1>{DIGITS_RE}{{1,2}})(?!\d)",
    # Arab papers write day/month/year.
    "dmy": rf"{_d(1)}/(?P<m1>{DIGITS_RE}{{1,2}})/(?P<y1>{YEAR})",
    "range": (
        rf"(?:(?:{alt('من', 'بين', 'يومي')})\s+)?{_d(1)}(?:\s*{_m(1)}{_y(1)}?)?"
        rf"\s*(?:-|{alt('إلى', 'حتى')}|و)\s*{_d(2)}\s*{_m(2)}{_y(2)}?"
    ),
    "date": (
        rf"(?:(?:{alt('اليوم', 'يوم')})\s+)?(?:{_W}\s*,?\s*(?:{alt('الموافق')}\s+)?)?"
        rf"{_d(1)}\s*{_m(1)}{_y(1)}?"
    ),
    "month_year": rf"(?:{_SHAHR}\s+)?{_m(1)}{_y(1)}",
    "year": rf"(?:(?P<since>{_SINCE})\s+(?:(?:{_YEAR_WORD})\s+)?|(?:{_YEAR_WORD})\s+)(?P<y1>{YEAR})م?",
    "today": rf"{alt('اليوم')}(?:\s*,?\s*{_W})?",
    "tomorrow": rf"(?:{_YAWM}\s+)?{alt('غدا')}(?:\s*,?\s*{_W})?",
    "day_before_yesterday": (
        rf"(?:{_YAWM}\s+)?(?:{alt('أول')}\s+(?:من\s+)?{_YESTERDAY}|{_YESTERDAY}\s+{alt('الأول')})"
    ),
    "yesterday": rf"(?:{_YAWM}\s+)?{_YESTERDAY}(?:\s*,?\s*{_W})?",
    "last_weekday": rf"(?:{_YAWM}\s+)?{_W}\s+(?:{_LAST})",
    "last_month_name": rf"(?:{_SHAHR}\s+)?{_m(1)}\s+(?:{_LAST})",
    "last_month": rf"{alt('الشهر')}\s+(?:{_LAST})",
    "last_week": rf"{alt('الأسبوع')}\s+(?:{_LAST})",
    "last_year": rf"(?:{alt('العام', 'السنة')})\s+(?:{_LAST})",
    # "20 مارس الجاري", "12 من الشهر الجاري": a day of the publication's own month and year.
    "day_this_month": (
        rf"(?:{_W}\s*,?\s*)?{_d(1)}\s*(?:(?:{alt('من')}\s+)?{alt('الشهر')}|{_m(1)})\s+(?:{_CURRENT})"
    ),
    "this_month": rf"{alt('الشهر')}\s+(?:{_CURRENT})|{alt('هذا الشهر')}",
    "this_year": rf"(?:{alt('العام', 'السنة')})\s+(?:{_CURRENT})|{alt('هذا العام', 'هذه السنة')}",
    # A month name alone is a date only after في/خلال/منذ/شهر: "مارس" is also a verb
    # and "آب" folds to "اب" (father); find_date_expressions enforces this.
    "bare_month": rf"(?:(?P<since>{_SINCE})\s+)?(?:(?P<shahr>{_SHAHR})\s+)?{_m(1)}",
    # "يوم الأربعاء" may be last or next Wednesday: resolve_date says so rather than
    # letting dateparser guess, and find_date_expressions skips it (too noisy alone).
    "weekday": rf"(?:{_YAWM}\s+)?{_W}",
}

# Word start, allowing one proclitic (واليوم, وفي, بالأمس); "الخامس" must not yield "امس".
_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفب]))"
# Leading prepositions kept out of the reported span; resolve_date accepts them.
_LEAD = rf"(?:(?P<lead>(?:{alt('في', 'خلال')})(?:\s+{alt('الفترة')})?)\s+)?"
RULES: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rf"{_START}{_LEAD}(?P<x>{body})(?!\w)")) for kind, body in _BODIES.items()
]
# What each rule cannot match without (digits, or one of its words): a rule whose anchor the text
# lacks is not run. Each full rule costs about 0.2 ms on an article (its look-behinds are tried at
# every position); most find nothing. A new rule needs its anchor here, else it always runs.
_ANCHOR_OF = {
    "iso": r"\d",
    "dmy": r"\d",
    "range": r"\d",
    "date": r"\d",
    "month_year": r"\d",
    "year": r"\d",
    "today": alt("اليوم"),
    "tomorrow": alt("غدا"),
    "day_before_yesterday": alt("أمس"),
    "yesterday": alt("أمس"),
    "last_weekday": _LAST,
    "last_month_name": _LAST,
    "last_month": _LAST,
    "last_week": _LAST,
    "last_year": _LAST,
    "day_this_month": _CURRENT,
    "this_month": rf"{_CURRENT}|{alt('هذا')}",
    "this_year": rf"{_CURRENT}|{alt('هذا', 'هذه')}",
    "bare_month": MONTH,
}
_ANCHORS = {kind: re.compile(pattern) for kind, pattern in _ANCHOR_OF.items()}


def find_date_expressions(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Find every date expression inside ``text[start:end]``.

    Args:
        text: The article text; it is only read, never changed.
        start: First offset of the region to search.
        end: End offset of the region (default: end of text).

    Returns:
        Non-overlapping mentions in text order. Where expressions overlap the
        leftmost wins, then the longest ("اليوم الثلاثاء 3 فبراير 2026" rather
        than "اليوم"). Offsets index ``text`` itself: ``text[m.start:m.end] == m.raw``.
    """
    return list(_find_date_expressions(text, *slice(start, end).indices(len(text))[:2]))


@functools.lru_cache(maxsize=512)
def _find_date_expressions(text: str, start: int, end: int) -> tuple[DateMention, ...]:
    """:func:`find_date_expressions`, memoised: a sentence is read for its dates when its event
    is drafted and again when each translation of it is checked."""
    norm, offsets = normalize_with_map(text[start:end])
    candidates: list[tuple[int, int, int]] = []
    present: dict[str, bool] = {}  # anchor pattern -> found in the text
    for priority, (kind, rule) in enumerate(RULES):
        anchor = _ANCHORS.get(kind)
        if anchor is None:  # "weekday" alone is never reported
            continue
        if anchor.pattern not in present:
            present[anchor.pattern] = anchor.search(norm) is not None
        if not present[anchor.pattern]:
            continue
        for m in rule.finditer(norm):
            if kind == "weekday" or (
                kind == "bare_month" and not (m.group("lead") or m.group("since") or m.group("shahr"))
            ):
                continue
            xs, xe = m.span("x")
            candidates.append((xs, -(xe - xs), priority))
    mentions: list[DateMention] = []
    taken = 0
    for xs, neg_len, _ in sorted(candidates):
        if xs < taken:
            continue
        taken = xs - neg_len
        s = start + offsets[xs]
        e = start + offsets[taken - 1] + 1
        # A trailing harakah or tatweel folds to nothing; keep it inside the span.
        while e < end and (unicodedata.category(text[e]) == "Mn" or text[e] == "\u0640"):
            e += 1
        mentions.append(DateMention(s, e, text[s:e]))
    return tuple(mentions)
