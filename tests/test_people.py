from libyapk_summ import Gazetteer, load_article
from libyapk_summ.article._load import Sentence, split_sentences
from libyapk_summ.extract._people import People

from .conftest import SEEDS


def _people(path):
    article = load_article(path)
    return People(Gazetteer.default(), article.text), split_sentences(article.text)


def _sentence(text):
    return Sentence(1, 0, len(text), text)


def test_an_office_written_before_a_name_points_at_that_person_later():
    people, sentences = _people(SEEDS[4])
    [s13] = [s for s in sentences if s.number == 13]  # "القائد العام للقوات المسلحة التقى أمس الإثنين …"
    assert people.named_in(s13)["khalifa-haftar"] == "القائد العام للقوات المسلحة"


def test_deputy_of_an_office_is_not_the_office_holder():
    people, _ = _people(SEEDS[4])
    named = people.named_in(_sentence("وحضر نائب القائد العام للقوات المسلحة الاجتماع."))
    assert "khalifa-haftar" not in named


def test_an_office_two_people_share_is_no_alias():
    text = "التقى رئيس الوزراء محمد شهباز شريف. ثم استقبل رئيس الوزراء أسامة حماد."
    assert "رييس الوزراء" not in People(Gazetteer.default(), text).aliases


def test_model_names_outside_the_sentence_are_dropped():
    people, _ = _people(SEEDS[1])
    s = _sentence("عقد المشير خليفة حفتر اجتماعا مع محمد شهباز شريف.")
    assert [e.name_en for e in people.from_model(["خليفة حفتر", "إسحاق دار"], s)] == ["Khalifa Haftar"]


def test_outlets_cities_and_cited_sources_are_not_participants():
    people, _ = _people(SEEDS[4])
    s = _sentence(
        "وأفادت المصادر الثلاثة، بحسب وكالة رويترز، بأن الجانبين اتفقا في بنغازي "
        "مع جمهورية باكستان الإسلامية."
    )
    named = people.from_model(
        ["المصادر الثلاثة", "وكالة رويترز", "الجانبين", "بنغازي", "جمهورية باكستان الإسلامية"], s
    )
    assert [e.name_en for e in named] == ["Pakistan"]


def test_a_known_name_the_model_wrote_without_its_article_is_recognised():
    people, _ = _people(SEEDS[4])
    s = _sentence("جرى التوقيع على صفقة دفاعية كبيرة مع الجيش الوطني الليبي.")
    [e] = people.from_model(["جيش الوطني الليبي"], s)
    assert (e.name_en, e.verified) == ("Libyan National Army", True)


def test_two_known_names_given_as_one_are_two_participants():
    people, _ = _people(SEEDS[4])
    s = _sentence("في خطوة تعكس تطور علاقاتها مع القيادة العامة والحكومة الليبية.")
    named = people.from_model(["قيادة العامة والحكومة الليبية"], s)
    assert [e.name_en for e in named] == ["LNA General Command", "Libyan government"]
    land_sea_air = _sentence("وتشمل تجهيزات للقوات البرية والبحرية والجوية.")
    assert len(people.from_model(["قوات البرية والبحرية والجوية"], land_sea_air)) == 1  # not a list of names


def test_a_name_keeps_the_article_spelling():
    people, _ = _people(SEEDS[0])
    s = _sentence("وأثنى حمّاد على المشير عاصم منير وعلى أسامة حمّاد.")
    [e] = people.from_model(["أسامة حماد"], s)
    assert (e.name_ar, e.name_en, e.verified) == ("أسامة حمّاد", "Osama Hammad", True)


def test_sides_follow_countries():
    people, _ = _people(SEEDS[1])
    s = _sentence("عقد المشير خليفة حفتر اجتماعا مع رئيس وزراء باكستان محمد شهباز شريف.")
    actors, recipients = people.sides(people.from_model(["خليفة حفتر", "محمد شهباز شريف"], s), [], s)
    assert [e.name_en for e in actors] == ["Khalifa Haftar"]
    assert [e.name_en for e in recipients] == ["Shehbaz Sharif"]


def test_attendees_of_a_follow_up_sentence_join_the_event():
    people, _ = _people(SEEDS[0])
    actors, recipients = people.sides(
        people.from_model(["خليفة حفتر"], _sentence("التقى خليفة حفتر.")), [], _sentence(".")
    )
    people.add_to(
        actors,
        recipients,
        _sentence("وعن الجانب الباكستاني، حضر المشير عاصم منير ووزير الدفاع خواجة محمد آصف."),
    )
    assert {e.name_en for e in recipients} >= {"Asim Munir", "Khawaja Asif"}


# Synthetic sentences written for these tests (not from any outlet).


def test_words_of_time_the_model_ran_a_title_into_are_no_name():
    from libyapk_summ.extract._people import without_time

    assert without_time("وزير الخارجية القطري أمس") == "وزير الخارجية القطري"
    assert without_time("سامح شكري اليوم") == "سامح شكري"
    assert without_time("أمس") == "أمس"  # nothing left to be a name: the word stays and is judged
    assert without_time("صباح الأحمد") == "صباح الأحمد"  # only trailing words are cut
    people = People(Gazetteer.default(), "")
    s = _sentence("واستقبل وزير الخارجية القطري أمس نظيره التونسي.")
    names = [e.name_en for e in people.from_model(["وزير الخارجية القطري أمس"], s)]
    assert names == []  # a title with no name after it: no participant, and not "Masoud"


def test_a_common_noun_no_data_knows_is_not_a_participant():
    from libyapk_summ.extract._people import common_words

    assert common_words("المدنيين") and common_words("الإقليم")
    assert common_words("زعماء من الجماعات المذكورة")  # a phrase joined by a particle
    assert not common_words("سنجاري") and not common_words("دزيي")  # rare: names
    assert not common_words("جماعة سباه صحابة")
    people = People(Gazetteer.default(), "")
    s = _sentence("وقتل المسلحون عددا من المدنيين في قرية قرب الحدود، بحسب كريم سنجاري.")
    names = [e.name_ar for e in people.from_model(["المدنيين", "كريم سنجاري"], s)]
    assert names == ["كريم سنجاري"]


def test_a_surname_alone_takes_the_english_of_the_one_fuller_name_of_the_article():
    from libyapk_summ.contract._models import Entity
    from libyapk_summ.extract._people import link_short_names

    def person(ar, en, **kw):
        return Entity(name_ar=ar, name_en=en, kind="person", name_source="model", **kw)

    full = person("وزير الخارجية خالد العطية", "Khalid al-Attiyah", title_ar="وزير الخارجية")
    short = person("العطية", "Al Attiya")
    other = person("سامح شكري", "Sameh Shoukry")
    first, second = [full, other], [short]
    link_short_names([first, second])
    assert second[0].name_en == "Khalid al-Attiyah" and second[0].name_ar == "العطية"
    # two people of the article end in the same name: who is meant is not known
    a, b, c = person("علي حسن", "Ali Hassan"), person("محمد حسن", "Mohamed Hassan"), person("حسن", "Hasan")
    groups = [[a, b], [c]]
    link_short_names(groups)
    assert groups[1][0].name_en == "Hasan"
