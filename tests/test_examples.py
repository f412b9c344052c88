"""The examples run offline: each script prints what its docstring says; the notebook executes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SEEDS
from .extras import require

EXAMPLES = ROOT / "examples"


def run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_each_script_says_what_it_needs_how_to_run_it_and_what_it_prints(script):
    doc = (EXAMPLES / script).read_text(encoding="utf-8").split('"""')[1]
    assert "Needs:" in doc and "Run:" in doc and "Prints:" in doc


def test_brief_one_article_prints_both_headlines_and_the_evidence():
    out = run("brief_one_article.py")
    assert out.startswith("EN: Libya and Pakistan") and "AR: ليبيا وباكستان" in out and "[60:242]" in out


def test_dossier_timeline_prints_the_timeline_and_writes_the_report(tmp_path):
    out = run("dossier_timeline.py", str(tmp_path / "report.html"))
    assert "2025-12-17..2025-12-19" in out and "disagreement on the amount" in out
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_export_events_csv_writes_one_row_per_event(tmp_path):
    out = run("export_events_csv.py", str(tmp_path / "events.csv"))
    lines = (tmp_path / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    from libyapk_summ import Settings, summarize_many

    reports = summarize_many(SEEDS, settings=Settings(mode="replay", use_cache=False), progress=False)
    events = sum(len(r.events) for r in reports)
    assert out.startswith(f"{events} events") and lines[0].startswith("article_id,")
    assert len(lines) == events + 1 > 20


@pytest.mark.notebook
def test_the_quickstart_notebook_executes_and_shows_the_report_inline():
    nbformat = require("nbformat", "needs the notebook extra: pip install '.[notebook]'")
    nbclient = require("nbclient", "needs the notebook extra: pip install '.[notebook]'")
    require("ipykernel", "needs the notebook extra: pip install '.[notebook]'")
    nb = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    ).execute()
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    nbformat.write(nb, ROOT / "test-artifacts" / "quickstart.ipynb")
    html = [
        o["data"]["text/html"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/html" in o.get("data", {})
    ]
    assert any('dir="rtl"' in h for h in html) and any("<iframe srcdoc=" in h for h in html)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "error"], json.dumps(
        nb.cells
    )[:500]


def test_brief_one_article_takes_a_path_and_a_mode():
    out = run("brief_one_article.py", str(SEEDS[4]), "--mode", "replay")
    assert out.startswith("EN: ") and "AR: باكستان تدرس افتتاح قنصلية" in out
