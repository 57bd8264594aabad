"""Reliance is read only from shares stated about the dependency (issue 11, item 1)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.graphs import claim, supply_chain
from vendorgraph.analysis.dependencies import Claim, ClaimQuantity
from vendorgraph.analysis.lockin import lockin
from vendorgraph.analysis.shares import stated_shares


def _claim(sentence: str, text: str, value: float) -> Claim:
    q = ClaimQuantity(kind="percent", value=value, normalized=value / 100, text=text)
    return Claim(
        key="k", subject="s", object="c", predicate="supplies", role="supply",
        evidence=sentence, quantity=q, quantities=(q,),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Orbita gets 60% of its compute from Halcyon.", "60%", [("customer", 0.6)]),
        ("Halcyon now serves 45% of Orbita's GPU capacity.", "45%", [("customer", 0.45)]),
        ("Orbita accounts for 39% of Halcyon's revenue.", "39%", [("supplier", 0.39)]),
        ("Orbita made up 12% of Halcyon’s annual sales.", "12%", [("supplier", 0.12)]),
        ("The Orbita order lifted Halcyon shares 3%.", "3%", []),
        ("Rival Lumen could take 10% of Halcyon's revenue, since Orbita uses it.", "10%", []),
        ("Two customers made up 39% of revenue.", "39%", []),
        ("Orbita's capacity grew 70% on Halcyon chips.", "70%", []),
    ],
)
def test_share_is_read_only_when_it_is_about_the_pair(sentence, text, expected):
    found = stated_shares(
        _claim(sentence, text, float(text.rstrip("%"))),
        customer=["Orbita"],
        supplier=["Halcyon"],
    )
    assert [(s.side, round(s.value, 6)) for s in found] == expected


def test_share_price_move_in_a_supporting_sentence_leaves_default_reliance():
    G = supply_chain(("a", "b"))
    claim(
        G, "b", "a", "q", "supplies", "The b deal with a lifted b shares 3%.",
        quantity={"kind": "percent", "value": 3.0, "normalized": 0.03, "text": "3%"},
    )  # fmt: skip
    assert lockin(G).reliance.tolist() == [1.0]


@settings(max_examples=40, deadline=None)
@given(
    pct=st.integers(1, 99),
    frame=st.sampled_from(["lifted b shares {p}%", "grew {p}% this year", "is {p}% larger"]),
)
def test_percentages_about_something_else_never_lower_dependence(pct, frame):
    G = supply_chain(("a", "b"))
    before = lockin(G).dependence.tolist()
    text = f"{pct}%"
    claim(
        G, "b", "a", "q", "supplies", "The a order " + frame.format(p=pct) + ".",
        quantity={"kind": "percent", "value": float(pct), "normalized": pct / 100, "text": text},
    )  # fmt: skip
    assert lockin(G).dependence[0] >= before[0]
