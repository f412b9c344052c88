"""Bytes to text: UTF-8, a BOM's encoding, the legacy Arabic code pages, or the one named.

Older Arabic corpora come in Windows-1256 or ISO-8859-6, some exports in UTF-16
with a BOM. :func:`decode` keeps the text exactly as decoded (a leading BOM
aside), so every offset the pipeline reports indexes it.

Without an encoding named, the order is: a BOM (UTF-8, UTF-16 LE/BE); else
strict UTF-8; else each legacy Arabic code page that decodes the bytes without
error, scored by how Arabic the result reads (its share of Arabic letters, and
of words that begin with the definite article "ال", which a wrong code page
scrambles into other letters). ``bench/encodings.py`` measures this against
charset-normalizer on Arabic text; the figures are in ``bench/README.md``.
"""

from __future__ import annotations

import codecs
import re

from .._errors import ArticleError

LEGACY_ARABIC = ("cp1256", "iso8859_6")
"""The code pages tried, in this order, when the bytes are not UTF-8."""
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_ARABIC = re.compile(r"[\u0621-\u064a]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_MIN_SHARE = 0.5


def arabic_score(text: str) -> float:
    """How Arabic ``text`` reads, from 0 to 2: the share of its letters that are
    Arabic, plus the share of its Arabic words that begin with "ال"."""
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    share = sum(1 for c in letters if _ARABIC.match(c)) / len(letters)
    words = [w for w in _WORD.findall(text) if _ARABIC.match(w)]
    definite = sum(1 for w in words if w.startswith("ال")) / len(words) if words else 0.0
    return share + definite


def guess_legacy(data: bytes) -> str | None:
    """The legacy Arabic code page ``data`` reads best in, or None if none reads as Arabic."""
    best: tuple[float, str] | None = None
    for encoding in LEGACY_ARABIC:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = arabic_score(text)
        if score >= _MIN_SHARE and (best is None or score > best[0]):
            best = (score, encoding)
    return best[1] if best else None


def decode(data: bytes, encoding: str | None = None, *, path: str | None = None) -> tuple[str, str]:
    """Decode an article's bytes (see the module docstring).

    Args:
        data: the file's bytes.
        encoding: a codec name (``windows-1256``, ``iso-8859-6``, ``utf-16``, ...); None or
            ``"auto"`` to detect.
        path: where the bytes came from, for messages.

    Returns:
        The text, a leading BOM removed, and the codec that decoded it.

    Raises:
        ArticleError: an unknown encoding, bytes that do not decode in the one named, binary
            data, or bytes that are not UTF-8 and read as no legacy Arabic code page.
    """
    if encoding and encoding != "auto":
        try:
            name = codecs.lookup(encoding).name
        except LookupError as exc:
            raise ArticleError(
                f"unknown encoding {encoding!r}; name a codec such as utf-8, windows-1256, "
                "iso-8859-6 or utf-16",
                path=path,
            ) from exc
        try:
            text = data.decode(name)
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"does not decode as {encoding} ({exc.reason} at byte {exc.start}); check the encoding, "
                "or leave it out to detect it",
                path=path,
            ) from exc
        return text.removeprefix("\ufeff"), name
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).removeprefix("\ufeff"), name
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    f"starts with a {name} byte-order mark but does not decode as {name} "
                    f"({exc.reason} at byte {exc.start}); re-save it, or pass its encoding",
                    path=path,
                ) from exc
    if b"\x00" in data:
        raise ArticleError(
            "looks binary (NUL bytes); pass a text article (UTF-16 needs a byte-order mark, or "
            "--encoding utf-16-le)",
            path=path,
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        legacy = guess_legacy(data)
        if legacy is None:
            raise ArticleError(
                f"is not valid UTF-8 ({exc.reason} at byte {exc.start}) and does not read as Arabic in "
                "Windows-1256 or ISO-8859-6; pass its encoding (--encoding NAME, or encoding=...) or "
                "re-save it as UTF-8",
                path=path,
            ) from exc
    return data.decode(legacy), legacy
