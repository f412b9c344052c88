"""Faults on demand for :class:`FakeOpenAIServer`, and synthetic Arabic batches to push through it.

``fault_reply(name, ...)`` builds one of the ways a real server fails; ``FaultMix`` is a handler
that answers each request with a fault drawn at random (seeded), else a valid answer; and
``synthetic_articles`` recombines the sentences of real articles into new ones that still report
events, so a batch of any size makes real pipeline calls.

    >>> from libyapk_summ import Settings, load_article, summarize
    >>> from libyapk_summ.testing import FakeOpenAIServer, FaultMix
    >>> article = load_article(text="زيارة لوزير الخارجية\\nعقد وزير الخارجية اجتماعا مع نظيره في طرابلس.\\n")
    >>> mix = FaultMix({"rate_limit": 0.2, "server_error": 0.1}, seed=2)
    >>> with FakeOpenAIServer(mix) as server:
    ...     settings = Settings(mode="live", base_url=server.base_url, use_cache=False, concurrency=1)
    ...     report = summarize(article, settings=settings)  # retried past the fault
    >>> # 5 answers: the filler English drops Tripoli, so both translations are asked again
    >>> [event.subtype for event in report.events], mix.counts["ok"], mix.counts["rate_limit"]
    ([EventSubtype('meeting')], 5, 1)
"""

from __future__ import annotations

import email.utils
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ._server import Handler, Reply, Request, chat_completion, schema_filler

__all__ = ["FAULTS", "FaultMix", "fault_reply", "synthetic_articles"]

FAULTS = (
    "rate_limit",
    "rate_limit_absurd",
    "server_error",
    "timeout",
    "reset",
    "bad_request",
    "not_json",
    "truncated",
    "schema_invalid",
    "refusal",
    "no_choices",
)
"""Every fault :func:`fault_reply` can build."""

# Invalid for both of the pipeline's answers: actors must be a list, english a string.
SCHEMA_INVALID = json.dumps({"actors": "nobody", "recipients": 3, "english": 7})


def fault_reply(name: str, request: Request, *, rng: random.Random | None = None, hang: float = 5.0) -> Reply:
    """One scripted fault, answering ``request``.

    Args:
        name: one of :data:`FAULTS`.
        request: the request being answered (a truncated answer cuts a valid one short).
        rng: picks among variants (Retry-After forms, 5xx codes); default a fixed one.
        hang: seconds a ``timeout`` waits before answering: set it past the client's timeout.

    Returns:
        The :class:`Reply`.

    Raises:
        ValueError: ``name`` is not a known fault.
    """
    rng = rng or random.Random(0)
    if name == "rate_limit":  # the three Retry-After forms, all short
        forms = [
            {"Retry-After": "0"},
            {"retry-after-ms": str(rng.randint(0, 200))},
            {"Retry-After": email.utils.formatdate(time.time(), usegmt=True)},
        ]
        return Reply(429, headers=rng.choice(forms))
    if name == "rate_limit_absurd":
        return Reply(429, headers={"Retry-After": "86400"})
    if name == "server_error":
        return Reply(rng.choice((500, 502, 503)))
    if name == "timeout":
        return Reply(delay=hang, body=schema_filler(request).body)
    if name == "reset":
        return Reply(drop_connection=True)
    if name == "bad_request":
        return Reply(400, {"error": {"message": "unsupported parameter", "type": "invalid_request_error"}})
    if name == "not_json":
        return Reply(200, "<html><body>502 Bad Gateway</body></html>", {"Content-Type": "application/json"})
    if name == "truncated":
        whole = _content(schema_filler(request))
        return Reply(body=chat_completion(whole[: max(len(whole) // 2, 1)], finish_reason="length"))
    if name == "schema_invalid":
        return Reply(body=chat_completion(SCHEMA_INVALID))
    if name == "refusal":
        return Reply(body=chat_completion(None, refusal="I can't help with that."))
    if name == "no_choices":
        return Reply(body={**chat_completion("{}"), "choices": []})
    raise ValueError(f"unknown fault {name!r}; use one of {', '.join(FAULTS)}")


def _content(reply: Reply) -> str:
    body: Any = reply.body
    return str(body["choices"][0]["message"]["content"])


class FaultMix:
    """A server handler: each request draws a fault with the given probabilities, else is
    answered by ``inner``. Thread-safe; the draws follow ``seed`` (in arrival order).

    Args:
        rates: fault name (see :data:`FAULTS`) to probability per request; they sum to at most 1.
        seed: seeds the draws.
        inner: answers the requests that draw no fault (default: a valid instance of the schema).
        hang: seconds a ``timeout`` fault waits; set it past the client's timeout.

    Attributes:
        counts: how many requests got each fault, and ``ok`` for the valid answers.
        enabled: set False to answer everything with ``inner`` (a clean run on the same server).
    """

    def __init__(
        self, rates: Mapping[str, float], *, seed: int = 0, inner: Handler = schema_filler, hang: float = 5.0
    ) -> None:
        unknown = set(rates) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults {sorted(unknown)}; use some of {', '.join(FAULTS)}")
        if sum(rates.values()) > 1 + 1e-9:
            raise ValueError(f"fault rates sum to {sum(rates.values()):.2f}; they must sum to at most 1")
        self.rates = dict(rates)
        self.inner = inner
        self.hang = hang
        self.enabled = True
        self.counts: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        with self._lock:
            draw, fault = self._rng.random(), "ok"
            for name, rate in self.rates.items() if self.enabled else ():
                if draw < rate:
                    fault = name
                    break
                draw -= rate
            self.counts[fault] += 1
            rng = random.Random(self._rng.random())
        return self.inner(request) if fault == "ok" else fault_reply(fault, request, rng=rng, hang=self.hang)


def synthetic_articles(
    sources: Sequence[str], count: int, *, seed: int = 0, length: tuple[int, int] = (4, 8)
) -> list[tuple[str, str]]:
    """New articles made of the sentences of ``sources``, each with events for the pipeline.

    Every article opens with a title line that carries its number (so no two texts, and no two
    headlines, are alike), then at least two event sentences and a few others.

    Args:
        sources: article texts (e.g. the repository's ``seeds/*.txt``).
        count: how many articles.
        seed: seeds the recombination.
        length: the least and most sentences in the body.

    Returns:
        ``(id, text)`` pairs; ids are ``syn-0000``, ``syn-0001``, ...
    """
    from ..article._detect import detect
    from ..article._load import split_sentences

    sentences = [s for text in sources for s in split_sentences(text) if len(s.text.split()) >= 6]
    events = list(dict.fromkeys(c.sentence.text for c in detect(sentences) if not c.anaphoric))
    others = [s.text for s in sentences if s.text not in set(events)]
    if len(events) < 2:
        raise ValueError("the sources report fewer than two events; give real news articles")
    rng = random.Random(seed)
    out = []
    for i in range(count):
        body = rng.sample(events, 2) + rng.sample(others, min(len(others), rng.randint(*length) - 2))
        rng.shuffle(body)
        title = " ".join(rng.choice(events).split()[:8]).rstrip(".،,:") + f" - العدد {i + 1}"
        out.append((f"syn-{i:04d}", "\n".join([title, *body]) + "\n"))
    return out
