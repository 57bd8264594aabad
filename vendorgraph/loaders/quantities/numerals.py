r"""Numbers, multipliers and vague amounts, read from a rule's named groups.

Examples
--------
>>> import re
>>> from vendorgraph.loaders.quantities.patterns import load_patterns
>>> vocab = load_patterns().vocab
>>> match = re.match(r"(?P<num>[\w-]+) (?P<scale>\w+)", "twenty-five million")
>>> read_number(match, vocab) * multiplier(match, vocab)
25000000.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from vendorgraph.loaders.quantities.records import Fields

__all__ = ["lookup", "multiplier", "named_group", "number_words", "read_number", "vague_bounds"]


def number_words(data: Mapping[str, Any]) -> dict[str, float]:
    """Return the number words and their values, compounds such as "twenty-five" too."""
    units: dict[str, float] = dict(data.get("number_words", {}))
    tens: dict[str, float] = dict(data.get("tens_words", {}))
    words = {**units, **tens}
    for ten, tv in tens.items():
        for unit, uv in units.items():
            if uv < 10:
                words[f"{ten}-{unit}"] = tv + uv
    return words


def named_group(match: re.Match[str], name: str) -> str | None:
    """Return the text of group `name`, or None if the rule has no such group."""
    return match[name] if name in match.re.groupindex else None


def lookup(table: Mapping[str, Any], key: str) -> Any:
    """Look `key` up in `table` with whitespace folded, then ignoring case; None if absent."""
    folded = " ".join(key.split())
    if folded in table:
        return table[folded]
    lowered = {k.lower(): v for k, v in table.items()}
    return lowered.get(folded.lower())


def read_number(match: re.Match[str], vocab: Mapping[str, Any]) -> float | None:
    """Return the value of the ``num`` group (digits, a number word, "a"), or None."""
    text = named_group(match, "num")
    if text is None:
        return None
    if text.lower() in ("a", "an"):
        return 1.0
    if text[0].isdigit():
        return float(text.replace(",", ""))
    return float(vocab["_number_words"][text.lower()])


def multiplier(match: re.Match[str], vocab: Mapping[str, Any]) -> float:
    """Return the factor of the ``scale`` or ``suffix`` group (1.0 without one)."""
    scale, suffix = named_group(match, "scale"), named_group(match, "suffix")
    if scale:
        return float(lookup(vocab["scale"], scale))
    if suffix:
        return float(vocab["money_suffix"][suffix])
    return 1.0


def vague_bounds(match: re.Match[str], vocab: Mapping[str, Any], table: str) -> Fields:
    """Return the bounds of a vague amount ("billions", "tens of billions"), or ``{}``."""
    plural, vague = named_group(match, "plural"), named_group(match, "vague")
    if plural and vague:
        low, high = lookup(vocab["vague_of"], vague)
        unit = float(lookup(vocab["scale"], plural.lower().removesuffix("s")))
        return {"lower": low * unit, "upper": high * unit, "approximate": True}
    if plural:
        low, high = lookup(vocab[table], plural)
        return {"lower": float(low), "upper": float(high), "approximate": True}
    return {}
