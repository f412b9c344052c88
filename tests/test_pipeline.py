"""The pipeline's own handling, with clearly fake model answers (FakeBackend)."""

import asyncio
import datetime as dt

import pytest

from libyapk_summ import ArticleReport, ResponseValidationError, load_article, summarize, summarize_many
from libyapk_summ.article._load import split_sentences
from libyapk_summ.contract._models import EventSubtype as S
from libyapk_summ.extract._ground import verify
from libyapk_summ.extract._questions import ParticipantsAnswer, TranslationAnswer
from libyapk_summ.testing import FakeBackend, canned_answer

from .conftest import SEEDS


def _participants(actors, recipients):
    def handler(request):
        if request.response_model is ParticipantsAnswer:
            return ParticipantsAnswer(actors=actors, recipients=recipients)
        return canned_answer(request)

    return handler


def test_report_round_trips_through_json():
    report = summarize(SEEDS[1], backend=FakeBackend())
    assert ArticleReport.model_validate_json(report.model_dump_json()) == report


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_evidence_span_is_exact(path):
    report = summarize(path, backend=FakeBackend())
    spans = [e for ev in report.events for e in ev.evidence] + [
        e for k in report.brief.key_points for e in k.evidence
    ]
    assert spans and all(verify(report.article.text, e) for e in spans)


def test_participants_questions_carry_their_sentence_not_the_article():
    fake = FakeBackend()
    report = summarize(SEEDS[0], backend=fake)
    asked = [r for r in fake.requests if r.call.startswith("participants")]
    sentences = {s.number: s.text for s in split_sentences(report.article.text)}
    assert len(asked) > 3 and len({r.messages[0]["content"] for r in asked}) == 1  # one shared prefix
    for r in asked:
        number = int(r.call.split("-")[1].removeprefix("s"))
        others = [t for n, t in sentences.items() if n != number and len(t) > 40]
        others = [t for t in others if t not in sentences[number]]
        assert sentences[number] in r.messages[1]["content"]
        assert not any(t in r.messages[1]["content"] for t in others)


def test_a_sentence_reporting_two_kinds_of_event_is_asked_about_once():
    fake = FakeBackend()
    report = summarize(SEEDS[1], backend=fake)  # sentence 2: an official visit and a meeting
    asked = [r for r in fake.requests if r.call.startswith("participants-s2-")]
    kinds = {e.subtype for e in report.events if e.evidence[0].sentence == 2}
    assert len(asked) == 1 and "an official visit and a meeting" in asked[0].messages[1]["content"]
    assert kinds == {S.OFFICIAL_VISIT, S.MEETING}


def test_translations_see_only_their_sentence():
    fake = FakeBackend()
    report = summarize(SEEDS[1], backend=fake)
    asked = [r for r in fake.requests if r.call.startswith("translate-s")]
    assert asked and all(report.article.text not in r.messages[1]["content"] for r in asked)


def test_summaries_are_the_lead_sentences_and_their_translation():
    report = summarize(SEEDS[1], backend=FakeBackend())
    first, second = split_sentences(report.article.text)[1:3]  # the first line is the headline
    units = {s.unit: s for s in report.brief.sentences}
    assert report.brief.summary_ar == f"{first.text} {second.text}"
    # each lead sentence is published as its translation if that passed, else as composed English
    published = [
        u.translation if u.status == "checked" else u.composed
        for u in (units[f"s{first.number}"], units[f"s{second.number}"])
    ]
    said = {x.strip().rstrip(".") for p in published if p for x in p.split(". ") if x.strip()}
    assert {x.strip().rstrip(".") for x in report.brief.summary_en.split(". ")} == said  # each sentence once
    assert set(report.brief.summary_status) <= {"checked", "composed", "withheld"}


def test_only_the_sentences_the_brief_shows_are_translated():
    fake = FakeBackend()
    report = summarize(SEEDS[1], backend=fake)
    asked = {
        r.call.removeprefix("translate-").removesuffix("-again")  # a re-ask is of a shown sentence too
        for r in fake.requests
        if r.call.startswith("translate-")
    }
    shown = {f"s{k.evidence[0].sentence}" for k in report.brief.key_points} | {"headline"}
    shown |= {s.unit for s in report.brief.sentences if s.ar in report.brief.summary_ar}
    assert asked == shown


def test_names_the_model_made_up_are_dropped():
    fake = FakeBackend(_participants(["خليفة حفتر", "زيد عمرو"], []))
    report = summarize(SEEDS[1], backend=fake)
    names = {e.name_ar for ev in report.events for e in ev.actors + ev.recipients}
    assert "خليفة حفتر" in names  # the real name is kept: the check below is not over an empty set
    assert "زيد عمرو" not in names


def test_known_names_resolve_to_one_canonical_english_name():
    fake = FakeBackend(_participants(["المشير أركان حرب خليفة حفتر"], ["محمد شهباز شريف"]))
    report = summarize(SEEDS[1], backend=fake)
    meeting = next(e for e in report.events if e.subtype is S.MEETING)
    assert {e.name_en for e in meeting.actors + meeting.recipients} >= {"Khalifa Haftar", "Shehbaz Sharif"}


def test_a_name_from_another_sentence_is_not_a_participant():
    fake = FakeBackend(_participants(["إسحاق دار"], []))  # Dar is only in the last sentence of seed 001
    report = summarize(SEEDS[1], backend=fake)
    first = report.events[0]
    assert "Ishaq Dar" not in {e.name_en for e in first.actors + first.recipients}


