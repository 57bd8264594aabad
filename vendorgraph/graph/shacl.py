"""Validate a dataset against vendorgraph's SHACL shapes (``ontology/data/shapes.ttl``).

Every graph is copied, with the ontology, into one scratch Oxigraph store that is read as the
union of its graphs, so ``sh:class`` follows ``rdfs:subClassOf`` and the ``skos:inScheme``
checks find the concepts (pyshacl runs on that store with ``inference="none"`` and
``inplace=True``: no further copy). The caller's dataset is never modified. The union is a bag
(a triple held by two graphs is read twice): pyshacl works on sets of value nodes, and the
SPARQL violations are deduplicated.

Three things keep the run linear in the size of the data:

* The core constraints run in pyshacl, but a node shape's targets are given to each of its
  property shapes (the standard equivalent of ``sh:property`` on a targeted shape), so pyshacl
  checks each property shape once for all focus nodes instead of once per focus node. Node
  shapes that other shapes reference (``sh:node``) are left as written.
* The SPARQL-based constraints (``sh:sparql``) run once each, for all focus nodes at a time, on
  the same store: pyshacl evaluates them once per focus node and re-parses the query every time
  (30 ms a node, so minutes for a corpus). The bulk form pre-binds ``$this`` by a sub-select of
  the shape's focus nodes (its targets) at the head of the query; the shapes file keeps the
  standard form for other processors.
* Valid data makes no failing intermediate result: checks that pyshacl can only express with a
  failing branch (``sh:or``, a ``sh:qualifiedValueShape`` per kind of selector) are SPARQL
  constraints in the shapes file. pyshacl formats a text description for every failing
  result, nested ones included, and that formatting is what made validation superlinear.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> validate(new_dataset()).conforms
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from pyshacl import validate as _pyshacl_validate
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SH
from rdflib.term import Node

from vendorgraph.errors import InputError, ValidationError
from vendorgraph.graph.store import oxigraph_store
from vendorgraph.graph.store.files import oxigraph_term, rdflib_term
from vendorgraph.ontology.namespace import bind_prefixes, load_ontology, load_shapes, prefixes

__all__ = ["ValidationResult", "Violation", "ensure_valid", "validate"]

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_NOT_CONSTRAINTS = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.name,
    SH.description,
    SH.message,
    SH.severity,
    *_TARGETS,
}
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    """One SHACL result: the node, the property path (or None) and the message."""

    focus: str
    path: str | None
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationResult:
    """The outcome of :func:`validate`: whether the data conforms, and every violation found."""

    conforms: bool
    violations: tuple[Violation, ...]
    report: str

    @property
    def count(self) -> int:
        """The number of violations."""
        return len(self.violations)


def validate(ds: Dataset | Graph) -> ValidationResult:
    """Validate `ds` (every named graph, including ``derived``) against the shapes.

    Parameters
    ----------
    ds : rdflib.Dataset or rdflib.Graph
        Data written by :mod:`vendorgraph.graph.rdf`. It is read, never modified.

    Returns
    -------
    ValidationResult
        ``conforms``, the violations sorted by (focus, path, message) and pyshacl's text report
        followed by one line per SPARQL-constraint violation.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> from vendorgraph.ontology.namespace import VG
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:x:acme"), VG.wikidataId, Literal("182477")))
    >>> result = validate(g)
    >>> result.conforms, result.count
    (False, 1)
    """
    store = _scratch_store(ds)
    shapes = load_shapes()
    constraints = _take_sparql_constraints(shapes)
    conforms, results, text = _core(store, shapes)
    extra = tuple(sorted(_bulk_sparql(store, constraints), key=_order))
    report = str(text) + "".join(f"\nSPARQL constraint: {_line(v)}" for v in extra)
    violations = tuple(sorted(_violations(results) + extra, key=_order))
    return ValidationResult(
        conforms=bool(conforms) and not extra, violations=violations, report=report
    )


def _core(store: ox.Store, shapes: Graph) -> tuple[bool, Graph, str]:
    """Run pyshacl on `store` for the core constraints of `shapes` (hoisted in place)."""
    _hoist_property_shapes(shapes)
    conforms, results, text = _pyshacl_validate(
        _data_graph(store), shacl_graph=shapes, inference="none", advanced=True, inplace=True
    )
    return bool(conforms), results, str(text)


def _order(v: Violation) -> tuple[str, str, str]:
    return (v.focus, v.path or "", v.message)


def _line(v: Violation) -> str:
    return f"{v.focus}: {v.message}" if v.path is None else f"{v.focus} {v.path}: {v.message}"


# --- the scratch store -------------------------------------------------------------------


def _scratch_store(data: Dataset | Graph) -> ox.Store:
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


def _data_graph(store: ox.Store) -> Graph:
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


# --- the shapes --------------------------------------------------------------------------


def _hoist_property_shapes(shapes: Graph) -> None:
    """Give each targeted, unreferenced node shape's targets to its property shapes.

    A node shape with targets and ``sh:property P`` validates exactly what ``P`` with the same
    targets validates (same focus node, path and message), but pyshacl evaluates the former
    once per focus node and the latter once for all of them. A node shape left with nothing to
    check loses its targets too, so that pyshacl does not collect its focus nodes for nothing.
    """
    referenced = set(shapes.objects())
    for shape in sorted(set(shapes.subjects(SH.property, None)), key=str):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(shape, p)]
        if not targets or shape in referenced or (shape, SH.deactivated, None) in shapes:
            continue
        for prop in list(shapes.objects(shape, SH.property)):
            shapes.remove((shape, SH.property, prop))
            for p, o in targets:
                shapes.add((prop, p, o))
        if set(shapes.predicates(shape)) <= _NOT_CONSTRAINTS:  # nothing left to check here
            for p, o in targets:
                shapes.remove((shape, p, o))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Constraint:
    select: str
    message: str


def _take_sparql_constraints(shapes: Graph) -> list[_Constraint]:
    """Remove the targeted ``sh:sparql`` constraints from `shapes`; return their bulk form."""
    prefix_lines = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for d in sorted(shapes.objects(None, SH.declare), key=str)
    )
    found = []
    for shape, node in sorted(shapes.subject_objects(SH.sparql), key=lambda pair: str(pair[0])):
        focus = _focus_pattern(shapes, shape)
        if focus is None:
            continue  # reached only through other shapes: pyshacl evaluates it there
        query = _prebind(re.sub(r"\$this\b", "?this", str(shapes.value(node, SH.select))), focus)
        message = str(shapes.value(node, SH.message) or "")
        found.append(_Constraint(select=prefix_lines + query, message=message))
        for p, o in list(shapes.predicate_objects(node)):
            shapes.remove((node, p, o))
        shapes.remove((shape, SH.sparql, node))
    return found


def _focus_pattern(shapes: Graph, shape: Node) -> str | None:
    """Return a SPARQL group binding ``?this`` to each focus node of `shape`, None if untargeted."""
    alternatives = sorted(_target_pattern(p, o) for p in _TARGETS for o in shapes.objects(shape, p))
    return " UNION ".join(alternatives) or None


def _target_pattern(kind: Node, value: Node) -> str:
    term = value.n3()
    if kind == SH.targetClass:
        return f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* {term} }}"
    if kind == SH.targetSubjectsOf:
        return f"{{ ?this {term} ?vgFocusObject }}"
    if kind == SH.targetObjectsOf:
        return f"{{ ?vgFocusSubject {term} ?this }}"
    return f"{{ VALUES ?this {{ {term} }} }}"


def _prebind(query: str, focus: str) -> str:
    """Join the focus nodes in at the head of the query's WHERE group: ``$this`` pre-bound."""
    head = _WHERE.search(query)
    if head is None:
        raise InputError(f"SPARQL constraint {query!r} has no WHERE clause; write one")
    nodes = f" {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }} "
    return query[: head.end()] + nodes + query[head.end() :]


