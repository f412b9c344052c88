"""The brief: the outlet's headline, its lead event sentences, and their translations.

``headline_ar`` is the article's own headline (site furniture skipped);
``summary_ar`` is its first key sentences and ``summary_en`` their
translation, so the two languages say the same thing and neither invents
anything; each key point is one source sentence with its translation.
"""

from __future__ import annotations

from ._detect import Candidate, is_furniture
from ._load import Sentence
from ._models import Article, Brief, KeyPoint
from ._names import Gazetteer

MAX_KEY_POINTS = 5
SUMMARY_SENTENCES = 2


def key_sentences(sentences: list[Sentence], leads: list[Candidate]) -> list[Sentence]:
    """The sentences a key point is made of: event sentences in reading order, else the lead."""
    chosen = list(dict.fromkeys(c.sentence for c in leads))[:MAX_KEY_POINTS]
    if chosen:
        return sorted(chosen, key=lambda s: s.number)
    body = [s for s in sentences if not is_furniture(s)]
    return body[:3] or sentences[:1]


def headline_ar(article: Article, sentences: list[Sentence]) -> str:
    """The outlet's own headline: the first heading-like line near the top that is
    not site furniture; failing that, the first clause of the first sentence."""
    for s in sentences[:8]:
        words = s.text.split()
        if 5 <= len(words) <= 25 and not s.text.rstrip().endswith((".", "؟", "!", ":")):
            if not any(ch.isdigit() for ch in s.text[:12]):
                return s.text
    first = next((s for s in sentences if not is_furniture(s)), sentences[0])
    clause = first.text.split("،")[0].strip()
    return clause if len(clause.split()) >= 4 else first.text


def build_brief(headline: str, english: dict[str, str], key: list[Sentence]) -> Brief:
    """Assemble the brief from the Arabic sentences and their translations.

    Args:
        headline: the Arabic headline.
        english: translations by name: ``"headline"`` and ``"s<number>"``.
        key: the key sentences, in reading order.
    """
    lead = key[:SUMMARY_SENTENCES]
    return Brief(
        headline_ar=headline,
        headline_en=english["headline"],
        summary_ar=" ".join(s.text for s in lead),
        summary_en=" ".join(english[f"s{s.number}"] for s in lead),
        key_points=[KeyPoint(ar=s.text, en=english[f"s{s.number}"], evidence=[s.evidence()]) for s in key],
    )


def current_office(gazetteer: Gazetteer, name_ar: str) -> str | None:
    """A person's latest office in the gazetteer: the model then writes "Prime Minister", not "President"."""
    entity = gazetteer.resolve(name_ar)
    roles = gazetteer.field(entity.canonical_id, "roles")
    if gazetteer.field(entity.canonical_id, "kind") != "person" or not roles:
        return None
    open_roles = [r for r in roles if not r.get("to")]
    return (open_roles or roles)[-1].get("title_en")
