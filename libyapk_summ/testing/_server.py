"""A real OpenAI-compatible HTTP server on loopback, for tests and benchmarks (stdlib only).

By default it answers each chat request with a small valid instance of the schema the request
asks for (:func:`schema_filler`, built by ``_schema_instance``).

The openai client sends through httpx2, which respx-style mocks do not intercept, so tests talk to
it over a real socket: ``POST /v1/chat/completions`` goes to the script or the handler,
``GET /v1/models`` lists ``models``, anything else is a 404.
"""

from __future__ import annotations

import json
import socket
import socketserver
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from ._schema_instance import instance_for_schema

__all__ = [
    "FakeOpenAIServer",
    "Handler",
    "Reply",
    "Request",
    "chat_completion",
    "request_schema",
    "schema_filler",
]


@dataclass
class Reply:
    """What the server answers. A dict/list body is sent as JSON; an error status with no body
    gets an OpenAI-style ``{"error": {...}}`` body so the client's message stays readable."""

    status: int = 200
    body: dict[str, Any] | list[Any] | str | bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before answering (latency, or a hang past the client timeout)
    drop_connection: bool = False  # close the socket without any HTTP response


@dataclass
class Request:
    """A request as received: header names lower-cased, ``json`` the raw bytes when the body is
    not JSON, ``index`` the 0-based arrival order over every request the server saw."""

    method: str
    path: str
    headers: dict[str, str]
    json: Any
    index: int


Handler = Callable[[Request], Reply]


