"""Transport retries, through tenacity: what is retried, how long to wait, when to give up.

Retried: HTTP 408, 409 (a lock timeout on the server; the ``openai`` SDK's own default retries
it too), 429 and every 5xx, and timeouts and connection errors. Any other status (400, 401,
403, 404, 422, ...) fails at once: asking again cannot help.

The wait before the next attempt is what the server asked for (``retry-after-ms``, else
``Retry-After`` in seconds or as an HTTP-date), up to :attr:`RetryPolicy.max_retry_after`: a
server asking for longer is not waited for, the call fails at once. Without such a header it
is exponential with "equal jitter" (half of ``backoff * 2 ** (n - 1)`` fixed, half drawn at
random, at most ``max_backoff``), so concurrent callers that failed together spread out.

This is the transport's budget (:attr:`RetryPolicy.attempts` HTTP requests per question);
re-asking after an answer that fails validation is instructor's, with its own budget
(``OpenAIBackend(reasks=...)``): one re-ask may itself take several transport attempts.
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import ConfigurationError

if TYPE_CHECKING:
    from tenacity import AsyncRetrying, RetryCallState

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Transport retries (not re-asks).

    Attributes:
        attempts: HTTP requests per question at most, the first included (1: no retries).
        backoff: seconds before the second attempt, doubling for each one after (jittered).
        max_backoff: the longest wait between attempts when the server names none.
        max_retry_after: a server asking for a longer wait than this is not waited for: the
            call fails at once.
    """

    attempts: int = 5
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if isinstance(self.attempts, bool) or not isinstance(self.attempts, int) or self.attempts < 1:
            raise ConfigurationError(
                f"RetryPolicy.attempts must be a whole number of at least 1 (1 = no retries), "
                f"not {self.attempts!r}"
            )
        for name in ("backoff", "max_backoff", "max_retry_after"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < math.inf:
                raise ConfigurationError(
                    f"RetryPolicy.{name} must be a number of seconds >= 0, not {value!r}"
                )


def retry_after_seconds(headers: Any, now: float | None = None) -> float | None:
    """Seconds a server asked us to wait: ``retry-after-ms``, or ``retry-after`` in seconds or
    as an HTTP-date (counted from ``now``, default the clock); None when it names no wait."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            seconds = float(ms) / 1000.0
        except ValueError:
            pass
        else:
            if seconds == seconds:  # NaN is no instruction
                return max(seconds, 0.0)
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(seconds, 0.0) if seconds == seconds else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def is_transient(exc: BaseException) -> bool:
    """True for the failures another attempt may cure (see the module docstring)."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or 500 <= exc.status_code <= 599
    return isinstance(exc, openai.APIConnectionError)  # APITimeoutError is one of these


def asked_wait(exc: BaseException | None) -> float | None:
    """The wait the server named in the response that failed, if any."""
    response = getattr(exc, "response", None)
    return retry_after_seconds(getattr(response, "headers", None))


class TransportRetries:
    """Builds, per request, the tenacity loop that sends it (see the module docstring).

    Args:
        policy: the budget and the waits.
        sleep: the coroutine that waits between attempts (tests pass one that records).
        on_retry: called before each wait (the backend counts its retries there).
        closed: True once the backend is closed: a request its closing cut off is not retried.
    """

    def __init__(
        self,
        policy: RetryPolicy,
        sleep: Sleep,
        on_retry: Callable[[], None],
        *,
        closed: Callable[[], bool] = lambda: False,
    ) -> None:
        self.policy = policy
        self._sleep = sleep
        self._on_retry = on_retry
        self._closed = closed
        self._backoff: Callable[[RetryCallState], float] | None = None  # built on first use

    def backoff(self, state: RetryCallState) -> float:
        """The wait when the server names none: exponential, half of it jittered."""
        if self._backoff is None:
            from tenacity import wait_exponential, wait_random_exponential  # not at import: 11 ms

            half, most = self.policy.backoff / 2, self.policy.max_backoff / 2
            self._backoff = wait_exponential(multiplier=half, max=most) + wait_random_exponential(
                multiplier=half, max=most
            )
        return float(self._backoff(state))

    def retryable(self, exc: BaseException) -> bool:
        """Transient, the server did not ask for a wait over the cap, and the backend is open."""
        asked = asked_wait(exc)
        return (
            is_transient(exc)
            and (asked is None or asked <= self.policy.max_retry_after)
            and not self._closed()
        )

    def wait(self, state: RetryCallState) -> float:
        asked = asked_wait(state.outcome.exception() if state.outcome is not None else None)
        return asked if asked is not None else self.backoff(state)

    def _before_sleep(self, state: RetryCallState) -> None:
        self._on_retry()

    def loop(self) -> AsyncRetrying:
        """A fresh loop for one request: tenacity keeps its attempt count on the loop object."""
        from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

        return AsyncRetrying(
            stop=stop_after_attempt(self.policy.attempts),
            wait=self.wait,
            retry=retry_if_exception(self.retryable),
            sleep=self._sleep,
            before_sleep=self._before_sleep,
            reraise=True,  # the last failure itself, for the backend to name
        )
