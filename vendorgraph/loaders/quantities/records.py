"""The compiled rules' records: :class:`Patterns`, each :class:`Rule`, and the start scans.

:func:`~vendorgraph.loaders.quantities.patterns.load_patterns` builds them once; they are
frozen and shared by every document. ``Fields`` is what a kind's builder returns.

Examples
--------
>>> from vendorgraph.loaders.quantities.patterns import load_patterns
>>> rule = load_patterns().rules[0]
>>> isinstance(rule, Rule), rule.name, rule.kind.value
(True, 'money.symbol', 'money')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vendorgraph.loaders.text import RuleFilter
from vendorgraph.ontology.terms import QuantityKind

__all__ = ["Fields", "FinderScan", "Patterns", "Rule", "WordScan"]

Fields = dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One compiled rule: its regex, its kind, and where its matches can start."""

    name: str
    kind: QuantityKind
    regex: re.Pattern[str]
    lead: str | None = None  # the number slot every match starts with ("num", "num_a")
    starts: re.Pattern[str] | None = None  # matches wherever a match can start
    words: tuple[str, ...] = ()  # lower-cased; every match starts, after \b, with one of them
    surface: int | str = 0  # the group whose span is the quantity's text


@dataclass(frozen=True, slots=True, kw_only=True)
class Patterns:
    """The compiled quantity rules and the vocabularies their builders read.

    Build it with :func:`load_patterns`; it is immutable and shared.
    """

    version: str
    rules: tuple[Rule, ...]
    vocab: Mapping[str, Any]
    hedge: re.Pattern[str]
    deadline: re.Pattern[str]
    end_of_period: re.Pattern[str]
    conversion_gap: re.Pattern[str]
    prefilter: RuleFilter | None = None
    leads: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    lead_scans: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    words: WordScan | None = None
    finders: FinderScan | None = None
    hedges: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # the first per phrase
    # hedge, deadline and end_of_period for lower-cased ASCII text (None: use those)
    hedge_lower: re.Pattern[str] | None = None
    deadline_lower: re.Pattern[str] | None = None
    end_of_period_lower: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WordScan:
    """One regex that finds, at every word start, the longest leading word of any rule."""

    regex: re.Pattern[str]  # in lower-cased text: a non-word character, then (group 1) a word
    owners: Mapping[str, tuple[int, ...]]  # that word → the rules of it and of its prefixes
    rules: frozenset[int]  # the rules whose starts this scan gives
    firsts: Mapping[int, re.Pattern[str]]  # a rule's start-finder class, which also holds


@dataclass(frozen=True, slots=True, kw_only=True)
class FinderScan:
    """One regex that finds the starts of every rule's start finder at once."""

    regex: re.Pattern[str]  # a word start whose character is in any finder's class
    classes: Mapping[str, re.Pattern[str]]  # finder pattern → its first-character class
    memo: dict[str, tuple[str, ...]] = field(default_factory=dict)  # character → finders
