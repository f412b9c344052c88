"""Step 2: find the sentences that report events, and what kind, in code.

Measured on the local 1.5B model: asked to classify a sentence among nine event
kinds and five factuality values, it answered "official_visit / asserted" for
nearly every sentence, including a consulate still under negotiation and a
visit two months earlier. So the *kind* and the *factuality* of an event are
decided here, from Arabic trigger words and cue phrases matched on a normalised
copy of each sentence; the model is asked only what it does well (copying the
participants' names, translating a sentence).

Every rule is a small table below, so a reader can check and extend it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._arabic import normalize
from ._load import Sentence
from ._models import EventSubtype, Factuality

S = EventSubtype

# Trigger patterns per subtype, on normalize()d text (أ/إ/آ→ا, ة→ه, ى→ي, no diacritics).
# Arabic attaches و/ف/ب/ل and the article ال, so patterns allow those prefixes.
_P = r"(?:^|[\s(\"«,])(?:و|ف)?(?:ب|ل|ك)?(?:ال)?"
TRIGGERS: dict[EventSubtype, list[str]] = {
    S.CONSULATE_OPENING: [
        r"(?:فتح|افتتاح|افتتح)\S*\s+(?:\S+\s+){0,2}قنصليه",
        r"قنصليه\s+(?:\S+\s+)?(?:في|ب)",
    ],
    S.COMMITTEE_FORMED: [r"تشكيل\s+(?:\S+\s+)?لجن", r"لجنه\s+مشترك"],
    S.DEFENCE_DEAL: [
        _P + r"صفق(?:ه|ات)\s+(?:ال)?(?:دفاع|سلاح|اسلح)",
        r"صفق(?:ه|ات)\s+(?:\S+\s+)?(?:ال)?(?:دفاع|سلاح|اسلح)",
        r"المشتريات\s+الدفاعيه",
        r"صفقه\s+دفاعيه",
    ],
    S.AGREEMENT_SIGNED: [
        r"(?:توقيع|وقع|يوقع|توقع|وقعت)\S*\s+(?:\S+\s+){0,3}(?:علي\s+)?(?:ال)?"
        r"(?:اتفاقي|اتفاق|بروتوكول|بروتكول|مذكره)",
    ],
    S.OFFICIAL_VISIT: [
        _P + r"زيار(?:ه|ته|تهم|تها)\s+(?:ال)?(?:رسمي|تاريخي|عمل|\S+\s+(?:الي|ل))",
        r"(?:^|\s)(?:و|ف)?(?:زار|يزور|تزور|وصل)\s",
        r"زيار(?:ه|ته|تهم)\s+(?:\S+\s+){0,4}(?:الي|ل)\s*\S+",
    ],
    S.MEETING: [
        r"(?:^|\s)(?:و|ف)?(?:التقي|يلتقي|التقت|استقبل|يستقبل|استقباله|اجتمع)\S*\s",
        r"(?:عقد|عقدا|يعقد|انعقد|جمع)\S*\s+(?:\S+\s+){0,25}?(?:ال)?(?:اجتماع|لقاء|مباحثات)",
    ],
    S.STATEMENT_OF_SUPPORT: [
        r"(?:^|\s)(?:و|ف)?(?:اثني|اشاد|يشيد|ثمن|مثمن)\S*\s",
        r"اعرب\S*\s+(?:\S+\s+){0,4}عن\s+تقدير",
    ],
}
# One search per kind: the kind's patterns as one alternation (it matches where any of them does).
_ANY_TRIGGER = {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in TRIGGERS.items()}

# A definite noun that points back at an event already told ("attended the meeting",
# "the meeting dealt with"): evidence for that event, not a new one.
_ANAPHORA = re.compile(
    r"(?:^|\s)(?:و|ف)?(?:حضر|تناول|اختتم|شهد|بحث|ناقش|تطرق)\S*\s+(?:\S+\s+){0,1}(?:ال)?(?:اجتماع|لقاء)"
    r"|^\s*(?:\S+\s+){0,4}(?:و)?حضر\s"  # "and on the Pakistani side, attending were …"
)
_NEW_MEETING = re.compile(r"(?:عقد|التقي|التقت|يلتقي|اجتمع|استقبل|استقباله)")

CUES: dict[Factuality, list[str]] = {
    "negated": [
        r"(?:^|\s)(?:و)?(?:نفي|نفت|تنفي|ينفي)\s",
        r"(?:^|\s)لم\s+(?:يتم|توقع|يوقع|تفتح|يفتح|يزر|تزر)",
    ],
    "planned": [
        r"تدرس",
        r"(?:تجري|يجري|تجريان)\s+(?:\S+\s+)?محادثات",
        r"تتجه\s+(?:\S+\s+){0,3}الي",
        r"تعتزم",
        r"يعتزم",
        r"من\s+المقرر",
        r"(?:^|\s)(?:و)?(?:س|سوف\s)(?:ت|ي)\S+",
        r"المرحله\s+المقبله",
        r"خطط",
        r"(?:بحث|تطرق|ناقش)\S*\s",
        r"(?:^|\s)(?:و)?(?:ال)?اعداد\s+ل",
        r"تهدف\s+الي",
    ],
    "historical": [r"سبق\s+(?:ان|و)", r"(?:^|\s)(?:و)?(?:كان|كانت)\s+(?:\S+\s+){1,5}قد\s"],
    "speculated": [r"يتوقع\s+ان", r"يري\s+مراقبون", r"(?:^|\s)قد\s+(?:ي|ت)\S+"],
}
_CUES = {k: [re.compile(p) for p in v] for k, v in CUES.items()}

# Kinds that are intentions by nature: a consulate "opening" is planned unless the
# text says it was opened.
_DONE = re.compile(r"(?:تم\s+(?:افتتاح|تشكيل)|افتتحت|افتتح\s|شكلت|تشكلت)")

# Website furniture and headings never carry events: titles, section headings and
# "related headlines" have no sentence-final punctuation; the body tells the same
# news in full sentences.
FURNITURE = (
    "مواقيت الصلاه",
    "حاله الطقس",
    "حاسبه العمله",
    "شارك",
    "اقرا ايضا",
    "اهم الاخبار",
    "اهم اللاخبار",
)
_MIN_WORDS = 6
_FINAL = re.compile(r"[.!?؟]['\"»”)]*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event a sentence reports, as code reads it."""

    sentence: Sentence
    subtype: EventSubtype
    factuality: Factuality
    anaphoric: bool = False  # refers back to an event already reported


