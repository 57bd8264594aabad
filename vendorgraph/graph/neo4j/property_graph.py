"""A dataset as a property graph, and back; no server involved.

Nodes carry labels and properties, relationships a type (see the package notes).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, XSD, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from vendorgraph.errors import InputError
from vendorgraph.graph.neo4j.mapping import (
    DEPENDS_ON,
    MAPPING_FILE,
    RESERVED,
    RESOURCE,
    Neo4jMapping,
    curie,
    expand,
    load_mapping,
)
from vendorgraph.graph.store import DEFAULT_STORE, iter_quads, new_dataset
from vendorgraph.ontology.namespace import DERIVED_GRAPH, VG

__all__ = ["PGNode", "PGRelationship", "PropertyGraph", "from_property_graph", "to_property_graph"]

_DEPENDENCY_SCORES = {
    VG.switchingCost: "switchingCost",
    VG.coverage: "coverage",
    VG.reliance: "reliance",
    VG.dependence: "dependence",
}

# ------------------------------------------------------------------ the property graph


@dataclass(frozen=True, slots=True, kw_only=True)
class PGNode:
    """A Neo4j node: its ``uri``, its labels (``Resource`` included) and its properties."""

    uri: str
    labels: tuple[str, ...]
    props: dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class PGRelationship:
    """A Neo4j relationship between two nodes given by ``uri``, with optional properties."""

    start: str
    type: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class PropertyGraph:
    """Nodes sorted by ``uri`` and relationships sorted by (start, type, end)."""

    nodes: tuple[PGNode, ...]
    relationships: tuple[PGRelationship, ...]


_NATIVE = {XSD.string, XSD.boolean, XSD.integer}
_INT64 = 2**63


def _native(lit: Literal) -> tuple[Any, str | None, str | None]:
    """Return (value, datatype CURIE or None, language or None) for one literal."""
    text = str(lit)
    if lit.language:
        return text, None, lit.language
    datatype = lit.datatype or XSD.string
    if datatype == XSD.string:
        return text, None, None
    if datatype == XSD.boolean and text in ("true", "false"):
        return text == "true", None, None
    integer = datatype == XSD.integer and re.fullmatch(r"-?(0|[1-9][0-9]*)", text)
    if integer and -_INT64 <= int(text) < _INT64:
        return int(text), None, None
    return text, curie(str(datatype)), None


def _literal(value: Any, datatype: str | None, language: str | None) -> Literal:
    if language is not None:
        return Literal(str(value), lang=language)
    if datatype is not None:
        return Literal(str(value), datatype=expand(datatype))
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    return Literal(str(value), datatype=XSD.string)


class _Builder:
    """Collect quads into nodes and relationships."""

    def __init__(self, mapping: Neo4jMapping) -> None:
        self.m = mapping
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.values: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.owners: dict[str, set[str]] = defaultdict(set)
        self.rels: set[tuple[str, str, str]] = set()
        self.shortcuts: set[tuple[str, str]] = set()

    def add(self, s: Node, p: Node, o: Node, g: URIRef) -> None:
        if not isinstance(s, URIRef):
            raise InputError(f"subject {s!r} is not an IRI; skolemise blank nodes first")
        uri = str(s)
        if p == VG.dependsOn and g == DERIVED_GRAPH:
            self.shortcuts.add((uri, str(o)))
            self.labels[str(o)]
            return
        self.owners[uri].add(str(g))
        self.labels[uri]
        if p == RDF.type:
            self.labels[uri].add(self._label(o))
        elif isinstance(o, Literal):
            self.values[uri][self._key(p, "literal")].append(o)
        else:
            self._iri_value(uri, p, o)

    def _iri_value(self, uri: str, p: Node, o: Node) -> None:
        kind = self.m.iri_kind(p)
        if kind is None:
            raise InputError(
                f"predicate {str(p)!r} with an IRI value is not in {MAPPING_FILE}; add it there"
            )
        if kind == "rel":
            self.rels.add((uri, self.m.rels[p], str(o)))  # type: ignore[index]
            self.labels[str(o)]
        else:
            value = curie(str(o)) if kind == "enum" else str(o)
            self.values[uri][self.m.keys[(p, kind)]].append(value)  # type: ignore[index]

    def _label(self, cls: Node) -> str:
        if cls not in self.m.labels:
            raise InputError(f"class {str(cls)!r} is not in {MAPPING_FILE}; add it there")
        return self.m.labels[cls]  # type: ignore[index]

    def _key(self, p: Node, kind: str) -> str:
        if (p, kind) not in self.m.keys:
            raise InputError(
                f"predicate {str(p)!r} with a literal value is not in {MAPPING_FILE}; add it there"
            )
        return self.m.keys[(p, kind)]  # type: ignore[index]

    def node(self, uri: str) -> PGNode:
        props: dict[str, Any] = {"uri": uri}
        owners = self.owners.get(uri, set())
        if len(owners) > 1:
            raise InputError(
                f"{uri!r} has triples in several graphs {sorted(owners)!r}; keep each subject's "
                "triples in one graph (rule R1)"
            )
        if owners:
            props["_graph"] = next(iter(owners))
        if props.get("_graph") == str(DERIVED_GRAPH):
            props["derived"] = True
        for key, found in self.values.get(uri, {}).items():
            props.update(_property(uri, key, found))
        labels = tuple(sorted(self.labels[uri] | {RESOURCE}))
        return PGNode(uri=uri, labels=labels, props=dict(sorted(props.items())))


def _property(uri: str, key: str, found: list[Any]) -> dict[str, Any]:
    if not isinstance(found[0], Literal):
        values = sorted(set(found))
        return {key: values[0] if len(values) == 1 else values}
    triples = sorted({_native(lit) for lit in found}, key=lambda t: (str(type(t[0])), t[0]))
    sidecars = {(dt, lang) for _, dt, lang in triples}
    if len(sidecars) > 1:
        raise InputError(
            f"{uri!r} has values of {key!r} with different datatypes or languages "
            f"{sorted(map(str, sidecars))!r}; Neo4j needs one per property"
        )
    datatype, language = sidecars.pop()
    values = [v for v, _, _ in triples]
    out: dict[str, Any] = {key: values[0] if len(values) == 1 else values}
    if datatype is not None:
        out[f"{key}__dt"] = datatype
    if language is not None:
        out[f"{key}__lang"] = language
    return out


def to_property_graph(ds: Dataset, *, mapping: Neo4jMapping | None = None) -> PropertyGraph:
    """Return the property graph of `ds` under the mapping (derived scores included).

    Parameters
    ----------
    ds : rdflib.Dataset
        A dataset written by :func:`vendorgraph.graph.rdf.to_dataset`.
    mapping : Neo4jMapping, optional
        The registry to use; the packaged table by default.

    Returns
    -------
    PropertyGraph
        Deterministic: nodes sorted by uri, relationships by (start, type, end).

    Raises
    ------
    vendorgraph.errors.InputError
        If a class or predicate is not in the mapping, a subject is a blank node or lives in
        two graphs, or one property would mix datatypes.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> to_property_graph(new_dataset())
    PropertyGraph(nodes=(), relationships=())
    """
    builder = _Builder(mapping or load_mapping())
    derived: list[tuple[Node, Node, Node]] = []
    for s, p, o, g in iter_quads(ds):
        builder.add(s, p, o, g)
        if g == DERIVED_GRAPH:
            derived.append((s, p, o))
    nodes = tuple(builder.node(uri) for uri in sorted(builder.labels))
    rels = [PGRelationship(start=s, type=t, end=o) for s, t, o in sorted(builder.rels)]
    rels += _shortcuts(builder.shortcuts, derived)
    return PropertyGraph(nodes=nodes, relationships=tuple(rels))


def _shortcuts(
    pairs: Iterable[tuple[str, str]], derived: list[tuple[Node, Node, Node]]
) -> list[PGRelationship]:
    by_node: dict[Node, dict[Node, Node]] = defaultdict(dict)
    for s, p, o in derived:
        by_node[s][p] = o
    scores: dict[tuple[str, str], dict[str, Any]] = {}
    for node, values in sorted(by_node.items()):
        if values.get(RDF.type) == VG.DependencyAssessment:
            pair = (str(values.get(VG.dependent)), str(values.get(VG.provider)))
            found = {k: float(str(values[p])) for p, k in _DEPENDENCY_SCORES.items() if p in values}
            scores[pair] = {"assessment": str(node), **found}
    return [
        PGRelationship(
            start=s, type=DEPENDS_ON, end=o, props={"derived": True, **scores.get((s, o), {})}
        )
        for s, o in sorted(pairs)
    ]


def from_property_graph(
    pg: PropertyGraph, *, mapping: Neo4jMapping | None = None, store: str = DEFAULT_STORE
) -> Dataset:
    """Return the dataset a property graph stands for (the inverse of :func:`to_property_graph`).

    Raises
    ------
    vendorgraph.errors.InputError
        If a label, key or relationship type is not in the mapping.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> len(from_property_graph(to_property_graph(new_dataset())))
    0
    """
    m = mapping or load_mapping()
    ds = new_dataset(store)
    graphs = {n.uri: n.props.get("_graph") for n in pg.nodes}
    quads: list[tuple[Node, Node, Node, Any]] = []
    for node in pg.nodes:
        quads.extend(_node_quads(node, m))
    for rel in pg.relationships:
        quads.extend(_relationship_quads(rel, graphs.get(rel.start), m))
    named = {g: ds.graph(URIRef(g)) for g in sorted({q[3] for q in quads})}
    ds.addN((s, p, o, named[g]) for s, p, o, g in quads)
    return ds


def _graph_name(graph: str | None) -> str:
    return graph if graph is not None else str(DATASET_DEFAULT_GRAPH_ID)


def _node_quads(node: PGNode, m: Neo4jMapping) -> Iterator[tuple[Node, Node, Node, str]]:
    s, g = URIRef(node.uri), _graph_name(node.props.get("_graph"))
    for label in node.labels:
        if label != RESOURCE:
            if label not in m.label_terms:
                raise InputError(f"label {label!r} is not in {MAPPING_FILE}; add it there")
            yield s, RDF.type, m.label_terms[label], g
    for key, value in node.props.items():
        if key in RESERVED or "__" in key:
            continue
        if key not in m.key_terms:
            raise InputError(f"property {key!r} is not in {MAPPING_FILE}; add it there")
        predicate, kind = m.key_terms[key]
        for item in value if isinstance(value, list) else [value]:
            yield s, predicate, _value(item, kind, key, node.props), g


def _value(item: Any, kind: str, key: str, props: Mapping[str, Any]) -> Node:
    if kind == "enum":
        return expand(str(item))
    if kind == "iri-string":
        return URIRef(str(item))
    return _literal(item, props.get(f"{key}__dt"), props.get(f"{key}__lang"))


def _relationship_quads(
    rel: PGRelationship, graph: str | None, m: Neo4jMapping
) -> Iterator[tuple[Node, Node, Node, str]]:
    if rel.type == DEPENDS_ON and rel.props.get("derived"):
        yield URIRef(rel.start), VG.dependsOn, URIRef(rel.end), str(DERIVED_GRAPH)
        return
    if rel.type not in m.rel_terms:
        raise InputError(f"relationship type {rel.type!r} is not in {MAPPING_FILE}; add it there")
    yield URIRef(rel.start), m.rel_terms[rel.type], URIRef(rel.end), _graph_name(graph)
