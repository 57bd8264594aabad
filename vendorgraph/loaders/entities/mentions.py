"""Further mentions of names already found: aliases, list members, surnames, repeats.

A parenthesised alias or ticker after a name ("Advanced Micro Devices (AMD)"), the other members
of a list of known names ("Nvidia, AMD and Biren"), a person's surname used alone, and every
later use of a found name or alias.

Examples
--------
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.terms import EntityType
>>> from vendorgraph.loaders.entities.table import Table
>>> table = Table(text="Jane Roe spoke. Roe said so.", lexicon=Lexicon([]))
>>> table.add("Jane Roe", EntityType.PERSON, 0, 8)
'person/jane-roe'
>>> surnames(table, 0, len(table.text))
>>> table.items()
[((0, 8), 'person/jane-roe'), ((16, 19), 'person/jane-roe')]
"""

from __future__ import annotations

import re
from collections import Counter

from vendorgraph.loaders.entities.literal_spans import bounded, free
from vendorgraph.loaders.entities.organisations import suffix_type
from vendorgraph.loaders.entities.patterns import CAP_TOKEN, PLURAL_ACRONYM, EntityPatterns
from vendorgraph.loaders.entities.table import Table, add_mention, longer_first
from vendorgraph.loaders.gazetteer import is_place
from vendorgraph.loaders.limits import window_before
from vendorgraph.loaders.parse import is_english
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "MEMBER_AFTER",
    "MEMBER_BEFORE",
    "list_members",
    "member_after",
    "member_before",
    "paren_aliases",
    "repeat_names",
    "surnames",
]


_PAREN = re.compile(r"\s*\(([^()]{1,40})\)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9.]{1,11}$")


def paren_aliases(table: Table) -> None:
    """Add a parenthesised alias or ticker after a name ("Advanced Micro Devices (AMD)")."""
    for (_lo, hi), key in table.items():
        match = _PAREN.match(table.text, hi)
        if match is None:
            continue
        start, end = match.start(1), match.end(1)
        if table.overlaps(start, end) or not _ACRONYM.match(match.group(1)):
            continue
        table.put((start, end), key)
        table.drafts[key].aliases.add(match.group(1))


_JOINER = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
MEMBER_AFTER = re.compile(rf"{_JOINER}(?P<n>{CAP_TOKEN}(?:\s+{CAP_TOKEN}){{0,2}})(?=[\s,.;]|$)")
MEMBER_BEFORE = re.compile(rf"(?P<n>{CAP_TOKEN}(?:\s+{CAP_TOKEN}){{0,2}}){_JOINER}$")
_CONJUNCTION = re.compile(r"\b(?:and|or)\s")


def list_members(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add the other members of a list that names a known entity ("Nvidia, AMD and Biren")."""
    text, first = table.text, sentence.start
    for (lo, hi), key in table.within(first, sentence.end):
        if table.type_of(key) is EntityType.PERSON:
            continue
        after = member_after(text, hi, sentence.end)
        if after and (
            _has_conjunction(after.group()) or _LIST_NEXT.match(text, after.end(), sentence.end)
        ):
            _member(table, pats, key, after.start("n"), after.group("n"))
        base = window_before(lo, floor=first)
        before = member_before(text[base:lo])
        if before is None:
            continue
        cut = base + before.start()
        head = text[window_before(cut, floor=first) : cut]
        if _has_conjunction(before.group()) or _LIST_PREV.search(head):
            _member(table, pats, key, base + before.start("n"), before.group("n"))


_JOINER_AT = re.compile(_JOINER)


def member_after(text: str, hi: int, end: int) -> re.Match[str] | None:
    """``MEMBER_AFTER.match(text[hi:end])``, skipped where no joiner starts at `hi`."""
    if _JOINER_AT.match(text, hi, end) is None:
        return None
    return MEMBER_AFTER.match(text, hi, end)


def member_before(head: str) -> re.Match[str] | None:
    """``MEMBER_BEFORE.search(head)``, skipped where `head` cannot end with a joiner."""
    rest = head.rstrip()
    if rest.endswith(",") or (len(rest) < len(head) and rest.endswith(("and", "or"))):
        return MEMBER_BEFORE.search(head)
    return None


_LIST_NEXT = re.compile(r"\s*(?:,|and\b|or\b)")
_LIST_PREV = re.compile(r"(?:,|\bincluding|\bsuch as|\blike|\band)\s*$")


def _has_conjunction(joiner: str) -> bool:
    return bool(_CONJUNCTION.search(joiner))


def _member(table: Table, pats: EntityPatterns, like: str, start: int, name: str) -> None:
    words = name.split()
    while words and words[0] in pats.stopwords:
        start += len(words.pop(0)) + 1
    while words and words[-1] in pats.stopwords:
        words.pop()
    if not words or table.overlaps(start, start + len(" ".join(words))):
        return
    name = " ".join(words)
    etype = table.type_of(like)
    if etype.is_organization:
        etype = suffix_type(pats, name)
    elif etype.is_offering:
        etype = pats.head_types.get(words[-1].lower(), etype)
    if etype is EntityType.PLACE or pats.roles.fullmatch(words[-1]):
        return
    if PLURAL_ACRONYM.fullmatch(name):
        return  # "retimers or DSPs, and Seravine": a class of things listed beside a name
    if etype.is_organization and _OF_NAME.match(table.text, start + len(name)):
        return  # "Jane Roe of Acme": a person by where she works, no member of a company list
    table.add(name, etype, start, start + len(name))


_OF_NAME = re.compile(r" of [A-Z]")


def surnames(table: Table, lo: int, hi: int) -> None:
    """Add the later mentions of people named in full, by full name or surname.

    A coined first word names the person too, where no one else has it: the family name of a
    name written family name first ("Kang Hye-jin ... Kang said"), or a given name ("Ingrid").
    """
    body = table.text[lo:hi]
    people = [d for d in table.drafts.values() if d.type is EntityType.PERSON]
    firsts = Counter(d.name.split()[0] for d in people)
    for draft in people:
        words = draft.name.split()
        if len(words) < 2:
            continue
        forms = [draft.name, words[-1]]
        if firsts[words[0]] == 1 and _coined(words[0]):
            forms.append(words[0])
        for form in forms:
            for first, last in bounded(body, form):
                start, end = lo + first, lo + last
                if not table.overlaps(start, end):
                    add_mention(table, draft, start, end)


def _coined(word: str) -> bool:
    """Tell a word that can only be a name: no English word, no place, three letters or more."""
    return len(word) >= 3 and word.isalpha() and not is_english(word) and not is_place(word)


def repeat_names(table: Table, lo: int, hi: int) -> None:
    """Add each free-standing use of a name or alias the rules found (not the lexicon)."""
    body = table.text[lo:hi]
    for draft in list(table.drafts.values()):
        if draft.entry is not None:
            continue
        for form in sorted({draft.name, *draft.aliases}, key=longer_first):
            for first, last in free(body, form):
                start, end = lo + first, lo + last
                if not table.overlaps(start, end):
                    add_mention(table, draft, start, end)
