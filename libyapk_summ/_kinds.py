"""The event-kind registry: every kind of event the library knows, as data.

``data/event_kinds.json`` holds, for each kind, its PLOVER root, its Arabic
triggers (verb stems and nouns, expanded here into their inflected forms), the
English used in prompts and summaries, and the fields that tell two reports of
it apart across articles. The same file holds the factuality cues. Code reads
kinds only through :class:`Kinds`; a user adds or changes kinds with a JSON file
of the same shape (``Kinds.load(path)``, ``--kinds FILE``).

Arabic in the file is written as in print ("التقى", "زيارة"); it is normalised
on load (أ/إ/آ→ا, ة→ه, ى→ي), like the sentences it is matched against.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._arabic import normalize
from ._errors import ConfigurationError
from ._models import EventType, Factuality, KindId

# A word starts after a space, the text's start, or a quote mark / bracket / punctuation.
_START = r"(?<![^\s\"'«»“”„(\[{،,:;.!؟?\-])"
_END = r"(?=[\s\"'«»“”)\]}،,:;.!؟?\-]|$)"
_CLITIC = r"(?:و|ف)?"
_PAST_END = (
    r"(?:ت|ا|تا|وا|و|ن|نا)?"  # subject suffixes only: a pronoun suffix would read وزاره as "visited him"
)
_PRESENT_END = r"(?:ان|ون|ين|ن|ا)?"
_NOUN_END = r"(?:ه|ها|هم|هما|ي|نا|كم|ا)?"  # ا: the accusative اتصالا


def _norm(s: str) -> str:
    """Normalise the Arabic of a word or regex, leaving ASCII (regex syntax: \\S, ?, ^) as written."""
    return "".join(c if c.isascii() else normalize(c) or "" for c in s)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted({_norm(w) for w in words}, key=len, reverse=True))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Trigger(_Strict):
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


class Identity(_Strict):
    """What tells two reports of this kind apart across articles (``_same_event``)."""

    by: Literal["visitor", "parties", "principals"] = "principals"
    slack_days: int = Field(default=1, ge=0, le=30, description="a day-precision date widens by this much")


class Example(_Strict):
    """A sentence form this kind must be detected in (tests feed every one through detection)."""

    text: str
    factuality: Factuality = "asserted"


class Verbs(_Strict):
    """How composed English tells that this kind happened (``_labels.compose``).

    ``past`` doubles as the participle ("had met"); ``base`` and ``gerund`` take the
    same object ("meet X", "meeting X"); ``visits``: the object is the place visited.
    """

    past: str
    base: str
    gerund: str
    visits: bool = False


class Kind(_Strict):
    """One event kind."""

    id: KindId
    root: EventType
    label_en: str = Field(description="summary label: 'Official visit'")
    phrase_en: str = Field(description="prompt phrase: 'an official visit'")
    english: Verbs | None = Field(
        default=None, description="composed English verbs: met / meet / meeting (else 'took part in …')"
    )
    triggers: list[Trigger] = Field(min_length=1)
    intention: bool = Field(default=False, description="planned unless the text says it was done")
    supersedes: list[str] = Field(default_factory=list, description="kinds this one replaces in a sentence")
    amounts: bool = False
    retold: bool = Field(default=False, description="retold undated as background, it is the same event")
    people_match: bool = Field(
        default=False, description="in one article, the same event needs shared people"
    )
    identity: Identity = Field(default_factory=Identity)
    examples: list[Example] = Field(min_length=1)


class Cues(_Strict):
    """Factuality cues, as general forms (regexes on normalised text)."""

    negated: list[str] = Field(default_factory=list, description="anywhere in the sentence")
    negator: list[str] = Field(default_factory=list, description="right before the trigger: لم, لن")
    historical: list[str] = Field(default_factory=list)
    planned: list[str] = Field(default_factory=list, description="before the trigger, within `scope` words")
    planned_anywhere: list[str] = Field(default_factory=list, description="anywhere: 'next week'")
    speculated: list[str] = Field(
        default_factory=list, description="before the trigger, within `scope` words"
    )
    habitual: list[str] = Field(default_factory=list, description="a present verb under these tells a habit")
    subjunctive: list[str] = Field(default_factory=list, description="right before a present verb: أن يزور")
    background: list[str] = Field(
        default_factory=list, description="right before a noun: بعد, عقب (told before)"
    )
    done: list[str] = Field(default_factory=list, description="right before a noun: تم, جرى")
    anaphora: list[str] = Field(default_factory=list, description="verbs pointing back at a told event")
    scope: int = Field(default=8, ge=1, le=40)


class Topic(_Strict):
    """Article-level filter: sports, markets and culture pages report no events."""

    about: str = ""
    off_topic: list[str] = Field(default_factory=list)
    on_topic: list[str] = Field(default_factory=list)
    ratio: float = Field(default=2.0, gt=0)
    min_off: int = Field(default=4, ge=1)


class Furniture(_Strict):
    """Site lines (share, subscribe, copyright, menus) that never carry events."""

    about: str = ""
    lines: list[str] = Field(default_factory=list, description="regexes on a normalised line")
    min_words: int = Field(default=6, ge=1)


class _File(_Strict):
    about: str = ""
    cues: Cues | None = None
    topic: Topic = Field(default_factory=Topic)
    furniture: Furniture = Field(default_factory=Furniture)
    kinds: list[Kind] = Field(default_factory=list)


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


class Compiled:
    """A kind's triggers as regexes, each labelled with the form it reads."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self.forms: list[Form] = []
        for t in kind.triggers:
            obj = re.compile("|".join(f"(?:{_norm(o)})" for o in t.object)) if t.object else None
            exc = re.compile("|".join(f"(?:{_norm(o)})" for o in t.exclude)) if t.exclude else None

            def add(form: str, body: str, t: Trigger = t, obj: Any = obj, exc: Any = exc) -> None:
                bare = t.bare_noun or form != "noun"
                self.forms.append(Form(form, re.compile(body), obj, t.reach, exc, t.anaphoric, bare))

            nouns = {_norm(n) for n in t.nouns}
            past = [p for p in t.past if _norm(p) not in nouns]  # فتح: read as the masdar, not "he opened"
            if past:
                add("past", rf"{_START}{_CLITIC}(?:{_alt(past)}){_PAST_END}{_END}")
            if t.present:
                stems = _alt(t.present)
                add("future", rf"{_START}{_CLITIC}(?:س|سوف\s+)(?:ي|ت|ن)(?:{stems}){_PRESENT_END}{_END}")
                add("present", rf"{_START}{_CLITIC}(?:ل)?(?:ي|ت|ن|ا)(?:{stems}){_PRESENT_END}{_END}")
            if t.nouns:
                bases = sorted({_norm(n) for n in t.nouns}, key=len, reverse=True)
                alts = []
                for b in bases:
                    root = re.escape(b[:-1]) if b.endswith("ه") else re.escape(b)
                    tail = r"(?:ه|ت(?:ه|ها|هم|هما|ي|نا))" if b.endswith("ه") else _NOUN_END
                    plural = r"|ات|ين|ان|تين|تان" if t.plural else ""
                    alts.append(f"{root}(?:{tail}{plural})" if b.endswith("ه") or plural else f"{root}{tail}")
                    if b.endswith("ء"):  # لقاء + ه is written لقائه (normalised لقايه)
                        alts.append(re.escape(b[:-1]) + r"ي(?:ه|ها|هم|هما|نا|كم)")
                add("noun", rf"{_START}{_CLITIC}(?:ب|ل|ك)?(?P<def>ال)?(?:{'|'.join(alts)}){_END}")
            for p in t.patterns:
                add("pattern", _norm(p))


