r"""Regexes matching any of a list of phrases, factored as a trie so matching stays fast.

Examples
--------
>>> import re
>>> trie_alternation(["per cent", "percent", "pct"])
'p(?:ct|er(?:\\s+cent|cent))'
>>> bool(re.fullmatch(trie_alternation(["per cent"]), "per   cent"))
True
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["build_trie", "trie_alternation", "trie_regex"]


def trie_alternation(items: list[str], *, words: bool = False) -> str:
    """Return a regex matching any item, factored as a trie so matching stays fast.

    With `words`, items that start or end with a letter or digit get word boundaries there.
    """
    if not words:
        return trie_regex(build_trie(items))
    parts = []
    for head in (True, False):
        for tail in (True, False):
            group = [i for i in items if i and i[0].isalnum() is head and i[-1].isalnum() is tail]
            if group:
                parts.append(
                    ("\\b" if head else "")
                    + trie_regex(build_trie(group))
                    + ("\\b" if tail else "")
                )
    return "|".join(parts)


def build_trie(items: list[str]) -> dict[str, Any]:
    """Return a character trie of `items` (the key ``""`` marks where one ends)."""
    root: dict[str, Any] = {}
    for item in items:
        node = root
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def trie_regex(node: dict[str, Any]) -> str:
    """Return a regex for a trie; a space in it matches a run of whitespace."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
