"""Where graphs live: rdflib datasets (Oxigraph or memory), RDF files, and safe writing.

- :mod:`~vendorgraph.graph.store.datasets`: open datasets; bulk quads in and out as plain terms.
- :mod:`~vendorgraph.graph.store.files`: read and write RDF files, chosen by extension.
- :mod:`~vendorgraph.graph.store.atomic`: write a file or a folder atomically.
- :mod:`~vendorgraph.graph.store.lock`: one writer at a time per graph file.
- :mod:`~vendorgraph.graph.store.paths`: refuse an output that would overwrite an input.

Examples
--------
>>> ds = new_dataset("Memory")
>>> store_name(ds), len(ds)
('Memory', 0)
"""

from vendorgraph.graph.store.datasets import (
    DEFAULT_STORE,
    STORES,
    Iri,
    PlainQuad,
    PlainTerm,
    add_plain,
    gc_paused,
    iter_quads,
    new_dataset,
    oxigraph_store,
    plain_quads,
    rdflib_quads,
    store_name,
    union_graph,
)
from vendorgraph.graph.store.files import (
    FORMATS,
    format_for,
    read_dataset,
    read_graph,
    serialize,
    write_dataset,
)

__all__ = [
    "DEFAULT_STORE",
    "FORMATS",
    "STORES",
    "Iri",
    "PlainQuad",
    "PlainTerm",
    "add_plain",
    "format_for",
    "gc_paused",
    "iter_quads",
    "new_dataset",
    "oxigraph_store",
    "plain_quads",
    "rdflib_quads",
    "read_dataset",
    "read_graph",
    "serialize",
    "store_name",
    "union_graph",
    "write_dataset",
]
