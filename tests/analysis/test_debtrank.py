from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.analysis.crosscheck import katz_impact, kendall_tau, pagerank
from vendorgraph.analysis.debtrank import (
    debtrank,
    debtrank_from_each,
    debtrank_reference,
    direct_impact,
    linear_impact,
)
from vendorgraph.analysis.dependencies import impact_matrix
from vendorgraph.analysis.lockin import centrality
from vendorgraph.errors import InputError


def chain():
    # a depends on b (D = .5), b depends on c (D = .4)
    deps = nx.DiGraph([("a", "b", {"dependence": 0.5}), ("b", "c", {"dependence": 0.4})])
    return deps, impact_matrix(deps, nodelist=["a", "b", "c"])


def test_chain_hand_computed():
    # shock on c: h_b = .4, then h_a = .4 * .5 = .2; R_c = (.4 + .2) / 3 = .2
    # direct part .4 / 3; indirect .2 / 3.  R_b = .5 / 3.  R_a = 0.
    _, W = chain()
    v = np.full(3, 1 / 3)
    total, direct, _, exact = centrality(W, v)
    np.testing.assert_allclose(total, [0.0, 0.5 / 3, 0.2])
    np.testing.assert_allclose(direct, [0.0, 0.5 / 3, 0.4 / 3])
    assert exact.all()


def test_star_hand_computed():
    # hub h; leaves depend on it with D = .6, .3, .3; v = 1/4: R_h = 1.2 / 4 = .3
    deps = nx.DiGraph(
        [(x, "h", {"dependence": d}) for x, d in [("l1", 0.6), ("l2", 0.3), ("l3", 0.3)]]
    )
    W = impact_matrix(deps, nodelist=["h", "l1", "l2", "l3"])
    total, direct, _, _ = centrality(W, np.full(4, 0.25))
    np.testing.assert_allclose(total, [0.3, 0, 0, 0])
    np.testing.assert_allclose(direct, total)


def test_cycle_passes_distress_once():
    # a and b depend fully on each other: shock a -> h_b = 1; b cannot re-shock a
    W = impact_matrix(
        nx.DiGraph([("a", "b", {"dependence": 1.0}), ("b", "a", {"dependence": 1.0})]),
        nodelist=["a", "b"],
    )
    h, R = debtrank(W, np.array([1.0, 0.0]), np.full(2, 0.5))
    assert h.tolist() == [1.0, 1.0] and R == 0.5


def test_once_only_rule_differs_from_linear_walk_sum():
    # a -> b (D=1) and a -> c (D=1), b -> d, c -> d (D=.6 each): shock d reaches a twice
    deps = nx.DiGraph(
        [
            ("a", "b", {"dependence": 1.0}),
            ("a", "c", {"dependence": 1.0}),
            ("b", "d", {"dependence": 0.6}),
            ("c", "d", {"dependence": 0.6}),
        ]
    )
    W = impact_matrix(deps, nodelist=list("abcd"))
    v = np.full(4, 0.25)
    exact = debtrank_from_each(W, [3], v)[0]
    assert exact == pytest.approx((0.6 + 0.6 + 1.0) / 4)  # h_a capped at 1
    # walk sum: (.6 + .6) / 4 + (.6 * 1 + .6 * 1) / 4 = .6: a counted 1.2, above its cap of 1
    assert linear_impact(W, v)[3] == pytest.approx(0.6)


def test_bad_shock_is_rejected():
    _, W = chain()
    with pytest.raises(InputError, match="shocks must lie in"):
        debtrank(W, np.array([1.5, 0, 0]), np.ones(3))


def graphs():
    return st.integers(2, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(
                    st.integers(0, n - 1),
                    st.integers(0, n - 1),
                    st.one_of(st.just(0.0), st.floats(1e-6, 1)),
                ),
                max_size=25,
            ),
        )
    )


