"""Check the English of a report against its Arabic source: numbers, dates and names.

The model writes every English sentence of a report, and a 1.5B model adds
facts: "Benghazi, Egypt", "from November 17 to December 19", "Ali Rukan".
:func:`english_mismatches` reports each number, month, weekday or proper name in
the English (headline, summary, key points, event summaries) that cannot be
traced to the Arabic article. What is traceable is computed in code:

- numbers: digits and number words of the Arabic, scaled ("أربعة مليارات" gives
  4 and 4,000,000,000), the days and years of every date expression resolved
  against the publication date, and the publication date itself. English digits
  are always checked, years and days included; English number words only before
  a scale or a currency ("four billion dollars"): "one of the largest" and "two
  countries" (an Arabic dual) state no quantity.
- dates: month and weekday names the Arabic uses, or that a resolved expression
  ("ديسمبر الماضي", "أمس") or the publication date falls in.
- names: capitalised words matching no English name of a gazetteer entry the
  Arabic mentions, no entity of the report's events, no Latin word of the source
  and, for names of two words or more, no run of transliterated Arabic words.
  Spelling variants pass ("Zahir" for "Zaheer"). Office and institution words
  are skipped; the word that opens a sentence, and any headline word (Title
  Case), is checked only when it is a known name (gazetteer, common places), so
  "Ali Rukan met ..." is reported as "Rukan".

Not checked: offices and roles ("President" for a prime minister), who did what,
ordinal and bare number words, whether a day goes with its month, and names
built from words of traced names ("Ahmad Babar Sidhu" for "Zaheer Ahmed Babar
Sidhu" passes). It is meant to be precise rather than complete.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

from ..article._published import published_day
from ..contract._labels import MONTHS_EN, WEEKDAYS_EN
from ..contract._models import ArticleReport
from ..names._names import Gazetteer
from ..names._trace import arabic_names, known_english, spelled_part, world_english, world_traced
from ..names._translit import transliterate
from ..text._arabic import MONTHS, NUMBER_WORDS, WEEKDAYS, normalize
from ..values._dates import find_date_expressions, resolve_date

__all__ = ["Mismatch", "arabic_quantities", "english_mismatches", "english_quantities"]


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One English token or phrase that the Arabic source does not support."""

    field: str
    kind: Literal["number", "date", "name"]
    value: str
    detail: str


_TEENS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_SMALL = {w: i for i, w in enumerate(f"{_TEENS} seventeen eighteen nineteen twenty".split(), 1)}
_SMALL |= {w: 10 * i for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALES["bn"] = 10**9
_EN_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(?:[\s-]*(?P<scale>hundred|thousand|million|billion|trillion|bn)\b|(?!\w|,\d))",
    re.I,
)
_WORDS = "|".join(_SMALL)
_EN_WORDS = re.compile(
    rf"\b(?P<num>(?:{_WORDS})(?:[\s-]+(?:{_WORDS}))*)(?P<scale>(?:[\s-]+(?:{'|'.join(_SCALES)}))*)"
    r"(?P<unit>\s+(?:dollars?|euros?|dinars?|rupees?|pounds?|percent|per\s+cent))?\b",
    re.I,
)
# Abbreviations and "May" count as months only before a day number ("may" is a verb).
_EN_MONTH = re.compile(
    r"\b(?:(?P<m>(?!May)(?:" + "|".join(MONTHS_EN) + r"))\b|(?P<a>May|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
    r"|Sept?|Oct|Nov|Dec)\b\.?(?=\s+\d))"
)
_EN_DAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS_EN) + r")\b")
_EN_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_NAME_WORD = r"(?:\b[A-Z][A-Za-z]*(?:['’][A-Za-z]+)?|\b(?:al|el|bin|ibn|bint|ul|ud|de)\b)"
_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t-]+{_NAME_WORD})*")  # "Saddam Haftar", "al-Huwaij"

# Arabic: digits, or runs of number words ("خمسة وعشرين"), then an optional scale.
_AR_WORDS = {normalize(w): n for w, n in NUMBER_WORDS.items()}
_AR_WORDS |= {normalize(t + e): 10 * i for i, t in enumerate("عشر ثلاث أربع خمس ست سبع ثمان تسع".split(), 2)
              for e in ("ين", "ون")}  # fmt: skip
