"""The runs behind ``brief``, ``dossier``, ``record`` and ``eval``: read, summarise, write the set.

:func:`run_set` reads the inputs (:mod:`._inputs`), keeps the reports ``--out``
already has for the same articles (unless ``--redo`` or ``record``), summarises the
rest, appends each report to the staged set as it finishes, and on the end of the
run (done, or SIGINT/SIGTERM) writes the rest of the set for what finished and
swaps it in (:mod:`._outputs`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import ArticleError, CacheError, FixtureMissingError, LibyapkError
from ..article._inputs import Given, Inputs, gather
from ..contract._models import Article, ArticleReport
from ..pipeline._outputs import OutputRun, write_atomic

if TYPE_CHECKING:  # imported where used, at run time
    from .._settings import Settings

EXIT_FAILED, EXIT_USAGE = 1, 2
"""Exit statuses of every subcommand: an article or a call failed; the command was misused."""
EXIT_SIGNAL: dict[int, int] = {signal.SIGINT: 130, signal.SIGTERM: 143}
INTERRUPTED = "the run was interrupted before this article finished; rerun the same command to complete it"


@dataclass
class Run:
    """The inputs of a run and what became of each: a report, an error, or None (not finished)."""

    inputs: Inputs
    results: list[ArticleReport | LibyapkError | None]
    pipeline: Any = None
    reused: int = 0
    signal: int | None = None
    elapsed: float = 0.0
    items: list[Any] = field(init=False)

    def __post_init__(self) -> None:
        self.items = self.inputs.items

    def reports(self) -> list[ArticleReport]:
        return [r for r in self.results if isinstance(r, ArticleReport)]

    def failures(self) -> list[tuple[str, LibyapkError]]:
        return [
            (lb, r)
            for lb, r in zip(self.inputs.labels, self.results, strict=True)
            if isinstance(r, LibyapkError)
        ]

    def missing(self) -> list[str]:
        return [lb for lb, r in zip(self.inputs.labels, self.results, strict=True) if r is None]


def _settings(args: argparse.Namespace) -> Settings:
    from .._settings import Settings

    mode = args.mode or ("record" if args.command == "record" else None)
    key = getpass.getpass("API key: ") if args.ask_api_key else None
    return Settings.from_env(
        mode=mode,
        base_url=args.base_url,
        api_key=key,
        model=args.model,
        dialect=args.dialect,
        cache_dir=args.cache_dir,
        use_cache=False if args.no_cache else None,
        fixtures_dir=args.fixtures,
        record_missing=getattr(args, "missing", False) or None,
        concurrency=args.concurrency or (1 if mode in ("record", "local") else None),
        timeout=args.timeout,
    )


def _given(args: argparse.Namespace) -> Given:
    return Given(args.encoding, args.input_format, args.published, args.source, args.url)


@contextmanager
def _signals(run: Run) -> Iterator[None]:
    """SIGTERM is handled as SIGINT (asyncio cancels the run cleanly); which one came is kept."""

    def term(signum: int, frame: Any) -> None:
        run.signal = signal.SIGTERM
        signal.raise_signal(signal.SIGINT)

    if threading.current_thread() is not threading.main_thread():  # main() called from a thread
        yield
        return
    old = signal.signal(signal.SIGTERM, term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def summarize_inputs(args: argparse.Namespace, output: OutputRun | None = None, reuse: bool = False) -> Run:
    """Read ``args.paths`` and summarise them; with ``output``, each report is staged as it finishes.

    A SIGINT or SIGTERM ends the run early: ``Run.signal`` says which, and the articles not
    finished have None as their result.
    """
    from ..contract._kinds import Kinds
    from ..names._names import Gazetteer
    from ..pipeline._api import run_sync
    from ..pipeline._pipeline import Pipeline

    inputs = gather(args.paths, _given(args))
    if args.url and sum(isinstance(i, Article) for i in inputs.items) > 1:
        raise ArticleError("--url names one article's address; give it with one article only")
    gazetteer = Gazetteer.load(*args.gazetteer) if args.gazetteer else None
    kinds = Kinds.load(*args.kinds) if getattr(args, "kinds", None) else None
    pipeline = Pipeline(_settings(args), gazetteer=gazetteer, kinds=kinds)
    run = Run(inputs, [i if isinstance(i, LibyapkError) else None for i in inputs.items], pipeline)
    if output is not None:
        output.manifest["made_by"] = made_by(pipeline)
        kept = {r.article.id: r for r in output.previous()} if reuse else {}
        output.start()
        for n, item in enumerate(inputs.items):
            if isinstance(item, Article) and kept.get(item.id) is not None and kept[item.id].article == item:
                run.results[n] = kept[item.id]
                output.add(kept[item.id])
                run.reused += 1
    todo = [n for n, r in enumerate(run.results) if r is None]

    def finished(i: int, result: Any) -> None:
        run.results[todo[i]] = result
        if output is not None and isinstance(result, ArticleReport):
            output.add(result)

    async def go() -> None:
        try:
            articles = [a for n in todo if isinstance(a := inputs.items[n], Article)]
            if articles:
                progress = False if args.quiet else None
                await pipeline.summarize_many(articles, on_result=finished, progress=progress)
        finally:
            await pipeline.aclose()

    started = time.monotonic()
    with _signals(run):
        try:
            run_sync(go)
        except KeyboardInterrupt:
            run.signal = run.signal or signal.SIGINT
    run.elapsed = time.monotonic() - started
    return run


def made_by(pipeline: Any) -> dict[str, str]:
    """What a report depends on besides its article: a report made by another is made again."""
    from ..pipeline._report_cache import code_fingerprint

    return {
        "code": code_fingerprint(),
        "prompts": pipeline.prompt_version,
        "model": pipeline.settings.model,
        "gazetteer": pipeline.gazetteer.fingerprint,
    }


def failure_row(label: str, error: LibyapkError | None) -> dict[str, Any]:
    """One line of ``errors.jsonl``."""
    return {
        "path": label,
        "id": getattr(error, "article_id", None),
        "call": getattr(error, "call", None),
        "error": type(error).__name__ if error is not None else "Interrupted",
        "message": str(error) if error is not None else INTERRUPTED,
    }


def _print_failures(failures: list[tuple[str, LibyapkError]]) -> None:
    """One line per failed article; a cause they share (a broken cache, no backend) once."""
    cache = next((e for _, e in failures if isinstance(e, CacheError)), None)
    if cache is not None:
        print(f"error: {cache}", file=sys.stderr)
    hint = None
    for label, e in failures:
        if isinstance(e, FixtureMissingError):
            detail, _, hint = e.detail.partition(". ")
            print(f"failed: {label}: [{e.article_id}/{e.call}] {detail}", file=sys.stderr)
        elif not isinstance(e, CacheError):
            said = str(e)
            print(f"failed: {said if said.startswith(label) else f'{label}: {said}'}", file=sys.stderr)
    if hint:
        print(hint, file=sys.stderr)


def _write_set(output: OutputRun, run: Run, args: argparse.Namespace, dossier: bool) -> tuple[list[str], Any]:
    """Write the rest of the set for the reports that finished; returns the file names and the dossier."""
    from ..render._html import report_html

    reports = run.reports()
    write_atomic(output.path("reports.jsonl"), "".join(r.model_dump_json() + "\n" for r in reports))
    rows = [failure_row(lb, e) for lb, e in run.failures()] + [failure_row(lb, None) for lb in run.missing()]
    names = ["reports.jsonl"]
    if rows:
        write_atomic(
            output.path("errors.jsonl"), "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        )
        names.append("errors.jsonl")
    built = None
    if dossier:
        from ..dossier._dossier import build_dossier

        built = build_dossier(reports, gazetteer=run.pipeline.gazetteer)
        write_atomic(output.path("dossier.json"), built.model_dump_json(indent=1) + "\n")
        names.append("dossier.json")
    write_atomic(output.path("report.html"), report_html(reports, built, failures=rows))
    names.append("report.html")
    names += _write_tables(output, getattr(args, "format", []), reports, built)
    return names, built


def _write_tables(output: OutputRun, formats: list[str], reports: list[Any], dossier: Any) -> list[str]:
    from ..render._tables import DOSSIER_COLUMNS, EVENT_COLUMNS, dossier_rows, events_rows, to_csv, to_jsonl

    columns = EVENT_COLUMNS if dossier is not None else [c for c in EVENT_COLUMNS if c != "dossier_event"]
    tables = [("events", events_rows(reports, dossier), columns)]
    if dossier is not None:
        tables.append(("dossier_events", dossier_rows(dossier), DOSSIER_COLUMNS))
    names = []
    for fmt in dict.fromkeys(formats):
        for name, rows, cols in tables:
            write_atomic(output.path(f"{name}.{fmt}"), to_csv(rows, cols) if fmt == "csv" else to_jsonl(rows))
            names.append(f"{name}.{fmt}")
    return names


def _had_reports(out: Path) -> bool:
    try:
        return (out / "reports.jsonl").stat().st_size > 0
    except OSError:
        return False


def run_set(args: argparse.Namespace, *, dossier: bool) -> int:
    """``brief``/``record`` (``dossier=False``) and ``dossier``: see the module docstring."""
    from ..backends import RecordingBackend
    from ..render._digest import digest

    output = OutputRun(args.out, {"command": args.command})
    reuse = not args.redo and args.command != "record"
    try:
        run = summarize_inputs(args, output, reuse=reuse)
    except BaseException:
        output.discard()
        raise
    for path in run.inputs.skipped:
        print(f"skipped: {path} (not .txt, .jsonl or .csv)", file=sys.stderr)
    reports, failures = run.reports(), run.failures()
    if not reports and (_had_reports(args.out) or not any(isinstance(i, Article) for i in run.items)):
        output.discard()
        _print_failures(failures)
        print(f"no report made; {args.out} left as it was", file=sys.stderr)
        if run.signal:
            return EXIT_SIGNAL[run.signal]
        return EXIT_FAILED if any(isinstance(i, Article) for i in run.items) else EXIT_USAGE
    main_thread = threading.current_thread() is threading.main_thread()
    old = {s: signal.signal(s, signal.SIG_IGN) for s in EXIT_SIGNAL} if main_thread else {}  # finish it whole
    try:
        names, built = _write_set(output, run, args, dossier)
        output.commit(
            {
                "complete": run.signal is None,
                "articles": len(run.items),
                "reports": len(reports),
                "reused": run.reused,
                "failed": len(failures),
                "missing": run.missing(),
                "skipped": [str(p) for p in run.inputs.skipped],
            }
        )
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
    if isinstance(run.pipeline.backend, RecordingBackend) and not failures and run.signal is None:
        for stale in run.pipeline.backend.prune_stale():
            print(f"removed stale fixture {stale}", file=sys.stderr)
    if not args.quiet and run.signal is None:
        if built is not None:
            from ..dossier._dossier import render

            print(render(built))
        else:
            for r in reports:
                print(digest(r), end="\n\n")
    _print_failures(failures)
    written = ", ".join(str(args.out / n) for n in names)
    reused = f", {run.reused} kept from the last run" if run.reused else ""
    print(
        f"{len(reports)} report(s){reused} → {written}"
        + (f"; {len(failures)} failed (see errors.jsonl)" if failures else "")
        + f" ({run.elapsed:.1f} s)",
        file=sys.stderr,
    )
    if run.signal:
        print(
            f"interrupted: {len(run.missing())} article(s) not finished; rerun the same command to "
            "complete them",
            file=sys.stderr,
        )
        return EXIT_SIGNAL[run.signal]
    return EXIT_FAILED if failures else 0
