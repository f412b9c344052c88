"""The response cache as a batch's ledger: answers come from the cache, or from batch output.

:class:`BatchBackend` is a :class:`CachedBackend` that never calls a model. For each call it
looks in the cache; on a miss it takes the answers batches returned for that call (stored in
the same cache under ``batch-answers:KEY`` by the runner when it collects an output file) and
runs them through :meth:`OpenAIBackend.from_answers`, the live call's own parsing, validation
and re-asks: a valid answer is stored under the call's key like a live one; when they run out,
the request the call would have posted (or its re-ask) becomes a line of the next batch file
and the article waits (:class:`BatchPending`) for the next round.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .._errors import BatchLineError, BatchPending
from ._base import CallRequest, CallResult
from ._cache import _VERSION, CachedBackend
from ._openai import OpenAIBackend, WireBody

ANSWERS = "batch-answers:"
FAILS = "batch-fails:"

Sink = Callable[[str, dict[str, Any]], None]


class BatchBackend(CachedBackend):
    """Answers from the cache or from collected batch output; a miss becomes a batch line.

    Args:
        inner: the live backend whose request a line carries (its dialect, its re-asks).
        directory: the response cache folder (the ledger).
        run: the id of this batch run; answers stored by it count as batch calls in reports.
        max_failures: rounds a line may fail in (error line, expiry, missing output) before its
            article fails with the last cause.
    """

    def __init__(
        self, inner: OpenAIBackend, directory: Any = None, *, run: str = "", max_failures: int = 3
    ) -> None:
        super().__init__(inner, directory)
        self.live = inner
        self.run = run
        self.max_failures = max_failures
        self.in_flight: set[str] = set()
        self.sink: Sink | None = None

    def ledger(self, prefix: str, key: str) -> dict[str, Any]:
        """``{batch name: entry}`` stored for ``key`` under ``prefix`` (empty when none)."""
        hit = self._get(prefix + key)
        return hit.get("by_batch", {}) if hit is not None else {}

    def put_ledger(self, prefix: str, key: str, by_batch: dict[str, Any]) -> None:
        self._put(prefix + key, json.dumps({"v": _VERSION, "by_batch": by_batch}, ensure_ascii=False))

    async def complete(self, request: CallRequest) -> CallResult:
        key = request.key
        hit = self._get(key)
        found = self._valid(request, hit)
        if found is not None:
            if self.run and found.recorded.get("batch_run") == self.run:
                found.source = "batch"  # answered by this run's batches: billed as batch calls
            return found
        if key in self.in_flight:
            raise BatchPending(f"{request.article_id}/{request.call} is in a batch still running")
        answers = self.ledger(ANSWERS, key)
        try:
            result = await self.live.from_answers(request, [a["body"] for a in answers.values()])
        except WireBody as wire:
            fails = self.ledger(FAILS, key)
            if len(fails) >= self.max_failures:
                last = list(fails.items())[-1]
                raise BatchLineError(
                    f"the batch engine failed this call in {len(fails)} rounds; "
                    f"last, in {last[0]}: {last[1]}",
                    article_id=request.article_id,
                    call=request.call,
                    attempts=len(fails),
                ) from None
            if self.sink is not None:
                self.sink(key, wire.body)
            raise BatchPending(f"{request.article_id}/{request.call} waits for a batch") from None
        result.recorded |= {"via": "batch", "batch_run": self.run, "batches": list(answers)}
        self._set(key, result)
        with_ledger = self._open()
        for prefix in (ANSWERS, FAILS):
            with_ledger.delete(prefix + key)
        return result
