from __future__ import annotations

import networkx as nx
import pytest

from tests.analysis.graphs import claim
from vendorgraph.analysis.dependencies import dependency_graph
from vendorgraph.analysis.explain import explain_company, explain_edge
from vendorgraph.analysis.gaps import (
    edge_gaps,
    evidence_gaps,
    unbacked_suppliers,
    unlinked_companies,
)
from vendorgraph.analysis.lockin import lockin
from vendorgraph.analysis.weights import FACTORS

NODES = [
    ("org/lab", "AILab", "Lumen Lab"),
    ("org/chips", "ChipVendor", "Chipco"),
    ("org/other", "ChipVendor", "Otherchip"),
    ("org/cloud", "CloudProvider", "Nimbus"),
    ("org/paper", "Publisher", "Daily Wire"),
]


def bare() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(articles={}, quotes=[])
    for n, t, label in NODES:
        G.add_node(n, type=t, label=label, aliases=[])
    claim(G, "org/chips", "org/lab", "s", "supplies", "Chipco sells parts to Lumen Lab.")
    return G


def test_an_edge_with_no_evidence_lists_every_factor_and_the_sentence_that_would_fill_it():
    G = bare()
    gaps = edge_gaps(lockin(G), ("org/lab", "org/chips"))
    assert tuple(g.factor for g in gaps) == FACTORS
    assert sum(g.weight for g in gaps) == pytest.approx(1.0)
    migration = next(g for g in gaps if g.factor == "migration")
    assert "migrat" in migration.cues and "moving off the supplier" in migration.wanted


@pytest.mark.parametrize(
    ("sentence", "filled"),
    [
        ("Moving Lumen Lab off Chipco would need a costly migration.", "migration"),
        ("Lumen Lab's developers built their software on Chipco's toolchain.", "learning"),
        ("Lumen Lab signed a $2 billion deal with Chipco.", "contractual"),
    ],
)
def test_a_sentence_of_the_kind_asked_for_closes_its_gap(sentence, filled):
    G = bare()
    before = evidence_gaps(G, lockin(G)).edges["org/lab", "org/chips"]
    quantity = None
    if "$" in sentence:
        quantity = {"kind": "money", "text": "$2 billion", "value": 2e9, "normalized": 2e9}
    claim(G, "org/chips", "org/lab", "x", "supplies", sentence, quantity=quantity)
    after = evidence_gaps(G, lockin(G)).edges["org/lab", "org/chips"]
    assert filled in before and filled not in after
    assert set(after) == set(before) - {filled}


def test_a_supplier_named_without_a_claim_is_listed_until_a_claim_backs_it():
    G = bare()
    claim(G, "org/chips", "org/lab", "s2", "supplies", "Chipco, not Otherchip, ships to Lumen Lab.")
    assert unbacked_suppliers(G, dependency_graph(G)) == {"org/lab": ("org/other",)}
    claim(G, "org/other", "org/lab", "s3", "supplies", "Otherchip ships to Lumen Lab too.")
    assert unbacked_suppliers(G, dependency_graph(G)) == {}


def test_companies_with_no_dependency_are_listed_but_publishers_are_not():
    G = bare()
    assert unlinked_companies(G, dependency_graph(G)) == ("org/cloud", "org/other")


def test_company_gaps_say_how_much_of_the_lock_in_exerted_is_prior():
    G = bare()
    all_prior = evidence_gaps(G, lockin(G)).companies["org/chips"]
    assert all_prior.prior_share == pytest.approx(1.0)
    assert all_prior.all_prior == ("org/lab",)
    claim(G, "org/lab", "org/chips", "d", "depends_on", "Lumen Lab needs Chipco's parts.")
    some = evidence_gaps(G, lockin(G)).companies["org/chips"]
    assert 0 < some.prior_share < 1 and some.all_prior == ()
    assert "scarcity" not in some.unknown_everywhere


def test_explain_carries_the_gaps_of_an_edge_and_of_a_company():
    G = bare()
    claim(G, "org/chips", "org/lab", "s2", "supplies", "Chipco, not Otherchip, ships to Lumen Lab.")
    e = explain_edge(G, "Lumen Lab", "Chipco")
    assert [g.factor for g in e.gaps] == list(e.unknown)
    assert e.unbacked == ("org/other",)
    c = explain_company(G, "Chipco")
    assert c.gaps is not None and c.gaps.all_prior == ("org/lab",)
