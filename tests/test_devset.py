"""The development corpus (tests/devset): its manifest and its hand labels are consistent."""

import json
from pathlib import Path

import pytest

from libyapk_summ.evaluate._devset_labels import load_labels

DEVSET = Path(__file__).with_name("devset")
MANIFEST = [json.loads(x) for x in (DEVSET / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x]
LABELS = load_labels(DEVSET / "labels")
ARTICLES = DEVSET / "articles"
AT_LEAST_LABELLED = 77  # raise it as labels are added; never lower it


def test_the_manifest_has_80_articles_from_15_countries_each_with_its_licence_and_hash():
    assert len(MANIFEST) >= 80 and len({r["id"] for r in MANIFEST}) == len(MANIFEST)
    assert len({c for r in MANIFEST for c in r["countries"]}) >= 15
    assert all(r["licence"] and r["commit"] and len(r["sha256"]) == 64 for r in MANIFEST)
    assert sum(r["off_topic"] for r in MANIFEST) >= 10


def test_every_label_file_validates_and_names_an_article_of_the_manifest():
    assert len(LABELS) >= AT_LEAST_LABELLED
    assert set(LABELS) <= {r["id"] for r in MANIFEST}
    off = {r["id"] for r in MANIFEST if r["off_topic"]}
    assert all(lab.off_topic == (i in off) for i, lab in LABELS.items())


def test_every_labelled_quote_is_verbatim_in_its_article():
    if not ARTICLES.is_dir():
        pytest.skip("texts not built: python bench/build_devset.py")
    problems = [p for i, lab in LABELS.items() for p in lab.check_against(
        (ARTICLES / f"{i}.txt").read_text(encoding="utf-8"))]  # fmt: skip
    assert problems == []


def test_the_committed_json_schema_is_the_pydantic_models():
    from libyapk_summ.evaluate._devset_labels import ArticleLabels

    committed = json.loads((DEVSET / "labels.schema.json").read_text(encoding="utf-8"))
    assert committed == ArticleLabels.model_json_schema(), "regenerate tests/devset/labels.schema.json"
