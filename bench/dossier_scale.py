"""Time build_dossier on thousands of synthetic event reports, and score it against the truth.

Needs nothing but the library (no model, no fixtures). Makes N synthetic event
reports (default 5,000: ~300 people in 8 countries, 9 subtypes, two years,
each real event told by 1-5 outlets with their usual differences), builds the
dossier, and prints reports in, events out, seconds, the pair comparisons
blocking let through against n²/2, and pairwise precision and recall of the
merging against the known truth.

    .venv/bin/python bench/dossier_scale.py            # 5,000 reports
    .venv/bin/python bench/dossier_scale.py 20000 --exhaustive-check 2000
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter

from libyapk_summ import build_dossier
from libyapk_summ.dossier._group import group
from libyapk_summ.dossier._same_event import event_reports
from libyapk_summ.testing import synthetic_reports


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = {}
    for k, v in labels.items():
        by.setdefault(v, []).append(k)
    return {p for ks in by.values() for p in itertools.combinations(sorted(ks), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=5000, help="event reports to make")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--exhaustive-check",
        type=int,
        default=0,
        metavar="N",
        help="compare blocking with all pairs on N reports",
    )
    args = parser.parse_args()

    syn = synthetic_reports(args.n, seed=args.seed)
    started = time.perf_counter()
    dossier = build_dossier(syn.reports, gazetteer=syn.gazetteer)
    seconds = time.perf_counter() - started
    s = dossier.stats
    found = {src.event.id: e.id for e in dossier.events for src in e.sources}
    truth_pairs, found_pairs = _pairs(syn.truth), _pairs(found)
    hit = len(truth_pairs & found_pairs)
    print(f"articles in            {s.reports_in:>10,}")
    print(f"event reports in       {s.event_reports_in:>10,}")
    print(f"real events (truth)    {len(set(syn.truth.values())):>10,}")
    print(f"dossier events out     {s.events_out:>10,}")
    print(f"seconds                {seconds:>10.2f}")
    print(
        f"pairs compared         {s.pairs_compared:>10,}  (n²/2 = {s.pairs_possible:,}; "
        f"{s.pairs_compared / max(s.pairs_possible, 1):.4%})"
    )
    print(f"same-event checks      {s.checks:>10,}")
    print(f"pairwise precision     {hit / max(len(found_pairs), 1):>10.3f}")
    print(f"pairwise recall        {hit / max(len(truth_pairs), 1):>10.3f}")
    print(f"sources per event      {dict(sorted(Counter(len(e.sources) for e in dossier.events).items()))}")
    print(f"disagreements          {s.disagreements:>10,}  {s.disagreements_by_field}")
    print(f"links                  {s.links:>10,}")
    if args.exhaustive_check:
        small = synthetic_reports(args.exhaustive_check, seed=args.seed)
        members = event_reports(small.reports, lambda i: (small.gazetteer.entry(i) or {}).get("country"))
        same = group(members).groups == group(members, exhaustive=True).groups
        print(f"blocking = all pairs on {len(members):,} reports: {same}")


if __name__ == "__main__":
    main()
