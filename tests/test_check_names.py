"""The names part of the English-vs-source check on an article the gazetteer knows nothing of."""

import pytest

from libyapk_summ import summarize
from libyapk_summ.extract._check import english_mismatches
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.testing import FakeBackend, canned_answer

from .test_check import _unpublished

# A general probe, written for this test: Russia receives a Libyan commander in Moscow.
MOSCOW = (
    "بوتين يستقبل حفتر في موسكو\n"
    "استقبل الرئيس الروسي فلاديمير بوتين ووزير دفاعه سيرغي شويغو، أمس الثلاثاء في موسكو، "
    "القائد العام للجيش الوطني الليبي المشير خليفة حفتر.\n"
    "وبحث الجانبان التعاون العسكري بين روسيا وليبيا.\n"
)
PAKISTAN = "باكستان تستضيف وفدا عسكريا\nاستقبل رئيس وزراء باكستان شهباز شريف وفدا عسكريا في إسلام آباد.\n"


def _flags(tmp_path, text, summary):
    def handler(request):
        if request.response_model is TranslationAnswer:
            return TranslationAnswer(english=summary)
        return canned_answer(request)

    path = tmp_path / "probe.txt"
    path.write_text(text, encoding="utf-8")
    report = summarize(path, backend=FakeBackend(handler))
    return [
        m.value
        for m in english_mismatches(_unpublished(report))  # what the model said, withheld or not
        if m.kind == "name" and m.field == "brief.key_points[0].en"
    ]


@pytest.mark.parametrize(
    "summary",
    [
        "Putin received Haftar in Moscow.",
        "Russian President Vladimir Putin and Defence Minister Sergei Shoigu received Khalifa Haftar.",
        "Russia and Libya discussed military cooperation.",
    ],
)
def test_translations_of_the_arabic_names_pass(tmp_path, summary):
    assert _flags(tmp_path, MOSCOW, summary) == []


def test_a_country_for_a_person_is_flagged(tmp_path):
    assert _flags(tmp_path, MOSCOW, "Botswana received Haftar in Moscow.") == ["Botswana"]


def test_an_invented_person_is_flagged(tmp_path):
    assert _flags(tmp_path, MOSCOW, "Putin received Ahmed al-Sharif in Moscow.") == ["Ahmed al-Sharif"]


def test_a_country_the_article_does_not_name_is_flagged(tmp_path):
    flags = _flags(tmp_path, PAKISTAN, "Shehbaz Sharif received a delegation from Saudi Arabia in Islamabad.")
    assert flags == ["Saudi Arabia"]
