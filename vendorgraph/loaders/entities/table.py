"""The mutable table the rules fill: entity drafts and their mentions, spans kept sorted.

:class:`Table` is private to one :func:`~vendorgraph.loaders.entities.find_entities` call;
the frozen :class:`~vendorgraph.loaders.entities.EntityResult` is made from it at the end.

Examples
--------
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.terms import EntityType
>>> table = Table(text="Acme Labs hired Jane Roe.", lexicon=Lexicon([]))
>>> table.add("Acme Labs", EntityType.ORGANIZATION, 0, 9)
'org/acme-labs'
>>> table.covering(0, 4), table.overlaps(10, 15)
('org/acme-labs', False)
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from vendorgraph.loaders.entities.lexicon_match import lookup_name
from vendorgraph.loaders.entities.records import Affiliation, Development
from vendorgraph.ontology.lexicon import Lexicon, LexiconEntry
from vendorgraph.ontology.model import entity_id
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "TRAILING_POSSESSIVE",
    "Draft",
    "Table",
    "add_mention",
    "crosses",
    "longer_first",
    "normal_form",
    "seed",
]


_REACH = 200
_PLURAL_MODEL = re.compile(r"\S*[A-Za-z]\S*\d[A-Z]?s")  # a model number in the plural: "H100s"


@dataclass(slots=True)
class Draft:
    """An entity being found: its id, name, type, lexicon entry and aliases."""

    id: str
    name: str
    type: EntityType
    entry: LexiconEntry | None = None
    aliases: set[str] = field(default_factory=set)
    typed_by_context: bool = False


@dataclass(slots=True)
class Table:
    """The drafts of one text and their mentions by span (``order``: the spans, sorted)."""

    text: str
    lexicon: Lexicon
    drafts: dict[str, Draft] = field(default_factory=dict)
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    order: list[tuple[int, int]] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    developments: list[Development] = field(default_factory=list)
    possible: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    signatory: str | None = None  # who signs the text ("Sincerely, Jane Roe")

    def add(self, name: str, etype: EntityType, start: int, end: int, *, nest: bool = False) -> str:
        """Add a mention of a (new or known) entity named `name`; return its id.

        A composite mention (`nest`) keeps the names inside it and adds no alias.
        """
        if etype.is_offering and _PLURAL_MODEL.fullmatch(name):
            name, end = name[:-1], end - 1  # "GB300s": more than one GB300
        entry = lookup_name(self.lexicon, name)
        if entry is not None and entry.type.is_organization == etype.is_organization:
            return self.add_entry(entry, start, end)
        key = _entity_id(name, etype)
        draft = self.drafts.setdefault(key, Draft(id=key, name=name, type=etype))
        if nest:
            self.put((start, end), key)
        else:
            self._claim(start, end, draft.id)
        return draft.id

    def add_entry(self, entry: LexiconEntry, start: int, end: int) -> str:
        """Add a mention of a lexicon entry; return its id."""
        self.drafts.setdefault(entry.id, Draft(entry.id, entry.name, entry.type, entry))
        self._claim(start, end, entry.id)
        return entry.id

    def put(self, span: tuple[int, int], key: str) -> None:
        """Set the entity of a span, keeping ``order`` sorted."""
        if span not in self.mentions:
            bisect.insort(self.order, span)
        self.mentions[span] = key

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """Known spans that may overlap ``[start, end)`` (mentions are under _REACH long)."""
        lo = bisect.bisect_left(self.order, (start - _REACH, 0))
        hi = bisect.bisect_left(self.order, (end, 0))
        return self.order[lo:hi]

    def _claim(self, start: int, end: int, key: str) -> None:
        for span in [s for s in self.near(start, end) if start <= s[0] and s[1] <= end]:
            if span != (start, end):
                del self.mentions[span]
                self.order.remove(span)
        self.put((start, end), key)
        surface = self.text[start:end]
        draft = self.drafts[key]
        if surface != draft.name and normal_form(surface) != normal_form(draft.name):
            draft.aliases.add(_strip_possessive(surface))

    def at(self, start: int, end: int) -> str | None:
        """Return the entity mentioned exactly at ``[start, end)``, or None."""
        return self.mentions.get((start, end))

    def covering(self, start: int, end: int) -> str | None:
        """Return the entity of a mention that contains ``[start, end)``, or None."""
        for lo, hi in self.near(start, end):
            if lo <= start and end <= hi:
                return self.mentions[(lo, hi)]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Return whether a known mention overlaps ``[start, end)``."""
        return any(lo < end and start < hi for lo, hi in self.near(start, end))

    def ending_at(self, end: int) -> str | None:
        """Return the entity of a mention ending at `end`, or None."""
        for lo, hi in self.near(end - 1, end):
            if hi == end:
                return self.mentions[(lo, hi)]
        return None

    def starting_at(self, start: int) -> tuple[int, str] | None:
        """Return the end and entity of a mention starting at `start`, or None."""
        for lo, hi in self.near(start, start + 1):
            if lo == start:
                return hi, self.mentions[(lo, hi)]
        return None

    def within(self, start: int, end: int) -> list[tuple[tuple[int, int], str]]:
        """Return the mentions that start in ``[start, end)``, sorted."""
        lo = bisect.bisect_left(self.order, (start, 0))
        hi = bisect.bisect_left(self.order, (end, 0))
        return [(span, self.mentions[span]) for span in self.order[lo:hi]]

    def items(self) -> list[tuple[tuple[int, int], str]]:
        """Return ``sorted(self.mentions.items())`` (``order`` holds the spans, sorted)."""
        return [(span, self.mentions[span]) for span in self.order]

    def type_of(self, key: str) -> EntityType:
        """Return the type of the entity `key`."""
        return self.drafts[key].type


