"""propositions count independent sources; conflicts list real disagreements only."""

from __future__ import annotations

import networkx as nx
import pytest

from tests.graph._multi import deal
from vendorgraph.analysis.switching import switching_cost
from vendorgraph.graph.corroboration import conflicts, propositions, sources
from vendorgraph.graph.rdf import to_dataset


def test_syndicated_copies_count_once_and_dates_span():
    exs = [
        deal("Kestrel supplies Nimbus.", publisher="P1", wire="Wire A", published="2025-01-02"),
        deal("Kestrel supplies Nimbus!", publisher="P2", wire="Wire A", published="2025-01-03"),
        deal("Kestrel ships chips to Nimbus.", publisher="P3", published="2025-02-01"),
    ]
    (p,) = propositions(to_dataset(exs))
    assert (p.support, p.independent_sources) == (3, 2)
    assert (p.first_reported, p.last_reported) == ("2025-01-02", "2025-02-01")
    rows = sources(to_dataset(exs), "org/nimbus", "org/kestrel")
    assert [r.publisher for r in rows] == ["P1", "P2", "P3"]


@pytest.mark.parametrize(
    ("first", "second", "n"),
    [
        (("$38B", 38e9), ("$35 billion", 35e9), 1),
        (("$38B", 38e9), ("$38 billion", 38e9), 0),
        (("$38B", 38e9), ("$38.2 billion", 38.2e9), 0),
    ],
)
def test_conflicts_table(first, second, n):
    a = deal(f"Kestrel supplies Nimbus for {first[0]}.", amount=first, publisher="A")
    b = deal(f"Kestrel supplies Nimbus for {second[0]}.", amount=second, publisher="B")
    found = conflicts(to_dataset([a, b]))
    assert len(found) == n
    if n:
        assert {found[0].first.text, found[0].second.text} == {first[0], second[0]}


def test_value_within_bounds_is_not_a_conflict():
    from dataclasses import replace

    a = deal("Kestrel supplies Nimbus for $1B.", amount=("$1B", 1e9), publisher="A")
    b = deal("Kestrel supplies Nimbus for billions.", amount=("billions", 2e9), publisher="B")
    vague = replace(b.quantities[0], value=None, normalized=None, lower=1e9, upper=1e12)
    b = replace(b, quantities=(vague,))
    assert conflicts([a, b]) == ()
    narrow = replace(vague, lower=5e9, upper=9e9)
    assert len(conflicts([a, replace(b, quantities=(narrow,))])) == 1


def _graph(*claims):
    G = nx.MultiDiGraph()
    G.add_node("org/a", type="CloudProvider")
    G.add_node("org/b", type="ChipVendor")
    for key, text, source, wire in claims:
        G.add_edge("org/a", "org/b", key=key, predicate="depends_on", confidence=1.0,
                   evidence=text, source=source, wire_source=wire)  # fmt: skip
    return G


def test_switching_cost_counts_wire_copies_once_and_independent_sources_more():
    text = "A needs the most advanced parts that only B makes."
    one = switching_cost(_graph(("k1", text, "P1", "Wire")), "org/a", "org/b").value
    copies = _graph(("k1", text, "P1", "Wire"), ("k2", text, "P2", "Wire"))
    independent = _graph(("k1", text, "P1", None), ("k2", text, "P2", None))
    assert switching_cost(copies, "org/a", "org/b").value == pytest.approx(one)
    assert switching_cost(independent, "org/a", "org/b").value > one


def test_shared_corpus_corroboration_and_conflicts(dev_dir, seed_path):
    from vendorgraph.loaders.documents import read_document
    from vendorgraph.loaders.pipeline import extract
    from vendorgraph.resolution import resolve_entities

    paths = [*sorted(dev_dir.glob("*.txt")), seed_path]
    ds = to_dataset(resolve_entities(extract(read_document(p)) for p in paths).extractions)
    multi = {(p.subject, p.predicate, p.object): p for p in propositions(ds)
             if len({c.article for c in p.claims}) > 1}  # fmt: skip
    assert multi[("org/nvidia", "invests_in", "org/intel")].independent_sources == 2
    assert multi[("org/nvidia", "develops", "product/nvidia-gpus")].independent_sources == 4
    assert conflicts(ds) == ()
