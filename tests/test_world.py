"""World data by Arabic name: countries, demonyms, cities and currencies from CLDR and GeoNames."""

import pytest

from libyapk_summ.names._world import world


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("روسيا", "Russia"),
        ("لروسيا", "Russia"),
        ("مصر", "Egypt"),
        ("السعودية", "Saudi Arabia"),
        ("المملكة العربية السعودية", "Saudi Arabia"),
        ("الإمارات", "United Arab Emirates"),
        ("الجزائر", "Algeria"),
        ("وباكستان", "Pakistan"),
        ("أمريكا", "United States"),
    ],
)
def test_countries_come_from_cldr_with_short_forms(arabic, english):
    assert world().country(arabic).name_en == english


@pytest.mark.parametrize(
    ("arabic", "code"),
    [
        ("الروسي", "RU"),
        ("المصري", "EG"),
        ("الأمريكي", "US"),
        ("الباكستانية", "PK"),
        ("الليبيين", "LY"),
        ("السعودي", "SA"),
        ("والتركية", "TR"),
        ("الإيراني", "IR"),
    ],
)
def test_demonyms_follow_the_nisba_rule(arabic, code):
    assert world().demonym(arabic).country == code


@pytest.mark.parametrize("word", ["المالي", "العربي", "الشرقي", "الدولي", "وزير"])
def test_words_that_merely_look_like_demonyms_are_not(word):
    assert world().demonym(word) is None


def test_cities_come_from_geonames():
    moscow = world().city("موسكو")
    assert (moscow.name_en, moscow.country, moscow.kind) == ("Moscow", "RU", "place")
    assert world().city("القاهرة").name_en == "Cairo"
    assert world().city("كلمةليستمدينة") is None


def test_a_city_is_a_place_only_where_something_happens_in_it():
    text = "استقبل الرئيس الروسي بوتين في موسكو المشير حفتر"
    [(lo, hi, place)] = world().places_in(text)
    assert (text[lo:hi], place.name_en) == ("موسكو", "Moscow")
    assert [p.name_en for *_, p in world().places_in("وصل الوفد إلى القاهرة قادما من ليبيا")] == [
        "Cairo",
        "Libya",
    ]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("وصل الوزير إلى عمان أمس في زيارة رسمية", "Oman"),  # alone: the country
        ("وصل الوزير إلى عمان بالأردن", "Amman"),  # the city's country named
        ("أقلعت طائرة القوات المسلحة الأردنية من مطار ماركا العسكري بعمان", "Amman"),  # by its adjective
        ("زار الوزير الأردني سلطنة عمان", "Oman"),  # after a word for a form of state
    ],
)
def test_a_name_of_a_country_and_of_a_city_elsewhere_is_read_from_the_sentence(text, english):
    first = world().places_in(text)[0][2]
    assert first.name_en == english


@pytest.mark.parametrize(
    ("unit", "country", "code"),
    [
        ("جنيه مصري", None, "EGP"),
        ("دينار ليبي", None, "LYD"),
        ("جنيه إسترليني", None, "GBP"),
        ("روبية باكستانية", None, "PKR"),
        ("دينار", "LY", "LYD"),
        ("جنيه", "EG", "EGP"),
        ("دينار", None, None),
        ("جنيه", None, None),
        ("دينار", "EG", None),
    ],
)
def test_currencies_come_from_cldr_and_a_bare_unit_needs_a_country(unit, country, code):
    assert world().currency(unit, country) == code
