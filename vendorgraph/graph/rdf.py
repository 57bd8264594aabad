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

Both directions go in bulk, with no rdflib term per triple: the writer builds plain quads
(:func:`vendorgraph.graph.store.add_plain`: one ``pyoxigraph.Store.extend``), the readers index
plain quads read straight from the store (:func:`vendorgraph.graph.store.plain_quads`) once.
A dataset on another rdflib store goes through rdflib's API instead, to the same result.

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
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote, unquote

from rdflib import RDF, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from vendorgraph.errors import ModelError
from vendorgraph.graph.store import (
    DEFAULT_STORE,
    Iri,
    PlainQuad,
    PlainTerm,
    add_plain,
    gc_paused,
    new_dataset,
    plain_quads,
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
    "read_records",
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
    "lockin": str(VG.lockin),
    "lockin_direct": str(VG.lockinDirect),
    "lockin_indirect": str(VG.lockinIndirect),
    "exposure": str(VG.exposure),
    "hhi": str(VG.hhi),
}
_DEPENDENCY_KEYS = {
    "switching_cost": str(VG.switchingCost),
    "coverage": str(VG.coverage),
    "reliance": str(VG.reliance),
    "dependence": str(VG.dependence),
}

Quad = tuple[Node, Node, Node, URIRef]
Lit = tuple[str, str]
Triple = tuple[str, str, PlainTerm]
Assessments = tuple[list[dict[str, Any]], list[dict[str, Any]]]


# ------------------------------------------------------------------ literals and IRIs
#
# The writer builds plain terms (see vendorgraph.graph.store): IRIs as ``str``, literals as
# ``(lexical form, datatype IRI)``. Each lexical form is the one rdflib would give the same
# literal, so the Oxigraph bulk path and rdflib's API store the same terms.


