"""The single checks behind :func:`libyapk_summ.check_translation`, one small function each.

Each takes the Arabic sentence (with what code read from it) and the English, and returns
:class:`Finding` values: ``fail`` where the English says what the sentence does not, ``unsure``
where the check cannot tell. The words a check knows (offices, predicates) live in
``data/renderings.json``, which a user can extend; numbers, dates and names reuse the tracing of
``_check`` on the sentence alone instead of the whole article.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .._paths import data_file
from ..contract._models import Entity
from ..names._world import world
from ..text._arabic import MONTHS, normalize, normalize_with_map
from ._check import arabic_quantities, english_quantities

Verdict = Literal["fail", "unsure"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found in a translation.

    Attributes:
        check: which check: ``numbers``, ``dates``, ``names``, ``offices``, ``predicates``,
            ``modality``, ``roles``, ``omission`` or ``elsewhere``.
        verdict: ``fail`` (the English says what the Arabic does not) or ``unsure``.
        detail: what was found, in words.
        value: the English span concerned ("" when the finding is about something missing).
    """

    check: str
    verdict: Verdict
    detail: str
    value: str = ""
    kind: str = field(default="", compare=False)  # what ``value`` is, for the "elsewhere" pass


@dataclass(frozen=True, slots=True)
class _Rule:
    en: re.Pattern[str]
    ar: tuple[str, ...]  # normalised
    source: str  # the English pattern as written, for details


def _ar_pattern(word: str) -> str:
    """An Arabic word or stem as it may stand in text: with و/ف/ب/ل/ك and ال before it; written with
    ال ("الرئيس"), the article is required (so "رئيس الوزراء" does not back "President")."""
    norm = normalize(word)
    article = r"(?:ال|لل)" if norm.startswith("ال") else r"(?:ال|لل)?"
    return r"(?:^|[^\w])[وف]?[بلك]?" + article + re.escape(norm.removeprefix("ال"))


@functools.cache
def load_renderings(path: str | None = None) -> dict[str, tuple[_Rule, ...]]:
    """Read a renderings file (default: the packaged ``data/renderings.json``)."""
    where = Path(path) if path else data_file("renderings.json")
    data = json.loads(where.read_text(encoding="utf-8"))
    out: dict[str, tuple[_Rule, ...]] = {}
    for part in ("offices", "predicates", "times", "units"):  # the last two are optional in a user's file
        rules = [
            _Rule(re.compile(rf"\b(?:{r['en']})\b", re.I), tuple(_ar_pattern(a) for a in r["ar"]), r["en"])
            for r in data.get(part, [])
        ]
        out[part] = tuple(rules)
    out["qualifiers"] = tuple(
        _Rule(re.compile(rf"\b(?:{q['en']})", re.I), (normalize(q["ar"]),), q["ar"])
        for q in data["qualifiers"]
    )
    out["required"] = tuple(
        _Rule(re.compile(rf"\b(?:{q['en']})\b", re.I), (_ar_pattern(q["ar"]),), q["ar"])
        for q in data.get("required", [])
    )
    # one rule per day number: its English ordinal words, and its Arabic ones (normalised)
    ordinals_en: dict[int, list[str]] = {}
    for word, n in data.get("ordinals_en", {}).items():
        ordinals_en.setdefault(int(n), []).append(re.escape(word).replace("\\-", "[- ]?"))
    ordinals_ar: dict[int, list[str]] = {}
    for word, n in data.get("ordinals_ar", {}).items():
        ordinals_ar.setdefault(int(n), []).append(normalize(word))
    out["ordinals"] = tuple(
        _Rule(re.compile(rf"\b(?:{'|'.join(ordinals_en.get(n, ['(?!)']))})\b", re.I), tuple(ar), str(n))
        for n, ar in sorted(ordinals_ar.items())
    )
    return out


def _backed(rule: _Rule, norm: str) -> bool:
    return any(re.search(p, norm) for p in rule.ar)


