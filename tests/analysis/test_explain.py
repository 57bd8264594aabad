from __future__ import annotations

import pytest

from tests.analysis.graphs import claim, seed_like_graph
from vendorgraph.analysis.explain import explain_company, explain_edge, resolve
from vendorgraph.errors import UnknownEntityError


@pytest.mark.parametrize(
    ("name", "node"),
    [
        ("AWS", "org/aws"),
        ("amazon web services", "org/aws"),
        ("nvidia", "org/nvidia"),
        ("NVIDIA CORP", "org/nvidia"),
        ("org/aws", "org/aws"),
        ("nvlink fusion", "tech/nvlink-fusion"),
    ],
)
def test_resolve_matches_label_alias_or_id(name, node):
    assert resolve(seed_like_graph(), name) == node


def test_resolve_lists_close_matches():
    with pytest.raises(
        UnknownEntityError, match=r"no entity named 'Nvidai'; close matches: \['Nvidia'"
    ):
        resolve(seed_like_graph(), "Nvidai")


def _claims(e, factor):
    return {c.key: c for f in e.factors if f.name == factor for c in f.claims}


def test_explain_aws_nvidia_shows_each_kind_of_evidence_with_its_sentence():
    e = explain_edge(seed_like_graph(), "AWS", "Nvidia")
    assert (e.dependent, e.provider) == ("org/aws", "org/nvidia")
    assert "NVLink Fusion" in _claims(e, "integration")["r-integrate"].sentence
    deal = _claims(e, "contractual")["r-deploy"]
    assert deal.polarity == 1 and "million" in deal.sentence
    partner = _claims(e, "relational")["r-partner"]
    assert "2011" in partner.sentence and partner.contribution > 0
    need = _claims(e, "scarcity")["r-depend"]
    assert need.polarity == 1 and need.speaker == "person/jane-doe"
    assert "most advanced" in need.sentence
    own = [c for c in _claims(e, "scarcity").values() if c.polarity < 0]
    assert {c.key for c in own} == {"r-dev-ai", "r-dev-trn"}  # Graviton is a CPU
    assert sum(c.contribution for c in own) < 0
    assert all(c.source == "Example Wire" and c.published == "2025-12-02" for c in own)
    unknown = [f for f in e.factors if not f.known]
    assert all(f.value == f.prior and f.confidence == 0 and not f.claims for f in unknown)
    assert e.switching_cost == pytest.approx(sum(f.contribution for f in e.factors))


def test_explain_company_lists_customers_and_chains():
    G = seed_like_graph()
    claim(G, "org/aws", "org/lab", "s1", "supplies", "The cloud arm hosts the lab's models.")
    G.nodes["org/lab"]["type"] = "AILab"
    e = explain_company(G, "nvidia")
    assert [c.path for c in e.customers] == [("org/nvidia", "org/aws")]
    assert e.chains[0].path == ("org/nvidia", "org/aws", "org/lab")
    assert e.indirect > 0 and e.method == "exact"
    lab = explain_company(G, "org/lab")
    assert lab.single_points_of_failure == ("org/aws", "org/nvidia")


def test_explain_unknown_dependency_raises():
    with pytest.raises(UnknownEntityError, match="no dependency 'org/nvidia' -> 'org/aws'"):
        explain_edge(seed_like_graph(), "nvidia", "aws")
