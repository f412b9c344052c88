"""Rebuild the development corpus texts from the public repository they come from.

The articles of ``tests/devset`` come from SaudiNewsNet (github.com/inparallel/SaudiNewsNet),
licensed CC BY-NC-SA 4.0, with each article owned by its newspaper. That licence is not
compatible with committing the texts into this MIT project, so only the manifest
(``tests/devset/manifest.jsonl``: repository, commit, path, record index, URL, SHA-256) and the
labels are committed; this script writes the texts into ``tests/devset/articles/`` (git-ignored).

Each text is ``title + "\\n" + content`` of one JSON record, byte for byte as in the source
(the first line is the outlet's headline).

Usage::

    python bench/build_devset.py                      # finds or clones the repository
    python bench/build_devset.py --git-dir /path/to/SaudiNewsNet/.git
    python bench/build_devset.py --from-selection sel.tsv   # (re)write the manifest

The repository is looked up in this order: ``--git-dir``; ``$SAUDINEWSNET_GIT``; a snapshot
under ``/work/.mirror/inparallel+SaudiNewsNet/repo``; a cached clone under
``~/.cache/libyapk_summ/SaudiNewsNet``; otherwise ``git clone`` from GitHub into that cache.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
MANIFEST = DEVSET / "manifest.jsonl"
ARTICLES = DEVSET / "articles"

REPO = "inparallel/SaudiNewsNet"
COMMIT = "4e39239966c2ae8a3faa591201acb9cd1f51199d"
LICENCE = "CC BY-NC-SA 4.0 (dataset); each article is owned by its newspaper"
MIRROR = Path("/work/.mirror/inparallel+SaudiNewsNet/repo")
CACHE = Path.home() / ".cache" / "libyapk_summ" / "SaudiNewsNet"


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True).stdout


def find_git_dir(explicit: str | None) -> Path:
    """Return a git directory holding ``COMMIT`` of SaudiNewsNet, cloning it if needed."""
    for cand in (explicit, os.environ.get("SAUDINEWSNET_GIT"), MIRROR, CACHE / ".git"):
        if not cand:
            continue
        path = Path(cand)
        if (path / ".git").is_dir():
            path = path / ".git"
        if path.is_dir():
            try:
                _git(path, "cat-file", "-e", f"{COMMIT}^{{commit}}")
                return path
            except subprocess.CalledProcessError:
                print(f"{path}: does not hold commit {COMMIT}", file=sys.stderr)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "clone", "--quiet", f"https://github.com/{REPO}.git", str(CACHE)], check=True)
    return CACHE / ".git"


class _Records:
    """Reads the JSON arrays inside the dated ZIP files at ``COMMIT``, once each."""

    def __init__(self, git_dir: Path) -> None:
        self.git_dir = git_dir
        self._cache: dict[str, list[dict]] = {}

    def day(self, path: str, member: str) -> list[dict]:
        if path not in self._cache:
            blob = _git(self.git_dir, "show", f"{COMMIT}:{path}")
            with zipfile.ZipFile(io.BytesIO(blob)) as zf:
                self._cache[path] = json.loads(zf.read(member).decode("utf-8"))
        return self._cache[path]


def article_text(record: dict) -> str:
    """The text of one record: headline line, then the content as stored."""
    return f"{record['title']}\n{record['content']}"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest_from_selection(selection: Path, records: _Records) -> list[dict]:
    """Build manifest rows from ``DAY#INDEX<TAB>topic<TAB>Country;Country`` lines."""
    rows = []
    for line in selection.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        key, topic, countries = [*line.split("\t"), "", ""][:3]
        day, index = key.split("#")
        path, member = f"dataset/{day}.zip", f"{day}.json"
        rec = records.day(path, member)[int(index)]
        text = article_text(rec)
        rows.append(
            {
                "id": f"snn-{day.replace('-', '')}-{int(index):04d}",
                "repo": REPO,
                "commit": COMMIT,
                "path": path,
                "member": member,
                "index": int(index),
                "url": rec["url"],
                "outlet": rec["source"],
                "date_extracted": rec["date_extracted"],
                "licence": LICENCE,
                "topic": topic,
                "off_topic": topic.startswith("off_topic"),
                "countries": [c for c in countries.split(";") if c],
                "sha256": _sha(text),
                "chars": len(text),
            }
        )
    return rows


def build(rows: list[dict], records: _Records, out: Path) -> int:
    """Write each manifest row's text to ``out/<id>.txt``; return how many failed."""
    out.mkdir(parents=True, exist_ok=True)
    bad = 0
    for row in rows:
        rec = records.day(row["path"], row["member"])[row["index"]]
        text = article_text(rec)
        if rec["url"] != row["url"] or _sha(text) != row["sha256"]:
            print(f"{row['id']}: record differs from the manifest", file=sys.stderr)
            bad += 1
            continue
        (out / f"{row['id']}.txt").write_bytes(text.encode("utf-8"))
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git-dir", help="git directory (or work tree) of SaudiNewsNet")
    ap.add_argument("--from-selection", type=Path, help="write the manifest from a selection TSV")
    ap.add_argument("--out", type=Path, default=ARTICLES, help="where the texts go")
    args = ap.parse_args(argv)
    records = _Records(find_git_dir(args.git_dir))
    if args.from_selection:
        rows = manifest_from_selection(args.from_selection, records)
        MANIFEST.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} rows to {MANIFEST}")
    rows = [json.loads(x) for x in MANIFEST.read_text(encoding="utf-8").splitlines() if x]
    bad = build(rows, records, args.out)
    print(f"built {len(rows) - bad} of {len(rows)} articles in {args.out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
