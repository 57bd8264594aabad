"""The builders of each kind: money, counts, percentages, fractions, power, dates, durations.

``BUILDERS`` maps a :class:`~vendorgraph.ontology.terms.QuantityKind` to the function that
turns a rule's match into field values (value, unit, normalized, bounds, ISO date).

Examples
--------
>>> from vendorgraph.loaders.quantities.patterns import load_patterns
>>> patterns = load_patterns()
>>> text = "It costs $38B."
>>> rule = next(r for r in patterns.rules if r.regex.search(text))
>>> BUILDERS[rule.kind](rule.regex.search(text), patterns.vocab, text)
{'value': 38000000000.0, 'unit': 'USD', 'normalized': 38000000000.0}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from vendorgraph.loaders.quantities.numerals import (
    lookup,
    multiplier,
    named_group,
    read_number,
    vague_bounds,
)
from vendorgraph.loaders.quantities.records import Fields
from vendorgraph.ontology.terms import QuantityKind

__all__ = ["BUILDERS"]

_NOUN_WINDOW = 70
_TOKEN = re.compile(r"[A-Za-z][\w-]*|[^\sA-Za-z]")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s?")


def _money(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    unit = _currency(match["cur"], vocab)
    vague = vague_bounds(match, vocab, "plural_money_scale")
    if vague:
        return {"unit": unit, **vague}
    value = read_number(match, vocab)
    if value is None:
        scale = multiplier(match, vocab)
        low, high = lookup(vocab["vague_prefix"], match["vague"]) if match["vague"] else (1, 10)
        return {"unit": unit, "lower": low * scale, "upper": high * scale, "approximate": True}
    value *= multiplier(match, vocab)
    return {"value": value, "unit": unit, "normalized": value}


def _currency(symbol: str, vocab: Mapping[str, Any]) -> str | None:
    for table in ("currency_symbol", "currency_word", "currency_adjective_unit"):
        code = lookup(vocab[table], symbol)
        if code:
            return str(code)
    return symbol.upper() if symbol.upper() in vocab["currency_code"] else None


def _count(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    noun = named_group(match, "noun") or _counted_noun(text, match.end(), vocab)
    vague = vague_bounds(match, vocab, "plural_scale")
    if vague:
        return {"unit": noun, **vague}
    value = (read_number(match, vocab) or 0.0) * multiplier(match, vocab)
    return {"value": value, "unit": noun, "normalized": value}


def _counted_noun(text: str, end: int, vocab: Mapping[str, Any]) -> str | None:
    stop = set(vocab["count_stopwords"])
    for token in _TOKEN.findall(text[end : end + _NOUN_WINDOW])[:5]:
        if not token[0].isalpha():
            return None
        if token.lower() in stop or "-" in token:
            continue
        if _ACRONYM_PLURAL.fullmatch(token) or token.islower():
            return token
    return None


def _percent(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    value = read_number(match, vocab) or 0.0
    unit = match["unit"].lower()
    if unit.startswith(("basis", "bp")):
        return {"value": value, "unit": "bp", "normalized": value / 10000}
    unit = "pp" if "point" in unit else "%"
    return {"value": value, "unit": unit, "normalized": value / 100}


def _fraction(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    frac = named_group(match, "frac")
    if named_group(match, "ratio"):
        share = 1 / (read_number(match, vocab) or 1.0)
        return {"value": share, "normalized": share}
    if frac is None:
        value = read_number(match, vocab) or 0.0
        return {"value": value, "unit": "x", "normalized": value}
    for table in ("fraction", "fraction_before_of", "multiplier_word"):
        found = lookup(vocab[table], frac)
        if found is not None:
            unit = "x" if table == "multiplier_word" else None
            return {"value": float(found), "unit": unit, "normalized": float(found)}
    return {}


def _power(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    value = (read_number(match, vocab) or 0.0) * multiplier(match, vocab)
    value *= float(lookup(vocab["power_unit"], match["unit"]))
    return {"value": value, "unit": "W", "normalized": value}


def _date(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    year, decade = named_group(match, "year"), named_group(match, "decade")
    if decade:
        return {"iso": f"{decade}/{int(decade) + 9}"}
    if year is None:
        return {}
    part = named_group(match, "part")
    if part:
        return {"iso": _part_iso(year, part, vocab)}
    month = named_group(match, "month")
    if month is None:
        return {"iso": year}
    number = int(month) if month.isdigit() else int(vocab["month"][month])
    day = named_group(match, "day")
    iso = f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else "")
    return {"iso": iso}


def _part_iso(year: str, part: str, vocab: Mapping[str, Any]) -> str:
    start, end = lookup(vocab["period_part"], part) or (None, None)
    if start and end:
        return f"{year}-{start}/{year}-{end}"
    if start or end:
        return f"{year}-{start or end}"
    return year


def _duration(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    unit_name, years = lookup(vocab["duration_unit"], match["unit"])
    value = read_number(match, vocab)
    if value is not None:
        return {"value": value, "unit": unit_name, "normalized": value * years}
    vague = named_group(match, "vague")
    bounds = (
        lookup(vocab["vague_duration"], vague)
        if vague and lookup(vocab["vague_duration"], vague)
        else lookup(vocab["bare_duration"], match["unit"]) or vocab["vague_compound_duration"]
    )
    low, high = bounds
    return {
        "unit": unit_name,
        "lower": float(low),
        "upper": None if high is None else float(high),
        "approximate": True,
    }


BUILDERS: dict[QuantityKind, Callable[[re.Match[str], Mapping[str, Any], str], Fields]] = {
    QuantityKind.MONEY: _money,
    QuantityKind.COUNT: _count,
    QuantityKind.PERCENT: _percent,
    QuantityKind.FRACTION: _fraction,
    QuantityKind.POWER: _power,
    QuantityKind.DATE: _date,
    QuantityKind.DURATION: _duration,
}
