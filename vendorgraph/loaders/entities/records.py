"""The records :func:`~vendorgraph.loaders.entities.find_entities` returns.

Entities with every mention (``[start, end)`` in the document text), the roles people hold at
organisations (:class:`Affiliation`) and product lines named as a company's
(:class:`Development`).

Examples
--------
>>> result = EntityResult(entities=(), mentions=(Mention(start=0, end=6, entity="org/nvidia"),))
>>> entity_spans(result)
{(0, 6): 'org/nvidia'}
"""

from __future__ import annotations

from dataclasses import dataclass

from vendorgraph.ontology.model import Entity

__all__ = ["Affiliation", "Development", "EntityResult", "Mention", "entity_spans"]


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
    signatory: str | None = None  # the person who signs the text, if it is signed

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
