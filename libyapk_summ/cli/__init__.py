"""Command line of libyapk_summ: bilingual briefs and grounded events from Arabic news.

Example: ``libyapk-summ brief seeds/ --out out/``. Each subcommand is one entry of
:data:`SUBCOMMANDS` (its help, description, options and runner); the runs that
write an output folder are in ``_cli_run.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import ArticleError, ConfigurationError, LibyapkError
from .._settings import MODES
from .._version import __version__
from ..article._inputs import expand_paths
from ..pipeline._outputs import write_atomic
from ._run import EXIT_FAILED, EXIT_USAGE

if TYPE_CHECKING:
    from ..contract._models import ArticleReport

__all__ = ["SUBCOMMANDS", "Subcommand", "expand_paths", "main", "write_atomic"]


def positive_int(value: str) -> int:
    """An argparse type: an integer of at least 1."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def published_date(value: str) -> dt.date | dt.datetime:
    """An argparse type: a publication date in one of the forms ``parse_published`` reads."""
    from ..article._published import parse_published

    try:
        return parse_published(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help=".txt articles, .jsonl/.csv corpora, or folders of them")
    p.add_argument(
        "--mode",
        choices=MODES,
        default=None,
        help="replay: recorded answers only; live/local: call the model; auto (when omitted): "
        "recorded answers, else the backend given",
    )
    p.add_argument("--base-url", default=None, help="OpenAI-compatible endpoint (else $OPENAI_BASE_URL)")
    p.add_argument("--model", default=None, help="model name sent to the backend (else $LIBYAPK_SUMM_MODEL)")
    p.add_argument(
        "--dialect",
        choices=("auto", "json_schema", "llamacpp"),
        default=None,
        help="how the answer schema is sent: OpenAI json_schema, or llama.cpp's own "
        "grammar; auto asks a loopback server what it is",
    )
    p.add_argument("--ask-api-key", action="store_true", help="prompt for the API key (not echoed)")
    p.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="response cache folder (else $LIBYAPK_SUMM_CACHE_DIR, or the user cache folder)",
    )
    p.add_argument("--no-cache", action="store_true", help="do not read or write the response cache")
    p.add_argument(
        "--fixtures", type=Path, default=None, help="recorded responses folder (else the packaged one)"
    )
    p.add_argument(
        "--concurrency",
        type=positive_int,
        default=None,
        help="requests in flight at once, at least 1 (else 1 for record/local, 4 otherwise)",
    )
    p.add_argument("--timeout", type=float, default=None, help="seconds per request (else 300)")
    p.add_argument(
        "--gazetteer", type=Path, action="append", default=[], help="your own names file (JSON), repeatable"
    )
    p.add_argument(
        "--kinds",
        type=Path,
        action="append",
        default=[],
        help="your own event kinds file (JSON shaped like data/event_kinds.json), repeatable",
    )
    p.add_argument("--quiet", action="store_true", help="no digest, no progress bar")
    p.add_argument("--verbose", action="store_true", help="also show the client libraries' own logs")
    p.add_argument(
        "--input-format",
        choices=("txt", "jsonl", "csv"),
        default=None,
        help="read every path as this format (else by extension: .txt, .jsonl, .csv)",
    )
    p.add_argument(
        "--encoding",
        default=None,
        help="the files' encoding, e.g. windows-1256, iso-8859-6, utf-16 (else detected: a "
        "byte-order mark, UTF-8, or a legacy Arabic code page)",
    )
    p.add_argument(
        "--published",
        type=published_date,
        default=None,
        help="publication date of the articles that state none (2026-02-04, 4/2/2026, ...)",
    )
    p.add_argument("--source", default=None, help="the outlet of the articles that name none")
    p.add_argument("--url", default=None, help="the article's URL (one article only)")


def _output_options(p: argparse.ArgumentParser, *, tables: bool) -> None:
    p.add_argument(
        "--out",
        type=Path,
        default=Path("out"),
        help="output folder; its earlier set of files is replaced only once this run has "
        "made at least one report (see README, 'Outputs')",
    )
    p.add_argument(
        "--redo",
        action="store_true",
        help="summarise every article again, even those whose reports --out already has",
    )
    if tables:
        p.add_argument(
            "--format",
            choices=("csv", "jsonl"),
            action="append",
            default=[],
            help="also write the events table, one row per event, as events.csv or events.jsonl (repeatable)",
        )


def _brief_options(p: argparse.ArgumentParser) -> None:
    _model_options(p)
    _output_options(p, tables=True)


def _record_options(p: argparse.ArgumentParser) -> None:
    _model_options(p)
    p.add_argument(
        "--missing",
        action="store_true",
        help="keep the calls already recorded and ask the model only for the others (a changed question)",
    )
    _output_options(p, tables=False)


