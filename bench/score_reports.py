"""Score saved reports (a run's ``reports.jsonl``) against the hand labels, without running anything.

``libyapk-summ eval --labels`` runs the pipeline and scores what it makes; this scores what an
earlier run made, with today's scorer, so a before/after pair can be read off one set of model
answers (the before from the run's own reports, the after from ``eval`` over the same cache).

    .venv/bin/python bench/score_reports.py OUT/reports.jsonl --labels tests/devset/labels \
        [--flag-labels tests/translations_labelled.jsonl] [--details]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from libyapk_summ import ArticleReport, Gazetteer
from libyapk_summ.evaluate._devset_labels import load_labels, load_translation_labels
from libyapk_summ.evaluate._eval_devset import DevsetItem, score_devset, views_of
from libyapk_summ.extract._check import english_mismatches


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", type=Path)
    ap.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--flag-labels", type=Path)
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    labels = load_labels(args.labels)
    gazetteer = Gazetteer.default()
    items = []
    for line in args.reports.read_text(encoding="utf-8").splitlines():
        report = ArticleReport.model_validate_json(line)
        if (lab := labels.get(report.article.id)) is None:
            continue
        flags = len(english_mismatches(report, gazetteer))
        items.append(DevsetItem(report.article.text, lab, views_of(report), flags, report.brief))
    translations = load_translation_labels(args.flag_labels) if args.flag_labels else None
    print(score_devset(items, translations=translations).render(details=args.details))


if __name__ == "__main__":
    main()
