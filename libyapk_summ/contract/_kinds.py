"""The event-kind registry: every kind of event the library knows, as data.

``data/event_kinds.json`` holds, for each kind, its PLOVER root, its Arabic
triggers (verb stems and nouns, expanded here into their inflected forms), the
English used in prompts and summaries, and the fields that tell two reports of
it apart across articles. The same file holds the factuality cues. Code reads
kinds only through :class:`Kinds`; a user adds or changes kinds with a JSON file
of the same shape (``Kinds.load(path)``, ``--kinds FILE``). The types an event
carries of its kind live here too, beside the registry they are read from: its
id (:class:`KindId`, ``EventSubtype``), its PLOVER root (:class:`EventType`,
``SUBTYPE_TO_TYPE``) and its :data:`Factuality`. The trigger regexes are built
in ``_triggers``; the English of each kind is read by ``_labels``.

Arabic in the file is written as in print ("التقى", "زيارة"); it is normalised
on load (أ/إ/آ→ا, ة→ه, ى→ي), like the sentences it is matched against.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from enum import StrEnum
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field, GetCoreSchemaHandler, ValidationError
from pydantic_core import CoreSchema, core_schema

from .._errors import ConfigurationError
from ._triggers import WORD_START, Form, Strict, Trigger, alternation, any_of, trigger_forms


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


class _KindMeta(type):
    """``EventSubtype.MEETING`` and ``list(EventSubtype)``: the packaged kinds, read from the registry."""

    def __getattr__(cls, name: str) -> KindId:
        if not name.isupper() or name.startswith("_"):
            raise AttributeError(name)
        if kind_of(name.lower()) is None:
            raise AttributeError(name)
        return KindId(name.lower())

    def __iter__(cls) -> Iterator[KindId]:
        return iter([KindId(k.id) for k in Kinds.default()])


class KindId(str, metaclass=_KindMeta):
    """An event kind's id ("official_visit"): a string, one object per id (so ``is`` compares).

    The kinds themselves live in the registry (``data/event_kinds.json``, ``Kinds``);
    ``EventSubtype.MEETING`` names a packaged one. ``.value`` is the id, as for an enum.
    """

    _interned: ClassVar[dict[str, KindId]] = {}

    def __new__(cls, value: str) -> KindId:
        value = str(value)
        found = cls._interned.get(value)
        if found is None:
            if not _KIND_ID.fullmatch(value):
                raise ValueError(f"an event kind id is lower_snake_case ascii, not {value!r}")
            found = cls._interned[value] = super().__new__(cls, value)
        return found

    @property
    def value(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"EventSubtype({self.value!r})"

    def __reduce__(self) -> tuple[type[KindId], tuple[str]]:
        return (KindId, (self.value,))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls,
            core_schema.str_schema(pattern=_KIND_ID.pattern),
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )


_KIND_ID = re.compile(r"[a-z][a-z0-9_]*")
EventSubtype = KindId
"""The subtype of an event: a kind id from the registry (kept under its old name)."""


class _RootOf(Mapping[str, EventType]):
    """``SUBTYPE_TO_TYPE[kind]``: the PLOVER root each kind maps to, read from the registry."""

    def __getitem__(self, kind: str) -> EventType:
        k = kind_of(kind)
        if k is None:
            raise KeyError(kind)
        return k.root

    def __iter__(self) -> Iterator[str]:
        return iter(list(KindId))

    def __len__(self) -> int:
        return len(list(KindId))


SUBTYPE_TO_TYPE: Mapping[str, EventType] = _RootOf()

Factuality = Literal["asserted", "planned", "historical", "negated", "speculated"]
"""asserted: reported as happening/happened now; planned: intended, studied or
under negotiation; historical: past background; negated: denied; speculated:
an observer's expectation."""


class Identity(Strict):
    """What tells two reports of this kind apart across articles (``_same_event``)."""

    by: Literal["visitor", "parties", "principals"] = "principals"
    slack_days: int = Field(default=1, ge=0, le=30, description="a day-precision date widens by this much")


class Example(Strict):
    """A sentence form this kind must be detected in (tests feed every one through detection)."""

    text: str
    factuality: Factuality = "asserted"


class Verbs(Strict):
    """How composed English tells that this kind happened (``_labels.compose``).

    ``past`` doubles as the participle ("had met"); ``base`` and ``gerund`` take the
    same object ("meet X", "meeting X"); ``visits``: the object is the place visited.
    """

    past: str
    base: str
    gerund: str
    visits: bool = False


class Kind(Strict):
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


class Cues(Strict):
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


class Topic(Strict):
    """Article-level filter: sports, markets and culture pages report no events."""

    about: str = ""
    off_topic: list[str] = Field(default_factory=list)
    on_topic: list[str] = Field(default_factory=list)
    ratio: float = Field(default=2.0, gt=0)
    min_off: int = Field(default=4, ge=1)


class Furniture(Strict):
    """Site lines (share, subscribe, copyright, menus) that never carry events."""

    about: str = ""
    lines: list[str] = Field(default_factory=list, description="regexes on a normalised line")
    min_words: int = Field(default=6, ge=1)


class _File(Strict):
    about: str = ""
    cues: Cues | None = None
    topic: Topic = Field(default_factory=Topic)
    furniture: Furniture = Field(default_factory=Furniture)
    kinds: list[Kind] = Field(default_factory=list)


class Compiled:
    """A kind's triggers as regexes, each labelled with the form it reads (``_triggers``)."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self.forms: list[Form] = trigger_forms(kind.triggers)


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
        self.furniture_lines = any_of(parsed.furniture.lines, re.IGNORECASE)
        self._kinds: dict[str, Kind] = {k.id: k for k in parsed.kinds}
        for k in self._kinds.values():
            unknown = [s for s in k.supersedes if s not in self._kinds]
            if unknown:
                raise ConfigurationError(f"event kind {k.id!r} supersedes unknown kinds {unknown}")
        self.fingerprint = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
        _REGISTERED.update(self._kinds)

    def __getitem__(self, kind_id: str) -> Kind:
        return self._kinds[kind_id]

    def __iter__(self) -> Iterator[Kind]:
        return iter(self._kinds.values())

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self._kinds

    def __len__(self) -> int:
        return len(self._kinds)

    @cached_property
    def compiled(self) -> list[Compiled]:
        return [Compiled(k) for k in self._kinds.values()]

    @cached_property
    def _trigger_words(self) -> tuple[str, ...]:
        return tuple({w for c in self.compiled for f in c.forms for w in f.needles or ()})

    def words_in(self, norm: str) -> frozenset[str]:
        """The trigger words (``Form.needles``) a normalised sentence contains: a form none of
        whose words is among them cannot match it."""
        return frozenset(w for w in self._trigger_words if w in norm)

    @cached_property
    def cue_patterns(self) -> dict[str, re.Pattern[str] | None]:
        """Each cue list of :class:`Cues` as one regex (None when empty)."""
        return {name: any_of(getattr(self.cues, name)) for name in Cues.model_fields if name != "scope"}

    @cached_property
    def _topic_words(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        def words(items: list[str]) -> re.Pattern[str] | None:
            return re.compile(rf"{WORD_START}(?:و|ف|ب|ل)?(?:ال)?(?:{alternation(items)})") if items else None

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


def identity(kind_id: str) -> Identity:
    """How reports of a kind are matched across articles (principals for unknown kinds)."""
    k = kind_of(kind_id)
    return k.identity if k else Identity()
