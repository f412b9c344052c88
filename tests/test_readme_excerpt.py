"""The README's digest excerpt is what a replayed run prints today (bench/readme_excerpt.py)."""

import importlib.util

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("readme_excerpt", ROOT / "bench" / "readme_excerpt.py")
readme_excerpt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_excerpt)


def test_readme_digest_excerpt_matches_a_replayed_run():
    held = readme_excerpt.in_readme(readme_excerpt.README.read_text(encoding="utf-8"))
    assert held is not None, "README.md lost its digest-excerpt markers"
    assert held == readme_excerpt.excerpt(), "run: .venv/bin/python bench/readme_excerpt.py --write"


def test_the_check_sees_a_drifted_excerpt():
    readme = readme_excerpt.README.read_text(encoding="utf-8")
    drifted = readme.replace("prompts ", "prompts 0", 1)
    assert readme_excerpt.in_readme(drifted) != readme_excerpt.excerpt()
