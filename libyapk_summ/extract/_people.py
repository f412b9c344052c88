"""Who an event involves: names the model copied, checked and completed by code.

Per article, :class:`People` knows the gazetteer's names *and* the offices the
article ties to one person: after "القائد العام للقوات المسلحة، المشير خليفة
حفتر", a later "القائد العام للقوات المسلحة التقى …" is Khalifa Haftar too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..article._load import Sentence
from ..contract._models import Entity
from ..names._describe import is_description
from ..names._names import Gazetteer, entity_key, entity_keys, split_title
from ..names._world import world
from ..text._arabic import find_normalized, normalize
from ._clauses import time_words
from ._questions import Name

# On normalize()d text: hamza seats fold to their letter (قائد → قايد, رئيس → رييس).
_OFFICE = re.compile(r"^(?:ال)?(?:قايد|رييس|وزير|نايب|مستشار|وكيل)")
_MODIFIER = {"نايب", "ونايب", "مساعد", "مستشار", "وكيل"}  # "deputy commander" is not "commander"
_ALIAS_WORDS = 6
_PUNCT = " ،,.:;؛!?؟()[]{}\"'«»“”-–—/"
# Particles that end an office phrase: what follows is another clause ("… في موسكو").
_CLAUSE = {normalize(w) for w in "في إلى مع عن على خلال".split()}
# Particles that end a name written after a title (folded).
_PARTICLES = {normalize(w) for w in "في من على إلى عن مع الذي التي خلال لدى عند منذ حيث أو".split()}
# A word at least this common in Arabic text (wordfreq's Zipf scale: 3 is once per million words)
# that no kept data knows as a name is a noun: "المدنيين" 4.6, "الإقليم" 4.2; rare names score
# under it ("دزيي" 1.0, "سنجاري" 1.5), and known ones are resolved before this is asked.
COMMON_WORD_ZIPF = 3.5
# Who a sentence cites or refers to, not who took part: "the three sources", "observers",
# "the two sides", "the common interests" (normalize()d, the article ال dropped). The model
# lists them when asked who took part in a sentence that has no one else.
_NOT_PARTICIPANTS = {
    "مصادر", "مصدر", "مراقبون", "مراقبين", "مراقب", "جانبين", "جانبان", "طرفين", "طرفان",
    "بلدين", "بلدان", "مصالح", "تقارير",
}  # fmt: skip


def _not_a_participant(name: str) -> bool:
    words = normalize(name).split()
    return bool(words) and words[0].removeprefix("و").removeprefix("ال") in _NOT_PARTICIPANTS


def common_words(name: str) -> bool:
    """Whether a name no data knows is no name but a common noun ("المدنيين") or a phrase
    ("زعماء من الجماعات المذكورة"): one word frequent in Arabic, or words joined by a particle."""
    words = [normalize(w.strip(_PUNCT)) for w in name.split()]
    words = [w for w in words if w]
    if len(words) > 1:
        return any(w in _PARTICLES for w in words[1:-1])
    if not words:
        return True
    from wordfreq import zipf_frequency  # imported only when a name is this much in doubt

    return bool(zipf_frequency(name.strip(_PUNCT), "ar") >= COMMON_WORD_ZIPF)


def without_time(name: str) -> str:
    """The name the model copied without the words of time it ran on into ("… القطري أمس")."""
    words = name.split()
    while len(words) > 1 and normalize(words[-1].strip(_PUNCT)) in time_words():
        words.pop()
    return " ".join(words) if len(words) < len(name.split()) else name


def _name_words(e: Entity) -> tuple[str, ...]:
    """The words of an entity's name without its title, folded, the article and و dropped."""
    bare = e.name_ar.strip()
    if e.title_ar and bare.startswith(e.title_ar):
        bare = bare[len(e.title_ar) :]
    words = (normalize(w.strip(_PUNCT)) for w in bare.split())
    return tuple(w.removeprefix("و").removeprefix("ال") if len(w) > 3 else w for w in words if w)


