"""Merge several articles into one dossier: the timeline of real-world events, and the HTML report.

Needs: the library installed (``pip install .``). Offline: it replays the answers recorded for
the five seed articles.

Run:
    python examples/dossier_timeline.py                 # writes out/report.html
    python examples/dossier_timeline.py /tmp/report.html

Prints: one line per real-world event in time order (date, precision, summary, number of
sources), the disagreements between sources, and where the HTML report was written (open it
in a browser: click an event to see the Arabic sentence it came from).
"""

from __future__ import annotations

import sys
from pathlib import Path

from libyapk_summ import Settings, build_dossier, report_html, summarize_many

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def main(out: str | Path = "out/report.html") -> None:
    reports = summarize_many(SEEDS, settings=Settings(mode="replay", use_cache=False), progress=False)
    dossier = build_dossier(reports)
    for t in dossier.timeline:
        print(f"{t.label:<24} {t.precision:<8} {t.summary_en[:70]:<70} {t.sources} source(s)")
    for d in dossier.disagreements:
        print(
            f"disagreement on the {d.field}: " + " | ".join(f"{c.value} ({len(c.sources)})" for c in d.claims)
        )
    page = Path(out)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(report_html(reports, dossier), encoding="utf-8")
    print(f"report: {page} ({page.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(*sys.argv[1:2])
