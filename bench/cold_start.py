"""Figure 3: cold start, the README's offline main job on the five seeds as a whole process.

Runs ``libyapk-summ brief seeds/ --out DIR`` (replaying the recorded fixtures: no model, no
network) as a fresh process several times and prints the median and the fastest wall time
(goal: under 2 s), then what the import of the package itself costs.

    .venv/bin/python bench/cold_start.py               # 7 runs
    .venv/bin/python bench/cold_start.py --runs 15 --imports   # and the slowest imports
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "libyapk-summ"


def once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def slowest_imports(top: int) -> list[tuple[float, str]]:
    """Cumulative import times of the package's modules and what they pull in (``-X importtime``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import libyapk_summ.cli, libyapk_summ.pipeline"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]) / 1e6, parts[2].rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--imports", action="store_true", help="also list the slowest imports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(CLI), "brief", "seeds/", "--out", tmp, "--quiet"]
        digest = [str(CLI), "brief", "seeds/", "--out", tmp]
        once(command)  # the page cache, as for any second run of a command
        quiet = [once(command) for _ in range(args.runs)]
        loud = [once(digest) for _ in range(args.runs)]
        bare = [once([sys.executable, "-c", "import libyapk_summ"]) for _ in range(args.runs)]
    print(f"command: libyapk-summ brief seeds/ --out DIR   ({args.runs} runs each)")
    print(f"  with the digest on stdout: median {statistics.median(loud):.2f} s, fastest {min(loud):.2f} s")
    print(f"  --quiet:                   median {statistics.median(quiet):.2f} s, fastest {min(quiet):.2f} s")
    print(f"  python -c 'import libyapk_summ': median {statistics.median(bare):.2f} s")
    print("goal: the whole job under 2 s")
    if args.imports:
        print("slowest imports (cumulative seconds):")
        for seconds, name in slowest_imports(15):
            print(f"  {seconds:6.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
