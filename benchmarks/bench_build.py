"""Time every stage of ``vendorgraph build`` on synthetic corpora of growing size.

    python benchmarks/bench_build.py                       # 100, 300 and 1,000 articles
    python benchmarks/bench_build.py --sizes 100,1000 --workers 2

For each size, a corpus from ``make_corpus.py`` goes through the stages of the build command
(``vendorgraph/cli.py``): ingest, entity resolution, RDF dataset, networkx projection, lock-in
scores, storing the scores, SHACL validation and the atomic write. Printed per size: seconds per
stage, quads, articles per second overall, and each stage's growth exponent against the
smallest size measured in the same run (1.0 is linear; 2.0 quadratic).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from growth import print_growth
from make_corpus import write_corpus

from vendorgraph import cli
from vendorgraph.graph.merges import add_merges
from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.store.files import write_dataset
from vendorgraph.graph.validate import ensure_valid
from vendorgraph.loaders.corpus import ingest
from vendorgraph.resolution import resolve_entities


def _timed(times: dict[str, float], name: str, run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = run()
    times[name] = time.perf_counter() - start
    return result


def build_stages(files: list[Path], workers: int, out: Path) -> tuple[dict[str, float], int]:
    """Run the build command's stages on `files`; return seconds per stage and the quad count."""
    t: dict[str, float] = {}
    result = _timed(t, "ingest", lambda: ingest(files, workers=workers))
    resolution = _timed(t, "resolve", lambda: resolve_entities(list(result.extractions)))
    dataset = _timed(t, "to_dataset", lambda: to_dataset(resolution.extractions))
    _timed(t, "merges", lambda: add_merges(dataset, resolution))
    graph = _timed(t, "to_networkx", lambda: to_networkx(dataset))
    scores = _timed(t, "scores", lambda: cli._scores(graph, None, None))
    _timed(t, "store_scores", lambda: cli._store_scores(dataset, scores))
    _timed(t, "validate", lambda: ensure_valid(dataset, path=str(out)))
    _timed(t, "write", lambda: write_dataset(dataset, out))
    return t, len(dataset)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000", help="corpus sizes, ascending")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        articles = write_corpus(sizes[-1], Path(tmp))
        files = sorted(articles.rglob("*.txt"))
        rows = []
        for size in sizes:
            times, quads = build_stages(files[:size], args.workers, Path(tmp, f"g{size}.trig"))
            rows.append((size, quads, times))
    base = rows[0][2]
    print(f"workers={args.workers}")
    header = "".join(f"{name:>13}" for name in base)
    print(f"{'articles':>8} {'quads':>9}{header} {'total':>8} {'art/s':>7}")
    for size, quads, times in rows:
        cells = "".join(f"{times[name]:12.2f}s" for name in base)
        total = sum(times.values())
        print(f"{size:8d} {quads:9d}{cells} {total:7.1f}s {size / total:7.1f}")
    print_growth(rows)


if __name__ == "__main__":
    main()
