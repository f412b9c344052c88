"""The public API as a contract: the exact exported names, each importable, typed for users.

A name added to or dropped from ``libyapk_summ.__all__`` is an API change and changes
``PUBLIC`` here with it. Every type that appears in a public model's fields is exported too, so
that users can annotate with it (``factuality: Factuality``) without importing a private module.
"""

from __future__ import annotations

import dataclasses
import sys
import typing
from collections.abc import Iterator
from importlib.resources import files
from types import ModuleType
from typing import Any

from pydantic import BaseModel

import libyapk_summ

PUBLIC = [
    "Amount", "Article", "ArticleError", "ArticleReport", "BatchLimits", "BatchLineError", "BatchPending",
    "BatchRunner", "BatchSummary", "Brief", "CacheError", "CallError", "Claim", "ConfigurationError",
    "Disagreement", "Dossier", "DossierEvent", "DossierStats", "EnglishSentence", "EnglishStatus",
    "Entity", "Event", "EventDate", "EventSubtype", "EventType", "Evidence", "Factuality", "Finding",
    "FixtureMissingError", "Gazetteer", "KeyPoint", "Kinds", "LibyapkError", "Link", "LinkKind",
    "LocalServerError", "MissingVariables", "Mode", "ModelWeightsError", "NameSource",
    "PermanentBackendError", "Pipeline", "Precision", "PromptError", "Provenance", "Published",
    "ResponseValidationError", "Settings", "Source", "TimelineEntry", "TransportError", "Usage", "Verdict",
    "__version__", "asummarize", "asummarize_many", "build_dossier", "check_report", "check_translation",
    "command_executor", "events_frame", "events_rows", "load_article", "report_html", "summarize",
    "summarize_batch", "summarize_many",
]  # fmt: skip


def test_the_exported_names_are_exactly_these_and_sorted():
    assert libyapk_summ.__all__ == PUBLIC == sorted(PUBLIC)


def test_every_exported_name_imports():
    namespace: dict[str, Any] = {}
    exec("from libyapk_summ import *", namespace)  # raises AttributeError for a name not there
    assert set(PUBLIC) <= set(namespace)


def _fields(cls: object) -> dict[str, Any]:
    """A public model's or dataclass's fields and their resolved types."""
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return {name: f.annotation for name, f in cls.model_fields.items()}
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return {f.name: hints[f.name] for f in dataclasses.fields(cls) if not f.name.startswith("_")}
    return {}


def _parts(annotation: Any) -> Iterator[Any]:
    """The annotation and every type inside it (``list[Claim] | None`` gives Claim too)."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _parts(arg)


def _literal_aliases(module: ModuleType | None) -> dict[str, Any]:
    """The module's public names for ``Literal`` types, such as ``Factuality``."""
    names = vars(module).items() if module else ()
    return {n: v for n, v in names if not n.startswith("_") and typing.get_origin(v) is typing.Literal}


def unexported_field_types(names: list[str]) -> dict[str, list[str]]:
    """Each library type used in a field of ``names`` but not among them, with the fields using it."""
    exported = {id(getattr(libyapk_summ, name)) for name in names}
    missing: dict[str, list[str]] = {}
    todo: list[Any] = [getattr(libyapk_summ, name) for name in names]
    seen: set[int] = set()
    while todo:
        cls = todo.pop()
        if id(cls) in seen:
            continue
        seen.add(id(cls))
        aliases = _literal_aliases(sys.modules.get(getattr(cls, "__module__", "")))
        for field, annotation in _fields(cls).items():
            for part in _parts(annotation):
                found: list[tuple[str, Any]] = []
                if isinstance(part, type) and part.__module__.startswith("libyapk_summ."):
                    found = [(part.__name__, part)] if not part.__name__.startswith("_") else []
                    todo.append(part)
                elif typing.get_origin(part) is typing.Literal:
                    found = [(name, alias) for name, alias in aliases.items() if alias == part]
                for name, value in found:
                    if id(value) not in exported:
                        missing.setdefault(name, []).append(f"{cls.__name__}.{field}")
    return missing


def test_every_type_in_a_public_field_is_exported():
    assert unexported_field_types(libyapk_summ.__all__) == {}


def test_the_field_check_finds_literal_aliases_and_models_inside_containers():
    hidden = [n for n in libyapk_summ.__all__ if n not in {"Factuality", "Claim"}]
    found = unexported_field_types(hidden)
    assert set(found) == {"Factuality", "Claim"}
    assert "Event.factuality" in found["Factuality"] and found["Claim"] == ["Disagreement.claims"]


def test_the_package_says_it_is_typed():
    assert (files("libyapk_summ") / "py.typed").is_file()
