"""The gazetteer: titles split off, spellings folded, surnames never merged."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from libyapk_summ._errors import ConfigurationError
from libyapk_summ.names._gazetteer_file import DATA_FILE
from libyapk_summ.names._names import Gazetteer, split_title
from libyapk_summ.names._translit import transliterate

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def seed(prefix: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


def test_data_file_is_sorted_and_well_formed() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    ids = [e["id"] for e in data["entries"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for e in data["entries"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e["id"])
        assert e["kind"] in ("person", "organization", "place", "country") and e["names_ar"]
        assert e["country"] is None or re.fullmatch(r"[A-Z]{2}", e["country"])
        assert all({"title_ar", "title_en", "org"} <= set(r) for r in e["roles"])
    assert {"المشير", "أركان حرب", "الفريق أول ركن", "الأدميرال", "المارشال الجوي"} <= {
        t["ar"] for t in data["titles"]
    }


@pytest.mark.parametrize(
    ("spellings", "english"),
    [
        (["خليفة حفتر", "خليفة أبو القاسم حفتر", "المشير حفتر", "مشير حفتر"], "Khalifa Haftar"),
        (["صدام حفتر", "صدام خليفة حفتر", "الفريق أول ركن صدام خليفة حفتر"], "Saddam Haftar"),
        (["أسامة حمّاد", "أسامة حماد", "رئيس الحكومة الليبية الدكتور أسامة حماد"], "Osama Hammad"),
        (["محمد شهباز شريف", "شهباز شريف", "رئيس وزراء باكستان، محمد شهباز شريف"], "Shehbaz Sharif"),
        (["عاصم منير", "سيد عاصم منير", "المشير سيد عاصم منير"], "Asim Munir"),
        (
            ["ظهير أحمد بابر سدهو", "ظهير أحمد بابر صِدهو", "المارشال الجوي ظهير أحمد بابر صِدهو"],
            "Zaheer Ahmed Babar Sidhu",
        ),
        (["إسحاق دار", "نائب رئيس الوزراء ووزير الخارجية إسحاق دار"], "Ishaq Dar"),
        (["خواجة محمد آصف"], "Khawaja Asif"),
        (["الأدميرال نويد أشرف"], "Naveed Ashraf"),
    ],
)
def test_every_seed_spelling_resolves_to_one_canonical_name(
    gaz: Gazetteer, spellings: list[str], english: str
) -> None:
    entities = [gaz.resolve(s) for s in spellings]
    assert {e.name_en for e in entities} == {english}
    assert all(e.verified and e.canonical_id for e in entities)
    assert [e.name_ar for e in entities] == spellings  # as given, verbatim


@pytest.mark.parametrize("name", ["المشير أركان حرب خليفة حفتر", "مشير أركان حرب خليفة حفتر"])
def test_staff_rank_is_a_title_not_a_person(gaz: Gazetteer, name: str) -> None:
    e = gaz.resolve(name)
    assert (e.name_en, e.canonical_id) == ("Khalifa Haftar", "khalifa-haftar")
    assert e.title_ar == name.removesuffix(" خليفة حفتر")
    assert e.title_en == "Field Marshal"


def test_split_title_strips_several_titles() -> None:
    assert split_title("المشير أركان حرب خليفة حفتر") == ("المشير أركان حرب", "خليفة حفتر")
    assert split_title("نائب القائد العام الفريق أول ركن صدام حفتر") == (
        "نائب القائد العام الفريق أول ركن",
        "صدام حفتر",
    )
    assert split_title("خليفة حفتر") == (None, "خليفة حفتر")
    assert split_title("سيد عاصم منير") == (None, "سيد عاصم منير")  # Syed is his name here


def test_entity_title_english_comes_from_the_lexicon(gaz: Gazetteer) -> None:
    e = gaz.resolve("نائب القائد العام الفريق أول ركن صدام حفتر")
    assert e.title_ar == "نائب القائد العام الفريق أول ركن"
    assert e.title_en == "Deputy Commander-in-Chief, Lieutenant General (staff)"
    assert gaz.resolve("الفريق أول طيار ظهير أحمد بابر سدهو").title_en == "Air Chief Marshal"


@pytest.mark.parametrize("name", ["حفتر", "علي حفتر", "عمر خليفة حفتر", "الفريق حفتر"])
def test_surname_alone_is_not_merged(gaz: Gazetteer, name: str) -> None:
    e = gaz.resolve(name, context=seed("001"))  # the article names both Khalifa and Saddam
    assert e.canonical_id is None and not e.verified
    assert e.name_ar == name


def test_bare_surname_gets_the_shared_english_surname(gaz: Gazetteer) -> None:
    assert gaz.resolve("حفتر").name_en == "Haftar"
    assert gaz.resolve("علي حفتر").name_en == "Ali Haftar"


def test_identifying_title_or_context_picks_one_haftar(gaz: Gazetteer) -> None:
    assert gaz.resolve("المشير حفتر").canonical_id == "khalifa-haftar"
    assert gaz.resolve("نائب القائد العام حفتر").canonical_id == "saddam-haftar"
    assert gaz.resolve("حفتر", context="استقبل صدام خليفة حفتر الوفد").canonical_id == "saddam-haftar"


def test_unknown_person_keeps_name_ar_verbatim(gaz: Gazetteer) -> None:
    e = gaz.resolve("اللواء عبد الرحمن الكيلاني")
    assert e.name_ar == "اللواء عبد الرحمن الكيلاني"
    assert (e.verified, e.canonical_id, e.kind) == (False, None, "person")
    assert (e.title_ar, e.title_en) == ("اللواء", "Major General")
    assert (e.name_en, e.name_source) == ("Abdulrahman Kilani", "romanizer")  # its Wikidata dictionary
    assert transliterate("عبد الرحمن الكيلاني") == "Abdul Rahman al-Kilani"  # the last resort


def test_title_only_is_unknown_with_english_title(gaz: Gazetteer) -> None:
    e = gaz.resolve("رئيس الوزراء الباكستاني")
    assert (e.kind, e.verified, e.canonical_id) == ("unknown", False, None)
    assert e.name_en == "Pakistani Prime Minister"


def test_generic_phrase_is_not_pinned_on_one_body(gaz: Gazetteer) -> None:
    e = gaz.resolve("الحكومة الليبية")
    assert (e.name_en, e.kind, e.canonical_id) == ("Libyan government", "organization", None)


def test_english_answer_is_accepted(gaz: Gazetteer) -> None:
    e = gaz.resolve("Field Marshal Asim Munir")
    assert (e.name_en, e.title_en, e.verified) == ("Asim Munir", "Field Marshal", True)
    assert gaz.resolve("John Smith").verified is False


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_mention_offsets_are_exact_on_every_seed(gaz: Gazetteer, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    mentions = gaz.find_mentions(text)
    assert mentions
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    assert all(gaz.resolve(m.surface).canonical_id == m.entry_id for m in mentions)


def test_find_mentions_never_reports_a_bare_shared_surname(gaz: Gazetteer) -> None:
    text = seed("000")
    surfaces = {m.surface for m in gaz.find_mentions(text)}
    assert "حفتر" not in surfaces and "المشير حفتر" in surfaces  # the headline's title identifies him
    window = text.index("شريف: تقدير")
    assert [m.entry_id for m in gaz.find_mentions(text, window, window + 40)] == []


def test_find_mentions_window_and_proclitic() -> None:
    text = "قنصلية لباكستان في بنغازي"
    found = Gazetteer.default().find_mentions(text, start=8)
    assert [(m.surface, m.entry_id, text[m.start : m.end]) for m in found] == [
        ("باكستان", "pakistan", "باكستان"),
        ("بنغازي", "benghazi", "بنغازي"),
    ]


def test_user_file_extends_and_overrides_default(tmp_path: Path) -> None:
    user = tmp_path / "extra.json"
    user.write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "id": "belgassem-haftar",
                        "kind": "person",
                        "name_en": "Belgassem Haftar",
                        "names_ar": ["بلقاسم حفتر"],
                        "short_ar": ["حفتر"],
                        "country": "LY",
                        "roles": [],
                    },
                    {"id": "benghazi", "names_ar": ["بنغازي", "بني غازي"]},
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    gaz = Gazetteer.load(user)
    assert gaz.resolve("بلقاسم حفتر").name_en == "Belgassem Haftar"
    assert gaz.resolve("بني غازي").canonical_id == "benghazi"
    assert gaz.resolve("خليفة حفتر").canonical_id == "khalifa-haftar"  # default still there
    assert Gazetteer.default().entry("belgassem-haftar") is None  # the default is untouched
    with pytest.raises(ConfigurationError, match="benghazi"):  # a partial entry needs the default
        Gazetteer.load(user, include_default=False)


def test_malformed_user_file_is_a_configuration_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": [{"id": "x", "kind": "planet", "name_en": "X", "names_ar": ["س"]}]}')
    with pytest.raises(ConfigurationError, match="kind"):
        Gazetteer.load(bad)
    with pytest.raises(ConfigurationError):
        Gazetteer.load(tmp_path / "missing.json")


def test_glossary_on_seed_001(gaz: Gazetteer) -> None:
    glossary = gaz.glossary(seed("001"))
    for pair in [
        ("خليفة حفتر", "Khalifa Haftar"),
        ("صدام حفتر", "Saddam Haftar"),
        ("أسامة حماد", "Osama Hammad"),
        ("محمد شهباز شريف", "Shehbaz Sharif"),
        ("ظهير أحمد بابر سدهو", "Zaheer Ahmed Babar Sidhu"),
        ("عاصم منير", "Asim Munir"),
        ("إسحاق دار", "Ishaq Dar"),
        ("الجيش الوطني الليبي", "Libyan National Army"),
        ("القوات الجوية الباكستانية", "Pakistan Air Force"),
        ("بنغازي", "Benghazi"),
    ]:
        assert pair in glossary
    surfaces = [ar for ar, _ in glossary]
    assert len(surfaces) == len(set(surfaces))
    assert not any("حرب" in ar for ar in surfaces)


def test_transliterate_is_readable() -> None:
    assert transliterate("علي حفتر") == "Ali Haftar"
    assert transliterate("عبد الرحمن الكيلاني") == "Abdul Rahman al-Kilani"
    assert transliterate("مُحَمَّد") == "Mohammed"


def test_a_proposal_that_spells_the_name_is_kept_unverified(gaz: Gazetteer) -> None:
    e = gaz.resolve("فلاديمير بوتين", proposal="President Vladimir Putin")
    assert (e.name_en, e.name_source, e.verified, e.kind) == ("Vladimir Putin", "model", False, "person")


def test_a_proposal_that_spells_another_name_is_dropped(gaz: Gazetteer) -> None:
    e = gaz.resolve("بوتين", proposal="Botswana")
    assert e.name_en != "Botswana" and e.name_source in ("romanizer", "transliteration")


def test_the_curated_gazetteer_wins_over_a_proposal(gaz: Gazetteer) -> None:
    e = gaz.resolve("خليفة حفتر", proposal="Khalifa Hiftar")
    assert (e.name_en, e.verified, e.name_source) == ("Khalifa Haftar", True, "gazetteer")


def test_countries_and_cities_resolve_through_world_data(gaz: Gazetteer) -> None:
    for arabic, english, kind in [
        ("روسيا", "Russia", "country"),
        ("موسكو", "Moscow", "place"),
        ("تركيا", "Türkiye", "country"),
    ]:
        e = gaz.resolve(arabic)
        assert (e.name_en, e.kind, e.verified, e.name_source) == (english, kind, True, "world")


def test_demonym_after_an_office_is_its_country() -> None:
    # The real model proposed "Abdul Fattah Siyasi"; the romaniser's Wikidata label for the whole name wins.
    e = Gazetteer.default().resolve("الرئيس المصري عبد الفتاح السيسي", proposal="Abdul Fattah Siyasi")
    assert (e.title_ar, e.title_en) == ("الرئيس المصري", "President of Egypt")
    assert (e.name_en, e.name_source, e.verified) == ("Abdel Fattah al-Sissi", "romanizer", False)


def test_an_office_with_a_possessive_is_the_office(gaz: Gazetteer) -> None:
    e = gaz.resolve("وزير دفاعه سيرغي شويغو", proposal="Sergei Shoigu")
    assert (e.title_ar, e.title_en, e.name_en) == ("وزير دفاعه", "Defence Minister", "Sergei Shoigu")
