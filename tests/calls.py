"""One call request and a way to run requests through a backend, shared by the backend tests."""

from __future__ import annotations

import asyncio
import dataclasses

from pydantic import BaseModel

from libyapk_summ.backends import CallRequest


class Answer(BaseModel):
    english: str


def request(**changes) -> CallRequest:
    """A translate request for article ``art-7``; ``changes`` replace any of its fields."""
    base = CallRequest(
        article_id="art-7",
        call="translate",
        model="m",
        messages=({"role": "user", "content": "translate this"},),
        response_model=Answer,
        prompt_hash="p1",
    )
    return dataclasses.replace(base, **changes)


def run(backend, *requests):
    """Complete ``requests`` one after another, then close the backend."""

    async def go():
        try:
            return [await backend.complete(r) for r in requests]
        finally:
            await backend.aclose()

    return asyncio.run(go())
