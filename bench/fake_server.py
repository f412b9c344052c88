"""A fake OpenAI-compatible server in a process of its own, answering every call after a fixed latency.

The benchmarks run it apart from the client so that its CPU (HTTP parsing, building answers)
never counts against the client's, and so that a client busy on the CPU cannot slow its clock.
It is a :class:`libyapk_summ.testing.FakeOpenAIServer` (one thread per connection) whose
handler answers ``--latency`` seconds after a request came in (building the answer included)
with a valid instance of whatever schema the request asks for (``schema_filler``), or
``{"extractions": []}`` when it asks for none.

    .venv/bin/python bench/fake_server.py --latency 0.3

It prints ``PORT <n>`` once it listens, then reads commands on stdin, one a line, and answers
each with one line of JSON: ``stats`` (chat calls, the most calls in flight at once, the mean
in flight between the first arrival and the last answer, that span in seconds), ``reset``
(zero the counters) and ``quit``. :class:`ServerProcess` drives it from a benchmark.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from libyapk_summ.testing import (
    FakeOpenAIServer,
    Reply,
    Request,
    chat_completion,
    request_schema,
    schema_filler,
)


class Latency:
    """The handler: a fixed wait, then a valid answer; counts calls and measures concurrency."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.calls = self.in_flight = self.max_in_flight = 0
            self.area = 0.0  # integral of calls in flight over time
            self.first = self.last = self._mark = 0.0

    def _move(self, step: int) -> None:
        with self._lock:
            now = time.perf_counter()
            if self.calls == 0 and step > 0:
                self.first = self._mark = now
            self.area += self.in_flight * (now - self._mark)
            self._mark = self.last = now
            self.in_flight += step
            self.calls += step > 0
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def __call__(self, request: Request) -> Reply:
        started = time.perf_counter()
        self._move(+1)
        try:
            if request_schema(request.json) is None:  # langextract's plain JSON mode
                reply = Reply(body=chat_completion(json.dumps({"extractions": []})))
            else:
                reply = schema_filler(request)
            # The answer leaves L after the request came in, however long building it took.
            wait = self.latency - (time.perf_counter() - started)
            if wait > 0:
                time.sleep(wait)
            return reply
        finally:
            self._move(-1)

    def stats(self) -> dict[str, Any]:
        with self._lock:
            span = self.last - self.first
            return {
                "calls": self.calls,
                "max_in_flight": self.max_in_flight,
                "mean_in_flight": self.area / span if span > 0 else 0.0,
                "span_s": span,
                "first": self.first,  # time.perf_counter(): one clock for every process of the host
                "last": self.last,
            }


def serve(latency: float) -> None:
    handler = Latency(latency)
    with FakeOpenAIServer(handler) as server:
        print(f"PORT {server.port}", flush=True)
        for line in sys.stdin:
            command = line.strip()
            if command == "stats":
                print(json.dumps(handler.stats()), flush=True)
            elif command == "reset":
                handler.reset()
                server.requests.clear()  # the log would otherwise grow with every batch
                print("{}", flush=True)
            elif command == "quit":
                break


class ServerProcess:
    """Starts ``fake_server.py`` as a child process; ``base_url``, ``stats()``, ``reset()``.

    Args:
        latency: seconds the server waits before each answer.
    """

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self._proc: subprocess.Popen[str] | None = None
        self.base_url = ""

    def __enter__(self) -> ServerProcess:
        self._proc = subprocess.Popen(
            [sys.executable, str(Path(__file__)), "--latency", str(self.latency)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self._read()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the fake server did not start: {line!r}")
        self.base_url = f"http://127.0.0.1:{int(line.split()[1])}/v1"
        return self

    def _read(self) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        return self._proc.stdout.readline().strip()

    def _ask(self, command: str) -> dict[str, Any]:
        assert self._proc is not None and self._proc.stdin is not None
        self._proc.stdin.write(command + "\n")
        self._proc.stdin.flush()
        return json.loads(self._read())  # type: ignore[no-any-return]

    def stats(self) -> dict[str, Any]:
        """Chat calls, most and mean calls in flight, and the span they were measured over."""
        return self._ask("stats")

    def reset(self) -> None:
        self._ask("reset")

    def __exit__(self, *exc: object) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            assert proc.stdin is not None
            proc.stdin.write("quit\n")
            proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency", type=float, default=0.3, help="seconds before each answer")
    serve(parser.parse_args().latency)
