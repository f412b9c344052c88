"""The dossier rules, one behaviour per test, on hand-built events of known people and places."""

from __future__ import annotations

import datetime as dt

from libyapk_summ import (
    Amount,
    Article,
    ArticleReport,
    Brief,
    Dossier,
    Entity,
    Event,
    EventDate,
    EventSubtype,
    Evidence,
    FixtureMissingError,
    Provenance,
    Published,
    build_dossier,
)
from libyapk_summ.contract._models import SUBTYPE_TO_TYPE
from libyapk_summ.dossier._group import group
from libyapk_summ.dossier._same_event import event_reports
from libyapk_summ.names._names import Gazetteer
from libyapk_summ.testing import synthetic_reports

from .conftest import under_hash_seeds

MEETING, VISIT = EventSubtype.MEETING, EventSubtype.OFFICIAL_VISIT
CONSULATE, DEAL = EventSubtype.CONSULATE_OPENING, EventSubtype.DEFENCE_DEAL
KHALIFA, SADDAM, HAMMAD = "khalifa-haftar", "saddam-haftar", "osama-hammad"
SHARIF, MUNIR, SIDHU = "shehbaz-sharif", "asim-munir", "zaheer-ahmed-babar-sidhu"


def entity(ident: str) -> Entity:
    e = Gazetteer.default().entry(ident)
    assert e is not None, ident
    return Entity(
        name_ar=e["names_ar"][0], name_en=e["name_en"], kind=e["kind"], canonical_id=ident, verified=True
    )


def when(value: str | None) -> EventDate:
    """``2026-02-03`` (day), ``2026-02`` (month) or None (undated)."""
    if value is None:
        return EventDate()
    if len(value) == 7:
        first = dt.date.fromisoformat(value + "-01")
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return EventDate(start=first, end=last, precision="month", raw_ar=value)
    day = dt.date.fromisoformat(value)
    return EventDate(start=day, end=day, precision="day", raw_ar=value)


def event(subtype, who=(), whom=(), *, where=None, date=None, factuality="asserted", amounts=()):  # type: ignore[no-untyped-def]
    return Event(
        id="?",
        type=SUBTYPE_TO_TYPE[subtype],
        subtype=subtype,
        summary_en=f"{subtype.value} of {', '.join(who)}",
        actors=[entity(x) for x in who],
        recipients=[entity(x) for x in whom],
        location=entity(where) if where else None,
        date=when(date),
        factuality=factuality,
        amounts=list(amounts),
        evidence=[Evidence(quote_ar="خبر", start=0, end=3, sentence=1)],
    )


def report(article_id: str, *events: Event, published: str | None = None) -> ArticleReport:
    pub = Published(value=dt.date.fromisoformat(published), method="given") if published else None
    return ArticleReport(
        article=Article(id=article_id, text="خبر", published=pub),
        brief=Brief(headline_ar="خبر", headline_en="news", summary_ar="خبر", summary_en="news"),
        events=[e.model_copy(update={"id": f"{article_id}#e{n}"}) for n, e in enumerate(events, 1)],
        provenance=Provenance(
            model="hand",
            backend="hand",
            prompt_version="-",
            library_version="-",
            created_at=dt.datetime(2026, 2, 5, tzinfo=dt.UTC),
        ),
    )


def sources(dossier: Dossier) -> list[list[str]]:
    return sorted(sorted(s.event.id for s in e.sources) for e in dossier.events)


def test_one_meeting_told_by_three_outlets_is_one_event_with_all_three_sources():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA, HAMMAD], [SHARIF], where="islamabad", date="2026-02-03")),
            report("b", event(MEETING, [KHALIFA, SADDAM], [SHARIF], where="pakistan", date="2026-02")),
            report("c", event(MEETING, [KHALIFA], [SHARIF])),
        ]
    )
    assert sources(d) == [["a#e1", "b#e1", "c#e1"]]


