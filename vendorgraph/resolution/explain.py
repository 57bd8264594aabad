"""Why two names are, or are not, one entity: :func:`explain_names`.

Examples
--------
>>> pairs = [("Intel", "org/intel"), ("Intel Capital", "org/intel-capital")]
>>> explain_names(pairs, (), "Intel", "Intel Capital").same
False
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from vendorgraph.errors import UnknownEntityError
from vendorgraph.ontology.matching import match_entity, normalise_name
from vendorgraph.resolution.records import Explanation, Merge
from vendorgraph.resolution.rules import ResolutionRules

__all__ = ["explain_names"]


def explain_names(
    pairs: Iterable[tuple[str, str]],
    merges: Iterable[Merge],
    a: str,
    b: str,
    *,
    rules: ResolutionRules | None = None,
) -> Explanation:
    """Explain whether `a` and `b` name one entity, given (name, entity id) `pairs`.

    Parameters
    ----------
    pairs : iterable of (str, str)
        Every name or alias with the entity id it belongs to.
    merges : iterable of Merge
        The merges made, cited as reasons.
    a, b : str
        Names, aliases or entity ids.
    rules : ResolutionRules, optional
        Rules to cite when a ``[[different]]`` rule keeps them apart.

    Returns
    -------
    Explanation

    Examples
    --------
    >>> str(explain_names([("Acme", "org/acme")], (), "ACME", "acme"))
    "'ACME' and 'acme' are the same entity: both are org/acme by name"
    """
    pairs, merges = list(pairs), tuple(merges)
    a_id, b_id = _lookup(a, pairs), _lookup(b, pairs)
    return Explanation(
        a=a,
        b=b,
        a_id=a_id,
        b_id=b_id,
        same=a_id is not None and a_id == b_id,
        reasons=_reasons(a, b, a_id, b_id, merges, rules),
    )


def _lookup(name: str, pairs: Iterable[tuple[str, str]]) -> str | None:
    """Return the entity `name` names (:func:`match_entity`), None when it names none."""
    names: dict[str, list[str]] = defaultdict(list)
    for n, eid in pairs:
        names[eid].append(n)
    try:
        return match_entity(name, names)
    except UnknownEntityError:
        return None


def _reasons(
    a: str,
    b: str,
    a_id: str | None,
    b_id: str | None,
    merges: Iterable[Merge],
    rules: ResolutionRules | None,
) -> tuple[str, ...]:
    missing = [f"no entity is named {n!r}" for n, i in ((a, a_id), (b, b_id)) if i is None]
    if missing:
        return tuple(missing)
    if a_id == b_id:
        found = [
            f"{m.source} ({m.name!r}) merged into {m.target}: {m.reason}"
            for m in merges
            if m.target == a_id
        ]
        same = normalise_name(a) == normalise_name(b)
        return tuple(found) or ((f"both are {a_id}" + (" by name" if same else "")),)
    out = [f"{a!r} is {a_id} and {b!r} is {b_id}"]
    if rules is not None and rules.forbids(a, b):
        out.append("a [[different]] rule keeps them apart")
    out.append(
        f"their names normalise differently ({normalise_name(a)!r} vs {normalise_name(b)!r})"
    )
    return tuple(out)
