"""Does a Latin spelling render an Arabic name? A consonant-skeleton check.

Both spellings are reduced to consonant classes, word by word, weak letters
dropped on both sides (vowels, alif, waw, yeh, hamza, ain, ha: they are written or
not at will in either script), and compared by edit distance where one Latin letter
may stand for several Arabic ones ("g" for ج, غ or ق; "ch" for ش or ك; "t" for ت, ط
or a devoiced د, as in Turkish "Ahmet Davutoglu"), and a "v" may stand for a weak و.
So "Putin" renders بوتين (ب ت ن = p t n), "Shoigu" شويغو, "Erdogan" أردوغان, "Haftar" حفتر,
while "Botswana" (b t s n) does not render بوتين. The article "ال" and its Latin
forms ("al-", "el-") are dropped, as sun letters assimilate it ("Abdel Rahman").

It accepts what is spelt alike; it cannot tell a right name from another name
spelt alike, so it guards the model's proposals rather than proving them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ._arabic import normalize

__all__ = ["arabic_skeleton", "latin_skeleton", "renders"]

Skeleton = tuple[frozenset[str], ...]

_AR = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "TS", "ج": "JG", "چ": "J", "خ": "K", "د": "D", "ض": "DZ",
    "ذ": "DZ", "ر": "R", "ز": "Z", "ظ": "ZD", "س": "S", "ص": "S", "ش": "X", "غ": "GR", "ف": "F", "ڤ": "F",
    "ق": "KG", "ك": "K", "ک": "K", "گ": "G", "ل": "L", "م": "M", "ن": "N",
}  # fmt: skip
# Latin letter groups, longest first, and the classes each may stand for; "" is a weak letter.
_LATIN = [
    ("sch", "X"), ("tch", "J"), ("dj", "J"), ("zh", "J"), ("kh", "K"), ("gh", "G"), ("sh", "X"),
    ("ch", "XKJ"), ("th", "TSD"), ("dh", "DZ"), ("ph", "F"), ("ck", "K"), ("qu", "K"), ("ou", ""),
    ("b", "B"), ("p", "B"), ("t", "TD"), ("d", "D"), ("j", "J?"), ("g", "GJK"), ("k", "K"), ("q", "K"),
    ("c", "KSJ"), ("x", "K"), ("s", "SZ"), ("z", "ZS"), ("f", "F"), ("v", "F?"), ("r", "R"), ("l", "L"),
    ("m", "M"), ("n", "N"), ("w", ""),
]  # fmt: skip
_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0640"}  # harakat, tatweel
_ARTICLE_EN = {"al", "el", "ul", "ad", "ar", "as", "at", "az", "ash", "an", "ed", "es", "er", "et"}


@functools.lru_cache(maxsize=8192)
def arabic_skeleton(name: str) -> Skeleton:
    """Consonant classes of an Arabic name, the article and weak letters dropped."""
    out: list[frozenset[str]] = []
    for raw in name.split():
        word = normalize(raw)
        bare = "".join(ch for ch in raw if ch not in _MARKS)  # the article is a plain alif: not "أليسا"
        if bare.startswith("ال") and len(word) > 3:
            word = word[2:]
        elif bare.startswith(("وال", "بال", "لل")) and len(word) > 4:
            word = word[3:] if word[1] == "ا" else word[2:]
        if word.startswith("عبدال") and len(word) > 6:
            word = "عبد" + word[5:]  # "عبدالعزيز" is "عبد العزيز"
        first = len(out)
        for ch in word:
            cls = _AR.get(ch)
            if cls and not (len(out) > first and out[-1] == frozenset(cls)):
                out.append(frozenset(cls))
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def latin_skeleton(name: str) -> Skeleton:
    """Consonant classes of a Latin spelling, the article ("al-", "el-") and weak letters dropped."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\babd[aeiou]l(?=[\s-]|$|[a-z]{3})", "abd ", text)  # "Abdul Rahman", "Abdelaziz"
    text = text.replace("x", "ks")  # "Exum" for اكسوم
    out: list[frozenset[str]] = []
    for word in re.split(r"[^a-z]+", text):
        if not word or word in _ARTICLE_EN:
            continue
        i, first = 0, len(out)
        while i < len(word):
            for group, cls in _LATIN:
                if word.startswith(group, i):
                    i += len(group)
                    if cls and not (len(out) > first and out[-1] == frozenset(cls)):
                        out.append(frozenset(cls))
                    break
            else:
                i += 1  # vowels, h, y, apostrophes
        if len(out) - first > 1 and word[-1] not in "aeiouy" and "?" not in out[-1]:
            out[-1] = out[-1] | {"?"}  # a final consonant may be silent: French "Laurent" for لوران
    return tuple(out)


def _distance(a: Skeleton, b: Skeleton) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            skip = 0 if "?" in y else 1  # an optional Latin letter ("v" for a weak و) costs nothing
            cur.append(min(prev[j] + 1, cur[j - 1] + skip, prev[j - 1] + (0 if x & y else 1)))
        prev = cur
    return prev[-1]


def renders(arabic: str, latin: str) -> bool:
    """Whether ``latin`` is a plausible spelling of the Arabic name ``arabic``.

    Args:
        arabic: a name in Arabic script, e.g. "فلاديمير بوتين".
        latin: a proposed spelling, e.g. "Vladimir Putin".

    Returns:
        True when the consonant skeletons agree: exactly for short names (four
        classes or fewer), within one edit up to eight, two beyond; word by word
        when both have the same number of words.
    """
    words_ar, words_en = arabic.split(), latin.split()
    if len(words_ar) == len(words_en) > 1:  # word by word: "Rabbi Tuba Ardukan" is not رجب طيب أردوغان
        return all(renders(x, y) for x, y in zip(words_ar, words_en, strict=True))
    a, b = arabic_skeleton(arabic), latin_skeleton(latin)
    if not a or not b:
        return False
    n = max(len(a), sum("?" not in c for c in b))
    allowed = 0 if n <= 4 else 1 if n <= 8 else 2
    return _distance(a, b) <= allowed
