"""Extractions to RDF: :func:`to_dataset`, and the quads of each graph it writes.

The quads are built as plain terms and go into Oxigraph in one ``extend``
(:func:`vendorgraph.graph.store.add_plain`); :func:`registry_quads`, :func:`article_quads` and
:func:`proposition_quads` give the same quads as rdflib terms, for
:mod:`vendorgraph.graph.update`.

Examples
--------
>>> from vendorgraph.ontology import Document, Extraction
>>> ds = to_dataset([Extraction(document=Document(text="x"))])
>>> len(ds) > 0
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from rdflib import RDF, SKOS, Dataset
from rdflib.namespace import PROV

from vendorgraph.errors import ModelError
from vendorgraph.graph.rdf.terms import (
    WRITER,
    PlainNamespace,
    Quad,
    Triple,
    article_node,
    boolean_literal,
    concept_node,
    date_literal,
    decimal_literal,
    entity_node,
    integer_literal,
    iri_segment,
    merged_name,
    merged_type,
    proposition_node,
    record_node,
    span_node,
    string_literal,
)
from vendorgraph.graph.store import (
    DEFAULT_STORE,
    PlainQuad,
    PlainTerm,
    add_plain,
    new_dataset,
    rdflib_quads,
)
from vendorgraph.ontology.model import (
    Document,
    Entity,
    Extraction,
    Quantity,
    Quote,
    Rejection,
    Relation,
    Span,
    stable_hash,
)
from vendorgraph.ontology.namespace import (
    ID,
    OA,
    PROPOSITIONS_GRAPH,
    REGISTRY_GRAPH,
    SCHEMA,
    VG,
    VGC,
    WD,
    article_graph,
    entity_type_map,
    load_ontology,
)
from vendorgraph.ontology.terms import EntityType, Predicate, QuantityKind

__all__ = ["article_quads", "entity_types", "proposition_quads", "registry_quads", "to_dataset"]

_RDF, _SKOS, _PROV = PlainNamespace(RDF), PlainNamespace(SKOS), PlainNamespace(PROV)
_VG, _VGC, _SCHEMA, _OA = (
    PlainNamespace(VG),
    PlainNamespace(VGC),
    PlainNamespace(SCHEMA),
    PlainNamespace(OA),
)
_ID, _WD = str(ID), str(WD)


@lru_cache(maxsize=1)
def _market_roles() -> frozenset[str]:
    graph = load_ontology()
    concepts = graph.subjects(SKOS.inScheme, VGC.MarketRole)
    return frozenset(str(c)[len(str(VGC)) :] for c in concepts)


def to_dataset(
    extractions: Iterable[Extraction], *, store: str = DEFAULT_STORE, path: str | None = None
) -> Dataset:
    """Return a dataset holding every record of `extractions`, one named graph per article.

    Parameters
    ----------
    extractions : iterable of Extraction
        One per article; the same entity id in two articles becomes one registry node.
    store : {"Oxigraph", "Memory"}
        The rdflib store (see :func:`vendorgraph.graph.store.new_dataset`).
    path : str, optional
        A folder for an on-disk Oxigraph store; in memory when None.

    Returns
    -------
    rdflib.Dataset
        Graphs ``registry``, ``propositions`` and ``article/<doc id>`` (see the module notes).

    Raises
    ------
    vendorgraph.errors.ModelError
        If two extractions are of the same document.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="Nothing here."))])
    >>> sorted(str(g.identifier).rsplit("/", 2)[1] for g in ds.graphs() if len(g))
    ['article']
    """
    extractions = tuple(sorted(extractions, key=lambda ex: ex.document.id))
    _check_unique(extractions)
    ds = new_dataset(store, path=path)
    add_plain(ds, _dataset_quads(extractions))
    return ds


def _dataset_quads(extractions: tuple[Extraction, ...]) -> Iterator[PlainQuad]:
    types = entity_types(extractions)
    yield from _registry_plain(extractions)
    for ex in extractions:
        yield from _article_plain(ex)
        yield from _proposition_plain(ex, types)


def _check_unique(extractions: tuple[Extraction, ...]) -> None:
    ids = [ex.document.id for ex in extractions]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ModelError(f"articles {twice!r} are extracted more than once; pass each article once")


def entity_types(extractions: Iterable[Extraction]) -> dict[str, EntityType]:
    """Return each entity id's type merged over all articles (:func:`merged_type`)."""
    seen: dict[str, list[EntityType]] = defaultdict(list)
    for ex in extractions:
        for entity in ex.entities:
            seen[entity.id].append(entity.type)
    return {eid: merged_type(types) for eid, types in seen.items()}


def registry_quads(extractions: tuple[Extraction, ...]) -> Iterator[Quad]:
    """Yield the registry graph as rdflib quads."""
    return rdflib_quads(_registry_plain(extractions))