def _lexicon(check: str, rules: Iterable[_Rule], english: str, norm_ar: str, what: str) -> list[Finding]:
    """English words of ``rules`` that nothing in the Arabic backs; longest English match first."""
    hits: list[tuple[int, int, _Rule]] = []
    for rule in rules:
        hits += [(m.start(), m.end(), rule) for m in rule.en.finditer(english)]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[Finding] = []
    end = -1
    for start, stop, rule in hits:
        if start < end:
            continue  # inside a longer match ("President" in "Vice President")
        end = stop
        if not _backed(rule, norm_ar):
            value = english[start:stop]
            out.append(
                Finding(
                    check, "fail", f"{value!r}: the sentence gives no {what} that says so", value, kind=check
                )
            )
    return out


def offices(english: str, arabic: str, rules: dict[str, tuple[_Rule, ...]]) -> list[Finding]:
    """Offices, ranks and institutions the sentence does not give ("Vice President", "National Guard"),
    and a deputy rendered as the office itself ("chief" for نائب قائد)."""
    norm = " " + normalize(arabic) + " "
    out = _lexicon("offices", rules["offices"], english, norm, "office, rank or institution")
    for q in rules["qualifiers"]:
        office = rf"(?:^|\s)[وف]?(?:ل|ب)?(?:ال)?{q.ar[0]}\s+(?:ال|لل)?(?:قايد|رييس|وزير|مدير|امين|قياده)"
        if re.search(office, norm) and not q.en.search(english):
            out.append(
                Finding(
                    "offices",
                    "fail",
                    f"the sentence says {q.source} (deputy/assistant) of an office; the English drops it",
                )
            )
    # "Team" for the rank الفريق: every فريق of the sentence is a rank ("الفريق أول ركن …").
    teams = re.findall(r"(?:^|\s)[وب]?(?:ال)?فريق(\s+\S+)?", norm)
    if (
        re.search(r"\bteams?\b", english, re.I)
        and teams
        and all(t.strip() in ("اول", "ركن", "طيار", "بحري") or t.strip().startswith("ركن") for t in teams)
    ):
        out.append(Finding("offices", "fail", "'team': الفريق here is a rank (lieutenant general)", "team"))
    return out


def predicates(english: str, arabic: str, rules: dict[str, tuple[_Rule, ...]]) -> list[Finding]:
    """What someone did or said ("signed", "expressed confidence", "follows") the sentence does not say."""
    return _lexicon("predicates", rules["predicates"], english, " " + normalize(arabic) + " ", "word")


def times_and_units(english: str, arabic: str, rules: dict[str, tuple[_Rule, ...]]) -> list[Finding]:
    """Relative days ("today" for أمس) and units of measure ("kilograms" for سلة) the sentence does
    not give: checks ``dates`` and ``numbers``."""
    norm = " " + normalize(arabic) + " "
    return _lexicon("dates", rules["times"], english, norm, "word of time") + _lexicon(
        "numbers", rules["units"], english, norm, "unit"
    )


def required(english: str, arabic: str, rules: dict[str, tuple[_Rule, ...]]) -> list[Finding]:
    """An Arabic phrase whose English must reach the translation: the branch of the forces
    (القوات البرية, the land forces, written as "the Armed Forces")."""
    norm = " " + normalize(arabic) + " "
    return [
        Finding("offices", "fail", f"the sentence says {r.source}; the English does not ({r.en.pattern})")
        for r in rules["required"]
        if _backed(r, norm) and not r.en.search(english)
    ]


def quantities(english: str, arabic: str) -> list[Finding]:
    """A number the Arabic writes ("إصابة اثنين", two wounded) that the English does not give, in
    digits or words: dropped or changed ("one wounded"). The other way, an English number the
    Arabic lacks, is the ``numbers`` tracing of ``_check``."""
    written = english_quantities(english)
    return [
        Finding("numbers", "fail", f"{raw!r}: a number the sentence gives that the English does not", raw)
        for raw, values in arabic_quantities(arabic)
        if not values & written
    ]


