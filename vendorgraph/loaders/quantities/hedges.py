"""What the words around a quantity add: hedges, deadlines and the article's own conversions.

The text just before a match (``HEDGE_WINDOW`` characters) is searched for a hedge ("up to",
"roughly"), which sets ``approximate`` and a bound, and before a date for a deadline cue
("by", "no later than"). A money amount right after another, in another currency, is linked to it.

Examples
--------
>>> from vendorgraph.loaders.quantities.patterns import load_patterns
>>> patterns = load_patterns()
>>> hedge_fields("Acme will buy up to ", "acme will buy up to ", patterns, {"value": 6.0})
{'approximate': True, 'upper': 6.0}
>>> deadline_fields("paid through ", "paid through ", patterns, {"iso": "2027"})
{'deadline': True, 'iso': '2027-12-31'}
"""

from __future__ import annotations

import re
from dataclasses import replace

from vendorgraph.loaders.quantities.records import Fields, Patterns
from vendorgraph.ontology.model import Quantity
from vendorgraph.ontology.terms import QuantityKind

__all__ = ["HEDGE_WINDOW", "deadline_fields", "hedge_fields", "link_conversions"]

HEDGE_WINDOW = 30


def _search(
    regex: re.Pattern[str], lower: re.Pattern[str] | None, window: str, lowered: str | None
) -> re.Match[str] | None:
    """Search `window` with `regex`, or its lower-cased ASCII form with `lower` (the same)."""
    if lower is not None and lowered is not None:
        return lower.search(lowered)
    return regex.search(window)


def hedge_fields(window: str, lowered: str | None, patterns: Patterns, fields: Fields) -> Fields:
    """Return what a hedge just before the match sets (``approximate``, a bound)."""
    found = _search(patterns.hedge, patterns.hedge_lower, window, lowered)
    if found is None:
        return {}
    phrase = " ".join(found["h"].lower().split())
    hedge = patterns.hedges.get(phrase) or next(
        h for h in patterns.vocab["hedges"] if h["phrase"] == phrase
    )
    out: Fields = {"approximate": fields.get("approximate", False) or hedge["approximate"]}
    if hedge["bound"] and fields.get("value") is not None:
        out[hedge["bound"]] = fields["value"]
    return out


def deadline_fields(window: str, lowered: str | None, patterns: Patterns, fields: Fields) -> Fields:
    """Return what a deadline cue before a date sets (``deadline``, a year's end)."""
    if not _search(patterns.deadline, patterns.deadline_lower, window, lowered):
        return {}
    out: Fields = {"deadline": True}
    iso = fields.get("iso")
    if (
        iso
        and len(iso) == 4
        and _search(patterns.end_of_period, patterns.end_of_period_lower, window, lowered)
    ):
        out["iso"] = f"{iso}-12-31"
    return out


def link_conversions(text: str, patterns: Patterns, quantities: list[Quantity]) -> list[Quantity]:
    """Mark each money amount the article gives as a conversion of the one before."""
    linked = list(quantities)
    for i in range(1, len(linked)):
        before, this = linked[i - 1], linked[i]
        if before.kind is QuantityKind.MONEY and this.kind is QuantityKind.MONEY:
            gap = text[before.span.end : this.span.start]
            if before.unit != this.unit and patterns.conversion_gap.search(gap):
                linked[i] = replace(this, converted_from=before.id, **_same_hedge(before, this))
    return linked


def _same_hedge(source: Quantity, conversion: Quantity) -> Fields:
    """Carry the source's hedge ("more than ₱3 trillion") over to the article's conversion."""
    out: Fields = {"approximate": source.approximate or conversion.approximate}
    for bound in ("lower", "upper"):
        if getattr(source, bound) is not None and source.value is not None:
            out[bound] = conversion.value
    return out
