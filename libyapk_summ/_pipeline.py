"""The pipeline: load → detect → ask (focused calls) → ground and resolve → report.

``summarize`` runs one article; ``summarize_many`` runs many concurrently with
one shared backend, a bounded number of requests in flight, results in input
order. Both have ``a``-prefixed async twins for code that has an event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import threading
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from . import _prompts
from ._detect import Candidate, detect, is_furniture
from ._errors import LibyapkError
from ._ground import Draft, dedupe, draft, to_event, verify
from ._load import Sentence, load_article, numbered, split_sentences
from ._models import Article, ArticleReport, Brief, KeyPoint, Provenance, Usage
from ._names import Gazetteer
from ._people import People
from ._progress import Progress
from ._questions import ParticipantsAnswer, TranslationAnswer
from ._settings import Settings
from ._version import __version__
from .backends import Backend, CallRequest, CallResult, Sampling, make_backend

T = TypeVar("T")
MAX_KEY_POINTS = 5
_EVENT_PHRASES = {
    "official_visit": "an official visit",
    "meeting": "a meeting",
    "agreement_signed": "an agreement being signed",
    "defence_deal": "a defence deal",
    "military_cooperation": "military cooperation",
    "consulate_opening": "the opening of a consulate",
    "committee_formed": "a committee being formed",
    "statement_of_support": "a statement of praise or support",
    "training_or_aid": "training or aid",
}


@dataclass
class _Calls:
    """What one article's calls produced, plus their accounting."""

    results: list[CallResult]

    def add(self, result: CallResult) -> BaseModel:
        self.results.append(result)
        return result.value


class Pipeline:
    """Holds the backend, the gazetteer and the in-flight limit for a run.

    Args:
        settings: how to reach a model (default: from the environment).
        backend: a backend to use instead of the one ``settings`` describe
            (e.g. :class:`libyapk_summ.testing.FakeBackend`).
        gazetteer: names to resolve against (default: the packaged one).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        backend: Backend | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.prompt_version = _prompts.prompt_version()
        self.backend = backend or make_backend(self.settings, self.prompt_version)
        self.gazetteer = gazetteer or Gazetteer.default()
        self._slots: asyncio.Semaphore | None = None

    async def _ask(
        self,
        calls: _Calls,
        article: Article,
        call: str,
        model: type[T],
        messages: tuple[dict[str, str], ...],
        question: str,
        max_tokens: int,
    ) -> T:
        request = CallRequest(
            article_id=article.id,
            call=call,
            model=self.settings.model,
            messages=messages,
            response_model=model,  # type: ignore[arg-type]
            prompt_hash=_prompts.call_hash(question),
            sampling=Sampling(max_tokens=max_tokens),
        )
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.settings.concurrency)
        async with self._slots:
            return calls.add(await self.backend.complete(request))  # type: ignore[return-value]

    def _participants(self, calls: _Calls, article: Article, block: str, c: Candidate) -> Any:
        messages = _prompts.messages(
            block,
            "participants",
            number=c.sentence.number,
            sentence=c.sentence.text,
            event=_EVENT_PHRASES[c.subtype.value],
        )
        name = f"participants-s{c.sentence.number}-{c.subtype.value}"
        return self._ask(calls, article, name, ParticipantsAnswer, messages, "participants", 120)

    def _translate(self, calls: _Calls, article: Article, name: str, text: str) -> Any:
        messages = _prompts.translation_messages(sentence=text, glossary=self.glossary(text))
        return self._ask(calls, article, f"translate-{name}", TranslationAnswer, messages, "translate", 160)

    def glossary(self, text: str) -> str:
        """Known names in ``text`` as ``Arabic = English (office)`` lines, for a prompt."""
        lines = []
        for ar, en in self.gazetteer.glossary(text):
            office = current_office(self.gazetteer, ar)
            lines.append(f"{ar} = {en}" + (f" ({office})" if office else ""))
        return "\n".join(lines) or "(none)"

    async def summarize(self, article: Article) -> ArticleReport:
        """Summarise one article (see :func:`summarize`)."""
        sentences = split_sentences(article.text)
        candidates = detect(sentences)
        block = _prompts.article_block(numbered(sentences))
        leads = [c for c in candidates if not c.anaphoric]
        key = key_sentences(sentences, leads)
        headline = headline_ar(article, sentences)
        to_translate = list(dict.fromkeys([*key, *(c.sentence for c in leads)]))
        calls = _Calls([])
        # Article-prefixed questions first, so a local server keeps the article's KV
        # cache for all of them; the short sentence-only translations come after.
        tasks = [self._participants(calls, article, block, c) for c in leads]
        tasks.append(self._translate(calls, article, "headline", headline))
        tasks += [self._translate(calls, article, f"s{s.number}", s.text) for s in to_translate]
        answers = await asyncio.gather(*tasks)
        named = cast(list[ParticipantsAnswer], answers[: len(leads)])
        headline_en = cast(TranslationAnswer, answers[len(leads)]).english.strip()
        done = cast(list[TranslationAnswer], answers[len(leads) + 1 :])
        translations = {s.number: t.english.strip() for s, t in zip(to_translate, done, strict=True)}
        roles = {id(c): (p.actors, p.recipients) for c, p in zip(leads, named, strict=True)}

        events = self._events(article, candidates, roles, translations)
        # The summary is the article's own lead sentences, and their translation:
        # the two languages say the same thing, and nothing in either is invented.
        brief = Brief(
            headline_ar=headline,
            headline_en=headline_en,
            summary_ar=" ".join(s.text for s in key[:2]),
            summary_en=" ".join(translations[s.number] for s in key[:2]),
            key_points=[KeyPoint(ar=s.text, en=translations[s.number], evidence=[s.evidence()]) for s in key],
        )
        report = ArticleReport(
            article=article,
            brief=brief,
            events=events,
            usage=usage_of(calls.results),
            provenance=self._provenance(calls.results),
        )
        bad = [e for e in _all_evidence(report) if not verify(article.text, e)]
        if bad:  # grounding is by construction; this guards the construction
            raise LibyapkError(f"{article.id}: {len(bad)} evidence spans do not match the text")
        return report

    def _events(
        self,
        article: Article,
        candidates: list[Candidate],
        roles: dict[int, tuple[list[str], list[str]]],
        translations: dict[int, str],
    ) -> list[Any]:
        published = _published_date(article)
        people = People(self.gazetteer, article.text)
        drafts: list[Draft] = []
        for c in candidates:
            if c.anaphoric:
                antecedent = next((d for d in reversed(drafts) if d.subtype is c.subtype), None)
                if antecedent is not None and c.sentence not in antecedent.sentences:
                    people.add_to(antecedent.actors, antecedent.recipients, c.sentence)
                    antecedent.sentences.append(c.sentence)
                continue
            drafts.append(draft(c, roles[id(c)], people, published, translations.get(c.sentence.number, "")))
        return [to_event(d, article.id, n) for n, d in enumerate(dedupe(drafts), start=1)]

    def _provenance(self, results: list[CallResult]) -> Provenance:
        first = results[0] if results else None
        return Provenance(
            model=(first.recorded.get("model") if first else None) or self.settings.model,
            backend=self.backend.name,
            prompt_version=self.prompt_version,
            library_version=__version__,
            replayed=bool(results) and all(r.source == "replay" for r in results),
            cached=any(r.source == "cache" for r in results),
            created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        )

    async def summarize_many(
        self,
        items: Iterable[Article | str | os.PathLike[str]],
        *,
        on_result: Callable[[int, Any], None] | None = None,
        progress: bool | None = None,
    ) -> list[ArticleReport | LibyapkError]:
        """Summarise many articles; a failed article yields its error in its place."""
        articles: list[Article | LibyapkError] = []
        for item in items:
            try:
                articles.append(item if isinstance(item, Article) else load_article(item))
            except LibyapkError as exc:
                articles.append(exc)
        bar = Progress(len(articles), enabled=progress)
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def one(i: int, a: Article | LibyapkError) -> ArticleReport | LibyapkError:
            if isinstance(a, LibyapkError):
                result: ArticleReport | LibyapkError = a
            else:
                async with gate:  # whole articles, so a local server keeps one article's prefix warm
                    try:
                        result = await self.summarize(a)
                    except LibyapkError as exc:
                        result = exc
            bar.advance(getattr(a, "id", "?"), ok=not isinstance(result, LibyapkError))
            if on_result is not None:
                on_result(i, result)
            return result

        try:
            return await asyncio.gather(*(one(i, a) for i, a in enumerate(articles)))
        finally:
            bar.close()

    async def aclose(self) -> None:
        await self.backend.aclose()


def current_office(gazetteer: Gazetteer, name_ar: str) -> str | None:
    """A person's latest office in the gazetteer: the model then writes "Prime Minister", not "President"."""
    entity = gazetteer.resolve(name_ar)
    entry = gazetteer.entry(entity.canonical_id) if entity.canonical_id else None
    if not entry or entry.get("kind") != "person" or not entry.get("roles"):
        return None
    roles = entry["roles"]
    open_roles = [r for r in roles if not r.get("to")]
    return (open_roles or roles)[-1].get("title_en")


