"""The scratch store validation runs on: the data and the ontology in one Oxigraph store.

Every graph is copied, with the ontology, into one scratch store read as the union of its
graphs, so ``sh:class`` follows ``rdfs:subClassOf`` and the ``skos:inScheme`` checks find the
concepts. The caller's dataset is never modified.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> len(scratch_store(new_dataset())) > 0
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from vendorgraph.graph.store import oxigraph_store
from vendorgraph.graph.store.files import oxigraph_term
from vendorgraph.ontology.namespace import bind_prefixes, load_ontology, prefixes

__all__ = ["data_graph", "scratch_store"]


def scratch_store(data: Dataset | Graph) -> ox.Store:
    """Return a new Oxigraph store holding every quad of `data` plus the ontology."""
    store = ox.Store()
    store.bulk_extend(_quads(data))
    store.bulk_extend(_ontology_quads())
    return store


def _quads(data: Dataset | Graph) -> Iterable[ox.Quad]:
    """Return every quad of `data` (all graphs of a dataset; a graph's triples, unnamed)."""
    inner = oxigraph_store(data)
    if inner is not None:
        return inner.quads_for_pattern(None, None, None, None)
    triples = (t[:3] for t in data.quads()) if isinstance(data, Dataset) else iter(data)
    return (_ox_quad(s, p, o) for s, p, o in triples)


@lru_cache(maxsize=1)
def _ontology_quads() -> tuple[ox.Quad, ...]:
    ontology = load_ontology()
    return tuple(_ox_quad(s, p, o) for s, p, o in ontology)


def _ox_quad(s: Node, p: Node, o: Node) -> ox.Quad:
    """Return an rdflib triple as a pyoxigraph quad in the default graph."""
    return ox.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o))  # type: ignore[arg-type]


def data_graph(store: ox.Store) -> Graph:
    """Wrap `store` for pyshacl, with the vendorgraph prefixes bound for readable messages."""
    try:
        from pyshacl.graph_abstraction import OxigraphDataGraph
    except ImportError:  # pragma: no cover - a pyshacl without Oxigraph support: rdflib view
        from oxrdflib.store import OxigraphStore

        view = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
        return bind_prefixes(view)

    class _DataGraph(OxigraphDataGraph):
        # pyshacl 0.40.1 writes `datagraph or shapes_graph` for each result, calling len():
        # a scan of the whole store per violation (fixed upstream in 0.40.2).
        def __bool__(self) -> bool:
            return True

    graph = _DataGraph(store)
    graph.default_union = True  # type: ignore[misc]  # a setter mypy does not see
    for prefix, iri in prefixes().items():
        graph.namespace_manager.bind(prefix, iri, override=True, replace=True)
    return graph
