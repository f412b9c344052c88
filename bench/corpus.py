"""Batches for the benchmarks: synthetic articles made from seeds/, with no sentence shared.

``libyapk_summ.testing.synthetic_articles`` recombines the seeds' sentences, so in a large batch
each sentence comes back in many articles, and its translation is one cache entry, its
normalised form one memo. Real news shares little, so here every line of article ``i`` starts with
``i`` spelt in zero-width (non-)joiners: invisible, folded away by matching, yet it makes every
sentence, every prompt and every cache key its own, as in a batch of distinct articles.
"""

from __future__ import annotations

from pathlib import Path

from libyapk_summ import Article, load_article
from libyapk_summ.testing import synthetic_articles

ROOT = Path(__file__).resolve().parent.parent
_BITS = {"0": "\u200c", "1": "\u200d"}


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def tag(text: str, number: int) -> str:
    """``text`` with ``number`` spelt invisibly at the start of every line."""
    mark = "".join(_BITS[b] for b in format(number, "b"))
    return "\n".join(mark + line if line.strip() else line for line in text.split("\n"))


def unique_texts(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``(id, text)`` of ``count`` synthetic articles that share no sentence."""
    return [
        (ident, tag(text, n))
        for n, (ident, text) in enumerate(synthetic_articles(seed_texts(), count, seed=seed))
    ]


def unique_articles(count: int, seed: int = 0) -> list[Article]:
    return [load_article(text=text, id=ident) for ident, text in unique_texts(count, seed)]
