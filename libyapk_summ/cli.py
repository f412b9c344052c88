"""Command line: ``libyapk-summ brief seeds/ --out out/``.

Commands:
    brief   summarise articles: out/reports.jsonl, out/report.html + a digest on stdout
    dossier merge the articles' events into real events: out/reports.jsonl, out/dossier.json,
            out/report.html (timeline, sources, disagreements, each article) + the timeline on stdout
    record  call the model (local by default) and (re)write the fixtures
    eval    the scorecard: evidence verified, names resolved, dates, mismatches, facts found
    local   the managed local model: ``cmake-args`` for this CPU, ``build-server`` (native)
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ._errors import ArticleError, CacheError, ConfigurationError, LibyapkError
from ._settings import MODES

EXIT_FAILED = 1
EXIT_USAGE = 2


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders become their ``.txt`` files, sorted; each file once.

    Raises:
        ArticleError: a path does not exist, or a folder has no ``.txt`` file.
    """
    out: dict[Path, Path] = {}
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(x for x in p.glob("*.txt") if x.is_file())
            if not found:
                raise ArticleError("the folder has no .txt articles", path=raw)
        elif p.exists():
            found = [p]
        else:
            raise ArticleError("no such file or folder", path=raw)
        for f in found:
            out.setdefault(f.resolve(), f)  # "seeds/ seeds/001.txt" names 001 once
    return list(out.values())


