"""Finding and resolving Arabic date expressions (libyapk_summ.values._dates)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from libyapk_summ.values._dates import DateMention, find_date_expressions, resolve_date

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PUB = dt.date(2026, 2, 4)  # a Wednesday: seed 004's date stamp
D = dt.date
UNRESOLVED = "unresolved: relative expression needs a publication date"
INFERRED = "year inferred from publication date"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def raws(text: str) -> list[str]:
    return [m.raw for m in find_date_expressions(text)]


# --- find_date_expressions on the seed articles ---------------------------------


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_spans_index_the_original_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    mentions = find_date_expressions(text)
    for m in mentions:
        assert text[m.start : m.end] == m.raw
    ends = [0] + [m.end for m in mentions]
    assert all(m.start >= prev_end for m, prev_end in zip(mentions, ends, strict=False))


def test_seed_001_finds_full_date_and_range() -> None:
    assert raws(seed("001")) == ["اليوم الثلاثاء 3 فبراير 2026", "من 17 إلى 19 ديسمبر 2025"]


def test_seed_003_finds_relative_weekday_and_month() -> None:
    assert raws(seed("003")) == ["يوم الأربعاء الماضي", "شهر يوليو الماضي"]


def test_seed_004_finds_stamps_yesterday_month_and_year() -> None:
    assert raws(seed("004")) == [
        "2026-02-04",
        "2026-02-04",
        "أمس الإثنين",
        "ديسمبر الماضي",
        "منذ عام 2011",
    ]


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_seed_without_dates_yields_nothing(prefix: str) -> None:
    assert find_date_expressions(seed(prefix)) == []


# --- find_date_expressions behaviour ---------------------------------------------


@pytest.mark.parametrize(
    "expr",
    [
        "3 فبراير 2026",
        "الثلاثاء 3 فبراير 2026",
        "اليوم الثلاثاء 3 فبراير 2026",
        "2026-02-04",
        "فبراير 2026",
        "عام 2011",
        "منذ عام 2011",
        "من 17 إلى 19 ديسمبر 2025",
        "بين 17 و19 ديسمبر 2025",
        "17-19 ديسمبر 2025",
        "من 30 نوفمبر إلى 2 ديسمبر 2025",
        "اليوم",
        "اليوم الثلاثاء",
        "أمس",
        "أمس الإثنين",
        "أمس الاثنين",
        "أول أمس",
        "الأربعاء الماضي",
        "يوم الأربعاء الماضي",
        "ديسمبر الماضي",
        "شهر يوليو الماضي",
        "الشهر الماضي",
        "العام الماضي",
        "الأسبوع الماضي",
        "17 ديسمبر",
        "شهر ديسمبر",
    ],
)
def test_find_locates_each_form_whole(expr: str) -> None:
    text = f"وقال المصدر إن اللقاء جرى {expr} بحضور الوفد."
    (m,) = find_date_expressions(text)
    assert (m.raw, m.start) == (expr, text.index(expr))


def test_find_prefers_longest_match() -> None:
    assert raws("عقد اليوم الثلاثاء 3 فبراير 2026 اجتماعا") == ["اليوم الثلاثاء 3 فبراير 2026"]


def test_find_leaves_leading_preposition_out_of_span() -> None:
    assert raws("خلال الفترة من 17 إلى 19 ديسمبر 2025") == ["من 17 إلى 19 ديسمبر 2025"]
    assert raws("زار بنغازي في ديسمبر") == ["ديسمبر"]


def test_find_needs_a_cue_for_a_bare_month_name() -> None:
    # "مارس" is also a verb and "ديسمبر" alone may just qualify a noun.
    assert raws("مارس الضغط في اتفاق ديسمبر") == []


@pytest.mark.parametrize("text", ["اللقاء الخامس", "إسلام آباد", "سنة 5000 جندي"])
def test_find_ignores_lookalikes_inside_words(text: str) -> None:
    assert find_date_expressions(text) == []


def test_find_accepts_proclitic_waw() -> None:
    text = "واليوم التقى الوفد"
    (m,) = find_date_expressions(text)
    assert (m.raw, m.start) == ("اليوم", 1)


def test_find_handles_arabic_indic_digits() -> None:
    text = "وقع الاتفاق في ٣ فبراير ٢٠٢٦ ببنغازي"
    assert raws(text) == ["٣ فبراير ٢٠٢٦"]


def test_find_keeps_trailing_diacritic_in_span() -> None:
    text = "وصل أمسِ"
    (m,) = find_date_expressions(text)
    assert m == DateMention(4, 8, "أمسِ")


def test_find_limits_search_to_region_with_absolute_offsets() -> None:
    text = "3 فبراير 2026 ثم 17 ديسمبر 2025"
    start = text.index("17")
    (m,) = find_date_expressions(text, start=start)
    assert (m.start, m.raw) == (start, "17 ديسمبر 2025")
    assert text[m.start : m.end] == m.raw
    assert [m.raw for m in find_date_expressions(text, 0, start)] == ["3 فبراير 2026"]


def test_find_collapsed_whitespace_still_maps_to_original() -> None:
    text = "في  3   فبراير\n2026"
    (m,) = find_date_expressions(text)
    assert m.raw == "3   فبراير\n2026"


# --- resolve_date: explicit forms (no publication date needed) ---------------


@pytest.mark.parametrize(
    ("raw", "start", "end", "precision"),
    [
        ("3 فبراير 2026", D(2026, 2, 3), D(2026, 2, 3), "day"),
        ("الثلاثاء 3 فبراير 2026", D(2026, 2, 3), D(2026, 2, 3), "day"),
        ("اليوم الثلاثاء 3 فبراير 2026", D(2026, 2, 3), D(2026, 2, 3), "day"),
        ("يوم 3 فبراير 2026", D(2026, 2, 3), D(2026, 2, 3), "day"),
        ("3 شباط/فبراير 2026", D(2026, 2, 3), D(2026, 2, 3), "day"),
        ("17 ديسمبر من عام 2025", D(2025, 12, 17), D(2025, 12, 17), "day"),
        ("2026-02-04", D(2026, 2, 4), D(2026, 2, 4), "day"),
        ("4/2/2026", D(2026, 2, 4), D(2026, 2, 4), "day"),
        ("فبراير 2026", D(2026, 2, 1), D(2026, 2, 28), "month"),
        ("كانون الأول 2025", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("عام 2011", D(2011, 1, 1), D(2011, 12, 31), "year"),
        ("منذ عام 2011", D(2011, 1, 1), D(2011, 12, 31), "year"),
    ],
)
def test_explicit_date_resolves_without_publication(
    raw: str, start: dt.date, end: dt.date, precision: str
) -> None:
    got = resolve_date(raw, None)
    assert (got.start, got.end, got.precision, got.method) == (start, end, precision, "explicit")
    assert got.raw_ar == raw


def test_since_year_is_noted() -> None:
    assert resolve_date("منذ عام 2011", None).note == "since: the period starts in this year"


def test_seed_001_today_with_full_date_has_matching_weekday() -> None:
    got = resolve_date("اليوم الثلاثاء 3 فبراير 2026", None)
    assert (got.start, got.precision, got.note) == (D(2026, 2, 3), "day", None)


@pytest.mark.parametrize(
    ("raw", "start", "end"),
    [
        ("من 17 إلى 19 ديسمبر 2025", D(2025, 12, 17), D(2025, 12, 19)),
        ("خلال الفترة من 17 إلى 19 ديسمبر 2025", D(2025, 12, 17), D(2025, 12, 19)),
        ("بين 17 و19 ديسمبر 2025", D(2025, 12, 17), D(2025, 12, 19)),
        ("17-19 ديسمبر 2025", D(2025, 12, 17), D(2025, 12, 19)),
        ("17 – 19 ديسمبر 2025", D(2025, 12, 17), D(2025, 12, 19)),
        ("من 30 نوفمبر إلى 2 ديسمبر 2025", D(2025, 11, 30), D(2025, 12, 2)),
        ("من 30 ديسمبر إلى 2 يناير 2026", D(2025, 12, 30), D(2026, 1, 2)),
    ],
)
def test_range_resolves_start_and_end(raw: str, start: dt.date, end: dt.date) -> None:
    got = resolve_date(raw, None)
    assert (got.start, got.end, got.precision, got.method) == (start, end, "range", "range")


@pytest.mark.parametrize(
    ("raw", "start", "end"),
    [
        ("٣ فبراير ٢٠٢٦", D(2026, 2, 3), D(2026, 2, 3)),
        ("من ١٧ إلى ١٩ ديسمبر ٢٠٢٥", D(2025, 12, 17), D(2025, 12, 19)),
        ("عام ٢٠١١", D(2011, 1, 1), D(2011, 12, 31)),
        ("٢٠٢٦-٠٢-٠٤", D(2026, 2, 4), D(2026, 2, 4)),
    ],
)
def test_arabic_indic_digits_resolve(raw: str, start: dt.date, end: dt.date) -> None:
    got = resolve_date(raw, None)
    assert (got.start, got.end) == (start, end)


# --- resolve_date: relative forms ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "start", "end", "precision", "method"),
    [
        ("اليوم", PUB, PUB, "day", "relative:today"),
        ("اليوم الأربعاء", PUB, PUB, "day", "relative:today"),
        ("أمس", D(2026, 2, 3), D(2026, 2, 3), "day", "relative:yesterday"),
        ("يوم أمس", D(2026, 2, 3), D(2026, 2, 3), "day", "relative:yesterday"),
        ("أمس الثلاثاء", D(2026, 2, 3), D(2026, 2, 3), "day", "relative:yesterday"),
        ("أول أمس", D(2026, 2, 2), D(2026, 2, 2), "day", "relative:day-before-yesterday"),
        ("أمس الأول", D(2026, 2, 2), D(2026, 2, 2), "day", "relative:day-before-yesterday"),
        ("الاثنين الماضي", D(2026, 2, 2), D(2026, 2, 2), "day", "relative:last-weekday"),
        ("الأربعاء الماضي", D(2026, 1, 28), D(2026, 1, 28), "day", "relative:last-weekday"),
        ("ديسمبر الماضي", D(2025, 12, 1), D(2025, 12, 31), "month", "relative:last-month-name"),
        ("في يوليو الماضي", D(2025, 7, 1), D(2025, 7, 31), "month", "relative:last-month-name"),
        ("شهر يوليو الماضي", D(2025, 7, 1), D(2025, 7, 31), "month", "relative:last-month-name"),
        ("فبراير الماضي", D(2025, 2, 1), D(2025, 2, 28), "month", "relative:last-month-name"),
        ("الشهر الماضي", D(2026, 1, 1), D(2026, 1, 31), "month", "relative:last-month"),
        ("العام الماضي", D(2025, 1, 1), D(2025, 12, 31), "year", "relative:last-year"),
        ("السنة الماضية", D(2025, 1, 1), D(2025, 12, 31), "year", "relative:last-year"),
        ("الأسبوع الماضي", D(2026, 1, 26), D(2026, 2, 1), "range", "relative:last-week"),
        ("غداً", D(2026, 2, 5), D(2026, 2, 5), "day", "relative:tomorrow"),
        ("العام الجاري", D(2026, 1, 1), D(2026, 12, 31), "year", "relative:this-year"),
    ],
)
def test_relative_expression_resolves_against_publication(
    raw: str, start: dt.date, end: dt.date, precision: str, method: str
) -> None:
    got = resolve_date(raw, PUB)
    assert (got.start, got.end, got.precision, got.method) == (start, end, precision, method)
    assert got.raw_ar == raw


@pytest.mark.parametrize(
    "raw",
    [
        "اليوم",
        "أمس",
        "أمس الاثنين",
        "أول أمس",
        "الأربعاء الماضي",
        "ديسمبر الماضي",
        "الشهر الماضي",
        "العام الماضي",
        "الأسبوع الماضي",
    ],
)
def test_relative_expression_without_publication_stays_unresolved(raw: str) -> None:
    got = resolve_date(raw, None)
    assert (got.start, got.end, got.precision, got.method) == (None, None, "unknown", UNRESOLVED)
    assert got.raw_ar == raw


def test_last_weekday_on_same_weekday_goes_back_a_week() -> None:
    assert resolve_date("الأربعاء الماضي", PUB).start == D(2026, 1, 28)


def test_last_month_name_in_same_month_is_previous_year() -> None:
    got = resolve_date("ديسمبر الماضي", D(2025, 12, 20))
    assert (got.start, got.end) == (D(2024, 12, 1), D(2024, 12, 31))


def test_publication_datetime_is_accepted() -> None:
    assert resolve_date("أمس", dt.datetime(2026, 2, 4, 7, 18)).start == D(2026, 2, 3)


# --- resolve_date: the seed sentences ------------------------------------------


def test_seed_003_relative_dates_unresolved_without_publication() -> None:
    for raw in ("يوم الأربعاء الماضي", "في شهر يوليو الماضي"):
        got = resolve_date(raw, None)
        assert (got.precision, got.start, got.method) == ("unknown", None, UNRESOLVED)


def test_seed_003_last_wednesday_with_publication() -> None:
    got = resolve_date("يوم الأربعاء الماضي", D(2025, 12, 19))  # a Friday
    assert (got.start, got.precision, got.method) == (D(2025, 12, 17), "day", "relative:last-weekday")


def test_seed_003_last_july_with_publication() -> None:
    got = resolve_date("في شهر يوليو الماضي", D(2025, 12, 19))
    assert (got.start, got.end, got.precision) == (D(2025, 7, 1), D(2025, 7, 31), "month")


def test_seed_004_yesterday_monday_reports_weekday_mismatch() -> None:
    got = resolve_date("أمس الإثنين", PUB)
    assert (got.start, got.precision, got.method) == (D(2026, 2, 3), "day", "relative:yesterday")
    assert got.note == "weekday الإثنين does not match 2026-02-03 (Tuesday)"


def test_seed_004_last_december() -> None:
    got = resolve_date("في ديسمبر الماضي", PUB)
    assert (got.start, got.end, got.precision) == (D(2025, 12, 1), D(2025, 12, 31), "month")


# --- weekday checks, inferred years, failures ----------------------------------


def test_yesterday_monday_without_hamza_is_checked_too() -> None:
    assert resolve_date("أمس الاثنين", PUB).note == "weekday الاثنين does not match 2026-02-03 (Tuesday)"


def test_weekday_mismatch_keeps_date_and_notes_it() -> None:
    got = resolve_date("الثلاثاء 4 فبراير 2026", None)
    assert got.start == D(2026, 2, 4)
    assert got.note == "weekday الثلاثاء does not match 2026-02-04 (Wednesday)"


def test_today_with_wrong_weekday_is_noted() -> None:
    got = resolve_date("اليوم الثلاثاء", PUB)
    assert got.start == PUB
    assert got.note == "weekday الثلاثاء does not match 2026-02-04 (Wednesday)"


def test_matching_weekday_leaves_no_note() -> None:
    assert resolve_date("أمس الثلاثاء", PUB).note is None


@pytest.mark.parametrize(
    ("raw", "start", "end", "precision"),
    [
        ("17 ديسمبر", D(2025, 12, 17), D(2025, 12, 17), "day"),
        ("3 فبراير", D(2026, 2, 3), D(2026, 2, 3), "day"),
        ("في ديسمبر", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("في فبراير", D(2026, 2, 1), D(2026, 2, 28), "month"),
        ("من 17 إلى 19 ديسمبر", D(2025, 12, 17), D(2025, 12, 19), "range"),
    ],
)
def test_missing_year_is_inferred_from_publication(
    raw: str, start: dt.date, end: dt.date, precision: str
) -> None:
    got = resolve_date(raw, PUB)
    assert (got.start, got.end, got.precision, got.note) == (start, end, precision, INFERRED)


@pytest.mark.parametrize("raw", ["17 ديسمبر", "في ديسمبر"])
def test_missing_year_without_publication_stays_unresolved(raw: str) -> None:
    got = resolve_date(raw, None)
    assert (got.start, got.precision) == (None, "unknown")
    assert got.method is not None and got.method.startswith("unresolved")


@pytest.mark.parametrize("raw", ["مرحبا بالجميع", "الساعة 5", "بقيمة 4 مليارات دولار"])
def test_unparseable_text_is_unknown(raw: str) -> None:
    got = resolve_date(raw, PUB)
    assert (got.start, got.precision, got.method, got.raw_ar) == (None, "unknown", "unparsed", raw)


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_empty_input_is_unknown(raw: str | None) -> None:
    got = resolve_date(raw, PUB)
    assert (got.precision, got.method, got.raw_ar) == ("unknown", "unparsed", raw)


def test_impossible_calendar_date_is_not_resolved() -> None:
    got = resolve_date("31 فبراير 2026", None)
    assert (got.start, got.precision, got.method) == (None, "unknown", "unparsed")


def test_bare_weekday_is_not_guessed() -> None:
    got = resolve_date("يوم الأربعاء", PUB)
    assert (got.start, got.precision) == (None, "unknown")


def test_trailing_punctuation_is_ignored() -> None:
    assert resolve_date("3 فبراير 2026،", None).start == D(2026, 2, 3)


# --- dateparser fallback ---------------------------------------------------------
# dateparser is a core dependency (pyproject), so these run everywhere: without it they fail.


def test_dateparser_fallback_for_form_grammar_lacks() -> None:
    got = resolve_date("منذ يومين", PUB)
    assert (got.start, got.precision, got.method) == (D(2026, 2, 2), "day", "dateparser")


def test_dateparser_fallback_never_resolves_relative_against_now() -> None:
    got = resolve_date("منذ يومين", None)
    assert (got.start, got.precision, got.method) == (None, "unknown", UNRESOLVED)


def test_importing_module_does_not_import_dateparser() -> None:
    code = "import sys, libyapk_summ.values._dates; assert 'dateparser' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=SEEDS.parent)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في 20 مارس الجاري", dt.date(2026, 3, 20)),  # later this month: still this year, not last
        ("الأحد 15 مارس الجاري", dt.date(2026, 3, 15)),
        ("يوم 5 من الشهر الجاري", dt.date(2026, 3, 5)),
    ],
)
def test_a_day_of_the_current_month_is_in_the_publication_year(text, expected):
    [m] = find_date_expressions(text)
    d = resolve_date(m.raw, dt.date(2026, 3, 10))
    assert (d.start, d.precision) == (expected, "day")
