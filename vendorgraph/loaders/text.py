r"""Sentences and paragraphs of an article, from spaCy's blank English pipeline.

The pipeline (tokenizer and rule-based sentencizer, no statistical model) is built once per
process. Sentence boundaries are repaired for news text: an opening quotation mark that the
sentencizer leaves at the end of a sentence moves to the next one, a "sentence" that starts
in lower case ("he said.") joins the one before, and paragraphs (lines) never share a
sentence, so a headline without a full stop stays on its own.

Splitting is linear in the text: a line is tokenised only when it holds a sentence-ending
character, and a run of more than :data:`~vendorgraph.loaders.limits.MAX_CHUNK` characters
without white space (kilobytes of parentheses or quote marks) is tokenised in slices of that
length (:func:`~vendorgraph.loaders.limits.tokenize`), whose tokens may differ from the whole
run's only inside it.

Examples
--------
>>> [s.text for s in split_sentences("AWS grows. Nvidia said so.\nA headline")]
['AWS grows.', 'Nvidia said so.', 'A headline']
>>> split_sentences("A headline\nBody text.")[0].headline
True
"""

from __future__ import annotations

import functools
import operator
import re
import re._constants as _sre
import re._parser as _sre_parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import ahocorasick
import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from vendorgraph.loaders.limits import tokenize

__all__ = [
    "ASCII_TWINS",
    "RuleFilter",
    "Sentence",
    "needed_literals",
    "nlp",
    "possible_rules",
    "rule_filter",
    "split_sentences",
]

