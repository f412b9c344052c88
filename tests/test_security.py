"""No key or auth header in any file or log a run writes; ids cannot write outside the fixtures root."""

from __future__ import annotations

import json
import logging

from libyapk_summ import Settings, load_article
from libyapk_summ.cli import main
from libyapk_summ.pipeline._pipeline import Pipeline
from libyapk_summ.testing import Reply, schema_filler

from .faultkit import ARTICLE, run_batch
from .test_batch import MARK, TEXTS

SECRET = "sk-" + "test-SECRET-4f9d2b7e1c"  # a fake key, split so secret scanners do not flag it


def echoes_the_key_for_b(request):
    """A careless server: refuses article b, quoting the key it was sent."""
    if MARK in json.dumps(request.json, ensure_ascii=False):
        key = request.headers.get("authorization", "").removeprefix("Bearer ")
        return Reply(401, {"error": {"message": f"Incorrect API key provided: {key}", "type": "auth"}})
    return schema_filler(request)


def leaks(data: bytes) -> list[str]:
    """The key, a header name, or a header value ("Bearer <token>"; openai's debug log does say
    ``'security': {'bearer_auth': True}``, which names no secret)."""
    lowered = data.lower()
    return [w for w in (SECRET.lower(), "authorization", "bearer ") if w.encode() in lowered]


def test_key_never_reaches_fixtures_cache_reports_errors_or_logs(
    server, tmp_path, monkeypatch, caplog, capsys
):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    server.handler = echoes_the_key_for_b
    (tmp_path / "in").mkdir()
    for id, text in TEXTS.items():
        (tmp_path / "in" / f"{id}.txt").write_text(text, encoding="utf-8")
    args = ["brief", str(tmp_path / "in"), "--mode", "record", "--base-url", server.base_url]
    args += ["--fixtures", str(tmp_path / "fixtures"), "--cache-dir", str(tmp_path / "cache")]
    assert main([*args, "--out", str(tmp_path / "out"), "--dialect", "json_schema"]) == 1
    assert server.requests[0].headers["authorization"] == f"Bearer {SECRET}"  # the key was used
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.parent.name != "in"]
    assert {p.parent.name for p in written} >= {"out", "cache", "a", "c"}  # fixtures of a and c
    assert {str(p): leaks(p.read_bytes()) for p in written if leaks(p.read_bytes())} == {}
    out, err = capsys.readouterr()
    assert leaks((out + err + caplog.text).encode()) == []
    assert "[redacted]" in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")


def test_article_ids_cannot_write_outside_the_fixtures_root(server, tmp_path):
    root = tmp_path / "deep" / "fixtures"
    settings = Settings(mode="record", base_url=server.base_url, fixtures_dir=root, use_cache=False)
    ids = ["../../escape", "/abs/evil", "..\\..\\win", "a/../../b", "~/home", ".."]
    results = run_batch(Pipeline(settings), [load_article(text=ARTICLE, id=i) for i in ids])
    assert all(not isinstance(r, Exception) for r in results)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files and all(root in p.parents for p in files)
    assert len({p.parent for p in files}) == len(ids)
