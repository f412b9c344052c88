"""Hand labels of real articles (``tests/devset/labels/<id>.json``): their schema and loading.

A label file says, for one article read by a person: its publication date when the text
states one, whether it is off-topic (sports, economy, culture: no event expected), its main
event, each event (PLOVER root, subtype, factuality, place, date, and the verbatim Arabic
sentence it comes from), and every person, organisation and place it names, with the Arabic as
written and the correct English. ``descriptions`` lists phrases that refer to someone without
naming them ("نظيره الروسي", "الجانبين"): a report entity that is one of them is junk.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..contract._models import EventType, Factuality, Precision
from ..text._arabic import normalize

EntityKind = Literal["person", "organization", "place", "country"]

_ARTICLE = re.compile(r"^(?:[وفبلك]?ال|لل)(?=\w{2,})")
_CLITICS = "وفبلك"


def name_tokens(name_ar: str) -> tuple[str, ...]:
    """The words of an Arabic name, normalised, without the article (ال, وال, بال, لل, ...)."""
    return tuple(_ARTICLE.sub("", t) for t in re.findall(r"\w+", normalize(name_ar)))


def _same_word(a: str, b: str) -> bool:
    """Equal, or equal once a one-letter clitic (و ف ب ل ك) is taken off one of them."""
    return a == b or (a[:1] in _CLITICS and a[1:] == b) or (b[:1] in _CLITICS and b[1:] == a)


def contains_tokens(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """Whether ``small`` occurs as a run of whole words in ``big`` (clitics aside)."""
    n = len(small)
    return n > 0 and any(
        all(_same_word(x, y) for x, y in zip(big[i : i + n], small, strict=True))
        for i in range(len(big) - n + 1)
    )


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelledEntity(_Label):
    """A name the article uses, with its correct English."""

    ar: str = Field(min_length=1, description="as written in the article (without title)")
    en: str = Field(min_length=1, description="the correct English name")
    kind: EntityKind
    also_ar: list[str] = Field(default_factory=list, description="other forms in the text (surname alone)")
    also_en: list[str] = Field(default_factory=list, description="other accepted English spellings")


class LabelledDate(_Label):
    start: dt.date
    end: dt.date | None = None
    precision: Precision = "day"


class LabelledEvent(_Label):
    """One event the article reports."""

    id: str = Field(pattern=r"^e\d+$")
    root: EventType
    subtype: str = Field(pattern=r"^[a-z][a-z_]*$", description="short, general snake_case")
    factuality: Factuality
    sentence_ar: str = Field(min_length=8, description="verbatim substring of the article text")
    place: str | None = Field(default=None, description="English name of the city or country")
    date: LabelledDate | None = None
    actors_ar: list[str] = Field(default_factory=list)
    recipients_ar: list[str] = Field(default_factory=list)
    what: str = Field(default="", description="one line in English, for the reader of the label")
    required: bool = Field(default=True, description="False: minor; neither missed nor spurious")


class LabelledPublished(_Label):
    date: dt.date
    evidence_ar: str = Field(min_length=4, description="verbatim substring stating the date")


class ArticleLabels(_Label):
    """Everything a person read in one article."""

    id: str
    labeller: str
    published: LabelledPublished | None = None
    off_topic: bool
    topic: str
    main_event: str | None = None
    events: list[LabelledEvent] = Field(default_factory=list)
    entities: list[LabelledEntity] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> ArticleLabels:
        ids = [e.id for e in self.events]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.id}: event ids repeat: {ids}")
        if self.off_topic and (self.events or self.main_event):
            raise ValueError(f"{self.id}: an off-topic article has no events")
        if self.main_event not in ([*ids, None] if not self.events else ids):
            raise ValueError(f"{self.id}: main_event {self.main_event!r} is not one of {ids}")
        return self

    def check_against(self, text: str) -> list[str]:
        """Problems of these labels against the article text (empty when all quotes are found)."""
        problems = [f"{self.id} {e.id}: sentence not in the text: {e.sentence_ar[:40]!r}"
                    for e in self.events if e.sentence_ar not in text]  # fmt: skip
        if self.published and self.published.evidence_ar not in text:
            problems.append(f"{self.id}: published evidence not in the text")
        names = [name_tokens(n) for ent in self.entities for n in [ent.ar, *ent.also_ar]]
        problems += [f"{self.id} {e.id}: participant is no labelled entity: {a!r}"
                     for e in self.events for a in e.actors_ar + e.recipients_ar
                     if name_tokens(a) not in names]  # fmt: skip
        words = name_tokens(text)
        problems += [f"{self.id}: entity not in the text: {n!r}"
                     for ent in self.entities for n in [ent.ar, *ent.also_ar]
                     if not contains_tokens(words, name_tokens(n))]  # fmt: skip
        return problems


def load_labels(folder: str | Path) -> dict[str, ArticleLabels]:
    """Every ``*.json`` label file of a folder, by article id (the file name)."""
    out: dict[str, ArticleLabels] = {}
    for path in sorted(Path(folder).glob("*.json")):
        labels = ArticleLabels.model_validate(json.loads(path.read_text(encoding="utf-8")))
        if labels.id != path.stem:
            raise ValueError(f"{path}: id {labels.id!r} differs from the file name")
        out[labels.id] = labels
    return out


TranslationKey = tuple[str, str, str]
"""``(article id, unit, English)``: a unit is ``"headline"`` or ``"s<number>"``."""


def load_translation_labels(path: str | Path) -> dict[TranslationKey, bool]:
    """Labelled translations (``tests/translations_labelled.jsonl``): whether each is faithful.

    Each line holds ``article``, ``unit`` (``"s3"``, ``"headline"``, or either with ``-again``
    for a re-ask), ``english`` and ``label`` (``faithful`` or ``unfaithful``). A label is for
    that exact English: a report whose model wrote other words for the unit is not scored by it.

    Raises:
        ConfigurationError: the file is missing, or a line is not such an object.
    """
    from .._errors import ConfigurationError

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigurationError(
            f"cannot read the translation labels {str(path)!r} ({exc.strerror}); give the JSONL file of "
            "labelled translations, e.g. --flag-labels tests/translations_labelled.jsonl"
        ) from exc
    out: dict[TranslationKey, bool] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            label = item.get("label")
            key = (item["article"], item["unit"].removesuffix("-again"), item["english"].strip())
        except (ValueError, KeyError, AttributeError, TypeError) as exc:
            raise ConfigurationError(
                f"{path}:{n}: each line must be a JSON object with article, unit, english and label ({exc})"
            ) from exc
        if label not in ("faithful", "unfaithful"):
            raise ConfigurationError(f"{path}:{n}: label must be 'faithful' or 'unfaithful', not {label!r}")
        out[key] = item["label"] == "faithful"
    return out
