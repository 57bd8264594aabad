"""The core SHACL constraints, run by pyshacl on the scratch store.

A node shape's targets are given to each of its property shapes (the standard equivalent of
``sh:property`` on a targeted shape), so pyshacl checks each property shape once for all focus
nodes instead of once per focus node. Node shapes that other shapes reference (``sh:node``)
are left as written.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> from vendorgraph.graph.validate.scratch import scratch_store
>>> from vendorgraph.ontology.namespace import load_shapes
>>> core_results(scratch_store(new_dataset()), load_shapes())[0]
True
"""

from __future__ import annotations

import pyoxigraph as ox
from pyshacl import validate as _pyshacl_validate
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SH

from vendorgraph.graph.validate.result import Violation, violation_order
from vendorgraph.graph.validate.scratch import data_graph

__all__ = ["TARGETS", "core_results", "violations_of"]

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
"""The SHACL target predicates."""

_NOT_CONSTRAINTS = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.name,
    SH.description,
    SH.message,
    SH.severity,
    *TARGETS,
}


def core_results(store: ox.Store, shapes: Graph) -> tuple[bool, Graph, str]:
    """Run pyshacl on `store` for the core constraints of `shapes` (hoisted in place)."""
    _hoist_property_shapes(shapes)
    conforms, results, text = _pyshacl_validate(
        data_graph(store), shacl_graph=shapes, inference="none", advanced=True, inplace=True
    )
    return bool(conforms), results, str(text)


def _hoist_property_shapes(shapes: Graph) -> None:
    """Give each targeted, unreferenced node shape's targets to its property shapes.

    A node shape with targets and ``sh:property P`` validates exactly what ``P`` with the same
    targets validates (same focus node, path and message), but pyshacl evaluates the former
    once per focus node and the latter once for all of them. A node shape left with nothing to
    check loses its targets too, so that pyshacl does not collect its focus nodes for nothing.
    """
    referenced = set(shapes.objects())
    for shape in sorted(set(shapes.subjects(SH.property, None)), key=str):
        targets = [(p, o) for p in TARGETS for o in shapes.objects(shape, p)]
        if not targets or shape in referenced or (shape, SH.deactivated, None) in shapes:
            continue
        for prop in list(shapes.objects(shape, SH.property)):
            shapes.remove((shape, SH.property, prop))
            for p, o in targets:
                shapes.add((prop, p, o))
        if set(shapes.predicates(shape)) <= _NOT_CONSTRAINTS:  # nothing left to check here
            for p, o in targets:
                shapes.remove((shape, p, o))


def violations_of(results: Graph) -> tuple[Violation, ...]:
    """Return the violations of a pyshacl results graph, sorted."""
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
    return tuple(sorted(found, key=violation_order))
