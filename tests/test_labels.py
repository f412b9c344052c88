"""English written by code from resolved fields (_labels)."""

import datetime as dt

import pytest

from libyapk_summ.contract._labels import amount_label, compose, date_label, date_words, kind_en
from libyapk_summ.contract._models import (
    SUBTYPE_TO_TYPE,
    Amount,
    Entity,
    Event,
    EventDate,
    EventSubtype,
    Evidence,
)

D = dt.date
DAY = EventDate(start=D(2026, 2, 3), end=D(2026, 2, 3), precision="day")
RANGE = EventDate(start=D(2025, 12, 17), end=D(2025, 12, 19), precision="range")
HAFTAR = Entity(name_ar="خليفة حفتر", name_en="Khalifa Haftar", kind="person", verified=True)
SHARIF = Entity(name_ar="شهباز شريف", name_en="Shehbaz Sharif", kind="person", verified=True)
PAKISTAN = Entity(name_ar="باكستان", name_en="Pakistan", kind="country", verified=True)
ISLAMABAD = Entity(name_ar="إسلام آباد", name_en="Islamabad", kind="place", verified=True)
BENGHAZI = Entity(name_ar="بنغازي", name_en="Benghazi", kind="place", verified=True)
GUESS = Entity(name_ar="نظيرتها", name_en="Nazirtha", kind="person", verified=False)


def _event(
    subtype, factuality="asserted", actors=(), recipients=(), location=None, date=None, amounts=(), ar="x"
):
    return Event(
        id="a#e1", type=SUBTYPE_TO_TYPE[subtype], subtype=subtype, factuality=factuality,
        actors=list(actors), recipients=list(recipients), location=location, date=date or EventDate(),
        amounts=list(amounts), evidence=[Evidence(quote_ar=ar, start=0, end=len(ar), sentence=1)],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("date", "words", "label"),
    [
        (DAY, "on 3 February 2026", "2026-02-03"),
        (RANGE, "from 17 to 19 December 2025", "2025-12-17..2025-12-19"),
        (EventDate(start=D(2025, 11, 28), end=D(2025, 12, 2), precision="range"),
         "from 28 November to 2 December 2025", "2025-11-28..2025-12-02"),
        (EventDate(start=D(2025, 12, 30), end=D(2026, 1, 2), precision="range"),
         "from 30 December 2025 to 2 January 2026", "2025-12-30..2026-01-02"),
        (EventDate(start=D(2025, 12, 1), end=D(2025, 12, 31), precision="month"), "in December 2025",
         "2025-12"),
        (EventDate(start=D(2025, 1, 1), end=D(2025, 12, 31), precision="year"), "in 2025", "2025"),
        (EventDate(), "", "undated"),
    ],
)  # fmt: skip
def test_dates_in_words_and_labels(date, words, label):
    assert (date_words(date), date_label(date)) == (words, label)


def test_amount_label_names_the_bound():
    assert (
        amount_label(Amount(value=4e9, currency="USD", bound="more_than", raw_ar="x"))
        == "more than 4,000,000,000 USD"
    )
    assert amount_label(Amount(value=None, raw_ar="x")) == "?"


def test_a_meeting_is_who_met_whom_where_and_when():
    e = _event(EventSubtype.MEETING, actors=[HAFTAR], recipients=[PAKISTAN, SHARIF], location=ISLAMABAD,
               date=DAY)  # fmt: skip
    assert compose(e) == "Khalifa Haftar met Shehbaz Sharif in Islamabad on 3 February 2026."


def test_a_visit_takes_its_place_as_object():
    e = _event(EventSubtype.OFFICIAL_VISIT, actors=[HAFTAR], recipients=[SHARIF], location=PAKISTAN)
    assert compose(e) == "Khalifa Haftar visited Pakistan."


