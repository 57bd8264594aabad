"""Time the graph stages of `vendorgraph build` against the old code, and check the output is equal.

    python benchmarks/bench_graph.py                          # 250, 500, 1000 articles
    python benchmarks/bench_graph.py --sizes 100,1000 --baseline-up-to 1000
    python benchmarks/bench_graph.py --corpus /tmp/bc/articles/00 --no-baseline

Extracts a synthetic corpus (benchmarks/make_corpus.py, or the .txt files of ``--corpus``) once,
resolves entities as ``build`` does, then for the first N articles of each size measures in this
one run:

- ``to_dataset`` (extractions → Oxigraph dataset) and ``to_networkx`` (dataset → records →
  MultiDiGraph, the build's scoring input), now;
- the same with the graph modules (``store``, ``rdf``, ``networkx``) of ``--baseline`` (a git
  revision, read with ``git show``) up to ``--baseline-up-to`` articles, and checks that both
  write the same N-Quads bytes and give equal networkx graphs (nodes, edges, keys, attributes,
  graph attributes, in the same order).

Wall and CPU seconds are printed (the CPU time is steadier on a shared machine), with µs per quad
to show the growth is linear.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from make_corpus import write_corpus

from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.store.files import serialize
from vendorgraph.loaders.corpus import ingest
from vendorgraph.ontology.model import Extraction
from vendorgraph.resolution import resolve_entities

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "950f714"  # the last commit before the bulk paths


def load_baseline(rev: str) -> dict[str, types.ModuleType]:
    """Load vendorgraph/graph/{store,rdf,networkx}.py of git revision `rev` as private modules."""
    package = types.ModuleType("_baseline")
    package.__path__ = []
    sys.modules["_baseline"] = package
    modules = {}
    for name in ("store", "rdf", "networkx"):
        path = f"vendorgraph/graph/{name}.py"
        done = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
            check=True,
            capture_output=True,
            text=True,
        )
        source = done.stdout.replace("vendorgraph.graph.store", "_baseline.store")
        source = source.replace("vendorgraph.graph.rdf", "_baseline.rdf")
        module = types.ModuleType(f"_baseline.{name}")
        sys.modules[module.__name__] = module
        exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)
        modules[name] = module
    return modules


def timed(call: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    return (
        nx.utils.graphs_equal(a, b)
        and a.graph == b.graph
        and list(a.nodes(data=True)) == list(b.nodes(data=True))
        and list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    )


def extract(corpus: Path, count: int) -> list[Extraction]:
    files = sorted(corpus.rglob("*.txt"))[:count]
    return list(ingest(files, workers=2).extractions)


def measure(extractions: list[Extraction], old: dict[str, types.ModuleType] | None) -> None:
    exs = resolve_entities(extractions).extractions
    ds, ds_wall, ds_cpu = timed(lambda: to_dataset(exs))
    G, nx_wall, nx_cpu = timed(lambda: to_networkx(ds))
    quads = len(ds)
    line = (
        f"{len(exs):6d} articles {quads:9d} quads | to_dataset {ds_wall:6.2f} s "
        f"(cpu {ds_cpu:6.2f}, {ds_cpu / quads * 1e6:4.1f} µs/quad) | to_networkx {nx_wall:6.2f} s "
        f"(cpu {nx_cpu:6.2f}, {nx_cpu / quads * 1e6:4.1f} µs/quad)"
    )
    print(line, flush=True)
    if old is None:
        return
    old_ds, ods_wall, ods_cpu = timed(lambda: old["rdf"].to_dataset(exs))
    old_G, onx_wall, onx_cpu = timed(lambda: old["networkx"].to_networkx(old_ds))
    same_bytes = serialize(ds, ox.RdfFormat.N_QUADS) == serialize(old_ds, ox.RdfFormat.N_QUADS)
    print(
        f"{'':6s} baseline {'':15s}| to_dataset {ods_wall:6.2f} s (cpu {ods_cpu:6.2f}) "
        f"x{ods_cpu / ds_cpu:5.1f} faster | to_networkx {onx_wall:6.2f} s (cpu {onx_cpu:6.2f}) "
        f"x{onx_cpu / nx_cpu:5.1f} faster | same N-Quads: {same_bytes}, "
        f"same networkx: {same_graph(G, old_G)}",
        flush=True,
    )


def run(args: argparse.Namespace, corpus: Path) -> None:
    old = None if args.no_baseline else load_baseline(args.baseline)
    extractions = extract(corpus, max(args.sizes))
    print(f"{len(extractions)} articles extracted from {corpus}; baseline: {args.baseline}")
    for size in args.sizes:
        compare = old if size <= args.baseline_up_to else None
        measure(extractions[:size], compare)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000", help="articles per measurement")
    parser.add_argument("--corpus", type=Path, help="a folder of .txt articles")
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the old code")
    parser.add_argument("--baseline-up-to", type=int, default=250, help="largest old run")
    parser.add_argument("--no-baseline", action="store_true", help="time the new code only")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if args.corpus is not None:
        run(args, args.corpus)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(args, write_corpus(max(args.sizes), Path(tmp)))


if __name__ == "__main__":
    main()
