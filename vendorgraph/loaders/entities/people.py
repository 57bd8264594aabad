"""People the lexicon does not list, named next to a cue.

A person is two or three capitalised words, none a role, a stopword or an organisation suffix,
named next to a reporting verb ("..., Jane Roe said") or after a byline or credit cue
("By Jane Roe and John Doe").

Examples
--------
>>> from vendorgraph.loaders.entities.patterns import load_entity_patterns
>>> from vendorgraph.loaders.entities.table import Table
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> table = Table(text="By Jane Roe and John Doe", lexicon=Lexicon([]))
>>> person_cues(table, load_entity_patterns(), 0, len(table.text))
>>> sorted(table.drafts)
['person/jane-roe', 'person/john-doe']
"""

from __future__ import annotations

import re

from vendorgraph.loaders.entities.patterns import DESCRIPTIVE_LEAD, EntityPatterns
from vendorgraph.loaders.entities.sentence_filter import lead_matches
from vendorgraph.loaders.entities.table import Table
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.terms import EntityType

__all__ = ["add_person", "person_cues", "speech_people", "valid_person"]


def valid_person(pats: EntityPatterns, name: str) -> bool:
    """Tell whether `name` can be a person: two words or more, no role, stopword or suffix."""
    words = name.split()
    return (
        len(words) >= 2
        and not any(w in pats.stopwords or pats.roles.fullmatch(w) for w in words)
        and words[-1] not in pats.suffix_types
    )


def add_person(table: Table, pats: EntityPatterns, name: str, start: int) -> str | None:
    """Add the person named `name` at `start`; return its id, or None if it is no person."""
    if (lead := DESCRIPTIVE_LEAD.match(name)) is not None:  # not part of the name
        name, start = name[lead.end() :], start + lead.end()
    name = _trim_person(pats, name)
    end = start + len(name)
    known = table.covering(start, end)
    if known is not None:
        return known if table.type_of(known) is EntityType.PERSON else None
    if not valid_person(pats, name) or table.overlaps(start, end):
        return None
    return table.add(name, EntityType.PERSON, start, end)


def _trim_person(pats: EntityPatterns, name: str) -> str:
    words = name.split()
    while len(words) > 2 and (words[-1] in pats.stopwords or words[-1] in pats.suffix_types):
        words.pop()
    return " ".join(words)


# what follows "X said" when X is an organisation speaking of itself ("X said it would ...")
_SAID_IT = re.compile(r"\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:it|its)\b")


def speech_people(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add people named next to a reporting verb ("Jane Roe said") or "who" ("Jane Roe, who")."""
    for match in pats.speech_person.finditer(sentence.text):
        group = "after" if match.group("after") else "before"
        if group == "before" and _SAID_IT.match(sentence.text, match.end()):
            continue  # "Meridian Data said it would stop ...": a company, not a person
        add_person(table, pats, match.group(group), sentence.start + match.start(group))


def person_cues(table: Table, pats: EntityPatterns, lo: int, hi: int) -> None:
    """People named in bylines, credits and contact blocks ("By Jane Roe and John Doe")."""
    text = table.text
    for match in lead_matches(pats.person_cue, "person_cue", text, lo, hi):
        start = match.start("person")
        add_person(table, pats, match.group("person"), start)
        pos = start + len(_trim_person(pats, match.group("person")))
        while (more := pats.person_more.match(text, pos, hi)) is not None:
            add_person(table, pats, more.group("person"), more.start("person"))
            pos = more.start("person") + len(_trim_person(pats, more.group("person")))
