"""The model as RDF: a lossless round trip between extractions and an rdflib Dataset.

Layout (see ``shared/design/ontology.md``, B.2-B.3), every IRI deterministic, no blank nodes:

- ``graph/registry``: one node per entity id (``id:org/nvidia``), merged over all articles:
  its most specific classes, market roles, name, other names as ``skos:altLabel``, Wikidata id.
- ``graph/propositions``: one content-addressed ``vg:Statement`` per (subject, predicate,
  object) at ``id:prop/<hash>``, typed ``vg:Dependency`` for dependency-like predicates,
  ``vg:Partnership`` or ``vg:RegulatoryConstraint`` where those fit.
- ``graph/article/<doc id>``: the ``vg:Article`` (with its full ``schema:text``), the
  ``vg:Extraction`` run, text spans with both Web Annotation selectors, one ``vg:EntityRecord``
  per entity (what this article says about it: name, type, aliases, mentions), claims, quotes,
  measurements (money as ``schema:MonetaryAmount``) and rejections.
  Each claim also links by ``vg:sentenceQuantity`` to the measurements whose spans lie inside
  its evidence span: derived from the offsets (so :func:`from_dataset` does not read it), written
  so that queries need not join on offsets.
- ``graph/derived``: assessments written by :func:`add_assessments`; ignored by
  :func:`from_dataset`.

Every node an article owns links to the article (``schema:appearance``, ``prov:wasQuotedFrom``,
``oa:hasSource``, ``prov:used`` or ``prov:wasDerivedFrom``), so the union of all graphs (what a
Turtle or N-Triples file holds) still reads back per article. Strings are written typed
``xsd:string`` so that Oxigraph and rdflib's memory store hold identical terms.

Examples
--------
>>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
>>> doc = Document(text="Acme sells chips.")
>>> acme = Entity(id="org/acme", name="Acme", type=EntityType.CHIP_VENDOR,
...               mentions=(doc.span(0, 4),))
>>> ex = Extraction(document=doc, entities=(acme,))
>>> from_dataset(to_dataset([ex])) == (ex,)
True
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

from rdflib import RDF, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from vendorgraph.errors import ModelError
from vendorgraph.graph.store import DEFAULT_STORE, new_dataset, union_graph
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
    DERIVED_GRAPH,
    ID,
    OA,
    PROPOSITIONS_GRAPH,
    REGISTRY_GRAPH,
    SCHEMA,
    VG,
    VGC,
    WD,
    article_graph,
    concept_map,
    entity_type_map,
    load_ontology,
)
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

__all__ = [
    "WRITER",
    "add_assessments",
    "canonical",
    "entity_iri",
    "from_dataset",
    "merged_name",
    "merged_type",
    "proposition_iri",
    "read_assessments",
    "to_dataset",
]

WRITER = "vendorgraph-rdf.v1"
"""The version of this mapping, recorded on every extraction run (``vg:modelVersion``)."""

INFERENCE_RUN = ID["run/inference"]

_DEPENDENCY_LIKE = frozenset(
    {
        Predicate.SUPPLIES,
        Predicate.DEPLOYS,
        Predicate.USES,
        Predicate.INTEGRATES,
        Predicate.DEPENDS_ON,
    }
)
_COMPANY_KEYS = {
    "lockin": VG.lockin,
    "lockin_direct": VG.lockinDirect,
    "lockin_indirect": VG.lockinIndirect,
    "exposure": VG.exposure,
    "hhi": VG.hhi,
}
_DEPENDENCY_KEYS = {
    "switching_cost": VG.switchingCost,
    "coverage": VG.coverage,
    "reliance": VG.reliance,
    "dependence": VG.dependence,
}

Quad = tuple[Node, Node, Node, URIRef]


# ------------------------------------------------------------------ literals and IRIs


def _s(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)


def _dec(value: float) -> Literal:
    """Return an xsd:decimal in the canonical form Oxigraph stores (no trailing zeros).

    Numbers Oxigraph's 128-bit decimal cannot hold (beyond 1e20, or finer than 1e-18) and
    non-finite ones are written as xsd:double instead.
    """
    number = float(value)
    if not math.isfinite(number):
        lexical = "NaN" if math.isnan(number) else ("INF" if number > 0 else "-INF")
        return Literal(lexical, datatype=XSD.double)
    text = format(Decimal(repr(number)), "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if abs(number) >= 1e20 or len(fraction) > 18:
        return Literal(repr(number), datatype=XSD.double)
    text = f"{whole}.{fraction}" if fraction else whole
    return Literal("0" if text == "-0" else text, datatype=XSD.decimal)


def _int(value: int) -> Literal:
    """Return an xsd:integer (Oxigraph keeps no xsd:nonNegativeInteger, so we write none)."""
    return Literal(str(value), datatype=XSD.integer)


def _bool(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


_DATE_TYPES = (
    (r"\d{4}", XSD.gYear),
    (r"\d{4}-\d{2}", XSD.gYearMonth),
    (r"\d{4}-\d{2}-\d{2}", XSD.date),
)


def _date(value: str) -> Literal:
    """Return a date literal whose datatype carries the precision; xsd:string if not ISO."""
    for pattern, datatype in _DATE_TYPES:
        if re.fullmatch(pattern, value) and _valid_date(value.split("-")):
            return Literal(value, datatype=datatype)
    if "T" in value and _is_datetime(value):
        return Literal(value, datatype=XSD.dateTime)
    return _s(value)


def _valid_date(parts: list[str]) -> bool:
    padded = [*parts, "01", "01"][:3]
    try:
        date(int(padded[0]), int(padded[1]), int(padded[2]))
    except ValueError:
        return False
    return int(padded[0]) > 0


def _is_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _seg(key: str) -> str:
    return quote(key, safe="-._~")


def entity_iri(entity_id: str) -> URIRef:
    """Return the IRI of an entity id (``org/nvidia`` → ``id:org/nvidia``)."""
    return ID[quote(entity_id, safe="/-._~")]


def _entity_id(iri: Node) -> str:
    return unquote(str(iri)[len(str(ID)) :])


def _last(iri: Node) -> str:
    return unquote(str(iri).rsplit("/", 1)[1])


def _article(aid: str) -> URIRef:
    return ID[f"article/{aid}"]


def _record(kind: str, aid: str, key: str) -> URIRef:
    return ID[f"{kind}/{aid}/{_seg(key)}"]


def _span_iri(aid: str, span: Span) -> URIRef:
    return ID[f"span/{aid}/{span.start}-{span.end}"]


def proposition_iri(subject: str, predicate: Predicate, obj: str) -> URIRef:
    """Return the content-addressed IRI of the statement ``subject predicate object``."""
    return ID[f"prop/{stable_hash(subject, predicate.value, obj)}"]


@lru_cache(maxsize=1)
def _market_roles() -> frozenset[str]:
    graph = load_ontology()
    concepts = graph.subjects(SKOS.inScheme, VGC.MarketRole)
    return frozenset(str(c)[len(str(VGC)) :] for c in concepts)


@lru_cache(maxsize=1)
def _factor_concepts() -> dict[str, URIRef]:
    graph = load_ontology()
    return {
        str(graph.value(c, SKOS.notation)): URIRef(str(c))
        for c in graph.subjects(SKOS.inScheme, VGC.SwitchingCostFactorType)
    }


def _inverse(enum: type[Enum]) -> dict[Node, Any]:
    return {iri: member for member, iri in concept_map(enum).items()}


# ------------------------------------------------------------------ type merging


def merged_type(types: Iterable[EntityType]) -> EntityType:
    """Return one type for an entity typed differently by different articles.

    The most frequent type other than the generic ``Organization`` wins; ties go to the
    alphabetically first value, so the choice is deterministic.

    Examples
    --------
    >>> merged_type([EntityType.ORGANIZATION, EntityType.CHIP_VENDOR])
    <EntityType.CHIP_VENDOR: 'ChipVendor'>
    >>> merged_type([EntityType.ORGANIZATION])
    <EntityType.ORGANIZATION: 'Organization'>
    """
    counts = Counter(types)
    specific = {t: n for t, n in counts.items() if t is not EntityType.ORGANIZATION} or counts
    return min(specific, key=lambda t: (-specific[t], t.value))


def merged_name(names: Iterable[str]) -> str:
    """Return one name for an entity named differently by different articles.

    The most frequent name wins, then the longest, then the alphabetically first.

    Examples
    --------
    >>> merged_name(["Orbita", "Orbita Cloud"])
    'Orbita Cloud'
    """
    counts = Counter(names)
    return min(counts, key=lambda n: (-counts[n], -len(n), n))


# ------------------------------------------------------------------ writing


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
    types = _entity_types(extractions)
    quads: list[Quad] = list(_registry_quads(extractions))
    for ex in extractions:
        quads.extend(_article_quads(ex))
        quads.extend(_proposition_quads(ex, types))
    ds.addN(quads)  # type: ignore[arg-type]
    return ds


def _check_unique(extractions: tuple[Extraction, ...]) -> None:
    ids = [ex.document.id for ex in extractions]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ModelError(f"articles {twice!r} are extracted more than once; pass each article once")


def _entity_types(extractions: Iterable[Extraction]) -> dict[str, EntityType]:
    seen: dict[str, list[EntityType]] = defaultdict(list)
    for ex in extractions:
        for entity in ex.entities:
            seen[entity.id].append(entity.type)
    return {eid: merged_type(types) for eid, types in seen.items()}


def _registry_quads(extractions: tuple[Extraction, ...]) -> Iterator[Quad]:
    records: dict[str, list[Entity]] = defaultdict(list)
    for ex in extractions:
        for entity in ex.entities:
            records[entity.id].append(entity)
    for eid in sorted(records):
        for s, p, o in _entity_node(entity_iri(eid), records[eid]):
            yield s, p, o, REGISTRY_GRAPH


def _entity_node(node: URIRef, records: list[Entity]) -> Iterator[tuple[Node, Node, Node]]:
    classes, roles = _classes_and_roles(records)
    yield from ((node, RDF.type, cls) for cls in sorted(classes))
    yield from ((node, VG.marketRole, role) for role in sorted(roles))
    name = merged_name(r.name for r in records)
    yield node, SCHEMA.name, _s(name)
    others = {n for r in records for n in (r.name, *r.aliases)} - {name}
    yield from ((node, SKOS.altLabel, _s(a)) for a in sorted(others))
    for qid in sorted({r.wikidata for r in records if r.wikidata}):
        yield node, VG.wikidataId, _s(qid)
        yield node, SCHEMA.sameAs, WD[_seg(qid)]
    for parent in sorted({r.parent for r in records if r.parent}):
        yield node, SCHEMA.parentOrganization, entity_iri(parent)
    for lexicon_id in sorted({r.lexicon_id for r in records if r.lexicon_id}):
        yield node, VG.lexiconId, _s(lexicon_id)


def _classes_and_roles(records: list[Entity]) -> tuple[set[URIRef], set[URIRef]]:
    mapping = entity_type_map()
    classes = {mapping[r.type][0] for r in records}
    roles = {role for r in records if (role := mapping[r.type][1]) is not None}
    roles |= {VGC[x] for r in records for x in r.roles if x in _market_roles()}
    if len(classes) > 1:
        classes.discard(VG.Organization)
    return classes, roles


def _article_quads(ex: Extraction) -> Iterator[Quad]:
    aid = ex.document.id
    graph = article_graph(aid)
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


def _document_triples(doc: Document) -> Iterator[tuple[Node, Node, Node]]:
    node = _article(doc.id)
    run = ID[f"run/{stable_hash(doc.id, WRITER)}"]
    yield node, RDF.type, VG.Article
    yield node, SCHEMA.text, _s(doc.text)
    yield node, VG.contentHash, _s(doc.content_hash)
    yield node, VG.bodyStart, _int(doc.body_start)
    optional = (
        (SCHEMA.headline, doc.title, _s),
        (SCHEMA.datePublished, doc.published, _date),
        (VG.publisherName, doc.publisher, _s),
        (SCHEMA.url, doc.url, _s),
        (VG.filePath, doc.path, _s),
        (VG.wireSourceName, doc.wire_source, _s),
    )
    yield from ((node, p, make(v)) for p, v, make in optional if v is not None)
    yield run, RDF.type, VG.Extraction
    yield run, PROV.used, node
    yield run, VG.modelVersion, _s(WRITER)


def _spans(ex: Extraction) -> set[Span]:
    spans = {m for e in ex.entities for m in e.mentions}
    spans |= {q.span for q in ex.quotes} | {r.span for r in ex.relations}
    spans |= {q.span for q in ex.quantities} | {r.span for r in ex.rejected if r.span}
    return spans


def _span_triples(aid: str, ex: Extraction) -> Iterator[tuple[Node, Node, Node]]:
    for span in sorted(_spans(ex), key=lambda s: (s.start, s.end)):
        node = _span_iri(aid, span)
        pos, exact = URIRef(f"{node}#pos"), URIRef(f"{node}#quote")
        yield node, RDF.type, VG.TextSpan
        yield node, OA.hasSource, _article(aid)
        yield node, OA.hasSelector, pos
        yield node, OA.hasSelector, exact
        yield pos, RDF.type, OA.TextPositionSelector
        yield pos, OA.start, _int(span.start)
        yield pos, OA.end, _int(span.end)
        yield exact, RDF.type, OA.TextQuoteSelector
        yield exact, OA.exact, _s(span.text)


def _record_triples(aid: str, entity: Entity) -> Iterator[tuple[Node, Node, Node]]:
    node = _record("record", aid, entity.id)
    yield node, RDF.type, VG.EntityRecord
    yield node, VG.recordOf, entity_iri(entity.id)
    yield node, PROV.wasDerivedFrom, _article(aid)
    yield node, SCHEMA.name, _s(entity.name)
    yield node, VG.entityType, _s(entity.type.value)
    yield from ((node, SKOS.altLabel, _s(a)) for a in entity.aliases)
    yield from ((node, VG.mention, _span_iri(aid, m)) for m in entity.mentions)
    yield from ((node, VG.statedRole, _s(r)) for r in entity.roles)
    if entity.lexicon_id is not None:
        yield node, VG.lexiconId, _s(entity.lexicon_id)
    if entity.wikidata is not None:
        yield node, VG.wikidataId, _s(entity.wikidata)
    if entity.parent is not None:
        yield node, SCHEMA.parentOrganization, entity_iri(entity.parent)


def _ref(value: str, ex: Extraction) -> Node:
    """Return an entity IRI when `value` is an entity id of `ex`, else the string itself."""
    return entity_iri(value) if any(e.id == value for e in ex.entities) else _s(value)


def _quote_triples(aid: str, q: Quote, ex: Extraction) -> Iterator[tuple[Node, Node, Node]]:
    node = _record("quote", aid, q.id)
    yield node, RDF.type, VG.Quote
    yield node, SCHEMA.identifier, _s(q.id)
    yield node, SCHEMA.text, _s(q.text)
    yield node, VG.quoteKind, VGC.DirectQuote if q.direct else VGC.IndirectQuote
    yield node, VG.evidence, _span_iri(aid, q.span)
    yield node, PROV.wasQuotedFrom, _article(aid)
    if q.speaker is not None:
        yield node, SCHEMA.spokenByCharacter, entity_iri(q.speaker)
    if q.speaker_org is not None:
        yield node, VG.speakerOrganization, _ref(q.speaker_org, ex)
    optional = (
        (VG.speakerRole, q.speaker_role),
        (VG.speakerLabel, q.speaker_label),
        (VG.cue, q.cue),
    )
    yield from ((node, p, _s(v)) for p, v in optional if v is not None)


def _claim_triples(aid: str, r: Relation) -> Iterator[tuple[Node, Node, Node]]:
    node = _record("claim", aid, r.id)
    yield node, RDF.type, VG.Claim
    yield node, SCHEMA.identifier, _s(r.id)
    yield node, VG.proposition, proposition_iri(r.subject, r.predicate, r.object)
    yield node, VG.evidence, _span_iri(aid, r.span)
    yield node, SCHEMA.appearance, _article(aid)
    yield node, VG.modality, concept_map(Modality)[r.modality]
    yield node, VG.extractionConfidence, _dec(r.confidence)
    yield node, PROV.wasGeneratedBy, ID[f"run/{stable_hash(aid, WRITER)}"]
    yield from _qualifier_triples(aid, node, r)


def _sentence_quantity_triples(
    aid: str, r: Relation, ex: Extraction
) -> Iterator[tuple[Node, Node, Node]]:
    """Link a claim to every number whose span lies inside its evidence span (derived, not read)."""
    node = _record("claim", aid, r.id)
    inside = (q for q in ex.quantities if r.span.start <= q.span.start and q.span.end <= r.span.end)
    yield from ((node, VG.sentenceQuantity, _record("quantity", aid, q.id)) for q in inside)


def _qualifier_triples(aid: str, node: URIRef, r: Relation) -> Iterator[tuple[Node, Node, Node]]:
    if r.quantity is not None:
        yield node, VG.quantity, _record("quantity", aid, r.quantity)
    if r.start is not None:
        yield node, SCHEMA.startDate, _date(r.start)
    if r.end is not None:
        yield node, SCHEMA.endDate, _date(r.end)
    if r.capability is not None:
        yield node, VG.capability, entity_iri(r.capability)
    if r.quote is not None:
        yield _record("quote", aid, r.quote), VG.expresses, node
    if r.cue is not None:
        yield node, VG.cue, _s(r.cue)
    if r.speaker is not None:
        attribution = URIRef(f"{node}#attr-claimant")
        yield node, PROV.wasAttributedTo, entity_iri(r.speaker)
        yield node, PROV.qualifiedAttribution, attribution
        yield attribution, RDF.type, PROV.Attribution
        yield attribution, PROV.agent, entity_iri(r.speaker)
        yield attribution, PROV.hadRole, VGC.Claimant


def _quantity_triples(aid: str, q: Quantity, ex: Extraction) -> Iterator[tuple[Node, Node, Node]]:
    node = _record("quantity", aid, q.id)
    yield node, RDF.type, VG.Measurement
    yield node, SCHEMA.identifier, _s(q.id)
    yield node, PROV.wasDerivedFrom, _article(aid)
    yield node, VG.quantityKind, concept_map(QuantityKind)[q.kind]
    yield node, SCHEMA.text, _s(q.text)
    yield node, VG.evidence, _span_iri(aid, q.span)
    yield node, VG.approximate, _bool(q.approximate)
    yield node, VG.deadline, _bool(q.deadline)
    if q.normalized is not None:
        yield node, VG.normalizedValue, _dec(q.normalized)
    if q.iso is not None:
        yield node, VG.dateValue, _date(q.iso)
    if q.about is not None:
        yield node, SCHEMA.observationAbout, _ref(q.about, ex)
    yield from _amount_triples(aid, node, q, ex)


def _amount_triples(
    aid: str, node: URIRef, q: Quantity, ex: Extraction
) -> Iterator[tuple[Node, Node, Node]]:
    money = q.kind is QuantityKind.MONEY
    holder = URIRef(f"{node}#amount") if money else node
    if money:
        yield node, SCHEMA.value, holder
        yield holder, RDF.type, SCHEMA.MonetaryAmount
    values = ((SCHEMA.value, q.value), (SCHEMA.minValue, q.lower), (SCHEMA.maxValue, q.upper))
    yield from ((holder, p, _dec(v)) for p, v in values if v is not None)
    if q.unit is not None:
        yield holder, SCHEMA.currency if money else SCHEMA.unitText, _s(q.unit)
    if q.converted_from is not None:
        target = _record("quantity", aid, q.converted_from)
        source_money = any(
            o.id == q.converted_from and o.kind is QuantityKind.MONEY for o in ex.quantities
        )
        both = money and source_money
        yield holder, VG.reportedConversionOf, URIRef(f"{target}#amount") if both else target


def _rejection_triples(aid: str, r: Rejection) -> Iterator[tuple[Node, Node, Node]]:
    where = (r.span.start, r.span.end) if r.span else None
    node = ID[f"rejection/{aid}/{stable_hash(r.text, where, r.reason)}"]
    yield node, RDF.type, VG.Rejection
    yield node, PROV.wasDerivedFrom, _article(aid)
    yield node, SCHEMA.text, _s(r.text)
    yield node, VG.reason, _s(r.reason)
    if r.span is not None:
        yield node, VG.evidence, _span_iri(aid, r.span)


def _proposition_quads(ex: Extraction, types: Mapping[str, EntityType]) -> Iterator[Quad]:
    for r in ex.relations:
        node = proposition_iri(r.subject, r.predicate, r.object)
        for s, p, o in _proposition_triples(node, r, types):
            yield s, p, o, PROPOSITIONS_GRAPH


def _proposition_triples(
    node: URIRef, r: Relation, types: Mapping[str, EntityType]
) -> Iterator[tuple[Node, Node, Node]]:
    subject, obj = entity_iri(r.subject), entity_iri(r.object)
    yield node, RDF.type, VG.Statement
    yield node, RDF.subject, subject
    yield node, VG.predicate, concept_map(Predicate)[r.predicate]
    yield node, RDF.object, obj
    object_is_org = types[r.object].is_organization
    if r.predicate in _DEPENDENCY_LIKE:
        yield node, RDF.type, VG.Dependency
        yield from _dependency_roles(node, r.predicate, subject, obj, object_is_org)
    elif r.predicate is Predicate.PARTNERS_WITH:
        yield node, RDF.type, VG.Partnership
        yield node, VG.partner, subject
        yield node, VG.partner, obj
    elif r.predicate is Predicate.RESTRICTS:
        yield node, RDF.type, VG.RegulatoryConstraint
        yield node, VG.imposedBy, subject
        yield node, VG.constrainedParty if object_is_org else VG.constrainedOffering, obj


def _dependency_roles(
    node: URIRef, predicate: Predicate, subject: URIRef, obj: URIRef, object_is_org: bool
) -> Iterator[tuple[Node, Node, Node]]:
    if predicate is Predicate.SUPPLIES:
        yield node, VG.provider, subject
        yield node, VG.dependent, obj
        return
    yield node, VG.dependent, subject
    yield node, VG.provider if object_is_org else VG.dependsFor, obj


# ------------------------------------------------------------------ reading


class _Reader:
    """Read model records back from the union graph of a dataset."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.by_article: dict[tuple[Node, Node | None], list[Node]] = defaultdict(list)
        links = (
            (VG.EntityRecord, PROV.wasDerivedFrom),
            (VG.Quote, PROV.wasQuotedFrom),
            (VG.Claim, SCHEMA.appearance),
            (VG.Measurement, PROV.wasDerivedFrom),
            (VG.Rejection, PROV.wasDerivedFrom),
        )
        for cls, link in links:
            for node in graph.subjects(RDF.type, cls):
                self.by_article[(cls, graph.value(node, link))].append(node)

    def one(self, node: Node | None, prop: Node) -> Node:
        value = None if node is None else self.g.value(node, prop)
        if value is None:
            raise ModelError(
                f"{str(node)!r} has no {str(prop)!r}; read only datasets written by to_dataset"
            )
        return value

    def text(self, node: Node, prop: Node) -> str | None:
        value = self.g.value(node, prop)
        return None if value is None else str(value)

    def number(self, node: Node, prop: Node) -> float | None:
        value = self.g.value(node, prop)
        return None if value is None else float(str(value))

    def flag(self, node: Node, prop: Node) -> bool:
        return str(self.g.value(node, prop)) == "true"

    def texts(self, node: Node, prop: Node) -> tuple[str, ...]:
        return tuple(sorted(str(v) for v in self.g.objects(node, prop)))

    def ref(self, node: Node, prop: Node) -> str | None:
        value = self.g.value(node, prop)
        if value is None:
            return None
        return _entity_id(value) if isinstance(value, URIRef) else str(value)

    def span(self, node: Node | None) -> Span:
        if node is None:
            raise ModelError(
                "a record has no evidence span; read only datasets written by to_dataset"
            )
        pos, exact = URIRef(f"{node}#pos"), URIRef(f"{node}#quote")
        start, end = self.one(pos, OA.start), self.one(pos, OA.end)
        return Span(start=int(str(start)), end=int(str(end)), text=str(self.one(exact, OA.exact)))

    def document(self, node: Node) -> Document:
        return Document(
            text=self.text(node, SCHEMA.text) or "",
            title=self.text(node, SCHEMA.headline),
            published=self.text(node, SCHEMA.datePublished),
            publisher=self.text(node, VG.publisherName),
            url=self.text(node, SCHEMA.url),
            path=self.text(node, VG.filePath),
            wire_source=self.text(node, VG.wireSourceName),
            body_start=int(self.number(node, VG.bodyStart) or 0),
        )

    def entity(self, node: Node) -> Entity:
        mentions = (self.span(m) for m in self.g.objects(node, VG.mention))
        return Entity(
            id=_entity_id(self.one(node, VG.recordOf)),
            name=self.text(node, SCHEMA.name) or "",
            type=EntityType(str(self.one(node, VG.entityType))),
            aliases=self.texts(node, SKOS.altLabel),
            mentions=tuple(sorted(mentions, key=lambda s: (s.start, s.end))),
            lexicon_id=self.text(node, VG.lexiconId),
            wikidata=self.text(node, VG.wikidataId),
            parent=self.ref(node, SCHEMA.parentOrganization),
            roles=self.texts(node, VG.statedRole),
        )

    def quote(self, node: Node) -> Quote:
        return Quote(
            id=self.text(node, SCHEMA.identifier) or "",
            text=self.text(node, SCHEMA.text) or "",
            span=self.span(self.g.value(node, VG.evidence)),
            direct=self.g.value(node, VG.quoteKind) == VGC.DirectQuote,
            speaker=self.ref(node, SCHEMA.spokenByCharacter),
            speaker_role=self.text(node, VG.speakerRole),
            speaker_org=self.ref(node, VG.speakerOrganization),
            speaker_label=self.text(node, VG.speakerLabel),
            cue=self.text(node, VG.cue),
        )

    def relation(self, node: Node) -> Relation:
        prop = self.one(node, VG.proposition)
        quantity = self.g.value(node, VG.quantity)
        quote = self.g.value(None, VG.expresses, node)
        return Relation(
            id=self.text(node, SCHEMA.identifier) or "",
            subject=_entity_id(self.one(prop, RDF.subject)),
            predicate=_inverse(Predicate)[self.one(prop, VG.predicate)],
            object=_entity_id(self.one(prop, RDF.object)),
            span=self.span(self.g.value(node, VG.evidence)),
            modality=_inverse(Modality)[self.one(node, VG.modality)],
            confidence=self.number(node, VG.extractionConfidence) or 0.0,
            quantity=None if quantity is None else _last(quantity),
            start=self.text(node, SCHEMA.startDate),
            end=self.text(node, SCHEMA.endDate),
            capability=self.ref(node, VG.capability),
            speaker=self.ref(node, PROV.wasAttributedTo),
            quote=None if quote is None else _last(quote),
            cue=self.text(node, VG.cue),
        )

    def quantity(self, node: Node) -> Quantity:
        kind = _inverse(QuantityKind)[self.one(node, VG.quantityKind)]
        money = kind is QuantityKind.MONEY
        holder = URIRef(f"{node}#amount") if money else node
        return Quantity(
            id=self.text(node, SCHEMA.identifier) or "",
            kind=kind,
            text=self.text(node, SCHEMA.text) or "",
            span=self.span(self.g.value(node, VG.evidence)),
            value=self.number(holder, SCHEMA.value),
            unit=self.text(holder, SCHEMA.currency if money else SCHEMA.unitText),
            normalized=self.number(node, VG.normalizedValue),
            approximate=self.flag(node, VG.approximate),
            lower=self.number(holder, SCHEMA.minValue),
            upper=self.number(holder, SCHEMA.maxValue),
            iso=self.text(node, VG.dateValue),
            deadline=self.flag(node, VG.deadline),
            converted_from=self._converted(holder),
            about=self.ref(node, SCHEMA.observationAbout),
        )

    def _converted(self, holder: Node) -> str | None:
        target = self.g.value(holder, VG.reportedConversionOf)
        return None if target is None else _last(URIRef(str(target).removesuffix("#amount")))

    def rejection(self, node: Node) -> Rejection:
        span = self.g.value(node, VG.evidence)
        return Rejection(
            text=self.text(node, SCHEMA.text) or "",
            span=None if span is None else self.span(span),
            reason=self.text(node, VG.reason) or "",
        )

    def extraction(self, article: Node) -> Extraction:
        def nodes(cls: URIRef) -> list[Node]:
            return self.by_article.get((cls, article), [])

        return canonical(
            Extraction(
                document=self.document(article),
                entities=tuple(self.entity(n) for n in nodes(VG.EntityRecord)),
                quotes=tuple(self.quote(n) for n in nodes(VG.Quote)),
                relations=tuple(self.relation(n) for n in nodes(VG.Claim)),
                quantities=tuple(self.quantity(n) for n in nodes(VG.Measurement)),
                rejected=tuple(self.rejection(n) for n in nodes(VG.Rejection)),
            )
        )


