"""Helpers for the fault, batch, cache and crash tests: a live pipeline on a loopback server."""

from __future__ import annotations

from pathlib import Path

from libyapk_summ import Article, Settings, load_article
from libyapk_summ.backends import CachedBackend, OpenAIBackend, RetryPolicy, Timeouts
from libyapk_summ.pipeline._api import run_sync
from libyapk_summ.pipeline._pipeline import Pipeline
from libyapk_summ.testing import FakeBackend, FakeOpenAIServer, Request, instance_for_schema

KEY = "sk-test-SECRET-7f3a9c"
FAST = RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.05)
SHORT = Timeouts(connect=1, total=0.5)

# One event (a meeting in sentence 2): calls participants-s2-meeting, translate-headline, translate-s2
# (and, with a filler English that names no place, both translations again).
ARTICLE = (
    "زيارة رسمية لوزير الخارجية إلى طرابلس لبحث التعاون\n"
    "عقد وزير الخارجية اجتماعا مع نظيره الباكستاني في طرابلس لبحث التعاون.\n"
)
FIRST_CALL = "participants-s2-meeting"


def article(text: str = ARTICLE, id: str = "art-1") -> Article:
    return load_article(text=text, id=id)


def live_pipeline(
    server: FakeOpenAIServer,
    cache_dir: Path,
    *,
    concurrency: int = 1,
    retry: RetryPolicy = FAST,
    timeouts: Timeouts = SHORT,
    reasks: int = 2,
) -> Pipeline:
    """The real pipeline over a cached OpenAIBackend; concurrency 1 makes calls go out in order."""
    live = OpenAIBackend(server.base_url, KEY, retry=retry, timeouts=timeouts, reasks=reasks)
    settings = Settings(
        mode="live", base_url=server.base_url, api_key=KEY, cache_dir=cache_dir, concurrency=concurrency
    )
    return Pipeline(settings, backend=CachedBackend(live, cache_dir))


def run_batch(pipeline: Pipeline, items: list) -> list:
    """summarize_many, then close the backend; results in input order, failures in place."""

    async def go() -> list:
        try:
            return await pipeline.summarize_many(items, progress=False)
        finally:
            await pipeline.aclose()

    return run_sync(go)


def chats(server: FakeOpenAIServer) -> list[Request]:
    return [r for r in server.requests if r.path.endswith("/chat/completions")]


def answer_like_the_server(request):  # the same valid answers as the server's schema_filler
    return instance_for_schema(request.response_model.model_json_schema())


def expected_calls(items: list) -> list:
    """The calls a batch makes when every answer is the server's default one (a dry run)."""
    fake = FakeBackend(answer_like_the_server)
    run_batch(Pipeline(Settings(), backend=fake), items)
    return fake.requests
