import pytest

from libyapk_summ._detect import detect, is_furniture
from libyapk_summ._load import Sentence, load_article, split_sentences
from libyapk_summ._models import EventSubtype as S

from .conftest import SEEDS


def _one(text):
    return detect([Sentence(1, 0, len(text), text)])


def _kinds(text):
    return {(c.subtype, c.factuality) for c in _one(text)}


def test_a_study_of_a_consulate_is_planned_not_an_opening():
    assert _kinds("وتقول المصادر إن باكستان تدرس افتتاح قنصلية في بنغازي خلال المرحلة المقبلة.") == {
        (S.CONSULATE_OPENING, "planned")
    }


def test_talks_to_open_a_consulate_are_planned():
    text = "وذكرت مصادر أن باكستان تجري محادثات حالية لافتتاح قنصلية لها في مدينة بنغازي بشرق ليبيا."
    assert (S.CONSULATE_OPENING, "planned") in _kinds(text)


def test_an_opened_consulate_is_asserted():
    assert (S.CONSULATE_OPENING, "asserted") in _kinds(
        "وقد تم افتتاح قنصلية باكستانية في مدينة بنغازي اليوم."
    )


def test_pluperfect_visit_is_historical():
    text = "وكان قائد الجيش الباكستاني قد زار مدينة بنغازي في ديسمبر الماضي، حيث جرى التوقيع على صفقة دفاعية."
    kinds = _kinds(text)
    assert (S.OFFICIAL_VISIT, "historical") in kinds and (S.DEFENCE_DEAL, "historical") in kinds


def test_a_denial_is_negated():
    assert (S.AGREEMENT_SIGNED, "negated") in _kinds(
        "ونفت الحكومة أن يكون الجانبان قد وقعا اتفاقية دفاعية جديدة."
    )


def test_a_defence_deal_is_not_also_a_plain_agreement():
    text = "حيث تم توقيع اتفاقية للتعاون العسكري والمشتريات الدفاعية بقيمة تزيد عن أربعة مليارات دولار."
    assert {c.subtype for c in _one(text)} == {S.DEFENCE_DEAL}


def test_attending_the_meeting_points_back_at_it():
    [c] = _one("حضر الاجتماع كذلك نائب رئيس الوزراء ووزير الخارجية الباكستاني إسحاق دار.")
    assert c.subtype is S.MEETING and c.anaphoric


@pytest.mark.parametrize(
    "line", ["مواقيت الصلاة", "حالة الطقس", "شارك المقالات:", "زيارة القائد العام إلى باكستان .."]
)
def test_website_furniture_carries_no_event(line):
    assert is_furniture(Sentence(1, 0, len(line), line))


def test_sport_article_has_no_events():
    text = (
        "فاز فريق الأهلي الليبي على منافسه بثلاثة أهداف مقابل هدف في مباراة أمس. "
        "وارتفعت أسعار الخضار في السوق."
    )
    assert detect(split_sentences(text)) == []


def test_seed_004_consulate_is_only_ever_planned():
    found = detect(split_sentences(load_article(SEEDS[4]).text))
    assert {c.factuality for c in found if c.subtype is S.CONSULATE_OPENING} == {"planned"}
