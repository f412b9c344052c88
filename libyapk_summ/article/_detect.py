"""Step 2: find the sentences that report events, and what kind, in code.

Measured on the local 1.5B model: asked to classify a sentence among nine event
kinds and five factuality values, it answered "official_visit / asserted" for
nearly every sentence, including a consulate still under negotiation and a
visit two months earlier. So the *kind* and the *factuality* of an event are
decided here, from the registry's triggers and cues (``data/event_kinds.json``,
read by :class:`~libyapk_summ.contract._kinds.Kinds`), matched on a normalised copy of
each sentence; the model is asked only what it does well (copying the
participants' names, translating a sentence).

Factuality is read from the trigger's own form and what governs it, not from
any word anywhere in the sentence: a future verb (سيزور) is a plan; a cue of
intent, study or talks is a plan only when it stands before the trigger, within
a few words ("تعتزم افتتاح", "من المقرر أن يزور"), and never for a verb in the
past ("وقعت اتفاقية تهدف إلى" stays signed); a negator right before the
trigger (لم, لن) negates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..contract._kinds import Compiled, Kinds, kind_of
from ..contract._models import EventSubtype, Factuality
from ..text._arabic import normalize, normalize_with_map
from ._load import Sentence

_FINAL = re.compile(r"[.!?؟]['\"»”)]*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event a sentence reports, as code reads it."""

    sentence: Sentence
    subtype: EventSubtype
    factuality: Factuality
    anaphoric: bool = False  # refers back to an event already reported
    form: str = "pattern"  # which trigger form matched: past, present, future, noun, pattern


def is_furniture(sentence: Sentence, kinds: Kinds | None = None) -> bool:
    """Headings, bylines, menus and share lines: no sentence-final mark, too short, or a site
    line of the registry's ``furniture`` forms."""
    kinds = Kinds.default() if kinds is None else kinds
    norm = normalize(sentence.text)
    line = sentence.text.strip()
    if len(norm.split()) < kinds.furniture.min_words or not _FINAL.search(line) or line.endswith(".."):
        return True
    if kinds.furniture_lines is not None and kinds.furniture_lines.search(norm):
        return True
    # A run of short items separated by | • - / (a menu copied into the text).
    items = [x for x in re.split(r"\s*[|•·/]\s*|\s+-\s+", norm) if x.strip()]
    return len(items) >= 4 and max(len(x.split()) for x in items) <= 3


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    form: str
    anaphoric: bool = False
    bare: bool = True


def _words(text: str, n: int, *, last: bool) -> str:
    parts = text.split(" ")
    return " ".join(parts[-n - 1 :] if last else parts[: n + 1])


def _hits(c: Compiled, norm: str, kinds: Kinds, words: frozenset[str]) -> list[_Hit]:
    """The triggers of kind ``c`` in ``norm``; ``words``: ``kinds.words_in(norm)``."""
    anaphora, background = kinds.cue_patterns["anaphora"], kinds.cue_patterns["background"]
    out: list[_Hit] = []
    for f in c.forms:
        if f.needles is not None and words.isdisjoint(f.needles):
            continue
        for m in f.pattern.finditer(norm):
            rest = norm[m.end() :].lstrip()
            if f.exclude is not None and f.exclude.search(rest):
                continue
            if f.form == "noun" and _told_before(norm[: m.start()], background):
                continue  # "during the visit", "after the signing": the frame of another event
            back = f.form == "noun" and bool(m.group("def")) and _points_back(norm[: m.start()], anaphora)
            if f.object is not None and not f.object.search(
                _words(rest, f.reach, last=False) if f.reach else rest
            ):
                if back:  # "attended the meeting": evidence for a meeting already told
                    out.append(_Hit(m.start(), m.end(), f.form, anaphoric=True))
                continue
            hit = _Hit(m.start(), m.end(), f.form, f.anaphoric or back, f.bare)
            out.append(hit)
    return out


def _governed(hits: list[_Hit], norm: str, kinds: Kinds) -> list[_Hit]:
    """Drop noun hits that need a governing cue (تم, جرى, or a cue of intent) and have none,
    and present verbs that tell a habit."""
    if not hits:
        return hits  # most kinds, in most sentences: no need to look for a habit
    cues = kinds.cue_patterns

    def cued(h: _Hit) -> bool:
        before = _words(norm[: h.start], kinds.cues.scope, last=True) + " "
        right_before = _words(norm[: h.start], 3, last=True) + " "
        return any(
            p is not None and p.search(text)
            for p, text in ((cues["done"], right_before), (cues["planned"], before))
        )

    habit = cues["habitual"] is not None and bool(cues["habitual"].search(norm))
    # "the councils meet once or twice a year": a habit, not an event
    return [h for h in hits if (h.bare or h.anaphoric or cued(h)) and not (habit and h.form == "present")]


