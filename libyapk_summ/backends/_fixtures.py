"""Recorded responses: write them from a real model, replay them offline.

One pretty JSON file per call key, under ``<fixtures>/<article id>/``, holding
the request (messages, schema name, sampling), the model's raw JSON answer,
its usage, and provenance (model, server, library and prompt version, date).
No key or header is ever written. Replay re-validates the stored JSON against
the response model on every read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from .._errors import FixtureMissingError
from .._version import __version__
from ._base import Backend, CallRequest, CallResult

FORMAT = 1
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str) -> str:
    """A file-system-safe name: no separators, no dot-dot, bounded length.

    A name that had to be changed gets a hash of the original, so two ids that
    fold to the same characters ("a/b", "a?b") never share a folder.
    """
    name = _SAFE.sub("_", text).strip("._") or "article"
    if name == text and len(name) <= 80:
        return name
    return f"{name[:64]}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


class FixtureStore:
    """A folder of recorded responses."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def path_for(self, request: CallRequest) -> Path:
        return (
            self.root / safe_name(request.article_id) / f"{safe_name(request.call)}.{request.key[:16]}.json"
        )

    def has(self, request: CallRequest) -> bool:
        return self.path_for(request).is_file()

    def read(self, request: CallRequest) -> dict[str, Any] | None:
        path = self.path_for(request)
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        if not isinstance(data, dict) or data.get("key") != request.key:
            return None  # a 16-hex prefix collision (or not a fixture): treat as a miss
        return data

    def write(self, request: CallRequest, result: CallResult, prompt_version: str) -> Path:
        path = self.path_for(request)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "format": FORMAT,
            "key": request.key,
            "article_id": request.article_id,
            "call": request.call,
            "request": {
                "model": request.model,
                "messages": list(request.messages),
                "response_model": request.response_model.__name__,
                "sampling": {
                    "temperature": request.sampling.temperature,
                    "max_tokens": request.sampling.max_tokens,
                    "seed": request.sampling.seed,
                },
                "prompt_hash": request.prompt_hash,
            },
            "response": {"content": _pretty_json(result.content)},
            "usage": {
                "prompt_tokens": result.prompt_tokens,
                "completion_tokens": result.completion_tokens,
                "attempts": result.attempts,
            },
            "provenance": {
                **result.recorded,
                "library": f"libyapk_summ {__version__}",
                "prompt_version": prompt_version,
            },
        }
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        return path

    def prune(self, article_id: str, keep: set[Path]) -> list[Path]:
        """Delete an article's fixtures that a fresh recording did not write (stale keys)."""
        folder = self.root / safe_name(article_id)
        removed = [p for p in folder.glob("*.json") if p not in keep]
        for p in removed:
            p.unlink()
        return removed


def _pretty_json(content: str) -> Any:
    """Store the model's JSON as JSON (diff-friendly); keep it as a string if it is not JSON."""
    try:
        return json.loads(content)
    except (TypeError, ValueError):
        return content


def _content_text(stored: Any) -> str:
    return stored if isinstance(stored, str) else json.dumps(stored, ensure_ascii=False)


class ReplayBackend:
    """Answers from fixtures; on a miss asks ``fallback``, or raises a clear error.

    Args:
        store: the fixture folder.
        fallback: the backend for calls that were never recorded (``auto`` mode);
            None means replay only.
        record_hint: the command that records a missing fixture, for the error.
    """

    def __init__(
        self, store: FixtureStore, fallback: Backend | None = None, *, record_hint: str = ""
    ) -> None:
        self.store = store
        self.fallback = fallback
        self.record_hint = record_hint
        self.name = f"replay({store.root})" + (f" else {fallback.name}" if fallback else "")

    async def complete(self, request: CallRequest) -> CallResult:
        data = self.store.read(request)
        if data is None:
            if self.fallback is not None:
                return await self.fallback.complete(request)
            raise FixtureMissingError(
                f"no recorded response for this call (key {request.key[:16]}). "
                + (
                    self.record_hint
                    or "Record it with `libyapk-summ record ARTICLE --base-url URL` (or --mode local), "
                    "or run it live with --base-url URL."
                ),
                article_id=request.article_id,
                call=request.call,
            )
        content = _content_text(data["response"]["content"])
        value = request.response_model.model_validate_json(content)
        usage = data.get("usage", {})
        prov = data.get("provenance", {})
        return CallResult(
            value=value,
            content=content,
            prompt_tokens=usage.get("prompt_tokens", 0),
            completion_tokens=usage.get("completion_tokens", 0),
            attempts=0,
            source="replay",
            model=prov.get("model", request.model),
            backend=self.name,
            recorded=prov,
        )

    async def aclose(self) -> None:
        if self.fallback is not None:
            await self.fallback.aclose()


class RecordingBackend:
    """Wraps a live (or cached live) backend and writes every answer as a fixture.

    With ``missing_only``, a call already recorded is answered from its fixture (which is
    kept as it is, provenance and all) and only the calls never recorded reach ``inner``.
    """

    def __init__(
        self, inner: Backend, store: FixtureStore, prompt_version: str, *, missing_only: bool = False
    ) -> None:
        self.inner = inner
        self.store = store
        self.prompt_version = prompt_version
        self.written: dict[str, set[Path]] = {}
        self.replay = ReplayBackend(store) if missing_only else None
        self.name = f"record({inner.name})" + (", missing only" if missing_only else "")

    async def complete(self, request: CallRequest) -> CallResult:
        if self.replay is not None:
            try:
                replayed = await self.replay.complete(request)
            except FixtureMissingError:
                pass  # never recorded: ask the model below
            else:
                self.written.setdefault(request.article_id, set()).add(self.store.path_for(request))
                return replayed
        result = await self.inner.complete(request)
        if result.source not in ("live", "cache"):
            return result
        path = self.store.write(request, result, self.prompt_version)
        self.written.setdefault(request.article_id, set()).add(path)
        return result

    def prune_stale(self) -> list[Path]:
        """Remove, for each recorded article, fixtures of calls this run no longer makes."""
        removed: list[Path] = []
        for article_id, paths in self.written.items():
            removed += self.store.prune(article_id, paths)
        return removed

    async def aclose(self) -> None:
        await self.inner.aclose()
