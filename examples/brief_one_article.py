"""Summarise one Arabic article: the bilingual brief and its events, each with the sentence it came from.

Needs: the library installed (``pip install .``); nothing else. It runs offline, replaying the
model answers recorded for the seed articles; pass your own ``.txt`` file together with
``--mode``/a backend (see the README) to summarise something new.

Run:
    python examples/brief_one_article.py                      # seed 001
    python examples/brief_one_article.py seeds/004_bc2e41e82207319f.txt

Prints: the English and Arabic headlines, then one line per event (type, factuality, date,
place) followed by its Arabic evidence quote and character offsets.
"""

from __future__ import annotations

import sys
from pathlib import Path

from libyapk_summ import Settings, summarize

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_9ec3d6118b2bcaaa.txt"


def main(path: str | Path = SEED) -> None:
    report = summarize(path, settings=Settings(mode="replay", use_cache=False))
    print("EN:", report.brief.headline_en)
    print("AR:", report.brief.headline_ar)
    for n, event in enumerate(report.events, 1):
        when = event.date.start or "date unknown"
        where = event.location.name_en if event.location else "place unknown"
        print(f"{n}. {event.type.value}/{event.subtype.value} · {event.factuality} · {when} · {where}")
        ev = event.evidence[0]  # report.article.text[ev.start:ev.end] == ev.quote_ar
        quote = ev.quote_ar if len(ev.quote_ar) <= 80 else ev.quote_ar[:79] + "…"
        print(f"   «{quote}» [{ev.start}:{ev.end}]")


if __name__ == "__main__":
    main(*sys.argv[1:2])
