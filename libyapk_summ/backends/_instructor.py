"""Everything the live backend takes from instructor, through its public API alone.

* :func:`structured`: ``instructor.patch(create=...)`` around the backend's own wire call, the
  way instructor documents for a create function of one's own (its llama-cpp-python guide), in
  ``Mode.JSON_SCHEMA``: the schema goes in ``response_format``, answers are parsed as JSON and
  validated, and an invalid one is re-asked with the error;
* :func:`wire_model`: the response model as instructor is given it;
* :func:`instructor_errors`: the exceptions instructor raises when its re-asks run out or an
  answer is cut off.

tests/test_instructor_contract.py pins each behaviour used here against instructor itself.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel

from ._base import schema_of


def structured(create: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """instructor's wrapper around ``create``: called with ``response_model``, ``messages``,
    ``max_retries`` (re-asks) and the request's own parameters, it returns the validated
    answer; ``create`` gets each request's keyword arguments and returns a ``ChatCompletion``."""
    import instructor

    wrapped: Callable[..., Awaitable[Any]] = instructor.patch(create=create, mode=instructor.Mode.JSON_SCHEMA)
    return wrapped


@functools.cache
def wire_model(model: type[BaseModel]) -> type[BaseModel]:
    """The response model as instructor is given it: ``model`` and ``instructor.OpenAISchema``
    in one subclass, built once per class, whose JSON schema is the model's own
    (:func:`schema_of`), built once too.

    Given a plain model, instructor builds such a subclass with ``create_model`` on every call,
    and pydantic generates its JSON schema again each time (about 1 ms of CPU a call,
    measured); a model that already is an ``OpenAISchema`` it takes as it is. Each call gets a
    copy of the schema, so nothing instructor does to it can reach the next call.
    """
    import instructor

    frozen = json.dumps(schema_of(model))

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs:  # another mode or ref template: pydantic's own, uncached
            schema: dict[str, Any] = super(wire, cls).model_json_schema(*args, **kwargs)  # type: ignore[misc]
        else:
            schema = json.loads(frozen)
        return schema

    namespace = {
        "__module__": model.__module__,
        "__qualname__": model.__qualname__,
        "__doc__": model.__doc__,
        "model_json_schema": classmethod(model_json_schema),
    }
    wire: type[BaseModel] = type(model.__name__, (model, instructor.OpenAISchema), namespace)
    return wire


def instructor_errors() -> tuple[type[Exception], type[Exception]]:
    """instructor's (retries exhausted, answer cut off) exception classes.

    ``instructor.core`` is where instructor 1.11+ documents them (its error-handling page);
    the older ``instructor.exceptions`` now warns on import (DeprecationWarning). Kept in one
    place, so that a move shows up here (and in tests/test_instructor_contract.py) first.
    """
    from instructor.core import IncompleteOutputException, InstructorRetryException

    return InstructorRetryException, IncompleteOutputException
