"""Open rdflib datasets: Oxigraph (through oxrdflib) when installed, else rdflib's memory store.

Bulk quads go in and out as *plain* terms, with no rdflib term built on the way when the
dataset lives in Oxigraph (rdflib's term checks cost more than the store's own work):

- writing (:func:`add_plain`): an IRI is a ``str``, a literal a ``(lexical, datatype IRI)`` pair;
- reading (:func:`plain_quads`): subject, predicate and graph are ``str``, an object is an
  :class:`Iri` (a ``str``) for an IRI, else the literal's text as rdflib gives it.

Other stores take the same data through rdflib's API (slower, same result).

Examples
--------
>>> ds = new_dataset()
>>> len(ds)
0
>>> store_name(ds) in ("Oxigraph", "Memory")
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugin import PluginException
from rdflib.term import Node

from vendorgraph.errors import InputError
from vendorgraph.ontology.namespace import DERIVED_GRAPH, bind_prefixes

__all__ = [
    "DEFAULT_STORE",
    "STORES",
    "Iri",
    "PlainQuad",
    "PlainTerm",
    "add_plain",
    "gc_paused",
    "iter_quads",
    "new_dataset",
    "oxigraph_store",
    "plain_quads",
    "rdflib_quads",
    "store_name",
    "union_graph",
]

DEFAULT_STORE = "Oxigraph"
STORES = ("Oxigraph", "Memory")

Quad = tuple[Node, Node, Node, URIRef]

PlainTerm = str | tuple[str, str]
"""A term to write: an IRI as ``str``, a literal as ``(lexical form, datatype IRI)``."""

PlainQuad = tuple[str, str, PlainTerm, str]
"""A quad to write: ``(subject IRI, predicate IRI, object, graph IRI)``."""

_DEFAULT_GRAPH = str(DATASET_DEFAULT_GRAPH_ID)
_VERBATIM = frozenset({str(XSD.string), str(XSD.integer)})  # rdflib keeps these lexical forms


class Iri(str):
    """An IRI read by :func:`plain_quads`: a ``str`` that says it is not a literal.

    Examples
    --------
    >>> Iri("urn:x:a") == "urn:x:a", isinstance(Iri("urn:x:a"), Iri)
    (True, True)
    """

    __slots__ = ()


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


def oxigraph_store(ds: Dataset | Graph) -> ox.Store | None:
    """Return the pyoxigraph store under an Oxigraph-backed dataset, or None for other stores.

    Examples
    --------
    >>> oxigraph_store(new_dataset("Memory")) is None
    True
    """
    if not isinstance(ds, Dataset) or store_name(ds) != "Oxigraph":
        return None
    inner = ds.store._inner  # type: ignore[attr-defined]  # oxrdflib creates it on first use
    return inner if isinstance(inner, ox.Store) else None


def add_plain(ds: Dataset, quads: Iterable[PlainQuad]) -> None:
    """Add plain quads to `ds`: one bulk load into Oxigraph, else through rdflib.

    Parameters
    ----------
    ds : rdflib.Dataset
        The dataset to add to.
    quads : iterable of PlainQuad
        ``(subject, predicate, object, graph)``: IRIs as ``str``, literals as
        ``(lexical form, datatype IRI)``; the lexical form is stored as given.

    Examples
    --------
    >>> ds = new_dataset()
    >>> add_plain(ds, [("urn:x:a", "urn:x:b", ("1", str(XSD.integer)), "urn:x:g")])
    >>> [str(o) for _, _, o, _ in iter_quads(ds)]
    ['1']
    """
    inner = oxigraph_store(ds)
    if inner is None:
        ds.addN(rdflib_quads(quads))  # type: ignore[arg-type]
        return
    oxt = _OxTerms()
    with gc_paused():
        inner.extend([ox.Quad(oxt[s], oxt[p], oxt[o], oxt[g]) for s, p, o, g in quads])  # type: ignore[arg-type]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a block builds millions of small objects.

    Tuples and terms made in bulk trigger full collections that rescan everything built so
    far (time grows with the square of the size); none of them form cycles. The collector is
    switched back on afterwards unless it was already off.

    Examples
    --------
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def rdflib_quads(quads: Iterable[PlainQuad]) -> Iterator[Quad]:
    """Yield plain quads as rdflib terms, built as rdflib builds them from these strings.

    Examples
    --------
    >>> [q[2] for q in rdflib_quads([("urn:x:a", "urn:x:b", ("x", str(XSD.string)), "urn:x:g")])]
    [rdflib.term.Literal('x', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#string'))]
    """
    terms = _RdflibTerms()
    for s, p, o, g in quads:
        yield terms[s], terms[p], terms[o], terms[g]  # type: ignore[misc]


class _RdflibTerms(dict[PlainTerm, Node]):
    """Plain terms to rdflib terms, as rdflib builds them; IRIs are cached, literals are not."""

    def __missing__(self, term: PlainTerm) -> Node:
        if isinstance(term, str):
            node = self[term] = URIRef(term)
            return node
        return Literal(term[0], datatype=URIRef(term[1]))


class _OxTerms(dict[PlainTerm, ox.NamedNode | ox.Literal]):
    """Plain terms to pyoxigraph terms; IRIs are cached (most repeat), literals are not."""

    def __missing__(self, term: PlainTerm) -> ox.NamedNode | ox.Literal:
        if isinstance(term, str):
            node = self[term] = ox.NamedNode(term)
            return node
        return ox.Literal(term[0], datatype=self[term[1]])  # type: ignore[arg-type]


def plain_quads(ds: Dataset | Graph, *, graph: str | None = None) -> Iterator[tuple[str, ...]]:
    """Yield ``(s, p, o, graph)`` as plain strings, from every graph or only from `graph`.

    An IRI object is an :class:`Iri`; a literal object is its lexical form as rdflib writes it
    (``str(Literal(...))``), so both paths agree. A plain :class:`rdflib.Graph` is one graph
    (the default graph's name; asked for another graph, it yields nothing). The same triple in
    two graphs comes once per graph.

    Examples
    --------
    >>> ds = new_dataset()
    >>> add_plain(ds, [("urn:x:a", "urn:x:b", "urn:x:c", "urn:x:g")])
    >>> [(o, type(o).__name__, g) for _, _, o, g in plain_quads(ds)]
    [('urn:x:c', 'Iri', 'urn:x:g')]
    """
    inner = oxigraph_store(ds)
    if inner is not None:
        return _ox_plain(inner, graph)
    return _rdflib_plain(ds, graph)


def _ox_plain(inner: ox.Store, graph: str | None) -> Iterator[tuple[str, ...]]:
    pattern = None if graph is None else _ox_graph(graph)
    texts = _LiteralTexts()
    for q in inner.quads_for_pattern(None, None, None, pattern):
        o, g = q.object, q.graph_name
        obj = Iri(o.value) if type(o) is ox.NamedNode else texts.text(o)
        name = _DEFAULT_GRAPH if type(g) is ox.DefaultGraph else g.value
        yield q.subject.value, q.predicate.value, obj, name  # type: ignore[union-attr]


_OX_DEFAULT = ox.DefaultGraph()


def _ox_graph(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    return _OX_DEFAULT if graph == _DEFAULT_GRAPH else ox.NamedNode(graph)


class _LiteralTexts:
    """The text rdflib gives an Oxigraph literal (rdflib normalises dates, for one)."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], str] = {}

    def text(self, o: ox.Literal | ox.BlankNode | ox.Triple) -> str:
        if type(o) is not ox.Literal:
            return o.value if isinstance(o, ox.BlankNode) else str(o)
        if o.language:
            return o.value
        value, datatype = o.value, o.datatype.value
        if datatype in _VERBATIM:
            return value
        key = (value, datatype)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = str(Literal(value, datatype=URIRef(datatype)))
        return found


def _rdflib_plain(ds: Dataset | Graph, graph: str | None) -> Iterator[tuple[str, ...]]:
    if isinstance(ds, Dataset):
        source = None if graph is None else ds.get_context(URIRef(graph))  # adds no graph
        quads = iter_quads(ds) if source is None else ((*t, graph) for t in source)
    elif graph in (None, _DEFAULT_GRAPH):
        quads = ((*t, _DEFAULT_GRAPH) for t in ds)
    else:
        return
    for s, p, o, g in quads:
        yield str(s), str(p), Iri(o) if isinstance(o, URIRef) else str(o), str(g)