def link_short_names(groups: Sequence[list[Entity]]) -> None:
    """Give a person named by part of a name ("العطية") the English of the one person of the
    article whose fuller name ends with it ("خالد العطية" → Khalid al-Attiyah), in place.

    Only a name no kept data resolved is relinked, and only to a single fuller name: a surname two
    people of the article share stays as it was. ``groups`` are the actors and recipients lists of
    an article's events.
    """
    full: dict[tuple[str, ...], Entity] = {}
    for e in (e for g in groups for e in g):
        if e.kind == "person" and len(words := _name_words(e)) >= 2:
            full.setdefault(words, e)
    for group in groups:
        for i, e in enumerate(group):
            words = _name_words(e)
            if e.verified or not words or e.kind not in ("person", "unknown"):
                continue
            fits = {
                f.name_en: f for k, f in full.items() if len(k) > len(words) and k[-len(words) :] == words
            }
            if len(fits) == 1:
                f = next(iter(fits.values()))
                group[i] = e.model_copy(
                    update={
                        "name_en": f.name_en, "kind": "person", "canonical_id": f.canonical_id,
                        "verified": f.verified, "name_source": f.name_source,
                    }
                )  # fmt: skip


def _bare(word: str) -> str:
    """Drop the conjunction و from an office word ("ووزير" → "وزير"), and only there."""
    return word[1:] if word.startswith("و") and _OFFICE.match(word[1:]) else word


def _kind(gaz: Gazetteer, entry_id: str) -> str | None:
    return "media" if gaz.field(entry_id, "media") else gaz.field(entry_id, "kind")


@functools.lru_cache(maxsize=64)
def _office_aliases(gazetteer: Gazetteer, text: str) -> tuple[tuple[str, str], ...]:
    """``People._office_aliases`` of an article, as pairs; memoised, since an article's people are
    read for its events and again for each translation checked (``_faithful``)."""
    seen: dict[str, set[str]] = {}
    for m in gazetteer.find_mentions(text):
        if _kind(gazetteer, m.entry_id) != "person":
            continue
        for clause in re.split(r"[،,\n]", text[max(0, m.start - 160) : m.start])[-2:]:
            words = normalize(clause).split()
            # "… المشير" before the name is a rank, not part of the office
            del words[len(words) - gazetteer.rank_tail(words) :]
            tail = range(max(0, len(words) - _ALIAS_WORDS), len(words))
            start = next((k for k in tail if _OFFICE.match(_bare(words[k]))), None)
            if start is None or len(words) - start < 2:
                continue
            while start > 0 and words[start - 1] in _MODIFIER:
                start -= 1
            office = [_bare(words[start]), *words[start + 1 :]]
            if _CLAUSE.intersection(office):
                continue  # "وزير دفاعه سيرغي شويغو في موسكو": the office ended before "في"
            named = gazetteer.find_mentions(" ".join(office))
            if any(_kind(gazetteer, x.entry_id) == "person" for x in named):
                continue
            for end in range(2, len(office) + 1):  # "القائد العام" later stands for the whole office
                seen.setdefault(" ".join(office[:end]), set()).add(m.entry_id)
    return tuple((phrase, next(iter(ids))) for phrase, ids in seen.items() if len(ids) == 1)


