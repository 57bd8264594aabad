"""Lock-in of every company: switching costs, dependence, DebtRank, exposure, cross-checks.

``D[i, j] = min(1, reliance[i, j] * switching_cost[i, j])``; the impact matrix ``W = D.T`` is
a scipy CSR array built once. Lock-in *exerted* by j is its DebtRank under a full shock on j;
lock-in *suffered* by i is its exposure ``sum_j D[i, j] v_j`` with the HHI of its dependence.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n, t in [("org/a", "CloudProvider"), ("org/b", "ChipVendor"), ("org/c", "Foundry")]:
...     G.add_node(n, type=t, label=n[4:].upper())
>>> _ = G.add_edge("org/b", "org/a", key="r1", predicate="supplies")
>>> _ = G.add_edge("org/c", "org/b", key="r2", predicate="supplies")
>>> r = lockin(G)
>>> [(c["id"], round(c["lockin"], 4)) for c in company_records(r)]
[('org/a', 0.0), ('org/b', 0.255), ('org/c', 0.32)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.stats import rankdata

from vendorgraph.analysis.columns import ClaimColumns, claim_columns
from vendorgraph.analysis.crosscheck import katz_impact, kendall_tau, pagerank
from vendorgraph.analysis.debtrank import debtrank_from_each, direct_impact, linear_impact
from vendorgraph.analysis.dependencies import as_dependencies, impact_from_index
from vendorgraph.analysis.exposure import exposure, hhi, spof_table
from vendorgraph.analysis.options import LockinOptions, ScoringOptions
from vendorgraph.analysis.shares import stated_shares
from vendorgraph.analysis.switching import (
    EvidenceTable,
    aggregate,
    factor_matrix,
    latest_of,
    table_from_columns,
)
from vendorgraph.analysis.weights import FACTORS, Parameters, load_parameters
from vendorgraph.errors import InputError
from vendorgraph.ontology.dates import parse_date

__all__ = [
    "LockinOptions",
    "LockinResult",
    "Prepared",
    "ScoringOptions",
    "annotate",
    "centrality",
    "company_records",
    "dependency_records",
    "lockin",
    "prepare",
    "reliance",
    "reliance_from_columns",
    "stated_share_columns",
]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Prepared:
    """What the scores need, computed once: dependency graph, evidence table, reliance."""

    deps: nx.DiGraph
    nodes: tuple[str, ...]
    table: EvidenceTable
    reliance: np.ndarray
    dependent: np.ndarray
    provider: np.ndarray
    params: Parameters
    as_of: date | None
    stated: np.ndarray | None = None
    revenue_share: np.ndarray | None = None

    def impact(self, dependence: np.ndarray) -> sp.csr_array:
        """Return ``W`` with ``W[j, i] = D[i, j]`` (the convention of ``impact_matrix``)."""
        return impact_from_index(self.dependent, self.provider, dependence, len(self.nodes))


def reliance(deps: nx.DiGraph, params: Parameters | None = None) -> np.ndarray:
    """Return how much of i's need j serves, per edge in ``deps.edges()`` order.

    A share the text states about the pair, of the customer's need ("60% of its compute from
    j", :func:`~vendorgraph.analysis.shares.stated_shares`), wins; otherwise the stated
    default ``default_reliance`` split evenly among the suppliers of the same kind of
    capability (1/n for n suppliers of GPUs). A percentage about anything else is not read.

    Examples
    --------
    >>> import networkx as nx
    >>> deps = nx.DiGraph()
    >>> deps.add_edge("a", "b", claims=(), kinds=("Chip",))
    >>> deps.add_edge("a", "c", claims=(), kinds=("Chip",))
    >>> reliance(deps).tolist()
    [0.5, 0.5]
    """
    return reliance_from_columns(
        claim_columns(deps), load_parameters() if params is None else params
    )


def reliance_from_columns(cols: ClaimColumns, params: Parameters) -> np.ndarray:
    """Return :func:`reliance` from the claim columns, vectorised over the edges.

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.columns import claim_columns
    >>> from vendorgraph.analysis.dependencies import Claim, ClaimQuantity
    >>> c = Claim(key="k", subject="a", object="b", predicate="uses", role="deploy",
    ...           evidence="A buys 40% of its chips from B.",
    ...           quantity=ClaimQuantity(kind="percent", value=40.0, text="40%"))
    >>> deps = nx.DiGraph()
    >>> deps.add_node("a", label="A"); deps.add_node("b", label="B")
    >>> deps.add_edge("a", "b", claims=(c,), kinds=("Chip",))
    >>> deps.add_edge("a", "c", claims=(), kinds=("Chip",))
    >>> reliance_from_columns(claim_columns(deps), load_parameters()).tolist()
    [0.4, 0.5]
    """
    return _reliance(cols, stated_share_columns(cols)[0], params)


def _reliance(cols: ClaimColumns, share: np.ndarray, params: Parameters) -> np.ndarray:
    out = np.where(np.isnan(share), params.default_reliance / _suppliers(cols), share)
    return np.clip(out, 0.0, 1.0)


def stated_share_columns(cols: ClaimColumns) -> tuple[np.ndarray, np.ndarray]:
    """Return per edge the largest stated customer share and supplier revenue share (NaN: none).

    Only supporting claims whose sentence holds a percentage, a fraction or two amounts of
    money (a committed part of a stated total) are read.
    """
    customer = np.full(len(cols.edges), np.nan)
    supplier = np.full(len(cols.edges), np.nan)
    has_share = np.array([_has_share(c) for c in cols.reps], dtype=bool)
    if not len(cols.claims) or not has_share.any():
        return customer, supplier
    names = cols.names or tuple(() for _ in cols.nodes)
    for k in np.flatnonzero(cols.support & has_share[cols.claim_sig]):
        e = int(cols.claim_edge[k])
        i, j = int(cols.dependent[e]), int(cols.provider[e])
        for s in stated_shares(cols.claims[k], customer=names[i], supplier=names[j]):
            side = customer if s.side == "customer" else supplier
            side[e] = s.value if np.isnan(side[e]) else max(side[e], s.value)
    return customer, supplier


def _has_share(c: Any) -> bool:
    numbers = c.quantities or (() if c.quantity is None else (c.quantity,))
    kinds = [q.kind for q in numbers]
    return "percent" in kinds or "fraction" in kinds or kinds.count("money") > 1


def _suppliers(cols: ClaimColumns) -> np.ndarray:
    """Per edge i -> j: the most suppliers i has of any kind the edge carries (1 if none)."""
    n = np.ones(len(cols.edges), dtype=np.int64)
    for kind in sorted({k for ks in cols.kinds for k in ks}):
        carries = np.array([kind in ks for ks in cols.kinds], dtype=bool)[cols.edge_kinds]
        dependents = cols.dependent[carries]
        count = np.bincount(dependents, minlength=len(cols.nodes))
        n[carries] = np.maximum(n[carries], count[dependents])
    return n


def prepare(G: nx.Graph, *, options: ScoringOptions | None = None) -> Prepared:
    """Derive dependencies, read their evidence and reliance: the inputs of every score.

    Examples
    --------
    >>> import networkx as nx
    >>> prepare(nx.DiGraph()).nodes
    ()
    """
    opts = ScoringOptions() if options is None else options
    deps = as_dependencies(G, as_of=opts.as_of)
    p, rs = opts.parameters, opts.factor_rules
    cols = claim_columns(deps)
    when = parse_date(opts.as_of) or parse_date(deps.graph.get("as_of")) or latest_of(cols)
    customer, supplier = stated_share_columns(cols)
    return Prepared(
        deps=deps,
        nodes=cols.nodes,
        table=table_from_columns(cols, rules=rs, params=p, as_of=when),
        reliance=_reliance(cols, customer, p),
        dependent=cols.dependent,
        provider=cols.provider,
        params=p,
        as_of=when,
        stated=~np.isnan(customer),
        revenue_share=supplier,
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class LockinResult:
    """Scores of every dependency (arrays over ``edges``) and company (arrays over ``nodes``).

    ``method[k]`` says whether ``lockin[k]`` is exact DebtRank (``"exact"``) or the linear first
    pass (``"linear"``); ``percentile`` is the share of companies with lock-in <= this one.
    ``reliance_stated[e]`` says whether the text states the customer's share (else the default
    split), ``revenue_share[e]`` is the supplier's revenue share the text gives (NaN if none),
    and ``spof[i]`` the single points of failure of each company with a supplier.
    """

    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    switching_cost: np.ndarray
    coverage: np.ndarray
    reliance: np.ndarray
    dependence: np.ndarray
    factors: np.ndarray
    known: np.ndarray
    lockin: np.ndarray
    direct: np.ndarray
    indirect: np.ndarray
    linear: np.ndarray
    method: tuple[str, ...]
    percentile: np.ndarray
    exposure: np.ndarray
    hhi: np.ndarray
    v: np.ndarray
    diagnostics: Mapping[str, Any] = field(default_factory=dict)
    reliance_stated: np.ndarray | None = None
    revenue_share: np.ndarray | None = None
    spof: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def company(self, node: str) -> dict[str, Any]:
        """Return the record of one company (see :func:`company_records`)."""
        return _company(self, self.nodes.index(node))


def centrality(
    W: sp.csr_array, v: np.ndarray, *, top_k: int = 100, depth: int = 4, batch: int = 64
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return (lock-in, direct, linear, exact mask): exact DebtRank for the top-k, linear else.

    The linear pass (:func:`~vendorgraph.analysis.debtrank.linear_impact`) costs
    ``O(depth * m)`` for all nodes; the `top_k` nodes it ranks highest (ties by index) then get
    exact DebtRank, ``O(m)`` sparse work per step each, in batches.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> W = sp.csr_array(np.array([[0, 0.5, 0], [0, 0, 0.5], [0, 0, 0]]))
    >>> L, direct, linear, exact = centrality(W, np.full(3, 1 / 3), top_k=1)
    >>> L.round(4).tolist(), exact.tolist()
    ([0.25, 0.1667, 0.0], [True, False, False])
    """
    direct = direct_impact(W, v)
    linear = np.maximum(linear_impact(W, v, depth=depth), direct)
    order = np.lexsort((np.arange(len(v)), -linear))[:top_k]
    exact = np.zeros(len(v), dtype=bool)
    exact[order] = True
    score = linear.copy()
    chosen = np.flatnonzero(exact)
    score[chosen] = debtrank_from_each(W, chosen, v, batch=batch)
    return np.clip(score, direct, None), direct, linear, exact