class _Plain:
    """The IRIs of a namespace as plain ``str``, looked up once: ``_Plain(VG).Claim``."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._namespace, name))  # a closed namespace refuses a typo
        setattr(self, name, value)
        return value


_RDF, _SKOS, _XSD, _PROV = _Plain(RDF), _Plain(SKOS), _Plain(XSD), _Plain(PROV)
_VG, _VGC, _SCHEMA, _OA = _Plain(VG), _Plain(VGC), _Plain(SCHEMA), _Plain(OA)
_ID, _WD = str(ID), str(WD)


def _str_lit(value: str) -> Lit:
    return (value, _XSD.string)


def _dec_lit(value: float) -> Lit:
    """Return an xsd:decimal in the canonical form Oxigraph stores (no trailing zeros).

    Numbers Oxigraph's 128-bit decimal cannot hold (beyond 1e20, or finer than 1e-18) and
    non-finite ones are written as xsd:double instead, in the lexical form rdflib gives them
    (it writes ``INF`` as ``inf``, which Oxigraph keeps as an ill-typed literal).
    """
    number = float(value)
    if not math.isfinite(number):
        lexical = "NaN" if math.isnan(number) else ("INF" if number > 0 else "-INF")
        return _rdflib_lexical(lexical, XSD.double)
    text = format(Decimal(repr(number)), "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if abs(number) >= 1e20 or len(fraction) > 18:
        return _rdflib_lexical(repr(number), XSD.double)
    text = f"{whole}.{fraction}" if fraction else whole
    return ("0" if text == "-0" else text, _XSD.decimal)


SCORE_PLACES = 15
"""Decimal places kept of a score: finer than any difference a score can carry, and always
within xsd:decimal (a lock-in of 0.0026194956888124787 would otherwise need xsd:double)."""


def _score_lit(value: float) -> Lit:
    number = float(value)
    return _dec_lit(round(number, SCORE_PLACES) if math.isfinite(number) else number)


def _dec(value: float) -> Literal:
    """Return :func:`_dec_lit` as an rdflib literal."""
    lexical, datatype = _dec_lit(value)
    return Literal(lexical, datatype=URIRef(datatype))


def _int_lit(value: int) -> Lit:
    """Return an xsd:integer (Oxigraph keeps no xsd:nonNegativeInteger, so we write none)."""
    return (str(value), _XSD.integer)


def _bool_lit(value: bool) -> Lit:
    return ("true" if value else "false", _XSD.boolean)


_DATE_TYPES = (
    (r"\d{4}", XSD.gYear),
    (r"\d{4}-\d{2}", XSD.gYearMonth),
    (r"\d{4}-\d{2}-\d{2}", XSD.date),
)


def _date_lit(value: str) -> Lit:
    """Return a date literal whose datatype carries the precision; xsd:string if not ISO."""
    for pattern, datatype in _DATE_TYPES:
        if re.fullmatch(pattern, value) and _valid_date(value.split("-")):
            return _rdflib_lexical(value, datatype)
    if "T" in value and _is_datetime(value):
        return _rdflib_lexical(value, XSD.dateTime)
    return _str_lit(value)


def _rdflib_lexical(value: str, datatype: URIRef) -> Lit:
    """Return the lexical form rdflib gives `value` (it rewrites some dates and times)."""
    return (str(Literal(value, datatype=datatype)), str(datatype))


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
    return URIRef(_entity(entity_id))


@lru_cache(maxsize=1 << 16)
def _entity(entity_id: str) -> str:
    return _ID + quote(entity_id, safe="/-._~")


def _entity_id(iri: str) -> str:
    return unquote(iri[len(_ID) :])


def _last(iri: str) -> str:
    return unquote(iri.rsplit("/", 1)[1])


def _article(aid: str) -> str:
    return f"{_ID}article/{aid}"


def _record(kind: str, aid: str, key: str) -> str:
    return f"{_ID}{kind}/{aid}/{_seg(key)}"


def _span_iri(aid: str, span: Span) -> str:
    return f"{_ID}span/{aid}/{span.start}-{span.end}"


def proposition_iri(subject: str, predicate: Predicate, obj: str) -> URIRef:
    """Return the content-addressed IRI of the statement ``subject predicate object``."""
    return URIRef(_proposition(subject, predicate, obj))


def _proposition(subject: str, predicate: Predicate, obj: str) -> str:
    return f"{_ID}prop/{stable_hash(subject, predicate.value, obj)}"


@cache
def _concept(member: Enum) -> str:
    return str(concept_map(type(member))[member])


@lru_cache(maxsize=1)
def _market_roles() -> frozenset[str]:
    graph = load_ontology()
    concepts = graph.subjects(SKOS.inScheme, VGC.MarketRole)
    return frozenset(str(c)[len(str(VGC)) :] for c in concepts)


@lru_cache(maxsize=1)
def _factor_concepts() -> dict[str, str]:
    graph = load_ontology()
    return {
        str(graph.value(c, SKOS.notation)): str(c)
        for c in graph.subjects(SKOS.inScheme, VGC.SwitchingCostFactorType)
    }


@cache
def _inverse(enum: type[Enum]) -> dict[str, Any]:
    return {str(iri): member for member, iri in concept_map(enum).items()}


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
    add_plain(ds, _dataset_quads(extractions))
    return ds


def _dataset_quads(extractions: tuple[Extraction, ...]) -> Iterator[PlainQuad]:
    types = _entity_types(extractions)
    yield from _registry_plain(extractions)
    for ex in extractions:
        yield from _article_plain(ex)
        yield from _proposition_plain(ex, types)


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
    """Yield the registry graph as rdflib quads."""
    return rdflib_quads(_registry_plain(extractions))


def _registry_plain(extractions: tuple[Extraction, ...]) -> Iterator[PlainQuad]:
    records: dict[str, list[Entity]] = defaultdict(list)
    for ex in extractions:
        for entity in ex.entities:
            records[entity.id].append(entity)
    graph = str(REGISTRY_GRAPH)
    for eid in sorted(records):
        for s, p, o in _entity_node(_entity(eid), records[eid]):
            yield s, p, o, graph


def _entity_node(node: str, records: list[Entity]) -> Iterator[Triple]:
    classes, roles = _classes_and_roles(records)
    yield from ((node, _RDF.type, cls) for cls in sorted(classes))
    yield from ((node, _VG.marketRole, role) for role in sorted(roles))
    name = merged_name(r.name for r in records)
    yield node, _SCHEMA.name, _str_lit(name)
    others = {n for r in records for n in (r.name, *r.aliases)} - {name}
    yield from ((node, _SKOS.altLabel, _str_lit(a)) for a in sorted(others))
    for qid in sorted({r.wikidata for r in records if r.wikidata}):
        yield node, _VG.wikidataId, _str_lit(qid)
        yield node, _SCHEMA.sameAs, _WD + _seg(qid)
    for parent in sorted({r.parent for r in records if r.parent}):
        yield node, _SCHEMA.parentOrganization, _entity(parent)
    for lexicon_id in sorted({r.lexicon_id for r in records if r.lexicon_id}):
        yield node, _VG.lexiconId, _str_lit(lexicon_id)


def _classes_and_roles(records: list[Entity]) -> tuple[set[str], set[str]]:
    mapping = entity_type_map()
    classes = {str(mapping[r.type][0]) for r in records}
    roles = {str(role) for r in records if (role := mapping[r.type][1]) is not None}
    roles |= {str(VGC) + x for r in records for x in r.roles if x in _market_roles()}
    if len(classes) > 1:
        classes.discard(_VG.Organization)
    return classes, roles


def _article_quads(ex: Extraction) -> Iterator[Quad]:
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
    node = _article(doc.id)
    run = _ID + f"run/{stable_hash(doc.id, WRITER)}"
    yield node, _RDF.type, _VG.Article
    yield node, _SCHEMA.text, _str_lit(doc.text)
    yield node, _VG.contentHash, _str_lit(doc.content_hash)
    yield node, _VG.bodyStart, _int_lit(doc.body_start)
    optional = (
        (_SCHEMA.headline, doc.title, _str_lit),
        (_SCHEMA.datePublished, doc.published, _date_lit),
        (_VG.publisherName, doc.publisher, _str_lit),
        (_SCHEMA.url, doc.url, _str_lit),
        (_VG.filePath, doc.path, _str_lit),
        (_VG.wireSourceName, doc.wire_source, _str_lit),
    )
    yield from ((node, p, make(v)) for p, v, make in optional if v is not None)
    yield run, _RDF.type, _VG.Extraction
    yield run, _PROV.used, node
    yield run, _VG.modelVersion, _str_lit(WRITER)


def _spans(ex: Extraction) -> set[Span]:
    spans = {m for e in ex.entities for m in e.mentions}
    spans |= {q.span for q in ex.quotes} | {r.span for r in ex.relations}
    spans |= {q.span for q in ex.quantities} | {r.span for r in ex.rejected if r.span}
    return spans


def _span_triples(aid: str, ex: Extraction) -> Iterator[Triple]:
    for span in sorted(_spans(ex), key=lambda s: (s.start, s.end)):
        node = _span_iri(aid, span)
        pos, exact = f"{node}#pos", f"{node}#quote"
        yield node, _RDF.type, _VG.TextSpan
        yield node, _OA.hasSource, _article(aid)
        yield node, _OA.hasSelector, pos
        yield node, _OA.hasSelector, exact
        yield pos, _RDF.type, _OA.TextPositionSelector
        yield pos, _OA.start, _int_lit(span.start)
        yield pos, _OA.end, _int_lit(span.end)
        yield exact, _RDF.type, _OA.TextQuoteSelector
        yield exact, _OA.exact, _str_lit(span.text)


def _record_triples(aid: str, entity: Entity) -> Iterator[Triple]:
    node = _record("record", aid, entity.id)
    yield node, _RDF.type, _VG.EntityRecord
    yield node, _VG.recordOf, _entity(entity.id)
    yield node, _PROV.wasDerivedFrom, _article(aid)
    yield node, _SCHEMA.name, _str_lit(entity.name)
    yield node, _VG.entityType, _str_lit(entity.type.value)
    yield from ((node, _SKOS.altLabel, _str_lit(a)) for a in entity.aliases)
    yield from ((node, _VG.mention, _span_iri(aid, m)) for m in entity.mentions)
    yield from ((node, _VG.statedRole, _str_lit(r)) for r in entity.roles)
    if entity.lexicon_id is not None:
        yield node, _VG.lexiconId, _str_lit(entity.lexicon_id)
    if entity.wikidata is not None:
        yield node, _VG.wikidataId, _str_lit(entity.wikidata)
    if entity.parent is not None:
        yield node, _SCHEMA.parentOrganization, _entity(entity.parent)


def _ref(value: str, ex: Extraction) -> PlainTerm:
    """Return an entity IRI when `value` is an entity id of `ex`, else the string itself."""
    return _entity(value) if any(e.id == value for e in ex.entities) else _str_lit(value)


def _quote_triples(aid: str, q: Quote, ex: Extraction) -> Iterator[Triple]:
    node = _record("quote", aid, q.id)
    yield node, _RDF.type, _VG.Quote
    yield node, _SCHEMA.identifier, _str_lit(q.id)
    yield node, _SCHEMA.text, _str_lit(q.text)
    yield node, _VG.quoteKind, _VGC.DirectQuote if q.direct else _VGC.IndirectQuote
    yield node, _VG.evidence, _span_iri(aid, q.span)
    yield node, _PROV.wasQuotedFrom, _article(aid)
    if q.speaker is not None:
        yield node, _SCHEMA.spokenByCharacter, _entity(q.speaker)
    if q.speaker_org is not None:
        yield node, _VG.speakerOrganization, _ref(q.speaker_org, ex)
    optional = (
        (_VG.speakerRole, q.speaker_role),
        (_VG.speakerLabel, q.speaker_label),
        (_VG.cue, q.cue),
    )
    yield from ((node, p, _str_lit(v)) for p, v in optional if v is not None)


def _claim_triples(aid: str, r: Relation) -> Iterator[Triple]:
    node = _record("claim", aid, r.id)
    yield node, _RDF.type, _VG.Claim
    yield node, _SCHEMA.identifier, _str_lit(r.id)
    yield node, _VG.proposition, _proposition(r.subject, r.predicate, r.object)
    yield node, _VG.evidence, _span_iri(aid, r.span)
    yield node, _SCHEMA.appearance, _article(aid)
    yield node, _VG.modality, _concept(r.modality)
    yield node, _VG.extractionConfidence, _dec_lit(r.confidence)
    yield node, _PROV.wasGeneratedBy, _ID + f"run/{stable_hash(aid, WRITER)}"
    yield from _qualifier_triples(aid, node, r)


def _sentence_quantity_triples(aid: str, r: Relation, ex: Extraction) -> Iterator[Triple]:
    """Link a claim to every number whose span lies inside its evidence span (derived, not read)."""
    node = _record("claim", aid, r.id)
    inside = (q for q in ex.quantities if r.span.start <= q.span.start and q.span.end <= r.span.end)
    yield from ((node, _VG.sentenceQuantity, _record("quantity", aid, q.id)) for q in inside)


def _qualifier_triples(aid: str, node: str, r: Relation) -> Iterator[Triple]:
    if r.quantity is not None:
        yield node, _VG.quantity, _record("quantity", aid, r.quantity)
    if r.start is not None:
        yield node, _SCHEMA.startDate, _date_lit(r.start)
    if r.end is not None:
        yield node, _SCHEMA.endDate, _date_lit(r.end)
    if r.capability is not None:
        yield node, _VG.capability, _entity(r.capability)
    if r.quote is not None:
        yield _record("quote", aid, r.quote), _VG.expresses, node
    if r.cue is not None:
        yield node, _VG.cue, _str_lit(r.cue)
    if r.speaker is not None:
        attribution = f"{node}#attr-claimant"
        yield node, _PROV.wasAttributedTo, _entity(r.speaker)
        yield node, _PROV.qualifiedAttribution, attribution
        yield attribution, _RDF.type, _PROV.Attribution
        yield attribution, _PROV.agent, _entity(r.speaker)
        yield attribution, _PROV.hadRole, _VGC.Claimant


def _quantity_triples(aid: str, q: Quantity, ex: Extraction) -> Iterator[Triple]:
    node = _record("quantity", aid, q.id)
    yield node, _RDF.type, _VG.Measurement
    yield node, _SCHEMA.identifier, _str_lit(q.id)
    yield node, _PROV.wasDerivedFrom, _article(aid)
    yield node, _VG.quantityKind, _concept(q.kind)
    yield node, _SCHEMA.text, _str_lit(q.text)
    yield node, _VG.evidence, _span_iri(aid, q.span)
    yield node, _VG.approximate, _bool_lit(q.approximate)
    yield node, _VG.deadline, _bool_lit(q.deadline)
    if q.normalized is not None:
        yield node, _VG.normalizedValue, _dec_lit(q.normalized)
    if q.iso is not None:
        yield node, _VG.dateValue, _date_lit(q.iso)
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
    yield from ((holder, p, _dec_lit(v)) for p, v in values if v is not None)
    if q.unit is not None:
        yield holder, _SCHEMA.currency if money else _SCHEMA.unitText, _str_lit(q.unit)
    if q.converted_from is not None:
        target = _record("quantity", aid, q.converted_from)
        source_money = any(
            o.id == q.converted_from and o.kind is QuantityKind.MONEY for o in ex.quantities
        )
        both = money and source_money
        yield holder, _VG.reportedConversionOf, f"{target}#amount" if both else target


def _rejection_triples(aid: str, r: Rejection) -> Iterator[Triple]:
    where = (r.span.start, r.span.end) if r.span else None
    node = _ID + f"rejection/{aid}/{stable_hash(r.text, where, r.reason)}"
    yield node, _RDF.type, _VG.Rejection
    yield node, _PROV.wasDerivedFrom, _article(aid)
    yield node, _SCHEMA.text, _str_lit(r.text)
    yield node, _VG.reason, _str_lit(r.reason)
    if r.span is not None:
        yield node, _VG.evidence, _span_iri(aid, r.span)


def _proposition_quads(ex: Extraction, types: Mapping[str, EntityType]) -> Iterator[Quad]:
    """Yield the propositions of one article's claims as rdflib quads."""
    return rdflib_quads(_proposition_plain(ex, types))


