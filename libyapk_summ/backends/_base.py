"""The one narrow backend protocol: send these messages with this schema, get this model back.

Every implementation — live, local, record, replay, cache, fake — takes a
:class:`CallRequest` and returns a :class:`CallResult`; they compose by wrapping
one another (``Recording(Cached(Live))``), like httpx transports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, Protocol

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class Sampling:
    """Sampling parameters sent with every call (part of the cache key)."""

    temperature: float = 0.0
    max_tokens: int = 400
    seed: int | None = 0


@dataclass(frozen=True, slots=True)
class CallRequest:
    """One structured question about one article."""

    article_id: str
    call: str
    model: str
    messages: tuple[dict[str, str], ...]
    response_model: type[BaseModel]
    prompt_hash: str
    sampling: Sampling = field(default_factory=Sampling)
    _key: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def key(self) -> str:
        """sha256 of canonical JSON of everything that determines the answer.

        Computed once per request (the cache and the fixture store ask for it several times,
        and a participants question carries the whole article).
        """
        key = self._key
        if key is None:
            key = request_key(self.model, self.messages, self.response_model, self.sampling, self.prompt_hash)
            object.__setattr__(self, "_key", key)
        return key


@cache
def schema_of(response_model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema of a response model, built once per class."""
    return response_model.model_json_schema()


@cache
def _schema_json(response_model: type[BaseModel]) -> str:
    return json.dumps(schema_of(response_model), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def request_key(
    model: str,
    messages: tuple[dict[str, str], ...],
    response_model: type[BaseModel],
    sampling: Sampling,
    prompt_hash: str,
) -> str:
    head = json.dumps(
        {
            "model": model,
            "messages": messages,
            "sampling": [sampling.temperature, sampling.max_tokens, sampling.seed],
            "prompt": prompt_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((head + _schema_json(response_model)).encode()).hexdigest()


Source = Literal["live", "cache", "replay", "fake", "batch"]


@dataclass(slots=True)
class CallResult:
    """A validated answer, the raw JSON it came from, and what it cost."""

    value: BaseModel
    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 1
    source: Source = "live"
    model: str = ""
    backend: str = ""
    recorded: dict[str, Any] = field(default_factory=dict)
    """Provenance of the original model call (model, server, versions, date)."""


class Backend(Protocol):
    """What the pipeline needs from a model backend."""

    name: str

    async def complete(self, request: CallRequest) -> CallResult: ...

    async def aclose(self) -> None: ...


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
