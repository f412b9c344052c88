"""A batch goes on past a failed article, says why it failed, and a rerun does only what is missing."""

from __future__ import annotations

import json

import diskcache
import pytest

from libyapk_summ import ArticleReport, CacheError, PermanentBackendError, summarize_many
from libyapk_summ.backends import CachedBackend
from libyapk_summ.cli import main
from libyapk_summ.testing import FakeBackend, Reply, schema_filler

from .faultkit import ARTICLE, article, chats, expected_calls, live_pipeline, run_batch

MARK = "غدامس"  # in every call of the failing article, in no other
TEXTS = {
    "a": ARTICLE,
    "b": f"زيارة وزير الدفاع إلى {MARK} لبحث التعاون العسكري\n"
    f"زار وزير الدفاع مدينة {MARK} أمس لبحث التعاون العسكري مع المسؤولين.\n",
    "c": "لقاء رئيس الحكومة مع السفير التركي في بنغازي اليوم\n"
    "استقبل رئيس الحكومة السفير التركي في بنغازي لبحث العلاقات الثنائية.\n",
}


def refuses_b(request):
    return Reply(400) if MARK in json.dumps(request.json, ensure_ascii=False) else schema_filler(request)


def articles():
    return [article(text, id) for id, text in TEXTS.items()]


@pytest.fixture
def failed_once(server, tmp_path):
    """A first run in which every call of article b is refused (HTTP 400)."""
    server.handler = refuses_b
    results = run_batch(live_pipeline(server, tmp_path / "cache", concurrency=4), articles())
    server.handler = schema_filler
    return results


def test_failed_article_does_not_stop_the_batch_and_carries_its_cause(failed_once):
    a, b, c = failed_once
    assert isinstance(a, ArticleReport) and isinstance(c, ArticleReport)
    assert isinstance(b, PermanentBackendError)
    assert b.article_id == "b" and b.call and "HTTP 400" in str(b) and str(b).startswith("[b/")


def test_rerun_calls_only_for_the_failed_article(server, tmp_path, failed_once):
    before = len(chats(server))
    a, b, c = run_batch(live_pipeline(server, tmp_path / "cache", concurrency=4), articles())
    rerun = chats(server)[before:]
    assert isinstance(b, ArticleReport) and b.usage.calls == len(rerun) > 0
    assert all(MARK in json.dumps(r.json, ensure_ascii=False) for r in rerun)
    assert a.usage.calls == c.usage.calls == 0 and a.usage.cached_calls > 0


def test_third_run_makes_no_request_at_all(server, tmp_path, failed_once):
    run_batch(live_pipeline(server, tmp_path / "cache", concurrency=4), articles())
    before = len(chats(server))
    results = run_batch(live_pipeline(server, tmp_path / "cache", concurrency=4), articles())
    assert len(chats(server)) == before
    assert all(r.provenance.cached and r.usage.calls == 0 for r in results)


def test_first_run_makes_each_call_once(server, tmp_path):
    run_batch(live_pipeline(server, tmp_path / "cache", concurrency=4), articles())
    assert len(chats(server)) == len({r.key for r in expected_calls(articles())})


def _brief(server, tmp_path) -> int:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for id, text in TEXTS.items():
        (folder / f"{id}.txt").write_text(text, encoding="utf-8")
    args = ["brief", str(folder), "--mode", "live", "--base-url", server.base_url, "--dialect", "json_schema"]
    return main([*args, "--cache-dir", str(tmp_path / "cache"), "--out", str(tmp_path / "out"), "--quiet"])


def test_cli_writes_each_failure_with_its_cause_and_exits_non_zero(server, tmp_path):
    server.handler = refuses_b
    assert _brief(server, tmp_path) == 1
    lines = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    (failure,) = [json.loads(line) for line in lines]
    assert failure["path"].endswith("b.txt") and failure["error"] == "PermanentBackendError"
    assert failure["message"].startswith("[b/") and "HTTP 400" in failure["message"]
    reports = (tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert [ArticleReport.model_validate_json(r).article.id for r in reports] == ["a", "c"]


def test_cli_rerun_completes_the_batch_calling_only_for_what_failed(server, tmp_path):
    server.handler = refuses_b
    _brief(server, tmp_path)
    server.handler, before = schema_filler, len(chats(server))
    assert _brief(server, tmp_path) == 0
    assert all(MARK in json.dumps(r.json, ensure_ascii=False) for r in chats(server)[before:])
    assert not (tmp_path / "out" / "errors.jsonl").exists()
    assert len((tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_corrupt_cache_fails_each_article_saying_how_to_clear_it(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "cache.db").write_bytes(b"not an sqlite database" * 100)
    backend = CachedBackend(FakeBackend(), tmp_path / "cache")
    results = summarize_many(articles(), backend=backend, progress=False)
    assert all(isinstance(r, CacheError) and f"rm -r {tmp_path / 'cache'}" in str(r) for r in results)


def test_full_disk_degrades_to_no_caching_and_the_batch_completes(tmp_path, monkeypatch):
    def full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(diskcache.Cache, "set", full)
    monkeypatch.setattr(diskcache.Cache, "add", full)
    with pytest.warns(RuntimeWarning, match="response cache disabled") as warned:
        results = summarize_many(articles(), backend=CachedBackend(FakeBackend(), tmp_path), progress=False)
    assert all(isinstance(r, ArticleReport) for r in results) and len(warned) == 1
