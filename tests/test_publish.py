"""What the brief publishes: checked translations, sentences composed from events, nothing else."""

import csv
import io

from libyapk_summ import ArticleReport, report_html, summarize
from libyapk_summ.article._load import Sentence, split_sentences
from libyapk_summ.contract._models import Article, EventDate
from libyapk_summ.extract._brief import headline_ar, is_background, summary_sentences
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.render._digest import digest
from libyapk_summ.render._tables import ENGLISH_COLUMNS, english_rows, events_rows, to_csv
from libyapk_summ.testing import FakeBackend, canned_answer

from .conftest import SEEDS

INVENTED = "Pakistan held talks in Benghazi, Egypt, on a consulate."


# What a faithful translator would write for seed 001's units (clearly fake, but passes the checks).
FAITHFUL = {
    "s2": "The commander of the Libyan National Army, Field Marshal Khalifa Haftar, held a "
    "meeting on Tuesday, 3 February 2026, with the Prime Minister of Pakistan, "
    "Muhammad Shehbaz Sharif, during an official visit to Pakistan.",
    "s3": "Several senior officials from both sides attended the meeting, among them the "
    "Deputy Commander-in-Chief of the Libyan Army, Lieutenant General Saddam Haftar, "
    "and the head of the Libyan government appointed by the House of Representatives,"
    " Osama Hammad, along with an accompanying official delegation.",
    "s6": "The Chief of Air Staff of the Pakistan Air Force, Air Chief Marshal Zaheer Ahmed"
    " Babar Sidhu, affirmed the Pakistan Air Force's commitment to strengthening "
    "professional cooperation with its Libyan counterpart while receiving Lieutenant "
    "General Saddam Haftar at the Air Force headquarters in Islamabad.",
    "s7": "Field Marshal Khalifa Haftar's visit to Pakistan comes after the Pakistani army "
    "chief, Field Marshal Asim Munir, was received by him in Benghazi from 17 to 19 "
    "December 2025, when an agreement on military cooperation and defence procurement"
    " worth more than four billion dollars was signed.",
    "s8": "Sources said the visit to Pakistan aims to follow up the implementation of "
    "previous agreements and to explore new opportunities for cooperation in the "
    "military and security fields.",
    "s10": "Informed sources said Pakistan is currently holding talks to open a consulate in"
    " the city of Benghazi in eastern Libya, to strengthen diplomatic representation "
    "and support contact with the local authorities in eastern Libya.",
}


HEADLINE = "Libya and Pakistan affirm strengthening military cooperation and supporting peace"


def _model(sentence=INVENTED, headline=HEADLINE, bad=("s2",)):
    """A fake model: units in ``bad`` (and "headline" if listed) are translated as ``sentence``."""

    def handler(request):
        if request.response_model is TranslationAnswer:
            unit = request.call.removeprefix("translate-").removesuffix("-again")
            if unit == "headline":
                return TranslationAnswer(english=sentence if "headline" in bad else headline)
            return TranslationAnswer(english=sentence if unit in bad else FAITHFUL[unit])
        return canned_answer(request)

    return FakeBackend(handler)


def _published(report):
    b = report.brief
    return " ".join([b.headline_en, b.summary_en, *(k.en for k in b.key_points)])


def test_a_translation_that_fails_after_its_reask_is_published_nowhere():
    fake = _model()
    report = summarize(SEEDS[1], backend=fake)
    assert "Egypt" not in _published(report)
    assert any(r.call == "translate-s2-again" for r in fake.requests)  # it was re-asked first


def test_a_withheld_translation_stays_in_the_sentence_view_with_its_checks_and_arabic():
    report = summarize(SEEDS[1], backend=_model())
    unit = next(u for u in report.brief.sentences if u.unit == "s2")
    assert (unit.status, unit.translation) == ("withheld", INVENTED)
    assert unit.ar.startswith("عقد قائد الجيش") and any("Egypt" in f for f in unit.failed)


def test_a_withheld_key_point_gets_a_sentence_composed_from_its_events():
    report = summarize(SEEDS[1], backend=_model())
    point = report.brief.key_points[0]
    assert point.status == "composed" and point.en.startswith(
        "Khalifa Haftar visited Pakistan on 3 February 2026"
    )
    assert point.failed and report.brief.summary_status[0] == "composed"


