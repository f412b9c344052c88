"""Is one English translation faithful to its Arabic sentence? Checks in code, each a small function.

:func:`check_translation` runs every check on one sentence and returns :class:`Finding` values
(``fail`` or ``unsure``, with the check's name and what it found); an empty list means no check
found anything. The checks (see ``_faithful_rules`` for most):

- ``numbers`` and ``dates``: digits, scaled number words, months, weekdays and times of day
  ("morning") the *sentence* does not give or imply (resolved against the publication date);
- ``names``: proper names that no name of the sentence (gazetteer, transliteration, Latin text,
  the participants code found) matches (``_check``'s tracing, on the sentence alone);
- ``offices``: offices, ranks and institutions the sentence does not give ("Vice President",
  "National Guard", "Chief of Defence Forces"), a deputy rendered as the office;
- ``predicates``: what someone did or said ("signed", "expressed confidence", "follows") that no
  Arabic word of the sentence backs;
- ``modality``: the English against the code's factuality (a plan told as done, "will" for a fact,
  "follows" for "coincides with");
- ``omission`` and ``roles``: a person the sentence names missing from the English; an actor
  written as the one met;
- ``elsewhere``: any of the above whose value the *article* gives in another sentence (content
  pulled in from around the sentence).

Measured on the labelled set (``tests/translations_labelled.jsonl``) by ``bench/check_accuracy.py``.
"""

from __future__ import annotations

import datetime as dt
import re

from . import _check
from ._arabic import normalize
from ._detect import detect, factuality_of
from ._faithful_rules import Finding, load_renderings, modality, offices, omission, predicates, roles
from ._load import Sentence
from ._models import Entity, EventSubtype
from ._names import Gazetteer
from ._people import People

__all__ = ["Finding", "check_translation", "sentence_factuality"]

_TIMES_EN = re.compile(r"\b(?:morning|evening|afternoon|night|tonight|dawn|noon|midday|midnight)\b", re.I)
_TIMES_AR = re.compile(r"صباح|مساء|ظهر|ليل|فجر|عصر|الليله|ضحي|الظهيره")


def sentence_factuality(arabic: str) -> str:
    """The factuality code reads in one sentence: its events' (the first not ``asserted``), else the cues."""
    sentence = Sentence(1, 0, len(arabic), arabic)
    values = [c.factuality for c in detect([sentence])]
    if values:
        return next((v for v in values if v != "asserted"), "asserted")
    norm = " " + normalize(arabic) + " "
    return factuality_of(norm, EventSubtype.AGREEMENT_SIGNED)


def _source(arabic: str, gazetteer: Gazetteer, published: dt.date | None, extra: list[str]) -> _check._Source:
    """What one Arabic text supports, as ``_check`` traces it (numbers, months, weekdays, names)."""
    facts = _check._text_facts(gazetteer, arabic, published)
    names = list(facts.names) + extra + re.findall(r"[A-Za-z]{2,}", arabic)
    names += [en for _, en in gazetteer.glossary(arabic)]
    words = _check._name_words(*names)
    words |= {d for d, country in _check._DEMONYMS.items() if country in words}
    known = set(_check._known(gazetteer))
    return _check._Source(set(facts.numbers), set(facts.months), set(facts.weekdays), words, known, arabic)


def _traced(english: str, arabic: str, src: _check._Source, *, headline: bool, rules: dict) -> list[Finding]:
    out: list[Finding] = []
    for m in _check._numbers("", english, src):
        out.append(
            Finding(
                "numbers",
                "fail",
                m.detail.replace("the article gives", "the sentence gives"),
                m.value,
                kind="number",
            )
        )
    for m in _check._dates("", english, src):
        out.append(
            Finding("dates", "fail", m.detail.replace("the article", "the sentence"), m.value, kind="date")
        )
    # Offices and institutions ("Grand Vizier", "National Guard") are the offices check's, not names.
    plain = english
    for rule in rules["offices"]:
        plain = rule.en.sub(lambda m: m.group().lower(), plain)
    for m in _check._names("", plain, src, headline=headline):
        out.append(
            Finding(
                "names", "fail", m.detail.replace("Arabic article", "Arabic sentence"), m.value, kind="name"
            )
        )
    for m in _TIMES_EN.finditer(english):
        if not _TIMES_AR.search(normalize(arabic)):
            out.append(
                Finding(
                    "dates",
                    "fail",
                    f"{m.group()!r}: the sentence gives no time of day",
                    m.group(),
                    kind="time",
                )
            )
    return out