def test_the_most_precise_date_wins_and_names_its_article():
    d = build_dossier(
        [
            report("a", event(VISIT, [KHALIFA], [SHARIF], where="pakistan", date="2026-02")),
            report("b", event(VISIT, [KHALIFA], [SHARIF], where="pakistan", date="2026-02-03")),
        ]
    )
    (e,) = d.events
    assert (e.date.start, e.date.precision, e.date_from) == (dt.date(2026, 2, 3), "day", "b")


def test_a_city_beats_a_country_and_names_its_article():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA], [SHARIF], where="pakistan", date="2026-02-03")),
            report("b", event(MEETING, [KHALIFA], [SHARIF], where="islamabad", date="2026-02-03")),
        ]
    )
    assert (d.events[0].location.canonical_id, d.events[0].location_from) == ("islamabad", "b")


def test_a_plan_and_its_realisation_are_linked_not_merged():
    plan = event(CONSULATE, ["pakistan"], ["libya"], where="benghazi", factuality="planned")
    done = event(CONSULATE, ["pakistan"], ["libya"], where="benghazi", date="2026-06-01")
    d = build_dossier([report("a", plan, published="2026-02-04"), report("b", done, published="2026-06-02")])
    kinds = {d.event_of("a#e1").id: "realised_by", d.event_of("b#e1").id: "realises"}
    assert len(d.events) == 2
    assert {(e.id, link.kind) for e in d.events for link in e.links} == set(kinds.items())


def test_plans_are_left_unlinked_when_asked():
    plan = event(CONSULATE, ["pakistan"], ["libya"], where="benghazi", factuality="planned")
    done = event(CONSULATE, ["pakistan"], ["libya"], where="benghazi", date="2026-06-01")
    d = build_dossier([report("a", plan), report("b", done)], link_plans=False)
    assert [e.links for e in d.events] == [[], []]


def test_two_meetings_with_different_people_on_one_trip_stay_two():
    d = build_dossier(
        [
            report(
                "a",
                event(MEETING, [KHALIFA], [SHARIF], where="islamabad", date="2026-02-03"),
                event(MEETING, [SADDAM], [SIDHU], where="islamabad", date="2026-02-03"),
            ),
            report("b", event(MEETING, [SADDAM], [SIDHU], where="islamabad", date="2026-02-03")),
        ]
    )
    assert sources(d) == [["a#e1"], ["a#e2", "b#e1"]]


def test_a_different_leader_meeting_the_same_host_is_a_different_meeting():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA], [SHARIF], date="2026-02-03")),
            report("b", event(MEETING, [SADDAM], [SHARIF], date="2026-02-03")),
        ]
    )
    assert len(d.events) == 2


def test_visits_in_december_and_in_february_stay_two():
    d = build_dossier(
        [
            report("a", event(VISIT, [MUNIR], [KHALIFA], where="benghazi", date="2025-12")),
            report("b", event(VISIT, [MUNIR], [KHALIFA], where="benghazi", date="2026-02-03")),
        ]
    )
    assert len(d.events) == 2


def test_different_visitors_to_the_same_host_are_different_visits():
    d = build_dossier(
        [
            report("a", event(VISIT, [KHALIFA], [SHARIF], where="pakistan", date="2026-02-03")),
            report("b", event(VISIT, [HAMMAD], [SHARIF], where="pakistan", date="2026-02-04")),
        ]
    )
    assert len(d.events) == 2


def test_an_undated_report_joins_the_one_event_it_fits():
    d = build_dossier(
        [
            report("a", event(VISIT, [KHALIFA], [SHARIF], where="pakistan", date="2026-02-03")),
            report("b", event(VISIT, [KHALIFA], [SHARIF], where="islamabad")),
        ]
    )
    assert sources(d) == [["a#e1", "b#e1"]]


def test_an_undated_report_that_fits_two_events_joins_neither_and_links_both():
    d = build_dossier(
        [
            report("a", event(VISIT, [KHALIFA], [], where="pakistan", date="2025-12")),
            report("b", event(VISIT, [KHALIFA], [], where="pakistan", date="2026-02-03")),
            report("c", event(VISIT, [KHALIFA], [], where="pakistan")),
        ]
    )
    undated = d.event_of("c#e1")
    assert len(d.events) == 3 and [link.kind for link in undated.links] == ["possibly_same"] * 2


