"""What-if scenarios: remove a supplier, cut part of its supply, substitute another one.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in ("org/a", "org/b", "org/c"):
...     G.add_node(n, type="Organization")
>>> _ = G.add_edge("org/b", "org/a", key="r1", predicate="supplies")
>>> _ = G.add_edge("org/c", "org/b", key="r2", predicate="supplies")
>>> w = whatif(G, remove=["org/c"])
>>> [(r.id, round(r.distress, 4)) for r in w.rows]   # c fails: b loses .255, a .255**2
[('org/a', 0.065), ('org/b', 0.255), ('org/c', 1.0)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from vendorgraph.analysis.debtrank import debtrank
from vendorgraph.analysis.lockin import centrality, prepare, score
from vendorgraph.analysis.options import ScoringOptions
from vendorgraph.errors import InputError, UnknownEntityError

__all__ = ["ScenarioRow", "WhatIf", "whatif"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScenarioRow:
    """One company under a scenario: lock-in exerted before/after, and its distress."""

    id: str
    before: float
    after: float
    delta: float
    distress: float


@dataclass(frozen=True, slots=True, kw_only=True)
class WhatIf:
    """Every company's scores under a scenario, sorted by id; `loss` is the DebtRank ``R``."""

    rows: tuple[ScenarioRow, ...]
    loss: float

    def row(self, node: str) -> ScenarioRow:
        """Return the row of `node`."""
        for r in self.rows:
            if r.id == node:
                return r
        raise UnknownEntityError(f"no company {node!r} in the scenario")


def _index(nodes: Sequence[str], node: str) -> int:
    try:
        return nodes.index(node)
    except ValueError as err:
        raise UnknownEntityError(
            f"company {node!r} is not in the dependency graph; it has {len(nodes)} companies"
        ) from err


def _shocks(nodes: Sequence[str], remove: Iterable[str], cut: Mapping[str, float]) -> np.ndarray:
    psi = np.zeros(len(nodes))
    for node, share in cut.items():
        if not 0.0 <= float(share) <= 1.0:
            raise InputError(f"cut of {node!r} is {share!r}; give a share of supply in [0, 1]")
        psi[_index(nodes, node)] = float(share)
    for node in remove:
        psi[_index(nodes, node)] = 1.0
    return psi


def _substitute(
    W: sp.csr_array,
    nodes: Sequence[str],
    moves: Iterable[tuple[str, str, str, float]],
    cost: Mapping[tuple[str, str], float],
    cold: float,
) -> sp.csr_array:
    M = W.tolil()
    for i, j, k, share in moves:
        if not 0.0 <= share <= 1.0:
            raise InputError(f"substitute share {share!r} for {i!r}: give sigma in [0, 1]")
        a, b, c = _index(nodes, i), _index(nodes, j), _index(nodes, k)
        moved = share * M[b, a]
        M[b, a] = M[b, a] - moved
        M[c, a] = min(1.0, M[c, a] + moved * cost.get((i, k), cold))
    return sp.csr_array(M.tocsr())


def whatif(
    G: nx.Graph,
    *,
    remove: Iterable[str] = (),
    cut: Mapping[str, float] | None = None,
    substitute: Iterable[tuple[str, str, str, float]] = (),
    options: ScoringOptions | None = None,
) -> WhatIf:
    """Score a scenario: shocks on suppliers, and dependence moved to substitutes.

    Parameters
    ----------
    G : nx.MultiDiGraph or nx.DiGraph
        Claims or a dependency graph.
    remove : iterable of str
        Suppliers that become unavailable (shock 1).
    cut : mapping of str to float, optional
        Partial loss of a supplier (an export rule cutting 30% of supply: ``{j: 0.3}``).
    substitute : iterable of (i, j, k, sigma)
        i moves a share sigma of its dependence on j to k: ``W[j, i] *= 1 - sigma`` and
        ``W[k, i] += sigma * W[j, i] * switching_cost[i, k]`` (a new supplier without an edge
        takes the all-prior switching cost).
    options : ScoringOptions, optional
        As in :func:`~vendorgraph.analysis.lockin.lockin`.

    Returns
    -------
    WhatIf
        Per company: lock-in exerted before and after (the shocked suppliers keep ``1 - psi``
        of their rows), the change, and the distress ``h`` it ends with; and the system loss.

    Raises
    ------
    UnknownEntityError
        If a named company is not in the dependency graph.
    InputError
        If a share lies outside [0, 1].

    Notes
    -----
    The distress is DebtRank (Battiston et al. 2012) from the scenario's shock vector over the
    substituted impact matrix.

    References
    ----------
    .. [1] S. Battiston et al., "DebtRank: Too central to fail?", Sci. Rep. 2, 541 (2012).

    Examples
    --------
    >>> import networkx as nx
    >>> whatif(nx.DiGraph()).rows
    ()
    """
    opts = ScoringOptions() if options is None else options
    opt = opts.lockin
    prep = prepare(G, options=opts)
    base = score(prep, v=opts.node_weights(G), options=opt)
    nodes = list(prep.nodes)
    psi = _shocks(nodes, remove, cut or {})
    cost = {e: float(x) for e, x in zip(base.edges, base.switching_cost, strict=True)}
    cold = float(np.dot(prep.params.weight_vector(), prep.params.prior_vector()))
    W = _substitute(prep.impact(base.dependence), nodes, substitute, cost, cold)
    h, loss = debtrank(W, psi, base.v)
    after_W = sp.csr_array(sp.diags_array(1.0 - psi) @ W)
    after = centrality(after_W, base.v, top_k=opt.top_k, depth=opt.depth, batch=opt.batch)[0]
    rows = (
        ScenarioRow(id=n, before=float(b), after=float(a), delta=float(a - b), distress=float(d))
        for n, b, a, d in zip(nodes, base.lockin, after, h, strict=True)
    )
    return WhatIf(rows=tuple(sorted(rows, key=lambda r: r.id)), loss=loss)