_AR_WORDS |= {"احد": 1, "احدي": 1, "اثنا": 2, "اثنتا": 2, "اثني": 2}  # "أحد عشر", "اثنا عشر"
_TEEN_PARTS = {"احد", "احدي", "اثنا", "اثنتا", "اثني"}
_AR_SCALES = {"مئه": 100, "مائه": 100, "الف": 10**3, "الاف": 10**3, "مليون": 10**6, "ملايين": 10**6}
_AR_SCALES |= {"مليار": 10**9, "مليارات": 10**9, "مئتين": 200, "مائتين": 200, "الفين": 2000}
_AR_SCALES |= {"مليونين": 2 * 10**6, "مليارين": 2 * 10**9}
_AR_WORD = "(?:" + "|".join(sorted(_AR_WORDS, key=len, reverse=True)) + ")"
_AR_NUMBER = re.compile(
    rf"(?:(?<!\d)(?P<d>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:[.٫]\d+)?)(?!\d)"
    rf"|(?<!\w)(?:[وب]?ال|[وب])?(?P<w>{_AR_WORD}(?:\s+و?{_AR_WORD})*)(?!\w))"
    r"(?:\s*(?P<s>" + "|".join(sorted(_AR_SCALES, key=len, reverse=True)) + r")(?!\w))?"
    r"|(?<!\w)[وب]?(?P<bare>" + "|".join(_AR_SCALES) + r")(?!\w)"  # "مليار دولار": one billion
)

# Title-case words of offices, institutions and plain English: never names.
_STOP = set(
    """the a an and or of in on at for with to from by as after before during between about into over
    under while this that these those his her its their our it he she they we i upon following amid
    also other both all each several some many new key senior high level official officials joint
    libya libyan pakistan pakistani arab arabic islamic muslim eastern western east west north south
    republic state government national forces force armed army air navy naval land ground marine
    maritime coast guard military defence defense foreign affairs ministry minister prime president
    presidential deputy vice chief chiefs staff commander general field marshal lieutenant major colonel
    brigadier admiral captain officer chairman head leader speaker ambassador envoy secretary adviser
    advisor assistant special spokesman mr mrs dr sir excellency command headquarters ghq office council
    committee cabinet parliament house representatives assembly authority authorities interior security
    intelligence media press information communication communications production strategic strategy
    alliance protocol agreement agreements memorandum understanding treaty deal cooperation partnership
    relations base bases academy college institute university centre center conference summit meeting
    visit talks session mission delegation embassy consulate consular province region city capital
    airport port palace ceremony operation operations unit division brigade battalion corps services
    service department directorate administration international world global regional united nations
    stability unity accord salvation supreme training development economic energy trade investment
    education transport technology industry sources source however meanwhile according despite middle
    gulf sea mediterranean africa african asia asian islam english libyans pakistanis gen lt col maj brig
    adm capt coas""".split()
)
_CONNECTORS = {"al", "el", "bin", "ibn", "bint", "ul", "ud", "de"}
# Places a model drags in from its training data; with the gazetteer's names these
# make a word that opens a sentence (or a headline word) worth checking.
_PLACES = set(
    """egypt egyptian cairo tunisia tunisian tunis algeria algerian sudan sudanese chad niger morocco
    turkey turkish türkiye ankara russia russian moscow china chinese beijing qatar qatari doha uae
    emirates emirati saudi riyadh iran iranian tehran india indian delhi afghanistan afghan america
    american washington usa france french paris italy italian rome britain british london europe
    european tripoli misrata sirte tobruk derna sabha karachi lahore peshawar syria iraq jordan
    israel gaza""".split()
)
_DEMONYMS = {"egyptian": "egypt", "indian": "india", "tunisian": "tunisia", "turkish": "turkey"}


def _fold(word: str) -> str:
    """Matching key of an English name word: lower case, no possessive."""
    return re.sub(r"['’]s?$", "", word.lower())


@functools.lru_cache(maxsize=8192)
def _skeleton(word: str) -> str:
    """Consonant skeleton, so "Zahir" and "Zaheer", "Mohamed" and "Muhammad" compare equal.

    "w" stays: without it "Awl" (أول, a rank word) would spell "Ali".
    """
    word = _fold(word).replace("ph", "f").replace("q", "k").replace("v", "w").replace("ee", "i")
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy'’-]", "", word))


def _name_words(*names: str) -> set[str]:
    return {_fold(w) for n in names for w in _EN_TOKEN.findall(n)} - _CONNECTORS


