"""Arabic clauses around a trigger: a sentence cut into words, phrases and clauses, for the roles.

The tokens carry what is written on each word (و / ف, ب / ل), the clause it stands in and the
mention it belongs to; :class:`Parse` answers the questions :mod:`libyapk_summ.extract._roles` asks of
them (is this a verb, a title, an office; where does this name's phrase begin; which word
governs it). The word lists are data (``data/roles.json``) and the title lexicon.

Why this module is longer than 400 lines: :class:`Parse` is one object, a sentence's tokens
and the questions asked of them; its methods read one another's answers (a title before a
name, a preposition before a title, a verb before both), so they stay together.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .._paths import data_file
from ..contract._kinds import Kinds
from ..names._describe import is_description
from ..names._names import Gazetteer
from ..names._titles import key as title_key
from ..names._world import world
from ..text._arabic import MONTHS, WEEKDAYS, normalize

DATA_FILE = data_file("roles.json")

Role = Literal["actor", "recipient", "out"]
"""actor: the side that does the event; recipient: its counterpart; out: named in the sentence,
but not a participant of this event (another clause's, a title, a place, a topic)."""

_WORD = re.compile(r"[^\s،,.;؛:!?؟()\[\]{}\"'«»“”\-–—/|]+")
_COMMA = re.compile(r"[،,;؛:\-–—(]")
_PRONOUN_END = re.compile(r"(?:ه|ها|هم|هما)$")
POSSESSIVE = ("ه", "ها", "هم", "هما")
_PAST_END = r"(?:ت|ا|تا|وا|و|ن|نا)?"
_PRESENT_END = r"(?:ان|ون|ين|ن|ا)?"
_OBJECT = r"(?:ه|ها|هم|هما)?"  # يجريها: the verb's object pronoun
CLITIC_LEADS = {"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"}


def fold(word: str) -> str:
    return normalize(word)


@functools.cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in items)


@functools.cache
def time_words() -> frozenset[str]:
    """Words of time (``time_words`` of ``data/roles.json``, weekday and month names), folded."""
    return _words([*_data()["time_words"]["words"], *MONTHS, *WEEKDAYS])


@dataclass(frozen=True)
class Lexicon:
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
    # Parse._known's answers that depend on this lexicon and the world data alone, per word.
    known_words: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    @functools.cache
    def get(cls, kinds: Kinds) -> Lexicon:
        d = _data()
        openers = {fold(w): kind for kind, words in d["openers"].items() if kind != "about" for w in words}

        def phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted((tuple(fold(p).split()) for p in items), key=len, reverse=True))

        def verbs(past: Iterable[str], present: Iterable[str]) -> str:
            alt = "|".join(sorted({re.escape(fold(w)) for w in past}, key=len, reverse=True))
            stems = "|".join(sorted({re.escape(fold(w)) for w in present}, key=len, reverse=True))
            return rf"(?:(?:{alt}){_PAST_END}|(?:س)?(?:ي|ت|ن|ا)(?:{stems}){_PRESENT_END}){_OBJECT}"

        past = [w for k in kinds for t in k.triggers for w in t.past]
        present = [w for k in kinds for t in k.triggers for w in t.present]
        nouns: dict[str, tuple[str, ...]] = {
            k.id: tuple(fold(n) for t in k.triggers for n in t.nouns) for k in kinds
        }
        control = d["control_verbs"]
        other = d["verbs"]
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
            time_words=time_words(),
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
class Token:
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
class Phrase:
    mention: Mention
    first: int  # token index where the phrase (title included) starts
    last: int  # token index of the name's last word
    governor: str  # start, trigger, verb, after, coord, prep:<word>, genitive:<governor>, title, ...
    clause: int
    at: int = -1  # token index of the governing word, where there is one


