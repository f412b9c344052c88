"""Figure 4: rerunning 1,000 already-cached articles, as a whole process.

Writes 1,000 distinct synthetic articles (``corpus.py``) as .txt files, runs
``libyapk-summ brief DIR --mode live --base-url URL --cache-dir CACHE`` once against the fake
server (``fake_server.py``, no latency) to fill the cache, then runs the very same command again
in a fresh process and prints its wall time (goal: under 2 s, issue 13) and the calls the server
saw during it (goal: 0). The reruns write to the same output folder, so they find the reports of
the run before and keep them ("kept from the last run"): the response cache is not opened at all.

    .venv/bin/python bench/cache_rerun.py
    .venv/bin/python bench/cache_rerun.py --articles 300 --runs 3
    .venv/bin/python bench/cache_rerun.py --profile      # and one more rerun in-process, under cProfile

``--profile`` prints the 30 functions with the most cumulative time in that rerun (wall clock,
so an fsync or a read counts) and the user and system CPU of the timed reruns.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import unique_texts
from fake_server import ServerProcess

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "libyapk-summ"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="timed reruns (the median is the figure)")
    parser.add_argument("--profile", action="store_true", help="profile one more rerun in-process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ServerProcess(latency=0.0) as server:
        folder, out, cache = Path(tmp) / "articles", Path(tmp) / "out", Path(tmp) / "cache"
        folder.mkdir()
        for ident, text in unique_texts(args.articles, seed=1):
            (folder / f"{ident}.txt").write_text(text, encoding="utf-8")
        command = [str(CLI), "brief", str(folder), "--out", str(out), "--quiet", "--mode", "live"]
        command += ["--base-url", server.base_url, "--cache-dir", str(cache), "--concurrency", "16"]
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        fill = time.perf_counter() - started
        filled = server.stats()["calls"]
        times, calls = [], []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        for _ in range(args.runs):
            server.reset()
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
            calls.append(server.stats()["calls"])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        reports = len((out / "reports.jsonl").read_text(encoding="utf-8").splitlines())
        if args.profile:
            profile_rerun(command)
    print(f"{args.articles} articles: first run {fill:.1f} s, {filled} calls at the server")
    print(
        f"rerun (fresh process, same cache): median {statistics.median(times):.2f} s, "
        f"fastest {min(times):.2f} s (goal < 2 s); calls at the server {max(calls)} (goal 0); "
        f"{reports} reports written"
    )
    user = (after.ru_utime - before.ru_utime) / args.runs
    system = (after.ru_stime - before.ru_stime) / args.runs
    print(f"CPU per rerun: {user:.2f} s user, {system:.2f} s system; load {os.getloadavg()[0]:.1f}")
    print("command: libyapk-summ brief DIR --out OUT --quiet --mode live --base-url URL --cache-dir CACHE")
    return 0 if max(calls) == 0 else 1


def profile_rerun(command: list[str]) -> None:
    """The rerun once more in this process, under cProfile: where its wall time goes."""
    from libyapk_summ.cli import main as cli_main

    profile = cProfile.Profile()
    profile.enable()
    try:
        cli_main(command[1:])
    finally:
        profile.disable()
    print("one rerun in-process, under cProfile (imports of libyapk_summ not included):")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    sys.exit(main())
