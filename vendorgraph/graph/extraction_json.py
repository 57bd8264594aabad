"""The JSON form of an :class:`~vendorgraph.ontology.model.Extraction`.

:func:`to_json` writes the contract of ``shared/eval/README.md`` (``document``, ``entities``,
``quotes``, ``relations``, ``quantities`` with ``[start, end]`` spans) plus keys the scorer
ignores and people want: entity ``roles``/``lexicon_id``/``parent``, quote ``speaker_role``,
``speaker_org``, ``speaker_label``, ``cue`` and ``modality``, relation ``modality``,
``qualifiers`` and ``evidence`` text. Ids are the model ids; every list is sorted, so the same
extraction always serialises to the same bytes with ``json.dumps(..., sort_keys=True)``.

Examples
--------
>>> from vendorgraph.ontology.model import Document, Extraction
>>> to_json(Extraction(document=Document(text="x", title="T")))["document"]["title"]
'T'
"""

from __future__ import annotations

from typing import Any

from vendorgraph.ontology.model import Entity, Extraction, Quantity, Quote, Relation

__all__ = ["to_json"]

_FORECAST_CUES = frozenset(
    {"estimates", "estimated", "expects", "predicts", "predicted", "forecasts", "projects"}
)


def to_json(extraction: Extraction) -> dict[str, Any]:
    """Return the extraction as a JSON-ready dict in the evaluation contract.

    Parameters
    ----------
    extraction : Extraction
        What :func:`vendorgraph.loaders.pipeline.extract` returned.

    Returns
    -------
    dict
        Keys ``document``, ``entities``, ``quotes``, ``relations``, ``quantities``.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document, Entity, Extraction
    >>> doc = Document(text="Nvidia rose.")
    >>> e = Entity(id="org/nvidia", name="Nvidia", type="ChipVendor", mentions=(doc.span(0, 6),))
    >>> to_json(Extraction(document=doc, entities=(e,)))["entities"][0]["mentions"]
    [[0, 6]]
    """
    doc = extraction.document
    return {
        "document": {
            "id": doc.id,
            "title": doc.title,
            "published": doc.published,
            "publisher": doc.publisher,
            "url": doc.url,
            "content_hash": doc.content_hash,
        },
        "entities": [_entity(e) for e in sorted(extraction.entities, key=lambda e: e.id)],
        "quotes": [
            _quote(q) for q in sorted(extraction.quotes, key=lambda q: (q.span.start, q.id))
        ],
        "relations": [
            _relation(r) for r in sorted(extraction.relations, key=lambda r: (r.span.start, r.id))
        ],
        "quantities": _quantities(extraction.quantities),
    }


def _quantities(quantities: tuple[Quantity, ...]) -> list[dict[str, Any]]:
    """One item per stated figure: a figure repeated verbatim lists all its mentions.

    The article states "$38B" once as a fact even when it prints it three times, the same way
    an entity is one item with several mentions. Relations keep pointing at the mention they
    were found with (every id is listed under ``ids``).
    """
    groups: dict[tuple[str, str], list[Quantity]] = {}
    for q in sorted(quantities, key=lambda q: (q.span.start, q.id)):
        groups.setdefault((q.kind.value, " ".join(q.text.casefold().split())), []).append(q)
    items = []
    for group in groups.values():
        item = _quantity(group[0])
        item["ids"] = [q.id for q in group]
        item["mentions"] = [q.span.as_list() for q in group]
        items.append(item)
    return items


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": str(getattr(entity.type, "value", entity.type)),
        "aliases": sorted(entity.aliases),
        "mentions": [m.as_list() for m in sorted(entity.mentions, key=lambda m: (m.start, m.end))],
        "lexicon_id": entity.lexicon_id,
        "wikidata": entity.wikidata,
        "parent": entity.parent,
        "roles": sorted(entity.roles),
    }


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "speaker": quote.speaker,
        "text": quote.text,
        "direct": quote.direct,
        "span": quote.span.as_list(),
        "speaker_role": quote.speaker_role,
        "speaker_org": quote.speaker_org,
        "speaker_label": quote.speaker_label,
        "cue": quote.cue,
        "modality": "forecast" if quote.cue in _FORECAST_CUES else "asserted",
    }


def _relation(rel: Relation) -> dict[str, Any]:
    return {
        "id": rel.id,
        "subject": rel.subject,
        "predicate": rel.predicate.value,
        "object": rel.object,
        "span": rel.span.as_list(),
        "evidence": rel.span.text,
        "confidence": rel.confidence,
        "modality": rel.modality.value,
        "speaker": rel.speaker,
        "quote": rel.quote,
        "qualifiers": {
            "quantity": rel.quantity,
            "start": rel.start,
            "end": rel.end,
            "capability": rel.capability,
        },
    }


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "id": q.id,
        "text": q.text,
        "kind": q.kind.value,
        "value": q.value,
        "unit": q.unit,
        "normalized": q.normalized,
        "approximate": q.approximate,
        "iso": q.iso,
        "span": q.span.as_list(),
    }
