"""English renderings of resolved values: dates, amounts, bounds, event kinds, and whole events.

One home for every English word the code (not the model) writes about an event,
used by the digest, the HTML, the tables, the dossier and the brief's composed
sentences. Everything here reads resolved fields only (canonical names, dates
resolved in code, factuality decided from cues), so a sentence composed here
says nothing the record does not hold:

    >>> from libyapk_summ.contract._models import EventDate
    >>> import datetime as dt
    >>> date_words(EventDate(start=dt.date(2025, 12, 17), end=dt.date(2025, 12, 19), precision="range"))
    'from 17 to 19 December 2025'
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .._errors import ConfigurationError
from .._paths import data_file
from ..text._arabic import normalize
from ._kinds import kind_of
from ._models import Amount, Entity, Event, EventDate, EventSubtype, Factuality

DATA_FILE = data_file("compose.json")

BOUND_EN = {
    "exact": "",
    "about": "about ",
    "more_than": "more than ",
    "less_than": "less than ",
    "up_to": "up to ",
}
"""The English word before a bounded amount ("more than 4,000,000,000 USD")."""

MONTHS_EN = tuple(
    "January February March April May June July August September October November December".split()
)
"""English month names, January first: ``MONTHS_EN[month - 1]``."""
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""English weekday names, Monday first like ``date.weekday()``."""


@dataclass(frozen=True, slots=True)
class KindEnglish:
    """How English names one kind of event: as a title, a noun phrase and a verb.

    ``past`` doubles as the participle ("had met"); ``base`` and ``gerund`` take
    the same object ("meet X", "meeting X"); ``visits`` takes the place as its
    object when the kind is a visit.
    """

    title: str
    noun: str
    past: str
    base: str
    gerund: str
    visits: bool = False


def label_en(kind_id: str) -> str:
    """The English summary label of a kind ('Official visit'); the id in words when unknown."""
    k = kind_of(kind_id)
    return k.label_en if k else str(kind_id).replace("_", " ").capitalize()


def phrase_en(kind_id: str) -> str:
    """The English noun phrase of a kind ('an official visit'), as prompts and sentences use it."""
    k = kind_of(kind_id)
    return k.phrase_en if k else str(kind_id).replace("_", " ")


def kind_en(subtype: EventSubtype | str) -> KindEnglish:
    """The English of one event kind, from the kinds registry (``data/event_kinds.json``).

    Raises:
        ConfigurationError: no loaded registry defines the kind (load its file: ``--kinds``).
    """
    kind = kind_of(str(getattr(subtype, "value", subtype)))
    if kind is None:
        raise ConfigurationError(f"unknown event kind {subtype!r}: load the file that defines it (--kinds)")
    v = kind.english
    if v is None:  # a user's kind without verbs: told through its noun
        noun = kind.phrase_en
        return KindEnglish(
            kind.label_en,
            noun,
            f"took part in {noun} with",
            f"take part in {noun} with",
            f"taking part in {noun} with",
        )
    return KindEnglish(kind.label_en, kind.phrase_en, v.past, v.base, v.gerund, v.visits)


def date_label(d: EventDate) -> str:
    """``2026-02-03``, ``2025-12-17..2025-12-19``, ``2025-12``, ``2025`` or ``undated``."""
    if d.start is None or d.precision == "unknown":
        return "undated"
    if d.precision == "month":
        return d.start.strftime("%Y-%m")
    if d.precision == "year":
        return str(d.start.year)
    end = d.end or d.start
    return str(d.start) if end == d.start else f"{d.start}..{end}"


def date_line(d: EventDate) -> str:
    """The label with its precision, for lists: ``2026-02-03 (day)`` or ``date unknown``."""
    if d.start is None or d.precision == "unknown":
        return "date unknown"
    return f"{date_label(d)} ({d.precision})"


def date_span(d: EventDate) -> str:
    """The first and last day with the precision, as one-line summaries write it:
    ``2025-12-17 to 2025-12-19 (range)``, ``2025-12-01 to 2025-12-31 (month)``; empty when undated."""
    if not d.start:
        return ""
    end = f" to {d.end}" if d.end and d.end != d.start else ""
    return f"{d.start}{end} ({d.precision})"


def _day(d: dt.date, *, month: bool = True, year: bool = True) -> str:
    parts = [str(d.day)]
    if month:
        parts.append(MONTHS_EN[d.month - 1])
    if year:
        parts.append(str(d.year))
    return " ".join(parts)


def date_words(d: EventDate) -> str:
    """The date as an English phrase: ``on 3 February 2026``, ``from 17 to 19 December 2025``,
    ``in December 2025``, ``in 2025``; empty when the date is unknown."""
    if d.start is None or d.precision == "unknown":
        return ""
    if d.precision == "year":
        return f"in {d.start.year}"
    if d.precision == "month":
        return f"in {MONTHS_EN[d.start.month - 1]} {d.start.year}"
    end = d.end or d.start
    if end == d.start:
        return f"on {_day(d.start)}"
    same_year = end.year == d.start.year
    same_month = same_year and end.month == d.start.month
    return f"from {_day(d.start, month=not same_month, year=not same_year)} to {_day(end)}"


