"""A vendorgraph dataset as a Neo4j property graph, and back (``shared/design/ontology.md`` C).

The mapping, read from the versioned table ``ontology/data/neo4j-mapping.tsv``:

- one node per IRI, with the property ``uri`` and the label ``Resource``;
- ``rdf:type`` classes become labels; literal-valued predicates become properties keyed by
  local name (``xsd:string``, ``xsd:boolean`` and ``xsd:integer`` natively; any other datatype as
  its lexical form plus a ``key__dt`` sidecar holding the datatype CURIE; a language tag in
  ``key__lang``); several values become a sorted list;
- concept-valued predicates (modality, market role …) become CURIE strings (``"vgc:Planned"``),
  ``schema:sameAs`` the full IRI string, every other IRI-valued predicate a relationship whose
  type is the UPPER_SNAKE local name;
- ``_graph`` on a node names the graph that owns its triples (rule R1); a relationship belongs
  to its start node's graph; nodes of ``graph/derived`` carry ``derived: true``, and each
  derived ``vg:dependsOn`` becomes ``(:Organization)-[:DEPENDS_ON {derived: true, …scores}]->``.

Labels, keys and relationship types come only from that table: a term it does not hold is an
error, and every Cypher statement takes its data as parameters. The ``neo4j`` driver is imported
only inside the functions that talk to a server.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> from rdflib import URIRef, Literal, RDF
>>> from vendorgraph.ontology.namespace import VG, SCHEMA
>>> ds = new_dataset()
>>> acme = URIRef("https://w3id.org/vendorgraph/id/org/acme")
>>> g = ds.graph(URIRef("https://w3id.org/vendorgraph/graph/registry"))
>>> _ = g.add((acme, RDF.type, VG.Organization)).add((acme, SCHEMA.name, Literal("Acme")))
>>> pg = to_property_graph(ds)
>>> pg.nodes[0].labels, pg.nodes[0].props["name"]
(('Organization', 'Resource'), 'Acme')
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rdflib import RDF, XSD, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from vendorgraph.errors import InputError, RegistryError, ServiceError
from vendorgraph.graph.store import DEFAULT_STORE, iter_quads, new_dataset
from vendorgraph.ontology.namespace import DERIVED_GRAPH, VG, prefixes

__all__ = [
    "CONSTRAINT",
    "MAPPING_FILE",
    "Neo4jMapping",
    "PGNode",
    "PGRelationship",
    "PropertyGraph",
    "from_property_graph",
    "load_mapping",
    "load_script",
    "plan",
    "pull",
    "push",
    "run_cypher",
    "to_property_graph",
]

MAPPING_FILE = "neo4j-mapping.tsv"
RESOURCE = "Resource"
CONSTRAINT = (
    "CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE"
)
DEPENDS_ON = "DEPENDS_ON"
RESERVED = frozenset({"uri", "_graph", "derived"})
KINDS = ("label", "literal", "enum", "iri-string", "rel")
_PATTERNS = {
    "label": re.compile(r"[A-Z][A-Za-z0-9]*"),
    "key": re.compile(r"[A-Za-z][A-Za-z0-9]*"),
    "rel": re.compile(r"[A-Z][A-Z0-9_]*"),
}
_DEPENDENCY_SCORES = {
    VG.switchingCost: "switchingCost",
    VG.coverage: "coverage",
    VG.reliance: "reliance",
    VG.dependence: "dependence",
}

# ------------------------------------------------------------------ the mapping table


def curie(iri: str) -> str:
    """Return `iri` as a CURIE with vendorgraph's prefixes, or the IRI itself if none fits.

    Examples
    --------
    >>> curie("https://w3id.org/vendorgraph/concept/Planned")
    'vgc:Planned'
    """
    for prefix, base in sorted(prefixes().items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and re.fullmatch(r"[\w./-]*", iri[len(base) :]):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def expand(name: str) -> URIRef:
    """Return the IRI of a CURIE written by :func:`curie` (a full IRI passes through).

    Examples
    --------
    >>> expand("vg:Claim") == VG.Claim
    True
    """
    prefix, sep, rest = name.partition(":")
    base = prefixes().get(prefix)
    return URIRef(base + rest) if sep and base is not None else URIRef(name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Neo4jMapping:
    """The bijective registry between RDF terms and Neo4j names, per kind.

    Parameters
    ----------
    labels : dict
        Class IRI → node label.
    keys : dict
        ``(predicate IRI, kind)`` → property key, for kinds literal, enum and iri-string.
    rels : dict
        Predicate IRI → relationship type.
    """

    labels: dict[URIRef, str]
    keys: dict[tuple[URIRef, str], str]
    rels: dict[URIRef, str]
    label_terms: dict[str, URIRef] = field(default_factory=dict)
    key_terms: dict[str, tuple[URIRef, str]] = field(default_factory=dict)
    rel_terms: dict[str, URIRef] = field(default_factory=dict)

    def iri_kind(self, predicate: Node) -> str | None:
        """Return how an IRI-valued `predicate` maps: ``enum``, ``iri-string``, ``rel`` or None."""
        for kind in ("enum", "iri-string"):
            if (predicate, kind) in self.keys:
                return kind
        return "rel" if predicate in self.rels else None


def _register(table: dict[Any, str], inverse: dict[str, Any], term: Any, name: str) -> None:
    if term in table:
        raise RegistryError(f"{term!r} is mapped twice ({table[term]!r} and {name!r}); keep one")
    if name in inverse:
        raise RegistryError(
            f"name {name!r} is given to both {inverse[name]!r} and {term!r}; rename one"
        )
    table[term] = name
    inverse[name] = term


def _check_name(kind: str, name: str) -> None:
    pattern = _PATTERNS["key" if kind in ("literal", "enum", "iri-string") else kind]
    if not pattern.fullmatch(name) or name in RESERVED or name == RESOURCE:
        raise RegistryError(
            f"{kind} name {name!r} is not allowed; use {pattern.pattern} and none of "
            f"{sorted(RESERVED | {RESOURCE})!r}"
        )


def parse_mapping(text: str) -> Neo4jMapping:
    r"""Return the mapping a TSV table describes (columns ``kind``, ``term``, ``name``).

    Raises
    ------
    vendorgraph.errors.RegistryError
        On an unknown kind, a malformed or reserved name, or any collision.

    Examples
    --------
    >>> m = parse_mapping("kind\tterm\tname\nlabel\tvg:Claim\tClaim\n")
    >>> m.labels[VG.Claim]
    'Claim'
    >>> parse_mapping("label\tvg:Claim\tA\nlabel\tvg:Quote\tA\n")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.RegistryError: name 'A' is given to both ...; rename one
    """
    m = Neo4jMapping(labels={}, keys={}, rels={})
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, term, name = [*line.split("\t"), "", ""][:3]
        if kind not in KINDS:
            raise RegistryError(f"line {number}: unknown kind {kind!r}; use one of {KINDS}")
        _check_name(kind, name)
        iri = expand(term)
        if kind == "label":
            _register(m.labels, m.label_terms, iri, name)
        elif kind == "rel":
            _register(m.rels, m.rel_terms, iri, name)
        else:
            _register(m.keys, m.key_terms, (iri, kind), name)
    _check_iri_kinds(m)
    return m


def _check_iri_kinds(m: Neo4jMapping) -> None:
    for (iri, kind), name in m.keys.items():
        others = [k for k in ("enum", "iri-string") if k != kind and (iri, k) in m.keys]
        if kind != "literal" and (others or iri in m.rels):
            raise RegistryError(f"{iri!r} maps IRI values twice ({name!r}); keep one IRI kind")


@lru_cache(maxsize=1)
def load_mapping() -> Neo4jMapping:
    """Return the packaged mapping table (``ontology/data/neo4j-mapping.tsv``).

    Examples
    --------
    >>> load_mapping().rels[VG.dependsOn]
    'DEPENDS_ON'
    """
    text = resources.files("vendorgraph.ontology").joinpath("data", MAPPING_FILE).read_text("utf-8")
    return parse_mapping(text)


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


# ------------------------------------------------------------------ Cypher


def _quoted(name: str, allowed: Mapping[str, Any] | frozenset[str]) -> str:
    """Return a label or relationship type in backticks, after checking it is in the vocabulary."""
    if name not in allowed:
        raise InputError(f"{name!r} is not in the closed vocabulary of {MAPPING_FILE}")
    return f"`{name}`"


def _node_statement(labels: tuple[str, ...], m: Neo4jMapping) -> str:
    extra = [label for label in labels if label != RESOURCE]
    set_labels = "".join(f" SET n:{_quoted(label, m.label_terms)}" for label in extra)
    return (
        "UNWIND $rows AS row MERGE (n:Resource {uri: row.uri})"
        f"{set_labels} WITH n, row WHERE properties(n) <> row.props SET n = row.props"
    )


def _relationship_statement(rel_type: str, m: Neo4jMapping) -> str:
    allowed = {**m.rel_terms, DEPENDS_ON: VG.dependsOn}
    head = (
        "UNWIND $rows AS row MATCH (s:Resource {uri: row.start}) "
        f"MATCH (o:Resource {{uri: row.end}}) MERGE (s)-[r:{_quoted(rel_type, allowed)}]->(o)"
    )
    return f"{head} WITH r, row WHERE properties(r) <> row.props SET r = row.props"


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def plan(
    ds: Dataset | PropertyGraph, *, batch_size: int = 1000, mapping: Neo4jMapping | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """Return the Cypher statements and parameters that :func:`push` would run, in order.

    The uniqueness constraint comes first, then one ``MERGE`` statement per label set and
    batch, then one per relationship type and batch. Statements take their data only through
    ``$rows``; labels and types are checked against the mapping before use.

    Parameters
    ----------
    ds : rdflib.Dataset or PropertyGraph
        The data.
    batch_size : int
        Rows per statement.
    mapping : Neo4jMapping, optional
        The registry; the packaged table by default.

    Raises
    ------
    vendorgraph.errors.InputError
        If `batch_size` is not positive, or a term is outside the mapping.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> plan(new_dataset()) == [(CONSTRAINT, {})]
    True
    """
    if batch_size < 1:
        raise InputError(f"batch_size must be a positive number of rows, not {batch_size!r}")
    m = mapping or load_mapping()
    pg = ds if isinstance(ds, PropertyGraph) else to_property_graph(ds, mapping=m)
    steps: list[tuple[str, dict[str, Any]]] = [(CONSTRAINT, {})]
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for node in pg.nodes:
        by_labels[node.labels].append({"uri": node.uri, "props": node.props})
    for labels, rows in sorted(by_labels.items()):
        statement = _node_statement(labels, m)
        steps.extend((statement, {"rows": batch}) for batch in _batches(rows, batch_size))
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in pg.relationships:
        by_type[rel.type].append({"start": rel.start, "end": rel.end, "props": rel.props})
    for rel_type, rows in sorted(by_type.items()):
        statement = _relationship_statement(rel_type, m)
        steps.extend((statement, {"rows": batch}) for batch in _batches(rows, batch_size))
    return steps


# ------------------------------------------------------------------ talking to a server

_COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
    "constraints_added",
)


def _connect(uri: str, user: str, password: str) -> Any:
    import neo4j

    driver = None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        driver.verify_connectivity()
    except Exception as err:
        if driver is not None:
            driver.close()
        raise _service_error(err, uri, password) from None
    return driver


_TOKEN_EDGE = r"\s'\"`()\[\]{}<>,;:=@/"


def scrub(text: str, secret: str) -> str:
    """Replace `secret` where it stands as a whole token of `text` (not inside a word).

    Token edges are the start and end of the text, white space, quotes, brackets and the
    separators of URIs and key-value pairs (``, ; : = @ /``).

    Examples
    --------
    >>> scrub("ConnectionException: auth x failed", "x")
    'ConnectionException: auth *** failed'
    >>> scrub("bolt://neo4j:hunter2@db:7687", "hunter2")
    'bolt://neo4j:***@db:7687'
    """
    if not secret:
        return text
    edge = _TOKEN_EDGE
    pattern = rf"(?<![^{edge}]){re.escape(secret)}(?![^{edge}])"
    return re.sub(pattern, "***", text)


def _service_error(err: Exception, uri: str, password: str) -> ServiceError:
    detail = str(err).splitlines()[0] if str(err) else type(err).__name__
    detail = scrub(detail, password)
    return ServiceError(
        f"Neo4j at {scrub(uri, password)!r} failed: {type(err).__name__}: {detail}; check "
        "that the server runs and that the user and NEO4J_PASSWORD are right"
    )


def _run_steps(driver: Any, steps: list[tuple[str, dict[str, Any]]], database: str | None) -> dict:
    totals = dict.fromkeys(_COUNTERS, 0)

    def work(tx: Any, statement: str, params: dict[str, Any]) -> Any:
        return tx.run(statement, params).consume().counters

    with driver.session(database=database) as session:
        for statement, params in steps:
            counters = session.execute_write(work, statement, params)
            for name in _COUNTERS:
                totals[name] += getattr(counters, name, 0)
    return totals


def push(
    ds: Dataset,
    *,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    batch_size: int = 1000,
) -> dict[str, int]:
    """Write `ds` to a Neo4j server with idempotent ``MERGE`` statements (see :func:`plan`).

    A second push of the same data creates nothing and sets nothing: compare the counters.

    Parameters
    ----------
    ds : rdflib.Dataset
        The data.
    uri, user, password : str
        The server (``neo4j://host:7687``) and credentials; the password is never logged.
    database : str, optional
        The database; the server's default when None.
    batch_size : int
        Rows per statement.

    Returns
    -------
    dict of str to int
        Summed counters: ``nodes_created``, ``relationships_created``, ``properties_set`` …

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached or refuses a statement (the message has the URI,
        never the password).

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> push(new_dataset(), uri="bolt://127.0.0.1:9", user="neo4j", password="s3cret")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.ServiceError: Neo4j at 'bolt://127.0.0.1:9' failed: ...
    """
    steps = plan(ds, batch_size=batch_size)
    driver = _connect(uri, user, password)
    try:
        return _run_steps(driver, steps, database)
    except Exception as err:
        raise _service_error(err, uri, password) from None
    finally:
        driver.close()


def run_cypher(
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Run one Cypher statement with parameters and return its records as dicts.

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached or the statement fails.
    """
    driver = _connect(uri, user, password)
    try:
        records, _, _ = driver.execute_query(query, dict(params or {}), database_=database)
        return [record.data() for record in records]
    except Exception as err:
        raise _service_error(err, uri, password) from None
    finally:
        driver.close()


_READ_NODES = "MATCH (n:Resource) RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props"
_READ_RELS = (
    "MATCH (s:Resource)-[r]->(o:Resource) "
    "RETURN s.uri AS start, type(r) AS type, o.uri AS end, properties(r) AS props"
)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def pull(
    *,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    store: str = DEFAULT_STORE,
) -> Dataset:
    """Read the ``Resource`` nodes of a Neo4j database back into a dataset.

    The round trip ``pull(push(ds))`` gives back the same quads as `ds` for every graph; the
    scores on ``DEPENDS_ON`` shortcuts are read from the assessment nodes instead.

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached.
    vendorgraph.errors.InputError
        If the database holds a label, key or type outside the mapping.
    """
    kwargs = {"uri": uri, "user": user, "password": password, "database": database}
    nodes = run_cypher(_READ_NODES, **kwargs)  # type: ignore[arg-type]
    rels = run_cypher(_READ_RELS, **kwargs)  # type: ignore[arg-type]
    pg = PropertyGraph(
        nodes=tuple(
            PGNode(
                uri=n["uri"],
                labels=tuple(sorted(n["labels"])),
                props={k: _plain(v) for k, v in n["props"].items()},
            )
            for n in nodes
        ),
        relationships=tuple(
            PGRelationship(start=r["start"], type=r["type"], end=r["end"], props=r["props"])
            for r in rels
        ),
    )
    return from_property_graph(pg, store=store)


_PARAM = re.compile(r"^:param\s+(\w+)\s*=>\s*(.*)$")


def load_script(
    script: str, *, uri: str, user: str, password: str, database: str | None = None
) -> dict[str, int]:
    """Run a script written by :func:`vendorgraph.graph.export.to_cypher` without cypher-shell.

    Each ``:param name => <literal>`` line is evaluated by the server (``RETURN <literal>``)
    and passed as a parameter to the statements after it.

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached or a statement fails.
    """
    driver = _connect(uri, user, password)
    params: dict[str, Any] = {}
    steps: list[tuple[str, dict[str, Any]]] = []
    try:
        with driver.session(database=database) as session:
            for statement in _statements(script):
                found = _PARAM.match(statement)
                if found:
                    value = session.run(f"RETURN {found.group(2)} AS value").single()["value"]
                    params[found.group(1)] = value
                else:
                    steps.append((statement, dict(params)))
        return _run_steps(driver, steps, database)
    except Exception as err:
        raise _service_error(err, uri, password) from None
    finally:
        driver.close()


def _statements(script: str) -> Iterator[str]:
    pending: list[str] = []
    for line in script.splitlines():
        if line.startswith("//") or not line.strip():
            continue
        if line.startswith(":param"):
            yield line
            continue
        pending.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(pending).rstrip().rstrip(";")
            pending = []