def _from_elsewhere(finding: Finding, article_src: _check._Source | None, article_norm: str) -> bool:
    """Whether the article, outside this sentence, gives what ``finding`` says the sentence does not."""
    if article_src is None or not finding.value:
        return False
    v = finding.value
    if finding.kind == "number":
        return not _check._numbers("", v, article_src)
    if finding.kind == "date":
        return not _check._dates("", v, article_src)
    if finding.kind == "name":
        return not _check._names("", v, article_src, headline=False)
    if finding.kind in ("offices", "predicates"):
        rules = load_renderings()[finding.kind]
        rule = next((r for r in rules if r.en.fullmatch(v)), None)
        return rule is not None and any(re.search(p, article_norm) for p in rule.ar)
    return False


def check_translation(
    arabic: str,
    english: str,
    *,
    article: str | None = None,
    published: dt.date | None = None,
    participants: tuple[list[Entity], list[Entity]] | None = None,
    factuality: str | None = None,
    gazetteer: Gazetteer | None = None,
    headline: bool = False,
    renderings: str | None = None,
) -> list[Finding]:
    """Check one English translation against its Arabic sentence.

    Args:
        arabic: the Arabic sentence (or headline) that was translated.
        english: its translation.
        article: the whole article text: a value the sentence lacks but the article gives is
            reported as check ``elsewhere``; people pointed at by office are found through it.
        published: the publication date, which "yesterday" and weekdays resolve against.
        participants: ``(actors, recipients)`` code found for the sentence's event, for ``roles``.
        factuality: the code's factuality of the sentence's event (default: read from the sentence).
        gazetteer: the names to trace against (default: the packaged gazetteer).
        headline: the text is a headline (Title Case words are not all names).
        renderings: a renderings file to use instead of the packaged one.

    Returns:
        Findings in check order; empty when every check passed. A ``fail`` means the English
        says what the Arabic does not; ``unsure`` means a check could not tell.
    """
    gaz = gazetteer or Gazetteer.default()
    rules = load_renderings(renderings)
    actors, recipients = participants or ([], [])
    src = _source(arabic, gaz, published, [e.name_en for e in actors + recipients])
    found = _traced(english, arabic, src, headline=headline, rules=rules)
    found += offices(english, arabic, rules) + predicates(english, arabic, rules)
    found += modality(english, arabic, factuality or sentence_factuality(arabic))
    text = article or arabic
    sentence = Sentence(1, max(text.find(arabic), 0), max(text.find(arabic), 0) + len(arabic), arabic)
    mentions = {m.entry_id for m in gaz.find_mentions(arabic)}
    people = People(gaz, text)
    named = [
        (people.entity(entry_id, surface), entry_id in mentions)
        for entry_id, surface in people.named_in(sentence).items()
        if gaz.field(entry_id, "kind") == "person"
    ]
    found += omission(english, named)
    if participants is not None:
        found += roles(english, actors, recipients)
    if article:
        article_src = _source(article, gaz, published, [])
        norm = " " + normalize(article) + " "
        found = [
            Finding(
                "elsewhere",
                f.verdict,
                f"{f.detail}; the article gives it in another sentence",
                f.value,
                f.kind,
            )
            if _from_elsewhere(f, article_src, norm)
            else f
            for f in found
        ]
    return found
