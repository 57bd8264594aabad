"""Validate a dataset against vendorgraph's SHACL shapes (``ontology/data/shapes.ttl``).

The union of all named graphs is validated with the ontology loaded into the same data graph,
so ``sh:class`` follows ``rdfs:subClassOf`` and the ``skos:inScheme`` checks find the concepts
(pyshacl runs with ``inference="none"``).

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> validate(new_dataset()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as _pyshacl_validate
from rdflib import RDF, Dataset, Graph
from rdflib.namespace import SH

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
    conforms, results, text = _pyshacl_validate(
        data, shacl_graph=load_shapes(), inference="none", advanced=True
    )
    return ValidationResult(
        conforms=bool(conforms), violations=_violations(results), report=str(text)
    )


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
    return tuple(sorted(found, key=lambda v: (v.focus, v.path or "", v.message)))


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
