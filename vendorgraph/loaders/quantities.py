"""Find the numbers an article states: money, counts, shares, power, dates and durations.

The rules are data: ``patterns/quantities.json`` holds regular-expression templates and the
vocabularies they expand (number words, multipliers, currency symbols and codes, units, vague
amounts, hedges, deadline cues). :func:`load_patterns` compiles them once. Each rule's named
groups say what the match means (``num``, ``scale``, ``cur``, ``unit`` …) and one builder per
:class:`~vendorgraph.ontology.terms.QuantityKind` turns them into field values.

Overlapping matches are resolved longest first (ties go to the earlier rule), so
"tens of billions of dollars" is one money amount, not a count inside it, and "second half of
2026" is one date. Hedges before a match ("roughly", "up to", "more than") set ``approximate``
and a bound but stay outside the span, which is the shortest text that carries value and unit.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="Acme will buy up to 6 gigawatts for $38B by the end of 2027.")
>>> for q in find_quantities(doc):
...     print(q.kind.value, repr(q.text), q.value, q.unit, q.approximate, q.iso, q.deadline)
power '6 gigawatts' 6000000000.0 W True None False
money '$38B' 38000000000.0 USD False None False
date 'end of 2027' None None False 2027-12-31 True
"""

from __future__ import annotations

import json
import re
import re._constants as _sre
import re._parser as _sre_parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from vendorgraph.loaders.text import ASCII_TWINS, RuleFilter, rule_filter
from vendorgraph.ontology.model import Document, Quantity
from vendorgraph.ontology.terms import QuantityKind

__all__ = ["Patterns", "distinct_quantities", "find_quantities", "load_patterns"]

_PATTERN_FILE = "quantities.json"
_DIGITS = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
_HEDGE_WINDOW = 30
_NOUN_WINDOW = 70
_TOKEN = re.compile(r"[A-Za-z][\w-]*|[^\sA-Za-z]")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s?")
_LEADS = ("num_a", "num")  # slots a rule may start with; its matches are tried only there
_WIDER_LEAD = {"num": "num_a"}  # every start of the key slot is a start of the value slot
_ARTICLES = ("an", "a")  # what "num_a" matches beyond "num"
_ARTICLE_FIRSTS = frozenset("aA")  # the only characters those start with, ignoring case
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_HEAD_ROOM = 8  # longest leading word (prefix) read from a rule
_MAX_HEADS = 300  # more leading words than this and the rule scans the whole body
_LONG_WORD = 3  # a rule with a start finder and leading words this long is found by its words

Fields = dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Rule:
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
    rules: tuple[_Rule, ...]
    vocab: Mapping[str, Any]
    hedge: re.Pattern[str]
    deadline: re.Pattern[str]
    end_of_period: re.Pattern[str]
    conversion_gap: re.Pattern[str]
    prefilter: RuleFilter | None = None
    leads: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    lead_scans: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    words: _WordScan | None = None
    finders: _FinderScan | None = None
    hedges: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # the first per phrase
    # hedge, deadline and end_of_period for lower-cased ASCII text (None: use those)
    hedge_lower: re.Pattern[str] | None = None
    deadline_lower: re.Pattern[str] | None = None
    end_of_period_lower: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class _WordScan:
    """One regex that finds, at every word start, the longest leading word of any rule."""

    regex: re.Pattern[str]  # in lower-cased text: a non-word character, then (group 1) a word
    owners: Mapping[str, tuple[int, ...]]  # that word → the rules of it and of its prefixes
    rules: frozenset[int]  # the rules whose starts this scan gives
    firsts: Mapping[int, re.Pattern[str]]  # a rule's start-finder class, which also holds


