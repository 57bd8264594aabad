from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.graphs import claim, seed_like_graph, supply_chain
from vendorgraph.analysis.debtrank import debtrank_reference
from vendorgraph.analysis.dependencies import dependency_graph
from vendorgraph.analysis.exposure import single_points_of_failure
from vendorgraph.analysis.lockin import (
    LockinOptions,
    annotate,
    company_records,
    dependence_graph,
    dependency_records,
    lockin,
)
from vendorgraph.errors import InputError

PRIOR_COST = 0.255


def test_seed_like_graph_nvidia_tops_lock_in_exerted():
    r = lockin(seed_like_graph())
    rows = sorted(company_records(r), key=lambda x: -x["lockin"])
    assert rows[0]["id"] == "org/nvidia" and rows[0]["lockin"] > 0
    (dep,) = dependency_records(r)
    assert (dep["dependent"], dep["provider"]) == ("org/aws", "org/nvidia")
    assert dep["factors"]["learning"] is None and dep["factors"]["contractual"] > 0.6
    assert dep["dependence"] == pytest.approx(dep["reliance"] * dep["switching_cost"])
    assert r.diagnostics["as_of"] == "2025-12-02"


def test_chain_of_bare_supplies_hand_computed():
    # each edge: all priors, cost .255, reliance 1 -> D = .255; v = 1 per company
    # c: direct .255, indirect .255 * .255 = .065025
    r = lockin(supply_chain(("a", "b"), ("b", "c")))
    got = {x["id"]: x for x in company_records(r)}
    assert got["c"]["lockin_direct"] == pytest.approx(PRIOR_COST)
    assert got["c"]["lockin_indirect"] == pytest.approx(PRIOR_COST**2)
    assert got["b"]["lockin"] == pytest.approx(PRIOR_COST)
    assert got["a"]["exposure"] == pytest.approx(PRIOR_COST)
    assert got["a"]["hhi"] == 1.0 and got["c"]["hhi"] == 0.0
    assert r.percentile.tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])


def test_star_of_customers_hand_computed():
    # hub h supplies three customers: R_h = 3 * .255 (company-equivalents)
    r = lockin(supply_chain(("x", "h"), ("y", "h"), ("z", "h")))
    assert r.company("h")["lockin"] == pytest.approx(3 * PRIOR_COST)


def test_lockin_matches_networkx_reference_debtrank():
    G = seed_like_graph()
    claim(G, "org/nvidia", "org/lab", "s1", "supplies", "Nvidia sells to the lab.")
    claim(G, "org/aws", "org/lab", "s2", "supplies", "The cloud arm hosts the lab.")
    G.nodes["org/lab"]["type"] = "AILab"
    r = lockin(G)
    D = dependence_graph(r)
    for k, node in enumerate(r.nodes):
        _, R = debtrank_reference(D, {node: 1.0}, {u: 1.0 for u in D})
        assert r.lockin[k] == pytest.approx(R, abs=1e-12)


def test_stated_share_sets_reliance_and_alternatives_split_it():
    G = supply_chain(("a", "b"))
    claim(
        G,
        "b",
        "a",
        "q",
        "supplies",
        "B covers 30% of A's need.",
        quantity={"kind": "percent", "value": 30.0, "normalized": 0.3, "text": "30%"},
    )
    r = lockin(G)
    assert r.reliance.tolist() == [0.3]


def test_annotate_sets_node_and_dependency_attributes():
    G = seed_like_graph()
    r = lockin(G)
    annotate(G, r)
    assert G.nodes["org/nvidia"]["lockin"] == pytest.approx(r.company("org/nvidia")["lockin"])
    deps = dependency_graph(G)
    annotate(deps, r)
    assert 0 < deps.edges["org/aws", "org/nvidia"]["switching_cost"] < 1


def test_single_points_of_failure_are_dominators():
    deps = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"), ("c", "e")])
    assert single_points_of_failure(deps, "a") == ("c", "e")
    assert single_points_of_failure(deps, "e") == ()


def test_bad_options_are_rejected():
    with pytest.raises(InputError, match="top_k=-1"):
        LockinOptions(top_k=-1)


def chip_graph(n_alt: int, extra: list[tuple[str, str]]) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("c", type="CloudProvider")
    for k in range(n_alt):
        G.add_node(f"v{k}", type="ChipVendor")
        G.add_node(f"x{k}", type="Chip")
        claim(G, f"v{k}", f"x{k}", f"d{k}", "develops", f"V{k} makes X{k}.")
        claim(G, "c", f"x{k}", f"u{k}", "deploys", f"C runs X{k}.")
    for k, (pred, text) in enumerate(extra):
        claim(G, "c", "v0" if pred == "depends_on" else "x0", f"e{k}", pred, text)
    return G


EVIDENCE = st.lists(
    st.sampled_from(
        [
            ("depends_on", "C needs the most advanced parts."),
            ("integrates", "C will co-design around it."),
            ("deploys", "C signed a multi-year commitment."),
            ("deploys", "Leaving would need a costly migration."),
        ]
    ),
    max_size=3,
)


@settings(max_examples=25, deadline=None)
@given(extra=EVIDENCE, n=st.integers(1, 3))
def test_extra_alternative_supplier_never_raises_exposure(extra, n):
    before = lockin(chip_graph(n, extra)).company("c")["exposure"]
    after = lockin(chip_graph(n + 1, extra)).company("c")["exposure"]
    assert after <= before + 1e-12


@settings(max_examples=25, deadline=None)
@given(extra=EVIDENCE, n=st.integers(1, 3))
def test_scores_stay_in_their_ranges(extra, n):
    r = lockin(chip_graph(n, extra))
    for arr in (r.switching_cost, r.dependence, r.coverage, r.hhi, r.percentile):
        assert ((arr >= 0) & (arr <= 1)).all()
    # unit node weights: lock-in exerted is at most every other company fully impaired
    assert ((r.lockin >= 0) & (r.lockin <= len(r.nodes) - 1)).all()
    assert np.all(r.indirect >= 0)


@settings(max_examples=25, deadline=None)
@given(extra=EVIDENCE, n=st.integers(1, 3), strangers=st.integers(1, 4))
def test_unrelated_companies_change_no_existing_score(extra, n, strangers):
    G = chip_graph(n, extra)
    before = lockin(G)
    for k in range(strangers):
        claim(G, f"org/s{k}", f"org/t{k}", f"far{k}", "supplies", f"S{k} sells to T{k}.")
    after = lockin(G)
    for node in before.nodes:
        a, b = after.company(node), before.company(node)
        assert a.pop("spof") == b.pop("spof")
        assert a == pytest.approx(b)


def test_sole_supplier_is_a_single_point_of_failure_even_inside_a_supplier_cycle():
    # meta relies on nvidia alone; nvidia and intel supply each other (no ultimate supplier)
    G = supply_chain(("meta", "nvidia"), ("nvidia", "intel"), ("intel", "nvidia"))
    r = lockin(G)
    assert r.spof["meta"] == ("nvidia",)
    assert r.company("meta")["spof"] == ["nvidia"]
    assert r.spof["nvidia"] == ("intel",) and r.spof["intel"] == ("nvidia",)


def test_two_suppliers_leave_no_single_point_of_failure_but_a_shared_foundry_is_one():
    r = lockin(supply_chain(("c", "v"), ("c", "w"), ("v", "f"), ("w", "f")))
    assert r.spof["c"] == ("f",)
    r = lockin(supply_chain(("c", "v"), ("c", "w")))
    assert r.spof["c"] == ()
