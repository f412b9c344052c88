"""The output folder: one consistent set of files, built aside and swapped in whole.

A run writes into a staging folder beside ``--out`` (``.<name>.staging-<pid>``):
each finished report is appended to its ``reports.jsonl`` at once (flushed to
disk), and when the run ends (all done, or interrupted) the rest of the set
(``report.html``, tables, ``dossier.json``, ``errors.jsonl``, ``run.json``) is
written there for the reports that finished. Then the staging folder takes the
place of ``--out`` in one rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere
two renames), and the earlier set is removed. A run that produced no report
leaves the earlier set untouched.

``--out`` may also hold files that are not ours (a folder shared with the
articles): then the new files are moved in one by one, ours that the new set
lacks removed, and ``run.json`` written last; other files are never touched.

A rerun into the same folder keeps the reports already there for the same
article made by the same code, gazetteer and model (``run.json`` says which),
including those a killed run left in its staging folder, and summarises only
the rest.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
import sys
from pathlib import Path
from typing import IO, Any

from ..contract._models import ArticleReport

OURS = ("reports.jsonl", "errors.jsonl", "report.html", "dossier.json", "run.json", "scorecard.json")
"""Files a run writes; with ``events.*`` and ``dossier_events.*`` they are the set."""
MANIFEST = "run.json"


def is_ours(name: str) -> bool:
    """Whether ``name`` is a file of a run's set (see :data:`OURS`)."""
    return name in OURS or name.split(".")[0] in ("events", "dossier_events")


def write_atomic(path: Path, text: str) -> None:
    """Write via a synced temporary file and a rename: a crash, even a power cut,
    leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return bool(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputRun:
    """One run's staging folder for ``out``.

    Args:
        out: the output folder (``--out``).
        manifest: what made this run's reports (versions, fingerprints), kept in ``run.json``.
    """

    def __init__(self, out: Path, manifest: dict[str, Any]) -> None:
        self.out = out
        self.stage = out.parent / f".{out.name}.staging-{os.getpid()}"
        self.manifest = dict(manifest)
        self._reports: IO[str] | None = None

    def previous(self) -> list[ArticleReport]:
        """Reports of earlier runs into ``out`` (and of dead runs' staging folders) made by the
        same code, gazetteer and model as this run, which a rerun need not make again."""
        found: list[ArticleReport] = []
        sources = [self.out, *self._dead_stages()]
        for folder in sources:
            try:
                made_by = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("made_by")
            except (OSError, ValueError, AttributeError):
                continue
            if made_by != self.manifest.get("made_by"):
                continue
            with contextlib.suppress(OSError):
                for line in (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines():
                    with contextlib.suppress(ValueError):
                        found.append(ArticleReport.model_validate_json(line))
        return found

    def _dead_stages(self) -> list[Path]:
        out = []
        for p in self.out.parent.glob(f".{self.out.name}.staging-*"):
            pid = p.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                out.append(p)
        return out

    def start(self) -> None:
        """Create the staging folder (its ``run.json`` says the run is not complete)."""
        if self.stage.exists():
            shutil.rmtree(self.stage)
        self.stage.mkdir(parents=True)
        write_atomic(self.stage / MANIFEST, json.dumps(self.manifest | {"complete": False}, indent=1) + "\n")
        self._reports = open(self.stage / "reports.jsonl", "a", encoding="utf-8")

    def add(self, report: ArticleReport) -> None:
        """Append one finished report to the staging ``reports.jsonl``, flushed to disk."""
        if self._reports is None:
            raise RuntimeError("OutputRun.add() before start()")
        self._reports.write(report.model_dump_json() + "\n")
        self._reports.flush()
        os.fsync(self._reports.fileno())

    def path(self, name: str) -> Path:
        """Where the file ``name`` of the set is staged."""
        return self.stage / name

    def commit(self, summary: dict[str, Any]) -> None:
        """Write ``run.json`` and put the staged set in the place of ``out``."""
        self._close()
        write_atomic(
            self.stage / MANIFEST, json.dumps(self.manifest | summary, indent=1, ensure_ascii=False) + "\n"
        )
        for dead in self._dead_stages():
            shutil.rmtree(dead, ignore_errors=True)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if not self.out.exists():
            os.rename(self.stage, self.out)
        elif all(is_ours(p.name) for p in self.out.iterdir()):
            if not _exchange(self.stage, self.out):
                old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
                os.rename(self.out, old)
                os.rename(self.stage, self.out)
                self.stage = old
            shutil.rmtree(self.stage, ignore_errors=True)
        else:
            self._merge_into_shared()
        _sync_dir(self.out.parent)

    def _merge_into_shared(self) -> None:
        new = {p.name for p in self.stage.iterdir()}
        for name in sorted(new - {MANIFEST}):
            os.replace(self.stage / name, self.out / name)
        for p in self.out.iterdir():
            if is_ours(p.name) and p.name not in new and p.is_file():
                p.unlink()
        os.replace(self.stage / MANIFEST, self.out / MANIFEST)
        shutil.rmtree(self.stage, ignore_errors=True)

    def discard(self) -> None:
        """Remove the staging folder: ``out`` stays as it was."""
        self._close()
        shutil.rmtree(self.stage, ignore_errors=True)

    def _close(self) -> None:
        if self._reports is not None:
            self._reports.close()
            self._reports = None