_OPENERS = "“\"‘(«„‹'"  # after a space, the straight apostrophe too opens a quote
# a line that ends a sentence, before closing marks and reference marks ("... in 2019.[3][7]")
_TERMINAL = re.compile(r"[.!?…][”\"’)\]]*(?:\[\d{1,3}\])*\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence: its offsets ``[start, end)`` in the document text, its words, its paragraph.

    ``headline`` is true for a line that does not end in terminal punctuation (a title or a
    subheading), whose claims deserve less confidence.
    """

    start: int
    end: int
    text: str
    paragraph: int
    headline: bool = False


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, escaped, longest first (so the longest wins).

    Examples
    --------
    >>> alternation(["CEO", "Chair", "CEO", "Founder"])
    'Founder|Chair|CEO'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def nlp() -> Language:
    """Return the shared blank English pipeline with a sentencizer (built once).

    Examples
    --------
    >>> nlp().pipe_names
    ['sentencizer']
    """
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def split_sentences(text: str, start: int = 0, end: int | None = None) -> tuple[Sentence, ...]:
    """Split ``text[start:end]`` into sentences with offsets into `text`.

    Parameters
    ----------
    text : str
        The whole document text.
    start, end : int
        The region to split (the article body); `end` defaults to the end of the text.

    Returns
    -------
    tuple of Sentence
        In text order, stripped of surrounding white space, never empty.

    Examples
    --------
    >>> s = split_sentences("xx Hello there. Bye.", start=3)
    >>> [(x.start, x.end, x.text) for x in s]
    [(3, 15, 'Hello there.'), (16, 20, 'Bye.')]
    """
    stop = len(text) if end is None else end
    out: list[Sentence | None] = []
    for number, match in enumerate(re.finditer(r"[^\n]+", text[start:stop])):
        line = match.group()
        a = match.start() + start
        b = a + len(line)
        headline = not _TERMINAL.search(line)
        cuts = sorted({a + cut for cut in (*_cuts(line), *_citation_cuts(line))})
        if not cuts:
            out.append(_sentence(text, a, b, number, headline))
            continue
        bounds = _repair(list(zip([a, *cuts], [*cuts, b], strict=True)), text)
        out.extend(_sentence(text, lo, hi, number, headline) for lo, hi in bounds)
    return tuple(s for s in out if s is not None)


@functools.cache
def _punct_orths() -> frozenset[int]:
    """Return the string ids of the sentencizer's sentence-ending characters (built once)."""
    strings = nlp().vocab.strings
    return frozenset(strings.add(c) for c in _punct_chars())


@functools.cache
def _punct_chars() -> tuple[str, ...]:
    """Return the sentencizer's sentence-ending characters (built once)."""
    sentencizer = cast(Sentencizer, nlp().get_pipe("sentencizer"))
    return tuple(sorted(sentencizer.punct_chars))


@functools.cache
def _enders(ascii_only: bool) -> re.Pattern[str]:
    """Return a pattern of any one sentence-ending character, or ASCII one (built once).

    The full class (with characters beyond the Basic Multilingual Plane) is slow to scan, so
    an ASCII line, which can hold no other, is scanned for the few ASCII ones only.
    """
    chars = [c for c in _punct_chars() if c.isascii() or not ascii_only]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _cuts(line: str) -> list[int]:
    """Return where the sentences after the first start in a line, as offsets into it.

    The same decisions as spaCy's ``Sentencizer`` on the tokenised line: a sentence starts
    at the first token that is neither punctuation nor sentence-ending after a token that is
    a sentence-ending character. Only such tokens open a sentence, so a line without those
    characters is one sentence and is not tokenised, and only the tokens after each one are
    read. A span runs to the next cut, keeping the one space spaCy gives the token before
    it, which :func:`_repair` and :func:`_sentence` ignore alike.
    """
    found = [m.start() for m in _enders(line.isascii()).finditer(line)]
    if not found:
        return []
    doc, punct = tokenize(nlp(), line), _punct_orths()
    size, cuts = len(doc), [0]
    for at in found:
        # before the last cut, an ender can only open the sentence already opened
        ender = doc.char_span(at, at + 1) if at >= cuts[-1] else None
        if ender is None:
            continue  # the character is not a token by itself
        word = _next_word(doc, ender.end, size, punct)
        if word < 0:
            break  # no word follows: neither this ender nor a later one opens a sentence
        if word != cuts[-1]:
            cuts.append(word)
    return cuts[1:]


# a sentence end followed by reference marks, as in an encyclopedia: "in 2019.[3] The ..."
_CITED_END = re.compile(r"[.!?][\"”’)]?(?:\[\d{1,3}\])+\s+(?=[\"“‘(]?[A-Z0-9])")


def _citation_cuts(line: str) -> list[int]:
    """Return where a sentence starts after reference marks ("founded in 2019.[3] The ...").

    The tokenizer keeps "2019.[3" as one token, so the sentencizer's rule does not see the
    sentence end; the marks belong to the sentence before.
    """
    if "[" not in line:
        return []
    return [m.end() for m in _CITED_END.finditer(line)]


def _next_word(doc: Doc, index: int, size: int, punct: frozenset[int]) -> int:
    """Return the offset of the first word token from `index` on (-1 when there is none).

    A word here is any token that is neither punctuation nor a sentence-ending character.
    """
    while index < size:
        token = doc[index]
        if not token.is_punct and token.orth not in punct:
            return token.idx
        index += 1
    return -1


def _sentence(text: str, lo: int, hi: int, paragraph: int, headline: bool) -> Sentence | None:
    chunk = text[lo:hi]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right <= left:
        return None
    return Sentence(
        start=lo + left,
        end=lo + right,
        text=chunk[left:right],
        paragraph=paragraph,
        headline=headline,
    )


def _repair(bounds: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    fixed: list[list[int]] = []
    for lo, hi in bounds:
        if not fixed:
            fixed.append([lo, hi])
            continue
        last = fixed[-1]
        tail = text[last[0] : last[1]].rstrip()
        if len(tail) > 1 and tail[-1] in _OPENERS and tail[-2].isspace():
            last[1] = last[0] + len(tail) - 1  # a dangling opener moves to the next sentence
            fixed.append([last[1], hi])
        elif _continues(text, lo, hi):
            last[1] = hi
        else:
            fixed.append([lo, hi])
    return [(lo, hi) for lo, hi in fixed]


def _continues(text: str, lo: int, hi: int) -> bool:
    head = text[lo:hi].lstrip()
    return bool(head) and head[0].islower()


# --- literal prefilters for regular expressions ---------------------------------------------
#
# A rule's regular expression can only match a text that contains, for each of its required
# parts, one of that part's literal strings. ``needed_literals`` reads those parts from the
# parsed pattern; a ``RuleFilter`` finds every such string in a text in one Aho-Corasick pass
# and names the rules whose parts are all present, so a caller skips the rules that cannot
# match without changing what the rules find. Only ASCII literals are used, and a text holding
# one of the four non-ASCII characters that case-insensitive matching equates with ASCII
# letters is not filtered at all.

_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})
_REPEATS = frozenset({_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT})
# "İ", "ı", "ſ", "K" (Kelvin): what case-folding matches with an ASCII letter
ASCII_TWINS = frozenset("\u0130\u0131\u017f\u212a")
_MAX_PREFIXES = 400
_MEMO_SIZE = 1024  # texts remembered per filter
_MEMO_LONGEST = 400  # longer texts (whole bodies) are not remembered
_VALUE = operator.itemgetter(1)  # the value of an automaton match (end, value)
_SHORTEST = 2  # parts with a shorter string match almost anywhere and are not worth a check


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleFilter:
    """Which of a list of patterns can match a text, from the literals each one needs.

    Build it with :func:`rule_filter`; ask it with :func:`possible_rules`.
    """

    size: int
    automaton: Any  # an ahocorasick.Automaton of every needed string, valued by its bit
    keys: tuple[int, ...]  # per rule, the bits of its most telling part (0: no part)
    parts: tuple[tuple[int, ...], ...]  # per rule, the bits of each of its other parts
    # per rule, (the bits of its one-string parts, all needed; the masks of its other parts)
    checks: tuple[tuple[int, tuple[int, ...]], ...] = ()
    # A rule's k-th part owns bit ``k * size + rule`` of a "satisfied" mask: an automaton value
    # is the mask of the parts its string satisfies, and `fill` pre-satisfies the levels past a
    # rule's last part; `depth` is the most parts any rule has.
    depth: int = 0
    fill: int = 0
    # the answers for recent texts (the same clause is often asked about more than once)
    memo: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)


