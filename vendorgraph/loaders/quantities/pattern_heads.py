r"""What every match of a rule starts with, read from its parsed pattern.

The regex is parsed (``re._parser``) for the characters its matches can start with
(:func:`start_finder`) or the words they start with after ``\b`` (:func:`leading_words`).
``scans`` then finds those starts in one pass instead of trying every rule everywhere.

Examples
--------
>>> import re
>>> leading_words(re.compile(r"\bper (?:cent|year)"))
('per cent', 'per year')
>>> start_finder(re.compile(r"\b[A-Z]{3} \d+")).pattern
'[A-Z](?<!\\w[A-Z])'
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parse
from typing import Any

__all__ = ["finder_class", "leading_words", "start_finder"]

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_WORD = re.compile(r"\w")
_HEAD_ROOM = 8  # longest leading word (prefix) read from a rule
_MAX_HEADS = 300  # more leading words than this and the rule scans the whole body


def start_finder(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return a regex that matches (one character) wherever a match of `regex` can start.

    The first characters are read from the parsed pattern; None when they cannot be proved
    to follow a non-word character, or when they include lower-case letters (too common to be
    worth a separate scan). The finder starts with a character class, which the regex engine
    scans for quickly.
    """
    if regex.flags & (re.ASCII | re.LOCALE | re.IGNORECASE):
        return None
    first = _first_chars(list(_sre_parse.parse(regex.pattern, regex.flags)), guard=None)
    if first is None or not first[1] or any(c.islower() for c in first[0].replace("\\d", "")):
        return None
    chars = first[0]
    return re.compile(rf"[{chars}](?<!\w[{chars}])")  # the character follows no word character


def leading_words(regex: re.Pattern[str]) -> tuple[str, ...]:
    r"""Return the lower-cased texts every match of `regex` starts with one of, after ``\b``.

    Empty when the regex does not start with ``\b`` followed by a word character, or when the
    words cannot be read from the parsed pattern. A word that extends a shorter one is dropped.
    """
    items = list(_sre_parse.parse(regex.pattern, regex.flags))
    if regex.flags & (re.ASCII | re.LOCALE) or not items:
        return ()
    if items[0][0] is not _sre.AT or items[0][1] is not _sre.AT_BOUNDARY:
        return ()
    heads = _heads(items[1:], _HEAD_ROOM)
    if any(not h or not _WORD.match(h[0]) for h in heads):
        return ()
    return tuple(sorted(h for h in heads if not any(h[:n] in heads for n in range(1, len(h)))))


def _heads(items: list[tuple[Any, Any]], room: int) -> set[str]:
    r"""Return lower-cased texts (at most `room` long) that every match of `items` starts with.

    ``{""}`` means no such text is known. A space stands for a run of whitespace (``\s+``):
    whitespace in the pattern, one character or more, reads as one.
    """
    if not items or room == 0:
        return {""}
    (op, av), rest = items[0], items[1:]
    heads = {""}
    if _is_space_run(op, av):
        heads = {" " + h for h in _heads(_after_space(rest), room - 1)}
    elif op in _REPEATS and av[:2] == (0, 1) and len(av[2]) == 1 and av[2][0][0] is _sre.LITERAL:
        char = chr(av[2][0][1]).lower()  # an optional character: with it, or without
        heads = {char + h for h in _heads(rest, room - 1)} | _heads(rest, room)
    elif op is _sre.LITERAL or (op is _sre.IN and all(k is _sre.LITERAL for k, _ in av)):
        chars = {chr(av).lower()} if op is _sre.LITERAL else {chr(v).lower() for _, v in av}
        heads = {c + h for h in _heads(rest, room - 1) for c in chars}
    elif op is _sre.SUBPATTERN and not av[1] & (re.ASCII | re.LOCALE):
        heads = _heads(list(av[3]) + rest, room)
    elif op is _sre.BRANCH:
        heads = {h for alt in av[1] for h in _heads(list(alt) + rest, room)}
    elif op in _REPEATS:
        heads = _heads(list(av[2]), room)
        if av[0] == 0:
            heads |= _heads(rest, room)
    elif op in _ZERO_WIDTH:
        heads = _heads(rest, room)
    return _capped(heads)


