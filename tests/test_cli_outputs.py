"""The output folder: one consistent set, never lost to a failed or interrupted run."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from libyapk_summ import ArticleReport
from libyapk_summ.cli import main
from libyapk_summ.pipeline._outputs import OutputRun
from libyapk_summ.testing import Reply, schema_filler

from .conftest import ROOT, SEEDS

NEW = "عنوان\nعقد وزير الخارجية اجتماعا مع نظيره الباكستاني في طرابلس لبحث التعاون."
REPLAY = ["--mode", "replay", "--no-cache", "--quiet"]


def ids(folder) -> list[str]:
    lines = (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [ArticleReport.model_validate_json(line).article.id for line in lines]


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failing_run_into_a_good_folder_leaves_the_earlier_set_intact(tmp_path):
    out = tmp_path / "keep"
    assert main(["dossier", str(SEEDS[0].parent), "--out", str(out), "--format", "csv", *REPLAY]) == 0
    before = snapshot(out)
    (tmp_path / "my_article.txt").write_text(NEW, encoding="utf-8")
    assert main(["brief", str(tmp_path / "my_article.txt"), "--out", str(out), "--quiet"]) == 1
    assert snapshot(out) == before


def test_a_run_replaces_the_whole_set_removing_files_of_the_last_one(tmp_path):
    out = tmp_path / "out"
    assert main(["dossier", str(SEEDS[0]), "--out", str(out), "--format", "csv", *REPLAY]) == 0
    assert main(["brief", str(SEEDS[1]), "--out", str(out), *REPLAY]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "reports.jsonl", "run.json"]
    assert ids(out) == [SEEDS[1].stem]
    assert not list(tmp_path.glob(".out.*"))  # no staging folder left behind


def test_other_files_in_a_shared_out_folder_are_kept(tmp_path):
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    assert main(["brief", str(SEEDS[1]), "--out", str(tmp_path), *REPLAY]) == 0
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine" and ids(tmp_path) == [SEEDS[1].stem]


def test_rerun_keeps_the_reports_already_made_and_says_so(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["brief", str(SEEDS[1]), "--out", str(out), *REPLAY]) == 0
    assert main(["brief", str(SEEDS[1]), str(SEEDS[2]), "--out", str(out), *REPLAY]) == 0
    assert "1 kept from the last run" in capsys.readouterr().err
    assert ids(out) == [SEEDS[1].stem, SEEDS[2].stem]
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["reused"] == 1


def test_redo_makes_every_report_again(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["brief", str(SEEDS[1]), "--out", str(out), *REPLAY]) == 0
    assert main(["brief", str(SEEDS[1]), "--out", str(out), "--redo", *REPLAY]) == 0
    assert "kept from the last run" not in capsys.readouterr().err


def test_reports_of_a_killed_run_s_staging_folder_are_kept_by_the_rerun(tmp_path):
    out = tmp_path / "out"
    assert main(["brief", str(SEEDS[1]), "--out", str(tmp_path / "first"), *REPLAY]) == 0
    dead = tmp_path / ".out.staging-999999999"  # no such process
    (tmp_path / "first").rename(dead)
    run = OutputRun(out, {"made_by": json.loads((dead / "run.json").read_text(encoding="utf-8"))["made_by"]})
    assert [r.article.id for r in run.previous()] == [SEEDS[1].stem]


def test_missing_path_is_listed_in_errors_while_the_rest_goes_on(tmp_path):
    out = tmp_path / "out"
    assert main(["brief", str(SEEDS[1]), str(tmp_path / "nope.txt"), "--out", str(out), *REPLAY]) == 1
    assert ids(out) == [SEEDS[1].stem]
    failure = json.loads((out / "errors.jsonl").read_text(encoding="utf-8"))
    assert failure["path"] == str(tmp_path / "nope.txt") and "no such file" in failure["message"]


def test_report_html_lists_the_failed_articles_with_their_causes(tmp_path):
    out = tmp_path / "out"
    main(["brief", str(SEEDS[1]), str(tmp_path / "nope.txt"), "--out", str(out), *REPLAY])
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Failed articles (1)" in page and "nope.txt" in page and "no such file" in page


def test_no_backend_message_is_short_and_names_the_three_ways_on(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(NEW, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NEW.replace("طرابلس", "بنغازي"), encoding="utf-8")
    assert (
        main(["brief", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "o")]) == 1
    )
    err = capsys.readouterr().err
    assert err.count("three ways on") == 1
    assert all(way in err for way in ("--mode local", "--base-url", "libyapk-summ record"))
    assert "site-packages" not in err and "fixtures" not in err


# --- interrupted: a real subprocess, a slow fake server, a real signal -----------------------------


def brief(server, tmp_path) -> subprocess.Popen:
    argv = [sys.executable, "-m", "libyapk_summ.cli", "brief", *map(str, SEEDS), "--mode", "live"]
    argv += ["--base-url", server.base_url, "--dialect", "json_schema", "--concurrency", "1", "--quiet"]
    argv += ["--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"), "--format", "csv"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def staged_reports(tmp_path) -> int:
    return sum(
        len(p.read_text(encoding="utf-8").splitlines()) for p in tmp_path.glob(".out.staging-*/reports.jsonl")
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_keeps_the_finished_reports_in_a_consistent_folder_and_a_rerun_completes_it(
    server, tmp_path, signum
):
    server.handler = lambda r: Reply(body=schema_filler(r).body, delay=0.05)
    first = brief(server, tmp_path)
    deadline = time.monotonic() + 60
    while staged_reports(tmp_path) < 2:
        assert time.monotonic() < deadline and first.poll() is None, first.stderr.read()
        time.sleep(0.02)
    first.send_signal(signum)
    err = first.communicate(timeout=60)[1]
    assert first.returncode == {signal.SIGINT: 130, signal.SIGTERM: 143}[signum], err
    out = tmp_path / "out"
    done = ids(out)
    assert 2 <= len(done) < len(SEEDS) and "rerun the same command" in err
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is False and len(manifest["missing"]) == len(SEEDS) - len(done)
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["error"] for e in errors} == {"Interrupted"} and len(errors) == len(SEEDS) - len(done)
    with open(out / "events.csv", encoding="utf-8-sig", newline="") as f:
        assert {row["article_id"] for row in csv.DictReader(f)} <= set(done)
    assert "Failed articles" in (out / "report.html").read_text(encoding="utf-8")

    rerun = brief(server, tmp_path)
    err = rerun.communicate(timeout=120)[1]
    assert rerun.returncode == 0, err
    assert ids(out) == [p.stem for p in SEEDS] and f"{len(done)} kept from the last run" in err
    assert not (out / "errors.jsonl").exists()


def test_main_runs_from_a_thread_other_than_the_main_one(tmp_path):
    import threading

    box: dict[str, int] = {}
    worker = threading.Thread(
        target=lambda: box.setdefault("rc", main(["brief", str(SEEDS[1]), "--out", str(tmp_path), *REPLAY]))
    )
    worker.start()
    worker.join()
    assert box["rc"] == 0 and ids(tmp_path) == [SEEDS[1].stem]
