"""Figure 6: seconds per seed article on the real local model (llama.cpp, Qwen2.5-Coder-1.5B Q4_K_M).

Starts the managed llama.cpp server once (``LlamaServer``: all cores, as ``--mode local`` does)
and times, per seed, with the response cache off so every call reaches the model:

* ``pipeline``: ``Pipeline.summarize`` as it is, one request at a time: calls that share a
  prefix (the same system text) follow one another, so llama.cpp evaluates only what differs;
* ``no-reuse``: the same calls, but before each one a one-token request with an unrelated prompt
  replaces the server's cached prefix, so every call evaluates its whole prompt (the flush
  requests are timed apart and not counted);
* ``naive``: one call asking for the whole report (``Brief`` + ``list[Event]``, as in
  ``tokens.py``), the schema enforced by llama.cpp's grammar, at most 2,048 tokens.

    .venv/bin/python bench/local_model.py                                  # all seeds, all modes
    .venv/bin/python bench/local_model.py --seeds 004 --modes pipeline naive

Goal: at most 45 s for the 600-word article (seed 004, 655 words). Timings move with whatever
else the two cores are doing: the load average is printed with each row.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from tokens import NAIVE_SYSTEM, NaiveReport

from libyapk_summ import Settings, load_article
from libyapk_summ._pipeline import Pipeline
from libyapk_summ.backends import CallRequest, CallResult, OpenAIBackend, Timeouts
from libyapk_summ.backends._local import LlamaServer
from libyapk_summ.backends._weights import MODEL_NAME

ROOT = Path(__file__).resolve().parent.parent


class Flushing:
    """Before each call, a one-token request on an unrelated prompt evicts the cached prefix."""

    def __init__(self, inner: OpenAIBackend, base_url: str) -> None:
        import openai

        self.inner, self.name = inner, inner.name
        self.client = openai.AsyncOpenAI(base_url=base_url, api_key="local", max_retries=0, timeout=600)
        self.flushing = 0.0

    async def complete(self, request: CallRequest) -> CallResult:
        started = time.perf_counter()
        await self.client.chat.completions.create(
            model=MODEL_NAME, messages=[{"role": "user", "content": "Say OK."}], max_tokens=1, temperature=0
        )
        self.flushing += time.perf_counter() - started
        return await self.inner.complete(request)

    async def aclose(self) -> None:
        await self.client.close()
        await self.inner.aclose()


async def pipeline_seconds(base_url: str, path: Path, reuse: bool) -> tuple[float, Any]:
    live = OpenAIBackend(base_url, "local", dialect="llamacpp", timeouts=Timeouts(total=900), concurrency=1)
    backend: Any = live if reuse else Flushing(live, base_url)
    settings = Settings(mode="live", base_url=base_url, use_cache=False, concurrency=1, dialect="llamacpp")
    pipeline = Pipeline(settings, backend=backend)
    started = time.perf_counter()
    try:
        report = await pipeline.summarize(load_article(path))
    finally:
        await pipeline.aclose()
    took = time.perf_counter() - started - (0.0 if reuse else backend.flushing)
    return took, report.usage


def naive_seconds(base_url: str, path: Path) -> tuple[float, dict[str, Any]]:
    import openai

    client = openai.OpenAI(base_url=base_url, api_key="local", max_retries=0, timeout=900)
    client.chat.completions.create(  # evict the previous article's prefix, as a fresh call would find it
        model=MODEL_NAME, messages=[{"role": "user", "content": "Say OK."}], max_tokens=1, temperature=0
    )
    schema = NaiveReport.model_json_schema()
    started = time.perf_counter()
    response = client.chat.completions.create(
        model=MODEL_NAME,
        messages=[
            {"role": "system", "content": NAIVE_SYSTEM},
            {"role": "user", "content": load_article(path).text},
        ],
        response_format={"type": "json_object", "schema": schema},  # type: ignore[typeddict-item]
        max_tokens=2048,
        temperature=0,
        seed=0,
    )
    took = time.perf_counter() - started
    content = response.choices[0].message.content or ""
    try:
        NaiveReport.model_validate_json(content)
        valid = "valid"
    except ValueError:
        valid = "invalid"
    usage = response.usage
    return took, {
        "prompt": usage.prompt_tokens if usage else 0,
        "completion": usage.completion_tokens if usage else 0,
        "finish": response.choices[0].finish_reason,
        "valid": valid,
        "content": content,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", nargs="*", default=[], help="seed file name prefixes (default: all)")
    parser.add_argument("--modes", nargs="+", default=["pipeline", "no-reuse", "naive"])
    parser.add_argument("--keep", type=Path, default=None, help="write the naive answers into this folder")
    args = parser.parse_args()
    seeds = [
        p
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        if not args.seeds or p.name.startswith(tuple(args.seeds))
    ]
    server = LlamaServer()
    started = time.perf_counter()
    server.start()
    print(f"server start {time.perf_counter() - started:.1f} s ({server.n_threads} threads)", flush=True)
    print(
        f"{'seed':<22} {'words':>5} {'mode':<9} {'seconds':>8} {'calls':>5} {'prompt':>7} {'compl':>6}  load"
    )
    try:
        for path in seeds:
            words = len(path.read_text(encoding="utf-8").split())
            for mode in args.modes:
                if mode == "naive":
                    took, info = naive_seconds(server.base_url, path)
                    calls, prompt, completion = 1, info["prompt"], info["completion"]
                    note = f" {info['finish']}, {info['valid']}"
                    if args.keep:
                        args.keep.mkdir(parents=True, exist_ok=True)
                        (args.keep / f"{path.stem}.naive.json").write_text(info["content"], encoding="utf-8")
                else:
                    took, usage = asyncio.run(
                        pipeline_seconds(server.base_url, path, reuse=mode == "pipeline")
                    )
                    calls, prompt, completion, note = (
                        usage.calls,
                        usage.prompt_tokens,
                        usage.completion_tokens,
                        "",
                    )
                load = os.getloadavg()[0]
                row = f"{path.stem:<22} {words:>5} {mode:<9} {took:>8.1f}"
                print(f"{row} {calls:>5} {prompt:>7} {completion:>6}  {load:.1f}{note}", flush=True)
    finally:
        server.stop()
    print(json.dumps({"goal": "seed 004 (655 words) pipeline <= 45 s"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
