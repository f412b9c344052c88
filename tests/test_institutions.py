"""A state's institution named by a noun and a demonym (names/_institutions, data/institutions.json)."""

from libyapk_summ import Gazetteer
from libyapk_summ.names._institutions import institution
from libyapk_summ.names._world import world


def test_an_institution_noun_before_a_demonym_is_that_country_s_institution():
    assert institution("السلطات الباكستانية")[0] == "Pakistani authorities"
    name, country = institution("قوات الأمن العراقية")
    assert (name, country.country) == ("Iraqi security forces", "IQ")
    assert institution("الجيش المصري")[0] == "Egyptian army"


def test_neither_a_noun_alone_nor_a_demonym_after_another_word_is_one():
    assert institution("السلطات") is None
    assert institution("الرئيس المصري") is None  # an office: a person, not an institution
    assert institution("الجيش الوطني") is None  # no country


def test_the_gazetteer_resolves_institutions_and_its_own_entries_come_first():
    gaz = Gazetteer.default()
    e = gaz.resolve("الحكومة الباكستانية")
    assert (e.name_en, e.kind, e.name_source) == ("Pakistani government", "organization", "world")
    assert gaz.resolve("الجيش الوطني الليبي").name_source == "gazetteer"


def test_authorities_is_no_city():
    # GeoNames lists "سلطات" among a Moroccan city's Arabic names; world.json's not_places_ar says no
    assert world().place("السلطات") is None


def test_honorifics_are_titles_not_names():
    gaz = Gazetteer.default()
    e = gaz.resolve("الأستاذ عادل بن أحمد الجبير")
    assert e.title_ar == "الأستاذ" and "Astadh" not in e.name_en  # once "al-Astadh Adal bin Ahmed al-Jabir"
    assert gaz.resolve("معالي وزير الخارجية").name_source == "title"  # an office with its honorific: no name
