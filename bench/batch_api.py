"""Batch runs through the fake OpenAI Batch API: N distinct articles, rounds, wall time, peak RSS,
and a SIGKILL while polling followed by a rerun.

The server (``FakeBatchServer``, every line answered with a valid instance of its schema) runs in
a process of its own; the client is the real command, ``libyapk-summ batch run DIR --base-url URL
--cache-dir CACHE --out OUT``, in a fresh process whose peak RSS comes from ``wait4``. Articles
are distinct in every sentence (``corpus.py``), so no call is answered twice.

    .venv/bin/python bench/batch_api.py --articles 1000 10000
    .venv/bin/python bench/batch_api.py --articles 300 --kill     # SIGKILL while polling, then rerun

With ``--kill`` the batch takes ``--delay`` seconds to complete; the client is killed once it
has created its first batch and polled it for a second, then run again to the end. Printed:
batches created, lines submitted, duplicate ``custom_id`` submissions (goal 0) and reports
written (goal: every article, so 0 lost answers).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import unique_texts

CLI = Path(sys.executable).parent / "libyapk-summ"


def serve(delay: float) -> None:
    from libyapk_summ.testing import FakeBatchServer

    with FakeBatchServer(completion_delay=delay) as server:
        print(f"PORT {server.port}", flush=True)
        for line in sys.stdin:
            if line.strip() == "stats":
                server.requests.clear()  # uploads are recorded there: keep the server small
                stats = {"created": len(server.created), "submitted": len(server.submitted)}
                stats["distinct"] = len(set(server.submitted))
                print(json.dumps(stats), flush=True)
            elif line.strip() == "quit":
                break


class Server:
    def __init__(self, delay: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--delay", str(delay)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.base_url = f"http://127.0.0.1:{int(self.proc.stdout.readline().split()[1])}/v1"

    def stats(self) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def command(folder: Path, tmp: Path, base_url: str, poll: float) -> list[str]:
    return [
        str(CLI),
        "batch",
        "run",
        str(folder),
        "--base-url",
        base_url,
        "--cache-dir",
        str(tmp / "cache"),
        "--out",
        str(tmp / "out"),
        "--poll",
        str(poll),
        "--quiet",
    ]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MiB, exit status and stderr's last line of one fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    tail = err.strip().splitlines()[-1] if err.strip() else ""
    return time.perf_counter() - started, usage.ru_maxrss / 1024, proc.returncode, tail


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for ident, text in unique_texts(count, seed=2):
        (folder / f"{ident}.txt").write_text(text, encoding="utf-8")


def run_one(count: int, env: dict[str, str]) -> None:
    server = Server(delay=0.0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            write_articles(folder, count)
            wall, rss, code, tail = timed(command(folder, Path(tmp), server.base_url, 0.2), env)
            reports = len((Path(tmp) / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines())
            s = server.stats()
            print(
                f"{count:>6} articles: {reports} reports, wall {wall:.1f} s, peak RSS {rss:.0f} MiB, "
                f"exit {code}; {s['created']} batch(es), {s['submitted']} lines, "
                f"{s['submitted'] - s['distinct']} duplicate; "
                f"{tail}",
                flush=True,
            )
    finally:
        server.close()


def run_kill(count: int, delay: float, env: dict[str, str]) -> None:
    server = Server(delay=delay)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            write_articles(folder, count)
            argv = command(folder, Path(tmp), server.base_url, 0.2)
            proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while server.stats()["created"] == 0 and proc.poll() is None:
                time.sleep(0.1)
            time.sleep(1.0)  # polling now
            killed_running = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            before = server.stats()
            wall, _, code, tail = timed(argv, env)
            after = server.stats()
            reports = len((Path(tmp) / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines())
            print(
                f"kill: {count} articles; SIGKILL while polling: {killed_running}; before the kill "
                f"{before['created']} batch(es), {before['submitted']} lines; after the rerun "
                f"{after['created']} batch(es), {after['submitted']} lines, "
                f"{after['submitted'] - after['distinct']} duplicate submissions; {reports} reports "
                f"({count - reports} lost); rerun {wall:.1f} s, exit {code}; {tail}",
                flush=True,
            )
    finally:
        server.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--kill", action="store_true", help="SIGKILL while polling, then rerun")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds a batch takes to complete")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.delay)
        return 0
    env = {**os.environ, "OPENAI_API_KEY": "sk-fake-batch"}
    print(
        f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}", flush=True
    )
    for count in args.articles:
        if args.kill:
            run_kill(count, args.delay or 5.0, env)
        else:
            run_one(count, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
