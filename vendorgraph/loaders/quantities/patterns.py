"""The rules of ``patterns/quantities.json``, compiled: slots expanded, cues built, scans attached.

A rule's template names slots (``{num}``, ``{scale}``, ``{cur}`` …) that expand to
alternations of the vocabulary. The hedge, deadline and end-of-period cues become regexes
searched in the text just before a match.

Examples
--------
>>> patterns = load_patterns()
>>> patterns.version, patterns.rules[0].name
('quantities.v1', 'money.symbol')
>>> patterns.hedge.search("Acme will buy up to ")["h"]
'up to'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from vendorgraph.loaders.quantities.numerals import number_words
from vendorgraph.loaders.quantities.pattern_heads import leading_words, start_finder
from vendorgraph.loaders.quantities.records import Patterns, Rule
from vendorgraph.loaders.quantities.scans import ARTICLES, LEADS, finder_scan, lead_scan, word_scan
from vendorgraph.loaders.quantities.tries import trie_alternation
from vendorgraph.loaders.text import ASCII_TWINS, rule_filter
from vendorgraph.ontology.terms import QuantityKind

__all__ = ["compile_patterns", "load_patterns"]

_PATTERN_FILE = "quantities.json"
_DIGITS = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"


@cache
def load_patterns() -> Patterns:
    """Load and compile ``patterns/quantities.json`` (once per process).

    Returns
    -------
    Patterns

    Examples
    --------
    >>> patterns = load_patterns()
    >>> patterns.version, len(patterns.rules) > 20
    ('quantities.v1', True)
    """
    source = resources.files("vendorgraph.loaders").joinpath("patterns", _PATTERN_FILE)
    return compile_patterns(json.loads(source.read_text(encoding="utf-8")))


def compile_patterns(data: Mapping[str, Any]) -> Patterns:
    """Compile a rules mapping (the structure of ``quantities.json``) into :class:`Patterns`.

    Parameters
    ----------
    data : Mapping
        ``rules`` (a list of ``{"name", "kind", "pattern"}``) and the vocabularies.

    Returns
    -------
    Patterns

    Examples
    --------
    >>> data = {"version": "t.v1", "rules": [{"name": "pct", "kind": "percent",
    ...         "pattern": "{num}%"}], "hedges": [], "deadline_cues": ["by"],
    ...         "end_of_period_cues": [], "conversion_gap": "^$", "number_words": {},
    ...         "tens_words": {}}
    >>> compile_patterns(data).rules[0].regex.pattern.endswith("%")
    True
    """
    slots = _slots(data)
    expand = _expander(slots)
    rules = tuple(
        Rule(
            name=r["name"],
            kind=QuantityKind(r["kind"]),
            regex=regex,
            lead=next((k for k in LEADS if r["pattern"].startswith(f"{{{k}}}")), None),
            starts=start_finder(regex),
            words=leading_words(regex),
            surface="q" if "q" in regex.groupindex else 0,
        )
        for r in data["rules"]
        for regex in [re.compile(expand(r["pattern"]))]
    )
    words = word_scan(rules)
    hedge = trie_alternation([h["phrase"] for h in data["hedges"]], words=True)
    hedge_group = f"(?:{hedge or '(?!)'})"
    return Patterns(
        version=data["version"],
        rules=rules,
        vocab={**data, "_number_words": number_words(data)},
        hedge=(
            _ending(rf"(?i:(?P<h>{hedge}))\s*$", [h["phrase"] for h in data["hedges"]])
            if hedge
            else re.compile(r"(?!)")
        ),
        deadline=_cue(data["deadline_cues"]),
        end_of_period=_cue(data["end_of_period_cues"]),
        hedge_lower=_lower(rf"(?P<h>{hedge})\s*$", [h["phrase"] for h in data["hedges"]]),
        deadline_lower=_lower_cue(data["deadline_cues"]),
        end_of_period_lower=_lower_cue(data["end_of_period_cues"]),
        conversion_gap=re.compile(data["conversion_gap"].replace("{hedge}", hedge_group), re.I),
        prefilter=rule_filter([rule.regex for rule in rules]),
        # every number starts at a word boundary; testing it first skips the lookahead
        leads={k: re.compile(rf"\b(?=(?:{slots[k]}))") for k in LEADS},
        lead_scans={k: lead_scan(slots[k], data, k == "num_a") for k in LEADS},
        words=words,
        finders=finder_scan(rules, words.rules if words is not None else frozenset()),
        hedges={h["phrase"]: h for h in reversed(data["hedges"])},
    )


def _cue(phrases: list[str]) -> re.Pattern[str]:
    alternation = trie_alternation(phrases, words=True)
    if not alternation:
        return re.compile(r"(?!)")
    return _ending(rf"(?i:{alternation})\s+(?:the\s+)?$", phrases)


def _lower_cue(phrases: list[str]) -> re.Pattern[str] | None:
    return _lower(rf"(?:{trie_alternation(phrases, words=True)})\s+(?:the\s+)?$", phrases)


def _lower(pattern: str, phrases: list[str]) -> re.Pattern[str] | None:
    """Compile `pattern`, written without ``(?i:…)``, for search() in lower-cased ASCII text.

    In ASCII text, ignoring case is lower-casing both sides, and a pattern of lower-case
    ASCII phrases is the case-insensitive one as written; searching it in ``text.lower()``
    finds the same matches (the same spans, groups lower-cased) faster. None when a phrase is
    not lower-case ASCII or there is none.
    """
    phrases = [p for p in phrases if p]
    if not phrases or not all(p.isascii() and p == p.lower() for p in phrases):
        return None
    chars = "".join(sorted({p[0] for p in phrases}))
    return re.compile(rf"[{re.escape(chars)}](?<=(?={pattern}).)")


def _ending(pattern: str, phrases: list[str]) -> re.Pattern[str]:
    """Compile `pattern`, which starts (case-insensitively) with one of `phrases`, for search().

    Every match starts with a phrase's first character: in either case, or one of
    ``ASCII_TWINS`` (the only non-ASCII characters that match an ASCII letter ignoring
    case). Leading with a class of those lets search() skip ahead; the pattern itself runs in
    a lookahead there, so the leftmost match and its groups are the plain pattern's (only the
    span differs). Non-ASCII first characters keep the plain pattern.
    """
    firsts = {p[0] for p in phrases if p}
    if not firsts or not all(c.isascii() for c in firsts):
        return re.compile(pattern)
    chars = {v for c in firsts for v in (c.lower(), c.upper())} | ASCII_TWINS
    return re.compile(rf"[{re.escape(''.join(sorted(chars)))}](?<=(?={pattern}).)")


def _slots(data: Mapping[str, Any]) -> dict[str, str]:
    insensitive = set(data.get("case_insensitive", ()))
    slots: dict[str, str] = {}
    for key, value in data.items():
        if (
            isinstance(value, dict | list)
            and key != "rules"
            and all(isinstance(k, str) for k in value)
        ):
            alternation = trie_alternation(list(value))
            slots[key] = f"(?i:{alternation})" if key in insensitive else alternation
    words = number_words(data)
    word_alt = trie_alternation(list(words))
    slots["digits"] = rf"(?P<num>{_DIGITS})"
    slots["num"] = rf"(?P<num>{_DIGITS}|\b(?i:{word_alt})\b)" if word_alt else slots["digits"]
    slots["num_a"] = (
        slots["num"].replace(r"\b(?i:", rf"\b(?i:{'|'.join(ARTICLES)}|", 1)
        if word_alt
        else slots["digits"]
    )
    return slots


def _expander(slots: Mapping[str, str]) -> Callable[[str], str]:
    def expand(template: str) -> str:
        def slot(match: re.Match[str]) -> str:
            name = match[1]
            if name not in slots:
                raise KeyError(f"pattern slot {name!r} is not defined; known: {sorted(slots)}")
            return f"(?:{slots[name]})"

        return re.sub(r"\{([a-z_]+)\}", slot, template)

    return expand
