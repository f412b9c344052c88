"""Faults end to end: the real pipeline, OpenAIBackend and cache against a scripted loopback server.

The article makes five calls (three, and two re-asks); with concurrency 1 they go out in order,
so a scripted fault hits the first call (participants-s2-meeting). Backend-level details (each
Retry-After form, each status) are in test_backend_openai.py; here each fault is followed to the
article's result.
"""

from __future__ import annotations

import email.utils
import time

import pytest

from libyapk_summ import (
    ArticleReport,
    PermanentBackendError,
    ResponseValidationError,
    Settings,
    TransportError,
)
from libyapk_summ.backends import CachedBackend, OpenAIBackend, RetryPolicy
from libyapk_summ.extract._ground import verify
from libyapk_summ.extract._questions import ParticipantsAnswer
from libyapk_summ.pipeline._pipeline import Pipeline
from libyapk_summ.testing import FaultMix, Reply, Request, chat_completion, fault_reply, schema_filler

from .faultkit import FAST, FIRST_CALL, KEY, SHORT, article, chats, live_pipeline, run_batch

# the calls ARTICLE makes: participants and two translations, and both translations asked again
# (the fake server's filler English names neither Tripoli nor Pakistan: the places check fails it)
CALLS = 5


def summarize(server, tmp_path, *faults, **options):
    server.script(*faults)
    (result,) = run_batch(live_pipeline(server, tmp_path / "cache", **options), [article()])
    return result


def _date_now() -> str:
    return email.utils.formatdate(time.time(), usegmt=True)


@pytest.mark.parametrize(
    "fault",
    [
        Reply(429, headers={"Retry-After": "0"}),
        Reply(429, headers={"retry-after-ms": "50"}),
        Reply(429, headers={"Retry-After": _date_now()}),
        Reply(500),
        Reply(502),
        Reply(503),
        Reply(delay=1.5),
        Reply(drop_connection=True),
        lambda r: fault_reply("not_json", r),
        lambda r: fault_reply("schema_invalid", r),
    ],
    ids=[
        "429-seconds",
        "429-ms",
        "429-http-date",
        "500",
        "502",
        "503",
        "hang-past-timeout",
        "reset",
        "not-json",
        "schema-invalid",
    ],
)
def test_transient_fault_is_retried_and_the_article_succeeds(server, tmp_path, fault):
    result = summarize(server, tmp_path, fault)
    assert isinstance(result, ArticleReport)
    assert len(chats(server)) == CALLS + 1
    assert result.usage.attempts == CALLS + 1


@pytest.mark.parametrize(
    ("fault", "error", "cause", "requests"),
    [
        ("rate_limit_absurd", TransportError, "retry after 86400 s, over the 60 s cap", 1),
        ("bad_request", PermanentBackendError, "HTTP 400", 1),
        ("truncated", ResponseValidationError, "cut off at max_tokens=200", 1),
        ("refusal", ResponseValidationError, "the model refused: I can't help", 1),
        ("no_choices", ResponseValidationError, "no choices", 1),
        ("schema_invalid", ResponseValidationError, "did not fit the schema after 3 attempts", 3),
    ],
)
def test_permanent_fault_fails_fast_naming_article_call_and_cause(
    server, tmp_path, fault, error, cause, requests
):
    faults = [lambda r, f=fault: fault_reply(f, r)] * requests
    started = time.monotonic()
    result = summarize(server, tmp_path, *faults)
    assert isinstance(result, error)
    assert (result.article_id, result.call) == ("art-1", FIRST_CALL)
    assert str(result).startswith(f"[art-1/{FIRST_CALL}] ") and cause in str(result)
    assert result.attempts == requests
    assert all("participants" in str(r.json) for r in chats(server)[:requests])
    assert time.monotonic() - started < 5


def test_persistent_503_fails_after_the_transport_budget_naming_the_server(server, tmp_path):
    result = summarize(server, tmp_path, *[Reply(503)] * 3)
    assert isinstance(result, TransportError) and result.attempts == 3
    assert result.call == FIRST_CALL and server.base_url in str(result) and "HTTP" not in result.call


