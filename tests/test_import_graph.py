"""Imports follow the data flow: a module imports only its own layer and the layers before it.

Every module of the package is read with ``ast``, its imports included wherever they stand (at
the top, inside a function, under ``TYPE_CHECKING``), and each import must point at a module in
the same layer or an earlier one of :data:`LAYERS`; no chain of imports may come back to where
it started. A new module gets a place in :data:`LAYERS`, or the first test says it has none.
"""

from __future__ import annotations

import ast
from pathlib import Path

import libyapk_summ

PACKAGE = "libyapk_summ"
ROOT = Path(libyapk_summ.__file__).parent

LAYERS: list[tuple[str, str]] = [
    ("core", "_version _errors _paths _settings _progress"),
    ("text", "text"),
    ("contract", "contract"),
    ("article", "article"),
    ("names", "names"),
    ("values", "values"),
    ("extract", "extract"),
    ("backends", "backends"),
    ("pipeline", "pipeline"),
    ("dossier", "dossier"),
    ("render", "render"),
    ("evaluate", "evaluate"),
    ("entry", "__init__ cli"),
    ("testing", "testing"),
]
"""The flow, first to last: each layer's modules, by name in the package. A subpackage's name
stands for it and every module in it; ``__init__`` is the package itself (its exports)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join([PACKAGE, *(parts[:-1] if parts[-1] == "__init__" else parts)])


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def imports_of(source: str, module: str, is_package: bool, known: set[str]) -> list[tuple[str, int]]:
    """``(imported module of the package, line)`` for every import in ``source``, at any depth."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:  # "from . import _html_notebook" imports the module itself
                sub = f"{target}.{alias.name}"
                found.append((sub if sub in known else target, node.lineno))
    return [(m, line) for m, line in found if m == PACKAGE or m.startswith(PACKAGE + ".")]


def graph() -> dict[str, list[tuple[str, int]]]:
    """Module → the package modules it imports, with the line of each import (itself left out)."""
    found = modules()
    known = set(found)
    out = {}
    for name, path in found.items():
        edges = imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", known)
        first: dict[str, int] = {}
        for m, line in edges:
            if m != name:
                first.setdefault(m, line)
        out[name] = list(first.items())
    return out


def short_name(module: str) -> str:
    return module.removeprefix(PACKAGE).removeprefix(".") or "__init__"


def layer_of(module: str) -> int | None:
    short = short_name(module)
    for n, (_, names) in enumerate(LAYERS):
        if any(short == x or short.startswith(x + ".") for x in names.split()):
            return n
    return None


def back_edges(edges: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Each import of a module in a later layer, as ``module:line imports target (from → to)``."""
    out = []
    for module, targets in edges.items():
        here = layer_of(module)
        for target, line in targets:
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                out.append(
                    f"{module}:{line} imports {target} ({LAYERS[here][0]} → later layer {LAYERS[there][0]})"
                )
    return out


def cycles(edges: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """One cycle through each group of modules that import one another (depth-first search)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = "open"
        path.append(m)
        for target, _ in edges.get(m, []):
            if state.get(target) == "open":
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[m] = "done"

    for m in sorted(edges):
        if m not in state:
            visit(m)
    return found


def test_every_module_has_one_layer() -> None:
    short = [short_name(m) for m in modules()]
    unplaced = sorted(m for m in short if layer_of(m) is None)
    listed = [x for _, names in LAYERS for x in names.split()]
    stale = [x for x in listed if not any(m == x or m.startswith(x + ".") for m in short)]
    assert not unplaced, f"give these modules a layer in LAYERS: {unplaced}"
    assert not stale, f"LAYERS names modules that do not exist: {stale}"
    assert len(listed) == len(set(listed)), "a module is in two layers"


def test_no_import_runs_back_up_the_flow() -> None:
    found = back_edges(graph())
    assert not found, "imports against the flow:\n" + "\n".join(found)


def test_no_import_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_lazy_imports_inside_functions_are_read() -> None:
    source = "def view(x):\n    from ._html_notebook import article_view\n    return article_view(x)\n"
    known = {f"{PACKAGE}._models", f"{PACKAGE}._html_notebook"}
    assert imports_of(source, f"{PACKAGE}._models", False, known) == [(f"{PACKAGE}._html_notebook", 2)]


def test_a_module_importing_a_later_layer_is_named() -> None:
    edges = {f"{PACKAGE}.contract._models": [(f"{PACKAGE}.render._html", 7)]}
    want = f"{PACKAGE}.contract._models:7 imports {PACKAGE}.render._html (contract → later layer render)"
    assert back_edges(edges) == [want]


def test_a_cycle_is_named_in_order() -> None:
    a, b = f"{PACKAGE}.render._html", f"{PACKAGE}.render._html_dossier"
    assert cycles({a: [(b, 1)], b: [(a, 2)]}) == [[a, b, a]]
