"""Step 5b: publish — which English the brief may show, after the checks.

Every English sentence the brief publishes is one of two things: a translation
that passed every check (``checked``), or a sentence composed in code from the
verified fields of the events its Arabic sentence reports (``composed``,
:func:`libyapk_summ.contract._labels.compose`). A translation that still fails after its
re-ask is withheld from ``headline_en``, ``summary_en`` and the key points; it
stays in ``Brief.sentences`` with the checks it failed and the Arabic beside it.

The checks are reached through :func:`translation_failures`, the one place the
brief meets the per-sentence checks of :mod:`libyapk_summ.extract._faithful`.
"""

from __future__ import annotations

from typing import Any

from ..article._load import Sentence
from ..article._published import published_day
from ..contract._labels import compose
from ..contract._models import (
    ArticleReport,
    Brief,
    EnglishSentence,
    EnglishStatus,
    Event,
    EventDate,
    KeyPoint,
)
from ..names._names import Gazetteer
from ..text._arabic import normalize
from ._faithful import check_translation


def failure_line(m: Any) -> str:
    """One failed check as a line: ``name 'Saudi Arabia' — … the Arabic article does not name it``.

    Takes a ``_check.Mismatch`` (``kind``) or a finding of the per-sentence checks (``check``).
    """
    kind = getattr(m, "check", None) or m.kind
    unsure = " (unsure)" if getattr(m, "verdict", "fail") == "unsure" else ""
    return f"{kind}{unsure} {m.value!r} — {m.detail}"


def translation_failures(
    report: ArticleReport, units: dict[str, str], english: dict[str, str], gazetteer: Gazetteer
) -> dict[str, list[Any]]:
    """The checks each translation fails, by unit (``"headline"``, ``"s3"``); units that pass are absent.

    Each unit goes through ``_faithful.check_translation`` with the events its Arabic reports.

    Args:
        report: the article's report; its events and text are what the English is checked against.
        units: the Arabic of each translated unit.
        english: the translation of each unit.
        gazetteer: the names the report was made with.
    """
    published = published_day(report.article)
    out: dict[str, list[Any]] = {}
    for name, arabic in units.items():
        number = None if name == "headline" else int(name[1:])
        told = _lead_events([], report.events) if number is None else events_of(report.events, number)
        first = told[0] if told else None
        found = check_translation(
            arabic,
            english.get(name, ""),
            article=report.article.text,
            published=published,
            participants=(first.actors, first.recipients) if first else None,
            factuality=first.factuality if first else None,
            gazetteer=gazetteer,
            headline=number is None,
        )
        failed = [f for f in found if getattr(f, "verdict", "fail") in WITHHOLD]
        if failed:
            out[name] = failed
    return out


WITHHOLD = ("fail",)
"""Verdicts of the per-sentence checks that withhold a translation (``unsure`` does not)."""


def events_of(events: list[Event], sentence: int) -> list[Event]:
    """The events a sentence reports: those it is the first evidence of, else any it is evidence of."""
    first = [e for e in events if e.evidence[0].sentence == sentence]
    return first or [e for e in events if any(ev.sentence == sentence for ev in e.evidence)]


def composed_for(events: list[Event], most: int = 2, sentence: int | None = None) -> list[str]:
    """The composed sentences of these events, each once; with ``sentence``, each event as that
    sentence tells it (:func:`as_told_in`), and none for a sentence that only adds to an event
    told before it."""
    told = [t for e in events if (t := as_told_in(e, sentence))] if sentence is not None else events
    return list(dict.fromkeys(compose(e) for e in told))[:most]


