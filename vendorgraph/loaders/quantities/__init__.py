"""Find the numbers an article states: money, counts, shares, power, dates and durations.

The rules are data: ``patterns/quantities.json`` holds regular-expression templates and the
vocabularies they expand (number words, multipliers, currency symbols and codes, units, vague
amounts, hedges, deadline cues). :func:`load_patterns` compiles them once. Each rule's named
groups say what the match means (``num``, ``scale``, ``cur``, ``unit`` …) and one builder per
:class:`~vendorgraph.ontology.terms.QuantityKind` turns them into field values.

Overlapping matches are resolved longest first (ties go to the earlier rule), so
"tens of billions of dollars" is one money amount, not a count inside it, and "second half of
2026" is one date. Hedges before a match ("roughly", "up to", "more than") set ``approximate``
and a bound but stay outside the span, which is the shortest text that carries value and unit.

The rooms of this package, in the order a pass uses them:

- ``records``: the frozen records of the compiled rules (:class:`Patterns`, ``Rule``, scans);
- ``patterns``: ``patterns/quantities.json`` loaded and compiled (:func:`load_patterns`);
- ``tries``: alternations of phrases, factored as tries;
- ``pattern_heads``: what a rule's matches start with, read from its parsed pattern;
- ``scans``: the start scans compiled with the rules (number slots, leading words, capitals);
- ``positions``: where each rule can start in a document, and its matches from there;
- ``numerals``: number words, numbers, multipliers and vague amounts;
- ``kinds``: one builder per kind (money, counts, percentages, fractions, power, dates,
  durations);
- ``hedges``: hedges, deadline cues and the article's own conversions;
- ``find``: :func:`find_quantities`, the whole pass, and :func:`distinct_quantities`.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="Acme will buy up to 6 gigawatts for $38B by the end of 2027.")
>>> for q in find_quantities(doc):
...     print(q.kind.value, repr(q.text), q.value, q.unit, q.approximate, q.iso, q.deadline)
power '6 gigawatts' 6000000000.0 W True None False
money '$38B' 38000000000.0 USD False None False
date 'end of 2027' None None False 2027-12-31 True
"""

from __future__ import annotations

from vendorgraph.loaders.quantities.find import distinct_quantities, find_quantities
from vendorgraph.loaders.quantities.patterns import compile_patterns, load_patterns
from vendorgraph.loaders.quantities.records import Patterns

__all__ = [
    "Patterns",
    "compile_patterns",
    "distinct_quantities",
    "find_quantities",
    "load_patterns",
]
