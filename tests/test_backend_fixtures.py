"""Recorded responses: what a fixture file holds (and never holds), replay, misses, pruning."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from libyapk_summ._errors import ConfigurationError, FixtureMissingError
from libyapk_summ._settings import Settings
from libyapk_summ.backends import (
    CachedBackend,
    CallRequest,
    FixtureStore,
    OpenAIBackend,
    RecordingBackend,
    ReplayBackend,
    RetryPolicy,
    make_backend,
)
from libyapk_summ.backends._fixtures import safe_name
from libyapk_summ.testing import FakeBackend

from . import calls
from .calls import Answer, run

KEY = "sk-test-SECRET-123"


def request(**changes) -> CallRequest:
    messages = ({"role": "system", "content": "be brief"}, {"role": "user", "content": "ترجم"})
    return calls.request(**{"call": "translate-s1", "messages": messages, **changes})


class LiveFake(FakeBackend):
    """A FakeBackend whose answers look live, so RecordingBackend writes them."""

    async def complete(self, request):
        result = await super().complete(request)
        result.source = "live"
        result.recorded = {"model": "fake-model", "server": "http://127.0.0.1:1/v1"}
        return result


def record(root: Path, *requests, answer: str = "hello") -> RecordingBackend:
    backend = RecordingBackend(
        LiveFake(lambda r: {"english": answer}, prompt_tokens=11, completion_tokens=6),
        FixtureStore(root),
        "v9",
    )
    run(backend, *requests)
    return backend


def only_file(root: Path) -> Path:
    (path,) = root.rglob("*.json")
    return path


# --- recording -------------------------------------------------------------------------------


def test_recording_writes_one_file_per_call_under_the_article(tmp_path):
    record(tmp_path, request(), request(call="brief"), request(article_id="art-8"))
    assert len(list((tmp_path / "art-7").glob("*.json"))) == 2
    assert len(list((tmp_path / "art-8").glob("*.json"))) == 1


def test_fixture_file_is_pretty_json_with_request_response_usage(tmp_path):
    record(tmp_path, request())
    text = only_file(tmp_path).read_text(encoding="utf-8")
    data = json.loads(text)
    assert text.startswith('{\n  "format": 1,') and "ترجم" in text
    assert data["key"] == request().key
    assert data["request"]["messages"] == list(request().messages)
    assert data["response"]["content"] == {"english": "hello"}
    assert data["usage"]["prompt_tokens"] == 11 and data["usage"]["completion_tokens"] == 6


def test_fixture_file_carries_provenance(tmp_path):
    record(tmp_path, request())
    prov = json.loads(only_file(tmp_path).read_text(encoding="utf-8"))["provenance"]
    assert prov["model"] == "fake-model"
    assert prov["library"].startswith("libyapk_summ ")
    assert prov["prompt_version"] == "v9"


def test_fake_answers_are_never_recorded(tmp_path):
    run(RecordingBackend(FakeBackend(), FixtureStore(tmp_path), "v9"), request())
    assert list(tmp_path.rglob("*")) == []


def test_fixture_from_fake_backend_holds_no_credentials(tmp_path):
    record(tmp_path, request())
    text = only_file(tmp_path).read_text(encoding="utf-8").lower()
    for word in ("api_key", "authorization", "bearer", "sk-"):
        assert word not in text


def test_fixture_from_live_server_holds_no_secret(tmp_path, server):
    live = OpenAIBackend(server.base_url, KEY, retry=RetryPolicy(attempts=2, backoff=0.01))
    results = run(RecordingBackend(live, FixtureStore(tmp_path), "v9"), request(), request(call="brief"))
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"  # it did travel
    files = list(tmp_path.rglob("*"))
    assert len([f for f in files if f.is_file()]) == 2 == len(results)
    for f in files:
        if f.is_file():
            text = f.read_text(encoding="utf-8")
            assert "SECRET" not in text and "bearer" not in text.lower()


def test_recorded_live_answer_replays_identically(tmp_path, server):
    live = OpenAIBackend(server.base_url, KEY, retry=RetryPolicy(attempts=2, backoff=0.01))
    (recorded,) = run(RecordingBackend(live, FixtureStore(tmp_path), "v9"), request())
    (replayed,) = run(ReplayBackend(FixtureStore(tmp_path)), request())
    assert replayed.content == json.dumps(json.loads(recorded.content), ensure_ascii=False)
    assert replayed.value.model_dump() == recorded.value.model_dump()
    assert replayed.recorded["server"] == server.base_url


# --- replay ----------------------------------------------------------------------------------


def test_replay_returns_the_recorded_answer_and_usage(tmp_path):
    record(tmp_path, request(), answer="peace talks")
    (result,) = run(ReplayBackend(FixtureStore(tmp_path)), request())
    assert result.value == Answer(english="peace talks")
    assert result.source == "replay"
    assert (result.prompt_tokens, result.completion_tokens, result.attempts) == (11, 6, 0)
    assert result.recorded["prompt_version"] == "v9"


def test_replay_revalidates_the_stored_answer(tmp_path):
    record(tmp_path, request())
    path = only_file(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["response"]["content"] = {"french": "bonjour"}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError):
        run(ReplayBackend(FixtureStore(tmp_path)), request())


def test_replay_ignores_a_file_whose_key_does_not_match(tmp_path):
    record(tmp_path, request())
    path = only_file(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["key"] = "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FixtureMissingError):
        run(ReplayBackend(FixtureStore(tmp_path)), request())


def test_replay_miss_names_article_call_and_record_command(tmp_path):
    with pytest.raises(FixtureMissingError) as info:
        run(ReplayBackend(FixtureStore(tmp_path)), request())
    err = info.value
    assert (err.article_id, err.call) == ("art-7", "translate-s1")
    assert "art-7/translate-s1" in str(err)
    assert "libyapk-summ record" in str(err)


def test_replay_miss_after_a_prompt_change(tmp_path):
    record(tmp_path, request())
    with pytest.raises(FixtureMissingError):
        run(ReplayBackend(FixtureStore(tmp_path)), request(prompt_hash="p2"))


def test_replay_miss_goes_to_the_fallback(tmp_path):
    record(tmp_path, request(), answer="recorded")
    fallback = FakeBackend(lambda r: {"english": "from fallback"})
    hit, miss = run(ReplayBackend(FixtureStore(tmp_path), fallback), request(), request(call="brief"))
    assert (hit.source, hit.value.english) == ("replay", "recorded")
    assert (miss.source, miss.value.english) == ("fake", "from fallback")
    assert len(fallback.requests) == 1


# --- paths and pruning -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../etc/passwd", "..", "/abs/path", "a\\..\\..\\b", ".hidden", ""])
def test_article_ids_cannot_escape_the_root(tmp_path, name):
    path = FixtureStore(tmp_path).path_for(request(article_id=name, call=name))
    assert path.resolve().is_relative_to(tmp_path.resolve())
    assert path.parent.parent == tmp_path


def test_safe_name_keeps_ordinary_ids_and_bounds_length():
    assert safe_name("001_9ec3d6118b2bcaaa") == "001_9ec3d6118b2bcaaa"
    assert "/" not in safe_name("../../etc/passwd") and ".." not in safe_name("../../etc/passwd")
    assert len(safe_name("x" * 500)) <= 80


def test_ids_that_fold_alike_get_different_folders():
    assert len({safe_name("a/b"), safe_name("a?b"), safe_name("a_b")}) == 3
    assert safe_name("x" * 100 + "1") != safe_name("x" * 100 + "2")


def test_prune_removes_stale_files_of_that_article_only(tmp_path):
    record(tmp_path, request(), request(call="old-call"), request(article_id="art-8", call="old-call"))
    rerun = record(tmp_path, request())
    removed = rerun.prune_stale()
    assert [p.name.split(".")[0] for p in removed] == ["old-call"]
    assert [p.name.split(".")[0] for p in (tmp_path / "art-7").glob("*.json")] == ["translate-s1"]
    assert len(list((tmp_path / "art-8").glob("*.json"))) == 1


def test_recording_missing_only_asks_just_the_calls_never_recorded(tmp_path):
    record(tmp_path, request(), answer="first")
    kept = only_file(tmp_path).read_bytes()
    asked = []
    inner = LiveFake(lambda r: asked.append(r.call) or {"english": "second"})
    backend = RecordingBackend(inner, FixtureStore(tmp_path), "v9", missing_only=True)
    old, new = run(backend, request(), request(call="translate-s2"))
    assert asked == ["translate-s2"]  # the recorded call is not asked again
    assert (old.source, old.value.english, new.value.english) == ("replay", "first", "second")
    files = sorted(p.name.split(".")[0] for p in tmp_path.rglob("*.json"))
    assert files == ["translate-s1", "translate-s2"]
    assert (tmp_path / "art-7").glob("translate-s1.*").__next__().read_bytes() == kept  # untouched
    assert backend.prune_stale() == []  # a replayed fixture is one this run used, not stale


# --- make_backend ----------------------------------------------------------------------------


def settings(tmp_path: Path, **kwargs) -> Settings:
    return Settings(fixtures_dir=tmp_path / "fx", cache_dir=tmp_path / "cache", **kwargs)


def close(backend) -> None:
    asyncio.run(backend.aclose())


def test_make_backend_replay_mode(tmp_path):
    backend = make_backend(settings(tmp_path, mode="replay"), "v9")
    assert isinstance(backend, ReplayBackend) and backend.fallback is None
    assert backend.store.root == tmp_path / "fx"


def test_make_backend_auto_without_a_backend_replays_only(tmp_path):
    backend = make_backend(settings(tmp_path, mode="auto"), "v9")
    assert isinstance(backend, ReplayBackend) and backend.fallback is None
    with pytest.raises(FixtureMissingError, match="--base-url"):
        run(backend, request())


def test_make_backend_auto_with_base_url_falls_back_to_cached_live(tmp_path):
    backend = make_backend(settings(tmp_path, mode="auto", base_url="https://llm.example/v1"), "v9")
    assert isinstance(backend, ReplayBackend)
    assert isinstance(backend.fallback, CachedBackend)
    assert isinstance(backend.fallback.inner, OpenAIBackend)
    assert backend.fallback.directory == tmp_path / "cache"
    close(backend)


def test_make_backend_live_without_cache(tmp_path):
    s = settings(tmp_path, mode="live", base_url="https://llm.example/v1", use_cache=False, retries=2)
    backend = make_backend(s, "v9")
    assert isinstance(backend, OpenAIBackend)
    assert backend.dialect == "json_schema" and backend.retry.attempts == 2
    close(backend)


def test_make_backend_record_mode_wraps_the_cached_live_backend(tmp_path):
    backend = make_backend(settings(tmp_path, mode="record", base_url="https://llm.example/v1"), "v9")
    assert isinstance(backend, RecordingBackend) and isinstance(backend.inner, CachedBackend)
    assert backend.prompt_version == "v9"
    close(backend)


def test_live_mode_without_a_backend_is_a_configuration_error(monkeypatch):
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "LIBYAPK_SUMM_MODE"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(ConfigurationError, match="--base-url"):
        Settings.from_env(mode="live")


def test_settings_repr_hides_the_api_key():
    assert "SECRET" not in repr(Settings(api_key=KEY))
