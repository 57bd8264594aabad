"""Time :func:`vendorgraph.loaders.pipeline.extract` on pathological texts at 4, 16 and 64 KB.

    python benchmarks/bench_pathological.py                     # every shape, 60 s limit
    python benchmarks/bench_pathological.py --shape name-chain --limit 20 --sizes 4 16
    python benchmarks/bench_pathological.py --profile nested-parens --sizes 16

The shapes (``tests/loaders/_shapes.py``) are runs of quote marks of each style, one huge
sentence without punctuation, chains of capitalised names joined by "and", nested parentheses,
a table flattened to text, a transcript without punctuation and runs of numbers and currency.
Each is built with :func:`~vendorgraph.loaders.documents.parse_document` and extracted in a
forked child (the parent has loaded the models once), which is killed past ``--limit`` seconds
and reported as ``>LIMIT``; a shape that times out is not tried at a larger size.

Per shape it prints the seconds at each size, the growth exponent between sizes (the slope of
log time over log size: 1.0 is linear, 2.0 quadratic) and the ratio to the ``ordinary`` shape
(our own news paragraph, repeated) of the same size, measured in the same run: the exponents
and ratios travel across machines, the seconds do not.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import math
import multiprocessing
import pstats
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.loaders._shapes import SHAPES  # noqa: E402  (the shapes the linear-time test uses)
from vendorgraph.loaders.documents import parse_document  # noqa: E402
from vendorgraph.loaders.pipeline import extract  # noqa: E402

KB = 1024


def _child(text: str, out: Connection) -> None:
    doc = parse_document(text)
    t0 = time.perf_counter()
    extract(doc)
    out.send(time.perf_counter() - t0)


def measure(text: str, limit: float) -> float | None:
    """Return the seconds `extract` takes on `text` in a forked child, None past `limit`."""
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(text, send))
    child.start()
    ready = receive.poll(limit)
    seconds = receive.recv() if ready else None
    if child.is_alive():
        child.kill()
    child.join()
    return seconds


def _best(text: str, limit: float, repeat: int) -> float | None:
    times = []
    for _ in range(repeat):
        seconds = measure(text, limit)
        if seconds is None:
            return None
        times.append(seconds)
    return min(times)


def _cell(seconds: float | None, limit: float) -> str:
    return f">{limit:.0f}" if seconds is None else f"{seconds:.3f}"


def _slope(a: float | None, b: float | None, ratio: float) -> str:
    if a is None or b is None:
        return "  -  "
    return f"{math.log(max(b, 1e-3) / max(a, 1e-3)) / math.log(ratio):5.2f}"


def _times(shape: str, sizes: list[int], limit: float, repeat: int) -> list[float | None]:
    times: list[float | None] = []
    for size in sizes:
        if times and times[-1] is None:
            times.append(None)  # timed out at a smaller size: not worth the wait
            continue
        times.append(_best(SHAPES[shape](size * KB), limit, repeat))
    return times


def _ratio(seconds: float | None, base: float | None) -> str:
    return "   -  " if seconds is None or not base else f"{seconds / base:6.1f}"


def run(shapes: list[str], sizes: list[int], limit: float, repeat: int) -> None:
    """Print seconds, growth exponents and ratios to the ordinary text for each shape."""
    extract(parse_document(SHAPES["ordinary"](4 * KB)))  # load the models before forking
    base = _times("ordinary", sizes, limit, repeat)
    head = "  ".join(f"{s:>5d}KB" for s in sizes)
    slopes = "  ".join(f"{a}->{b}" for a, b in itertools.pairwise(sizes))
    ratios = "  ".join(f"x@{s}KB" for s in sizes)
    print(f"{'shape':22s} {head}   exponent {slopes}   ratio {ratios}")
    for shape in ["ordinary", *[s for s in shapes if s != "ordinary"]]:
        times = base if shape == "ordinary" else _times(shape, sizes, limit, repeat)
        cells = "  ".join(f"{_cell(t, limit):>7s}" for t in times)
        pairs = zip(itertools.pairwise(times), itertools.pairwise(sizes), strict=True)
        exps = "  ".join(_slope(a, b, s2 / s1) for (a, b), (s1, s2) in pairs)
        rel = "  ".join(_ratio(t, b) for t, b in zip(times, base, strict=True))
        print(f"{shape:22s} {cells}   exponent {exps}   ratio {rel}", flush=True)


def profile(shape: str, size: int, top: int = 25) -> None:
    """Print the functions where `extract` spends its time on one shape (in this process)."""
    doc = parse_document(SHAPES[shape](size * KB))
    extract(parse_document(SHAPES["ordinary"](KB)))
    prof = cProfile.Profile()
    prof.enable()
    extract(doc)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="repeatable")
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 16, 64], help="in KB")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds per extraction")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    parser.add_argument("--profile", choices=sorted(SHAPES), help="profile one shape instead")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.sizes[0])
        return 0
    run(args.shape or sorted(SHAPES), sorted(args.sizes), args.limit, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
