"""Shared test fixtures: seed paths, an isolated home, a loopback OpenAI-compatible server."""

from __future__ import annotations

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
