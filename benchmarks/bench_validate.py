"""Time SHACL validation (``graph.validate.validate``) on synthetic corpora of growing size.

    python benchmarks/bench_validate.py                          # 100, 200 and 1,000 articles
    python benchmarks/bench_validate.py --sizes 100,200 --baseline /tmp/shacl_old --cache /tmp/vq

For each size, a corpus from ``make_corpus.py`` goes through the build command's stages up to
the stored scores (ingest, resolution, RDF dataset, merges, networkx projection, scores), which
are not timed; then ``validate`` runs on the dataset. Printed per size: quads, seconds for the
scratch copy, pyshacl and the bulk SPARQL constraints, the whole ``validate``, and its growth
exponent against the smallest size (1.0 is linear; 2.0 quadratic).

``--baseline DIR`` also times an older implementation in the same run and prints the ratio:
DIR holds that version's ``shacl.py`` and ``shapes.ttl`` (a revision from before the
``graph/validate/`` package, whose ``graph/shacl.py`` stands alone), for instance

    mkdir /tmp/shacl_old
    git show REV:vendorgraph/graph/shacl.py > /tmp/shacl_old/shacl.py
    git show REV:vendorgraph/ontology/data/shapes.ttl > /tmp/shacl_old/shapes.ttl

``--cache DIR`` keeps each built dataset as N-Quads there, so a rerun skips the build.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
from growth import print_growth
from make_corpus import write_corpus
from rdflib import Dataset, Graph

from vendorgraph import cli
from vendorgraph.graph.merges import add_merges
from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.store import new_dataset
from vendorgraph.graph.validate import shacl
from vendorgraph.graph.validate.bulk import bulk_sparql, take_sparql_constraints
from vendorgraph.graph.validate.core import core_results
from vendorgraph.graph.validate.scratch import scratch_store
from vendorgraph.loaders.corpus import ingest
from vendorgraph.ontology.namespace import bind_prefixes, load_shapes
from vendorgraph.resolution import resolve_entities

NQUADS = ox.RdfFormat.N_QUADS


def _timed(times: dict[str, float], name: str, run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = run()
    times[name] = time.perf_counter() - start
    return result


def build(files: list[Path], workers: int) -> Dataset:
    """Run the build command's stages before validation on `files`; return the dataset."""
    result = ingest(files, workers=workers)
    resolution = resolve_entities(list(result.extractions))
    dataset = to_dataset(resolution.extractions)
    add_merges(dataset, resolution)
    scores = cli._scores(to_networkx(dataset), None, None)
    cli._store_scores(dataset, scores)
    return dataset


def dataset_for(size: int, files: list[Path], workers: int, cache: Path | None) -> Dataset:
    """Build the dataset of the first `size` files, or load it from `cache`."""
    path = None if cache is None else cache / f"validate-{size}.nq"
    if path is not None and path.exists():
        ds = new_dataset()
        ds.store._inner.bulk_load(path=str(path), format=NQUADS)
        return ds
    ds = build(files[:size], workers)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        ds.store._inner.dump(output=str(path), format=NQUADS)  # type: ignore[attr-defined]
    return ds


def stages(ds: Dataset) -> dict[str, float]:
    """Time the parts of ``validate`` one by one, then ``validate`` itself."""
    t: dict[str, float] = {}
    store = _timed(t, "copy", lambda: scratch_store(ds))
    shapes = load_shapes()
    constraints = take_sparql_constraints(shapes)
    _timed(t, "pyshacl", lambda: core_results(store, shapes))
    _timed(t, "sparql", lambda: bulk_sparql(store, constraints))
    result = _timed(t, "validate", lambda: shacl.validate(ds))
    if not result.conforms:
        sys.exit(f"the synthetic dataset does not conform:\n{result.report[:2000]}")
    return t


def load_baseline(folder: Path) -> ModuleType:
    """Import ``folder/shacl.py`` as a module that validates with ``folder/shapes.ttl``."""
    spec = importlib.util.spec_from_file_location("baseline_shacl", folder / "shacl.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no shacl.py in {str(folder)!r}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    shapes = folder / "shapes.ttl"
    module.load_shapes = lambda: bind_prefixes(Graph()).parse(str(shapes), format="turtle")  # type: ignore[attr-defined]
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,1000", help="corpus sizes, ascending")
    parser.add_argument("--workers", type=int, default=1, help="ingest workers (not timed)")
    parser.add_argument("--baseline", type=Path, help="folder with an older shacl.py, shapes.ttl")
    parser.add_argument("--cache", type=Path, help="folder to keep the built datasets in")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    baseline = None if args.baseline is None else load_baseline(args.baseline)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(write_corpus(sizes[-1], Path(tmp)).rglob("*.txt"))
        for size in sizes:
            ds = dataset_for(size, files, args.workers, args.cache)
            times = stages(ds)
            if baseline is not None:
                _timed(times, "baseline", lambda ds=ds: baseline.validate(ds))  # type: ignore[misc]
            rows.append((size, len(ds), times))
            print(_row(size, len(ds), times), flush=True)
    print_growth(rows)


def _row(size: int, quads: int, times: dict[str, float]) -> str:
    cells = " ".join(f"{name} {seconds:7.2f}s" for name, seconds in times.items())
    ratio = (
        f"  baseline/validate {times['baseline'] / times['validate']:5.1f}x"
        if "baseline" in times
        else ""
    )
    return f"{size:6d} articles {quads:9d} quads  {cells}{ratio}"


if __name__ == "__main__":
    main()
