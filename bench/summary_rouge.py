"""ROUGE-1/2/L of the brief's ``summary_ar`` against reference summaries, beside a lead-2 baseline.

Needs a set fetched by ``bench/fetch_summary_set.py`` (public, not committed; see
``bench/data/summary_sets.json``); no model and no network: ``summary_ar`` is chosen
in code (``_brief.summary_sentences``), so this runs offline in seconds.

    python bench/summary_rouge.py                 # argen_valid (100 articles)
    python bench/summary_rouge.py argen_train     # 1,000 articles

Prints one row per method: ``summary_ar`` (the lead, background and furniture
skipped), ``lead-2`` (the first two sentences as split), and ``event-first-2``
(the first two sentences that report an event: how ``summary_ar`` was chosen
before). Scores are F1, averaged over articles.

ROUGE here is word-level and written in this file (:func:`rouge_n`,
:func:`rouge_l`, tested in ``tests/test_summary_rouge.py``): ``rouge-score``
tokenises with ``[a-z0-9]+`` and drops Arabic. Both texts are normalised with
``libyapk_summ.text._arabic.normalize`` (hamza forms of alef, ة→ه, ى→ي, no
diacritics or tatweel), then split into ``\\w+`` words; no stemming, no
stop words.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from libyapk_summ.article._detect import detect  # noqa: E402
from libyapk_summ.article._load import split_sentences  # noqa: E402
from libyapk_summ.extract._brief import key_sentences, summary_sentences  # noqa: E402
from libyapk_summ.text._arabic import normalize  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def words(text: str) -> list[str]:
    """Normalised Arabic (and Latin) words."""
    return re.findall(r"\w+", normalize(text))


def _f1(overlap: int, got: int, want: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / got, overlap / want
    return 2 * p * r / (p + r)


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    """ROUGE-N F1: clipped n-gram overlap."""
    c = Counter(tuple(candidate[i : i + n]) for i in range(len(candidate) - n + 1))
    r = Counter(tuple(reference[i : i + n]) for i in range(len(reference) - n + 1))
    return _f1(sum((c & r).values()), sum(c.values()), sum(r.values()))


def rouge_l(candidate: list[str], reference: list[str]) -> float:
    """ROUGE-L F1: longest common subsequence of words."""
    if not candidate or not reference:
        return 0.0
    prev = [0] * (len(reference) + 1)
    for a in candidate:
        row = [0]
        for j, b in enumerate(reference, 1):
            row.append(prev[j - 1] + 1 if a == b else max(prev[j], row[j - 1]))
        prev = row
    return _f1(prev[-1], len(candidate), len(reference))


def scores(candidate: str, reference: str) -> tuple[float, float, float]:
    c, r = words(candidate), words(reference)
    return rouge_n(c, r, 1), rouge_n(c, r, 2), rouge_l(c, r)


def methods(document: str) -> dict[str, str]:
    """Each method's summary of one document."""
    sentences = split_sentences(document)
    leads = [c for c in detect(sentences) if not c.anaphoric]
    return {
        "summary_ar": " ".join(s.text for s in summary_sentences(sentences)),
        "lead-2": " ".join(s.text for s in sentences[:2]),
        "event-first-2": " ".join(s.text for s in key_sentences(sentences, leads)[:2]),
    }


def load(name: str) -> list[tuple[str, str]]:
    entry = json.loads((DATA / "summary_sets.json").read_text(encoding="utf-8"))[name]
    path = DATA / f"{name}.tsv"
    if not path.exists():
        raise SystemExit(f"{path} is missing: run python bench/fetch_summary_set.py {name}")
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(r[entry["document"]], r[entry["reference"]]) for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "name", nargs="?", default="argen_valid", help="a set in bench/data/summary_sets.json"
    )
    args = parser.parse_args(argv)
    pairs = load(args.name)
    totals: dict[str, list[float]] = {}
    for document, reference in pairs:
        for method, summary in methods(document).items():
            got = totals.setdefault(method, [0.0, 0.0, 0.0])
            for i, value in enumerate(scores(summary, reference)):
                got[i] += value
    print(f"{args.name}: {len(pairs)} articles · ROUGE F1, word level, normalised Arabic")
    print(f"{'method':<16} {'R-1':>6} {'R-2':>6} {'R-L':>6}")
    for method, got in totals.items():
        print(f"{method:<16} " + " ".join(f"{v / len(pairs):6.3f}" for v in got))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
