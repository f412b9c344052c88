"""The small schemas the model answers, one per focused question.

Kept compact on purpose: a 1.5B model answers one small question well and a
big one badly (measured: one call for the whole brief gave garbled names; a
focused call with a short schema copied names verbatim). Length limits and the
Arabic-only pattern travel in the JSON schema, so llama.cpp's grammar enforces
them while decoding and hosted models see them as constraints.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

ArabicName = Annotated[str, Field(pattern=r"^[\u0621-\u064A\u0660-\u0669 ]{2,60}$")]


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TranslationAnswer(_Answer):
    """Question "translate": one sentence (or the headline) of the article in English."""

    english: str = Field(min_length=3, max_length=400)


LatinName = Annotated[str, Field(pattern=r"^[A-Za-z .'-]{0,60}$")]


# The English is a proposal: code keeps it only when the consonant-skeleton check
# (``_skeleton.renders``) finds it spells the Arabic, and kept data comes first. The
# docstrings here travel in the schema, so they stay one line.
class Name(_Answer):
    """A name as the sentence writes it, and its English spelling."""

    ar: ArabicName
    en: LatinName

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return {"ar": value, "en": ""} if isinstance(value, str) else value  # a bare name: no proposal


class ParticipantsAnswer(_Answer):
    """Question "participants": who acted, and towards whom."""

    actors: list[Name] = Field(default_factory=list, max_length=4)
    recipients: list[Name] = Field(default_factory=list, max_length=4)