def _bulk_sparql(store: ox.Store, constraints: list[_Constraint]) -> tuple[Violation, ...]:
    found = []
    for c in constraints:
        result = store.query(c.select, use_default_graph_as_union=True)
        for row in _rows(result):  # type: ignore[arg-type]
            focus, path = row.get("this"), row.get("path")
            if focus is None:
                raise InputError(f"SPARQL constraint {c.select!r} does not select $this; add it")
            found.append(
                Violation(
                    focus=str(focus),
                    path=None if path is None else str(path),
                    message=_format(c.message, row),
                )
            )
    return tuple(dict.fromkeys(found))  # a triple in two graphs repeats rows of the union


def _rows(solutions: ox.QuerySolutions) -> Iterator[dict[str, Node]]:
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {
            name: rdflib_term(value)
            for name, value in zip(names, solution, strict=True)
            if value is not None
        }


def _format(message: str, row: dict[str, Node]) -> str:
    """Fill ``{?var}`` / ``{$var}`` in a SHACL-SPARQL message from one result row."""
    return _PLACEHOLDER.sub(lambda m: _show(row.get(m.group(1))), message)


def _show(term: Node | None) -> str:
    if term is None:
        return "(unbound)"
    if isinstance(term, URIRef):
        return _qname(str(term))
    return str(term)


def _qname(iri: str) -> str:
    for prefix, namespace in sorted(prefixes().items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _violations(results: Graph) -> tuple[Violation, ...]:
    found = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(node, SH.resultPath)
        found.append(
            Violation(
                focus=str(results.value(node, SH.focusNode)),
                path=None if path is None else str(path),
                message=str(results.value(node, SH.resultMessage) or ""),
            )
        )
    return tuple(sorted(found, key=_order))


def ensure_valid(ds: Dataset | Graph, *, path: str | None = None) -> ValidationResult:
    """Return the result of :func:`validate`, raising if the data does not conform.

    Raises
    ------
    vendorgraph.errors.ValidationError
        With the number of violations and the first few (node: message), and the full report
        in its ``report`` attribute.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> ensure_valid(new_dataset()).count
    0
    """
    result = validate(ds)
    if not result.conforms:
        shown = "; ".join(f"{v.focus}: {v.message}" for v in result.violations[:3])
        more = f" (and {result.count - 3} more)" if result.count > 3 else ""
        raise ValidationError(
            f"{result.count} SHACL violation(s): {shown}{more}; "
            "see the report for all of them and fix the data or the extractor",
            report=result.report,
            path=path,
        )
    return result
