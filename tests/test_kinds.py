"""The event-kind registry (data/event_kinds.json): every kind reachable, users add kinds by data."""

import json

import pytest

from libyapk_summ import ArticleReport, ConfigurationError, Event, Evidence, Kinds
from libyapk_summ.article._detect import detect
from libyapk_summ.article._load import Sentence
from libyapk_summ.contract._kinds import root_of
from libyapk_summ.contract._labels import label_en, phrase_en
from libyapk_summ.contract._models import SUBTYPE_TO_TYPE, EventSubtype, EventType

KINDS = Kinds.default()
EXAMPLES = [(k.id, ex.text, ex.factuality) for k in KINDS for ex in k.examples]


def _found(text, kinds=None):
    return {(c.subtype, c.factuality) for c in detect([Sentence(1, 0, len(text), text)], kinds)}


@pytest.mark.parametrize(
    ("kind", "text", "factuality"), EXAMPLES, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(EXAMPLES)]
)
def test_every_kind_is_reached_by_its_own_example_forms(kind, text, factuality):
    assert (kind, factuality) in _found(text)


def test_the_roots_of_politics_and_security_news_are_covered():
    roots = {k.root for k in KINDS}
    wanted = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "AID", "ASSAULT", "PROTEST", "SANCTION", "ACCUSE"}
    wanted |= {"THREATEN", "REJECT", "REQUEST", "MOBILIZE", "COERCE"}
    assert {EventType(r) for r in wanted} <= roots


def test_code_reads_a_kind_only_through_the_registry():
    assert root_of("defence_deal") is EventType.AGREE and SUBTYPE_TO_TYPE["attack"] is EventType.ASSAULT
    assert label_en("meeting") == "Meeting" and phrase_en("official_visit") == "an official visit"
    assert EventSubtype.MEETING == "meeting" and EventSubtype("meeting") is EventSubtype.MEETING
    assert [k.value for k in EventSubtype] == [k.id for k in KINDS]


def test_a_user_adds_a_kind_by_data(tmp_path):
    path = tmp_path / "mine.json"
    kind = {
        "id": "hostage_release",
        "root": "CONCEDE",
        "label_en": "Hostage release",
        "phrase_en": "a release of hostages",
        "triggers": [
            {
                "past": ["أفرج", "أفرجت"],
                "present": ["فرج"],
                "nouns": ["الإفراج"],
                "object": ["(?:ال)?(?:رهائن|رهينة|أسرى|محتجز)"],
                "reach": 4,
            }
        ],
        "examples": [{"text": "وأفرجت الجماعة المسلحة عن ثلاثة رهائن أجانب في الصحراء."}],
    }
    path.write_text(json.dumps({"kinds": [kind]}, ensure_ascii=False), encoding="utf-8")
    mine = Kinds.load(path)
    text = kind["examples"][0]["text"]
    assert ("hostage_release", "asserted") in _found(text, mine)
    assert ("hostage_release", "asserted") not in _found(text)  # only where loaded
    assert len(mine) == len(KINDS) + 1 and root_of("hostage_release") is EventType.CONCEDE


def test_a_user_kind_round_trips_in_a_report():
    Kinds.load()  # registers nothing new; a kind id only needs the id form to be stored
    e = Event(
        id="a#e1",
        type="CONCEDE",
        subtype="hostage_release",
        evidence=[Evidence(quote_ar="x", start=0, end=1)],
    )
    assert Event.model_validate_json(e.model_dump_json()) == e
    assert json.loads(e.model_dump_json())["subtype"] == "hostage_release"
    assert ArticleReport.model_json_schema()["$defs"]["Event"]["properties"]["subtype"]["type"] == "string"


def _bad(**change):
    kind = {
        "id": "x",
        "root": "AID",
        "label_en": "X",
        "phrase_en": "x",
        "triggers": [{}],
        "examples": [{"text": "t"}],
    }
    return {"kinds": [{**kind, **change}]}


@pytest.mark.parametrize(
    ("data", "why"),
    [(_bad(root="NOPE"), "root"), (_bad(id="Bad Id"), "id"), ({"kinds": [{"id": "x"}]}, "root")],
)
def test_a_malformed_kinds_file_is_a_clear_configuration_error(tmp_path, data, why):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigurationError, match=why):
        Kinds.load(path)


def test_a_missing_kinds_file_says_which(tmp_path):
    with pytest.raises(ConfigurationError, match=r"nothere\.json"):
        Kinds.load(tmp_path / "nothere.json")


def test_the_cli_takes_kinds_files(tmp_path, capsys):
    from libyapk_summ.cli import main

    from .conftest import SEEDS

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["brief", str(SEEDS[0]), "--kinds", str(bad), "--mode", "replay", "--quiet"]) == 2
    assert "bad.json" in capsys.readouterr().err
    good = tmp_path / "good.json"
    kind = _bad(id="ceasefire", root="AGREE")["kinds"][0] | {"triggers": [{"nouns": ["هدنة"]}]}
    good.write_text(json.dumps({"kinds": [kind]}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(["brief", str(SEEDS[0]), "--kinds", str(good), "--mode", "replay", "--out", str(out), "--quiet"])
        == 0
    )
