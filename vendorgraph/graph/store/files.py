r"""Read and write datasets as RDF files, chosen by extension, deterministically and atomically.

=========  ============  ======================================================
extension  format        named graphs
=========  ============  ======================================================
``.trig``  TriG          kept
``.nq``    N-Quads       kept
``.jsonld``  JSON-LD     kept (``@graph`` per named graph)
``.ttl``   Turtle        merged into one graph (the union)
``.nt``    N-Triples     merged into one graph (the union)
=========  ============  ======================================================

A union file still reads back to the same model records, because every node an article owns
links to its article (see :mod:`vendorgraph.graph.rdf`). Files are written by pyoxigraph from the
quads sorted by (graph, subject, predicate, object), so the same dataset gives byte-identical
files whichever store holds it. A write goes to a temporary file in the target folder, is fsynced
and then renamed over the target: on any failure the old file is left as it was.

Examples
--------
>>> import tempfile, pathlib
>>> from vendorgraph.graph.store import new_dataset
>>> from rdflib import URIRef
>>> ds = new_dataset()
>>> _ = ds.default_graph.add((URIRef("urn:x:a"), URIRef("urn:x:b"), URIRef("urn:x:c")))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny.nt"
>>> write_dataset(ds, path)
>>> path.read_text()
'<urn:x:a> <urn:x:b> <urn:x:c> .\n'
>>> len(read_dataset(path))
1
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import XSD, BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from vendorgraph.errors import GraphFileError, InputFileError, UnknownFormatError
from vendorgraph.graph.store import DEFAULT_STORE, iter_quads, new_dataset, oxigraph_store
from vendorgraph.graph.store.atomic import atomic_write
from vendorgraph.ontology.namespace import VG, prefixes

__all__ = [
    "FORMATS",
    "format_for",
    "oxigraph_term",
    "rdflib_term",
    "read_dataset",
    "read_graph",
    "serialize",
    "write_dataset",
]

FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
}
"""The file extensions vendorgraph reads and writes, and their formats."""

_PREFIXED = (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE)


def format_for(path: str | Path) -> ox.RdfFormat:
    """Return the RDF format of a file name from its extension.

    Raises
    ------
    vendorgraph.errors.UnknownFormatError
        If the extension is not one of :data:`FORMATS`.

    Examples
    --------
    >>> format_for("graph.trig").name
    'TriG'
    >>> format_for("graph.rdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.UnknownFormatError: graph.rdf: unknown RDF file extension '.rdf'; use ...
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        valid = ", ".join(sorted(FORMATS))
        raise UnknownFormatError(
            f"unknown RDF file extension {suffix!r}; use one of {valid}", path=str(path)
        )
    return FORMATS[suffix]


# ------------------------------------------------------------------ term conversion


def oxigraph_term(
    term: Node, iri: Callable[[str], ox.NamedNode] = ox.NamedNode
) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Return the pyoxigraph twin of an rdflib IRI, blank node or literal.

    `iri` makes the named nodes (a caching constructor, say).

    Examples
    --------
    >>> oxigraph_term(Literal("7", datatype=XSD.integer))
    <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=iri(str(term.datatype or XSD.string)))
    raise TypeError(f"cannot write RDF term {term!r} of type {type(term).__name__}")


