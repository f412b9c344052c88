"""The labelled scorecard (``eval --labels``), on small hand-made, clearly synthetic reports."""

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from libyapk_summ import cli
from libyapk_summ._errors import ConfigurationError
from libyapk_summ.contract._models import (
    Article,
    ArticleReport,
    Brief,
    EnglishSentence,
    Entity,
    Event,
    EventSubtype,
    EventType,
    Evidence,
    KeyPoint,
    Provenance,
)
from libyapk_summ.evaluate._devset_labels import ArticleLabels
from libyapk_summ.evaluate._eval_devset import DevsetItem, EventView, match_entity, score_devset, views_of

# A synthetic two-sentence article (not from any outlet).
TEXT = (
    "خبر تجريبي\n"
    "استقبل وزير الخارجية المصري سامح شكري في القاهرة اليوم نظيره الروسي سيرجي لافروف.\n"
    "وانفجرت عبوة ناسفة في مدينة العريش دون إصابات.\n"
)
MEET = "استقبل وزير الخارجية المصري سامح شكري في القاهرة اليوم نظيره الروسي سيرجي لافروف."
BLAST = "وانفجرت عبوة ناسفة في مدينة العريش دون إصابات."


def labels(**over) -> ArticleLabels:
    base = {
        "id": "synthetic-1", "labeller": "test", "off_topic": False, "topic": "diplomacy",
        "main_event": "e1",
        "events": [
            {"id": "e1", "root": "CONSULT", "subtype": "meeting", "factuality": "asserted",
             "sentence_ar": MEET, "place": "Cairo", "date": {"start": "2015-08-10"}},
            {"id": "e2", "root": "ASSAULT", "subtype": "bombing", "factuality": "asserted",
             "sentence_ar": BLAST, "place": "Arish"},
        ],
        "entities": [
            {"ar": "سامح شكري", "en": "Sameh Shoukry", "kind": "person", "also_en": ["Sameh Shukri"]},
            {"ar": "سيرجي لافروف", "en": "Sergei Lavrov", "kind": "person", "also_ar": ["لافروف"]},
            {"ar": "القاهرة", "en": "Cairo", "kind": "place"},
            {"ar": "العريش", "en": "Arish", "kind": "place", "also_en": ["El Arish"]},
        ],
        "descriptions": ["نظيره الروسي", "وزير الخارجية المصري"],
    }  # fmt: skip
    return ArticleLabels.model_validate(base | over)


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def person(ar: str, en: str) -> Entity:
    return Entity(name_ar=ar, name_en=en, kind="person")


def test_an_event_of_the_same_root_on_the_labelled_sentence_is_found():
    card = score_devset([(TEXT, labels(), [EventView("CONSULT", [span(MEET)])], 0)])
    assert card.found_by_root == {"CONSULT": 1} and card.main_found == 1
    assert card.labelled_by_root == {"CONSULT": 1, "ASSAULT": 1} and not card.spurious_by_root


def test_another_root_or_another_sentence_is_spurious_and_the_label_missed():
    views = [EventView("AGREE", [span(MEET)]), EventView("CONSULT", [span(BLAST)])]
    card = score_devset([(TEXT, labels(), views, 0)])
    assert not card.found_by_root and card.main_found == 0
    assert card.spurious_by_root == {"AGREE": 1, "CONSULT": 1}
    assert len(card.missed) == 2


def test_one_produced_event_finds_one_labelled_event_only():
    two = labels(events=[*labels().events, labels().events[0].model_copy(update={"id": "e3"})])
    card = score_devset([(TEXT, two, [EventView("CONSULT", [span(MEET)])], 0)])
    assert card.found_by_root["CONSULT"] == 1 and card.labelled_by_root["CONSULT"] == 2


def test_events_on_an_off_topic_control_are_counted():
    off = labels(off_topic=True, topic="sports", main_event=None, events=[])
    card = score_devset([(TEXT, off, [EventView("ASSAULT", [span(BLAST)])], 0)])
    assert card.off_topic_events == 1 and card.off_topic_articles == 1 and card.main_events == 0


def test_names_right_wrong_and_junk():
    views = [EventView("CONSULT", [span(MEET)], entities=[
        person("سامح شكري", "Sameh Shukri"),        # an accepted spelling
        person("لافروف", "Lavrof"),                  # the right person, garbled English
        person("نظيره الروسي", "his Russian counterpart"),  # a description: junk
        person("الروسي", "al-Rusi"),                 # matches nothing labelled: junk
    ])]  # fmt: skip
    card = score_devset([(TEXT, labels(), views, 0)])
    assert (card.person_right, card.person_mentions) == (1, 2)
    assert (card.junk, card.entities) == (2, 4)


