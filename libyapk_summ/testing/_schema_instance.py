"""A small valid instance of a JSON schema, as pydantic v2 emits schemas (stdlib only).

What the fake server answers when a test gives it no script: every property present, the
smallest array, a string that fits its pattern and length, a number inside its bounds.
"""

from __future__ import annotations

import copy
import math
import re
import sys
from typing import Any

Schema = dict[str, Any]

__all__ = ["instance_for_schema"]

_FORMATS = {
    "date": "2024-01-01",
    "date-time": "2024-01-01T00:00:00Z",
    "time": "00:00:00",
    "duration": "P1D",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "hostname": "example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
}
_MAX_DEPTH = 12  # past this, optional parts are left out so recursive models terminate


def instance_for_schema(schema: Schema) -> Any:
    """Builds a small valid instance of a JSON schema as pydantic v2 emits it.

    Handles ``$ref``/``$defs``, objects (every property; defaults used where given), arrays
    (``max(minItems, 1)`` items), strings (enum, const, formats, length bounds, simple patterns),
    integer/number bounds, booleans, null, ``anyOf``/``oneOf`` (first non-null option), ``allOf``.

    Args:
        schema: the root schema; ``$ref`` resolves against it.

    Returns:
        A JSON-serialisable value that validates against ``schema``.
    """
    return _instance(schema, schema, 0)


def _resolve(node: Any, root: Schema) -> Any:
    for _ in range(64):  # bounded: a $ref chain longer than this is a cycle
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        target: Any = root
        for part in filter(None, node["$ref"].removeprefix("#").split("/")):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        siblings = {k: v for k, v in node.items() if k != "$ref"}  # pydantic puts description/default here
        node = {**target, **siblings} if siblings else target
    raise ValueError("cyclic $ref")


def _instance(node: Any, root: Schema, depth: int) -> Any:
    node = _resolve(node, root)
    if not isinstance(node, dict):
        return None  # boolean schema `true`: anything goes
    for key in ("const", "default"):
        if key in node:
            return copy.deepcopy(node[key])
    if node.get("enum"):
        return copy.deepcopy(node["enum"][0])
    if "allOf" in node:
        merged = {k: v for k, v in node.items() if k != "allOf"}
        for part in (_resolve(p, root) for p in node["allOf"]):
            for key, value in part.items() if isinstance(part, dict) else ():
                if key == "properties":
                    merged[key] = {**merged.get(key, {}), **value}
                elif key == "required":
                    merged[key] = [*merged.get(key, []), *value]
                else:
                    merged.setdefault(key, value)
        return _instance(merged, root, depth)
    options = [_resolve(o, root) for o in node.get("anyOf") or node.get("oneOf") or ()]
    if options:
        real = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
        if not real or (depth >= _MAX_DEPTH and len(real) < len(options)):
            return None
        return _instance(real[0], root, depth)
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next((t for t in kind if t != "null"), "null")
    if kind is None and "properties" in node:
        kind = "object"
    elif kind is None and ("items" in node or "prefixItems" in node):
        kind = "array"
    if kind == "object":
        required = set(node.get("required") or ())
        out = {
            name: _instance(sub, root, depth + 1)
            for name, sub in (node.get("properties") or {}).items()
            if name in required or depth < _MAX_DEPTH
        }
        extra = node.get("additionalProperties")
        for i in range(int(node.get("minProperties", 0)) - len(out)):
            out[f"key{i}"] = _instance(extra if isinstance(extra, dict) else {}, root, depth + 1)
        return out
    if kind == "array":
        if "prefixItems" in node:
            return [_instance(s, root, depth + 1) for s in node["prefixItems"]]
        least = int(node.get("minItems", 0))
        count = min(least if depth >= _MAX_DEPTH else max(least, 1), int(node.get("maxItems", sys.maxsize)))
        return [_instance(node.get("items", {}), root, depth + 1) for _ in range(count)]
    if kind == "string":
        if node.get("format") in _FORMATS:
            return _FORMATS[node["format"]]
        return _string(node)
    if kind in ("integer", "number"):
        return _number(node, kind == "integer")
    return True if kind == "boolean" else None


_STRINGS = ("text", "نص", "a", "A", "0", "-")  # tried in turn against a ``pattern``


def _string(node: Schema) -> str:
    low, high = int(node.get("minLength", 0)), int(node.get("maxLength", sys.maxsize))
    fitted = [(base * (low // len(base) + 1))[: max(high, 0)] for base in _STRINGS]
    try:
        pattern = re.compile(node["pattern"]) if "pattern" in node else None
    except (re.error, TypeError):
        pattern = None
    return next((s for s in fitted if pattern is None or pattern.search(s)), fitted[0])


def _number(node: Schema, integer: bool) -> int | float:
    lo, xlo = node.get("minimum"), node.get("exclusiveMinimum")
    hi, xhi = node.get("maximum"), node.get("exclusiveMaximum")
    if integer:  # exclusive bounds become inclusive integer ones; then the lowest allowed value, or 1
        lows = [math.ceil(lo)] if lo is not None else []
        lows += [math.floor(xlo) + 1] if xlo is not None else []
        highs = [math.floor(hi)] if hi is not None else []
        highs += [math.ceil(xhi) - 1] if xhi is not None else []
        value = min(max(lows, default=1), min(highs, default=math.inf))
        step = node.get("multipleOf")
        return int(math.ceil(value / step) * step) if step else int(value)
    # Floats: stay strictly inside, so inclusive and exclusive bounds need no separate cases.
    low = max((b for b in (lo, xlo) if b is not None), default=None)
    high = min((b for b in (hi, xhi) if b is not None), default=None)
    if low is None:
        return 1.0 if high is None or high > 1 else float(high) - 1.0
    return float(low) + 1.0 if high is None else (float(low) + float(high)) / 2
