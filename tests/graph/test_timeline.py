"""Claims keep their date; windows limit when a relation is active; diff lists the changes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.graph._multi import deal
from vendorgraph.errors import InputError
from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.timeline import diff, is_known


def _corpus():
    return [
        deal("Kestrel supplies Nimbus.", published="2024-03-01", end="2025-03"),
        deal("Orca supplies Nimbus.", published="2025-05-01", names=("Orca", "Nimbus")),
    ]


@pytest.mark.parametrize(
    ("as_of", "edges"),
    [("2024-01-01", []), ("2024-06-30", ["org/kestrel"]), ("2025-03-31", ["org/kestrel"]),
     ("2025-06-30", ["org/orca"])],
)  # fmt: skip
def test_as_of_keeps_published_and_active_claims(as_of, edges):
    G = to_networkx(to_dataset(_corpus()), as_of=as_of)
    assert sorted(u for u, _ in G.edges()) == edges
    assert G.graph["as_of"] == as_of


def test_diff_lists_appeared_and_ended_and_scores():
    d = diff(_corpus(), "2024-12-31", "2025-06-30", scores_from={"org/nimbus": 0.4},
             scores_to={"org/nimbus": 0.25})  # fmt: skip
    assert d.appeared == (("org/orca", "supplies", "org/nimbus"),)
    assert d.ended == (("org/kestrel", "supplies", "org/nimbus"),)
    assert d.new_entities == ("org/orca",)
    assert d.scores[0].delta == pytest.approx(-0.15)


def test_bad_date_is_an_input_error():
    with pytest.raises(InputError, match=r"'June' is not an ISO date"):
        to_networkx(_corpus(), as_of="June")


def test_a_date_that_is_not_iso_in_an_article_is_unknown_not_an_error():
    first = _corpus()[0]
    undated = replace(first, document=replace(first.document, published="soon"))
    assert is_known(undated, "2020-01-01")
    assert not is_known(first, "2020-01-01")