def _waiting_pipeline(server, cache, waits):
    """live_pipeline, with the waits between transport attempts recorded instead of taken."""

    async def sleep(seconds):
        waits.append(seconds)

    live = OpenAIBackend(server.base_url, KEY, retry=FAST, timeouts=SHORT, sleep=sleep)
    settings = Settings(mode="live", base_url=server.base_url, api_key=KEY, cache_dir=cache, concurrency=1)
    return Pipeline(settings, backend=CachedBackend(live, cache))


def test_retry_after_is_waited_for_then_the_article_succeeds(server, tmp_path):
    waits: list[float] = []
    server.script(Reply(429, headers={"Retry-After": "3"}), Reply(503, headers={"retry-after-ms": "1500"}))
    (result,) = run_batch(_waiting_pipeline(server, tmp_path / "cache", waits), [article()])
    assert isinstance(result, ArticleReport)
    assert waits == [3.0, 1.5] and len(chats(server)) == CALLS + 2


def test_bad_request_is_never_waited_for_or_retried(server, tmp_path):
    waits: list[float] = []
    server.script(lambda r: fault_reply("bad_request", r))
    (result,) = run_batch(_waiting_pipeline(server, tmp_path / "cache", waits), [article()])
    assert isinstance(result, PermanentBackendError) and result.attempts == 1
    # The article's other questions may still be asked after it failed (the pipeline does not
    # cancel them); the refused question itself was sent once and never waited for.
    assert waits == [] and len([r for r in chats(server) if "participants" in str(r.json)]) == 1


def test_hang_on_every_attempt_is_a_timeout_error(server, tmp_path):
    result = summarize(server, tmp_path, *[Reply(delay=1.5)] * 2, retry=RetryPolicy(attempts=2, backoff=0.01))
    assert isinstance(result, TransportError)
    assert "Timeout" in str(result) and result.call == FIRST_CALL


def test_invented_participant_is_dropped_and_every_quote_verifies(server, tmp_path):
    def invents(request):
        if "participants" not in str(request.json):
            return schema_filler(request)
        answer = ParticipantsAnswer(actors=["وزير الخارجية", "فلاديمير بوتين"], recipients=["عبد الله"])
        return Reply(body=chat_completion(answer.model_dump_json()))

    server.handler = invents
    result = summarize(server, tmp_path)
    names = [e.name_ar for ev in result.events for e in ev.actors + ev.recipients]
    assert len(result.events) == 1  # the meeting: with no event the checks below would pass on nothing
    # the text names the minister by office alone, and the word after it ("اجتماعا", a meeting) is
    # no name: it once came out as a participant "Ajtmaa"
    assert not any("اجتماعا" in n for n in names)
    assert not any("بوتين" in n or "عبد الله" in n for n in names)
    spans = [e for ev in result.events for e in ev.evidence] + [
        e for k in result.brief.key_points for e in k.evidence
    ]
    assert spans and all(verify(result.article.text, e) for e in spans)


def test_fault_mix_draws_each_fault_near_its_rate():
    mix = FaultMix({"rate_limit": 0.2, "server_error": 0.1, "refusal": 0.02}, seed=5)
    for i in range(2000):
        mix(Request("POST", "/v1/chat/completions", {}, {"model": "m"}, i))
    assert abs(mix.counts["rate_limit"] - 400) < 60 and abs(mix.counts["server_error"] - 200) < 45
    assert 20 < mix.counts["refusal"] < 65 and sum(mix.counts.values()) == 2000


def test_fault_mix_refuses_unknown_faults_and_rates_over_one():
    with pytest.raises(ValueError, match="unknown faults"):
        FaultMix({"gremlins": 0.1})
    with pytest.raises(ValueError, match="sum to at most 1"):
        FaultMix({"rate_limit": 0.7, "server_error": 0.4})