def test_dates_are_resolved_in_code_against_the_publication_date():
    report = summarize(SEEDS[1], backend=FakeBackend())
    deal = next(e for e in report.events if e.subtype is S.DEFENCE_DEAL)
    assert (deal.date.start, deal.date.end, deal.date.precision) == (
        dt.date(2025, 12, 17),
        dt.date(2025, 12, 19),
        "range",
    )
    assert deal.factuality == "historical"


def test_amount_of_the_defence_deal():
    report = summarize(SEEDS[1], backend=FakeBackend())
    [amount] = next(e for e in report.events if e.subtype is S.DEFENCE_DEAL).amounts
    assert (amount.value, amount.currency, amount.bound) == (4e9, "USD", "more_than")


def test_consulate_in_seed_004_is_planned_and_in_benghazi():
    report = summarize(SEEDS[4], backend=FakeBackend())
    consulates = [e for e in report.events if e.subtype is S.CONSULATE_OPENING]
    assert consulates and all(e.factuality == "planned" for e in consulates)
    assert consulates[0].location.name_en == "Benghazi"


def test_no_publication_date_leaves_relative_dates_unresolved():
    report = summarize(SEEDS[3], backend=FakeBackend())  # "يوم الأربعاء الماضي", no publication date
    visit = next(e for e in report.events if e.date.raw_ar and "الأربعاء" in e.date.raw_ar)
    assert visit.date.start is None and visit.date.precision == "unknown"


def test_headline_skips_site_furniture():
    assert summarize(SEEDS[2], backend=FakeBackend()).brief.headline_ar.startswith(
        "زيارة الفريق ركن صدام حفتر"
    )


def test_key_points_quote_their_sentence():
    report = summarize(SEEDS[0], backend=FakeBackend())
    assert all(k.ar == k.evidence[0].quote_ar for k in report.brief.key_points)


def test_usage_counts_fake_calls():
    fake = FakeBackend(prompt_tokens=100, completion_tokens=10)
    report = summarize(SEEDS[1], backend=fake)
    assert report.usage.calls == len(fake.requests)
    assert report.usage.prompt_tokens == 100 * len(fake.requests)


def test_many_keeps_input_order_and_reports_failures_in_place(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    results = summarize_many([SEEDS[1], empty, SEEDS[0]], backend=FakeBackend(), progress=False)
    assert [getattr(r, "article", None) and r.article.id for r in results] == [
        SEEDS[1].stem,
        None,
        SEEDS[0].stem,
    ]
    assert "empty" in str(results[1])


def test_a_failed_call_fails_only_its_article():
    def handler(request):
        if request.article_id == SEEDS[0].stem:
            raise ResponseValidationError("fake failure", article_id=request.article_id, call=request.call)
        return canned_answer(request)

    results = summarize_many([SEEDS[0], SEEDS[1]], backend=FakeBackend(handler), progress=False)
    assert isinstance(results[0], ResponseValidationError) and isinstance(results[1], ArticleReport)


def test_summarize_works_inside_a_running_event_loop():
    async def notebook_cell():
        return summarize(SEEDS[1], backend=FakeBackend())

    assert asyncio.run(notebook_cell()).article.id == SEEDS[1].stem


def test_article_given_as_text():
    report = summarize(
        load_article(text="عنوان\nعقد الوزير اجتماعا مع نظيره في طرابلس أمس لبحث التعاون."),
        backend=FakeBackend(),
    )
    assert report.article.title == "عنوان" and report.events


# seed 001's headline, translated as a faithful translator would
AFFIRM = "Libya and Pakistan affirm strengthening military cooperation and supporting peace"


def _translator(first: str, again: str):
    def handler(request):
        if request.call == "translate-headline":
            return TranslationAnswer(english=first)
        if request.call == "translate-headline-again":
            return TranslationAnswer(english=again)
        return canned_answer(request)

    return FakeBackend(handler)


def test_an_untraceable_translation_is_asked_again_with_the_failure_named():
    fake = _translator(f"{AFFIRM} in Cairo", AFFIRM)
    report = summarize(SEEDS[1], backend=fake)
    [again] = [r for r in fake.requests if r.call == "translate-headline-again"]
    assert "Cairo" in again.messages[-1]["content"] and again.messages[-2]["role"] == "assistant"
    # the Arabic comes again after the failures, so the last thing the model reads is no sentence
    # of instructions it could copy as its answer
    reask = again.messages[-1]["content"]
    assert reask.index(report.brief.headline_ar) > reask.index("Cairo")
    assert report.brief.headline_en == AFFIRM
    assert not [w for w in report.warnings if w.startswith("brief.headline_en")]


def test_a_mismatch_that_survives_the_reask_is_reported():
    report = summarize(SEEDS[1], backend=_translator("Haftar in Cairo", "Haftar in Cairo again"))
    assert any("Cairo" in w and w.startswith("brief.headline_en") for w in report.warnings)


def test_a_failed_question_cancels_the_article_s_other_questions():
    import asyncio

    from libyapk_summ.pipeline._pipeline import all_of

    cancelled = []

    async def fails() -> int:
        await asyncio.sleep(0)
        raise ValueError("refused")

    async def waits() -> int:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise
        return 2

    async def main() -> None:
        with pytest.raises(ValueError, match="refused"):
            await all_of([waits(), fails()])
        assert cancelled == [True]  # already, not only when asyncio.run shuts the loop down

    asyncio.run(main())

    async def both() -> list[int]:
        async def one(n: int) -> int:
            return n

        return await all_of([one(1), one(2)])

    assert asyncio.run(both()) == [1, 2]
