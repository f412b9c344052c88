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
- ``places``: a country, demonym or located city the sentence names whose English (world data)
  the English does not write, or writes garbled ("Fenzuniya" for فنزويلا);
- also in ``numbers``, ``dates`` and ``offices``: a number or a day of the month the Arabic gives
  that the English lacks, relative days ("today") and units ("kilograms") it does not back, and
  Arabic phrases whose English must appear (``required`` in the renderings: the land forces, a
  delegation);
- ``elsewhere``: any of the above whose value the *article* gives in another sentence (content
  pulled in from around the sentence).

Measured on the labelled set (``tests/translations_labelled.jsonl``) by ``bench/check_accuracy.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from ..article._detect import detect
from ..article._load import Sentence
from ..article._published import published_day
from ..contract._kinds import Kinds
from ..contract._models import (
    Article,
    ArticleReport,
    Brief,
    Entity,
    Evidence,
    KeyPoint,
    Provenance,
    Published,
)
from ..names._names import Gazetteer
from ..text._arabic import normalize, normalize_with_map
from ..text._skeleton import renders
from ..values._dates import find_date_expressions
from . import _prompts
from ._check import Mismatch, english_mismatches
from ._faithful_rules import (
    Finding,
    _Rule,
    echo,
    load_renderings,
    modality,
    month_days,
    offices,
    omission,
    places,
    predicates,
    quantities,
    required,
    roles,
    sounds_like,
    times_and_units,
)
from ._people import People

__all__ = ["Finding", "check_report", "check_translation", "sentence_factuality"]

_TIMES_EN = re.compile(r"\b(?:morning|evening|afternoon|night|tonight|dawn|noon|midday|midnight)\b", re.I)
_PLANNED_AR = re.compile(
    r"(?:^|\s)[وف]?(?:تدرس|يدرس|تعتزم|يعتزم|تخطط|يخطط|تنوي|ينوي|سوف)\s|من المقرر"
    r"|(?:^|\s)[وبل]?(?:ال)?(?:خطط|خطه)(?:\s|$)|(?:^|\s)[وف]?(?:تتجه|يتجه)\s+(?:\S+\s+){0,3}الي|نحو\s+(?:توقيع|افتتاح|فتح|تشكيل|اقامه)|(?:يبحث|تبحث|يبحثان|تبحثان|يناقش|تناقش)\s"
)
_MEET_EN = re.compile(r"\b(?:met|meets|meeting with|received|receives|hosted|welcomed)\b", re.I)
_WHEN_EN = re.compile(
    r"\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight|last|next|"
    r"ago|earlier|later|week|weeks|month|months|year|years|day|days|morning|evening|night|recently|previous)\b",
    re.I,
)
_TIMES_AR = re.compile(r"صباح|مساء|ظهر|ليل|فجر|عصر|الليله|ضحي|الظهيره")


@functools.lru_cache(maxsize=1024)
def sentence_factuality(arabic: str) -> str:
    """The factuality code reads in one sentence: its events' (the first not ``asserted``), else the cues."""
    sentence = Sentence(1, 0, len(arabic), arabic)
    values = [c.factuality for c in detect([sentence])]
    if values:
        return next((v for v in values if v != "asserted"), "asserted")
    # No event: only the unambiguous cues (the future prefix سـ also starts nouns: "سترة").
    norm = " " + normalize(arabic) + " "
    negated = Kinds.default().cue_patterns["negated"]  # the registry's denial cues
    if negated is not None and negated.search(norm):
        return "negated"
    return "planned" if _PLANNED_AR.search(norm) else "asserted"


