import pytest

from libyapk_summ.article._detect import detect, is_furniture
from libyapk_summ.article._load import Sentence, load_article, split_sentences
from libyapk_summ.contract._models import EventSubtype as S

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


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("سيزور رئيس الوزراء الهندي موسكو الشهر المقبل في أول زيارة له منذ سنوات.", S.OFFICIAL_VISIT),
        ("وستوقع الحكومتان اتفاقية للتبادل التجاري خلال القمة المقبلة في أبوجا.", S.AGREEMENT_SIGNED),
        ("ومن المقرر أن يلتقي وزير الخارجية البرازيلي نظيره الأرجنتيني في بوينس آيرس.", S.MEETING),
        ("وسوف يلتقي الرئيس الكوري الجنوبي رئيس الوزراء الياباني في طوكيو الأسبوع القادم.", S.MEETING),
    ],
)
def test_a_future_verb_or_a_scheduled_one_is_planned(text, kind):
    assert (kind, "planned") in _kinds(text)


def test_a_verb_right_after_a_quote_mark_or_bracket_is_read():
    assert (S.MEETING, "asserted") in _kinds(
        'وقال البيان إن الرئيس "استقبل السفير الكندي في مكتبه بالقصر الجمهوري" أمس.'
    )
    assert (S.OFFICIAL_VISIT, "asserted") in _kinds(
        "(زار وزير الخارجية الإسباني الرباط أمس والتقى نظيره المغربي)."
    )


@pytest.mark.parametrize(
    "text",
    [
        "وتناول اللقاء الذي جمع الرئيس الغاني بنظيره التوغولي في أكرا ملف الحدود المشترك.",
        "ووصف المتحدث لقاء جمع وزيري الدفاع في أنقرة أمس بأنه بناء ومثمر.",
        "وجرى استقبال الرئيس الفنلندي في مطار هلسنكي من قبل كبار المسؤولين في الحكومة.",
        "وبحث وزير الخارجية النرويجي مع نظيره السويدي القضايا الإقليمية في أوسلو اليوم.",
    ],
)
def test_nominal_and_reversed_forms_report_a_meeting(text):
    assert S.MEETING in {c.subtype for c in _one(text)}


def test_a_signed_agreement_that_aims_at_something_stays_signed():
    text = "ووقعت كينيا وأوغندا اتفاقية تهدف إلى تعزيز التجارة عبر الحدود بين البلدين."
    assert _kinds(text) == {(S.AGREEMENT_SIGNED, "asserted")}


def test_a_plan_cue_after_the_meeting_does_not_make_the_meeting_planned():
    text = "والتقى الرئيس الفرنسي نظيره الإيطالي في روما، وبحثا إمكانية توقيع اتفاقية للطاقة."
    kinds = _kinds(text)
    assert (S.MEETING, "asserted") in kinds and (S.AGREEMENT_SIGNED, "planned") in kinds


def test_a_signature_far_from_its_agreement_is_still_read():
    text = "ووقع وزيرا خارجية البلدين في القاهرة صباح اليوم اتفاقية للتعاون في مجال النقل البحري."
    assert _kinds(text) == {(S.AGREEMENT_SIGNED, "asserted")}


def test_a_trigger_far_from_its_object_is_still_read():
    text = "وأرسلت الحكومة اليابانية عبر طائرات شحن عسكرية إلى المناطق المنكوبة في نيبال مساعدات طبية عاجلة."
    assert {c.subtype for c in _one(text)} >= {"training_or_aid"}


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("وقتل عشرة أشخاص في تفجير انتحاري استهدف مسجدا في مدينة كويتا الباكستانية.", "ASSAULT"),
        ("وتظاهر آلاف الطلاب في سانتياغو للمطالبة بإصلاح نظام التعليم.", "PROTEST"),
        ("واعتقلت الشرطة الهندية خمسة أشخاص يشتبه في تورطهم في أعمال العنف.", "COERCE"),
        ("وفرض الاتحاد الأوروبي عقوبات جديدة على مسؤولين في بيلاروسيا.", "SANCTION"),
        ("ونشرت كوريا الجنوبية قوات إضافية على الحدود بعد إطلاق صواريخ.", "MOBILIZE"),
    ],
)
def test_security_news_gets_its_plover_root(text, root):
    from libyapk_summ.contract._kinds import root_of

    assert root in {root_of(c.subtype).value for c in _one(text)}


@pytest.mark.parametrize(
    "line",
    [
        "جميع الحقوق محفوظة لموقع الأخبار اليومية 2026 ©.",
        "الرئيسية | أخبار | رياضة | اقتصاد | ثقافة | فيديو.",
        "تابعونا على فيسبوك وتويتر وواتساب للحصول على آخر الأخبار العاجلة.",
        "اشترك في النشرة البريدية لتصلك آخر الأخبار والتحليلات يوميا.",
    ],
)
def test_site_lines_are_furniture_by_their_form(line):
    assert is_furniture(Sentence(1, 0, len(line), line))


def test_an_off_topic_page_gets_no_events():
    text = (
        "فاز المنتخب البرازيلي على نظيره الألماني في مباراة الدوري الودية أمس بهدفين. "
        "وقال مدرب المنتخب إن اللاعبين قدموا أداء رائعا في الملعب أمام الجمهور. "
        "ورفض الاتحاد الدولي لكرة القدم استئناف النادي على قرار إيقاف لاعب الوسط. "
        "وسيلتقي المنتخب في البطولة المقبلة بمنتخب الأرجنتين على ملعب ماراكانا."
    )
    assert detect(split_sentences(text)) == []


def test_a_habit_in_the_present_is_no_event():
    assert _one("ويجتمع مجلس المحافظين بشكل دوري مرة كل ثلاثة أشهر لمراجعة الموازنة العامة للولاية.") == []


def test_a_condition_is_speculated_not_asserted():
    text = "وقال الوزير إن بلاده ستواجه عزلة دولية في حال فرض عقوبات جديدة عليها من مجلس الأمن."
    assert {c.factuality for c in _one(text) if c.subtype == "sanction"} == {"speculated"}


def test_every_trigger_match_holds_one_of_its_forms_words():
    """Detection skips a form's regex in a sentence that holds none of its ``needles``: that is
    exact only if every match of the form contains one of them. Checked on every example of the
    registry and every sentence of the seeds; a form whose words were derived wrongly fails."""
    from libyapk_summ.contract._kinds import Kinds
    from libyapk_summ.text._arabic import normalize

    kinds = Kinds.default()
    texts = [e.text for k in kinds for e in k.examples]
    texts += [s.text for p in SEEDS for s in split_sentences(load_article(p).text)]
    matched = 0
    for text in texts:
        norm = normalize(text).strip()
        words = kinds.words_in(norm)
        for c in kinds.compiled:
            for f in c.forms:
                if f.needles is None:
                    continue
                for m in f.pattern.finditer(norm):
                    matched += 1
                    assert any(w in m.group() for w in f.needles), (c.kind.id, f.form, m.group())
                    assert not words.isdisjoint(f.needles)
    assert matched > 100  # the check saw real matches
