"""Kill-and-rerun and several processes on one cache: the CLI against a loopback server.

Needs only this repository (no model, no network). Writes synthetic articles recombined from
seeds/, starts a FakeOpenAIServer that answers every call validly after a delay, and runs
``python -m libyapk_summ.cli brief`` as subprocesses:

1. kill: one run, SIGKILLed once about half the calls have reached the server; then a rerun on
   the same cache. Prints the calls the batch needs, the answers cached before the kill, the
   requests the rerun made (must equal needed - cached), whether reports.jsonl was ever half
   written, and diskcache's consistency check after the kill.
2. processes: several runs at once on one fresh cache folder, same articles. Prints the
   requests the server got (must equal the calls needed: none twice) and the lock entries left.

    .venv/bin/python bench/crash.py                       # 12 articles, 4 processes
    .venv/bin/python bench/crash.py --articles 20 --processes 6 --latency 0.1

Exits 1 if a figure is not what it must be.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import diskcache

from libyapk_summ import ArticleReport, Settings, load_article
from libyapk_summ.backends._keylock import PREFIX
from libyapk_summ.pipeline._api import run_sync
from libyapk_summ.pipeline._pipeline import Pipeline
from libyapk_summ.testing import (
    FakeBackend,
    FakeOpenAIServer,
    Reply,
    instance_for_schema,
    schema_filler,
    synthetic_articles,
)

ROOT = Path(__file__).resolve().parent.parent


def brief(server: FakeOpenAIServer, articles: Path, out: Path, cache: Path) -> subprocess.Popen:
    argv = [sys.executable, "-m", "libyapk_summ.cli", "brief", str(articles), "--mode", "live", "--quiet"]
    argv += ["--base-url", server.base_url, "--dialect", "json_schema", "--concurrency", "4"]
    argv += ["--out", str(out), "--cache-dir", str(cache)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def chats(server: FakeOpenAIServer) -> int:
    return sum(1 for r in server.requests if r.path.endswith("/chat/completions"))


def needed_keys(paths: list[Path]) -> set[str]:
    """The calls the batch makes when every answer is the server's (a dry run, no server)."""
    fake = FakeBackend(lambda r: instance_for_schema(r.response_model.model_json_schema()))
    pipeline = Pipeline(Settings(), backend=fake)
    run_sync(lambda: pipeline.summarize_many([load_article(p) for p in paths], progress=False))
    return {r.key for r in fake.requests}


def cache_state(directory: Path) -> tuple[set[str], list[str], list]:
    with diskcache.Cache(str(directory)) as cache:
        keys = [str(k) for k in cache.iterkeys()]
        return (
            {k for k in keys if not k.startswith((PREFIX, "report:"))},  # answers, not locks or reports
            [k for k in keys if k.startswith(PREFIX)],
            cache.check(),
        )


def reports_state(path: Path) -> str:
    if not path.exists():
        return "absent"
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        ArticleReport.model_validate_json(line)  # a half-written line would raise here
    return f"complete ({len(lines)} valid lines)"


def kill_and_rerun(server: FakeOpenAIServer, articles: Path, work: Path, needed: set[str]) -> bool:
    first = brief(server, articles, work / "out", work / "cache")
    while chats(server) < len(needed) // 2:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    before_kill = chats(server)
    after_kill = reports_state(work / "out" / "reports.jsonl")
    done, locks, problems = cache_state(work / "cache")
    started = time.monotonic()
    rc = brief(server, articles, work / "out", work / "cache").wait()
    rerun = chats(server) - before_kill
    print(f"kill: {len(needed)} calls needed; SIGKILL after {before_kill} requests")
    print(f"  after the kill: reports.jsonl {after_kill}; cache check {problems or 'clean'}")
    print(f"  {len(done)} answers cached, {len(locks)} locks left by the dead process")
    print(
        f"  rerun: exit {rc}, {rerun} requests (needed - cached = {len(needed - done)}), "
        f"{time.monotonic() - started:.1f} s; reports.jsonl {reports_state(work / 'out' / 'reports.jsonl')}"
    )
    return rc == 0 and rerun == len(needed - done) and not problems


def processes(server: FakeOpenAIServer, articles: Path, work: Path, needed: set[str], count: int) -> bool:
    before, started = chats(server), time.monotonic()
    runs = [brief(server, articles, work / f"out{i}", work / "shared-cache") for i in range(count)]
    codes = [r.wait() for r in runs]
    requests = chats(server) - before
    done, locks, problems = cache_state(work / "shared-cache")
    print(f"processes: {count} CLI runs at once on one cache folder, exit codes {codes}")
    print(
        f"  {requests} requests for {len(needed)} calls needed; {len(done)} answers cached; "
        f"{len(locks)} locks left; cache check {problems or 'clean'} ({time.monotonic() - started:.1f} s)"
    )
    return set(codes) == {0} and requests == len(needed) and not locks and not problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds the server takes per answer")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="crash-"))
    (work / "in").mkdir()
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for id, text in synthetic_articles(sources, args.articles, seed=args.seed):
        (work / "in" / f"{id}.txt").write_text(text, encoding="utf-8")
    needed = needed_keys(sorted((work / "in").glob("*.txt")))
    with FakeOpenAIServer(lambda r: Reply(body=schema_filler(r).body, delay=args.latency)) as server:
        ok = kill_and_rerun(server, work / "in", work, needed)
        ok = processes(server, work / "in", work, needed, args.processes) and ok
    print(f"work folder: {work}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
