"""Open rdflib datasets: Oxigraph (through oxrdflib) when installed, else rdflib's memory store.

Examples
--------
>>> ds = new_dataset()
>>> len(ds)
0
>>> store_name(ds) in ("Oxigraph", "Memory")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugin import PluginException
from rdflib.term import Node

from vendorgraph.errors import InputError
from vendorgraph.ontology.namespace import DERIVED_GRAPH, bind_prefixes

__all__ = ["DEFAULT_STORE", "STORES", "iter_quads", "new_dataset", "store_name", "union_graph"]

DEFAULT_STORE = "Oxigraph"
STORES = ("Oxigraph", "Memory")

Quad = tuple[Node, Node, Node, URIRef]


def new_dataset(store: str = DEFAULT_STORE, *, path: str | Path | None = None) -> Dataset:
    """Return an empty dataset on `store`, in memory or (Oxigraph only) on disk at `path`.

    Falls back to rdflib's ``"Memory"`` store when ``store="Oxigraph"`` and oxrdflib is not
    installed.

    Parameters
    ----------
    store : {"Oxigraph", "Memory"}
        The rdflib store plugin.
    path : str or Path, optional
        A folder for an on-disk Oxigraph store; in memory when None.

    Raises
    ------
    vendorgraph.errors.InputError
        If `store` is not one of :data:`STORES`, or `path` is given for the memory store.

    Examples
    --------
    >>> store_name(new_dataset("Memory"))
    'Memory'
    """
    if store not in STORES:
        raise InputError(f"unknown store {store!r}; use one of {', '.join(STORES)}")
    if path is not None and store != "Oxigraph":
        raise InputError(
            f"store {store!r} lives in memory; drop path={str(path)!r} or use Oxigraph"
        )
    try:
        ds = Dataset(store=store)
    except PluginException:
        ds = Dataset(store="Memory")
    if path is not None:
        ds.open(str(path), create=False)  # oxrdflib: create=True refuses an existing folder
    return bind_prefixes(ds)  # type: ignore[return-value]


def store_name(ds: Dataset) -> str:
    """Return ``"Oxigraph"`` or ``"Memory"``: the store a dataset lives in."""
    return "Oxigraph" if type(ds.store).__name__ == "OxigraphStore" else "Memory"


def iter_quads(ds: Dataset, *, derived: bool = True) -> Iterator[Quad]:
    """Yield ``(s, p, o, graph)`` for every quad, skipping graph/derived unless `derived`.

    Examples
    --------
    >>> list(iter_quads(new_dataset()))
    []
    """
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = URIRef(g if g is not None else DATASET_DEFAULT_GRAPH_ID)
        if derived or name != DERIVED_GRAPH:
            yield s, p, o, name


def union_graph(ds: Dataset, *, derived: bool = True) -> Graph:
    """Return a new in-memory graph holding the union of all graphs of `ds`.

    Examples
    --------
    >>> len(union_graph(new_dataset()))
    0
    """
    graph = bind_prefixes(Graph())
    graph.addN((s, p, o, graph) for s, p, o, _ in iter_quads(ds, derived=derived))
    return graph
