"""The gazetteer's data: the packaged ``data/gazetteer.json`` and the user's files merged onto it.

A file is an object with ``entries`` (each with an ``id``, a ``kind``, ``name_en`` and
``names_ar``), ``titles`` and ``generic`` phrases; :func:`merged` applies files in order, an
entry key by key, titles and generic phrases by their Arabic. The packaged file is read on
first use, not at import, so the command line starts fast.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from .._errors import ConfigurationError
from .._paths import data_file

DATA_FILE = data_file("gazetteer.json")
ENTRY_KINDS = ("person", "organization", "place", "country")

_CACHE: dict[str, dict[str, Any]] = {}


def read(path: Path) -> dict[str, Any]:
    """One gazetteer file, checked for its shape.

    Raises:
        ConfigurationError: the file cannot be read, is not JSON, or an entry has no ``id``.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"gazetteer {path}: cannot read it ({exc}); give a JSON file") from exc
    entries = data.get("entries", []) if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "id" in e for e in entries):
        raise ConfigurationError(f"gazetteer {path}: expected an object whose 'entries' each have an 'id'")
    checked: dict[str, Any] = data
    return checked


def default_data() -> dict[str, Any]:
    """The packaged file, read once per process (do not change what it returns)."""
    if "data" not in _CACHE:
        _CACHE["data"] = read(DATA_FILE)
    return _CACHE["data"]


def merged(paths: tuple[str | os.PathLike[str], ...], include_default: bool = True) -> dict[str, Any]:
    """The data of :meth:`Gazetteer.load`: the files applied in order (see the module docstring).

    Raises:
        ConfigurationError: a file is missing, not JSON, or an entry is malformed.
    """
    base = copy.deepcopy(default_data()) if include_default else {}
    by_key = {
        k: {x["id" if k == "entries" else "ar"]: x for x in base.get(k, [])}
        for k in ("entries", "titles", "generic")
    }
    for path in paths:
        data = read(Path(path))
        for e in data.get("entries", []):
            entry = by_key["entries"][e["id"]] = {**by_key["entries"].get(e["id"], {}), **e}
            if (
                entry.get("kind") not in ENTRY_KINDS
                or not isinstance(entry.get("name_en"), str)
                or not entry.get("names_ar")
            ):
                raise ConfigurationError(
                    f"gazetteer {path}: entry {e['id']!r} needs kind (one of "
                    f"{', '.join(ENTRY_KINDS)}), name_en and a non-empty names_ar"
                )
        for k in ("titles", "generic"):
            by_key[k].update({x["ar"]: x for x in data.get(k, [])})
    return {k: list(v.values()) for k, v in by_key.items()}
