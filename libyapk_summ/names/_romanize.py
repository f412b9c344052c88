"""English for a personal name no kept data knows: the model's checked proposal, else a romaniser.

The order, after the curated gazetteer and the world data have had their say:

1. the model's proposal, when the consonant-skeleton check (``_skeleton``) finds
   it spells the Arabic ("Vladimir Putin" for "فلاديمير بوتين"); leading words
   the Arabic does not have ("President …") are dropped first; else the spelling
   in the model's translation of the same sentence, checked the same way;
2. ``arabic-name-romanizer``'s Wikidata dictionary word by word, which knows Arab
   names well ("Khalifa Haftar", "Ibrahim Raisi") and foreign ones badly
   ("Boutine"), hence after the proposal; a *whole* name it holds as one label
   comes first of all (3 of 31 names in ``bench/romanizer.py``, all right);
3. a readable rule-based romanisation (``_translit``).

None of these is verified: :class:`~libyapk_summ.Entity` says which one gave the
English in ``name_source``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, Literal

from ..text._skeleton import renders
from ._translit import transliterate_with

__all__ = ["checked_proposal", "english_name", "spelling_in"]

_NAME_WORD = r"(?:[A-Z][\w'’-]*|al|el|bin|ibn|bint)"
_ARTICLES = {"al", "el", "ul", "ad", "as", "ash", "at", "az", "an", "ar"}
# Arabic words one Latin spelling may write as two: "عبدالعزيز" Abdul Aziz, "أبوبكر" Abu Bakr.
_COMPOUND_LEADS = ("عبد", "ابو", "أبو")


def spells_word_for_word(name_ar: str, latin: str) -> bool:
    """Whether ``latin`` renders ``name_ar`` (``renders``) without words the Arabic lacks.

    The skeleton check alone lets a word through when its one consonant may be silent, so
    "Muhammad Akadiri" would spell "مايكاديري": a spelling may not have more words than the
    Arabic (its articles aside, a compound "عبدال…" or "أبو…" counting as two).
    """
    words_ar = name_ar.split()
    allowed = len(words_ar) + sum(w.startswith(_COMPOUND_LEADS) and len(w) > 4 for w in words_ar)
    words_en = [w for w in re.split(r"\s+", latin.strip()) if w.lower().strip("-") not in _ARTICLES]
    return len(words_en) <= allowed and renders(name_ar, latin)


_RUN = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD})*")


def checked_proposal(name_ar: str, proposal: str | None) -> str | None:
    """The part of the model's English that spells ``name_ar``, or None.

    "Egyptian President Abdel Fattah el-Sisi" for "عبد الفتاح السيسي" gives
    "Abdel Fattah el-Sisi"; "Botswana" for "بوتين" gives None.
    """
    words = (proposal or "").split()
    for start in range(min(4, len(words))):
        if spells_word_for_word(name_ar, candidate := " ".join(words[start:])):
            return candidate
    return None


def spelling_in(name_ar: str, english: str | None) -> str | None:
    """The spelling of ``name_ar`` in the model's translation of its sentence, or None.

    The translation question asks for whole sentences, and the model writes names
    there better than in a JSON list ("Vladimir Putin" where its list said nothing):
    the longest run of capitalised words that spells the Arabic is taken.
    """
    if not english:
        return None
    best: str | None = None
    for run in _RUN.finditer(english):
        words = run.group().split()
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                cand = " ".join(words[i:j])
                longer = best is None or len(cand) > len(best)
                if longer and cand[:1].isupper() and spells_word_for_word(name_ar, cand):
                    best = cand
    return best


@functools.lru_cache(maxsize=1)
def _romanizer() -> Any:
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    # Dictionary and rules only: its ONNX model spells foreign names no better than our rules
    # (bench/romanizer.py) and costs most of its load time.
    return Transliterator(auto_load_model=False)


@functools.lru_cache(maxsize=4096)
def romanized(name_ar: str) -> str | None:
    """The romaniser's spelling when its dictionary knows every word of the name, else None."""
    tr = _romanizer()
    if tr is None:
        return None
    found = tr.transliterate(name_ar, top_k=2)  # top_k=1 gives a bare string, without its source
    best = found[0] if found else None
    known = ("dictionary", "user")
    if best is None or not (
        best.source in known or (best.units and all(u.source in known for u in best.units))
    ):
        return None
    return str(found[0].text)


@functools.lru_cache(maxsize=4096)
def whole_name(name_ar: str) -> str | None:
    """The romaniser's Wikidata spelling of the whole name (a person's label), if it has one."""
    tr = _romanizer()
    found = tr.transliterate(name_ar, top_k=2) if tr is not None and " " in name_ar.strip() else []
    return str(found[0].text) if found and found[0].source == "dictionary" and not found[0].units else None


def english_name(
    name_ar: str, proposal: str | None, known: Mapping[str, str], translation: str | None = None
) -> tuple[str, Literal["model", "romanizer", "transliteration"]]:
    """``(English, source)`` for a personal name: source is "model", "romanizer" or "transliteration".

    A whole name the romaniser's Wikidata dictionary holds ("عبد الفتاح السيسي" →
    "Abdel Fattah al-Sissi") comes before the proposal: the real model spelt that one
    "Abdul Fattah Siyasi", which the skeleton check cannot tell from right.
    """
    if (whole := whole_name(name_ar)) is not None:
        return whole, "romanizer"
    if (checked := checked_proposal(name_ar, proposal) or spelling_in(name_ar, translation)) is not None:
        return checked, "model"
    if (roman := romanized(name_ar)) is not None:
        return roman, "romanizer"
    return transliterate_with(name_ar, known), "transliteration"
