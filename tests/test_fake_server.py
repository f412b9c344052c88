"""The loopback OpenAI-compatible server, driven by the real openai client."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import Annotated, Literal

import openai
import pytest
from pydantic import BaseModel, Field

from libyapk_summ.testing._schema_instance import instance_for_schema
from libyapk_summ.testing._server import (
    FakeOpenAIServer,
    Reply,
    Request,
    chat_completion,
    request_schema,
    schema_filler,
)

MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture
def server():
    with FakeOpenAIServer() as srv:
        yield srv


def _client(server: FakeOpenAIServer, **kwargs) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="test-key", max_retries=0, **kwargs)


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Leaf(BaseModel):
    name: str = Field(min_length=3)
    weight: float = Field(gt=0, lt=1)
    colour: Colour


class Branch(BaseModel):
    kind: Literal["oak", "pine"]
    count: int = Field(ge=1)
    leaves: list[Leaf] = Field(min_length=2)
    note: str | None = None
    best: Leaf | None


class Tree(BaseModel):
    id: str
    branches: list[Branch]
    root: Branch
    tags: dict[str, int] = Field(default_factory=dict)
    mode: Literal["live"] = "live"
    parent: Tree | None = None


def test_client_gets_parsed_chat_completion(server):
    server.script(Reply(body=chat_completion("hello", model="m1", prompt_tokens=7, completion_tokens=3)))
    with _client(server) as client:
        completion = client.chat.completions.create(model="m1", messages=MESSAGES)
    assert completion.choices[0].message.content == "hello"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.model == "m1"
    assert completion.usage is not None and completion.usage.total_tokens == 10


def test_default_handler_fills_the_requested_schema(server):
    fmt = {"type": "json_schema", "json_schema": {"name": "Tree", "schema": Tree.model_json_schema()}}
    with _client(server) as client:
        completion = client.chat.completions.create(model="asked", messages=MESSAGES, response_format=fmt)
    assert completion.model == "asked"
    Tree.model_validate_json(completion.choices[0].message.content or "")


def test_default_handler_answers_tools_mode_with_a_tool_call(server):
    tool = {"type": "function", "function": {"name": "Leaf", "parameters": Leaf.model_json_schema()}}
    with _client(server) as client:
        completion = client.chat.completions.create(model="m", messages=MESSAGES, tools=[tool])
    call = completion.choices[0].message.tool_calls[0]
    assert call.function.name == "Leaf"
    Leaf.model_validate_json(call.function.arguments)


def test_rate_limit_reaches_client_with_retry_after(server):
    server.script(Reply(status=429, headers={"Retry-After": "7"}))
    with _client(server) as client, pytest.raises(openai.RateLimitError) as info:
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert info.value.response.headers["retry-after"] == "7"
    assert info.value.status_code == 429


def test_drop_connection_is_a_connection_error(server):
    server.script(Reply(drop_connection=True))
    with _client(server) as client, pytest.raises(openai.APIConnectionError) as info:
        client.chat.completions.create(model="m", messages=MESSAGES)
    assert not isinstance(info.value, openai.APITimeoutError)


def test_drop_on_a_kept_alive_connection_then_recovers(server):
    with _client(server) as client:
        client.chat.completions.create(model="m", messages=MESSAGES)
        server.script(Reply(drop_connection=True))
        with pytest.raises(openai.APIConnectionError):
            client.chat.completions.create(model="m", messages=MESSAGES)
        assert client.chat.completions.create(model="after", messages=MESSAGES).model == "after"


def test_delay_past_timeout_is_a_timeout_and_stop_does_not_wait():
    srv = FakeOpenAIServer().start()
    try:
        srv.script(Reply(body=chat_completion("late"), delay=2.0))
        with _client(srv, timeout=0.3) as client, pytest.raises(openai.APITimeoutError):
            client.chat.completions.create(model="m", messages=MESSAGES)
    finally:
        began = time.monotonic()
        srv.stop()
    assert time.monotonic() - began < 1.0


def test_delay_does_not_block_other_requests(server):
    server.script(Reply(body=chat_completion("slow"), delay=1.0), Reply(body=chat_completion("fast")))
    with _client(server) as client, ThreadPoolExecutor(2) as pool:
        slow = pool.submit(client.chat.completions.create, model="m", messages=MESSAGES)
        while not server.requests:
            time.sleep(0.01)
        began = time.monotonic()
        fast = client.chat.completions.create(model="m", messages=MESSAGES)
        assert time.monotonic() - began < 0.5
        assert fast.choices[0].message.content == "fast"
        assert slow.result().choices[0].message.content == "slow"


def test_script_falls_back_to_default_handler(server):
    server.script(lambda request: Reply(body=chat_completion(f"#{request.index}")))
    with _client(server) as client:
        first = client.chat.completions.create(model="m", messages=MESSAGES)
        second = client.chat.completions.create(model="m", messages=MESSAGES)
    assert first.choices[0].message.content == "#0"
    assert second.choices[0].message.content == "{}"


def test_requests_are_recorded_in_order(server):
    with _client(server) as client:
        for i in range(3):
            client.chat.completions.create(model=f"m{i}", messages=MESSAGES)
    assert [r.index for r in server.requests] == [0, 1, 2]
    assert [r.json["model"] for r in server.requests] == ["m0", "m1", "m2"]
    assert all(r.method == "POST" and r.path == "/v1/chat/completions" for r in server.requests)
    assert server.requests[0].headers["authorization"] == "Bearer test-key"


def test_models_endpoint_and_unknown_route(server):
    with _client(server) as client:
        assert [m.id for m in client.models.list()] == ["fake-model"]
        with pytest.raises(openai.NotFoundError):
            client.embeddings.create(model="m", input="x")


def test_handler_exception_becomes_500():
    def broken(request: Request) -> Reply:
        raise RuntimeError("boom")

    with FakeOpenAIServer(broken) as srv, _client(srv) as client, pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="m", messages=MESSAGES)


def test_fifty_concurrent_requests_all_succeed(server):
    barrier = threading.Barrier(50)

    def ask(i: int) -> str:
        barrier.wait()
        completion = client.chat.completions.create(model=f"m{i}", messages=MESSAGES)
        return completion.model

    with _client(server) as client, ThreadPoolExecutor(50) as pool:
        models = list(pool.map(ask, range(50)))
    assert models == [f"m{i}" for i in range(50)]
    assert sorted(r.index for r in server.requests) == list(range(50))


@pytest.mark.parametrize("model", [Leaf, Branch, Tree])
def test_instance_for_schema_validates(model):
    instance = instance_for_schema(model.model_json_schema())
    model.model_validate_json(json.dumps(instance))


def test_instance_for_schema_respects_bounds():
    class Bounds(BaseModel):
        small: int = Field(ge=1, le=3)
        neg: int = Field(lt=-5)
        ratio: float = Field(gt=2.5)
        code: str = Field(min_length=6, max_length=6)
        items: list[int] = Field(min_length=3, max_length=3)

    Bounds.model_validate(instance_for_schema(Bounds.model_json_schema()))


def test_request_schema_finds_all_three_forms():
    schema = Leaf.model_json_schema()
    structured = {"response_format": {"type": "json_schema", "json_schema": {"name": "L", "schema": schema}}}
    llama = {"response_format": {"type": "json_object", "schema": schema}}
    tools = {"tools": [{"type": "function", "function": {"name": "L", "parameters": schema}}]}
    assert request_schema(structured) == request_schema(llama) == request_schema(tools) == schema
    assert request_schema({"messages": []}) is None
    assert request_schema(b"not json") is None


def test_schema_filler_without_schema_answers_empty_object():
    reply = schema_filler(Request("POST", "/v1/chat/completions", {}, {"model": "x"}, 0))
    assert reply.status == 200
    assert reply.body["choices"][0]["message"]["content"] == "{}"
    assert reply.body["model"] == "x"


def test_instance_for_schema_meets_a_simple_pattern():
    class Names(BaseModel):
        arabic: list[Annotated[str, Field(pattern=r"^[\u0621-\u064A ]{2,60}$")]]
        code: str = Field(pattern=r"^\d+$")

    Names.model_validate(instance_for_schema(Names.model_json_schema()))
