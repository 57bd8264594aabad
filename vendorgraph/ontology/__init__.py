"""The bottom layer: the typed model, the closed vocabularies and the Turtle files."""

from vendorgraph.ontology.model import (
    Document,
    Entity,
    Extraction,
    Quantity,
    Quote,
    Rejection,
    Relation,
    Span,
    entity_id,
    slugify,
    stable_hash,
)
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

__all__ = [
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "Modality",
    "Predicate",
    "Quantity",
    "QuantityKind",
    "Quote",
    "Rejection",
    "Relation",
    "Span",
    "entity_id",
    "slugify",
    "stable_hash",
]
