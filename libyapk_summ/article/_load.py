"""Step 1: load an article and cut it into numbered sentences with offsets.

The text is kept exactly as read (a leading BOM aside, which is not text);
sentences are views into it by offset, so every span the pipeline reports
indexes the original string.

What is refused, each with an :class:`ArticleError` that says what to do:
a missing path, a folder, a broken symlink, an unreadable file, binary data
(NUL bytes without a UTF-16 byte-order mark), bytes that are neither UTF-8 nor
a legacy Arabic code page (see ``_decode``), unpaired surrogates, an empty
text or one of only whitespace, digits and punctuation, more than
``MAX_CHARS`` characters (refused, not chunked: the brief quotes whole
sentences and the local model reads the article whole), a text whose letters are
less than ``MIN_ARABIC_SHARE`` Arabic (English or French news), an HTML page
(markup is not stripped, since offsets must index the text as given: extract
the text first), and a "sentence" over ``MAX_SENTENCE_CHARS`` (text that lost
its punctuation and line breaks). Accepted as they are: Windows line endings,
a BOM, RTL marks, Arabic-Indic digits, Latin names inside Arabic text, a stray
tag or two, a title-only file, and instructions aimed at the model inside the
article (event kinds are decided in code and every quote is checked against
the text, so injected text can only be quoted, never obeyed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from .._errors import ArticleError
from ..contract._models import Article, Evidence, Published
from ..text._decode import decode
from ._published import detect_published
from ._title import pick_title

__all__ = ["Sentence", "check_text", "detect_published", "load_article", "split_sentences"]

MAX_CHARS = 60_000
"""Longer articles are refused: a 1.5B model with an 8k context cannot read them whole."""
MAX_SENTENCE_CHARS = 2_000
"""A longer unbroken run of text is not a sentence: the text lost its punctuation or line breaks."""
MIN_ARABIC_SHARE = 0.5
"""The least share of an article's letters that must be Arabic script."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One numbered unit of the article (a sentence or a heading line)."""

    number: int
    start: int
    end: int
    text: str

    def evidence(self) -> Evidence:
        return Evidence(quote_ar=self.text, start=self.start, end=self.end, sentence=self.number)