@dataclass(frozen=True, slots=True, kw_only=True)
class _FinderScan:
    """One regex that finds the starts of every rule's start finder at once."""

    regex: re.Pattern[str]  # a word start whose character is in any finder's class
    classes: Mapping[str, re.Pattern[str]]  # finder pattern → its first-character class
    memo: dict[str, tuple[str, ...]] = field(default_factory=dict)  # character → finders


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
        _Rule(
            name=r["name"],
            kind=QuantityKind(r["kind"]),
            regex=regex,
            lead=next((k for k in _LEADS if r["pattern"].startswith(f"{{{k}}}")), None),
            starts=_start_finder(regex),
            words=_leading_words(regex),
            surface="q" if "q" in regex.groupindex else 0,
        )
        for r in data["rules"]
        for regex in [re.compile(expand(r["pattern"]))]
    )
    words = _word_scan(rules)
    hedge = _alternation([h["phrase"] for h in data["hedges"]], words=True)
    hedge_group = f"(?:{hedge or '(?!)'})"
    return Patterns(
        version=data["version"],
        rules=rules,
        vocab={**data, "_number_words": _number_words(data)},
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
        leads={k: re.compile(rf"\b(?=(?:{slots[k]}))") for k in _LEADS},
        lead_scans={k: _lead_scan(slots[k], data, k == "num_a") for k in _LEADS},
        words=words,
        finders=_finder_scan(rules, words.rules if words is not None else frozenset()),
        hedges={h["phrase"]: h for h in reversed(data["hedges"])},
    )


def _start_finder(regex: re.Pattern[str]) -> re.Pattern[str] | None:
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


def _leading_words(regex: re.Pattern[str]) -> tuple[str, ...]:
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


def _lead_scan(slot: str, data: Mapping[str, Any], article: bool) -> re.Pattern[str]:
    r"""Return a regex whose match starts are the starts of `slot` ("num" or "num_a").

    The slot begins with a digit (``\d``) or, case-insensitively, with a number word (or "a",
    "an"); the only non-ASCII characters that match an ASCII letter case-insensitively are
    ``ASCII_TWINS``. Leading with that character class lets the engine skip ahead quickly; the
    lookbehind then checks ``\b(?=slot)`` at the character just consumed.
    """
    words = [*_number_words(data), *(_ARTICLES if article else ())]
    if not all(w.isascii() for w in words):
        return re.compile(rf"\b(?=(?:{slot}))")
    letters = {c for w in words if w for c in (w[0].lower(), w[0].upper())} | ASCII_TWINS
    chars = "\\d" + re.escape("".join(sorted(letters)))
    return re.compile(rf"[{chars}](?<=\b(?=(?:{slot})).)")


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


