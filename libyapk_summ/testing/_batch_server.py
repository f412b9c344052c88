"""A fake OpenAI Batch API on loopback: ``/v1/files`` and ``/v1/batches``, with faults.

:class:`FakeBatchServer` is a :class:`FakeOpenAIServer` (same socket, same chat handler) with the
Batch API's routes added. Each line of a batch is answered by the server's chat ``handler`` (by
default a valid instance of the line's schema), as if posted to ``/v1/chat/completions``. Shapes
follow OpenAI's: a file object on upload (purpose ``batch``), a batch object that goes
``validating`` → ``in_progress`` → ``completed`` (or ``expired``, ``cancelled``, ``failed``),
output and error files of ``{"id", "custom_id", "response": {"status_code", "request_id",
"body"}, "error"}`` lines. Time is counted from the batch's creation, and the output is made on
the first look after ``completion_delay`` seconds, so no thread runs behind the tests' back.

Faults, each chosen per batch (by its 0-based creation index) or per line:

* ``fail_line(line) -> str | None``: the line fails with that message (HTTP 500 in the error file);
* ``expire``: batches that expire: the first half of their lines answered, the rest errors
  with code ``batch_expired``;
* ``partial``: batches that complete with a cut output file: a third of the answers missing
  and the last one cut mid-line;
* ``cancel``: batches that end ``cancelled`` with nothing answered;
* ``completion_delay``: seconds before a batch completes (slow completion).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from ._server import FakeOpenAIServer, Handler, Reply, Request

__all__ = ["FakeBatchServer", "answer_lines"]

ENDPOINT = "/v1/chat/completions"


def _error(status: int, message: str) -> Reply:
    return Reply(status, {"error": {"message": message, "type": "invalid_request_error", "code": None}})


def answer_lines(handler: Handler, data: bytes, batch_id: str = "batch_offline") -> bytes:
    """Answer every line of a batch input file with ``handler``, like ``vllm run-batch`` does.

    Args:
        handler: a chat completion handler (e.g. :func:`libyapk_summ.testing.schema_filler`).
        data: the input JSONL.
        batch_id: used in the output lines' ids.

    Returns:
        The output JSONL, one line per input line.
    """
    out = []
    for n, raw in enumerate(data.splitlines()):
        if raw.strip():
            line = json.loads(raw)
            reply = handler(Request("POST", line["url"], {}, line["body"], n))
            out.append(_output(batch_id, line["custom_id"], reply.status, reply.body))
    return b"".join(out)


def _output(
    batch_id: str, custom_id: str, status: int, body: Any, error: dict[str, Any] | None = None
) -> bytes:
    response = None if error else {"status_code": status, "request_id": uuid.uuid4().hex, "body": body}
    line = {
        "id": f"batch_req_{uuid.uuid4().hex[:16]}",
        "custom_id": custom_id,
        "response": response,
        "error": error,
    }
    return (json.dumps(line, ensure_ascii=False) + "\n").encode()


class FakeBatchServer(FakeOpenAIServer):
    """A :class:`FakeOpenAIServer` that also speaks the Batch API (see the module docstring).

    Attributes:
        submitted: every ``custom_id`` of every batch created, in order (duplicates stay).
        created: the ids of the batches created, in order.
    """

    def __init__(
        self,
        handler: Handler | None = None,
        *,
        completion_delay: float = 0.0,
        fail_line: Callable[[dict[str, Any]], str | None] | None = None,
        expire: set[int] | None = None,
        partial: set[int] | None = None,
        cancel: set[int] | None = None,
        max_requests: int = 50_000,
        **kwargs: Any,
    ) -> None:
        super().__init__(handler, **kwargs)
        self.completion_delay = completion_delay
        self.fail_line = fail_line
        self.expire, self.partial, self.cancel = expire or set(), partial or set(), cancel or set()
        self.max_requests = max_requests
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.submitted: list[str] = []
        self.created: list[str] = []
        self._batch_lock = threading.Lock()
        self.routes.append(self._route)

    # -- routing ---------------------------------------------------------------------------
    def _route(self, request: Request) -> Reply | None:
        parts = [p for p in request.path.split("/") if p]
        if "v1" in parts:
            parts = parts[parts.index("v1") + 1 :]
        if not parts or parts[0] not in ("files", "batches"):
            return None
        with self._batch_lock:
            if parts[0] == "files":
                return self._files(request, parts[1:])
            return self._batches(request, parts[1:])

    def _files(self, request: Request, rest: list[str]) -> Reply:
        if request.method == "POST" and not rest:
            return self._upload(request)
        if request.method == "GET" and not rest:
            data = [f["object"] for f in self.files.values()]
            return Reply(body={"object": "list", "data": data, "has_more": False})
        found = self.files.get(rest[0]) if rest else None
        if found is None:
            return _error(404, f"no such file: {rest[0] if rest else ''}")
        if request.method == "GET" and rest[1:] == ["content"]:
            return Reply(body=found["data"])
        return Reply(body=found["object"])

    def _upload(self, request: Request) -> Reply:
        ctype = request.headers.get("content-type", "")
        raw = request.json if isinstance(request.json, bytes) else b""
        if not ctype.startswith("multipart/form-data"):
            return _error(400, "a file upload must be multipart/form-data")
        msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + raw)
        fields: dict[str, Any] = {}
        filename = "upload.jsonl"
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename() or filename
            fields[str(name)] = part.get_payload(decode=True)
        if fields.get("purpose", b"").decode() != "batch" or "file" not in fields:
            return _error(400, "expected fields 'file' and purpose='batch'")
        return Reply(body=self.add_file(fields["file"], filename, "batch"))

    def add_file(self, data: bytes, filename: str, purpose: str) -> dict[str, Any]:
        file_id = f"file-{uuid.uuid4().hex[:24]}"
        obj = {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        self.files[file_id] = {"object": obj, "data": data}
        return obj

    def _batches(self, request: Request, rest: list[str]) -> Reply:
        if request.method == "POST" and not rest:
            return self._create(request.json if isinstance(request.json, dict) else {})
        if request.method == "GET" and not rest:
            data = [self._view(b) for b in reversed(list(self.batches.values()))]  # newest first
            return Reply(body={"object": "list", "data": data, "has_more": False})
        batch = self.batches.get(rest[0]) if rest else None
        if batch is None:
            return _error(404, f"no such batch: {rest[0] if rest else ''}")
        if request.method == "POST" and rest[1:] == ["cancel"]:
            if batch["status"] not in ("completed", "expired", "failed", "cancelled"):
                batch["status"] = "cancelled"
                batch["obj"]["cancelled_at"] = int(time.time())
                self._finish(batch, answered=0, code="batch_cancelled")
        return Reply(body=self._view(batch))

    def _create(self, body: dict[str, Any]) -> Reply:
        source = self.files.get(str(body.get("input_file_id")))
        if source is None:
            return _error(400, f"no such input file: {body.get('input_file_id')}")
        if body.get("endpoint") != ENDPOINT or body.get("completion_window") != "24h":
            return _error(400, f"endpoint must be {ENDPOINT} and completion_window 24h")
        index = len(self.created)
        batch_id = f"batch_{uuid.uuid4().hex[:24]}"
        now = int(time.time())
        obj: dict[str, Any] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": ENDPOINT,
            "errors": None,
            "input_file_id": source["object"]["id"],
            "completion_window": "24h",
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": now,
            "in_progress_at": None,
            "expires_at": now + 86400,
            "completed_at": None,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": body.get("metadata"),
        }
        lines, problems = [], []
        for n, raw in enumerate(source["data"].splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
                ok = line["method"] == "POST" and line["url"] == ENDPOINT and isinstance(line["body"], dict)
            except (ValueError, KeyError, TypeError):
                ok = False
            if not ok:
                problems.append(
                    {"code": "invalid_request", "message": f"line {n} is not a valid request", "line": n}
                )
            else:
                lines.append(line)
        ids = [line["custom_id"] for line in lines]
        if len(set(ids)) != len(ids):
            problems.append({"code": "duplicate_custom_id", "message": "custom_id values must be unique"})
        if len(lines) > self.max_requests:
            problems.append({"code": "too_many_requests", "message": f"over {self.max_requests} requests"})
        batch = {
            "obj": obj,
            "lines": lines,
            "index": index,
            "started": time.monotonic(),
            "status": "validating",
        }
        self.batches[batch_id] = batch
        self.created.append(batch_id)
        self.submitted.extend(ids)
        obj["request_counts"]["total"] = len(lines)
        if problems:
            batch["status"] = obj["status"] = "failed"
            obj["errors"] = {"object": "list", "data": problems}
            obj["failed_at"] = now
        return Reply(body=self._view(batch))

    # -- progress --------------------------------------------------------------------------
    def _view(self, batch: dict[str, Any]) -> dict[str, Any]:
        obj = batch["obj"]
        if batch["status"] in ("validating", "in_progress"):
            elapsed = time.monotonic() - batch["started"]
            if batch["status"] == "validating":
                batch["status"] = obj["status"] = "in_progress"
                obj["in_progress_at"] = int(time.time())
            elif elapsed >= self.completion_delay:
                self._complete(batch)
            else:
                done = int(len(batch["lines"]) * elapsed / max(self.completion_delay, 1e-9))
                obj["request_counts"]["completed"] = done
        copy: dict[str, Any] = json.loads(json.dumps(obj))
        return copy

    def _complete(self, batch: dict[str, Any]) -> None:
        index, total = batch["index"], len(batch["lines"])
        if index in self.cancel:
            batch["status"] = batch["obj"]["status"] = "cancelled"
            self._finish(batch, answered=0, code="batch_cancelled")
        elif index in self.expire:
            batch["status"] = batch["obj"]["status"] = "expired"
            batch["obj"]["expired_at"] = int(time.time())
            self._finish(batch, answered=total // 2, code="batch_expired")
        else:
            batch["status"] = batch["obj"]["status"] = "completed"
            batch["obj"]["completed_at"] = int(time.time())
            self._finish(batch, answered=total, code=None, cut=index in self.partial)

    def _finish(self, batch: dict[str, Any], *, answered: int, code: str | None, cut: bool = False) -> None:
        obj, lines = batch["obj"], batch["lines"]
        out: list[bytes] = []
        err: list[bytes] = []
        for n, line in enumerate(lines):
            cid = line["custom_id"]
            if n >= answered:
                message = "This request could not be executed before the batch ended."
                err.append(_output(obj["id"], cid, 0, None, {"code": code, "message": message}))
                continue
            failure = self.fail_line(line) if self.fail_line is not None else None
            if failure is not None:
                body = {"error": {"message": failure, "type": "server_error", "code": None}}
                err.append(_output(obj["id"], cid, 500, body))
                continue
            reply = self.handler(Request("POST", ENDPOINT, {}, line["body"], n))
            target = out if reply.status == 200 else err
            target.append(_output(obj["id"], cid, reply.status, reply.body))
        if cut and out:
            keep = out[: len(out) - len(out) // 3]
            keep[-1] = keep[-1][: len(keep[-1]) // 2]  # the last line cut mid-way
            out = keep
        name = obj["id"]
        if out:
            obj["output_file_id"] = self.add_file(b"".join(out), f"{name}_output.jsonl", "batch_output")["id"]
        if err:
            obj["error_file_id"] = self.add_file(b"".join(err), f"{name}_error.jsonl", "batch_output")["id"]
        obj["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(err)}
