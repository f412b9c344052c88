"""The committed fixtures, replayed: what the real local model answered."""

import json

import pytest

from libyapk_summ import Settings, summarize
from libyapk_summ._settings import default_fixtures_dir
from libyapk_summ.extract._ground import verify

from .conftest import SEEDS

REPLAY = Settings(mode="replay")


@pytest.fixture(scope="module")
def reports():
    return {p.stem: summarize(p, settings=REPLAY) for p in SEEDS}


def test_every_seed_replays_offline(reports):
    assert all(r.provenance.replayed and r.usage.calls == 0 for r in reports.values())


def test_replay_reports_the_tokens_it_saved(reports):
    assert all(r.usage.saved_prompt_tokens > 1000 for r in reports.values())


def test_every_replayed_evidence_quote_is_exact(reports):
    for r in reports.values():
        spans = [e for ev in r.events for e in ev.evidence] + [
            e for k in r.brief.key_points for e in k.evidence
        ]
        assert spans and all(verify(r.article.text, e) for e in spans), r.article.id


def test_fixtures_record_their_provenance_and_no_secrets():
    files = sorted(default_fixtures_dir().rglob("*.json"))
    assert len(files) >= 5 * 4
    for f in files:
        text = f.read_text(encoding="utf-8")
        prov = json.loads(text)["provenance"]
        assert {"model", "server", "library", "prompt_version", "recorded_at"} <= prov.keys(), f
        assert "authorization" not in text.lower() and "bearer" not in text.lower() and "sk-" not in text


def test_fixtures_come_from_the_local_model():
    models = {
        json.loads(f.read_text(encoding="utf-8"))["provenance"]["model"]
        for f in default_fixtures_dir().rglob("*.json")
    }
    assert models == {"qwen2.5-coder-1.5b-instruct-q4_k_m"}
