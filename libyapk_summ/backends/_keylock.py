"""Per-key locks kept in the cache itself, so processes sharing a cache folder make each call once.

diskcache's ``add`` is atomic: the first process to add ``lock:<key>`` holds the key; the others
wait, looking for the answer, until the holder stores it (diskcache's stampede recipe). A lock is
a JSON string naming its holder (host, pid, a random token) and expires unless the holder
refreshes it, so a holder that crashed, was killed or froze never blocks a rerun for long; on the
same host a dead holder's lock is broken at once.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

PREFIX = "lock:"
_HOST = socket.gethostname()


@dataclass(frozen=True, slots=True)
class LockPolicy:
    """How long locks live and how waiters wait, in seconds.

    Attributes:
        expire: a lock its holder has not refreshed for this long is dead; holders refresh it
            every ``expire / 3`` while their call runs.
        poll: the first pause between looks while another process holds the key; it doubles up
            to ``max_poll``.
        max_poll: the longest pause between looks.
        max_wait: past this, a waiter stops waiting and calls anyway (with a warning): a
            duplicate call is better than a batch that hangs.
    """

    expire: float = 60.0
    poll: float = 0.05
    max_poll: float = 1.0
    max_wait: float = 900.0


def new_token() -> str:
    """A lock value that names this process: JSON, like every other value in the cache."""
    return json.dumps({"host": _HOST, "pid": os.getpid(), "id": uuid.uuid4().hex})


def holder_is_dead(value: Any) -> bool:
    """True when the lock's holder is known to be gone: a process of this host that no longer
    runs (or is a zombie), or a value that is not one of our lock tokens. A holder on another
    host is never known dead; its lock expires instead."""
    try:
        holder = json.loads(value)
        pid, host = int(holder["pid"]), str(holder["host"])
    except (TypeError, ValueError, KeyError):
        return True
    if host != _HOST or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    except OSError:
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    # A killed child its parent has not reaped yet still answers kill(pid, 0).
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rpartition(")")[2].split()[:1] == ["Z"]
    except OSError:
        return False


def try_claim(cache: Any, key: str, token: str, expire: float) -> bool:
    """Takes ``key``'s lock for ``token`` if it is free, expired, or its holder is dead."""
    lock_key = PREFIX + key
    if cache.add(lock_key, token, expire=expire, retry=True):
        return True
    holder = cache.get(lock_key, retry=True)
    if holder is None or not holder_is_dead(holder):
        return holder is None and bool(cache.add(lock_key, token, expire=expire, retry=True))
    with cache.transact(retry=True):
        if cache.get(lock_key) == holder:
            cache.delete(lock_key)
    return bool(cache.add(lock_key, token, expire=expire, retry=True))


def refresh(cache: Any, key: str, token: str, expire: float) -> bool:
    """Pushes the lock's expiry back, if ``token`` still holds it."""
    lock_key = PREFIX + key
    with cache.transact(retry=True):
        return cache.get(lock_key) == token and bool(cache.touch(lock_key, expire=expire))


def release(cache: Any, key: str, token: str) -> None:
    """Frees the lock, if ``token`` still holds it (an expired one may have passed on)."""
    lock_key = PREFIX + key
    with cache.transact(retry=True):
        if cache.get(lock_key) == token:
            cache.delete(lock_key)
