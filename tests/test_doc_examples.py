"""The ``>>>`` examples in the package's docstrings run as written, offline, and print what they show.

Each runs in a fresh folder that holds ``seeds/`` (a link to the repository's), so an example
reads ``seeds/...`` as a user in a checkout would and writes nothing into the repository; the
mode is ``replay``, so an example that needs a call that was not recorded fails instead of
reaching for a model.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

import pytest

import libyapk_summ

from .conftest import ROOT
from .docexamples import run_examples

ELSEWHERE = {"libyapk_summ.render._tables": "tests/test_tables.py"}
"""Modules whose examples need an optional extra run from that extra's tests (which CI reruns
with the extra installed); their test files call :func:`run_examples`."""


def _modules_with_examples() -> list[str]:
    names = [libyapk_summ.__name__] + [
        m.name for m in pkgutil.walk_packages(libyapk_summ.__path__, f"{libyapk_summ.__name__}.")
    ]
    found = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec and spec.origin and spec.origin.endswith(".py"):
            with open(spec.origin, encoding="utf-8") as source:
                if ">>>" in source.read():
                    found.append(name)
    return sorted(found)


MODULES = _modules_with_examples()


def test_the_modules_with_examples_are_found():
    assert {"libyapk_summ", "libyapk_summ.dossier._dossier", "libyapk_summ.contract._labels"} <= set(MODULES)
    for name, path in ELSEWHERE.items():  # each still has examples, and its test file runs them
        assert name in MODULES and f'run_examples("{name}"' in (ROOT / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [m for m in MODULES if m not in ELSEWHERE])
def test_docstring_examples_run(name, tmp_path, monkeypatch):
    run_examples(name, tmp_path, monkeypatch)