class _Support:
    """What the Arabic article supports, computed once per report."""

    def __init__(
        self, numbers: AbstractSet[float], months: AbstractSet[int], weekdays: AbstractSet[int],
        names: AbstractSet[str], known: AbstractSet[str], text: str,
    ) -> None:  # fmt: skip
        self.numbers, self.months, self.weekdays = numbers, months, weekdays
        self.names = names
        self.known = known  # name words worth checking anywhere: the gazetteer's, _PLACES, world data
        self.text = text
        self.world = world_english(text)  # English of the countries, cities and demonyms it writes
        self.title_words: frozenset[str] = frozenset()

    @functools.cached_property
    def spoken(self) -> str:
        """Skeletons of the article's words, transliterated, " w1 w2 ... " (only some checks need it)."""
        return _spoken(self.text)

    def traced(self, word: str, *, in_name: bool = False) -> bool:
        """A name word of the source, spelt alike; in a longer name ``in_name``, "Reza" matches "Raza"."""
        key, skel = _fold(word), _skeleton(word)
        if key in self.names or _DEMONYMS.get(key) in self.names or world_traced(word, self.world):
            return True
        return len(skel) >= 3 - in_name and skel in self._skeletons

    @functools.cached_property
    def _skeletons(self) -> frozenset[str]:
        return frozenset(_skeleton(n) for n in self.names)


@functools.lru_cache(maxsize=64)
def _spoken(text: str) -> str:
    return " " + " ".join(_skeleton(w.removeprefix("al-")) for w in transliterate(text).split()) + " "


@functools.lru_cache(maxsize=8)
def _known(gazetteer: Gazetteer) -> frozenset[str]:
    entries = gazetteer.entries()
    known = _name_words(*(n for e in entries for n in [e["name_en"], *e.get("aka_en", [])]))
    return frozenset((known | _PLACES | {w for w in known_english() if len(w) > 2}) - _STOP - _CONNECTORS)


@dataclass(frozen=True, slots=True)
class _TextFacts:
    numbers: frozenset[float]
    months: frozenset[int]
    weekdays: frozenset[int]
    names: tuple[str, ...]
    words: frozenset[str]  # _name_words of names and of the Latin words of the text


@functools.lru_cache(maxsize=64)
def _text_facts(gazetteer: Gazetteer, text: str, pub: dt.date | None) -> _TextFacts:
    """What an article's text and publication date support (cached: a report is checked before and
    after its re-asks, and the text, unlike the report, does not change)."""
    norm = normalize(text)
    numbers: set[float] = set()
    for m in _AR_NUMBER.finditer(norm):
        if m["bare"]:
            numbers.add(float(_AR_SCALES[m["bare"]]))
            continue
        parts = [_AR_WORDS[w.lstrip("و")] for w in m["w"].split()] if m["w"] else []
        # "ثلاثة عشر" is 13, "خمسة وعشرين" is 25: the parts add up.
        base = float(m["d"].replace(",", "").replace("٫", ".")) if m["d"] else float(sum(parts))
        numbers |= {*map(float, parts), base, base * _AR_SCALES.get(m["s"] or "", 1)}

    def found(word: str) -> bool:
        key = normalize(word)
        return key in norm and re.search(rf"(?<!\w)[وبل]?{key}(?!\w)", norm) is not None

    months = {n for w, n in MONTHS.items() if found(w)}
    weekdays = {n for w, n in WEEKDAYS.items() if found(w)}
    days: list[dt.date] = [pub] if pub else []
    for mention in find_date_expressions(text):
        date = resolve_date(mention.raw, pub)
        if date.start is None or date.end is None:
            continue
        numbers |= {float(date.start.year), float(date.end.year)}
        if date.precision in ("day", "range", "month"):  # "الشهر الماضي" supports its month by name
            month = date.start.replace(day=1)
            while month <= date.end and len(months) < 12:
                months.add(month.month)
                month = (month + dt.timedelta(days=32)).replace(day=1)
        if date.precision in ("day", "range"):
            days += [date.start, date.end]
    numbers |= {float(n) for d in days for n in (d.day, d.year)}
    months |= {d.month for d in days}
    weekdays |= {d.weekday() for d in days}
    names: list[str] = []
    for named in gazetteer.find_mentions(text):
        entry = named.entry_id
        names += [gazetteer.field(entry, "name_en") or "", *(gazetteer.field(entry, "aka_en") or [])]
    for e in gazetteer.entries():  # a surname alone ("حفتر") is no mention, but it supports "Haftar"
        if any(found(short) for short in e.get("short_ar", [])):
            names += [n.split()[-1] for n in [e["name_en"], *e.get("aka_en", [])]]
    latin = re.findall(r"[A-Za-z]{2,}", text)  # Latin already in the source: "LNA", a URL
    return _TextFacts(
        frozenset(round(n, 6) for n in numbers), frozenset(months), frozenset(weekdays), tuple(names),
        frozenset(_name_words(*names, *latin)),
    )  # fmt: skip


