"""One call per key: concurrent tasks and processes on one cache folder; dead, expired and live holders."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time

import diskcache
import pytest

from libyapk_summ import CacheError
from libyapk_summ.backends import CachedBackend, CallRequest
from libyapk_summ.backends._keylock import PREFIX, LockPolicy
from libyapk_summ.testing import FakeBackend, Reply, schema_filler

from .conftest import ROOT
from .test_backend_cache import request, run

SLOW = 0.4


class SlowBackend(FakeBackend):
    """A FakeBackend whose every answer takes ``SLOW`` seconds."""

    async def complete(self, request: CallRequest):
        await asyncio.sleep(SLOW)
        return await super().complete(request)


def lock_value(pid: int, host: str = socket.gethostname()) -> str:
    return json.dumps({"host": host, "pid": pid, "id": "test"})


def hold(directory, value: str, expire: float = 60) -> None:
    with diskcache.Cache(str(directory)) as cache:
        assert cache.add(PREFIX + request().key, value, expire=expire)


def locks_left(directory) -> list[str]:
    with diskcache.Cache(str(directory)) as cache:
        return [k for k in cache.iterkeys() if str(k).startswith(PREFIX)]


def test_concurrent_tasks_asking_one_key_make_one_call(tmp_path):
    inner = SlowBackend()
    backend = CachedBackend(inner, tmp_path)

    async def go():
        try:
            return await asyncio.gather(*(backend.complete(request()) for _ in range(5)))
        finally:
            await backend.aclose()

    results = asyncio.run(go())
    assert len(inner.requests) == 1
    assert sorted(r.source for r in results) == ["cache"] * 4 + ["fake"]


def test_lock_is_released_after_a_call_and_after_a_failure(tmp_path):
    inner = FakeBackend()
    inner.enqueue(RuntimeError("boom"))
    with pytest.raises(RuntimeError):
        run(CachedBackend(inner, tmp_path), request())
    run(CachedBackend(inner, tmp_path), request())
    assert locks_left(tmp_path) == []


def test_lock_of_a_dead_process_is_broken_at_once(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    hold(tmp_path, lock_value(dead.pid))
    started = time.monotonic()
    (result,) = run(CachedBackend(FakeBackend(), tmp_path), request())
    assert result.source == "fake" and time.monotonic() - started < 2


def test_waiter_takes_the_answer_a_live_holder_stores(tmp_path):
    hold(tmp_path, lock_value(os.getpid()))  # alive: this very process
    run(CachedBackend(FakeBackend(), tmp_path / "elsewhere"), request())  # the answer to store
    inner = FakeBackend()

    async def go():
        backend = CachedBackend(inner, tmp_path)
        waiter = asyncio.create_task(backend.complete(request()))
        await asyncio.sleep(0.3)
        with diskcache.Cache(str(tmp_path / "elsewhere")) as src, diskcache.Cache(str(tmp_path)) as dst:
            dst.set(request().key, src.get(request().key))
        try:
            return await asyncio.wait_for(waiter, 5)
        finally:
            await backend.aclose()

    assert asyncio.run(go()).source == "cache" and inner.requests == []


def test_lock_of_a_holder_on_another_host_expires(tmp_path):
    hold(tmp_path, lock_value(1, host="another-host"), expire=0.3)
    started = time.monotonic()
    (result,) = run(CachedBackend(FakeBackend(), tmp_path), request())
    assert result.source == "fake" and time.monotonic() - started >= 0.3


def test_waiter_gives_up_after_max_wait_and_calls_with_a_warning(tmp_path):
    hold(tmp_path, lock_value(1, host="another-host"))
    backend = CachedBackend(FakeBackend(), tmp_path, lock=LockPolicy(max_wait=0.2))
    with pytest.warns(RuntimeWarning, match="waited 0.2 s for another process"):
        (result,) = run(backend, request())
    assert result.source == "fake"


def test_holder_keeps_its_lock_alive_past_expire_during_a_long_call(tmp_path):
    backend = CachedBackend(SlowBackend(), tmp_path, lock=LockPolicy(expire=0.15))

    async def go():
        call = asyncio.create_task(backend.complete(request()))
        await asyncio.sleep(SLOW * 0.75)  # two expiries in, one refresh every 0.05 s
        held = locks_left(tmp_path)
        await call
        await backend.aclose()
        return held

    assert len(asyncio.run(go())) == 1 and locks_left(tmp_path) == []


def test_full_disk_while_locking_degrades_to_no_cache(tmp_path, monkeypatch):
    def full(self, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(diskcache.Cache, "add", full)
    inner = FakeBackend()
    with pytest.warns(RuntimeWarning, match="response cache disabled"):
        first, second = run(CachedBackend(inner, tmp_path), request(), request(prompt_hash="p2"))
    assert first.source == second.source == "fake" and len(inner.requests) == 2


def test_cache_folder_that_is_a_file_says_how_to_clear_it(tmp_path):
    (tmp_path / "cache").write_text("not a folder")
    with pytest.raises(CacheError, match=r"cannot be opened .*rm -r"):
        run(CachedBackend(FakeBackend(), tmp_path / "cache"), request())


class _Trap:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))  # unpickling this creates a file


def test_pickled_value_in_the_cache_is_never_unpickled(tmp_path):
    marker = tmp_path / "unpickled"
    with diskcache.Cache(str(tmp_path / "cache")) as cache:
        cache.set(request().key, _Trap(str(marker)))
    (result,) = run(CachedBackend(FakeBackend(), tmp_path / "cache"), request())
    assert result.source == "fake" and not marker.exists()


_WORKER = """
import asyncio, json, os, sys, time
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.backends import CachedBackend, CallRequest, OpenAIBackend

url, cache, go = sys.argv[1:4]
messages = ({"role": "user", "content": "same"},)
req = CallRequest("art-1", "translate-s1", "m", messages, TranslationAnswer, "p")
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.01)

async def main():
    backend = CachedBackend(OpenAIBackend(url, "k"), cache)
    try:
        result = await backend.complete(req)
    finally:
        await backend.aclose()
    print(json.dumps({"source": result.source, "content": result.content}), flush=True)

asyncio.run(main())
"""


def test_three_processes_on_one_cache_make_one_request(server, tmp_path):
    server.handler = lambda r: Reply(body=schema_filler(r).body, delay=0.5)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-c", _WORKER, server.base_url, str(tmp_path / "cache"), str(go)]
    workers = [subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    try:
        assert [w.stdout.readline().strip() for w in workers] == ["ready"] * 3
        go.touch()  # all three ask at once
        answers = [json.loads(w.communicate(timeout=60)[0]) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    assert len(server.requests) == 1
    assert sorted(a["source"] for a in answers) == ["cache", "cache", "live"]
    assert len({a["content"] for a in answers}) == 1
    assert locks_left(tmp_path / "cache") == []
