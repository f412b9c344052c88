"""CachedBackend: JSON string values keyed on the whole request; corrupt entries and disks."""

from __future__ import annotations

import json

import diskcache
import pytest
from pydantic import BaseModel

from libyapk_summ._errors import CacheError
from libyapk_summ.backends import CachedBackend, OpenAIBackend, Sampling
from libyapk_summ.testing import FakeBackend

from .calls import Answer, request, run


class OtherAnswer(BaseModel):
    english: str
    confidence: float = 1.0


def test_second_identical_request_comes_from_cache(tmp_path):
    inner = FakeBackend(prompt_tokens=9, completion_tokens=4)
    first, second = run(CachedBackend(inner, tmp_path), request(), request())
    assert first.source == "fake" and second.source == "cache"
    assert len(inner.requests) == 1
    assert second.value == first.value
    assert (second.prompt_tokens, second.completion_tokens, second.attempts) == (9, 4, 0)


def test_a_cached_answer_never_reaches_the_live_backend(tmp_path, monkeypatch):
    run(CachedBackend(FakeBackend(), tmp_path), request())
    live = OpenAIBackend("http://127.0.0.1:9/v1", "sk-unused", reasks=0)  # nothing listens there
    built = []  # _ensure builds the openai client and instructor's wrapper
    monkeypatch.setattr(live, "_ensure", lambda: built.append(1) or OpenAIBackend._ensure(live))
    (result,) = run(CachedBackend(live, tmp_path), request())
    assert result.source == "cache" and result.value == Answer(english="text")
    assert built == []


def test_cache_survives_reopening(tmp_path):
    run(CachedBackend(FakeBackend(), tmp_path), request())
    inner = FakeBackend()
    (result,) = run(CachedBackend(inner, tmp_path), request())
    assert result.source == "cache" and inner.requests == []


def test_stored_value_is_a_json_string(tmp_path):
    run(CachedBackend(FakeBackend(), tmp_path), request())
    with diskcache.Cache(str(tmp_path)) as cache:
        value = cache.get(request().key)
    assert isinstance(value, str)
    data = json.loads(value)
    assert json.loads(data["content"]) == {"english": "text"}
    assert data["recorded"]["model"] == "fake"


@pytest.mark.parametrize(
    "change",
    [
        {"prompt_hash": "p2"},
        {"response_model": OtherAnswer},
        {"model": "other-model"},
        {"messages": ({"role": "user", "content": "something else"},)},
        {"sampling": Sampling(temperature=0.7)},
    ],
    ids=["prompt_hash", "schema", "model", "messages", "sampling"],
)
def test_any_change_in_the_request_is_a_miss(tmp_path, change):
    inner = FakeBackend()
    _, second = run(CachedBackend(inner, tmp_path), request(), request(**change))
    assert second.source == "fake"
    assert len(inner.requests) == 2


def test_article_and_call_are_not_part_of_the_key(tmp_path):
    inner = FakeBackend()
    _, second = run(CachedBackend(inner, tmp_path), request(), request(article_id="other", call="brief"))
    assert second.source == "cache"


@pytest.mark.parametrize("junk", ["not json", json.dumps({"v": 999, "content": "{}"}), 42])
def test_foreign_value_is_ignored_and_overwritten(tmp_path, junk):
    with diskcache.Cache(str(tmp_path)) as cache:
        cache.set(request().key, junk)
    inner = FakeBackend()
    (result,) = run(CachedBackend(inner, tmp_path), request())
    assert result.source == "fake" and len(inner.requests) == 1
    with diskcache.Cache(str(tmp_path)) as cache:
        assert json.loads(cache.get(request().key))["v"] == 1


def test_unwritable_cache_warns_and_still_answers(tmp_path, monkeypatch):
    def full_disk(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(diskcache.Cache, "set", full_disk)
    inner = FakeBackend()
    with pytest.warns(RuntimeWarning, match="response cache disabled"):
        first, second = run(CachedBackend(inner, tmp_path), request(), request(prompt_hash="p2"))
    assert first.value.english == "text" and second.source == "fake"


def test_cache_is_disabled_after_the_first_write_failure(tmp_path, monkeypatch):
    tries = []

    def full_disk(self, *args, **kwargs):
        tries.append(args)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(diskcache.Cache, "set", full_disk)
    with pytest.warns(RuntimeWarning) as warned:
        run(CachedBackend(FakeBackend(), tmp_path), request(), request(prompt_hash="p2"))
    assert len(tries) == 1 and len(warned) == 1


def test_corrupt_database_raises_cache_error_saying_how_to_clear_it(tmp_path):
    (tmp_path / "cache.db").write_bytes(b"this is not an sqlite database" * 100)
    with pytest.raises(CacheError, match=r"rm -r") as info:
        run(CachedBackend(FakeBackend(), tmp_path), request())
    assert str(tmp_path) in str(info.value)


def test_inner_errors_are_not_cached(tmp_path):
    inner = FakeBackend()
    inner.enqueue(RuntimeError("boom"))
    backend = CachedBackend(inner, tmp_path)
    with pytest.raises(RuntimeError):
        run(backend, request())
    (result,) = run(CachedBackend(inner, tmp_path), request())
    assert result.source == "fake"


def test_default_cache_dir_follows_libyapk_summ_home(tmp_path, monkeypatch):
    monkeypatch.setenv("LIBYAPK_SUMM_HOME", str(tmp_path))
    assert CachedBackend(FakeBackend()).directory == tmp_path / "responses"
