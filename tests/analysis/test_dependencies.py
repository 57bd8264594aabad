from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from tests.analysis.graphs import claim, seed_like_graph, supply_chain
from vendorgraph.analysis.dependencies import dependency_graph, impact_matrix


def test_direction_on_three_company_chain_dependent_points_to_provider():
    # a buys from b, b buys from c: edges a -> b -> c; W[j, i] = D[i, j]
    deps = dependency_graph(supply_chain(("a", "b"), ("b", "c")))
    assert sorted(deps.edges()) == [("a", "b"), ("b", "c")]
    nx.set_edge_attributes(deps, {("a", "b"): 0.5, ("b", "c"): 0.4}, "dependence")
    W = impact_matrix(deps, nodelist=["a", "b", "c"]).toarray()
    expected = np.array([[0, 0, 0], [0.5, 0, 0], [0, 0.4, 0]])  # b's loss hurts a; c's hurts b
    np.testing.assert_array_equal(W, expected)


@pytest.mark.parametrize(
    ("predicate", "subject", "obj", "edge"),
    [
        ("supplies", "org/v", "org/c", ("org/c", "org/v")),
        ("depends_on", "org/c", "org/v", ("org/c", "org/v")),
        ("deploys", "org/c", "product/x", ("org/c", "org/v")),
        ("uses", "org/c", "product/x", ("org/c", "org/v")),
        ("integrates", "org/c", "tech/t", ("org/c", "org/v")),
        ("depends_on", "org/c", "product/x", ("org/c", "org/v")),
    ],
)
def test_claims_that_imply_a_dependency(predicate, subject, obj, edge):
    G = nx.MultiDiGraph()
    G.add_node("org/c", type="CloudProvider")
    G.add_node("org/v", type="ChipVendor")
    G.add_node("product/x", type="Chip")
    G.add_node("tech/t", type="Technology", developer="org/v")  # attribute, not an edge
    claim(G, "org/v", "product/x", "d", "develops", "V designs X.")
    claim(G, subject, obj, "k", predicate, "Some sentence.")
    assert list(dependency_graph(G).edges()) == [edge]


def test_offering_developer_falls_back_to_parent():
    G = nx.MultiDiGraph()
    G.add_node("org/c", type="CloudProvider")
    G.add_node("org/v", type="ChipVendor")
    G.add_node("product/x", type="Chip", parent="org/v")
    claim(G, "org/c", "product/x", "k", "uses", "C runs on X.")
    assert list(dependency_graph(G).edges()) == [("org/c", "org/v")]


def test_seed_like_graph_gives_one_dependency_with_its_claims_and_counter_evidence():
    deps = dependency_graph(seed_like_graph())
    assert list(deps.edges()) == [("org/aws", "org/nvidia")]
    e = deps.edges["org/aws", "org/nvidia"]
    assert [c.key for c in e["claims"]] == ["r-depend", "r-deploy", "r-integrate"]
    assert e["capabilities"] == ("product/nvidia-gpus", "tech/nvlink-fusion")
    # own accelerators count against scarcity; Graviton (a CPU) and the Nitro System (no
    # capability of the edge) do not; the export rule does not touch AWS, so it is not here
    roles = {(c.key, c.role) for c in e["counter"]}
    assert roles == {
        ("r-dev-ai", "inhouse"),
        ("r-dev-trn", "inhouse"),
        ("r-partner", "partner"),
    }


def test_restriction_attaches_only_to_edges_whose_dependent_it_touches():
    G = supply_chain(("org/x", "org/v"), ("org/y", "org/v"))
    G.add_node("org/gov", type="Government")
    claim(
        G,
        "org/gov",
        "org/v",
        "r",
        "restricts",
        "A rule bars V from selling to Y.",
        capability="org/y",
    )
    deps = dependency_graph(G)
    assert [c.key for c in deps.edges["org/y", "org/v"]["counter"]] == ["r"]
    assert deps.edges["org/x", "org/v"]["counter"] == ()


def test_as_of_drops_expired_edges_and_unpublished_claims():
    G = supply_chain(("a", "b"))
    claim(G, "c", "a", "late", "supplies", "C sells to A.", published="2030-01-01")
    claim(G, "d", "a", "old", "supplies", "D sells to A.", end="2020")
    assert sorted(dependency_graph(G).edges()) == [("a", "b"), ("a", "c"), ("a", "d")]
    assert sorted(dependency_graph(G, as_of="2026-01-01").edges()) == [("a", "b")]


def test_second_supplier_of_same_kind_is_multisource_counter_evidence():
    G = nx.MultiDiGraph()
    for n, t in [
        ("c", "CloudProvider"),
        ("v", "ChipVendor"),
        ("w", "ChipVendor"),
        ("x", "Chip"),
        ("y", "Chip"),
    ]:
        G.add_node(n, type=t)
    claim(G, "v", "x", "d1", "develops", "V makes X.")
    claim(G, "w", "y", "d2", "develops", "W makes Y.")
    claim(G, "c", "x", "u1", "deploys", "C runs X.")
    claim(G, "c", "y", "u2", "deploys", "C runs Y too.")
    deps = dependency_graph(G)
    assert [(c.key, c.role) for c in deps.edges["c", "v"]["counter"]] == [("u2", "multisource")]


