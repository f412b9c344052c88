"""Backends: one protocol (:class:`Backend`), composed per mode by :func:`make_backend`."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

from ._base import Backend, CallRequest, CallResult, Sampling
from ._cache import CachedBackend
from ._fixtures import FixtureStore, RecordingBackend, ReplayBackend
from ._keylock import LockPolicy
from ._openai import Dialect, OpenAIBackend, Timeouts
from ._retry import RetryPolicy

if TYPE_CHECKING:
    from .._settings import Settings

__all__ = [
    "Backend",
    "CachedBackend",
    "CallRequest",
    "CallResult",
    "FixtureStore",
    "LockPolicy",
    "OpenAIBackend",
    "RecordingBackend",
    "ReplayBackend",
    "RetryPolicy",
    "Sampling",
    "Timeouts",
    "detect_dialect",
    "make_backend",
]

NO_BACKEND_HINT = (
    "It was never recorded and no model was given; three ways on: --mode local (the managed "
    "Qwen model), --base-url URL (any OpenAI-compatible server; or OPENAI_BASE_URL / OPENAI_API_KEY), "
    "or record it once: libyapk-summ record ARTICLE --base-url URL."
)


def detect_dialect(base_url: str | None) -> Dialect:
    """``llamacpp`` when a loopback server says it is llama.cpp, else ``json_schema``."""
    if not base_url:
        return "json_schema"
    host = urllib.parse.urlparse(base_url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        return "json_schema"
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + "/models", timeout=3) as resp:
            data = json.load(resp)
    except (OSError, ValueError):
        return "json_schema"
    owners = {str(m.get("owned_by", "")) for m in data.get("data", []) if isinstance(m, dict)}
    return "llamacpp" if owners & {"me", "llamacpp", "llama.cpp"} else "json_schema"


def _live(settings: Settings) -> Backend:
    if settings.mode == "local" or (settings.mode == "record" and not settings.has_backend):
        from ._local import LocalBackend

        return LocalBackend(reasks=settings.reasks, slots=settings.concurrency)
    dialect = detect_dialect(settings.base_url) if settings.dialect == "auto" else settings.dialect
    return OpenAIBackend(
        settings.base_url,
        settings.api_key,
        dialect=dialect,
        reasks=settings.reasks,
        retry=RetryPolicy(attempts=settings.retries),
        timeouts=Timeouts(total=settings.timeout),
        concurrency=settings.concurrency,
    )


def _cached(backend: Backend, settings: Settings) -> Backend:
    return CachedBackend(backend, settings.cache_dir) if settings.use_cache else backend


def make_backend(settings: Settings, prompt_version: str) -> Backend:
    """Compose the backend a mode calls for.

    * replay: fixtures only;
    * auto: fixtures, else the configured backend (cached), else a clear error;
    * live / local: the backend, cached;
    * record: the backend (cached), writing a fixture for every answer; with
      ``record_missing``, recorded calls are replayed and only the others asked.
    """
    store = FixtureStore(settings.fixtures_dir)
    if settings.mode == "replay":
        return ReplayBackend(store, record_hint=_record_hint())
    if settings.mode == "auto":
        fallback = _cached(_live(settings), settings) if settings.has_backend else None
        return ReplayBackend(store, fallback, record_hint=NO_BACKEND_HINT)
    if settings.mode == "record":
        return RecordingBackend(
            _cached(_live(settings), settings), store, prompt_version, missing_only=settings.record_missing
        )
    return _cached(_live(settings), settings)


def _record_hint() -> str:
    return (
        "Replay mode answers only what was recorded: record it with `libyapk-summ record ARTICLE` "
        "(the managed local model) or `libyapk-summ record ARTICLE --base-url URL`, or run it with "
        "--mode local or --base-url URL."
    )
