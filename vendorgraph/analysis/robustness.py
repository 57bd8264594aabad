"""How sure are we: a seeded Monte Carlo over weights, evidence and aggregation.

Each draw takes factor weights from a Dirichlet centred on the defaults, the prior of every
factor of every edge from a Beta centred on its stated prior (so a factor nobody wrote about is
as uncertain as the prior is, and evidence narrows it), bootstraps each factor's evidence on
each edge (resampling its rows with replacement), and picks an aggregation (additive by
default; geometric on request); it then scores every company as
:func:`~vendorgraph.analysis.lockin.lockin` does.
Reported: per company the median, 5-95% interval, P(top 3) and rank interval; per draw
Kendall's tau against the reference ranking, over the companies that exert some lock-in in the
reference or in some draw (companies at zero in every draw would inflate it); edges whose
switching-cost interval is wider than 0.4 are flagged low confidence.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in ("org/a", "org/b", "org/c"):
...     G.add_node(n, type="Organization")
>>> _ = G.add_edge("org/b", "org/a", key="r1", predicate="supplies")
>>> _ = G.add_edge("org/c", "org/b", key="r2", predicate="supplies")
>>> r = robustness(G, draws=50, seed=1)
>>> [(c.id, c.rank_low, c.rank_high) for c in r.companies]   # no evidence: b and c may swap
[('org/a', 3, 3), ('org/b', 1, 2), ('org/c', 1, 2)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np
from scipy.stats import rankdata

from vendorgraph.analysis.crosscheck import kendall_tau
from vendorgraph.analysis.lockin import Prepared, prepare, score
from vendorgraph.analysis.options import ScoringOptions
from vendorgraph.errors import InputError

__all__ = ["CompanyInterval", "EdgeInterval", "Robustness", "robustness"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CompanyInterval:
    """A company's lock-in across draws: median, 5-95% interval, P(top 3), rank interval."""

    id: str
    reference: float
    median: float
    low: float
    high: float
    p_top3: float
    rank_low: int
    rank_high: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EdgeInterval:
    """A switching cost across draws; `low_confidence` when the interval is wider than 0.4."""

    dependent: str
    provider: str
    median: float
    low: float
    high: float
    low_confidence: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Robustness:
    """The Monte Carlo summary, companies and edges sorted by id.

    ``tau_companies`` is the number of companies the median Kendall tau is taken over.
    """

    draws: int
    seed: int
    median_tau: float
    companies: tuple[CompanyInterval, ...]
    edges: tuple[EdgeInterval, ...]
    tau_companies: int = 0


def _bootstrap(prep: Prepared, rng: np.random.Generator) -> np.ndarray:
    """Row counts of one bootstrap of the evidence table, within each (edge, factor).

    Resampling within a factor (not across the edge's factors) never drops a factor's only
    claim, which would turn a well-evidenced factor back into its prior: the spread then
    comes from how the claims of one factor disagree, and from the prior draws.
    """
    t = prep.table
    if not len(t.edge):
        return np.zeros(0)
    group = t.edge * len(prep.params.weights) + t.factor
    order = np.argsort(group, kind="stable")
    sorted_group = group[order]
    starts = np.searchsorted(sorted_group, sorted_group, side="left")
    sizes = np.searchsorted(sorted_group, sorted_group, side="right") - starts
    picks = order[starts + np.floor(rng.random(len(order)) * sizes).astype(np.int64)]
    return np.bincount(picks, minlength=len(group)).astype(float)


def _ranks(x: np.ndarray) -> np.ndarray:
    return rankdata(-x, method="min").astype(np.int64)


