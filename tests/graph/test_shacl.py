"""SHACL: the round-trip fixture conforms; each broken variant is caught."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, XSD, Dataset, Literal, URIRef

from vendorgraph.errors import ValidationError
from vendorgraph.graph.rdf import entity_iri, to_dataset
from vendorgraph.graph.validate import ensure_valid, validate
from vendorgraph.ontology.namespace import (
    ID,
    OA,
    PROPOSITIONS_GRAPH,
    REGISTRY_GRAPH,
    SCHEMA,
    VG,
    article_graph,
)

from .fixtures import article_a


@pytest.fixture(scope="module")
def result():
    return validate(to_dataset([article_a()]))


def test_fixture_conforms(result):
    assert result.conforms, result.report
    assert result.count == 0


def _graph(ds: Dataset):
    return ds.graph(article_graph(article_a().document.id))


def _span_end_off_by_one(ds: Dataset) -> None:
    g = _graph(ds)
    pos = next(g.subjects(RDF.type, OA.TextPositionSelector))
    end = g.value(pos, OA.end)
    g.set((pos, OA.end, Literal(str(int(end) + 1), datatype=XSD.integer)))


def _quote_paraphrased(ds: Dataset) -> None:
    g = _graph(ds)
    quote = ID[f"quote/{article_a().document.id}/q-named"]
    g.set((quote, SCHEMA.text, Literal("We staked the region on it,", datatype=XSD.string)))


def _dependent_is_provider(ds: Dataset) -> None:
    g = ds.graph(PROPOSITIONS_GRAPH)
    dep = next(d for d in g.subjects(RDF.type, VG.Dependency) if g.value(d, VG.provider))
    g.set((dep, VG.provider, g.value(dep, VG.dependent)))


def _claim_without_evidence(ds: Dataset) -> None:
    g = _graph(ds)
    claim = next(g.subjects(RDF.type, VG.Claim))
    g.remove((claim, VG.evidence, None))


def _currency_symbol(ds: Dataset) -> None:
    g = _graph(ds)
    amount = next(g.subjects(SCHEMA.currency, Literal("PHP", datatype=XSD.string)))
    g.set((amount, SCHEMA.currency, Literal("₱", datatype=XSD.string)))


def _bad_qid(ds: Dataset) -> None:
    g = ds.graph(REGISTRY_GRAPH)
    g.set((entity_iri("org/orbita-cloud"), VG.wikidataId, Literal("4242", datatype=XSD.string)))


def _confidence_not_decimal(ds: Dataset) -> None:
    g = _graph(ds)
    claim = next(g.subjects(RDF.type, VG.Claim))
    g.set((claim, VG.extractionConfidence, Literal("1.5", datatype=XSD.decimal)))


def _text_altered(ds: Dataset) -> None:
    g = _graph(ds)
    article = URIRef(ID[f"article/{article_a().document.id}"])
    text = str(g.value(article, SCHEMA.text)).replace("Orbita", "Orbitz")
    g.set((article, SCHEMA.text, Literal(text, datatype=XSD.string)))


BREAKS: dict[str, tuple[Callable[[Dataset], None], str]] = {
    "span end off by one": (_span_end_off_by_one, "span length"),
    "direct quote paraphrased": (_quote_paraphrased, "direct quote"),
    "dependent equals provider": (_dependent_is_provider, "provider"),
    "claim without evidence": (_claim_without_evidence, "Less than 1 values"),
    "currency symbol": (_currency_symbol, "[A-Z]{3}"),
    "bad QID": (_bad_qid, "^Q[1-9][0-9]*$"),
    "confidence above one": (_confidence_not_decimal, "is not <="),
    "article text no longer matches its spans": (_text_altered, "not the article text"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_each_broken_variant_is_caught(name):
    breaker, message = BREAKS[name]
    ds = to_dataset([article_a()], store="Memory")
    breaker(ds)
    result = validate(ds)
    assert not result.conforms
    assert any(message in v.message or message in (v.path or "") for v in result.violations), [
        v.message for v in result.violations
    ]


def test_ensure_valid_raises_with_a_summary_and_the_report():
    ds = to_dataset([article_a()], store="Memory")
    _bad_qid(ds)
    with pytest.raises(ValidationError, match=r"1 SHACL violation\(s\): .*orbita-cloud") as info:
        ensure_valid(ds)
    assert "Validation Report" in info.value.report
    assert info.value.exit_code == 1