def _eval_options(p: argparse.ArgumentParser) -> None:
    _model_options(p)
    p.add_argument("--facts", type=Path, default=None, help="hand-labelled facts (JSON) to look for")
    p.add_argument(
        "--labels",
        type=Path,
        default=None,
        help="folder of hand labels (<id>.json) of real articles: score only the labelled ones",
    )
    p.add_argument(
        "--detect-only", action="store_true", help="with --labels: score event detection alone, no model call"
    )
    p.add_argument("--details", action="store_true", help="with --labels: list misses and junk")
    p.add_argument(
        "--flag-labels",
        type=Path,
        default=None,
        help="with --labels: labelled translations (JSONL, like tests/translations_labelled.jsonl) "
        "that score the checks' false and missed flags",
    )
    p.add_argument("--out", type=Path, default=None, help="also write the scorecard as OUT/scorecard.json")


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """Shows an option's default where it has one (None, False and [] are no default to show)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default in (None, False, []) or action.default is argparse.SUPPRESS:
            return action.help or ""
        return super()._get_help_string(action) or ""


@dataclass(frozen=True)
class Subcommand:
    """One subcommand: its one-line help, its description, its options and what runs it."""

    help: str
    description: str
    options: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _run_brief(args: argparse.Namespace) -> int:
    from ._run import run_set

    return run_set(args, dossier=False)


def _run_dossier(args: argparse.Namespace) -> int:
    from ._run import run_set

    return run_set(args, dossier=True)


def _run_eval(args: argparse.Namespace) -> int:
    from ..evaluate._eval import load_facts, score
    from ._run import summarize_inputs

    if args.labels:
        from ..evaluate._eval_devset import run_labelled

        return run_labelled(args, _summarize_paths)
    run = summarize_inputs(args)
    reports = run.reports()
    for label, e in run.failures():
        print(f"failed: {label}: {e}", file=sys.stderr)
    card = score(reports, load_facts(args.facts) if args.facts else None)
    print(card.render())
    if args.out is not None:
        path = args.out / "scorecard.json"
        # vars, not dataclasses.asdict: asdict rebuilds a Counter from its (key, count) pairs
        data = {k: dict(v) if isinstance(v, dict) else v for k, v in vars(card).items()}
        write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print(f"scorecard → {path}", file=sys.stderr)
    return EXIT_FAILED if len(reports) < len(run.items) else 0


def _summarize_paths(
    args: argparse.Namespace,
) -> tuple[list[Path], list[ArticleReport | LibyapkError | None], Any]:
    """Summarise ``args.paths`` (files, one article each): the paths, their results, the pipeline."""
    from ._run import summarize_inputs

    run = summarize_inputs(args)
    return [Path(p) for p in args.paths], run.results, run.pipeline


def _local_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "action",
        choices=("cmake-args", "install-command", "build-server"),
        help="cmake-args: CMAKE_ARGS for llama.cpp on this CPU; install-command: the pip command with "
        "them; build-server: build llama.cpp's llama-server for this CPU (parallel slots)",
    )
    p.add_argument("--jobs", type=positive_int, default=2, help="compile jobs for build-server")
    p.set_defaults(verbose=False)


def _run_local(args: argparse.Namespace) -> int:
    from ..backends import _cpu, _native

    if args.action == "cmake-args":
        print(_cpu.cmake_args())
    elif args.action == "install-command":
        print(_cpu.install_command())
    else:
        print(_native.build_server(jobs=args.jobs))
    return 0


SUBCOMMANDS: dict[str, Subcommand] = {
    "brief": Subcommand(
        "summarise articles into bilingual briefs and grounded events",
        "Summarise each article: a bilingual (Arabic/English) brief and typed events, every one "
        "quoting its source sentence. Writes OUT/reports.jsonl, OUT/report.html, OUT/errors.jsonl (the "
        "articles that failed, with their causes) and OUT/run.json, and prints a digest.",
        _brief_options,
        _run_brief,
    ),
    "dossier": Subcommand(
        "merge the events of these articles into one dossier of real-world events",
        "Summarise the articles, then merge the events they report into real-world events: "
        "OUT/dossier.json and OUT/report.html (timeline, sources, disagreements, each article), "
        "beside what brief writes; prints the timeline.",
        _brief_options,
        _run_dossier,
    ),
    "record": Subcommand(
        "call the model and (re)write the recorded fixtures for these articles",
        "Call the model (the managed local one unless --base-url is given) for every question of "
        "these articles and write its answers as fixtures, which replay then reads offline.",
        _record_options,
        _run_brief,
    ),
    "eval": Subcommand(
        "print the scorecard of the reports for these articles",
        "Summarise the articles and print the scorecard: evidence verified, names resolved, dates "
        "by precision, English-vs-source mismatches, and the labelled facts found (--facts).",
        _eval_options,
        _run_eval,
    ),
    "local": Subcommand(
        "the managed local model: build flags for this CPU, the native server",
        "Print the CMAKE_ARGS (or the whole pip command) that build llama.cpp for this machine's CPU "
        "(AVX-512 only where /proc/cpuinfo lists it, AMX off), or build llama.cpp's own llama-server "
        "for it from the llama-cpp-python sources, which --mode local then prefers.",
        _local_options,
        _run_local,
    ),
}
"""The subcommands, in the order help lists them; a new one is one more entry."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="libyapk-summ",
        description=__doc__.split("\n")[0],
        epilog="Run 'libyapk-summ COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in SUBCOMMANDS.items():
        p = sub.add_parser(
            name,
            help=command.help,
            description=command.description,
            formatter_class=_Help,
        )
        command.options(p)
    _batch_cli().add_parser(sub)
    return parser


def _batch_cli() -> types.ModuleType:
    from . import _batch as _cli_batch

    return _cli_batch


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``libyapk-summ`` command."""
    args = _parser().parse_args(argv)
    if not args.verbose:
        # instructor logs two ERROR lines per failed attempt; our own line says it once.
        logging.getLogger("instructor").setLevel(logging.CRITICAL)
    try:
        if args.command == "batch":
            code: int = _batch_cli().run_batch_command(args)
            return code
        return SUBCOMMANDS[args.command].run(args)
    except (ConfigurationError, ArticleError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LibyapkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