def amount_label(a: Amount) -> str:
    """``more than 4,000,000,000 USD``; ``?`` for a value that was not read."""
    value = "?" if a.value is None else f"{a.value:,.0f}"
    return f"{BOUND_EN[a.bound]}{value} {a.currency or ''}".strip()


def names_of(entities: Iterable[Entity]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    names = [e.name_en for e in entities]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + (f" and {names[-1]}" if names else "")


def shown(side: Sequence[Entity], most: int = 3) -> list[Entity]:
    """Who a sentence names for one side: resolved people first, else resolved bodies and countries.

    Names not in the gazetteer (``verified`` false) are left out: a composed
    sentence names only what the record resolved.
    """
    people = [e for e in side if e.verified and e.kind == "person"]
    return (people or [e for e in side if e.verified and e.kind not in ("place", "unknown")])[:most]


def describe(
    subtype: EventSubtype,
    factuality: Factuality,
    actors: Sequence[Entity],
    recipients: Sequence[Entity],
    location: Entity | None,
    date: EventDate,
    amounts: Sequence[Amount],
) -> str:
    """A one-line label built from resolved fields (the model writes none of it).

    Example: "Meeting (planned): Khalifa Haftar with Shehbaz Sharif; in Islamabad; 2026-02-03".
    """
    what = kind_en(subtype).title + ("" if factuality == "asserted" else f" ({factuality})")
    names = ", ".join(e.name_en for e in actors)
    if recipients:
        names += (" with " if names else "with ") + ", ".join(e.name_en for e in recipients)
    parts = [f"{what}: {names}" if names else what]
    if location:
        parts.append(f"in {location.name_en}")
    if date.start:
        parts.append(date_span(date))
    parts += [amount_label(a) for a in amounts if a.value is not None]
    return "; ".join(parts)


_DANGLING = re.compile(r"\s+(?:with|to|for|on|of|against|by)$")


def compose(event: Event) -> str:
    """One English sentence from an event's verified fields: who, what, where, when, factuality.

    "Khalifa Haftar met Shehbaz Sharif in Islamabad on 3 February 2026.";
    a plan is worded as its Arabic words it (``data/compose.json``: تدرس gives
    "Pakistan is studying opening a consulate in Benghazi.", no cue "is
    considering"), background "had" happened, a denial is "denied", an
    expectation "may" happen. Only resolved names appear; an event with no
    resolved participant is told in the passive ("The opening of a consulate
    in Benghazi is being studied.").
    """
    kind = kind_en(event.subtype)
    who, whom = shown(event.actors), shown(event.recipients)
    place = event.location
    obj = names_of(whom)
    if kind.visits and place is not None and place.verified:
        obj, place = place.name_en, None  # "visited Pakistan", not "visited Shehbaz Sharif in Pakistan"
    tail = " ".join(
        p
        for p in (
            obj,
            f"in {place.name_en}" if place is not None and place.verified else "",
            date_words(event.date),
            _money(event),
        )
        if p
    )
    worded = event.factuality in ("planned", "negated")
    plan = _form(event.factuality, event.evidence[0].quote_ar) if worded else {}
    if who:
        if worded:
            form = kind.gerund if plan["with"] == "gerund" else kind.base
            verb = f"{plan['one' if len(who) == 1 else 'many']} {form}"
        else:
            verb = {
                "asserted": kind.past,
                "historical": f"had {kind.past}",
                "speculated": f"may {kind.base}",
            }[event.factuality]
        if not obj:  # "signed an agreement with" and nobody named: "signed an agreement"
            verb = _DANGLING.sub("", verb)
        return f"{names_of(who)} {verb}{' ' + tail if tail else ''}."
    noun = kind.noun[0].upper() + kind.noun[1:]
    if whom or (kind.visits and obj):  # no resolved actor: "A meeting with X took place", "A visit to X …"
        tail = f"{'involving'} {tail}" if not kind.visits else f"to {tail}"
    state = {
        "asserted": "took place",
        "planned": plan.get("passive", ""),
        "historical": "had taken place",
        "negated": plan.get("passive", ""),
        "speculated": "may take place",
    }[event.factuality]
    return f"{noun}{' ' + tail if tail else ''} {state}."


@functools.cache
def _forms(factuality: str) -> tuple[tuple[re.Pattern[str], dict[str, Any]], ...]:
    forms = json.loads(DATA_FILE.read_text(encoding="utf-8"))[factuality]
    return tuple((re.compile(f["ar"]), f) for f in forms)


def _form(factuality: str, arabic: str) -> dict[str, Any]:
    """How the Arabic words a plan or a denial ("تدرس" → "is studying", "لم" → "did not"):
    ``data/compose.json``, whose last form for each is the default."""
    norm = " " + normalize(arabic) + " "
    return next(f for pattern, f in _forms(factuality) if pattern.search(norm))


def _money(event: Event) -> str:
    values = [amount_label(a) for a in event.amounts if a.value is not None]
    return f"worth {' and '.join(values)}" if values else ""
