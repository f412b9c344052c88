"""Actor, recipient and place read from the Arabic clause around an event's trigger (``_roles``).

Short sentences written for these tests, one per clause form; the names are the gazetteer's.
"""

from __future__ import annotations

import pytest

from libyapk_summ.article._detect import detect, trigger_span
from libyapk_summ.article._load import Sentence
from libyapk_summ.extract._people import People
from libyapk_summ.extract._roles import mentions_in, place_of, read, settle
from libyapk_summ.names._names import Gazetteer

GAZ = Gazetteer.default()


def _candidate(text: str, kind: str):
    sentence = Sentence(1, 0, len(text), text)
    found = [c for c in detect([sentence]) if c.subtype.value == kind]
    assert found, f"no {kind} detected in {text!r}"
    return found[0]


def roles(text: str, kind: str) -> dict[str, str | None]:
    c = _candidate(text, kind)
    people = People(GAZ, text)
    found, _ = mentions_in(people, c.sentence, [])
    return read(text, trigger_span(c), c.form, kind, found, GAZ).roles


def place(text: str, kind: str) -> str | None:
    where = place_of(_candidate(text, kind), GAZ)
    return where.name_en if where else None


def sides(text: str, kind: str, actors: list[str], recipients: list[str]) -> tuple[list[str], list[str]]:
    """The model's answer (``actors``, ``recipients``) through People.sides, then checked by settle."""
    c = _candidate(text, kind)
    people = People(GAZ, text)
    s = c.sentence
    a, r = settle(c, *people.sides(people.from_model(actors, s), people.from_model(recipients, s), s), people)
    return [e.name_en for e in a], [e.name_en for e in r]


# --- verb first ----------------------------------------------------------------------------


def test_verb_first_the_name_after_the_verb_is_the_actor_and_the_one_after_a_preposition_the_recipient():
    got = roles("التقى المشير خليفة حفتر بقائد الجيش الباكستاني المشير عاصم منير في إسلام آباد.", "meeting")
    assert got["khalifa-haftar"] == "actor"
    assert got["asim-munir"] == "recipient"
    assert got["pakistan-army"] == "recipient"  # named in Munir's title: on his side


def test_with_a_receiving_verb_the_second_name_is_the_object():
    got = roles("استقبل رئيس الوزراء الباكستاني شهباز شريف في إسلام آباد المشير خليفة حفتر.", "meeting")
    assert (got["shehbaz-sharif"], got["khalifa-haftar"]) == ("actor", "recipient")


def test_names_joined_by_and_share_the_role():
    text = "التقى المشير خليفة حفتر ورئيس الحكومة أسامة حماد برئيس الوزراء شهباز شريف في إسلام آباد."
    got = roles(text, "meeting")
    assert (got["khalifa-haftar"], got["osama-hammad"], got["shehbaz-sharif"]) == (
        "actor",
        "actor",
        "recipient",
    )


def test_a_description_as_subject_leaves_no_named_actor_and_the_model_is_corrected():
    text = "كما عقد الوفد الليبي اجتماعا موسعا مع رئيس أركان البحرية الباكستانية الأدميرال نويد أشرف."
    assert roles(text, "meeting")["naveed-ashraf"] == "recipient"
    # The 1.5B model listed the navy chief as the one who met; the navy, named in his title, is on his side.
    assert sides(text, "meeting", ["نويد أشرف"], []) == ([], ["Naveed Ashraf", "Pakistan Navy"])


def test_who_receives_a_call_is_the_recipient_and_the_caller_the_actor():
    got = roles("تلقى رئيس الوزراء شهباز شريف اتصالا هاتفيا من المشير خليفة حفتر أمس الأحد.", "phone_call")
    assert (got["khalifa-haftar"], got["shehbaz-sharif"]) == ("actor", "recipient")


# --- subject first -------------------------------------------------------------------------


