"""Figure 2: the library's own CPU time per LLM call, the wait for the model excluded.

A batch of distinct synthetic articles (``corpus.py``) goes through the real pipeline,
``OpenAIBackend`` (openai + instructor, JSON schema mode) and a fresh response cache, against the
fake server running in another process with no latency, so this process's CPU time
(``time.process_time()``, all its threads) is what the library spends: prompt rendering, request
building, HTTP, JSON, validation, grounding, name and date resolution, checking, caching. Divided
by the calls the server counted.

    .venv/bin/python bench/overhead.py                   # 200 articles, concurrency 8, cache on
    .venv/bin/python bench/overhead.py --no-cache        # without the response cache
    .venv/bin/python bench/overhead.py --profile         # and where the time goes, by package
    .venv/bin/python bench/overhead.py --profile --top 10   # and the functions with most own time
    .venv/bin/python bench/overhead.py --floor           # and the pipeline alone, with no transport

Prints the calls, CPU seconds, CPU ms per call (goal: under 2 ms) and the wall time. ``--floor``
also runs the same batch against an in-process backend that answers what the server would (no
HTTP, no openai SDK, no instructor, no cache) and prints that CPU per call: the pipeline's own
work, which no backend can take below.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import json
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from corpus import unique_articles
from fake_server import ServerProcess

from libyapk_summ import Settings
from libyapk_summ.backends import CallRequest
from libyapk_summ.backends._base import schema_of
from libyapk_summ.pipeline._pipeline import Pipeline
from libyapk_summ.testing import FakeBackend, instance_for_schema


async def run(base_url: str, batch: list, cache: Path | None, concurrency: int) -> None:  # type: ignore[type-arg]
    settings = Settings(
        mode="live",
        base_url=base_url,
        dialect="json_schema",
        cache_dir=cache,
        use_cache=cache is not None,
        concurrency=concurrency,
    )
    pipeline = Pipeline(settings)
    try:
        await pipeline.summarize_many(batch, progress=False)
    finally:
        await pipeline.aclose()


@functools.cache
def _answer_for(model: type) -> str:
    return json.dumps(instance_for_schema(schema_of(model)), ensure_ascii=False)  # type: ignore[arg-type]


def _like_the_server(request: CallRequest) -> str:
    """The answer fake_server.py gives (schema_filler), without the trip."""
    return _answer_for(request.response_model)


async def run_floor(batch: list, concurrency: int) -> int:  # type: ignore[type-arg]
    """The batch through the pipeline alone; returns the calls it made."""
    fake = FakeBackend(_like_the_server)
    pipeline = Pipeline(Settings(concurrency=concurrency), backend=fake)
    try:
        await pipeline.summarize_many(batch, progress=False)
    finally:
        await pipeline.aclose()
    return len(fake.requests)


def floor(warm: list, batch: list, concurrency: int) -> tuple[int, float]:  # type: ignore[type-arg]
    asyncio.run(run_floor(warm, concurrency))
    cpu = time.process_time()
    calls = asyncio.run(run_floor(batch, concurrency))
    return calls, time.process_time() - cpu


def by_package(profile: cProfile.Profile) -> list[tuple[str, float]]:
    """Own (not cumulative) time per top-level package, from a profile."""
    totals: Counter[str] = Counter()
    for (filename, _, name), row in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        path = filename.replace("\\", "/")
        if "/site-packages/" in path:
            package = path.split("/site-packages/")[1].split("/")[0]
        elif "/libyapk_summ/" in path:
            package = "libyapk_summ." + path.split("/libyapk_summ/")[1].split("/")[0].removesuffix(".py")
        elif filename == "~":
            package = "builtins: " + name.strip("<>").split(" of ")[0][:40]
        else:
            package = "stdlib: " + Path(path).stem
        totals[package] += row[2]
    return totals.most_common(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--no-cache", action="store_true", help="leave the response cache out")
    parser.add_argument("--profile", action="store_true", help="also print own time by package")
    parser.add_argument("--top", type=int, default=0, help="with --profile: the N costliest functions")
    parser.add_argument("--floor", action="store_true", help="also the pipeline alone, no transport")
    args = parser.parse_args()
    warm, batch = unique_articles(10, seed=99), unique_articles(args.articles, seed=7)
    with ServerProcess(latency=0.0) as server, tempfile.TemporaryDirectory() as tmp:
        cache = None if args.no_cache else Path(tmp) / "cache"
        asyncio.run(run(server.base_url, warm, cache, args.concurrency))  # imports, pool, first use
        server.reset()
        profile = cProfile.Profile(time.thread_time) if args.profile else None
        cpu, wall = time.process_time(), time.perf_counter()
        if profile:
            profile.enable()
        asyncio.run(run(server.base_url, batch, cache, args.concurrency))
        if profile:
            profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        calls = server.stats()["calls"]
    print(
        f"{args.articles} articles, {calls} calls, concurrency {args.concurrency}, "
        f"cache {'off' if args.no_cache else 'on'}"
    )
    print(f"client CPU {cpu:.2f} s = {1000 * cpu / calls:.2f} ms per call (goal < 2 ms); wall {wall:.2f} s")
    if args.floor:
        floor_calls, floor_cpu = floor(warm, batch, args.concurrency)
        print(
            f"pipeline alone (in-process answers, no HTTP, instructor or cache): {floor_calls} calls, "
            f"{1000 * floor_cpu / floor_calls:.2f} ms per call"
        )
    if profile:
        print("own CPU time of the main thread by package (under the profiler, so inflated):")
        for package, seconds in by_package(profile):
            print(f"  {seconds:7.2f} s  {package}")
        if args.top:
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
