"""Time reading HTML pages (trafilatura) on deep nesting, against an ordinary page of the same size.

    python benchmarks/bench_html.py                       # 1k, 4k, 16k, 64k elements
    python benchmarks/bench_html.py --sizes 4000 64000 --old 24a4d7d --limit 120

Shapes, each with the given number of elements around our own two-sentence article:

- ``nested``: ``<div>`` inside ``<div>``, all closed (the issue-14 page);
- ``unclosed``: the same ``<div>``s never closed;
- ``ordinary`` (the baseline): paragraphs of news text in an ``<article>``, as many as make
  the page as long as ``nested``, measured in the same run.

Per shape it prints the seconds of :func:`~vendorgraph.loaders.pages.read_page` (the page to
its article text, before the size limit of one article) at each size, the growth exponent
between sizes (1.0 linear, 2.0 quadratic) and the ratio to ``ordinary`` of the same size.
``--old REV`` also times the reader of that git revision (the hand-written parser before
trafilatura: 24a4d7d) on ``nested``, in a child killed past ``--limit`` seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import multiprocessing
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vendorgraph.loaders.pages import read_page  # noqa: E402

DEAL = "<p>Quarry Compute will rent 4,000 accelerators from Lumen Grid for three years.</p>"
MORE = "<p>The first racks arrive in March, Quarry Compute said.</p>"
NEWS = "Lumen Grid said the racks would run in its northern data center from the spring."


def nested(n: int) -> str:
    return f"<html><body>{'<div>' * n}{DEAL}{'</div>' * n}{MORE}</body></html>"


def unclosed(n: int) -> str:
    return f"<html><body>{'<div>' * n}{DEAL}{MORE}</body></html>"


def ordinary(n: int) -> str:
    """Return a page of news paragraphs as long as ``nested(n)``."""
    size = len(nested(n))
    count = max(0, (size - len(DEAL) - len(MORE) - 40) // len(f"<p>{NEWS} 00000</p>"))
    body = "".join(f"<p>{NEWS} {i:05}</p>" for i in range(count))  # distinct: none dropped
    page = f"<html><body><article>{DEAL}{body}{MORE}</article></body></html>"
    return page + " " * max(0, size - len(page))


SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary": ordinary,
    "nested": nested,
    "unclosed": unclosed,
}


def seconds(read: Callable[[str], object], page: str) -> float:
    t0 = time.perf_counter()
    read(page)
    return time.perf_counter() - t0


def old_reader(rev: str) -> Callable[..., object]:
    """Load ``vendorgraph/loaders/documents.py`` of a git revision as a module."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:vendorgraph/loaders/documents.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "old_documents.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_documents", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_documents"] = module
    spec.loader.exec_module(module)
    return lambda page: module.parse_document(page, suffix=".html")


def _old_child(rev: str, n: int, out: multiprocessing.queues.Queue) -> None:  # type: ignore[name-defined]
    out.put(seconds(old_reader(rev), nested(n)))


def old_seconds(rev: str, n: int, limit: float) -> float | None:
    queue: multiprocessing.Queue[float] = multiprocessing.Queue()
    child = multiprocessing.get_context("fork").Process(target=_old_child, args=(rev, n, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000, 64000])
    parser.add_argument("--old", help="also time this git revision's reader on 'nested'")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds for --old")
    args = parser.parse_args()
    read_page(ordinary(10))  # import trafilatura and lxml once
    times = {
        name: [seconds(read_page, make(n)) for n in args.sizes] for name, make in SHAPES.items()
    }
    print(f"{'shape':10} " + " ".join(f"{n:>9}" for n in args.sizes) + "   growth  x ordinary")
    for name, row in times.items():
        growth = _growth(args.sizes, row)
        ratio = row[-1] / times["ordinary"][-1]
        cells = " ".join(f"{t:8.3f}s" for t in row)
        print(f"{name:10} {cells}   {growth:6.2f}  {ratio:9.2f}")
    if args.old:
        row_old = [old_seconds(args.old, n, args.limit) for n in args.sizes]
        cells = " ".join(
            f"{t:8.3f}s" if t is not None else f"{'>' + str(args.limit):>9}" for t in row_old
        )
        print(f"{'old ' + args.old:10} {cells}   (nested, hand-written parser)")
        done = [
            (t_old, t_new) for t_old, t_new in zip(row_old, times["nested"], strict=True) if t_old
        ]
        if done:
            old, new = done[-1]
            print(f"old / new on nested, at the largest size old finished: {old / new:.1f}")


def _growth(sizes: list[int], row: list[float]) -> float:
    if len(sizes) < 2 or min(row[-2:]) <= 0:
        return float("nan")
    return math.log(row[-1] / row[-2]) / math.log(sizes[-1] / sizes[-2])


if __name__ == "__main__":
    main()