def _registry_plain(extractions: tuple[Extraction, ...]) -> Iterator[PlainQuad]:
    records: dict[str, list[Entity]] = defaultdict(list)
    for ex in extractions:
        for entity in ex.entities:
            records[entity.id].append(entity)
    graph = str(REGISTRY_GRAPH)
    for eid in sorted(records):
        for s, p, o in _registry_triples(entity_node(eid), records[eid]):
            yield s, p, o, graph


def _registry_triples(node: str, records: list[Entity]) -> Iterator[Triple]:
    classes, roles = _classes_and_roles(records)
    yield from ((node, _RDF.type, cls) for cls in sorted(classes))
    yield from ((node, _VG.marketRole, role) for role in sorted(roles))
    name = merged_name(r.name for r in records)
    yield node, _SCHEMA.name, string_literal(name)
    others = {n for r in records for n in (r.name, *r.aliases)} - {name}
    yield from ((node, _SKOS.altLabel, string_literal(a)) for a in sorted(others))
    for qid in sorted({r.wikidata for r in records if r.wikidata}):
        yield node, _VG.wikidataId, string_literal(qid)
        yield node, _SCHEMA.sameAs, _WD + iri_segment(qid)
    for parent in sorted({r.parent for r in records if r.parent}):
        yield node, _SCHEMA.parentOrganization, entity_node(parent)
    for lexicon_id in sorted({r.lexicon_id for r in records if r.lexicon_id}):
        yield node, _VG.lexiconId, string_literal(lexicon_id)


def _classes_and_roles(records: list[Entity]) -> tuple[set[str], set[str]]:
    mapping = entity_type_map()
    classes = {str(mapping[r.type][0]) for r in records}
    roles = {str(role) for r in records if (role := mapping[r.type][1]) is not None}
    roles |= {str(VGC) + x for r in records for x in r.roles if x in _market_roles()}
    if len(classes) > 1:
        classes.discard(_VG.Organization)
    return classes, roles


def article_quads(ex: Extraction) -> Iterator[Quad]:
    """Yield the graph of one article as rdflib quads."""
    return rdflib_quads(_article_plain(ex))


def _article_plain(ex: Extraction) -> Iterator[PlainQuad]:
    aid = ex.document.id
    graph = str(article_graph(aid))
    parts = (
        _document_triples(ex.document),
        _span_triples(aid, ex),
        (t for e in ex.entities for t in _record_triples(aid, e)),
        (t for q in ex.quotes for t in _quote_triples(aid, q, ex)),
        (t for r in ex.relations for t in _claim_triples(aid, r)),
        (t for r in ex.relations for t in _sentence_quantity_triples(aid, r, ex)),
        (t for q in ex.quantities for t in _quantity_triples(aid, q, ex)),
        (t for r in ex.rejected for t in _rejection_triples(aid, r)),
    )
    for part in parts:
        for s, p, o in part:
            yield s, p, o, graph


def _document_triples(doc: Document) -> Iterator[Triple]:
    node = article_node(doc.id)
    run = _ID + f"run/{stable_hash(doc.id, WRITER)}"
    yield node, _RDF.type, _VG.Article
    yield node, _SCHEMA.text, string_literal(doc.text)
    yield node, _VG.contentHash, string_literal(doc.content_hash)
    yield node, _VG.bodyStart, integer_literal(doc.body_start)
    optional = (
        (_SCHEMA.headline, doc.title, string_literal),
        (_SCHEMA.datePublished, doc.published, date_literal),
        (_VG.publisherName, doc.publisher, string_literal),
        (_SCHEMA.url, doc.url, string_literal),
        (_VG.filePath, doc.path, string_literal),
        (_VG.wireSourceName, doc.wire_source, string_literal),
    )
    yield from ((node, p, make(v)) for p, v, make in optional if v is not None)
    yield run, _RDF.type, _VG.Extraction
    yield run, _PROV.used, node
    yield run, _VG.modelVersion, string_literal(WRITER)


def _spans(ex: Extraction) -> set[Span]:
    spans = {m for e in ex.entities for m in e.mentions}
    spans |= {q.span for q in ex.quotes} | {r.span for r in ex.relations}
    spans |= {q.span for q in ex.quantities} | {r.span for r in ex.rejected if r.span}
    return spans


def _span_triples(aid: str, ex: Extraction) -> Iterator[Triple]:
    for span in sorted(_spans(ex), key=lambda s: (s.start, s.end)):
        node = span_node(aid, span)
        pos, exact = f"{node}#pos", f"{node}#quote"
        yield node, _RDF.type, _VG.TextSpan
        yield node, _OA.hasSource, article_node(aid)
        yield node, _OA.hasSelector, pos
        yield node, _OA.hasSelector, exact
        yield pos, _RDF.type, _OA.TextPositionSelector
        yield pos, _OA.start, integer_literal(span.start)
        yield pos, _OA.end, integer_literal(span.end)
        yield exact, _RDF.type, _OA.TextQuoteSelector
        yield exact, _OA.exact, string_literal(span.text)


