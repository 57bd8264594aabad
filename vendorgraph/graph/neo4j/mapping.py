"""The versioned mapping table ``ontology/data/neo4j-mapping.tsv``.

It says which RDF term becomes which label, property key or relationship type.

Examples
--------
>>> from vendorgraph.ontology.namespace import VG
>>> load_mapping().labels[VG.Organization]
'Organization'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rdflib import URIRef
from rdflib.term import Node

from vendorgraph.errors import RegistryError
from vendorgraph.ontology.namespace import prefixes

__all__ = [
    "CONSTRAINT",
    "DEPENDS_ON",
    "KINDS",
    "MAPPING_FILE",
    "RESERVED",
    "RESOURCE",
    "Neo4jMapping",
    "curie",
    "expand",
    "load_mapping",
    "parse_mapping",
]

MAPPING_FILE = "neo4j-mapping.tsv"
RESOURCE = "Resource"
CONSTRAINT = (
    "CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE"
)
DEPENDS_ON = "DEPENDS_ON"
RESERVED = frozenset({"uri", "_graph", "derived"})
KINDS = ("label", "literal", "enum", "iri-string", "rel")
_PATTERNS = {
    "label": re.compile(r"[A-Z][A-Za-z0-9]*"),
    "key": re.compile(r"[A-Za-z][A-Za-z0-9]*"),
    "rel": re.compile(r"[A-Z][A-Z0-9_]*"),
}


# ------------------------------------------------------------------ the mapping table


def curie(iri: str) -> str:
    """Return `iri` as a CURIE with vendorgraph's prefixes, or the IRI itself if none fits.

    Examples
    --------
    >>> curie("https://w3id.org/vendorgraph/concept/Planned")
    'vgc:Planned'
    """
    for prefix, base in sorted(prefixes().items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and re.fullmatch(r"[\w./-]*", iri[len(base) :]):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def expand(name: str) -> URIRef:
    """Return the IRI of a CURIE written by :func:`curie` (a full IRI passes through).

    Examples
    --------
    >>> from vendorgraph.ontology.namespace import VG
    >>> expand("vg:Claim") == VG.Claim
    True
    """
    prefix, sep, rest = name.partition(":")
    base = prefixes().get(prefix)
    return URIRef(base + rest) if sep and base is not None else URIRef(name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Neo4jMapping:
    """The bijective registry between RDF terms and Neo4j names, per kind.

    Parameters
    ----------
    labels : dict
        Class IRI → node label.
    keys : dict
        ``(predicate IRI, kind)`` → property key, for kinds literal, enum and iri-string.
    rels : dict
        Predicate IRI → relationship type.
    """

    labels: dict[URIRef, str]
    keys: dict[tuple[URIRef, str], str]
    rels: dict[URIRef, str]
    label_terms: dict[str, URIRef] = field(default_factory=dict)
    key_terms: dict[str, tuple[URIRef, str]] = field(default_factory=dict)
    rel_terms: dict[str, URIRef] = field(default_factory=dict)

    def iri_kind(self, predicate: Node) -> str | None:
        """Return how an IRI-valued `predicate` maps: ``enum``, ``iri-string``, ``rel`` or None."""
        for kind in ("enum", "iri-string"):
            if (predicate, kind) in self.keys:
                return kind
        return "rel" if predicate in self.rels else None


def _register(table: dict[Any, str], inverse: dict[str, Any], term: Any, name: str) -> None:
    if term in table:
        raise RegistryError(f"{term!r} is mapped twice ({table[term]!r} and {name!r}); keep one")
    if name in inverse:
        raise RegistryError(
            f"name {name!r} is given to both {inverse[name]!r} and {term!r}; rename one"
        )
    table[term] = name
    inverse[name] = term


def _check_name(kind: str, name: str) -> None:
    pattern = _PATTERNS["key" if kind in ("literal", "enum", "iri-string") else kind]
    if not pattern.fullmatch(name) or name in RESERVED or name == RESOURCE:
        raise RegistryError(
            f"{kind} name {name!r} is not allowed; use {pattern.pattern} and none of "
            f"{sorted(RESERVED | {RESOURCE})!r}"
        )


def parse_mapping(text: str) -> Neo4jMapping:
    r"""Return the mapping a TSV table describes (columns ``kind``, ``term``, ``name``).

    Raises
    ------
    vendorgraph.errors.RegistryError
        On an unknown kind, a malformed or reserved name, or any collision.

    Examples
    --------
    >>> from vendorgraph.ontology.namespace import VG
    >>> m = parse_mapping("kind\tterm\tname\nlabel\tvg:Claim\tClaim\n")
    >>> m.labels[VG.Claim]
    'Claim'
    >>> parse_mapping("label\tvg:Claim\tA\nlabel\tvg:Quote\tA\n")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.RegistryError: name 'A' is given to both ...; rename one
    """
    m = Neo4jMapping(labels={}, keys={}, rels={})
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, term, name = [*line.split("\t"), "", ""][:3]
        if kind not in KINDS:
            raise RegistryError(f"line {number}: unknown kind {kind!r}; use one of {KINDS}")
        _check_name(kind, name)
        iri = expand(term)
        if kind == "label":
            _register(m.labels, m.label_terms, iri, name)
        elif kind == "rel":
            _register(m.rels, m.rel_terms, iri, name)
        else:
            _register(m.keys, m.key_terms, (iri, kind), name)
    _check_iri_kinds(m)
    return m


def _check_iri_kinds(m: Neo4jMapping) -> None:
    for (iri, kind), name in m.keys.items():
        others = [k for k in ("enum", "iri-string") if k != kind and (iri, k) in m.keys]
        if kind != "literal" and (others or iri in m.rels):
            raise RegistryError(f"{iri!r} maps IRI values twice ({name!r}); keep one IRI kind")


@lru_cache(maxsize=1)
def load_mapping() -> Neo4jMapping:
    """Return the packaged mapping table (``ontology/data/neo4j-mapping.tsv``).

    Examples
    --------
    >>> from vendorgraph.ontology.namespace import VG
    >>> load_mapping().rels[VG.dependsOn]
    'DEPENDS_ON'
    """
    text = resources.files("vendorgraph.ontology").joinpath("data", MAPPING_FILE).read_text("utf-8")
    return parse_mapping(text)
