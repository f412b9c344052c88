"""Export every event of the seed articles as a table: one row per event, CSV for a spreadsheet.

Needs: the library installed (``pip install .``); pandas is optional (``pip install
'libyapk-summ[pandas]'``) and only used for the summary at the end. Offline (replay).
The command line does the same: ``libyapk-summ dossier seeds/ --out out/ --format csv``.

Run:
    python examples/export_events_csv.py                # writes out/events.csv
    python examples/export_events_csv.py /tmp/events.csv

Prints: how many rows were written and where, the first three rows (article, event type,
date, place), and, with pandas, the number of events per subtype and factuality.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from libyapk_summ import Settings, events_frame, events_rows, summarize_many

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def main(out: str | Path = "out/events.csv") -> None:
    reports = summarize_many(SEEDS, settings=Settings(mode="replay", use_cache=False), progress=False)
    rows = events_rows(reports)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # with a BOM, Excel reads the Arabic
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} events → {path}")
    for row in rows[:3]:
        print(row["article_id"], row["subtype"], row["date_start"] or "undated", row["location_en"])
    try:
        frame = events_frame(reports)
    except ImportError as exc:
        print(f"(no summary table: {exc})")
        return
    print(frame.groupby(["subtype", "factuality"]).size().to_string())


if __name__ == "__main__":
    main(*sys.argv[1:2])
