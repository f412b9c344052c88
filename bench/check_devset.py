"""The names part of the English-vs-source check on the labelled development set, without the model.

For each labelled article, a report is made (``testing.FakeBackend``) from its labelled
event sentences, whose English translations are the labeller's own one-line ``what``
(right English, written by a person who read the Arabic). Then:

- false flags: name mismatches the check raises on those right sentences;
- caught: the same sentences with one labelled person's English swapped for a person of
  *another* article (an invented name for this one): how many swaps are flagged.

    .venv/bin/python bench/check_devset.py [--labels DIR]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from libyapk_summ import summarize
from libyapk_summ.extract._check import english_mismatches
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.testing import FakeBackend, canned_answer

ROOT = Path(__file__).resolve().parent.parent


def flags(sentences: list[str], english: list[str], folder: Path) -> list[str]:
    by_text = dict(zip(sentences, english, strict=True))

    def handler(request):  # type: ignore[no-untyped-def]
        if request.response_model is TranslationAnswer:
            # the question (also inside a re-ask, which repeats it before asking again)
            asked = next(m["content"] for m in request.messages if "Arabic: " in m["content"])
            said = asked.split("Arabic: ", 1)[-1].split("\n\n", 1)[0].strip()
            # the sentence splitter may cut a labelled sentence in two: either holds the other
            hit = next((en for ar, en in by_text.items() if said in ar or ar in said), "")
            return TranslationAnswer(english=hit or "(no label for this sentence)")
        return canned_answer(request)

    path = folder / "article.txt"
    path.write_text("خبر\n" + "\n".join(sentences) + "\n", encoding="utf-8")
    report = summarize(path, backend=FakeBackend(handler))
    return [
        m.value for m in english_mismatches(report) if m.kind == "name" and m.field != "brief.headline_en"
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", type=Path, default=ROOT / "tests" / "devset" / "labels")
    args = parser.parse_args()
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.labels.glob("*.json"))]
    people = [e["en"] for d in docs for e in d.get("entities", []) if e["kind"] == "person"]
    n_sent = false = swaps = caught = 0
    examples: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, d in enumerate(docs):
            events = [e for e in d.get("events", []) if e.get("what")]
            if not events:
                continue
            sentences = list(dict.fromkeys(e["sentence_ar"].replace("\n", " ") for e in events))
            english = [
                next(e["what"] for e in events if e["sentence_ar"].replace("\n", " ") == s) for s in sentences
            ]
            n_sent += len(sentences)
            got = flags(sentences, english, Path(tmp))
            false += len(got)
            examples += [f"{d['id']}: {v}" for v in got]
            mine = [e["en"] for e in d.get("entities", []) if e["kind"] == "person"]
            target = next((m for m in mine if any(m in en for en in english)), None)
            if target is None:
                continue
            other = next(p for p in people[i % len(people) :] + people if p not in mine)
            swapped = [en.replace(target, other) for en in english]
            swaps += 1
            caught += any(other.split()[-1] in v or v in other for v in flags(sentences, swapped, Path(tmp)))
    print(f"{len(docs)} articles, {n_sent} labelled sentences with the labeller's English")
    print(f"false name flags on right English: {false} ({false / max(n_sent, 1):.2f} per sentence)")
    print(f"another article's person swapped in: flagged {caught}/{swaps}")
    print("false flags (first 30):", "; ".join(examples[:30]))


if __name__ == "__main__":
    main()
