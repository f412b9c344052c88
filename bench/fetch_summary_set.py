"""Fetch a public Arabic summary/headline set for bench/summary_rouge.py, checked against its sha256.

Needs network access (GitHub). The data is not committed: its publisher states no
licence. The sets, their pinned commits and hashes are in ``bench/data/summary_sets.json``.

    python bench/fetch_summary_set.py argen_valid          # -> bench/data/argen_valid.tsv
    python bench/fetch_summary_set.py argen_valid --from /path/to/ARGEn_title_genration_sample_valid.tsv

Prints the path written, or says why the file does not match.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent / "data"


def manifest() -> dict:
    return json.loads((HERE / "summary_sets.json").read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="a set named in bench/data/summary_sets.json")
    parser.add_argument(
        "--from", dest="source", help="a local copy to check and install instead of downloading"
    )
    args = parser.parse_args(argv)
    entry = manifest().get(args.name)
    if not isinstance(entry, dict):
        print(f"no set {args.name!r} in bench/data/summary_sets.json", file=sys.stderr)
        return 2
    if args.source:
        data = Path(args.source).read_bytes()
    else:
        with urllib.request.urlopen(entry["url"], timeout=60) as response:
            data = response.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:
        print(f"sha256 {digest} is not the manifest's {entry['sha256']}: not installed", file=sys.stderr)
        return 1
    out = HERE / f"{args.name}.tsv"
    out.write_bytes(data)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
