"""Readable rule-based Arabic-to-Latin for names no data source knows: a reading aid, never verified."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..text._arabic import normalize
from ._titles import tokens

_ARABIC = re.compile(r"[\u0600-\u06FF]")


_CONSONANTS = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ک": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ھ": "h",
    "ء": "",
    "ئ": "",
    "ؤ": "",
    "پ": "p",
    "چ": "ch",
    "گ": "g",
    "ڤ": "v",
    "ٹ": "t",
    "ڈ": "d",
    "ڑ": "r",
}
_MARKS = {"\u064e": "a", "\u0650": "i", "\u064f": "u"}
COMMON = {  # fixed spellings that letter-by-letter rules get wrong
    "محمد": "Mohammed",
    "احمد": "Ahmed",
    "عبد الله": "Abdullah",
    "عبدالله": "Abdullah",
    "علي": "Ali",
    "عمر": "Omar",
    "عثمان": "Osman",
    "حسن": "Hassan",
    "حسين": "Hussein",
    "يوسف": "Youssef",
    "ابو": "Abu",
    "بن": "bin",
    "ابن": "ibn",
    "مصطفي": "Mustafa",
    "ابراهيم": "Ibrahim",
}


def _word(word: str) -> str:
    """One Arabic word to lower-case Latin; short vowels from harakat, else guessed."""
    units: list[list[str]] = []  # [letter, harakat after it]
    for ch in word:
        if "\u064b" <= ch <= "\u065f":
            if units:
                units[-1][1] += ch
        elif ch != "\u0640":
            units.append([ch, ""])
    pieces: list[tuple[str, str]] = []  # (latin, "C" consonant or "V" vowel)
    for idx, (ch, marks) in enumerate(units):
        nxt = units[idx + 1][0] if idx + 1 < len(units) else ""
        if ch in "اآٱىة":
            pieces.append(("a", "V"))
        elif ch in "أإ":
            pieces.append(("i" if ch == "إ" or "\u0650" in marks else "a", "V") if idx == 0 else ("", "C"))
        elif ch in "وي":  # a glide at the start, after a vowel, or before alif/waw/yeh ("نويد" -> "nawid")
            glide = idx == 0 or pieces[-1][1] == "V" or (nxt != "" and nxt in "اآوي")
            pieces.append(({"و": "w", "ي": "y"}[ch], "C") if glide else ({"و": "u", "ي": "i"}[ch], "V"))
        else:
            pieces.append(("i", "V") if ch in "یے" else (_CONSONANTS.get(ch, ch), "C"))
        if "\u0651" in marks and pieces[-1][1] == "C":
            pieces[-1] = (pieces[-1][0] * 2, "C")
        pieces += [(_MARKS[m], "V") for m in marks if m in _MARKS]
    if len(pieces) >= 2 and not any(m in _MARKS for _, marks in units for m in marks):
        # Unvowelled: an "a" after the first consonant and in a final cluster ("حفتر" -> "haftar").
        if len(pieces) >= 3 and pieces[-1][1] == pieces[-2][1] == "C":
            pieces.insert(len(pieces) - 1, ("a", "V"))
        if pieces[0][1] == pieces[1][1] == "C":
            pieces.insert(1, ("a", "V"))
    return "".join(p for p, _ in pieces)


def transliterate_with(name_ar: str, known: Mapping[str, str]) -> str:
    words = [t[0] for t in tokens(name_ar)]
    keys = [normalize(w) for w in words] + [""]  # the tables are keyed folded; rules read the letters
    out: list[str] = []
    i = 0
    while i < len(words):
        w, k, nxt = words[i], keys[i], keys[i + 1]
        if f"{k} {nxt}" in known or (k == "عبد" and nxt.startswith("ال") and len(nxt) > 3):
            out.append(known.get(f"{k} {nxt}") or "Abdul " + _word(words[i + 1][2:]).capitalize())
            i += 1  # "عبد الله", "عبد الرحمن"
        elif k in known:
            out.append(known[k])
        elif k.startswith("ال") and len(k) > 3:
            out.append("al-" + _word(w[2:]).capitalize())
        else:
            out.append(_word(w).capitalize() if _ARABIC.search(w) else w)
        i += 1
    return " ".join(x for x in out if x)


def transliterate(name_ar: str) -> str:
    """Readable rule-based Arabic-to-Latin for names the gazetteer does not know.

    Not a standard romanisation: short vowels are guessed when unwritten, so the
    result is a reading aid, never a verified name.

    Args:
        name_ar: an Arabic name, e.g. "علي حفتر".

    Returns:
        Latin letters, e.g. "Ali Haftar".
    """
    return transliterate_with(name_ar, COMMON)
