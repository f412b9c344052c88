"""Figure 6: seconds per seed article on the real local model (llama.cpp, Qwen2.5-Coder-1.5B Q4_K_M).

Starts each managed server once (``LlamaServer``: all cores, as ``--mode local`` does) and
times, per seed, with the response cache off so every call reaches the model:

* server ``llama-cpp-python``: ``python -m llama_cpp.server``, one request at a time (before);
* server ``native``: llama.cpp's ``llama-server`` (``libyapk-summ local build-server``) with
  ``--slots`` sequences decoded together, the pipeline keeping as many requests on the wire
  (after; ``--slots 1`` gives the native server alone, without parallel decoding).

Modes:

* ``pipeline``: ``Pipeline.summarize`` as ``--mode local`` runs it; calls that share a prefix
  (the same system text) reuse the server's cached KV state of it;
* ``no-reuse``: the same calls without that reuse: on llama-cpp-python a one-token request
  with an unrelated prompt before each call replaces its cached prefix (those requests are
  timed apart and not counted); on the native server each request says ``cache_prompt: false``;
* ``naive``: one call asking for the whole report (``Brief`` + ``list[Event]``, as in
  ``tokens.py``), the schema enforced by llama.cpp's grammar, at most 2,048 tokens.

    .venv/bin/python bench/local_model.py                       # every server built, all seeds
    .venv/bin/python bench/local_model.py --seeds 004 --servers native --slots 1 2 4
    .venv/bin/python bench/local_model.py --seeds 004 --modes pipeline no-reuse naive

Columns: wall seconds, model calls, prompt and completion tokens, completion tokens per
wall second, and the 1-minute load average when the row finished (timings move with
whatever else the cores are doing). Goal: seed 004 (655 words) in at most 40 s on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Any

from tokens import NAIVE_SYSTEM, NaiveReport

from libyapk_summ import Settings, load_article
from libyapk_summ._settings import MODEL_NAME
from libyapk_summ.backends import CallRequest, CallResult, OpenAIBackend, Timeouts
from libyapk_summ.backends._local import LlamaServer
from libyapk_summ.backends._native import native_server
from libyapk_summ.pipeline._pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SERVERS = ("llama-cpp-python", "native")


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


def _no_prompt_cache(live: OpenAIBackend) -> None:
    """Every request of ``live`` asks the native server not to reuse a cached prefix."""
    create = live._create

    async def uncached(**kwargs: Any) -> Any:
        return await create(**kwargs, cache_prompt=False)

    live._create = uncached  # type: ignore[method-assign]


async def pipeline_seconds(server: LlamaServer, path: Path, reuse: bool) -> tuple[float, Any]:
    base_url = server.base_url
    live = OpenAIBackend(
        base_url, "local", dialect="llamacpp", timeouts=Timeouts(total=900), concurrency=server.slots
    )
    backend: Any = live
    if not reuse and server.kind == "native":
        _no_prompt_cache(live)
    elif not reuse:
        backend = Flushing(live, base_url)
    settings = Settings(
        mode="live", base_url=base_url, use_cache=False, concurrency=server.slots, dialect="llamacpp"
    )
    pipeline = Pipeline(settings, backend=backend)
    started = time.perf_counter()
    try:
        report = await pipeline.summarize(load_article(path))
    finally:
        await pipeline.aclose()
    took = time.perf_counter() - started - getattr(backend, "flushing", 0.0)
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
        "note": f" {response.choices[0].finish_reason}, {valid}",
    }


def available(kind: str) -> bool:
    if kind == "native":
        return native_server() is not None
    return importlib.util.find_spec("llama_cpp") is not None


def _row(path: Path, server: LlamaServer, mode: str) -> str:
    if mode == "naive":
        took, info = naive_seconds(server.base_url, path)
        calls, prompt, completion, note = 1, info["prompt"], info["completion"], info["note"]
    else:
        took, usage = asyncio.run(pipeline_seconds(server, path, reuse=mode == "pipeline"))
        calls, prompt, completion, note = usage.calls, usage.prompt_tokens, usage.completion_tokens, ""
    words = len(path.read_text(encoding="utf-8").split())
    kind = f"{server.kind}×{server.slots}"
    load = os.getloadavg()[0]
    return (
        f"{path.stem[:3]:<4} {words:>5} {kind:<18} {mode:<9} {took:>7.1f} {calls:>5} {prompt:>6} "
        f"{completion:>5} {completion / took:>6.1f} {load:>5.1f}{note}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", nargs="*", default=[], help="seed name prefixes, e.g. 004")
    parser.add_argument("--servers", nargs="+", choices=SERVERS, default=list(SERVERS))
    parser.add_argument("--slots", nargs="+", type=int, default=[4], help="native server slots (default 4)")
    parser.add_argument("--modes", nargs="+", choices=("pipeline", "no-reuse", "naive"), default=["pipeline"])
    args = parser.parse_args()
    seeds = [
        p
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        if not args.seeds or p.name.startswith(tuple(args.seeds))
    ]
    servers = []
    for kind in args.servers:
        if not available(kind):
            print(f"({kind}: not installed/built, skipped)", file=sys.stderr)
            continue
        servers += [(kind, n) for n in (args.slots if kind == "native" else [1])]
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'seed':<4} {'words':>5} {'server×slots':<18} {'mode':<9} {'seconds':>7} {'calls':>5} "
          f"{'prompt':>6} {'compl':>5} {'tok/s':>6} {'load':>5}")  # fmt: skip
    for kind, slots in servers:
        server = LlamaServer(kind=kind, slots=slots)  # type: ignore[arg-type]
        started = time.perf_counter()
        server.start()
        print(f"# {server.describe()}: started in {time.perf_counter() - started:.1f} s", flush=True)
        try:
            for path in seeds:
                for mode in args.modes:
                    print(_row(path, server, mode), flush=True)
        finally:
            server.stop()
    print("goal: seed 004 (655 words) pipeline <= 40 s on 2 cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
