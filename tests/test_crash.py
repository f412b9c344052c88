"""Crash safety: the CLI killed by SIGKILL mid-batch; a rerun completes it, calling only what was missing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import diskcache
import pytest

from libyapk_summ import ArticleReport, load_article
from libyapk_summ.backends._keylock import PREFIX
from libyapk_summ.testing import Reply, schema_filler, synthetic_articles

from .conftest import ROOT, SEEDS
from .faultkit import chats, expected_calls

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def brief(server, tmp_path) -> subprocess.Popen:
    argv = [sys.executable, "-m", "libyapk_summ.cli", "brief", str(tmp_path / "in"), "--mode", "live"]
    argv += ["--base-url", server.base_url, "--dialect", "json_schema", "--concurrency", "4", "--quiet"]
    argv += ["--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(tmp_path / "stderr.txt", "a", encoding="utf-8") as log:
        return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=log)


def cached_keys(directory, kind: str = "answer") -> set[str]:
    """The keys of stored answers (or of stored reports)."""
    with diskcache.Cache(str(directory)) as cache:
        assert cache.check() == []  # sqlite and files consistent after the kill
        keys = {str(k) for k in cache.iterkeys() if not str(k).startswith(PREFIX)}
    reports = {k for k in keys if k.startswith("report:")}
    return reports if kind == "report" else keys - reports


def wait_for(predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_killed_batch_is_completed_by_a_rerun_that_calls_only_what_was_missing(server, tmp_path):
    server.handler = lambda r: Reply(body=schema_filler(r).body, delay=0.2)
    (tmp_path / "in").mkdir()
    sources = [p.read_text(encoding="utf-8") for p in SEEDS]
    for id, text in synthetic_articles(sources, 8, seed=3):
        (tmp_path / "in" / f"{id}.txt").write_text(text, encoding="utf-8")
    paths = sorted((tmp_path / "in").glob("*.txt"))
    wanted = {r.key for r in expected_calls([load_article(p) for p in paths])}

    first = brief(server, tmp_path)
    wait_for(lambda: len(chats(server)) >= len(wanted) // 2)
    first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=30) == -signal.SIGKILL
    assert not (tmp_path / "out" / "reports.jsonl").exists()  # written once, at the end, atomically
    done = cached_keys(tmp_path / "cache")
    assert 0 < len(done) < len(wanted) and done <= wanted

    before = len(chats(server))
    rerun = brief(server, tmp_path)
    assert rerun.wait(timeout=120) == 0, (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    assert len(chats(server)) - before == len(wanted - done)
    lines = (tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert [ArticleReport.model_validate_json(line).article.id for line in lines] == [p.stem for p in paths]
    assert cached_keys(tmp_path / "cache") == wanted
    assert len(cached_keys(tmp_path / "cache", "report")) == len(paths)
