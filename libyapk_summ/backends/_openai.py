"""Live backend: any OpenAI-compatible server, through ``openai``, with instructor's JSON_SCHEMA
request and re-ask forms (built here: see :meth:`OpenAIBackend.request_body`).

Two retry budgets, kept apart:

* transport retries (tenacity, here): 408, 429, 5xx, timeouts and connection
  errors, honouring ``Retry-After`` up to a cap; the ``openai`` client's own
  retries are switched off (``max_retries=0``) so attempts do not multiply;
* re-asks (``reasks``): only when the answer fails validation.

The wire *dialect* says how the schema travels: OpenAI structured outputs
(``json_schema``, also accepted by vLLM and Ollama), or llama.cpp's
``{"type": "json_object", "schema": ...}``, which its server enforces with a
grammar while it rejects the ``json_schema`` form with an HTTP 500.
"""

from __future__ import annotations

import contextvars
import email.utils
import functools
import json
import random
import time
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from .._errors import CallError, PermanentBackendError, ResponseValidationError, TransportError
from ._base import CallRequest, CallResult, schema_of, utcnow

Dialect = Literal["json_schema", "llamacpp"]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Transport retries (not re-asks)."""

    attempts: int = 5
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    """A server asking for a longer wait than this is not waited for: the call fails."""


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Per-request timeouts in seconds (connect and total)."""

    connect: float = 10.0
    total: float = 300.0


_TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 504}


@dataclass(slots=True)
class _Tally:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    wire_calls: int = 0
    transport_retries: int = 0


_tally: contextvars.ContextVar[_Tally] = contextvars.ContextVar("libyapk_tally")


class WireBody(Exception):  # not an error: the request a batch line must carry
    """Raised, in batch mode, where a live call would go on the wire: ``body`` is exactly the
    JSON it would have posted (the dialect applied), the next line of a batch file."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__("this call needs an answer from a batch")
        self.body = body


_replay: contextvars.ContextVar[list[dict[str, Any]] | None] = contextvars.ContextVar(
    "libyapk_replay", default=None
)


_REASK = "Correct your JSON ONLY RESPONSE, based on the following errors:"


@functools.cache
def _response_format(model: type[BaseModel]) -> dict[str, Any]:
    """``response_format`` for ``model``, built once per class (never mutated: the dialect
    swaps in a new dict, and the SDK only serialises it)."""
    return {"type": "json_schema", "json_schema": {"name": model.__name__, "schema": schema_of(model)}}


def retry_after_seconds(headers: Any) -> float | None:
    """Seconds a server asked us to wait: ``retry-after-ms``, or ``retry-after`` in seconds or HTTP-date."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            seconds = float(ms) / 1000.0
        except ValueError:
            pass
        else:
            if seconds == seconds:
                return max(seconds, 0.0)
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(seconds, 0.0) if seconds == seconds else None  # NaN is no instruction
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


