"""The README's digest excerpt, made from a real replayed run of the CLI.

    .venv/bin/python bench/readme_excerpt.py           # print the excerpt
    .venv/bin/python bench/readme_excerpt.py --write   # put it in README.md, between its markers
    .venv/bin/python bench/readme_excerpt.py --check   # exit 1 when README.md has drifted

It runs ``libyapk-summ brief seeds/001_9ec3d6118b2bcaaa.txt --mode replay --no-cache``
(the recorded fixtures, no model, no cache) and takes its digest from stdout.
``tests/test_readme.py`` fails when the README's copy differs, so after re-recording
the fixtures run this with ``--write``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SEED = ROOT / "seeds" / "001_9ec3d6118b2bcaaa.txt"
START, END = "<!-- digest-excerpt: made by bench/readme_excerpt.py -->", "<!-- /digest-excerpt -->"


def excerpt() -> str:
    """The digest the CLI prints for the seed, replayed."""
    from libyapk_summ.cli import main

    out = io.StringIO()
    with (
        tempfile.TemporaryDirectory() as tmp,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        fixtures = str(ROOT / "fixtures")
        code = main(
            ["brief", str(SEED), "--mode", "replay", "--no-cache", "--fixtures", fixtures, "--out", tmp]
        )
    if code != 0:
        raise SystemExit(f"the replayed run failed (exit {code}); are the fixtures recorded?")
    return out.getvalue().strip("\n")


def block(text: str) -> str:
    return f"{START}\n```\n{text}\n```\n{END}"


def in_readme(readme: str) -> str | None:
    """The excerpt the README holds now, or None when its markers are missing."""
    if START not in readme or END not in readme:
        return None
    inner = readme.split(START, 1)[1].split(END, 1)[0]
    return inner.strip("\n").removeprefix("```\n").removesuffix("\n```")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="replace the excerpt in README.md")
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md's excerpt differs")
    args = parser.parse_args()
    text = excerpt()
    readme = README.read_text(encoding="utf-8")
    if args.write:
        if in_readme(readme) is None:
            raise SystemExit(f"README.md lacks the markers {START} ... {END}")
        head, rest = readme.split(START, 1)
        README.write_text(head + block(text) + rest.split(END, 1)[1], encoding="utf-8")
        print("README.md: excerpt written", file=sys.stderr)
    elif args.check:
        if in_readme(readme) != text:
            print("README.md's excerpt differs; run: .venv/bin/python bench/readme_excerpt.py --write")
            return 1
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