def test_name_first_the_subject_of_the_clause_is_the_actor_and_the_reporter_is_none():
    text = "وأعلن الجيش الباكستاني أن المشير خليفة حفتر التقى أمس بالمشير عاصم منير في روالبندي."
    got = roles(text, "meeting")
    assert (got["khalifa-haftar"], got["asim-munir"]) == ("actor", "recipient")
    assert got["pakistan-army"] == "out"  # it announced the meeting; it did not meet
    assert sides(text, "meeting", ["الجيش الباكستاني", "عاصم منير"], ["خليفة حفتر"]) == (
        ["Khalifa Haftar"],
        ["Asim Munir"],
    )


def test_a_capital_that_acts_is_its_state():
    text = "وقالت مصادر مطلعة إن إسلام آباد تجري محادثات رسمية لافتتاح قنصلية في بنغازي."
    assert roles(text, "consulate_opening")["islamabad"] == "actor"
    assert sides(text, "consulate_opening", ["المشير خليفة حفتر"], []) == (["Pakistan"], [])


# --- a noun as trigger ---------------------------------------------------------------------


def test_a_pronoun_on_the_noun_points_at_the_clause_subject():
    text = "وأكد الفريق أول طيار ظهير أحمد بابر سدهو التزامه بالتعاون، وذلك خلال استقباله الفريق صدام حفتر."
    got = roles(text, "meeting")
    assert (got["zaheer-ahmed-babar-sidhu"], got["saddam-haftar"]) == ("actor", "recipient")


def test_a_verb_of_doing_gives_the_noun_its_actor():
    assert (
        roles("تتجه باكستان إلى فتح قنصلية رسمية لها في مدينة بنغازي.", "consulate_opening")["pakistan"]
        == "actor"
    )


def test_who_discussed_an_event_did_not_do_it():
    text = "وأشارت المصادر إلى أن المشير خليفة حفتر ناقش مسألة افتتاح القنصلية خلال لقاءاته."
    assert roles(text, "consulate_opening")["khalifa-haftar"] == "out"
    assert sides(text, "consulate_opening", [], ["خليفة حفتر"]) == ([], [])


def test_the_name_a_relative_clause_is_about_is_the_actor_of_its_noun():
    text = "والتقى الفريق صدام حفتر بالمشير عاصم منير، الذي يقوم بزيارة رسمية إلى ليبيا."
    got = roles(text, "official_visit")
    assert (got["asim-munir"], got["saddam-haftar"]) == ("actor", "out")
    assert place(text, "official_visit") == "Libya"


# --- names in another clause ---------------------------------------------------------------


def test_a_clause_of_its_own_keeps_its_names():
    text = "والتقى الفريق صدام حفتر بالمشير عاصم منير، حيث تركزت المحادثات على التعاون بين ليبيا وباكستان."
    got = roles(text, "meeting")
    assert (got["saddam-haftar"], got["asim-munir"], got["libya"], got["pakistan"]) == (
        "actor",
        "recipient",
        "out",
        "out",
    )
    assert sides(text, "meeting", ["صدام حفتر", "ليبيا"], ["عاصم منير", "باكستان"]) == (
        ["Saddam Haftar"],
        ["Asim Munir"],
    )


def test_a_clause_that_names_no_subject_keeps_the_one_before_and_its_place():
    text = "إذ سبق أن زار الفريق صدام حفتر باكستان في يوليو الماضي، حيث التقى رئيس الوزراء شهباز شريف."
    visit, meeting = roles(text, "official_visit"), roles(text, "meeting")
    assert (visit["saddam-haftar"], visit["shehbaz-sharif"], visit["pakistan"]) == ("actor", "out", "out")
    assert (meeting["saddam-haftar"], meeting["shehbaz-sharif"]) == ("actor", "recipient")
    assert place(text, "official_visit") == place(text, "meeting") == "Pakistan"


def test_a_name_in_a_relative_clause_on_a_participant_is_no_participant():
    text = "جرى التوقيع على الاتفاقية بحضور الفريق صدام حفتر، الذي شارك مبعوثا عن المشير خليفة حفتر."
    got = roles(text, "agreement_signed")
    assert got["khalifa-haftar"] == "out"
    assert got["saddam-haftar"] is None  # attended: the rules cannot say on which side
    assert sides(text, "agreement_signed", [], ["صدام حفتر", "خليفة حفتر"]) == ([], ["Saddam Haftar"])