class Parse:
    """One sentence, tokenised and cut into clauses, with the phrase of each mention."""

    def __init__(self, text: str, lex: Lexicon, gazetteer: Gazetteer, mentions: Sequence[Mention]) -> None:
        self.text, self.lex, self.gaz = text, lex, gazetteer
        self.titles = gazetteer.title_words()
        self.offices = gazetteer.office_heads()
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.toks = self._tokens()
        for n, m in enumerate(self.mentions):
            for tok in self.toks:
                if tok.start < m.end and m.start < tok.end and tok.mention < 0:
                    tok.mention = n
        self._clauses()

    # --- tokens -------------------------------------------------------------------------
    def _tokens(self) -> list[Token]:
        out: list[Token] = []
        prev_end, lone = 0, False
        for m in _WORD.finditer(self.text):
            word = fold(m.group())
            if not word:
                continue
            if word == "و":  # "و المبعوث": the conjunction written apart
                lone = True
                continue
            tok = Token(m.start(), m.end(), word, comma=bool(_COMMA.search(self.text[prev_end : m.start()])))
            self._clitics(tok)
            if lone and not tok.conj:
                tok.conj = "و"
            lone = False
            out.append(tok)
            prev_end = m.end()
        return out

    def _known(self, stem: str) -> bool:
        """A word the lexicons know, so a one-letter prefix before it is a clitic."""
        if stem.startswith("ال") or title_key(stem) in self.titles:
            return True
        lex = self.lex
        known = lex.known_words.get(stem)
        if known is None:
            if len(lex.known_words) > 100_000:
                lex.known_words.clear()
            known = lex.known_words[stem] = (
                title_key(stem) in lex.locative_heads
                or stem in lex.recipient | lex.out | lex.unsure | lex.auxiliaries | lex.breakers
                or bool(lex.verb.fullmatch(stem))
                or stem in lex.openers
                or is_description(stem)
                or world().demonym(stem) is not None
                or stem in world().countries
                or stem in world().cities
            )
        return known

    def _clitics(self, tok: Token) -> None:
        word = rest = tok.word
        # A name written with a clitic: the gazetteer's mention starts after it ("وحمّاد").
        if any(m.start < tok.start < m.end for m in self.mentions):
            tok.stem = word  # a later word of a name ("هاكان فيدان"): no clitic on it
            return
        inside = next((m for m in self.mentions if tok.start < m.start < tok.end), None)
        if inside is not None and fold(self.text[tok.start : inside.start]) not in CLITIC_LEADS:
            inside = None  # not a clitic: "الباكستاني" holds no mention of "باكستان"
        if inside is not None:
            lead = fold(self.text[tok.start : inside.start])
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
        tok.stem = rest if inside is None else fold(self.text[inside.start : tok.end])

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

    def is_office(self, i: int) -> bool:
        """Token ``i`` heads an office of the title lexicon ("رئيس", "وزيرة"): it takes a complement."""
        k = title_key(self.toks[i].stem)
        return k in self.offices or (k.endswith("ه") and k[:-1] in self.offices)

    def is_title(self, i: int) -> bool:
        t = self.toks[i]
        if t.mention >= 0:  # a body or a state in a title ("قائد الجيش الباكستاني"); not a person or a city
            return self.mentions[t.mention].kind in ("organization", "country")
        k = title_key(t.stem)
        return k in self.titles or world().demonym(t.stem) is not None or world().country(t.stem) is not None

    def opener(self, i: int) -> str | None:
        """The kind of clause token ``i`` opens, or None."""
        t = self.toks[i]
        for w in (t.word, t.stem):
            bare = _PRONOUN_END.sub("", w)  # "بأنها", "أنه"
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
        tok = self.toks[i]
        for p in phrases:
            if p and p[0] != tok.word and p[0] != tok.stem:
                continue  # neither list below can equal p
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
    def phrases(self, trigger: range) -> list[Phrase]:
        out: list[Phrase] = []
        for n, m in enumerate(self.mentions):
            idx = [i for i, t in enumerate(self.toks) if t.mention == n]
            if not idx:
                continue
            first = self._title_start(idx[0], trigger)
            out.append(Phrase(m, first, idx[-1], "", self.toks[idx[0]].clause))
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
        office = any(self.is_office(q) for q in range(max(0, k - 4), k - 1))
        if gap.stem in {fold(w) for w in ("إلى", "لدى", "في")}:
            return office and (state or world().country(after.stem) is not None)
        return (
            not gap.prep
            and gap.mention < 0
            and not self.is_verb(k - 1)
            and gap.stem not in (lex.recipient | lex.out | lex.unsure | lex.breakers)
            and self.is_office(k - 2)
        )

    def _governor(self, np: Phrase, trigger: range, nps: list[Phrase]) -> tuple[str, int]:
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
                if q > 0 and toks[q - 1].stem == fold("من") and not t.prep:
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
