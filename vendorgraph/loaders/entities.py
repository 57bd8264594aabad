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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

import ahocorasick

from vendorgraph.loaders.gazetteer import is_place
from vendorgraph.loaders.limits import window_before
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
    "entity_spans",
    "find_entities",
    "load_entity_patterns",
]

TOKEN = r"(?:[A-Z][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)*|[A-Za-z]+\d[A-Za-z0-9-]*)"
_UPPER = "A-ZÀ-ÖØ-Þ"
_HONORIFIC = r"(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame)\.?\s+"  # "CEO Dr. Lisa Su": not part of the name
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
_SPEECH = r"said|says|told|added|noted|explained|wrote|argued|warned|stressed"


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


def entity_spans(result: EntityResult) -> dict[tuple[int, int], str]:
    """Return the outermost mentions as ``{(start, end): entity id}``, for the parser.

    Examples
    --------
    >>> entity_spans(EntityResult(entities=(), mentions=(Mention(start=0, end=3, entity="org/x"),)))
    {(0, 3): 'org/x'}
    """
    return {(m.start, m.end): m.entity for m in result.mentions if m.outer}


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityPatterns:
    """The compiled cue lists of ``patterns/entities.toml``."""

    roles: re.Pattern[str]
    technical: re.Pattern[str]
    place: re.Pattern[str]
    place_in_region: re.Pattern[str]
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
    role_its_person: re.Pattern[str]


@functools.cache
def load_entity_patterns() -> EntityPatterns:
    """Read and compile ``patterns/entities.toml`` (once per process).

    Examples
    --------
    >>> bool(load_entity_patterns().roles.fullmatch("Deal Partner"))
    True
    """
    return _compile(_raw_patterns())


@functools.cache
def _raw_patterns() -> dict[str, Any]:
    return tomllib.loads(
        (resources.files("vendorgraph.loaders") / "patterns" / "entities.toml").read_text("utf-8")
    )


