"""The live backend posts what instructor's JSON_SCHEMA mode would, re-asks included.

OpenAIBackend builds the request body and the re-ask turn itself (instructor's per-call work cost
more CPU than the HTTP request); here instructor builds them too, for the same call and the same
answers, and the two must agree field for field.
"""

from __future__ import annotations

import asyncio
import copy
import json

import instructor
import openai
import pytest
from instructor.v2.core.patch import patch_v2
from openai.types.chat import ChatCompletion

from libyapk_summ._questions import ParticipantsAnswer, TranslationAnswer
from libyapk_summ.backends import CallRequest, OpenAIBackend, Sampling
from libyapk_summ.testing import Reply, chat_completion

BAD, GOOD = '{"english": "x"}', '{"english": "The minister met his counterpart."}'


def instructor_bodies(request: CallRequest, answers: list[str], reasks: int = 2) -> list[dict]:
    """What instructor would post for ``request``, given ``answers`` one after another."""
    sent: list[dict] = []
    replies = [chat_completion(a) for a in answers]

    async def create(**kwargs):
        sent.append(copy.deepcopy(kwargs))
        return ChatCompletion.model_validate(replies.pop(0))

    async def go() -> None:
        mode, provider = instructor.Mode.JSON_SCHEMA, instructor.Provider.OPENAI
        client = instructor.AsyncInstructor(
            client=openai.AsyncOpenAI(api_key="unused"),
            create=patch_v2(func=create, provider=provider, mode=mode),
            mode=mode,
            provider=provider,
        )
        await client.create_with_completion(
            response_model=request.response_model,
            messages=[dict(m) for m in request.messages],
            model=request.model,
            max_retries=reasks,
            temperature=request.sampling.temperature,
            max_tokens=request.sampling.max_tokens,
            seed=request.sampling.seed,
        )

    asyncio.run(go())
    return json.loads(json.dumps(sent))


def our_bodies(server, request: CallRequest, answers: list[str]) -> list[dict]:
    server.script(*[Reply(body=chat_completion(a)) for a in answers])
    backend = OpenAIBackend(server.base_url, "sk-test")

    async def go() -> None:
        try:
            await backend.complete(request)
        finally:
            await backend.aclose()

    asyncio.run(go())
    return [r.json for r in server.requests if r.path.endswith("/chat/completions")]


@pytest.mark.parametrize(
    ("model", "answers"),
    [
        (TranslationAnswer, [GOOD]),
        (TranslationAnswer, [BAD, "not json at all", GOOD]),
        (ParticipantsAnswer, ['{"actors": ["x"]}', '{"actors": ["وزير الخارجية"], "recipients": []}']),
    ],
)
def test_body_and_reasks_are_instructors(server, model, answers):
    request = CallRequest(
        article_id="a",
        call="c",
        model="some-model",
        messages=({"role": "system", "content": "Translate."}, {"role": "user", "content": "وزير الخارجية"}),
        response_model=model,
        prompt_hash="p",
        sampling=Sampling(max_tokens=160),
    )
    ours = our_bodies(server, request, answers)
    assert len(ours) == len(answers)
    assert ours == instructor_bodies(request, answers)