def needed_literals(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    r"""Return what any match of `pattern` must contain: for each part, one of some strings.

    The strings are lower-cased ASCII; the parts are sorted, longest shortest string first.

    Examples
    --------
    >>> needed_literals(re.compile(r"\b(?:sells|buys) (?:GPUs|TPUs)\b\d+%"))
    (('buys', 'sells'), ('gpus', 'tpus'), (' ',), ('%',))
    """
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    parts = {p for p in _needs(list(parsed)) if all(s.isascii() and s for s in p)}
    return tuple(sorted(parts, key=lambda p: (-min(len(s) for s in p), p)))


def rule_filter(patterns: Sequence[re.Pattern[str]]) -> RuleFilter:
    r"""Build the :class:`RuleFilter` of `patterns` (in their order).

    Examples
    --------
    >>> f = rule_filter([re.compile("(?i)sells (?:gpus|tpus)"), re.compile(r"\d+%")])
    >>> possible_rules(f, "Acme sells TPUs"), possible_rules(f, "Acme buys TPUs")
    ([0, 1], [1])
    """
    needs = [
        sorted(
            (p for p in needed_literals(pattern) if min(len(s) for s in p) >= _SHORTEST),
            key=_telling,
        )
        for pattern in patterns
    ]
    bits: dict[str, int] = {}
    for part in (p for rule in needs for p in rule):
        for string in part:
            bits.setdefault(string, 1 << len(bits))
    masks = [[functools.reduce(operator.or_, (bits[s] for s in p)) for p in rule] for rule in needs]
    size, depth = len(needs), max(map(len, needs), default=0)
    owners = dict.fromkeys(bits.values(), 0)
    for index, rule in enumerate(needs):
        for level, part in enumerate(rule):
            for string in part:
                owners[bits[string]] |= 1 << (level * size + index)
    automaton = ahocorasick.Automaton()
    for string, bit in bits.items():
        automaton.add_word(string, owners[bit])
    if bits:
        automaton.make_automaton()
    return RuleFilter(
        size=size,
        automaton=automaton if bits else None,
        keys=tuple(m[0] if m else 0 for m in masks),
        parts=tuple(tuple(m[1:]) for m in masks),
        checks=tuple(_check(rule) for rule in masks),
        depth=depth,
        fill=sum(
            1 << (level * size + index)
            for index, rule in enumerate(needs)
            for level in range(len(rule), depth)
        ),
    )


def _check(masks: list[int]) -> tuple[int, tuple[int, ...]]:
    """Split a rule's part masks into one mask of single bits (all needed) and the others."""
    single = functools.reduce(operator.or_, (m for m in masks if m.bit_count() == 1), 0)
    return single, tuple(m for m in masks if m.bit_count() != 1)


def possible_rules(rules: RuleFilter, text: str) -> list[int]:
    """Return the indices (ascending) of the rules that may match `text`.

    A rule left out cannot match; a rule named may still not match.

    Examples
    --------
    >>> f = rule_filter([re.compile("(?i)kelvin")])
    >>> possible_rules(f, "\u212aelvin"), possible_rules(f, "Celsius")
    ([0], [])
    """
    if len(text) > _MEMO_LONGEST:
        return list(_possible_rules(rules, text))
    known = rules.memo.get(text)
    if known is None:
        known = _possible_rules(rules, text)
        if len(rules.memo) >= _MEMO_SIZE:
            rules.memo.clear()
        rules.memo[text] = known
    return list(known)


def _possible_rules(rules: RuleFilter, text: str) -> tuple[int, ...]:
    if rules.automaton is None or (not text.isascii() and not ASCII_TWINS.isdisjoint(text)):
        return tuple(range(rules.size))
    # OR the satisfied-part masks of every string found; a rule may match when all `depth`
    # levels hold its bit, which one AND of the levels' shifted copies tells for all rules
    satisfied = functools.reduce(
        operator.or_, map(_VALUE, rules.automaton.iter(text.lower())), rules.fill
    )
    size = rules.size
    possible = satisfied
    for _level in range(1, rules.depth):
        satisfied >>= size
        possible &= satisfied
    possible &= (1 << size) - 1
    found = []
    while possible:
        low = possible & -possible
        found.append(low.bit_length() - 1)
        possible ^= low
    return tuple(found)


def _telling(part: tuple[str, ...]) -> tuple[bool, int, tuple[str, ...]]:
    """Sort key putting first the part most likely to be missing: words, not placeholders."""
    marked = any(not c.isalnum() and not c.isspace() for s in part for c in s)
    return (marked, -min(len(s) for s in part), part)


def _needs(items: Iterable[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    needs: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue  # zero-width: the literals on either side are adjacent in the text
        if run:
            needs.append(("".join(run).lower(),))
            run = []
        needs += _inner_needs(op, av)
    if run:
        needs.append(("".join(run).lower(),))
    return needs


def _inner_needs(op: Any, av: Any) -> list[tuple[str, ...]]:
    """Return what a group, a repeat or an alternation needs (nothing for other items)."""
    if op is _sre.SUBPATTERN:
        return _needs(av[3])
    if op is _sre.ATOMIC_GROUP:
        return _needs(av)
    if op in _REPEATS and av[0] >= 1:
        return _needs(av[2])
    if op is _sre.BRANCH:
        heads = {h for alt in av[1] for h in _prefix_set(list(alt))[0]}
        if heads and all(heads):
            return [tuple(sorted(h.lower() for h in heads))]
    return []


def _prefix_set(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """Return the literal texts that every match of a sequence starts with one of.

    The second value tells whether the strings are the whole of every match (the sequence is
    only literals, groups and alternations of literals), so that what follows extends them.
    """
    heads = {""}
    for op, av in items:
        if op is _sre.LITERAL:
            heads = {h + chr(av) for h in heads}
            continue
        if op in _ZERO_WIDTH:
            continue
        inner: tuple[set[str], bool] = (set(), False)
        if op is _sre.SUBPATTERN:
            inner = _prefix_set(list(av[3]))
        elif op is _sre.BRANCH:
            parts = [_prefix_set(list(alt)) for alt in av[1]]
            inner = ({t for p, _ in parts for t in p}, all(done for _, done in parts))
        if not inner[0] or len(heads) * len(inner[0]) > _MAX_PREFIXES:
            return heads, False
        heads = {h + t for h in heads for t in inner[0]}
        if not inner[1]:
            return heads, False
    return heads, True