def _record_triples(aid: str, entity: Entity) -> Iterator[Triple]:
    node = record_node("record", aid, entity.id)
    yield node, _RDF.type, _VG.EntityRecord
    yield node, _VG.recordOf, entity_node(entity.id)
    yield node, _PROV.wasDerivedFrom, article_node(aid)
    yield node, _SCHEMA.name, string_literal(entity.name)
    yield node, _VG.entityType, string_literal(entity.type.value)
    yield from ((node, _SKOS.altLabel, string_literal(a)) for a in entity.aliases)
    yield from ((node, _VG.mention, span_node(aid, m)) for m in entity.mentions)
    yield from ((node, _VG.statedRole, string_literal(r)) for r in entity.roles)
    if entity.lexicon_id is not None:
        yield node, _VG.lexiconId, string_literal(entity.lexicon_id)
    if entity.wikidata is not None:
        yield node, _VG.wikidataId, string_literal(entity.wikidata)
    if entity.parent is not None:
        yield node, _SCHEMA.parentOrganization, entity_node(entity.parent)


def _ref(value: str, ex: Extraction) -> PlainTerm:
    """Return an entity IRI when `value` is an entity id of `ex`, else the string itself."""
    return entity_node(value) if any(e.id == value for e in ex.entities) else string_literal(value)


def _quote_triples(aid: str, q: Quote, ex: Extraction) -> Iterator[Triple]:
    node = record_node("quote", aid, q.id)
    yield node, _RDF.type, _VG.Quote
    yield node, _SCHEMA.identifier, string_literal(q.id)
    yield node, _SCHEMA.text, string_literal(q.text)
    yield node, _VG.quoteKind, _VGC.DirectQuote if q.direct else _VGC.IndirectQuote
    yield node, _VG.evidence, span_node(aid, q.span)
    yield node, _PROV.wasQuotedFrom, article_node(aid)
    if q.speaker is not None:
        yield node, _SCHEMA.spokenByCharacter, entity_node(q.speaker)
    if q.speaker_org is not None:
        yield node, _VG.speakerOrganization, _ref(q.speaker_org, ex)
    optional = (
        (_VG.speakerRole, q.speaker_role),
        (_VG.speakerLabel, q.speaker_label),
        (_VG.cue, q.cue),
    )
    yield from ((node, p, string_literal(v)) for p, v in optional if v is not None)


def _claim_triples(aid: str, r: Relation) -> Iterator[Triple]:
    node = record_node("claim", aid, r.id)
    yield node, _RDF.type, _VG.Claim
    yield node, _SCHEMA.identifier, string_literal(r.id)
    yield node, _VG.proposition, proposition_node(r.subject, r.predicate, r.object)
    yield node, _VG.evidence, span_node(aid, r.span)
    yield node, _SCHEMA.appearance, article_node(aid)
    yield node, _VG.modality, concept_node(r.modality)
    yield node, _VG.extractionConfidence, decimal_literal(r.confidence)
    yield node, _PROV.wasGeneratedBy, _ID + f"run/{stable_hash(aid, WRITER)}"
    yield from _qualifier_triples(aid, node, r)


def _sentence_quantity_triples(aid: str, r: Relation, ex: Extraction) -> Iterator[Triple]:
    """Link a claim to every number whose span lies inside its evidence span (derived, not read)."""
    node = record_node("claim", aid, r.id)
    inside = (q for q in ex.quantities if r.span.start <= q.span.start and q.span.end <= r.span.end)
    yield from ((node, _VG.sentenceQuantity, record_node("quantity", aid, q.id)) for q in inside)


def _qualifier_triples(aid: str, node: str, r: Relation) -> Iterator[Triple]:
    if r.quantity is not None:
        yield node, _VG.quantity, record_node("quantity", aid, r.quantity)
    if r.start is not None:
        yield node, _SCHEMA.startDate, date_literal(r.start)
    if r.end is not None:
        yield node, _SCHEMA.endDate, date_literal(r.end)
    if r.capability is not None:
        yield node, _VG.capability, entity_node(r.capability)
    if r.quote is not None:
        yield record_node("quote", aid, r.quote), _VG.expresses, node
    if r.cue is not None:
        yield node, _VG.cue, string_literal(r.cue)
    if r.speaker is not None:
        attribution = f"{node}#attr-claimant"
        yield node, _PROV.wasAttributedTo, entity_node(r.speaker)
        yield node, _PROV.qualifiedAttribution, attribution
        yield attribution, _RDF.type, _PROV.Attribution
        yield attribution, _PROV.agent, entity_node(r.speaker)
        yield attribution, _PROV.hadRole, _VGC.Claimant


