"""Find typed relations between the entities of a sentence, with modality and qualifiers.

Relations are read in two ways, and merged:

- **on the parse** (:mod:`vendorgraph.loaders.frames`): verb and relational-noun frames from
  ``patterns/frames.toml`` match the dependency tree of each sentence, so conjuncts,
  passives, appositions, relative clauses and references back ("it", "the company") are
  handled once for every frame, and the modality comes from the clause;
- **on the surface**: the trigger patterns of ``patterns/relations.toml`` run as regular
  expressions over the sentence with its entity mentions replaced by placeholders that carry
  a class (``org``, ``gov``, ``place``, ``person``, ``chip``, ``product``, ``tech``). They are
  kept where the parser, trained on web text, misreads news sentences (short present-tense
  clauses that open with a company's name) — 34 of the 60 they once were; a rule that finds
  nothing the frames do not find on our annotated articles was deleted.

On top of both: ``employs`` for every role the text gives a person at an organisation, and
``develops`` for every product line named as a company's ("Nvidia GPUs").

Every relation keeps its sentence as evidence, a modality (asserted, planned, forecast, hedged,
denied), the quantity stated in the sentence, a validity window ("since 2011" → start
``2011``; "by the end of 2027" → end ``2027-12-31``), a capability (what a dependency is for)
and the speaker when the sentence is a quote.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.loaders.entities import find_entities
>>> doc = Document(text="Acme Labs will deploy Halcyon servers by the end of 2027.")
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> [(r.subject, r.predicate.value, r.object, r.modality.value, r.end)
...  for r in find_relations(doc, found, lexicon=Lexicon([]))]
[('org/acme-labs', 'deploys', 'product/halcyon', 'planned', '2027-12-31')]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from vendorgraph.errors import ModelError
from vendorgraph.loaders.entities import EntityResult, Mention, entity_spans
from vendorgraph.loaders.frames import find_frames
from vendorgraph.loaders.parse import ParsedSentence, parse_sentences
from vendorgraph.loaders.prefilter import sentences_to_parse
from vendorgraph.loaders.text import (
    RuleFilter,
    Sentence,
    possible_rules,
    rule_filter,
    split_sentences,
)
from vendorgraph.ontology.lexicon import Lexicon
from vendorgraph.ontology.model import (
    Document,
    Entity,
    Quantity,
    Quote,
    Relation,
    Span,
    stable_hash,
)
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

__all__ = ["RelationRule", "find_relations", "load_relation_rules"]

_GAP_SHORT = r"[^\x01\x02;]{0,60}?"
_GAP_NONE = r"[^\x01\x02\x03;]{0,60}?"
_GAP_LONG = r"[^;]{0,160}?"
_SLOT = re.compile(r"\{([SO]):([a-z|]+)\}")
_CLASS = {
    EntityType.GOVERNMENT: "gov",
    EntityType.PLACE: "place",
    EntityType.PERSON: "person",
    EntityType.CHIP: "chip",
    EntityType.PRODUCT: "product",
    EntityType.TECHNOLOGY: "tech",
}
_MODALITY = (
    (Modality.DENIED, re.compile(r"\b(?:not|n't|never|no longer|denied|denies)\b", re.I)),
    (
        Modality.HEDGED,
        re.compile(
            r"\b(?:may|might|could|reportedly|possibly|in talks|considering|testing|tests|tested"
            r"|trialing|trialling|trials|evaluating|evaluates|piloting|pilots)\b",
            re.I,
        ),
    ),
    (
        Modality.FORECAST,
        re.compile(r"\b(?:expects?|expected|estimates?|forecasts?|projected|predicts?)\b", re.I),
    ),
    (
        Modality.PLANNED,
        re.compile(
            r"\b(?:will|plans?|planned|planning|is set to|are set to|aims? to|intends? to"
            r"|agreed to|would|to begin|upcoming)\b",
            re.I,
        ),
    ),
)
# matches where any cue of _MODALITY does: each is r"\b(?:...)" whose words start with one of
# these letters, and the lookahead lets the engine drop other words after one test
_ANY_CUE = re.compile(
    r"\b(?=[nmdcrpitefwau])(?:"
    + "|".join("(?:" + cue.pattern.removeprefix(r"\b") + ")" for _, cue in _MODALITY)
    + ")",
    re.I,
)
_PLACEHOLDER = re.compile(r"\x01\d+:\w+\x02")
# in _START and _END, each lookahead names the first letters of the words after it: it lets
# the engine drop other words after one test and changes no match
_START = re.compile(
    r"\b(?=[sb])(?:since|starting in|starting from|beginning in|began in"
    r"|beginning with [^.;]{0,80}? in)\s+(\d{4})\b",
    re.I,
)
_END = re.compile(
    r"\b(?=[btu])(?:by the end of|through|until|till|by|before the end of)\s+(\d{4})\b", re.I
)
_YEAR = re.compile(r"\d{4}")
_HEAD_NOUN = r"(?:\s+(?:GPUs|CPUs|chips|technology|platform|processors|servers|models|systems))?"
_FACTS = frozenset({"role", "product line", "maker"})
_FORECAST_CUES = frozenset(
    {"estimates", "estimated", "expects", "predicts", "predicted", "forecasts", "projects"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationRule:
    """One trigger pattern of ``patterns/relations.toml``, compiled."""

    predicate: Predicate
    regex: re.Pattern[str]
    source: str
    objects_all: bool = False
    subject_list: bool = False
    object_list: bool = False
    government_subject: bool = False
    vendor_first: bool = False
    customer_first: bool = False
    object_classes: str = ""


@functools.cache
def load_relation_rules() -> tuple[RelationRule, ...]:
    """Read and compile ``patterns/relations.toml`` (once per process).

    Raises
    ------
    ModelError
        If a rule names a predicate that is not in the vocabulary.

    Examples
    --------
    >>> rules = load_relation_rules()
    >>> {r.predicate.value for r in rules} >= {"supplies", "restricts", "uses"}
    True
    """
    raw = tomllib.loads(
        (resources.files("vendorgraph.loaders") / "patterns" / "relations.toml").read_text("utf-8")
    )
    return tuple(_rule(entry) for entry in raw["rule"])


def _rule(entry: dict[str, Any]) -> RelationRule:
    try:
        predicate = Predicate(entry["predicate"])
    except ValueError as err:
        valid = ", ".join(p.value for p in Predicate)
        raise ModelError(
            f"relation rule has predicate {entry['predicate']!r}; use one of {valid}"
        ) from err
    return RelationRule(
        predicate=predicate,
        regex=re.compile(_expand(entry["pattern"]), re.IGNORECASE),
        source=entry["pattern"],
        objects_all=entry.get("objects") == "all",
        subject_list=bool(entry.get("subject_list")),
        object_list=bool(entry.get("object_list")),
        government_subject=entry.get("subject") == "government",
        vendor_first=entry.get("order") == "vendor",
        customer_first=entry.get("order") == "customer",
        object_classes=_object_classes(entry["pattern"]),
    )


def _expand(pattern: str) -> str:
    def slot(match: re.Match[str]) -> str:
        name = "s" if match.group(1) == "S" else "o"
        if match.group(2) == "its":
            return rf"\x03(?P<{name}>\d+)\x03"
        return rf"\x01(?P<{name}>\d+):(?:{match.group(2)})\x02"

    text = _SLOT.sub(slot, pattern)
    return text.replace("{g}", _GAP_SHORT).replace("{G}", _GAP_LONG).replace("{n}", _GAP_NONE)


# --- masking a sentence -------------------------------------------------------------------------


# not frozen: a frozen __init__ costs about four times as much, and these hot-path records
# are never changed after they are built (a _Hit is only copied, with `replace`)
@dataclass(slots=True)
class _Slot:
    start: int
    end: int
    entity: str
    cls: str
    resolved: bool = False


@dataclass(slots=True)  # not frozen, as _Slot
class _Qualifiers:
    """What the relations found in one sentence share: evidence, quote, window, amount."""

    span: Span
    quote: Quote | None
    start: str | None
    end: str | None
    quantity: str | None


@dataclass(frozen=True, slots=True)
class _Article:
    document: Document
    entities: dict[str, Entity]
    result: EntityResult
    lexicon: Lexicon
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    governments: tuple[str, ...]
    starts: list[int] = field(default_factory=list)
    cache: dict[int, list[_Slot]] = field(default_factory=dict)
    doc_id: str = ""
    first: dict[str, int] = field(default_factory=dict)
    first_person: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    # per entity id, its placeholder class (``cls``), computed once per article
    classes: dict[str, str] = field(default_factory=dict)
    # per entity id, whether it is a company that can act in a clause (see `_actor`)
    actors: dict[str, bool] = field(default_factory=dict)
    # per sentence index, what `_first_org_back` answered
    back: dict[int, str | None] = field(default_factory=dict)
    # where the words of "the ChatGPT maker" occur in the text (see `_may_name_maker`)
    maker_words: list[tuple[int, int]] = field(default_factory=list)
    # the start of each quantity when they are in text order, else empty
    quantity_starts: list[int] = field(default_factory=list)
    # per sentence (by id: each is one of `sentences`), what its relations share
    qualifiers: dict[int, _Qualifiers] = field(default_factory=dict)
    # the (start, end) of each direct quote, in the order of `quotes` (see `_may_say_we`)
    direct: list[tuple[int, int]] = field(default_factory=list)
    # per offering, the company the text says develops it ("Ardent's first chip, the Rook-1")
    stated: dict[str, str] = field(default_factory=dict)

    def cls(self, entity: str) -> str:
        return self.classes[entity]

    def developer(self, entity: str) -> str | None:
        for dev in self.result.developments:
            if dev.offering == entity:
                return dev.org
        lexicon_id = self.entities[entity].lexicon_id
        if lexicon_id is not None and lexicon_id in self.lexicon:
            found = self.lexicon.get(lexicon_id).developer
            if found in self.entities:
                return found
        return self.stated.get(entity)

    def lexicon_developer(self, entity: str) -> str | None:
        lexicon_id = self.entities[entity].lexicon_id
        if lexicon_id is None or lexicon_id not in self.lexicon:
            return None
        return self.lexicon.get(lexicon_id).developer


def _in_sentence(article: _Article, sentence: Sentence) -> list[Mention]:
    mentions = article.result.mentions
    lo = bisect.bisect_left(article.starts, sentence.start)
    hi = bisect.bisect_left(article.starts, sentence.end)
    return [m for m in mentions[lo:hi] if m.end <= sentence.end]


def _slots(article: _Article, index: int) -> list[_Slot]:
    cached = article.cache.get(index)
    if cached is not None:
        return cached
    sentence = article.sentences[index]
    classes = article.classes
    # the outer mentions of `_in_sentence`, read in the same pass
    lo = bisect.bisect_left(article.starts, sentence.start)
    hi = bisect.bisect_left(article.starts, sentence.end)
    end = sentence.end
    slots = [
        _Slot(m.start, m.end, m.entity, classes[m.entity])
        for m in article.result.mentions[lo:hi]
        if m.end <= end and m.outer
    ]
    if article.maker_words and _may_name_maker(article, sentence):
        slots = _makers(article, slots)
    if _may_refer(article, sentence):
        for pseudo in _references(article, index, slots):
            if not any(s.start < pseudo.end and pseudo.start < s.end for s in slots):
                slots.append(pseudo)
    article.cache[index] = sorted(slots, key=_START_OF)
    return article.cache[index]


_START_OF = operator.attrgetter("start")


_MAKER_WORDS = ("maker", "developer", "creator", "owner")


def _may_name_maker(article: _Article, sentence: Sentence) -> bool:
    """Whether a word `_MAKER` needs is within reach of the sentence's slots (else no maker)."""
    lo, hi = sentence.start, sentence.end + 12  # `_makers` reads 12 characters past a slot
    return any(lo <= start and end <= hi for start, end in article.maker_words)


