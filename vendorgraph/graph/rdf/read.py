"""RDF back to extractions: :func:`from_dataset`, over an index of plain quads read in bulk.

The reader indexes plain quads read straight from the store once
(:func:`vendorgraph.graph.store.plain_quads`) instead of asking rdflib triple by triple; a
dataset on another rdflib store goes through rdflib's API to the same result (held to it by
``tests/graph/test_any_engine.py``; ``benchmarks/bench_graph.py`` measures the difference).

Examples
--------
>>> from vendorgraph.graph.rdf.write import to_dataset
>>> from vendorgraph.ontology import Document, Extraction
>>> ex = Extraction(document=Document(text="Hello.", title="T"))
>>> from_dataset(to_dataset([ex])) == (ex,)
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from enum import Enum
from functools import cache
from typing import Any
from urllib.parse import unquote

from rdflib import RDF, SKOS, Dataset, Graph
from rdflib.namespace import PROV

from vendorgraph.errors import ModelError
from vendorgraph.graph.rdf.terms import PlainNamespace
from vendorgraph.graph.store import Iri, gc_paused, plain_quads
from vendorgraph.ontology.model import (
    Document,
    Entity,
    Extraction,
    Quantity,
    Quote,
    Rejection,
    Relation,
    Span,
)
from vendorgraph.ontology.namespace import DERIVED_GRAPH, ID, OA, SCHEMA, VG, VGC, concept_map
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

__all__ = [
    "RecordIndex",
    "RecordReader",
    "canonical",
    "extractions_of",
    "from_dataset",
    "index_dataset",
]

_RDF, _SKOS, _PROV = PlainNamespace(RDF), PlainNamespace(SKOS), PlainNamespace(PROV)
_VG, _VGC, _SCHEMA, _OA = (
    PlainNamespace(VG),
    PlainNamespace(VGC),
    PlainNamespace(SCHEMA),
    PlainNamespace(OA),
)
_ID = str(ID)


def _entity_id(iri: str) -> str:
    return unquote(iri[len(_ID) :])


def _last(iri: str) -> str:
    return unquote(iri.rsplit("/", 1)[1])


@cache
def _inverse(enum: type[Enum]) -> dict[str, Any]:
    return {str(iri): member for member, iri in concept_map(enum).items()}


_NO_PREDICATES: dict[str, list[str]] = {}


class RecordIndex:
    """Plain triples (see :func:`vendorgraph.graph.store.plain_quads`) indexed for reading.

    Objects by subject and predicate (a set, in the order first seen), subjects by class, and
    who ``vg:expresses`` a claim: everything the reader looks up, built in one pass.
    """

    def __init__(self) -> None:
        self.out: dict[str, dict[str, list[str]]] = {}
        self.typed: dict[str, dict[str, None]] = {}
        self.expressed_by: dict[str, str] = {}

    def add(self, quads: Iterable[tuple[str, ...]]) -> RecordIndex:
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


def index_dataset(ds: Dataset | Graph) -> tuple[RecordIndex, RecordIndex]:
    """Index `ds`: (the union of every graph but ``derived``, ``derived``).

    Run it, and drop the index, with the garbage collector paused (:func:`gc_paused`): the
    index is millions of small containers, none in a cycle.
    """
    name = str(DERIVED_GRAPH)
    main = RecordIndex().add(q for q in plain_quads(ds) if q[3] != name)
    return main, RecordIndex().add(plain_quads(ds, graph=name))


class RecordReader:
    """Read model records back from an index of the union graph of a dataset."""

    def __init__(self, index: RecordIndex) -> None:
        self.index = index

    def objects(self, node: str, prop: str) -> list[str]:
        """Return the objects of (`node`, `prop`), in the order first seen."""
        return self.index.out.get(node, _NO_PREDICATES).get(prop, [])

    def value(self, node: str, prop: str) -> str | None:
        """Return one object of (`node`, `prop`), or None."""
        objects = self.objects(node, prop)
        return objects[0] if objects else None

    def one(self, node: str | None, prop: str) -> str:
        """Return the object of (`node`, `prop`); raise ModelError naming both when missing."""
        value = None if node is None else self.value(node, prop)
        if value is None:
            raise ModelError(
                f"{str(node)!r} has no {str(prop)!r}; read only datasets written by to_dataset"
            )
        return value

    def text(self, node: str, prop: str) -> str | None:
        """Return the object as text, or None."""
        value = self.value(node, prop)
        return None if value is None else str(value)

    def number(self, node: str, prop: str) -> float | None:
        """Return the object as a float, or None."""
        value = self.value(node, prop)
        return None if value is None else float(value)

    def flag(self, node: str, prop: str) -> bool:
        """Return whether the object is the boolean ``true``."""
        return self.value(node, prop) == "true"

    def texts(self, node: str, prop: str) -> tuple[str, ...]:
        """Return every object as text, sorted."""
        return tuple(sorted(str(v) for v in self.objects(node, prop)))

    def ref(self, node: str, prop: str) -> str | None:
        """Return an entity id for an entity IRI, else the literal's text, or None."""
        value = self.value(node, prop)
        if value is None:
            return None
        return _entity_id(value) if isinstance(value, Iri) else str(value)

    def span(self, node: str | None) -> Span:
        """Return the text span at `node` (its position and quote selectors)."""
        if node is None:
            raise ModelError(
                "a record has no evidence span; read only datasets written by to_dataset"
            )
        pos, exact = f"{node}#pos", f"{node}#quote"
        start, end = self.one(pos, _OA.start), self.one(pos, _OA.end)
        return Span(start=int(start), end=int(end), text=str(self.one(exact, _OA.exact)))

    def document(self, node: str) -> Document:
        """Return the article at `node`."""
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
        """Return the entity record at `node`."""
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
        """Return the quote at `node`."""
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
        """Return the claim at `node` as a relation."""
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
        """Return the measurement at `node`."""
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
        """Return the rejection at `node`."""
        span = self.value(node, _VG.evidence)
        return Rejection(
            text=self.text(node, _SCHEMA.text) or "",
            span=None if span is None else self.span(span),
            reason=self.text(node, _VG.reason) or "",
        )

    def extraction(self, article: str, owned: Mapping[tuple[str, str], list[str]]) -> Extraction:
        """Return the extraction of `article` from the records it owns."""

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


def _owned(reader: RecordReader) -> dict[tuple[str, str], list[str]]:
    """Return the records of each class by the article that owns them."""
    owned: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cls, link in _OWNERS:
        for node in reader.index.typed.get(cls, ()):
            owned[(cls, reader.value(node, link) or "")].append(node)
    return owned


def extractions_of(index: RecordIndex) -> tuple[Extraction, ...]:
    """Return the extractions of every article in `index`, sorted by article IRI."""
    reader = RecordReader(index)
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
    >>> from vendorgraph.graph.rdf.write import to_dataset
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ex = Extraction(document=Document(text="Hello.", title="T"))
    >>> from_dataset(to_dataset([ex]))[0].document.title
    'T'
    """
    with gc_paused():
        return extractions_of(index_dataset(ds)[0])


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