def robustness(
    G: nx.Graph,
    *,
    draws: int = 1000,
    seed: int = 0,
    concentration: float = 50.0,
    prior_concentration: float = 4.0,
    aggregations: Sequence[str] = ("additive",),
    wide: float = 0.4,
    options: ScoringOptions | None = None,
) -> Robustness:
    """Run the seeded Monte Carlo uncertainty analysis of the lock-in ranking.

    Parameters
    ----------
    G : nx.MultiDiGraph or nx.DiGraph
        Claims or a dependency graph.
    draws : int
        Number of draws (default 1,000).
    seed : int
        Seed of ``numpy.random.default_rng``: same seed, same result.
    concentration : float
        Dirichlet concentration: weights ~ Dirichlet(concentration * defaults).
    prior_concentration : float
        Beta concentration k of the priors: prior ~ Beta(k p, k (1 - p)) around the stated
        prior p, drawn per edge and factor (k = 4: a prior of .3 has a standard deviation .2).
    aggregations : sequence of str
        Aggregations drawn with equal odds. Default additive only, the model's own (each
        factor's contribution exact); add ``"geometric"`` for a structural check. Geometric
        aggregation is non-compensatory: a factor drawn near zero (a prior of .1) crushes the
        product, so mixing it in made the best-evidenced edges the widest.
    wide : float
        Width of a switching-cost interval above which an edge is low confidence.
    options : ScoringOptions, optional
        As in :func:`~vendorgraph.analysis.lockin.lockin` (its cross-checks are not run).

    Returns
    -------
    Robustness

    Raises
    ------
    InputError
        If `draws` < 1 or `concentration` <= 0.

    Notes
    -----
    Uncertainty and sensitivity analysis of a composite indicator as in the OECD/JRC Handbook
    (2008) and Saisana et al. (2005): weights, inputs (bootstrap) and aggregation vary jointly.

    References
    ----------
    .. [1] OECD/JRC, *Handbook on Constructing Composite Indicators*, 2008.
    .. [2] M. Saisana, A. Saltelli, S. Tarantola, "Uncertainty and sensitivity analysis
       techniques as tools for the quality assessment of composite indicators", JRSS A 168(2),
       2005.

    Examples
    --------
    >>> import networkx as nx
    >>> robustness(nx.DiGraph(), draws=3).companies
    ()
    """
    if draws < 1 or concentration <= 0 or prior_concentration <= 0:
        raise InputError(
            f"draws={draws!r}, concentration={concentration!r}, prior_concentration="
            f"{prior_concentration!r}: all must be > 0"
        )
    opts = ScoringOptions() if options is None else options
    prep = prepare(G, options=opts)
    opt, v = replace(opts.lockin, crosscheck=False), opts.node_weights(G)
    ref = score(prep, v=v, options=opt)
    rng = np.random.default_rng(seed)
    alpha = concentration * np.maximum(np.asarray(prep.params.weight_vector()), 1e-3)
    p = np.clip(np.asarray(prep.params.prior_vector()), 1e-3, 1 - 1e-3)
    shape = (len(ref.edges), len(p))
    L = np.empty((draws, len(prep.nodes)))
    S = np.empty((draws, len(ref.edges)))
    for d in range(draws):
        how = aggregations[int(rng.integers(len(aggregations)))]
        r = score(
            prep,
            weights=rng.dirichlet(alpha),
            v=v,
            counts=_bootstrap(prep, rng),
            priors=rng.beta(prior_concentration * p, prior_concentration * (1 - p), size=shape),
            options=replace(opt, aggregation=how),
        )
        L[d], S[d] = r.lockin, r.switching_cost
    taus = _taus(ref.lockin, L)
    return _summary(prep, ref.lockin, L, S, taus, draws=draws, seed=seed, wide=wide)


def _taus(ref: np.ndarray, L: np.ndarray) -> np.ndarray:
    """Kendall's tau of each draw against the reference, over companies not always at zero."""
    live = (ref != 0) | (L != 0).any(axis=0)
    return np.array([kendall_tau(ref[live], row[live]) for row in L])


def _summary(
    prep: Prepared,
    ref: np.ndarray,
    L: np.ndarray,
    S: np.ndarray,
    taus: np.ndarray,
    *,
    draws: int,
    seed: int,
    wide: float,
) -> Robustness:
    ranks = np.array([_ranks(row) for row in L]) if L.size else np.zeros_like(L, dtype=np.int64)
    q = np.quantile(L, [0.05, 0.5, 0.95], axis=0) if L.size else np.zeros((3, 0))
    rq = np.quantile(ranks, [0.05, 0.95], axis=0, method="nearest") if L.size else q[:2]
    companies = tuple(
        sorted(
            (
                CompanyInterval(
                    id=n,
                    reference=float(ref[k]),
                    median=float(q[1, k]),
                    low=float(q[0, k]),
                    high=float(q[2, k]),
                    p_top3=float(np.mean(ranks[:, k] <= 3)),
                    rank_low=int(rq[0, k]),
                    rank_high=int(rq[1, k]),
                )
                for k, n in enumerate(prep.nodes)
            ),
            key=lambda c: c.id,
        )
    )
    sq = np.quantile(S, [0.05, 0.5, 0.95], axis=0) if S.size else np.zeros((3, 0))
    edges = tuple(
        sorted(
            (
                EdgeInterval(
                    dependent=i,
                    provider=j,
                    median=float(sq[1, e]),
                    low=float(sq[0, e]),
                    high=float(sq[2, e]),
                    low_confidence=bool(sq[2, e] - sq[0, e] > wide),
                )
                for e, (i, j) in enumerate(prep.deps.edges())
            ),
            key=lambda x: (x.dependent, x.provider),
        )
    )
    finite = taus[np.isfinite(taus)]
    return Robustness(
        draws=draws,
        seed=seed,
        median_tau=float(np.median(finite)) if len(finite) else float("nan"),
        companies=companies,
        edges=edges,
        tau_companies=int(((ref != 0) | (L != 0).any(axis=0)).sum()) if L.size else 0,
    )
