"""Runs the ``>>>`` examples of one package module as a user in a checkout would (see test_doc_examples)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from .conftest import ROOT


def run_examples(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the examples in module ``name`` from ``tmp_path``, which gets a link to ``seeds/``."""
    (tmp_path / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LIBYAPK_SUMM_MODE", "replay")
    module = importlib.import_module(name)
    tests = [t for t in doctest.DocTestFinder().find(module) if t.examples]
    assert tests, f"{name} has '>>>' in its source but no example doctest can find"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for test in tests:
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
