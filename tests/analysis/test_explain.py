from __future__ import annotations

import pytest

from tests.analysis.graphs import claim, seed_like_graph, supply_chain
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


def test_explain_separates_prior_from_evidence_and_says_what_is_unknown():
    e = explain_edge(seed_like_graph(), "AWS", "Nvidia")
    assert e.from_evidence + e.from_prior == pytest.approx(e.switching_cost)
    assert e.unknown == ("learning", "data_context", "migration", "regulatory")
    assert e.from_prior == pytest.approx(0.15 * 0.3 + 0.15 * 0.2 + 0.1 * 0.3 + 0.05 * 0.1)
    assert "four factors unknown (learning, data_context, migration, regulatory)" in e.summary
    assert e.reliance_basis.startswith("no share stated") and e.reliance_claims == ()


def test_explain_names_the_article_speaker_and_shows_each_sentence_once():
    G = seed_like_graph()
    G.graph["articles"] = {"art/test": {"title": "A test story", "url": "https://example.org/a"}}
    G.nodes["person/jane-doe"]["label"] = "Jane Doe"
    # the same sentence from a second claim: shown once, and leaving the story out moves the cost
    claim(G, "org/aws", "org/nvidia", "r-depend-2", "depends_on",
          "Customer demand means the cloud arm needs Nvidia's most advanced GPUs.",
          capability="product/nvidia-gpus")  # fmt: skip
    e = explain_edge(G, "AWS", "Nvidia")
    scarcity = next(f for f in e.factors if f.name == "scarcity")
    need = [c for c in scarcity.claims if "most advanced" in c.sentence]
    assert len(need) == 1 and need[0].contribution > 0
    assert (need[0].title, need[0].url, need[0].speaker_label) == (
        "A test story",
        "https://example.org/a",
        "Jane Doe",
    )


def test_explain_shows_the_stated_share_behind_reliance():
    G = supply_chain(("a", "b"))
    share = {"kind": "percent", "value": 40.0, "normalized": 0.4, "text": "40%"}
    claim(G, "b", "a", "q", "supplies", "b now serves 40% of a's compute.", quantity=share)
    e = explain_edge(G, "a", "b")
    assert e.reliance == pytest.approx(0.4)
    assert e.reliance_basis == "stated in the text: 40% of the customer's need (0.40)"
    assert [c.sentence for c in e.reliance_claims] == ["b now serves 40% of a's compute."]