def _aws_nvidia(sentence_own: str, sentence_need: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("org/aws", type="CloudProvider", label="AWS")
    G.add_node("org/nvidia", type="ChipVendor", label="Nvidia")
    G.add_node("product/aws-chips", type="Chip", label="AWS chips")
    G.add_node("product/gpus", type="Chip", label="Nvidia GPUs")
    claim(G, "org/nvidia", "product/gpus", "d", "develops", "Nvidia designs the GPUs.")
    claim(G, "org/aws", "product/aws-chips", "own", "develops", sentence_own)
    claim(G, "org/aws", "org/nvidia", "need", "depends_on", sentence_need,
          capability="product/gpus")  # fmt: skip
    return G


@pytest.mark.parametrize(
    ("own", "need", "counted"),
    [
        # one sentence, conceded in-house effort: it counts only for the dependency
        ("AWS builds its own AI chips, but needs Nvidia's most advanced GPUs.", None, False),
        # the alternative is asserted after the "but": it still counts against
        ("AWS needs Nvidia GPUs today, but its own chips will replace them.", None, True),
        # separate sentences: both count
        ("AWS also builds its own AI chips.", "AWS needs Nvidia's most advanced GPUs.", True),
    ],
)
def test_one_sentence_counts_one_way(own, need, counted):
    deps = dependency_graph(_aws_nvidia(own, need or own))
    keys = [c.key for c in deps.edges["org/aws", "org/nvidia"]["counter"]]
    assert keys == (["own"] if counted else [])


def test_substitutes_are_judged_within_a_capability():
    G = _aws_nvidia("AWS also builds its own AI chips.", "AWS needs Nvidia GPUs.")
    G.add_node("product/cpu", type="Chip", label="Graviton CPUs")
    G.add_node("product/platform", type="Product", label="Acme software platform")
    claim(G, "org/aws", "product/cpu", "cpu", "develops", "AWS makes Graviton CPUs.")
    claim(G, "org/aws", "product/platform", "sw", "develops", "AWS runs a software platform.")
    e = dependency_graph(G).edges["org/aws", "org/nvidia"]
    assert e["kinds"] == ("frontier_accelerator",)
    assert [c.key for c in e["counter"]] == ["own"]  # not the CPU, not the platform


def test_a_software_platform_is_no_substitute_for_a_cpu_vendor_but_an_own_cpu_is():
    # the lexicon knows product/xeon and product/graviton as CPUs, whatever the label says
    G = supply_chain()
    for n, t, label in [
        ("org/cloud", "CloudProvider", "Cloudco"),
        ("org/intel", "ChipVendor", "Intel"),
        ("product/xeon", "Chip", "the processors"),
        ("product/graviton", "Chip", "its own part"),
        ("product/platform", "Product", "Acme software platform"),
    ]:
        G.add_node(n, type=t, label=label)
    claim(G, "org/intel", "product/xeon", "d", "develops", "Intel makes the processors.")
    claim(G, "org/cloud", "product/xeon", "u", "deploys", "Cloudco runs the processors.")
    claim(G, "org/cloud", "product/platform", "sw", "develops", "Cloudco runs a platform.")
    e = dependency_graph(G).edges["org/cloud", "org/intel"]
    assert e["kinds"] == ("cpu",) and e["counter"] == ()
    claim(G, "org/cloud", "product/graviton", "own", "develops", "Cloudco designs its own part.")
    e = dependency_graph(G).edges["org/cloud", "org/intel"]
    assert [c.key for c in e["counter"]] == ["own"]


def test_a_restriction_on_a_sellers_goods_does_not_limit_the_sellers_own_purchases():
    # "Rules halt V's chip sales to Farland and blacklist T": V supplies C, and buys from F;
    # T, a blacklisted designer, also buys from F. V is the rule's seller, T its target.
    G = supply_chain(("org/c", "org/v"), ("org/v", "org/f"), ("org/t", "org/f"))
    G.add_node("org/gov", type="Government")
    text = "The rules halt V's chip sales to Farland and blacklist T."
    for key, obj in (("r1", "org/v"), ("r2", "org/t")):
        claim(G, "org/gov", obj, key, "restricts", text, span=(0, len(text)))
    deps = dependency_graph(G)
    roles = {e: [c.role for c in deps.edges[e]["counter"]] for e in deps.edges()}
    assert roles == {
        ("org/c", "org/v"): [],  # C is not named: whether it is in Farland the text does not say
        ("org/v", "org/f"): [],  # V's purchases are not restricted
        ("org/t", "org/f"): ["restriction"],  # T's alternatives are limited
    }


def test_restrictions_of_one_sentence_touch_every_edge_of_the_named_customer():
    # "The rule halts V's chip sales to X": X is cut off V and its other supplier H
    # becomes harder to leave; Y, another customer of V, is not named
    from vendorgraph.analysis.switching import switching_cost

    G = supply_chain(("org/x", "org/v"), ("org/x", "org/h"), ("org/y", "org/v"))
    G.add_node("org/gov", type="Government")
    text = "The rule halts V's chip sales to X."
    for key, obj in (("r1", "org/v"), ("r2", "org/x")):
        claim(G, "org/gov", obj, key, "restricts", text, span=(0, len(text)))
    deps = dependency_graph(G)
    roles = {e: [c.role for c in deps.edges[e]["counter"]] for e in deps.edges()}
    assert roles == {
        ("org/x", "org/v"): ["forced_exit"],
        ("org/x", "org/h"): ["restriction"],
        ("org/y", "org/v"): [],
    }
    assert switching_cost(G, "org/x", "org/h").factor("regulatory").value > 0.1
    assert not switching_cost(G, "org/x", "org/v").factor("regulatory").known
    assert not switching_cost(G, "org/y", "org/v").factor("regulatory").known
