"""Summarise one Arabic article: the bilingual brief and its events, each with the sentence it came from.

Needs: the library installed (``pip install .``); nothing else for the seeds, which replay
the model answers recorded for them (``--mode replay``, the default here). For an article
of your own, give a model: ``--mode local`` (the managed Qwen model) or ``--mode live
--base-url URL`` (any OpenAI-compatible server).

Run:
    python examples/brief_one_article.py                      # seed 001, replayed
    python examples/brief_one_article.py seeds/004_bc2e41e82207319f.txt
    python examples/brief_one_article.py my_article.txt --mode live --base-url http://127.0.0.1:8080/v1

Prints: the English and Arabic headlines, then one line per event (type, factuality, date,
place) followed by its Arabic evidence quote and character offsets.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from libyapk_summ import Settings, summarize

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_9ec3d6118b2bcaaa.txt"


def main(path: str | Path = SEED, mode: str = "replay", base_url: str | None = None) -> None:
    settings = Settings.from_env(mode=mode, base_url=base_url, use_cache=False if mode == "replay" else None)
    report = summarize(path, settings=settings)
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
    parser = argparse.ArgumentParser(description="Summarise one Arabic article.")
    parser.add_argument("path", nargs="?", default=str(SEED), help="a .txt article (default: seed 001)")
    parser.add_argument("--mode", default="replay", choices=("replay", "auto", "live", "local"),
                        help="replay: recorded answers only (default); live/local: call a model")  # fmt: skip
    parser.add_argument("--base-url", default=None, help="OpenAI-compatible endpoint for --mode live")
    args = parser.parse_args()
    main(args.path, args.mode, args.base_url)