def lockin(G: nx.Graph, *, options: ScoringOptions | None = None) -> LockinResult:
    """Score switching cost, dependence, lock-in exerted and suffered for every company.

    Parameters
    ----------
    G : nx.MultiDiGraph or nx.DiGraph
        Claims (the networkx contract) or a dependency graph.
    options : ScoringOptions, optional
        Weights and priors (default ``data/weights.toml``), factor rules (default
        ``data/factor_rules.toml``), the date for decay and validity windows (default the
        latest publication date), node weights and the lock-in budget. Node weights default
        to 1 for every company, so lock-in exerted is the number of company-equivalents of
        capability impaired and exposure the summed dependence, and adding unrelated
        companies changes no existing score (a weight of ``1/n`` would cut every score when
        an unrelated article adds companies); weights from stated size keep that
        (:mod:`~vendorgraph.analysis.sizes`).

    Returns
    -------
    LockinResult
        Raw scores plus percentile ranks (no min-max scaling, so adding unrelated companies
        does not move anyone's score); ``method`` says which companies got exact DebtRank;
        ``spof`` the single points of failure of every company.

    Notes
    -----
    Lock-in exerted by j is DebtRank [1]_ with a full shock on j over ``W[j, i] = D[i, j]``,
    split into the direct part ``sum_i W[j, i] v_i`` and the indirect remainder (chains).
    Cross-checks in ``diagnostics``: PageRank and Katz on the dependency edges with Kendall's
    tau against DebtRank. Exact DebtRank from every company costs ``O(n m)``; the linear pass
    is ``O(m)`` and exact DebtRank runs for the ``top_k`` only.

    References
    ----------
    .. [1] S. Battiston et al., "DebtRank: Too central to fail?", Sci. Rep. 2, 541 (2012).
    .. [2] P. Klemperer, "Markets with consumer switching costs", QJE 102(2), 1987.

    Examples
    --------
    >>> import networkx as nx
    >>> r = lockin(nx.DiGraph())
    >>> r.nodes, r.lockin.tolist()
    ((), [])
    """
    opts = ScoringOptions() if options is None else options
    prep = prepare(G, options=opts)
    result = score(prep, v=opts.node_weights(G), options=opts.lockin)
    spof = {str(k): tuple(map(str, x)) for k, x in spof_table(prep.deps).items()}
    return replace(result, spof=spof)


