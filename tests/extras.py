"""Tests that need an optional extra or a system package skip without it, except in CI.

``.ci/run`` installs Chromium, Selenium and the notebook kernel and sets
``LIBYAPK_SUMM_REQUIRE_EXTRAS=1``, so there a missing piece fails the test
instead of skipping it quietly.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def missing(reason: str) -> None:
    """Skip, or fail where CI has installed what the test needs."""
    if os.environ.get("LIBYAPK_SUMM_REQUIRE_EXTRAS"):
        pytest.fail(reason)
    pytest.skip(reason)


def require(module: str, reason: str) -> ModuleType:
    """Import ``module``, or skip (fail in CI) saying what to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        missing(reason)
        raise  # not reached: missing() always raises
