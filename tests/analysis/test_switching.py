from __future__ import annotations

import math
from datetime import date

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.graphs import claim, seed_like_graph, supply_chain
from vendorgraph.analysis.dependencies import dependency_graph
from vendorgraph.analysis.factors import claim_weight, load_rules, saturate
from vendorgraph.analysis.lockin import lockin
from vendorgraph.analysis.switching import switching_cost
from vendorgraph.analysis.weights import FACTORS, load_parameters, validate_weights
from vendorgraph.errors import InputError, UnknownEntityError

PRIOR_COST = 0.255  # .2*.3 + .2*.3 + .15*.3 + .15*.2 + .1*.2 + .1*.3 + .05*.1 + .05*.1


def test_default_weights_are_documented_values():
    p = load_parameters()
    assert p.weight_vector() == (0.2, 0.2, 0.15, 0.15, 0.1, 0.1, 0.05, 0.05)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("[weights]\nintegrity = 1.0\n", "unknown name weights.integrity"),
        (
            "[weights]\n"
            + "".join(f"{f} = 0.125\n" for f in FACTORS[:-1])
            + "regulatory = -0.125\n",
            r"weights.regulatory = -0.125: give a number in \[0, 1\]",
        ),
        ("[weights]\n" + "".join(f"{f} = 0.2\n" for f in FACTORS), "sum to 1.6"),
        ("[weights\n", "not valid TOML"),
    ],
)
def test_user_weights_file_is_validated(tmp_path, text, match):
    path = tmp_path / "w.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=match):
        load_parameters(path)


def test_user_weights_file_overrides_weights(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text("[weights]\n" + "".join(f"{f} = 0.125\n" for f in FACTORS))
    assert load_parameters(path).weights["scarcity"] == 0.125
    assert load_parameters(path).priors["scarcity"] == 0.3


def test_missing_weights_file_is_an_input_file_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="cannot read weights file"):
        load_parameters(tmp_path / "absent.toml")


def test_missing_factor_is_named():
    with pytest.raises(InputError, match="miss factors"):
        validate_weights({"integration": 1.0})


def test_saturation_is_logarithmic():
    assert saturate(1e6, 1e6) == 1.0
    assert saturate(2e6, 1e6) == 1.0
    assert saturate(99.0, 9999.0) == pytest.approx(0.5)


def test_bare_supply_edge_is_all_priors_and_unknown():
    sc = switching_cost(supply_chain(("a", "b")), "a", "b")
    assert sc.value == pytest.approx(PRIOR_COST)
    assert sc.coverage == 0.0
    assert all(not f.known and f.value == f.prior for f in sc.factors)


def test_seed_like_edge_factors_hand_computed():
    sc = switching_cost(seed_like_graph(), "org/aws", "org/nvidia")
    # integration: c = .9 (conf) * .9 (planned) = .81, m = .85 (co-design)
    #   s = 1 - (1 - .3)(1 - .81*.85) = .78195
    assert sc.factor("integration").value == pytest.approx(1 - 0.7 * (1 - 0.81 * 0.85))
    # contractual: one million GPUs on the count scale (u = 1e3, T = 1e7):
    #   m = log(1 + 1e3) / log(1 + 1e4) = .75 (beats the .6 of the "to 2027" end); c = .81
    m = math.log1p(1e3) / math.log1p(1e4)
    assert sc.factor("contractual").value == pytest.approx(1 - 0.8 * (1 - 0.81 * m))
    # scarcity: + needs most advanced (c=1, m=.8); - own chips (sentence counted once, c=1,
    #   m=.6) and homegrown AI chips (c=.8, m=.6):
    #   s+ = 1 - .7*.2 = .86; s- = 1 - (1-.6)(1-.48) = .792; s = .86 * .208
    assert sc.factor("scarcity").value == pytest.approx(0.86 * 0.208)
    # relational: fifteen years on T = 20 -> log 16 / log 21
    m = math.log(16) / math.log(21)
    assert sc.factor("relational").value == pytest.approx(1 - 0.9 * (1 - m))
    assert [f.name for f in sc.factors if not f.known] == [
        "learning",
        "data_context",
        "migration",
        "regulatory",
    ]
    assert sc.value == pytest.approx(sum(f.weight * f.value for f in sc.factors))


def test_expired_contract_stops_counting():
    G = seed_like_graph()
    before = switching_cost(G, "org/aws", "org/nvidia", as_of="2027-06-30")
    after = switching_cost(G, "org/aws", "org/nvidia", as_of="2028-01-01")
    keys = [s.evidence.claim.key for s in after.factor("contractual").evidence]
    assert before.factor("contractual").known and keys == ["r-deploy"]
    assert not after.factor("contractual").known  # weight 0 once the window closed


