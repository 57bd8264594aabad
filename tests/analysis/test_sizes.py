from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.graphs import claim, supply_chain
from vendorgraph.analysis.lockin import lockin
from vendorgraph.analysis.options import ScoringOptions
from vendorgraph.analysis.sizes import size_weights, stated_sizes
from vendorgraph.errors import InputError


def sized(sentence: str, number: str, value: float) -> nx.MultiDiGraph:
    G = supply_chain(("org/lab", "org/chips"))
    G.nodes["org/chips"]["label"], G.nodes["org/lab"]["label"] = "Chipco", "Lumen"
    claim(G, "org/chips", "org/lab", "r", "supplies", sentence, span=(100, 100 + len(sentence)))
    at = 100 + sentence.index(number)
    G.graph["quantities"] = [
        {"article": "art/test", "span": (at, at + len(number)), "kind": "money",
         "text": number, "value": value, "normalized": value, "about": None}
    ]  # fmt: skip
    return G


@pytest.mark.parametrize(
    ("sentence", "number", "basis", "expected"),
    [
        ("Chipco, with $250B in annual revenue, ships to Lumen.", "$250B", "revenue", 2.5),
        ("Chipco's revenue reached $50B as it shipped to Lumen.", "$50B", "revenue", 0.5),
        ("Chipco, valued at $3 trillion, ships to Lumen.", "$3 trillion", "market_value", 3.0),
        # an amount that is not a size (a deal) leaves the unit weight
        ("Chipco signed a $250B deal to ship to Lumen.", "$250B", "revenue", 1.0),
        ("Chipco, with $250B in annual revenue, ships to Lumen.", "$250B", "market_value", 1.0),
    ],
)
def test_stated_size_over_a_fixed_reference_is_the_node_weight(sentence, number, basis, expected):
    amount = number.removeprefix("$").removesuffix("B").removesuffix(" trillion")
    value = float(amount) * (1e12 if "trillion" in number else 1e9)
    G = sized(sentence, number, value)
    weights = size_weights(G, basis=basis)
    assert weights["org/chips"] == pytest.approx(expected)
    assert weights["org/lab"] == 1.0  # no size stated: one reference company


def test_a_bigger_customer_makes_its_supplier_exert_more_lock_in():
    G = sized("Lumen, with $300B in revenue, buys from Chipco.", "$300B", 3e11)
    unit = lockin(G).company("org/chips")["lockin"]
    weighted = lockin(G, options=ScoringOptions(sizes="revenue")).company("org/chips")["lockin"]
    assert weighted == pytest.approx(3 * unit)


@settings(max_examples=20, deadline=None)
@given(strangers=st.integers(1, 4), revenue=st.floats(1e9, 1e12))
def test_unrelated_companies_change_no_size_weight_nor_score(strangers, revenue):
    G = sized("Chipco, with $9B in revenue, ships to Lumen.", "$9B", revenue)
    before_v = size_weights(G)
    before = lockin(G, options=ScoringOptions(weights=before_v))
    for k in range(strangers):
        claim(G, f"org/s{k}", f"org/t{k}", f"far{k}", "supplies", f"S{k} sells to T{k}.")
    after_v = size_weights(G)
    assert {n: after_v[n] for n in before_v} == before_v
    after = lockin(G, options=ScoringOptions(sizes="revenue"))
    for node in before.nodes:
        a, b = after.company(node), before.company(node)
        assert a.pop("spof") == b.pop("spof")
        assert a == pytest.approx(b)


def test_an_unknown_basis_is_refused():
    with pytest.raises(InputError, match="size basis 'profit'"):
        stated_sizes(nx.MultiDiGraph(), basis="profit")


def test_scoring_options_freeze_what_they_are_given():
    opts = ScoringOptions(weights={"b": 2.0, "a": 1.0}, rules=[])
    assert opts.weights == (("a", 1.0), ("b", 2.0)) and opts.rules == ()
    with pytest.raises(InputError, match="size basis 'profit'"):
        ScoringOptions(sizes="profit")