def test_a_withheld_headline_falls_back_to_a_composed_sentence():
    report = summarize(SEEDS[1], backend=_model(bad=("headline",)))
    assert report.brief.headline_status == "composed"
    assert report.brief.headline_en == "Khalifa Haftar visited Pakistan on 3 February 2026."


def test_translations_that_pass_are_published_as_checked():
    report = summarize(SEEDS[1], backend=_model(bad=()))
    assert report.brief.all_checked and report.brief.headline_status == "checked"
    assert {k.status for k in report.brief.key_points} == {"checked"}


def test_a_report_with_new_fields_round_trips_through_json():
    report = summarize(SEEDS[1], backend=_model())
    assert ArticleReport.model_validate_json(report.model_dump_json()) == report


def test_a_report_whose_english_failed_a_check_never_says_all_traces():
    failed = summarize(SEEDS[1], backend=_model())
    passed = summarize(SEEDS[1], backend=_model(bad=()))
    assert "all trace to the source" not in report_html([failed])
    failed.warnings = []  # the brief's own record of what failed is enough
    assert "all trace to the source" not in report_html([failed])
    assert "all trace to the source" in report_html([passed])


def test_the_page_shows_the_withheld_translation_marked_unverified():
    page = report_html([summarize(SEEDS[1], backend=_model())])
    assert "unverified: Pakistan held talks in Benghazi, Egypt" in page and "withheld" in page


def test_the_digest_shows_each_withheld_sentence_and_what_it_failed():
    text = digest(summarize(SEEDS[1], backend=_model()))
    [line] = [x for x in text.splitlines() if "✗ s2 withheld: " in x]  # its failures, in check order
    assert "names 'Egypt'" in line and "EN (unverified) Pakistan held talks" in text
    assert "(composed)" in text


def test_the_notebook_view_lists_what_was_withheld():
    view = summarize(SEEDS[1], backend=_model())._repr_html_()
    assert "English sentence(s) withheld" in view and "unverified: Pakistan held talks" in view


def test_the_english_table_gives_each_sentence_its_status():
    rows = english_rows([summarize(SEEDS[1], backend=_model())])
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit["s2"]["status"] == "composed" and "Egypt" in by_unit["s2"]["failed"]
    assert by_unit["headline"]["status"] == "checked" and by_unit["s2"]["translation"] == INVENTED
    header = next(csv.reader(io.StringIO(to_csv(rows, ENGLISH_COLUMNS).lstrip("\ufeff"))))
    assert header == ENGLISH_COLUMNS


def test_date_notes_reach_the_digest_the_page_and_the_table():
    report = summarize(SEEDS[1], backend=_model(bad=()))
    note = "weekday الإثنين does not match 2026-02-03"
    report.events[0].date = EventDate(**(report.events[0].date.model_dump() | {"note": note}))
    assert f"date note: {note}" in digest(report)
    assert note in report_html([report]) and events_rows([report])[0]["date_note"] == note
    assert note in report._repr_html_()


def _sentences(*texts):
    out, pos = [], 0
    for n, t in enumerate(texts, 1):
        out.append(Sentence(number=n, start=pos, end=pos + len(t), text=t))
        pos += len(t) + 1
    return out


def test_the_summary_skips_background_furniture_and_the_headline():
    s = _sentences(
        "وزير الخارجية يزور أنقرة لبحث التعاون",
        "يشار إلى أن الوزير كان قد زار أنقرة في العام الماضي لبحث ملفات عدة.",
        "وصل وزير الخارجية اليوم إلى أنقرة في زيارة رسمية تستمر يومين.",
        "اقرأ أيضا",
        "والتقى الوزير نظيره التركي وبحثا سبل تعزيز التعاون بين البلدين.",
    )
    assert is_background(s[1]) and not is_background(s[2])
    assert [x.number for x in summary_sentences(s)] == [3, 5]


