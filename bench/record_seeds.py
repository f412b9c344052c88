"""Re-record the seed fixtures on the managed local model, timing each seed.

Needs the ``local`` extra (see README). Starts the pinned Qwen2.5-Coder-1.5B
llama.cpp server once, then summarizes each seed in record mode with the
response cache off (every call really goes to the model), writes the fixtures,
deletes stale ones, and prints seconds, calls and tokens per seed.

    .venv/bin/python bench/record_seeds.py            # all of seeds/
    .venv/bin/python bench/record_seeds.py seeds/001_9ec3d6118b2bcaaa.txt
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from libyapk_summ import Settings, load_article
from libyapk_summ.pipeline._pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


async def main(paths: list[Path]) -> None:
    pipeline = Pipeline(Settings(mode="record", use_cache=False, concurrency=1))
    started = time.monotonic()
    await asyncio.to_thread(pipeline.backend.inner.server.start)  # type: ignore[attr-defined]
    print(f"server start: {time.monotonic() - started:.1f} s")
    head = ("seed", "words", "seconds", "calls", "prompt", "completion", "events")
    widths = (6, 8, 6, 8, 10, 7)
    print(f"{head[0]:<24} " + " ".join(f"{h:>{w}}" for h, w in zip(head[1:], widths, strict=True)))
    total = 0.0
    try:
        for path in paths:
            article = load_article(path)
            t0 = time.monotonic()
            report = await pipeline.summarize(article)
            took = time.monotonic() - t0
            total += took
            u = report.usage
            print(
                f"{article.id:<24} {len(article.text.split()):>6} {took:>8.1f} {u.calls:>6} "
                f"{u.prompt_tokens:>8} {u.completion_tokens:>10} {len(report.events):>7}"
            )
    finally:
        removed = pipeline.backend.prune_stale()  # type: ignore[attr-defined]
        await pipeline.aclose()
    print(f"total {total:.1f} s; {len(removed)} stale fixture(s) removed")


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "seeds").glob("*.txt"))
    asyncio.run(main(args))
