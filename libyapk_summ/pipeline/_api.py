"""The entry points: ``summarize`` and ``summarize_many``, sync and async.

The sync functions also work inside Jupyter, whose event loop is already
running: the work then runs on a loop of its own in a helper thread.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from .._errors import LibyapkError
from .._settings import Settings
from ..article._load import load_article
from ..backends import Backend
from ..contract._models import Article, ArticleReport
from ._pipeline import Pipeline

T = TypeVar("T")


def run_sync(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion, also from inside Jupyter's running event loop.

    ``make`` gives a coroutine (what ``asyncio.run`` takes; its send and yield types are asyncio's).
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    value: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            value.append(asyncio.run(make()))
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=target, name="libyapk-summ")
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return value[0]


async def asummarize(
    article: Article | str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    backend: Backend | None = None,
    **options: Any,
) -> ArticleReport:
    """Async twin of :func:`summarize`."""
    pipeline = Pipeline(_settings(settings, options), backend=backend)
    try:
        return await pipeline.summarize(article if isinstance(article, Article) else load_article(article))
    finally:
        if backend is None:
            await pipeline.aclose()


def summarize(
    article: Article | str | os.PathLike[str],
    *,
    settings: Settings | None = None,
    backend: Backend | None = None,
    **options: Any,
) -> ArticleReport:
    """Summarise one article into a bilingual brief and grounded events.

    Args:
        article: an :class:`Article` (see :func:`load_article`) or a path to a ``.txt``.
        settings: backend settings; default from the environment (see :class:`Settings`).
        backend: use this backend instead (e.g. a ``testing.FakeBackend``).
        **options: shortcuts for Settings fields: ``mode``, ``base_url``, ``model``, ...

    Returns:
        The :class:`ArticleReport`.

    Raises:
        ArticleError: the article cannot be read.
        FixtureMissingError: replay only, and this article was never recorded.
        CallError: a call failed for good (after transport retries and re-asks).
    """
    return run_sync(lambda: asummarize(article, settings=settings, backend=backend, **options))


async def asummarize_many(
    items: Sequence[Article | str | os.PathLike[str]],
    *,
    settings: Settings | None = None,
    backend: Backend | None = None,
    progress: bool | None = None,
    **options: Any,
) -> list[ArticleReport | LibyapkError]:
    """Async twin of :func:`summarize_many`."""
    pipeline = Pipeline(_settings(settings, options), backend=backend)
    try:
        return await pipeline.summarize_many(items, progress=progress)
    finally:
        if backend is None:
            await pipeline.aclose()


def summarize_many(
    items: Sequence[Article | str | os.PathLike[str]],
    *,
    concurrency: int | None = None,
    settings: Settings | None = None,
    backend: Backend | None = None,
    progress: bool | None = None,
    **options: Any,
) -> list[ArticleReport | LibyapkError]:
    """Summarise many articles concurrently; results come back in input order.

    An article that fails does not stop the others: its place in the list holds
    the :class:`LibyapkError` that says why.

    Args:
        items: articles or paths.
        concurrency: the most requests in flight at once (default: settings).
        settings: backend settings; default from the environment.
        backend: use this backend instead.
        progress: show a progress bar (default: when stderr is a terminal).
        **options: shortcuts for Settings fields.
    """
    if concurrency is not None:
        options["concurrency"] = concurrency
    return run_sync(
        lambda: asummarize_many(items, settings=settings, backend=backend, progress=progress, **options)
    )


def _settings(settings: Settings | None, options: dict[str, Any]) -> Settings:
    if settings is None:
        return Settings.from_env(**options)
    return settings.replace(**options) if options else settings
