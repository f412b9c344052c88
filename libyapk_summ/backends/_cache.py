"""A disk cache of answers, keyed on the request key (model, messages, schema,
sampling, prompt hash).

Values are JSON strings — diskcache stores ``str`` natively, so nothing is ever
pickled, and a pickled value found there is never unpickled — and carry the
usage of the call that produced them, so a report can say how many tokens the
cache saved.

Each call is made once per key, even when several tasks of one process, or
several processes sharing the folder, ask for it at the same time: the first
takes the key's lock (an asyncio lock within the process, a lock entry in the
cache across processes, see ``_keylock``) and the others wait for its answer.
A full disk turns caching (and locking) off with one warning; the batch goes on.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import sqlite3
import time
import warnings
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .._errors import CacheError
from . import _keylock
from ._base import Backend, CallRequest, CallResult
from ._keylock import LockPolicy

_VERSION = 1
_REPORT = "report:"  # a call's key is bare hex; a report's has this prefix
T = TypeVar("T")


def default_cache_dir() -> Path:
    home = os.environ.get("LIBYAPK_SUMM_HOME")
    base = Path(home) if home else Path.home() / ".cache" / "libyapk_summ"
    return base / "responses"


@functools.cache
def _no_pickle_disk() -> Any:
    """diskcache's Disk, except that it never unpickles: a pickled value (which we never write)
    reads as a miss, so a tampered cache cannot run code on load."""
    import diskcache
    from diskcache.core import MODE_PICKLE

    class NoPickleDisk(diskcache.Disk):  # type: ignore[misc]
        def fetch(self, mode: int, filename: str, value: Any, read: bool) -> Any:
            return None if mode == MODE_PICKLE else super().fetch(mode, filename, value, read)

    return NoPickleDisk


class CachedBackend:
    """Answers from the cache when it can, else from ``inner`` (and stores the answer).

    Args:
        inner: the backend that makes real calls.
        directory: the cache folder.
        lock: how per-key locks expire and how waiters poll (see :class:`LockPolicy`).
    """

    def __init__(
        self,
        inner: Backend,
        directory: str | os.PathLike[str] | None = None,
        *,
        lock: LockPolicy | None = None,
    ) -> None:
        self.inner = inner
        self.directory = Path(directory) if directory else default_cache_dir()
        self.name = inner.name
        self.lock = lock or LockPolicy()
        self._cache: Any = None
        self._disabled = False
        self._local: dict[str, tuple[asyncio.Lock, int]] = {}
        self._thread: ThreadPoolExecutor | None = None

    async def _in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a cache operation off the event loop, on this cache's own worker thread.

        One thread, not the loop's shared pool: SQLite lets one writer in at a time anyway, and
        with fewer threads asking for the GIL, each operation costs less CPU (measured: about a
        third less per call at 8 requests in flight).
        """
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="libyapk-cache")
        return await asyncio.get_running_loop().run_in_executor(self._thread, fn, *args)

    def _open(self) -> Any:
        if self._cache is None:
            import diskcache

            try:
                self._cache = diskcache.Cache(str(self.directory), size_limit=2**32, disk=_no_pickle_disk())
            except (sqlite3.DatabaseError, OSError) as exc:
                raise CacheError(
                    f"the response cache at {self.directory} cannot be opened ({exc}); "
                    f"delete that folder (rm -r {self.directory}) or pass another --cache-dir"
                ) from exc
        return self._cache

    async def ready(self) -> None:
        """Open the cache (off the event loop) before a batch starts: every look-up after this
        one is a read on the loop, which never waits, instead of a queue at the cache's thread."""
        if self._cache is None and not self._disabled:
            await self._in_thread(self._open)

    def _corrupt(self, exc: BaseException) -> CacheError:
        return CacheError(
            f"the response cache at {self.directory} is corrupt ({exc}); "
            f"delete it (rm -r {self.directory}) and run again"
        )

    def _disable(self, exc: BaseException) -> None:
        # A full disk must not lose the batch: go on without caching.
        if not self._disabled:
            self._disabled = True
            warnings.warn(
                f"response cache disabled: cannot write to {self.directory} ({exc}); "
                "answers are not cached for the rest of this run — free some space",
                RuntimeWarning,
                stacklevel=3,
            )

    def _get(self, key: str) -> dict[str, Any] | None:
        try:
            raw = self._open().get(key)
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc
        if raw is None:
            return None
        try:
            data = json.loads(raw)
        except (TypeError, ValueError):
            return None  # a value we did not write: ignore it and overwrite
        return data if isinstance(data, dict) and data.get("v") == _VERSION else None

    def _set(self, key: str, result: CallResult) -> None:
        if self._disabled:
            return
        self._put(key, _answer_json(result))

    # Whole reports, beside the answers they were built from (see Pipeline.summarize): the key
    # covers the article, the model, the gazetteer and the library's own code and prompts.
    async def get_report(self, key: str) -> str | None:
        """The stored report JSON for ``key``, or None (read like an answer: see ``_read``)."""
        if self._disabled:
            return None
        hit = await self._read(_REPORT + key)
        return hit.get("report") if hit is not None and isinstance(hit.get("report"), str) else None

    async def put_report(self, key: str, report_json: str) -> None:
        if self._disabled:
            return
        value = json.dumps({"v": _VERSION, "report": report_json}, ensure_ascii=False)
        await self._in_thread(self._put, _REPORT + key, value)

    def _put(self, key: str, value: str) -> None:
        try:
            self._open().set(key, value)
        except (OSError, sqlite3.OperationalError) as exc:
            self._disable(exc)

    def _lock_op(self, op: Any, *args: Any) -> Any:
        """Runs a ``_keylock`` operation; None when the cache cannot be written (disk full)."""
        try:
            return op(self._open(), *args)
        except (OSError, sqlite3.OperationalError) as exc:
            self._disable(exc)
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc
        return None

    def _valid(self, request: CallRequest, hit: dict[str, Any] | None) -> CallResult | None:
        if hit is None:
            return None
        try:
            return self._result(request, hit)
        except (ValidationError, KeyError, TypeError):
            return None  # a value an older build wrote: ask again and overwrite it

    async def _read(self, key: str) -> dict[str, Any] | None:
        # On the event loop itself: diskcache runs SQLite in WAL mode, where a reader never waits
        # for a writer, and a read (tens of microseconds) costs less than a trip to a thread.
        # Writes, which can wait for another process, go to the cache's thread, and so does the
        # first look, which opens the cache (and may create it).
        if self._cache is None:
            return await self._in_thread(self._get, key)
        return self._get(key)

    async def _lookup(self, request: CallRequest) -> CallResult | None:
        return self._valid(request, await self._read(request.key))

    def _claim(self, key: str, token: str) -> tuple[dict[str, Any] | None, bool]:
        """One trip to a worker thread: the stored answer if there is one by now; else try the
        key's lock, and if it is ours, look once more (stored between the look and the claim)."""
        hit = self._get(key)
        if hit is not None or self._disabled:
            return hit, False
        claimed = bool(self._lock_op(_keylock.try_claim, key, token, self.lock.expire))
        return (self._get(key) if claimed else None), claimed

    def _store(self, key: str, result: CallResult, token: str | None) -> None:
        """Store the answer and free the key's lock (if held) in one transaction, on one trip to
        the worker thread: one SQLite commit instead of two for every answer."""
        if token is None:
            self._set(key, result)
            return
        if self._disabled:  # turned off while the call ran: nothing to store, the lock to free
            self._release(key, token)
            return
        value = _answer_json(result)
        try:
            cache = self._open()
            with cache.transact(retry=True):
                cache.set(key, value, retry=True)
                _keylock.release(cache, key, token)
        except (OSError, sqlite3.OperationalError) as exc:
            self._disable(exc)
            self._release(key, token)  # the lock expires by itself if this fails too
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc

    async def complete(self, request: CallRequest) -> CallResult:
        found = await self._lookup(request)
        if found is not None:
            return found
        async with self._local_lock(request.key):  # a task of this process may be storing it
            if self._disabled:
                return await self._lookup(request) or await self.inner.complete(request)
            return await self._complete_locked(request)

    async def _complete_locked(self, request: CallRequest) -> CallResult:
        key, token = request.key, _keylock.new_token()
        deadline, pause = time.monotonic() + self.lock.max_wait, self.lock.poll
        while True:
            hit, claimed = await self._in_thread(self._claim, key, token)
            found = self._valid(request, hit)
            if found is not None:
                if claimed:
                    await self._in_thread(self._release, key, token)
                return found
            if claimed:
                break
            if self._disabled:
                return await self.inner.complete(request)
            if time.monotonic() > deadline:
                warnings.warn(
                    f"waited {self.lock.max_wait:g} s for another process to answer call "
                    f"{request.article_id}/{request.call}; calling it here too",
                    RuntimeWarning,
                    stacklevel=2,
                )
                return await self._call_and_store(request, None)
            await asyncio.sleep(pause)
            pause = min(pause * 2, self.lock.max_poll)
        return await self._call_and_store(request, token)

    def _release(self, key: str, token: str) -> None:
        with suppress(Exception):  # unreleased, the lock expires by itself
            self._lock_op(_keylock.release, key, token)

    async def _call_and_store(self, request: CallRequest, token: str | None) -> CallResult:
        stored = False
        try:
            async with self._heartbeat(request.key, token):
                result = await self.inner.complete(request)
            await self._in_thread(self._store, request.key, result, token)
            stored = True
            return result
        finally:
            if token is not None and not stored:
                with suppress(Exception):
                    await self._in_thread(self._release, request.key, token)

    @asynccontextmanager
    async def _local_lock(self, key: str) -> AsyncIterator[None]:
        lock, users = self._local.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._local[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._local[key]
            if users > 1:
                self._local[key] = (lock, users - 1)
            else:
                del self._local[key]

    @asynccontextmanager
    async def _heartbeat(self, key: str, token: str | None) -> AsyncIterator[None]:
        """Refreshes the key's lock every ``expire / 3`` while the call runs.

        A timer, not a task per call: nearly every call ends before its first beat is due, and a
        task started and cancelled for each one cost more than the timer (valgrind, a miss: about
        0.02 M instructions of 1.44 M).
        """
        if token is None:  # no lock to keep alive
            yield
            return
        loop = asyncio.get_running_loop()
        interval = self.lock.expire / 3
        timer: asyncio.TimerHandle | None = None

        def due() -> None:
            nonlocal timer
            beat = asyncio.ensure_future(
                self._in_thread(self._lock_op, _keylock.refresh, key, token, self.lock.expire)
            )
            beat.add_done_callback(_observed)  # a refresh that failed is retried at the next beat
            timer = loop.call_later(interval, due)

        timer = loop.call_later(interval, due)
        try:
            yield
        finally:
            if timer is not None:
                timer.cancel()

    def _result(self, request: CallRequest, hit: dict[str, Any]) -> CallResult:
        return CallResult(
            value=request.response_model.model_validate_json(hit["content"]),
            content=hit["content"],
            prompt_tokens=hit.get("prompt_tokens", 0),
            completion_tokens=hit.get("completion_tokens", 0),
            attempts=0,
            source="cache",
            model=hit.get("recorded", {}).get("model", request.model),
            backend=self.name,
            recorded=hit.get("recorded", {}),
        )

    async def aclose(self) -> None:
        await self.inner.aclose()
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            self._thread = None
        if self._cache is not None:
            self._cache.close()
            self._cache = None


def _observed(future: asyncio.Future[Any]) -> None:
    """Marks a fire-and-forget future's exception as seen (asyncio logs unseen ones)."""
    if not future.cancelled():
        future.exception()


def _answer_json(result: CallResult) -> str:
    """What the cache stores for an answer: its JSON and the usage of the call that made it."""
    return json.dumps(
        {
            "v": _VERSION,
            "content": result.content,
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "recorded": result.recorded,
        },
        ensure_ascii=False,
    )
