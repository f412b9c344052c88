"""Trigger words of event kinds, expanded into the regexes that match their inflected forms.

A kind's trigger (``data/event_kinds.json``) lists past forms ("التقى"), present
stems ("زور" for يزور, تزور, سيزور) and nouns ("زيارة"); :func:`trigger_forms`
turns each into one regex per form it reads (past, present, future, noun, raw
pattern), on text folded by ``_arabic.normalize``. A :class:`Trigger` is read
and checked as part of its kind by the registry (``_kinds``), which this
module does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from ..text._arabic import normalize

WORD_START = r"(?<![^\s\"'«»“”„(\[{،,:;.!؟?\-])"
"""A word starts after a space, the text's start, or a quote mark / bracket / punctuation."""
_END = r"(?=[\s\"'«»“”)\]}،,:;.!؟?\-]|$)"
_CLITIC = r"(?:و|ف)?"
_PAST_END = (
    r"(?:ت|ا|تا|وا|و|ن|نا)?"  # subject suffixes only: a pronoun suffix would read وزاره as "visited him"
)
_PRESENT_END = r"(?:ان|ون|ين|ن|ا)?"
_NOUN_END = r"(?:ه|ها|هم|هما|ي|نا|كم|ا)?"  # ا: the accusative اتصالا


def fold(s: str) -> str:
    """Normalise the Arabic of a word or regex, leaving ASCII (regex syntax: \\S, ?, ^) as written."""
    return "".join(c if c.isascii() else normalize(c) or "" for c in s)


def alternation(words: Iterable[str]) -> str:
    """The folded words as one regex alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted({fold(w) for w in words}, key=len, reverse=True))


def any_of(patterns: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    """One regex matching any of the folded patterns; None for none."""
    items = list(patterns)
    return re.compile("|".join(f"(?:{fold(p)})" for p in items), flags) if items else None


class Strict(BaseModel):
    """An entry of the kinds file: unknown keys are errors, and nothing changes once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Trigger(Strict):
    """One way a kind is told: a verb (past and present stems) or a noun, with what must follow it."""

    past: list[str] = Field(default_factory=list, description="past 3rd-person forms: زار, التقى, التقت")
    present: list[str] = Field(
        default_factory=list, description="present stems without the person prefix: زور (يزور, تزور, سيزور)"
    )
    nouns: list[str] = Field(default_factory=list, description="nouns and masdars: زيارة, استقبال, لقاء")
    plural: bool = Field(default=False, description="nouns also count in the sound plural (احتجاجات)")
    object: list[str] = Field(
        default_factory=list, description="regexes, one of which must follow the trigger within `reach` words"
    )
    reach: int = Field(default=4, ge=0, le=30)
    exclude: list[str] = Field(default_factory=list, description="regexes that cancel a match right after it")
    patterns: list[str] = Field(default_factory=list, description="raw regexes on normalised text")
    anaphoric: bool = Field(default=False, description="a match points back at an event already told")
    bare_noun: bool = Field(
        default=True, description="False: a noun counts only under a cue (تم توقيع, تعتزم افتتاح)"
    )


@dataclass(frozen=True, slots=True)
class Form:
    """One compiled trigger form."""

    form: str  # past, present, future, noun, pattern
    pattern: re.Pattern[str]
    object: re.Pattern[str] | None
    reach: int
    exclude: re.Pattern[str] | None
    anaphoric: bool
    bare: bool = True  # a noun form that needs no governing cue
    # Words one of which every match contains as written (None: a raw pattern, always scanned).
    # A sentence with none of them cannot match, so its scan is skipped: a substring test costs
    # a fraction of a regex search led by a look-behind, which the engine tries at every offset.
    needles: tuple[str, ...] | None = None


def _noun_alternatives(t: Trigger) -> list[str]:
    alts = []
    for b in sorted({fold(n) for n in t.nouns}, key=len, reverse=True):
        root = re.escape(b[:-1]) if b.endswith("ه") else re.escape(b)
        tail = r"(?:ه|ت(?:ه|ها|هم|هما|ي|نا))" if b.endswith("ه") else _NOUN_END
        plural = r"|ات|ين|ان|تين|تان" if t.plural else ""
        alts.append(f"{root}(?:{tail}{plural})" if b.endswith("ه") or plural else f"{root}{tail}")
        if b.endswith("ء"):  # لقاء + ه is written لقائه (normalised لقايه)
            alts.append(re.escape(b[:-1]) + r"ي(?:ه|ها|هم|هما|نا|كم)")
    return alts


def trigger_forms(triggers: Iterable[Trigger]) -> list[Form]:
    """Each trigger's forms as regexes on normalised text, each labelled with the form it reads."""
    forms: list[Form] = []
    for t in triggers:
        obj, exc = any_of(t.object), any_of(t.exclude)

        def add(form: str, body: str, needles: Iterable[str] | None = None, t: Trigger = t,
                obj: re.Pattern[str] | None = obj, exc: re.Pattern[str] | None = exc) -> None:  # fmt: skip
            bare = t.bare_noun or form != "noun"
            words = None if needles is None else tuple(sorted(set(needles), key=len))
            forms.append(Form(form, re.compile(body), obj, t.reach, exc, t.anaphoric, bare, words))

        nouns = {fold(n) for n in t.nouns}
        past = [p for p in t.past if fold(p) not in nouns]  # فتح: read as the masdar, not "he opened"
        if past:
            words = [fold(p) for p in past]
            add("past", rf"{WORD_START}{_CLITIC}(?:{alternation(past)}){_PAST_END}{_END}", words)
        if t.present:
            stems, words = f"(?:{alternation(t.present)}){_PRESENT_END}{_END}", [fold(p) for p in t.present]
            add("future", rf"{WORD_START}{_CLITIC}(?:س|سوف\s+)(?:ي|ت|ن){stems}", words)
            add("present", rf"{WORD_START}{_CLITIC}(?:ل)?(?:ي|ت|ن|ا){stems}", words)
        if t.nouns:
            alts = "|".join(_noun_alternatives(t))
            roots = [n[:-1] if n.endswith(("ه", "ء")) else n for n in nouns]  # as _noun_alternatives
            add("noun", rf"{WORD_START}{_CLITIC}(?:ب|ل|ك)?(?P<def>ال)?(?:{alts}){_END}", roots)
        for p in t.patterns:
            add("pattern", fold(p))
    return forms
