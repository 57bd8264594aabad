"""Find the entities an article names: lexicon entries, and names the lexicon does not list.

Lexicon names are found with an Aho-Corasick automaton (pyahocorasick) over the text with
whole-word checks, longest match first. Names the lexicon does not list come from rules whose
cue words live in ``patterns/entities.toml``: an organisation named before a role and a person
after it ("Boardy Ventures Deal Partner Berna Misa"), a person next to a reporting verb, names
ending in an organisation suffix ("Labs", "Ventures", "Department"), names after a description
("chip designers Moore Thread and Biren"), names before an offering noun ("NVLink Fusion
technology"), model codes ("Trainium4"), vendor-qualified product lines ("Nvidia's most
advanced GPUs" → "Nvidia GPUs"), parenthesised aliases and tickers ("Advanced Micro Devices
(AMD)"), the other members of a list of known names, and surnames of people named in full.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="ZenGen Labs Co-founder Dermot McGrath spoke. McGrath said so.")
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> sorted((e.name, e.type.value) for e in found.entities)
[('Dermot McGrath', 'Person'), ('ZenGen Labs', 'Organization')]
>>> found.affiliations[0].role
'Co-founder'
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

import ahocorasick

from vendorgraph.loaders.text import (
    RuleFilter,
    Sentence,
    alternation,
    possible_rules,
    rule_filter,
    split_sentences,
)
from vendorgraph.ontology.lexicon import Lexicon, LexiconEntry
from vendorgraph.ontology.model import Document, Entity, Span, entity_id
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "Affiliation",
    "Development",
    "EntityResult",
    "Mention",
    "find_entities",
    "load_entity_patterns",
]

TOKEN = r"(?:[A-Z][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)*|[A-Za-z]+\d[A-Za-z0-9-]*)"
_UPPER = "A-ZÀ-ÖØ-Þ"
_ALNUM = "A-Za-z0-9À-ÖØ-öø-ÿ"
_CAP_TOKEN = rf"[{_UPPER}][{_ALNUM}&]*(?:-[{_ALNUM}]+)*"
_CODE = re.compile(r"\b(?:[A-Z]{1,4}\d{2,4}[A-Za-z]{0,2}|[A-Z][a-z]+\d{1,2})\b")
_NOT_CODES = re.compile(r"^(?:FY|Q|H|COVID|G)\d")
_POSSESSIVE = re.compile(r"^['’]s?")
_PAREN = re.compile(r"\s*\(([^()]{1,40})\)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9.]{1,11}$")
_ITS_OWN = "its own"
_ITS_OWN_RE = re.compile(rf"\b{_ITS_OWN}\s+")
_REACH = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One place an entity is named: ``[start, end)`` in the document text.

    ``outer`` is false for a name inside a longer mention ("Nvidia" in "Nvidia GPUs").
    """

    start: int
    end: int
    entity: str
    outer: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Affiliation:
    """A person's role at an organisation, as the text gives it, with where it says so."""

    person: str
    org: str | None
    role: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Development:
    """An organisation's product named as theirs ("Nvidia GPUs"), with where it is named."""

    org: str
    offering: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityResult:
    """The entities of a document with every mention, role and product line found."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    affiliations: tuple[Affiliation, ...] = ()
    developments: tuple[Development, ...] = ()

    def by_id(self) -> dict[str, Entity]:
        """Return the entities keyed by id."""
        return {e.id: e for e in self.entities}


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityPatterns:
    """The compiled cue lists of ``patterns/entities.toml``."""

    roles: re.Pattern[str]
    role_person: re.Pattern[str]
    person_role_org: re.Pattern[str]
    speech_person: re.Pattern[str]
    org_suffix: re.Pattern[str]
    suffix_types: dict[str, EntityType]
    descriptor: re.Pattern[str]
    descriptor_types: dict[str, EntityType]
    offering_head: re.Pattern[str]
    head_types: dict[str, EntityType]
    vendor_head: re.Pattern[str]
    vendor_heads: dict[str, str]
    publisher: re.Pattern[str]
    stopwords: frozenset[str]
    executive_roles: re.Pattern[str]
    person_cue: re.Pattern[str]
    person_more: re.Pattern[str]
    person_duty: re.Pattern[str]
    apposition: re.Pattern[str]
    government_roles: re.Pattern[str]
    person_its_role: re.Pattern[str]


@functools.cache
def load_entity_patterns() -> EntityPatterns:
    """Read and compile ``patterns/entities.toml`` (once per process).

    Examples
    --------
    >>> bool(load_entity_patterns().roles.fullmatch("Deal Partner"))
    True
    """
    raw = tomllib.loads(
        (resources.files("vendorgraph.loaders") / "patterns" / "entities.toml").read_text("utf-8")
    )
    return _compile(raw)


def _compile(raw: dict[str, Any]) -> EntityPatterns:
    roles = alternation(raw["roles"])
    person = rf"(?:(?:[{_UPPER}]\.){{1,3}}\s?{_CAP_TOKEN}|{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{1,2}})"
    name = rf"{TOKEN}(?:\s+{TOKEN}){{0,2}}"
    speech = r"said|says|told|added|noted|explained|wrote|argued|warned|stressed"
    return EntityPatterns(
        roles=re.compile(rf"(?i:{roles})"),
        role_person=re.compile(rf"\b(?P<role>(?i:{roles})):?\s+(?P<person>{person})\b"),
        person_role_org=re.compile(
            rf"\b(?P<person>{person}),\s+(?:the\s+|a\s+|an\s+)?(?P<role>(?i:{roles}))\s+"
            rf"(?:at|of|for)\s+(?P<org>{name})"
        ),
        speech_person=re.compile(
            rf"\b(?:(?:{speech})\s+(?P<after>{person})|(?P<before>{person})\s+(?:{speech})\b)"
        ),
        org_suffix=re.compile(rf"\b(?:{alternation(raw['org_suffixes'])})(?![\w-])"),
        suffix_types={k: EntityType(v) for k, v in raw["org_suffixes"].items()},
        descriptor=re.compile(
            rf"\b(?P<cue>(?i:{alternation(raw['descriptors'])}))\s+(?P<names>{name}"
            rf"(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+){name})*)"
        ),
        descriptor_types={k.lower(): EntityType(v) for k, v in raw["descriptors"].items()},
        offering_head=re.compile(
            rf"\b(?P<name>{name})\s+(?P<head>{alternation(raw['offering_heads'])})\b"
        ),
        head_types={k: EntityType(v) for k, v in raw["offering_heads"].items()},
        vendor_head=re.compile(
            rf"(?:['’]s?)?\s+(?P<mods>(?:(?:{alternation(raw['vendor_modifiers']['words'])})\s+){{0,3}}?)"
            rf"(?P<models>(?:{TOKEN}\s+){{0,2}}?)(?P<head>{alternation(raw['vendor_heads'])})\b"
        ),
        vendor_heads=dict(raw["vendor_heads"]),
        publisher=re.compile(
            rf"\b(?:{alternation(raw['publisher_cues']['cues'])})\s+(?P<name>{name})"
        ),
        stopwords=frozenset(raw["stopwords"]["words"]),
        executive_roles=re.compile(rf"(?i:{alternation(raw['executive_roles'])})"),
        person_cue=re.compile(
            rf"(?<![\w-])(?:{alternation(raw['person_cues']['cues'])})[ \t]*\n?[ \t]*"
            rf"(?P<person>{person})\b"
        ),
        person_more=re.compile(
            rf"(?:[ \t]+in[ \t]+{_CAP_TOKEN}(?:[ \t]+{_CAP_TOKEN})?)?[ \t]*(?:,|and)[ \t]+"
            rf"(?P<person>{person})\b"
        ),
        person_duty=re.compile(
            rf"\b(?P<person>{person})\s+(?P<role>{alternation(raw['person_duty']['verbs'])})"
            rf"\s+(?:[a-z][\w-]*\s+){{1,4}}?at\s+(?P<org>{name})"
        ),
        government_roles=re.compile(rf"(?i:{alternation(raw['government_roles'])})"),
        person_its_role=re.compile(
            rf"\b(?P<person>{person}),\s+(?:its|their|the (?:company|firm|group)['’]s)\s+"
            rf"(?P<role>(?i:{roles}))\b"
        ),
        apposition=re.compile(
            rf"(?<![\w&-])(?P<name>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,3}}),\s+"
            rf"(?:a|an|the|{_CAP_TOKEN}['’]s)\s+(?P<desc>(?:[\w-]+\s+){{0,5}}?)"
            rf"(?P<head>{alternation(raw['apposition_heads']['words'])})\b"
        ),
    )


# --- the mutable table the rules fill -----------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    id: str
    name: str
    type: EntityType
    entry: LexiconEntry | None = None
    aliases: set[str] = field(default_factory=set)
    typed_by_context: bool = False


@dataclass(slots=True)
class _Table:
    text: str
    lexicon: Lexicon
    drafts: dict[str, _Draft] = field(default_factory=dict)
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    order: list[tuple[int, int]] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    developments: list[Development] = field(default_factory=list)
    possible: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)

    def add(self, name: str, etype: EntityType, start: int, end: int, *, nest: bool = False) -> str:
        """Add a mention of a (new or known) entity named `name`; return its id.

        A composite mention (`nest`) keeps the names inside it and adds no alias.
        """
        entry = self.lexicon.lookup(name)
        if entry is not None and entry.type.is_organization == etype.is_organization:
            return self.add_entry(entry, start, end)
        key = entity_id(name, etype)
        draft = self.drafts.setdefault(key, _Draft(id=key, name=name, type=etype))
        if nest:
            self.put((start, end), key)
        else:
            self._claim(start, end, draft.id)
        return draft.id

    def add_entry(self, entry: LexiconEntry, start: int, end: int) -> str:
        self.drafts.setdefault(entry.id, _Draft(entry.id, entry.name, entry.type, entry))
        self._claim(start, end, entry.id)
        return entry.id

    def put(self, span: tuple[int, int], key: str) -> None:
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
        if _norm(surface) != _norm(draft.name):
            draft.aliases.add(_strip_possessive(surface))

    def at(self, start: int, end: int) -> str | None:
        return self.mentions.get((start, end))

    def covering(self, start: int, end: int) -> str | None:
        for lo, hi in self.near(start, end):
            if lo <= start and end <= hi:
                return self.mentions[(lo, hi)]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        return any(lo < end and start < hi for lo, hi in self.near(start, end))

    def ending_at(self, end: int) -> str | None:
        for lo, hi in self.near(end - 1, end):
            if hi == end:
                return self.mentions[(lo, hi)]
        return None

    def starting_at(self, start: int) -> tuple[int, str] | None:
        for lo, hi in self.near(start, start + 1):
            if lo == start:
                return hi, self.mentions[(lo, hi)]
        return None

    def within(self, start: int, end: int) -> list[tuple[tuple[int, int], str]]:
        lo = bisect.bisect_left(self.order, (start, 0))
        hi = bisect.bisect_left(self.order, (end, 0))
        return [(span, self.mentions[span]) for span in self.order[lo:hi]]

    def type_of(self, key: str) -> EntityType:
        return self.drafts[key].type


_SPACES = re.compile(r"\s+")
_TRAILING_POSSESSIVE = re.compile(r"['’]s?$")


def _norm(name: str) -> str:
    return _SPACES.sub(" ", _strip_possessive(name)).casefold().replace("’", "'")


def _strip_possessive(name: str) -> str:
    return _TRAILING_POSSESSIVE.sub("", name)


# --- lexicon matching ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Automata:
    folded: Any
    exact: Any


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


def _lexicon_hits(
    text: str, lo: int, hi: int, lexicon: Lexicon
) -> list[tuple[int, int, LexiconEntry]]:
    automata = _automata(lexicon)
    region = text[lo:hi]
    hits: list[tuple[int, int, LexiconEntry]] = []
    for automaton, haystack in (
        (automata.folded, _fold(region)),
        (automata.exact, region.replace("’", "'")),
    ):
        if not len(automaton) or automaton.kind != ahocorasick.AHOCORASICK:
            continue
        for last, (length, entry) in automaton.iter(haystack):
            start, end = lo + last - length + 1, lo + last + 1
            if _whole_word(text, start, end):
                hits.append((start, end, entry))
    return _longest_first(hits)


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_")


def _longest_first(
    hits: list[tuple[int, int, LexiconEntry]],
) -> list[tuple[int, int, LexiconEntry]]:
    chosen: list[tuple[int, int, LexiconEntry]] = []
    taken = bytearray(max((h[1] for h in hits), default=0))  # hits are never empty
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0], h[2].id)):
        if not any(taken[hit[0] : hit[1]]):
            chosen.append(hit)
            taken[hit[0] : hit[1]] = b"\x01" * (hit[1] - hit[0])
    return sorted(chosen, key=lambda h: h[0])


# --- rules for names the lexicon does not list --------------------------------------------------


def _org_run_before(
    table: _Table, pats: EntityPatterns, stop: int, floor: int
) -> tuple[int, int] | None:
    """Return the span of the capitalised words (at most four) ending just before `stop`."""
    head = table.text[floor:stop]
    match = re.search(rf"((?:{_CAP_TOKEN}\s+){{0,3}}{_CAP_TOKEN})\s*$", head)
    if match is None:
        return None
    words = match.group(1).split()
    while words and words[0] in pats.stopwords:
        words.pop(0)
    if not words or pats.roles.fullmatch(words[-1]):
        return None
    end = floor + match.end(1)
    return end - len(" ".join(words)), end


def _org_before(table: _Table, pats: EntityPatterns, stop: int, floor: int) -> str | None:
    end = _skip_back(table.text, stop, floor)
    known = table.ending_at(end)
    if known is not None and table.type_of(known).is_organization:
        return known
    if known is not None:
        return None
    span = _org_run_before(table, pats, end, floor)
    if span is None or table.overlaps(*span):
        return None
    name = table.text[span[0] : span[1]]
    return table.add(name, _suffix_type(pats, name), *span)


def _skip_back(text: str, stop: int, floor: int) -> int:
    """Step back over white space, a possessive and a parenthesised alias before `stop`."""
    head = text[floor:stop].rstrip()
    head = re.sub(r"\s*\([^()]{1,40}\)$", "", head)
    head = re.sub(r"['’]s?$", "", head)
    return floor + len(head)


def _suffix_type(pats: EntityPatterns, name: str) -> EntityType:
    return pats.suffix_types.get(name.split()[-1], EntityType.ORGANIZATION)


# The cue patterns run sentence by sentence; a sentence that lacks every word a pattern needs
# (a role, a suffix, a descriptor ...) is skipped with one Aho-Corasick pass per sentence.
_FILTERED = (
    "role_person",
    "person_role_org",
    "person_duty",
    "apposition",
    "person_its_role",
    "org_suffix",
    "descriptor",
    "publisher",
    "offering_head",
)


@functools.cache
def _sentence_filter() -> RuleFilter:
    pats = load_entity_patterns()
    return rule_filter([getattr(pats, name) for name in _FILTERED])


def _finditer(
    table: _Table, pats: EntityPatterns, name: str, sentence: Sentence
) -> Iterator[re.Match[str]]:
    """Return ``pats.<name>.finditer(sentence.text)``, empty when it cannot match."""
    pattern: re.Pattern[str] = getattr(pats, name)
    if pats is not load_entity_patterns():
        return pattern.finditer(sentence.text)
    span = (sentence.start, sentence.end)
    possible = table.possible.get(span)
    if possible is None:
        found = possible_rules(_sentence_filter(), sentence.text)
        possible = table.possible[span] = frozenset(_FILTERED[i] for i in found)
    return pattern.finditer(sentence.text) if name in possible else iter(())


def _valid_person(pats: EntityPatterns, name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and not any(w in pats.stopwords or pats.roles.fullmatch(w) for w in words)
        and words[-1] not in pats.suffix_types
    )


def _person(table: _Table, pats: EntityPatterns, name: str, start: int) -> str | None:
    name = _trim_person(pats, name)
    end = start + len(name)
    known = table.covering(start, end)
    if known is not None:
        return known if table.type_of(known) is EntityType.PERSON else None
    if not _valid_person(pats, name) or table.overlaps(start, end):
        return None
    return table.add(name, EntityType.PERSON, start, end)


def _trim_person(pats: EntityPatterns, name: str) -> str:
    words = name.split()
    while len(words) > 2 and (words[-1] in pats.stopwords or words[-1] in pats.suffix_types):
        words.pop()
    return " ".join(words)


def _roles(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in _finditer(table, pats, "role_person", sentence):
        start = sentence.start + match.start("person")
        person = _person(table, pats, match.group("person"), start)
        if person is None:
            continue
        org = _org_before(table, pats, sentence.start + match.start("role"), sentence.start)
        _affiliate(table, person, org, match.group("role"), sentence.start + match.start(), start)
    for match in _finditer(table, pats, "person_role_org", sentence):
        start = sentence.start + match.start("person")
        person = _person(table, pats, match.group("person"), start)
        org = _org_at(table, pats, sentence.start + match.start("org"), match.group("org"))
        if person is not None:
            _affiliate(table, person, org, match.group("role"), start, sentence.start + match.end())


def _affiliate(
    table: _Table, person: str, org: str | None, role: str, start: int, end: int
) -> None:
    if org is not None and not table.type_of(org).is_organization:
        org = None
    table.affiliations.append(Affiliation(person=person, org=org, role=role, start=start, end=end))


def _org_at(table: _Table, pats: EntityPatterns, start: int, name: str) -> str | None:
    known = table.starting_at(start)
    if known is not None:
        return known[1]
    words = name.split()
    while words and words[-1] in pats.stopwords:
        words.pop()
    if not words or words[0] in pats.stopwords:
        return None
    name = " ".join(words)
    if table.overlaps(start, start + len(name)):
        return None
    return table.add(name, _suffix_type(pats, name), start, start + len(name))


def _speech_people(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in pats.speech_person.finditer(sentence.text):
        group = "after" if match.group("after") else "before"
        _person(table, pats, match.group(group), sentence.start + match.start(group))


def _person_cues(table: _Table, pats: EntityPatterns, lo: int, hi: int) -> None:
    """People named in bylines, credits and contact blocks ("By Jane Roe and John Doe")."""
    text = table.text
    for match in pats.person_cue.finditer(text, lo, hi):
        start = match.start("person")
        _person(table, pats, match.group("person"), start)
        pos = start + len(_trim_person(pats, match.group("person")))
        while (more := pats.person_more.match(text, pos, hi)) is not None:
            _person(table, pats, more.group("person"), more.start("person"))
            pos = more.start("person") + len(_trim_person(pats, more.group("person")))


def _duties(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Roles stated with a verb: "Jane Roe leads infrastructure at Acme Labs"."""
    for match in _finditer(table, pats, "person_duty", sentence):
        start = sentence.start + match.start("person")
        person = _person(table, pats, match.group("person"), start)
        org = _org_at(table, pats, sentence.start + match.start("org"), match.group("org"))
        if person is not None:
            end = sentence.start + match.end()
            _affiliate(table, person, org, match.group("role"), start, end)


