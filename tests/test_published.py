"""Publication dates: the general forms, where they count, and how each was found."""

import datetime as dt

import pytest

from libyapk_summ.article._published import detect_published, parse_date, parse_published

BODY = "\nعقد الوزير اجتماعا مع نظيره في العاصمة لبحث التعاون بين البلدين في مجالات عدة."


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "2026-02-04T07:18:00+02:00",
            dt.datetime(2026, 2, 4, 7, 18, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        ("2026-02-04 07:18", dt.date(2026, 2, 4)),
        ("4/2/2026", dt.date(2026, 2, 4)),
        ("04-02-2026", dt.date(2026, 2, 4)),
        ("٤/٢/٢٠٢٦", dt.date(2026, 2, 4)),
        ("4 فبراير 2026", dt.date(2026, 2, 4)),
        ("4 شباط 2026", dt.date(2026, 2, 4)),
        ("4 February 2026", dt.date(2026, 2, 4)),
        ("Feb. 4, 2026", dt.date(2026, 2, 4)),
    ],
)
def test_date_forms(text, value):
    assert parse_date(text)[0] == value


def test_no_such_day_is_no_date():
    assert parse_date("31/2/2026") is None


@pytest.mark.parametrize(
    "line",
    [
        "نشر في: 5 مارس 2025",
        "نُشر بتاريخ 5/3/2025",
        "تاريخ النشر 2025-03-05",
        "آخر تحديث: 5 مارس 2025 - 10:00",
    ],
)
def test_byline_forms(line):
    p = detect_published("عنوان الخبر هنا\n" + line + BODY)
    assert (p.value, p.method) == (dt.date(2025, 3, 5), "byline")


def test_byline_wins_over_a_date_in_the_text():
    text = "عنوان الخبر\nاليوم الثلاثاء 3 فبراير 2026، عقد الوزير اجتماعا.\nنشر في 4 فبراير 2026"
    p = detect_published(text)
    assert (p.value, p.method) == (dt.date(2026, 2, 4), "byline")
    assert text[p.evidence.start : p.evidence.end] == p.evidence.quote_ar == "نشر في 4 فبراير 2026"


def test_publication_cue_wins_over_update_cue():
    text = "عنوان\nآخر تحديث 6 مارس 2025\nنشر في 5 مارس 2025" + BODY
    assert detect_published(text).value == dt.date(2025, 3, 5)


def test_date_line_with_time_is_a_stamp():
    p = detect_published("عنوان الخبر\n4 فبراير 2026 7:18 صباحًا" + BODY)
    assert (p.value, p.method) == (dt.date(2026, 2, 4), "date_stamp")


def test_date_inside_a_sentence_is_not_the_publication_date():
    assert detect_published("عنوان\nوقع البلدان في 5 مارس 2025 اتفاقية للتعاون العسكري بينهما.") is None


def test_parse_published_refuses_a_non_date_saying_the_forms():
    with pytest.raises(ValueError, match="2026-02-04"):
        parse_published("yesterday")


def test_parse_published_keeps_an_aware_timestamp():
    assert parse_published("2026-02-04T07:18:00Z").tzinfo is not None
