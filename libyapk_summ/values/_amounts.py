"""Money amounts, read from the Arabic text in code.

"بقيمة تزيد عن أربعة مليارات دولار" → 4,000,000,000 USD, bound "more_than".
Currency units and names come from CLDR through ``_world``: "15 مليار جنيه مصري"
is EGP; a bare "دينار" or "جنيه" is that of the country the caller names, else unknown.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from ..contract._models import Amount
from ..names._world import world
from ..text._arabic import NUMBER_WORDS, normalize, normalize_with_map, to_int

_SCALES = {"مليار": 10**9, "مليارات": 10**9, "مليون": 10**6, "ملايين": 10**6, "الف": 10**3, "الاف": 10**3}
_Bound = Literal["more_than", "less_than", "about", "up_to"]
_BOUNDS: dict[_Bound, str] = {
    "more_than": r"(?:اكثر\s+من|تزيد\s+(?:عن|علي)|يزيد\s+(?:عن|علي)|تتجاوز|يتجاوز|تفوق|يفوق)",
    "less_than": r"(?:اقل\s+من|تقل\s+عن|يقل\s+عن)",
    "about": r"(?:نحو|حوالي|قرابه|ما\s+يقارب|زهاء)",
    "up_to": r"(?:حتي|تصل\s+الي|يصل\s+الي)",
}
_NUMBER = (
    r"(?P<num>[0-9\u0660-\u0669]+(?:[.,][0-9\u0660-\u0669]+)?|"
    + "|".join(sorted((normalize(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + ")"
)
_SCALE = r"(?P<scale>" + "|".join(sorted(_SCALES, key=len, reverse=True)) + ")?"


@functools.lru_cache(maxsize=1)
def _amount() -> re.Pattern[str]:
    units = "|".join(sorted(world().currency_units, key=len, reverse=True))
    return re.compile(
        r"(?:(?P<bound>"
        + "|".join(f"(?P<{k}>{v})" for k, v in _BOUNDS.items())
        + r")\s+)?"
        + _NUMBER
        + r"\s*"
        + _SCALE
        + r"\s*(?:من\s+)?(?:ال)?"
        + rf"(?P<cur>{units})(?!\w)(?:\s+(?:ال)?(?P<qual>\w+))?"
    )


_WORDS = {normalize(w): n for w, n in NUMBER_WORDS.items()}


def find_amounts(
    text: str, start: int = 0, end: int | None = None, *, country: str | None = None
) -> list[Amount]:
    """Money amounts in ``text[start:end]``, each with its raw Arabic span.

    Args:
        text: the article or a sentence.
        start, end: the region to read.
        country: ISO alpha-2 code of the article's country, for a bare unit ("دينار").
    """
    region = text[start:end]
    norm, offsets = normalize_with_map(region)
    amounts: list[Amount] = []
    for m in _amount().finditer(norm):
        value = _number(m["num"]) * _SCALES.get(m["scale"] or "", 1)
        bound: _Bound | Literal["exact"] = next((k for k in _BOUNDS if m.group(k)), "exact")
        qualified = m["qual"] and world().currency(f"{m['cur']} {m['qual']}")
        stop = m.end() if qualified else m.end("cur")
        currency = qualified or world().currency(m["cur"], country)
        raw = region[offsets[m.start()] : offsets[stop - 1] + 1]
        amounts.append(Amount(value=value, currency=currency, bound=bound, raw_ar=raw))
    return amounts


def _number(num: str) -> float:
    if num in _WORDS:
        return float(_WORDS[num])
    return float("".join(str(to_int(c)) if c.isdigit() else "." for c in num))
