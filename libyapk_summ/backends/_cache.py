"""A disk cache of answers, keyed on the request key (model, messages, schema,
sampling, prompt hash).

Values are JSON strings — diskcache stores ``str`` natively, so nothing is ever
pickled — and carry the usage of the call that produced them, so a report can
say how many tokens the cache saved.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import warnings
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._errors import CacheError
from ._base import Backend, CallRequest, CallResult

_VERSION = 1


def default_cache_dir() -> Path:
    home = os.environ.get("LIBYAPK_SUMM_HOME")
    base = Path(home) if home else Path.home() / ".cache" / "libyapk_summ"
    return base / "responses"


class CachedBackend:
    """Answers from the cache when it can, else from ``inner`` (and stores the answer).

    Args:
        inner: the backend that makes real calls.
        directory: the cache folder.
    """

    def __init__(self, inner: Backend, directory: str | os.PathLike[str] | None = None) -> None:
        self.inner = inner
        self.directory = Path(directory) if directory else default_cache_dir()
        self.name = inner.name
        self._cache: Any = None
        self._disabled = False

    def _open(self) -> Any:
        if self._cache is None:
            import diskcache

            try:
                self._cache = diskcache.Cache(str(self.directory), size_limit=2**32)
            except (sqlite3.DatabaseError, OSError) as exc:
                raise CacheError(
                    f"the response cache at {self.directory} cannot be opened ({exc}); "
                    f"delete that folder (rm -r {self.directory}) or pass another --cache-dir"
                ) from exc
        return self._cache

    def _get(self, key: str) -> dict[str, Any] | None:
        try:
            raw = self._open().get(key)
        except sqlite3.DatabaseError as exc:
            raise CacheError(
                f"the response cache at {self.directory} is corrupt ({exc}); "
                f"delete it (rm -r {self.directory}) and run again"
            ) from exc
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
        value = json.dumps(
            {
                "v": _VERSION,
                "content": result.content,
                "prompt_tokens": result.prompt_tokens,
                "completion_tokens": result.completion_tokens,
                "recorded": result.recorded,
            },
            ensure_ascii=False,
        )
        try:
            self._open().set(key, value)
        except (OSError, sqlite3.OperationalError) as exc:
            # A full disk must not lose the batch: go on without caching.
            self._disabled = True
            warnings.warn(
                f"response cache disabled: cannot write to {self.directory} ({exc})",
                RuntimeWarning,
                stacklevel=2,
            )

    async def complete(self, request: CallRequest) -> CallResult:
        key = request.key
        hit = await asyncio.to_thread(self._get, key)
        if hit is not None:
            try:
                return self._result(request, hit)
            except ValidationError:
                pass  # a value an older build wrote: ask again and overwrite it
        result = await self.inner.complete(request)
        await asyncio.to_thread(self._set, key, result)
        return result

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
        if self._cache is not None:
            self._cache.close()
            self._cache = None
