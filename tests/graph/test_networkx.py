"""to_networkx follows docs/contracts.md; summarize counts what a dataset holds."""

from __future__ import annotations

import networkx as nx
import pytest

from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.rdf import add_assessments, to_dataset
from vendorgraph.graph.summary import summarize

from .fixtures import article_a, article_b, extractions

NODE_KEYS = {"kind", "type", "label", "aliases", "wikidata", "parent", "roles"}
EDGE_KEYS = {
    "predicate", "modality", "confidence", "evidence", "span", "article", "source",
    "published", "speaker", "quote", "quantity", "start", "end", "capability", "wire_source",
}  # fmt: skip


@pytest.fixture(scope="module", params=["extractions", "dataset"])
def graph(request):
    source = extractions() if request.param == "extractions" else to_dataset(extractions())
    return to_networkx(source)


def test_entities_merge_by_id_across_articles(graph):
    assert sorted(graph.nodes) == [
        "org/halcyon-semiconductor", "org/lumen-grid", "org/orbita-cloud",
        "person/mira-okafor", "product/halcyon-h9", "tech/tessellate",
    ]  # fmt: skip
    orbita = graph.nodes["org/orbita-cloud"]
    assert set(orbita) == NODE_KEYS
    assert orbita == {
        "kind": "entity", "type": "CloudProvider", "label": "Orbita Cloud",
        "aliases": ["OC", "Orbita"], "wikidata": "Q4242", "parent": None,
        "roles": ["CloudProvider", "NeoCloud"],
    }  # fmt: skip
    assert graph.nodes["product/halcyon-h9"]["parent"] == "org/halcyon-semiconductor"


def test_one_edge_per_claim_keyed_by_relation_id(graph):
    keys = sorted(k for *_, k in graph.edges(keys=True))
    assert keys == ["r-deploy", "r-partner", "r-supply", "r-uses"]
    assert graph.has_edge("org/halcyon-semiconductor", "org/orbita-cloud", "r-supply")


def test_edge_attributes_follow_the_contract(graph):
    a = article_a()
    edge = graph.edges["org/orbita-cloud", "product/halcyon-h9", "r-deploy"]
    assert set(edge) == EDGE_KEYS
    assert edge["predicate"] == "deploys"
    assert edge["modality"] == "planned"
    assert edge["confidence"] == 0.9
    assert edge["article"] == a.document.id
    assert edge["source"] == "Example Wire"
    assert edge["published"] == "2026-03-04"
    assert edge["speaker"] == "org/orbita-cloud"
    assert edge["quote"] == "We bet the whole region on this,"
    assert edge["evidence"] == a.relations[0].span.text
    assert edge["span"] == (a.relations[0].span.start, a.relations[0].span.end)
    assert (edge["start"], edge["end"], edge["capability"]) == (None, "2027", "product/halcyon-h9")
    assert edge["quantity"] == {
        "kind": "count", "text": "20,000", "value": 20000.0, "unit": "accelerators",
        "normalized": 20000.0, "approximate": False,
    }  # fmt: skip


def test_graph_attributes_list_articles_and_quotes(graph):
    a, b = article_a(), article_b()
    assert graph.graph["articles"][a.document.id] == {
        "title": "Halcyon chips", "published": "2026-03-04",
        "publisher": "Example Wire", "url": "https://news.example/halcyon",
    }  # fmt: skip
    assert graph.graph["articles"][b.document.id]["title"] is None
    unnamed = next(q for q in graph.graph["quotes"] if q["id"] == "q-unnamed")
    assert unnamed["speaker"] is None
    assert unnamed["speaker_label"] == "A Halcyon engineer"
    assert unnamed["direct"] is False
    assert unnamed["article"] == a.document.id


def test_scores_from_the_derived_graph_become_attributes():
    ds = to_dataset(extractions())
    deps = [{
        "dependent": "org/orbita-cloud", "provider": "org/halcyon-semiconductor",
        "switching_cost": 0.4, "coverage": 0.5, "reliance": 1.0, "dependence": 0.4,
        "factors": {"integration": 0.25},
    }]  # fmt: skip
    add_assessments(ds, deps, [{"id": "org/halcyon-semiconductor", "lockin": 0.3, "exposure": 0.0}])
    G = to_networkx(ds)
    assert G.nodes["org/halcyon-semiconductor"]["lockin"] == 0.3
    assert G.nodes["org/halcyon-semiconductor"]["hhi"] is None
    assert "lockin" not in G.nodes["org/lumen-grid"]
    assert G.graph["dependencies"] == deps


def test_summary_counts_by_class_and_entity_type():
    s = summarize(to_dataset(extractions()))
    assert (s.articles, s.entities, s.claims, s.quotes, s.quantities) == (2, 6, 4, 2, 4)
    assert s.graphs == 4
    classes = dict(s.by_class)
    assert classes["vg:Dependency"] == 3
    assert classes["vg:Partnership"] == 1
    assert classes["schema:MonetaryAmount"] == 2
    assert dict(s.by_entity_type) == {
        "AILab": 1, "Chip": 1, "ChipVendor": 1, "CloudProvider": 1, "Person": 1, "Technology": 1,
    }  # fmt: skip
    assert s.triples == sum(1 for _ in to_dataset(extractions()).quads((None, None, None, None)))


def test_graph_lists_every_number_with_its_span_and_entity(graph):
    numbers = {q["id"]: q for q in graph.graph["quantities"]}
    assert sorted(numbers) == ["n-count", "n-date", "n-php", "n-usd"]
    count = numbers["n-count"]
    assert count["text"] == "20,000" and count["normalized"] == 20000.0
    assert count["about"] == "product/halcyon-h9"
    assert count["span"][1] - count["span"][0] == len("20,000")
    assert numbers["n-php"]["about"] is None  # free text, not an entity of the article


def _same(a, b):
    return (
        nx.utils.graphs_equal(a, b)
        and a.graph == b.graph
        and list(a.nodes(data=True)) == list(b.nodes(data=True))
        and list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    )


@pytest.mark.parametrize("as_of", [None, "2026-01-01"])
def test_oxigraph_memory_and_extractions_give_the_same_graph(as_of):
    companies = [{"id": "org/orbita-cloud", "lockin": 0.5, "exposure": 0.25}]
    graphs = []
    for store in ("Oxigraph", "Memory"):
        ds = to_dataset(extractions(), store=store)
        add_assessments(ds, [], companies)
        graphs.append(to_networkx(ds, as_of=as_of))
    assert _same(graphs[0], graphs[1])
    plain = to_networkx(extractions(), as_of=as_of)  # no scores: add what the dataset holds
    scores = {key: None for key in ("lockin_direct", "lockin_indirect", "hhi")}
    plain.nodes["org/orbita-cloud"].update(lockin=0.5, exposure=0.25, **scores)
    assert _same(graphs[0], plain)