def is_furniture(sentence: Sentence) -> bool:
    norm = normalize(sentence.text)
    line = sentence.text.strip()
    if len(norm.split()) < _MIN_WORDS or not _FINAL.search(line) or line.endswith(".."):
        return True  # headings, bylines, menus, related headlines
    return any(norm.startswith(f) for f in FURNITURE)


def factuality_of(norm: str, subtype: EventSubtype) -> Factuality:
    """The factuality cue that applies to a normalised sentence, for one kind of event."""
    for value in ("negated", "historical"):
        if any(p.search(norm) for p in _CUES[value]):  # type: ignore[index]
            return value  # type: ignore[return-value]
    if subtype in (S.CONSULATE_OPENING, S.COMMITTEE_FORMED) and not _DONE.search(norm):
        return "planned"
    if subtype in (S.CONSULATE_OPENING, S.COMMITTEE_FORMED, S.AGREEMENT_SIGNED) and any(
        p.search(norm) for p in _CUES["planned"]
    ):
        return "planned"
    if any(p.search(norm) for p in _CUES["speculated"]) and subtype not in (S.MEETING, S.OFFICIAL_VISIT):
        return "speculated"
    return "asserted"


def detect(sentences: list[Sentence]) -> list[Candidate]:
    """Event candidates in reading order, at most one per kind per sentence.

    A sentence that reports a defence deal does not also count as a plain
    agreement; a meeting sentence that only points back at an earlier meeting
    is marked ``anaphoric``.
    """
    found: list[Candidate] = []
    for sentence in sentences:
        if is_furniture(sentence):
            continue
        norm = " " + normalize(sentence.text) + " "
        kinds = [k for k, pattern in _ANY_TRIGGER.items() if pattern.search(norm)]
        if S.MEETING not in kinds and _ANAPHORA.search(norm):
            kinds.append(S.MEETING)  # "attended the meeting": more evidence for a meeting already told
        if S.DEFENCE_DEAL in kinds and S.AGREEMENT_SIGNED in kinds:
            kinds.remove(S.AGREEMENT_SIGNED)
        for kind in kinds:
            anaphoric = kind is S.MEETING and bool(_ANAPHORA.search(norm)) and not _NEW_MEETING.search(norm)
            found.append(Candidate(sentence, kind, factuality_of(norm, kind), anaphoric))
    return found