def score(
    prep: Prepared,
    *,
    weights: Sequence[float] | np.ndarray | None = None,
    v: Mapping[str, float] | None = None,
    options: LockinOptions | None = None,
    counts: np.ndarray | None = None,
    priors: np.ndarray | None = None,
) -> LockinResult:
    """Score a :class:`Prepared` input (optionally other weights, priors or a bootstrap draw)."""
    opt = LockinOptions() if options is None else options
    fm = factor_matrix(prep.table, prep.params, counts=counts, priors=priors)
    w = np.asarray(prep.params.weight_vector() if weights is None else weights)
    sc = aggregate(fm.values, w, method=opt.aggregation)
    dependence = np.minimum(1.0, prep.reliance * sc)
    W = prep.impact(dependence)
    weights_v = _node_weights(prep.nodes, v)
    total, direct, linear, exact = centrality(
        W, weights_v, top_k=opt.top_k, depth=opt.depth, batch=opt.batch
    )
    return LockinResult(
        nodes=prep.nodes,
        edges=prep.table.edges,
        switching_cost=sc,
        coverage=fm.confidence @ w,
        reliance=prep.reliance,
        dependence=dependence,
        factors=fm.values,
        known=fm.known,
        lockin=total,
        direct=direct,
        indirect=np.maximum(total - direct, 0.0),
        linear=linear,
        method=tuple("exact" if x else "linear" for x in exact),
        percentile=rankdata(total, method="max") / max(len(total), 1) if len(total) else total,
        exposure=exposure(W, weights_v),
        hhi=hhi(W),
        v=weights_v,
        diagnostics=_diagnostics(W, total, opt, prep.as_of),
        reliance_stated=prep.stated,
        revenue_share=prep.revenue_share,
    )


