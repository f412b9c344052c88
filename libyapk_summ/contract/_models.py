"""The output contract: what a report, a brief and an event look like.

All models are pydantic v2 and round-trip through JSON
(``ArticleReport.model_validate_json(report.model_dump_json()) == report``).
Values the model must not invent — offsets, resolved dates, canonical names,
PLOVER types — are filled in by code, never taken from the LLM as is. The
types of an event's kind (``EventType``, ``EventSubtype``, ``Factuality``) are
defined with the kinds registry in ``_kinds`` and exported here with the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# Re-exported: the contract's types, though they live beside the registry they are read from.
from ._kinds import SUBTYPE_TO_TYPE as SUBTYPE_TO_TYPE
from ._kinds import EventSubtype as EventSubtype
from ._kinds import EventType as EventType
from ._kinds import Factuality as Factuality
from ._kinds import KindId as KindId


class _Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")


_VIEWS: dict[tuple[type, str], Callable[[Any], Any]] = {}


def register_view(cls: type, kind: str, view: Callable[[Any], Any]) -> None:
    """Let the render layer show objects of ``cls`` one way: ``"html"`` (the notebook view that
    ``_repr_html_`` returns) or ``"frame"`` (a pandas DataFrame).

    The models call what is registered here instead of importing the render modules, which
    import the models; ``import libyapk_summ`` loads those modules (``_html``, ``_tables``),
    and they register their views as they load.
    """
    _VIEWS[(cls, kind)] = view


def view_of(obj: object, kind: str) -> Any:
    """What the view of this kind registered for ``obj``'s class (or a base of it) makes of ``obj``.

    Raises:
        LookupError: no view of that kind is registered (the render modules were not loaded).
    """
    for cls in type(obj).__mro__:
        view = _VIEWS.get((cls, kind))
        if view is not None:
            return view(obj)
    raise LookupError(
        f"no {kind!r} view is registered for {type(obj).__name__}: import libyapk_summ, whose "
        "_html and _tables modules register them"
    )


Precision = Literal["day", "range", "month", "year", "unknown"]


class Evidence(_Model):
    """A verified span of the source: ``article.text[start:end] == quote_ar``."""

    quote_ar: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: int | None = Field(default=None, description="1-based sentence number in the article")


NameSource = Literal["gazetteer", "world", "model", "romanizer", "transliteration", "title"]


class Entity(_Model):
    """A person, organisation or place as the article names it."""

    name_ar: str = Field(description="the name as written in the article")
    name_en: str
    kind: Literal["person", "organization", "place", "country", "unknown"] = "unknown"
    title_ar: str | None = Field(default=None, description="rank or office, kept out of the name")
    title_en: str | None = None
    canonical_id: str | None = Field(default=None, description="gazetteer id when resolved")
    verified: bool = Field(
        default=False,
        description="True when name_en comes from kept data (the curated gazetteer, CLDR or GeoNames), "
        "not from the model or a romaniser",
    )
    name_source: NameSource | None = Field(
        default=None,
        description="where name_en comes from: the gazetteer; world data (CLDR, GeoNames); the model's "
        "spelling, passed by the consonant-skeleton check; arabic-name-romanizer's dictionary; rules",
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
        return str(view_of(self, "html"))


EnglishStatus = Literal["checked", "composed", "withheld"]
"""Where a published English sentence comes from. checked: the model's translation, which passed
every check; composed: written by code from an event's verified fields, because the translation
failed a check; withheld: the translation failed a check and nothing could be composed in its place."""


class EnglishSentence(_Model):
    """One translated unit of the brief (the headline or one sentence), for the per-sentence view.

    A translation that failed a check after its re-ask stays here, marked ``withheld`` with the
    checks it failed and the Arabic beside it, and is published nowhere else.
    """

    unit: str = Field(description='"headline" or "s<sentence number>"')
    sentence: int | None = None
    ar: str
    translation: str = Field(description="the model's English, kept even when withheld")
    status: Literal["checked", "withheld"] = "checked"
    failed: list[str] = Field(default_factory=list, description="the checks it failed, one line each")
    composed: str | None = Field(default=None, description="what code wrote from the events instead")


class KeyPoint(_Model):
    ar: str
    en: str
    evidence: list[Evidence] = Field(min_length=1)
    status: EnglishStatus = "checked"
    failed: list[str] = Field(default_factory=list, description="checks the translation failed")


class Brief(_Model):
    headline_ar: str
    headline_en: str
    summary_ar: str
    summary_en: str
    key_points: list[KeyPoint] = Field(default_factory=list)
    headline_status: EnglishStatus = "checked"
    summary_status: list[EnglishStatus] = Field(
        default_factory=list, description="one per sentence of summary_ar, in order"
    )
    sentences: list[EnglishSentence] = Field(default_factory=list, description="the per-sentence view")

    @property
    def all_checked(self) -> bool:
        """Whether every translation the brief was made from passed every check."""
        return all(s.status == "checked" for s in self.sentences)


class Published(_Model):
    """A publication date and how it was found."""

    value: dt.date | dt.datetime
    method: Literal["given", "byline", "date_stamp", "today_phrase"]
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
        return str(view_of(self, "html"))