def test_english_comparison_ignores_case_accents_and_the_article():
    lab = labels()
    assert match_entity(lab, "وسامح شكري", "sameh SHOUKRY").en == "Sameh Shoukry"
    assert match_entity(lab, "بالعريش", "El-Arish").en == "Arish"
    assert match_entity(lab, "موسكو") is None


def test_the_place_of_a_found_event_is_checked_against_the_labelled_place():
    good = EventView("ASSAULT", [span(BLAST)], location=Entity(name_ar="العريش", name_en="El Arish"))
    bad = EventView("CONSULT", [span(MEET)], location=Entity(name_ar="مصر", name_en="Egypt"))
    card = score_devset([(TEXT, labels(), [good, bad], 0)])
    assert (card.place_right, card.place_events) == (1, 2)


def test_flags_are_summed_and_render_says_what_cannot_be_measured():
    card = score_devset([(TEXT, labels(), [], 3), (TEXT, labels(id="synthetic-2"), [], 4)])
    out = card.render()
    assert card.flags_raised == 7 and "7 raised" in out and "no labelled translation" in out
    assert "main event found              0.0% (0/2)" in out
    assert "n/a (detection only)" in score_devset([(TEXT, labels(), [], None)], detect_only=True).render()


def test_views_of_a_report_carry_root_spans_names_and_place():
    s, e = span(MEET)
    event = Event(
        id="x-1", type=EventType.CONSULT, subtype=next(iter(EventSubtype)),
        actors=[person("سامح شكري", "Sameh Shoukry")], location=Entity(name_ar="القاهرة", name_en="Cairo"),
        evidence=[Evidence(quote_ar=MEET, start=s, end=e)],
    )  # fmt: skip
    report = ArticleReport(
        article=Article(id="synthetic-1", text=TEXT),
        brief=Brief(headline_ar="", headline_en="", summary_ar="", summary_en=""),
        events=[event],
        provenance=Provenance(model="fake", backend="fake", prompt_version="0", library_version="0",
                              created_at=dt.datetime(2015, 8, 10, tzinfo=dt.UTC)),
    )  # fmt: skip
    card = score_devset([(TEXT, labels(), views_of(report), 0)])
    assert card.main_found == 1 and card.person_right == 1 and card.place_right == 1


def test_the_english_of_each_brief_is_counted_by_status_with_the_withheld_share():
    s, e = span(MEET)
    ev = [Evidence(quote_ar=MEET, start=s, end=e)]
    brief = Brief(
        headline_ar="خبر تجريبي", headline_en="", summary_ar=MEET, summary_en="", headline_status="withheld",
        key_points=[KeyPoint(ar=MEET, en="Shoukry received Lavrov in Cairo.", evidence=ev),
                    KeyPoint(ar=MEET, en="", evidence=ev, status="withheld"),
                    KeyPoint(ar=MEET, en="Sameh Shoukry met Sergei Lavrov.", evidence=ev, status="composed")],
    )  # fmt: skip
    card = score_devset([DevsetItem(TEXT, labels(), [], 0, brief), (TEXT, labels(id="synthetic-2"), [], 0)])
    assert card.key_point_status == {"checked": 1, "withheld": 1, "composed": 1}
    assert card.headline_status == {"withheld": 1}
    out = card.render()
    assert "English key points            3: 1 checked, 1 composed, 1 withheld (33.3% withheld)" in out
    assert "English headline              1: 0 checked, 0 composed, 1 withheld (100.0% withheld)" in out
    assert "English key points" not in score_devset([(TEXT, labels(), [], None)], detect_only=True).render()