def _node_weights(nodes: Sequence[str], v: Mapping[str, float] | None) -> np.ndarray:
    """Return unit weights unless given: no score depends on unrelated companies."""
    if v is None:
        return np.ones(len(nodes))
    out = np.array([float(v.get(n, 0.0)) for n in nodes])
    if (out < 0).any():
        raise InputError(f"node weights must be >= 0; got {dict(v)!r}")
    return out


def _diagnostics(W: sp.csr_array, total: np.ndarray, opt: LockinOptions, as_of: Any) -> dict:
    out: dict[str, Any] = {"as_of": None if as_of is None else as_of.isoformat()}
    if opt.crosscheck and W.shape[0]:
        pr, katz = pagerank(W), katz_impact(W)
        out |= {"pagerank": pr, "katz": katz}
        out |= {"tau_pagerank": kendall_tau(pr, total), "tau_katz": kendall_tau(katz, total)}
    return out


def dependency_records(result: LockinResult) -> list[dict[str, Any]]:
    """Return one plain dict per dependency, sorted by (dependent, provider).

    Unknown factors are None. Keys: ``dependent``, ``provider``, ``switching_cost``,
    ``coverage``, ``reliance``, ``reliance_stated`` (False: the default split),
    ``revenue_share`` (the supplier's, None unless stated), ``dependence``, ``factors``.

    Examples
    --------
    >>> import networkx as nx
    >>> dependency_records(lockin(nx.DiGraph()))
    []
    """
    rows = []
    for e, (i, j) in enumerate(result.edges):
        factors = {
            f: float(result.factors[e, k]) if result.known[e, k] else None
            for k, f in enumerate(FACTORS)
        }
        rows.append(
            {
                "dependent": i,
                "provider": j,
                "switching_cost": float(result.switching_cost[e]),
                "coverage": float(result.coverage[e]),
                "reliance": float(result.reliance[e]),
                "reliance_stated": _flag(result.reliance_stated, e),
                "revenue_share": _stated(result.revenue_share, e),
                "dependence": float(result.dependence[e]),
                "factors": factors,
            }
        )
    return sorted(rows, key=lambda r: (r["dependent"], r["provider"]))


