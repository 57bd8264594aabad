"""A query parameter's name to its entity, by :func:`vendorgraph.ontology.matching.match_entity`.

The names come from the registry graph (``schema:name`` and ``skos:altLabel`` of each entity),
so a name that picks an entity in ``explain`` picks the same one here.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> resolve_entity(new_dataset(), "Acme")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vendorgraph.errors.UnknownEntityError: no entity named 'Acme'; close matches: []; ...
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import unquote

from rdflib import Dataset, Graph, URIRef

from vendorgraph.graph.queries.sparql import execute_query
from vendorgraph.graph.rdf import entity_iri
from vendorgraph.ontology.matching import match_entity
from vendorgraph.ontology.namespace import ID

__all__ = ["entity_names", "resolve_entity"]

_NAMES = """
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vg: <https://w3id.org/vendorgraph/ont#>
SELECT DISTINCT ?entity ?name WHERE {
  ?entity schema:name|skos:altLabel ?name .
  FILTER NOT EXISTS { ?entity vg:recordOf ?record }
  FILTER NOT EXISTS { ?entity a vg:FactorScore }
}
"""


def entity_names(ds: Dataset | Graph) -> dict[str, tuple[str, ...]]:
    """Return each entity id of `ds` with its names (label and aliases), sorted.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
    >>> from vendorgraph.graph.rdf import to_dataset
    >>> acme = Entity(id="org/acme", name="Acme Corp", type=EntityType.CHIP_VENDOR)
    >>> entity_names(to_dataset([Extraction(document=Document(text="x"), entities=(acme,))]))
    {'org/acme': ('Acme Corp',)}
    """
    names: dict[str, set[str]] = defaultdict(set)
    prefix = str(ID)
    for entity, name in execute_query(ds, _NAMES, {}).values:
        if str(entity).startswith(prefix):
            names[unquote(str(entity)[len(prefix) :])].add(str(name))
    return {e: tuple(sorted(ns)) for e, ns in sorted(names.items())}


def resolve_entity(ds: Dataset | Graph, name: str) -> URIRef:
    """Return the IRI of the entity that `name` names: a label or alias, an id, or an IRI.

    Raises
    ------
    vendorgraph.errors.UnknownEntityError
        If nothing matches; the message lists close names.
    vendorgraph.errors.InputError
        If the name fits several entities of the same kind.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
    >>> from vendorgraph.graph.rdf import to_dataset
    >>> acme = Entity(id="org/acme", name="Acme Corp", type=EntityType.CHIP_VENDOR)
    >>> ds = to_dataset([Extraction(document=Document(text="x"), entities=(acme,))])
    >>> str(resolve_entity(ds, "ACME corp")).rsplit("/", 2)[1:]
    ['org', 'acme']
    >>> resolve_entity(ds, "Acne Corp")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.UnknownEntityError: no entity named 'Acne Corp'; close matches: ...
    """
    return entity_iri(match_entity(name, entity_names(ds)))
