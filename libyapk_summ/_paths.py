"""Where the package's own files lie: ``data/``, the prompt templates and the recorded fixtures.

One home, so that a module can move between folders without losing its data files.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
"""The installed package (or the checkout's ``libyapk_summ/``)."""

DATA_DIR = PACKAGE_DIR / "data"
"""The knowledge files a user can extend: gazetteer, event kinds, descriptions, renderings."""


def data_file(name: str) -> Path:
    """A file of the package's ``data/`` folder: ``data_file("gazetteer.json")``."""
    return DATA_DIR / name