def chat_completion(
    content: str | None,
    *,
    model: str = "fake-model",
    prompt_tokens: int = 10,
    completion_tokens: int = 5,
    finish_reason: str = "stop",
    refusal: str | None = None,
    tool_calls: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Builds a valid ChatCompletion JSON body with one assistant choice.

    Args:
        content: the message text; None for a pure tool call or a refusal.
        model, prompt_tokens, completion_tokens, finish_reason, refusal: the fields so named.
        tool_calls: OpenAI ``tool_calls`` entries, added to the message when given.

    Returns:
        A dict the openai client parses as ``ChatCompletion``.
    """
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": refusal}
    message.update({"tool_calls": tool_calls} if tool_calls else {})
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    choice = {"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}
    return {
        "id": f"chatcmpl-fake-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [choice],
        "usage": usage,
    }


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _find_schema(body: Any) -> tuple[dict[str, Any] | None, str | None]:
    """Returns (schema, tool name); the tool name is None unless the schema came from tools."""
    fmt = _dict(_dict(body).get("response_format"))
    inner = _dict(fmt.get("json_schema"))
    if fmt.get("type") == "json_schema" and isinstance(inner.get("schema"), dict):
        return inner["schema"], None
    if isinstance(fmt.get("schema"), dict):  # llama.cpp: {"type": "json_object", "schema": ...}
        return fmt["schema"], None
    tools = [_dict(_dict(t).get("function")) for t in _dict(body).get("tools") or ()]
    tools = [t for t in tools if isinstance(t.get("parameters"), dict)]
    if not tools:
        return None, None
    wanted = _dict(_dict(_dict(body).get("tool_choice")).get("function")).get("name")
    tool = next((t for t in tools if wanted is not None and t.get("name") == wanted), tools[0])  # forced one
    return tool["parameters"], str(tool.get("name") or "tool")


def request_schema(request_json: Any) -> dict[str, Any] | None:
    """Finds the JSON schema a chat request asks the answer to follow.

    Args:
        request_json: the parsed request body.

    Returns:
        ``response_format.json_schema.schema`` (OpenAI structured outputs), ``response_format.schema``
        (llama.cpp json_object form) or the parameters of the forced tool, else ``tools[0]``
        (tools mode); None when there is none.
    """
    return _find_schema(request_json)[0]


def schema_filler(request: Request) -> Reply:
    """Default handler: answers with a minimal instance of the schema the request asks for.

    The instance goes in the message content or, when the schema came from ``tools``, in a tool
    call to that function (what instructor's TOOLS mode reads). No schema: content ``"{}"``.

    Args:
        request: the chat completion request.

    Returns:
        A 200 reply whose completion echoes the request's model name.
    """
    body = _dict(request.json)
    model = body["model"] if isinstance(body.get("model"), str) else "fake-model"
    schema, tool = _find_schema(body)
    text = json.dumps(instance_for_schema(schema), ensure_ascii=False) if schema is not None else "{}"
    if tool is None:
        return Reply(body=chat_completion(text, model=model))
    call = {"id": "call_fake", "type": "function", "function": {"name": tool, "arguments": text}}
    return Reply(body=chat_completion(None, model=model, finish_reason="tool_calls", tool_calls=[call]))


def _error(status: int, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "fake_server_error", "param": None, "code": status}}


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a handler stuck in a sleep must never keep the process alive
    block_on_close = False
    request_queue_size = 1024  # benchmarks open hundreds of connections at once
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], fake: FakeOpenAIServer) -> None:
        self.fake = fake
        self.connections: set[socket.socket] = set()
        self.changed = threading.Condition()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls getfqdn(), a DNS lookup that can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.changed:  # tracked from accept, so stop() also reaches threads not started yet
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        super().shutdown_request(request)
        with self.changed:
            self.connections.discard(request)
            self.changed.notify_all()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # resets and broken pipes are expected here
            super().handle_error(request, client_address)

    def close_connections(self, timeout: float) -> None:
        # Shutting a socket down wakes its thread from a blocking keep-alive read with EOF.
        with self.changed:
            for sock in list(self.connections):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self.changed.wait_for(lambda: not self.connections, timeout)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every response carries Content-Length
    disable_nagle_algorithm = True  # headers and body are two writes; Nagle would delay the second
    timeout = 60  # idle keep-alive backstop, longer than httpx's 5 s pool expiry to avoid races
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: no per-request lines on stderr

    def do_GET(self) -> None:
        self._send(self._answer())

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _read_body(self) -> bytes:
        if "chunked" not in self.headers.get("Transfer-Encoding", "").lower():
            return self.rfile.read(max(int(self.headers.get("Content-Length") or 0), 0))
        chunks = []
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            chunks.append(self.rfile.read(size))
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass  # trailers
        return b"".join(chunks)

    def _answer(self) -> Reply:
        fake, raw = self.server.fake, self._read_body()  # always read it all: keep-alive framing
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        path = urlsplit(self.path).path.rstrip("/")
        chat = self.command == "POST" and path.endswith("/chat/completions")
        headers = {k.lower(): v for k, v in self.headers.items()}
        request, scripted = fake._record(self.command, path, headers, body, chat)
        try:
            if chat:
                step = scripted or fake.handler
                return step if isinstance(step, Reply) else step(request)
            for route in fake.routes:  # more endpoints (e.g. FakeBatchServer's files and batches)
                if (routed := route(request)) is not None:
                    return routed
            if self.command == "GET" and path.endswith("/models"):
                models = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in fake.models]
                return Reply(body={"object": "list", "data": models})
            return Reply(404, _error(404, f"no route for {self.command} {path}"))
        except Exception as exc:  # a broken test handler should show up as a 500, not a hung client
            return Reply(500, _error(500, f"fake server handler raised {exc!r}"))

    def _send(self, reply: Reply) -> None:
        if reply.delay > 0 and self.server.fake._stopping.wait(reply.delay):
            self.close_connection = True  # the server is stopping: give up instead of answering
            return
        if reply.drop_connection:
            self.close_connection = True
            with suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        body = reply.body
        if body is None and reply.status >= 400:
            body = _error(reply.status, f"fake error {reply.status}")
        if isinstance(body, str | bytes):
            text = isinstance(body, str)
            payload = body.encode() if isinstance(body, str) else body
            ctype = "text/plain; charset=utf-8" if text else "application/octet-stream"
        else:
            payload, ctype = b"" if body is None else json.dumps(body).encode(), "application/json"
        self.send_response(reply.status)
        for name, value in {"Content-Type": ctype, **reply.headers}.items():
            if name.lower() != "content-length":  # ours only: keep-alive framing depends on it
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class FakeOpenAIServer:
    """An OpenAI-compatible server on a loopback port, served from a daemon thread.

    Use as a context manager, or call ``start()``/``stop()``. ``requests`` records everything
    received, in arrival order; ``script()`` queues replies for the next chat requests.
    """

    def __init__(self, handler: Handler | None = None, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.handler: Handler = handler or schema_filler
        self.host, self.port, self._wanted_port = host, port, port
        self.models: list[str] = ["fake-model"]
        self.requests: list[Request] = []
        self.routes: list[Callable[[Request], Reply | None]] = []
        """Handlers tried in turn for any request other than a chat completion; None: not mine."""
        self._lock = threading.Lock()
        self._script: deque[Reply | Handler] = deque()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """The client's base URL, e.g. ``http://127.0.0.1:PORT/v1``."""
        return f"http://{self.host}:{self.port}/v1"

    def start(self) -> FakeOpenAIServer:
        """Binds the port (an ephemeral one by default) and starts serving; returns self."""
        if self._httpd is None:
            self._stopping.clear()
            self._httpd = _HTTPServer((self.host, self._wanted_port), self)
            self.port = int(self._httpd.server_address[1])
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"fake-openai-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stops serving and closes every connection, within about 2 s at worst even when a
        handler is asleep (``Reply.delay`` sleeps are cut short at once)."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.close_connections(timeout=2.0)
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2.0)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def script(self, *replies: Reply | Handler) -> None:
        """Queues replies (or handlers) for the next chat requests, in order; once they are used
        up the default handler answers again. Each call adds to the queue."""
        with self._lock:
            self._script.extend(replies)

    def _record(
        self, method: str, path: str, headers: dict[str, str], body: Any, chat: bool
    ) -> tuple[Request, Reply | Handler | None]:
        # One lock for index and script, so the n-th arrival gets the n-th scripted reply.
        with self._lock:
            request = Request(method, path, headers, body, len(self.requests))
            self.requests.append(request)
            return request, (self._script.popleft() if chat and self._script else None)
