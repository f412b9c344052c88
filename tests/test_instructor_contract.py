"""What the live backend relies on instructor for, checked against instructor itself.

The backend uses only instructor's public API, all of it in ``backends/_instructor.py``:
``instructor.patch(create=...)`` in ``Mode.JSON_SCHEMA`` around its own wire call
(``structured``), ``instructor.OpenAISchema`` (``wire_model``) and the exceptions in
``instructor.core`` (``instructor_errors``). Each test here pins one behaviour of those that the
backend builds on; a new instructor release that changes one fails here, by name, before any
article does. No network: the create function answers with real ``ChatCompletion`` objects.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from instructor.core import IncompleteOutputException, InstructorRetryException
from openai.types.chat import ChatCompletion

from libyapk_summ.backends._base import schema_of
from libyapk_summ.backends._instructor import instructor_errors, structured, wire_model
from libyapk_summ.testing import chat_completion

from .calls import Answer


def wrapped(*contents: str | Exception, finish_reason: str = "stop"):
    """The backend's instructor wrapper around a create function that answers ``contents`` in
    turn; returns (wrapper, the kwargs of each call)."""
    calls: list[dict] = []
    queue = list(contents)

    async def create(**kwargs):
        calls.append(kwargs)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return ChatCompletion.model_validate(chat_completion(answer, finish_reason=finish_reason))

    return structured(create), calls


def ask(create, retries: int = 2):
    messages = [{"role": "user", "content": "translate this"}]
    coroutine = create(response_model=wire_model(Answer), messages=messages, model="m", max_retries=retries)
    return asyncio.run(coroutine)


def test_json_schema_mode_sends_the_wire_models_frozen_schema():
    create, calls = wrapped('{"english": "hi"}')
    ask(create)
    assert calls[0]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "Answer", "schema": schema_of(Answer)},
    }


def test_the_wire_model_is_used_as_it_is_not_wrapped_again():
    create, _ = wrapped('{"english": "hi"}')
    value = ask(create)
    assert type(value) is wire_model(Answer) and isinstance(value, Answer)
    assert value.english == "hi"


def test_the_wire_model_hands_out_copies_of_its_schema():
    wire_model(Answer).model_json_schema()["properties"].clear()
    assert wire_model(Answer).model_json_schema() == schema_of(Answer) == Answer.model_json_schema()


def test_invalid_json_is_reasked_within_max_retries():
    create, calls = wrapped("not json", '{"english": "second"}')
    assert ask(create).english == "second"
    assert len(calls) == 2
    assert "not json" in json.dumps(calls[1]["messages"])


def test_exhausted_reasks_raise_instructor_core_retry_exception():
    create, calls = wrapped(*['{"french": "bonjour"}'] * 3)
    with pytest.raises(InstructorRetryException):
        ask(create, retries=2)
    assert len(calls) == 3


def test_an_answer_cut_off_raises_incomplete_output_at_once():
    create, calls = wrapped('{"english": "hel', finish_reason="length")
    with pytest.raises(IncompleteOutputException):
        ask(create)
    assert len(calls) == 1


def test_an_error_from_the_wire_call_is_not_reasked():
    # Transport retries are the backend's own budget: instructor must not re-ask after them.
    class WireFailed(Exception):
        pass

    create, calls = wrapped(WireFailed("down"), '{"english": "never asked"}')
    with pytest.raises(InstructorRetryException) as info:
        ask(create)
    assert len(calls) == 1 and isinstance(info.value.__cause__, WireFailed)


def test_the_backend_catches_the_same_classes():
    assert instructor_errors() == (InstructorRetryException, IncompleteOutputException)