def _capped(heads: set[str]) -> set[str]:
    """Return `heads`, if too many only up to their first whitespace, if still too many ``{""}``."""
    if len(heads) > _MAX_HEADS:
        heads = {h.partition(" ")[0] + " " * (" " in h) for h in heads}
    return heads if len(heads) <= _MAX_HEADS else {""}


def _is_space(op: Any, av: Any) -> bool:
    r"""Tell whether a parsed item matches exactly one whitespace character (``\s`` or one)."""
    if op is _sre.LITERAL:
        return chr(av).isspace()
    return op is _sre.IN and list(av) == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]


def _is_space_run(op: Any, av: Any) -> bool:
    """Tell whether a parsed item matches one or more whitespace characters, and nothing else."""
    return _is_space(op, av) or (
        op in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and _is_space(*av[2][0])
    )


def _after_space(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Drop the whitespace items that follow one (a run of whitespace reads as one space)."""
    while items and (
        _is_space(*items[0])
        or (items[0][0] in _REPEATS and len(items[0][1][2]) == 1 and _is_space(*items[0][1][2][0]))
    ):
        items = items[1:]
    return items


def finder_class(finder: re.Pattern[str]) -> str | None:
    r"""Return the class body X of a start finder ``[X](?<!\w[X])`` (see :func:`start_finder`)."""
    pattern = finder.pattern
    chars = pattern[1 : 1 + (len(pattern) - 11) // 2]
    return chars if pattern == rf"[{chars}](?<!\w[{chars}])" else None


def _first_chars(items: list[tuple[Any, Any]], *, guard: str | None) -> tuple[str, bool] | None:
    r"""Return the first character any match of `items` consumes, or None if unsure.

    The result is (a character-class body holding that character, whether that character
    never follows a word character). `guard` is "boundary" after ``\b`` and "lookbehind"
    after a lookbehind excluding ``\w``.
    """
    for k, (op, av) in enumerate(items):
        rest = items[k + 1 :]
        if op is _sre.AT and av is _sre.AT_BOUNDARY:
            guard = guard or "boundary"
        elif op is _sre.ASSERT_NOT and av[0] == -1 and _excludes_word(av[1]):
            guard = "lookbehind"
        elif op is _sre.SUBPATTERN:
            if av[1] & (re.IGNORECASE | re.ASCII | re.LOCALE) or av[2]:
                return None
            return _first_chars(list(av[3]) + rest, guard=guard)
        elif op is _sre.BRANCH:
            return _union([_first_chars(list(alt) + rest, guard=guard) for alt in av[1]])
        elif op in _REPEATS:
            first = _first_chars(list(av[2]), guard=guard)
            if av[0] >= 1:
                return first
            return _union([first, _first_chars(rest, guard=guard)])
        else:
            chars = _class_body(op, av)
            if chars is None:
                return None
            word = all(c.isalnum() for c in chars.replace("\\d", "0").replace("-", "0"))
            return chars, guard == "lookbehind" or (guard == "boundary" and word)
    return None


def _union(parts: list[tuple[str, bool] | None]) -> tuple[str, bool] | None:
    if any(p is None for p in parts):
        return None
    known = [p for p in parts if p is not None]
    return "".join(sorted({c for c, _ in known})), all(g for _, g in known)


def _class_body(op: Any, av: Any) -> str | None:
    r"""Return a character-class body for a literal or a class of literals, ranges and ``\d``."""
    items = [(_sre.LITERAL, av)] if op is _sre.LITERAL else list(av) if op is _sre.IN else None
    if items is None:
        return None
    body = []
    for kind, value in items:
        if kind is _sre.LITERAL:
            body.append(re.escape(chr(value)))
        elif kind is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
            body.append("\\d")
        elif kind is _sre.RANGE and all(chr(v).isascii() and chr(v).isalnum() for v in value):
            body.append(f"{chr(value[0])}-{chr(value[1])}")
        else:
            return None
    return "".join(body)


def _excludes_word(items: Any) -> bool:
    r"""Tell whether a lookbehind body is one character class that contains ``\w``."""
    items = list(items)
    return (
        len(items) == 1
        and items[0][0] is _sre.IN
        and (_sre.CATEGORY, _sre.CATEGORY_WORD) in items[0][1]
        and all(op is not _sre.NEGATE for op, _ in items[0][1])
    )