def as_told_in(event: Event, sentence: int) -> Event | None:
    """The event as one of its sentences tells it: only the participants, place, date and amounts
    that sentence's Arabic writes. An event reported across sentences (a meeting, then who
    attended) holds what all of them say; a key point's English must say only what its own
    sentence does. None when the sentence is not the one that tells the event ("attending were
    …" adds people to a meeting told before: composed alone it would read as a meeting of its
    own); a sentence that is no evidence of the event leaves it whole."""
    if not any(ev.sentence == sentence for ev in event.evidence):
        return event
    first = event.evidence[0]
    if first.sentence != sentence:
        return None
    text = normalize(first.quote_ar)

    def says(arabic: str | None) -> bool:
        return bool(arabic) and normalize(arabic or "").strip() in text

    return event.model_copy(
        update={
            "actors": [e for e in event.actors if says(e.name_ar)],
            "recipients": [e for e in event.recipients if says(e.name_ar)],
            "location": event.location if event.location and says(event.location.name_ar) else None,
            "date": event.date if says(event.date.raw_ar) else EventDate(),
            "amounts": [a for a in event.amounts if says(a.raw_ar)],
        }
    )


def publish(
    headline: str,
    summary: list[Sentence],
    key: list[Sentence],
    english: dict[str, str],
    failures: dict[str, list[Any]],
    events: list[Event],
) -> Brief:
    """The brief: each unit's translation if it passed, else what code composes, else nothing.

    Args:
        headline: the Arabic headline.
        summary: the lead sentences (``summary_ar``), in reading order.
        key: the key sentences, in reading order.
        english: the translation of each unit, by name (``"headline"``, ``"s<number>"``).
        failures: the checks each unit still fails after its re-ask.
        events: the report's events, which composed sentences are written from.
    """
    shown = sorted({s.number: s for s in [*summary, *key]}.values(), key=lambda s: s.number)
    written = {"headline": composed_for(_lead_events(summary, events), most=1)}
    written |= {f"s{s.number}": composed_for(events_of(events, s.number), sentence=s.number) for s in shown}
    view = [_unit("headline", None, headline, english, failures, written)]
    view += [_unit(f"s{s.number}", s.number, s.text, english, failures, written) for s in shown]
    by_name = {u.unit: u for u in view}

    def published(name: str, told: set[str]) -> tuple[str, EnglishStatus]:
        """A unit's English, and its status; composed sentences already told in this part are not repeated."""
        u = by_name[name]
        if u.status == "checked":
            return u.translation, "checked"
        fresh = [t for t in written[name] if t not in told]
        told.update(fresh)
        return (" ".join(fresh), "composed") if fresh else ("", "withheld")

    headline_en, headline_status = published("headline", set())
    in_summary: set[str] = set()
    lead = [published(f"s{s.number}", in_summary) for s in summary]
    in_points: set[str] = set()
    points = [_point(s, published(f"s{s.number}", in_points), by_name[f"s{s.number}"]) for s in key]
    return Brief(
        headline_ar=headline,
        headline_en=headline_en,
        headline_status=headline_status,
        summary_ar=" ".join(s.text for s in summary),
        summary_en=" ".join(text for text, _ in lead if text),
        summary_status=[status for _, status in lead],
        key_points=points,
        sentences=view,
    )


def _lead_events(summary: list[Sentence], events: list[Event]) -> list[Event]:
    """What a composed headline tells: the events of the lead, else the first event that is news."""
    for s in summary:
        if found := events_of(events, s.number):
            return found[:1]
    news = [e for e in events if e.factuality != "historical"]
    return (news or events)[:1]


def _unit(
    name: str, number: int | None, ar: str, english: dict[str, str], failures: dict[str, list[Any]],
    written: dict[str, list[str]],
) -> EnglishSentence:  # fmt: skip
    failed = [failure_line(m) for m in failures.get(name, [])]
    return EnglishSentence(
        unit=name,
        sentence=number,
        ar=ar,
        translation=english.get(name, ""),
        status="withheld" if failed else "checked",
        failed=failed,
        composed=" ".join(written[name]) or None if failed else None,
    )


def _point(s: Sentence, published: tuple[str, EnglishStatus], unit: EnglishSentence) -> KeyPoint:
    text, status = published
    return KeyPoint(ar=s.text, en=text, evidence=[s.evidence()], status=status, failed=unit.failed)
