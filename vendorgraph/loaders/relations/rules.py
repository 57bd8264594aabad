"""The trigger rules of ``patterns/relations.toml``: surface patterns over a masked sentence.

A rule is a regular expression over the sentence with its entity mentions replaced by
placeholders that carry a class: ``{S:org}`` is a subject slot of class ``org``,
``{O:chip|product}`` an object slot, ``{g}``, ``{G}`` and ``{n}`` gaps of bounded length.

Examples
--------
>>> rules = load_relation_rules()
>>> {r.predicate.value for r in rules} >= {"supplies", "restricts", "uses"}
True
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from vendorgraph.errors import ModelError
from vendorgraph.loaders.text import RuleFilter, rule_filter
from vendorgraph.ontology.terms import Predicate

__all__ = ["RelationRule", "load_relation_rules", "relation_rule_filter"]


_GAP_SHORT = r"[^\x01\x02;]{0,60}?"
_GAP_NONE = r"[^\x01\x02\x03;]{0,60}?"
_GAP_LONG = r"[^;]{0,160}?"
_SLOT = re.compile(r"\{([SO]):([a-z|]+)\}")


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationRule:
    """One trigger pattern of ``patterns/relations.toml``, compiled."""

    predicate: Predicate
    regex: re.Pattern[str]
    source: str
    objects_all: bool = False
    subject_list: bool = False
    object_list: bool = False
    government_subject: bool = False
    vendor_first: bool = False
    customer_first: bool = False
    object_classes: str = ""


@functools.cache
def load_relation_rules() -> tuple[RelationRule, ...]:
    """Read and compile ``patterns/relations.toml`` (once per process).

    Raises
    ------
    ModelError
        If a rule names a predicate that is not in the vocabulary.

    Examples
    --------
    >>> rules = load_relation_rules()
    >>> {r.predicate.value for r in rules} >= {"supplies", "restricts", "uses"}
    True
    """
    raw = tomllib.loads(
        (resources.files("vendorgraph.loaders") / "patterns" / "relations.toml").read_text("utf-8")
    )
    return tuple(_rule(entry) for entry in raw["rule"])


def _rule(entry: dict[str, Any]) -> RelationRule:
    try:
        predicate = Predicate(entry["predicate"])
    except ValueError as err:
        valid = ", ".join(p.value for p in Predicate)
        raise ModelError(
            f"relation rule has predicate {entry['predicate']!r}; use one of {valid}"
        ) from err
    return RelationRule(
        predicate=predicate,
        regex=re.compile(_expand(entry["pattern"]), re.IGNORECASE),
        source=entry["pattern"],
        objects_all=entry.get("objects") == "all",
        subject_list=bool(entry.get("subject_list")),
        object_list=bool(entry.get("object_list")),
        government_subject=entry.get("subject") == "government",
        vendor_first=entry.get("order") == "vendor",
        customer_first=entry.get("order") == "customer",
        object_classes=_object_classes(entry["pattern"]),
    )


def _expand(pattern: str) -> str:
    def slot(match: re.Match[str]) -> str:
        name = "s" if match.group(1) == "S" else "o"
        if match.group(2) == "its":
            return rf"\x03(?P<{name}>\d+)\x03"
        return rf"\x01(?P<{name}>\d+):(?:{match.group(2)})\x02"

    text = _SLOT.sub(slot, pattern)
    return text.replace("{g}", _GAP_SHORT).replace("{G}", _GAP_LONG).replace("{n}", _GAP_NONE)


def _object_classes(pattern: str) -> str:
    match = re.search(r"\{O:([a-z|]+)\}", pattern)
    return match.group(1) if match else ""


@functools.cache
def relation_rule_filter() -> RuleFilter:
    """Return the literal prefilter of the relation rules (built once).

    A rule is skipped when a word or placeholder it needs is missing from the masked clause
    (see :func:`vendorgraph.loaders.text.rule_filter`).
    """
    return rule_filter([rule.regex for rule in load_relation_rules()])
