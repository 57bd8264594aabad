"""Switching cost of a dependency: eight factors, leaky noisy-OR within, additive across.

Within a factor, independent pieces of evidence combine by a leaky noisy-OR whose leak is the
factor's stated prior: ``s+ = 1 - (1 - prior) * prod(1 - c*m)`` over supporting evidence,
``s- = 1 - prod(1 - c*m)`` over opposing evidence, and ``s = s+ * (1 - s-)``. A factor with no
evidence is *unknown*: it takes its prior and a confidence of 0. Across factors the switching
cost is ``sum_f w_f * s_f`` and the coverage ``sum_f w_f * confidence_f`` with
``confidence_f = 1 - prod(1 - c)``. Copies of the same story (same sentence, same source) count
once per factor.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/a", type="CloudProvider"); G.add_node("org/b", type="ChipVendor")
>>> _ = G.add_edge("org/a", "org/b", key="r", predicate="depends_on", confidence=1.0,
...                evidence="A needs the most advanced parts that only B makes.")
>>> sc = switching_cost(G, "org/a", "org/b")
>>> round(sc.factor("scarcity").value, 6), sc.factor("scarcity").known   # 1 - 0.7 * 0.2
(0.86, True)
>>> round(sc.value, 3)   # .2*.86 + .2*.3 + .15*.3 + .15*.2 + .1*.2 + .1*.3 + .05*.1 + .05*.1
0.367
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from vendorgraph.analysis.columns import ClaimColumns, claim_columns
from vendorgraph.analysis.dependencies import (
    as_dependencies,
    independent_source,
    latest_published,
)
from vendorgraph.analysis.factors import (
    Evidence,
    Rule,
    claim_evidence,
    edge_claims,
    factor_readings,
    load_rules,
)
from vendorgraph.analysis.weights import FACTORS, Parameters, load_parameters
from vendorgraph.errors import InputError, UnknownEntityError
from vendorgraph.ontology.dates import parse_date

__all__ = [
    "EvidenceTable",
    "FactorMatrix",
    "FactorScore",
    "ScoredEvidence",
    "SwitchingCost",
    "aggregate",
    "combine",
    "edge_evidence",
    "evidence_table",
    "factor_matrix",
    "latest_of",
    "resolve_as_of",
    "switching_cost",
    "table_from_columns",
]

_EPS = 1e-12


def resolve_as_of(deps: nx.Graph, as_of: str | date | None) -> date | None:
    """Return `as_of`, else the graph's ``as_of``, else the latest publication date in it.

    Using the news' own latest date (not today's) keeps results reproducible.
    """
    found = parse_date(as_of) or parse_date(deps.graph.get("as_of"))
    return found if found is not None else latest_published(deps)


def _dedupe(items: Iterable[Evidence]) -> list[Evidence]:
    """Keep one item per (factor, polarity, sentence, source): copies of a story count once.

    The source is the claim's independent source (:func:`independent_source`): the wire
    service it credits, else its publisher, so syndicated copies of one wire story count once.
    """
    best: dict[tuple[Any, ...], Evidence] = {}
    for e in items:
        key = _story(e)
        if key not in best or e.strength > best[key].strength:
            best[key] = e
    return list(best.values())


def _story(e: Evidence) -> tuple[Any, ...]:
    """Return the key under which copies of one story count once (see :func:`_dedupe`)."""
    text = " ".join(e.claim.evidence.lower().split()) or e.claim.key
    return (e.factor, e.polarity, text, independent_source(e.claim))


def edge_evidence(
    attrs: Mapping[str, Any],
    *,
    rules: Sequence[Rule],
    params: Parameters,
    as_of: date | None,
    cache: dict[Any, tuple[Evidence, ...]] | None = None,
) -> tuple[Evidence, ...]:
    """Return every piece of evidence of one dependency edge (before de-duplication).

    `cache` (a dict the caller owns) memoises claims that read the same: synthetic or copied
    stories repeat sentences.
    """
    out: list[Evidence] = []
    for c in edge_claims(attrs):
        if cache is None:
            out.extend(claim_evidence(c, rules=rules, params=params, as_of=as_of))
            continue
        sig: tuple[Any, ...] = (c.role, c.predicate, c.evidence, c.quantity, c.start, c.end)
        sig += (c.capability is None, c.modality, c.source, c.confidence, c.published)
        sig += (c.wire_source,)
        if sig not in cache:
            cache[sig] = claim_evidence(c, rules=rules, params=params, as_of=as_of)
        out.extend(_rebind(cache[sig], c))
    return tuple(out)


def _rebind(items: tuple[Evidence, ...], c: Any) -> list[Evidence]:
    if not items or items[0].claim is c:
        return list(items)
    return [
        Evidence(
            claim=c, factor=e.factor, polarity=e.polarity, magnitude=e.magnitude, weight=e.weight
        )
        for e in items
    ]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class EvidenceTable:
    """Columnar evidence of every edge, de-duplicated: one row per counted piece of evidence."""

    edges: tuple[tuple[str, str], ...]
    edge: np.ndarray
    factor: np.ndarray
    sign: np.ndarray
    strength: np.ndarray
    weight: np.ndarray


def evidence_table(
    G: nx.Graph,
    *,
    params: Parameters | None = None,
    rules: Sequence[Rule] | None = None,
    as_of: str | date | None = None,
) -> EvidenceTable:
    """Read the evidence of every dependency edge into numpy columns.

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.dependencies import Claim
    >>> deps = nx.DiGraph()
    >>> c = Claim(key="k", subject="a", object="b", predicate="depends_on", role="depend")
    >>> deps.add_edge("a", "b", claims=(c,), counter=())
    >>> t = evidence_table(deps)
    >>> t.edges, t.factor.tolist(), t.strength.tolist()
    ((('a', 'b'),), [1], [0.5])
    """
    deps = as_dependencies(G, as_of=as_of)
    p = load_parameters() if params is None else params
    rs = load_rules() if rules is None else tuple(rules)
    cols = claim_columns(deps)
    when = parse_date(as_of) or parse_date(deps.graph.get("as_of")) or latest_of(cols)
    return table_from_columns(cols, rules=rs, params=p, as_of=when)


def latest_of(cols: ClaimColumns) -> date | None:
    """Return the latest ``published`` date of the supporting claims (None if none is dated).

    The same date as :func:`~vendorgraph.analysis.dependencies.latest_published`, read once
    per distinct signature.

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.dependencies import Claim
    >>> deps = nx.DiGraph()
    >>> c = Claim(key="k", subject="a", object="b", predicate="uses", role="deploy",
    ...           published="2025-03")
    >>> deps.add_edge("a", "b", claims=(c,), counter=())
    >>> latest_of(claim_columns(deps))
    datetime.date(2025, 3, 1)
    """
    texts = {cols.reps[k].published for k in np.unique(cols.claim_sig[cols.support])}
    dated = [x for x in map(parse_date, texts - {None}) if x is not None]
    return max(dated) if dated else None


def table_from_columns(
    cols: ClaimColumns, *, rules: Sequence[Rule], params: Parameters, as_of: date | None
) -> EvidenceTable:
    """Build the :class:`EvidenceTable`: rules run once per distinct claim signature.

    Rows come out in the order of the per-claim reading: edge by edge, and within an edge
    in the order their (factor, polarity, sentence, source) key first appears; copies keep
    the strongest row, the earliest among equals.

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.dependencies import Claim
    >>> c = Claim(key="k", subject="a", object="b", predicate="depends_on", role="depend",
    ...           evidence="A needs the most advanced parts B makes.")
    >>> deps = nx.DiGraph()
    >>> deps.add_edge("a", "b", claims=(c, c), counter=())   # a copy counts once
    >>> t = table_from_columns(claim_columns(deps), rules=load_rules(),
    ...                        params=load_parameters(), as_of=None)
    >>> t.factor.tolist(), t.strength.tolist()
    ([1], [0.8])
    """
    sig = _signature_rows(cols, rules, params, as_of)
    cnt = sig.count[cols.claim_sig]
    claim = np.repeat(np.arange(len(cols.claims)), cnt)
    offset = np.arange(len(claim)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    row = sig.start[cols.claim_sig][claim] + offset
    text = _texts(cols, sig)[claim]
    keep = _strongest_first(
        (
            cols.claim_edge[claim],
            sig.factor[row],
            sig.sign[row],
            text,
            sig.source[cols.claim_sig][claim],
        ),
        sig.strength[row],
    )
    row = row[keep]
    return EvidenceTable(
        edges=cols.edges,
        edge=cols.claim_edge[claim[keep]],
        factor=sig.factor[row].astype(np.int64),
        sign=sig.sign[row].astype(np.int8),
        strength=sig.strength[row],
        weight=sig.weight[row],
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _SignatureRows:
    """Evidence rows of each distinct signature, flattened (``start``/``count`` per signature)."""

    start: np.ndarray
    count: np.ndarray
    factor: np.ndarray
    sign: np.ndarray
    strength: np.ndarray
    weight: np.ndarray
    text: np.ndarray
    source: np.ndarray
    texts: dict[str, int]


def _signature_rows(
    cols: ClaimColumns, rules: Sequence[Rule], p: Parameters, when: date | None
) -> _SignatureRows:
    flat: list[tuple[int, int, float, float]] = []
    count, text, source = [], [], []
    texts: dict[str, int] = {}
    sources: dict[str | None, int] = {}
    for c in cols.reps:
        rows, w = factor_readings(c, rules=rules, params=p, as_of=when)
        flat.extend((f, pol, w * m, w) for f, pol, m in rows)
        count.append(len(rows))
        norm = " ".join(c.evidence.lower().split())
        text.append(texts.setdefault(norm, len(texts)) if norm else -1)
        source.append(sources.setdefault(independent_source(c), len(sources)))
    cols_ = np.array(flat, dtype=float).reshape(-1, 4)
    n = np.asarray(count, dtype=np.int64)
    return _SignatureRows(
        start=np.cumsum(n) - n,
        count=n,
        factor=cols_[:, 0].astype(np.int64),
        sign=cols_[:, 1].astype(np.int64),
        strength=cols_[:, 2].copy(),
        weight=cols_[:, 3].copy(),
        text=np.asarray(text, dtype=np.int64),
        source=np.asarray(source, dtype=np.int64),
        texts=texts,
    )


def _texts(cols: ClaimColumns, sig: _SignatureRows) -> np.ndarray:
    """Sentence id per claim; a claim without a sentence is keyed by its own key."""
    text = sig.text[cols.claim_sig]
    for k in np.flatnonzero(text < 0):
        text[k] = sig.texts.setdefault(cols.claims[k].key, len(sig.texts))
    return text


def _strongest_first(keys: tuple[np.ndarray, ...], strength: np.ndarray) -> np.ndarray:
    """Positions to keep: the strongest (then earliest) of each key group, in first-seen order."""
    pos = np.arange(len(strength))
    order = np.lexsort((pos, -strength, *reversed(keys)))
    if not len(order):
        return order
    new = np.zeros(len(order), dtype=bool)
    new[0] = True
    for k in keys:
        ks = k[order]
        new[1:] |= ks[1:] != ks[:-1]
    starts = np.flatnonzero(new)
    first_seen = np.minimum.reduceat(order, starts)
    return order[starts][np.argsort(first_seen, kind="stable")]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class FactorMatrix:
    """Per edge (rows) and factor (columns, in :data:`FACTORS` order): values and confidence."""

    values: np.ndarray
    known: np.ndarray
    confidence: np.ndarray


def factor_matrix(
    table: EvidenceTable,
    params: Parameters,
    *,
    counts: np.ndarray | None = None,
    priors: np.ndarray | None = None,
) -> FactorMatrix:
    """Combine evidence rows into factor values (leaky noisy-OR), vectorised over all edges.

    `counts` multiplies each row (a bootstrap draw); None counts each row once. `priors`
    (edges x factors) replaces the stated priors (a Monte Carlo draw of them).
    """
    E, F = len(table.edges), len(FACTORS)
    n = 1.0 if counts is None else counts
    flat = table.edge * F + table.factor
    live = (table.strength > 0) * n
    logs = np.log1p(-np.minimum(table.strength, 1 - _EPS)) * n
    pos = table.sign > 0
    lp = np.bincount(flat[pos], weights=logs[pos], minlength=E * F).reshape(E, F)
    ln = np.bincount(flat[~pos], weights=logs[~pos], minlength=E * F).reshape(E, F)
    lc = np.log1p(-np.minimum(table.weight, 1 - _EPS)) * n
    conf = -np.expm1(np.bincount(flat, weights=lc, minlength=E * F).reshape(E, F))
    known = np.bincount(flat, weights=live, minlength=E * F).reshape(E, F) > 0
    prior = np.asarray(params.prior_vector()) if priors is None else priors
    values = np.where(known, (1 - (1 - prior) * np.exp(lp)) * np.exp(ln), prior)
    return FactorMatrix(values=values, known=known, confidence=np.where(known, conf, 0.0))


def aggregate(
    values: np.ndarray, weights: Sequence[float] | np.ndarray, *, method: str = "additive"
) -> np.ndarray:
    """Aggregate factor values: ``sum w_f s_f`` (additive) or ``prod s_f ** w_f`` (geometric).

    Examples
    --------
    >>> aggregate(np.array([[0.5, 1.0]]), [0.5, 0.5]).tolist()
    [0.75]
    >>> aggregate(np.array([[0.25, 1.0]]), [0.5, 0.5], method="geometric").tolist()
    [0.5]
    """
    w = np.asarray(weights, dtype=float)
    if method == "additive":
        return np.asarray(values @ w)
    if method == "geometric":
        return np.exp(np.log(np.maximum(values, _EPS)) @ w)
    raise InputError(f"aggregation {method!r} is unknown; use 'additive' or 'geometric'")


def combine(items: Sequence[Evidence], prior: float) -> tuple[float, bool, float, float, float]:
    """Combine one factor's evidence: (value, known, confidence, s+, s-), de-duplicating copies.

    Examples
    --------
    >>> combine([], 0.3)
    (0.3, False, 0.0, 0.3, 0.0)
    """
    counted = [e for e in _dedupe(items) if e.strength > 0]
    if not counted:
        return prior, False, 0.0, prior, 0.0
    plus = float(np.prod([1 - e.strength for e in counted if e.polarity > 0]))
    minus = float(np.prod([1 - e.strength for e in counted if e.polarity < 0]))
    s_plus = 1 - (1 - prior) * plus
    conf = 1 - float(np.prod([1 - e.weight for e in counted]))
    return s_plus * minus, bool(counted), conf, s_plus, 1 - minus


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoredEvidence:
    """A claim's part in a factor: `contribution` is its leave-one-out effect on the cost.

    Leaving a claim out leaves out its copies too (the same story counts once).
    """

    evidence: Evidence
    counted: bool
    contribution: float


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorScore:
    """One factor of a switching cost; `contribution` = ``weight * value`` exactly."""

    name: str
    value: float
    known: bool
    prior: float
    weight: float
    contribution: float
    confidence: float
    s_plus: float
    s_minus: float
    evidence: tuple[ScoredEvidence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SwitchingCost:
    """The switching cost of ``dependent -> provider`` with its factors and their evidence."""

    dependent: str
    provider: str
    value: float
    coverage: float
    factors: tuple[FactorScore, ...]

    def factor(self, name: str) -> FactorScore:
        """Return the factor called `name`."""
        for f in self.factors:
            if f.name == name:
                return f
        raise InputError(f"factor {name!r} is unknown; use one of {FACTORS}")


def _factor_score(name: str, items: list[Evidence], params: Parameters) -> FactorScore:
    prior, w = params.priors[name], params.weights[name]
    value, known, conf, s_plus, s_minus = combine(items, prior)
    counted = {id(e) for e in _dedupe(items) if e.strength > 0}
    scored = tuple(
        ScoredEvidence(
            evidence=e,
            counted=id(e) in counted,
            contribution=w
            * (value - combine([x for x in items if _story(x) != _story(e)], prior)[0]),
        )
        for e in items
    )
    return FactorScore(
        name=name,
        value=value,
        known=known,
        prior=prior,
        weight=w,
        contribution=w * value,
        confidence=conf,
        s_plus=s_plus,
        s_minus=s_minus,
        evidence=scored,
    )


def switching_cost(
    G: nx.Graph,
    i: str,
    j: str,
    *,
    params: Parameters | None = None,
    rules: Sequence[Rule] | None = None,
    as_of: str | date | None = None,
) -> SwitchingCost:
    """Return the switching cost of ``i -> j`` (i depends on j) with every factor and claim.

    Parameters
    ----------
    G : nx.MultiDiGraph or nx.DiGraph
        Claims (the networkx contract) or a dependency graph from
        :func:`~vendorgraph.analysis.dependencies.dependency_graph`.
    i, j : str
        Node ids of the dependent and the provider.
    params : Parameters, optional
        Weights and priors; default the packaged ``data/weights.toml``.
    rules : sequence of Rule, optional
        Claim -> factor rules; default the packaged ``data/factor_rules.toml``.
    as_of : str or date, optional
        Date for time decay and validity windows; default the latest publication date.

    Returns
    -------
    SwitchingCost

    Raises
    ------
    UnknownEntityError
        If there is no dependency ``i -> j``.

    Notes
    -----
    Switching costs after Klemperer (1987) and Shapiro & Varian (1999, ch. 5); the additive
    composite with stated weights follows the OECD/JRC Handbook (2008), so each factor's
    contribution ``w_f s_f`` is exact and each claim's is its leave-one-out difference. The
    leaky noisy-OR (the prior as leak) makes more supporting evidence never lower a factor.

    References
    ----------
    .. [1] P. Klemperer, "Markets with consumer switching costs", QJE 102(2), 1987.
    .. [2] C. Shapiro and H. Varian, *Information Rules*, ch. 5, HBS Press, 1999.
    .. [3] OECD/JRC, *Handbook on Constructing Composite Indicators*, 2008.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/a", type="CloudProvider"); G.add_node("org/b", type="ChipVendor")
    >>> _ = G.add_edge("org/b", "org/a", key="r", predicate="supplies")
    >>> sc = switching_cost(G, "org/a", "org/b")
    >>> [f.name for f in sc.factors if f.known], round(sc.value, 3)   # all priors
    ([], 0.255)
    """
    deps = as_dependencies(G, as_of=as_of)
    if not deps.has_edge(i, j):
        raise UnknownEntityError(
            f"no dependency {i!r} -> {j!r}; {i!r} depends on "
            f"{sorted(deps.successors(i)) if i in deps else []!r}"
        )
    p = load_parameters() if params is None else params
    rs = load_rules() if rules is None else tuple(rules)
    items = edge_evidence(deps.edges[i, j], rules=rs, params=p, as_of=resolve_as_of(deps, as_of))
    factors = tuple(_factor_score(f, [e for e in items if e.factor == f], p) for f in FACTORS)
    return SwitchingCost(
        dependent=i,
        provider=j,
        value=sum(f.contribution for f in factors),
        coverage=sum(f.weight * f.confidence for f in factors),
        factors=factors,
    )
