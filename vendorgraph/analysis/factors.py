"""From claims to typed evidence: the claim -> factor rules and the evidence weight.

The rules live in ``data/factor_rules.toml`` (data, not code): each maps a claim's role,
predicate, cue words of its sentence, quantity kind and qualifiers to a factor, a polarity and
a magnitude. The weight of a piece of evidence is ``source * confidence * modality * decay``,
and zero once its validity window has closed ("through 2027" stops counting after 2027).

Examples
--------
>>> from vendorgraph.analysis.dependencies import Claim
>>> c = Claim(key="r1", subject="org/a", object="tech/t", predicate="integrates",
...           role="integrate", evidence="A will co-design racks around T.")
>>> [(e.factor, e.polarity, e.magnitude) for e in claim_evidence(c)]
[('integration', 1, 0.85)]
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick

from vendorgraph.analysis._time import years_between
from vendorgraph.analysis.dependencies import SUPPORT_ROLES, Claim, ClaimQuantity
from vendorgraph.analysis.weights import FACTORS, Parameters, load_parameters
from vendorgraph.errors import InputError, InputFileError
from vendorgraph.ontology.dates import parse_date

__all__ = [
    "Evidence",
    "Rule",
    "claim_evidence",
    "claim_weight",
    "factor_readings",
    "load_rules",
    "saturate",
]

_ORDER = {f: k for k, f in enumerate(FACTORS)}
_ROLES = frozenset(SUPPORT_ROLES) | {"inhouse", "partner", "invest", "restriction", "multisource"}
_ROLES |= {"forced_exit"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One claim -> factor mapping (see ``data/factor_rules.toml`` for the fields)."""

    factor: str
    polarity: int
    magnitude: float = 0.5
    role: str | tuple[str, ...] | None = None
    predicate: str | None = None
    cues: tuple[str, ...] = ()
    quantity: str | None = None
    units: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    scale: str | None = None

    def __post_init__(self) -> None:
        if self.factor not in FACTORS:
            raise InputError(f"rule factor {self.factor!r} is unknown; use one of {FACTORS}")
        if self.polarity not in (-1, 1):
            raise InputError(f"rule polarity {self.polarity!r} must be 1 or -1")
        if not 0.0 <= self.magnitude <= 1.0:
            raise InputError(f"rule magnitude {self.magnitude!r} must lie in [0, 1]")
        unknown = sorted(set(self.roles) - _ROLES)
        if unknown:
            raise InputError(f"rule role {unknown!r} is unknown; use one of {sorted(_ROLES)}")

    @property
    def roles(self) -> tuple[str, ...]:
        """The claim roles the rule fires on (the supporting roles when it names none)."""
        if self.role is None:
            return SUPPORT_ROLES
        return (self.role,) if isinstance(self.role, str) else tuple(self.role)

    def numbers(self, c: Claim) -> tuple[ClaimQuantity, ...]:
        """Return the numbers of the claim's sentence that the rule reads (kind, unit match)."""
        if self.quantity is None:
            return ()
        return tuple(q for q in _sentence_numbers(c) if _matches(q, self.quantity, self.units))

    def fires(self, c: Claim) -> bool:
        """Whether every condition of the rule holds for claim `c`."""
        text = c.evidence.lower()
        return (
            c.role in self.roles
            and (self.predicate is None or c.predicate == self.predicate)
            and (not self.cues or any(cue in text for cue in self.cues))
            and (self.quantity is None or bool(self.numbers(c)))
            and all(getattr(c, q, None) is not None for q in self.requires)
            and (not self.modality or c.modality in self.modality)
        )


def _sentence_numbers(c: Claim) -> tuple[ClaimQuantity, ...]:
    if c.quantities:
        return c.quantities
    return () if c.quantity is None else (c.quantity,)