def test_time_decay_halves_weight_each_half_life():
    deps = dependency_graph(seed_like_graph())
    c = deps.edges["org/aws", "org/nvidia"]["claims"][0]
    assert claim_weight(c, as_of=date(2025, 12, 2)) == pytest.approx(1.0)
    assert claim_weight(c, as_of=date(2028, 12, 2)) == pytest.approx(0.5, abs=1e-3)


def test_copies_of_the_same_story_count_once():
    one = supply_chain(("a", "b"))
    claim(one, "a", "b", "k1", "depends_on", "A needs the most advanced parts from B.")
    two = one.copy()
    claim(two, "a", "b", "k2", "depends_on", "A needs the most advanced parts from B.")
    claim(two, "a", "b", "k3", "depends_on", "A  needs the most advanced parts from B. ")
    assert switching_cost(two, "a", "b").value == pytest.approx(switching_cost(one, "a", "b").value)
    other = one.copy()
    claim(
        other,
        "a",
        "b",
        "k2",
        "depends_on",
        "A needs the most advanced parts from B.",
        source="Another Paper",
    )
    assert switching_cost(other, "a", "b").value > switching_cost(one, "a", "b").value


def test_leave_one_out_contributions_of_single_claims_are_exact():
    sc = switching_cost(seed_like_graph(), "org/aws", "org/nvidia")
    f = sc.factor("integration")
    (only,) = f.evidence
    assert only.contribution == pytest.approx(f.weight * (f.value - f.prior))


def test_unknown_edge_raises():
    with pytest.raises(UnknownEntityError, match="no dependency 'b' -> 'a'"):
        switching_cost(supply_chain(("a", "b")), "b", "a")


def test_vectorised_table_agrees_with_per_edge_path():
    G = seed_like_graph()
    claim(G, "org/nvidia", "org/acme", "x1", "supplies", "Nvidia is the sole source for Acme.")
    G.nodes["org/acme"]["type"] = "AILab"
    r = lockin(G)
    for e, (i, j) in enumerate(r.edges):
        assert r.switching_cost[e] == pytest.approx(switching_cost(G, i, j).value, abs=1e-12)
        assert r.coverage[e] == pytest.approx(switching_cost(G, i, j).coverage, abs=1e-12)


def test_rules_cover_every_factor():
    assert {r.factor for r in load_rules()} == set(FACTORS)


def test_bad_rule_file_is_rejected(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[[rule]]\nfactor = "luck"\npolarity = 1\n')
    with pytest.raises(InputError, match="rule factor 'luck' is unknown"):
        load_rules(path)


SUPPORT = st.sampled_from(
    [
        ("depends_on", "A needs the most advanced parts from B."),
        ("integrates", "A will co-design its boards with B's interconnect."),
        ("depends_on", "A's developers rely on B's software ecosystem."),
        ("deploys", "A signed a multi-year commitment for B's chips."),
        ("uses", "Moving off B would need a costly migration."),
        ("supplies", "B is the sole source."),
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    base=st.lists(SUPPORT, max_size=4),
    extra=SUPPORT,
    conf=st.floats(0.05, 1.0),
    counter=st.booleans(),
)
def test_more_supporting_evidence_never_lowers_switching_cost(base, extra, conf, counter):
    G = supply_chain(("a", "b"))
    G.add_node("x", type="Chip")
    claim(G, "b", "x", "dx", "develops", "B makes X.")
    claim(G, "a", "x", "ux", "uses", "A runs X.")  # the capability stays the same throughout
    if counter:
        G.add_node("y", type="Chip")
        claim(G, "a", "y", "own", "develops", "A builds its own chips.")
    for k, (pred, text) in enumerate(base):
        s, o = (
            ("b", "a") if pred == "supplies" else ("a", "x" if pred in ("deploys", "uses") else "b")
        )
        claim(G, s, o, f"k{k}", pred, text, capability="x")
    before = switching_cost(G, "a", "b").value
    pred, text = extra
    s, o = ("b", "a") if pred == "supplies" else ("a", "x" if pred in ("deploys", "uses") else "b")
    claim(G, s, o, "new", pred, text + " (again)", confidence=conf, capability="x")
    assert switching_cost(G, "a", "b").value >= before - 1e-12
    assert 0.0 <= before <= 1.0


def test_switching_costs_stay_in_unit_interval_for_extreme_evidence():
    G = supply_chain(("a", "b"))
    for k in range(30):
        claim(
            G,
            "a",
            "b",
            f"k{k}",
            "depends_on",
            f"A needs the most advanced part {k}; "
            "the software ecosystem, its data and a migration tie it; an exclusive deal.",
        )
    sc = switching_cost(G, "a", "b")
    assert 0.0 <= sc.value <= 1.0
    assert np.isclose(sum(f.contribution for f in sc.factors), sc.value)
    assert isinstance(nx.DiGraph(), nx.DiGraph)
