"""Screening: an extraction made to satisfy the model's rules record by record.

One odd record must never cost the user a whole article or corpus. :func:`screen` takes the
records an extractor (or a merge across articles) produced and returns an
:class:`~vendorgraph.ontology.model.Extraction` that the SHACL shapes accept:

- a record is **repaired** where the repair loses nothing the text states: a quote whose speaker
  is not a known person or organisation keeps the name as its speaker label and has no speaker
  (the ontology allows a quote with an unnamed or unknown speaker); a qualifier (quantity,
  capability, speaker, organisation) that points at nothing is dropped;
- an article URL that is not an absolute URL is dropped (the article is kept without it);
- a record is **left out** with its reason, as a :class:`~vendorgraph.ontology.model.Rejection`
  in ``Extraction.rejected``, where no lossless repair exists: a span that does not index back
  into the text, a relation to an entity the extraction does not hold, ``employs`` between
  anything but an organisation and a person, a direct quote whose words are not in its span.

Screening is idempotent: screening a screened extraction changes nothing.

Examples
--------
>>> from vendorgraph.ontology.model import Document, Entity, Quote, Relation
>>> from vendorgraph.ontology.terms import EntityType, Predicate
>>> doc = Document(text="Acme said: “we ship”. Zed hires Acme.")
>>> acme = Entity(id="org/acme", name="Acme", type=EntityType.ORGANIZATION,
...               mentions=(doc.span(0, 4),))
>>> quote = Quote(id="q1", text="we ship", span=doc.span(11, 20), direct=True,
...               speaker="org/missing")
>>> hires = Relation(id="r1", subject="org/zed", predicate=Predicate.EMPLOYS,
...                  object="org/acme", span=doc.span(22, 37))
>>> ex = screen(doc, entities=(acme,), quotes=(quote,), relations=(hires,))
>>> (ex.quotes[0].speaker, len(ex.relations))
(None, 0)
>>> ex.rejected[0].reason
"relation refers to entity 'org/zed', which the extraction does not hold"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

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
from vendorgraph.ontology.terms import EntityType, Predicate

__all__ = ["screen", "screen_extraction"]

_R = TypeVar("_R", Quote, Relation, Quantity)


def screen(
    document: Document,
    *,
    entities: Iterable[Entity] = (),
    quotes: Iterable[Quote] = (),
    relations: Iterable[Relation] = (),
    quantities: Iterable[Quantity] = (),
    rejected: Iterable[Rejection] = (),
) -> Extraction:
    """Return the extraction of these records, repaired or left out where they break a rule.

    Parameters
    ----------
    document : Document
        The article the records were found in.
    entities, quotes, relations, quantities : iterable of records
        What the extractor found.
    rejected : iterable of Rejection
        Records already left out (kept, with what screening leaves out appended).

    Returns
    -------
    Extraction
        Valid by construction; ``rejected`` lists every record left out, with its reason.
    """
    text = document.text
    left_out: list[Rejection] = list(rejected)
    document = _document(document, left_out)
    kept_entities = tuple(_entity(e, text) for e in entities)
    known = {e.id: e for e in kept_entities}
    kept_quantities = _spans_hold(quantities, text, "number", left_out)
    numbers = {q.id for q in kept_quantities}
    kept_quotes = tuple(
        _quote(q, known)
        for q in _spans_hold(quotes, text, "quote", left_out)
        if _direct_words_hold(q, left_out)
    )
    kept_relations = tuple(
        _relation(r, known, numbers)
        for r in _spans_hold(relations, text, "relation", left_out)
        if _relation_holds(r, known, left_out)
    )
    return Extraction(
        document=document,
        entities=kept_entities,
        quotes=kept_quotes,
        relations=kept_relations,
        quantities=tuple(_quantity(q, known) for q in kept_quantities),
        rejected=tuple(left_out),
    )


def screen_extraction(extraction: Extraction) -> Extraction:
    """Screen the records of an extraction again (after merges across articles, say).

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> ex = Extraction(document=Document(text="Nothing here."))
    >>> screen_extraction(ex) == ex
    True
    """
    return screen(
        extraction.document,
        entities=extraction.entities,
        quotes=extraction.quotes,
        relations=extraction.relations,
        quantities=extraction.quantities,
        rejected=extraction.rejected,
    )


_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S+")


def _document(document: Document, left_out: list[Rejection]) -> Document:
    if document.url is None or _URL.fullmatch(document.url):
        return document
    reason = "article URL is not an absolute URL (scheme:address); the article is kept without it"
    left_out.append(Rejection(text=document.url, span=None, reason=reason))
    return replace(document, url=None)


def _holds(span: Span, text: str) -> bool:
    return text[span.start : span.end] == span.text


def _entity(entity: Entity, text: str) -> Entity:
    mentions = tuple(m for m in entity.mentions if _holds(m, text))
    return entity if len(mentions) == len(entity.mentions) else replace(entity, mentions=mentions)


def _spans_hold(records: Iterable[_R], text: str, kind: str, left_out: list[Rejection]) -> list[_R]:
    kept = []
    for record in records:
        if _holds(record.span, text):
            kept.append(record)
        else:
            reason = f"{kind} span [{record.span.start}, {record.span.end}) does not index the text"
            left_out.append(Rejection(text=record.span.text, span=None, reason=reason))
    return kept


def _direct_words_hold(quote: Quote, left_out: list[Rejection]) -> bool:
    if not quote.direct or quote.text in quote.span.text:
        return True
    reason = "direct quote whose words are not in its span"
    left_out.append(Rejection(text=quote.text, span=quote.span, reason=reason))
    return False


def _is_agent(entity: Entity | None) -> bool:
    return entity is not None and (entity.type.is_organization or entity.type is EntityType.PERSON)


def _quote(quote: Quote, known: Mapping[str, Entity]) -> Quote:
    speaker = known.get(quote.speaker) if quote.speaker is not None else None
    org = known.get(quote.speaker_org) if quote.speaker_org is not None else None
    changes: dict[str, Any] = {}
    if quote.speaker is not None and not _is_agent(speaker):
        changes["speaker"] = None
        if quote.speaker_label is None and speaker is not None:
            changes["speaker_label"] = speaker.name
    if quote.speaker_org is not None and (org is None or not org.type.is_organization):
        changes["speaker_org"] = None
    return replace(quote, **changes) if changes else quote


def _relation_holds(
    relation: Relation, known: Mapping[str, Entity], left_out: list[Rejection]
) -> bool:
    reason = None
    for ref in (relation.subject, relation.object):
        if ref not in known:
            reason = f"relation refers to entity {ref!r}, which the extraction does not hold"
            break
    else:
        if relation.predicate is Predicate.EMPLOYS and not (
            known[relation.subject].type.is_organization
            and known[relation.object].type is EntityType.PERSON
        ):
            reason = "employs must run from an organisation to a person"
    if reason is None:
        return True
    left_out.append(Rejection(text=relation.span.text, span=relation.span, reason=reason))
    return False


def _relation(relation: Relation, known: Mapping[str, Entity], numbers: set[str]) -> Relation:
    changes: dict[str, Any] = {}
    if relation.quantity is not None and relation.quantity not in numbers:
        changes["quantity"] = None
    for name in ("capability", "speaker"):
        ref = getattr(relation, name)
        if ref is not None and ref not in known:
            changes[name] = None
    if relation.speaker is not None and not _is_agent(known.get(relation.speaker)):
        changes["speaker"] = None
    return replace(relation, **changes) if changes else relation


def _quantity(quantity: Quantity, known: Mapping[str, Entity]) -> Quantity:
    if quantity.about is None or quantity.about in known:
        return quantity
    return replace(quantity, about=None)