class Kinds:
    """The kinds a pipeline detects, read from the packaged file and any user files.

    Example:
        >>> Kinds.default()["meeting"].root.value
        'CONSULT'
    """

    def __init__(self, data: dict[str, Any]) -> None:
        try:
            parsed = _File.model_validate(data)
        except ValidationError as exc:
            raise ConfigurationError(f"event kinds: {exc}. Fix the entry named in the message.") from exc
        if parsed.cues is None:
            raise ConfigurationError(
                "event kinds: no 'cues' section; start from the packaged event_kinds.json"
            )
        self.cues = parsed.cues
        self.topic = parsed.topic
        self.furniture = parsed.furniture
        lines = "|".join(f"(?:{_norm(p)})" for p in parsed.furniture.lines)
        self.furniture_lines = re.compile(lines, re.IGNORECASE) if lines else None
        self._kinds: dict[str, Kind] = {k.id: k for k in parsed.kinds}
        for k in self._kinds.values():
            unknown = [s for s in k.supersedes if s not in self._kinds]
            if unknown:
                raise ConfigurationError(f"event kind {k.id!r} supersedes unknown kinds {unknown}")
        self.fingerprint = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
        _REGISTERED.update(self._kinds)

    def __getitem__(self, kind_id: str) -> Kind:
        return self._kinds[kind_id]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._kinds.values())

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self._kinds

    def __len__(self) -> int:
        return len(self._kinds)

    @cached_property
    def compiled(self) -> list[Compiled]:
        return [Compiled(k) for k in self._kinds.values()]

    @cached_property
    def cue_patterns(self) -> dict[str, re.Pattern[str] | None]:
        c = self.cues
        fields = (
            "negated",
            "negator",
            "historical",
            "planned",
            "planned_anywhere",
            "speculated",
            "subjunctive",
            "habitual",
            "background",
            "done",
            "anaphora",
        )
        out: dict[str, re.Pattern[str] | None] = {}
        for name in fields:
            items = getattr(c, name)
            out[name] = re.compile("|".join(f"(?:{_norm(p)})" for p in items)) if items else None
        return out

    @cached_property
    def _topic_words(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        def words(items: list[str]) -> re.Pattern[str] | None:
            return re.compile(rf"{_START}(?:و|ف|ب|ل)?(?:ال)?(?:{_alt(items)})") if items else None

        return words(self.topic.off_topic), words(self.topic.on_topic)

    def off_topic(self, norm_text: str) -> bool:
        """Whether a normalised article is about sport, markets or culture rather than news of state."""
        off, on = self._topic_words
        if off is None:
            return False
        n_off = len(off.findall(norm_text))
        n_on = len(on.findall(norm_text)) if on is not None else 0
        return n_off >= self.topic.min_off and n_off > self.topic.ratio * n_on

    @classmethod
    def default(cls) -> Kinds:
        """The packaged registry, read and validated once per process."""
        if "default" not in _CACHE:
            _CACHE["default"] = cls(_default_data())
        return _CACHE["default"]

    @classmethod
    def load(cls, *paths: str | os.PathLike[str], include_default: bool = True) -> Kinds:
        """A registry from JSON files shaped like the packaged ``event_kinds.json``.

        Args:
            *paths: files applied in order; a kind whose ``id`` exists already is
                replaced, new ids are added; a ``cues`` section replaces cue lists key by key.
            include_default: start from the packaged file (True) or from nothing.

        Raises:
            ConfigurationError: a file is missing, not JSON, or an entry is malformed.
        """
        base = copy.deepcopy(_default_data()) if include_default else {"kinds": []}
        kinds = {k["id"]: k for k in base.get("kinds", [])}
        cues = dict(base.get("cues") or {})
        topic = dict(base.get("topic") or {})
        furniture = dict(base.get("furniture") or {})
        for path in paths:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigurationError(f"cannot read event kinds file {path}: {exc}") from exc
            if not isinstance(data, dict):
                raise ConfigurationError(f"{path}: expected an object with 'kinds' (and optional 'cues')")
            for k in data.get("kinds", []):
                if not isinstance(k, dict) or "id" not in k:
                    raise ConfigurationError(f"{path}: every kind needs an 'id'")
                kinds[k["id"]] = k
            cues.update(data.get("cues") or {})
            topic.update(data.get("topic") or {})
            furniture.update(data.get("furniture") or {})
        return cls(
            {"cues": cues or None, "topic": topic, "furniture": furniture, "kinds": list(kinds.values())}
        )


_CACHE: dict[str, Kinds] = {}
_REGISTERED: dict[str, Kind] = {}


def _default_data() -> dict[str, Any]:
    text = resources.files("libyapk_summ").joinpath("data/event_kinds.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def kind_of(kind_id: str) -> Kind | None:
    """The spec of a kind id seen anywhere in this process (packaged or loaded), else None."""
    if not _REGISTERED:
        Kinds.default()
    return _REGISTERED.get(str(kind_id))


def root_of(kind_id: str) -> EventType:
    """The PLOVER root of a kind. Raises ConfigurationError for a kind no registry defines."""
    k = kind_of(kind_id)
    if k is None:
        raise ConfigurationError(f"unknown event kind {kind_id!r}: load the file that defines it (--kinds)")
    return k.root


def label_en(kind_id: str) -> str:
    """The English summary label of a kind ('Official visit'); the id in words when unknown."""
    k = kind_of(kind_id)
    return k.label_en if k else str(kind_id).replace("_", " ").capitalize()


def phrase_en(kind_id: str) -> str:
    """The English prompt phrase of a kind ('an official visit')."""
    k = kind_of(kind_id)
    return k.phrase_en if k else str(kind_id).replace("_", " ")


def identity(kind_id: str) -> Identity:
    """How reports of a kind are matched across articles (principals for unknown kinds)."""
    k = kind_of(kind_id)
    return k.identity if k else Identity()
