"""The brief's Arabic side: the outlet's headline, the lead, and which sentences are key.

``headline_ar`` is the article's own headline (site furniture and date stamps
skipped); ``summary_ar`` is the lead, the first body sentences that are news
(headings, furniture and background such as «يشار إلى أن …» skipped); each key
point is one source sentence that reports an event. Only these sentences are
translated (:func:`shown_units`); what of the English is published is decided
after the checks, in ``_publish``.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from .._paths import data_file
from ..article._detect import Candidate, is_furniture
from ..article._load import Sentence
from ..contract._kinds import Kinds
from ..contract._models import Article
from ..names._names import Gazetteer
from ..text._arabic import normalize
from ..values._dates import find_date_expressions

MAX_KEY_POINTS = 5
DATA_FILE = data_file("brief.json")


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


@functools.cache
def _background() -> re.Pattern[str]:
    forms = sorted((normalize(f) for f in _data()["background_openers"]), key=len, reverse=True)
    return re.compile(r"^[\s\"«(]*(?:و|ف)?(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def is_background(sentence: Sentence) -> bool:
    """Whether a sentence opens as background («يشار إلى أن», «يذكر أن» …: ``data/brief.json``)."""
    return _background().search(normalize(sentence.text)) is not None


def key_sentences(sentences: list[Sentence], leads: list[Candidate]) -> list[Sentence]:
    """The sentences a key point is made of: event sentences in reading order, else the lead."""
    chosen = list(dict.fromkeys(c.sentence for c in leads))[:MAX_KEY_POINTS]
    if chosen:
        return sorted(chosen, key=lambda s: s.number)
    body = [s for s in sentences if not is_furniture(s)]
    return body[:3] or sentences[:1]


def summary_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """The lead: the first body sentences that are news, not furniture, headings or background.

    Whether a sentence reports an event does not matter here: measured on a public
    set (``bench/summary_rouge.py``), the first two event sentences score below the
    plain lead, and when detection misses the lead, background comes first. The
    headline is a heading line, so it is furniture already; a headline made from
    the first sentence (no heading found) leaves that sentence in the lead.
    """
    n = int(_data()["summary_sentences"])
    body = [s for s in sentences if not is_furniture(s)]
    news = [s for s in body if not is_background(s)]
    return (news or body or sentences[:1])[:n]


def _is_stamp(text: str) -> bool:
    """A date, time or byline stamp: little is left once dates and numbers are taken out."""
    rest = text
    for m in reversed(find_date_expressions(text)):
        rest = rest[: m.start] + " " + rest[m.end :]
    words = [w for w in re.split(r"[\s/|،,:–-]+", rest) if w and not any(ch.isdigit() for ch in w)]
    return len(words) < 3


def headline_ar(article: Article, sentences: list[Sentence]) -> str:
    """The outlet's own headline.

    A heading-like line above the first body sentence (``min_headline_words`` to
    ``max_headline_words`` words, no sentence-final full stop, not a date or time
    stamp, not site furniture); a line given twice (page title and heading) is
    preferred. A headline may end in ".." or "…" and start with a number
    ("3 قتلى …"). Failing that, the first clause of the first body sentence.
    """
    low, high = int(_data()["min_headline_words"]), int(_data()["max_headline_words"])
    found = []
    for s in sentences[:8]:
        if not is_furniture(s):
            break  # the body has begun: a heading-like line after it is a subheading
        line = s.text.strip()
        words = line.split()
        final = line.endswith((".", ":", "؛")) and not line.endswith(("..", "…"))
        if low <= len(words) <= high and not final and not _is_stamp(line) and not _furniture_line(s):
            found.append(s.text)
    if found:
        twice = [t for t in found if found.count(t) > 1]
        return (twice or found)[0]
    first = next((s for s in sentences if not is_furniture(s)), sentences[0])
    clause = first.text.split("،")[0].strip()
    return clause if len(clause.split()) >= 4 else first.text


def _furniture_line(s: Sentence) -> bool:
    """A site line (share, subscribe, menus) by the registry's furniture forms."""
    lines = Kinds.default().furniture_lines
    return lines is not None and lines.search(normalize(s.text)) is not None


def shown_units(headline: str, summary: list[Sentence], key: list[Sentence]) -> dict[str, str]:
    """What is translated: the headline and the sentences the brief shows (summary and key points)."""
    shown = sorted({s.number: s for s in [*summary, *key]}.values(), key=lambda s: s.number)
    return {"headline": headline} | {f"s{s.number}": s.text for s in shown}


def current_office(gazetteer: Gazetteer, name_ar: str) -> str | None:
    """A person's latest office in the gazetteer: the model then writes "Prime Minister", not "President"."""
    entity = gazetteer.resolve(name_ar)
    roles = gazetteer.field(entity.canonical_id, "roles")
    if gazetteer.field(entity.canonical_id, "kind") != "person" or not roles:
        return None
    open_roles = [r for r in roles if not r.get("to")]
    title: str | None = (open_roles or roles)[-1].get("title_en")
    return title
