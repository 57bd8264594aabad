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


def _money(text: str, value: float) -> ClaimQuantity:
    return ClaimQuantity(kind="money", value=value, normalized=value, unit="USD", text=text)


@pytest.mark.parametrize(
    ("sentence", "amounts", "expected"),
    [
        ("Orbita committed $38B of its $100B compute budget to Halcyon.", (38e9, 100e9), 0.38),
        ("Halcyon wins $38B of Orbita's $1.4 trillion in compute commitments.", (38e9, 1.4e12),
         38e9 / 1.4e12),
        ("Orbita put $40B of its $50B budget into Halcyon chips.", (40e9, 50e9), 0.8),
        # a total of someone else, or two amounts in no part-of frame, say nothing
        ("Orbita committed $38B to Halcyon, whose revenue is $100B.", (38e9, 100e9), None),
        ("Halcyon committed $38B of its $100B budget to Orbita chips.", (38e9, 100e9), None),
        ("Orbita spent $60B of its $50B budget with Halcyon.", (60e9, 50e9), None),
    ],
)  # fmt: skip
def test_committed_spend_over_a_stated_total_is_the_customers_share(sentence, amounts, expected):
    texts = [t for t in sentence.replace(",", " ").split() if t.startswith("$")]
    if "trillion" in sentence:
        texts[1] = "$1.4 trillion"
    numbers = tuple(_money(t.rstrip("."), v) for t, v in zip(texts, amounts, strict=True))
    c = Claim(key="k", subject="s", object="c", predicate="supplies", role="supply",
              evidence=sentence, quantity=numbers[0], quantities=numbers)  # fmt: skip
    found = stated_shares(c, customer=["Orbita"], supplier=["Halcyon"])
    assert [s.value for s in found] == ([] if expected is None else [pytest.approx(expected)])


def test_committed_spend_sets_reliance_and_explain_names_the_total():
    from vendorgraph.analysis.explain import explain_edge

    G = supply_chain(("a", "b"), ("a", "c"))
    text = "a committed $30B of its $120B compute budget to b."
    big = {"kind": "money", "value": 120e9, "normalized": 120e9, "text": "$120B", "span": (0, 0)}
    part = {"kind": "money", "value": 30e9, "normalized": 30e9, "text": "$30B"}
    claim(G, "b", "a", "q", "supplies", text, span=(0, len(text)), quantity=part)
    G.graph["quantities"] = [
        {**big, "article": "art/test", "span": (text.index("$120B"), text.index("$120B") + 5)}
    ]
    r = lockin(G)
    assert r.reliance[r.edges.index(("a", "b"))] == pytest.approx(0.25)
    assert explain_edge(G, "a", "b").reliance_basis.startswith(
        "stated in the text: $30B of a stated $120B"
    )


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