def month_days(english: str, arabic: str, rules: dict[str, tuple[_Rule, ...]]) -> list[Finding]:
    """A day of the month the Arabic gives, in digits or an ordinal word ("الثالث من سبتمبر"), that
    the English drops ("in September") or changes."""
    norm = normalize(arabic)
    ordinals = {a: int(r.source) for r in rules["ordinals"] for a in r.ar}
    by_number = {int(r.source): r for r in rules["ordinals"]}
    words = "|".join(sorted(map(re.escape, ordinals), key=len, reverse=True)) or "(?!)"
    months = "|".join(sorted({re.escape(normalize(m)) for m in MONTHS}, key=len, reverse=True))
    day = re.compile(
        rf"(?<![\w.])(?:(?P<d>\d{{1,2}})|(?P<w>{words}))\s+(?:من\s+)?(?:شهر\s+)?(?:{months})(?!\w)"
    )
    out: list[Finding] = []
    for m in day.finditer(norm):
        n = int(m["d"]) if m["d"] else ordinals[m["w"]]
        digit = re.search(rf"(?<![\d.,]){n}(?:st|nd|rd|th)?(?!\d|,\d)", english)
        word = by_number.get(n)
        if not digit and not (word and word.en.search(english)):
            why = f"{m.group()!r}: the sentence gives the day of the month ({n}); the English does not"
            out.append(Finding("dates", "fail", why, kind="dates"))
    return out


# --- modality -------------------------------------------------------------------------------

_PLAN_EN = re.compile(
    r"\b(?:plan\w*|intend\w*|intention|stud(?:y|ies|ying|ied)|consider\w*|examin\w*|explor\w*|review\w*|"
    r"discuss\w*|talks|negotiat\w*|propos\w*|will|would|could|shall|seek\w*|expect\w*|prepar\w*|"
    r"mov(?:e|es|ing) (?:to|toward)|set to|future|possib\w*|upcoming|next|later|idea|potential\w*|"
    r"look(?:s|ing)? (?:into|at)|weigh\w*|aim\w* to|hop(?:e|es|ing) to|wish\w*|want\w*|going to|"
    r"to be (?:opened|held|signed|formed)|agreed to|called for|calls? for|urg\w*)\b",
    re.I,
)
_NEG_EN = re.compile(
    r"\b(?:not|no|never|den(?:y|ied|ies|ial)|without|neither|nor|refus\w*|reject\w*)\b|n't", re.I
)
_SPEC_EN = re.compile(
    r"\b(?:may|might|could|would|expect\w*|likely|unlikely|possib\w*|predict\w*|anticipat\w*|suggest\w*|"
    r"probabl\w*|perhaps|speculat\w*|believ\w*|observers)\b",
    re.I,
)
_WILL_EN = re.compile(r"\b(?:will|shall|is set to|are set to|is going to|are going to)\b", re.I)
_FUTURE_AR = re.compile(
    r"(?:^|\s)[وف]?(?:س[يتن]\S+|سوف)|المقبل|القادم|(?:^|\s)(?:غدا|بعد غد)(?:\s|$)|"
    r"المقرر|يعتزم|تعتزم|خطط|تنوي|ينوي|مرتقب|ستشهد|"
    r"تدرس|يدرس|تتجه|يتجه|الاعداد|تهدف|يهدف|بهدف|لبحث|لمناقشه|من اجل|ل(?:تعزيز|تطوير|دعم)|"
    r"يتوقع|(?:^|\s)قد\s|محادثات|مباحثات|التزام|ملتزم|استعداد|مستعد"
)
_STUDY_AR = re.compile(r"(?:^|\s)[وف]?(?:تدرس|يدرس|دراسه|تدرسان|يدرسان)(?:\s|$)")
_STUDY_EN = re.compile(
    r"\b(?:stud\w*|consider\w*|examin\w*|explor\w*|review\w*|look\w* into|weigh\w*|assess\w*)\b", re.I
)
_SYNC_AR = re.compile(r"(?:بالتزامن|تزامنا|تزامن|يتزامن|بالتوازي|توازيا|بموازاه|تواكب|يواكب)")
_SYNC_EN = re.compile(
    r"\b(?:coincid\w*|at the same time|simultaneous\w*|parallel|alongside|concurrent\w*|while|as|amid|during|"
    r"in tandem|together with|along with|accompan\w*|in conjunction)\b",
    re.I,
)


