"""Batch runs in rounds, with the response cache as the ledger.

Each round runs the pipeline over every unfinished article against the cache
(:class:`~libyapk_summ.backends._batch.BatchBackend`). The calls it misses become lines of
OpenAI Batch API JSONL files (``custom_id`` = the call's cache key), split under the provider's
limits; the files are uploaded (``/v1/files``, purpose ``batch``) and run (``/v1/batches``,
endpoint ``/v1/chat/completions``), or, offline, handed to ``vllm run-batch`` or any tool that
reads and writes the same format. Their output is stored in the cache; the next round validates
it as live answers are (an invalid one is re-asked), finishes the articles that have all their
answers and submits what is still missing (re-asks, dependent calls, failed lines). Rounds
repeat until no article misses.

Every file and batch id is persisted in ``CACHE/batch/state.json`` before the next step, so a
run killed at any point re-attaches on rerun and never submits the same lines twice.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .._errors import BatchPending, ConfigurationError, LibyapkError
from .._settings import Settings
from ..backends import OpenAIBackend
from ..backends._batch import ANSWERS, FAILS, BatchBackend
from ..contract._models import Article, ArticleReport
from ._batch_files import (
    TERMINAL,
    BatchLimits,
    BatchSummary,
    Entry,
    Executor,
    State,
    Writer,
    custom_ids,
    line_result,
    output_lines,
)

__all__ = ["BatchLimits", "BatchRunner", "BatchSummary", "Executor", "summarize_batch"]


class BatchRunner:
    """Summarise articles through a provider's batch engine (see the module docstring).

    Args:
        items: article files or :class:`Article` objects (ids unique).
        settings: the model, the key and endpoint (``base_url``), the cache folder.
        client: an ``openai.OpenAI`` client to use (default: one from ``settings``).
        offline: write files for a tool such as ``vllm run-batch`` instead of calling a server.
        limits: requests and bytes per file.
        poll: seconds between two looks at a running batch.
        max_failures: rounds a line may fail in before its article fails with the cause.
        on_result: called with ``(index in items, report or error)`` as each article finishes.
        progress: print progress on stderr (default: when stderr is a terminal).
        chunk: articles held in memory at once during a round.
    """

    def __init__(
        self,
        items: Sequence[Article | str | os.PathLike[str]],
        settings: Settings | None = None,
        *,
        client: Any = None,
        offline: bool = False,
        limits: BatchLimits | None = None,
        poll: float = 30.0,
        max_failures: int = 3,
        on_result: Callable[[int, ArticleReport | LibyapkError], None] | None = None,
        progress: bool | None = None,
        chunk: int = 500,
        gazetteer: Any = None,
    ) -> None:
        from ..backends._cache import default_cache_dir
        from ._pipeline import Pipeline

        self.items = list(items)
        self.settings = (settings or Settings.from_env()).replace(concurrency=64)
        cache_dir = self.settings.cache_dir or default_cache_dir()
        self.directory = Path(cache_dir) / "batch"
        self.state = State.load(self.directory)
        self.offline, self.poll, self.chunk = offline, poll, chunk
        self.limits = limits or BatchLimits()
        self.on_result = on_result
        self.progress = sys.stderr.isatty() if progress is None else progress
        self._client = client
        dialect = "json_schema" if self.settings.dialect == "auto" else self.settings.dialect
        live = OpenAIBackend(
            self.settings.base_url, self.settings.api_key, dialect=dialect, reasks=self.settings.reasks
        )
        self.backend = BatchBackend(live, cache_dir, run=self.state.run, max_failures=max_failures)
        self.pipeline = Pipeline(self.settings, backend=self.backend, gazetteer=gazetteer)
        self.summary = BatchSummary(articles=len(self.items))
        self._done: set[int] = set()

    # -- the whole run ----------------------------------------------------------------------
    async def run(self, executor: Executor | None = None) -> BatchSummary:
        """Rounds until no article misses an answer; returns what happened.

        Args:
            executor: offline only: runs each input file and writes its output (without it, an
                offline run stops after writing the first round's files; see :meth:`submit`).
        """
        try:
            while True:
                self._submit_open()
                if self.offline:
                    self._execute(executor)
                await self._wait()
                self._collect_ready()
                if self.state.open_entries():  # offline, with no executor: files to run first
                    break
                new = await self._pass()
                if not new:
                    break
                self._add(new)
            return self._finish()
        finally:
            await self.pipeline.aclose()

    async def submit(self) -> list[Entry]:
        """One step, no waiting: collect what has finished, finish what can be finished, and
        submit (or, offline, write) the lines still missing. Returns the new files."""
        try:
            self._submit_open()
            self._poll_once()
            self._collect_ready()
            new = await self._pass() if not self.state.open_entries() else []
            self._add(new)
            self._finish()
            return new
        finally:
            await self.pipeline.aclose()

    async def collect(self, outputs: Iterable[Path] = ()) -> BatchSummary:
        """Read back finished batches (offline: ``outputs``, or ``IN.out.jsonl`` beside each
        input) and write the reports of the articles that have all their answers."""
        try:
            for path in outputs:
                self._attach_output(Path(path))
            self._poll_once()
            self._collect_ready()
            await self._pass(submit=False)
            return self._finish()
        finally:
            await self.pipeline.aclose()

    def status(self) -> list[Entry]:
        """Each batch file of this run, after one look at those still running."""
        self._poll_once()
        return list(self.state.entries)

    # -- a round over the articles -------------------------------------------------------------
    async def _pass(self, submit: bool = True) -> list[Entry]:
        backend = self.backend
        await backend.ready()
        backend.in_flight = set().union(*(custom_ids(e.path) for e in self.state.open_entries()))
        writer = Writer(self.directory, self.limits, prefix=f"{self.state.run}-{len(self.state.entries):05d}")
        seen: set[str] = set()

        def sink(key: str, body: dict[str, Any]) -> None:
            if key not in seen and submit:
                seen.add(key)
                writer.add(key, body)

        backend.sink = sink
        todo = [i for i in range(len(self.items)) if i not in self._done]
        others = asyncio.all_tasks()  # the caller's tasks (a notebook's loop has some): not ours
        self.summary.pending = 0
        for start in range(0, len(todo), self.chunk):
            part = todo[start : start + self.chunk]
            results = await self.pipeline.summarize_many([self.items[i] for i in part], progress=False)
            while asyncio.all_tasks() - others:  # an article's other calls, still naming their lines
                await asyncio.sleep(0)
            for i, result in zip(part, results, strict=True):
                if isinstance(result, BatchPending):
                    self.summary.pending += 1
                    continue
                self._done.add(i)
                if isinstance(result, LibyapkError):
                    self.summary.failed[_article_id(self.items[i], result)] = str(result)
                else:
                    self.summary.reports += 1
                    self.summary.usage += result.usage
                if self.on_result is not None:
                    self.on_result(i, result)
        new = writer.close()
        if self.summary.pending and not new and not self.state.open_entries() and submit:
            raise LibyapkError(f"{self.summary.pending} articles wait for answers no batch will bring")
        if new:
            self.summary.rounds += 1
        return new

    def _add(self, new: list[Entry]) -> None:
        for entry in new:
            entry.offline = self.offline
            self.state.entries.append(entry)
            self.summary.lines += entry.lines
        self.state.save(self.directory)
        self._submit_open()

    def _finish(self) -> BatchSummary:
        self.summary.batches = len(self.state.entries)
        return self.summary

    # -- the provider ------------------------------------------------------------------------
    def client(self) -> Any:
        if self._client is None:
            import openai

            if not self.settings.base_url and not (self.settings.api_key or os.environ.get("OPENAI_API_KEY")):
                raise ConfigurationError(
                    "a batch run needs OPENAI_API_KEY (or --base-url for another Batch API server); "
                    "without a server, use --offline and run the files with `vllm run-batch`"
                )
            self._client = openai.OpenAI(
                base_url=self.settings.base_url,
                api_key=self.settings.api_key or os.environ.get("OPENAI_API_KEY") or "not-needed",
                max_retries=5,
            )
        return self._client

    def _submit_open(self) -> None:
        """Upload and start every file not yet running: each id is saved as soon as it exists,
        and a file or batch made just before a crash is found again (by its name) and reused."""
        for entry in self.state.open_entries():
            if entry.offline or entry.batch_id is not None:
                continue
            client = self.client()
            if entry.file_id is None:
                recent = client.files.list(purpose="batch", limit=100, order="desc").data
                found = [f for f in recent if f.filename == Path(entry.path).name]
                if found:
                    entry.file_id = found[0].id
                else:
                    with open(entry.path, "rb") as f:
                        entry.file_id = client.files.create(
                            file=(Path(entry.path).name, f), purpose="batch"
                        ).id
                self.state.save(self.directory)
            recent_batches = client.batches.list(limit=100).data  # the newest first: one page
            batch = next((b for b in recent_batches if b.input_file_id == entry.file_id), None)
            if batch is None:
                batch = client.batches.create(
                    input_file_id=entry.file_id,
                    endpoint="/v1/chat/completions",
                    completion_window="24h",
                    metadata={"libyapk_summ": entry.name},
                )
            entry.batch_id, entry.status = batch.id, batch.status
            self.state.save(self.directory)

    def _poll_once(self) -> bool:
        """One look at every running batch; True when none is still running."""
        running = False
        for entry in self.state.open_entries():
            if entry.offline or entry.batch_id is None or entry.status in TERMINAL:
                continue
            batch = self.client().batches.retrieve(entry.batch_id)
            entry.status = batch.status
            counts = batch.request_counts
            entry.counts = (
                {"total": counts.total, "completed": counts.completed, "failed": counts.failed}
                if counts
                else {}
            )
            running |= batch.status not in TERMINAL
        if self.state.entries:
            self.state.save(self.directory)
        return not running

    async def _wait(self) -> None:
        started = time.monotonic()
        while not self._poll_once():
            if self.progress:
                live = [e for e in self.state.open_entries() if e.status not in TERMINAL and not e.offline]
                done = sum(e.counts.get("completed", 0) for e in live)
                total = sum(e.counts.get("total", 0) or e.lines for e in live)
                print(
                    f"\rbatch: {len(live)} running, {done}/{total} lines done, "
                    f"{time.monotonic() - started:.0f} s",
                    end="",
                    file=sys.stderr,
                    flush=True,
                )
            await asyncio.sleep(self.poll)
        if self.progress:
            print(file=sys.stderr)

    def _execute(self, executor: Executor | None) -> None:
        for entry in self.state.open_entries():
            if entry.offline and entry.output is None and executor is not None:
                out = Path(entry.path).with_suffix(".out.jsonl")
                executor(Path(entry.path), out)
                entry.output = str(out)
                self.state.save(self.directory)

    def _attach_output(self, path: Path) -> None:
        ids = {line["custom_id"] for line in output_lines(path) if line is not None}
        for entry in self.state.open_entries():
            if entry.offline and ids & custom_ids(entry.path):
                entry.output = str(path)
        self.state.save(self.directory)

    # -- reading results back ---------------------------------------------------------------
    def _collect_ready(self) -> None:
        for entry in self.state.open_entries():
            if entry.offline:
                default = Path(entry.path).with_suffix(".out.jsonl")
                if entry.output is None and default.exists():
                    entry.output = str(default)
                if entry.output is not None:
                    self._collect(entry, [Path(entry.output)], "offline output")
            elif entry.status in TERMINAL:
                self._collect(entry, self._download(entry), f"batch {entry.batch_id} ({entry.status})")

    def _download(self, entry: Entry) -> list[Path]:
        batch = self.client().batches.retrieve(entry.batch_id)
        paths = []
        for kind, file_id in (("output", batch.output_file_id), ("errors", batch.error_file_id)):
            if file_id:
                path = Path(entry.path).with_suffix(f".{kind}.jsonl")
                self.client().files.content(file_id).write_to_file(path)
                paths.append(path)
        if batch.status == "failed" and batch.errors and batch.errors.data:
            entry.counts["why"] = "; ".join(str(e.message) for e in batch.errors.data)  # type: ignore[assignment]
        return paths

    def _collect(self, entry: Entry, paths: list[Path], where: str) -> None:
        """Store each answer under its call's key (kept per batch, so collecting twice after a
        crash changes nothing), note each failed or missing line with its cause."""
        backend = self.backend
        backend._open()
        wanted = custom_ids(entry.path)
        answered: set[str] = set()
        with backend._open().transact():
            for path in [p for p in paths if p.exists()]:
                for line in output_lines(path):
                    if line is None or line["custom_id"] not in wanted:
                        continue
                    key = line["custom_id"]
                    body, cause = line_result(line)
                    prefix, value = (
                        (ANSWERS, {"body": body}) if body is not None else (FAILS, f"{where}: {cause}")
                    )
                    ledger = backend.ledger(prefix, key)
                    ledger[entry.name] = value
                    backend.put_ledger(prefix, key, ledger)
                    if body is not None:
                        answered.add(key)
            missing = wanted - answered
            why = f"{where}: " + str(entry.counts.get("why") or "no answer for this line")
            for key in missing:
                ledger = backend.ledger(FAILS, key)
                if entry.name not in ledger:
                    ledger[entry.name] = why
                    backend.put_ledger(FAILS, key, ledger)
        self.summary.line_failures += len(missing)
        entry.collected = True
        self.state.save(self.directory)


def summarize_batch(
    items: Sequence[Article | str | os.PathLike[str]],
    settings: Settings | None = None,
    *,
    executor: Executor | None = None,
    **options: Any,
) -> BatchSummary:
    """Summarise ``items`` through a batch engine, in rounds until done (blocking).

    Args:
        items: article files or :class:`Article` objects.
        settings: model, key, endpoint and cache folder (default: from the environment).
        executor: offline only: runs one input file into its output (see :func:`command_executor`).
        **options: passed to :class:`BatchRunner` (``offline``, ``limits``, ``poll``,
            ``on_result``, ...).

    Returns:
        What the run did: rounds, reports, failures by article with their cause, usage.
    """
    from ._api import run_sync

    runner = BatchRunner(items, settings, **options)
    return run_sync(lambda: runner.run(executor))


def _article_id(item: Any, error: LibyapkError) -> str:
    return getattr(error, "article_id", None) or getattr(item, "id", None) or Path(str(item)).stem