def arabic_quantities(text: str) -> list[tuple[str, frozenset[float]]]:
    """Each number the Arabic writes (digits or number words, "تسعة", "اثنين", "100 ألف"), as it
    is written and the values an English rendering of it may give (100 or 100,000); "واحد" and
    a scale alone ("مليار دولار", "آلاف") are left out: they are rarely rendered as a number."""
    out: list[tuple[str, frozenset[float]]] = []
    for m in _AR_NUMBER.finditer(normalize(text)):
        run = [w.lstrip("و") for w in m["w"].split()] if m["w"] else []
        # the first parts of "أحد عشر", "اثنا عشر" are no number alone ("وأثنى", praised; "أحد", one of)
        words = [
            w
            for i, w in enumerate(run)
            if w not in _TEEN_PARTS or "".join(run[i + 1 : i + 2]).startswith("عشر")
        ]
        if m["bare"] or (m["w"] and not words) or (len(words) == 1 and _AR_WORDS[words[0]] == 1):
            continue
        base = (
            float(m["d"].replace(",", "").replace("٫", "."))
            if m["d"]
            else float(sum(_AR_WORDS[w] for w in words))
        )
        values = {base, base * _AR_SCALES.get(m["s"] or "", 1)}
        out.append((m.group().strip(), frozenset(round(v, 6) for v in values)))
    return out


def english_quantities(text: str) -> frozenset[float]:
    """Every number the English writes, in digits or words, bare ("two") or scaled ("four billion")."""
    values: set[float] = set()
    for m in _EN_NUMBER.finditer(text):
        base = float(m["num"].replace(",", ""))
        values |= {base, base * (_SCALES[m["scale"].lower()] if m["scale"] else 1)}
    for m in _EN_WORDS.finditer(text):
        base = float(sum(_SMALL[w.lower()] for w in re.split(r"[\s-]+", m["num"])))
        scaled = base
        for scale in (s for s in re.split(r"[\s-]+", m["scale"]) if s):
            scaled *= _SCALES[scale.lower()]
        values |= {base, scaled}
    return frozenset(round(v, 6) for v in values)


def _support(report: ArticleReport, gazetteer: Gazetteer) -> _Support:
    text = report.article.text
    facts = _text_facts(gazetteer, text, published_day(report.article))
    names = [e.name_en for ev in report.events for e in [*ev.actors, *ev.recipients, ev.location] if e]
    words = facts.words | _name_words(*names)  # the text's names (memoised with its facts), the events'
    words |= {d for d, country in _DEMONYMS.items() if country in words}
    words |= world_english(text)
    support = _Support(facts.numbers, facts.months, facts.weekdays, words, _known(gazetteer), text)
    support.title_words = gazetteer.title_words()
    return support


def _number(field: str, value: float, written: str, support: _Support) -> list[Mismatch]:
    if round(value, 6) in support.numbers:
        return []
    shown = f"{value:,.0f}" if value == int(value) and value >= 10_000 else f"{value:g}"
    return [Mismatch(field, "number", written.strip(), f"{shown} is not a number the article gives")]


def _numbers(field: str, text: str, support: _Support) -> list[Mismatch]:
    out: list[Mismatch] = []
    for m in _EN_NUMBER.finditer(text):
        scale = _SCALES[m["scale"].lower()] if m["scale"] else 1
        out += _number(field, float(m["num"].replace(",", "")) * scale, m.group(), support)
    for m in _EN_WORDS.finditer(text):
        scales = [_SCALES[s.lower()] for s in re.split(r"[\s-]+", m["scale"]) if s]
        if scales or m["unit"]:  # "one of the largest", "two countries": no stated quantity
            value = float(sum(_SMALL[w.lower()] for w in re.split(r"[\s-]+", m["num"])))
            for s in scales:
                value *= s
            out += _number(field, value, m["num"] + m["scale"], support)
    return out


