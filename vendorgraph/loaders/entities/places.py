"""Places the gazetteer knows, named where a place stands ("in Redmond", "Cheongju, South Korea").

Examples
--------
>>> from vendorgraph.loaders.entities.find import find_entities
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="The campus opened in Redmond last year.")
>>> [(e.name, e.type.value) for e in find_entities(doc, lexicon=Lexicon([])).entities]
[('Redmond', 'Place')]
"""

from __future__ import annotations

import re

from vendorgraph.loaders.entities.patterns import EntityPatterns
from vendorgraph.loaders.entities.table import Table
from vendorgraph.loaders.gazetteer import is_place
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.terms import EntityType

__all__ = ["gazetteer_places"]


def gazetteer_places(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Places the gazetteer knows, named where a place stands ("in Redmond", "near Austin")."""
    people = {d.name for d in table.drafts.values() if d.type is EntityType.PERSON}
    for match in pats.place.finditer(sentence.text):
        name = match.group("name")
        words = name.split()
        if people and any(p == name or p.startswith(name + " ") for p in people):
            continue  # "from Lena Vogt": a person named before, not the town of Lena
        for size in range(len(words), 0, -1):  # the longest known place at the cue
            candidate = " ".join(words[:size])
            start = sentence.start + match.start("name")
            end = start + len(candidate)
            if candidate in pats.stopwords:  # "in March", "on Monday": a date, not the town
                break
            if is_place(candidate) and _free(table, start, end):
                table.add(candidate, EntityType.PLACE, start, end)
                break
    for match in pats.place_modifier.finditer(sentence.text):  # "the Lisbon lab"
        _add_place(table, sentence, match)
    for match in pats.place_in_region.finditer(sentence.text):  # "Cheongju, South Korea"
        if is_place(match.group("region")):
            _add_place(table, sentence, match)


def _free(table: Table, start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps no mention but places inside it.

    "Asia" of "Southeast Asia" is a place the longer one takes over.
    """
    for lo, hi in table.near(start, end):
        if lo < end and start < hi:
            inside = start <= lo and hi <= end
            if not inside or table.type_of(table.mentions[(lo, hi)]) is not EntityType.PLACE:
                return False
    return True


def _add_place(table: Table, sentence: Sentence, match: re.Match[str]) -> None:
    """Add the match's `name` group as a place if the gazetteer knows it and it is free."""
    start, end = sentence.start + match.start("name"), sentence.start + match.end("name")
    if is_place(match.group("name")) and not table.overlaps(start, end):
        table.add(match.group("name"), EntityType.PLACE, start, end)
