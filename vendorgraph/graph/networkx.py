"""Project extractions (or a dataset holding them) onto a networkx MultiDiGraph.

The attributes follow ``docs/contracts.md`` ("The networkx projection"): one node per entity id,
merged over articles; one edge per relation claim, keyed by the relation id; articles, quotes and
every number found (``quantities``) in ``G.graph``. Scores in the dataset's ``derived`` graph
become node attributes (``lockin``, ``exposure`` …) and ``G.graph["dependencies"]``.

Examples
--------
>>> from vendorgraph.ontology import (Document, Entity, EntityType, Extraction, Predicate,
...                                   Relation)
>>> doc = Document(text="Acme supplies Bolt.", publisher="Wire")
>>> acme = Entity(id="org/acme", name="Acme", type=EntityType.CHIP_VENDOR)
>>> bolt = Entity(id="org/bolt", name="Bolt", type=EntityType.CLOUD_PROVIDER)
>>> rel = Relation(id="r1", subject="org/acme", predicate=Predicate.SUPPLIES,
...                object="org/bolt", span=doc.span(0, 19))
>>> G = to_networkx([Extraction(document=doc, entities=(acme, bolt), relations=(rel,))])
>>> G.edges["org/acme", "org/bolt", "r1"]["predicate"], G.nodes["org/bolt"]["type"]
('supplies', 'CloudProvider')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Dataset

from vendorgraph.graph.rdf import merged_name, merged_type, read_records
from vendorgraph.graph.timeline import snapshot
from vendorgraph.ontology.model import Entity, Extraction, Quantity, Quote, Relation

__all__ = ["to_networkx"]


def to_networkx(
    source: Dataset | Iterable[Extraction], *, as_of: str | None = None
) -> nx.MultiDiGraph:
    """Return the entity graph of a dataset or of extractions.

    Parameters
    ----------
    source : rdflib.Dataset or iterable of Extraction
        A dataset written by :func:`vendorgraph.graph.rdf.to_dataset` (scores included), or
        the extractions themselves.
    as_of : str, optional
        An ISO date: keep only articles published on or before it (undated articles stay)
        and claims whose validity window (``start``/``end``) holds on it; see
        :func:`vendorgraph.graph.timeline.as_of`. ``G.graph["as_of"]`` records it.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by entity id, edges ``(subject, object, relation_id)``; see the module notes.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> G = to_networkx([Extraction(document=Document(text="x", title="T"))])
    >>> list(G.graph["articles"].values())
    [{'title': 'T', 'published': None, 'publisher': None, 'url': None}]
    """
    if isinstance(source, Dataset):
        extractions, scores = read_records(source)
    else:
        extractions, scores = tuple(source), None
    if as_of is not None:
        extractions = snapshot(extractions, as_of)
    G = _project(extractions)
    if as_of is not None:
        G.graph["as_of"] = as_of
    if scores is not None:
        _add_scores(G, *scores)
    return G


def _project(extractions: tuple[Extraction, ...]) -> nx.MultiDiGraph:
    extractions = tuple(sorted(extractions, key=lambda ex: ex.document.id))
    G = nx.MultiDiGraph(articles={}, quotes=[], quantities=[], dependencies=[])
    records: dict[str, list[Entity]] = defaultdict(list)
    for ex in extractions:
        for entity in ex.entities:
            records[entity.id].append(entity)
    for node in sorted(records):
        G.add_node(node, **_node_attributes(records[node]))
    for ex in extractions:
        _add_article(G, ex)
    return G


def _add_article(G: nx.MultiDiGraph, ex: Extraction) -> None:
    """Add one article's metadata, quotes, numbers and claims (its lookups built once)."""
    entities = {e.id for e in ex.entities}
    quotes = {q.id: q.text for q in ex.quotes}
    quantities = {q.id: q for q in ex.quantities}
    G.graph["articles"][ex.document.id] = _article(ex)
    G.graph["quotes"].extend(_quote(q, ex) for q in sorted(ex.quotes, key=lambda q: q.id))
    G.graph["quantities"].extend(
        _stated(q, ex, entities) for q in sorted(ex.quantities, key=_by_id)
    )
    for rel in sorted(ex.relations, key=lambda r: r.id):
        attributes = _edge_attributes(rel, ex, quotes, quantities)
        G.add_edge(rel.subject, rel.object, key=rel.id, **attributes)


def _node_attributes(records: list[Entity]) -> dict[str, Any]:
    label = merged_name(r.name for r in records)
    aliases = {a for r in records for a in (r.name, *r.aliases)} - {label}
    return {
        "kind": "entity",
        "type": merged_type(r.type for r in records).value,
        "label": label,
        "aliases": sorted(aliases),
        "wikidata": min((r.wikidata for r in records if r.wikidata), default=None),
        "parent": min((r.parent for r in records if r.parent), default=None),
        "roles": sorted({role for r in records for role in r.roles}),
    }


def _article(ex: Extraction) -> dict[str, str | None]:
    doc = ex.document
    return {
        "title": doc.title,
        "published": doc.published,
        "publisher": doc.publisher,
        "url": doc.url,
    }


def _quote(q: Quote, ex: Extraction) -> dict[str, Any]:
    return {
        "id": q.id,
        "speaker": q.speaker,
        "speaker_label": q.speaker_label,
        "speaker_role": q.speaker_role,
        "speaker_org": q.speaker_org,
        "text": q.text,
        "direct": q.direct,
        "article": ex.document.id,
        "span": (q.span.start, q.span.end),
    }


def _edge_attributes(
    rel: Relation, ex: Extraction, quotes: dict[str, str], quantities: dict[str, Quantity]
) -> dict[str, Any]:
    quantity = quantities.get(rel.quantity) if rel.quantity else None
    return {
        "predicate": rel.predicate.value,
        "modality": rel.modality.value,
        "confidence": rel.confidence,
        "evidence": rel.span.text,
        "span": (rel.span.start, rel.span.end),
        "article": ex.document.id,
        "source": ex.document.publisher,
        "wire_source": ex.document.wire_source,
        "published": ex.document.published,
        "speaker": rel.speaker,
        "quote": quotes.get(rel.quote) if rel.quote else None,
        "quantity": None if quantity is None else _quantity(quantity),
        "start": rel.start,
        "end": rel.end,
        "capability": rel.capability,
    }


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "kind": q.kind.value,
        "text": q.text,
        "value": q.value,
        "unit": q.unit,
        "normalized": q.normalized,
        "approximate": q.approximate,
    }


def _by_id(q: Quantity) -> str:
    return q.id


def _stated(q: Quantity, ex: Extraction, entities: set[str]) -> dict[str, Any]:
    """Return a number record of ``G.graph["quantities"]``: the edge form plus where it stands."""
    return {
        **_quantity(q),
        "id": q.id,
        "article": ex.document.id,
        "span": (q.span.start, q.span.end),
        "about": q.about if q.about in entities else None,
    }


def _add_scores(
    G: nx.MultiDiGraph, dependencies: list[dict[str, Any]], companies: list[dict[str, Any]]
) -> None:
    G.graph["dependencies"] = dependencies
    for company in companies:
        if company["id"] in G:
            G.nodes[company["id"]].update({k: v for k, v in company.items() if k != "id"})