def _mismatches(arabic: str, english: str, gazetteer: Gazetteer, published: dt.date | None,
                *, headline: bool) -> list[Mismatch]:  # fmt: skip
    """``_check``'s numbers, dates and names of ``english`` traced against ``arabic`` alone, through its
    public :func:`english_mismatches` (a report holding just this text and this translation)."""
    when = Published(value=published, method="given") if published else None
    evidence = [Evidence(quote_ar=arabic, start=0, end=len(arabic))]
    points = [] if headline else [KeyPoint(ar=arabic, en=english, evidence=evidence)]
    brief = Brief(headline_ar=arabic, headline_en=english if headline else "", summary_ar="", summary_en="",
                  key_points=points)  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    report = ArticleReport(
        article=Article(id="check", text=arabic, published=when),
        brief=brief,
        provenance=Provenance(
            model="-", backend="-", prompt_version="-", library_version="-", created_at=now
        ),
    )
    return english_mismatches(report, gazetteer)


_CHECK_OF = {"number": "numbers", "date": "dates", "name": "names"}


def _traced(arabic: str, english: str, gazetteer: Gazetteer, published: dt.date | None, *, headline: bool,
            rules: dict[str, tuple[_Rule, ...]]) -> list[Finding]:  # fmt: skip
    # Offices and institutions ("Grand Vizier", "National Guard") are for the offices check.
    plain = english
    for rule in rules["offices"]:
        plain = rule.en.sub(lambda m: m.group().lower(), plain)
    out = []
    for m in _mismatches(arabic, plain, gazetteer, published, headline=headline):
        detail = m.detail.replace("article", "sentence")
        # A name spelt as the Arabic may read: a doubt, not a failure.
        # A known place too ("Israel" for إسرائيل, which the gazetteer lacks), but then only unsure.
        if m.kind == "name" and sounds_like(m.value, arabic):
            why = f"{m.value}: no known name of the sentence, but it may spell one of its words"
            out.append(Finding("names", "unsure", why, m.value, kind=m.kind))
        else:
            out.append(Finding(_CHECK_OF[m.kind], "fail", detail, m.value, kind=m.kind))
    dates = [m.raw for m in find_date_expressions(arabic)]
    if dates and not _WHEN_EN.search(english):
        out.append(Finding("dates", "fail", f"the sentence dates it ({dates[0]}); the English gives no date"))
    if not _TIMES_AR.search(normalize(arabic)):
        out += [
            Finding(
                "dates", "fail", f"{m.group()!r}: the sentence gives no time of day", m.group(), kind="time"
            )
            for m in _TIMES_EN.finditer(english)
        ]
    return out


def _elsewhere(found: list[Finding], article: str, english: str, gazetteer: Gazetteer,
               published: dt.date | None, *, headline: bool) -> list[Finding]:  # fmt: skip
    """Findings whose value the article gives in another sentence become check ``elsewhere``."""
    if not found:
        return found
    traced = any(f.kind in _CHECK_OF and f.value for f in found)  # else the article's trace is not read
    mismatches = _mismatches(article, english, gazetteer, published, headline=headline) if traced else []
    unsupported = {m.value for m in mismatches}
    norm = " " + normalize(article) + " "
    rules = load_renderings()
    out = []
    for f in found:
        if f.kind in _CHECK_OF:
            moved = bool(f.value) and f.value not in unsupported
        elif f.kind in ("offices", "predicates"):
            rule = next((r for r in rules[f.kind] if r.en.fullmatch(f.value)), None)
            moved = rule is not None and any(re.search(p, norm) for p in rule.ar)
        else:
            moved = False
        why = f"{f.detail}; the article gives it in another sentence"
        out.append(Finding("elsewhere", f.verdict, why, f.value, f.kind) if moved else f)
    return out


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
    # A headline in Title Case (every word of four letters or more) has capitals that are not names;
    # one in sentence case is checked as a sentence.
    long_words = [w for w in re.findall(r"[A-Za-z]{4,}", english)]
    headline = headline and all(w[0].isupper() for w in long_words)
    found = _traced(arabic, english, gaz, published, headline=headline, rules=rules)
    prompts = [_prompts.load(n).text for n in ("translate_system", "translate", "retranslate")]
    found += echo(english, prompts, about_arabic="عرب" in normalize(arabic))
    found += offices(english, arabic, rules) + required(english, arabic, rules)
    found += predicates(english, arabic, rules)
    found += quantities(english, arabic) + month_days(english, arabic, rules)
    found += times_and_units(english, arabic, rules)
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
    found += places(english, arabic, [(m.start, m.end) for m in gaz.find_mentions(arabic)])
    if article is not None:
        found += surname_omission(arabic, english, article, gaz)
    if participants is not None:
        found += roles(english, actors, recipients)
    elif _MEET_EN.search(english):
        found.append(Finding("roles", "unsure", "who met whom is not checked: no participants were given"))
    if article:
        found = _elsewhere(found, article, english, gaz, published, headline=headline)
    return found


