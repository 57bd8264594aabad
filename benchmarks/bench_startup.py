"""Start-up of ``vendorgraph extract`` on a short article, and what it is made of.

python benchmarks/bench_startup.py [--runs 5] [ARTICLE]

Each figure is the median wall time of fresh processes. The baseline, run in the same process
tree, is the same command with the disk cache off (``VENDORGRAPH_NO_CACHE=1``: the gazetteer
derived from GeoNames' tables every time); the floor is importing spaCy alone, which any run
that parses pays. Ratios are against the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _median(command: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "article", nargs="?", type=Path, default=ROOT / "examples/helioscale-gpu-deal.md"
    )
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    extract = [sys.executable, "-m", "vendorgraph", "extract", str(args.article)]
    with tempfile.TemporaryDirectory() as cache:
        warm = {**os.environ, "VENDORGRAPH_CACHE_DIR": cache}
        subprocess.run(extract, env=warm, check=True, stdout=subprocess.DEVNULL)  # fills it
        cold = {**os.environ, "VENDORGRAPH_NO_CACHE": "1"}
        rows = [
            ("extract, cache off (baseline)", _median(extract, cold, args.runs)),
            ("extract, cache warm", _median(extract, warm, args.runs)),
            (
                "python -c 'import spacy'",
                _median([sys.executable, "-c", "import spacy"], warm, args.runs),
            ),
            ("vendorgraph --help", _median([*extract[:3], "--help"], warm, args.runs)),
        ]
    base = rows[0][1]
    print(f"{'command':34} {'median s':>9} {'ratio':>7}")
    for label, seconds in rows:
        print(f"{label:34} {seconds:9.2f} {seconds / base:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