_SPACES = re.compile(r"\s+")
TRAILING_POSSESSIVE = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=4096)  # names and mention surfaces, asked about again and again
def normal_form(name: str) -> str:
    """Return `name` without a possessive, spaces collapsed, case-folded."""
    return _SPACES.sub(" ", _strip_possessive(name)).casefold().replace("’", "'")


def _strip_possessive(name: str) -> str:
    return TRAILING_POSSESSIVE.sub("", name)


# entity_id is a pure function of a name and a type; names recur across articles
_entity_id = functools.lru_cache(maxsize=4096)(entity_id)


def seed(table: Table, hits: list[tuple[int, int, LexiconEntry]]) -> None:
    """Do ``table.add_entry`` for each hit, into an empty table.

    The hits are sorted and do not overlap, so no mention is replaced and each span goes
    at the end of ``table.order``.
    """
    text, drafts = table.text, table.drafts
    for start, end, entry in hits:
        draft = drafts.get(entry.id)
        if draft is None:
            draft = drafts[entry.id] = Draft(entry.id, entry.name, entry.type, entry)
        table.mentions[(start, end)] = entry.id
        table.order.append((start, end))
        surface = text[start:end]
        if surface != draft.name and normal_form(surface) != normal_form(draft.name):
            draft.aliases.add(_strip_possessive(surface))


def crosses(table: Table, start: int, end: int) -> bool:
    """Whether a known mention overlaps ``[start, end)`` without lying inside it."""
    return any(
        lo < end and start < hi and not (start <= lo and hi <= end)
        for lo, hi in table.near(start, end)
    )


def add_mention(table: Table, draft: Draft, start: int, end: int) -> None:
    """Add a mention of `draft`, keeping its surface as an alias when it differs."""
    table.put((start, end), draft.id)
    surface = _strip_possessive(table.text[start:end])
    if normal_form(surface) != normal_form(draft.name):
        draft.aliases.add(surface)


def longer_first(name: str) -> tuple[int, str]:
    """Sort key: longer names first, ties alphabetically (never in set order, which varies)."""
    return -len(name), name