def _flag(values: np.ndarray | None, e: int) -> bool:
    return bool(values is not None and values[e])


def _stated(values: np.ndarray | None, e: int) -> float | None:
    if values is None or np.isnan(values[e]):
        return None
    return float(values[e])


def _company(result: LockinResult, k: int) -> dict[str, Any]:
    return {
        "id": result.nodes[k],
        "lockin": float(result.lockin[k]),
        "lockin_direct": float(result.direct[k]),
        "lockin_indirect": float(result.indirect[k]),
        "exposure": float(result.exposure[k]),
        "hhi": float(result.hhi[k]),
        "spof": list(result.spof.get(result.nodes[k], ())),
    }


def company_records(result: LockinResult) -> list[dict[str, Any]]:
    """Return one plain dict per company, sorted by id.

    Keys: ``id``, ``lockin``, ``lockin_direct``, ``lockin_indirect``, ``exposure``, ``hhi``,
    ``spof`` (single points of failure, nearest first).

    Examples
    --------
    >>> import networkx as nx
    >>> company_records(lockin(nx.DiGraph()))
    []
    """
    return sorted((_company(result, k) for k in range(len(result.nodes))), key=lambda r: r["id"])


def annotate(G: nx.Graph, result: LockinResult) -> None:
    """Set the scores as networkx attributes: company nodes, and edges of a dependency graph.

    Node attributes ``lockin``, ``lockin_direct``, ``lockin_indirect``, ``exposure``, ``hhi``
    (nodes absent from `G` are skipped); when `G` has the dependency edges, edge attributes
    ``switching_cost``, ``coverage``, ``reliance``, ``dependence``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/a", type="CloudProvider"); G.add_node("org/b", type="ChipVendor")
    >>> _ = G.add_edge("org/b", "org/a", key="r", predicate="supplies")
    >>> annotate(G, lockin(G))
    >>> round(G.nodes["org/b"]["lockin"], 4)
    0.255
    """
    for row in company_records(result):
        if row["id"] in G:
            G.nodes[row["id"]].update({k: v for k, v in row.items() if k not in ("id", "spof")})
    if isinstance(G, nx.MultiGraph):
        return
    for row in dependency_records(result):
        if G.has_edge(row["dependent"], row["provider"]):
            keep = ("switching_cost", "coverage", "reliance", "dependence")
            G.edges[row["dependent"], row["provider"]].update({k: row[k] for k in keep})


def dependence_graph(result: LockinResult) -> nx.DiGraph:
    """Return a plain DiGraph ``i -> j`` carrying ``dependence`` (for networkx references)."""
    deps = nx.DiGraph()
    deps.add_nodes_from(result.nodes)
    for e, (i, j) in enumerate(result.edges):
        deps.add_edge(i, j, dependence=float(result.dependence[e]))
    return deps


__all__ += ["dependence_graph", "score"]
