"""An event's place is the city or country its sentence names, resolved through kept data; never a default."""

import pytest

from libyapk_summ.names._names import Gazetteer
from libyapk_summ.names._places import location_in


@pytest.mark.parametrize(
    ("sentence", "where"),
    [
        (
            "استقبل الرئيس الروسي فلاديمير بوتين في موسكو المشير خليفة حفتر القائد العام للجيش في شرق ليبيا",
            "Moscow",
        ),
        ("التقى حفتر في بنغازي بالسفير الروسي", "Benghazi"),
        ("وصل الوفد إلى القاهرة في زيارة رسمية", "Cairo"),
        ("عقد الاجتماع في تركيا بحضور الوفدين", "Türkiye"),
        ("بدأ وزير الخارجية زيارة رسمية لروسيا", "Russia"),
    ],
)
def test_the_place_is_the_one_the_sentence_names(sentence, where):
    assert location_in(sentence, Gazetteer.default()).name_en == where


@pytest.mark.parametrize("sentence", ["بحث الجانبان التعاون العسكري", "وقعت مصر وروسيا اتفاقا للتعاون"])
def test_no_place_named_gives_none(sentence):
    assert location_in(sentence, Gazetteer.default()) is None


def test_the_letter_that_begins_a_name_is_no_clitic():
    # "ليبيا" begins with ل and "باكستان" with ب: neither is "in" anywhere; "بموسكو" is.
    gazetteer = Gazetteer.default()
    assert location_in("وبحث الجانبان التعاون العسكري بين ليبيا وباكستان.", gazetteer) is None
    assert location_in("التقى المشير خليفة حفتر بالسفير الروسي بموسكو أمس.", gazetteer).name_en == "Moscow"