def test_labelled_translations_met_word_for_word_score_the_checks():
    units = [
        EnglishSentence(unit="headline", ar="خبر تجريبي", translation="A test report."),
        EnglishSentence(unit="s2", sentence=2, ar=MEET, translation="Shoukry received Lavrov.",
                        status="withheld", failed=["name 'Lavrov' — test"]),
        EnglishSentence(unit="s3", sentence=3, ar=BLAST, translation="A bomb went off in Arish."),
        EnglishSentence(unit="s4", sentence=4, ar=BLAST, translation="Other words, never labelled."),
    ]  # fmt: skip
    brief = Brief(headline_ar="", headline_en="", summary_ar="", summary_en="", sentences=units)
    faithful = {
        ("synthetic-1", "headline", "A test report."): True,  # passed: true negative
        ("synthetic-1", "s2", "Shoukry received Lavrov."): True,  # failed: false flag
        ("synthetic-1", "s3", "A bomb went off in Arish."): False,  # passed: missed
        ("synthetic-1", "s4", "Not these words."): False,  # another English: not scored
    }
    card = score_devset([DevsetItem(TEXT, labels(), [], 0, brief)], translations=faithful)
    assert card.flag_counts == {"tn": 1, "fp": 1, "fn": 1}
    out = card.render(details=True)
    assert "on 3 labelled translations: 1 false, 1 missed; precision 0.0% (0/1), recall 0.0% (0/1)" in out
    assert "flag: synthetic-1:s3 missed: A bomb went off in Arish." in out


def test_translation_labels_are_read_by_exact_english_and_a_bad_label_is_refused(tmp_path):
    from libyapk_summ.evaluate._devset_labels import load_translation_labels

    path = tmp_path / "t.jsonl"
    line = {"article": "a", "unit": "s3-again", "english": " It rained. ", "label": "unfaithful"}
    path.write_text(json.dumps(line) + "\n\n", encoding="utf-8")
    assert load_translation_labels(path) == {("a", "s3", "It rained."): False}
    path.write_text(json.dumps(line | {"label": "fine"}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="faithful"):
        load_translation_labels(path)
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"t.jsonl:1: each line must be a JSON object"):
        load_translation_labels(path)
    with pytest.raises(ConfigurationError, match=r"cannot read the translation labels .*--flag-labels"):
        load_translation_labels(tmp_path / "missing.jsonl")


def test_labels_that_contradict_themselves_are_refused():
    with pytest.raises(ValidationError, match="off-topic"):
        labels(off_topic=True)
    with pytest.raises(ValidationError, match="main_event"):
        labels(main_event="e9")
    with pytest.raises(ValidationError):
        labels(events=[{**labels().events[0].model_dump(mode="json"), "root": "ARREST"}])


def test_a_quote_missing_from_the_text_is_reported():
    assert labels().check_against(TEXT) == []
    assert any("not in the text" in p for p in labels().check_against(TEXT.replace("العريش", "رفح")))


def test_eval_detect_only_scores_only_the_labelled_articles(tmp_path, capsys):
    (tmp_path / "synthetic-1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "unlabelled.txt").write_text(TEXT, encoding="utf-8")
    lab = tmp_path / "labels"
    lab.mkdir()
    (lab / "synthetic-1.json").write_text(json.dumps(labels().model_dump(mode="json")), encoding="utf-8")
    assert cli.main(["eval", str(tmp_path), "--labels", str(lab), "--detect-only"]) == 0
    out = capsys.readouterr().out
    assert "labelled articles             1" in out and "events by root" in out


def test_arabic_names_match_word_by_word_through_the_article_and_clitics():
    from libyapk_summ.evaluate._devset_labels import contains_tokens, name_tokens

    assert contains_tokens(name_tokens("ووفؤاد شكر، وإبراهيم"), name_tokens("فؤاد شكر")) is False
    assert contains_tokens(name_tokens("وفؤاد شكر، وإبراهيم"), name_tokens("فؤاد شكر"))
    assert contains_tokens(name_tokens("في قرية بولاية بورنو"), name_tokens("ولاية بورنو"))
    assert contains_tokens(name_tokens("شكره للسعودية"), name_tokens("السعودية"))
    assert not contains_tokens(name_tokens("الروسي"), name_tokens("روسيا"))


def test_a_participant_that_is_no_labelled_entity_is_reported():
    ev = {**labels().events[0].model_dump(mode="json"), "actors_ar": ["نظيره الروسي"]}
    assert any("participant" in p for p in labels(events=[ev]).check_against(TEXT))


def test_a_name_holding_a_country_and_a_person_is_scored_as_the_person():
    lab = labels(entities=[*labels().entities, {"ar": "روسيا", "en": "Russia", "kind": "country"}])
    garbled = person("وزير خارجية روسيا سيرجي لافروف", "Rusya Sirji Lafruf")
    assert match_entity(lab, garbled.name_ar, garbled.name_en).en == "Sergei Lavrov"
    assert match_entity(lab, "روسيا", "Russia").en == "Russia"
