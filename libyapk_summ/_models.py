"""The output contract: what a report, a brief and an event look like.

All models are pydantic v2 and round-trip through JSON
(``ArticleReport.model_validate_json(report.model_dump_json()) == report``).
Values the model must not invent — offsets, resolved dates, canonical names,
PLOVER types — are filled in by code, never taken from the LLM as is.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


class EventType(StrEnum):
    """PLOVER event categories (Halterman et al.), the base type of every event."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class EventSubtype(StrEnum):
    """What the Libya–Pakistan coverage actually reports; each maps to one PLOVER type."""

    OFFICIAL_VISIT = "official_visit"
    MEETING = "meeting"
    AGREEMENT_SIGNED = "agreement_signed"
    DEFENCE_DEAL = "defence_deal"
    MILITARY_COOPERATION = "military_cooperation"
    CONSULATE_OPENING = "consulate_opening"
    COMMITTEE_FORMED = "committee_formed"
    STATEMENT_OF_SUPPORT = "statement_of_support"
    TRAINING_OR_AID = "training_or_aid"


SUBTYPE_TO_TYPE: dict[EventSubtype, EventType] = {
    EventSubtype.OFFICIAL_VISIT: EventType.CONSULT,
    EventSubtype.MEETING: EventType.CONSULT,
    EventSubtype.AGREEMENT_SIGNED: EventType.AGREE,
    EventSubtype.DEFENCE_DEAL: EventType.AGREE,
    EventSubtype.MILITARY_COOPERATION: EventType.COOPERATE,
    EventSubtype.CONSULATE_OPENING: EventType.COOPERATE,
    EventSubtype.COMMITTEE_FORMED: EventType.COOPERATE,
    EventSubtype.STATEMENT_OF_SUPPORT: EventType.SUPPORT,
    EventSubtype.TRAINING_OR_AID: EventType.AID,
}

Factuality = Literal["asserted", "planned", "historical", "negated", "speculated"]
"""asserted: reported as happening/happened now; planned: intended, studied or
under negotiation; historical: past background; negated: denied; speculated:
an observer's expectation."""

Precision = Literal["day", "range", "month", "year", "unknown"]


class Evidence(_Model):
    """A verified span of the source: ``article.text[start:end] == quote_ar``."""

    quote_ar: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: int | None = Field(default=None, description="1-based sentence number in the article")


class Entity(_Model):
    """A person, organisation or place as the article names it."""

    name_ar: str = Field(description="the name as written in the article")
    name_en: str
    kind: Literal["person", "organization", "place", "country", "unknown"] = "unknown"
    title_ar: str | None = Field(default=None, description="rank or office, kept out of the name")
    title_en: str | None = None
    canonical_id: str | None = Field(default=None, description="gazetteer id when resolved")
    verified: bool = Field(
        default=False, description="True when name_en comes from the gazetteer, not the model"
    )


class EventDate(_Model):
    """A date resolved in code from the raw Arabic expression."""

    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision = "unknown"
    raw_ar: str | None = None
    method: str | None = Field(default=None, description="how the date was resolved")
    note: str | None = None


class Amount(_Model):
    value: float | None = None
    currency: str | None = None
    bound: Literal["exact", "more_than", "less_than", "about", "up_to"] = "exact"
    raw_ar: str


class Event(_Model):
    id: str
    type: EventType
    subtype: EventSubtype
    summary_en: str = Field(default="", description="one line written by code from the fields below")
    actors: list[Entity] = Field(default_factory=list)
    recipients: list[Entity] = Field(default_factory=list)
    location: Entity | None = None
    date: EventDate = Field(default_factory=EventDate)
    factuality: Factuality = "asserted"
    amounts: list[Amount] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)

    def _repr_html_(self) -> str:
        """Notebook view: the fields and each evidence quote, Arabic right to left."""
        from ._html_notebook import event_view

        return event_view(self)


class KeyPoint(_Model):
    ar: str
    en: str
    evidence: list[Evidence] = Field(min_length=1)


class Brief(_Model):
    headline_ar: str
    headline_en: str
    summary_ar: str
    summary_en: str
    key_points: list[KeyPoint] = Field(default_factory=list)


class Published(_Model):
    """A publication date and how it was found."""

    value: dt.date | dt.datetime
    method: Literal["given", "date_stamp", "today_phrase"]
    evidence: Evidence | None = None


class Article(_Model):
    """An article as loaded: ``text`` is kept byte-for-byte; every offset refers to it."""

    id: str
    title: str | None = None
    text: str
    published: Published | None = None
    source: str | None = None
    url: str | None = None


class Usage(_Model):
    """Tokens spent on the wire vs tokens saved by cache and replay."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_calls: int = 0
    replayed_calls: int = 0
    saved_prompt_tokens: int = 0
    saved_completion_tokens: int = 0
    attempts: int = 0
    batch_calls: int = 0
    """Calls answered through a provider's batch engine (``libyapk-summ batch``), billed apart."""
    batch_prompt_tokens: int = 0
    batch_completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(**{k: getattr(self, k) + getattr(other, k) for k in Usage.model_fields})


class Provenance(_Model):
    model: str
    backend: str
    prompt_version: str
    library_version: str
    replayed: bool = False
    cached: bool = False
    created_at: dt.datetime


class ArticleReport(_Model):
    article: Article
    brief: Brief
    events: list[Event] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """Notebook view: both briefs side by side, then one row per event."""
        from ._html_notebook import article_view

        return article_view(self)
