"""Figure 1: a batch against the physical limit.

A fake OpenAI-compatible server in its own process (``fake_server.py``) answers every call after
exactly L seconds. A batch that needs T calls in total, at most C in flight, cannot finish before
ceil(T / C) x L; this prints the measured wall time over that bound (goal: 1.10 or less), with the
mean number of calls the server had in flight between the first call's arrival and the last
answer (C when the client keeps every slot busy), and that span ("first..last").

The articles are distinct synthetic ones (``corpus.py``); each batch goes through the real
pipeline, ``OpenAIBackend`` and a fresh response cache, as ``libyapk-summ brief --mode live``
would. T is counted at the server.

    .venv/bin/python bench/batch_bound.py                         # the full table (about 12 min)
    .venv/bin/python bench/batch_bound.py --articles 96 --concurrency 8 16

A small batch runs first, untimed, so that no row pays for the first use of the client
libraries in this process (imports, set-up: figure 3's business). The C = 1 row of N = 480 runs
at --slow-latency (default 0.05 s) instead of L: at L = 0.3 s it
alone would take 15 minutes. At C = 1 every millisecond the client spends per call adds to the
wall time, so that row is the hardest one, not an easier one.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import tempfile
import time
from pathlib import Path

from corpus import unique_articles
from fake_server import ServerProcess

from libyapk_summ import Settings
from libyapk_summ.pipeline._pipeline import Pipeline


async def batch(base_url: str, articles: list, concurrency: int, cache: Path) -> float:  # type: ignore[type-arg]
    import instructor  # noqa: F401 - imported before the clock starts: figure 3 times imports
    import openai  # noqa: F401

    settings = Settings(
        mode="live", base_url=base_url, dialect="json_schema", cache_dir=cache, concurrency=concurrency
    )
    pipeline = Pipeline(settings)
    started = time.perf_counter()
    try:
        results = await pipeline.summarize_many(articles, progress=False)
    finally:
        await pipeline.aclose()
    wall = time.perf_counter() - started
    failed = [r for r in results if isinstance(r, Exception)]
    if failed:
        raise SystemExit(f"{len(failed)} articles failed, e.g. {failed[0]}")
    return wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[96, 480])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 16, 32])
    parser.add_argument("--latency", type=float, default=0.3, help="L, seconds per call")
    parser.add_argument("--slow-latency", type=float, default=0.05, help="L for the N >= 480, C = 1 row")
    args = parser.parse_args()
    print(
        f"{'N':>4} {'C':>3} {'L s':>5} {'T':>5} {'bound s':>8} {'wall s':>7} {'ratio':>6} {'in flight':>9}"
        f" {'first..last s':>13}"
    )
    worst = 0.0
    with ServerProcess(0.0) as server, tempfile.TemporaryDirectory() as tmp:  # first use: not timed
        asyncio.run(batch(server.base_url, unique_articles(4, seed=0), 4, Path(tmp) / "cache"))
    for n in args.articles:
        articles = unique_articles(n, seed=n)
        for c in args.concurrency:
            latency = args.slow_latency if (c == 1 and n >= 480) else args.latency
            with ServerProcess(latency) as server, tempfile.TemporaryDirectory() as tmp:
                wall = asyncio.run(batch(server.base_url, articles, c, Path(tmp) / "cache"))
                stats = server.stats()
            bound = math.ceil(stats["calls"] / c) * latency
            ratio = wall / bound
            worst = max(worst, ratio)
            print(
                f"{n:>4} {c:>3} {latency:>5.2f} {stats['calls']:>5} {bound:>8.1f} {wall:>7.1f} {ratio:>6.3f} "
                f"{stats['mean_in_flight']:>6.1f}/{c:<2} {stats['span_s']:>13.1f}",
                flush=True,
            )
    print(f"worst ratio {worst:.3f} (goal <= 1.10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