def test_the_headline_may_start_with_a_number_or_end_in_two_dots():
    for title in ("3 قتلى في انفجار بمدينة الموصل شمالي العراق", "الرئيس يلتقي وفدا من رجال الأعمال.."):
        text = f"{title}\nوقع الانفجار صباح اليوم في حي سكني بالمدينة وأسفر عن سقوط ضحايا."
        article = Article(id="x", text=text)
        assert headline_ar(article, split_sentences(text)) == title


def test_a_date_stamp_is_not_the_headline():
    lines = ["2026-02-04 7:18 صباحًا", "باكستان تدرس افتتاح قنصلية في مدينة بنغازي الليبية"]
    text = "\n".join([*lines, "النص هنا طويل بما يكفي ليكون جملة كاملة."])
    assert headline_ar(Article(id="x", text=text), split_sentences(text)).startswith("باكستان تدرس")


def test_a_subheading_after_the_body_has_begun_is_not_the_headline():
    body = "يُوقع الجيش الليبي اتفاقية تعاون مع الجيش الباكستاني، في خطوة وصفت بأنها لافتة."
    text = (
        f"{body}\nتفاصيل الاجتماع العسكري في مدينة بنغازي\nانعقد الاجتماع بمقر القيادة العامة في بنغازي أمس."
    )
    assert (
        headline_ar(Article(id="x", text=text), split_sentences(text))
        == "يُوقع الجيش الليبي اتفاقية تعاون مع الجيش الباكستاني"
    )


def test_per_sentence_checks_withhold_a_fail_and_not_an_unsure(monkeypatch):
    from dataclasses import dataclass

    from libyapk_summ.extract import _publish

    @dataclass
    class Finding:
        check: str
        verdict: str
        detail: str
        value: str = ""

    asked = []

    def check_translation(arabic, english, *, headline=False, participants=None, **_):
        asked.append((headline, participants is not None))
        if english == FAITHFUL["s2"]:  # the fake check fails s2 alone
            return [Finding("omission", "fail", "Khalifa Haftar is missing"), Finding("names", "unsure", "?")]
        return [Finding("modality", "unsure", "cannot tell")]

    monkeypatch.setattr(_publish, "check_translation", check_translation)
    report = summarize(SEEDS[1], backend=_model(bad=()))
    units = {u.unit: u for u in report.brief.sentences}
    assert (True, True) in asked and units["headline"].status == "checked"
    assert units["s2"].status == "withheld" and units["s2"].failed == [
        "omission '' — Khalifa Haftar is missing"
    ]


def test_a_key_point_composes_only_what_its_own_sentence_says():
    from libyapk_summ.contract._models import Entity, Event, EventDate, Evidence
    from libyapk_summ.extract._publish import as_told_in, composed_for

    first = "التقى المشير خليفة حفتر رئيس الوزراء محمد شهباز شريف في إسلام آباد اليوم."
    later = "وحضر اللقاء الفريق صدام حفتر."

    def who(ar: str, en: str) -> Entity:
        return Entity(name_ar=ar, name_en=en, kind="person", verified=True)

    event = Event(
        id="e1",
        type="CONSULT",
        subtype="meeting",
        actors=[who("خليفة حفتر", "Khalifa Haftar"), who("صدام حفتر", "Saddam Haftar")],
        recipients=[who("محمد شهباز شريف", "Shehbaz Sharif"), who("عاصم منير", "Asim Munir")],
        location=Entity(name_ar="بنغازي", name_en="Benghazi", kind="place", verified=True),
        date=EventDate(raw_ar="الثلاثاء الماضي"),
        evidence=[
            Evidence(quote_ar=first, start=0, end=len(first), sentence=1),
            Evidence(quote_ar=later, start=len(first) + 1, end=len(first) + 1 + len(later), sentence=2),
        ],
    )
    told = as_told_in(event, 1)
    assert told is not None
    assert [e.name_en for e in told.actors + told.recipients] == ["Khalifa Haftar", "Shehbaz Sharif"]
    assert told.location is None and told.date.raw_ar is None  # neither is in sentence 1
    assert as_told_in(event, 2) is None  # "attending were …" alone is no meeting of its own
    assert as_told_in(event, 7) is event  # not its evidence: left whole
    assert composed_for([event], sentence=1) == ["Khalifa Haftar met Shehbaz Sharif."]
    assert composed_for([event], sentence=2) == []
