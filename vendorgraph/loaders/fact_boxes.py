"""Fact-box lines: "Products: T1 and T2", "Key people: Jane Roe (CEO)", "- Foundry: TSMC".

A company profile, an encyclopedia entry or a spec sheet opens with lines of a label and a
value. The labels of ``patterns/labels.toml`` state a relation between the company the article
is about and what the value names (read by :mod:`vendorgraph.loaders.relations.labels`); the
names in such a value are names (read by :mod:`vendorgraph.loaders.names`), where the value of
another label ("Rating: Outperform") names no one.

Examples
--------
>>> box = fact_box("Customers: Vesper Cloud, Tamsin AI")
>>> box.predicate.value, box.article_is_subject, box.kind, box.value
('supplies', True, 'org', 11)
>>> fact_box("- **Foundry:** TSMC").predicate.value
'supplies'
>>> fact_box("Headquarters: Lyon") is None
True
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from vendorgraph.ontology.terms import Predicate

__all__ = ["FactBox", "fact_box"]

# a label after an optional list bullet, in bold or not ("**Customers:**"), then a colon and
# the value
_LINE = re.compile(
    r"[ \t]*(?:[-*•·][ \t]+)?(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z ]{1,30}?)[ \t]*"
    r"(?::(?:\*\*|__)?|(?:\*\*|__):)[ \t]+\S"
)


@dataclass(frozen=True, slots=True)
class FactBox:
    """What a fact-box line states: the relation, the article's company's role, the value."""

    predicate: Predicate
    article_is_subject: bool  # else the company the article is about is the object
    kind: str  # what the value names: "org", "person" or "offering"
    value: int  # where the value starts in the line


@functools.cache
def _labels() -> dict[str, tuple[Predicate, bool, str]]:
    """Read ``patterns/labels.toml``: each label (lower case) and what it states."""
    source = resources.files("vendorgraph.loaders") / "patterns" / "labels.toml"
    raw = tomllib.loads(source.read_text("utf-8"))
    return {
        label.lower(): (Predicate(entry["predicate"]), entry["article"] == "subject", entry["kind"])
        for entry in raw["label"]
        for label in entry["labels"]
    }


def fact_box(line: str) -> FactBox | None:
    """Return what `line` states as a fact-box line of a listed label, or None."""
    if ":" not in line:
        return None
    match = _LINE.match(line)
    found = _labels().get(match.group("label").lower()) if match is not None else None
    if match is None or found is None:
        return None
    predicate, article_is_subject, kind = found
    return FactBox(predicate, article_is_subject, kind, match.end() - 1)
