"""What resolution gives: merges, remapped extractions, and explanations.

:class:`Merge` is one merge made, :class:`Resolution` the extractions with ids remapped, and
:class:`Explanation` why two names are or are not one entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from vendorgraph.ontology.model import Extraction

__all__ = ["Explanation", "Merge", "Resolution"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Merge:
    """Entity id `source` (named `name`) became `target` by `rule`, for `reason`.

    `rule` is one of "pinned", "lexicon", "name", "person".
    """

    source: str
    target: str
    name: str
    rule: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Explanation:
    """Whether two names are one entity, with the ids they resolve to and why."""

    a: str
    b: str
    a_id: str | None
    b_id: str | None
    same: bool
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        verdict = "the same entity" if self.same else "different entities"
        return f"{self.a!r} and {self.b!r} are {verdict}: " + "; ".join(self.reasons)


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """The extractions with entity ids remapped, and the merges made."""

    extractions: tuple[Extraction, ...]
    merges: tuple[Merge, ...]
    names: tuple[tuple[str, str], ...] = ()

    @property
    def mapping(self) -> dict[str, str]:
        """Old entity id → resolved id, for the ids that changed."""
        return {m.source: m.target for m in self.merges}
