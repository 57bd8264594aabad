"""Time in the graph: what was known, and true, on a date; what changed between two dates.

A claim is *known* on a date when its article was published on or before it (an undated
article is always known) and *active* when its validity window holds: ``start`` on or before
the date and ``end`` on or after it. Partial dates cover their whole period: a ``start`` of
"2027" begins on 2027-01-01, an ``end`` of "2027" lasts to 2027-12-31.

Examples
--------
>>> from vendorgraph.ontology import (Document, Entity, EntityType, Extraction, Predicate,
...                                   Relation)
>>> doc = Document(text="A supplied B until 2024.", published="2023-05-01")
>>> a = Entity(id="org/a", name="A", type=EntityType.CHIP_VENDOR)
>>> b = Entity(id="org/b", name="B", type=EntityType.CLOUD_PROVIDER)
>>> r = Relation(id="r", subject="org/a", predicate=Predicate.SUPPLIES, object="org/b",
...              span=doc.span(0, 24), end="2024")
>>> ex = Extraction(document=doc, entities=(a, b), relations=(r,))
>>> [len(x.relations) for x in snapshot([ex], "2023-12-31") + snapshot([ex], "2025-01-01")]
[1, 0]
>>> len(snapshot([ex], "2023-01-01"))
0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from rdflib import Dataset, Graph

from vendorgraph.graph.rdf import from_dataset
from vendorgraph.ontology.dates import parse_date
from vendorgraph.ontology.model import Extraction, Relation

__all__ = ["Diff", "ScoreChange", "diff", "is_active", "is_known", "snapshot"]


def _when(value: str | date) -> date:
    """Return the day a user's date names; an InputError if it is not an ISO date."""
    return cast(date, parse_date(value))  # None only for None, which `value` never is


def is_known(ex: Extraction, when: str | date) -> bool:
    """Whether the article was published on or before `when` (undated: always)."""
    published = parse_date(ex.document.published, strict=False)
    return published is None or published <= _when(when)


def is_active(rel: Relation, when: str | date) -> bool:
    """Whether a relation's validity window holds on `when` (no window: always).

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Predicate, Relation
    >>> doc = Document(text="x y")
    >>> r = Relation(id="r", subject="a", predicate=Predicate.USES, object="b",
    ...              span=doc.span(0, 1), start="2011")
    >>> is_active(r, "2010-12-31"), is_active(r, "2011-01-01")
    (False, True)
    """
    day = _when(when)
    start = parse_date(rel.start, strict=False)
    end = parse_date(rel.end, end=True, strict=False)
    return (start is None or start <= day) and (end is None or day <= end)


def snapshot(extractions: Iterable[Extraction], as_of: str | date) -> tuple[Extraction, ...]:
    """Return the extractions known on `as_of`, each keeping only its claims active then.

    Raises
    ------
    vendorgraph.errors.InputError
        If `as_of` is not an ISO date.
    """
    day = _when(as_of)
    return tuple(
        replace(ex, relations=tuple(r for r in ex.relations if is_active(r, day)))
        for ex in extractions
        if is_known(ex, day)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoreChange:
    """A score of one node before and after."""

    id: str
    before: float | None
    after: float | None
    delta: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Diff:
    """What changed between two dates.

    Propositions ``(subject, predicate, object)`` that appeared or ended, entities that
    appeared, and score changes when scores were given.
    """

    from_date: str
    to_date: str
    appeared: tuple[tuple[str, str, str], ...]
    ended: tuple[tuple[str, str, str], ...]
    new_entities: tuple[str, ...]
    scores: tuple[ScoreChange, ...] = ()


def _state(exs: tuple[Extraction, ...], day: date) -> tuple[set[tuple[str, str, str]], set[str]]:
    known = snapshot(exs, day)
    props = {(r.subject, r.predicate.value, r.object) for ex in known for r in ex.relations}
    return props, {e.id for ex in known for e in ex.entities}


def _known_props(exs: tuple[Extraction, ...], day: date) -> set[tuple[str, str, str]]:
    return {
        (r.subject, r.predicate.value, r.object)
        for ex in exs
        if is_known(ex, day)
        for r in ex.relations
    }


def diff(
    source: Dataset | Graph | Iterable[Extraction],
    from_date: str,
    to_date: str,
    *,
    scores_from: Mapping[str, float] | None = None,
    scores_to: Mapping[str, float] | None = None,
) -> Diff:
    """Return what appeared and ended between `from_date` and `to_date`.

    Parameters
    ----------
    source : rdflib.Dataset, rdflib.Graph or iterable of Extraction
        A built graph or the extractions.
    from_date, to_date : str
        ISO dates (partial dates allowed: "2025" is its first day).
    scores_from, scores_to : mapping of str to float, optional
        Scores per node id at each date (e.g. lock-in); their changes are listed, largest first.

    Returns
    -------
    Diff
        ``appeared``: propositions active on `to_date` and not on `from_date`; ``ended``:
        propositions active on `from_date`, still reported on `to_date`, but no longer active;
        ``new_entities``: entities first known between the dates.

    Examples
    --------
    >>> d = diff([], "2024", "2025", scores_from={"org/a": 0.2}, scores_to={"org/a": 0.5})
    >>> d.scores[0].id, round(d.scores[0].delta, 2)
    ('org/a', 0.3)
    """
    exs = from_dataset(source) if isinstance(source, Dataset | Graph) else tuple(source)
    start, stop = _when(from_date), _when(to_date)
    before, entities_before = _state(exs, start)
    after, entities_after = _state(exs, stop)
    ended = (before - after) & _known_props(exs, stop)
    return Diff(
        from_date=from_date,
        to_date=to_date,
        appeared=tuple(sorted(after - before)),
        ended=tuple(sorted(ended)),
        new_entities=tuple(sorted(entities_after - entities_before)),
        scores=_score_changes(scores_from or {}, scores_to or {}),
    )


def _score_changes(
    before: Mapping[str, float], after: Mapping[str, float]
) -> tuple[ScoreChange, ...]:
    rows = []
    for node in sorted(set(before) | set(after)):
        b, a = before.get(node), after.get(node)
        delta = None if a is None or b is None else a - b
        if delta != 0.0:
            rows.append(ScoreChange(id=node, before=b, after=a, delta=delta))
    return tuple(sorted(rows, key=lambda r: (-abs(r.delta or 0.0), r.id)))