def test_events_told_on_different_trips_are_not_merged():
    on_a_trip = report(
        "a",
        event(VISIT, [SADDAM], [SHARIF], where="pakistan"),
        event(MEETING, [SADDAM], [MUNIR]),
    )
    on_another = report(
        "b",
        event(VISIT, [MUNIR], [SADDAM], where="benghazi"),
        event(MEETING, [SADDAM], [MUNIR]),
    )
    d = build_dossier([on_a_trip, on_another])
    assert d.event_of("a#e2").id != d.event_of("b#e2").id


def test_two_events_of_one_article_are_never_merged():
    d = build_dossier(
        [
            report(
                "a",
                event(MEETING, [KHALIFA], [SHARIF], date="2026-02-03"),
                event(MEETING, [KHALIFA], [SHARIF], date="2026-02-03"),
            )
        ]
    )
    assert len(d.events) == 2


def test_a_denial_is_not_merged_with_the_event():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA], [SHARIF], date="2026-02-03")),
            report("b", event(MEETING, [KHALIFA], [SHARIF], date="2026-02-03", factuality="negated")),
        ]
    )
    assert len(d.events) == 2


def test_different_amounts_are_kept_as_claims_with_their_sources():
    more = Amount(value=4e9, currency="USD", bound="more_than", raw_ar="تزيد عن أربعة مليارات دولار")
    about = Amount(value=4e9, currency="USD", bound="about", raw_ar="نحو أربعة مليارات دولار")
    d = build_dossier(
        [
            report("a", event(DEAL, [KHALIFA], [MUNIR], where="benghazi", date="2025-12-17", amounts=[more])),
            report("b", event(DEAL, [KHALIFA], [MUNIR], where="benghazi", date="2025-12", amounts=[about])),
        ]
    )
    (dis,) = d.disagreements
    claims = [(c.value, c.sources) for c in dis.claims]
    assert dis.field == "amount" and claims == [
        ("more than 4,000,000,000 USD", ["a"]),
        ("about 4,000,000,000 USD", ["b"]),
    ]


def test_amounts_far_apart_are_two_deals():
    small = Amount(value=1e8, currency="USD", raw_ar="100 مليون دولار")
    big = Amount(value=4e9, currency="USD", raw_ar="4 مليارات دولار")
    d = build_dossier(
        [
            report("a", event(DEAL, [KHALIFA], [MUNIR], where="benghazi", date="2025-12", amounts=[small])),
            report("b", event(DEAL, [KHALIFA], [MUNIR], where="benghazi", date="2025-12", amounts=[big])),
        ]
    )
    assert len(d.events) == 2


def test_dates_a_day_apart_merge_and_both_are_kept_as_claims():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA], [MUNIR], date="2026-02-02")),
            report("b", event(MEETING, [KHALIFA], [MUNIR], date="2026-02-03")),
        ]
    )
    (dis,) = d.disagreements
    assert (
        len(d.events) == 1
        and dis.field == "date"
        and [c.value for c in dis.claims] == ["2026-02-02", "2026-02-03"]
    )


def test_naming_more_attendees_is_detail_not_disagreement():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA, HAMMAD, SADDAM], [SHARIF, MUNIR], date="2026-02-03")),
            report("b", event(MEETING, [KHALIFA], [SHARIF], date="2026-02-03")),
        ]
    )
    assert len(d.events) == 1 and d.disagreements == []


def test_sources_each_naming_someone_the_other_does_not_disagree_on_participants():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA, HAMMAD], [SHARIF], date="2026-02-03")),
            report("b", event(MEETING, [KHALIFA, SADDAM], [SHARIF], date="2026-02-03")),
        ]
    )
    assert [x.field for x in d.disagreements] == ["participants"]


def test_the_timeline_is_in_time_order_with_undated_events_last():
    d = build_dossier(
        [
            report("a", event(MEETING, [KHALIFA], [SHARIF])),
            report("b", event(VISIT, [KHALIFA], [SHARIF], where="pakistan", date="2026-02-03")),
            report("c", event(VISIT, [MUNIR], [KHALIFA], where="benghazi", date="2025-12")),
        ]
    )
    assert [(t.label, t.precision) for t in d.timeline] == [
        ("2025-12", "month"),
        ("2026-02-03", "day"),
        ("undated", "unknown"),
    ]