class OpenAIBackend:
    """Calls an OpenAI-compatible ``/v1/chat/completions`` endpoint.

    Args:
        base_url: e.g. ``https://api.openai.com/v1`` or ``http://127.0.0.1:8080/v1``.
        api_key: the key; never logged, stored or echoed.
        dialect: how the JSON schema is sent (see module docstring).
        reasks: re-asks after a validation failure.
        retry: transport retry policy.
        timeouts: request timeouts.
        server: a description of the server for fixture provenance.
        concurrency: the most requests in flight at once through this backend.
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        dialect: Dialect = "json_schema",
        reasks: int = 2,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        server: str | None = None,
        concurrency: int = 8,
    ) -> None:
        self.base_url = base_url
        self._api_key = api_key
        self.dialect: Dialect = dialect
        self.reasks = reasks
        self.retry = retry or RetryPolicy()
        self.timeouts = timeouts or Timeouts()
        self.server = server or (base_url or "api.openai.com")
        self.name = f"openai-compatible({self.server}, {dialect})"
        self.concurrency = concurrency
        self._client: Any = None
        self._slots: tuple[Any, Any] | None = None  # (event loop, its semaphore)

    def _slot(self) -> Any:
        """The semaphore that keeps at most ``concurrency`` requests on the wire, for this event loop.

        It is held for the HTTP request alone: cache look-ups, validation and the waits between
        transport retries happen outside it, so a slot never idles while the client works.
        """
        import asyncio

        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(max(self.concurrency, 1)))
        return self._slots[1]

    def __repr__(self) -> str:  # never show the key
        return f"OpenAIBackend(base_url={self.base_url!r}, dialect={self.dialect!r})"

    def _ensure(self) -> Any:
        if self._client is None:
            import httpx2
            import openai

            self._client = openai.AsyncOpenAI(
                base_url=self.base_url,
                api_key=self._api_key or "not-needed",
                max_retries=0,
                timeout=httpx2.Timeout(self.timeouts.total, connect=self.timeouts.connect),
                http_client=openai.DefaultAsyncHttpxClient(
                    limits=httpx2.Limits(
                        max_connections=max(self.concurrency, 1) + 4,
                        max_keepalive_connections=max(self.concurrency, 1) + 4,
                    )
                ),
            )
        return self._client

    async def _create(self, **kwargs: Any) -> Any:
        """The wire call: dialect adaptation, then transport retries around one HTTP request."""
        import asyncio

        import openai
        from openai.types.chat import ChatCompletion

        rf = kwargs.get("response_format")
        if self.dialect == "llamacpp" and isinstance(rf, dict) and rf.get("type") == "json_schema":
            kwargs["response_format"] = {"type": "json_object", "schema": rf["json_schema"]["schema"]}
        tally = _tally.get()
        answers = _replay.get()
        if answers is not None:  # batch mode: the answers came back from batch files
            if not answers:
                raise WireBody(kwargs)
            tally.wire_calls += 1
            return self._checked(ChatCompletion.model_validate(answers.pop(0)), tally, 1)
        last: BaseException | None = None
        for attempt in range(1, self.retry.attempts + 1):
            tally.wire_calls += 1
            try:
                # client.post, not chat.completions.create: the body is plain JSON already, and
                # create() re-walks every message and the schema against its typed params
                # (about 0.8 ms of CPU per call, measured) to produce the same JSON.
                async with self._slot():
                    response = await self._client.post(
                        "/chat/completions", body=kwargs, cast_to=ChatCompletion
                    )
            except openai.APIStatusError as exc:
                if exc.status_code not in _TRANSIENT_STATUS:
                    raise PermanentBackendError(
                        f"the server refused the request with HTTP {exc.status_code}: "
                        f"{_short(exc, self._api_key)}; "
                        "retrying will not help (check the model name, the key and the options)",
                        attempts=attempt,
                        cause=exc,
                    ) from exc
                last = exc
                wait = retry_after_seconds(exc.response.headers)
                if wait is not None and wait > self.retry.max_retry_after:
                    raise TransportError(
                        f"the server asked to retry after {wait:.0f} s, over the "
                        f"{self.retry.max_retry_after:.0f} s cap; try again later",
                        attempts=attempt,
                        cause=exc,
                    ) from exc
            except (openai.APITimeoutError, openai.APIConnectionError, json.JSONDecodeError) as exc:
                last = exc  # a body that is not JSON (a proxy's error page) is retried like a 502
                wait = None
            else:
                return self._checked(response, tally, attempt)
            if attempt == self.retry.attempts:
                break
            tally.transport_retries += 1
            if wait is None:
                wait = min(self.retry.backoff * 2 ** (attempt - 1), self.retry.max_backoff)
                wait *= 0.5 + random.random() / 2  # jitter, so concurrent callers spread out
            await asyncio.sleep(wait)
        raise TransportError(
            f"the backend at {self.server} kept failing after {self.retry.attempts} attempts "
            f"({type(last).__name__}: {_short(last, self._api_key)}); check that the server is up",
            attempts=self.retry.attempts,
            cause=last,
        )

    @staticmethod
    def _checked(response: Any, tally: _Tally, attempt: int) -> Any:
        """Count the answer's tokens; refuse one with no choices or a refusal (live or batch)."""
        usage = getattr(response, "usage", None)
        if usage is not None:
            tally.prompt_tokens += usage.prompt_tokens or 0
            tally.completion_tokens += usage.completion_tokens or 0
        if not getattr(response, "choices", None):
            raise ResponseValidationError("the server answered with no choices", attempts=attempt)
        message = response.choices[0].message
        if getattr(message, "refusal", None):
            raise ResponseValidationError(f"the model refused: {message.refusal}", attempts=attempt)
        return response

    async def from_answers(self, request: CallRequest, answers: list[dict[str, Any]]) -> CallResult:
        """The call as :meth:`complete` makes it, with the wire replaced by ``answers``.

        ``answers`` are the chat completion bodies that batches returned for this call so far,
        in order. They go through :meth:`complete` exactly as live answers do (the same parsing,
        validation and re-ask messages); when they run out before a valid answer, this raises
        :class:`WireBody` with the request the next batch line must carry: the first request,
        or the re-ask after the last invalid answer.
        """
        token = _replay.set(list(answers))
        try:
            result = await self.complete(request)
        finally:
            _replay.reset(token)
        result.source = "batch"
        return result

    def request_body(self, request: CallRequest, messages: list[dict[str, str]]) -> dict[str, Any]:
        """The JSON a call posts: what instructor's JSON_SCHEMA mode sends for the same arguments
        (the schema as ``response_format``, named after the model), before the dialect applies.

        Built here rather than by instructor on every call: its per-call work (a walk of the
        response model for async validators, several times, a deep copy of the arguments, a
        retry wrapper) cost more CPU than the HTTP request; ``test_backend_openai`` checks the
        body against the one instructor builds.
        """
        body: dict[str, Any] = {
            "messages": messages,
            "model": request.model,
            "temperature": request.sampling.temperature,
            "max_tokens": request.sampling.max_tokens,
        }
        if request.sampling.seed is not None:
            body["seed"] = request.sampling.seed
        body["response_format"] = _response_format(request.response_model)
        return body

    async def complete(self, request: CallRequest) -> CallResult:
        """One call: the request, then up to ``reasks`` re-asks while the answer fails validation.

        A re-ask adds the answer and the validation errors as two more messages, in the words
        instructor uses (``Correct your JSON ONLY RESPONSE, based on the following errors:``).
        """
        self._ensure()
        tally = _Tally()
        token = _tally.set(tally)
        messages = [dict(m) for m in request.messages]
        last: ValidationError | None = None
        try:
            for _ in range(max(self.reasks, 0) + 1):
                completion = await self._create(**self.request_body(request, messages))
                text = _content(completion) or ""
                if completion.choices[0].finish_reason == "length":
                    raise ResponseValidationError(
                        f"the answer was cut off at max_tokens={request.sampling.max_tokens} before its "
                        "JSON ended; a rerun asks again (if it keeps happening, the model rambles: try "
                        "another model)",
                        attempts=tally.wire_calls,
                        last_response=text,
                    )
                try:
                    value = request.response_model.model_validate_json(text, strict=True)
                except ValidationError as exc:
                    last = exc
                    messages = [
                        *messages,
                        {"role": "assistant", "content": text},
                        {"role": "user", "content": f"{_REASK}\n{exc}"},
                    ]
                    continue
                break
            else:
                raise ResponseValidationError(
                    f"the answer did not fit the schema after {max(self.reasks, 0) + 1} attempts: "
                    f"{_short(last, self._api_key)}",
                    attempts=tally.wire_calls,
                    cause=last,
                    last_response=text,
                )
        except CallError as exc:
            exc.article_id, exc.call = request.article_id, request.call
            raise
        finally:
            _tally.reset(token)
        model = getattr(completion, "model", None) or request.model
        return CallResult(
            value=value,
            content=text,
            prompt_tokens=tally.prompt_tokens,
            completion_tokens=tally.completion_tokens,
            attempts=tally.wire_calls,
            source="live",
            model=model,
            backend=self.name,
            recorded={
                "model": model,
                "server": self.server,
                "dialect": self.dialect,
                "recorded_at": utcnow(),
            },
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None


def _content(completion: Any) -> str | None:
    try:
        return completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None


def _short(exc: BaseException | None, secret: str | None = None, limit: int = 300) -> str:
    """The start of an error's text, with ``secret`` blanked: a server may echo the key back."""
    text = str(exc) if exc is not None else "unknown error"
    if secret:
        text = text.replace(secret, "[redacted]")
    return text if len(text) <= limit else text[:limit] + "…"