def test_a_visit_by_no_one_named_still_goes_to_its_place():
    # "أجرى وفد رفيع المستوى … زيارة رسمية إلى جمهورية باكستان": the visitor is a description.
    visit = _event(EventSubtype.OFFICIAL_VISIT, location=PAKISTAN)
    assert compose(visit) == "An official visit to Pakistan took place."


@pytest.mark.parametrize(
    ("factuality", "sentence"),
    [
        ("planned", "Pakistan is considering opening a consulate in Benghazi."),
        ("historical", "Pakistan had opened a consulate in Benghazi."),
        ("negated", "Pakistan denied opening a consulate in Benghazi."),
        ("speculated", "Pakistan may open a consulate in Benghazi."),
    ],
)
def test_factuality_sets_the_verb(factuality, sentence):
    e = _event(EventSubtype.CONSULATE_OPENING, factuality, actors=[PAKISTAN], location=BENGHAZI)
    assert compose(e) == sentence


def test_no_resolved_actor_gives_a_passive_sentence_without_guessed_names():
    e = _event(EventSubtype.CONSULATE_OPENING, "planned", actors=[GUESS], location=BENGHAZI)
    assert compose(e) == "The opening of a consulate in Benghazi is under consideration."


def test_a_denial_is_worded_as_its_arabic_words_it():
    e = _event(EventSubtype.CONSULATE_OPENING, "negated", actors=[PAKISTAN], location=BENGHAZI,
               ar="ولم تفتح باكستان قنصلية في بنغازي")  # fmt: skip
    assert compose(e) == "Pakistan did not open a consulate in Benghazi."
    e.evidence[0].quote_ar = "ونفت باكستان افتتاح قنصلية في بنغازي"
    assert compose(e) == "Pakistan denied opening a consulate in Benghazi."


@pytest.mark.parametrize(
    ("arabic", "sentence", "passive"),
    [
        ("باكستان تدرس افتتاح قنصلية في بنغازي", "Pakistan is studying opening a consulate in Benghazi.",
         "The opening of a consulate in Benghazi is being studied."),
        ("إسلام آباد تجري محادثات رسمية لافتتاح القنصلية",
         "Pakistan is holding talks on opening a consulate in Benghazi.",
         "The opening of a consulate in Benghazi is under negotiation."),
        ("وتعتزم باكستان فتح قنصلية", "Pakistan intends to open a consulate in Benghazi.",
         "The opening of a consulate in Benghazi is intended."),
    ],
)  # fmt: skip
def test_a_plan_is_worded_as_its_arabic_words_it(arabic, sentence, passive):
    e = _event(EventSubtype.CONSULATE_OPENING, "planned", actors=[PAKISTAN], location=BENGHAZI, ar=arabic)
    assert compose(e) == sentence
    e.actors = []
    assert compose(e) == passive


def test_amounts_are_part_of_the_sentence():
    money = Amount(value=4e9, currency="USD", bound="more_than", raw_ar="x")
    e = _event(EventSubtype.DEFENCE_DEAL, "historical", actors=[HAFTAR], recipients=[SHARIF], amounts=[money])
    assert (
        compose(e)
        == "Khalifa Haftar had agreed a defence deal with Shehbaz Sharif worth more than 4,000,000,000 USD."
    )


def test_every_kind_has_english():
    assert all(kind_en(k).noun and kind_en(k).past for k in EventSubtype)


def test_a_verb_waiting_for_an_object_drops_its_preposition_when_nobody_is_named():
    assert compose(_event("agreement_signed", actors=[PAKISTAN])) == "Pakistan signed an agreement."


def test_a_users_kind_without_verbs_is_told_through_its_noun():
    from libyapk_summ.contract._kinds import Kinds

    kind = next(iter(Kinds.default()))
    data = {"kinds": [kind.model_dump(exclude={"english"}) | {"id": "user_kind_without_verbs"}]}
    path = _tmp_json(data)
    Kinds.load(path)
    assert kind_en("user_kind_without_verbs").past.startswith("took part in")


def _tmp_json(data):
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, default=str)
    return fh.name
