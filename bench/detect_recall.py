"""Rule-based event detection alone, on the labelled development corpus: recall and spurious by root and form.

    python bench/build_devset.py    # first: rebuild tests/devset/articles/ (tests/devset/README.md)
    python bench/detect_recall.py [--devset tests/devset] [--kinds FILE] [--misses]

No model is called. A labelled event (``required`` not false) is *found* when a
non-anaphoric candidate of the same PLOVER root lies in the labelled sentence
(one candidate per event). A candidate that finds no labelled event of its root
in an on-topic article is *spurious* (one matching an optional event, or
sharing a sentence and root with a found one, is neither); every candidate on
an off-topic control counts as an off-topic event.
``--misses`` lists the missed events' roots and sentences, to read, never to
copy into the rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from libyapk_summ.article._detect import detect
from libyapk_summ.article._load import split_sentences
from libyapk_summ.contract._kinds import Kinds, root_of


def _span(text: str, sentence_ar: str) -> tuple[int, int] | None:
    start = text.find(sentence_ar)
    return None if start < 0 else (start, start + len(sentence_ar))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=Path("tests/devset"))
    ap.add_argument("--articles", type=Path, default=None, help="default: DEVSET/articles")
    ap.add_argument("--kinds", action="append", default=[], help="extra event-kind files")
    ap.add_argument("--misses", action="store_true", help="list the missed events")
    ap.add_argument("--spurious", action="store_true", help="list the spurious candidates")
    args = ap.parse_args(argv)
    kinds = Kinds.load(*args.kinds) if args.kinds else Kinds.default()
    articles = args.articles or args.devset / "articles"
    labelled, found, spurious, by_form, spurious_form = Counter(), Counter(), Counter(), Counter(), Counter()
    off_topic_events = off_topic_articles = on_topic = missing_text = unplaced = 0
    notes: list[str] = []
    for path in sorted((args.devset / "labels").glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        text_path = articles / f"{labels['id']}.txt"
        if not text_path.exists():
            missing_text += 1
            continue
        text = text_path.read_text(encoding="utf-8")
        cands = [c for c in detect(split_sentences(text), kinds) if not c.anaphoric]
        if labels.get("off_topic"):
            off_topic_articles += 1
            off_topic_events += len(cands)
            notes += [
                f"OFF  {labels['id']} {c.subtype} {c.sentence.text[:90]}" for c in cands if args.spurious
            ]
            continue
        on_topic += 1
        used: set[int] = set()
        for ev in labels.get("events", []):
            span = _span(text, ev["sentence_ar"])
            required = ev.get("required", True) is not False
            if span is None:
                unplaced += 1
                continue
            if required:
                labelled[ev["root"]] += 1
            for i, c in enumerate(cands):
                if i in used or root_of(c.subtype).value != ev["root"]:
                    continue
                if c.sentence.start < span[1] and span[0] < c.sentence.end:
                    used.add(i)
                    if required:
                        found[ev["root"]] += 1
                        by_form[c.form] += 1
                    break
            else:
                if required and args.misses:
                    notes.append(
                        f"MISS {labels['id']} {ev['root']}/{ev.get('subtype')} {ev['sentence_ar'][:110]}"
                    )
        told = {(cands[i].sentence.number, root_of(cands[i].subtype)) for i in used}
        for i, c in enumerate(cands):
            if i not in used and (c.sentence.number, root_of(c.subtype)) not in told:
                spurious[root_of(c.subtype).value] += 1
                spurious_form[c.form] += 1
                if args.spurious:
                    notes.append(f"SPUR {labels['id']} {c.subtype} {c.form} {c.sentence.text[:90]}")
    roots = sorted(set(labelled) | set(spurious))
    print(f"detection alone on {on_topic} labelled news articles + {off_topic_articles} off-topic controls")
    if missing_text:
        print(f"  ({missing_text} labelled articles without text: run bench/build_devset.py)")
    if unplaced:
        print(f"  ({unplaced} labelled events whose sentence is not in the text, skipped)")
    print(f"{'root':<10} {'labelled':>8} {'found':>6} {'recall':>7} {'spurious':>9}")
    for r in roots:
        rec = f"{found[r] / labelled[r]:.0%}" if labelled[r] else "-"
        print(f"{r:<10} {labelled[r]:>8} {found[r]:>6} {rec:>7} {spurious[r]:>9}")
    total, hit = sum(labelled.values()), sum(found.values())
    print(f"{'all':<10} {total:>8} {hit:>6} {hit / max(total, 1):>7.0%} {sum(spurious.values()):>9}")
    print("found by trigger form: " + ", ".join(f"{f} {n}" for f, n in by_form.most_common()))
    print("spurious by trigger form: " + ", ".join(f"{f} {n}" for f, n in spurious_form.most_common()))
    print(f"events on off-topic controls: {off_topic_events} (in {off_topic_articles} articles)")
    for line in notes:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