def _proposition_plain(ex: Extraction, types: Mapping[str, EntityType]) -> Iterator[PlainQuad]:
    graph = str(PROPOSITIONS_GRAPH)
    for r in ex.relations:
        node = _proposition(r.subject, r.predicate, r.object)
        for s, p, o in _proposition_triples(node, r, types):
            yield s, p, o, graph


def _proposition_triples(
    node: str, r: Relation, types: Mapping[str, EntityType]
) -> Iterator[Triple]:
    subject, obj = _entity(r.subject), _entity(r.object)
    yield node, _RDF.type, _VG.Statement
    yield node, _RDF.subject, subject
    yield node, _VG.predicate, _concept(r.predicate)
    yield node, _RDF.object, obj
    object_is_org = types[r.object].is_organization
    if r.predicate in _DEPENDENCY_LIKE:
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


# ------------------------------------------------------------------ reading

_NO_PREDICATES: dict[str, list[str]] = {}


class _Index:
    """Plain triples (see :func:`vendorgraph.graph.store.plain_quads`) indexed for reading.

    Objects by subject and predicate (a set, in the order first seen), subjects by class, and
    who ``vg:expresses`` a claim: everything the reader looks up, built in one pass.
    """

    def __init__(self) -> None:
        self.out: dict[str, dict[str, list[str]]] = {}
        self.typed: dict[str, dict[str, None]] = {}
        self.expressed_by: dict[str, str] = {}

    def add(self, quads: Iterable[tuple[str, ...]]) -> _Index:
        """Add ``(s, p, o, graph)`` quads (a million in a few seconds: hence one flat loop)."""
        out, typed, expressed_by = self.out, self.typed, self.expressed_by
        rdf_type, expresses = _RDF.type, _VG.expresses
        for s, p, o, _ in quads:
            predicates = out.get(s)
            if predicates is None:
                predicates = out[s] = {}
            objects = predicates.get(p)
            if objects is None:
                predicates[p] = [o]
            elif _has(objects, o):
                continue
            else:
                objects.append(o)
            if p == rdf_type:
                typed.setdefault(o, {})[s] = None
            elif p == expresses:
                expressed_by.setdefault(o, s)
        return self


