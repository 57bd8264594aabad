"""A query parameter's name to its entity: a label or alias, an entity id, or an IRI.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> resolve_entity(new_dataset(), "Acme")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vendorgraph.errors.UnknownEntityError: no entity is called 'Acme'; close names: none. ...
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence

from rdflib import XSD, Dataset, Graph, Literal, URIRef

from vendorgraph.errors import InputError, UnknownEntityError
from vendorgraph.graph.queries.sparql import execute_query
from vendorgraph.graph.rdf import entity_iri
from vendorgraph.ontology.namespace import ID

__all__ = ["resolve_entity"]

_ENTITY_NAMES = """
  ?entity schema:name|skos:altLabel ?name .
  FILTER NOT EXISTS { ?entity vg:recordOf ?record }
  FILTER NOT EXISTS { ?entity a vg:FactorScore }
"""
_NAME_PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vg: <https://w3id.org/vendorgraph/ont#>
"""
_NAMES = f"{_NAME_PREFIXES}SELECT DISTINCT ?entity ?name WHERE {{{_ENTITY_NAMES}}}"
_EXISTS = "SELECT ?entity WHERE { ?entity ?p ?o } LIMIT 1"
_EXACT = f"{_NAME_PREFIXES}SELECT DISTINCT ?name ?entity WHERE {{{_ENTITY_NAMES}}}"
_MATCH = (
    f"{_NAME_PREFIXES}SELECT DISTINCT ?wanted ?entity WHERE {{{_ENTITY_NAMES}"
    "  FILTER (LCASE(STR(?name)) = ?wanted)\n}"
)


def _close(name: str, candidates: Iterable[str]) -> str:
    names = sorted(set(candidates))
    lowered = {n.lower(): n for n in names}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=5, cutoff=0.5)
    return ", ".join(repr(lowered[c]) for c in close) or "none"


def _pick(name: str, found: Sequence[str], everything: Callable[[], Iterable[str]]) -> str:
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(f"{name!r} names {len(found)} entities ({', '.join(found)}); use an id")
    raise UnknownEntityError(
        f"no entity is called {name!r}; close names: {_close(name, everything())}. "
        "Check the spelling or use an entity id such as 'org/nvidia'"
    )


def _id_iri(name: str) -> URIRef | None:
    if name.startswith(str(ID)):
        return URIRef(name)
    if "/" in name and " " not in name:
        return entity_iri(name)
    return None


def resolve_entity(ds: Dataset | Graph, name: str) -> URIRef:
    """Return the IRI of the entity that `name` names: a label or alias, an id, or an IRI.

    Labels and aliases match case-insensitively.

    Raises
    ------
    vendorgraph.errors.UnknownEntityError
        If nothing matches; the message lists close names.
    vendorgraph.errors.InputError
        If the name matches several entities.

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
    vendorgraph.errors.UnknownEntityError: no entity is called 'Acne Corp'; close names: ...
    """
    iri = _id_iri(name)
    if iri is not None and execute_query(ds, _EXISTS, {"entity": iri}).values:
        return iri
    found = execute_query(ds, _EXACT, {"name": Literal(name, datatype=XSD.string)}).values
    if not found:  # an index lookup first; the case-insensitive scan only when it misses
        found = execute_query(
            ds, _MATCH, {"wanted": Literal(name.lower(), datatype=XSD.string)}
        ).values
    if not found:  # rdflib compares plain and xsd:string literals as different terms
        found = execute_query(ds, _MATCH, {"wanted": Literal(name.lower())}).values
    entities = sorted({row[1] for row in found})

    def everything() -> list[str]:
        return [row[1] for row in execute_query(ds, _NAMES, {}).values]

    return URIRef(_pick(name, entities, everything))