def key_sentences(sentences: list[Sentence], leads: list[Candidate]) -> list[Sentence]:
    """The sentences a key point is made of: event sentences in reading order, else the lead."""
    chosen = list(dict.fromkeys(c.sentence for c in leads))[:MAX_KEY_POINTS]
    if chosen:
        return sorted(chosen, key=lambda s: s.number)
    body = [s for s in sentences if not is_furniture(s)]
    return body[:3] or sentences[:1]


def headline_ar(article: Article, sentences: list[Sentence]) -> str:
    """The outlet's own headline: the first heading-like line near the top that is
    not site furniture; failing that, the first clause of the first sentence."""
    for s in sentences[:8]:
        words = s.text.split()
        if 5 <= len(words) <= 25 and not s.text.rstrip().endswith((".", "؟", "!", ":")):
            if not any(ch.isdigit() for ch in s.text[:12]):
                return s.text
    first = next((s for s in sentences if not is_furniture(s)), sentences[0])
    clause = first.text.split("،")[0].strip()
    return clause if len(clause.split()) >= 4 else first.text


def usage_of(results: list[CallResult]) -> Usage:
    u = Usage()
    for r in results:
        if r.source in ("live", "fake"):
            u.calls += 1
            u.attempts += r.attempts
            u.prompt_tokens += r.prompt_tokens
            u.completion_tokens += r.completion_tokens
        else:
            u.cached_calls += r.source == "cache"
            u.replayed_calls += r.source == "replay"
            u.saved_prompt_tokens += r.prompt_tokens
            u.saved_completion_tokens += r.completion_tokens
    return u


def _published_date(article: Article) -> dt.date | None:
    if article.published is None:
        return None
    value = article.published.value
    return value.date() if isinstance(value, dt.datetime) else value


def _all_evidence(report: ArticleReport) -> list[Any]:
    spans = [e for k in report.brief.key_points for e in k.evidence]
    return spans + [e for ev in report.events for e in ev.evidence]


# ---- synchronous entry points -------------------------------------------------


def run_sync(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion, also from inside Jupyter's running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())  # type: ignore[arg-type]
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(make())  # type: ignore[arg-type]
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, name="libyapk-summ")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


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