def _has(objects: list[str], o: str) -> bool:
    """Return whether `o` is in `objects`, an IRI never equal to a literal of the same text."""
    return any(x == o and isinstance(x, Iri) is isinstance(o, Iri) for x in objects)


def _indexes(ds: Dataset | Graph) -> tuple[_Index, _Index]:
    """Index `ds`: (the union of every graph but ``derived``, ``derived``).

    Run it, and drop the index, with the garbage collector paused (:func:`gc_paused`): the
    index is millions of small containers, none in a cycle.
    """
    name = str(DERIVED_GRAPH)
    main = _Index().add(q for q in plain_quads(ds) if q[3] != name)
    return main, _Index().add(plain_quads(ds, graph=name))


class _Reader:
    """Read model records back from an index of the union graph of a dataset."""

    def __init__(self, index: _Index) -> None:
        self.index = index

    def objects(self, node: str, prop: str) -> list[str]:
        return self.index.out.get(node, _NO_PREDICATES).get(prop, [])

    def value(self, node: str, prop: str) -> str | None:
        objects = self.objects(node, prop)
        return objects[0] if objects else None

    def one(self, node: str | None, prop: str) -> str:
        value = None if node is None else self.value(node, prop)
        if value is None:
            raise ModelError(
                f"{str(node)!r} has no {str(prop)!r}; read only datasets written by to_dataset"
            )
        return value

    def text(self, node: str, prop: str) -> str | None:
        value = self.value(node, prop)
        return None if value is None else str(value)

    def number(self, node: str, prop: str) -> float | None:
        value = self.value(node, prop)
        return None if value is None else float(value)

    def flag(self, node: str, prop: str) -> bool:
        return self.value(node, prop) == "true"

    def texts(self, node: str, prop: str) -> tuple[str, ...]:
        return tuple(sorted(str(v) for v in self.objects(node, prop)))

    def ref(self, node: str, prop: str) -> str | None:
        value = self.value(node, prop)
        if value is None:
            return None
        return _entity_id(value) if isinstance(value, Iri) else str(value)

    def span(self, node: str | None) -> Span:
        if node is None:
            raise ModelError(
                "a record has no evidence span; read only datasets written by to_dataset"
            )
        pos, exact = f"{node}#pos", f"{node}#quote"
        start, end = self.one(pos, _OA.start), self.one(pos, _OA.end)
        return Span(start=int(start), end=int(end), text=str(self.one(exact, _OA.exact)))

    def document(self, node: str) -> Document:
        return Document(
            text=self.text(node, _SCHEMA.text) or "",
            title=self.text(node, _SCHEMA.headline),
            published=self.text(node, _SCHEMA.datePublished),
            publisher=self.text(node, _VG.publisherName),
            url=self.text(node, _SCHEMA.url),
            path=self.text(node, _VG.filePath),
            wire_source=self.text(node, _VG.wireSourceName),
            body_start=int(self.number(node, _VG.bodyStart) or 0),
        )

    def entity(self, node: str) -> Entity:
        mentions = (self.span(m) for m in self.objects(node, _VG.mention))
        return Entity(
            id=_entity_id(self.one(node, _VG.recordOf)),
            name=self.text(node, _SCHEMA.name) or "",
            type=EntityType(str(self.one(node, _VG.entityType))),
            aliases=self.texts(node, _SKOS.altLabel),
            mentions=tuple(sorted(mentions, key=lambda s: (s.start, s.end))),
            lexicon_id=self.text(node, _VG.lexiconId),
            wikidata=self.text(node, _VG.wikidataId),
            parent=self.ref(node, _SCHEMA.parentOrganization),
            roles=self.texts(node, _VG.statedRole),
        )

    def quote(self, node: str) -> Quote:
        return Quote(
            id=self.text(node, _SCHEMA.identifier) or "",
            text=self.text(node, _SCHEMA.text) or "",
            span=self.span(self.value(node, _VG.evidence)),
            direct=self.value(node, _VG.quoteKind) == _VGC.DirectQuote,
            speaker=self.ref(node, _SCHEMA.spokenByCharacter),
            speaker_role=self.text(node, _VG.speakerRole),
            speaker_org=self.ref(node, _VG.speakerOrganization),
            speaker_label=self.text(node, _VG.speakerLabel),
            cue=self.text(node, _VG.cue),
        )

    def relation(self, node: str) -> Relation:
        prop = self.one(node, _VG.proposition)
        quantity = self.value(node, _VG.quantity)
        quote = self.index.expressed_by.get(node)
        return Relation(
            id=self.text(node, _SCHEMA.identifier) or "",
            subject=_entity_id(self.one(prop, _RDF.subject)),
            predicate=_inverse(Predicate)[self.one(prop, _VG.predicate)],
            object=_entity_id(self.one(prop, _RDF.object)),
            span=self.span(self.value(node, _VG.evidence)),
            modality=_inverse(Modality)[self.one(node, _VG.modality)],
            confidence=self.number(node, _VG.extractionConfidence) or 0.0,
            quantity=None if quantity is None else _last(quantity),
            start=self.text(node, _SCHEMA.startDate),
            end=self.text(node, _SCHEMA.endDate),
            capability=self.ref(node, _VG.capability),
            speaker=self.ref(node, _PROV.wasAttributedTo),
            quote=None if quote is None else _last(quote),
            cue=self.text(node, _VG.cue),
        )

    def quantity(self, node: str) -> Quantity:
        kind = _inverse(QuantityKind)[self.one(node, _VG.quantityKind)]
        money = kind is QuantityKind.MONEY
        holder = f"{node}#amount" if money else node
        return Quantity(
            id=self.text(node, _SCHEMA.identifier) or "",
            kind=kind,
            text=self.text(node, _SCHEMA.text) or "",
            span=self.span(self.value(node, _VG.evidence)),
            value=self.number(holder, _SCHEMA.value),
            unit=self.text(holder, _SCHEMA.currency if money else _SCHEMA.unitText),
            normalized=self.number(node, _VG.normalizedValue),
            approximate=self.flag(node, _VG.approximate),
            lower=self.number(holder, _SCHEMA.minValue),
            upper=self.number(holder, _SCHEMA.maxValue),
            iso=self.text(node, _VG.dateValue),
            deadline=self.flag(node, _VG.deadline),
            converted_from=self._converted(holder),
            about=self.ref(node, _SCHEMA.observationAbout),
        )

    def _converted(self, holder: str) -> str | None:
        target = self.value(holder, _VG.reportedConversionOf)
        return None if target is None else _last(target.removesuffix("#amount"))

    def rejection(self, node: str) -> Rejection:
        span = self.value(node, _VG.evidence)
        return Rejection(
            text=self.text(node, _SCHEMA.text) or "",
            span=None if span is None else self.span(span),
            reason=self.text(node, _VG.reason) or "",
        )

    def extraction(self, article: str, owned: Mapping[tuple[str, str], list[str]]) -> Extraction:
        def nodes(cls: str) -> list[str]:
            return owned.get((cls, article), [])

        return canonical(
            Extraction(
                document=self.document(article),
                entities=tuple(self.entity(n) for n in nodes(_VG.EntityRecord)),
                quotes=tuple(self.quote(n) for n in nodes(_VG.Quote)),
                relations=tuple(self.relation(n) for n in nodes(_VG.Claim)),
                quantities=tuple(self.quantity(n) for n in nodes(_VG.Measurement)),
                rejected=tuple(self.rejection(n) for n in nodes(_VG.Rejection)),
            )
        )