def _told_before(before: str, background: re.Pattern[str] | None) -> bool:
    return background is not None and bool(background.search(_words(before, 2, last=True) + " "))


def _points_back(before: str, anaphora: re.Pattern[str] | None) -> bool:
    return anaphora is not None and bool(anaphora.search(_words(before, 3, last=True) + " "))


def factuality_of(norm: str, hit: _Hit, kinds: Kinds, intention: bool) -> Factuality:
    """The factuality of one trigger in a normalised sentence."""
    cues, scope = kinds.cue_patterns, kinds.cues.scope
    before = _words(norm[: hit.start], scope, last=True) + " "
    right_before = _words(norm[: hit.start], 3, last=True) + " "

    def has(name: str, text: str) -> bool:
        p = cues[name]
        return p is not None and bool(p.search(text))

    if has("negated", norm) or has("negator", right_before):
        return "negated"
    if has("historical", norm):
        return "historical"
    if hit.anaphoric:
        return "asserted"  # it points back: the event told before keeps its own factuality
    if hit.form == "future" or (hit.form == "present" and has("subjunctive", right_before)):
        return "planned"
    if hit.form != "past" and (has("planned", before) or has("planned_anywhere", norm)):
        return "planned"
    if intention and hit.form != "past" and not has("done", right_before):
        return "planned"
    if hit.form != "past" and has("speculated", before):
        return "speculated"
    return "asserted"


def detect(sentences: list[Sentence], kinds: Kinds | None = None) -> list[Candidate]:
    """Event candidates in reading order, at most one per kind per sentence.

    Args:
        sentences: the article's sentences.
        kinds: the registry to read triggers and cues from (default: the packaged one).

    A kind that ``supersedes`` another in the registry (a defence deal, a plain
    agreement) replaces it in a sentence; a kind told only by a definite noun
    after a verb like "attended" or "during" is marked ``anaphoric``.
    """
    kinds = Kinds.default() if kinds is None else kinds
    found: list[Candidate] = []
    if kinds.off_topic(normalize(" ".join(s.text for s in sentences))):
        return found  # sport, markets, culture: no events of state
    for sentence in sentences:
        if is_furniture(sentence, kinds):
            continue
        norm = normalize(sentence.text).strip()
        words = kinds.words_in(norm)
        hits: dict[str, list[_Hit]] = {
            c.kind.id: h
            for c in kinds.compiled
            if (h := _governed(_hits(c, norm, kinds, words), norm, kinds))
        }
        for kid in list(hits):
            for other in kinds[kid].supersedes:
                hits.pop(other, None)
        for c in kinds.compiled:
            if c.kind.id not in hits:
                continue
            mine = hits[c.kind.id]
            new = [h for h in mine if not h.anaphoric]
            hit = min(new or mine, key=lambda h: h.start)
            found.append(
                Candidate(
                    sentence,
                    EventSubtype(c.kind.id),
                    factuality_of(norm, hit, kinds, c.kind.intention),
                    not new,
                    hit.form,
                )
            )
    return found


def trigger_span(candidate: Candidate, kinds: Kinds | None = None) -> tuple[int, int] | None:
    """Offsets in the sentence of the trigger the detector read the candidate's kind from: the
    first one not pointing back, as :func:`detect` picks it. A kind the
    registry lacks (a user's, loaded elsewhere) is compiled from the process-wide registry."""
    kinds = Kinds.default() if kinds is None else kinds
    compiled = next((c for c in kinds.compiled if c.kind.id == candidate.subtype.value), None)
    if compiled is None and (kind := kind_of(candidate.subtype.value)) is not None:
        compiled = Compiled(kind)
    if compiled is None:
        return None
    norm, offsets = normalize_with_map(candidate.sentence.text)
    words = frozenset(w for f in compiled.forms for w in f.needles or () if w in norm)
    hits = _governed(_hits(compiled, norm, kinds, words), norm, kinds)
    fresh = [h for h in hits if not h.anaphoric]
    if not (fresh or hits):
        return None
    hit = min(fresh or hits, key=lambda h: h.start)
    matched = norm[hit.start : hit.end]
    lo = hit.start + len(matched) - len(matched.lstrip())
    hi = max(lo + 1, hit.end - (len(matched) - len(matched.rstrip())))
    return offsets[lo], offsets[hi - 1] + 1
