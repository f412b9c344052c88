"""Whole reports cached beside their answers: reused only by the same article, model,
gazetteer and code; otherwise rebuilt from the cached answers without calling the model."""

from __future__ import annotations

import asyncio

import diskcache

from libyapk_summ import Settings
from libyapk_summ.article._load import load_article
from libyapk_summ.backends import CachedBackend
from libyapk_summ.names._names import Gazetteer
from libyapk_summ.pipeline import _report_cache as report_cache
from libyapk_summ.pipeline._pipeline import Pipeline
from libyapk_summ.testing import FakeBackend

from .conftest import SEEDS


def summarize(tmp_path, fake, article=SEEDS[1], gazetteer=None):
    async def go():
        pipeline = Pipeline(
            Settings(mode="live", use_cache=True, cache_dir=tmp_path),
            backend=CachedBackend(fake, tmp_path),
            gazetteer=gazetteer,
        )
        try:
            return await pipeline.summarize(load_article(article))
        finally:
            await pipeline.aclose()

    return asyncio.run(go())


def without_stamp(report):
    data = report.model_dump(mode="json")
    data["provenance"].pop("created_at")
    data["provenance"].pop("cached")
    data.pop("usage")  # calls made then, cached calls now
    return data


def test_a_rerun_reads_the_report_back_without_any_call(tmp_path, monkeypatch):
    fake = FakeBackend(prompt_tokens=7, completion_tokens=3)
    first = summarize(tmp_path, fake)
    calls = len(fake.requests)
    rebuilt = []
    monkeypatch.setattr(Pipeline, "_summarize", lambda *a: rebuilt.append(a) or asyncio.sleep(0))
    second = summarize(tmp_path, fake)
    assert calls > 0 and len(fake.requests) == calls and rebuilt == []
    assert not first.provenance.cached and second.provenance.cached
    assert without_stamp(second) == without_stamp(first)
    assert second.provenance.created_at == first.provenance.created_at  # when it was made
    assert second.usage.calls == second.usage.prompt_tokens == 0  # spent nothing this time
    assert second.usage.cached_calls == first.usage.calls + first.usage.cached_calls
    assert second.usage.saved_prompt_tokens == first.usage.prompt_tokens > 0


def test_other_code_rebuilds_the_report_from_the_cached_answers(tmp_path, monkeypatch):
    fake = FakeBackend()
    first = summarize(tmp_path, fake)
    calls = len(fake.requests)
    monkeypatch.setattr(report_cache, "code_fingerprint", lambda: "a-fixed-bug")
    second = summarize(tmp_path, fake)
    assert len(fake.requests) == calls  # every answer came from the response cache
    assert second.provenance.created_at >= first.provenance.created_at
    assert without_stamp(second) == without_stamp(first)
    with diskcache.Cache(str(tmp_path)) as cache:
        assert sum(1 for k in cache.iterkeys() if str(k).startswith("report:")) == 2


def built(monkeypatch):
    """The articles whose reports are made (not read back) from now on."""
    made, real = [], Pipeline._summarize

    async def counting(self, article):
        made.append(article.id)
        return await real(self, article)

    monkeypatch.setattr(Pipeline, "_summarize", counting)
    return made


def test_another_gazetteer_or_article_is_another_report(tmp_path, monkeypatch):
    fake = FakeBackend()
    made = built(monkeypatch)
    summarize(tmp_path, fake)
    summarize(tmp_path, fake)
    assert len(made) == 1
    other = Gazetteer({"entries": [], "titles": [], "generic": []})
    assert other.fingerprint != Gazetteer.default().fingerprint
    summarize(tmp_path, fake, gazetteer=other)
    summarize(tmp_path, fake, article=SEEDS[2])
    assert made == [SEEDS[1].stem, SEEDS[1].stem, SEEDS[2].stem]


def test_a_report_an_older_build_wrote_is_made_again(tmp_path, monkeypatch):
    fake = FakeBackend()
    summarize(tmp_path, fake)
    with diskcache.Cache(str(tmp_path)) as cache:
        (key,) = [k for k in cache.iterkeys() if str(k).startswith("report:")]
        cache.set(key, '{"v": 1, "report": "{\\"not\\": \\"a report\\"}"}')
    made = built(monkeypatch)
    again = summarize(tmp_path, fake)
    assert made == [SEEDS[1].stem] and again.events


def test_code_fingerprint_changes_with_a_prompt(tmp_path, monkeypatch):
    from libyapk_summ.extract import _prompts

    for template in _prompts.prompts_dir().glob("*.txt"):
        (tmp_path / template.name).write_bytes(template.read_bytes())
    monkeypatch.setattr(_prompts, "prompts_dir", lambda: tmp_path)
    fingerprint = report_cache.code_fingerprint.__wrapped__
    before = fingerprint()
    assert fingerprint() == before
    (tmp_path / "translate.txt").write_text("Translate: $sentence $glossary", encoding="utf-8")
    assert fingerprint() != before
