"""Lock-in suffered: exposure, concentration across suppliers, single points of failure.

Examples
--------
>>> import scipy.sparse as sp
>>> W = sp.csr_array(np.array([[0, 0.6, 0], [0, 0, 0], [0, 0.2, 0]]))   # 1 relies on 0 and 2
>>> exposure(W, np.full(3, 1.0)).round(6).tolist()
[0.0, 0.8, 0.0]
>>> hhi(W).round(4).tolist()   # (0.6**2 + 0.2**2) / 0.8**2
[0.0, 0.625, 0.0]
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = [
    "exposure",
    "hhi",
    "single_points_of_failure",
    "sole_supplier_chain",
    "spof_table",
]


def exposure(W: sp.csr_array, v: np.ndarray) -> np.ndarray:
    """Return ``sum_j D[i, j] v_j`` for every i: how much of what i depends on could fail.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> exposure(sp.csr_array((2, 2)), np.ones(2)).tolist()
    [0.0, 0.0]
    """
    return np.asarray(W.T @ v)


def hhi(W: sp.csr_array) -> np.ndarray:
    """Return the Herfindahl-Hirschman index of each company's dependence across suppliers.

    ``sum_j (D[i,j] / sum_k D[i,k])**2``: 1 for a single supplier, 1/n for n equal ones, 0 for a
    company with no dependence.

    References
    ----------
    .. [1] A. O. Hirschman, "The paternity of an index", American Economic Review 54, 1964.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> hhi(sp.csr_array(np.array([[0, 0.0], [0.5, 0]]))).tolist()   # 0 relies on 1 only
    [1.0, 0.0]
    """
    total = np.asarray(W.sum(axis=0)).ravel()
    squares = np.asarray(W.multiply(W).sum(axis=0)).ravel()
    return np.divide(squares, total**2, out=np.zeros_like(total), where=total > 0)


def _sink_members(H: nx.DiGraph, i: Hashable) -> list[Hashable]:
    """Nodes of the strongly connected components with no way out (the ultimate suppliers)."""
    C = nx.condensation(H)
    members = C.graph["mapping"]
    ends = {c for c in C if C.out_degree(c) == 0}
    return [u for u in H if u != i and members[u] in ends]


def single_points_of_failure(deps: nx.DiGraph, i: Hashable) -> tuple[Hashable, ...]:
    """Return the companies every dependency path of `i` runs through, nearest first.

    A virtual sink is joined from every ultimate supplier reachable from `i`: the members of
    the strongly connected components of i's supply that depend on nothing outside them (so a
    supplier cycle, Nvidia <-> Intel, still ends somewhere). The dominators of that sink
    (``networkx.immediate_dominators`` from `i`) are the single points of failure: if one
    fails, no chain of supply from `i` avoids it. A sole supplier is always one.

    References
    ----------
    .. [1] K. D. Cooper, T. J. Harvey, K. Kennedy, "A simple, fast dominance algorithm",
       Software Practice & Experience 4, 2001 (the algorithm of ``immediate_dominators``).

    Examples
    --------
    >>> import networkx as nx
    >>> deps = nx.DiGraph([("aws", "nvidia"), ("aws", "amd"), ("nvidia", "tsmc"),
    ...                    ("amd", "tsmc")])
    >>> single_points_of_failure(deps, "aws")
    ('tsmc',)
    >>> single_points_of_failure(nx.DiGraph([("meta", "nvidia"), ("nvidia", "intel"),
    ...                                      ("intel", "nvidia")]), "meta")
    ('nvidia',)
    """
    if i not in deps or not deps.out_degree(i):
        return ()
    reach = nx.descendants(deps, i) | {i}
    H = nx.DiGraph(deps.subgraph(reach).edges())
    H.add_node(i)
    sink = object()
    H.add_edges_from([(u, sink) for u in _sink_members(H, i)])
    if sink not in H:
        return ()
    idom = nx.immediate_dominators(H, i)
    chain, node = [], idom[sink]
    while node != i:
        chain.append(node)
        node = idom[node]
    return tuple(reversed(chain))


def sole_supplier_chain(deps: nx.DiGraph, i: Hashable) -> tuple[Hashable, ...]:
    """Return the chain of sole suppliers from `i` (each the only supplier of the one before).

    A cheap subset of :func:`single_points_of_failure` for graphs too large for dominators.

    Examples
    --------
    >>> import networkx as nx
    >>> sole_supplier_chain(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "b")]), "a")
    ('b', 'c')
    """
    chain: list[Hashable] = []
    node = i
    while deps.out_degree(node) == 1:
        (node,) = deps.successors(node)
        if node == i or node in chain:
            break
        chain.append(node)
    return tuple(chain)


def spof_table(deps: nx.DiGraph, *, limit: int = 2000) -> dict[Hashable, tuple[Hashable, ...]]:
    """Return the single points of failure of every node with a supplier.

    Dominators per node cost ``O(n (n + m))`` in all; above `limit` nodes only the sole-supplier
    chains (:func:`sole_supplier_chain`) are returned.

    Examples
    --------
    >>> import networkx as nx
    >>> spof_table(nx.DiGraph([("a", "b"), ("a", "c")]))
    {'a': ()}
    """
    find = single_points_of_failure if len(deps) <= limit else sole_supplier_chain
    return {n: find(deps, n) for n in deps if deps.out_degree(n)}
