"""Terms of the RDF mapping: plain literals in rdflib's lexical forms, IRIs, merged names.

The writer builds plain terms (see :mod:`vendorgraph.graph.store`): IRIs as ``str``,
literals as ``(lexical form, datatype IRI)``. Each lexical form is the one rdflib gives the
same literal, so the Oxigraph bulk path and rdflib's API store the same terms (held to it by
``tests/graph/test_rdf.py``).

Examples
--------
>>> decimal_literal(0.50)
('0.5', 'http://www.w3.org/2001/XMLSchema#decimal')
>>> entity_node("org/nvidia")
'https://w3id.org/vendorgraph/id/org/nvidia'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from vendorgraph.graph.store import PlainTerm
from vendorgraph.ontology.dates import parse_date
from vendorgraph.ontology.model import Span, stable_hash
from vendorgraph.ontology.namespace import ID, concept_map
from vendorgraph.ontology.terms import EntityType, Predicate

__all__ = [
    "INFERENCE_RUN",
    "SCORE_PLACES",
    "WRITER",
    "Lit",
    "PlainNamespace",
    "Quad",
    "Triple",
    "article_node",
    "boolean_literal",
    "concept_node",
    "date_literal",
    "decimal_literal",
    "entity_iri",
    "entity_node",
    "integer_literal",
    "iri_segment",
    "merged_name",
    "merged_type",
    "proposition_iri",
    "proposition_node",
    "rdflib_decimal",
    "record_node",
    "score_literal",
    "span_node",
    "string_literal",
]

WRITER = "vendorgraph-rdf.v1"
"""The version of this mapping, recorded on every extraction run (``vg:modelVersion``)."""

INFERENCE_RUN = ID["run/inference"]
"""The run every stored score is attributed to (``prov:wasGeneratedBy``)."""


Quad = tuple[Node, Node, Node, URIRef]
Lit = tuple[str, str]
Triple = tuple[str, str, PlainTerm]


class PlainNamespace:
    """The IRIs of a namespace as plain ``str``, looked up once: ``PlainNamespace(VG).Claim``."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._namespace, name))  # a closed namespace refuses a typo
        setattr(self, name, value)
        return value


_XSD = PlainNamespace(XSD)
_ID = str(ID)


def string_literal(value: str) -> Lit:
    """Return an xsd:string plain literal."""
    return (value, _XSD.string)


def decimal_literal(value: float) -> Lit:
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


def score_literal(value: float) -> Lit:
    """Return a score as an xsd:decimal rounded to :data:`SCORE_PLACES` places."""
    number = float(value)
    return decimal_literal(round(number, SCORE_PLACES) if math.isfinite(number) else number)


def rdflib_decimal(value: float) -> Literal:
    """Return :func:`decimal_literal` as an rdflib literal."""
    lexical, datatype = decimal_literal(value)
    return Literal(lexical, datatype=URIRef(datatype))


def integer_literal(value: int) -> Lit:
    """Return an xsd:integer (Oxigraph keeps no xsd:nonNegativeInteger, so we write none)."""
    return (str(value), _XSD.integer)


def boolean_literal(value: bool) -> Lit:
    """Return an xsd:boolean plain literal."""
    return ("true" if value else "false", _XSD.boolean)


_DATE_TYPES = (
    (r"\d{4}", XSD.gYear),
    (r"\d{4}-\d{2}", XSD.gYearMonth),
    (r"\d{4}-\d{2}-\d{2}", XSD.date),
)


def date_literal(value: str) -> Lit:
    """Return a date literal whose datatype carries the precision; xsd:string if not ISO."""
    for pattern, datatype in _DATE_TYPES:
        if re.fullmatch(pattern, value) and parse_date(value, strict=False) is not None:
            return _rdflib_lexical(value, datatype)
    if "T" in value and _is_datetime(value):
        return _rdflib_lexical(value, XSD.dateTime)
    return string_literal(value)


def _rdflib_lexical(value: str, datatype: URIRef) -> Lit:
    """Return the lexical form rdflib gives `value` (it rewrites some dates and times)."""
    return (str(Literal(value, datatype=datatype)), str(datatype))


def _is_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def iri_segment(key: str) -> str:
    """Return `key` percent-encoded as one IRI path segment."""
    return quote(key, safe="-._~")


def entity_iri(entity_id: str) -> URIRef:
    """Return the IRI of an entity id (``org/nvidia`` → ``id:org/nvidia``)."""
    return URIRef(entity_node(entity_id))


@lru_cache(maxsize=1 << 16)
def entity_node(entity_id: str) -> str:
    """Return the IRI of an entity id as a plain ``str`` (see :func:`entity_iri`)."""
    return _ID + quote(entity_id, safe="/-._~")


def article_node(aid: str) -> str:
    """Return the IRI of an article as a plain ``str``."""
    return f"{_ID}article/{aid}"


def record_node(kind: str, aid: str, key: str) -> str:
    """Return the IRI of a record of `kind` (claim, quote, quantity…) in article `aid`."""
    return f"{_ID}{kind}/{aid}/{iri_segment(key)}"


def span_node(aid: str, span: Span) -> str:
    """Return the IRI of a text span of article `aid`."""
    return f"{_ID}span/{aid}/{span.start}-{span.end}"


def proposition_iri(subject: str, predicate: Predicate, obj: str) -> URIRef:
    """Return the content-addressed IRI of the statement ``subject predicate object``."""
    return URIRef(proposition_node(subject, predicate, obj))


def proposition_node(subject: str, predicate: Predicate, obj: str) -> str:
    """Return :func:`proposition_iri` as a plain ``str``."""
    return f"{_ID}prop/{stable_hash(subject, predicate.value, obj)}"


@cache
def concept_node(member: Enum) -> str:
    """Return the SKOS concept IRI of an enum member (a predicate, modality, kind)."""
    return str(concept_map(type(member))[member])


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