_SENTENCE_END = re.compile(r"(?<=[.!?؟])[\"'»”)]*\s+")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into lines, then lines into sentences, keeping offsets.

    Args:
        text: the article text as loaded.

    Returns:
        Sentences numbered from 1, each with ``text[start:end] == sentence.text``.
    """
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\r\n]+", text):
        pos = line.start()
        pieces = _SENTENCE_END.split(line.group())
        cursor = 0
        for piece in pieces:
            local = line.group().find(piece, cursor)
            cursor = local + len(piece)
            stripped = piece.strip()
            if not stripped:
                continue
            start = pos + local + (len(piece) - len(piece.lstrip()))
            end = start + len(stripped)
            sentences.append(Sentence(len(sentences) + 1, start, end, text[start:end]))
    return sentences


def _read_text(path: Path, encoding: str | None = None) -> str:
    if not path.exists():
        if path.is_symlink():
            raise ArticleError("is a broken symlink (or a symlink loop); point it at a file", path=str(path))
        raise ArticleError("no such file; check the path", path=str(path))
    if path.is_dir():
        raise ArticleError("is a folder; pass the .txt files or use summarize_many", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(
            f"cannot be read ({exc.strerror or exc}); check that it is a readable file", path=str(path)
        ) from exc
    return decode(data, encoding, path=str(path))[0]


_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HTML_PAGE = re.compile(r"<!doctype\s+html|<(?:html|head|body|script|style)\b", re.I)
_HTML_TAG = re.compile(
    r"</?(?:a|p|br|hr|div|span|b|i|u|em|strong|img|ul|ol|li|table|tr|td|th|h[1-6]|article|section"
    r"|header|footer|nav|main|figure|figcaption|meta|link|iframe|blockquote)\b[^<>]{0,500}>",
    re.I,
)
_HTML_SHARE, _HTML_MIN_TAGS = 0.05, 3  # markup this share of the text, in this many tags, is a page


def check_text(text: str, *, path: str | None = None) -> None:
    """Refuses a text the pipeline cannot summarise faithfully (see the module docstring).

    Args:
        text: the article text, as it will be kept.
        path: where it came from, for the message.

    Raises:
        ArticleError: saying what is wrong and what to do.
    """
    if not text.strip():
        raise ArticleError("the article is empty; there is nothing to summarise", path=path)
    if len(text) > MAX_CHARS:
        raise ArticleError(
            f"the article has {len(text):,} characters, over the limit of {MAX_CHARS:,}; "
            "split it into separate articles",
            path=path,
        )
    bad = _SURROGATE.search(text)
    if bad:
        raise ArticleError(
            f"has an unpaired surrogate (U+{ord(bad.group()):04X}) at character {bad.start()}: the text was "
            "decoded wrongly; read the file as UTF-8",
            path=path,
        )
    tags = [len(m.group()) for m in _HTML_TAG.finditer(text)]
    if _HTML_PAGE.search(text) or (len(tags) >= _HTML_MIN_TAGS and sum(tags) >= _HTML_SHARE * len(text)):
        raise ArticleError(
            "looks like HTML; extract the article's text first (e.g. BeautifulSoup(html).get_text() or "
            "trafilatura): markup is not stripped here, so that every quote indexes the text as given",
            path=path,
        )
    letters = "".join(filter(str.isalpha, text))
    if not letters:
        raise ArticleError(
            "has no letters (only digits, punctuation or symbols); there is nothing to summarise", path=path
        )
    share = len(_ARABIC_LETTER.findall(letters)) / len(letters)
    if share < MIN_ARABIC_SHARE:
        raise ArticleError(
            f"only {share:.0%} of its letters are Arabic (at least {MIN_ARABIC_SHARE:.0%} needed): "
            "this library summarises Arabic news; pass the Arabic original",
            path=path,
        )
    longest = max(split_sentences(text), key=lambda s: s.end - s.start)
    if longest.end - longest.start > MAX_SENTENCE_CHARS:
        raise ArticleError(
            f"sentence {longest.number} runs {longest.end - longest.start:,} characters with no sentence end "
            f"or line break (the limit is {MAX_SENTENCE_CHARS:,}): the text lost its punctuation or line "
            "breaks; restore them",
            path=path,
        )


def load_article(
    path: str | PathLike[str] | None = None,
    *,
    text: str | None = None,
    title: str | None = None,
    published: dt.date | dt.datetime | None = None,
    outlet: str | None = None,
    url: str | None = None,
    id: str | None = None,
    encoding: str | None = None,
) -> Article:
    """Load an article from a ``.txt`` file, or build one from text.

    ``load_article("seeds/001.txt")`` reads a file: its headline is the title
    (see :func:`pick_title`) and its name without ``.txt`` the id.
    ``load_article(text=...)`` builds one from a string.

    Args:
        path: a ``.txt`` file (omit it when ``text`` is given).
        text: the article text, instead of a file.
        title: the title; default: the line near the top that the lead paragraph is about,
            site slogans and menus skipped (:func:`libyapk_summ.article._title.pick_title`).
        published: publication date (a date, or a timezone-aware datetime);
            default: detected from the text when it states one, else unknown.
        outlet: the publishing outlet (stored as ``source``).
        url: where the article came from.
        id: a stable id; default: the file name, else a hash of the text.
        encoding: the file's encoding (``windows-1256``, ``iso-8859-6``, ``utf-16``, ...);
            default: a BOM's, else UTF-8, else the legacy Arabic code page it reads in
            (:mod:`libyapk_summ.text._decode`).

    Returns:
        The :class:`Article`, its text exactly as read.

    Raises:
        ArticleError: the path or the text cannot be used (see the module docstring): missing
            path, folder, unreadable, binary, undecodable, empty, too long, not Arabic, HTML.
    """
    path_str = str(path) if path else None
    if text is None:
        if not path_str:
            raise ArticleError("give a path to a .txt file, or the article with text=...")
        file = Path(path_str)
        text = _read_text(file, encoding)
        id = id or file.stem
    elif not isinstance(text, str):
        raise ArticleError(f"text must be a str, not {type(text).__name__}; decode it first (UTF-8)")
    elif text.startswith("\ufeff"):
        text = text[1:]
    check_text(text, path=path_str)
    if published is not None and isinstance(published, dt.datetime) and published.tzinfo is None:
        raise ArticleError("published must be a date or a timezone-aware datetime", path=path_str)
    return Article(
        id=id or hashlib.sha256(text.encode()).hexdigest()[:16],
        title=title if title is not None else pick_title(text),
        text=text,
        published=(
            Published(value=published, method="given") if published is not None else detect_published(text)
        ),
        source=outlet,
        url=url,
    )