def from_dataset(ds: Dataset | Graph) -> tuple[Extraction, ...]:
    """Return the extractions a dataset holds, sorted by document id, in :func:`canonical` order.

    Reads the union of all graphs except ``graph/derived``, so a dataset read from a file
    without named graphs (Turtle, N-Triples) gives the same records as one with them.

    Parameters
    ----------
    ds : rdflib.Dataset or rdflib.Graph
        A dataset written by :func:`to_dataset` (or read back from a file).

    Returns
    -------
    tuple of Extraction
        ``from_dataset(to_dataset(exs)) == tuple(canonical(ex) for ex in sorted(exs))``.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ex = Extraction(document=Document(text="Hello.", title="T"))
    >>> from_dataset(to_dataset([ex]))[0].document.title
    'T'
    """
    graph = union_graph(ds, derived=False) if isinstance(ds, Dataset) else ds
    reader = _Reader(graph)
    articles = sorted(graph.subjects(RDF.type, VG.Article), key=str)
    return tuple(reader.extraction(a) for a in articles)


def canonical(ex: Extraction) -> Extraction:
    """Return `ex` with every collection in the order :func:`from_dataset` gives back.

    RDF holds sets, not sequences: entities, quotes, relations and quantities come back sorted
    by id, aliases and roles sorted, mentions sorted by offsets, rejections by (text, reason).

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ex = Extraction(document=Document(text="x"))
    >>> canonical(ex) == ex
    True
    """

    def by_offsets(spans: Iterable[Span]) -> tuple[Span, ...]:
        return tuple(sorted(spans, key=lambda s: (s.start, s.end)))

    entities = (
        replace(
            e,
            aliases=tuple(sorted(e.aliases)),
            roles=tuple(sorted(e.roles)),
            mentions=by_offsets(e.mentions),
        )
        for e in ex.entities
    )
    return replace(
        ex,
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        quotes=tuple(sorted(ex.quotes, key=lambda q: q.id)),
        relations=tuple(sorted(ex.relations, key=lambda r: r.id)),
        quantities=tuple(sorted(ex.quantities, key=lambda q: q.id)),
        rejected=tuple(sorted(ex.rejected, key=_rejection_key)),
    )


