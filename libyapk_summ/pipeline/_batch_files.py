"""Batch files and the run's state on disk: JSONL writers under the provider's limits, and
``state.json``, the list of batch files with their upload and batch ids, written atomically.

The state lives next to the response cache (``CACHE/batch/``), as do the input and output files,
so a killed run finds on rerun every batch it submitted and re-attaches instead of submitting
the same lines again.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .._errors import LibyapkError
from ..contract._models import Usage
from ._outputs import write_atomic

ENDPOINT = "/v1/chat/completions"
TERMINAL = ("completed", "failed", "expired", "cancelled")


@dataclass(frozen=True, slots=True)
class BatchLimits:
    """Most requests and bytes per batch input file (OpenAI: 50,000 requests, 200 MB)."""

    max_requests: int = 50_000
    max_bytes: int = 200_000_000


@dataclass
class Entry:
    """One batch input file, and what became of it."""

    name: str
    path: str
    lines: int
    bytes: int
    offline: bool = False
    file_id: str | None = None
    batch_id: str | None = None
    status: str | None = None
    collected: bool = False
    output: str | None = None
    """Offline: the output file to read back (``vllm run-batch -o``)."""
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class State:
    """What ``CACHE/batch/state.json`` holds."""

    run: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    entries: list[Entry] = field(default_factory=list)

    @classmethod
    def load(cls, directory: Path) -> State:
        path = directory / "state.json"
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(run=data["run"], entries=[Entry(**e) for e in data.get("entries", [])])

    def save(self, directory: Path) -> None:
        data = {"v": 1, "run": self.run, "entries": [asdict(e) for e in self.entries]}
        write_atomic(directory / "state.json", json.dumps(data, ensure_ascii=False, indent=1))

    def open_entries(self) -> list[Entry]:
        return [e for e in self.entries if not e.collected]


class Writer:
    """Writes batch lines into ``DIR/<prefix>-<n>.jsonl`` files, starting a new file before
    one would pass a limit. Lines go to disk as they come: memory stays flat in the batch size."""

    def __init__(self, directory: Path, limits: BatchLimits, prefix: str) -> None:
        self.directory, self.limits, self.prefix = directory, limits, prefix
        self.entries: list[Entry] = []
        self._file: Any = None

    def add(self, custom_id: str, body: dict[str, Any]) -> None:
        line = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
        data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        if len(data) > self.limits.max_bytes:
            raise ValueError(
                f"one request is {len(data)} bytes, over the {self.limits.max_bytes} bytes per file"
            )
        entry = self.entries[-1] if self.entries and self._file is not None else None
        if (
            entry is None
            or entry.lines >= self.limits.max_requests
            or entry.bytes + len(data) > self.limits.max_bytes
        ):
            self._roll()
            entry = self.entries[-1]
        self._file.write(data)
        entry.lines += 1
        entry.bytes += len(data)

    def _roll(self) -> None:
        self._close_file()
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{self.prefix}-{len(self.entries) + 1:03d}"
        path = self.directory / f"{name}.jsonl"
        self._file = path.open("wb")
        self.entries.append(Entry(name=name, path=str(path), lines=0, bytes=0))

    def _close_file(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None

    def close(self) -> list[Entry]:
        self._close_file()
        return self.entries


def custom_ids(path: str | Path) -> set[str]:
    """The ``custom_id`` of every line of a batch input file."""
    with open(path, "rb") as f:
        return {json.loads(raw)["custom_id"] for raw in f if raw.strip()}


def output_lines(path: str | Path) -> Iterator[dict[str, Any] | None]:
    """The lines of a batch output or error file; None for a line that does not parse (a file
    cut short)."""
    with open(path, "rb") as f:
        for raw in f:
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except ValueError:
                yield None
                continue
            yield line if isinstance(line, dict) and isinstance(line.get("custom_id"), str) else None


def line_result(line: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """``(answer body, None)`` for a line that succeeded, else ``(None, the cause)``."""
    response = line.get("response") or {}
    body = response.get("body") if isinstance(response, dict) else None
    if isinstance(response, dict) and response.get("status_code") == 200 and isinstance(body, dict):
        return body, None
    error = line.get("error") or (body.get("error") if isinstance(body, dict) else None) or {}
    status = response.get("status_code") if isinstance(response, dict) else None
    message = error.get("message") if isinstance(error, dict) else str(error)
    code = error.get("code") if isinstance(error, dict) else None
    parts = [f"HTTP {status}" if status else None, str(code) if code else None, message or "no answer"]
    return None, ": ".join(p for p in parts if p)


Executor = Callable[[Path, Path], None]
"""Runs one input file offline and writes its output file (e.g. ``vllm run-batch -i IN -o OUT``)."""


@dataclass
class BatchSummary:
    """What a batch run did."""

    rounds: int = 0
    articles: int = 0
    reports: int = 0
    pending: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    """Article id → why it failed (the call and the batch engine's cause)."""
    lines: int = 0
    """Lines submitted by this process (re-asks and retried lines included)."""
    batches: int = 0
    line_failures: int = 0
    """Lines that came back failed, expired, cancelled or missing (each re-sent next round)."""
    usage: Usage = field(default_factory=Usage)


def command_executor(template: str) -> Executor:
    """An :data:`Executor` that runs a shell command, with ``{input}`` and ``{output}`` filled in,
    e.g. ``vllm run-batch -i {input} -o {output} --model Qwen/Qwen2.5-7B-Instruct``."""

    def run(given: Path, made: Path) -> None:
        command = template.format(input=shlex.quote(str(given)), output=shlex.quote(str(made)))
        done = subprocess.run(command, shell=True, check=False)
        if done.returncode != 0 or not made.exists():
            raise LibyapkError(f"the batch command failed (exit {done.returncode}): {command}")

    return run
