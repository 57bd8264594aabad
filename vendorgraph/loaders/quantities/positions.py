"""Where each rule's matches can start in one document, and the matches found from there.

:func:`rule_candidates` gives what every rule's ``finditer`` over the body gives, but tries a
rule only where its number slot, leading word or start character occurs.

Examples
--------
>>> from vendorgraph.loaders.quantities.patterns import load_patterns
>>> from vendorgraph.ontology.model import Document
>>> patterns = load_patterns()
>>> found = rule_candidates(Document(text="It paid $5 billion."), patterns)
>>> sorted((start, end, patterns.rules[index].name) for start, end, index, _ in found)
[(8, 18, 'money.symbol'), (9, 18, 'count.scaled')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vendorgraph.loaders.quantities.records import Patterns, WordScan
from vendorgraph.loaders.quantities.scans import ARTICLE_FIRSTS, WIDER_LEAD
from vendorgraph.loaders.text import ASCII_TWINS
from vendorgraph.ontology.model import Document

__all__ = ["rule_candidates"]

_SPACES = re.compile(r"\s+")


def rule_candidates(
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

    def _worded(self, scan: WordScan, index: int) -> list[int] | None:
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
    wider = WIDER_LEAD.get(lead)
    if wider is not None and wider in patterns.leads:
        if wider not in known:
            known[wider] = _lead_starts(patterns, wider, text, body, known)
        # where "num_a" matched without an article, "num" (the same alternatives) does too
        return [
            pos for pos in known[wider] if text[pos] not in ARTICLE_FIRSTS or regex.match(text, pos)
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


def _word_starts(scan: WordScan, text: str, body: int) -> dict[int, list[int]]:
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
