"""Recall and precision of the translation checks on the labelled set, overall and per check.

Reads ``tests/translations_labelled.jsonl`` (real model translations, each labelled faithful or
unfaithful by reading the Arabic), runs :func:`libyapk_summ.check_translation` on each with what
code knows of its article (text, publication date; for the seeds also the participants of the
replayed events), and counts a translation as *flagged* when a check fails it. Unfaithful is the
positive class: recall = flagged unfaithful / unfaithful, precision = unfaithful among flagged.
``unsure`` findings are counted apart (``--unsure`` counts them as flags too).

    .venv/bin/python bench/check_accuracy.py            # summary, per check, per reason
    .venv/bin/python bench/check_accuracy.py --misses   # also list missed and wrongly flagged items
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from libyapk_summ import Settings, load_article
from libyapk_summ.article._load import split_sentences
from libyapk_summ.extract._brief import headline_ar
from libyapk_summ.extract._faithful import check_translation
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.pipeline._pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "translations_labelled.jsonl"


def article_paths() -> dict[str, Path]:
    paths = {p.stem: p for p in sorted((ROOT / "seeds").glob("*.txt"))}
    devset = ROOT / "tests" / "devset"
    # articles/ may be a symlink (a clone sharing the built corpus), which rglob does not follow before 3.13
    paths |= {p.stem: p for p in sorted([*devset.rglob("*.txt"), *(devset / "articles").glob("*.txt")])}
    return paths


async def seed_participants(paths: list[Path]) -> dict[str, dict[int, tuple[list, list]]]:
    """Actors and recipients per sentence number, from the seeds' events replayed from fixtures."""
    pipeline = Pipeline(Settings(mode="replay", use_cache=False))

    async def untranslated(*_args: object) -> TranslationAnswer:
        return TranslationAnswer(english="(not translated here)")

    # Only the events are wanted: the participants answers replay from the fixtures, and the
    # translations (whose fixtures a prompt change may have made stale) are not asked for.
    pipeline._translate = pipeline._retranslate = lambda *a: untranslated()  # type: ignore[method-assign]
    out: dict[str, dict[int, tuple[list, list]]] = {}
    for path in paths:
        try:
            report = await pipeline.summarize(load_article(path))
        except Exception:
            continue
        by_sentence: dict[int, tuple[list, list]] = {}
        for event in report.events:
            for ev in event.evidence:
                if ev.sentence is not None:
                    actors, recipients = by_sentence.setdefault(ev.sentence, ([], []))
                    actors += event.actors
                    recipients += event.recipients
        out[report.article.id] = by_sentence
    await pipeline.aclose()
    return out


def fill_arabic(items: list[dict], paths: dict[str, Path]) -> list[dict]:
    """Put back the Arabic of items whose text is not committed (development corpus, CC BY-NC-SA):
    the unit is re-cut from the article that bench/build_devset.py writes, and its hash compared."""
    out = []
    for item in items:
        if "arabic" not in item:
            path = paths.get(item["article"])
            if path is None:
                continue  # the article is not built here: run bench/build_devset.py
            text = load_article(path).text
            sentences = split_sentences(text)
            unit = item["unit"].removesuffix("-again")
            if unit == "headline":  # the labelled line, whichever line today's headline picker takes
                lines = text.splitlines()
                parts = [p.strip() for line in lines for p in line.split("..")]  # an older picker cut at ".."
                clauses = [x.text.split("،")[0].strip() for x in sentences]  # or took the lead's first clause
                candidates = [headline_ar(load_article(path), sentences), *lines, *parts, *clauses]
            else:
                candidates = [s.text for s in sentences if s.number == int(unit[1:])]
            arabic = next(
                (c for c in candidates if hashlib.sha256(c.encode()).hexdigest() == item["arabic_sha256"]),
                None,
            )
            if arabic is None:
                raise SystemExit(f"{item['id']}: the rebuilt sentence differs from the one labelled")
            item = item | {"arabic": arabic}
        out.append(item)
    return out