# A claim or an accusation, and news from sources: the English must still say who claims it.
_CLAIM_AR = re.compile(
    r"(?:^|\s)[وف]?(?:اتهم|تتهم|يتهم|اتهمت|اتهام|باتهام|زعم|تزعم|يزعم|زعمت|ادعي|تدعي|يدعي|ادعاء)\S*"
)
_CLAIM_EN = re.compile(
    r"\b(?:accus\w*|alleg\w*|claim\w*|charg\w*|blam\w*|assert\w*|contend\w*|denounc\w*)\b", re.I
)
_RULE_OUT_AR = re.compile(r"(?:^|\s)[وف]?(?:يستبعد|تستبعد|استبعد|استبعدت|يستبعدان)(?:\s|$)")
_RULE_OUT_EN = re.compile(r"\b(?:rul\w* out|unlikely|not|no|exclud\w*|dismiss\w*|reject\w*|doubt\w*)\b", re.I)
_SOURCES_AR = re.compile(r"(?:^|\s)[وف]?(?:ال)?مصادر(?:\s|$)")
_SOURCES_EN = re.compile(r"\b(?:sources?|according|reported\w*|reports?|informed|said|say|says|told)\b", re.I)


def modality(english: str, arabic: str, factuality: str | None) -> list[Finding]:
    """The English against the code's factuality: a plan told as done, a denial lost, a forecast
    told as fact, a fact told as future; "studying" and "coincides with" kept."""
    norm = " " + normalize(arabic) + " "
    out: list[Finding] = []
    if factuality == "planned" and not _PLAN_EN.search(english):
        out.append(
            Finding(
                "modality", "fail", "the Arabic reports a plan or a discussion; the English states it as done"
            )
        )
    elif factuality == "negated" and not _NEG_EN.search(english):
        out.append(
            Finding("modality", "fail", "the Arabic denies or negates it; the English has no negation")
        )
    elif factuality == "speculated" and not _SPEC_EN.search(english):
        out.append(
            Finding("modality", "fail", "the Arabic reports an expectation; the English states it as fact")
        )
    elif (
        factuality in ("asserted", "historical")
        and (m := _WILL_EN.search(english))
        and not _FUTURE_AR.search(norm)
    ):
        out.append(
            Finding("modality", "fail", f"{m.group()!r}: the Arabic states no future or intention", m.group())
        )
    if _STUDY_AR.search(norm) and not _STUDY_EN.search(english):
        out.append(
            Finding("modality", "fail", "the Arabic says it is being studied (تدرس); the English does not")
        )
    if _RULE_OUT_AR.search(norm) and not _RULE_OUT_EN.search(english):
        out.append(Finding("modality", "fail", "the Arabic rules it out (يستبعد); the English does not"))
    if _CLAIM_AR.search(norm) and not _CLAIM_EN.search(english):
        out.append(
            Finding(
                "modality",
                "fail",
                "the Arabic reports an accusation or a claim; the English states it as fact",
            )
        )
    if _SOURCES_AR.search(norm) and not _SOURCES_EN.search(english):
        out.append(
            Finding("modality", "fail", "the Arabic attributes this to sources; the English drops them")
        )
    if _SYNC_AR.search(norm) and not _SYNC_EN.search(english):
        out.append(
            Finding(
                "modality",
                "fail",
                "the Arabic says 'coincides with' or 'in parallel with'; the English "
                "makes it an order in time or a purpose",
            )
        )
    return out


# --- people: omission and roles ------------------------------------------------------------

_MEET = re.compile(r"\b(?:met|meets|meeting with|received|receives|hosted|welcomed)\s+(?:with\s+)?", re.I)
_COMMANDER = re.compile(r"\b(?:commander|chief|head|leader)\b", re.I)


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", name)} - {
        "al",
        "bin",
        "ibn",
        "abu",
        "abdul",
        "the",
    }


def _mentioned(person: Entity, english_words: set[str], others: list[Entity]) -> bool:
    """A person is in the English by a word of their name that no other person of the sentence shares."""
    names = [person.name_en, *getattr(person, "aka_en", [])]
    own = set().union(*(_words(n) for n in names))
    shared = set().union(*(_words(o.name_en) for o in others if o.canonical_id != person.canonical_id))
    distinct = own - shared or own
    return bool(distinct & english_words)