def _maker_words(text: str) -> list[tuple[int, int]]:
    """Return the span of every occurrence (overlaps included) of the words `_MAKER` needs."""
    found = []
    for word in _MAKER_WORDS:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = text.find(word, at + 1)
    return found


_MAKER = re.compile(r"\s+(?:maker|developer|creator|owner)\b")
# r"\bits\b", written to start with its literal so that the engine jumps from one "its" to
# the next by itself; the lookbehind after it is the leading \b (no word character before)
_ITS = re.compile(r"its(?<!\wits)\b")
_THE_COMPANY = re.compile(
    r"\b[Tt]he (?:(?:AI|cloud|chip|tech|software) )?(?:company|firm|chipmaker|startup)\b"
)
_FORMER_LATTER = re.compile(r"\bthe (former|latter)\b")
_BARE_HEAD = re.compile(
    r"\b(?:\d[\d,.]*(?:\s+(?:million|billion|thousand))?|[Tt]he|these|those|their)"
    r"\s+(GPUs|chips|CPUs)\b"
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _makers(article: _Article, slots: list[_Slot]) -> list[_Slot]:
    """Replace "the ChatGPT maker" by a slot for the company that makes ChatGPT."""
    text = article.document.text
    out = []
    for slot in slots:
        # the three tests are pure, so trying the cheapest first changes nothing
        if text[max(0, slot.start - 4) : slot.start].lower() != "the ":
            out.append(slot)
            continue
        after = _MAKER.match(text[slot.end : slot.end + 12])
        dev = article.developer(slot.entity) if slot.cls in ("chip", "product", "tech") else None
        if after and dev is not None:
            out.append(_Slot(slot.start - 4, slot.end + after.end(), dev, article.cls(dev), True))
        else:
            out.append(slot)
    return out


def _references(article: _Article, index: int, slots: list[_Slot]) -> Iterator[_Slot]:
    sentence = article.sentences[index]
    text = sentence.text
    # each `in` test below is a literal the pattern after it needs: no literal, no match
    for match in _ITS.finditer(text) if "its" in text else ():
        pos = sentence.start + match.start()
        owner = _owner_of_its(article, slots, sentence, pos) or _first_org_back(article, index - 1)
        if owner is not None:
            yield _Slot(pos, pos + 3, owner, "its", True)
    for match in _THE_COMPANY.finditer(text) if _names_company(text) else ():
        pos = sentence.start + match.start()
        owner = _first_org(article, slots, pos) or _first_org_back(article, index - 1)
        if owner is not None:
            yield _Slot(pos, sentence.start + match.end(), owner, article.cls(owner), True)
    if _names_former_latter(text):
        yield from _former_latter(article, index, slots)
    if _names_head(text):
        yield from _bare_heads(article, sentence)
    yield from _pronouns(article, index, slots)


# r"\b[Ii]t(?=...)" and r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b", written like `_ITS` to start with a
# character class; each lookbehind after the first letter is the leading \b
_IT = re.compile(
    r"[Ii](?<!\w[Ii])t(?=\s+(?:will|would|has|had|is|was|can|could|also|now|already|still|currently"
    r"|recently|[a-z]{2,}(?<!\bis)(?<!\bwas)(?<!\bhas)(?<!\bthis)s|[a-z]{2,}ed)\b)"
)
_WE = re.compile(r"[WwOoUu](?<!\w[WwOoUu])(?:(?<=[Ww])e|(?<=[Oo])ur|(?<=[Uu])s)\b")


def _may_refer(article: _Article, sentence: Sentence) -> bool:
    """Whether `_references` can yield anything for `sentence`.

    Each test is a literal or a pattern that one kind of reference needs, so a sentence that
    fails them all has none, and the generators need not run.
    """
    text = sentence.text
    return (
        _ITS.search(text) is not None
        or _names_company(text)
        or _names_former_latter(text)
        or _names_head(text)
        or (_may_say_it(text) and _IT.search(text) is not None)
        or (_WE.search(text) is not None and _may_say_we(article, sentence))
    )


# the literals each reference pattern needs (all are case-sensitive)
def _names_company(text: str) -> bool:
    return "company" in text or "firm" in text or "startup" in text or "chipmaker" in text


def _names_former_latter(text: str) -> bool:
    return "the former" in text or "the latter" in text


def _names_head(text: str) -> bool:
    return "GPUs" in text or "chips" in text or "CPUs" in text


def _may_say_it(text: str) -> bool:
    return "it" in text or "It" in text


def _pronouns(article: _Article, index: int, slots: list[_Slot]) -> Iterator[_Slot]:
    """Yield slots for subject pronouns.

    "it will deploy" is the sentence's first company; "we"/"our" is the speaker's company
    inside a quote and the author's company outside one.
    """
    sentence = article.sentences[index]
    for match in _IT.finditer(sentence.text) if _may_say_it(sentence.text) else ():
        pos = sentence.start + match.start()
        owner = _first_org(article, slots, pos) or _first_org_back(article, index - 1)
        if owner is not None:
            yield _Slot(pos, pos + 2, owner, article.cls(owner), True)
    # the matches first: `_may_say_we` (pure) is then asked only when there is one
    we = list(_WE.finditer(sentence.text))
    for match in we if we and _may_say_we(article, sentence) else ():
        pos = sentence.start + match.start()
        owner = _first_person_org(article, pos)
        if owner is not None:
            yield _Slot(pos, sentence.start + match.end(), owner, article.cls(owner), True)


def _may_say_we(article: _Article, sentence: Sentence) -> bool:
    """Whether a "we" in `sentence` can stand for a company (else `_first_person_org` is None)."""
    if article.first_person:
        return True
    # `direct` holds the spans of the direct quotes: an empty list means no quote at all
    return bool(article.direct) and any(
        start < sentence.end and sentence.start < end for start, end in article.direct
    )


def _first_person_org(article: _Article, pos: int) -> str | None:
    """Return who "we" is at `pos`.

    Inside a quote: the speaker's company. Outside: the author's (the first role the article
    gives at a company, else the first company it names), when the text itself speaks in the
    first person.
    """
    for quote in article.quotes:
        if quote.direct and quote.span.start <= pos < quote.span.end:
            return _org_of(article, quote.speaker)
    if not article.first_person:
        return None
    for aff in article.result.affiliations:
        if aff.org is not None and aff.start < pos:
            return aff.org
    # no role named yet: the company the text opens with (a filing, a release, a company blog)
    for mention in article.result.mentions:
        if article.actors.get(mention.entity):
            return mention.entity
    return None


def _org_of(article: _Article, speaker: str | None) -> str | None:
    if speaker is None or speaker not in article.entities:
        return None
    if article.cls(speaker) == "org":
        return speaker
    for aff in article.result.affiliations:
        if aff.person == speaker and aff.org is not None:
            return aff.org
    return None


def _owner_of_its(
    article: _Article, slots: list[_Slot], sentence: Sentence, pos: int
) -> str | None:
    """Return the company "its" at `pos` refers to.

    That is the nearest one before, unless that one sits in an apposition ("Acme, a startup
    backed by Beta, runs its ..."); then it is the company the apposition describes.
    """
    nearest = _org_before(article, slots, pos)
    first = next((s for s in slots if s.end <= pos and _actor(article, s.entity)), None)
    if first is None or first.entity == nearest:
        return nearest
    between = article.document.text[first.end : pos]
    if re.match(r",\s+(?:a|an|the|which|who)\b[^,]*,", between):
        return first.entity
    return nearest


def _former_latter(article: _Article, index: int, slots: list[_Slot]) -> Iterator[_Slot]:
    sentence = article.sentences[index]
    for match in _FORMER_LATTER.finditer(sentence.text):
        pos = sentence.start + match.start()
        orgs = list(dict.fromkeys(s.entity for s in slots if s.start < pos and s.cls == "org"))
        if len(orgs) >= 2:
            pick = orgs[0] if match.group(1) == "former" else orgs[1]
            yield _Slot(pos, sentence.start + match.end(), pick, "org", True)


def _bare_heads(article: _Article, sentence: Sentence) -> Iterator[_Slot]:
    for match in _BARE_HEAD.finditer(sentence.text):
        lines = [e.id for e in article.entities.values() if e.name.endswith(" " + match.group(1))]
        if len(lines) == 1:
            pos = sentence.start + match.start(1)
            yield _Slot(pos, pos + len(match.group(1)), lines[0], article.cls(lines[0]), True)


def _org_before(article: _Article, slots: list[_Slot], pos: int) -> str | None:
    found = [s.entity for s in slots if s.end <= pos and s.cls == "org"]
    return found[-1] if found else None


def _first_org(article: _Article, slots: list[_Slot], pos: int) -> str | None:
    return next((s.entity for s in slots if s.end <= pos and _actor(article, s.entity)), None)


def _actor(article: _Article, entity: str) -> bool:
    """Tell whether `entity` is a company that can act in a clause (not the publisher)."""
    return article.actors[entity]


def _first_org_back(article: _Article, index: int) -> str | None:
    """Return the company a pronoun in sentence ``index + 1`` most likely means.

    Among the companies of the three sentences before, that is the one the article names most
    often (ties: the nearest). Remembered per article: it depends on `index` alone.
    """
    if index not in article.back:
        article.back[index] = _most_named_back(article, index)
    return article.back[index]


def _most_named_back(article: _Article, index: int) -> str | None:
    best: tuple[int, int, str] | None = None
    for back in range(index, max(-1, index - 3), -1):
        for m in _in_sentence(article, article.sentences[back]):
            if _actor(article, m.entity):
                rank = (article.counts.get(m.entity, 0), back, m.entity)
                if best is None or rank[:2] > best[:2]:
                    best = rank
    return best[2] if best else None


def _mask(text: str, sentence: Sentence, slots: list[_Slot]) -> str:
    parts, pos = [], sentence.start
    for i, slot in enumerate(slots):
        parts.append(text[pos : slot.start])
        parts.append(f"\x03{i}\x03" if slot.cls == "its" else f"\x01{i}:{slot.cls}\x02")
        pos = slot.end
    parts.append(text[pos : sentence.end])
    return "".join(parts)


# --- matching -----------------------------------------------------------------------------------


@dataclass(slots=True)  # not frozen, as _Slot
class _Hit:
    subject: str
    predicate: Predicate
    object: str
    sentence: Sentence
    matched: str
    resolved: bool
    capability: str | None = None
    modality: Modality | None = None  # set when the parse decided it
    clause: tuple[int, int] | None = None  # the frame's clause, where its amount is


def _following(masked: str, pos: int, classes: str) -> list[int]:
    out = []
    joiner = re.compile(
        rf"{_HEAD_NOUN}(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?\x01(\d+):(?:{classes})\x02"
    )
    while (match := joiner.match(masked, pos)) is not None:
        out.append(int(match.group(1)))
        pos = match.end()
    return out


def _all_after(masked: str, pos: int, classes: str) -> list[int]:
    clause = re.split(
        r";|,\s+(?:part of|which|but|while|as|stressing|underscoring)\b", masked[pos:]
    )[0]
    return [int(i) for i in re.findall(rf"\x01(\d+):(?:{classes})\x02", clause)]


def _object_classes(pattern: str) -> str:
    match = re.search(r"\{O:([a-z|]+)\}", pattern)
    return match.group(1) if match else ""


def _match_hits(
    article: _Article,
    rule: RelationRule,
    sentence: Sentence,
    slots: list[_Slot],
    masked: str,
    match: re.Match[str],
) -> list[_Hit]:
    """Return the hits of one match of `rule` in the masked clause, in order."""
    classes = rule.object_classes
    subjects = _subjects(article, rule, match, masked, slots, sentence)
    objects = [int(match.group("o"))]
    if rule.object_list or rule.objects_all:
        objects += _following(masked, masked.index("\x02", match.end("o")) + 1, classes)
    if rule.objects_all:
        objects += _all_after(masked, match.end(), classes)
    hits = []
    for subject in subjects:
        for index in dict.fromkeys(objects):
            slot = slots[index]
            subj: str | None = subject
            if rule.vendor_first or rule.customer_first:
                subj, obj = _vendor_order(article, subject, slot.entity)
                if rule.customer_first and subj is not None:
                    subj, obj = obj, subj
                slot = _Slot(slot.start, slot.end, obj, slot.cls, slot.resolved)
            if subj is None:
                continue
            capability = (
                _capability(masked, match.end(), slots)
                if rule.predicate is Predicate.INTEGRATES
                else None
            )
            hits.append(
                _Hit(
                    subj,
                    rule.predicate,
                    slot.entity,
                    sentence,
                    match.group(),
                    slot.resolved,
                    capability,
                )
            )
    return hits


_VENDORS = (EntityType.CLOUD_PROVIDER, EntityType.CHIP_VENDOR)


def _vendor_order(article: _Article, one: str, other: str) -> tuple[str | None, str]:
    """Put the vendor (cloud provider or chip vendor) first; None when neither or both are."""
    first = article.entities[one].type in _VENDORS
    second = article.entities[other].type in _VENDORS
    if first == second:
        return None, other
    return (one, other) if first else (other, one)


def _subjects(
    article: _Article,
    rule: RelationRule,
    match: re.Match[str],
    masked: str,
    slots: list[_Slot],
    sentence: Sentence,
) -> list[str]:
    if "s" not in rule.regex.groupindex or match.group("s") is None:
        gov = _government(article, slots, sentence)
        return [gov] if gov else []
    found = [slots[int(match.group("s"))].entity]
    if rule.subject_list:
        found += [
            slots[i].entity
            for i in _following(masked, masked.index("\x02", match.end("s")) + 1, "org")
        ]
    return found


def _government(article: _Article, slots: list[_Slot], sentence: Sentence) -> str | None:
    govs = [s.entity for s in slots if s.cls == "gov"]
    if govs:
        return govs[0]
    earlier = [g for g in article.governments if _first_mention(article, g) < sentence.end]
    if earlier:
        return earlier[0]
    places = [s.entity for s in slots if s.cls == "place"]
    return places[0] if places else None


def _first_mention(article: _Article, entity: str) -> int:
    return article.first[entity]


def _capability(masked: str, pos: int, slots: list[_Slot]) -> str | None:
    gap = r"[^\x01;]{0,80}?"
    match = re.search(rf"\binto\b{gap}\x01(\d+):(?:chip|product|tech)\x02", masked[pos:])
    return slots[int(match.group(1))].entity if match else None


# --- turning hits into relations ----------------------------------------------------------------


def _adjust(article: _Article, hit: _Hit) -> _Hit | None:
    """Apply the lexicon's knowledge: who develops what, what a dependency is on."""
    if hit.predicate is Predicate.SUPPLIES and article.cls(hit.subject) in ("chip", "product"):
        maker = article.developer(hit.subject)
        return replace(hit, subject=maker, resolved=True) if maker is not None else None
    if hit.predicate is Predicate.SUPPLIES and article.cls(hit.object) in (
        "chip",
        "product",
        "tech",
    ):
        customer = article.developer(hit.object)  # the maker supplies the product's developer
        return replace(hit, object=customer, resolved=True) if customer is not None else None
    if hit.predicate is Predicate.DEVELOPS:
        known = article.lexicon_developer(hit.object)
        if known is not None and known != hit.subject:
            return replace(hit, subject=known) if known in article.entities else None
    if hit.predicate is Predicate.DEPENDS_ON and article.cls(hit.object) in (
        "chip",
        "product",
        "tech",
    ):
        dev = article.developer(hit.object)
        if dev is not None:
            return replace(hit, object=dev, capability=hit.object)
    if hit.predicate is Predicate.DEVELOPS and article.cls(hit.subject) not in ("org", "its"):
        return None
    return hit


def _modality_of(article: _Article, hit: _Hit, quote: Quote | None) -> Modality:
    """Return the frame's modality from the parse, else the surface cues; a forecast quote's."""
    if hit.modality is None:
        return _modality(article, hit, quote)
    forecast = quote is not None and quote.cue in _FORECAST_CUES
    return Modality.FORECAST if hit.modality is Modality.ASSERTED and forecast else hit.modality


def _modality(article: _Article, hit: _Hit, quote: Quote | None) -> Modality:
    if quote is not None and quote.cue in _FORECAST_CUES:
        return Modality.FORECAST
    words = _PLACEHOLDER.sub(" ", hit.matched) if "\x01" in hit.matched else hit.matched
    # each cue is one branch of _ANY_CUE: no match there, no cue at all
    if _ANY_CUE.search(words) is None:
        return Modality.ASSERTED
    for modality, cue in _MODALITY:
        if cue.search(words):
            return modality
    return Modality.ASSERTED


def _quote_of(article: _Article, sentence: Sentence) -> Quote | None:
    for quote in article.quotes:
        if quote.span.start < sentence.end and sentence.start < quote.span.end:
            return quote
    return None


def _quantity(article: _Article, sentence: Sentence) -> str | None:
    quantities = article.quantities
    starts = article.quantity_starts
    # when the quantities are in text order (`quantity_starts` is then filled), none before
    # `lo` starts inside the sentence and none after one starting past its end does
    lo = bisect.bisect_left(starts, sentence.start) if starts else 0
    for quantity in quantities[lo:] if lo else quantities:
        if starts and quantity.span.start > sentence.end:
            break
        inside = sentence.start <= quantity.span.start and quantity.span.end <= sentence.end
        if inside and quantity.kind is not QuantityKind.DATE:
            return quantity.id
    return None


def _amount(article: _Article, hit: _Hit, first: str | None) -> str | None:
    """Return the amount in the frame's own clause (none there: none), else the sentence's first."""
    if hit.clause is None:
        return first
    lo, hi = hit.clause
    for quantity in article.quantities:
        inside = lo <= quantity.span.start and quantity.span.end <= hi
        if inside and quantity.kind is not QuantityKind.DATE:
            return quantity.id
    return None


def _window(sentence: Sentence) -> tuple[str | None, str | None]:
    if _YEAR.search(sentence.text) is None:
        return None, None  # both patterns need a four-digit year
    start = _START.search(sentence.text)
    end = _END.search(sentence.text)
    return (start.group(1) if start else None, f"{end.group(1)}-12-31" if end else None)


def _relation_id(article: _Article, hit: _Hit) -> str:
    parts = (hit.subject, _PREDICATES[hit.predicate][0], hit.object, hit.sentence.start)
    return f"rel/{stable_hash(article.doc_id, *parts)}"


def _qualifiers(article: _Article, sentence: Sentence) -> _Qualifiers:
    """Return the qualifiers of `sentence`, worked out on first use (each is a pure function)."""
    known = article.qualifiers.get(id(sentence))
    if known is None:
        start, end = _window(sentence)
        known = _Qualifiers(
            span=Span(start=sentence.start, end=sentence.end, text=sentence.text),
            quote=_quote_of(article, sentence),
            start=start,
            end=end,
            quantity=_quantity(article, sentence),
        )
        article.qualifiers[id(sentence)] = known
    return known


# per (headline, resolved), the confidence of a relation: four values, worked out once
_CONFIDENCE = {
    (headline, resolved): round(0.8 - (0.2 if headline else 0.0) - (0.1 if resolved else 0.0), 2)
    for headline in (False, True)
    for resolved in (False, True)
}


def _relation(article: _Article, hit: _Hit, cue: str | None) -> Relation | None:
    if hit.subject == hit.object:
        return None
    sentence = hit.sentence
    shared = _qualifiers(article, sentence)
    quote = shared.quote
    fact = cue in _FACTS
    return Relation(
        id=_relation_id(article, hit),
        subject=hit.subject,
        predicate=hit.predicate,
        object=hit.object,
        span=shared.span,
        modality=Modality.ASSERTED if fact else _modality_of(article, hit, quote),
        confidence=_CONFIDENCE[sentence.headline, hit.resolved],
        quantity=None if fact else _amount(article, hit, shared.quantity),
        start=None if fact else shared.start,
        end=None if fact else shared.end,
        capability=hit.capability if hit.capability not in (hit.subject, hit.object) else None,
        speaker=quote.speaker if quote is not None else None,
        quote=quote.id if quote is not None else None,
        cue=cue,
    )


def _index_classes(article: _Article) -> None:
    """Fill the placeholder class and the actor flag of each entity, in one pass."""
    classes, actors, by_id = article.classes, article.actors, article.entities
    for entity in article.result.entities:
        cls = classes[entity.id] = _CLASS.get(entity.type, "org")
        # `by_id` keeps the last entity of an id, as `classes` does after this loop
        actors[entity.id] = cls == "org" and by_id[entity.id].type is not EntityType.PUBLISHER


def _sentence_of(article: _Article, pos: int) -> Sentence | None:
    for sentence in article.sentences:
        if sentence.start <= pos < sentence.end:
            return sentence
    return None


def _fact_hits(article: _Article) -> Iterator[tuple[_Hit, str]]:
    for aff in article.result.affiliations:
        sentence = _sentence_of(article, aff.start)
        if aff.org is not None and sentence is not None:
            yield (
                _Hit(aff.org, Predicate.EMPLOYS, aff.person, sentence, sentence.text, False),
                "role",
            )
    for dev in article.result.developments:
        sentence = _sentence_of(article, dev.start)
        if sentence is not None:
            yield (
                _Hit(dev.org, Predicate.DEVELOPS, dev.offering, sentence, "", False),
                "product line",
            )
    # a resolved slot whose text ends in "maker" (any case) is "the <offering> maker" or "the
    # chipmaker": both hold the lower-case "maker" that `maker_words` lists, so none without it
    for index, sentence in enumerate(article.sentences if article.maker_words else ()):
        for slot in _slots(article, index):
            if slot.resolved and article.document.text[slot.start : slot.end].lower().endswith(
                "maker"
            ):
                offering = _maker_object(article, slot)
                if offering is not None:
                    yield (
                        _Hit(slot.entity, Predicate.DEVELOPS, offering, sentence, "", False),
                        "maker",
                    )


def _maker_object(article: _Article, slot: _Slot) -> str | None:
    for m in article.result.mentions:
        if slot.start < m.start and m.end < slot.end:
            return m.entity
        if m.start >= slot.end:
            break
    return None


def _better(new: Relation, old: Relation) -> bool:
    def rank(r: Relation) -> tuple[float, int, int]:
        filled = sum(x is not None for x in (r.quantity, r.start, r.end, r.capability, r.speaker))
        return (r.confidence, filled, -r.span.start)

    return rank(new) > rank(old)


def _merge(relations: list[Relation]) -> tuple[Relation, ...]:
    best: dict[tuple[str, ...], Relation] = {}
    for rel in relations:
        value, symmetric = _PREDICATES[rel.predicate]
        swap = symmetric and rel.object < rel.subject  # as sorting the two ends
        key = (value, rel.object, rel.subject) if swap else (value, rel.subject, rel.object)
        old = best.get(key)
        if old is None or _better(rel, old):
            best[key] = _fill(rel, old) if old else rel
        else:
            best[key] = _fill(old, rel)
    return tuple(sorted(best.values(), key=_position))


# per predicate, its value and whether it is symmetric (enum properties are slow to read)
_PREDICATES = {p: (p.value, p.symmetric) for p in Predicate}


def _position(rel: Relation) -> tuple[int, str, str, str]:
    return (rel.span.start, _PREDICATES[rel.predicate][0], rel.subject, rel.object)


def _fill(keep: Relation, other: Relation) -> Relation:
    return replace(
        keep,
        quantity=keep.quantity or other.quantity,
        start=keep.start or other.start,
        end=keep.end or other.end,
        capability=keep.capability
        or (other.capability if other.capability not in (keep.subject, keep.object) else None),
    )


def find_relations(
    document: Document,
    entities: EntityResult,
    *,
    lexicon: Lexicon,
    quotes: tuple[Quote, ...] = (),
    quantities: tuple[Quantity, ...] = (),
    sentences: tuple[Sentence, ...] | None = None,
    parsed: Sequence[ParsedSentence] | None = None,
) -> tuple[Relation, ...]:
    """Find the relations the body of `document` states between its entities.

    Parameters
    ----------
    document : Document
        The article.
    entities : EntityResult
        Its entities and mentions (from :func:`~vendorgraph.loaders.entities.find_entities`).
    lexicon : Lexicon
        Reference knowledge: who develops which offering.
    quotes : tuple of Quote
        Its quotes, to credit a claim made in a quote to the speaker.
    quantities : tuple of Quantity
        Its numbers, to qualify a claim with the amount stated alongside it.
    sentences : tuple of Sentence, optional
        The body's sentences, if already split.
    parsed : sequence of ParsedSentence, optional
        The parsed sentences (:func:`~vendorgraph.loaders.parse.parse_sentences`), if already
        parsed.

    Returns
    -------
    tuple of Relation
        One relation per (subject, predicate, object), the best-evidenced sentence kept and
        the qualifiers of the others merged in; sorted by position.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> from vendorgraph.loaders.entities import find_entities
    >>> doc = Document(text="Acme Labs and Beta Systems have worked together since 2011.")
    >>> rel = find_relations(doc, find_entities(doc, lexicon=Lexicon([])), lexicon=Lexicon([]))[0]
    >>> rel.predicate.value, rel.start
    ('partners_with', '2011')
    """
    sents = (
        sentences if sentences is not None else split_sentences(document.text, document.body_start)
    )
    by_id = {e.id: e for e in entities.entities}
    governments = tuple(
        e.id
        for e in sorted(entities.entities, key=lambda e: e.mentions[0].start)
        if e.type is EntityType.GOVERNMENT
    )
    article = _Article(
        document,
        by_id,
        entities,
        lexicon,
        sents,
        quotes,
        quantities,
        governments,
        doc_id=document.id,
        first_person=_speaks_first_person(document, quotes),
    )
    article.starts.extend(m.start for m in entities.mentions)
    _index_classes(article)
    # reversed, so that the first mention of each entity is the one written last
    article.first.update((m.entity, m.start) for m in reversed(entities.mentions))
    article.counts.update(Counter(m.entity for m in entities.mentions))
    article.maker_words.extend(_maker_words(document.text))
    article.direct.extend((q.span.start, q.span.end) for q in quotes if q.direct)
    starts = [q.span.start for q in quantities]
    if all(a <= b for a, b in itertools.pairwise(starts)):
        article.quantity_starts.extend(starts)
    found: list[Relation] = []
    if parsed is None:
        spans = entity_spans(entities)
        parsed = parse_sentences(document.text, sentences_to_parse(sents, spans), spans)
    hits = list(_all_hits(article, parsed))
    for hit, _ in hits:  # who the text says develops what, for claims about an offering
        if hit.predicate is Predicate.DEVELOPS and article.cls(hit.subject) == "org":
            article.stated.setdefault(hit.object, hit.subject)
    for hit, cue in hits:
        adjusted = _adjust(article, hit)
        relation = _relation(article, adjusted, cue) if adjusted is not None else None
        if relation is not None:
            found.append(relation)
    return _merge(found)


_SMALL = frozenset(
    {
        *("a", "an", "the", "and", "or", "of", "on", "in", "at", "to", "for", "with", "by"),
        *("from", "as", "vs", "vs.", "its", "it", "is", "are", "into", "over"),
    }
)


# a word of `_WORD` that starts in lower case and is not a small word (ASCII case folding:
# the small words are ASCII and no other letter lower-cases to one). The lookbehind makes the
# match a word `_WORD` finds; a word after a digit or "_" is left to the loop below.
_LOWER_WORD = re.compile(
    r"(?<![\w'’-])(?!(?ai:"
    + "|".join(sorted((w for w in _SMALL if w.isalpha()), key=lambda w: (-len(w), w)))
    + r")(?![\w'’-]))[a-z]"
)


def _title_case(text: str) -> bool:
    """Tell whether a line is a title-case headline ("Acme Expands Bet On Nvidia").

    Its words, small words included, are capitalised, so its verbs are no reliable cue.
    """
    if _LOWER_WORD.search(text) is not None:
        return False  # the loop would return False on reaching that word
    # one lazy pass: a lower-case word that is not a small word answers False whatever the
    # word count, so the count (at least 4 words) is only needed at the end
    count = 0
    small = capped_small = False
    for match in _WORD.finditer(text):
        word = match.group()
        count += 1
        if word.lower() in _SMALL:
            small = True
            capped_small = capped_small or word[0].isupper()
        elif not word[0].isupper():
            return False  # a lower-case word that is not a small word
    return count >= 4 and (not small or capped_small)


# an apposition or relative clause after a company ("Acme, a startup backed by Beta, runs ...")
_APPOSITION = re.compile(
    r"(\x01\d+:org\x02),\s+((?:which|who|a|an|the|[A-Z][\w-]*['’]s|\x01\d+:\w+\x02['’]s?)\s"
    r"(?:[^,;\x01\x03]|\x01[^\x02]*\x02|\x03\d+\x03){1,120}?),\s*"
)


def _clauses(masked: str) -> list[str]:
    """Return the masked sentence with its appositions lifted out, then each apposition.

    Each apposition becomes a clause of its own about the company it describes; a sentence
    without appositions is returned alone.
    """
    # an apposition starts with a company placeholder and a comma
    found = list(_APPOSITION.finditer(masked)) if ":org\x02," in masked else []
    if not found:
        return [masked]
    main = _APPOSITION.sub(lambda m: f"{m.group(1)} ", masked)
    return [main, *(f"{m.group(1)} {m.group(2)}" for m in found)]


# r"\b(?:[Ww]e|[Oo]ur)\b", written to start with a character class so that the engine skips
# to the next W/w/O/o by itself: the lookbehind after that character is the leading \b
_FIRST_PERSON = re.compile(r"[WwOo](?<!\w[WwOo])(?:(?<=[Ww])e|(?<=[Oo])ur)\b")


def _speaks_first_person(document: Document, quotes: tuple[Quote, ...]) -> bool:
    """Whether the article's own text (outside quotes) says "we" or "our" at least twice."""
    text = document.text[document.body_start :]
    for quote in sorted(quotes, key=lambda q: -q.span.start):
        if quote.direct:
            lo = quote.span.start - document.body_start
            hi = quote.span.end - document.body_start
            text = text[:lo] + text[hi:]
    return next(itertools.islice(_FIRST_PERSON.finditer(text), 1, None), None) is not None


@functools.cache
def _rule_filter() -> RuleFilter:
    """Return the literal prefilter of the relation rules (built once).

    A rule is skipped when a word or placeholder it needs is missing from the masked clause
    (see :func:`vendorgraph.loaders.text.rule_filter`).
    """
    return rule_filter([rule.regex for rule in load_relation_rules()])


def _frame_hits(article: _Article, parsed: Sequence[ParsedSentence]) -> Iterator[tuple[_Hit, str]]:
    sentences = [p.sentence for p in parsed]
    parsed = [p for p in parsed if not _title_case(p.sentence.text)]
    parsed = [p for p in parsed if not p.sentence.text.rstrip(' *_”"').endswith("?")]
    parsed = [_with_bare_heads(article, p) for p in parsed]
    kinds = {e.id: e.type for e in article.result.entities}
    named_after = {d.offering: d.org for d in article.result.developments}
    speakers: dict[int, str] = {}  # who "we" is in each sentence
    for sentence in sentences:
        quote = _quote_of(article, sentence)
        who = _first_person_org(article, sentence.start) or (
            (quote.speaker_org or _org_of(article, quote.speaker)) if quote is not None else None
        )
        if who is not None:
            speakers[sentence.start] = who
    government = article.governments[0] if article.governments else None
    developers = {e: d for e in kinds if (d := article.developer(e)) is not None}
    for hit in find_frames(
        parsed,
        kinds,
        speakers=speakers,
        named_after=named_after,
        government=government,
        developers=developers,
    ):
        yield (
            _Hit(hit.subject, hit.predicate, hit.object, hit.sentence, hit.sentence.text,
                 hit.resolved, modality=hit.modality, clause=hit.clause),
            hit.trigger.lower(),
        )  # fmt: skip


def _with_bare_heads(article: _Article, parsed: ParsedSentence) -> ParsedSentence:
    """Mark "the GPUs", "1 million chips" as the one named offering they shorten, for frames."""
    if not _names_head(parsed.sentence.text):
        return parsed
    entities = list(parsed.entities)
    for slot in _bare_heads(article, parsed.sentence):
        start, end = slot.start - parsed.sentence.start, slot.end - parsed.sentence.start
        span = parsed.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(entities[span.start : span.end]):
            entities[span.start : span.end] = [slot.entity] * len(span)
    return replace(parsed, entities=tuple(entities))


def _all_hits(article: _Article, parsed: Sequence[ParsedSentence]) -> Iterator[tuple[_Hit, str]]:
    yield from _frame_hits(article, parsed)
    rules = load_relation_rules()
    prefilter = _rule_filter()
    text = article.document.text
    for index, sentence in enumerate(article.sentences):
        slots = _slots(article, index)
        if len(slots) < 1:
            continue
        if _title_case(sentence.text) or sentence.text.rstrip(' *_”"').endswith("?"):
            continue  # a title-case headline or a question asserts nothing
        for masked in _clauses(_mask(text, sentence, slots)):
            for i in possible_rules(prefilter, masked):
                rule = rules[i]
                for match in rule.regex.finditer(masked):
                    for hit in _match_hits(article, rule, sentence, slots, masked, match):
                        yield hit, _PREDICATES[rule.predicate][0]
    yield from _fact_hits(article)
