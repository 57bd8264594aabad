"""The whole pass: :func:`find_quantities`, and :func:`distinct_quantities` over its result.

Every rule's matches are collected (``positions``), overlaps resolved longest first (ties go
to the earlier rule), each match read by its kind's builder (``kinds``) and the words before
it (``hedges``), and the article's own conversions linked.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="Helix raised US$5bn, roughly 10% more, in 2025.")
>>> [(q.text, q.kind.value, q.approximate) for q in find_quantities(doc)]
[('US$5bn', 'money', False), ('10%', 'percent', True), ('2025', 'date', False)]
"""

from __future__ import annotations

import re

from vendorgraph.loaders.quantities.hedges import (
    HEDGE_WINDOW,
    deadline_fields,
    hedge_fields,
    link_conversions,
)
from vendorgraph.loaders.quantities.kinds import BUILDERS
from vendorgraph.loaders.quantities.patterns import load_patterns
from vendorgraph.loaders.quantities.positions import rule_candidates
from vendorgraph.loaders.quantities.records import Patterns
from vendorgraph.ontology.model import Document, Quantity
from vendorgraph.ontology.terms import QuantityKind

__all__ = ["Candidate", "distinct_quantities", "find_quantities"]


def find_quantities(document: Document) -> tuple[Quantity, ...]:
    """Return the quantities stated in the body of a document, in text order.

    Only ``document.text[document.body_start:]`` is read; spans are offsets into
    ``document.text`` and ids are ``qty/<document id>/<start>-<end>``.

    Parameters
    ----------
    document : Document
        The article.

    Returns
    -------
    tuple of Quantity
        Sorted by span start. A quantity the article gives as its own conversion of the one
        before ("₱3 trillion ($50 billion)") names it in ``converted_from``.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> doc = Document(text="Sales rose roughly 90% to ₱3 trillion ($50 billion) in 2023.")
    >>> [(q.text, q.kind.value) for q in find_quantities(doc)]
    [('90%', 'percent'), ('₱3 trillion', 'money'), ('$50 billion', 'money'), ('2023', 'date')]
    >>> pct, php, usd, year = find_quantities(doc)
    >>> pct.normalized, pct.approximate, usd.converted_from == php.id
    (0.9, True, True)
    """
    patterns = load_patterns()
    matches = _resolve(rule_candidates(document, patterns), len(document.text))
    prefix = f"qty/{document.id}"
    quantities = [_quantity(document, patterns, prefix, found) for found in matches]
    return tuple(link_conversions(document.text, patterns, quantities))


def distinct_quantities(quantities: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """Keep the first mention of each (kind, surface text), the way an article's figures are listed.

    A figure repeated verbatim (a date mentioned twice, a quote printed twice) is one stated
    number; its first mention stands for it.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> doc = Document(text="On Monday it rose 5%. By Monday it fell 5%.")
    >>> [q.text for q in distinct_quantities(find_quantities(doc))]
    ['Monday', '5%']
    """
    seen: set[tuple[QuantityKind, str]] = set()
    kept = []
    for quantity in quantities:
        key = (quantity.kind, " ".join(quantity.text.casefold().split()))
        if key not in seen:
            seen.add(key)
            kept.append(quantity)
    return tuple(kept)


Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match


def _resolve(candidates: list[Candidate], size: int) -> list[Candidate]:
    taken = bytearray(size)
    chosen = []
    for found in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = found[0], found[1]
        if taken.find(1, start, end) < 0:  # nothing in [start, end) taken yet
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(found)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _quantity(document: Document, patterns: Patterns, prefix: str, found: Candidate) -> Quantity:
    start, end, index, match = found
    rule = patterns.rules[index]
    fields = BUILDERS[rule.kind](match, patterns.vocab, document.text)
    window = document.text[max(document.body_start, start - HEDGE_WINDOW) : start]
    lowered = window.lower() if window.isascii() else None
    fields.update(hedge_fields(window, lowered, patterns, fields))
    if rule.kind is QuantityKind.DATE:
        fields.update(deadline_fields(window, lowered, patterns, fields))
    return Quantity(
        id=f"{prefix}/{start}-{end}",
        kind=rule.kind,
        text=document.text[start:end],
        span=document.span(start, end),
        **fields,
    )
