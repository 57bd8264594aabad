"""SHACL: the checks written as SPARQL constraints, their bulk runner, and the hoisted shapes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from vendorgraph.errors import InputError, ValidationError
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.store import iter_quads, union_graph
from vendorgraph.graph.validate import (
    ensure_valid,
    validate,
)
from vendorgraph.graph.validate.bulk import bulk_sparql, take_sparql_constraints
from vendorgraph.graph.validate.scratch import scratch_store
from vendorgraph.ontology.namespace import (
    ID,
    OA,
    SCHEMA,
    VG,
    article_graph,
    load_ontology,
    load_shapes,
)

from .fixtures import article_a

PROV = Namespace("http://www.w3.org/ns/prov#")
NAMED = ID[f"quote/{article_a().document.id}/q-named"]
UNNAMED = ID[f"quote/{article_a().document.id}/q-unnamed"]


def _graph(ds: Dataset):
    return ds.graph(article_graph(article_a().document.id))


def _spans(ds: Dataset) -> list[URIRef]:
    return sorted(_graph(ds).subjects(RDF.type, VG.TextSpan))  # type: ignore[arg-type]


def _drop_position_selector(ds: Dataset) -> URIRef:
    g, span = _graph(ds), _spans(ds)[0]
    for sel in list(g.objects(span, OA.hasSelector)):
        if (sel, RDF.type, OA.TextPositionSelector) in g:
            g.remove((span, OA.hasSelector, sel))
    return span


def _second_quote_selector(ds: Dataset) -> URIRef:
    g, span = _graph(ds), _spans(ds)[1]
    exact = next(g.objects(span, OA.hasSelector / OA.exact))  # the same text: no other check fails
    extra = URIRef("urn:test:selector")
    g.add((extra, RDF.type, OA.TextQuoteSelector))
    g.add((extra, OA.exact, exact))
    g.add((span, OA.hasSelector, extra))
    return span


def _speaker_unknown(ds: Dataset) -> URIRef:
    _graph(ds).set((NAMED, SCHEMA.spokenByCharacter, URIRef("urn:test:nobody")))
    return NAMED


def _no_speaker(ds: Dataset) -> URIRef:
    g = _graph(ds)
    for p in (SCHEMA.spokenByCharacter, VG.speakerLabel, VG.speakerOrganization):
        g.remove((UNNAMED, p, None))
    return UNNAMED


BREAKS: dict[str, tuple[Callable[[Dataset], URIRef], URIRef | None, str]] = {
    "span without a position selector": (
        _drop_position_selector,
        OA.hasSelector,
        "span needs exactly one oa:hasSelector of class oa:TextPositionSelector, not 0",
    ),
    "span with two quote selectors": (
        _second_quote_selector,
        OA.hasSelector,
        "span needs exactly one oa:hasSelector of class oa:TextQuoteSelector, not 2",
    ),
    "speaker neither person nor organization": (
        _speaker_unknown,
        SCHEMA.spokenByCharacter,
        "speaker <urn:test:nobody> is neither a vg:Person nor a vg:Organization",
    ),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_each_sparql_check_reports_focus_path_and_message(name):
    breaker, path, message = BREAKS[name]
    ds = to_dataset([article_a()], store="Memory")
    focus = breaker(ds)
    result = validate(ds)
    assert not result.conforms
    found = [v for v in result.violations if v.focus == str(focus) and message in v.message]
    assert len(found) == 1, result.violations
    assert found[0].path == (None if path is None else str(path))
    assert message in result.report


def _all_breaks() -> Dataset:
    ds = to_dataset([article_a()], store="Memory")
    for breaker, _, _ in BREAKS.values():
        breaker(ds)
    return ds


def test_the_shapes_file_gives_the_same_results_in_plain_pyshacl():
    # The shapes keep the standard SHACL-SPARQL form: pyshacl, evaluating each constraint per
    # focus node with $this pre-bound, finds what the bulk runner finds.
    ds = _all_breaks()
    data = union_graph(ds)
    data += load_ontology()
    _, report, _ = pyshacl_validate(data, shacl_graph=load_shapes(), inference="none")
    plain = sorted(
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath) or ""))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    )
    ours = sorted((v.focus, v.path or "") for v in validate(ds).violations)
    assert ours == plain
    assert len(ours) == 3


def test_a_quote_with_no_identified_speaker_conforms():
    # the ontology allows an unattributed quote: words an article quotes without naming who
    ds = to_dataset([article_a()], store="Memory")
    focus = _no_speaker(ds)
    assert not set(_graph(ds).objects(focus, SCHEMA.spokenByCharacter))
    assert validate(ds).conforms


def test_a_speaker_of_a_subclass_of_organization_conforms():
    ds = to_dataset([article_a()], store="Memory")
    wire = URIRef("urn:test:wire")
    g = _graph(ds)
    g.set((NAMED, SCHEMA.spokenByCharacter, wire))
    g.add((wire, RDF.type, VG.NewsOrganization))
    g.add((wire, SCHEMA.name, Literal("Test Wire", datatype=XSD.string)))
    result = validate(ds)
    assert result.conforms, result.report


def test_a_shape_used_by_sh_node_still_checks_through_it():
    # AttributionShape has its own target and is also reached from ClaimShape by sh:node: the
    # attribution and the claim that points to it are both reported, as before.
    ds = to_dataset([article_a()], store="Memory")
    for g in ds.graphs():
        for attribution in list(g.subjects(RDF.type, PROV.Attribution)):
            g.remove((attribution, PROV.agent, None))
    paths = {v.path for v in validate(ds).violations}
    assert paths == {str(PROV.agent), str(PROV.qualifiedAttribution)}


@pytest.mark.parametrize("store", ["Oxigraph", "Memory"])
def test_validate_leaves_the_dataset_as_it_was(store):
    ds = to_dataset([article_a()], store=store)
    _speaker_unknown(ds)
    before = sorted(iter_quads(ds))
    validate(ds)
    assert sorted(iter_quads(ds)) == before


def test_oxigraph_and_memory_datasets_give_the_same_violations():
    results = []
    for store in ("Oxigraph", "Memory"):
        ds = to_dataset([article_a()], store=store)
        _second_quote_selector(ds)
        _speaker_unknown(ds)
        results.append(validate(ds).violations)
    assert results[0] == results[1]
    assert len(results[0]) == 2


def test_ensure_valid_shows_a_sparql_violation_with_its_node():
    ds = to_dataset([article_a()], store="Memory")
    _speaker_unknown(ds)
    with pytest.raises(ValidationError, match=r"1 SHACL violation\(s\): .*q-named: speaker <urn"):
        ensure_valid(ds)


def test_violations_are_reported_for_every_node():
    g = to_dataset([article_a()], store="Memory").graph(URIRef("urn:test:graph"))
    for i in range(40):
        g.add((URIRef(f"urn:test:org{i}"), VG.wikidataId, Literal(str(i), datatype=XSD.string)))
    result = validate(g)
    assert result.count == 40
    assert {v.path for v in result.violations} == {str(VG.wikidataId)}


@pytest.mark.parametrize(
    ("select", "match"),
    [
        ("SELECT ?x WHERE { $this <urn:test:p> ?x }", "does not select \\$this"),
        ("ASK { $this <urn:test:p> ?x }", "has no WHERE clause"),
    ],
)
def test_a_malformed_sparql_constraint_is_refused(select, match):
    shapes = Graph()
    shape, constraint = URIRef("urn:test:Shape"), URIRef("urn:test:constraint")
    shapes.add((shape, SH.targetClass, URIRef("urn:test:Thing")))
    shapes.add((shape, SH.sparql, constraint))
    shapes.add((constraint, SH.select, Literal(select)))
    data = Graph()
    data.add((URIRef("urn:test:a"), RDF.type, URIRef("urn:test:Thing")))
    data.add((URIRef("urn:test:a"), URIRef("urn:test:p"), Literal("v")))
    with pytest.raises(InputError, match=match):
        bulk_sparql(scratch_store(data), take_sparql_constraints(shapes))


@pytest.mark.parametrize("store", ["Oxigraph", "Memory"])
def test_a_triple_held_by_two_graphs_is_reported_once(store):
    # The scratch store is read as the union of its graphs, a bag: the copy adds no violation.
    ds = to_dataset([article_a()], store=store)
    _second_quote_selector(ds)
    _speaker_unknown(ds)
    expected = validate(ds).violations
    copy = ds.graph(URIRef("urn:test:copy"))
    for triple in list(_graph(ds)):
        copy.add(triple)
    assert validate(ds).violations == expected
    assert len(expected) == 2