def run(items: list[dict], *, with_unsure: bool) -> list[tuple[dict, list]]:
    paths = article_paths()
    items = fill_arabic(items, paths)
    seeds = [
        paths[a] for a in sorted({i["article"] for i in items}) if a in paths and "seeds" in str(paths[a])
    ]
    roles = asyncio.run(seed_participants(seeds))
    results = []
    articles: dict[str, object] = {}
    for item in items:
        path = paths.get(item["article"])
        article = articles.setdefault(item["article"], load_article(path)) if path else None
        published = None
        if article is not None and article.published is not None:  # type: ignore[attr-defined]
            value = article.published.value  # type: ignore[attr-defined]
            published = value.date() if isinstance(value, dt.datetime) else value
        unit = item["unit"].removesuffix("-again")
        number = int(unit[1:]) if unit.startswith("s") and unit[1:].isdigit() else None
        parts = roles.get(item["article"], {}).get(number) if number is not None else None
        findings = check_translation(
            item["arabic"],
            item["english"],
            article=article.text if article is not None else None,  # type: ignore[attr-defined]
            published=published,
            participants=parts,
            headline=unit == "headline",
        )
        flagged = [f for f in findings if f.verdict == "fail" or (with_unsure and f.verdict == "unsure")]
        results.append((item, flagged, findings))
    return results


def pr(tp: int, fp: int, fn: int) -> str:
    recall = tp / (tp + fn) if tp + fn else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    return f"recall {recall:6.1%} ({tp}/{tp + fn})  precision {precision:6.1%} ({tp}/{tp + fp})"


def framing(results: list[tuple[dict, list, list]]) -> None:
    """Per prompt variant, on the units translated under every variant: how many are faithful (by
    label) and how many a check fails, and how many carry an office or rank the unit does not give."""
    by_unit: dict[str, dict[str, tuple[dict, list]]] = {}
    for item, flagged, _ in results:
        variant = "sentence (old glossary)" if item["provenance"].get("glossary") else item["variant"]
        if item["unit"].endswith("-again"):
            continue
        by_unit.setdefault(f"{item['article']}:{item['unit']}", {})[variant] = (item, flagged)
    variants = sorted({v for units in by_unit.values() for v in units})
    paired = [u for u in by_unit.values() if len(u) == len(variants)]
    print(f"framing: {len(paired)} units translated under each of {', '.join(variants)}")
    for v in variants:
        faithful = sum(u[v][0]["label"] == "faithful" for u in paired)
        offices = sum("invented_office" in u[v][0]["reasons"] for u in paired)
        flagged = sum(bool(u[v][1]) for u in paired)
        print(f"  {v:<24} faithful {faithful}/{len(paired)}  invented office {offices}  flagged {flagged}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--unsure", action="store_true", help="count unsure findings as flags")
    ap.add_argument("--misses", action="store_true", help="list missed and wrongly flagged items")
    ap.add_argument("--file", type=Path, default=LABELLED)
    ap.add_argument(
        "--framing", action="store_true", help="compare prompt variants on the units labelled under each"
    )
    args = ap.parse_args()
    items = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = run(items, with_unsure=args.unsure)
    bad = [r for r in results if r[0]["label"] == "unfaithful"]
    good = [r for r in results if r[0]["label"] == "faithful"]
    tp = sum(bool(f) for _, f, _ in bad)
    fp = sum(bool(f) for _, f, _ in good)
    unsure = sum(any(x.verdict == "unsure" for x in all_) for _, _, all_ in results)
    print(
        f"{len(results)} translations: {len(bad)} unfaithful, {len(good)} faithful; {unsure} with an unsure"
    )
    print(f"all checks        {pr(tp, fp, len(bad) - tp)}")
    for part, keep in (("seeds", lambda i: not i["article"].startswith("snn-")),
                       ("development corpus", lambda i: i["article"].startswith("snn-"))):  # fmt: skip
        b = [r for r in bad if keep(r[0])]
        g = [r for r in good if keep(r[0])]
        t, p = sum(bool(f) for _, f, _ in b), sum(bool(f) for _, f, _ in g)
        print(f"  {part:<19} {len(b)} unfaithful, {len(g)} faithful: {pr(t, p, len(b) - t)}")
    checks = sorted({f.check for _, fl, _ in results for f in fl})
    for check in checks:
        t = sum(any(f.check == check for f in fl) for _, fl, _ in bad)
        p = sum(any(f.check == check for f in fl) for _, fl, _ in good)
        print(f"  {check:<15} {pr(t, p, len(bad) - t)}")
    reasons = Counter(r for item, _, _ in bad for r in item["reasons"])
    print("recall by labelled reason (an item counts under each of its reasons):")
    for reason, n in reasons.most_common():
        caught = sum(bool(fl) for item, fl, _ in bad if reason in item["reasons"])
        print(f"  {reason:<18} {caught}/{n}")
    if args.framing:
        framing(results)
    if args.misses:
        for item, fl, _ in bad:
            if not fl:
                print(f"MISSED {item['id']} {item['reasons']}: {item['english']}")
        for item, fl, _ in good:
            if fl:
                print(
                    f"FALSE  {item['id']}: {item['english']}\n       "
                    + "\n       ".join(f"{f.check}: {f.detail}" for f in fl)
                )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
