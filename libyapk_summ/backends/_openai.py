"""Live backend: any OpenAI-compatible server, through ``openai`` wrapped by ``instructor``.

Two retry budgets, kept apart:

* transport retries (tenacity, see ``_retry``): 408, 429, 5xx, timeouts and connection
  errors, honouring ``Retry-After`` up to a cap; the ``openai`` client's own retries are
  switched off (``max_retries=0``) so attempts do not multiply;
* re-asks (instructor's ``max_retries``): only when the answer fails validation.

instructor is reached through its public API alone, all of it in ``_instructor``: it wraps
this backend's own wire call, parses and validates the answers and re-asks.

The wire *dialect* says how the schema travels: OpenAI structured outputs
(``json_schema``, also accepted by vLLM and Ollama), or llama.cpp's
``{"type": "json_object", "schema": ...}``, which its server enforces with a
grammar while it rejects the ``json_schema`` form with an HTTP 500.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from .._errors import CallError, PermanentBackendError, ResponseValidationError, TransportError
from ._base import CallRequest, CallResult, schema_of, utcnow
from ._instructor import instructor_errors, structured, wire_model
from ._retry import RetryPolicy, Sleep, TransportRetries, asked_wait, is_transient, retry_after_seconds

__all__ = ["Dialect", "OpenAIBackend", "RetryPolicy", "Timeouts", "WireBody", "retry_after_seconds"]

Dialect = Literal["json_schema", "llamacpp"]


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Per-request timeouts in seconds (connect and total)."""

    connect: float = 10.0
    total: float = 300.0


