"""An article's title: the headline its lead paragraph is about, not the site's slogan or menu.

Pages copied from a site often start with its slogan, a menu, a dateline or a
section name before the headline. The headline is the line above the lead
paragraph (the first line of at least ``LEAD_WORDS`` words) that shares the most
content words with it: a headline announces what the lead then tells, while a
slogan or a menu shares nothing with it. When no line above the lead shares a
word with it, or the text has no lead, the first non-empty line is the title.
"""

from __future__ import annotations

import re

from ..text._arabic import normalize

LEAD_WORDS = 20
"""A line of at least this many words is a paragraph: the first one is the lead."""
MAX_TITLE_WORDS = 30
_HEAD_LINES = 15
_WORD = re.compile(r"[^\W\d_]+")
_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def content_words(text: str) -> set[str]:
    """The words of ``text`` folded for matching: spelling normalised, a leading conjunction,
    preposition or article cut, words under three letters dropped."""
    out = set()
    for word in _WORD.findall(normalize(text)):
        for prefix in _PROCLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix) :]
                break
        if len(word) >= 3:
            out.add(word)
    return out


def pick_title(text: str) -> str | None:
    """The headline of ``text`` (see the module docstring), stripped; None for an empty text."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:_HEAD_LINES]
    if not lines:
        return None
    lead_at = next((n for n, ln in enumerate(lines) if len(ln.split()) >= LEAD_WORDS), None)
    if not lead_at:  # no lead, or the text starts with it
        return lines[0]
    lead = content_words(lines[lead_at])
    best, best_overlap = lines[0], 0
    for line in lines[:lead_at]:
        if len(line.split()) > MAX_TITLE_WORDS:
            continue
        overlap = len(content_words(line) & lead)
        if overlap > best_overlap:
            best, best_overlap = line, overlap
    return best
