"""The dossier contract: real-world events, each with every source that reports it.

All models are pydantic v2 and round-trip through JSON
(``Dossier.model_validate_json(dossier.model_dump_json()) == dossier``).
Nothing a source said is dropped: each :class:`Source` keeps the article's own
event, evidence and offsets included, next to the merged values.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._models import (
    Amount,
    Entity,
    Event,
    EventDate,
    EventSubtype,
    EventType,
    Factuality,
    Precision,
    view_of,
)

if TYPE_CHECKING:  # pandas is an optional extra; only the annotation names it
    import pandas


class _Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class Source(_Model):
    """One article's report of the event: its own event record, evidence and offsets included."""

    article_id: str
    title: str | None = None
    published: dt.date | None = None
    event: Event = Field(description="the event as this article told it; its evidence carries the offsets")


class Claim(_Model):
    """A value some of the sources give, with the ids of the articles that give it."""

    value: str
    sources: list[str]
    raw_ar: list[str] = Field(default_factory=list, description="the Arabic each source wrote, if any")


class Disagreement(_Model):
    """Sources of one event give values that cannot all be true; each claim is kept."""

    event: str = Field(description="the dossier event id")
    field: Literal["date", "amount", "participants"]
    claims: list[Claim] = Field(min_length=2)
    note: str = ""


LinkKind = Literal["same_trip", "realised_by", "realises", "possibly_same"]


class Link(_Model):
    """A relation to another dossier event that is not the same event.

    ``same_trip``: told as part of the same visit; ``realised_by`` / ``realises``:
    a plan and what carried it out; ``possibly_same``: an undated report that
    fits several events that do not fit each other, so it was merged with none.
    """

    kind: LinkKind
    event: str


class DossierEvent(_Model):
    """One real-world event: the merged values, where each came from, and every source."""

    id: str = Field(description="stable: a hash of the sorted source event ids")
    type: EventType
    subtype: EventSubtype
    factuality: Factuality
    summary_en: str = Field(default="", description="built in code from the merged values")
    actors: list[Entity] = Field(default_factory=list)
    recipients: list[Entity] = Field(default_factory=list)
    location: Entity | None = None
    location_from: str | None = Field(default=None, description="article id that gave the location")
    date: EventDate = Field(default_factory=EventDate)
    date_from: str | None = Field(default=None, description="article id that gave the date")
    amounts: list[Amount] = Field(default_factory=list)
    amounts_from: str | None = Field(default=None, description="article id that gave the amounts")
    sources: list[Source] = Field(min_length=1)
    links: list[Link] = Field(default_factory=list)


class TimelineEntry(_Model):
    """A dossier event in time order, with how precisely its date is known."""

    event: str
    label: str = Field(description="2026-02-03, 2025-12-17..2025-12-19, 2025-12, 2025 or undated")
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision = "unknown"
    subtype: EventSubtype
    factuality: Factuality
    summary_en: str = ""
    sources: int


class DossierStats(_Model):
    """What went in, what came out, and how much comparing it took."""

    reports_in: int
    event_reports_in: int
    events_out: int
    sources_per_event: dict[int, int] = Field(description="number of sources → number of events")
    disagreements: int
    disagreements_by_field: dict[str, int] = Field(default_factory=dict)
    links: int = 0
    pairs_compared: int = Field(description="candidate pairs the blocking let through")
    pairs_possible: int = Field(description="n·(n−1)/2, what comparing every pair would cost")
    checks: int = Field(description="same-event tests run, complete-linkage checks included")


class Dossier(_Model):
    """Every real-world event the reports tell, once, with every source and a timeline."""

    events: list[DossierEvent] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    stats: DossierStats

    def event(self, event_id: str) -> DossierEvent:
        """The dossier event with this id.

        Raises:
            KeyError: no event has this id.
        """
        for e in self.events:
            if e.id == event_id:
                return e
        raise KeyError(f"no dossier event {event_id!r}; ids are listed in dossier.timeline")

    def event_of(self, event_id: str) -> DossierEvent:
        """The dossier event that an article's event (``"<article id>#e<n>"``) was merged into.

        Raises:
            KeyError: no source has this event id.
        """
        for e in self.events:
            if any(s.event.id == event_id for s in e.sources):
                return e
        raise KeyError(f"no source event {event_id!r} in this dossier")

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per real-world event, as a pandas DataFrame (see :func:`dossier_frame`).

        Raises:
            ImportError: pandas is not installed (``pip install 'libyapk-summ[pandas]'``).
        """
        frame: pandas.DataFrame = view_of(self, "frame")
        return frame

    def _repr_html_(self) -> str:
        """Notebook view: the timeline with each event's sources, then the disagreements."""
        return str(view_of(self, "html"))
