"""Corroboration and conflicts: how many independent sources stand behind each fact.

A *proposition* is one ``subject predicate object`` statement; each article sentence that
states it is a *claim*. Claims count once per independent source: the wire service an article
credits, else its publisher, else the article itself; and claims whose sentences read the same
(syndicated copies without a credit) are one source too.

A *conflict* is two articles giving different numbers for the same thing: the same proposition
(or the same ``about`` entity) with a quantity of the same kind and unit whose values differ by
more than a relative tolerance. Restatements are not conflicts: "$38B" and "$38 billion", an
article's own currency conversion, or a value inside the other's stated bounds.

Examples
--------
>>> from vendorgraph.ontology import (Document, Entity, EntityType, Extraction, Predicate,
...                                   Relation)
>>> from vendorgraph.graph.rdf import to_dataset
>>> def article(text, publisher):
...     doc = Document(text=text, publisher=publisher, published="2026-01-02")
...     a = Entity(id="org/a", name="A", type=EntityType.CHIP_VENDOR)
...     b = Entity(id="org/b", name="B", type=EntityType.CLOUD_PROVIDER)
...     r = Relation(id="r", subject="org/a", predicate=Predicate.SUPPLIES, object="org/b",
...                  span=doc.span(0, len(text)))
...     return Extraction(document=doc, entities=(a, b), relations=(r,))
>>> ds = to_dataset([article("A supplies B.", "One"), article("A sells to B.", "Two")])
>>> p = propositions(ds)[0]
>>> p.support, p.independent_sources, p.first_reported
(2, 2, '2026-01-02')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from rdflib import Dataset, Graph

from vendorgraph.graph.rdf import from_dataset, proposition_iri
from vendorgraph.ontology.model import Extraction, Quantity, Relation
from vendorgraph.ontology.namespace import ID
from vendorgraph.ontology.terms import Predicate

__all__ = [
    "ClaimSource",
    "Conflict",
    "Proposition",
    "QuantityClaim",
    "conflicts",
    "independent_count",
    "propositions",
    "source_key",
    "sources",
]

DEFAULT_TOLERANCE = 0.05
"""Relative difference two values may have and still be one value (rounding in the news)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimSource:
    """One claim: the article that makes it, and the sentence."""

    article: str
    relation: str
    subject: str
    predicate: str
    object: str
    title: str | None
    published: str | None
    publisher: str | None
    wire_source: str | None
    sentence: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposition:
    """A statement with every claim of it, and how well it is corroborated."""

    id: str
    subject: str
    predicate: str
    object: str
    claims: tuple[ClaimSource, ...]
    support: int
    independent_sources: int
    first_reported: str | None
    last_reported: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class QuantityClaim:
    """A number one claim states about a proposition or entity."""

    claim: ClaimSource
    text: str
    kind: str
    unit: str | None
    value: float | None
    lower: float | None
    upper: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Two claims that give disagreeing values for the same thing."""

    about: tuple[str, ...]
    kind: str
    unit: str | None
    first: QuantityClaim
    second: QuantityClaim
    relative_difference: float


def source_key(claim: ClaimSource) -> str:
    """Return the independent source of a claim: wire credit, else publisher, else article.

    Examples
    --------
    >>> c = ClaimSource(article="x", relation="r", subject="a", predicate="p", object="b",
    ...                 title=None, published=None, publisher="Daily", wire_source="Wire Co",
    ...                 sentence="…")
    >>> source_key(c)
    'wire co'
    """
    credit = claim.wire_source or claim.publisher
    return " ".join(credit.casefold().split()) if credit else f"article:{claim.article}"


def _sentence_key(text: str) -> str:
    return " ".join(text.casefold().split())


def independent_count(claims: Iterable[ClaimSource]) -> int:
    """Return how many independent sources `claims` come from.

    Claims with the same :func:`source_key`, or the same sentence, are one source.

    Examples
    --------
    >>> mk = lambda a, pub, s: ClaimSource(article=a, relation="r", subject="x",
    ...     predicate="p", object="y", title=None, published=None, publisher=pub,
    ...     wire_source=None, sentence=s)
    >>> independent_count([mk("1", "P", "X buys Y."), mk("2", "Q", "X buys Y."),
    ...                    mk("3", "R", "Y sells to X.")])
    2
    """
    items = list(claims)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, c in enumerate(items):
        for key in (("source", source_key(c)), ("sentence", _sentence_key(c.sentence))):
            j = first.setdefault(key, i)
            parent[find(i)] = find(j)
    return len({find(i) for i in range(len(items))})


def _claim(ex: Extraction, r: Relation) -> ClaimSource:
    doc = ex.document
    return ClaimSource(
        article=doc.id,
        relation=r.id,
        subject=r.subject,
        predicate=r.predicate.value,
        object=r.object,
        title=doc.title,
        published=doc.published,
        publisher=doc.publisher,
        wire_source=doc.wire_source,
        sentence=r.span.text,
        start=r.start,
        end=r.end,
    )


def _extractions(ds: Dataset | Graph | Iterable[Extraction]) -> tuple[Extraction, ...]:
    return from_dataset(ds) if isinstance(ds, Dataset | Graph) else tuple(ds)


def propositions(ds: Dataset | Graph | Iterable[Extraction]) -> tuple[Proposition, ...]:
    """Return every proposition with its claims and corroboration, sorted by id.

    Parameters
    ----------
    ds : rdflib.Dataset, rdflib.Graph or iterable of Extraction
        A built graph, or the extractions themselves.

    Returns
    -------
    tuple of Proposition
        ``support`` counts claims, ``independent_sources`` counts them once per source
        (:func:`independent_count`); first and last reported are publication dates.

    Examples
    --------
    >>> propositions([])
    ()
    """
    grouped: dict[tuple[str, str, str], list[ClaimSource]] = defaultdict(list)
    for ex in _extractions(ds):
        for r in ex.relations:
            grouped[(r.subject, r.predicate.value, r.object)].append(_claim(ex, r))
    return tuple(sorted((_proposition(k, v) for k, v in grouped.items()), key=lambda p: p.id))


def _proposition(key: tuple[str, str, str], claims: list[ClaimSource]) -> Proposition:
    claims.sort(key=lambda c: (c.published or "", c.article, c.relation))
    dates = sorted(c.published for c in claims if c.published)
    iri = proposition_iri(key[0], Predicate(key[1]), key[2])
    return Proposition(
        id=str(iri)[len(str(ID)) :],
        subject=key[0],
        predicate=key[1],
        object=key[2],
        claims=tuple(claims),
        support=len(claims),
        independent_sources=independent_count(claims),
        first_reported=dates[0] if dates else None,
        last_reported=dates[-1] if dates else None,
    )


def sources(ds: Dataset | Graph | Iterable[Extraction], a: str, b: str) -> tuple[ClaimSource, ...]:
    """Return every claim linking entity ids `a` and `b` (either way), oldest first.

    Examples
    --------
    >>> sources([], "org/a", "org/b")
    ()
    """
    rows = [
        _claim(ex, r)
        for ex in _extractions(ds)
        for r in ex.relations
        if {r.subject, r.object} == {a, b}
    ]
    return tuple(sorted(rows, key=lambda c: (c.published or "", c.article, c.relation)))


# ------------------------------------------------------------------ conflicts


def _unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = unit.casefold()
    return u[:-1] if len(u) > 3 and u.endswith("s") else u


def _quantity_claims(ex: Extraction) -> Iterator[tuple[tuple[str, ...], QuantityClaim]]:
    quantities = {q.id: q for q in ex.quantities}
    converted = {q.converted_from for q in ex.quantities if q.converted_from}
    for r in ex.relations:
        q = quantities.get(r.quantity) if r.quantity else None
        if q is not None and q.id not in converted and q.converted_from is None:
            yield (r.subject, r.predicate.value, r.object), _qclaim(_claim(ex, r), q)
    for q in ex.quantities:
        if q.about and q.converted_from is None and q.id not in converted:
            span = q.span.text
            c = ClaimSource(
                article=ex.document.id, relation=q.id, subject=q.about, predicate="about",
                object="", title=ex.document.title, published=ex.document.published,
                publisher=ex.document.publisher, wire_source=ex.document.wire_source,
                sentence=span,
            )  # fmt: skip
            yield (q.about,), _qclaim(c, q)


def _qclaim(c: ClaimSource, q: Quantity) -> QuantityClaim:
    value = q.normalized if q.normalized is not None else q.value
    return QuantityClaim(
        claim=c, text=q.text, kind=q.kind.value, unit=q.unit, value=value,
        lower=q.lower, upper=q.upper,
    )  # fmt: skip


def _interval(q: QuantityClaim) -> tuple[float, float] | None:
    if q.value is not None:
        return q.value, q.value
    if q.lower is not None or q.upper is not None:
        return (q.lower or 0.0, q.upper if q.upper is not None else float("inf"))
    return None


def _difference(x: QuantityClaim, y: QuantityClaim, tolerance: float) -> float | None:
    """Relative gap between two values, or None when they agree (or cannot be compared)."""
    a, b = _interval(x), _interval(y)
    if a is None or b is None:
        return None
    if a[0] <= b[1] and b[0] <= a[1]:
        return None
    gap = max(a[0] - b[1], b[0] - a[1])
    scale = max(abs(a[1]), abs(b[1]), 1e-12)
    return gap / scale if gap / scale > tolerance else None


def conflicts(
    ds: Dataset | Graph | Iterable[Extraction],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    within_article: bool = False,
) -> tuple[Conflict, ...]:
    """Return the pairs of claims whose numbers about the same thing disagree.

    Parameters
    ----------
    ds : rdflib.Dataset, rdflib.Graph or iterable of Extraction
        A built graph, or the extractions themselves.
    tolerance : float
        Relative difference below which two values are one (default 5%).
    within_article : bool
        Also compare the numbers of one article with each other (off by default: an article
        giving a total and a first phase is not disagreeing with itself).

    Returns
    -------
    tuple of Conflict
        Sorted by (about, kind, unit, first article, second article).

    Examples
    --------
    >>> conflicts([])
    ()
    """
    groups: dict[tuple[tuple[str, ...], str, str | None], list[QuantityClaim]] = defaultdict(list)
    for ex in _extractions(ds):
        for about, qc in _quantity_claims(ex):
            groups[(about, qc.kind, _unit(qc.unit))].append(qc)
    out: list[Conflict] = []
    for (about, kind, unit), items in sorted(groups.items(), key=lambda kv: str(kv[0])):
        out.extend(_pairs(about, kind, unit, items, tolerance, within_article))
    return tuple(out)


def _pairs(
    about: tuple[str, ...],
    kind: str,
    unit: str | None,
    items: list[QuantityClaim],
    tolerance: float,
    within_article: bool,
) -> Iterator[Conflict]:
    seen: set[tuple[str, str, str, str]] = set()
    items = sorted(items, key=lambda q: (q.claim.published or "", q.claim.article, q.text))
    for x, y in combinations(items, 2):
        if x.claim.article == y.claim.article and not within_article:
            continue
        key = (x.claim.article, x.text, y.claim.article, y.text)
        gap = _difference(x, y, tolerance)
        if gap is None or key in seen:
            continue
        seen.add(key)
        yield Conflict(
            about=about, kind=kind, unit=unit, first=x, second=y, relative_difference=gap
        )
