"""A probe article on people and places the gazetteer has never been told about (FakeBackend answers)."""

from libyapk_summ import summarize
from libyapk_summ.extract._questions import ParticipantsAnswer, TranslationAnswer
from libyapk_summ.testing import FakeBackend, canned_answer

from .test_check_names import MOSCOW

ANSWER = {
    "actors": [
        {"ar": "فلاديمير بوتين", "en": "Vladimir Putin"},
        {"ar": "الروسي", "en": "Russian"},
        {"ar": "وزير دفاعه سيرغي شويغو", "en": "Sergei Shoigu"},
        {"ar": "وزير دفاعه", "en": "Defence Minister"},
    ],
    "recipients": [{"ar": "خليفة حفتر", "en": "Khalifa Hiftar"}, {"ar": "موسكو", "en": "Moscow"}],
}


def _report(tmp_path, answer):
    def handler(request):
        if request.response_model is ParticipantsAnswer:
            return ParticipantsAnswer.model_validate(answer)
        return canned_answer(request)

    path = tmp_path / "moscow.txt"
    path.write_text(MOSCOW, encoding="utf-8")
    return summarize(path, backend=FakeBackend(handler))


def test_names_titles_and_place_come_out_right(tmp_path):
    [event, *_] = _report(tmp_path, ANSWER).events
    who = {e.name_en: e for e in event.actors + event.recipients}
    assert {"Vladimir Putin", "Sergei Shoigu", "Khalifa Haftar"} <= set(who)
    assert not any(e.name_source in ("title", "transliteration") for e in who.values())  # no al-Rusi
    assert "Moscow" not in who  # where, not who
    assert (who["Vladimir Putin"].name_source, who["Vladimir Putin"].verified) == ("model", False)
    assert who["Vladimir Putin"].title_en == "President of Russia"  # the title written before the name
    assert who["Sergei Shoigu"].title_en == "Defence Minister"
    assert (who["Khalifa Haftar"].name_source, who["Khalifa Haftar"].verified) == ("gazetteer", True)
    assert event.location.name_en == "Moscow"


def test_a_proposal_that_does_not_spell_the_name_is_not_used(tmp_path):
    answer = {"actors": [{"ar": "فلاديمير بوتين", "en": "Botswana"}], "recipients": []}
    [event, *_] = _report(tmp_path, answer).events
    assert "Botswana" not in [e.name_en for e in event.actors + event.recipients]


def test_a_country_as_participant_resolves_through_world_data(tmp_path):
    text = MOSCOW.replace("وبحث الجانبان", "ووقعت روسيا وليبيا اتفاقا على")
    answer = {"actors": [{"ar": "روسيا", "en": "Rusya"}], "recipients": [{"ar": "ليبيا", "en": ""}]}
    path = tmp_path / "agreement.txt"
    path.write_text(text, encoding="utf-8")

    def handler(request):
        if request.response_model is ParticipantsAnswer:
            return ParticipantsAnswer.model_validate(answer)
        return canned_answer(request)

    events = summarize(path, backend=FakeBackend(handler)).events
    names = {e.name_en for ev in events for e in ev.actors + ev.recipients}
    assert "Russia" in names and "Rusya" not in names


def test_a_title_given_alone_stands_for_the_name_written_after_it(tmp_path):
    # Shaped like what the real 1.5B model answered (bench/participants_live.py): titles, not names.
    answer = {
        "actors": [
            {"ar": "رئيس الروسي", "en": "Russian President"},
            {"ar": "وزير دفاعه", "en": "Defense Minister"},
        ],
        "recipients": [{"ar": "موسكو المشير خليفة حفتر", "en": "Moscow's Foreign Ministry"}],
    }
    [event, *_] = _report(tmp_path, answer).events
    who = {e.title_en: e for e in event.actors + event.recipients if e.title_en}
    assert who["President of Russia"].name_ar == "الرئيس الروسي فلاديمير بوتين"
    assert who["Defence Minister"].name_ar == "وزير دفاعه سيرغي شويغو"
    assert "Moscow's Foreign Ministry" not in [e.name_en for e in event.actors + event.recipients]


def test_a_name_the_list_gave_no_english_for_takes_the_translations_spelling(tmp_path):
    answer = {
        "actors": [{"ar": "فلاديمير بوتين", "en": ""}, {"ar": "سيرغي شويغو", "en": "Sirgi"}],
        "recipients": [],
    }
    english = "President Vladimir Putin and Minister Sergei Shoigu received Khalifa Haftar in Moscow."

    def handler(request):
        if request.response_model is ParticipantsAnswer:
            return ParticipantsAnswer.model_validate(answer)
        if request.response_model is TranslationAnswer:
            return TranslationAnswer(
                english=english if "بوتين" in request.messages[-1]["content"] else "Talks."
            )
        return canned_answer(request)

    path = tmp_path / "moscow.txt"
    path.write_text(MOSCOW, encoding="utf-8")
    [event, *_] = summarize(path, backend=FakeBackend(handler)).events
    spelt = {e.name_ar: (e.name_en, e.name_source) for e in event.actors + event.recipients}
    assert spelt["فلاديمير بوتين"] == ("Vladimir Putin", "model")
    assert spelt["سيرغي شويغو"] == ("Sergei Shoigu", "model")  # "Sirgi" does not spell it; the sentence does


def test_sides_follow_the_countries_of_titles(tmp_path):
    text = (
        "السيسي يلتقي فيدان\n"
        "التقى الرئيس المصري عبد الفتاح السيسي في القاهرة وزير الخارجية التركي هاكان فيدان.\n"
    )
    answer = {"actors": [{"ar": "عبد الفتاح السيسي", "en": ""}, {"ar": "هاكان فيدان", "en": "Hakan Fidan"}]}
    path = tmp_path / "cairo.txt"
    path.write_text(text, encoding="utf-8")

    def handler(request):
        if request.response_model is ParticipantsAnswer:
            return ParticipantsAnswer.model_validate(answer)
        return canned_answer(request)

    [event] = summarize(path, backend=FakeBackend(handler)).events
    assert [e.title_en for e in event.actors] == ["President of Egypt"]
    assert [e.name_en for e in event.recipients] == ["Hakan Fidan"]
    assert event.location.name_en == "Cairo"
