"""The Cypher statements that write a property graph, data passed as parameters.

One batched ``UNWIND … MERGE`` per label set and relationship type (:func:`plan`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import Dataset

from vendorgraph.errors import InputError
from vendorgraph.graph.neo4j.mapping import (
    CONSTRAINT,
    DEPENDS_ON,
    MAPPING_FILE,
    RESOURCE,
    Neo4jMapping,
    load_mapping,
)
from vendorgraph.graph.neo4j.property_graph import PropertyGraph, to_property_graph
from vendorgraph.ontology.namespace import VG

__all__ = ["plan"]

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