def _quantity_triples(aid: str, q: Quantity, ex: Extraction) -> Iterator[Triple]:
    node = record_node("quantity", aid, q.id)
    yield node, _RDF.type, _VG.Measurement
    yield node, _SCHEMA.identifier, string_literal(q.id)
    yield node, _PROV.wasDerivedFrom, article_node(aid)
    yield node, _VG.quantityKind, concept_node(q.kind)
    yield node, _SCHEMA.text, string_literal(q.text)
    yield node, _VG.evidence, span_node(aid, q.span)
    yield node, _VG.approximate, boolean_literal(q.approximate)
    yield node, _VG.deadline, boolean_literal(q.deadline)
    if q.normalized is not None:
        yield node, _VG.normalizedValue, decimal_literal(q.normalized)
    if q.iso is not None:
        yield node, _VG.dateValue, date_literal(q.iso)
    if q.about is not None:
        yield node, _SCHEMA.observationAbout, _ref(q.about, ex)
    yield from _amount_triples(aid, node, q, ex)


def _amount_triples(aid: str, node: str, q: Quantity, ex: Extraction) -> Iterator[Triple]:
    money = q.kind is QuantityKind.MONEY
    holder = f"{node}#amount" if money else node
    if money:
        yield node, _SCHEMA.value, holder
        yield holder, _RDF.type, _SCHEMA.MonetaryAmount
    values = ((_SCHEMA.value, q.value), (_SCHEMA.minValue, q.lower), (_SCHEMA.maxValue, q.upper))
    yield from ((holder, p, decimal_literal(v)) for p, v in values if v is not None)
    if q.unit is not None:
        yield holder, _SCHEMA.currency if money else _SCHEMA.unitText, string_literal(q.unit)
    if q.converted_from is not None:
        target = record_node("quantity", aid, q.converted_from)
        source_money = any(
            o.id == q.converted_from and o.kind is QuantityKind.MONEY for o in ex.quantities
        )
        both = money and source_money
        yield holder, _VG.reportedConversionOf, f"{target}#amount" if both else target


def _rejection_triples(aid: str, r: Rejection) -> Iterator[Triple]:
    where = (r.span.start, r.span.end) if r.span else None
    node = _ID + f"rejection/{aid}/{stable_hash(r.text, where, r.reason)}"
    yield node, _RDF.type, _VG.Rejection
    yield node, _PROV.wasDerivedFrom, article_node(aid)
    yield node, _SCHEMA.text, string_literal(r.text)
    yield node, _VG.reason, string_literal(r.reason)
    if r.span is not None:
        yield node, _VG.evidence, span_node(aid, r.span)


def proposition_quads(ex: Extraction, types: Mapping[str, EntityType]) -> Iterator[Quad]:
    """Yield the propositions of one article's claims as rdflib quads."""
    return rdflib_quads(_proposition_plain(ex, types))


def _proposition_plain(ex: Extraction, types: Mapping[str, EntityType]) -> Iterator[PlainQuad]:
    graph = str(PROPOSITIONS_GRAPH)
    for r in ex.relations:
        node = proposition_node(r.subject, r.predicate, r.object)
        for s, p, o in _proposition_triples(node, r, types):
            yield s, p, o, graph


def _proposition_triples(
    node: str, r: Relation, types: Mapping[str, EntityType]
) -> Iterator[Triple]:
    subject, obj = entity_node(r.subject), entity_node(r.object)
    yield node, _RDF.type, _VG.Statement
    yield node, _RDF.subject, subject
    yield node, _VG.predicate, concept_node(r.predicate)
    yield node, _RDF.object, obj
    object_is_org = types[r.object].is_organization
    if r.predicate.is_dependency:
        yield node, _RDF.type, _VG.Dependency
        yield from _dependency_roles(node, r.predicate, subject, obj, object_is_org)
    elif r.predicate is Predicate.PARTNERS_WITH:
        yield node, _RDF.type, _VG.Partnership
        yield node, _VG.partner, subject
        yield node, _VG.partner, obj
    elif r.predicate is Predicate.RESTRICTS:
        yield node, _RDF.type, _VG.RegulatoryConstraint
        yield node, _VG.imposedBy, subject
        yield node, _VG.constrainedParty if object_is_org else _VG.constrainedOffering, obj


def _dependency_roles(
    node: str, predicate: Predicate, subject: str, obj: str, object_is_org: bool
) -> Iterator[Triple]:
    if predicate is Predicate.SUPPLIES:
        yield node, _VG.provider, subject
        yield node, _VG.dependent, obj
        return
    yield node, _VG.dependent, subject
    yield node, _VG.provider if object_is_org else _VG.dependsFor, obj