def write_atomic(path: Path, text: str) -> None:
    """Write via a synced temporary file and a rename: a crash, even a power cut,
    leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as tmp:
        try:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        except BaseException:
            os.unlink(tmp.name)
            raise
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp.name, 0o666 & ~umask)  # as open() would: a temp file is private by default
    os.replace(tmp.name, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="libyapk-summ", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("brief", "summarise articles into bilingual briefs and grounded events"),
        ("record", "call the model and (re)write the recorded fixtures for these articles"),
        ("eval", "print the scorecard of the reports for these articles"),
        ("dossier", "merge the events of these articles into one dossier of real-world events"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("paths", nargs="+", help=".txt files or folders of them")
        p.add_argument("--out", type=Path, default=None, help="folder for reports.jsonl (default: out/)")
        p.add_argument("--mode", choices=MODES, default=None, help="default: auto (replay, else backend)")
        p.add_argument("--base-url", default=None, help="OpenAI-compatible endpoint (or OPENAI_BASE_URL)")
        p.add_argument("--model", default=None, help="model name sent to the backend")
        p.add_argument("--dialect", choices=("auto", "json_schema", "llamacpp"), default=None)
        p.add_argument("--ask-api-key", action="store_true", help="prompt for the key (not echoed)")
        p.add_argument("--cache-dir", type=Path, default=None)
        p.add_argument("--no-cache", action="store_true", help="do not read or write the response cache")
        p.add_argument("--fixtures", type=Path, default=None, help="recorded responses folder")
        p.add_argument("--concurrency", type=int, default=None, help="requests in flight at once")
        p.add_argument("--quiet", action="store_true", help="no digest, no progress bar")
        p.add_argument("--verbose", action="store_true", help="also show the client libraries' own logs")
        p.add_argument("--timeout", type=float, default=None, help="seconds per request (default 300)")
        p.add_argument(
            "--gazetteer",
            type=Path,
            action="append",
            default=[],
            help="your own names file (JSON), repeatable",
        )
        if name == "eval":
            p.add_argument("--facts", type=Path, default=None, help="hand-labelled facts (JSON) to look for")
        if name in ("brief", "dossier"):
            p.add_argument(
                "--format",
                choices=("csv", "jsonl"),
                action="append",
                default=[],
                help="also write the events table, one row per event, as out/events.csv or "
                "out/events.jsonl (repeatable)",
            )
    local = sub.add_parser("local", help="the managed local model: build flags for this CPU, native server")
    local.add_argument(
        "action",
        choices=("cmake-args", "install-command", "build-server"),
        help="cmake-args: CMAKE_ARGS for llama.cpp on this CPU; install-command: the pip command with "
        "them; build-server: build llama.cpp's llama-server for this CPU (the faster server)",
    )
    local.add_argument("--jobs", type=int, default=2, help="compile jobs for build-server (default 2)")
    local.set_defaults(verbose=False)
    return parser


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ._settings import Settings

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
        concurrency=args.concurrency or (1 if mode in ("record", "local") else None),
        timeout=args.timeout,
    )


def _summarize(args: argparse.Namespace) -> tuple[list[Path], list[Any], Any]:
    from ._api import run_sync
    from ._names import Gazetteer
    from ._pipeline import Pipeline

    paths = expand_paths(args.paths)
    gazetteer = Gazetteer.load(*args.gazetteer) if args.gazetteer else None
    pipeline = Pipeline(_settings(args), gazetteer=gazetteer)

    async def go() -> list[Any]:
        try:
            return await pipeline.summarize_many(paths, progress=False if args.quiet else None)
        finally:
            await pipeline.aclose()

    return paths, run_sync(go), pipeline


def _write_reports(out_dir: Path, paths: list[Path], results: list[Any]) -> tuple[list[Any], list[Any]]:
    """Write out/reports.jsonl, and out/errors.jsonl when some articles failed (else remove it)."""
    reports = [r for r in results if not isinstance(r, LibyapkError)]
    failures = [(p, r) for p, r in zip(paths, results, strict=True) if isinstance(r, LibyapkError)]
    write_atomic(out_dir / "reports.jsonl", "".join(r.model_dump_json() + "\n" for r in reports))
    errors_path = out_dir / "errors.jsonl"
    if failures:
        write_atomic(
            errors_path,
            "".join(json.dumps(_failure(p, e), ensure_ascii=False) + "\n" for p, e in failures),
        )
    elif errors_path.exists():
        errors_path.unlink()
    return reports, failures


def _failure(path: Path, error: LibyapkError) -> dict[str, Any]:
    return {
        "path": str(path),
        "id": getattr(error, "article_id", None),
        "call": getattr(error, "call", None),
        "error": type(error).__name__,
        "message": str(error),
    }


def _print_failures(failures: list[tuple[Path, LibyapkError]]) -> None:
    """One line per failed article; a broken cache, which fails them all alike, once."""
    cache = next((e for _, e in failures if isinstance(e, CacheError)), None)
    if cache is not None:
        print(f"error: {cache}", file=sys.stderr)
    for p, e in failures:
        if not isinstance(e, CacheError):
            print(f"failed: {p}: {e}", file=sys.stderr)


def _write_tables(out_dir: Path, formats: list[str], reports: list[Any], dossier: Any = None) -> list[Path]:
    """out/events.<format> (and out/dossier_events.<format> with a dossier), for each format asked."""
    from ._tables import DOSSIER_COLUMNS, EVENT_COLUMNS, dossier_rows, events_rows, to_csv, to_jsonl

    columns = EVENT_COLUMNS if dossier is not None else [c for c in EVENT_COLUMNS if c != "dossier_event"]
    tables = [("events", events_rows(reports, dossier), columns)]
    if dossier is not None:
        tables.append(("dossier_events", dossier_rows(dossier), DOSSIER_COLUMNS))
    written = []
    for fmt in dict.fromkeys(formats):
        for name, rows, cols in tables:
            path = out_dir / f"{name}.{fmt}"
            write_atomic(path, to_csv(rows, cols) if fmt == "csv" else to_jsonl(rows))
            written.append(path)
    return written


def _write_html(out_dir: Path, reports: list[Any], dossier: Any = None) -> Path:
    from ._html import report_html

    path = out_dir / "report.html"
    write_atomic(path, report_html(reports, dossier))
    return path


def run_brief(args: argparse.Namespace) -> int:
    from ._digest import digest
    from .backends import RecordingBackend

    started = time.monotonic()
    paths, results, pipeline = _summarize(args)
    out_dir = args.out or Path("out")
    reports, failures = _write_reports(out_dir, paths, results)
    page = _write_html(out_dir, reports)
    tables = _write_tables(out_dir, getattr(args, "format", []), reports)
    errors_path = out_dir / "errors.jsonl"
    if isinstance(pipeline.backend, RecordingBackend) and not failures:
        for stale in pipeline.backend.prune_stale():
            print(f"removed stale fixture {stale}", file=sys.stderr)
    if not args.quiet:
        for r in reports:
            print(digest(r), end="\n\n")
    _print_failures(failures)
    elapsed = time.monotonic() - started
    print(
        f"{len(reports)} report(s) → {', '.join(str(p) for p in [out_dir / 'reports.jsonl', page, *tables])}"
        + (f"; {len(failures)} failed → {errors_path}" if failures else "")
        + f" ({elapsed:.1f} s)",
        file=sys.stderr,
    )
    return EXIT_FAILED if failures else 0


def run_eval(args: argparse.Namespace) -> int:
    from ._eval import load_facts, score

    paths, results, _ = _summarize(args)
    reports = [r for r in results if not isinstance(r, LibyapkError)]
    for p, e in zip(paths, results, strict=True):
        if isinstance(e, LibyapkError):
            print(f"failed: {p}: {e}", file=sys.stderr)
    card = score(reports, load_facts(args.facts) if args.facts else None)
    print(card.render())
    return EXIT_FAILED if len(reports) < len(paths) else 0


def run_dossier(args: argparse.Namespace) -> int:
    from ._dossier import build_dossier, render

    paths, results, pipeline = _summarize(args)
    out_dir = args.out or Path("out")
    reports, failures = _write_reports(out_dir, paths, results)
    dossier = build_dossier(reports, gazetteer=pipeline.gazetteer)
    write_atomic(out_dir / "dossier.json", dossier.model_dump_json(indent=1) + "\n")
    page = _write_html(out_dir, reports, dossier)
    tables = _write_tables(out_dir, args.format, reports, dossier)
    if not args.quiet:
        print(render(dossier))
    _print_failures(failures)
    s = dossier.stats
    print(
        f"{s.event_reports_in} event report(s) → {s.events_out} event(s) → "
        + ", ".join(str(p) for p in [out_dir / "dossier.json", page, *tables]),
        file=sys.stderr,
    )
    return EXIT_FAILED if failures else 0


def run_local(args: argparse.Namespace) -> int:
    from .backends import _cpu, _native

    if args.action == "cmake-args":
        print(_cpu.cmake_args())
    elif args.action == "install-command":
        print(_cpu.install_command())
    else:
        print(_native.build_server(jobs=args.jobs))
    return 0


_COMMANDS = {"eval": run_eval, "dossier": run_dossier, "local": run_local}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``libyapk-summ`` command."""
    args = _parser().parse_args(argv)
    if not args.verbose:
        # instructor logs two ERROR lines per failed attempt; our own line says it once.
        logging.getLogger("instructor").setLevel(logging.CRITICAL)
    try:
        return _COMMANDS.get(args.command, run_brief)(args)
    except (ConfigurationError, ArticleError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LibyapkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