def build(n, edges):
    deps = nx.DiGraph()
    deps.add_nodes_from(range(n))
    deps.add_edges_from((i, j, {"dependence": d}) for i, j, d in edges if i != j)
    return deps


@settings(max_examples=60, deadline=None)
@given(g=graphs(), shock=st.floats(0, 1), bigger=st.floats(0, 1))
def test_debtrank_properties(g, shock, bigger):
    deps = build(*g)
    n = deps.number_of_nodes()
    W = impact_matrix(deps, nodelist=list(range(n)))
    v = np.full(n, 1 / n)
    psi = np.zeros(n)
    psi[0] = shock
    h, R = debtrank(W, psi, v)
    assert ((h >= 0) & (h <= 1)).all() and 0 <= R <= 1
    assert debtrank(W, np.zeros(n), v)[1] == 0.0
    psi2 = psi.copy()
    psi2[0] = max(shock, bigger)
    assert (debtrank(W, psi2, v)[0] >= h - 1e-12).all()  # monotone in the shock
    ref_h, ref_R = debtrank_reference(deps, {0: shock})
    np.testing.assert_allclose(h, [ref_h[u] for u in range(n)], atol=1e-12)
    assert pytest.approx(ref_R, abs=1e-12) == R
    total = debtrank_from_each(W, range(n), v)
    assert (total >= direct_impact(W, v) - 1e-12).all()


@settings(max_examples=40, deadline=None)
@given(g=graphs(), seed=st.integers(0, 1000))
def test_renaming_nodes_changes_nothing(g, seed):
    deps = build(*g)
    n = deps.number_of_nodes()
    perm = np.random.default_rng(seed).permutation(n)
    renamed = nx.relabel_nodes(deps, {u: f"n{perm[u]}" for u in deps})
    order = sorted(renamed, key=lambda x: int(x[1:]))
    a = centrality(impact_matrix(deps, nodelist=list(range(n))), np.full(n, 1 / n))[0]
    b = centrality(impact_matrix(renamed, nodelist=order), np.full(n, 1 / n))[0]
    np.testing.assert_allclose(a, b[perm], atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(g=graphs())
def test_sparse_pagerank_and_katz_match_networkx(g):
    deps = build(*g)
    n = deps.number_of_nodes()
    W = impact_matrix(deps, nodelist=list(range(n)))
    if W.nnz and W.data.sum() > 0:
        ours = pagerank(W, tol=1e-15)
        ref = nx.pagerank(deps, weight="dependence", tol=1e-15, max_iter=10_000)
        np.testing.assert_allclose(ours, [ref[u] for u in range(n)], atol=1e-10)
    rows = np.asarray(W.sum(axis=1)).ravel() if W.nnz else np.zeros(1)
    alpha = 0.5 / max(1.0, float(rows.max()))
    katz = nx.katz_centrality(
        deps,
        alpha=alpha,
        beta=1.0,
        normalized=False,
        weight="dependence",
        tol=1e-14,
        max_iter=10_000,
    )
    np.testing.assert_allclose(katz_impact(W), [katz[u] for u in range(n)], atol=1e-10)


def test_kendall_tau_of_constant_is_nan():
    assert np.isnan(kendall_tau(np.ones(3), np.arange(3.0)))
    assert kendall_tau(np.arange(3.0), np.arange(3.0)[::-1]) == -1.0


def test_top_k_budget_marks_linear_companies():
    deps = nx.DiGraph([(f"c{k}", f"s{k % 3}", {"dependence": 0.5}) for k in range(12)])
    nodes = list(deps)
    W = impact_matrix(deps, nodelist=nodes)
    total, _, linear, exact = centrality(W, np.full(len(nodes), 1 / len(nodes)), top_k=2)
    assert exact.sum() == 2
    assert {nodes[k] for k in np.flatnonzero(exact)} <= {"s0", "s1", "s2"}
    np.testing.assert_allclose(total[~exact], linear[~exact])
