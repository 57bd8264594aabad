"""Cross-checks of lock-in: PageRank and Katz on ``depends_on``, Kendall tau.

Both run on the dependency matrix ``A = W.T`` (``A[i, j] = D[i, j]``, i depends on j), so a
supplier ranks high when dependents lean on it: ``A`` becomes a weighted ``nx.DiGraph`` and
networkx computes them (``nx.pagerank``, ``nx.katz_centrality(normalized=False)``).

Examples
--------
>>> import networkx as nx
>>> from vendorgraph.analysis.dependencies import impact_matrix
>>> deps = nx.DiGraph([("a", "b", {"dependence": 1.0}), ("c", "b", {"dependence": 1.0})])
>>> W = impact_matrix(deps)
>>> pr = pagerank(W)
>>> bool(pr[1] > pr[0]), round(float(pr.sum()), 12)
(True, 1.0)
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.stats import kendalltau

from vendorgraph.errors import InputError

__all__ = ["katz_impact", "kendall_tau", "pagerank"]


def pagerank(
    W: sp.csr_array, *, alpha: float = 0.85, tol: float = 1e-12, max_iter: int = 1000
) -> np.ndarray:
    """Return PageRank on the dependency edges (the random surfer follows i -> j by ``D``).

    Dangling nodes (no suppliers) jump uniformly, as in ``nx.pagerank`` with defaults.

    Raises
    ------
    InputError
        If the iteration does not converge in `max_iter` steps.

    References
    ----------
    .. [1] L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation ranking", 1999.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> pagerank(sp.csr_array((2, 2))).tolist()
    [0.5, 0.5]
    """
    n = W.shape[0]
    if n == 0:
        return np.zeros(0)
    try:
        ranks = nx.pagerank(
            _dependency_graph(W), alpha=alpha, tol=tol, max_iter=max_iter, weight="weight"
        )
    except nx.PowerIterationFailedConvergence as err:
        raise InputError(
            f"pagerank did not converge in {max_iter!r} iterations; raise max_iter"
        ) from err
    return np.array([ranks[i] for i in range(n)])


def katz_impact(
    W: sp.csr_array,
    *,
    alpha: float | None = None,
    beta: float = 1.0,
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> np.ndarray:
    """Return Katz centrality ``x = alpha W x + beta`` (impact travelling along dependencies).

    Default `alpha` is ``0.5 / max(1, max row sum of W)``, which always converges.

    References
    ----------
    .. [1] L. Katz, "A new status index derived from sociometric analysis", Psychometrika 18,
       1953.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> katz_impact(sp.csr_array(np.array([[0, 1.0], [0, 0]])), alpha=0.5).tolist()
    [1.5, 1.0]
    """
    n = W.shape[0]
    if n == 0:
        return np.zeros(0)
    if alpha is None:
        rows = np.asarray(abs(W).sum(axis=1)).ravel() if W.nnz else np.zeros(1)
        alpha = 0.5 / max(1.0, float(rows.max()))
    try:
        scores = nx.katz_centrality(
            _dependency_graph(W),
            alpha=alpha,
            beta=beta,
            tol=tol,
            max_iter=max_iter,
            normalized=False,
            weight="weight",
        )
    except nx.PowerIterationFailedConvergence as err:
        raise InputError(f"katz did not converge with alpha={alpha!r}; lower alpha") from err
    return np.array([scores[i] for i in range(n)])


def _dependency_graph(W: sp.csr_array) -> nx.DiGraph:
    """Return ``A = W.T`` as a DiGraph on nodes ``0..n-1``: edge i -> j weighs ``D[i, j]``."""
    return nx.from_scipy_sparse_array(sp.csr_array(W.T), create_using=nx.DiGraph)


def kendall_tau(a: np.ndarray, b: np.ndarray) -> float:
    """Return Kendall's tau-b between two score vectors (nan if either is constant).

    Examples
    --------
    >>> kendall_tau(np.array([1.0, 2, 3]), np.array([10.0, 20, 30]))
    1.0
    """
    if len(a) < 2 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(kendalltau(a, b).statistic)
