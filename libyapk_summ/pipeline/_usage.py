"""What a report's calls cost: tokens spent on the wire, tokens the cache and the fixtures saved."""

from __future__ import annotations

from collections.abc import Iterable

from ..backends import CallResult
from ..contract._models import Usage


def usage_of(results: Iterable[CallResult]) -> Usage:
    """The usage of one article's calls: live and fake calls spent, batch calls are billed apart,
    cached and replayed ones saved what they would have cost."""
    u = Usage()
    for r in results:
        if r.source in ("live", "fake"):
            u.calls += 1
            u.attempts += r.attempts
            u.prompt_tokens += r.prompt_tokens
            u.completion_tokens += r.completion_tokens
        elif r.source == "batch":
            u.batch_calls += 1
            u.attempts += r.attempts
            u.batch_prompt_tokens += r.prompt_tokens
            u.batch_completion_tokens += r.completion_tokens
        else:
            u.cached_calls += r.source == "cache"
            u.replayed_calls += r.source == "replay"
            u.saved_prompt_tokens += r.prompt_tokens
            u.saved_completion_tokens += r.completion_tokens
    return u


def read_back(usage: Usage) -> Usage:
    """A report read back from the cache spent nothing this run: its calls count as cached."""
    return Usage(
        cached_calls=usage.cached_calls + usage.calls + usage.batch_calls,
        replayed_calls=usage.replayed_calls,
        saved_prompt_tokens=usage.saved_prompt_tokens + usage.prompt_tokens + usage.batch_prompt_tokens,
        saved_completion_tokens=usage.saved_completion_tokens
        + usage.completion_tokens
        + usage.batch_completion_tokens,
    )
