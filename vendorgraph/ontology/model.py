"""The typed model: immutable records for what an article states.

Every record is a frozen, slotted, keyword-only dataclass. Collections are tuples. Identity is
derived from content (:func:`stable_hash`, :func:`entity_id`), so extracting the same article
twice gives the same ids everywhere (RDF IRIs, Neo4j keys, JSON ids). Every span indexes back
into the text it came from; :class:`Extraction` checks that for all of its records.

Examples
--------
>>> doc = Document(text="Nvidia supplies AWS.", title="Example")
>>> span = doc.span(0, 6)
>>> span.text
'Nvidia'
>>> nvidia = Entity(id=entity_id("Nvidia", EntityType.CHIP_VENDOR), name="Nvidia",
...                 type=EntityType.CHIP_VENDOR, mentions=(span,))
>>> nvidia.id
'org/nvidia'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from vendorgraph.errors import InvalidSpanError, ModelError, UnknownEntityError
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

__all__ = [
    "Document",
    "Entity",
    "Extraction",
    "Quantity",
    "Quote",
    "Record",
    "Rejection",
    "Relation",
    "Span",
    "entity_id",
    "slugify",
    "stable_hash",
]


def stable_hash(*parts: object, length: int = 16) -> str:
    """Return the first `length` hex digits of sha256 over the ``|``-joined parts.

    Examples
    --------
    >>> stable_hash("aws", "nvidia")
    '3a6dddd28f5cb4bb'
    """
    joined = "|".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def slugify(name: str) -> str:
    """Return a lower-case ASCII slug of a name, for ids and IRIs.

    Examples
    --------
    >>> slugify("Amazon Web Services")
    'amazon-web-services'
    >>> slugify("Nvidia's")
    'nvidia'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['\u2019]s\b", "", text.lower())
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or stable_hash(name, length=12)


_ID_PREFIX = {
    EntityType.PERSON: "person",
    EntityType.CHIP: "product",
    EntityType.PRODUCT: "product",
    EntityType.TECHNOLOGY: "tech",
    EntityType.PLACE: "place",
}


def entity_id(name: str, type: EntityType) -> str:
    """Return the stable id of an entity from its canonical name and type.

    Organisations share one prefix whatever their market role, so a company typed
    ``ChipVendor`` in one article and ``Organization`` in another is still one node.

    Examples
    --------
    >>> entity_id("Dermot McGrath", EntityType.PERSON)
    'person/dermot-mcgrath'
    >>> entity_id("AWS", EntityType.CLOUD_PROVIDER)
    'org/aws'
    """
    return f"{_ID_PREFIX.get(type, 'org')}/{slugify(name)}"


_new_object = object.__new__
_set_slot = object.__setattr__


def _restore(cls: type[Record], values: tuple[object, ...]) -> Record:
    """Rebuild a record pickled by :meth:`Record.__reduce__`: its fields in slot order."""
    record = _new_object(cls)
    names: tuple[str, ...] = cls.__slots__
    for name, value in zip(names, values, strict=True):
        _set_slot(record, name, value)
    return record


class Record:
    """Base of frozen slotted records: a compact pickle, for records sent between processes.

    The default pickle of a frozen slotted dataclass restores each field through a generic,
    slow ``__setstate__``; this one stores the field values as one tuple and sets the slots
    directly, about three times faster to load. Checks are not re-run: the record was valid
    when it was pickled.

    Examples
    --------
    >>> import pickle
    >>> span = Span(start=0, end=3, text="AWS")
    >>> pickle.loads(pickle.dumps(span)) == span
    True
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[object, ...]:
        names: tuple[str, ...] = type(self).__slots__
        return _restore, (type(self), tuple([getattr(self, name) for name in names]))


@dataclass(frozen=True, slots=True, kw_only=True)
class Span(Record):
    """A half-open character range ``[start, end)`` of a text, with the words it covers.

    Build spans with :meth:`Document.span` so that the words always come from the text.
    """

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise InvalidSpanError(
                f"span [{self.start}, {self.end}) is not a range: need 0 <= start <= end",
                offset=self.start,
            )
        if len(self.text) != self.end - self.start:
            raise InvalidSpanError(
                f"span [{self.start}, {self.end}) has {len(self.text)} characters of words "
                f"{self.text!r}; expected {self.end - self.start}",
                offset=self.start,
            )

    def check(self, text: str) -> None:
        """Raise :class:`InvalidSpanError` unless ``text[start:end] == self.text``."""
        if text[self.start : self.end] != self.text:
            raise InvalidSpanError(
                f"span [{self.start}, {self.end}) reads {text[self.start : self.end]!r} in the "
                f"text, not {self.text!r}",
                offset=self.start,
            )

    def as_list(self) -> list[int]:
        """Return ``[start, end]``, the form the JSON contract uses."""
        return [self.start, self.end]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document(Record):
    """An article: its text exactly as the offsets count it, and what is known about it.

    ``text`` is the file as read (for HTML, its visible text), so offsets count from the start
    of the file; ``body_start`` is where the article body begins (after a front-matter block),
    and extraction looks only at ``text[body_start:]``. ``published`` is an ISO date or None.
    """

    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    path: str | None = None
    wire_source: str | None = None
    body_start: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.body_start <= len(self.text):
            raise ModelError(
                f"body_start {self.body_start!r} lies outside the text of "
                f"{len(self.text)} characters"
            )

    @property
    def content_hash(self) -> str:
        """``sha256:<64 hex>`` of the NFC-normalised text."""
        nfc = unicodedata.normalize("NFC", self.text)
        return "sha256:" + hashlib.sha256(nfc.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """A stable article id: the first 16 hex digits of the content hash."""
        return self.content_hash[7:23]

    def span(self, start: int, end: int) -> Span:
        """Return the span ``[start, end)`` of this document's text.

        Raises
        ------
        InvalidSpanError
            If the range lies outside the text.
        """
        if not 0 <= start <= end <= len(self.text):
            raise InvalidSpanError(
                f"span [{start}, {end}) lies outside the text of {len(self.text)} characters",
                path=self.path,
                offset=start,
            )
        return Span(start=start, end=end, text=self.text[start:end])


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity(Record):
    """A company, person, chip, product, technology or place named in an article.

    ``lexicon_id`` is the slug of the lexicon entry it was resolved to, if any; ``parent`` the
    id of its parent organisation; ``roles`` its market roles as stated or known.
    """

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    lexicon_id: str | None = None
    wikidata: str | None = None
    parent: str | None = None
    roles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ModelError(f"entity {self.id!r} has an empty name; give it its known name")


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Record):
    """Words attributed to a speaker, direct (in quotation marks) or reported.

    ``speaker`` is an entity id, or None for an unnamed speaker, who keeps a description
    (``speaker_label``, e.g. "A Nvidia executive") and organisation (``speaker_org``).
    ``speaker_role`` is the role as the article states it ("Co-founder").
    """

    id: str
    text: str
    span: Span
    direct: bool
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_org: str | None = None
    speaker_label: str | None = None
    cue: str | None = None

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ModelError(f"quote {self.id!r} has no words")


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(Record):
    """A number the article states, with its kind, unit and normalised value.

    ``value`` is the stated number scaled by its multiplier ("1M" → 1_000_000); ``unit`` an ISO
    4217 code for money, ``W`` for power, ``%`` for percentages, or the counted noun;
    ``normalized`` is the value in base units (watts, a share in [0, 1], years for durations);
    ``iso`` is the ISO 8601 form of a date ("2027-12-31", "2027"); ``lower``/``upper`` bound
    vague amounts ("hundreds of thousands"); ``converted_from`` names the quantity this one is
    the article's own conversion of ("₱3 trillion ($50 billion)").
    """

    id: str
    kind: QuantityKind
    text: str
    span: Span
    value: float | None = None
    unit: str | None = None
    normalized: float | None = None
    approximate: bool = False
    lower: float | None = None
    upper: float | None = None
    iso: str | None = None
    deadline: bool = False
    converted_from: str | None = None
    about: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation(Record):
    """A typed claim ``subject predicate object`` with the sentence that states it.

    ``modality`` is the claimant's stance (asserted, planned, forecast …); ``confidence`` the
    extractor's confidence in [0, 1]. Qualifiers: ``quantity`` (a Quantity id), ``start`` and
    ``end`` (ISO dates of the validity window: "since 2011", "through 2027"), ``capability`` (the
    entity id of what the dependency is for), ``speaker`` (who asserts it, an entity id) and
    ``quote`` (the Quote id the claim was found in).
    """

    id: str
    subject: str
    predicate: Predicate
    object: str
    span: Span
    modality: Modality = Modality.ASSERTED
    confidence: float = 0.8
    quantity: str | None = None
    start: str | None = None
    end: str | None = None
    capability: str | None = None
    speaker: str | None = None
    quote: str | None = None
    cue: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ModelError(
                f"relation {self.id!r} has confidence {self.confidence!r}; it must lie in [0, 1]"
            )
        if self.subject == self.object:
            raise ModelError(f"relation {self.id!r} links {self.subject!r} to itself")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection(Record):
    """A candidate the loader found and dropped, with why: a result, not an error."""

    text: str
    span: Span | None
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction(Record):
    """Everything extracted from one document; checks that every span and reference holds."""

    document: Document
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    relations: tuple[Relation, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    rejected: tuple[Rejection, ...] = field(default=())

    def __post_init__(self) -> None:
        text = self.document.text
        for span in self._spans():
            span.check(text)
        known = {e.id for e in self.entities}
        for rel in self.relations:
            for ref in (rel.subject, rel.object):
                if ref not in known:
                    raise ModelError(f"relation {rel.id!r} refers to unknown entity {ref!r}")
        for quote in self.quotes:
            if quote.speaker is not None and quote.speaker not in known:
                raise ModelError(f"quote {quote.id!r} has unknown speaker {quote.speaker!r}")

    def _spans(self) -> list[Span]:
        spans = [m for e in self.entities for m in e.mentions]
        spans += [q.span for q in self.quotes]
        spans += [r.span for r in self.relations]
        spans += [q.span for q in self.quantities]
        return spans

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with this id.

        Raises
        ------
        vendorgraph.errors.UnknownEntityError
            If no entity has that id.
        """
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise UnknownEntityError(f"no entity {entity_id!r} in this extraction")
