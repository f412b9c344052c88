"""Live backend: any OpenAI-compatible server, through ``openai`` wrapped by ``instructor``.

Two retry budgets, kept apart:

* transport retries (tenacity, here): 408, 429, 5xx, timeouts and connection
  errors, honouring ``Retry-After`` up to a cap; the ``openai`` client's own
  retries are switched off (``max_retries=0``) so attempts do not multiply;
* re-asks (instructor's ``max_retries``): only when the answer fails validation.

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

from pydantic import BaseModel

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


@functools.cache
def wire_model(model: type[BaseModel]) -> type[BaseModel]:
    """instructor's wrapper class for ``model``, built once per class.

    Given a plain model, instructor builds a wrapper class with ``create_model`` and its JSON
    schema on every call (about 1 ms of CPU each, measured); given its own wrapper it uses it as
    is. The schema is the model's own (:func:`schema_of`), built once; each call gets a copy.
    """
    import instructor

    wrapped = instructor.openai_schema(model)
    frozen = json.dumps(schema_of(model))
    plain = wrapped.model_json_schema

    def model_json_schema(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return json.loads(frozen) if not args and not kwargs else plain(*args, **kwargs)  # type: ignore[no-any-return]

    wrapped.model_json_schema = model_json_schema  # type: ignore[method-assign]
    return wrapped


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
        reasks: instructor re-asks after a validation failure.
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
        self._instructor: Any = None
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
        if self._instructor is None:
            import httpx2
            import instructor
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
            mode = instructor.Mode.JSON_SCHEMA
            create = instructor.patch(create=self._create, mode=mode, provider=instructor.Provider.OPENAI)
            self._instructor = instructor.AsyncInstructor(
                client=self._client, create=create, mode=mode, provider=instructor.Provider.OPENAI
            )
        return self._instructor

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
            except (openai.APITimeoutError, openai.APIConnectionError) as exc:
                last = exc
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
        in order. They go through instructor exactly as live answers do (the same parsing,
        validation and re-ask messages); when they run out before a valid answer, this raises
        :class:`WireBody` with the request the next batch line must carry: the first request,
        or the re-ask after the last invalid answer.
        """
        _quiet_instructor()
        token = _replay.set(list(answers))
        try:
            result = await self.complete(request)
        finally:
            _replay.reset(token)
        result.source = "batch"
        return result

    async def complete(self, request: CallRequest) -> CallResult:
        from instructor.core import IncompleteOutputException, InstructorRetryException

        client = self._ensure()
        tally = _Tally()
        token = _tally.set(tally)
        try:
            value, completion = await client.create_with_completion(
                response_model=wire_model(request.response_model),
                messages=[dict(m) for m in request.messages],
                model=request.model,
                max_retries=self.reasks,
                temperature=request.sampling.temperature,
                max_tokens=request.sampling.max_tokens,
                **({"seed": request.sampling.seed} if request.sampling.seed is not None else {}),
            )
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, WireBody):
                raise cause from None
            if isinstance(cause, CallError):  # a transport failure, passed through instructor
                cause.article_id, cause.call = request.article_id, request.call
                raise cause from cause.cause
            raise ResponseValidationError(
                f"the answer did not fit the schema after {exc.n_attempts} attempts: "
                f"{_short(cause or exc, self._api_key)}",
                article_id=request.article_id,
                call=request.call,
                attempts=exc.n_attempts,
                cause=cause or exc,
                last_response=_content(exc.last_completion),
            ) from exc
        except IncompleteOutputException as exc:
            raise ResponseValidationError(
                f"the answer was cut off at max_tokens={request.sampling.max_tokens} before its JSON "
                "ended; a rerun asks again (if it keeps happening, the model rambles: try another model)",
                article_id=request.article_id,
                call=request.call,
                attempts=tally.wire_calls,
                cause=exc,
                last_response=_content(exc.last_completion),
            ) from exc
        except CallError as exc:
            exc.article_id, exc.call = request.article_id, request.call
            raise
        finally:
            _tally.reset(token)
        # instructor hands back an instance of a subclass it builds; re-validate into the
        # caller's own class so live, cached and replayed answers compare equal.
        value = request.response_model.model_validate(value.model_dump())
        return CallResult(
            value=value,
            content=_content(completion) or value.model_dump_json(),
            prompt_tokens=tally.prompt_tokens,
            completion_tokens=tally.completion_tokens,
            attempts=tally.wire_calls,
            source="live",
            model=getattr(completion, "model", None) or request.model,
            backend=self.name,
            recorded={
                "model": getattr(completion, "model", None) or request.model,
                "server": self.server,
                "dialect": self.dialect,
                "recorded_at": utcnow(),
            },
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None
            self._instructor = None


@functools.cache
def _quiet_instructor() -> None:
    """instructor logs each :class:`WireBody` (the batch's "ask later") as a failed API call."""
    import logging

    class _NotBatch(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return _replay.get() is None

    for name in ("instructor", "instructor.v2.retry"):
        logging.getLogger(name).addFilter(_NotBatch())


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