_OWNERS = (
    (_VG.EntityRecord, _PROV.wasDerivedFrom),
    (_VG.Quote, _PROV.wasQuotedFrom),
    (_VG.Claim, _SCHEMA.appearance),
    (_VG.Measurement, _PROV.wasDerivedFrom),
    (_VG.Rejection, _PROV.wasDerivedFrom),
)


def _owned(reader: _Reader) -> dict[tuple[str, str], list[str]]:
    """Return the records of each class by the article that owns them."""
    owned: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cls, link in _OWNERS:
        for node in reader.index.typed.get(cls, ()):
            owned[(cls, reader.value(node, link) or "")].append(node)
    return owned


def _extractions(index: _Index) -> tuple[Extraction, ...]:
    reader = _Reader(index)
    owned = _owned(reader)
    articles = sorted(index.typed.get(_VG.Article, ()))
    return tuple(reader.extraction(a, owned) for a in articles)


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

    Raises
    ------
    vendorgraph.errors.ModelError
        If a record lacks a part :func:`to_dataset` always writes.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ex = Extraction(document=Document(text="Hello.", title="T"))
    >>> from_dataset(to_dataset([ex]))[0].document.title
    'T'
    """
    with gc_paused():
        return _extractions(_indexes(ds)[0])


def read_records(ds: Dataset | Graph) -> tuple[tuple[Extraction, ...], Assessments]:
    """Return :func:`from_dataset` and :func:`read_assessments` of `ds`, reading it once.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="x"))])
    >>> add_assessments(ds, [], [{"id": "org/acme", "hhi": 1.0}])
    >>> extractions, (deps, companies) = read_records(ds)
    >>> len(extractions), deps, companies[0]["hhi"]
    (1, [], 1.0)
    """
    with gc_paused():
        main, derived = _indexes(ds)
        return _extractions(main), _assessments(derived if derived.out else main)


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
    run = str(INFERENCE_RUN)
    triples: list[Triple] = [
        (run, _RDF.type, _VG.Inference),
        (run, _VG.modelVersion, _str_lit(WRITER)),
    ]
    for dep in dependencies:
        triples.extend(_dependency_assessment(dep, pairs))
    for company in companies:
        triples.extend(_company_assessment(company))
    graph = str(DERIVED_GRAPH)
    add_plain(ds, ((s, p, o, graph) for s, p, o in triples))


def _dependency_index(ds: Dataset) -> dict[tuple[str | None, str | None], list[str]]:
    props = _Index().add(plain_quads(ds, graph=str(PROPOSITIONS_GRAPH)))
    reader = _Reader(props)
    index: dict[tuple[str | None, str | None], list[str]] = defaultdict(list)
    for node in props.typed.get(_VG.Dependency, ()):
        key = (reader.value(node, _VG.dependent), reader.value(node, _VG.provider))
        index[key].append(node)
    return index


def _dependency_assessment(
    dep: Mapping[str, Any], pairs: Mapping[tuple[str | None, str | None], list[str]]
) -> Iterator[Triple]:
    dependent, provider = _entity(dep["dependent"]), _entity(dep["provider"])
    node = f"{_ID}assessment/dependency/{stable_hash(dep['dependent'], dep['provider'])}"
    yield node, _RDF.type, _VG.DependencyAssessment
    yield node, _PROV.wasGeneratedBy, str(INFERENCE_RUN)
    yield node, _VG.dependent, dependent
    yield node, _VG.provider, provider
    yield dependent, _VG.dependsOn, provider
    yield from ((node, _VG.assesses, d) for d in sorted(pairs.get((dependent, provider), [])))
    yield from _scores(node, dep, _DEPENDENCY_KEYS)
    for name, value in sorted((dep.get("factors") or {}).items()):
        factor = f"{node}#factor-{_seg(name)}"
        yield node, _VG.factorScore, factor
        yield factor, _RDF.type, _VG.FactorScore
        yield factor, _VG.factorName, _str_lit(name)
        if name in _factor_concepts():
            yield factor, _VG.factorType, _factor_concepts()[name]
        if value is not None:
            yield factor, _VG.score, _score_lit(value)


def _company_assessment(company: Mapping[str, Any]) -> Iterator[Triple]:
    node = f"{_ID}assessment/company/{_seg(company['id'])}"
    yield node, _RDF.type, _VG.CompanyAssessment
    yield node, _PROV.wasGeneratedBy, str(INFERENCE_RUN)
    yield node, _VG.assesses, _entity(company["id"])
    yield from _scores(node, company, _COMPANY_KEYS)


def _scores(node: str, values: Mapping[str, Any], keys: Mapping[str, str]) -> Iterator[Triple]:
    for key, prop in keys.items():
        if values.get(key) is not None:
            yield node, prop, _score_lit(values[key])


def read_assessments(ds: Dataset | Graph) -> Assessments:
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
    with gc_paused():
        derived = _Index().add(plain_quads(ds, graph=str(DERIVED_GRAPH)))
        return _assessments(derived if derived.out else _indexes(ds)[0])


def _assessments(index: _Index) -> Assessments:
    reader = _Reader(index)
    dependencies = index.typed.get(_VG.DependencyAssessment, ())
    deps = [_read_dependency(reader, n) for n in dependencies]
    companies = [_read_company(reader, n) for n in index.typed.get(_VG.CompanyAssessment, ())]
    deps.sort(key=lambda d: (d["dependent"], d["provider"]))
    companies.sort(key=lambda c: c["id"])
    return deps, companies


def _read_dependency(reader: _Reader, node: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "dependent": reader.ref(node, _VG.dependent),
        "provider": reader.ref(node, _VG.provider),
    }
    out.update({key: reader.number(node, prop) for key, prop in _DEPENDENCY_KEYS.items()})
    factors = reader.objects(node, _VG.factorScore)
    out["factors"] = {
        reader.text(f, _VG.factorName): reader.number(f, _VG.score) for f in sorted(factors)
    }
    return out


def _read_company(reader: _Reader, node: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": reader.ref(node, _VG.assesses)}
    out.update({key: reader.number(node, prop) for key, prop in _COMPANY_KEYS.items()})
    return out
