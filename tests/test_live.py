"""End to end on the real local model: the library starts llama.cpp itself.

Needs the ``local`` extra (llama-cpp-python built with ``libyapk-summ local cmake-args``
and the 22 weight parts); uses the native llama-server instead where ``libyapk-summ local
build-server`` built it. Run with ``pytest -m live``; ``.ci/run`` does.
"""

import os

import pytest

from libyapk_summ import Settings, summarize
from libyapk_summ._settings import MODEL_NAME
from libyapk_summ.extract._ground import verify

from .conftest import SEEDS

pytestmark = pytest.mark.live
_REAL_HOME = os.environ.get("LIBYAPK_SUMM_HOME")


def test_local_model_summarizes_a_seed_end_to_end(monkeypatch, tmp_path):
    if _REAL_HOME:
        monkeypatch.setenv("LIBYAPK_SUMM_HOME", _REAL_HOME)
    else:  # reuse the assembled GGUF in ~/.cache instead of a copy per run
        monkeypatch.delenv("LIBYAPK_SUMM_HOME")
    # the default concurrency: as many slots on a native server, one on llama-cpp-python's
    settings = Settings(mode="local", use_cache=False, fixtures_dir=tmp_path / "fixtures")
    report = summarize(SEEDS[1], settings=settings)

    assert report.provenance.model == MODEL_NAME and not report.provenance.replayed
    assert report.usage.calls > 0 and report.usage.completion_tokens > 0
    assert report.brief.headline_en and report.brief.summary_en and report.events
    spans = [e for ev in report.events for e in ev.evidence] + [
        e for k in report.brief.key_points for e in k.evidence
    ]
    assert all(verify(report.article.text, e) for e in spans)
    assert any(e.name_en == "Khalifa Haftar" for ev in report.events for e in ev.actors + ev.recipients)
