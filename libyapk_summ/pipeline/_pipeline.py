"""The pipeline: load → detect → ask (focused calls) → ground and resolve → check → report.

:class:`Pipeline` holds one backend, one gazetteer and the in-flight limit, and
runs one article here; ``summarize_many`` runs many concurrently through
``_schedule`` (results in input order), finished reports are kept by
``_report_cache`` and what the calls cost is counted by ``_usage``. The public
functions wrapping it are in ``_api.py``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from .._errors import LibyapkError
from .._settings import Settings
from .._version import __version__
from ..article._detect import Candidate, detect
from ..article._load import split_sentences
from ..article._published import published_day
from ..backends import Backend, CachedBackend, CallRequest, CallResult, Sampling, make_backend
from ..contract._kinds import Kinds
from ..contract._labels import phrase_en
from ..contract._models import Article, ArticleReport, Brief, Provenance
from ..extract import _prompts
from ..extract._brief import headline_ar, key_sentences, shown_units, summary_sentences
from ..extract._glossary import glossary_lines
from ..extract._ground import Draft, dedupe, draft, to_event, verify
from ..extract._people import People, link_short_names
from ..extract._publish import failure_line, publish, translation_failures
from ..extract._questions import Name, ParticipantsAnswer, TranslationAnswer
from ..names._names import Gazetteer
from ._report_cache import cached_report, report_key
from ._schedule import articles_of, summarize_all
from ._usage import usage_of

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


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
        kinds: event kinds to detect (default: the packaged registry; ``Kinds.load(path)`` adds yours).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        backend: Backend | None = None,
        gazetteer: Gazetteer | None = None,
        kinds: Kinds | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.prompt_version = _prompts.prompt_version()
        # A backend built here from the settings keeps `concurrency` requests on the wire itself,
        # holding a slot for the HTTP exchange alone (OpenAIBackend): a slot a response frees is
        # refilled at once, while that response is validated and cached. A backend given by the
        # caller gets the limit here instead, around each whole call.
        self._limit_here = backend is not None
        self.backend = backend or make_backend(self.settings, self.prompt_version)
        self.gazetteer = gazetteer or Gazetteer.default()
        self.kinds = Kinds.default() if kinds is None else kinds
        self._slots: asyncio.Semaphore | None = None

    async def _ask(
        self,
        calls: _Calls,
        article: Article,
        call: str,
        model: type[M],
        messages: tuple[dict[str, str], ...],
        question: str,
        max_tokens: int,
    ) -> M:
        request = CallRequest(
            article_id=article.id,
            call=call,
            model=self.settings.model,
            messages=messages,
            response_model=model,
            prompt_hash=_prompts.call_hash(question),
            sampling=Sampling(max_tokens=max_tokens),
        )
        # The casts hold: every backend validates the answer with request.response_model
        # (``model_validate_json``), which is ``model``.
        if not self._limit_here:
            return cast(M, calls.add(await self.backend.complete(request)))
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.settings.concurrency)
        async with self._slots:
            return cast(M, calls.add(await self.backend.complete(request)))

    def _participants(self, calls: _Calls, article: Article, events: list[Candidate]) -> Any:
        """One question per sentence, however many kinds of event it reports ("an official visit
        and a meeting"): asked once per kind, the model named the same people for most (7 of 10
        such pairs in the seeds), and each question costs the sentence's tokens again."""
        phrases = [phrase_en(c.subtype) for c in events]
        sentence = events[0].sentence
        messages = _prompts.participants_messages(
            sentence=sentence.text,
            event=" and ".join(filter(None, [", ".join(phrases[:-1]), phrases[-1]])),
        )
        name = f"participants-s{sentence.number}-" + "-".join(c.subtype.value for c in events)
        return self._ask(calls, article, name, ParticipantsAnswer, messages, "participants", 200)

    def _translate(self, calls: _Calls, article: Article, name: str, text: str) -> Any:
        messages = _prompts.translation_messages(sentence=text, glossary=self.glossary(text))
        return self._ask(calls, article, f"translate-{name}", TranslationAnswer, messages, "translate", 160)

    async def _retranslate(self, calls: _Calls, article: Article, name: str, text: str, said: str,
                           untraced: list[str]) -> Any:  # fmt: skip
        messages = _prompts.translation_messages(sentence=text, glossary=self.glossary(text))
        messages += _prompts.retranslation_turn(
            TranslationAnswer(english=said).model_dump_json(), untraced, text
        )
        return await self._ask(
            calls, article, f"translate-{name}-again", TranslationAnswer, messages, "retranslate", 160
        )

    def glossary(self, text: str) -> str:
        """The names ``text`` mentions and the renderings of the titles it writes, as ``Arabic =
        English`` lines, for a prompt; no office the text does not give (see ``_glossary``)."""
        return glossary_lines(self.gazetteer, text)

    async def summarize(self, article: Article) -> ArticleReport:
        """Summarise one article (see :func:`libyapk_summ.summarize`).

        With a response cache, the finished report is stored beside the answers it was built
        from, keyed on the article, the model, the gazetteer and the library's own code and
        prompts (``_report_cache``): a rerun of the same articles by the same code reads
        each report back (provenance ``cached``), and any change to the code, a prompt or a
        name rebuilds the reports from the cached answers, without calling the model again.
        """
        memo = self.backend if isinstance(self.backend, CachedBackend) else None
        if memo is None:
            return await self._summarize(article)
        key = report_key(article, self.settings.model, self.gazetteer.fingerprint, self.kinds.fingerprint)
        return await cached_report(memo, key, lambda: self._summarize(article))

    async def _summarize(self, article: Article) -> ArticleReport:
        sentences = split_sentences(article.text)
        candidates = detect(sentences, self.kinds)
        leads = [c for c in candidates if not c.anaphoric]
        by_sentence: dict[int, list[Candidate]] = {}
        for c in leads:
            by_sentence.setdefault(c.sentence.number, []).append(c)
        key = key_sentences(sentences, leads)
        headline = headline_ar(article, sentences)
        summary = summary_sentences(sentences)
        # Only what the brief shows is translated (headline, lead, key points); an event's
        # English line is written by code from its resolved fields (_labels.describe).
        arabic = shown_units(headline, summary, key)
        calls = _Calls([])
        # Questions of one kind follow one another, so a local server, which answers one at a
        # time, keeps their shared system text in its KV cache.
        tasks = [self._participants(calls, article, events) for events in by_sentence.values()]
        tasks += [self._translate(calls, article, name, text) for name, text in arabic.items()]
        answers = await all_of(tasks)
        named = cast(list[ParticipantsAnswer], answers[: len(by_sentence)])
        roles = {
            id(c): (p.actors, p.recipients)
            for events, p in zip(by_sentence.values(), named, strict=True)
            for c in events
        }
        english = {
            name: cast(TranslationAnswer, t).english.strip()
            for name, t in zip(arabic, answers[len(by_sentence) :], strict=True)
        }
        events = self._events(article, candidates, roles, english)
        draft_brief = Brief(headline_ar=headline, headline_en="", summary_ar="", summary_en="")
        report = ArticleReport(
            article=article, brief=draft_brief, events=events, provenance=self._provenance(calls.results)
        )
        # Re-ask, once, each translation that says what its Arabic does not, naming the failure;
        # what still fails is withheld from the brief (_publish).
        failures = translation_failures(report, arabic, english, self.gazetteer)
        if failures:
            names = list(failures)
            retries = [
                self._retranslate(calls, article, n, arabic[n], english[n], _values(failures[n]))
                for n in names
            ]
            for name, answer in zip(names, await all_of(retries), strict=True):
                english[name] = answer.english.strip()
            # Only the re-asked units changed: the others passed, and would pass again.
            failures = translation_failures(report, {n: arabic[n] for n in arabic if n in failures}, english,
                                            self.gazetteer)  # fmt: skip
        report.brief = publish(headline, summary, key, english, failures, events)
        report.usage = usage_of(calls.results)
        report.provenance = self._provenance(calls.results)
        report.warnings += [
            f"{'brief.headline_en' if n == 'headline' else f'sentence {n}'}: {failure_line(m)} (withheld)"
            for n, found in failures.items()
            for m in found
        ]
        bad = [e for e in _all_evidence(report) if not verify(article.text, e)]
        if bad:  # grounding is by construction; this guards the construction
            raise LibyapkError(f"{article.id}: {len(bad)} evidence spans do not match the text")
        return report

    def _events(
        self,
        article: Article,
        candidates: list[Candidate],
        roles: dict[int, tuple[list[Name], list[Name]]],
        english: dict[str, str] | None = None,
    ) -> list[Any]:
        published = published_day(article)
        people = People(self.gazetteer, article.text)
        people.translations = {int(k[1:]): v for k, v in (english or {}).items() if k[1:].isdigit()}
        drafts: list[Draft] = []
        for c in candidates:
            if c.anaphoric:
                antecedent = _antecedent(drafts, c)
                if antecedent is not None and c.sentence not in antecedent.sentences:
                    people.add_to(antecedent.actors, antecedent.recipients, c.sentence)
                    antecedent.sentences.append(c.sentence)
                continue
            drafts.append(draft(c, roles[id(c)], people, published))
        link_short_names([side for d in drafts for side in (d.actors, d.recipients)])
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
        """Summarise many articles; a failed article yields its error in its place.

        Ids must be unique in a batch (they key reports and fixtures): an article whose id an
        earlier item already has fails with an :class:`ArticleError` saying so.
        """
        ready = self.backend.ready if isinstance(self.backend, CachedBackend) else None
        # Articles in progress: twice the requests allowed, so that articles waiting on their
        # last calls or re-asks never leave a request slot idle (at one request at a time too:
        # the next article's first question is ready when the last answer of one arrives).
        return await summarize_all(
            self.summarize,
            articles_of(items),
            in_progress=2 * self.settings.concurrency,
            ready=ready,
            on_result=on_result,
            progress=progress,
        )

    async def aclose(self) -> None:
        await self.backend.aclose()


def _antecedent(drafts: list[Draft], c: Candidate) -> Draft | None:
    """The event "the meeting" points back at: the one told just before, if the
    sentence continues it; else the article's main one (its first, not background)."""
    same = [d for d in drafts if d.subtype == c.subtype]
    near = {c.sentence.number - 1, c.sentence.number - 2}
    return (
        next((d for d in reversed(same) if near & {s.number for s in d.sentences}), None)
        or next((d for d in same if d.factuality != "historical"), None)
        or (same[-1] if same else None)
    )


def _values(found: list[Any]) -> list[str]:
    """What a re-ask names, each once: the untraceable value, or what a check found missing."""
    return list(dict.fromkeys(m.value or m.detail for m in found))


def _all_evidence(report: ArticleReport) -> list[Any]:
    spans = [e for k in report.brief.key_points for e in k.evidence]
    return spans + [e for ev in report.events for e in ev.evidence]


async def all_of(calls: Sequence[Awaitable[T]]) -> list[T]:
    """Await every call of one article, in order. The first that fails cancels the others, so a
    failed article leaves no question running on a backend that the run then closes, and its
    error is raised as it is (not wrapped in a group)."""
    tasks = [asyncio.ensure_future(c) for c in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
