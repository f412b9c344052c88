"""The participants question with English spellings, on the real model, for a few probe sentences.

For each sentence: the model's raw answer, then what code keeps of it (names
resolved through the gazetteer, world data, the skeleton-checked proposal, the
romaniser). Probe sentences are written for this bench, about people and places
the gazetteer does not know.

    .venv/bin/python bench/participants_live.py --base-url http://127.0.0.1:8080/v1 --dialect llamacpp
"""

from __future__ import annotations

import argparse
import asyncio
import time

from libyapk_summ.article._load import split_sentences
from libyapk_summ.backends import CallRequest, OpenAIBackend, Sampling
from libyapk_summ.extract import _prompts
from libyapk_summ.extract._people import People
from libyapk_summ.extract._questions import ParticipantsAnswer
from libyapk_summ.names._names import Gazetteer

SENTENCES = [
    ("a meeting", "استقبل الرئيس الروسي فلاديمير بوتين ووزير دفاعه سيرغي شويغو في موسكو المشير خليفة حفتر."),
    ("a meeting", "التقى الرئيس المصري عبد الفتاح السيسي في القاهرة وزير الخارجية التركي هاكان فيدان."),
    ("an agreement signed", "وقعت روسيا وليبيا اتفاقية للتعاون العسكري في طرابلس."),
    (
        "an official visit",
        "بدأ الرئيس التركي رجب طيب أردوغان زيارة رسمية إلى باكستان يلتقي خلالها رئيس الوزراء شهباز شريف.",
    ),
]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--dialect", default="llamacpp")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b-instruct")
    args = parser.parse_args()
    backend = OpenAIBackend(args.base_url, api_key="none", dialect=args.dialect)
    gazetteer = Gazetteer.default()
    for event, text in SENTENCES:
        request = CallRequest(
            article_id="probe",
            call="participants-probe",
            model=args.model,
            messages=_prompts.participants_messages(sentence=text, event=event),
            response_model=ParticipantsAnswer,
            prompt_hash=_prompts.call_hash("participants"),
            sampling=Sampling(max_tokens=200),
        )
        started = time.perf_counter()
        result = await backend.complete(request)
        answer = result.value
        assert isinstance(answer, ParticipantsAnswer)
        [sentence] = split_sentences(text)
        people = People(gazetteer, text)
        print(f"\n{text}\n  model ({time.perf_counter() - started:.0f} s): {result.content}")
        for side in ("actors", "recipients"):
            for e in people.from_model(getattr(answer, side), sentence):
                print(f"  {side}: {e.name_en} [{e.name_source}] title={e.title_en} kind={e.kind}")


if __name__ == "__main__":
    asyncio.run(main())
