"""Every error the library raises derives from :class:`LibyapkError`.

Each message says what went wrong *and what to do about it*; the attributes
carry the context (article, call, attempts, last response) for programs.
"""

from __future__ import annotations

from typing import Any


class LibyapkError(Exception):
    """Base class of all libyapk_summ errors."""


class ArticleError(LibyapkError, ValueError):
    """An article could not be loaded or is not usable (empty, not UTF-8, ...)."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class PromptError(LibyapkError):
    """A prompt template is missing or malformed."""


class MissingVariables(PromptError):
    """A prompt template was rendered without all of its variables."""

    def __init__(self, template: str, missing: list[str]) -> None:
        super().__init__(f"prompt {template!r}: missing variables: {', '.join(sorted(missing))}")
        self.template = template
        self.missing = sorted(missing)


class ConfigurationError(LibyapkError):
    """No usable backend, or contradictory settings."""


class ModelWeightsError(ConfigurationError):
    """The pinned local GGUF is missing or its hash does not match."""


class LocalServerError(LibyapkError):
    """The managed llama.cpp server could not be started or died."""

    def __init__(self, message: str, *, log_tail: str = "") -> None:
        super().__init__(message + (f"\n--- server log (tail) ---\n{log_tail}" if log_tail else ""))
        self.log_tail = log_tail


class CallError(LibyapkError):
    """One LLM call failed; carries which article and which call."""

    def __init__(
        self,
        message: str,
        *,
        article_id: str | None = None,
        call: str | None = None,
        attempts: int = 0,
        cause: BaseException | None = None,
        last_response: Any = None,
    ) -> None:
        super().__init__(message)
        self.detail = message
        self.article_id = article_id
        self.call = call
        self.attempts = attempts
        self.cause = cause
        self.last_response = last_response

    def __str__(self) -> str:
        where = "/".join(x for x in (self.article_id, self.call) if x)
        return f"[{where}] {self.detail}" if where else self.detail


class TransportError(CallError):
    """The backend could not be reached or kept failing (after transient retries)."""


class PermanentBackendError(CallError):
    """The backend refused the request (4xx other than 408/429): retrying will not help."""


class ResponseValidationError(CallError):
    """The model's answers did not fit the schema within the re-ask budget."""


class FixtureMissingError(CallError):
    """Replay mode found no recorded response for a call."""


class CacheError(LibyapkError):
    """The cache directory is unreadable or corrupt."""


class BatchPending(LibyapkError):
    """Batch mode: an article still waits for answers from a batch (it finishes in a later round)."""


class BatchLineError(CallError):
    """Batch mode: the batch engine failed this call's line in every round it was sent."""
