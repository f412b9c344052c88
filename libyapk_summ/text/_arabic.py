"""Arabic text helpers for *matching only*: the stored text is never changed.

``normalize_with_map`` returns a normalised copy plus, for every character of the
copy, the offset of the original character it came from, so a match found in the
copy maps back to exact offsets in the source (the langextract approach).

Written here rather than taken from camel-tools: camel-tools pulls in torch,
transformers and a data download for what amounts to a dozen character rules.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = set(chr(c) for c in range(0x0610, 0x061B)) | set(chr(c) for c in range(0x064B, 0x0660))
_DIACRITICS |= {"\u0670", "\u06d6", "\u06d7", "\u06d8", "\u06d9", "\u06da", "\u06db", "\u06dc"}
_TATWEEL = "\u0640"
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "\u200f": "",
    "\u200e": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_DASHES = {"–": "-", "—": "-", "‐": "-", "−": "-"}


def _fold_char(ch: str) -> str:
    if ch in _DIACRITICS or ch == _TATWEEL:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch in _DIGITS:
        return _DIGITS[ch]
    if ch in _DASHES:
        return _DASHES[ch]
    if ch.isspace():
        return " "
    return ch.lower()


class _Folds(dict[int, str]):
    """Code point -> folded text, each character folded once per process (a ``str.translate`` table)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDS = _Folds()
_SPACE_RUNS = re.compile(" {2,}")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` for matching and map each output char to its source offset.

    Folds diacritics, tatweel, alef/hamza forms, alef maksura, ta marbuta,
    Arabic-Indic digits, Arabic punctuation and runs of whitespace.

    Returns:
        ``(normalised, offsets)`` where ``offsets[i]`` is the index in ``text`` of
        the character that produced ``normalised[i]``.
    """
    norm, offsets = _with_map(text)
    return norm, list(offsets)


# Characters that do not fold to exactly one non-space character: whitespace (runs collapse),
# marks and joiners (dropped), and the one letter whose lower case is two. A lone space between
# two other characters folds to itself; everything else between the runs folds one to one, so a
# whole stretch is folded at once and its offsets are a range.
_DROPPED = _DIACRITICS | {_TATWEEL, "\u0130"} | {k for k, v in _FOLD.items() if len(v) != 1}
_IRREGULAR = re.compile("[\\s" + re.escape("".join(sorted(_DROPPED))) + "]+")


@functools.lru_cache(maxsize=512)
def _with_map(text: str) -> tuple[str, tuple[int, ...]]:
    # Cached: one article's text and sentences are matched many times over (names, dates,
    # amounts, checks); the answer is a tuple so no caller can change the cached copy.
    out: list[str] = []
    offsets: list[int] = []
    space = True  # at the start, or after a space: another space is dropped

    def one_by_one(lo: int, hi: int) -> None:
        nonlocal space
        for i in range(lo, hi):
            for f in _FOLDS[ord(text[i])]:
                if f == " ":
                    if space:
                        continue
                    space = True
                else:
                    space = False
                out.append(f)
                offsets.append(i)

    def stretch(lo: int, hi: int) -> None:
        nonlocal space
        piece = text[lo:hi].translate(_FOLDS)
        if len(piece) != hi - lo or piece[0] == " " or piece[-1] == " " or "  " in piece:
            one_by_one(lo, hi)  # a character the class above missed: fold it the slow way
            return
        out.append(piece)
        offsets.extend(range(lo, hi))
        space = False

    pos, size = 0, len(text)
    for m in _IRREGULAR.finditer(text):
        lo, hi = m.span()
        if hi - lo == 1 and 0 < lo and hi < size and text[lo].isspace():
            continue  # a lone space inside the stretch
        if pos < lo:
            stretch(pos, lo)
        one_by_one(lo, hi)
        pos = hi
    if pos < size:
        stretch(pos, size)
    norm = "".join(out)
    if norm.endswith(" "):
        norm = norm[:-1]
        offsets.pop()
    return norm, tuple(offsets)


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Normalised copy of ``text`` for comparisons (see :func:`normalize_with_map`).

    Cached: names, months and sentences come back again and again.
    """
    return _SPACE_RUNS.sub(" ", unicodedata.normalize("NFC", text).translate(_FOLDS)).strip(" ")


def find_normalized(haystack: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """Find ``needle`` in ``haystack`` ignoring orthographic variation.

    Returns:
        ``(start, end)`` offsets in the *original* haystack, or None.
    """
    norm_h, offsets = normalize_with_map(haystack)
    norm_n = normalize(needle).strip(" .,;:")
    if not norm_n:
        return None
    from_pos = 0
    if start:
        from_pos = next((k for k, off in enumerate(offsets) if off >= start), len(norm_h))
    idx = norm_h.find(norm_n, from_pos)
    if idx < 0:
        return None
    last = idx + len(norm_n) - 1
    return offsets[idx], offsets[last] + 1


MONTHS: dict[str, int] = {
    "يناير": 1,
    "كانون الثاني": 1,
    "جانفي": 1,
    "فبراير": 2,
    "شباط": 2,
    "فيفري": 2,
    "مارس": 3,
    "آذار": 3,
    "أبريل": 4,
    "ابريل": 4,
    "إبريل": 4,
    "نيسان": 4,
    "أفريل": 4,
    "مايو": 5,
    "أيار": 5,
    "ماي": 5,
    "يونيو": 6,
    "يونية": 6,
    "حزيران": 6,
    "جوان": 6,
    "يوليو": 7,
    "يولية": 7,
    "تموز": 7,
    "جويلية": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "آب": 8,
    "أوت": 8,
    "سبتمبر": 9,
    "أيلول": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "تشرين الأول": 10,
    "نوفمبر": 11,
    "تشرين الثاني": 11,
    "ديسمبر": 12,
    "كانون الأول": 12,
}

WEEKDAYS: dict[str, int] = {  # Python weekday(): Monday == 0
    "الاثنين": 0,
    "الإثنين": 0,
    "الأثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
    "الاحد": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "واحد": 1,
    "اثنين": 2,
    "اثنان": 2,
    "ثلاثة": 3,
    "ثلاث": 3,
    "أربعة": 4,
    "أربع": 4,
    "خمسة": 5,
    "خمس": 5,
    "ستة": 6,
    "ست": 6,
    "سبعة": 7,
    "سبع": 7,
    "ثمانية": 8,
    "ثماني": 8,
    "تسعة": 9,
    "تسع": 9,
    "عشرة": 10,
    "عشر": 10,
}


def _alternation(words: dict[str, int]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


MONTH_RE = _alternation(MONTHS)
WEEKDAY_RE = _alternation(WEEKDAYS)
DIGITS_RE = r"[0-9\u0660-\u0669\u06F0-\u06F9]"


def to_int(digits: str) -> int:
    """Parse ASCII or Arabic-Indic digits."""
    return int("".join(_DIGITS.get(c, c) for c in digits))


def month_number(word: str) -> int | None:
    word = word.strip()
    if word in MONTHS:
        return MONTHS[word]
    norm = normalize(word)
    return next((n for w, n in MONTHS.items() if normalize(w) == norm), None)


def weekday_number(word: str) -> int | None:
    norm = normalize(word)
    return next((n for w, n in WEEKDAYS.items() if normalize(w) == norm), None)
