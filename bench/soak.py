"""Soak: a batch through a fault-injecting server, reruns on the same cache, and a clean run.

Needs only this repository (no model, no network): it starts a FakeOpenAIServer on loopback
whose FaultMix answers about 20% of requests with 429 (Retry-After in seconds, milliseconds or
HTTP-date, at most 0.2 s), 10% with 500/502/503, 5% with a hang past the 2 s client timeout, 5%
with JSON cut off (finish_reason "length"), 5% with schema-invalid JSON and 2% with a refusal
(seeded), and summarises synthetic articles recombined from seeds/ through the real pipeline,
OpenAIBackend (5 transport attempts, 2 re-asks) and the response cache.

    .venv/bin/python bench/soak.py                      # 150 articles, seed 1
    .venv/bin/python bench/soak.py --articles 300 --seed 7 --out /tmp/soak

Prints: the requests and faults the server saw; articles succeeded, failed (by error and
cause) and lost (input - succeeded - failed, read back from the written reports.jsonl and
errors.jsonl: must be 0); for each rerun on the same cache (faults still on): the calls made
for articles already done (must be 0) and the articles it completed; then the wall time of the
first faulty pass against the same batch with no faults on a fresh cache. Exits 1 if anything
was lost or a done article was called again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from libyapk_summ import LibyapkError, Settings, load_article
from libyapk_summ.backends import CachedBackend, CallRequest, CallResult, OpenAIBackend, RetryPolicy, Timeouts
from libyapk_summ.pipeline._pipeline import Pipeline
from libyapk_summ.testing import FakeOpenAIServer, FaultMix, synthetic_articles

ROOT = Path(__file__).resolve().parent.parent
MIX = {
    "rate_limit": 0.20,
    "server_error": 0.10,
    "timeout": 0.05,
    "truncated": 0.05,
    "schema_invalid": 0.05,
    "refusal": 0.02,
}
CAUSES = {  # a substring of the message -> the cause it names
    "cut off at max_tokens": "answer cut off (finish_reason length)",
    "the model refused": "refusal",
    "did not fit the schema": "schema-invalid after 2 re-asks",
    "kept failing": "transport retries used up",
    "over the": "Retry-After over the cap",
    "refused the request with HTTP": "permanent HTTP error",
}


class Counting:
    """Passes calls through to ``inner``, noting the article of each (the calls the cache missed)."""

    def __init__(self, inner: OpenAIBackend) -> None:
        self.inner, self.name, self.articles = inner, inner.name, Counter[str]()

    async def complete(self, request: CallRequest) -> CallResult:
        self.articles[request.article_id] += 1
        return await self.inner.complete(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def cause(error: LibyapkError) -> str:
    text = str(error)
    return next((c for s, c in CAUSES.items() if s in text), text.split("] ", 1)[-1][:60])


def write_atomic(path: Path, lines: list[str]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    os.replace(tmp, path)


async def one_pass(server: FakeOpenAIServer, articles: list, cache: Path, concurrency: int):
    live = OpenAIBackend(
        server.base_url,
        "sk-soak-not-a-key",
        retry=RetryPolicy(attempts=5, backoff=0.05, max_backoff=0.5),
        timeouts=Timeouts(connect=2, total=2),
        concurrency=concurrency,
    )
    counting = Counting(live)
    settings = Settings(mode="live", base_url=server.base_url, cache_dir=cache, concurrency=concurrency)
    pipeline = Pipeline(settings, backend=CachedBackend(counting, cache))
    started, before = time.monotonic(), len(server.requests)
    try:
        results = await pipeline.summarize_many(articles, progress=False)
    finally:
        await pipeline.aclose()
    return results, counting.articles, len(server.requests) - before, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--reruns", type=int, default=5, help="most reruns to finish the batch")
    parser.add_argument("--out", type=Path, default=None, help="folder for the outputs (default: a temp one)")
    args = parser.parse_args()
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # one line per failed attempt otherwise
    out = args.out or Path(tempfile.mkdtemp(prefix="soak-"))
    out.mkdir(parents=True, exist_ok=True)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    articles = [
        load_article(text=t, id=i) for i, t in synthetic_articles(sources, args.articles, seed=args.seed)
    ]
    mix = FaultMix(MIX, seed=args.seed, hang=3.0)
    with FakeOpenAIServer(mix) as server:
        results, _, requests, faulty_s = asyncio.run(
            one_pass(server, articles, out / "cache", args.concurrency)
        )
        print(f"batch: {len(articles)} synthetic articles, concurrency {args.concurrency}, seed {args.seed}")
        print(f"first pass: {requests} requests; served {dict(sorted(mix.counts.items()))}")
        ok = [r for r in results if not isinstance(r, LibyapkError)]
        failed = [r for r in results if isinstance(r, LibyapkError)]
        write_atomic(out / "reports.jsonl", [r.model_dump_json() for r in ok])
        write_atomic(
            out / "errors.jsonl", [json.dumps({"id": e.article_id, "error": str(e)}) for e in failed]
        )
        written = [
            len((out / n).read_text(encoding="utf-8").splitlines()) for n in ("reports.jsonl", "errors.jsonl")
        ]
        lost = len(articles) - written[0] - written[1]
        print(f"  succeeded {written[0]}, failed {written[1]}, lost {lost}")
        for (kind, why), n in sorted(Counter((type(e).__name__, cause(e)) for e in failed).items()):
            print(f"    failed: {n:4d}  {kind}: {why}")
        done = {r.article.id for r in ok}
        repeated = 0
        for i in range(1, args.reruns + 1):
            todo = [a for a in articles if a.id not in done]
            if not todo and i > 1:
                break
            mix.counts.clear()
            results, called, requests, secs = asyncio.run(
                one_pass(server, articles, out / "cache", args.concurrency)
            )
            again = sum(n for a, n in called.items() if a in done)
            repeated += again
            newly = {r.article.id for r in results if not isinstance(r, LibyapkError)} - done
            done |= newly
            print(
                f"rerun {i}: {len(todo)} to do, {requests} requests, {again} calls for articles already "
                f"done, {len(newly)} completed, {len(articles) - len(done)} still failing ({secs:.1f} s)"
            )
        mix.enabled = False
        _, _, clean_requests, clean_s = asyncio.run(
            one_pass(server, articles, out / "clean-cache", args.concurrency)
        )
    print(
        f"wall time: faulty first pass {faulty_s:.1f} s vs no faults {clean_s:.1f} s "
        f"({faulty_s / clean_s:.1f}x)"
    )
    print(f"clean run: {clean_requests} requests; outputs in {out}")
    return 1 if lost or repeated else 0


if __name__ == "__main__":
    sys.exit(main())
