"""What the command line reads: ``.txt`` articles, JSONL and CSV corpora, folders of them.

:func:`gather` turns the paths given into articles, in order, each bad one an
:class:`ArticleError` in its place (a missing path, an unreadable record), so that
the rest goes on as with :func:`libyapk_summ.summarize_many`; :func:`expand_paths` gives the
``.txt`` files of the paths alone (what ``batch`` and ``eval --labels`` read). A corpus holds one
article per record: ``id`` and ``text``, and optionally ``title``, ``published``
(or ``date``), ``url`` and ``source``. A folder gives its ``.txt``, ``.jsonl`` and
``.csv`` files, sorted; the other files in it are named in ``skipped``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._errors import ArticleError
from ..contract._models import Article
from ..text._decode import decode
from ._load import load_article
from ._published import parse_published

FORMATS = ("txt", "jsonl", "csv")
_BY_SUFFIX = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
FIELDS = ("id", "text", "title", "published", "date", "url", "source")


@dataclass(frozen=True)
class Given:
    """What the command line says about every article read (each record's own fields win)."""

    encoding: str | None = None
    input_format: str | None = None
    published: dt.date | dt.datetime | None = None
    source: str | None = None
    url: str | None = None


@dataclass
class Inputs:
    """The articles to summarise, in order, and what was left out."""

    items: list[Article | ArticleError] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    def add(self, item: Article | ArticleError, label: str) -> None:
        self.items.append(item)
        self.labels.append(label)


def gather(paths: list[str], given: Given | None = None) -> Inputs:
    """Read the paths given (see the module docstring).

    Args:
        paths: files and folders, as typed.
        given: encoding, format and fields from the command line.

    Returns:
        The :class:`Inputs`; each file is read once, however often it is named.
    """
    given = given or Given()
    out = Inputs()
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(x for x in p.iterdir() if x.is_file() and not x.name.startswith("."))
            readable = [bool(given.input_format) or x.suffix.lower() in _BY_SUFFIX for x in files]
            found = [x for x, ok in zip(files, readable, strict=True) if ok]
            out.skipped += [x for x, ok in zip(files, readable, strict=True) if not ok]
            if not found:
                out.add(ArticleError("the folder has no .txt, .jsonl or .csv articles", path=raw), raw)
        elif p.exists():
            found = [p]
        else:
            out.add(ArticleError("no such file or folder; check the path", path=raw), raw)
            continue
        for f in found:
            if f.resolve() in seen:  # "seeds/ seeds/001.txt" names 001 once
                continue
            seen.add(f.resolve())
            for item, label in _read(f, given):
                out.add(item, label)
    return out


def _read(path: Path, given: Given) -> Iterator[tuple[Article | ArticleError, str]]:
    fmt = given.input_format or _BY_SUFFIX.get(path.suffix.lower(), "txt")
    if fmt == "txt":
        try:
            yield (
                load_article(
                    path,
                    encoding=given.encoding,
                    published=given.published,
                    outlet=given.source,
                    url=given.url,
                ),
                str(path),
            )
        except ArticleError as exc:
            yield exc, str(path)
        return
    try:
        text = decode(path.read_bytes(), given.encoding, path=str(path))[0]
    except ArticleError as exc:
        yield exc, str(path)
        return
    except OSError as exc:
        yield ArticleError(f"cannot be read ({exc.strerror or exc})", path=str(path)), str(path)
        return
    records = _jsonl(text) if fmt == "jsonl" else _csv(text)
    for n, record in records:
        label = f"{path}:{n}"
        try:
            yield _article(record, given, label, default_id=f"{path.stem}-{n}"), label
        except ArticleError as exc:
            yield exc, label


def _jsonl(text: str) -> Iterator[tuple[int, Any]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except ValueError as exc:
            yield n, ArticleError(f"is not a JSON object ({exc}); write one article per line")


def _csv(text: str) -> Iterator[tuple[int, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "text" not in (reader.fieldnames or []):
        yield 1, ArticleError(f"has no 'text' column (its header: {reader.fieldnames}); name one 'text'")
        return
    for record in reader:
        yield reader.line_num, {k: v for k, v in record.items() if k is not None and v not in (None, "")}


def _article(record: Any, given: Given, label: str, default_id: str) -> Article:
    if isinstance(record, ArticleError):
        raise ArticleError(str(record), path=label)
    if not isinstance(record, dict):
        raise ArticleError("is not a JSON object; write one article per line", path=label)
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(f"has no 'text' (a string); its fields: {sorted(record)}", path=label)
    published: Any = record.get("published") or record.get("date")
    if isinstance(published, str):
        try:
            published = parse_published(published)
        except ValueError as exc:
            raise ArticleError(f"published: {exc}", path=label) from exc
    elif published is not None:
        raise ArticleError(f"published must be a date string, not {published!r}", path=label)
    try:
        return load_article(
            text=text,
            id=str(record.get("id") or default_id),
            title=record.get("title") or None,
            published=published or given.published,
            outlet=record.get("source") or given.source,
            url=record.get("url") or given.url,
        )
    except ArticleError as exc:
        raise ArticleError(str(exc), path=label) from exc


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
            out.setdefault(f.resolve(), f)
    return list(out.values())