def omission(english: str, named: list[tuple[Entity, bool]]) -> list[Finding]:
    """A person the sentence names (``True``: by name) or points at by office, missing from the English."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", english)}
    people = [p for p, _ in named]
    out: list[Finding] = []
    for person, by_name in named:
        if _mentioned(person, words, people):
            continue
        if not by_name and _COMMANDER.search(english):
            out.append(
                Finding(
                    "omission",
                    "unsure",
                    f"{person.name_en} (named by office in the Arabic) is not named; "
                    "an office word may stand for them",
                )
            )
            continue
        how = "names" if by_name else "points at by office"
        out.append(Finding("omission", "fail", f"{person.name_en}, whom the sentence {how}, is missing"))
    return out


def roles(english: str, actors: list[Entity], recipients: list[Entity]) -> list[Finding]:
    """Who met whom: an actor of the sentence written as the one met, by someone not named."""
    out: list[Finding] = []
    everyone = actors + recipients
    for m in _MEET.finditer(english):
        clause = re.split(r"[.;]", english[: m.start()])[-1]
        before = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
        after = {w.lower() for w in re.findall(r"[A-Za-z]+", english[m.end() : m.end() + 60])}
        met = [a for a in actors if _mentioned(a, after, everyone) and not _mentioned(a, before, everyone)]
        subject_known = any(_mentioned(p, before, everyone) for p in everyone)
        if met and not subject_known:
            who = met[0].name_en
            out.append(
                Finding(
                    "roles",
                    "fail",
                    f"{who} is who met or received in the Arabic; the English makes "
                    f"{who} the one met, by someone else",
                    who,
                )
            )
    return out


# --- places: a country or city of the sentence missing from the English ---------------------


def _written(form: str, english: str, capitals: list[str]) -> bool:
    """A place's English form in the text, as a whole word, or a capitalised word spelt close to it
    ("Banghazi" for "Benghazi"); not a garble ("Borudov" for "Burundi", "Astenburg" for "Istanbul")."""
    if re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", english, re.I):
        return True
    return any(difflib.SequenceMatcher(None, c.lower(), form.lower()).ratio() >= 0.8 for c in capitals)


def places(english: str, arabic: str, named: Iterable[tuple[int, int]] = ()) -> list[Finding]:
    """A country the sentence names (or its demonym: "الأميركي"), or a city it names as where
    something happens, whose English (name, demonym, code or a name in common use, from the world
    data) the English does not write: dropped ("The Defense Minister" for وزير الدفاع الأميركي), cut
    ("Sudan" for جنوب السودان) or garbled ("Fenzuniya" for فنزويلا). A place inside a name of
    ``named`` (spans of the sentence: "القيادة العامة للجيش الليبي", the "LNA General Command") is
    that name's, which the names checks see to."""
    w = world()
    spans = list(named)

    def inside(lo: int, hi: int) -> bool:
        return any(a <= lo and hi <= b for a, b in spans)

    found = {p.id: p for lo, hi, p in w.places_in(arabic) if not inside(lo, hi)}
    norm, offsets = normalize_with_map(arabic)
    for m in re.finditer(r"\w+", norm):
        lo, hi = offsets[m.start()], offsets[m.end() - 1] + 1
        if (p := w.demonym(m.group())) is not None and not inside(lo, hi):
            found.setdefault(p.id, p)
    # a country inside a longer one the sentence names ("السودان" in "جنوب السودان") is that one
    longer = [p.name_en for p in found.values()]
    capitals = [re.sub(r"['’]s$", "", c) for c in re.findall(r"[A-Z][\w'’.-]*", english)]
    out: list[Finding] = []
    for place in found.values():
        if any(n != place.name_en and place.name_en in n for n in longer):
            continue
        if not any(_written(f, english, capitals) for f in w.english_forms(place)):
            why = f"{place.name_en}, which the sentence names, is not in the English"
            out.append(Finding("places", "fail", why, kind="places"))
    return out


# --- names: a spelling the Arabic may read as -----------------------------------------------

