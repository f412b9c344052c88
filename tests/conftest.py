"""Shared test fixtures: seed paths, an isolated home, a loopback OpenAI-compatible server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from libyapk_summ.testing import FakeOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's cache, or sees a real API key."""
    monkeypatch.setenv("LIBYAPK_SUMM_HOME", str(tmp_path_factory.mktemp("home")))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "LIBYAPK_SUMM_MODE", "LIBYAPK_SUMM_MODEL"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def server():
    with FakeOpenAIServer() as srv:
        yield srv


def under_hash_seeds(code: str, seeds: tuple[str, ...] = ("1", "2")) -> list[bytes]:
    """What ``code`` writes to stdout, run in one fresh interpreter per ``PYTHONHASHSEED``.

    Two runs in one process share one hash seed, so a result that depends on the iteration
    order of a set of strings (or anything else ordered by ``hash()``) still compares equal
    there; in processes with different seeds it does not. The runs go in parallel and see the
    test's environment (its isolated home included).
    """
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for seed in seeds
    ]
    outputs = []
    for seed, proc in zip(seeds, procs, strict=True):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"PYTHONHASHSEED={seed}: {err.decode(errors='replace')}"
        assert out, f"PYTHONHASHSEED={seed}: wrote nothing"
        outputs.append(out)
    return outputs
