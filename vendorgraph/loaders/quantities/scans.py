r"""The start scans compiled with the rules: one regex per kind of start.

A rule that starts with a number slot (``LEADS``) is tried where that slot can start
(:func:`lead_scan`); rules that start with known words share one trie of those words
(:func:`word_scan`); rules whose matches start with a capital share one character-class scan
(:func:`finder_scan`). ``positions`` runs them over a document.

Examples
--------
>>> scan = lead_scan(r"\d+|one", {"number_words": {"one": 1}}, False)
>>> [m.start() for m in scan.finditer("Buy 3, or one.")]
[4, 10]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from vendorgraph.loaders.quantities.numerals import number_words
from vendorgraph.loaders.quantities.pattern_heads import finder_class
from vendorgraph.loaders.quantities.records import FinderScan, Rule, WordScan
from vendorgraph.loaders.quantities.tries import build_trie, trie_regex
from vendorgraph.loaders.text import ASCII_TWINS

__all__ = [
    "ARTICLES",
    "ARTICLE_FIRSTS",
    "LEADS",
    "WIDER_LEAD",
    "finder_scan",
    "lead_scan",
    "word_scan",
]

LEADS = ("num_a", "num")  # slots a rule may start with; its matches are tried only there
WIDER_LEAD = {"num": "num_a"}  # every start of the key slot is a start of the value slot
ARTICLES = ("an", "a")  # what "num_a" matches beyond "num"
ARTICLE_FIRSTS = frozenset("aA")  # the only characters those start with, ignoring case
_LONG_WORD = 3  # a rule with a start finder and leading words this long is found by its words


def lead_scan(slot: str, data: Mapping[str, Any], article: bool) -> re.Pattern[str]:
    r"""Return a regex whose match starts are the starts of `slot` ("num" or "num_a").

    The slot begins with a digit (``\d``) or, case-insensitively, with a number word (or "a",
    "an"); the only non-ASCII characters that match an ASCII letter case-insensitively are
    ``ASCII_TWINS``. Leading with that character class lets the engine skip ahead quickly; the
    lookbehind then checks ``\b(?=slot)`` at the character just consumed.
    """
    words = [*number_words(data), *(ARTICLES if article else ())]
    if not all(w.isascii() for w in words):
        return re.compile(rf"\b(?=(?:{slot}))")
    letters = {c for w in words if w for c in (w[0].lower(), w[0].upper())} | ASCII_TWINS
    chars = "\\d" + re.escape("".join(sorted(letters)))
    return re.compile(rf"[{chars}](?<=\b(?=(?:{slot})).)")


def word_scan(rules: tuple[Rule, ...]) -> WordScan | None:
    """Return one scan for every rule's leading words; None if there are none, or one is not ASCII.

    The regex is a trie of the words, so at a word start it captures the longest one; every
    other word starting there is a prefix of it, so its owners include theirs. A rule that also
    has a start finder joins when its words are long (rarer than its finder's capitals); its
    starts are then the positions that both allow.
    """
    owners: dict[str, set[int]] = {}
    classes: dict[int, re.Pattern[str]] = {}
    for index, rule in enumerate(rules):
        if rule.lead is not None or not rule.words:
            continue
        if rule.starts is not None:
            if min(map(len, rule.words)) < _LONG_WORD or finder_class(rule.starts) is None:
                continue
            classes[index] = re.compile(f"[{finder_class(rule.starts)}]")
        for word in rule.words:
            owners.setdefault(word, set()).add(index)
    if not owners or not all(w.isascii() for w in owners):
        return None
    trie = trie_regex(build_trie(sorted(owners)))  # a space in a word stands for \s+
    return WordScan(
        regex=re.compile(rf"\W(?=({trie}))"),  # words start with a word character
        owners={
            word: tuple(
                sorted({i for n in range(1, len(word) + 1) for i in owners.get(word[:n], ())})
            )
            for word in owners
        },
        rules=frozenset(i for indices in owners.values() for i in indices),
        firsts=classes,
    )


def finder_scan(rules: tuple[Rule, ...], worded: frozenset[int]) -> FinderScan | None:
    r"""Return one scan for the start finders ``[X](?<!\w[X])`` of the rules not `worded`.

    ``[U](?<!\w[U])`` with U the union of the classes matches where the character is in U and
    follows no word character, so its matches whose character is in X are the finder's. None
    if no rule needs one.
    """
    finders = {
        rule.starts for i, rule in enumerate(rules) if rule.starts is not None and i not in worded
    }
    classes = {f.pattern: finder_class(f) for f in finders}
    if not classes or any(c is None for c in classes.values()):
        return None
    union = "".join(sorted(c for c in classes.values() if c is not None))
    return FinderScan(
        regex=re.compile(rf"[{union}](?<!\w[{union}])"),
        classes={f: re.compile(f"[{c}]") for f, c in sorted(classes.items())},
    )