def _dates(field: str, text: str, support: _Support) -> list[Mismatch]:
    out: list[Mismatch] = []
    for m in _EN_MONTH.finditer(text):
        word = m["m"] or m["a"]
        month = next(i for i, name in enumerate(MONTHS_EN, 1) if name.startswith(word[:3]))
        if month not in support.months:
            why = f"{MONTHS_EN[month - 1]} is not a month the article mentions or implies"
            out.append(Mismatch(field, "date", word, why))
    for m in _EN_DAY.finditer(text):
        if WEEKDAYS_EN.index(m.group()) not in support.weekdays:
            why = f"{m.group()} is not a weekday the article mentions or implies"
            out.append(Mismatch(field, "date", m.group(), why))
    return out


def _names(field: str, text: str, support: _Support, *, headline: bool) -> list[Mismatch]:
    """Check runs of capitalised words ("Benghazi", "Ali Rukan"); punctuation ends a run."""
    out: list[Mismatch] = []
    for span in _RUN.finditer(text):
        run = list(_EN_TOKEN.finditer(text, span.start(), span.end()))
        in_name = sum(_fold(t.group()) not in _STOP | _CONNECTORS for t in run) > 1
        bad: list[re.Match[str]] = []
        for i, tok in enumerate(run):
            word, key = tok.group(), _fold(tok.group())
            before = text[: tok.start()].rstrip()
            # A sentence's first word and Title Case headline words are capitalised anyway:
            # without a dictionary, check them only when they are known names.
            opens = i == 0 and (not before or before[-1] in ".!?:;\"'(}“")
            if key in _CONNECTORS:
                continue  # "al-" neither ends nor starts an untraced name
            skip = key in _STOP or word in MONTHS_EN or word in WEEKDAYS_EN
            unknown = (headline or opens) and key not in support.known
            if skip or unknown or support.traced(word, in_name=in_name):
                out += _name_mismatch(field, text, bad, support)
                bad = []
            else:
                bad.append(tok)
        out += _name_mismatch(field, text, bad, support)
    return out


def _name_mismatch(field: str, text: str, toks: list[re.Match[str]], support: _Support) -> list[Mismatch]:
    if not toks:
        return []
    value = text[toks[0].start() : toks[-1].end()]
    words = [_skeleton(t.group()) for t in toks if _fold(t.group()) not in _CONNECTORS]
    if len(words) > 1 and all(words) and f" {' '.join(words)} " in support.spoken:
        return []  # a person the gazetteer does not know, spelt as the Arabic reads
    known = any(_fold(t.group()) in support.known for t in toks)
    if not known and (traced := spelled_part(text, toks, arabic_names(support.text, support.title_words))):
        # the same by consonant skeleton ("Vladimir Putin" for "فلاديمير بوتين"); only what is
        # left over ("FM" of "FM Khalid al-Attiyah") stays to be checked
        return _name_mismatch(field, text, toks[: traced[0]], support) + _name_mismatch(
            field, text, toks[traced[1] :], support
        )
    if known:
        why = f"{value}: a known name, but the Arabic article does not name it"
    else:
        why = f"{value}: no name in the Arabic article or its events matches"
    return [Mismatch(field, "name", value, why)]


def english_mismatches(report: ArticleReport, gazetteer: Gazetteer | None = None) -> list[Mismatch]:
    """Numbers, dates and names in a report's English that its Arabic source does not support.

    Args:
        report: a report from :func:`libyapk_summ.summarize`.
        gazetteer: the names to trace against; pass the one the report was made
            with (default: the packaged gazetteer).

    Returns:
        One :class:`Mismatch` per untraceable token, in field order (headline,
        summary, key points, events), then text order; empty when all traces.
    """
    support = _support(report, gazetteer or Gazetteer.default())
    brief = report.brief
    fields = [("brief.headline_en", brief.headline_en), ("brief.summary_en", brief.summary_en)]
    fields += [(f"brief.key_points[{i}].en", k.en) for i, k in enumerate(brief.key_points)]
    # Events' summary_en lines are written by code from resolved fields: nothing to trace.
    out: list[Mismatch] = []
    for field, text in fields:
        found = _numbers(field, text, support) + _dates(field, text, support)
        found += _names(field, text, support, headline=field == "brief.headline_en")
        out += sorted(found, key=lambda m: text.find(m.value))
    return out
