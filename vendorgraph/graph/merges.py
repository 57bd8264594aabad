"""Entity merges in a graph, as ``vg:EntityMerge`` records in the registry graph.

:func:`add_merges` stores them, :func:`read_merges` reads them back, and :func:`why_same`
explains whether two names are one entity.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> from vendorgraph.resolution import Merge
>>> ds = new_dataset("Memory")
>>> add_merges(ds, [Merge(source="org/a-inc", target="org/a", name="A Inc", rule="name",
...                       reason="names normalise alike")])
>>> why_same(ds, "A Inc", "org/a").same
True
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from vendorgraph.graph.rdf import entity_iri
from vendorgraph.graph.store import union_graph
from vendorgraph.ontology.model import stable_hash
from vendorgraph.ontology.namespace import ID, REGISTRY_GRAPH, SCHEMA, VG
from vendorgraph.resolution import (
    Explanation,
    Merge,
    Resolution,
    ResolutionRules,
    explain_names,
)

__all__ = ["add_merges", "read_merges", "why_same"]


def _merge_iri(m: Merge) -> URIRef:
    return ID[f"merge/{stable_hash(m.source, m.target)}"]


def add_merges(ds: Dataset, merges: Iterable[Merge] | Resolution) -> None:
    """Write merges into the registry graph as ``vg:EntityMerge`` records.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> ds = new_dataset("Memory")
    >>> add_merges(ds, [Merge(source="org/a-inc", target="org/a", name="A Inc", rule="name",
    ...                       reason="names normalise alike")])
    >>> read_merges(ds)[0].target
    'org/a'
    """
    items = merges.merges if isinstance(merges, Resolution) else tuple(merges)
    registry = ds.graph(REGISTRY_GRAPH)
    for m in sorted(items, key=lambda m: (m.target, m.source)):
        node = _merge_iri(m)
        for p, o in (
            (RDF.type, VG.EntityMerge),
            (VG.mergedInto, entity_iri(m.target)),
            (VG.mergedFrom, _s(m.source)),
            (VG.mergedName, _s(m.name)),
            (VG.mergeRule, _s(m.rule)),
            (VG.mergeReason, _s(m.reason)),
        ):
            registry.add((node, p, o))


def _s(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)


def read_merges(ds: Dataset | Graph) -> tuple[Merge, ...]:
    """Return the merges stored by :func:`add_merges`, sorted by (target, source)."""
    g = union_graph(ds) if isinstance(ds, Dataset) else ds
    out = []
    for node in g.subjects(RDF.type, VG.EntityMerge):
        target = str(g.value(node, VG.mergedInto))[len(str(ID)) :]
        text = lambda p: str(g.value(node, p) or "")  # noqa: E731,B023
        out.append(
            Merge(
                source=text(VG.mergedFrom),
                target=target,
                name=text(VG.mergedName),
                rule=text(VG.mergeRule),
                reason=text(VG.mergeReason),
            )
        )
    return tuple(sorted(out, key=lambda m: (m.target, m.source)))


def _registry_names(g: Graph) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for prop in (SCHEMA.name, SKOS.altLabel):
        for s, o in g.subject_objects(prop):
            if isinstance(s, URIRef) and str(s).startswith(str(ID)) and _is_entity(g, s):
                pairs.append((str(o), str(s)[len(str(ID)) :]))
    return pairs


def _is_entity(g: Graph, node: Node) -> bool:
    return (node, VG.recordOf, None) not in g and (None, VG.recordOf, node) in g


def why_same(
    source: Dataset | Graph | Resolution,
    a: str,
    b: str,
    *,
    rules: ResolutionRules | None = None,
) -> Explanation:
    """Explain whether names (or ids) `a` and `b` are one entity, and why or why not.

    `source` is a built graph (its registry names and stored merges) or a resolution; `a`,
    `b` and `rules` are as for :func:`vendorgraph.resolution.explain_names`, which this calls.

    Examples
    --------
    >>> res = Resolution(extractions=(), merges=(), names=(("Intel", "org/intel"),
    ...                  ("Intel Capital", "org/intel-capital")))
    >>> print(why_same(res, "Intel", "Intel Capital"))  # doctest: +NORMALIZE_WHITESPACE
    'Intel' and 'Intel Capital' are different entities: 'Intel' is org/intel and
    'Intel Capital' is org/intel-capital; their names normalise differently ('intel' vs
    'intel capital')
    """
    if isinstance(source, Resolution):
        pairs, merges = list(source.names), source.merges
    else:
        g = union_graph(source) if isinstance(source, Dataset) else source
        merges = read_merges(g)
        pairs = _registry_names(g) + [(m.name, m.target) for m in merges]
        pairs += [(m.source, m.target) for m in merges]
    return explain_names(pairs, merges, a, b, rules=rules)
