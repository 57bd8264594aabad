"""Grow and shrink a built graph one article at a time.

:func:`add_extractions` adds article graphs and :func:`remove_article` drops one; both then
rebuild the shared ``registry`` and ``propositions`` graphs from the articles the dataset holds,
with the same functions :func:`vendorgraph.graph.rdf.to_dataset` uses, so adding and then
removing an article gives back the dataset as it was (the ``derived`` graph aside: it is
dropped, to be recomputed). Merge records (``vg:EntityMerge``) are kept while the entity they
merged into is still mentioned.

Examples
--------
>>> from vendorgraph.ontology import Document, Extraction
>>> from vendorgraph.graph.rdf import to_dataset
>>> ds = to_dataset([Extraction(document=Document(text="One."))])
>>> report = add_extractions(ds, [Extraction(document=Document(text="Two."))])
>>> len(report.added), len(article_ids(ds))
(1, 2)
>>> add_extractions(ds, [Extraction(document=Document(text="Two."))]).skipped[0][1]
'already present'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, Dataset, URIRef
from rdflib.term import Node

from vendorgraph.errors import UnknownEntityError
from vendorgraph.graph.rdf import entity_iri, from_dataset
from vendorgraph.graph.rdf.write import (
    article_quads,
    entity_types,
    proposition_quads,
    registry_quads,
)
from vendorgraph.graph.store import iter_quads
from vendorgraph.ontology.model import Extraction
from vendorgraph.ontology.namespace import (
    DERIVED_GRAPH,
    GRAPH,
    PROPOSITIONS_GRAPH,
    REGISTRY_GRAPH,
    VG,
    article_graph,
)

__all__ = ["AddReport", "RemoveReport", "add_extractions", "article_ids", "remove_article"]

_ARTICLE_PREFIX = str(GRAPH["article/"])


@dataclass(frozen=True, slots=True, kw_only=True)
class AddReport:
    """What :func:`add_extractions` did: articles added, skipped (id, reason), new ids."""

    added: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]
    new_entities: tuple[str, ...]
    new_propositions: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoveReport:
    """What :func:`remove_article` did: the article and what was garbage-collected."""

    article: str
    removed_entities: tuple[str, ...]
    removed_propositions: tuple[str, ...]
    removed_merges: int
    derived_dropped: bool


def article_ids(ds: Dataset) -> tuple[str, ...]:
    """Return the ids of the articles `ds` holds, sorted.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> article_ids(new_dataset())
    ()
    """
    found = {
        str(g)[len(_ARTICLE_PREFIX) :]
        for s, p, o, g in iter_quads(ds)
        if p == RDF.type and o == VG.Article and str(g).startswith(_ARTICLE_PREFIX)
    }
    return tuple(sorted(found))


def _content_hashes(ds: Dataset) -> set[str]:
    return {str(o) for _, p, o, _ in iter_quads(ds, derived=False) if p == VG.contentHash}


def add_extractions(ds: Dataset, extractions: Iterable[Extraction]) -> AddReport:
    """Add articles to a built dataset, merging their entities and propositions in.

    Parameters
    ----------
    ds : rdflib.Dataset
        A dataset written by :func:`vendorgraph.graph.rdf.to_dataset`; changed in place.
    extractions : iterable of Extraction
        An article already present (same id or content hash), or given twice, is skipped.

    Returns
    -------
    AddReport

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = new_dataset()
    >>> add_extractions(ds, [Extraction(document=Document(text="Hi."))]).added
    ('17f4444f3932f8a1',)
    """
    present, hashes = set(article_ids(ds)), _content_hashes(ds)
    new: dict[str, Extraction] = {}
    skipped: list[tuple[str, str]] = []
    for ex in extractions:
        doc = ex.document
        if doc.id in present or doc.content_hash in hashes or doc.id in new:
            skipped.append((doc.id, "already present"))
            continue
        new[doc.id] = ex
    if not new:
        return AddReport(added=(), skipped=tuple(skipped), new_entities=(), new_propositions=())
    before = _shared_subjects(ds)
    everything = (*from_dataset(ds), *(new[aid] for aid in sorted(new)))
    ds.addN(q for aid in sorted(new) for q in article_quads(new[aid]))  # type: ignore[misc]
    _rebuild_shared(ds, tuple(sorted(everything, key=lambda ex: ex.document.id)))
    after = _shared_subjects(ds)
    return AddReport(
        added=tuple(sorted(new)),
        skipped=tuple(skipped),
        new_entities=tuple(sorted(after[0] - before[0])),
        new_propositions=tuple(sorted(after[1] - before[1])),
    )


def remove_article(ds: Dataset, article_id: str) -> RemoveReport:
    """Remove one article, then garbage-collect what no other article supports.

    Propositions no claim points to and registry entities no article mentions go; the
    ``derived`` graph is dropped, to be recomputed.

    Raises
    ------
    vendorgraph.errors.UnknownEntityError
        If `ds` holds no article `article_id` (the message lists the ids present).

    Examples
    --------
    >>> from vendorgraph.graph.rdf import to_dataset
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="Hi."))])
    >>> remove_article(ds, "17f4444f3932f8a1").article, article_ids(ds)
    ('17f4444f3932f8a1', ())
    """
    present = article_ids(ds)
    if article_id not in present:
        raise UnknownEntityError(
            f"no article {article_id!r} in this graph; the articles are {list(present)!r}"
        )
    before = _shared_subjects(ds)
    merges_before = len(set(ds.graph(REGISTRY_GRAPH).subjects(RDF.type, VG.EntityMerge)))
    kept = tuple(ex for ex in from_dataset(ds) if ex.document.id != article_id)
    _drop_graph(ds, article_graph(article_id))
    derived = len(ds.graph(DERIVED_GRAPH)) > 0
    _drop_graph(ds, DERIVED_GRAPH)
    _rebuild_shared(ds, kept)
    after = _shared_subjects(ds)
    merges_after = len(set(ds.graph(REGISTRY_GRAPH).subjects(RDF.type, VG.EntityMerge)))
    return RemoveReport(
        article=article_id,
        removed_entities=tuple(sorted(before[0] - after[0])),
        removed_propositions=tuple(sorted(before[1] - after[1])),
        removed_merges=merges_before - merges_after,
        derived_dropped=derived,
    )


def _drop_graph(ds: Dataset, name: URIRef) -> None:
    graph = ds.graph(name)
    graph.remove((None, None, None))
    ds.remove_graph(graph)


def _shared_subjects(ds: Dataset) -> tuple[set[str], set[str]]:
    registry = ds.graph(REGISTRY_GRAPH)
    merges = set(registry.subjects(RDF.type, VG.EntityMerge))
    entities = {str(s) for s in registry.subjects() if s not in merges}
    props = {str(s) for s in ds.graph(PROPOSITIONS_GRAPH).subjects(RDF.type, VG.Statement)}
    return entities, props


def _rebuild_shared(ds: Dataset, exs: tuple[Extraction, ...]) -> None:
    """Recompute graph/registry and graph/propositions from the articles `exs`."""
    registry = ds.graph(REGISTRY_GRAPH)
    merges = _live_merges(ds, {e.id for ex in exs for e in ex.entities})
    registry.remove((None, None, None))
    ds.graph(PROPOSITIONS_GRAPH).remove((None, None, None))
    types = entity_types(exs)
    quads: list[tuple[Node, Node, Node, URIRef]] = list(registry_quads(exs))
    quads += [q for ex in exs for q in proposition_quads(ex, types)]
    quads += [(s, p, o, REGISTRY_GRAPH) for s, p, o in merges]
    ds.addN(quads)  # type: ignore[arg-type]


def _live_merges(ds: Dataset, mentioned: set[str]) -> list[tuple[Node, Node, Node]]:
    alive = {entity_iri(e) for e in mentioned}
    registry = ds.graph(REGISTRY_GRAPH)
    out: list[tuple[Node, Node, Node]] = []
    for node in registry.subjects(RDF.type, VG.EntityMerge):
        if registry.value(node, VG.mergedInto) in alive:
            out.extend((node, p, o) for p, o in registry.predicate_objects(node))
    return out