def _rejection_key(r: Rejection) -> tuple[str, int, int, str]:
    start, end = (r.span.start, r.span.end) if r.span else (-1, -1)
    return (r.text, start, end, r.reason)


# ------------------------------------------------------------------ assessments


def add_assessments(
    ds: Dataset,
    dependencies: Iterable[Mapping[str, Any]],
    companies: Iterable[Mapping[str, Any]],
) -> None:
    """Replace the ``derived`` graph of `ds` with these scores.

    Parameters
    ----------
    ds : rdflib.Dataset
        A dataset written by :func:`to_dataset`.
    dependencies : iterable of mapping
        ``{"dependent", "provider", "switching_cost", "coverage", "reliance", "dependence",
        "factors": {name: value or None}}``; each becomes a ``vg:DependencyAssessment`` that
        ``vg:assesses`` the matching ``vg:Dependency`` propositions, plus a
        ``dependent vg:dependsOn provider`` shortcut.
    companies : iterable of mapping
        ``{"id", "lockin", "lockin_direct", "lockin_indirect", "exposure", "hhi"}``; each becomes
        a ``vg:CompanyAssessment``. A value of None is left out.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="x"))])
    >>> add_assessments(ds, [], [{"id": "org/acme", "lockin": 0.5}])
    >>> read_assessments(ds)[1][0]["lockin"]
    0.5
    """
    derived = ds.graph(DERIVED_GRAPH)
    derived.remove((None, None, None))
    pairs = _dependency_index(ds)
    triples: list[tuple[Node, Node, Node]] = [
        (INFERENCE_RUN, RDF.type, VG.Inference),
        (INFERENCE_RUN, VG.modelVersion, _s(WRITER)),
    ]
    for dep in dependencies:
        triples.extend(_dependency_assessment(dep, pairs))
    for company in companies:
        triples.extend(_company_assessment(company))
    ds.addN((s, p, o, derived) for s, p, o in triples)


