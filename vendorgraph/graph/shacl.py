"""Validate a dataset against vendorgraph's SHACL shapes (``ontology/data/shapes.ttl``).

The union of all named graphs is validated with the ontology loaded into the same data graph,
so ``sh:class`` follows ``rdfs:subClassOf`` and the ``skos:inScheme`` checks find the concepts
(pyshacl runs with ``inference="none"``).

The core constraints run in pyshacl. The SPARQL-based constraints (``sh:sparql``) run once
each, for all focus nodes at a time, on the Oxigraph store: pyshacl evaluates them once per
focus node and re-parses the query every time (30 ms a node, so minutes for a corpus). The
bulk form binds ``$this`` to every instance of the shape's target class, which is what the
per-node evaluation does; the shapes file keeps the standard form for other processors.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> validate(new_dataset()).conforms
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyshacl import validate as _pyshacl_validate
from rdflib import RDF, RDFS, Dataset, Graph
from rdflib.namespace import SH
from rdflib.term import Node

from vendorgraph.errors import ValidationError
from vendorgraph.graph.store import union_graph
from vendorgraph.ontology.namespace import load_ontology, load_shapes

__all__ = ["ValidationResult", "Violation", "ensure_valid", "validate"]


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
        Data written by :mod:`vendorgraph.graph.rdf`.

    Returns
    -------
    ValidationResult
        ``conforms``, the violations sorted by (focus, path, message) and pyshacl's text report.

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
    data = union_graph(ds) if isinstance(ds, Dataset) else _copy(ds)
    data += load_ontology()
    shapes = load_shapes()
    constraints = _take_sparql_constraints(shapes)
    conforms, results, text = _pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True
    )
    extra = _bulk_sparql(data, constraints)
    report = str(text) + "".join(f"\nSPARQL constraint: {v.focus}: {v.message}" for v in extra)
    violations = tuple(sorted(_violations(results) + extra, key=_order))
    return ValidationResult(
        conforms=bool(conforms) and not extra, violations=violations, report=report
    )


def _order(v: Violation) -> tuple[str, str, str]:
    return (v.focus, v.path or "", v.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Constraint:
    target: Node
    select: str
    message: str


def _take_sparql_constraints(shapes: Graph) -> list[_Constraint]:
    """Remove the ``sh:sparql`` constraints from `shapes` and return them in bulk form."""
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for d in sorted(shapes.objects(None, SH.declare), key=str)
    )
    found = []
    for shape, node in sorted(shapes.subject_objects(SH.sparql), key=lambda pair: str(pair[0])):
        query = re.sub(r"\$this\b", "?this", str(shapes.value(node, SH.select)))
        for target in sorted(shapes.objects(shape, SH.targetClass), key=str):
            found.append(
                _Constraint(
                    target=target,
                    select=prefixes + query,
                    message=str(shapes.value(node, SH.message) or ""),
                )
            )
        for p, o in list(shapes.predicate_objects(node)):
            shapes.remove((node, p, o))
        shapes.remove((shape, SH.sparql, node))
    return found


def _bulk_sparql(data: Graph, constraints: list[_Constraint]) -> tuple[Violation, ...]:
    if not constraints:
        return ()
    store = Graph(store="Oxigraph")
    store.addN((s, p, o, store) for s, p, o in data)
    instances: dict[Node, set[Node]] = {}
    found = []
    for c in constraints:
        if c.target not in instances:
            classes = set(store.transitive_subjects(RDFS.subClassOf, c.target))
            instances[c.target] = {s for k in classes for s in store.subjects(RDF.type, k)}
        for row in store.query(c.select):
            focus = row[0]  # type: ignore[index]
            if focus in instances[c.target]:
                found.append(Violation(focus=str(focus), path=None, message=c.message))
    return tuple(found)


def _copy(graph: Graph) -> Graph:
    out = Graph()
    out += graph
    return out


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