def _seedlike() -> list[ArticleReport]:
    return [
        report(
            "a",
            event(VISIT, [KHALIFA], [SHARIF], where="pakistan", date="2026-02-03"),
            event(MEETING, [KHALIFA], [SHARIF], date="2026-02-03"),
            event(CONSULATE, ["pakistan"], [], where="benghazi", factuality="planned"),
        ),
        report(
            "b", event(MEETING, [SADDAM], [SIDHU], where="islamabad"), event(MEETING, [KHALIFA], [SHARIF])
        ),
        report("c", event(CONSULATE, [], [], where="benghazi", factuality="planned")),
    ]


SEEDLIKE_DOSSIER = """
from tests.test_dossier import _seedlike, build_dossier
print(build_dossier(_seedlike()).model_dump_json())
"""


def test_building_twice_gives_the_same_json():
    first, second = under_hash_seeds(SEEDLIKE_DOSSIER)  # one process per hash seed: set order shows
    assert first == second and Dossier.model_validate_json(first).stats.reports_in == 3


SYNTHETIC_DOSSIER = """
from libyapk_summ import build_dossier
from libyapk_summ.testing import synthetic_reports
syn = synthetic_reports(600, seed=3)
print(build_dossier(syn.reports, gazetteer=syn.gazetteer).model_dump_json())
"""


def test_a_large_dossier_is_the_same_under_any_hash_seed():
    first, second = under_hash_seeds(SYNTHETIC_DOSSIER)
    assert first == second and Dossier.model_validate_json(first).stats.reports_in == 200


def test_the_order_of_the_input_does_not_change_the_dossier():
    reordered = [r.model_copy(update={"events": r.events[::-1]}) for r in _seedlike()[::-1]]
    assert build_dossier(reordered).model_dump_json() == build_dossier(_seedlike()).model_dump_json()


def test_every_source_event_is_kept():
    reports = _seedlike()
    d = build_dossier(reports)
    kept = sorted((s.event.id, s.event) for e in d.events for s in e.sources)
    given = sorted((e.id, e) for r in reports for e in r.events)
    assert kept == given and d.stats.event_reports_in == len(kept)


def test_the_dossier_round_trips_through_json():
    d = build_dossier(_seedlike())
    assert Dossier.model_validate_json(d.model_dump_json()) == d


def test_failed_articles_in_the_input_are_skipped():
    d = build_dossier([*_seedlike(), FixtureMissingError("not recorded")])
    assert d.stats.reports_in == 3


def test_blocking_finds_the_same_groups_as_comparing_every_pair():
    syn = synthetic_reports(600, seed=3)
    members = event_reports(syn.reports, lambda i: (syn.gazetteer.entry(i) or {}).get("country"))
    assert group(members).groups == group(members, exhaustive=True).groups


def test_blocking_compares_a_small_share_of_all_pairs():
    syn = synthetic_reports(2000, seed=1)
    stats = build_dossier(syn.reports, gazetteer=syn.gazetteer).stats
    assert stats.pairs_compared * 50 < stats.pairs_possible


def test_a_visit_naming_only_the_visiting_body_joins_the_visit_in_that_city():
    d = build_dossier(
        [
            report(
                "a", event(VISIT, [MUNIR, "pakistan-army"], [KHALIFA], where="benghazi", date="2025-12-17")
            ),
            report("b", event(VISIT, ["pakistan-army"], [], where="benghazi", date="2025-12")),
        ]
    )
    assert sources(d) == [["a#e1", "b#e1"]]


def test_a_visiting_body_without_a_city_joins_nothing():
    d = build_dossier(
        [
            report(
                "a", event(VISIT, [MUNIR, "pakistan-army"], [KHALIFA], where="benghazi", date="2025-12-17")
            ),
            report("b", event(VISIT, ["pakistan-army"], [], where="libya", date="2025-12")),
        ]
    )
    assert len(d.events) == 2