# Consonant classes both scripts fold to: t/d, s/z, k/g/j/q, b/p; vowels, w, v, y and hamza dropped.
_AR_CONSONANT = {
    "ب": "b", "ت": "t", "ث": "s", "ج": "k", "ح": "h", "خ": "k", "د": "t", "ذ": "s", "ر": "r", "ز": "s",
    "س": "s", "ش": "s", "ص": "s", "ض": "t", "ط": "t", "ظ": "s", "غ": "k", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h",
}  # fmt: skip
_EN_DIGRAPHS = (("sh", "s"), ("th", "t"), ("kh", "k"), ("gh", "k"), ("dh", "t"), ("ph", "f"), ("ch", "s"))
_EN_FOLD = str.maketrans(
    {"q": "k", "c": "k", "g": "k", "j": "k", "v": "", "x": "ks", "p": "b", "d": "t", "z": "s"}
)


def _en_skeleton(word: str) -> str:
    word = word.lower()
    for digraph, letter in _EN_DIGRAPHS:
        word = word.replace(digraph, letter)
    word = re.sub(r"[aeiouyw'’\-]", "", word.translate(_EN_FOLD))
    return re.sub(r"(.)\1+", r"\1", word)


def _ar_skeleton(word: str) -> str:
    word = normalize(word)
    word = re.sub(r"^(?:[وبلف]?ال|لل)", "", word)
    return re.sub(r"(.)\1+", r"\1", "".join(_AR_CONSONANT.get(ch, "") for ch in word))


def sounds_like(name: str, arabic: str) -> bool:
    """Whether each word of an English name is close, in consonants, to its own word (or two adjacent
    words) of the Arabic: "Ahmet Davutoglu" to "أحمد داود أوغلو", "Turkish" to "التركي". Two English
    words may not share one Arabic word ("Hamad al-Hamami" for "حمّاد"). Not proof, only a doubt."""
    tokens = re.findall(r"[\u0621-\u064A]+", normalize(arabic))
    words = [_ar_skeleton(w) for w in tokens]
    pool = [({i}, w) for i, w in enumerate(words) if w]
    # Nisba adjectives by their stem: "الأوروبية" as "أوروب", to meet "European" as "Europe".
    pool += [
        ({i}, _ar_skeleton(stem))
        for i, w in enumerate(tokens)
        if (stem := re.sub(r"(?:يه|يون|يين|ي)$", "", w)) != w
    ]
    pool += [({i, i + 1}, a + b) for i, (a, b) in enumerate(itertools.pairwise(words)) if a and b]
    names = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("al", "el", "bin")]
    # A demonym by its country: "European" as "Europe", "Turkish" as "Turk".
    parts = [_en_skeleton(re.sub(r"(?<=\w{3})(?:ean|ian|an|ese|ish|i)$", "", w)) for w in names]
    if not parts or not pool:
        return False

    def close(part: str, arabic_word: str) -> bool:
        if len(part) < 3:
            return part == arabic_word
        # A two-consonant word ("عقد", "قائد") is too short to sound like a longer name ("Egypt").
        ratio = difflib.SequenceMatcher(None, part, arabic_word).ratio() if len(arabic_word) >= 3 else 0.0
        return ratio >= 0.75 or (len(arabic_word) >= 2 and part.startswith(arabic_word))

    used: set[int] = set()
    for part in parts:
        spot = next((idx for idx, w in pool if not idx & used and close(part, w)), None)
        if spot is None:
            return False
        used |= spot
    return True


# --- echo: the prompt repeated instead of a translation -------------------------------------


def echo(english: str, prompt_texts: Iterable[str], *, about_arabic: bool = False) -> list[Finding]:
    """Four words in a row of the prompt itself ("Known names (Arabic = English): (none)"), or a word
    about "the Arabic" when the sentence (``about_arabic``) does not speak of Arabs."""
    words = re.findall(r"[a-z]+", english.lower())
    grams = {" ".join(words[i : i + 4]) for i in range(len(words) - 3)}
    prompt = " ".join(" ".join(re.findall(r"[a-z]+", t.lower())) for t in prompt_texts)
    hit = next((g for g in sorted(grams) if g in prompt), None)
    if hit is None and "arabic" in words and not about_arabic:
        hit = "the Arabic"  # it speaks about the text it was given ("The Arabic names are kept as they are.")
    if hit is None and words[:2] != ["known", "names"]:
        return []
    return [
        Finding("echo", "fail", f"the English repeats the prompt ({hit or 'known names'!r}), not the Arabic")
    ]
