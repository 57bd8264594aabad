"""Counts that describe a dataset, for ``vendorgraph info``.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> summarize(new_dataset()).triples
0
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import RDF, Dataset, Graph, URIRef

from vendorgraph.graph.rdf import merged_type
from vendorgraph.graph.store import iter_quads, union_graph
from vendorgraph.ontology.namespace import VG, bind_prefixes
from vendorgraph.ontology.terms import EntityType

__all__ = ["Summary", "summarize"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """What a dataset holds. Count tables are ``(name, count)`` pairs sorted by name."""

    triples: int
    graphs: int
    articles: int
    entities: int
    claims: int
    quotes: int
    quantities: int
    by_class: tuple[tuple[str, int], ...]
    by_entity_type: tuple[tuple[str, int], ...]


def summarize(ds: Dataset | Graph) -> Summary:
    """Return the counts of a dataset: triples, articles, claims, and nodes per class and type.

    Parameters
    ----------
    ds : rdflib.Dataset or rdflib.Graph
        A dataset from :func:`vendorgraph.graph.rdf.to_dataset` or read from a file.

    Returns
    -------
    Summary
        ``triples`` counts quads (a triple in two graphs counts twice); ``by_class`` keys are
        CURIEs (``vg:Claim``); ``by_entity_type`` counts each entity once, under the type
        :func:`vendorgraph.graph.rdf.merged_type` gives it.

    Examples
    --------
    >>> from vendorgraph.graph.rdf import to_dataset
    >>> from vendorgraph.ontology import Document, Extraction
    >>> s = summarize(to_dataset([Extraction(document=Document(text="x"))]))
    >>> s.articles, dict(s.by_class)["vg:Article"]
    (1, 1)
    """
    if isinstance(ds, Dataset):
        triples = sum(1 for _ in iter_quads(ds))
        graphs = len({g for *_, g in iter_quads(ds)})
        union = union_graph(ds)
    else:
        triples, graphs, union = len(ds), 1, bind_prefixes(ds)
    classes = Counter(
        union.namespace_manager.normalizeUri(URIRef(str(o))) for o in union.objects(None, RDF.type)
    )
    types = _entity_types(union)
    return Summary(
        triples=triples,
        graphs=graphs,
        articles=_count(union, VG.Article),
        entities=sum(types.values()),
        claims=_count(union, VG.Claim),
        quotes=_count(union, VG.Quote),
        quantities=_count(union, VG.Measurement),
        by_class=tuple(sorted(classes.items())),
        by_entity_type=tuple(sorted(types.items())),
    )


def _count(graph: Graph, cls: URIRef) -> int:
    return sum(1 for _ in graph.subjects(RDF.type, cls))


def _entity_types(graph: Graph) -> Counter[str]:
    seen: dict[object, list[EntityType]] = {}
    for record in graph.subjects(RDF.type, VG.EntityRecord):
        value = graph.value(record, VG.entityType)
        seen.setdefault(graph.value(record, VG.recordOf), []).append(EntityType(str(value)))
    return Counter(merged_type(types).value for types in seen.values())