def _dependency_index(ds: Dataset) -> dict[tuple[Node | None, Node | None], list[Node]]:
    props = ds.graph(PROPOSITIONS_GRAPH)
    index: dict[tuple[Node | None, Node | None], list[Node]] = defaultdict(list)
    for node in props.subjects(RDF.type, VG.Dependency):
        key = (props.value(node, VG.dependent), props.value(node, VG.provider))
        index[key].append(node)
    return index


def _dependency_assessment(
    dep: Mapping[str, Any], pairs: Mapping[tuple[Node | None, Node | None], list[Node]]
) -> Iterator[tuple[Node, Node, Node]]:
    dependent, provider = entity_iri(dep["dependent"]), entity_iri(dep["provider"])
    node = ID[f"assessment/dependency/{stable_hash(dep['dependent'], dep['provider'])}"]
    yield node, RDF.type, VG.DependencyAssessment
    yield node, PROV.wasGeneratedBy, INFERENCE_RUN
    yield node, VG.dependent, dependent
    yield node, VG.provider, provider
    yield dependent, VG.dependsOn, provider
    yield from (
        (node, VG.assesses, d) for d in sorted(pairs.get((dependent, provider), []), key=str)
    )
    yield from _scores(node, dep, _DEPENDENCY_KEYS)
    for name, value in sorted((dep.get("factors") or {}).items()):
        factor = URIRef(f"{node}#factor-{_seg(name)}")
        yield node, VG.factorScore, factor
        yield factor, RDF.type, VG.FactorScore
        yield factor, VG.factorName, _s(name)
        if name in _factor_concepts():
            yield factor, VG.factorType, _factor_concepts()[name]
        if value is not None:
            yield factor, VG.score, _dec(value)


