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

from rdflib import Dataset, Graph

from vendorgraph.errors import ValidationError
from vendorgraph.graph.validate.bulk import bulk_sparql, take_sparql_constraints
from vendorgraph.graph.validate.core import core_results, violations_of
from vendorgraph.graph.validate.result import (
    ValidationResult,
    Violation,
    violation_line,
    violation_order,
)
from vendorgraph.graph.validate.scratch import scratch_store
from vendorgraph.ontology.namespace import load_shapes

__all__ = ["ValidationResult", "Violation", "ensure_valid", "validate"]


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
    store = scratch_store(ds)
    shapes = load_shapes()
    constraints = take_sparql_constraints(shapes)
    conforms, results, text = core_results(store, shapes)
    extra = tuple(sorted(bulk_sparql(store, constraints), key=violation_order))
    report = str(text) + "".join(f"\nSPARQL constraint: {violation_line(v)}" for v in extra)
    violations = tuple(sorted(violations_of(results) + extra, key=violation_order))
    return ValidationResult(
        conforms=bool(conforms) and not extra, violations=violations, report=report
    )


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
