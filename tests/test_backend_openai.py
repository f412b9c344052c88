"""OpenAIBackend over a real loopback socket: dialects, transport retries, re-asks, errors."""

from __future__ import annotations

import asyncio
import email.utils
import json
import socket
import time
import urllib.request

import pytest

from libyapk_summ._errors import (
    ConfigurationError,
    PermanentBackendError,
    ResponseValidationError,
    TransportError,
)
from libyapk_summ.backends import OpenAIBackend, RetryPolicy, Timeouts, detect_dialect
from libyapk_summ.backends._retry import retry_after_seconds
from libyapk_summ.testing import FakeOpenAIServer, Reply, chat_completion

from .calls import Answer, request

KEY = "sk-test-SECRET-123"
FAST = RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.05)
SHORT = Timeouts(connect=1, total=0.3)


class Waits(list):
    """An injected sleep: records each wait between transport attempts instead of taking it."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


def ok(text: str = "hello", **kwargs) -> Reply:
    return Reply(body=chat_completion(json.dumps({"english": text}), **kwargs))


def call(server: FakeOpenAIServer, *replies: Reply, **kwargs):
    """Scripts the replies, runs one call; returns the CallResult or the exception raised."""
    server.script(*replies)
    kwargs.setdefault("retry", FAST)

    async def go():
        backend = OpenAIBackend(server.base_url, KEY, **kwargs)
        try:
            return await asyncio.wait_for(backend.complete(request()), timeout=5)  # a hang is a failure
        except Exception as exc:
            return exc
        finally:
            await backend.aclose()

    return asyncio.run(go())


# --- answers ---------------------------------------------------------------------------------


def test_valid_answer_parses_as_live(server):
    result = call(server, ok("peace talks"))
    assert isinstance(result.value, Answer)
    assert result.value.english == "peace talks"
    assert result.content == '{"english": "peace talks"}'
    assert result.source == "live"
    assert result.attempts == 1


def test_usage_is_summed_over_reasks(server):
    bad = Reply(body=chat_completion("not json", prompt_tokens=4, completion_tokens=1))
    result = call(server, bad, ok(prompt_tokens=10, completion_tokens=5))
    assert (result.prompt_tokens, result.completion_tokens) == (14, 6)


def test_failed_transport_attempt_adds_no_usage(server):
    result = call(server, Reply(503), ok(prompt_tokens=7, completion_tokens=3))
    assert result.attempts == 2
    assert (result.prompt_tokens, result.completion_tokens) == (7, 3)


def test_request_carries_sampling_and_model(server):
    call(server, ok())
    body = server.requests[0].json
    assert body["model"] == "m"
    assert (body["temperature"], body["max_tokens"], body["seed"]) == (0.0, 400, 0)


def test_json_schema_dialect_sends_structured_output_format(server):
    call(server, ok(), dialect="json_schema")
    fmt = server.requests[0].json["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["schema"] == Answer.model_json_schema()


def test_llamacpp_dialect_sends_json_object_with_schema(server):
    call(server, ok(), dialect="llamacpp")
    assert server.requests[0].json["response_format"] == {
        "type": "json_object",
        "schema": Answer.model_json_schema(),
    }


def test_api_key_is_sent_but_never_in_repr(server):
    backend = OpenAIBackend(server.base_url, KEY)
    assert "SECRET" not in repr(backend)
    call(server, ok())
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"


# --- transport retries -----------------------------------------------------------------------


def test_openai_client_retries_are_off(server):
    result = call(server, Reply(500), ok())
    assert len(server.requests) == 2 == result.attempts
    assert {r.headers["x-stainless-retry-count"] for r in server.requests} == {"0"}


def test_429_with_retry_after_zero_is_retried(server):
    result = call(server, Reply(429, headers={"Retry-After": "0"}), ok())
    assert isinstance(result.value, Answer)
    assert len(server.requests) == 2 == result.attempts


def test_retry_after_ms_is_honoured(server):
    waits = Waits()
    result = call(server, Reply(429, headers={"retry-after-ms": "300"}), ok(), sleep=waits)
    assert waits == [0.3]
    assert result.attempts == 2


def test_retry_after_seconds_is_waited_for_exactly(server):
    waits = Waits()
    result = call(server, Reply(503, headers={"Retry-After": "7"}), ok(), sleep=waits)
    assert waits == [7.0]
    assert result.value.english == "hello" and len(server.requests) == 2


def test_retry_after_http_date_is_waited_for(server):
    waits = Waits()
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    call(server, Reply(429, headers={"Retry-After": when}), ok(), sleep=waits)
    assert len(waits) == 1 and 28 <= waits[0] <= 30


def test_503_then_success_waits_one_jittered_backoff(server):
    waits = Waits()
    result = call(server, Reply(503), ok(), retry=RetryPolicy(attempts=3, backoff=2.0), sleep=waits)
    assert result.value.english == "hello" and result.attempts == 2
    assert len(waits) == 1 and 1.0 <= waits[0] <= 2.0  # half fixed, half drawn at random


def test_backoff_doubles_up_to_its_cap(server):
    waits = Waits()
    policy = RetryPolicy(attempts=6, backoff=1.0, max_backoff=4.0)
    call(server, *[Reply(503)] * 5, ok(), retry=policy, sleep=waits)
    bounds = [(0.5, 1.0), (1.0, 2.0), (2.0, 4.0), (2.0, 4.0), (2.0, 4.0)]
    assert len(waits) == 5 and all(lo <= w <= hi for w, (lo, hi) in zip(waits, bounds, strict=True))


def test_attempt_cap_stops_retrying_with_a_transport_error(server):
    waits = Waits()
    err = call(server, *[Reply(503)] * 9, retry=RetryPolicy(attempts=4, backoff=0.5), sleep=waits)
    assert isinstance(err, TransportError) and err.attempts == 4
    assert len(server.requests) == 4 and len(waits) == 3
    assert "4 attempts" in str(err) and "503" in str(err)


def test_transport_budget_is_per_request_apart_from_reasks(server):
    # 3 transport attempts for each ask, 1 re-ask: two 503s before each answer fit both budgets.
    bad = Reply(body=chat_completion("not json"))
    replies = [Reply(503), Reply(503), bad, Reply(503), Reply(503), ok("second ask")]
    result = call(server, *replies, retry=RetryPolicy(attempts=3), reasks=1, sleep=Waits())
    assert result.value.english == "second ask"
    assert len(server.requests) == 6 == result.attempts


@pytest.mark.parametrize(
    "policy",
    [{"attempts": 0}, {"attempts": 2.5}, {"backoff": -1}, {"max_retry_after": float("nan")}],
    ids=["no-attempts", "fractional", "negative-backoff", "nan-cap"],
)
def test_retry_policy_refuses_nonsense(policy):
    with pytest.raises(ConfigurationError, match="RetryPolicy"):
        RetryPolicy(**policy)


def test_retry_after_ms_wins_over_retry_after():
    assert retry_after_seconds({"retry-after-ms": "250", "retry-after": "9"}) == 0.25


def test_retry_after_http_date_is_parsed():
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= retry_after_seconds({"retry-after": when}) <= 30


def test_retry_after_in_the_past_or_garbage():
    assert retry_after_seconds({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_retry_after_over_the_cap_fails_fast(server):
    waits = Waits()
    err = call(server, Reply(429, headers={"Retry-After": "86400"}), ok(), sleep=waits)
    assert isinstance(err, TransportError)
    assert "86400" in str(err) and "cap" in str(err)
    assert len(server.requests) == 1 and waits == []


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 599])
def test_transient_status_is_retried(server, status):
    result = call(server, Reply(status), ok())
    assert result.value.english == "hello"
    assert len(server.requests) == 2


def test_persistent_503_gives_transport_error_after_all_attempts(server):
    err = call(server, *[Reply(503)] * 5)
    assert isinstance(err, TransportError)
    assert len(server.requests) == 3 == err.attempts
    assert server.base_url in str(err)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_permanent_4xx_fails_after_one_request(server, status):
    waits = Waits()
    err = call(server, Reply(status), ok(), sleep=waits)
    assert isinstance(err, PermanentBackendError)
    assert f"HTTP {status}" in str(err)
    assert len(server.requests) == 1 and waits == []


def test_400_is_not_retried_even_with_retry_after(server):
    err = call(server, Reply(400, headers={"Retry-After": "0"}), ok(), sleep=Waits())
    assert isinstance(err, PermanentBackendError) and err.attempts == 1
    assert len(server.requests) == 1


def test_dropped_connection_is_retried(server):
    result = call(server, Reply(drop_connection=True), ok())
    assert result.value.english == "hello"
    assert len(server.requests) == 2


def test_hang_past_timeout_is_retried_then_fails(server):
    start = time.monotonic()
    hang = Reply(delay=2)
    err = call(server, hang, hang, retry=RetryPolicy(attempts=2, backoff=0.01), timeouts=SHORT)
    assert isinstance(err, TransportError)
    assert "Timeout" in str(err)
    assert len(server.requests) == 2
    assert time.monotonic() - start < 1.9


def test_hang_then_answer_succeeds(server):
    result = call(server, Reply(delay=2), ok(), timeouts=SHORT)
    assert result.value.english == "hello"


# --- re-asks and bad answers -----------------------------------------------------------------


def test_invalid_json_is_reasked_with_the_error(server):
    result = call(server, Reply(body=chat_completion("not json at all")), ok("second try"))
    assert result.value.english == "second try"
    assert len(server.requests) == 2
    reask = json.dumps(server.requests[1].json["messages"])
    assert "not json at all" in reask
    assert "json_invalid" in reask or "Invalid JSON" in reask


def test_schema_invalid_every_time_gives_validation_error(server):
    err = call(server, *[Reply(body=chat_completion('{"french": "bonjour"}'))] * 5, reasks=2)
    assert isinstance(err, ResponseValidationError)
    assert err.attempts == 3 == len(server.requests)
    assert "3 attempts" in str(err) and "art-7" in str(err) and "translate" in str(err)
    assert err.last_response == '{"french": "bonjour"}'


def test_cut_off_answer_mentions_max_tokens(server):
    err = call(server, Reply(body=chat_completion('{"english": "hel', finish_reason="length")))
    assert isinstance(err, ResponseValidationError)
    assert "max_tokens=400" in str(err)


def test_refusal_is_a_validation_error(server):
    err = call(server, Reply(body=chat_completion(None, refusal="I cannot help")))
    assert isinstance(err, ResponseValidationError)
    assert "I cannot help" in str(err)
    assert len(server.requests) == 1


def test_no_choices_is_a_validation_error(server):
    err = call(server, Reply(body={**chat_completion("x"), "choices": []}))
    assert isinstance(err, ResponseValidationError)
    assert "no choices" in str(err)


@pytest.mark.parametrize(
    "reply",
    [
        Reply(400),
        Reply(503),
        Reply(body=chat_completion('{"x": 1}')),
        Reply(body=chat_completion(None, refusal="no")),
    ],
    ids=["permanent", "transport", "validation", "refusal"],
)
def test_errors_carry_article_and_call(server, reply):
    err = call(server, *[reply] * 5, retry=RetryPolicy(attempts=1))
    assert (err.article_id, err.call) == ("art-7", "translate")
    assert str(err).startswith("[art-7/translate] ")


# --- dialect detection -----------------------------------------------------------------------


def test_detect_dialect_never_calls_a_remote_server(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("detect_dialect made a network call")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    assert detect_dialect("https://api.openai.com/v1") == "json_schema"
    assert detect_dialect(None) == "json_schema"


def test_detect_dialect_on_a_non_llamacpp_loopback_server(server):
    assert detect_dialect(server.base_url) == "json_schema"
    assert server.requests[-1].path == "/v1/models"


def test_detect_dialect_when_nothing_listens():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert detect_dialect(f"http://127.0.0.1:{port}/v1") == "json_schema"


def test_detect_dialect_recognises_llamacpp(monkeypatch):
    # FakeOpenAIServer hard-codes owned_by "fake", so a llama.cpp /v1/models is faked at urlopen.
    class Response:
        def __init__(self, url, timeout):
            assert url == "http://127.0.0.1:8080/v1/models"

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def read(self, *args):
            return json.dumps({"object": "list", "data": [{"id": "qwen", "owned_by": "llamacpp"}]}).encode()

    monkeypatch.setattr(urllib.request, "urlopen", Response)
    assert detect_dialect("http://127.0.0.1:8080/v1/") == "llamacpp"


def test_live_answer_is_the_callers_own_class(server):
    result = call(server, ok("hello"))
    assert type(result.value) is Answer and result.value == Answer(english="hello")


def test_a_call_cut_off_by_aclose_fails_at_once_and_is_not_retried(server):
    server.script(Reply(delay=1.0), ok())
    waits = Waits()

    async def go():
        backend = OpenAIBackend(server.base_url, KEY, retry=FAST, sleep=waits)
        task = asyncio.create_task(backend.complete(request()))
        for _ in range(200):  # until the request is on the wire
            await asyncio.sleep(0.01)
            if server.requests:
                break
        await backend.aclose()
        try:
            return await asyncio.wait_for(task, timeout=5)
        except Exception as exc:
            return exc

    err = asyncio.run(go())
    assert isinstance(err, TransportError) and "closed (aclose)" in str(err)
    assert waits == [] and len(server.requests) == 1