@dataclass
class People:
    """The people and organisations one article names, by name or by office."""

    gazetteer: Gazetteer
    text: str
    aliases: dict[str, str] = field(default_factory=dict)
    translations: dict[int, str] = field(default_factory=dict)  # sentence number -> the model's English

    def __post_init__(self) -> None:
        self.aliases = self._office_aliases()

    def _office_aliases(self) -> dict[str, str]:
        """Office phrases written right before exactly one person's name in this article.

        "نائب القائد العام …، الفريق أول ركن صدام حفتر" gives "نايب القايد العام …" for
        Saddam Haftar; a phrase that holds another name, or that two people share,
        is not an alias.
        """
        return dict(_office_aliases(self.gazetteer, self.text))

    def kind(self, entry_id: str) -> str | None:
        """The entry's kind; news outlets ("according to Reuters") are never participants."""
        return _kind(self.gazetteer, entry_id)

    def country(self, e: Entity) -> str | None:
        """The entity's country: the gazetteer's, a country's own code, else a demonym in its title
        ("الرئيس المصري" → EG), so sides follow countries for people no data knows."""
        code: str | None = self.gazetteer.field(e.canonical_id, "country")  # the gazetteer's codes are str
        if code is not None:
            return code
        if e.canonical_id and e.canonical_id.startswith("country:"):
            return e.canonical_id.removeprefix("country:")
        for word in (e.title_ar or "").split():
            if (place := world().demonym(word) or world().country(word)) is not None:
                return place.country
        return None

    def named_in(self, sentence: Sentence) -> dict[str, str]:
        """``entry id -> text as written`` for everyone the sentence names or points at by office."""
        found = {m.entry_id: m.surface for m in self.gazetteer.find_mentions(sentence.text)}
        norm = normalize(sentence.text)
        for phrase, entry_id in sorted(self.aliases.items(), key=lambda kv: -len(kv[0])):  # longest first
            if entry_id in found or phrase not in norm:  # the regex below needs the phrase as written
                continue
            hit = re.search(r"(?:^|\s)(\S*?)و?" + re.escape(phrase) + r"(?=\s|$)", norm)
            if hit is None or hit.group(1) in _MODIFIER:
                continue
            before = norm[: hit.start()].split()
            if before and before[-1] in _MODIFIER:
                continue  # "deputy" + the office is someone else
            span = find_normalized(sentence.text, phrase)
            if span is not None:
                found[entry_id] = sentence.text[span[0] : span[1]]
        return found

    def entity(self, entry_id: str, surface: str) -> Entity:
        resolved = self.gazetteer.resolve(self.gazetteer.field(entry_id, "name_en") or surface)
        return resolved.model_copy(update={"name_ar": surface})

    def from_model(self, names: Sequence[Name | str], sentence: Sentence) -> list[Entity]:
        """Entities for the names the model copied, keeping only those the sentence contains.

        A name the model invented (not in the sentence, even after orthographic
        normalisation) is dropped, and so is a known name the sentence does not
        mention (copied from elsewhere in the article); a title is split off. A news
        outlet, a city (where, not who) and a cited source ("the three sources") are not
        participants.
        """
        here = self.named_in(sentence)
        entities: list[Entity] = []
        queue = [n if isinstance(n, Name) else Name(ar=n, en="") for n in names]
        for name in queue:
            raw = without_time(name.ar)
            if _not_a_participant(raw) or is_description(raw):
                continue
            entity = self._resolve(raw, sentence, name.en)
            if not entity.verified and (listed := self._listed(raw, sentence)):
                queue.extend(Name(ar=p, en="") for p in listed)  # "القيادة العامة والحكومة الليبية"
                continue
            if not entity.verified:
                # An office the model gave alone is first the person named right after it in this
                # sentence ("القائد العام للقوات المسلحة … خليفة حفتر"), before any alias of the article.
                after = self._named_after(raw, sentence)
                if after is not None and after.verified and self.kind(after.canonical_id or "") == "person":
                    entity = after
                else:
                    entity = self._inside(raw, sentence) or entity
            if entity.name_source == "world":  # a country or city, not in the gazetteer
                if entity.kind == "place" or find_normalized(sentence.text, split_title(raw)[1]) is None:
                    continue  # a city is where, not who; or the model copied it from elsewhere
            elif entity.canonical_id:
                if entity.canonical_id not in here or self.kind(entity.canonical_id) in ("media", "place"):
                    continue
                entity = entity.model_copy(update={"name_ar": here[entity.canonical_id]})  # as written
            else:
                _, bare = split_title(raw)
                if not bare or not split_title("ال" + raw.strip())[1]:  # "وزير دفاعه", "رئيس الروسي"
                    entity = self._named_after(raw, sentence) or entity
                    if entity.name_source == "title" or not entity.title_ar:
                        continue  # only a title, and no name follows it in the sentence
                    bare = entity.name_ar[len(entity.title_ar) :].strip()
                if (span := find_normalized(sentence.text, bare)) is None:
                    continue  # the model made it up
                if entity.name_source == "transliteration" and common_words(bare):
                    continue  # "المدنيين", "الإقليم": a noun no data knows as a name
                if entity.title_ar is None:
                    entity = self._titled(entity, sentence.text, span[0], bare, name.en)
            if entity_key(entity) not in entity_keys(entities):
                entities.append(entity)
        return entities

    def _named_after(self, title: str, sentence: Sentence) -> Entity | None:
        """The person a title the model gave alone stands for: the name written right after it.

        The model answers "وزير دفاعه" for "… ووزير دفاعه سيرغي شويغو في موسكو": the words
        after the title, up to punctuation, a particle or the next title, are the name.
        """
        text = sentence.text
        span = find_normalized(text, title.strip())
        if span is None:
            return None
        start = text.rfind(" ", 0, span[0]) + 1  # the whole first word: "الرئيس" for "رئيس"
        start += text[start] == "و" and start < span[0]  # but not the conjunction of "ووزير"
        name: list[str] = []
        for word in text[span[1] :].split()[:5]:
            core = word.strip(_PUNCT)
            folded = normalize(core)
            if not core or folded in _PARTICLES or folded in time_words():
                break
            if split_title(core)[0] or split_title(core[1:])[0]:
                break
            name.append(core)
            if core != word.rstrip(".") and word[-1:] in '،,؛:.)»"':
                break
        if not name or is_description(" ".join(name)):
            return None
        written = f"{text[start : span[1]]} {' '.join(name)}"
        entity = self.gazetteer.resolve(
            written, context=text, translation=self.translations.get(sentence.number)
        )
        return entity.model_copy(update={"name_ar": written}) if entity.title_ar else None

    def _titled(self, entity: Entity, text: str, start: int, bare: str, proposal: str) -> Entity:
        """The title written right before a name the model copied without it.

        "استقبل الرئيس الروسي فلاديمير بوتين": the model gives "فلاديمير بوتين"; the
        words before it, up to a comma, that are all titles ("الرئيس الروسي") are its office.
        """
        words = re.split(r"[،,.:؛]", text[max(0, start - 80) : start])[-1].split()
        for k in range(min(6, len(words)), 0, -1):
            phrase = " ".join(words[-k:])
            title, rest = split_title(phrase)
            if title and not rest:
                titled = self.gazetteer.resolve(f"{phrase} {bare}", proposal=proposal)
                if titled.title_ar and titled.name_en == entity.name_en:
                    return entity.model_copy(
                        update={"title_ar": titled.title_ar, "title_en": titled.title_en}
                    )
        return entity

    def _resolve(self, raw: str, sentence: Sentence, proposal: str | None = None) -> Entity:
        english = self.translations.get(sentence.number)
        entity = self.gazetteer.resolve(raw, context=sentence.text, proposal=proposal, translation=english)
        if not entity.verified and not raw.strip().startswith("ال"):
            # The 1.5B model often drops the article: "جيش الوطني الليبي" for "الجيش …".
            with_article = self.gazetteer.resolve("ال" + raw.strip(), context=sentence.text)
            known = with_article.verified or with_article.name_source == "gazetteer"
            entity = with_article if known else entity
        return entity

    def _listed(self, raw: str, sentence: Sentence) -> list[str]:
        """The parts of "X وY" when each part is a name the gazetteer knows, else nothing."""
        parts = re.split(r"\s+و(?=\S{2})", raw.strip())
        if len(parts) < 2:
            return []
        known = all((e := self._resolve(p, sentence)).verified or e.name_source == "gazetteer" for p in parts)
        return parts if known else []

    def _inside(self, raw: str, sentence: Sentence) -> Entity | None:
        """A known person inside a longer string ("رئيس وزراء باكستان محمد شهباز شريف"),
        else any known entity, else an office the article ties to one person."""
        mentions = self.gazetteer.find_mentions(raw)
        people = [m for m in mentions if self.kind(m.entry_id) == "person"]
        pick = next(iter(people or mentions), None)
        if pick is not None:
            entity = self.gazetteer.resolve(raw[pick.start : pick.end], context=sentence.text)
            title, _ = split_title(raw)
            return entity.model_copy(update={"title_ar": entity.title_ar or title})
        entry_id = self.aliases.get(normalize(raw).strip())
        return self.entity(entry_id, raw) if entry_id else None

    def sides(
        self, actors: list[Entity], recipients: list[Entity], sentence: Sentence
    ) -> tuple[list[Entity], list[Entity]]:
        """Complete and orient the model's participant lists with what code knows.

        People and organisations the sentence names (or points at by office) join
        the event even when the model left them out, and sides follow countries:
        whoever shares the country of the first actor is an actor, the other
        country's people are recipients (a 1.5B model lists both sides of a
        meeting as "actors").
        """
        listed = entity_keys(actors + recipients)
        found = [
            self.entity(entry_id, surface)
            for entry_id, surface in self.named_in(sentence).items()
            if entry_id not in listed and self.kind(entry_id) in ("person", "organization")
        ]
        everyone = actors + [e for e in recipients if entity_key(e) not in entity_keys(actors)] + found
        side = next((c for e in actors + found if (c := self.country(e))), None)
        if side is None:
            return actors + found, [e for e in everyone if e not in actors and e not in found]
        ours = [e for e in everyone if self.country(e) == side or (self.country(e) is None and e in actors)]
        return ours, [e for e in everyone if e not in ours]

    def add_to(self, actors: list[Entity], recipients: list[Entity], sentence: Sentence) -> None:
        """Add the people a follow-up sentence names ("attending were …"), on their country's side."""
        listed = entity_keys(actors + recipients)
        side = next((c for e in actors if (c := self.country(e))), None)
        for entry_id, surface in self.named_in(sentence).items():
            if entry_id in listed or self.kind(entry_id) != "person":
                continue
            entity = self.entity(entry_id, surface)
            (actors if side and self.country(entity) == side else recipients).append(entity)
