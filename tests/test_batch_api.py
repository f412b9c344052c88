"""Batch runs through a fake OpenAI Batch API on loopback: rounds, re-asks, faults, resume, offline."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from libyapk_summ import ArticleReport, Settings
from libyapk_summ.cli import main
from libyapk_summ.pipeline._api import run_sync
from libyapk_summ.pipeline._batch import BatchLimits, BatchRunner
from libyapk_summ.pipeline._batch_files import State
from libyapk_summ.testing import FakeBatchServer, Reply, answer_lines, chat_completion, schema_filler

from .faultkit import ARTICLE, KEY, article, chats, live_pipeline, run_batch

TEXTS = {
    "a": ARTICLE,
    "b": "زيارة وزير الدفاع إلى غدامس لبحث التعاون العسكري\n"
    "زار وزير الدفاع مدينة غدامس أمس لبحث التعاون العسكري مع المسؤولين.\n",
    "c": "لقاء رئيس الحكومة مع السفير التركي في بنغازي اليوم\n"
    "استقبل رئيس الحكومة السفير التركي في بنغازي لبحث العلاقات الثنائية.\n",
}
ROOT = Path(__file__).resolve().parent.parent
# What a faithful translator would write for each unit of TEXTS (clearly fake, but it passes the
# translation checks, so no round is spent re-asking them; test_an_invalid_answer_... re-asks).
ENGLISH = {
    "زيارة رسمية لوزير الخارجية إلى طرابلس لبحث التعاون": "Official visit of the foreign minister to Tripoli "
    "to discuss cooperation",
    "عقد وزير الخارجية اجتماعا مع نظيره الباكستاني في طرابلس لبحث التعاون.": "The foreign minister held a "
    "meeting with his Pakistani counterpart in Tripoli to discuss cooperation.",
    "زيارة وزير الدفاع إلى غدامس لبحث التعاون العسكري": "Visit of the defence minister to Ghadames to "
    "discuss military cooperation",
    "زار وزير الدفاع مدينة غدامس أمس لبحث التعاون العسكري مع المسؤولين.": "The defence minister visited the "
    "city of Ghadames yesterday to discuss military cooperation with officials.",
    "لقاء رئيس الحكومة مع السفير التركي في بنغازي اليوم": "Meeting of the head of government with the "
    "Turkish ambassador in Benghazi today",
    "استقبل رئيس الحكومة السفير التركي في بنغازي لبحث العلاقات الثنائية.": "The head of government received "
    "the Turkish ambassador in Benghazi to discuss bilateral relations.",
}


def faithful(request):
    """A translation question gets ENGLISH for its sentence; any other, a minimal schema instance."""
    if "english" in json.dumps(request.json.get("response_format", {})):
        asked = json.dumps(request.json.get("messages", []), ensure_ascii=False)  # the sentence, re-asks too
        english = next((en for ar, en in ENGLISH.items() if ar in asked), None)
        if english is not None:
            return Reply(body=chat_completion(json.dumps({"english": english})))
    return schema_filler(request)


def BatchServer(handler=faithful, **kwargs):  # stands in for the class
    return FakeBatchServer(handler, **kwargs)


def articles():
    return [article(text, id=name) for name, text in TEXTS.items()]


def settings(srv, tmp_path):
    return Settings(base_url=srv.base_url, api_key=KEY, cache_dir=tmp_path / "cache")


def batch(srv, tmp_path, items=None, **kwargs):
    results: dict[int, object] = {}
    runner = BatchRunner(
        items or articles(), settings(srv, tmp_path), poll=0.01, on_result=results.__setitem__, **kwargs
    )
    summary = run_sync(runner.run)
    return summary, results, runner


def lines_of(srv):
    return [line for b in srv.batches.values() for line in b["lines"]]


def content(report: ArticleReport) -> dict:
    return report.model_dump(mode="json", exclude={"usage", "provenance"})


def test_lines_carry_what_live_calls_send_and_reports_match(tmp_path):
    with BatchServer() as srv:
        live = run_batch(live_pipeline(srv, tmp_path / "live"), articles())
        sent = sorted(json.dumps(r.json, sort_keys=True, ensure_ascii=False) for r in chats(srv))
        summary, results, _ = batch(srv, tmp_path)
    lines = lines_of(srv)
    assert sorted(json.dumps(line["body"], sort_keys=True, ensure_ascii=False) for line in lines) == sent
    assert all(line["body"]["response_format"]["type"] == "json_schema" for line in lines)
    assert summary.reports == 3 and not summary.failed and summary.rounds == 1
    assert [content(results[i]) for i in range(3)] == [content(r) for r in live]
    usage = results[0].usage
    assert usage.calls == 0 and usage.batch_calls == 3 and usage.batch_prompt_tokens == 30
    assert summary.usage.batch_calls == len(lines) == summary.lines
    assert len(srv.submitted) == len(set(srv.submitted))


def test_custom_id_is_the_cache_key_and_a_rerun_submits_nothing(tmp_path):
    with BatchServer() as srv:
        batch(srv, tmp_path)
        first = list(srv.submitted)
        summary, results, runner = batch(srv, tmp_path)
    assert srv.submitted == first and summary.lines == 0 and summary.reports == 3
    assert all(results[i].provenance.cached for i in range(3))
    cache = runner.backend
    cache._open()
    assert all(cache._get(cid) is not None for cid in first)


def test_an_invalid_answer_is_reasked_in_the_next_round(tmp_path):
    seen: set[str] = set()

    def invalid_once(request):
        text = json.dumps(request.json["messages"], ensure_ascii=False)
        if "translate" in text.lower() and text not in seen and len(request.json["messages"]) == 2:
            seen.add(text)
            return Reply(body=chat_completion('{"english": "x"}'))  # under min_length: invalid
        return faithful(request)

    with BatchServer(invalid_once) as srv:
        summary, results, _ = batch(srv, tmp_path)
    assert summary.reports == 3 and summary.rounds == 2, summary
    reasks = [line for line in lines_of(srv) if len(line["body"]["messages"]) > 2]
    assert reasks and len(reasks) == len(seen)
    assert reasks[0]["body"]["messages"][-2] == {"role": "assistant", "content": '{"english": "x"}'}
    assert all(r.usage.batch_calls and not r.usage.calls for r in results.values())


def test_failed_lines_are_retried_then_reported_per_article_with_the_cause(tmp_path):
    def fail_b(line):
        return "engine overloaded" if "غدامس" in json.dumps(line, ensure_ascii=False) else None

    with BatchServer(fail_line=fail_b) as srv:
        summary, results, _ = batch(srv, tmp_path, max_failures=2)
    assert summary.reports == 2 and set(summary.failed) == {"b"}
    assert "engine overloaded" in summary.failed["b"] and "2 rounds" in summary.failed["b"]
    assert isinstance(results[0], ArticleReport) and isinstance(results[2], ArticleReport)


@pytest.mark.parametrize("fault", ["expire", "partial", "cancel"])
def test_expired_cut_and_cancelled_batches_keep_what_came_back(tmp_path, fault):
    with BatchServer(**{fault: {0}}) as srv:
        summary, _, _ = batch(srv, tmp_path)
    assert summary.reports == 3 and not summary.failed and summary.rounds == 2
    assert summary.line_failures > 0
    first, second = (b["lines"] for b in srv.batches.values())
    answered = {line["custom_id"] for line in first} - {line["custom_id"] for line in second}
    if fault != "cancel":
        assert answered, "what the first batch answered is kept, not asked again"
    assert len(second) == summary.line_failures


def test_a_run_in_a_busy_event_loop_finishes(tmp_path):
    async def go(srv):
        other = asyncio.create_task(asyncio.sleep(60))  # a notebook's loop has tasks of its own
        try:
            return await BatchRunner(articles(), settings(srv, tmp_path), poll=0.01).run()
        finally:
            other.cancel()

    with BatchServer(completion_delay=0.2) as srv:
        summary = asyncio.run(asyncio.wait_for(go(srv), 60))
    assert summary.reports == 3


def test_large_inputs_split_under_the_limits(tmp_path):
    with BatchServer() as srv:
        summary, _, runner = batch(srv, tmp_path, limits=BatchLimits(max_requests=4))
    sizes = [len(b["lines"]) for b in srv.batches.values()]
    assert summary.reports == 3 and max(sizes) <= 4 and sum(sizes) == summary.lines and len(sizes) >= 2
    one = json.loads(Path(runner.state.entries[0].path).read_text().splitlines()[0])
    small = len(json.dumps(one).encode()) + 10
    with pytest.raises(ValueError, match="over the"):
        with BatchServer() as srv:
            batch(srv, tmp_path / "tiny", limits=BatchLimits(max_bytes=small // 3))


def test_offline_files_for_vllm_run_batch_round_trip(tmp_path):
    def executor(source: Path, target: Path) -> None:  # what `vllm run-batch -i source -o target` does
        target.write_bytes(answer_lines(faithful, source.read_bytes()))

    results: dict[int, object] = {}
    runner = BatchRunner(
        articles(), Settings(cache_dir=tmp_path / "c"), offline=True, on_result=results.__setitem__
    )
    summary = run_sync(lambda: runner.run(executor))
    assert summary.reports == 3 and not summary.failed
    assert all(e.offline and e.output for e in runner.state.entries)


def test_cli_offline_submit_then_collect(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    common = [str(folder), "--offline", "--cache-dir", str(tmp_path / "c"), "--out", str(tmp_path / "out")]
    assert main(["batch", "submit", *common]) == 1  # written, not answered yet
    commands = [line for line in capsys.readouterr().out.splitlines() if line.startswith("vllm run-batch")]
    assert len(commands) == 1
    source = Path(commands[0].split(" -i ")[1].split(" -o ")[0])
    target = Path(commands[0].split(" -o ")[1].split(" --model ")[0])
    target.write_bytes(answer_lines(faithful, source.read_bytes()))
    assert main(["batch", "collect", *common]) == 0
    reports = (tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(reports) == 3
    assert main(["batch", "status", *common]) == 0
    assert "collected" in capsys.readouterr().out


class _CrashAfterCreate(Exception):
    pass


@pytest.mark.parametrize("step", ["files", "batches"])
def test_an_upload_or_batch_made_just_before_a_crash_is_found_again_not_made_twice(tmp_path, step):
    import openai

    with BatchServer() as srv:
        client = openai.OpenAI(base_url=srv.base_url, api_key=KEY)
        resource = getattr(client, step)
        real = resource.create

        def create_then_crash(**kwargs):
            real(**kwargs)
            raise _CrashAfterCreate  # the process dies before the new id is saved

        resource.create = create_then_crash
        runner = BatchRunner(articles(), settings(srv, tmp_path), client=client, poll=0.01)
        with pytest.raises(_CrashAfterCreate):
            run_sync(runner.run)
        (saved,) = State.load(tmp_path / "cache" / "batch").entries
        assert saved.batch_id is None and (saved.file_id is None) == (step == "files")
        summary, _, _ = batch(srv, tmp_path)
    assert summary.reports == 3 and len(srv.created) == 1 and len(srv.submitted) == len(set(srv.submitted))
    assert len([f for f in srv.files.values() if f["object"]["purpose"] == "batch"]) == 1


def test_killed_while_polling_reattaches_and_submits_nothing_twice(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with BatchServer(completion_delay=1.5) as srv:
        argv = [
            sys.executable,
            "-m",
            "libyapk_summ.cli",
            "batch",
            "run",
            str(folder),
            "--base-url",
            srv.base_url,
            "--cache-dir",
            str(tmp_path / "c"),
            "--out",
            str(tmp_path / "out"),
            "--poll",
            "0.05",
            "--quiet",
        ]
        env = {**os.environ, "OPENAI_API_KEY": KEY}
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not srv.created and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # polling now
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert len(srv.created) == 1
        assert State.load(tmp_path / "c" / "batch").entries[0].batch_id == srv.created[0]
        done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(srv.created) == 1 and len(srv.submitted) == len(set(srv.submitted))
    assert len((tmp_path / "out" / "reports.jsonl").read_text().splitlines()) == 3
