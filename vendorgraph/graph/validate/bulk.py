"""The SPARQL-based constraints (``sh:sparql``), run once each for all focus nodes at a time.

pyshacl evaluates them once per focus node and re-parses the query every time (30 ms a node,
so minutes for a corpus). The bulk form pre-binds ``$this`` by a sub-select of the shape's
focus nodes (its targets) at the head of the query; the shapes file keeps the standard form for
other processors. ``tests/graph/test_shacl_sparql.py`` holds the bulk form to plain pyshacl.

Examples
--------
>>> from vendorgraph.ontology.namespace import load_shapes
>>> len(take_sparql_constraints(load_shapes())) > 0
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from vendorgraph.errors import InputError
from vendorgraph.graph.store.files import rdflib_term
from vendorgraph.graph.validate.core import TARGETS
from vendorgraph.graph.validate.result import Violation, qname

__all__ = ["SparqlConstraint", "bulk_sparql", "take_sparql_constraints"]

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True, kw_only=True)
class SparqlConstraint:
    """A SPARQL constraint in its bulk form: the query, and its message template."""

    select: str
    message: str


def take_sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
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
        found.append(SparqlConstraint(select=prefix_lines + query, message=message))
        for p, o in list(shapes.predicate_objects(node)):
            shapes.remove((node, p, o))
        shapes.remove((shape, SH.sparql, node))
    return found


def _focus_pattern(shapes: Graph, shape: Node) -> str | None:
    """Return a SPARQL group binding ``?this`` to each focus node of `shape`, None if untargeted."""
    alternatives = sorted(_target_pattern(p, o) for p in TARGETS for o in shapes.objects(shape, p))
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


def bulk_sparql(store: ox.Store, constraints: list[SparqlConstraint]) -> tuple[Violation, ...]:
    """Run each constraint on `store`; return the violations, each once."""
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
        return qname(str(term))
    return str(term)
