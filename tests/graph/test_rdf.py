"""to_dataset / from_dataset: a lossless round trip, one registry node per entity, no bnodes."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, BNode, Literal, URIRef
from rdflib.compare import isomorphic

from vendorgraph.errors import ModelError
from vendorgraph.graph.rdf import (
    add_assessments,
    canonical,
    entity_iri,
    from_dataset,
    read_assessments,
    read_records,
    to_dataset,
)
from vendorgraph.graph.rdf.terms import (
    boolean_literal,
    date_literal,
    decimal_literal,
    integer_literal,
    rdflib_decimal,
)
from vendorgraph.graph.store import iter_quads, plain_quads, union_graph
from vendorgraph.graph.validate import validate
from vendorgraph.ontology import (
    Document,
    Entity,
    EntityType,
    Extraction,
    Modality,
    Predicate,
    Quantity,
    QuantityKind,
    Relation,
)
from vendorgraph.ontology.namespace import (
    DERIVED_GRAPH,
    ID,
    PROPOSITIONS_GRAPH,
    REGISTRY_GRAPH,
    SCHEMA,
    VG,
    VGC,
    article_graph,
)

from .fixtures import article_a, article_b, extractions

STORES = ["Oxigraph", "Memory"]


def _expected(exs):
    return tuple(canonical(ex) for ex in sorted(exs, key=lambda ex: ex.document.id))


@pytest.mark.parametrize("store", STORES)
def test_round_trip_is_exact(store):
    exs = extractions()
    assert from_dataset(to_dataset(exs, store=store)) == _expected(exs)


def test_both_stores_hold_the_same_quads():
    quads = [set(iter_quads(to_dataset(extractions(), store=s))) for s in STORES]
    assert quads[0] == quads[1]


def test_same_company_in_two_articles_is_one_registry_node():
    ds = to_dataset(extractions())
    registry = ds.graph(REGISTRY_GRAPH)
    orbita = entity_iri("org/orbita-cloud")
    assert registry.value(orbita, SCHEMA.name) == Literal("Orbita Cloud", datatype=XSD.string)
    assert set(registry.objects(orbita, VG.marketRole)) == {VGC.CloudProvider, VGC.NeoCloud}
    assert set(registry.objects(orbita, RDF.type)) == {VG.Organization}
    records = list(union_graph(ds).subjects(VG.recordOf, orbita))
    assert len(records) == 2


def test_layout_one_graph_per_article_plus_registry_and_propositions():
    exs = extractions()
    ds = to_dataset(exs)
    names = {g for *_, g in iter_quads(ds)}
    assert names == {REGISTRY_GRAPH, PROPOSITIONS_GRAPH} | {
        article_graph(ex.document.id) for ex in exs
    }


def test_no_blank_nodes_and_every_literal_is_typed():
    for s, p, o, _ in iter_quads(to_dataset(extractions())):
        assert not any(isinstance(t, BNode) for t in (s, p, o))
        if isinstance(o, Literal):
            assert o.datatype is not None, (s, p, o)


def test_claim_points_at_a_content_addressed_proposition():
    a, b = article_a(), article_b()
    ds = to_dataset([a, b])
    props = ds.graph(PROPOSITIONS_GRAPH)
    dependencies = set(props.subjects(RDF.type, VG.Dependency))
    # supplies (Halcyon -> Orbita), deploys (Orbita -> chip), uses (Lumen -> Tessellate)
    assert len(dependencies) == 3
    supply = next(
        d
        for d in dependencies
        if props.value(d, VG.provider) is not None
        and props.value(d, VG.provider) == entity_iri("org/halcyon-semiconductor")
    )
    assert props.value(supply, VG.dependent) == entity_iri("org/orbita-cloud")
    again = to_dataset([a]).graph(PROPOSITIONS_GRAPH)
    assert supply in set(again.subjects(RDF.type, VG.Dependency))


def test_span_selectors_are_typed_integers_and_exact_text():
    ex = article_a()
    ds = to_dataset([ex])
    span = ex.relations[0].span
    node = ID[f"span/{ex.document.id}/{span.start}-{span.end}"]
    graph = ds.graph(article_graph(ex.document.id))
    pos, quote = URIRef(f"{node}#pos"), URIRef(f"{node}#quote")
    assert graph.value(pos, URIRef("http://www.w3.org/ns/oa#start")) == Literal(
        str(span.start), datatype=XSD.integer
    )
    assert str(graph.value(quote, URIRef("http://www.w3.org/ns/oa#exact"))) == span.text


def test_reported_conversion_links_the_two_amounts():
    ex = article_a()
    graph = to_dataset([ex]).graph(article_graph(ex.document.id))
    usd = ID[f"quantity/{ex.document.id}/n-usd"]
    php = ID[f"quantity/{ex.document.id}/n-php"]
    amount = URIRef(f"{usd}#amount")
    assert graph.value(amount, VG.reportedConversionOf) == URIRef(f"{php}#amount")
    assert str(graph.value(amount, SCHEMA.currency)) == "USD"


def _counted() -> Extraction:
    """Two sentences; the claim is the first, which holds "40" but not "9"."""
    doc = Document(text="Acme ships 40 boards to Bolt. Bolt owes 9 more.")
    acme = Entity(id="org/acme", name="Acme", type=EntityType.CHIP_VENDOR)
    bolt = Entity(id="org/bolt", name="Bolt", type=EntityType.CLOUD_PROVIDER)
    numbers = tuple(
        Quantity(id=f"n{t}", kind=QuantityKind.COUNT, text=t, span=doc.span(a, a + len(t)))
        for t, a in (("40", 11), ("9", 40))
    )
    claim = Relation(
        id="r1",
        subject="org/acme",
        predicate=Predicate.SUPPLIES,
        object="org/bolt",
        span=doc.span(0, 29),
        modality=Modality.ASSERTED,
        confidence=0.9,
    )
    return Extraction(document=doc, entities=(acme, bolt), relations=(claim,), quantities=numbers)


@pytest.mark.parametrize("store", STORES)
def test_claim_links_the_numbers_inside_its_sentence(store):
    ex = _counted()
    aid = ex.document.id
    graph = to_dataset([ex], store=store).graph(article_graph(aid))
    linked = set(graph.objects(ID[f"claim/{aid}/r1"], VG.sentenceQuantity))
    assert linked == {ID[f"quantity/{aid}/n40"]}


def test_sentence_links_are_derived_and_not_read_back():
    ex = _counted()
    ds = to_dataset([ex])
    graph = ds.graph(article_graph(ex.document.id))
    extra = (ID[f"claim/{ex.document.id}/r1"], VG.sentenceQuantity, ID["quantity/x/n9"])
    graph.add(extra)
    assert from_dataset(ds) == (canonical(ex),)


def test_unnamed_speaker_keeps_label_and_organisation():
    back = from_dataset(to_dataset([article_a()]))[0]
    quote = next(q for q in back.quotes if q.id == "q-unnamed")
    assert (quote.speaker, quote.speaker_label, quote.speaker_org) == (
        None,
        "A Halcyon engineer",
        "Halcyon",
    )


def test_the_same_article_twice_is_an_error():
    with pytest.raises(ModelError, match="more than once"):
        to_dataset([article_b(), article_b()])


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(0.9, "0.9"), (20000.0, "20000"), (3e12, "3000000000000"), (-0.0, "0"), (1.0, "1")],
)
def test_decimals_are_written_in_oxigraph_canonical_form(value, lexical):
    assert str(rdflib_decimal(value)) == lexical


@settings(max_examples=50, deadline=None)
@given(st.floats(min_value=0, max_value=1e15, allow_nan=False))
def test_decimal_literals_read_back_to_the_same_float(x):
    assert float(str(rdflib_decimal(x))) == x


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=40), st.sampled_from(list(EntityType)))
def test_any_text_and_name_round_trip(text, etype):
    doc = Document(text=text, title=text)
    name = text if text.strip() else "x"
    entity = Entity(id=f"org/{name}", name=name, type=etype, mentions=(doc.span(0, len(text)),))
    ex = Extraction(document=doc, entities=(entity,))
    assert from_dataset(to_dataset([ex], store="Memory")) == (ex,)


def test_assessments_round_trip_and_are_ignored_by_from_dataset():
    exs = extractions()
    ds = to_dataset(exs)
    before = union_graph(ds)
    deps = [{
        "dependent": "org/orbita-cloud", "provider": "org/halcyon-semiconductor",
        "switching_cost": 0.4, "coverage": 0.5, "reliance": 1.0, "dependence": 0.4,
        "factors": {"integration": 0.25, "scarcity": None},
    }]  # fmt: skip
    companies = [{
        "id": "org/halcyon-semiconductor", "lockin": 0.3, "lockin_direct": 0.2,
        "lockin_indirect": 0.1, "exposure": 0.0, "hhi": None,
    }]  # fmt: skip
    add_assessments(ds, deps, companies)
    add_assessments(ds, deps, companies)  # replaces, does not duplicate
    assert read_assessments(ds) == (deps, companies)
    assert from_dataset(ds) == _expected(exs)
    assert isomorphic(union_graph(ds, derived=False), before)
    derived = ds.graph(DERIVED_GRAPH)
    assert (
        entity_iri("org/orbita-cloud"),
        VG.dependsOn,
        entity_iri("org/halcyon-semiconductor"),
    ) in derived
    assessment = next(derived.subjects(RDF.type, VG.DependencyAssessment))
    assert len(set(derived.objects(assessment, VG.assesses))) == 1


# ------------------------------------------------------------------ fast and generic paths

DEPS = [{
    "dependent": "org/orbita-cloud", "provider": "org/halcyon-semiconductor",
    "switching_cost": 0.4, "coverage": None, "reliance": 1.0, "dependence": 0.4,
    "factors": {"integration": 0.25},
}]  # fmt: skip
COMPANIES = [{
    "id": "org/orbita-cloud", "lockin": 0.5, "lockin_direct": None,
    "lockin_indirect": 0.1, "exposure": 0.0, "hhi": 1.0,
}]  # fmt: skip


@pytest.mark.parametrize("scored", [False, True])
def test_every_reading_path_gives_the_same_records(scored):
    datasets = [to_dataset(extractions(), store=s) for s in STORES]
    for ds in datasets:
        if scored:
            add_assessments(ds, DEPS, COMPANIES)
    expected_scores = (DEPS, COMPANIES) if scored else ([], [])
    for ds in datasets:
        assert read_records(ds) == (_expected(extractions()), expected_scores)
        assert (from_dataset(ds), read_assessments(ds)) == read_records(ds)
        union = union_graph(ds)  # a plain rdflib Graph: the generic path
        assert from_dataset(union) == _expected(extractions())
        assert read_assessments(union) == expected_scores


@pytest.mark.parametrize(
    ("start", "stored"),
    [
        ("2026-03-04T10:00", "2026-03-04T10:00:00"),
        ("2026-03-04", "2026-03-04"),
        ("2026-02-30", "2026-02-30"),  # not a date: kept as a string
        ("soon", "soon"),
    ],
)
@pytest.mark.parametrize("store", STORES)
def test_dates_read_back_as_rdflib_normalises_them(start, stored, store):
    a = article_a()
    rel = a.relations[0]
    ex = replace(a, relations=(replace(rel, start=start), *a.relations[1:]))
    (back,) = from_dataset(to_dataset([ex], store=store))
    assert next(r.start for r in back.relations if r.id == rel.id) == stored


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**12).map(integer_literal),
        st.floats(allow_nan=True, allow_infinity=True).map(decimal_literal),
        st.booleans().map(boolean_literal),
        st.dates().map(lambda d: date_literal(d.isoformat())),
        st.datetimes().map(lambda d: date_literal(d.isoformat(timespec="minutes"))),
    )
)
def test_rdflib_keeps_the_lexical_forms_the_writer_makes(literal):
    lexical, datatype = literal
    assert str(Literal(lexical, datatype=URIRef(datatype))) == lexical
    assert str(rdflib_decimal(0.5)) == decimal_literal(0.5)[0]


def test_non_finite_scores_are_stored_alike_in_both_stores():
    companies = [{"id": "org/orbita-cloud", "lockin": math.inf, "exposure": math.nan}]
    datasets = [to_dataset(extractions(), store=s) for s in STORES]
    for ds in datasets:
        add_assessments(ds, [], companies)
    assert set(iter_quads(datasets[0])) == set(iter_quads(datasets[1]))
    lockin = next(o for _, p, o, _ in plain_quads(datasets[0]) if p == str(VG.lockin))
    assert lockin == "inf"  # as rdflib writes it: Oxigraph keeps it, ill-typed


@pytest.mark.parametrize(
    "value", [0.0026194956888124787, 8.673617379884035e-19, 1 / 3, 0.1 + 0.2, 1e-16]
)
def test_scores_are_always_stored_as_decimals(value: float) -> None:
    ds = to_dataset(extractions())
    add_assessments(
        ds,
        [],
        [{"id": "org/acme", "lockin": value, "lockin_direct": value, "lockin_indirect": value}],
    )
    derived = ds.graph(DERIVED_GRAPH)
    lockin = [o for _, p, o in derived if p in (VG.lockin, VG.lockinDirect, VG.lockinIndirect)]
    assert len(lockin) == 3
    assert {o.datatype for o in lockin} == {XSD.decimal}
    (company,) = read_assessments(ds)[1]
    assert company["lockin"] == pytest.approx(value, abs=1e-15)
    assert validate(ds).conforms, validate(ds).report