def rdflib_term(term: object) -> Node:
    """Return the rdflib twin of a pyoxigraph term (the default graph as rdflib's id).

    Examples
    --------
    >>> rdflib_term(ox.NamedNode("urn:x:a"))
    rdflib.term.URIRef('urn:x:a')
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise GraphFileError(f"unsupported RDF term {term!r}; vendorgraph writes no RDF-star")


class _ToOx:
    """Convert rdflib terms to pyoxigraph terms, caching IRIs (most terms repeat)."""

    def __init__(self) -> None:
        self.iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self.iris.get(value)
        if node is None:
            node = self.iris[value] = ox.NamedNode(value)
        return node

    def term(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        return oxigraph_term(term, self.iri)


def _triple_key(quad: ox.Quad) -> str:
    """Sort key of a quad within its graph: its triple in N-Triples, one string (cheap).

    Lines sharing a prefix sort together, so a subject's triples stay contiguous and Turtle and
    TriG still group them under one subject.
    """
    return str(quad.triple)


def _graph_key(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    return "" if isinstance(graph, ox.DefaultGraph) else str(graph)


def sorted_quads(ds: Dataset, *, named: bool = True) -> list[ox.Quad]:
    """Return the quads of `ds` as pyoxigraph quads in a canonical order.

    With `named`, graph by graph (the default graph first, then by graph IRI), each graph's
    quads ordered by their triple's N-Triples form; otherwise the distinct triples of every
    graph, in the default graph, ordered the same way.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> from vendorgraph.graph.store import new_dataset
    >>> ds = new_dataset()
    >>> for name in ["urn:x:b", "urn:x:a"]:
    ...     _ = ds.graph(URIRef("urn:g:1")).add((URIRef(name), URIRef("urn:p"), URIRef("urn:o")))
    >>> [str(q.subject) for q in sorted_quads(ds)]
    ['<urn:x:a>', '<urn:x:b>']
    """
    inner = oxigraph_store(ds)
    quads = _oxigraph_quads(inner) if inner is not None else _converted_quads(ds)
    if not named:
        triples = {ox.Quad(q.subject, q.predicate, q.object) for q in quads}
        return sorted(triples, key=_triple_key)
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        by_graph[_graph_key(quad.graph_name)].append(quad)
    ordered: list[ox.Quad] = []
    for name in sorted(by_graph):
        ordered += sorted(by_graph[name], key=_triple_key)
    return ordered


def _oxigraph_quads(inner: ox.Store) -> list[ox.Quad]:
    return list(inner.quads_for_pattern(None, None, None, None))


def _converted_quads(ds: Dataset) -> list[ox.Quad]:
    conv = _ToOx()
    default = ox.DefaultGraph()
    quads = set()
    for s, p, o, g in iter_quads(ds):
        graph = default if g == DATASET_DEFAULT_GRAPH_ID else conv.iri(str(g))
        quads.add(ox.Quad(conv.term(s), conv.term(p), conv.term(o), graph))  # type: ignore[arg-type]
    return list(quads)


def serialize(ds: Dataset, fmt: ox.RdfFormat, output: IO[bytes] | None = None) -> bytes | None:
    """Serialise `ds` in `fmt` deterministically, to `output` or (when None) as bytes.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> serialize(new_dataset(), ox.RdfFormat.N_QUADS)
    b''
    """
    quads = sorted_quads(ds, named=fmt.supports_datasets)
    triples: Iterable[ox.Quad | ox.Triple] = (
        quads if fmt.supports_datasets else [q.triple for q in quads]
    )
    options = {"prefixes": prefixes()} if fmt in _PREFIXED else {}
    return ox.serialize(triples, output, fmt, **options)  # type: ignore[arg-type]


def write_dataset(ds: Dataset, path: str | Path) -> None:
    """Write `ds` to `path` in the format its extension names, atomically.

    Parameters
    ----------
    ds : rdflib.Dataset
        The dataset to write.
    path : str or Path
        The target file; ``.trig``, ``.nq``, ``.jsonld`` keep named graphs, ``.ttl`` and ``.nt``
        hold their union.

    Raises
    ------
    vendorgraph.errors.UnknownFormatError
        If the extension is not one of :data:`FORMATS`.
    vendorgraph.errors.GraphFileError
        If a term cannot be written (an invalid IRI, say); the old file is left untouched.
    vendorgraph.errors.InputFileError
        If the folder does not exist or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from vendorgraph.graph.store import new_dataset
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "empty.trig"
    >>> write_dataset(new_dataset(), target)
    >>> target.exists()
    True
    """
    path = Path(path)
    fmt = format_for(path)
    try:
        atomic_write(path, lambda out: serialize(ds, fmt, out))
    except (ValueError, TypeError) as err:
        raise GraphFileError(f"cannot write {fmt.name}: {err}", path=str(path)) from err
    except OSError as err:
        raise InputFileError(
            f"cannot write the file: {err.strerror or err}", path=str(path)
        ) from err


# ------------------------------------------------------------------ reading


class _FromOx:
    """Convert pyoxigraph terms to rdflib terms, caching IRIs and literals."""

    def __init__(self) -> None:
        self.cache: dict[object, Node] = {}

    def term(self, term: object) -> Node:
        found = self.cache.get(term)
        if found is None:
            found = self.cache[term] = rdflib_term(term)
        return found


def read_dataset(path: str | Path, *, store: str = DEFAULT_STORE) -> Dataset:
    """Read an RDF file into a new dataset on `store`.

    Parameters
    ----------
    path : str or Path
        A file with one of the extensions of :data:`FORMATS`.
    store : {"Oxigraph", "Memory"}
        The store of the new dataset.

    Raises
    ------
    vendorgraph.errors.InputFileError
        If the file does not exist.
    vendorgraph.errors.UnknownFormatError
        If the extension is not one of :data:`FORMATS`.
    vendorgraph.errors.GraphFileError
        If the file does not parse; the error names the file and, when known, the line.

    Examples
    --------
    >>> read_dataset("no/such/file.trig")
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputFileError: no/such/file.trig: no such RDF file; check the path
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError("no such RDF file; check the path", path=str(path))
    fmt = format_for(path)
    ds = new_dataset(store)
    inner = oxigraph_store(ds)
    try:
        if inner is not None:
            inner.bulk_load(path=str(path), format=fmt)
        else:
            ds.addN(_parse(path, fmt, ds))  # type: ignore[arg-type]
    except SyntaxError as err:
        raise GraphFileError(
            f"{fmt.name} does not parse: {err.msg}; fix the file or write it again",
            path=str(path),
            line=err.lineno,
        ) from err
    return ds


