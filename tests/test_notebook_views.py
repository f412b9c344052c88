"""``_repr_html_``: reports, events and dossiers render themselves in notebooks, compactly."""

from __future__ import annotations

import re

import pytest

from libyapk_summ import Settings, build_dossier, summarize_many

from .conftest import SEEDS
from .hostile import hostile_report


@pytest.fixture(scope="module")
def seeds():
    reports = summarize_many(SEEDS, settings=Settings(mode="replay", use_cache=False), progress=False)
    return reports, build_dossier(reports)


def test_a_report_shows_both_briefs_with_the_arabic_right_to_left(seeds):
    report = seeds[0][1]
    view = report._repr_html_()
    assert 'lang="ar" dir="rtl"' in view and report.brief.headline_en in view


def test_a_report_view_is_compact_not_the_whole_article(seeds):
    report = seeds[0][1]
    view = report._repr_html_()
    shown = re.sub(r"<[^>]+>", "", view)  # what the reader sees, not the inline styles
    assert len(shown) < len(report.article.text) * 2 and "<script" not in view
    assert report.article.text[-80:] not in view


def test_an_event_shows_its_evidence_with_offsets(seeds):
    event = seeds[0][1].events[0]
    view = event._repr_html_()
    assert (
        event.evidence[0].quote_ar in view and f"[{event.evidence[0].start}:{event.evidence[0].end}]" in view
    )


def test_a_dossier_shows_the_timeline_and_disagreements(seeds):
    view = seeds[1]._repr_html_()
    assert view.count("<tr>") == len(seeds[1].timeline) + 1 and "Disagreements" in view


def test_views_carry_no_ids_that_could_clash_in_a_notebook(seeds):
    reports, dossier = seeds
    views = [reports[0]._repr_html_(), reports[0].events[0]._repr_html_(), dossier._repr_html_()]
    assert not any(" id=" in v for v in views)


def test_views_escape_markup_from_the_article_and_the_model():
    report = hostile_report()
    dossier = build_dossier([report])
    for view in (report._repr_html_(), report.events[0]._repr_html_(), dossier._repr_html_()):
        assert not re.search(r"<(?:script|img|svg)\b", view)