def test_a_participle_tells_of_the_subject_before():
    text = "وأكد أسامة حماد أن العلاقات بين البلدين متينة، مثمنا دور المشير عاصم منير في تطويرها."
    got = roles(text, "statement_of_support")
    assert (got["osama-hammad"], got["asim-munir"]) == ("actor", "recipient")


def test_a_clause_that_names_its_own_subject_keeps_none_from_before():
    text = "ووصل المشير خليفة حفتر إلى إسلام آباد أمس، كما التقى الوفد الليبي بالمشير عاصم منير."
    got = roles(text, "meeting")
    assert (got["khalifa-haftar"], got["asim-munir"]) == ("out", "recipient")


def test_a_phrase_after_an_adjunct_of_its_own_is_not_the_triggers():
    text = "تتجه باكستان إلى فتح قنصلية في مدينة بنغازي، في خطوة تعكس تطور علاقاتها مع القيادة العامة."
    got = roles(text, "consulate_opening")
    assert (got["pakistan"], got["lna-general-command"]) == ("actor", "out")
    assert place(text, "consulate_opening") == "Benghazi"


def test_a_dateline_is_no_participant():
    assert roles("ليبيا – التقى المشير خليفة حفتر بالمشير عاصم منير في بنغازي.", "meeting")["libya"] == "out"


def test_what_the_rules_cannot_tell_stays_as_the_model_said():
    # Attendance ("بحضور") says nothing of sides: People.sides put both Libyans with the first actor.
    text = "جرى التوقيع على بروتوكول التعاون العسكري بحضور الفريق صدام حفتر والفريق محمد المنفور."
    assert roles(text, "agreement_signed") == {"saddam-haftar": None, "mohamed-al-manfour": None}
    assert sides(text, "agreement_signed", ["صدام حفتر"], ["محمد المنفور"]) == (
        ["Saddam Haftar", "Mohamed al-Manfour"],
        [],
    )


def test_a_name_the_sentence_does_not_give_is_dropped():
    c = _candidate("التقى المشير خليفة حفتر بالمشير عاصم منير في بنغازي أمس.", "meeting")
    people = People(GAZ, c.sentence.text)
    saddam = people.entity("saddam-haftar", "صدام حفتر")
    actors, recipients = settle(c, [people.entity("khalifa-haftar", "خليفة حفتر"), saddam], [], people)
    assert [e.name_en for e in actors] == ["Khalifa Haftar"]
    assert [e.name_en for e in recipients] == ["Asim Munir"]


# --- places --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "where"),
    [
        ("عقد المشير خليفة حفتر اجتماعا مع شهباز شريف بمقر مجلس الوزراء في العاصمة إسلام آباد.", "meeting",
         "Islamabad"),
        ("وأجرى وفد رفيع المستوى من القوات المسلحة زيارة رسمية إلى جمهورية باكستان.", "official_visit",
         "Pakistan"),
        ("وكان قائد الجيش الباكستاني قد زار مدينة بنغازي في ديسمبر، حيث جرى التوقيع على صفقة دفاعية كبيرة.",
         "defence_deal", "Benghazi"),
        ("قادما من العاصمة طرابلس، وصل المشير خليفة حفتر إلى مدينة بنغازي.", "official_visit", "Benghazi"),
    ],
)  # fmt: skip
def test_the_place_is_where_the_clause_says_it_happened(text, kind, where):
    assert place(text, kind) == where


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("والتقى الفريق صدام حفتر بالمشير عاصم منير لبحث التعاون العسكري بين ليبيا وباكستان.", "meeting"),
        ("وأكد أسامة حماد أن العلاقات الليبية–الباكستانية متينة، مثمنا دور المشير عاصم منير.",
         "statement_of_support"),
        ("والتقى الفريق صدام حفتر برئيس وزراء باكستان محمد شهباز شريف أمس.", "meeting"),
    ],
)  # fmt: skip
def test_a_party_a_demonym_or_a_title_is_no_place(text, kind):
    assert place(text, kind) is None
