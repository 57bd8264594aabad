"""Which cue rules can match a sentence, and matching only where a rule's words occur.

The cue patterns run sentence by sentence; a sentence that lacks every word a pattern needs
(a role, a suffix, a descriptor ...) is skipped with one Aho-Corasick pass per sentence. A
pattern whose matches all start at one of a few leading words (a role, a suffix, a person cue)
is tried only where one of those words occurs (:func:`lead_matches`).

Examples
--------
>>> from vendorgraph.loaders.entities.patterns import load_entity_patterns
>>> text = "ZenGen Labs and Acme Ventures"
>>> pattern = load_entity_patterns().org_suffix
>>> [m.group() for m in lead_matches(pattern, "org_suffix", text)]
['Labs', 'Ventures']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

from vendorgraph.loaders.entities.patterns import (
    SPEECH,
    WHO,
    EntityPatterns,
    load_entity_patterns,
    raw_patterns,
)
from vendorgraph.loaders.entities.table import Table
from vendorgraph.loaders.text import RuleFilter, Sentence, possible_rules, rule_filter

__all__ = ["lead_matches", "rule_matches", "rule_sentences"]


# The cue patterns run sentence by sentence; a sentence that lacks every word a pattern needs
# (a role, a suffix, a descriptor ...) is skipped with one Aho-Corasick pass per sentence.
_FILTERED = (
    "role_person",
    "person_role_org",
    "person_duty",
    "apposition",
    "person_its_role",
    "role_its_person",
    "org_suffix",
    "descriptor",
    "publisher",
    "offering_head",
    "speech_person",
)
# The branches of speech_person share no literal, but each needs a speech verb or "who".
_GATES = {"speech_person": re.compile(rf"{SPEECH}|, (?:{WHO})\b")}


@functools.cache
def _sentence_filter() -> RuleFilter:
    pats = load_entity_patterns()
    return rule_filter([_GATES.get(name) or getattr(pats, name) for name in _FILTERED])


def rule_sentences(table: Table, sents: tuple[Sentence, ...]) -> dict[str, list[int]]:
    """Return, per filtered rule, the indices of the sentences it may match in.

    The rules run only on those sentences (the others cannot match); ``table.possible``
    keeps each sentence's rules for :func:`rule_matches`.
    """
    rules = _sentence_filter()
    by_rule: dict[str, list[int]] = {name: [] for name in _FILTERED}
    for index, sentence in enumerate(sents):
        found = possible_rules(rules, sentence.text)
        table.possible[(sentence.start, sentence.end)] = _rule_names(tuple(found))
        for i in found:
            by_rule[_FILTERED[i]].append(index)
    return by_rule


@functools.lru_cache(maxsize=1024)  # keyed on rule indices (at most 2**10 sets)
def _rule_names(found: tuple[int, ...]) -> frozenset[str]:
    return frozenset(_FILTERED[i] for i in found)


def rule_matches(
    table: Table, pats: EntityPatterns, name: str, sentence: Sentence
) -> Iterator[re.Match[str]]:
    """Return ``pats.<name>.finditer(sentence.text)``, empty when it cannot match."""
    possible = table.possible.get((sentence.start, sentence.end))
    if possible is not None and name not in possible:
        return iter(())
    pattern: re.Pattern[str] = getattr(pats, name)
    if name in _LEAD_RULES:
        return lead_matches(pattern, name, sentence.text)
    return pattern.finditer(sentence.text)


_LEAD_RULES = frozenset({"role_person", "org_suffix"})


@dataclass(frozen=True, slots=True)
class _Leads:
    """The words every match of a pattern starts with, valued by their length."""

    automaton: Any
    folded: bool  # the pattern ignores their case (the words are lower-cased ASCII)


def _build_leads(words: list[str], *, folded: bool) -> _Leads | None:
    if not words or (folded and not all(w.isascii() for w in words)):
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        key = word.lower() if folded else word
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    return _Leads(automaton, folded)


@functools.cache
def _leads() -> dict[str, _Leads | None]:
    """Return the leading words of ``role_person``, ``org_suffix`` and ``person_cue``."""
    raw = raw_patterns()
    return {
        "role_person": _build_leads([*raw["role_ranks"], *raw["roles"]], folded=True),
        "org_suffix": _build_leads(list(raw["org_suffixes"]), folded=False),
        "person_cue": _build_leads(list(raw["person_cues"]["cues"]), folded=False),
    }


def lead_matches(
    pattern: re.Pattern[str], name: str, text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    r"""Return what ``pattern.finditer(text, pos, endpos)`` yields, for the pattern `name`.

    Every match starts at a leading word, so matching only at those (left to right, from the
    end of the last match) finds the same matches; ``\b`` and look-behinds see the text before
    a start either way. Case-insensitive words in a non-ASCII text fall back to ``finditer``.
    """
    end = len(text) if endpos is None else endpos
    leads = _leads()[name]
    if leads is None or (leads.folded and not text.isascii()):
        return pattern.finditer(text, pos, end)
    region = text[pos:end].lower() if leads.folded else text[pos:end]
    starts = sorted({pos + last - length + 1 for last, length in leads.automaton.iter(region)})
    return _matches_at(pattern, text, starts, end)


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], end: int
) -> Iterator[re.Match[str]]:
    reach = 0
    for start in starts:
        if start < reach:
            continue
        match = pattern.match(text, start, end)
        if match is not None:
            yield match
            reach = match.end()
