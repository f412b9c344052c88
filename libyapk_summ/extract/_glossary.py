"""The glossary a translation prompt carries: the sentence's names and the fixed renderings of its titles.

Only what the sentence itself says goes in: each name it mentions with its canonical English,
and each office or rank it writes with the gazetteer's rendering ("رئيس الحكومة = Prime
Minister"). A person's office that the sentence does not give is left out: with it in the
glossary the 1.5B model wrote it into the English ("Asim Munir, the Chief of Defence Forces"
for a sentence that says only "المشير عاصم منير"; bench/README, "Translation framing").
"""

from __future__ import annotations

import functools
import re

from ..names._names import Gazetteer
from ..text._arabic import normalize

_TITLE_KINDS = ("office", "rank")


@functools.lru_cache(maxsize=8)
def _title_patterns(gazetteer: Gazetteer) -> tuple[tuple[str, str, str, re.Pattern[str]], ...]:
    """``(Arabic, English, folded title without "ال", its regex)`` per office and rank, longest first."""
    items = [t for t in gazetteer.title_items() if t.get("kind", "office") in _TITLE_KINDS]
    items.sort(key=lambda t: -len(normalize(t["ar"])))
    out = []
    for item in items:
        bare = normalize(item["ar"]).removeprefix("ال")
        pattern = re.compile(rf"(?<=[\s(«\"])(?:[وبلف]?(?:ال|لل)?){re.escape(bare)}(?=[\s,.،:)»\"])")
        out.append((item["ar"], item["en"], bare, pattern))
    return tuple(out)


def titles_in(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    """``(Arabic title, English rendering)`` for each office or rank the text writes, longest first,
    none inside another one found."""
    norm = " " + normalize(text) + " "
    out: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for ar, en, bare, pattern in _title_patterns(gazetteer):
        if bare not in norm:
            continue  # the regex needs the title as written: most titles are not in a sentence
        for m in pattern.finditer(norm):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            if (ar, en) not in out:
                out.append((ar, en))
    return out


def glossary_lines(gazetteer: Gazetteer, text: str) -> str:
    """The glossary for one sentence: ``Arabic = English`` lines, names then titles, or "(none)"."""
    lines = [f"{ar} = {en}" for ar, en in gazetteer.glossary(text)]
    lines += [f"{ar} = {en}" for ar, en in titles_in(gazetteer, text)]
    return "\n".join(dict.fromkeys(lines)) or "(none)"
