"""Helpers for testing code that uses libyapk_summ — no model, no network.

``FakeBackend`` answers every call from a function or a queue (its answers are
marked ``source="fake"`` and never written as fixtures); ``FakeOpenAIServer``
is a real OpenAI-compatible HTTP server on loopback, for testing the transport;
``FakeBatchServer`` adds the Batch API (files, batches, with faults);
``FaultMix`` makes it fail like a real one (429s, 5xx, hangs, cut-off or invalid
answers, refusals) and ``synthetic_articles`` makes batches of any size;
``synthetic_reports`` makes event reports with a known truth, for dossiers.

    >>> from libyapk_summ import summarize
    >>> from libyapk_summ.testing import FakeBackend
    >>> fake = FakeBackend()
    >>> report = summarize("seeds/001_9ec3d6118b2bcaaa.txt", backend=fake)
    >>> report.provenance.backend, fake.requests[0].call
    ('fake', 'participants-s2-official_visit-meeting')
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ..backends import CallRequest, CallResult
from ..extract._questions import ParticipantsAnswer, TranslationAnswer
from ._batch_server import FakeBatchServer, answer_lines
from ._faults import FAULTS, FaultMix, fault_reply, synthetic_articles
from ._schema_instance import instance_for_schema
from ._server import FakeOpenAIServer, Reply, Request, chat_completion, request_schema, schema_filler
from ._synthetic import Synthetic, synthetic_reports

__all__ = [
    "FAULTS",
    "FakeBackend",
    "FakeBatchServer",
    "FakeOpenAIServer",
    "FaultMix",
    "Reply",
    "Request",
    "Synthetic",
    "answer_lines",
    "canned_answer",
    "chat_completion",
    "fault_reply",
    "instance_for_schema",
    "request_schema",
    "schema_filler",
    "synthetic_articles",
    "synthetic_reports",
]

Answer = BaseModel | dict[str, Any] | str | Exception


def canned_answer(request: CallRequest) -> BaseModel:
    """An obviously fake, valid answer to any of the pipeline's questions."""
    model = request.response_model
    if model is TranslationAnswer:
        return TranslationAnswer(english=f"(fake translation: {request.call})")
    if model is ParticipantsAnswer:
        return ParticipantsAnswer()
    return model.model_validate(instance_for_schema(model.model_json_schema()))


class FakeBackend:
    """A backend for tests: answers from ``handler``, or from answers queued with :meth:`enqueue`.

    An answer may be a model instance, a dict or JSON string (validated against
    the request's response model), or an exception to raise.

    Args:
        handler: called with each :class:`CallRequest` when the queue is empty;
            default :func:`canned_answer`.
        prompt_tokens, completion_tokens: usage reported per call.
    """

    name = "fake"

    def __init__(
        self,
        handler: Callable[[CallRequest], Answer] | None = None,
        *,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        self.handler = handler or canned_answer
        self.queue: deque[Answer] = deque()
        self.requests: list[CallRequest] = []
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens

    def enqueue(self, *answers: Answer) -> None:
        self.queue.extend(answers)

    async def complete(self, request: CallRequest) -> CallResult:
        self.requests.append(request)
        answer = self.queue.popleft() if self.queue else self.handler(request)
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, BaseModel):
            content = answer.model_dump_json()
        else:
            content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        value = request.response_model.model_validate_json(content)
        return CallResult(
            value=value,
            content=content,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            source="fake",
            model="fake",
            backend=self.name,
            recorded={"model": "fake", "server": "FakeBackend"},
        )

    async def aclose(self) -> None:
        return None
