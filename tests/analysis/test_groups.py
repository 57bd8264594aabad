from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.graphs import claim
from vendorgraph.analysis.dependencies import dependency_graph
from vendorgraph.analysis.groups import corporate_parents, group_graph, group_members
from vendorgraph.analysis.lockin import company_records, dependency_records, lockin


def company(G: nx.MultiDiGraph, n: str, type_: str = "Organization", parent: str | None = None):
    G.add_node(n, type=type_, label=n.partition("/")[2].title(), aliases=[], parent=parent)


def two_arms() -> nx.MultiDiGraph:
    """A lab buying TPUs from Gee and capacity from Gee Cloud, a unit of Gee; Vee sells chips."""
    G = nx.MultiDiGraph(articles={}, quotes=[])
    company(G, "org/lab", "AILab")
    company(G, "org/gee", "ChipVendor")
    company(G, "org/gee-cloud", "CloudProvider", parent="org/gee")
    company(G, "org/vee", "ChipVendor")
    G.add_node("product/tpu", type="Chip", label="TPU")
    claim(G, "org/gee", "product/tpu", "d", "develops", "Gee designs the TPU.")
    claim(G, "org/lab", "product/tpu", "u", "deploys", "The lab trains on TPUs.")
    claim(G, "org/gee-cloud", "org/lab", "s", "supplies", "Gee Cloud rents capacity to the lab.")
    claim(G, "org/vee", "org/gee", "v", "supplies", "Vee ships parts to Gee.")
    return G


def test_a_customer_of_a_company_and_its_cloud_arm_only_is_not_diversified():
    G = two_arms()
    entity = lockin(G)
    assert entity.company("org/lab")["hhi"] == pytest.approx(0.5)
    assert entity.spof["org/lab"] == ()
    group = lockin(group_graph(G))
    assert group.company("org/lab")["hhi"] == pytest.approx(1.0)
    assert group.spof["org/lab"] == ("org/gee", "org/vee")
    assert "org/gee-cloud" not in group.nodes
    # the lab is one customer of one supplier: its need is served once, not twice
    (edge,) = [d for d in dependency_records(group) if d["dependent"] == "org/lab"]
    assert edge["provider"] == "org/gee" and edge["reliance"] == 1.0


def test_group_edges_pool_exactly_the_claims_between_groups():
    G = two_arms()
    claim(G, "org/gee", "org/gee-cloud", "in", "supplies", "Gee supplies its cloud unit.")
    entity, group = dependency_graph(G), dependency_graph(group_graph(G))
    keys = {c.key for *_, cs in entity.edges(data="claims") for c in cs}
    pooled = [c.key for *_, cs in group.edges(data="claims") for c in cs]
    assert sorted(pooled) == sorted(keys - {"in"})  # each claim once; none inside a group
    assert not any(i == j for i, j in group.edges())


def test_a_group_with_one_member_in_a_dependency_changes_nothing():
    G = two_arms()
    company(G, "org/parent-of-vee", "Organization")
    G.nodes["org/vee"]["parent"] = "org/parent-of-vee"  # an owner with no dependency of its own
    for n in range(2):  # and a group that takes part in no dependency at all
        company(G, f"org/far{n}", "Organization", parent="org/far0" if n else None)
    claim(G, "org/far0", "org/far1", "o", "owns", "Far0 owns Far1.")
    alone = lockin(group_graph(two_arms()))
    both = lockin(group_graph(G))
    assert company_records(both) == company_records(alone)
    assert dependency_records(both) == dependency_records(alone)


@settings(max_examples=20, deadline=None)
@given(perm=st.permutations(range(5)))
def test_renaming_nodes_changes_no_group_score(perm):
    G = two_arms()
    names = sorted(G)
    mapping = {n: f"org/n{perm[k]}" for k, n in enumerate(names)}
    H = nx.relabel_nodes(G, mapping)
    for n, parent in list(H.nodes(data="parent")):
        H.nodes[n]["parent"] = mapping.get(parent, parent)
    a, b = lockin(group_graph(G)), lockin(group_graph(H))
    assert sorted(mapping[n] for n in a.nodes) == sorted(b.nodes)
    for n in a.nodes:
        x, y = a.company(n), b.company(mapping[n])
        assert [mapping[s] for s in x.pop("spof")] == y.pop("spof")
        x.pop("id"), y.pop("id")
        assert x == pytest.approx(y)


def test_an_owns_claim_makes_a_group_and_a_planned_one_does_not():
    G = two_arms()
    G.nodes["org/gee-cloud"]["parent"] = None
    claim(G, "org/gee", "org/gee-cloud", "o", "owns", "Gee owns Gee Cloud.")
    assert group_members(G) == {"org/gee": ("org/gee", "org/gee-cloud")}
    G.edges["org/gee", "org/gee-cloud", "o"]["modality"] = "planned"
    assert corporate_parents(G) == {}
    assert group_members(G) == {}


def test_group_node_answers_to_its_members_names():
    H = group_graph(two_arms())
    assert H.nodes["org/gee"]["members"] == ("org/gee", "org/gee-cloud")
    assert "Gee-Cloud" in H.nodes["org/gee"]["aliases"]
    assert H.nodes["org/lab"]["members"] == ("org/lab",)


def test_the_facade_scores_groups_by_default_and_entities_on_request():
    from vendorgraph.api import score_graph

    G = two_arms()
    grouped, apart = score_graph(G), score_graph(G, groups=False)
    assert "org/gee-cloud" not in [c["id"] for c in grouped.companies]
    assert "org/gee-cloud" in [c["id"] for c in apart.companies]
    assert grouped.explain("Lab", "Gee-Cloud").provider == "org/gee"
