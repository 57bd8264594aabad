r"""Spans of a literal name in a text, found with ``str.find`` in place of a regex.

``str.find`` stands in for a regular expression over the whole body (many times faster). Each
helper returns the spans ``re.finditer`` gives: left to right, not overlapping, with ``\w``
being ``str.isalnum()`` or "_" as in ``re``; an empty form falls back to the expression.

Examples
--------
>>> bounded("Acme, Acmes and Acme.", "Acme")
[(0, 4), (16, 20)]
>>> free("Acme-X and Acme", "Acme")
[(11, 15)]
"""

from __future__ import annotations

import re

from vendorgraph.loaders.entities.patterns import UPPER

__all__ = ["bounded", "free", "short_spans"]


def bounded(body: str, form: str) -> list[tuple[int, int]]:
    r"""Return the spans of ``re.finditer(rf"\b{re.escape(form)}\b", body)``."""
    if not form:
        return [m.span() for m in re.finditer(rf"\b{re.escape(form)}\b", body)]
    head, tail = _is_word(form[0]), _is_word(form[-1])
    spans = []
    start = body.find(form)
    while start >= 0:
        end = start + len(form)
        before = start > 0 and _is_word(body[start - 1])
        after = end < len(body) and _is_word(body[end])
        if before != head and after != tail:
            spans.append((start, end))
            start = body.find(form, end)
        else:
            start = body.find(form, start + 1)
    return spans


def free(body: str, form: str) -> list[tuple[int, int]]:
    r"""Return the spans of ``re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", body)``."""
    if not form:
        return [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", body)]
    spans = []
    start = body.find(form)
    while start >= 0:
        end = start + len(form)
        if not _word_or_hyphen(body, start - 1) and not _word_or_hyphen(body, end):
            spans.append((start, end))
            start = body.find(form, end)
        else:
            start = body.find(form, start + 1)
    return spans


def short_spans(body: str, form: str) -> list[tuple[int, int]]:
    r"""Return the spans of ``re.finditer(pattern, body)`` for the pattern of short_aliases.

    That pattern is ``(?<![\w-])FORM(?:['’]s)?(?![\w-])(?!\s+[UPPER])``: the possessive is
    taken when what follows it passes the lookaheads, else left out if what follows `form` does.
    """
    if not form:
        pattern = rf"(?<![\w-]){re.escape(form)}(?:['’]s)?(?![\w-])(?!\s+[{UPPER}])"
        return [m.span() for m in re.finditer(pattern, body)]
    spans = []
    start = body.find(form)
    while start >= 0:
        end = start + len(form)
        if _word_or_hyphen(body, start - 1):
            end = -1
        elif body[end : end + 2] in _POSSESSIVES and _alone_after(body, end + 2):
            end += 2
        elif not _alone_after(body, end):
            end = -1
        if end >= 0:
            spans.append((start, end))
            start = body.find(form, end)
        else:
            start = body.find(form, start + 1)
    return spans


_POSSESSIVES = ("'s", "’s")
_CAPITAL_NEXT = re.compile(rf"\s+[{UPPER}]")


def _alone_after(body: str, end: int) -> bool:
    r"""Return whether ``(?![\w-])(?!\s+[UPPER])`` holds at `end`."""
    return not _word_or_hyphen(body, end) and _CAPITAL_NEXT.match(body, end) is None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_or_hyphen(text: str, index: int) -> bool:
    """Whether ``text[index]`` exists and is a word character or a hyphen."""
    if index < 0 or index >= len(text):
        return False
    char = text[index]
    return char.isalnum() or char in "_-"
