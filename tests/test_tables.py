"""Tables: one row per event as dicts, CSV, JSON lines and (with pandas) DataFrames; the CLI export."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from libyapk_summ import Settings, build_dossier, events_frame, events_rows, summarize_many
from libyapk_summ.cli import main
from libyapk_summ.render._tables import EVENT_COLUMNS, dossier_rows, to_csv, to_jsonl

from .conftest import SEEDS
from .docexamples import run_examples
from .extras import require

PANDAS = "needs the pandas extra: pip install '.[pandas]'"


@pytest.fixture(scope="module")
def seeds():
    reports = summarize_many(SEEDS, settings=Settings(mode="replay", use_cache=False), progress=False)
    return reports, build_dossier(reports)


def test_one_row_per_event_in_report_order(seeds):
    reports, _ = seeds
    rows = events_rows(reports)
    assert all(r.events for r in reports)  # every seed reports events: not two empty lists compared
    assert [r["event_id"] for r in rows] == [e.id for r in reports for e in r.events]


def test_the_evidence_columns_index_the_article_text(seeds):
    reports, _ = seeds
    texts = {r.article.id: r.article.text for r in reports}
    rows = events_rows(reports)
    assert len(rows) == sum(len(r.events) for r in reports) > 0
    for row in rows:
        assert row["evidence_quote_ar"]  # an empty quote at 0:0 would index any text
        assert (
            texts[row["article_id"]][row["evidence_start"] : row["evidence_end"]] == row["evidence_quote_ar"]
        )


def test_rows_name_their_dossier_event_when_a_dossier_is_given(seeds):
    reports, dossier = seeds
    rows = events_rows(reports, dossier)
    assert all(dossier.event(r["dossier_event"]) for r in rows) and list(rows[0]) == EVENT_COLUMNS


def test_without_a_dossier_there_is_no_dossier_column(seeds):
    assert "dossier_event" not in events_rows(seeds[0])[0]


def test_failed_articles_are_skipped(seeds):
    reports, _ = seeds
    assert events_rows([RuntimeError("failed"), reports[0]]) == events_rows([reports[0]])


def test_dossier_rows_follow_the_timeline(seeds):
    _, dossier = seeds
    assert [r["dossier_event"] for r in dossier_rows(dossier)] == [t.event for t in dossier.timeline]


def test_csv_round_trips_the_arabic(seeds):
    rows = events_rows(seeds[0])
    read = list(csv.DictReader(io.StringIO(to_csv(rows).removeprefix("\ufeff"))))
    assert [r["evidence_quote_ar"] for r in read] == [r["evidence_quote_ar"] for r in rows]


def test_csv_cells_that_look_like_formulas_are_made_inert():
    text = to_csv([{"a": "=HYPERLINK(1)", "b": -5, "c": "@x"}])
    assert text.splitlines()[1] == "'=HYPERLINK(1),-5,'@x"


def test_jsonl_keeps_arabic_unescaped(seeds):
    line = to_jsonl(events_rows(seeds[0]))[:2000].splitlines()[0]
    assert json.loads(line)["location_ar"] in line


def test_events_frame_has_a_row_per_event_and_datetime_dates(seeds):
    require("pandas", PANDAS)
    frame = events_frame(*seeds)
    assert len(frame) == seeds[1].stats.event_reports_in and str(frame["date_start"].dtype).startswith(
        "datetime"
    )


def test_dossier_to_dataframe_has_a_row_per_real_event(seeds):
    require("pandas", PANDAS)
    assert list(seeds[1].to_dataframe()["dossier_event"]) == [t.event for t in seeds[1].timeline]


def test_the_module_examples_run(tmp_path, monkeypatch):
    require("pandas", PANDAS)
    run_examples("libyapk_summ.render._tables", tmp_path, monkeypatch)


def test_without_pandas_the_error_says_what_to_install(seeds, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'libyapk-summ\[pandas\]'"):
        events_frame(seeds[0])


def test_the_cli_writes_events_csv_and_jsonl(tmp_path, seeds):
    events = sum(len(r.events) for r in seeds[0])
    args = ["dossier", str(SEEDS[0].parent), "--out", str(tmp_path), "--mode", "replay", "--no-cache"]
    assert main([*args, "--quiet", "--format", "csv", "--format", "jsonl"]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "events.csv").read_text(encoding="utf-8-sig"))))
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(lines) == events > 20 and rows[0]["dossier_event"].startswith("ev-")
    assert (tmp_path / "dossier_events.csv").exists() and (tmp_path / "report.html").exists()
