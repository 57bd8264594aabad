"""add_extractions / remove_article: incremental builds give the same graph as a full build."""

from __future__ import annotations

import pytest
from rdflib import XSD, Literal

from tests.graph._multi import deal
from tests.graph.fixtures import article_a, article_b
from vendorgraph.errors import UnknownEntityError
from vendorgraph.graph.merges import add_merges
from vendorgraph.graph.rdf import add_assessments, to_dataset
from vendorgraph.graph.store import iter_quads
from vendorgraph.graph.update import add_extractions, article_ids, remove_article
from vendorgraph.resolution import Merge


def _norm(term):
    if isinstance(term, Literal) and term.datatype in (None, XSD.string):
        return Literal(str(term), datatype=XSD.string)
    return term


def quads(ds):
    return {tuple(_norm(t) for t in q) for q in iter_quads(ds)}


def test_add_then_remove_gives_back_the_dataset():
    ds = to_dataset([article_a()])
    before = quads(ds)
    report = add_extractions(ds, [article_b()])
    assert report.added == (article_b().document.id,)
    assert "https://w3id.org/vendorgraph/id/org/lumen-grid" in report.new_entities
    removed = remove_article(ds, article_b().document.id)
    assert quads(ds) == before
    assert "https://w3id.org/vendorgraph/id/org/lumen-grid" in removed.removed_entities
    assert removed.removed_propositions


def test_incremental_build_equals_full_build():
    ds = to_dataset([article_a()])
    add_extractions(ds, [article_b()])
    assert quads(ds) == quads(to_dataset([article_a(), article_b()]))


def test_add_is_idempotent():
    ds = to_dataset([article_a(), article_b()])
    before = quads(ds)
    report = add_extractions(ds, [article_a(), article_b()])
    assert report.added == ()
    assert {reason for _, reason in report.skipped} == {"already present"}
    assert quads(ds) == before


def test_remove_drops_derived_graph_and_keeps_live_merges():
    ds = to_dataset([article_a(), article_b()])
    add_assessments(ds, [], [{"id": "org/orbita-cloud", "lockin": 0.5}])
    add_merges(ds, [Merge(source="org/orbita", target="org/orbita-cloud", name="Orbita",
                          rule="name", reason="test")])  # fmt: skip
    report = remove_article(ds, article_b().document.id)
    assert report.derived_dropped and report.removed_merges == 0
    assert not any(str(g).endswith("/derived") for *_, g in iter_quads(ds))


def test_shared_proposition_survives_removal_of_one_source():
    one, two = deal("Kestrel supplies Nimbus."), deal("Kestrel ships to Nimbus.", publisher="B")
    ds = to_dataset([one, two])
    report = remove_article(ds, two.document.id)
    assert report.removed_propositions == () and report.removed_entities == ()
    assert quads(ds) == quads(to_dataset([one]))


def test_unknown_article_lists_the_ids_present():
    ds = to_dataset([article_a()])
    with pytest.raises(UnknownEntityError, match=r"no article 'nope'.*\['" + article_ids(ds)[0]):
        remove_article(ds, "nope")
