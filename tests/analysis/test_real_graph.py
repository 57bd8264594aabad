"""Properties of the lock-in model on the real seed + dev graph, not only on toy graphs.

The graph is built from ``../shared`` by the library (skipped with a reason when absent).
"""

from __future__ import annotations

import networkx as nx
import pytest

import vendorgraph as vg
from tests.analysis.graphs import claim
from vendorgraph.analysis.lockin import lockin
from vendorgraph.analysis.options import ScoringOptions
from vendorgraph.analysis.switching import switching_cost
from vendorgraph.graph.networkx import to_networkx

pytestmark = pytest.mark.shared

SUPPORT = [
    ("depends_on", "{a} needs the most advanced parts from {b}."),
    ("depends_on", "{a}'s developers rely on {b}'s software ecosystem."),
    ("supplies", "{b} is the sole source for {a}."),
]


@pytest.fixture(scope="module")
def real_graph(seed_path, dev_dir) -> nx.MultiDiGraph:
    return to_networkx(vg.build_graph([seed_path, dev_dir], scores=False).dataset)


def _pair_claim(G: nx.MultiDiGraph, a: str, b: str) -> dict:
    """The attributes of a claim already stated between `a` and `b` (its article and date)."""
    for u, v in ((a, b), (b, a)):
        for attrs in (G.get_edge_data(u, v) or {}).values():
            return dict(attrs)
    return {}


def test_the_real_graph_has_dependencies_to_test(real_graph):
    assert len(lockin(real_graph).edges) >= 20


@pytest.mark.parametrize(("predicate", "sentence"), SUPPORT)
def test_more_support_never_lowers_a_real_dependency(real_graph, predicate, sentence):
    edges = lockin(real_graph).edges
    for i, j in edges:
        G = real_graph.copy()
        before = switching_cost(G, i, j).value
        base = _pair_claim(G, i, j)
        a, b = G.nodes[i].get("label", i), G.nodes[j].get("label", j)
        s, o = (j, i) if predicate == "supplies" else (i, j)
        text = sentence.format(a=a, b=b)
        attrs = {k: base[k] for k in ("article", "source", "published") if k in base}
        claim(G, s, o, "added-support", predicate, text, **attrs)
        after = switching_cost(G, i, j).value
        assert after >= before - 1e-12, (i, j, before, after)


def _strangers(G: nx.MultiDiGraph, published: str) -> nx.MultiDiGraph:
    G = G.copy()
    for k in range(4):
        G.add_node(f"org/stranger-{k}", type="Organization", label=f"Stranger {k}")
        G.add_node(f"org/far-{k}", type="CloudProvider", label=f"Far {k}")
        claim(G, f"org/far-{k}", f"org/stranger-{k}", f"far{k}", "supplies", f"Far {k} sells.",
              published=published)  # fmt: skip
    return G


def _same_scores(before, after) -> None:
    for node in before.nodes:
        a, b = after.company(node), before.company(node)
        assert a.pop("spof") == b.pop("spof")
        assert a == pytest.approx(b), node


def test_unrelated_companies_change_no_score_on_the_real_graph(real_graph):
    dates = sorted(d for *_, d in real_graph.edges(data="published") if d and len(d) == 10)
    _same_scores(lockin(real_graph), lockin(_strangers(real_graph, dates[-1])))


def test_with_a_fixed_date_a_later_unrelated_article_changes_no_score(real_graph):
    """Scores are as of the newest article unless `as_of` is given; then nothing moves."""
    options = ScoringOptions(as_of="2026-06-30")
    later = _strangers(real_graph, "2026-06-01")
    _same_scores(lockin(real_graph, options=options), lockin(later, options=options))