def check_report(report: ArticleReport, gazetteer: Gazetteer | None = None) -> dict[str, list[Finding]]:
    """Check every translation a report's brief carries: ``"headline"`` and ``"s<number>"`` per key point.

    Each key point is checked with the article around it, the publication date, and the
    participants and factuality of the events the code found in its sentence.

    Args:
        report: a report from :func:`libyapk_summ.summarize`.
        gazetteer: the names to trace against (default: the packaged gazetteer).

    Returns:
        Findings per translated unit (units without findings are left out).
    """
    gaz = gazetteer or Gazetteer.default()
    text = report.article.text
    pub = published_day(report.article)
    out: dict[str, list[Finding]] = {}
    brief = report.brief
    head = check_translation(brief.headline_ar, brief.headline_en, article=text, published=pub, gazetteer=gaz,
                             headline=True)  # fmt: skip
    if head:
        out["headline"] = head
    for point in brief.key_points:
        number = point.evidence[0].sentence if point.evidence else None
        events = [e for e in report.events if any(ev.sentence == number for ev in e.evidence)]
        actors = [a for e in events for a in e.actors]
        recipients = [r for e in events for r in e.recipients]
        factuality = next((e.factuality for e in events if e.factuality != "asserted"), None)
        found = check_translation(
            point.ar, point.en, article=text, published=pub, gazetteer=gaz,
            participants=(actors, recipients) if events else None,
            factuality=factuality or ("asserted" if events else None),
        )  # fmt: skip
        if found:
            out[f"s{number}"] = found
    return out


def surname_omission(arabic: str, english: str, article: str, gaz: Gazetteer) -> list[Finding]:
    """A person the sentence names by surname alone ("وأثنى حمّاد …"), whom the article names in
    full, missing from the English: no word of their English names, and no word that renders
    the surname ("Hamad" does, "Hamami" does not). A surname two people of the article share
    (حفتر: Khalifa or Saddam) does not say who, so it is left alone, as is a surname inside a
    full name the sentence gives."""
    spans = [(m.start, m.end) for m in gaz.find_mentions(arabic)]
    in_article = {m.entry_id for m in gaz.find_mentions(article)}
    by_surname: dict[str, list[Mapping[str, Any]]] = {}
    for e in gaz.entries():
        if e.get("kind") == "person" and e.get("id") in in_article:
            for surname in e.get("short_ar", []):
                by_surname.setdefault(normalize(surname).strip(), []).append(e)
    norm, offsets = normalize_with_map(arabic)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", english)}
    capitals = re.findall(r"[A-Z][a-z]+", english)
    out: list[Finding] = []
    for surname, people in by_surname.items():
        if len(people) != 1 or not surname:
            continue
        alone = [
            m
            for m in re.finditer(rf"(?<!\S)[وفبل]?{re.escape(surname)}(?!\S)", norm)
            if not any(a <= offsets[m.start()] < b for a, b in spans)
        ]
        person = people[0]
        names = [person["name_en"], *person.get("aka_en", [])]
        if not alone or any(w.lower() in words for n in names for w in n.split()):
            continue
        if any(renders(surname, c) for c in capitals):
            continue
        name = person["name_en"]
        out.append(Finding("omission", "fail", f"{name}, whom the sentence names by surname, is missing"))
    return out
