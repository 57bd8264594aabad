from __future__ import annotations

import pytest

from tests.analysis.graphs import claim, seed_like_graph, supply_chain
from vendorgraph.analysis.lockin import lockin
from vendorgraph.analysis.robustness import robustness
from vendorgraph.errors import InputError


def graph():
    G = seed_like_graph()
    claim(G, "org/nvidia", "org/lab", "s1", "supplies", "Nvidia sells to the lab.")
    claim(G, "org/aws", "org/lab", "s2", "supplies", "The cloud arm hosts the lab.")
    G.nodes["org/lab"]["type"] = "AILab"
    return G


def test_robustness_is_seeded_and_summarises_each_company():
    a = robustness(graph(), draws=60, seed=7)
    b = robustness(graph(), draws=60, seed=7)
    assert a == b
    top = max(a.companies, key=lambda c: c.median)
    assert top.id == "org/nvidia" and top.p_top3 == 1.0
    for c in a.companies:
        assert c.low <= c.median <= c.high and 1 <= c.rank_low <= c.rank_high <= 3
    assert -1.0 <= a.median_tau <= 1.0
    assert (a.edges[0].dependent, a.edges[0].provider) == ("org/aws", "org/nvidia")


def test_wide_intervals_are_flagged_low_confidence():
    G = supply_chain(("a", "b"))
    for k, text in enumerate(
        [
            "A needs the most advanced parts.",
            "A will co-design it.",
            "A signed a multi-year commitment.",
            "Leaving needs a migration.",
        ]
    ):
        claim(G, "a", "b", f"k{k}", "depends_on", text)
    r = robustness(G, draws=80, seed=3, wide=0.0)
    assert r.edges[0].low_confidence
    assert not robustness(G, draws=80, seed=3).edges[0].low_confidence


def test_bad_draws_rejected():
    with pytest.raises(InputError, match="draws=0"):
        robustness(supply_chain(("a", "b")), draws=0)


def test_interval_width_falls_as_coverage_rises():
    # three edges: no evidence, one claim, six claims on six factors
    G = supply_chain(("c", "d"), ("e", "f"), ("a", "b"))
    claim(G, "e", "f", "x", "depends_on", "E needs the most advanced parts.")
    for k, text in enumerate(
        [
            "A needs the most advanced parts.",
            "A will co-design it.",
            "A signed a multi-year commitment.",
            "Leaving needs a migration.",
            "Its software ecosystem holds the developers.",
            "The context layer holds its data.",
        ]
    ):
        claim(G, "a", "b", f"k{k}", "depends_on", text)
    r = robustness(G, draws=300, seed=11)
    ref = lockin(G)
    coverage = dict(zip(ref.edges, ref.coverage.tolist(), strict=True))
    width = {(e.dependent, e.provider): e.high - e.low for e in r.edges}
    by_coverage = sorted(width, key=coverage.get)
    assert [e[0] for e in by_coverage] == ["c", "e", "a"]
    assert width["c", "d"] > width["e", "f"] > width["a", "b"]


def test_tau_counts_only_companies_that_are_not_zero_in_every_draw():
    r = robustness(graph(), draws=40, seed=2)
    assert r.tau_companies == 2  # nvidia and aws supply someone; the lab supplies no one
    assert r.draws == 40 and r.seed == 2