@dataclass(slots=True)
class _Tally:
    """One question's bookkeeping, kept where this backend's wire call can reach it."""

    schema: dict[str, Any]
    prompt_tokens: int = 0
    completion_tokens: int = 0
    asks: int = 0  # the first question and each re-ask
    wire_calls: int = 0  # HTTP requests (or batch answers), transport retries included
    transport_retries: int = 0
    completion: Any = None  # the last answer the wire returned
    raised: BaseException | None = None  # what the wire call raised, if it ended the question


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
        sleep: the coroutine that waits between transport attempts (default ``asyncio.sleep``;
            tests pass one that records the waits instead of taking them).
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
        sleep: Sleep | None = None,
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
        self._create_structured: Callable[..., Awaitable[Any]] | None = None
        self._retries = TransportRetries(
            self.retry, asyncio.sleep if sleep is None else sleep, _count_retry, closed=self._closed
        )
        self._slots: tuple[Any, Any] | None = None  # (event loop, its semaphore)

    def _slot(self) -> asyncio.Semaphore:
        """The semaphore that keeps at most ``concurrency`` requests on the wire, for this event loop.

        It is held for the HTTP request alone: cache look-ups, validation and the waits between
        transport retries happen outside it, so a slot never idles while the client works.
        """
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(max(self.concurrency, 1)))
        semaphore: asyncio.Semaphore = self._slots[1]
        return semaphore

    def _closed(self) -> bool:
        """True once :meth:`aclose` took the client away: a request it cut off is not retried."""
        return self._client is None

    def __repr__(self) -> str:  # never show the key
        return f"OpenAIBackend(base_url={self.base_url!r}, dialect={self.dialect!r})"

    def _ensure(self) -> Callable[..., Awaitable[Any]]:
        """The openai client and instructor's wrapper around :meth:`_create`, built once."""
        if self._create_structured is None:
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
            self._create_structured = structured(self._create)
        return self._create_structured

    async def _create(self, **kwargs: Any) -> Any:
        """The wire call instructor makes for each ask: the dialect, then the HTTP request
        (with transport retries), or in batch mode the next answer a batch returned."""
        tally = _tally.get()
        tally.asks += 1
        if self.dialect == "llamacpp":  # the schema in llama.cpp's form, from our own model
            kwargs["response_format"] = {"type": "json_object", "schema": tally.schema}
        try:
            answers = _replay.get()
            if answers is not None:  # batch mode: the answers came back from batch files
                if not answers:
                    raise WireBody(kwargs)
                from openai.types.chat import ChatCompletion

                tally.wire_calls += 1
                completion = ChatCompletion.model_validate(answers.pop(0))
            else:
                completion = await self._post(kwargs, tally)
            tally.completion = completion
            return self._checked(completion, tally)
        except (CallError, WireBody) as exc:
            tally.raised = exc  # instructor wraps it; complete() raises it as it was
            raise

    async def _post(self, body: dict[str, Any], tally: _Tally) -> Any:
        """One HTTP request, retried by tenacity while it fails transiently (see ``_retry``)."""
        import openai
        from openai.types.chat import ChatCompletion

        attempt, answer = 0, None
        try:
            async for attempt_state in self._retries.loop():
                with attempt_state:
                    attempt = attempt_state.retry_state.attempt_number
                    tally.wire_calls += 1
                    # client.post, not chat.completions.create: the body is plain JSON already, and
                    # create() re-walks every message and the schema against its typed params
                    # (about 0.8 ms of CPU per call, measured) to produce the same JSON.
                    async with self._slot():
                        client = self._client
                        if client is None:
                            raise self._cut_off_by_close(attempt)
                        answer = await client.post("/chat/completions", body=body, cast_to=ChatCompletion)
        except (openai.APIStatusError, openai.APIConnectionError) as exc:
            raise self._failure(exc, attempt) from exc
        return answer  # the loop ends after the first attempt that raised nothing

    def _cut_off_by_close(self, attempts: int, cause: BaseException | None = None) -> TransportError:
        return TransportError(
            f"the backend at {self.server} was closed (aclose) while this call was in flight; "
            "close it only after every call has returned",
            attempts=attempts,
            cause=cause,
        )

    def _failure(self, exc: Exception, attempts: int) -> CallError:
        """The library's error for the transport failure that ended a request."""
        import openai

        if self._closed():
            return self._cut_off_by_close(attempts, exc)
        if isinstance(exc, openai.APIStatusError) and not is_transient(exc):
            return PermanentBackendError(
                f"the server refused the request with HTTP {exc.status_code}: "
                f"{_short(exc, self._api_key)}; "
                "retrying will not help (check the model name, the key and the options)",
                attempts=attempts,
                cause=exc,
            )
        asked = asked_wait(exc)
        if asked is not None and asked > self.retry.max_retry_after:
            return TransportError(
                f"the server asked to retry after {asked:.0f} s, over the "
                f"{self.retry.max_retry_after:.0f} s cap; try again later",
                attempts=attempts,
                cause=exc,
            )
        return TransportError(
            f"the backend at {self.server} kept failing after {attempts} attempt"
            f"{'s' if attempts != 1 else ''} ({type(exc).__name__}: {_short(exc, self._api_key)}); "
            "check that the server is up",
            attempts=attempts,
            cause=exc,
        )

    @staticmethod
    def _checked(response: Any, tally: _Tally) -> Any:
        """Count the answer's tokens; refuse one with no choices or a refusal (live or batch)."""
        usage = getattr(response, "usage", None)
        if usage is not None:
            tally.prompt_tokens += usage.prompt_tokens or 0
            tally.completion_tokens += usage.completion_tokens or 0
        if not getattr(response, "choices", None):
            raise ResponseValidationError("the server answered with no choices", attempts=tally.asks)
        message = response.choices[0].message
        if getattr(message, "refusal", None):
            raise ResponseValidationError(f"the model refused: {message.refusal}", attempts=tally.asks)
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
        create = self._ensure()
        retries_exhausted, cut_off = instructor_errors()
        tally = _Tally(schema=schema_of(request.response_model))
        token = _tally.set(tally)
        try:
            returned = await create(
                response_model=wire_model(request.response_model),
                messages=[dict(m) for m in request.messages],
                model=request.model,
                max_retries=self.reasks,
                temperature=request.sampling.temperature,
                max_tokens=request.sampling.max_tokens,
                **({"seed": request.sampling.seed} if request.sampling.seed is not None else {}),
            )
        except retries_exhausted as exc:
            if isinstance(tally.raised, WireBody):
                raise tally.raised from None
            if isinstance(tally.raised, CallError):  # a transport failure or a refusal
                raised = tally.raised
                raised.article_id, raised.call = request.article_id, request.call
                raise raised from raised.cause
            cause = exc.__cause__ or exc
            why = f"the answer did not fit the schema after {tally.asks} attempts: "
            why += _short(cause, self._api_key)
            raise _invalid(why, request, tally, tally.asks, cause) from exc
        except cut_off as exc:
            why = (
                f"the answer was cut off at max_tokens={request.sampling.max_tokens} before its JSON "
                "ended; a rerun asks again (if it keeps happening, the model rambles: try another model)"
            )
            raise _invalid(why, request, tally, tally.wire_calls, exc) from exc
        finally:
            _tally.reset(token)
        content = _content(tally.completion) or returned.model_dump_json()
        # The caller's own class, from the very JSON a cached answer is read back from, so that
        # live, cached and replayed answers compare equal (instructor returns its subclass).
        value = request.response_model.model_validate_json(content)
        model = getattr(tally.completion, "model", None) or request.model
        return CallResult(
            value=value,
            content=content,
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
        client, self._client = self._client, None  # first: what is in flight is not retried
        self._create_structured = None
        if client is not None:
            await client.close()


def _count_retry() -> None:
    _tally.get().transport_retries += 1


@functools.cache
def _quiet_instructor() -> None:
    """instructor logs each :class:`WireBody` (the batch's "ask later") as a failed API call.

    A filter on a logger sees only the records logged on that very logger, so it goes on every
    logger of instructor's namespace that exists once instructor is imported (no module name
    of instructor's is spelled here).
    """
    import logging

    import instructor  # noqa: F401 - its loggers exist once it is imported

    class _NotBatch(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return _replay.get() is None

    names = [n for n in logging.root.manager.loggerDict if n == "instructor" or n.startswith("instructor.")]
    for name in names or ["instructor"]:
        logging.getLogger(name).addFilter(_NotBatch())


def _invalid(
    why: str, request: CallRequest, tally: _Tally, attempts: int, cause: BaseException
) -> ResponseValidationError:
    """The error for an answer that never fit: what was asked, how often, the last answer."""
    return ResponseValidationError(
        why,
        article_id=request.article_id,
        call=request.call,
        attempts=attempts,
        cause=cause,
        last_response=_content(tally.completion),
    )


def _content(completion: Any) -> str | None:
    try:
        content = completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None
    return content if isinstance(content, str) else None


def _short(exc: BaseException | None, secret: str | None = None, limit: int = 300) -> str:
    """The start of an error's text, with ``secret`` blanked: a server may echo the key back."""
    text = str(exc) if exc is not None else "unknown error"
    if secret:
        text = text.replace(secret, "[redacted]")
    return text if len(text) <= limit else text[:limit] + "…"
