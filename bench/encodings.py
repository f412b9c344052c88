"""How reliably are legacy Arabic encodings told apart? Ours vs charset-normalizer.

Samples: each seed whole, each of its paragraphs of 8+ words, each sentence of 3+
words, and a few other Arabic texts (CLDR's Arabic names of countries, languages and months, via Babel), each
encoded in Windows-1256, ISO-8859-6 (when it can be) and UTF-16 with a BOM. A
detection is right when the bytes decode to the original text exactly.

    .venv/bin/python bench/encodings.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from libyapk_summ.article._load import split_sentences
from libyapk_summ.text._decode import decode

ROOT = Path(__file__).resolve().parents[1]
ENCODINGS = ("cp1256", "iso8859_6", "utf-16")


def samples() -> list[tuple[str, str]]:
    out = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        out.append((seed.stem[:3], text))
        out += [(f"{seed.stem[:3]} para", p) for p in text.split("\n") if len(p.split()) >= 8]
        out += [
            (f"{seed.stem[:3]} sentence", s.text) for s in split_sentences(text) if len(s.text.split()) >= 3
        ]
    try:
        from babel import Locale

        ar = Locale("ar")
        out.append(("cldr territories", "، ".join(list(ar.territories.values())[:80])))
        out.append(("cldr languages", "، ".join(list(ar.languages.values())[:80])))
        out.append(("cldr months", " ".join(ar.months["format"]["wide"].values())))
    except ImportError:
        print("(babel not installed: CLDR samples skipped)", file=sys.stderr)
    return out


def ours(data: bytes) -> str | None:
    try:
        return decode(data)[0]
    except Exception:
        return None


def charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best).removeprefix("\ufeff")


def main() -> None:
    rows: dict[str, dict[str, list[int]]] = {}
    for _name, text in samples():
        for enc in ENCODINGS:
            try:
                data = text.encode(enc)
            except UnicodeEncodeError:
                continue
            for det, fn in (("ours", ours), ("charset-normalizer", charset_normalizer)):
                right, total = rows.setdefault(det, {}).setdefault(enc, [0, 0])
                rows[det][enc] = [right + (fn(data) == text), total + 1]
    print(f"{'detector':20} " + " ".join(f"{e:>14}" for e in ENCODINGS))
    for det, by_enc in rows.items():
        cells = [f"{r}/{t} ({100 * r / t:.0f}%)" for r, t in (by_enc.get(e, [0, 0]) for e in ENCODINGS)]
        print(f"{det:20} " + " ".join(f"{c:>14}" for c in cells))


if __name__ == "__main__":
    main()