def _matches(q: ClaimQuantity, kind: str, units: tuple[str, ...]) -> bool:
    if q.kind != kind:
        return False
    unit = (q.unit or "").lower()
    return not units or not unit or any(u in unit for u in units)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A claim read as evidence on one factor: polarity, magnitude m and weight c."""

    claim: Claim
    factor: str
    polarity: int
    magnitude: float
    weight: float

    @property
    def strength(self) -> float:
        """The noisy-OR term ``c * m``."""
        return self.weight * self.magnitude


def load_rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """Read the claim -> factor rules, from the packaged file or a user TOML file.

    Raises
    ------
    InputFileError
        If the file cannot be read.
    InputError
        If it does not parse or a rule is invalid.

    Examples
    --------
    >>> rules = load_rules()
    >>> sorted({r.factor for r in rules}) == sorted(FACTORS)
    True
    """
    if path is None:
        return _packaged_rules()
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as err:
            raise InputFileError(f"cannot read rules file {str(path)!r}", path=str(path)) from err
    return _parse_rules(text)


@functools.cache
def _packaged_rules() -> tuple[Rule, ...]:
    res = resources.files("vendorgraph.analysis").joinpath("data/factor_rules.toml")
    return _parse_rules(res.read_text("utf-8"))


def _parse_rules(text: str) -> tuple[Rule, ...]:
    try:
        rows = tomllib.loads(text).get("rule", [])
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"rules file is not valid TOML: {err}") from err
    return tuple(_rule(row) for row in rows)


def _rule(row: Mapping[str, Any]) -> Rule:
    known = set(Rule.__dataclass_fields__)
    extra = sorted(set(row) - known)
    if extra:
        raise InputError(f"unknown rule fields {extra!r}; use: {sorted(known)}")
    fields = {
        k: tuple(str(x).lower() if k in ("cues", "units") else x for x in v)
        if isinstance(v, list)
        else v
        for k, v in row.items()
    }
    return Rule(**fields)  # type: ignore[arg-type]


def saturate(x: float, T: float, unit: float = 1.0) -> float:
    """Map a non-negative quantity to [0, 1] on a log scale: ``log(1+x/u) / log(1+max(x, T)/u)``.

    `T` is where the scale reaches 1 and `unit` ``u`` the size it counts in: with
    ``u = 1e8`` and ``T = 1e12`` a $10B contract scores 0.5, $38B 0.65 and $300B 0.87, so the
    scale keeps growing well past $10B. With ``u = 1`` it is the design's
    ``log(1+x) / log(1+max(x, T))``.

    Examples
    --------
    >>> saturate(1e6, 1e6), round(saturate(1e3, 1e6), 3), saturate(0.0, 10.0)
    (1.0, 0.5, 0.0)
    >>> [round(saturate(x, 1e12, 1e8), 2) for x in (1e10, 3.8e10, 3e11)]
    [0.5, 0.65, 0.87]
    """
    x, u = max(float(x), 0.0), max(float(unit), 1e-300)
    top = math.log1p(max(x, T) / u)
    return math.log1p(x / u) / top if top > 0 else 0.0


def _value(q: ClaimQuantity) -> float:
    return float((q.normalized if q.normalized is not None else q.value) or 0.0)


def _magnitude(rule: Rule, c: Claim, params: Parameters, as_of: date | None) -> float:
    if rule.scale == "quantity" and rule.quantity is not None:
        T = float(params.saturation.get(rule.quantity, 1.0))
        u = float(params.scale_unit.get(rule.quantity, 1.0))
        return max((saturate(_value(q), T, u) for q in rule.numbers(c)), default=0.0)
    if rule.scale == "tenure":
        start = parse_date(c.start)
        if start is None or as_of is None:
            return 0.0
        return saturate(years_between(start, as_of), float(params.saturation.get("tenure", 20.0)))
    return rule.magnitude


def claim_weight(c: Claim, params: Parameters | None = None, as_of: date | None = None) -> float:
    """Return the evidence weight ``source * confidence * modality * decay`` of a claim.

    The decay halves the weight every ``half_life_years`` from ``published`` to `as_of`; a claim
    whose ``end`` lies before `as_of` weighs 0 (its window has closed).

    Examples
    --------
    >>> from vendorgraph.analysis.dependencies import Claim
    >>> c = Claim(key="k", subject="a", object="b", predicate="deploys", role="deploy",
    ...           confidence=0.8, modality="planned", published="2022-01-01", end="2027")
    >>> round(claim_weight(c, as_of=date(2025, 1, 1)), 4)
    0.3599
    >>> claim_weight(c, as_of=date(2028, 1, 1))
    0.0
    """
    p = load_parameters() if params is None else params
    end = parse_date(c.end, end=True)
    if as_of is not None and end is not None and end < as_of:
        return 0.0
    source = float(p.sources.get(c.source or "", p.sources.get("default", 1.0)))
    stance = float(p.modality.get(c.modality, 1.0))
    published = parse_date(c.published)
    age = 0.0 if as_of is None or published is None else max(years_between(published, as_of), 0.0)
    decay = 0.5 ** (age / p.half_life_years) if p.half_life_years > 0 else 1.0
    return min(1.0, max(0.0, source * c.confidence * stance * decay))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _Matcher:
    """Rules compiled once: grouped by the roles they fire on, every cue in one automaton."""

    by_role: Mapping[str, tuple[Rule, ...]]
    cues: Any  # an ahocorasick.Automaton over every cue, or None when no rule has cues

    def present(self, text: str) -> frozenset[str]:
        """Return every cue that occurs in `text` (already lower-cased), overlaps included."""
        return frozenset([cue for _, cue in self.cues.iter(text)]) if self.cues else frozenset()

    def fired(self, c: Claim) -> list[Rule]:
        """Return the rules that fire on `c`, in file order (the test of :meth:`Rule.fires`)."""
        rules = self.by_role.get(c.role, ())
        cues = self.present(c.evidence.lower()) if rules else frozenset()
        numbers = _sentence_numbers(c)
        return [
            r
            for r in rules
            if (r.predicate is None or c.predicate == r.predicate)
            and (not r.cues or not cues.isdisjoint(r.cues))
            and (r.quantity is None or any(_matches(q, r.quantity, r.units) for q in numbers))
            and all(getattr(c, q, None) is not None for q in r.requires)
            and (not r.modality or c.modality in r.modality)
        ]


def _compile(rules: tuple[Rule, ...]) -> _Matcher:
    by_role: dict[str, list[Rule]] = {}
    for r in rules:
        for role in r.roles:
            by_role.setdefault(role, []).append(r)
    cues = sorted({cue for r in rules for cue in r.cues})
    automaton = None
    if cues:
        automaton = ahocorasick.Automaton()
        for cue in cues:
            automaton.add_word(cue, cue)
        automaton.make_automaton()
    return _Matcher(by_role={k: tuple(v) for k, v in by_role.items()}, cues=automaton)


_MATCHERS: dict[int, tuple[tuple[Rule, ...], _Matcher]] = {}


def _matcher(rules: Sequence[Rule]) -> _Matcher:
    """Return the compiled form of `rules`, memoised on the identity of the tuple."""
    hit = _MATCHERS.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    key = tuple(rules)
    if len(_MATCHERS) >= 32:
        _MATCHERS.clear()
    compiled = _compile(key)
    _MATCHERS[id(key)] = (key, compiled)
    if isinstance(rules, tuple):
        _MATCHERS[id(rules)] = (rules, compiled)
    return compiled


def claim_evidence(
    c: Claim,
    *,
    rules: Sequence[Rule] | None = None,
    params: Parameters | None = None,
    as_of: date | None = None,
) -> tuple[Evidence, ...]:
    """Read one claim as evidence: at most one item per (factor, polarity), the largest magnitude.

    Examples
    --------
    >>> from vendorgraph.analysis.dependencies import Claim
    >>> c = Claim(key="k", subject="a", object="x", predicate="develops", role="inhouse",
    ...           evidence="A also builds its own chips.")
    >>> [(e.factor, e.polarity, e.magnitude) for e in claim_evidence(c)]
    [('scarcity', -1, 0.6)]
    """
    p = load_parameters() if params is None else params
    rows, w = factor_readings(
        c, rules=load_rules() if rules is None else rules, params=p, as_of=as_of
    )
    return tuple(
        Evidence(claim=c, factor=FACTORS[f], polarity=pol, magnitude=m, weight=w)
        for f, pol, m in rows
    )


def factor_readings(
    c: Claim, *, rules: Sequence[Rule], params: Parameters, as_of: date | None
) -> tuple[list[tuple[int, int, float]], float]:
    """Return ((factor index, polarity, magnitude) in factor order, weight) of a claim.

    The columnar core of :func:`claim_evidence`: no :class:`Evidence` records are built.

    Examples
    --------
    >>> from vendorgraph.analysis.dependencies import Claim
    >>> c = Claim(key="k", subject="a", object="b", predicate="depends_on", role="depend")
    >>> factor_readings(c, rules=load_rules(), params=load_parameters(), as_of=None)
    ([(1, 1, 0.5)], 1.0)
    """
    best: dict[tuple[int, int], float] = {}
    for rule in _matcher(rules).fired(c):
        m = _magnitude(rule, c, params, as_of)
        key = (_ORDER[rule.factor], rule.polarity)
        best[key] = max(best.get(key, 0.0), m)
    rows = [(f, pol, m) for (f, pol), m in sorted(best.items(), key=_factor_key) if m > 0]
    return rows, claim_weight(c, params, as_of)


def _factor_key(item: tuple[tuple[int, int], float]) -> tuple[int, int]:
    return item[0][0], -item[0][1]


def edge_claims(attrs: Mapping[str, Any]) -> Iterable[Claim]:
    """Yield the supporting then the counter claims of a dependency edge's attributes."""
    yield from attrs.get("claims", ())
    yield from attrs.get("counter", ())