def _company_assessment(company: Mapping[str, Any]) -> Iterator[tuple[Node, Node, Node]]:
    node = ID[f"assessment/company/{_seg(company['id'])}"]
    yield node, RDF.type, VG.CompanyAssessment
    yield node, PROV.wasGeneratedBy, INFERENCE_RUN
    yield node, VG.assesses, entity_iri(company["id"])
    yield from _scores(node, company, _COMPANY_KEYS)


def _scores(
    node: URIRef, values: Mapping[str, Any], keys: Mapping[str, URIRef]
) -> Iterator[tuple[Node, Node, Node]]:
    for key, prop in keys.items():
        if values.get(key) is not None:
            yield node, prop, _dec(values[key])


def read_assessments(ds: Dataset | Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the dependency and company scores that :func:`add_assessments` wrote.

    Returns
    -------
    (list of dict, list of dict)
        Dependencies sorted by (dependent, provider), companies by id, in the shapes
        :func:`add_assessments` takes; a score left out reads back as None.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="x"))])
    >>> read_assessments(ds)
    ([], [])
    """
    graph = ds.graph(DERIVED_GRAPH) if isinstance(ds, Dataset) else ds
    if isinstance(ds, Dataset) and not len(graph):
        graph = union_graph(ds)
    reader = _Reader(graph)
    deps = [_read_dependency(reader, n) for n in graph.subjects(RDF.type, VG.DependencyAssessment)]
    companies = [_read_company(reader, n) for n in graph.subjects(RDF.type, VG.CompanyAssessment)]
    deps.sort(key=lambda d: (d["dependent"], d["provider"]))
    companies.sort(key=lambda c: c["id"])
    return deps, companies


def _read_dependency(reader: _Reader, node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {
        "dependent": reader.ref(node, VG.dependent),
        "provider": reader.ref(node, VG.provider),
    }
    out.update({key: reader.number(node, prop) for key, prop in _DEPENDENCY_KEYS.items()})
    factors = reader.g.objects(node, VG.factorScore)
    out["factors"] = {
        reader.text(f, VG.factorName): reader.number(f, VG.score) for f in sorted(factors, key=str)
    }
    return out


def _read_company(reader: _Reader, node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"id": reader.ref(node, VG.assesses)}
    out.update({key: reader.number(node, prop) for key, prop in _COMPANY_KEYS.items()})
    return out
