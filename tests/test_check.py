"""english_mismatches: numbers, dates and names in the English that the Arabic does not give."""

import datetime as dt

import pytest

from libyapk_summ import Settings, load_article, summarize
from libyapk_summ.extract._check import Mismatch, english_mismatches
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.testing import FakeBackend, canned_answer

from .conftest import SEEDS

FIELD = "brief.key_points[0].en"


def _brief(summary, headline="Libya and Pakistan Talks"):
    """A fake model whose every sentence translation is ``summary`` (so key point 0 says it)."""

    def handler(request):
        if request.call.startswith("translate-headline"):
            return TranslationAnswer(english=headline)
        if request.response_model is TranslationAnswer:
            return TranslationAnswer(english=summary)
        return canned_answer(request)

    return FakeBackend(handler)


def _unpublished(report):
    """The report with the English as the model translated it, before _publish withheld what failed."""
    said = {u.unit: u.translation for u in report.brief.sentences}
    b = report.brief
    points = [k.model_copy(update={"en": said[f"s{k.evidence[0].sentence}"]}) for k in b.key_points]
    brief = b.model_copy(update={"headline_en": said["headline"], "key_points": points})
    return report.model_copy(update={"brief": brief})


def _flags(source, summary, **kwargs):
    """(kind, value) of each mismatch in the headline and the first key point."""
    report = summarize(source, backend=_brief(summary, **kwargs))
    found = english_mismatches(_unpublished(report))
    return [(m.kind, m.value) for m in found if m.field in (FIELD, "brief.headline_en")]


def test_a_country_the_article_never_names_is_flagged():
    report = summarize(SEEDS[1], backend=_brief("Pakistan held talks in Benghazi, Egypt, on a consulate."))
    assert [m for m in english_mismatches(_unpublished(report)) if m.field == FIELD] == [
        Mismatch(
            FIELD,
            "name",
            "Egypt",
            "Egypt: a known name, but the Arabic article does not name it",
        )
    ]


def test_a_month_the_article_never_names_is_flagged():
    flags = _flags(SEEDS[1], "Asim Munir was in Benghazi from November 17 to December 19, 2025.")
    assert flags == [("date", "November")]


@pytest.mark.parametrize(
    "summary",
    [
        "They signed a deal worth four billion dollars.",
        "They signed a deal worth more than $4 billion.",
        "They signed a deal worth 4,000,000,000 dollars.",
        "Haftar met Shehbaz Sharif on February 3, 2026, the 3rd of February.",
    ],
)
def test_numbers_and_dates_the_article_gives_pass(summary):
    assert _flags(SEEDS[1], summary) == []


def test_an_amount_the_article_does_not_give_is_flagged():
    assert _flags(SEEDS[1], "They signed a deal worth 5 billion dollars in 2024.") == [
        ("number", "5 billion"),
        ("number", "2024"),
    ]


def test_names_the_article_gives_pass_in_any_form():
    summary = (
        "Field Marshal Khalifa Haftar met Pakistani Prime Minister Muhammad Shehbaz Sharif; Haftar's son "
        "Saddam Haftar met Air Chief Marshal Zahir Ahmad Babar Sidhu at Air Headquarters in Islamabad."
    )
    assert _flags(SEEDS[1], summary) == []


def test_an_invented_name_is_flagged():
    assert _flags(SEEDS[1], "Haftar met Ali Rukan in Islamabad.") == [("name", "Ali Rukan")]


def test_a_known_place_this_article_does_not_name_is_flagged():
    # Islamabad is in the gazetteer, but seed 003 is about a meeting in Benghazi.
    assert _flags(SEEDS[3], "Saddam Haftar met Asim Munir.", headline="Haftar Meets Munir in Islamabad") == [
        ("name", "Islamabad")
    ]
    assert _flags(SEEDS[3], "Asim Munir met Saddam Haftar in Islamabad.") == [("name", "Islamabad")]


def test_relative_dates_resolve_against_the_publication_date():
    article = load_article(
        text="قال الجيش أمس الإثنين إن حفتر زار باكستان الشهر الماضي بعد صفقة وقعت في ديسمبر الماضي.",
        published=dt.date(2026, 2, 3),
    )
    ok = "On Monday, February 2, the army said Haftar visited Pakistan in January, after a December deal."
    assert _flags(article, ok) == []
    assert _flags(article, "On Sunday, Haftar visited Pakistan in March.") == [
        ("date", "Sunday"),
        ("date", "March"),
    ]


def test_arabic_number_words_and_scales_are_read():
    article = load_article(text="وقع حفتر صفقة بقيمة مليار دولار بحضور خمسة وعشرين ضابطا وثلاثة عشر خبيرا.")
    assert _flags(article, "Haftar signed a $1 billion deal before 25 officers and 13 experts.") == []
    assert _flags(article, "Haftar signed a deal before 26 officers.") == [("number", "26")]


def test_number_words_without_a_scale_or_unit_are_not_quantities():
    assert _flags(SEEDS[1], "One of the largest deals, signed by the two countries.") == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_replayed_seed_can_be_checked(path):
    report = summarize(path, settings=Settings(mode="replay"))
    found = english_mismatches(_unpublished(report))
    assert isinstance(found, list) and all(isinstance(m, Mismatch) for m in found)
