"""``libyapk-summ batch run|submit|status|collect``: articles through a provider's batch engine.

* ``run``: rounds until every article has its report (submit, poll, collect, repeat);
* ``submit``: one step without waiting: collect what finished, submit what is missing;
* ``status``: each batch file of the run and its state;
* ``collect``: read back finished batches (or, offline, ``vllm run-batch`` output files) and
  write the reports of the articles that have all their answers.

With ``--offline`` no server is called: ``submit`` writes the JSONL files for ``vllm run-batch``
(or any tool that reads and writes the Batch API format) and ``collect`` reads their output;
``run --offline-cmd 'vllm run-batch -i {input} -o {output} --model M'`` does the rounds itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["add_parser", "run_batch_command"]


def add_parser(sub: Any) -> None:
    """Add the ``batch`` command to the CLI's subparsers."""
    p = sub.add_parser(
        "batch", help="summarise articles through a batch API (OpenAI, or vllm run-batch offline)"
    )
    p.add_argument("action", choices=("run", "submit", "status", "collect"))
    p.add_argument("paths", nargs="+", help=".txt files or folders of them")
    p.add_argument("--out", type=Path, default=None, help="folder for reports.jsonl (default: out/)")
    p.add_argument(
        "--base-url", default=None, help="Batch API endpoint (default: OpenAI, or OPENAI_BASE_URL)"
    )
    p.add_argument("--model", default=None, help="model name put in every request")
    p.add_argument(
        "--cache-dir", type=Path, default=None, help="response cache; the run's state is in its batch/"
    )
    p.add_argument("--offline", action="store_true", help="write files for vllm run-batch; call no server")
    p.add_argument(
        "--offline-cmd", default=None, help="run: the command for one file, with {input} and {output}"
    )
    p.add_argument("--output", type=Path, action="append", default=[], help="collect: an offline output file")
    p.add_argument("--max-requests", type=int, default=50_000, help="requests per file (default 50,000)")
    p.add_argument("--max-bytes", type=int, default=200_000_000, help="bytes per file (default 200 MB)")
    p.add_argument("--poll", type=float, default=30.0, help="seconds between looks at a running batch")
    p.add_argument(
        "--max-failures", type=int, default=3, help="rounds a line may fail in before its article fails"
    )
    p.add_argument("--quiet", action="store_true", help="no progress")
    p.add_argument("--verbose", action="store_true", help="also show the client libraries' own logs")


def run_batch_command(args: argparse.Namespace) -> int:
    """Run ``libyapk-summ batch ACTION PATHS``; exit status 0 when every article has its report."""
    from .._settings import Settings
    from ..article._inputs import expand_paths
    from ..pipeline._api import run_sync
    from ..pipeline._batch import BatchLimits, BatchRunner
    from ..pipeline._batch_files import command_executor
    from ._run import EXIT_FAILED

    paths = expand_paths(args.paths)
    settings = Settings.from_env(base_url=args.base_url, model=args.model, cache_dir=args.cache_dir)
    out_dir = args.out or Path("out")
    sink = _Reports(out_dir, paths)
    runner = BatchRunner(
        paths,
        settings,
        offline=args.offline,
        limits=BatchLimits(args.max_requests, args.max_bytes),
        poll=args.poll,
        max_failures=args.max_failures,
        on_result=sink.add,
        progress=False if args.quiet else None,
    )
    if args.action == "status":
        entries = runner.status()
        for e in entries:
            where = e.batch_id or (
                "offline: " + (e.output or f"run it, write {Path(e.path).with_suffix('.out.jsonl')}")
            )
            counts = ", ".join(f"{k} {v}" for k, v in e.counts.items())
            done = "collected" if e.collected else (e.status or "written")
            print(f"{e.name}: {e.lines} lines, {where}, {done}" + (f" ({counts})" if counts else ""))
        print(f"{len(entries)} batch file(s) in {runner.directory}", file=sys.stderr)
        return 0
    if args.action == "run":
        executor = command_executor(args.offline_cmd) if args.offline_cmd else None
        summary = run_sync(lambda: runner.run(executor))
    elif args.action == "submit":
        new = run_sync(runner.submit)
        summary = runner.summary
        for e in new:
            if args.offline:
                target = Path(e.path).with_suffix(".out.jsonl")
                print(f"vllm run-batch -i {e.path} -o {target} --model {settings.model}")
            else:
                print(f"{e.name}: {e.lines} lines → {e.batch_id}")
    else:
        summary = run_sync(lambda: runner.collect(args.output))
    sink.close()
    for article, cause in summary.failed.items():
        print(f"failed: {article}: {cause}", file=sys.stderr)
    u = summary.usage
    print(
        f"{summary.reports} report(s) → {out_dir / 'reports.jsonl'}; {summary.pending} waiting; "
        f"{len(summary.failed)} failed; {summary.rounds} round(s), {summary.lines} line(s) submitted; "
        f"batch tokens {u.batch_prompt_tokens} in, {u.batch_completion_tokens} out",
        file=sys.stderr,
    )
    return EXIT_FAILED if summary.failed or summary.pending else 0


class _Reports:
    """Writes reports.jsonl (and errors.jsonl) as articles finish: nothing held in memory."""

    def __init__(self, out_dir: Path, paths: list[Path]) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir, self.paths = out_dir, paths
        self._files = {
            name: tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=out_dir, prefix=f".{name}.", delete=False
            )
            for name in ("reports.jsonl", "errors.jsonl")
        }
        self.errors = 0

    def add(self, index: int, result: Any) -> None:
        from .._errors import LibyapkError

        if isinstance(result, LibyapkError):
            self.errors += 1
            row = {"path": str(self.paths[index]), "error": type(result).__name__, "message": str(result)}
            self._files["errors.jsonl"].write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            self._files["reports.jsonl"].write(result.model_dump_json() + "\n")

    def close(self) -> None:
        for name, f in self._files.items():
            f.close()
            if name == "errors.jsonl" and not self.errors:
                os.unlink(f.name)
                (self.out_dir / name).unlink(missing_ok=True)
            else:
                os.replace(f.name, self.out_dir / name)
