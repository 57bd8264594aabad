"""What the relation rules share about one article: its entities, slots, hits and caches.

:class:`Article` holds the inputs of one :func:`~vendorgraph.loaders.relations.find_relations`
call and what is worked out once per article; a :class:`Slot` is an entity mention (or a
reference resolved to an entity) in a sentence, a :class:`Hit` a relation found before it is
checked and qualified.

Examples
--------
>>> Slot(0, 9, "org/acme-labs", "org")
Slot(start=0, end=9, entity='org/acme-labs', cls='org', resolved=False)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from vendorgraph.loaders.entities import EntityResult, Mention
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.lexicon import Lexicon
from vendorgraph.ontology.model import Document, Entity, Quantity, Quote, Span
from vendorgraph.ontology.terms import EntityType, Modality, Predicate

__all__ = ["PREDICATES", "Article", "Hit", "Qualifiers", "Slot", "in_sentence", "index_classes"]


_CLASS = {
    EntityType.GOVERNMENT: "gov",
    EntityType.PLACE: "place",
    EntityType.PERSON: "person",
    EntityType.CHIP: "chip",
    EntityType.PRODUCT: "product",
    EntityType.TECHNOLOGY: "tech",
}


# not frozen: a frozen __init__ costs about four times as much, and these hot-path records
# are never changed after they are built (a Hit is only copied, with `replace`)
@dataclass(slots=True)
class Slot:
    """An entity in a sentence: a mention, or a reference (`resolved`) to an entity."""

    start: int
    end: int
    entity: str
    cls: str
    resolved: bool = False


@dataclass(slots=True)  # not frozen, as Slot
class Qualifiers:
    """What the relations found in one sentence share: evidence, quote, window, amount."""

    span: Span
    quote: Quote | None
    start: str | None
    end: str | None
    quantity: str | None


@dataclass(frozen=True, slots=True)
class Article:
    """The inputs of one article and what is worked out once for it."""

    document: Document
    entities: dict[str, Entity]
    result: EntityResult
    lexicon: Lexicon
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    governments: tuple[str, ...]
    starts: list[int] = field(default_factory=list)
    cache: dict[int, list[Slot]] = field(default_factory=dict)
    doc_id: str = ""
    first: dict[str, int] = field(default_factory=dict)
    first_person: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    # per entity id, its placeholder class (``cls``), computed once per article
    classes: dict[str, str] = field(default_factory=dict)
    # per entity id, whether it is a company that can act in a clause (see `references._actor`)
    actors: dict[str, bool] = field(default_factory=dict)
    # per sentence index, what `references._first_org_back` answered
    back: dict[int, str | None] = field(default_factory=dict)
    # where the words of "the ChatGPT maker" occur in the text (see `references._may_name_maker`)
    maker_words: list[tuple[int, int]] = field(default_factory=list)
    # the start of each quantity when they are in text order, else empty
    quantity_starts: list[int] = field(default_factory=list)
    # per sentence (by id: each is one of `sentences`), what its relations share
    qualifiers: dict[int, Qualifiers] = field(default_factory=dict)
    # the (start, end) of each direct quote, in the order of `quotes` (see `references._may_say_we`)
    direct: list[tuple[int, int]] = field(default_factory=list)
    # per offering, the company the text says develops it ("Ardent's first chip, the Rook-1")
    stated: dict[str, str] = field(default_factory=dict)

    def cls(self, entity: str) -> str:
        """Return the placeholder class of `entity` (``org``, ``chip``, ...)."""
        return self.classes[entity]

    def developer(self, entity: str) -> str | None:
        """Return who develops the offering `entity`: as named, the lexicon's, or as stated."""
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
        """Return the developer the lexicon gives the offering `entity`, or None."""
        lexicon_id = self.entities[entity].lexicon_id
        if lexicon_id is None or lexicon_id not in self.lexicon:
            return None
        return self.lexicon.get(lexicon_id).developer


def in_sentence(article: Article, sentence: Sentence) -> list[Mention]:
    """Return the mentions inside `sentence`, in text order."""
    mentions = article.result.mentions
    lo = bisect.bisect_left(article.starts, sentence.start)
    hi = bisect.bisect_left(article.starts, sentence.end)
    return [m for m in mentions[lo:hi] if m.end <= sentence.end]


@dataclass(slots=True)  # not frozen, as Slot
class Hit:
    """A relation found in a sentence, before it is corrected and qualified."""

    subject: str
    predicate: Predicate
    object: str
    sentence: Sentence
    matched: str
    resolved: bool
    capability: str | None = None
    modality: Modality | None = None  # set when the parse decided it
    clause: tuple[int, int] | None = None  # the frame's clause, where its amount is


def index_classes(article: Article) -> None:
    """Fill the placeholder class and the actor flag of each entity, in one pass."""
    classes, actors, by_id = article.classes, article.actors, article.entities
    for entity in article.result.entities:
        cls = classes[entity.id] = _CLASS.get(entity.type, "org")
        # `by_id` keeps the last entity of an id, as `classes` does after this loop
        actors[entity.id] = cls == "org" and by_id[entity.id].type is not EntityType.PUBLISHER


# per predicate, its value and whether it is symmetric (enum properties are slow to read)
PREDICATES = {p: (p.value, p.symmetric) for p in Predicate}
