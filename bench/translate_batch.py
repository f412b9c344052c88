"""Translate the sentences of some articles on a real model, for labelling (tests/translations_labelled).

Each article's headline (as the brief picks it) and each sentence that is not site furniture is
translated with the library's own translation question (``_prompts.translation_messages``, the
gazetteer glossary, temperature 0), one request at a time, and written as one JSON line with its
provenance: model, server, prompt hash and version, date. Nothing here is labelled: the labels are
added by a person reading the Arabic (see tests/translations_labelled.jsonl and bench/README).

``--variant`` names another framing to compare against the library's (bench/README, "Translation
framing"): ``clauses`` translates the sentence clause by clause and joins the parts; ``literal``
asks for a close translation that adds no title, name, date or place; ``titles`` gives the
glossary of ``_glossary`` (the sentence's names and the renderings of the titles it writes, no
office it does not give) instead of names with each person's current office; ``old`` is the
library's prompt with that old glossary, whatever the library's glossary now is.

    .venv/bin/python bench/translate_batch.py --out /tmp/raw.jsonl seeds/*.txt
    .venv/bin/python bench/translate_batch.py --variant clauses --only ids.txt --out /tmp/cl.jsonl seeds/*.txt
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

from libyapk_summ import Settings, load_article
from libyapk_summ.article._detect import is_furniture
from libyapk_summ.article._load import split_sentences
from libyapk_summ.extract import _prompts
from libyapk_summ.extract._brief import current_office, headline_ar
from libyapk_summ.extract._glossary import glossary_lines
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.pipeline._pipeline import Pipeline, _Calls

LITERAL = (
    "Translate the Arabic closely into one English sentence. Use only what the Arabic says: add no "
    "title, office, name, date, weekday, number or place it does not give, keep its tense and "
    'mood ("is studying", "will", "discussed"), and write names as the known names give them.'
)
# Clause boundaries: the Arabic comma and "، و"/"، كما" joins; a clause of under 4 words stays
# with the one before it.
_CLAUSE = re.compile(r"\s*[،؛]\s*")


def clauses(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _CLAUSE.split(text):
        if parts and len(piece.split()) < 4:
            parts[-1] += "، " + piece
        elif piece.strip():
            parts.append(piece.strip())
    return parts or [text]


def old_glossary(pipeline: Pipeline, text: str) -> str:
    """The glossary the library gave before _glossary: each name with its person's current office."""
    lines = []
    for ar, en in pipeline.gazetteer.glossary(text):
        office = current_office(pipeline.gazetteer, ar)
        lines.append(f"{ar} = {en}" + (f" ({office})" if office else ""))
    return "\n".join(lines) or "(none)"


async def translate(pipeline: Pipeline, article, name: str, text: str, variant: str) -> tuple[str, dict]:
    calls = _Calls([])
    if variant == "clauses":
        outs = [
            await translate(pipeline, article, f"{name}-c{i}", part, "sentence")
            for i, part in enumerate(clauses(text))
        ]
        return " ".join(o for o, _ in outs), outs[0][1]
    glossary = pipeline.glossary(text)
    if variant == "titles":
        glossary = glossary_lines(pipeline.gazetteer, text)
    elif variant == "old":
        glossary = old_glossary(pipeline, text)
    messages = _prompts.translation_messages(sentence=text, glossary=glossary)
    if variant == "literal":
        user = dict(messages[1])
        user["content"] = user["content"].rsplit("\n\n", 1)[0] + "\n\n" + LITERAL
        messages = (messages[0], user)
    call = f"translate-{name}"
    answer = await pipeline._ask(calls, article, call, TranslationAnswer, messages, "translate", 160)
    return answer.english.strip(), calls.results[0].recorded


def export_fixtures(folder: Path, out_path: Path) -> None:
    """The translations the seed fixtures already hold (real model answers), with their provenance."""
    with out_path.open("a", encoding="utf-8") as out:
        for path in sorted(folder.glob("*/translate-*.json")):
            fx = json.loads(path.read_text(encoding="utf-8"))
            user = next(m["content"] for m in fx["request"]["messages"] if m["role"] == "user")
            arabic = re.search(r"^Arabic: (.*)$", user, re.M)[1]  # type: ignore[index]
            unit = fx["call"].removeprefix("translate-")
            prov = fx["provenance"]
            row = {
                "id": f"{fx['article_id']}:{unit}",
                "article": fx["article_id"],
                "unit": unit,
                "arabic": arabic,
                "english": fx["response"]["content"]["english"].strip(),
                "variant": "retranslate" if unit.endswith("-again") else "sentence",
                "provenance": {
                    "model": prov["model"],
                    "server": prov["server"],
                    "dialect": prov["dialect"],
                    "prompt_hash": fx["request"]["prompt_hash"],
                    "prompt_version": prov["prompt_version"],
                    "temperature": fx["request"]["sampling"]["temperature"],
                    "date": prov["recorded_at"],
                    "fixture": f"fixtures/{path.parent.name}/{path.name}",
                },
            }
            if unit.endswith("-again"):
                row["provenance"]["reask"] = [m["content"] for m in fx["request"]["messages"]][-1]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--base-url", default="http://127.0.0.1:8080/v1")
    variants = ["sentence", "clauses", "literal", "titles", "old"]
    ap.add_argument("--variant", choices=variants, default="sentence")
    ap.add_argument("--only", type=Path, help="a file of item ids (article:name) to translate, one a line")
    ap.add_argument("--limit", type=int, default=0, help="at most this many sentences an article")
    ap.add_argument("--fixtures", type=Path, help="export the translations recorded in this fixtures folder")
    args = ap.parse_args()
    if args.fixtures:
        export_fixtures(args.fixtures, args.out)
        return
    only = set(args.only.read_text().split()) if args.only else None
    settings = Settings(
        mode="live",
        base_url=args.base_url,
        dialect="llamacpp",
        concurrency=1,
        cache_dir=Path("/tmp/h16checks-cache"),
    )
    pipeline = Pipeline(settings)
    done = set()
    if args.out.exists():
        done = {json.loads(line)["id"] for line in args.out.read_text().splitlines() if line.strip()}
    with args.out.open("a", encoding="utf-8") as out:
        for path in args.paths:
            article = load_article(path)
            sentences = split_sentences(article.text)
            items = [("headline", headline_ar(article, sentences))]
            items += [(f"s{s.number}", s.text) for s in sentences if not is_furniture(s)]
            if args.limit:
                items = items[: args.limit]
            for name, text in items:
                item = f"{article.id}:{name}"
                if item in done or (only is not None and item not in only):
                    continue
                t0 = time.monotonic()
                try:
                    english, recorded = await translate(pipeline, article, name, text, args.variant)
                except Exception as exc:  # one bad answer must not stop the batch
                    print(f"{item}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    continue
                row = {
                    "id": item,
                    "article": article.id,
                    "unit": name,
                    "arabic": text,
                    "english": english,
                    "variant": args.variant,
                    "provenance": {
                        "model": recorded.get("model") or settings.model,
                        "server": args.base_url,
                        "dialect": "llamacpp",
                        "prompt_hash": _prompts.call_hash("translate"),
                        "prompt_version": _prompts.prompt_version(),
                        "temperature": 0.0,
                        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                    },
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                out.flush()
                print(f"{item} {time.monotonic() - t0:.1f}s", flush=True)
    await pipeline.aclose()


if __name__ == "__main__":
    asyncio.run(main())