def _parse(path: Path, fmt: ox.RdfFormat, ds: Dataset) -> Iterator[tuple[Node, Node, Node, object]]:
    conv = _FromOx()
    graphs: dict[Node, object] = {}
    for quad in ox.parse(path=str(path), format=fmt):
        name = conv.term(quad.graph_name)
        graph = graphs.get(name)
        if graph is None:
            graph = graphs[name] = ds.graph(name)  # type: ignore[arg-type]
        yield conv.term(quad.subject), conv.term(quad.predicate), conv.term(quad.object), graph


_IS_OURS = f"ASK {{ ?article a <{VG.Article}> }}"


def read_graph(path: str | Path, *, store: str = DEFAULT_STORE) -> Dataset:
    """Read a graph file written by vendorgraph, refusing one that is empty or another tool's.

    Parameters
    ----------
    path : str or Path
        A graph file, as for :func:`read_dataset`.
    store : {"Oxigraph", "Memory"}
        The store of the new dataset.

    Raises
    ------
    vendorgraph.errors.GraphFileError
        If the file does not parse, holds no triples, or holds no ``vg:Article`` (an RDF
        file from another tool); the message names the file and what to do.
    vendorgraph.errors.InputFileError
        If the file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "foaf.ttl"
    >>> _ = path.write_text('<urn:x:me> <http://xmlns.com/foaf/0.1/name> "Me" .')
    >>> read_graph(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.GraphFileError: ...foaf.ttl: not a vendorgraph graph: it holds no ...
    """
    ds = read_dataset(path, store=store)
    if len(ds) == 0 and not any(len(g) for g in ds.graphs()):
        raise GraphFileError(
            "the file holds no triples; build a graph with `vendorgraph build`", path=str(path)
        )
    union = Dataset(store=ds.store, default_union=True)
    if not union.query(_IS_OURS).askAnswer:
        raise GraphFileError(
            "not a vendorgraph graph: it holds no vg:Article (RDF from another tool?); "
            "build one with `vendorgraph build`",
            path=str(path),
        )
    return ds