def _compile(raw: dict[str, Any]) -> EntityPatterns:
    roles = alternation(raw["roles"])
    person = rf"(?:(?:[{_UPPER}]\.){{1,3}}\s?{_CAP_TOKEN}|{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{1,2}})"
    name = rf"{TOKEN}(?:(?:\s+&)?\s+{TOKEN}){{0,2}}"  # "Bell & Ferro" is one name
    speech = _SPEECH
    return EntityPatterns(
        roles=re.compile(rf"(?i:{roles})"),
        technical=re.compile("|".join(f"(?:{p})" for p in raw["technical_shapes"].values())),
        place=re.compile(
            rf"\b(?:{alternation(raw['place_cues']['before'])})\s+(?:the\s+)?"
            rf"(?P<name>[{_UPPER}][a-z]+(?:[ -][{_UPPER}][a-z]+){{0,2}})"
        ),
        place_in_region=re.compile(
            rf"\b(?P<name>[{_UPPER}][a-z]+(?:[ -][{_UPPER}][a-z]+){{0,2}}),\s+"
            rf"(?P<region>[{_UPPER}][a-z]+(?:\s[{_UPPER}][a-z]+)?)\b"
        ),
        role_person=re.compile(
            rf"\b(?P<role>(?i:{roles})):?\s+(?:{_HONORIFIC})?(?P<person>{person})\b"
        ),
        person_role_org=re.compile(
            rf"\b(?P<person>{person}),\s+(?:the\s+|a\s+|an\s+)?(?P<role>(?i:{roles}))\s+"
            rf"(?:at|of|for)\s+(?P<org>{name})"
        ),
        speech_person=re.compile(
            rf"\b(?:(?i:{speech})\s+(?P<after>{person})|(?P<before>{person})\s+(?:{speech})\b)"
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
            rf"\b(?P<person>{person}),?(?:\s+who)?\s+"
            rf"(?P<role>{alternation(raw['person_duty']['verbs'])})"
            rf"\s+(?:[a-z][\w-]*\s+){{1,4}}?at\s+(?:the\s+(?:(?:[a-z][\w-]*|AI)\s+){{0,3}})?"
            rf"(?P<org>{name})"
        ),
        government_roles=re.compile(rf"(?i:{alternation(raw['government_roles'])})"),
        # "the chief operating officer, Jane Roe,": a role of the company in focus, then its holder
        role_its_person=re.compile(
            rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir)(?:\s+(?:company|firm|group)['’]s)?\s+"
            rf"(?P<role>(?i:{roles})),\s+(?P<person>{person}),"
        ),
        person_its_role=re.compile(
            rf"\b(?P<person>{person}),\s+(?:its|their|the (?:company|firm|group)['’]s)\s+"
            rf"(?P<role>(?i:{roles}))\b"
        ),
        apposition=re.compile(
            rf"(?<![\w&-])(?<!&\s)(?P<name>{_CAP_TOKEN}(?:(?:\s+&)?\s+{_CAP_TOKEN}){{0,3}}),\s+"
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
        entry = _lookup(self.lexicon, name)
        if entry is not None and entry.type.is_organization == etype.is_organization:
            return self.add_entry(entry, start, end)
        key = _entity_id(name, etype)
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
        if surface != draft.name and _norm(surface) != _norm(draft.name):
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

    def items(self) -> list[tuple[tuple[int, int], str]]:
        """Return ``sorted(self.mentions.items())`` (``order`` holds the spans, sorted)."""
        return [(span, self.mentions[span]) for span in self.order]

    def type_of(self, key: str) -> EntityType:
        return self.drafts[key].type


_SPACES = re.compile(r"\s+")
_TRAILING_POSSESSIVE = re.compile(r"['’]s?$")


@functools.lru_cache(maxsize=4096)  # names and mention surfaces, asked about again and again
def _norm(name: str) -> str:
    return _SPACES.sub(" ", _strip_possessive(name)).casefold().replace("’", "'")


def _strip_possessive(name: str) -> str:
    return _TRAILING_POSSESSIVE.sub("", name)


# --- lexicon matching ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Automata:
    folded: Any
    exact: Any
    lookups: dict[str, LexiconEntry | None] = field(default_factory=dict)


_LOOKUPS_SIZE = 4096


def _lookup(lexicon: Lexicon, name: str) -> LexiconEntry | None:
    """Return ``lexicon.lookup(name)``, remembered per (frozen) lexicon for names asked again."""
    lookups = _automata(lexicon).lookups
    if name in lookups:
        return lookups[name]
    if len(lookups) >= _LOOKUPS_SIZE:
        lookups.clear()
    entry = lookups[name] = lexicon.lookup(name)
    return entry


# entity_id is a pure function of a name and a type; names recur across articles
_entity_id = functools.lru_cache(maxsize=4096)(entity_id)


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


def _seed(table: _Table, hits: list[tuple[int, int, LexiconEntry]]) -> None:
    """Do ``table.add_entry`` for each hit, into an empty table.

    The hits are sorted and do not overlap, so no mention is replaced and each span goes
    at the end of ``table.order``.
    """
    text, drafts = table.text, table.drafts
    for start, end, entry in hits:
        draft = drafts.get(entry.id)
        if draft is None:
            draft = drafts[entry.id] = _Draft(entry.id, entry.name, entry.type, entry)
        table.mentions[(start, end)] = entry.id
        table.order.append((start, end))
        surface = text[start:end]
        if surface != draft.name and _norm(surface) != _norm(draft.name):
            draft.aliases.add(_strip_possessive(surface))


# --- rules for names the lexicon does not list --------------------------------------------------


_RUN_AT_END = re.compile(rf"((?:{_CAP_TOKEN}\s+){{0,3}}{_CAP_TOKEN})\s*$")


def _org_run_before(
    table: _Table, pats: EntityPatterns, stop: int, floor: int
) -> tuple[int, int] | None:
    """Return the span of the capitalised words (at most four) ending just before `stop`."""
    floor = window_before(stop, floor=floor)
    head = table.text[floor:stop]
    match = _RUN_AT_END.search(head)
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
    if _company_word_alone(pats, name):
        return None
    return table.add(name, _suffix_type(pats, name), *span)


_ALIAS_AT_END = re.compile(r"\s*\([^()]{1,40}\)$")


def _skip_back(text: str, stop: int, floor: int) -> int:
    """Step back over white space, a possessive and a parenthesised alias before `stop`."""
    floor = window_before(stop, floor=floor)
    head = text[floor:stop].rstrip()
    head = _ALIAS_AT_END.sub("", head)
    head = _TRAILING_POSSESSIVE.sub("", head)
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
    "role_its_person",
    "org_suffix",
    "descriptor",
    "publisher",
    "offering_head",
    "speech_person",
)
# The two branches of speech_person share no literal, but each needs one of the speech verbs.
_GATES = {"speech_person": re.compile(_SPEECH)}


@functools.cache
def _sentence_filter() -> RuleFilter:
    pats = load_entity_patterns()
    return rule_filter([_GATES.get(name) or getattr(pats, name) for name in _FILTERED])


def _rule_sentences(table: _Table, sents: tuple[Sentence, ...]) -> dict[str, list[int]]:
    """Return, per filtered rule, the indices of the sentences it may match in.

    The rules run only on those sentences (the others cannot match); ``table.possible``
    keeps each sentence's rules for :func:`_finditer`.
    """
    rules = _sentence_filter()
    by_rule: dict[str, list[int]] = {name: [] for name in _FILTERED}
    for index, sentence in enumerate(sents):
        found = possible_rules(rules, sentence.text)
        table.possible[(sentence.start, sentence.end)] = _rule_names(tuple(found))
        for i in found:
            by_rule[_FILTERED[i]].append(index)
    return by_rule


@functools.lru_cache(maxsize=1024)  # keyed on rule indices (at most 2**10 sets)
def _rule_names(found: tuple[int, ...]) -> frozenset[str]:
    return frozenset(_FILTERED[i] for i in found)


def _finditer(
    table: _Table, pats: EntityPatterns, name: str, sentence: Sentence
) -> Iterator[re.Match[str]]:
    """Return ``pats.<name>.finditer(sentence.text)``, empty when it cannot match."""
    possible = table.possible.get((sentence.start, sentence.end))
    if possible is not None and name not in possible:
        return iter(())
    pattern: re.Pattern[str] = getattr(pats, name)
    if name in _LEAD_RULES:
        return _lead_matches(pattern, name, sentence.text)
    return pattern.finditer(sentence.text)


_LEAD_RULES = frozenset({"role_person", "org_suffix"})


# --- leading words: try a pattern only where one of the words its matches start with occurs ---


@dataclass(frozen=True, slots=True)
class _Leads:
    """The words every match of a pattern starts with, valued by their length."""

    automaton: Any
    folded: bool  # the pattern ignores their case (the words are lower-cased ASCII)


def _build_leads(words: list[str], *, folded: bool) -> _Leads | None:
    if not words or (folded and not all(w.isascii() for w in words)):
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        key = word.lower() if folded else word
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    return _Leads(automaton, folded)


@functools.cache
def _leads() -> dict[str, _Leads | None]:
    """Return the leading words of ``role_person``, ``org_suffix`` and ``person_cue``."""
    raw = _raw_patterns()
    return {
        "role_person": _build_leads(list(raw["roles"]), folded=True),
        "org_suffix": _build_leads(list(raw["org_suffixes"]), folded=False),
        "person_cue": _build_leads(list(raw["person_cues"]["cues"]), folded=False),
    }


def _lead_matches(
    pattern: re.Pattern[str], name: str, text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    r"""Return what ``pattern.finditer(text, pos, endpos)`` yields, for the pattern `name`.

    Every match starts at a leading word, so matching only at those (left to right, from the
    end of the last match) finds the same matches; ``\b`` and look-behinds see the text before
    a start either way. Case-insensitive words in a non-ASCII text fall back to ``finditer``.
    """
    end = len(text) if endpos is None else endpos
    leads = _leads()[name]
    if leads is None or (leads.folded and not text.isascii()):
        return pattern.finditer(text, pos, end)
    region = text[pos:end].lower() if leads.folded else text[pos:end]
    starts = sorted({pos + last - length + 1 for last, length in leads.automaton.iter(region)})
    return _matches_at(pattern, text, starts, end)


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], end: int
) -> Iterator[re.Match[str]]:
    reach = 0
    for start in starts:
        if start < reach:
            continue
        match = pattern.match(text, start, end)
        if match is not None:
            yield match
            reach = match.end()


def _valid_person(pats: EntityPatterns, name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and not any(w in pats.stopwords or pats.roles.fullmatch(w) for w in words)
        and words[-1] not in pats.suffix_types
    )


# a descriptive compound in front of a name ("Kazakh-born Arkady Volozh") is not part of it
_BORN = re.compile(r"\S+-(?:born|based|raised|educated|bred)\s+")


def _person(table: _Table, pats: EntityPatterns, name: str, start: int) -> str | None:
    if (lead := _BORN.match(name)) is not None:
        name, start = name[lead.end() :], start + lead.end()
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
        org_start, end = sentence.start + match.start("org"), sentence.start + match.end()
        employer = _employer_after_division(table, org_start, end, sentence.end)
        if employer is not None:  # "EVP of Cloud + AI at Microsoft": Microsoft's division
            end, org = employer
        else:
            org = _org_at(table, pats, org_start, match.group("org"))
        if person is not None:
            _affiliate(table, person, org, match.group("role"), start, end)


# the rest of a division's name and the company after it: "(EVP of Cloud) + AI at (Microsoft)"
_DIVISION_AT = re.compile(r"[^,.;()\n]{0,40}?\s(?:at|of)\s+")


def _employer_after_division(
    table: _Table, start: int, end: int, stop: int
) -> tuple[int, str] | None:
    """Return the end and id of a known company after a unit that is not one ("of X at Y")."""
    if table.starting_at(start) is not None:
        return None  # "head of AWS at Amazon": the unit is a company itself
    at = _DIVISION_AT.match(table.text, end, stop)
    known = table.starting_at(at.end()) if at is not None else None
    if known is None or not table.type_of(known[1]).is_organization:
        return None
    return known


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
    if table.overlaps(start, start + len(name)) or _company_word_alone(pats, name):
        return None
    return table.add(name, _suffix_type(pats, name), start, start + len(name))


def _company_word_alone(pats: EntityPatterns, name: str) -> bool:
    """Tell a company word standing alone ("EVP of Cloud + AI"): a division, not a company."""
    return name in pats.suffix_types


# what follows "X said" when X is an organisation speaking of itself ("X said it would ...")
_SAID_IT = re.compile(r"\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:it|its)\b")


def _speech_people(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    for match in pats.speech_person.finditer(sentence.text):
        group = "after" if match.group("after") else "before"
        if group == "before" and _SAID_IT.match(sentence.text, match.end()):
            continue  # "Meridian Data said it would stop ...": a company, not a person
        _person(table, pats, match.group(group), sentence.start + match.start(group))


def _person_cues(table: _Table, pats: EntityPatterns, lo: int, hi: int) -> None:
    """People named in bylines, credits and contact blocks ("By Jane Roe and John Doe")."""
    text = table.text
    for match in _lead_matches(pats.person_cue, "person_cue", text, lo, hi):
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
    body = table.text[lo:hi]
    for draft in list(table.drafts.values()):
        words = draft.name.split()
        if draft.entry is not None or not draft.type.is_organization or len(words) < 2:
            continue
        first = words[0]
        if first in pats.stopwords or len(first) < 4 or not first[0].isupper():
            continue
        if _lookup(table.lexicon, first) is not None:
            continue
        for left, right in _short_spans(body, first):
            start, end = lo + left, lo + right
            if not table.overlaps(start, end):
                _mention(table, draft, start, end)


def _main_org(table: _Table) -> str | None:
    """Return the organisation the article names most often (ties: the first named)."""
    counts: dict[str, int] = {}
    for span in table.order:
        key = table.mentions[span]
        if _about(table.type_of(key)):
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _executives(table: _Table, pats: EntityPatterns, sents: tuple[Sentence, ...]) -> None:
    """Give an executive whose sentence names no company to the company the text is about.

    That is the first company its paragraph names before it (a roundup's item, a feature's
    section), else the company the article names most.
    """
    if all(aff.org is not None for aff in table.affiliations):
        return  # nothing to give
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
            aff = replace(aff, org=_paragraph_org(table, sents, aff.start) or main)
        elif aff.org is None and government is not None and pats.government_roles.fullmatch(role):
            aff = replace(aff, org=government)
        out.append(aff)
    table.affiliations[:] = out


def _paragraph_org(table: _Table, sents: tuple[Sentence, ...], pos: int) -> str | None:
    """Return the first company named in the paragraph of `pos`, before `pos`."""
    here = next((s for s in sents if s.start <= pos < s.end), None)
    if here is None:
        return None
    start = min(s.start for s in sents if s.paragraph == here.paragraph)
    for span in table.order:
        key = table.mentions[span]
        kind = table.type_of(key)
        if start <= span[0] < pos and _about(kind):
            return key
    return None


def _about(kind: EntityType) -> bool:
    """Whether a company of `kind` can be what a text is about: not a government or an outlet."""
    return kind.is_organization and kind not in (EntityType.GOVERNMENT, EntityType.PUBLISHER)


# "Ostrava AI data center": a suffix word followed by what it describes does not end a name
_NOT_A_NAME_AFTER = re.compile(
    r"\s+(?:data cent(?:er|re)s?|chips?|models?|infrastructure|clusters?|servers?|workloads?"
    r"|compute|hubs?|campus(?:es)?|factor(?:y|ies)|facilit(?:y|ies)|parks?|zones?|projects?|plans?)\b"
)
_GOVERNMENT_HEADS = (
    "Ministry",
    "Department",
    "Office",
    "Bureau",
    "Agency",
    "Commission",
    "Council",
    "Secretariat",
)
_GOVERNMENT = re.compile(
    rf"\b(?:{'|'.join(_GOVERNMENT_HEADS)})\s+(?:of|for)"
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
    if not any(head in table.text for head in _GOVERNMENT_HEADS):
        return  # every match starts with one of them
    found = [
        (sentence.start + m.start(), sentence.start + m.end(), m.group())
        for sentence in sents
        for m in _GOVERNMENT.finditer(sentence.text)
    ]
    names = sorted({name for _, _, name in found}, key=_longer_first)
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


def _roles_in_focus(
    table: _Table, pats: EntityPatterns, sents: tuple[Sentence, ...], sentence: Sentence
) -> None:
    """Add roles given as "the chief operating officer, Jane Roe,": at the paragraph's company."""
    for match in _finditer(table, pats, "role_its_person", sentence):
        start = sentence.start + match.start("person")
        person = _person(table, pats, match.group("person"), start)
        if person is None:
            continue
        org = _first_org_in(table, sentence.start, start) or _paragraph_org(table, sents, start)
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


_NAME_RUN = re.compile(rf"{TOKEN}(?:(?:\s+&)?\s+{TOKEN}){{0,2}}")


def _names_in(pats: EntityPatterns, text: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    for match in _NAME_RUN.finditer(text):
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


_LETTER_DIGIT = re.compile(r"[A-Za-z]\d")  # in every match of _CODE


def _technical_terms(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Technical terms by their shape ("FP8", "3nm process", "HBM3E"), typed Technology."""
    for match in pats.technical.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not table.overlaps(start, end):
            table.add(match.group(), EntityType.TECHNOLOGY, start, end)


def _places(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Places the gazetteer knows, named where a place stands ("in Redmond", "near Austin")."""
    for match in pats.place.finditer(sentence.text):
        name = match.group("name")
        words = name.split()
        for size in range(len(words), 0, -1):  # the longest known place at the cue
            candidate = " ".join(words[:size])
            start = sentence.start + match.start("name")
            end = start + len(candidate)
            if candidate in pats.stopwords:  # "in March", "on Monday": a date, not the town
                break
            if is_place(candidate) and not table.overlaps(start, end):
                table.add(candidate, EntityType.PLACE, start, end)
                break
    for match in pats.place_in_region.finditer(sentence.text):  # "Cheongju, South Korea"
        if is_place(match.group("name")) and is_place(match.group("region")):
            start, end = sentence.start + match.start("name"), sentence.start + match.end("name")
            if not table.overlaps(start, end):
                table.add(match.group("name"), EntityType.PLACE, start, end)


def _codes(table: _Table, sentence: Sentence) -> None:
    if _LETTER_DIGIT.search(sentence.text) is None:
        return
    for match in _CODE.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not _NOT_CODES.match(match.group()) and not table.overlaps(start, end):
            table.add(match.group(), EntityType.CHIP, start, end)


def _vendor_products(table: _Table, pats: EntityPatterns) -> None:
    for (lo, hi), key in table.items():
        if not _is_vendor(table, key):
            continue
        match = pats.vendor_head.match(table.text, hi)
        if match is None or _sentence_break(table.text[hi : match.end()]):
            continue
        _vendor_product(table, key, lo, match)


def _is_vendor(table: _Table, key: str) -> bool:
    etype = table.type_of(key)
    return etype.is_organization and etype not in (EntityType.GOVERNMENT, EntityType.PUBLISHER)


_BREAK = re.compile(r"[.;:!?\n]")


def _sentence_break(text: str) -> bool:
    return bool(_BREAK.search(text.replace("’", "'").replace("'s", "")))


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


# a version after the name of a listed chip family ("TPU v7", "Gen 3"), not a figure ("TPU
# 4,096", "H100 80GB") and not a year (four digits)
_VERSION = re.compile(r"\s(?:v\d{1,2}[a-z]?|Gen\s?\d{1,2}|\d{1,3}[A-Z]?)(?![\w%.,-]?\w)")


def _versions(table: _Table) -> None:
    """Name a model of a listed chip family by its version: "TPU v7" is its own chip."""
    for (start, end), key in sorted(table.mentions.items()):
        draft = table.drafts[key]
        if draft.entry is None or draft.type is not EntityType.CHIP:
            continue
        version = _VERSION.match(table.text, end)
        if version is not None and table.at(start, end) == key:
            table.add(table.text[start : version.end()], EntityType.CHIP, start, version.end())


def _paren_aliases(table: _Table) -> None:
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
_MEMBER_AFTER = re.compile(rf"{_JOINER}(?P<n>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,2}})(?=[\s,.;]|$)")
_MEMBER_BEFORE = re.compile(rf"(?P<n>{_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,2}}){_JOINER}$")
_CONJUNCTION = re.compile(r"\b(?:and|or)\s")


def _list_members(table: _Table, pats: EntityPatterns, sentence: Sentence) -> None:
    text, first = table.text, sentence.start
    for (lo, hi), key in table.within(first, sentence.end):
        if table.type_of(key) is EntityType.PERSON:
            continue
        after = _member_after(text, hi, sentence.end)
        if after and (
            _has_conjunction(after.group()) or _LIST_NEXT.match(text, after.end(), sentence.end)
        ):
            _member(table, pats, key, after.start("n"), after.group("n"))
        base = window_before(lo, floor=first)
        before = _member_before(text[base:lo])
        if before is None:
            continue
        cut = base + before.start()
        head = text[window_before(cut, floor=first) : cut]
        if _has_conjunction(before.group()) or _LIST_PREV.search(head):
            _member(table, pats, key, base + before.start("n"), before.group("n"))


_JOINER_AT = re.compile(_JOINER)


def _member_after(text: str, hi: int, end: int) -> re.Match[str] | None:
    """``_MEMBER_AFTER.match(text[hi:end])``, skipped where no joiner starts at `hi`."""
    if _JOINER_AT.match(text, hi, end) is None:
        return None
    return _MEMBER_AFTER.match(text, hi, end)


def _member_before(head: str) -> re.Match[str] | None:
    """``_MEMBER_BEFORE.search(head)``, skipped where `head` cannot end with a joiner."""
    rest = head.rstrip()
    if rest.endswith(",") or (len(rest) < len(head) and rest.endswith(("and", "or"))):
        return _MEMBER_BEFORE.search(head)
    return None


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
    body = table.text[lo:hi]
    for draft in list(table.drafts.values()):
        if draft.type is not EntityType.PERSON or len(draft.name.split()) < 2:
            continue
        for form in (draft.name, draft.name.split()[-1]):
            for first, last in _bounded(body, form):
                start, end = lo + first, lo + last
                if not table.overlaps(start, end):
                    _mention(table, draft, start, end)


def _mention(table: _Table, draft: _Draft, start: int, end: int) -> None:
    table.put((start, end), draft.id)
    surface = _strip_possessive(table.text[start:end])
    if _norm(surface) != _norm(draft.name):
        draft.aliases.add(surface)


def _longer_first(name: str) -> tuple[int, str]:
    """Sort key: longer names first, ties alphabetically (never in set order, which varies)."""
    return -len(name), name


def _repeat_names(table: _Table, lo: int, hi: int) -> None:
    body = table.text[lo:hi]
    for draft in list(table.drafts.values()):
        if draft.entry is not None:
            continue
        for form in sorted({draft.name, *draft.aliases}, key=_longer_first):
            for first, last in _free(body, form):
                start, end = lo + first, lo + last
                if not table.overlaps(start, end):
                    _mention(table, draft, start, end)


# str.find stands in for a regular expression over the whole body (many times faster). Each
# helper returns the spans ``re.finditer`` gives: left to right, not overlapping, with ``\w``
# being ``str.isalnum()`` or "_" as in ``re``; an empty form falls back to the expression.


def _bounded(body: str, form: str) -> list[tuple[int, int]]:
    r"""Return the spans of ``re.finditer(rf"\b{re.escape(form)}\b", body)``."""
    if not form:
        return [m.span() for m in re.finditer(rf"\b{re.escape(form)}\b", body)]
    head, tail = _is_word(form[0]), _is_word(form[-1])
    spans = []
    start = body.find(form)
    while start >= 0:
        end = start + len(form)
        before = start > 0 and _is_word(body[start - 1])
        after = end < len(body) and _is_word(body[end])
        if before != head and after != tail:
            spans.append((start, end))
            start = body.find(form, end)
        else:
            start = body.find(form, start + 1)
    return spans


def _free(body: str, form: str) -> list[tuple[int, int]]:
    r"""Return the spans of ``re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", body)``."""
    if not form:
        return [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", body)]
    spans = []
    start = body.find(form)
    while start >= 0:
        end = start + len(form)
        if not _word_or_hyphen(body, start - 1) and not _word_or_hyphen(body, end):
            spans.append((start, end))
            start = body.find(form, end)
        else:
            start = body.find(form, start + 1)
    return spans


def _short_spans(body: str, form: str) -> list[tuple[int, int]]:
    r"""Return the spans of ``re.finditer(pattern, body)`` for the pattern of _short_aliases.

    That pattern is ``(?<![\w-])FORM(?:['’]s)?(?![\w-])(?!\s+[UPPER])``: the possessive is
    taken when what follows it passes the lookaheads, else left out if what follows `form` does.
    """
    if not form:
        pattern = rf"(?<![\w-]){re.escape(form)}(?:['’]s)?(?![\w-])(?!\s+[{_UPPER}])"
        return [m.span() for m in re.finditer(pattern, body)]
    spans = []
    start = body.find(form)
    while start >= 0:
        end = start + len(form)
        if _word_or_hyphen(body, start - 1):
            end = -1
        elif body[end : end + 2] in _POSSESSIVES and _alone_after(body, end + 2):
            end += 2
        elif not _alone_after(body, end):
            end = -1
        if end >= 0:
            spans.append((start, end))
            start = body.find(form, end)
        else:
            start = body.find(form, start + 1)
    return spans


_POSSESSIVES = ("'s", "’s")
_CAPITAL_NEXT = re.compile(rf"\s+[{_UPPER}]")


def _alone_after(body: str, end: int) -> bool:
    r"""Return whether ``(?![\w-])(?!\s+[UPPER])`` holds at `end`."""
    return not _word_or_hyphen(body, end) and _CAPITAL_NEXT.match(body, end) is None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_or_hyphen(text: str, index: int) -> bool:
    """Whether ``text[index]`` exists and is a word character or a hyphen."""
    if index < 0 or index >= len(text):
        return False
    char = text[index]
    return char.isalnum() or char in "_-"


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
    _seed(table, _lexicon_hits(text, lo, len(text), lexicon))
    by_rule = _rule_sentences(table, sents)
    _names_and_roles(table, pats, sents, lo, by_rule)
    _vendor_products(table, pats)
    for index in by_rule["offering_head"]:
        _offering_heads(table, pats, sents[index])
    for sentence in sents:
        _codes(table, sentence)
        _technical_terms(table, pats, sentence)
        _places(table, pats, sentence)
    _versions(table)
    _paren_aliases(table)
    for sentence in sents:
        _list_members(table, pats, sentence)
    _repeat_names(table, lo, len(text))
    _surnames(table, lo, len(text))
    for sentence in sents:
        if _ITS_OWN in sentence.text:  # _ITS_OWN_RE needs it
            _its_own(table, pats, sentence)
    _executives(table, pats, sents)
    return _result(table)


def _names_and_roles(
    table: _Table,
    pats: EntityPatterns,
    sents: tuple[Sentence, ...],
    lo: int,
    by_rule: dict[str, list[int]],
) -> None:
    """Run the cue rules for names the lexicon lacks, and the roles people hold.

    Each sentence rule runs only on the sentences where one of its patterns may match.
    """
    _dateline_sources(table, lo, len(table.text))
    _governments(table, sents)
    for rule, names in _EARLY_RULES:
        for index in _sentences_for(by_rule, names):
            rule(table, pats, sents[index])
    _short_aliases(table, pats, lo, len(table.text))
    _person_cues(table, pats, lo, len(table.text))
    for rule, names in _LATE_RULES:
        for index in _sentences_for(by_rule, names):
            rule(table, pats, sents[index])
    for index in by_rule["person_its_role"]:
        floor = sents[index - 1].start if index else sents[index].start
        _its_roles(table, pats, sents[index], floor)
    for index in by_rule["role_its_person"]:
        _roles_in_focus(table, pats, sents, sents[index])


def _sentences_for(by_rule: dict[str, list[int]], names: tuple[str, ...]) -> list[int]:
    if len(names) == 1:
        return by_rule[names[0]]
    return sorted({i for name in names for i in by_rule[name]})


def _result(table: _Table) -> EntityResult:
    spans = table.items()
    mentions = tuple(
        Mention(start=s, end=e, entity=k, outer=outer)
        for ((s, e), k), outer in zip(spans, _outer_flags(table.order), strict=True)
    )
    grouped: dict[str, list[tuple[int, int]]] = {}
    for span, key in spans:
        grouped.setdefault(key, []).append(span)
    used = grouped.keys()  # the entities of the mentions
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


def _outer_flags(order: list[tuple[int, int]]) -> list[bool]:
    """Return, for each of the sorted spans, whether no other span contains it.

    A span is inside another when a span with its start ends later, or when an earlier start
    reaches as far as its end (the same test as a running reach in (start, -end) order).
    """
    flags, reach, last = [], -1, len(order) - 1
    for index, (start, end) in enumerate(order):
        flags.append(end > reach and (index == last or order[index + 1][0] != start))
        if end > reach:
            reach = end
    return flags


def _entity(table: _Table, draft: _Draft, spans: list[tuple[int, int]]) -> Entity:
    entry = draft.entry
    text = table.text
    mentions = tuple(Span(start=s, end=e, text=text[s:e]) for s, e in spans)
    norm = _norm(draft.name)
    aliases = tuple(sorted(a for a in draft.aliases if _norm(a) != norm and a.strip()))
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


# The sentence rules in the order they run, each with the filtered patterns it uses.
_Rule = Callable[[_Table, EntityPatterns, Sentence], None]
_EARLY_RULES: tuple[tuple[_Rule, tuple[str, ...]], ...] = (
    (_appositions, ("apposition",)),
    (_suffix_orgs, ("org_suffix",)),
)
_LATE_RULES: tuple[tuple[_Rule, tuple[str, ...]], ...] = (
    (_roles, ("role_person", "person_role_org")),
    (_duties, ("person_duty",)),
    (_speech_people, ("speech_person",)),
    (_descriptors, ("descriptor",)),
    (_publishers, ("publisher",)),
)
