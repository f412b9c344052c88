"""The five seeds, replayed offline, merged into one dossier: the groups a reader of the articles expects.

A source is named by (seed, subtype, a sentence of its evidence). The groups
below come from reading the Arabic articles, not from the output:

- 000, 001 and 004 report Khalifa Haftar's official visit to Pakistan (Feb 2026),
  his meeting with PM Shehbaz Sharif in Islamabad (3 Feb), and Pakistan's
  planned consulate in Benghazi; 001 and 004 report Saddam Haftar's meeting
  with air force chief Zaheer Ahmed Babar Sidhu in Islamabad.
- 001 (17-19 Dec 2025), 004 ("December") and 003 (Munir "arrived in Benghazi
  last Wednesday", his first visit to Libya; 003 has no date) report army
  chief Asim Munir's visit to Benghazi; 001 and 004 the defence deal signed
  then, "more than" vs "about" four billion dollars.
- Only 004 reports Khalifa Haftar's meeting with Munir ("yesterday, Monday").
- 002 is Saddam Haftar's own, undated visit to Pakistan (protocol, meetings
  with Sharif, the navy chief and Munir); 003's Benghazi meeting of Saddam
  Haftar and Munir is another meeting. 003's "last July" visit of Saddam
  Haftar is kept apart from 002's: nothing in 002 dates its visit, and its
  visit record names no visitor, so nothing ties the two (judgement call).
"""

from __future__ import annotations

import datetime as dt

import pytest

from libyapk_summ import Dossier, DossierEvent, Settings, build_dossier, summarize_many
from libyapk_summ.cli import main

from .conftest import SEEDS

Anchor = tuple[str, str, int]
SAME = {
    "Khalifa Haftar's visit to Pakistan": [
        ("000", "official_visit", 2),
        ("001", "official_visit", 2),
        ("004", "official_visit", 11),
    ],
    "Khalifa Haftar and Sharif meet": [("000", "meeting", 4), ("001", "meeting", 3), ("004", "meeting", 15)],
    "Saddam Haftar and Sidhu meet": [("001", "meeting", 6), ("004", "meeting", 19)],
    "consulate in Benghazi (planned)": [
        ("000", "consulate_opening", 18),
        ("001", "consulate_opening", 10),
        ("004", "consulate_opening", 8),
    ],
    "Munir's visit to Benghazi": [
        ("001", "official_visit", 7),
        ("003", "official_visit", 13),
        ("004", "official_visit", 21),
    ],
    "the December defence deal": [("001", "defence_deal", 7), ("004", "defence_deal", 21)],
}
APART = [
    (("004", "meeting", 13), ("004", "meeting", 15)),  # Khalifa-Munir vs Khalifa-Sharif
    (("002", "meeting", 11), ("003", "meeting", 4)),  # Saddam-Munir in Pakistan vs in Benghazi
    (("002", "meeting", 9), ("001", "meeting", 3)),  # Saddam-Sharif vs Khalifa-Sharif
    (("002", "official_visit", 4), ("001", "official_visit", 2)),  # Saddam's visit vs Khalifa's
    (("001", "official_visit", 7), ("001", "official_visit", 2)),  # December vs February
    (("003", "official_visit", 16), ("002", "official_visit", 4)),  # judgement: kept apart
]


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return build_dossier(summarize_many(SEEDS, settings=Settings(mode="replay"), progress=False))


def holding(d: Dossier, anchor: Anchor) -> DossierEvent:
    seed, subtype, sentence = anchor
    for e in d.events:
        for s in e.sources:
            told = {ev.sentence for ev in s.event.evidence}
            if s.article_id.startswith(seed) and s.event.subtype.value == subtype and sentence in told:
                return e
    raise AssertionError(f"no {subtype} of seed {seed} with evidence in sentence {sentence}")


@pytest.mark.parametrize("real", sorted(SAME))
def test_each_event_several_seeds_report_is_one_event_with_all_those_sources(dossier, real):
    anchors = SAME[real]
    event = holding(dossier, anchors[0])
    assert sorted(s.article_id[:3] for s in event.sources) == sorted(a[0] for a in anchors)
    assert all(holding(dossier, a).id == event.id for a in anchors)


@pytest.mark.parametrize(("one", "other"), APART)
def test_different_real_events_are_not_merged(dossier, one, other):
    assert holding(dossier, one).id != holding(dossier, other).id


def test_the_benghazi_visit_takes_the_day_range_from_seed_001(dossier):
    visit = holding(dossier, ("003", "official_visit", 13))
    assert (visit.date.start, visit.date.end, visit.date.precision) == (
        dt.date(2025, 12, 17),
        dt.date(2025, 12, 19),
        "range",
    )
    assert visit.date_from.startswith("001")


def test_more_than_and_about_four_billion_are_kept_as_claims(dossier):
    deal = holding(dossier, ("001", "defence_deal", 7))
    (amount,) = [d for d in dossier.disagreements if d.event == deal.id and d.field == "amount"]
    assert [(c.value, c.sources[0][:3]) for c in amount.claims] == [
        ("more than 4,000,000,000 USD", "001"),
        ("about 4,000,000,000 USD", "004"),
    ]


def test_the_meeting_in_islamabad_is_on_the_same_trip_as_the_visit(dossier):
    meeting, visit = holding(dossier, ("001", "meeting", 3)), holding(dossier, ("001", "official_visit", 2))
    assert {"kind": "same_trip", "event": visit.id} in [link.model_dump() for link in meeting.links]


def test_every_replayed_event_report_is_kept_as_a_source(dossier):
    assert sum(len(e.sources) for e in dossier.events) == dossier.stats.event_reports_in > 20


def test_the_cli_writes_reports_and_dossier_offline(tmp_path, capsys):
    assert main(["dossier", str(SEEDS[0].parent), "--out", str(tmp_path), "--mode", "replay"]) == 0
    written = Dossier.model_validate_json((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    assert len((tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()) == len(SEEDS)
    assert written.stats.reports_in == len(SEEDS) and "2025-12-17..2025-12-19" in capsys.readouterr().out