def _word_scan(rules: tuple[_Rule, ...]) -> _WordScan | None:
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
            if min(map(len, rule.words)) < _LONG_WORD or _finder_class(rule.starts) is None:
                continue
            classes[index] = re.compile(f"[{_finder_class(rule.starts)}]")
        for word in rule.words:
            owners.setdefault(word, set()).add(index)
    if not owners or not all(w.isascii() for w in owners):
        return None
    trie = _trie_regex(_trie(sorted(owners)))  # a space in a word stands for \s+
    return _WordScan(
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


def _finder_scan(rules: tuple[_Rule, ...], worded: frozenset[int]) -> _FinderScan | None:
    r"""Return one scan for the start finders ``[X](?<!\w[X])`` of the rules not `worded`.

    ``[U](?<!\w[U])`` with U the union of the classes matches where the character is in U and
    follows no word character, so its matches whose character is in X are the finder's. None
    if no rule needs one.
    """
    finders = {
        rule.starts for i, rule in enumerate(rules) if rule.starts is not None and i not in worded
    }
    classes = {f.pattern: _finder_class(f) for f in finders}
    if not classes or any(c is None for c in classes.values()):
        return None
    union = "".join(sorted(c for c in classes.values() if c is not None))
    return _FinderScan(
        regex=re.compile(rf"[{union}](?<!\w[{union}])"),
        classes={f: re.compile(f"[{c}]") for f, c in sorted(classes.items())},
    )


def _finder_class(finder: re.Pattern[str]) -> str | None:
    r"""Return the class body X of a start finder ``[X](?<!\w[X])`` (see :func:`_start_finder`)."""
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


def _cue(phrases: list[str]) -> re.Pattern[str]:
    alternation = _alternation(phrases, words=True)
    if not alternation:
        return re.compile(r"(?!)")
    return _ending(rf"(?i:{alternation})\s+(?:the\s+)?$", phrases)


def _lower_cue(phrases: list[str]) -> re.Pattern[str] | None:
    return _lower(rf"(?:{_alternation(phrases, words=True)})\s+(?:the\s+)?$", phrases)


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


def _alternation(items: list[str], *, words: bool = False) -> str:
    """Return a regex matching any item, factored as a trie so matching stays fast.

    With `words`, items that start or end with a letter or digit get word boundaries there.
    """
    if not words:
        return _trie_regex(_trie(items))
    parts = []
    for head in (True, False):
        for tail in (True, False):
            group = [i for i in items if i and i[0].isalnum() is head and i[-1].isalnum() is tail]
            if group:
                parts.append(
                    ("\\b" if head else "") + _trie_regex(_trie(group)) + ("\\b" if tail else "")
                )
    return "|".join(parts)


def _trie(items: list[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for item in items:
        node = root
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"


def _slots(data: Mapping[str, Any]) -> dict[str, str]:
    insensitive = set(data.get("case_insensitive", ()))
    slots: dict[str, str] = {}
    for key, value in data.items():
        if (
            isinstance(value, dict | list)
            and key != "rules"
            and all(isinstance(k, str) for k in value)
        ):
            alternation = _alternation(list(value))
            slots[key] = f"(?i:{alternation})" if key in insensitive else alternation
    words = _number_words(data)
    word_alt = _alternation(list(words))
    slots["digits"] = rf"(?P<num>{_DIGITS})"
    slots["num"] = rf"(?P<num>{_DIGITS}|\b(?i:{word_alt})\b)" if word_alt else slots["digits"]
    slots["num_a"] = (
        slots["num"].replace(r"\b(?i:", rf"\b(?i:{'|'.join(_ARTICLES)}|", 1)
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


def _number_words(data: Mapping[str, Any]) -> dict[str, float]:
    units: dict[str, float] = dict(data.get("number_words", {}))
    tens: dict[str, float] = dict(data.get("tens_words", {}))
    words = {**units, **tens}
    for ten, tv in tens.items():
        for unit, uv in units.items():
            if uv < 10:
                words[f"{ten}-{unit}"] = tv + uv
    return words


# ------------------------------------------------------------------------------- finding


def find_quantities(document: Document) -> tuple[Quantity, ...]:
    """Return the quantities stated in the body of a document, in text order.

    Only ``document.text[document.body_start:]`` is read; spans are offsets into
    ``document.text`` and ids are ``qty/<document id>/<start>-<end>``.

    Parameters
    ----------
    document : Document
        The article.

    Returns
    -------
    tuple of Quantity
        Sorted by span start. A quantity the article gives as its own conversion of the one
        before ("₱3 trillion ($50 billion)") names it in ``converted_from``.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> doc = Document(text="Sales rose roughly 90% to ₱3 trillion ($50 billion) in 2023.")
    >>> [(q.text, q.kind.value) for q in find_quantities(doc)]
    [('90%', 'percent'), ('₱3 trillion', 'money'), ('$50 billion', 'money'), ('2023', 'date')]
    >>> pct, php, usd, year = find_quantities(doc)
    >>> pct.normalized, pct.approximate, usd.converted_from == php.id
    (0.9, True, True)
    """
    patterns = load_patterns()
    matches = _resolve(_candidates(document, patterns), len(document.text))
    prefix = f"qty/{document.id}"
    quantities = [_quantity(document, patterns, prefix, found) for found in matches]
    return tuple(_link_conversions(document.text, patterns, quantities))


def distinct_quantities(quantities: tuple[Quantity, ...]) -> tuple[Quantity, ...]:
    """Keep the first mention of each (kind, surface text), the way an article's figures are listed.

    A figure repeated verbatim (a date mentioned twice, a quote printed twice) is one stated
    number; its first mention stands for it.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> doc = Document(text="On Monday it rose 5%. By Monday it fell 5%.")
    >>> [q.text for q in distinct_quantities(find_quantities(doc))]
    ['Monday', '5%']
    """
    seen: set[tuple[QuantityKind, str]] = set()
    kept = []
    for quantity in quantities:
        key = (quantity.kind, " ".join(quantity.text.casefold().split()))
        if key not in seen:
            seen.add(key)
            kept.append(quantity)
    return tuple(kept)


def _candidates(
    document: Document, patterns: Patterns
) -> list[tuple[int, int, int, re.Match[str]]]:
    """Return every rule's matches: ``(start, end, rule index, match)``.

    A rule that starts with a number, a capital or a known word is tried only where one
    starts (and not at all when none does); all give what ``finditer`` over the body gives.
    ``patterns.prefilter`` is not consulted: with the start positions it saves less than the
    pass over the body costs.
    """
    text, body = document.text, document.body_start
    starts = _Starts(patterns=patterns, text=text, body=body)
    found = []
    for index, rule in enumerate(patterns.rules):
        at = starts.of(index)
        if at is not None and not at:  # nowhere to start
            continue
        matches = (
            rule.regex.finditer(text, body) if at is None else _matches_at(rule.regex, text, at)
        )
        for match in matches:
            start, end = match.span(rule.surface)
            if end > start:
                found.append((start, end, index, match))
    return found


@dataclass(frozen=True, slots=True, kw_only=True)
class _Starts:
    """Where each rule's matches can start in one document; each kind of start is found once."""

    patterns: Patterns
    text: str
    body: int
    known: dict[str, list[int]] = field(default_factory=dict)  # per lead and start finder
    words: dict[int, list[int]] = field(default_factory=dict)  # per rule, once scanned

    def of(self, index: int) -> list[int] | None:
        """Return every position rule `index` can start at, or None to scan the whole body."""
        patterns, rule = self.patterns, self.patterns.rules[index]
        if rule.lead is not None and rule.lead in patterns.leads:
            if rule.lead not in self.known:
                self.known[rule.lead] = _lead_starts(
                    patterns, rule.lead, self.text, self.body, self.known
                )
            return self.known[rule.lead]
        if patterns.words is not None and index in patterns.words.rules:
            return self._worded(patterns.words, index)
        if rule.starts is not None:
            if rule.starts.pattern not in self.known:
                self.known.update(_finder_starts(patterns, rule.starts, self.text, self.body))
            return self.known[rule.starts.pattern]
        return None

    def _worded(self, scan: _WordScan, index: int) -> list[int] | None:
        if not self.words:
            self.words.update(_word_starts(scan, self.text, self.body) or {-2: []})  # -2: done
        if -1 in self.words:
            return None
        found = self.words.get(index, [])
        first = scan.firsts.get(index)
        return found if first is None else [pos for pos in found if first.match(self.text, pos)]


def _lead_starts(
    patterns: Patterns, lead: str, text: str, body: int, known: dict[str, list[int]]
) -> list[int]:
    """Return every position from `body` on where the slot `lead` matches.

    A "num" starts only where a "num_a" (the same alternatives and "a"/"an") starts, so those
    few positions are tested instead of the whole text.
    """
    regex = patterns.leads[lead]
    wider = _WIDER_LEAD.get(lead)
    if wider is not None and wider in patterns.leads:
        if wider not in known:
            known[wider] = _lead_starts(patterns, wider, text, body, known)
        # where "num_a" matched without an article, "num" (the same alternatives) does too
        return [
            pos
            for pos in known[wider]
            if text[pos] not in _ARTICLE_FIRSTS or regex.match(text, pos)
        ]
    return [m.start() for m in patterns.lead_scans.get(lead, regex).finditer(text, body)]


def _finder_starts(
    patterns: Patterns, finder: re.Pattern[str], text: str, body: int
) -> dict[str, list[int]]:
    """Return, per start finder, every position from `body` on where it matches (one scan)."""
    scan = patterns.finders
    if scan is None:
        return {finder.pattern: [m.start() for m in finder.finditer(text, body)]}
    found: dict[str, list[int]] = {f: [] for f in scan.classes}
    memo = scan.memo  # keyed by a single character: which finder classes hold it
    for match in scan.regex.finditer(text, body):
        char = match[0]
        owners = memo.get(char)
        if owners is None:
            owners = memo.setdefault(
                char, tuple(f for f, c in scan.classes.items() if c.match(char))
            )
        pos = match.start()
        for owner in owners:
            found[owner].append(pos)
    return found


def _word_starts(scan: _WordScan, text: str, body: int) -> dict[int, list[int]]:
    r"""Return, per rule index, the word-boundary positions where one of its leading words starts.

    One regex pass over the lower-cased body, after the character before it (a space at the
    start of the text), so that a word start is a non-word character's next position.
    ``{-1: []}`` when lower-casing would not keep offsets or could miss a case-insensitive
    match (then the rules scan the whole body). Lower-casing one character into one never
    changes whether it is a word character, so word boundaries stay where they were.
    """
    tail = text[body:]
    if not tail.isascii() and not ASCII_TWINS.isdisjoint(tail):
        return {-1: []}
    lowered = ((text[body - 1] if body else " ") + tail).lower()
    if len(lowered) != len(tail) + 1:
        return {-1: []}
    found: dict[int, list[int]] = {}
    owners = scan.owners
    for match in scan.regex.finditer(lowered):
        pos = body + match.start()  # lowered[i + 1] is text[body + i]
        word = match[1]
        if word not in owners:  # a run of whitespace other than one space: the word has one
            word = _SPACES.sub(" ", word)
        for index in owners[word]:
            found.setdefault(index, []).append(pos)  # positions rise, so the lists are sorted
    return found


def _matches_at(regex: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """Return what ``regex.finditer`` yields, given every position a match can start at.

    The leftmost match found from a position is ``regex.match`` at the first possible start
    that matches; after a match the search goes on from its end (matches are never empty:
    they start with a number or a word).
    """
    found = []
    reach = 0
    for pos in starts:
        if pos < reach:
            continue
        match = regex.match(text, pos)
        if match is not None:
            reach = max(match.end(), pos + 1)
            found.append(match)
    return found


Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match


def _resolve(candidates: list[Candidate], size: int) -> list[Candidate]:
    taken = bytearray(size)
    chosen = []
    for found in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = found[0], found[1]
        if taken.find(1, start, end) < 0:  # nothing in [start, end) taken yet
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(found)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _quantity(document: Document, patterns: Patterns, prefix: str, found: Candidate) -> Quantity:
    start, end, index, match = found
    rule = patterns.rules[index]
    fields = _BUILDERS[rule.kind](match, patterns.vocab, document.text)
    window = document.text[max(document.body_start, start - _HEDGE_WINDOW) : start]
    lowered = window.lower() if window.isascii() else None
    fields.update(_hedge(window, lowered, patterns, fields))
    if rule.kind is QuantityKind.DATE:
        fields.update(_deadline(window, lowered, patterns, fields))
    return Quantity(
        id=f"{prefix}/{start}-{end}",
        kind=rule.kind,
        text=document.text[start:end],
        span=document.span(start, end),
        **fields,
    )


def _search(
    regex: re.Pattern[str], lower: re.Pattern[str] | None, window: str, lowered: str | None
) -> re.Match[str] | None:
    """Search `window` with `regex`, or its lower-cased ASCII form with `lower` (the same)."""
    if lower is not None and lowered is not None:
        return lower.search(lowered)
    return regex.search(window)


def _hedge(window: str, lowered: str | None, patterns: Patterns, fields: Fields) -> Fields:
    found = _search(patterns.hedge, patterns.hedge_lower, window, lowered)
    if found is None:
        return {}
    phrase = " ".join(found["h"].lower().split())
    hedge = patterns.hedges.get(phrase) or next(
        h for h in patterns.vocab["hedges"] if h["phrase"] == phrase
    )
    out: Fields = {"approximate": fields.get("approximate", False) or hedge["approximate"]}
    if hedge["bound"] and fields.get("value") is not None:
        out[hedge["bound"]] = fields["value"]
    return out


def _deadline(window: str, lowered: str | None, patterns: Patterns, fields: Fields) -> Fields:
    if not _search(patterns.deadline, patterns.deadline_lower, window, lowered):
        return {}
    out: Fields = {"deadline": True}
    iso = fields.get("iso")
    if (
        iso
        and len(iso) == 4
        and _search(patterns.end_of_period, patterns.end_of_period_lower, window, lowered)
    ):
        out["iso"] = f"{iso}-12-31"
    return out


def _link_conversions(text: str, patterns: Patterns, quantities: list[Quantity]) -> list[Quantity]:
    linked = list(quantities)
    for i in range(1, len(linked)):
        before, this = linked[i - 1], linked[i]
        if before.kind is QuantityKind.MONEY and this.kind is QuantityKind.MONEY:
            gap = text[before.span.end : this.span.start]
            if before.unit != this.unit and patterns.conversion_gap.search(gap):
                linked[i] = replace(this, converted_from=before.id, **_same_hedge(before, this))
    return linked


def _same_hedge(source: Quantity, conversion: Quantity) -> Fields:
    """Carry the source's hedge ("more than ₱3 trillion") over to the article's conversion."""
    out: Fields = {"approximate": source.approximate or conversion.approximate}
    for bound in ("lower", "upper"):
        if getattr(source, bound) is not None and source.value is not None:
            out[bound] = conversion.value
    return out


# ------------------------------------------------------------------------------ builders


def _group(match: re.Match[str], name: str) -> str | None:
    return match[name] if name in match.re.groupindex else None


def _lookup(table: Mapping[str, Any], key: str) -> Any:
    folded = " ".join(key.split())
    if folded in table:
        return table[folded]
    lowered = {k.lower(): v for k, v in table.items()}
    return lowered.get(folded.lower())


def _number(match: re.Match[str], vocab: Mapping[str, Any]) -> float | None:
    text = _group(match, "num")
    if text is None:
        return None
    if text.lower() in ("a", "an"):
        return 1.0
    if text[0].isdigit():
        return float(text.replace(",", ""))
    return float(vocab["_number_words"][text.lower()])


def _multiplier(match: re.Match[str], vocab: Mapping[str, Any]) -> float:
    scale, suffix = _group(match, "scale"), _group(match, "suffix")
    if scale:
        return float(_lookup(vocab["scale"], scale))
    if suffix:
        return float(vocab["money_suffix"][suffix])
    return 1.0


def _vague_bounds(match: re.Match[str], vocab: Mapping[str, Any], table: str) -> Fields:
    plural, vague = _group(match, "plural"), _group(match, "vague")
    if plural and vague:
        low, high = _lookup(vocab["vague_of"], vague)
        unit = float(_lookup(vocab["scale"], plural.lower().removesuffix("s")))
        return {"lower": low * unit, "upper": high * unit, "approximate": True}
    if plural:
        low, high = _lookup(vocab[table], plural)
        return {"lower": float(low), "upper": float(high), "approximate": True}
    return {}


def _money(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    unit = _currency(match["cur"], vocab)
    vague = _vague_bounds(match, vocab, "plural_money_scale")
    if vague:
        return {"unit": unit, **vague}
    value = _number(match, vocab)
    if value is None:
        scale = _multiplier(match, vocab)
        low, high = _lookup(vocab["vague_prefix"], match["vague"]) if match["vague"] else (1, 10)
        return {"unit": unit, "lower": low * scale, "upper": high * scale, "approximate": True}
    value *= _multiplier(match, vocab)
    return {"value": value, "unit": unit, "normalized": value}


def _currency(symbol: str, vocab: Mapping[str, Any]) -> str | None:
    for table in ("currency_symbol", "currency_word", "currency_adjective_unit"):
        code = _lookup(vocab[table], symbol)
        if code:
            return str(code)
    return symbol.upper() if symbol.upper() in vocab["currency_code"] else None


def _count(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    noun = _group(match, "noun") or _counted_noun(text, match.end(), vocab)
    vague = _vague_bounds(match, vocab, "plural_scale")
    if vague:
        return {"unit": noun, **vague}
    value = (_number(match, vocab) or 0.0) * _multiplier(match, vocab)
    return {"value": value, "unit": noun, "normalized": value}


def _counted_noun(text: str, end: int, vocab: Mapping[str, Any]) -> str | None:
    stop = set(vocab["count_stopwords"])
    for token in _TOKEN.findall(text[end : end + _NOUN_WINDOW])[:5]:
        if not token[0].isalpha():
            return None
        if token.lower() in stop or "-" in token:
            continue
        if _ACRONYM_PLURAL.fullmatch(token) or token.islower():
            return token
    return None


def _percent(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    value = _number(match, vocab) or 0.0
    unit = match["unit"].lower()
    if unit.startswith(("basis", "bp")):
        return {"value": value, "unit": "bp", "normalized": value / 10000}
    unit = "pp" if "point" in unit else "%"
    return {"value": value, "unit": unit, "normalized": value / 100}


def _fraction(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    frac = _group(match, "frac")
    if _group(match, "ratio"):
        share = 1 / (_number(match, vocab) or 1.0)
        return {"value": share, "normalized": share}
    if frac is None:
        value = _number(match, vocab) or 0.0
        return {"value": value, "unit": "x", "normalized": value}
    for table in ("fraction", "fraction_before_of", "multiplier_word"):
        found = _lookup(vocab[table], frac)
        if found is not None:
            unit = "x" if table == "multiplier_word" else None
            return {"value": float(found), "unit": unit, "normalized": float(found)}
    return {}


def _power(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    value = (_number(match, vocab) or 0.0) * _multiplier(match, vocab)
    value *= float(_lookup(vocab["power_unit"], match["unit"]))
    return {"value": value, "unit": "W", "normalized": value}


def _date(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    year, decade = _group(match, "year"), _group(match, "decade")
    if decade:
        return {"iso": f"{decade}/{int(decade) + 9}"}
    if year is None:
        return {}
    part = _group(match, "part")
    if part:
        return {"iso": _part_iso(year, part, vocab)}
    month = _group(match, "month")
    if month is None:
        return {"iso": year}
    number = int(month) if month.isdigit() else int(vocab["month"][month])
    day = _group(match, "day")
    iso = f"{year}-{number:02d}" + (f"-{int(day):02d}" if day else "")
    return {"iso": iso}


def _part_iso(year: str, part: str, vocab: Mapping[str, Any]) -> str:
    start, end = _lookup(vocab["period_part"], part) or (None, None)
    if start and end:
        return f"{year}-{start}/{year}-{end}"
    if start or end:
        return f"{year}-{start or end}"
    return year


def _duration(match: re.Match[str], vocab: Mapping[str, Any], text: str) -> Fields:
    unit_name, years = _lookup(vocab["duration_unit"], match["unit"])
    value = _number(match, vocab)
    if value is not None:
        return {"value": value, "unit": unit_name, "normalized": value * years}
    vague = _group(match, "vague")
    bounds = (
        _lookup(vocab["vague_duration"], vague)
        if vague and _lookup(vocab["vague_duration"], vague)
        else _lookup(vocab["bare_duration"], match["unit"]) or vocab["vague_compound_duration"]
    )
    low, high = bounds
    return {
        "unit": unit_name,
        "lower": float(low),
        "upper": None if high is None else float(high),
        "approximate": True,
    }


_BUILDERS: dict[QuantityKind, Callable[[re.Match[str], Mapping[str, Any], str], Fields]] = {
    QuantityKind.MONEY: _money,
    QuantityKind.COUNT: _count,
    QuantityKind.PERCENT: _percent,
    QuantityKind.FRACTION: _fraction,
    QuantityKind.POWER: _power,
    QuantityKind.DATE: _date,
    QuantityKind.DURATION: _duration,
}
