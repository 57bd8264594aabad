"""Lexicon names in a text: Aho-Corasick automata, whole words, longest match first.

One automaton holds the case-folded surface forms, another the forms that must match in case
(``match_case`` entries); both are built once per lexicon and kept for the next article.

Examples
--------
>>> from vendorgraph.ontology.lexicon import load_lexicon
>>> text = "Nvidia and AMD signed."
>>> [(s, e, entry.id) for s, e, entry in lexicon_hits(text, 0, len(text), load_lexicon())]
[(0, 6, 'org/nvidia'), (11, 14, 'org/amd')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ahocorasick

from vendorgraph.ontology.lexicon import Lexicon, LexiconEntry

__all__ = ["lexicon_hits", "lookup_name"]


@dataclass(frozen=True, slots=True)
class _Automata:
    folded: Any
    exact: Any
    lookups: dict[str, LexiconEntry | None] = field(default_factory=dict)


_LOOKUPS_SIZE = 4096


def lookup_name(lexicon: Lexicon, name: str) -> LexiconEntry | None:
    """Return ``lexicon.lookup(name)``, remembered per (frozen) lexicon for names asked again."""
    lookups = _automata(lexicon).lookups
    if name in lookups:
        return lookups[name]
    if len(lookups) >= _LOOKUPS_SIZE:
        lookups.clear()
    entry = lookups[name] = lexicon.lookup(name)
    return entry


# Keyed on identity: hashing a Lexicon hashes every entry, which cost more than the lookup.
# Each value keeps its lexicon alive, so an id is never reused while it is a key.
_AUTOMATA: dict[int, tuple[Lexicon, _Automata]] = {}
_AUTOMATA_SIZE = 8


def _automata(lexicon: Lexicon) -> _Automata:
    cached = _AUTOMATA.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    built = _build_automata(lexicon)
    if len(_AUTOMATA) >= _AUTOMATA_SIZE:
        del _AUTOMATA[next(iter(_AUTOMATA))]
    _AUTOMATA[id(lexicon)] = (lexicon, built)
    return built


def _build_automata(lexicon: Lexicon) -> _Automata:
    folded, exact = ahocorasick.Automaton(), ahocorasick.Automaton()
    for form, entry in lexicon.surface_forms():
        target, key = (exact, form) if entry.match_case else (folded, _fold(form))
        if key and key not in target:
            target.add_word(key, (len(key), entry))
    for automaton in (folded, exact):
        if len(automaton):
            automaton.make_automaton()
    return _Automata(folded, exact)


def _fold(text: str) -> str:
    lowered = text.replace("’", "'").lower()
    return lowered if len(lowered) == len(text) else "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    low = char.lower()
    return low if len(low) == 1 else char


def lexicon_hits(
    text: str, lo: int, hi: int, lexicon: Lexicon
) -> list[tuple[int, int, LexiconEntry]]:
    """Return the lexicon names in ``text[lo:hi]``: ``(start, end, entry)``, sorted, apart."""
    automata = _automata(lexicon)
    region = text[lo:hi]
    hits: list[tuple[int, int, LexiconEntry]] = []
    for automaton, haystack in (
        (automata.folded, _fold(region)),
        (automata.exact, region.replace("’", "'")),
    ):
        if not len(automaton) or automaton.kind != ahocorasick.AHOCORASICK:
            continue
        size = len(text)
        for last, (length, entry) in automaton.iter(haystack):
            start, end = lo + last - length + 1, lo + last + 1
            # _whole_word, inlined (called once per automaton hit)
            before = text[start - 1] if start > 0 else " "
            after = text[end] if end < size else " "
            if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_"):
                hits.append((start, end, entry))
    return _longest_first(hits)


def _longest_first(
    hits: list[tuple[int, int, LexiconEntry]],
) -> list[tuple[int, int, LexiconEntry]]:
    chosen: list[tuple[int, int, LexiconEntry]] = []
    taken = bytearray(max((h[1] for h in hits), default=0))  # hits are never empty
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0], h[2].id)):
        if taken.find(1, hit[0], hit[1]) < 0:  # none of its characters is taken yet
            chosen.append(hit)
            taken[hit[0] : hit[1]] = b"\x01" * (hit[1] - hit[0])
    return sorted(chosen, key=lambda h: h[0])