def _appositions(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Unknown names that an apposition calls an organisation ("Acme, a maker of ...")."""
    for match in _finditer(table, pats, "apposition", sentence):
        tokens = list(re.finditer(r"\S+", match.group("name")))
        while tokens and tokens[0].group() in pats.stopwords:
            tokens.pop(0)
        if not tokens or pats.roles.fullmatch(tokens[-1].group()):
            continue
        base = sentence.start + match.start("name")
        start, end = base + tokens[0].start(), base + tokens[-1].end()
        if table.overlaps(start, end):
            continue
        phrase = f"{match.group('desc')}{match.group('head')}".lower()
        etype = next(
            (
                t
                for cue, t in pats.descriptor_types.items()
                if re.search(rf"\b{re.escape(cue)}\b", phrase)
            ),
            _suffix_type(pats, tokens[-1].group()),
        )
        table.add(table.text[start:end], etype, start, end)


def _short_aliases(table: _Table, pats: EntityPatterns, lo: int, hi: int) -> None:
    """Add the first word of a found company's name where it is used alone ("Arcwell")."""
    for draft in list(table.drafts.values()):
        words = draft.name.split()
        if draft.entry is not None or not draft.type.is_organization or len(words) < 2:
            continue
        first = words[0]
        if first in pats.stopwords or len(first) < 4 or not first[0].isupper():
            continue
        if table.lexicon.lookup(first) is not None:
            continue
        pattern = rf"(?<![\w-]){re.escape(first)}(?:['’]s)?(?![\w-])(?!\s+[{_UPPER}])"
        for match in re.finditer(pattern, table.text[lo:hi]):
            start, end = lo + match.start(), lo + match.end()
            if not table.overlaps(start, end):
                _mention(table, draft, start, end)


def _main_org(table: _Table) -> str | None:
    """Return the organisation the article names most often (ties: the first named)."""
    counts: dict[str, int] = {}
    for span in table.order:
        key = table.mentions[span]
        if table.type_of(key).is_organization and table.type_of(key) is not EntityType.GOVERNMENT:
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _executives(table: _Table, pats: EntityPatterns) -> None:
    """Give an executive whose sentence names no company to the company the article is about."""
    main = _main_org(table)
    government = next(
        (
            table.mentions[span]
            for span in table.order
            if table.type_of(table.mentions[span]) is EntityType.GOVERNMENT
        ),
        None,
    )
    out = []
    for aff in table.affiliations:
        role = aff.role or ""
        if aff.org is None and main is not None and pats.executive_roles.fullmatch(role):
            aff = replace(aff, org=main)
        elif aff.org is None and government is not None and pats.government_roles.fullmatch(role):
            aff = replace(aff, org=government)
        out.append(aff)
    table.affiliations[:] = out


# "Ostrava AI data center": a suffix word followed by what it describes does not end a name
_NOT_A_NAME_AFTER = re.compile(
    r"\s+(?:data cent(?:er|re)s?|chips?|models?|infrastructure|clusters?|servers?|workloads?"
    r"|compute|hubs?|campus(?:es)?|factor(?:y|ies)|facilit(?:y|ies)|parks?|zones?|projects?|plans?)\b"
)
_GOVERNMENT = re.compile(
    rf"\b(?:Ministry|Department|Office|Bureau|Agency|Commission|Council|Secretariat)\s+(?:of|for)"
    rf"\s+(?:the\s+)?{_CAP_TOKEN}(?:\s+(?:and|&)\s+{_CAP_TOKEN}|\s+{_CAP_TOKEN}){{0,3}}"
)
_DATELINE_SOURCE = re.compile(
    r"^[A-Z][A-Z .'-]{2,40},(?:\s+[A-Z][\w .]{1,30},)?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"\s+\((?P<pub>[A-Z][^()\n]{1,40})\)\s+[-–—]",
    re.M,
)


def _governments(table: _Table, sents: tuple[Sentence, ...]) -> None:
    """Add government bodies written out ("Ministry of Industry and Trade").

    A shorter form of a longer one ("Ministry of Industry") is the same body.
    """
    found = [
        (sentence.start + m.start(), sentence.start + m.end(), m.group())
        for sentence in sents
        for m in _GOVERNMENT.finditer(sentence.text)
    ]
    names = sorted({name for _, _, name in found}, key=len, reverse=True)
    for start, end, name in found:
        full = next((n for n in names if n.startswith(f"{name} ")), name)
        if table.at(start, end) is None and not _crosses(table, start, end):
            table.add(full, EntityType.GOVERNMENT, start, end)


def _dateline_sources(table: _Table, lo: int, hi: int) -> None:
    """Add the wire service of a dateline ("PRAGUE, May 6 (Central Desk) - ...")."""
    for match in _DATELINE_SOURCE.finditer(table.text, lo, hi):
        start, end = match.span("pub")
        if table.at(start, end) is None and not _crosses(table, start, end):
            table.add(match.group("pub"), EntityType.PUBLISHER, start, end)


def _its_roles(table: _Table, pats: EntityPatterns, sentence: Sentence, floor: int) -> None:
    """Add roles given with "its" ("Jane Roe, its vice president of compute").

    The role is at the first company of the sentence (or, when it names none before the
    person, of the sentence before).
    """
    for match in _finditer(table, pats, "person_its_role", sentence):
        start = sentence.start + match.start("person")
        person = _person(table, pats, match.group("person"), start)
        if person is None:
            continue
        org = _first_org_in(table, sentence.start, start) or _first_org_in(table, floor, start)
        _affiliate(table, person, org, match.group("role"), start, sentence.start + match.end())


def _first_org_in(table: _Table, lo: int, hi: int) -> str | None:
    for span, key in table.within(lo, hi):
        if span[1] <= hi and table.type_of(key).is_organization:
            return key
    return None


def _suffix_orgs(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in _finditer(table, pats, "org_suffix", sentence):
        span = _org_run_before(table, pats, sentence.start + match.start(), sentence.start)
        if span is None or span[1] + 1 != sentence.start + match.start():
            continue
        start, end = span[0], sentence.start + match.end()
        if _NOT_A_NAME_AFTER.match(table.text, end):
            continue
        run = table.at(*span)
        if run is not None and not table.type_of(run).is_organization:
            continue
        if table.at(start, end) is None and not _crosses(table, start, end):
            table.add(table.text[start:end], _suffix_type(pats, match.group()), start, end)


def _crosses(table: _Table, start: int, end: int) -> bool:
    """Whether a known mention overlaps ``[start, end)`` without lying inside it."""
    return any(
        lo < end and start < hi and not (start <= lo and hi <= end)
        for lo, hi in table.near(start, end)
    )


def _names_in(pats: EntityPatterns, text: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(rf"{TOKEN}(?:\s+{TOKEN}){{0,2}}", text):
        words = match.group().split()
        if words and words[0] not in pats.stopwords:
            spans.append((offset + match.start(), offset + match.end()))
    return spans


def _descriptors(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in _finditer(table, pats, "descriptor", sentence):
        etype = pats.descriptor_types[match.group("cue").lower()]
        for start, end in _names_in(
            pats, match.group("names"), sentence.start + match.start("names")
        ):
            key = table.covering(start, end) or table.add(table.text[start:end], etype, start, end)
            draft = table.drafts[key]
            if draft.type.is_organization:
                draft.type, draft.typed_by_context = etype, True


def _publishers(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in _finditer(table, pats, "publisher", sentence):
        start = sentence.start + match.start("name")
        words = match.group("name").split()
        if words[0] in pats.stopwords or table.overlaps(start, start + len(words[0])):
            continue
        end = start + len(match.group("name"))
        if not _valid_person(pats, match.group("name")) or len(words) == 1:
            table.add(table.text[start:end], EntityType.PUBLISHER, start, end)


def _offering_heads(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in _finditer(table, pats, "offering_head", sentence):
        start = sentence.start + match.start("name")
        words = match.group("name").split()
        while words and (words[0] in pats.stopwords or words[0][0].isdigit()):
            start += len(words.pop(0)) + 1
        if not words or _glued(table.text, start):
            continue
        end = start + len(" ".join(words))
        _offering(table, pats, start, end, pats.head_types[match.group("head")])


def _glued(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")


def _offering(table: _Table, pats: EntityPatterns, start: int, end: int, etype: EntityType) -> None:
    if table.at(start, end) is not None or _crosses(table, start, end):
        return
    inside = [k for (lo, hi), k in table.within(start, end) if hi <= end]
    if any(
        table.type_of(k).is_organization or table.type_of(k) is EntityType.PERSON for k in inside
    ):
        return
    words = table.text[start:end].split()
    if all(w in pats.stopwords or pats.roles.fullmatch(w) for w in words):
        return
    if re.search(r"-[a-z]", words[0]) or any(table.type_of(k) is EntityType.PLACE for k in inside):
        return
    table.add(table.text[start:end], etype, start, end)


def _codes(table: _Table, sentence: Sentence) -> None:
    for match in _CODE.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not _NOT_CODES.match(match.group()) and not table.overlaps(start, end):
            table.add(match.group(), EntityType.CHIP, start, end)


def _vendor_products(table: _Table, pats: EntityPatterns) -> None:
    for (lo, hi), key in sorted(table.mentions.items()):
        if not _is_vendor(table, key):
            continue
        match = pats.vendor_head.match(table.text, hi)
        if match is None or _sentence_break(table.text[hi : match.end()]):
            continue
        _vendor_product(table, key, lo, match)


def _is_vendor(table: _Table, key: str) -> bool:
    etype = table.type_of(key)
    return etype.is_organization and etype not in (EntityType.GOVERNMENT, EntityType.PUBLISHER)


def _sentence_break(text: str) -> bool:
    return bool(re.search(r"[.;:!?\n]", text.replace("’", "'").replace("'s", "")))


def _vendor_product(table: _Table, vendor: str, start: int, match: re.Match[str]) -> None:
    models = match.group("models").strip()
    head = _head_name(match.group("head"))
    inner = table.covering(match.start("models"), match.end("models") - 1) if models else None
    if inner is not None and table.type_of(inner).is_offering:
        table.put((start, match.end()), inner)
        _develops(table, vendor, inner, start, match.end())
        return
    name = " ".join(p for p in (table.drafts[vendor].name, models, head) if p)
    product = table.add(name, EntityType.CHIP, start, match.end(), nest=True)
    if models:
        table.drafts[product].aliases.add(f"{models} {head}")
    _develops(table, vendor, product, start, match.end())


def _head_name(head: str) -> str:
    return load_entity_patterns().vendor_heads.get(head, head)


def _develops(table: _Table, org: str, offering: str, start: int, end: int) -> None:
    entry = table.drafts[offering].entry
    if entry is not None and entry.developer not in (None, org):
        return
    table.developments.append(Development(org=org, offering=offering, start=start, end=end))


def _its_own(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in _ITS_OWN_RE.finditer(sentence.text):
        owner = _org_before_in(table, sentence.start, sentence.start + match.start())
        found = pats.vendor_head.match(sentence.text, match.end() - 1)
        if owner is None or found is None:
            continue
        mods = found.group("mods").strip()
        head = _head_name(found.group("head"))
        name = " ".join(p for p in (table.drafts[owner].name, mods, head) if p)
        start, end = sentence.start + match.start(), sentence.start + found.end()
        product = table.add(name, EntityType.CHIP, start, end, nest=True)
        _develops(table, owner, product, start, end)


def _org_before_in(table: _Table, lo: int, hi: int) -> str | None:
    found = [k for (_s, end), k in table.within(lo, hi) if end <= hi and _is_vendor(table, k)]
    return found[-1] if found else None


def _paren_aliases(table: _Table) -> None:
    for (_lo, hi), key in sorted(table.mentions.items()):
        match = _PAREN.match(table.text, hi)
        if match is None:
            continue
        start, end = match.start(1), match.end(1)
        if table.overlaps(start, end) or not _ACRONYM.match(match.group(1)):
            continue
        table.put((start, end), key)
        table.drafts[key].aliases.add(match.group(1))


_JOINER = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
_MEMBER_AFTER = re.compile(rf"{_JOINER}(?P<n>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,2}})(?=[\s,.;]|$)")
_MEMBER_BEFORE = re.compile(rf"(?P<n>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,2}}){_JOINER}$")
_CONJUNCTION = re.compile(r"\b(?:and|or)\s")


def _list_members(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for (lo, hi), key in table.within(sentence.start, sentence.end):
        if table.type_of(key) is EntityType.PERSON:
            continue
        after = _MEMBER_AFTER.match(table.text[hi : sentence.end])
        before = _MEMBER_BEFORE.search(table.text[sentence.start : lo])
        tail = table.text[hi + after.end() : sentence.end] if after else ""
        if after and (_has_conjunction(after.group()) or _LIST_NEXT.match(tail)):
            _member(table, pats, key, hi + after.start("n"), after.group("n"))
        head = table.text[sentence.start : sentence.start + before.start()] if before else ""
        if before and (_has_conjunction(before.group()) or _LIST_PREV.search(head)):
            _member(table, pats, key, sentence.start + before.start("n"), before.group("n"))


_LIST_NEXT = re.compile(r"\s*(?:,|and\b|or\b)")
_LIST_PREV = re.compile(r"(?:,|\bincluding|\bsuch as|\blike|\band)\s*$")


def _has_conjunction(joiner: str) -> bool:
    return bool(_CONJUNCTION.search(joiner))


def _member(table: _Table, pats: EntityPatterns, like: str, start: int, name: str) -> None:
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
        etype = _suffix_type(pats, name)
    elif etype.is_offering:
        etype = pats.head_types.get(words[-1].lower(), etype)
    if etype is EntityType.PLACE or pats.roles.fullmatch(words[-1]):
        return
    table.add(name, etype, start, start + len(name))


def _surnames(table: _Table, lo: int, hi: int) -> None:
    for draft in list(table.drafts.values()):
        if draft.type is not EntityType.PERSON or len(draft.name.split()) < 2:
            continue
        for form in (draft.name, draft.name.split()[-1]):
            for match in re.finditer(rf"\b{re.escape(form)}\b", table.text[lo:hi]):
                start, end = lo + match.start(), lo + match.end()
                if not table.overlaps(start, end):
                    _mention(table, draft, start, end)


def _mention(table: _Table, draft: _Draft, start: int, end: int) -> None:
    table.put((start, end), draft.id)
    surface = _strip_possessive(table.text[start:end])
    if _norm(surface) != _norm(draft.name):
        draft.aliases.add(surface)


def _repeat_names(table: _Table, lo: int, hi: int) -> None:
    for draft in list(table.drafts.values()):
        if draft.entry is not None:
            continue
        for form in sorted({draft.name, *draft.aliases}, key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", table.text[lo:hi]):
                start, end = lo + match.start(), lo + match.end()
                if not table.overlaps(start, end):
                    _mention(table, draft, start, end)


# --- the whole pass -----------------------------------------------------------------------------


def find_entities(
    document: Document,
    *,
    lexicon: Lexicon,
    sentences: tuple[Sentence, ...] | None = None,
) -> EntityResult:
    """Find every entity the body of `document` names, with its mentions.

    Parameters
    ----------
    document : Document
        The article; only ``text[body_start:]`` is read.
    lexicon : Lexicon
        The reference entities to resolve names to.
    sentences : tuple of Sentence, optional
        The body's sentences, if already split.

    Returns
    -------
    EntityResult
        Entities sorted by id (mentions sorted), every mention, the roles people hold at
        organisations, and product lines named as a company's.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> doc = Document(text="Gather Beyond Founder Pichapen Prateepavanich spoke.")
    >>> [e.id for e in find_entities(doc, lexicon=Lexicon([])).entities]
    ['org/gather-beyond', 'person/pichapen-prateepavanich']
    """
    text, lo = document.text, document.body_start
    sents = sentences if sentences is not None else split_sentences(text, lo)
    pats = load_entity_patterns()
    table = _Table(text=text, lexicon=lexicon)
    for start, end, entry in _lexicon_hits(text, lo, len(text), lexicon):
        table.add_entry(entry, start, end)
    _names_and_roles(table, pats, sents, lo)
    _vendor_products(table, pats)
    for sentence in sents:
        _offering_heads(table, pats, sentence)
    for sentence in sents:
        _codes(table, sentence)
    _paren_aliases(table)
    for sentence in sents:
        _list_members(table, pats, sentence)
    _repeat_names(table, lo, len(text))
    _surnames(table, lo, len(text))
    for sentence in sents:
        _its_own(table, pats, sentence)
    _executives(table, pats)
    return _result(table)


def _names_and_roles(
    table: _Table, pats: EntityPatterns, sents: tuple[Sentence, ...], lo: int
) -> None:
    """Run the cue rules for names the lexicon lacks, and the roles people hold."""
    _dateline_sources(table, lo, len(table.text))
    _governments(table, sents)
    for rule in (_appositions, _suffix_orgs):
        for sentence in sents:
            rule(table, pats, sentence)
    _short_aliases(table, pats, lo, len(table.text))
    _person_cues(table, pats, lo, len(table.text))
    for rule in (_roles, _duties, _speech_people, _descriptors, _publishers):
        for sentence in sents:
            rule(table, pats, sentence)
    for index, sentence in enumerate(sents):
        _its_roles(table, pats, sentence, sents[index - 1].start if index else sentence.start)


def _result(table: _Table) -> EntityResult:
    spans = sorted(table.mentions.items(), key=lambda item: (item[0][0], -item[0][1]))
    inner, reach = set(), -1
    for span, _key in spans:
        if span[1] <= reach:
            inner.add(span)
        reach = max(reach, span[1])
    spans.sort()
    mentions = tuple(
        Mention(start=s, end=e, entity=k, outer=(s, e) not in inner) for (s, e), k in spans
    )
    used = {m.entity for m in mentions}
    grouped: dict[str, list[tuple[int, int]]] = {}
    for span, key in spans:
        grouped.setdefault(key, []).append(span)
    entities = tuple(
        _entity(table, d, grouped[k]) for k, d in sorted(table.drafts.items()) if k in used
    )
    developments = tuple(d for d in table.developments if d.org in used and d.offering in used)
    return EntityResult(
        entities=entities,
        mentions=mentions,
        affiliations=tuple(table.affiliations),
        developments=developments,
    )


def _entity(table: _Table, draft: _Draft, spans: list[tuple[int, int]]) -> Entity:
    entry = draft.entry
    mentions = tuple(_span(table.text, s, e) for s, e in spans)
    aliases = tuple(sorted(a for a in draft.aliases if _norm(a) != _norm(draft.name) and a.strip()))
    return Entity(
        id=draft.id,
        name=draft.name,
        type=draft.type,
        aliases=aliases,
        mentions=mentions,
        lexicon_id=entry.id if entry else None,
        wikidata=entry.wikidata if entry else None,
        parent=entry.parent if entry else None,
        roles=entry.roles if entry else (),
    )


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])
