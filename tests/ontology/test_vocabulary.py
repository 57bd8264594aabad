"""The Enums, the closed namespaces and the Turtle ontology agree one to one."""

from __future__ import annotations

from enum import Enum

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from vendorgraph.ontology.namespace import (
    VG,
    VGC,
    concept_map,
    entity_type_map,
    load_ontology,
    load_shapes,
    ontology_text,
)
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind


def _local(iri: URIRef, ns: type) -> str:
    return str(iri)[len(str(ns)) :]


def _declared(graph: Graph, ns: type) -> set[str]:
    return {_local(s, ns) for s in graph.subjects() if str(s).startswith(str(ns))}


def _used(graph: Graph, ns: type) -> set[str]:
    terms = {t for triple in graph for t in triple if isinstance(t, URIRef)}
    return {_local(t, ns) for t in terms if str(t).startswith(str(ns)) and _local(t, ns)}


@pytest.mark.parametrize("ns", [VG, VGC], ids=["vg", "vgc"])
def test_namespace_lists_exactly_the_terms_the_turtle_declares(ns):
    assert set(ns.__annotations__) == _declared(load_ontology(), ns)


@pytest.mark.parametrize("ns", [VG, VGC], ids=["vg", "vgc"])
def test_every_term_the_ontology_uses_is_declared(ns):
    graph = load_ontology()
    assert _used(graph, ns) <= _declared(graph, ns)


@pytest.mark.parametrize("ns", [VG, VGC], ids=["vg", "vgc"])
def test_every_term_the_shapes_use_is_declared(ns):
    assert _used(load_shapes(), ns) <= set(ns.__annotations__)


@pytest.mark.parametrize("ns", [VG, VGC], ids=["vg", "vgc"])
def test_every_term_the_lexicon_uses_is_declared(ns):
    try:
        text = ontology_text("lexicon.ttl")
    except FileNotFoundError:
        pytest.skip("ontology/data/lexicon.ttl is not written yet")
    lexicon = Graph().parse(data=text, format="turtle")
    assert _used(lexicon, ns) <= set(ns.__annotations__)


def test_closed_namespace_rejects_a_typo():
    with pytest.raises(AttributeError, match="Claimm"):
        _ = VG.Claimm


@pytest.mark.parametrize("enum", [Modality, Predicate, QuantityKind])
def test_each_enum_member_has_exactly_one_concept(enum: type[Enum]):
    mapping = concept_map(enum)
    assert set(mapping) == set(enum)
    assert len(set(mapping.values())) == len(enum)
    assert all(_local(iri, VGC) in VGC.__annotations__ for iri in mapping.values())


@pytest.mark.parametrize("enum", [Modality, Predicate, QuantityKind])
def test_enum_schemes_hold_no_concept_without_a_member(enum: type[Enum]):
    graph = load_ontology()
    scheme = VGC[enum.__name__]
    assert set(graph.subjects(SKOS.inScheme, scheme)) == set(concept_map(enum).values())


def test_every_entity_type_maps_to_a_class_and_maybe_a_role():
    graph = load_ontology()
    mapping = entity_type_map()
    assert set(mapping) == set(EntityType)
    for etype, (cls, role) in mapping.items():
        assert (cls, RDF.type, OWL.Class) in graph
        if role is not None:
            assert (role, SKOS.inScheme, VGC.MarketRole) in graph
        is_org = (cls, RDFS.subClassOf, VG.Organization) in graph or cls == VG.Organization
        assert is_org == etype.is_organization, etype


@pytest.mark.parametrize(
    ("etype", "cls", "role"),
    [
        (EntityType.CHIP_VENDOR, VG.Organization, VGC.ChipVendor),
        (EntityType.PUBLISHER, VG.NewsOrganization, VGC.Publisher),
        (EntityType.GOVERNMENT, VG.GovernmentBody, VGC.Government),
        (EntityType.ORGANIZATION, VG.Organization, None),
        (EntityType.CHIP, VG.Chip, None),
        (EntityType.PLACE, VG.Place, None),
    ],
)
def test_entity_type_mapping_table(etype, cls, role):
    assert entity_type_map()[etype] == (cls, role)


def test_lockin_factor_scheme_has_the_eight_factors():
    graph = load_ontology()
    factors = {_local(c, VGC) for c in graph.subjects(SKOS.inScheme, VGC.SwitchingCostFactorType)}
    assert factors == {
        "Integration", "Scarcity", "Learning", "DataContext",
        "Contractual", "Migration", "Relational", "Regulatory",
    }  # fmt: skip


def test_lexicon_terms_the_brief_names_exist():
    names = {
        "Organization", "GovernmentBody", "NewsOrganization", "Person", "GPU", "CPU",
        "AIAccelerator", "Chip", "System", "ProductFamily", "Product", "CloudService",
        "Technology", "Place", "marketRole", "developedBy", "affiliation", "wikidataId",
        "matchCase", "technologyCategory", "inProductFamily",
    }  # fmt: skip
    assert names <= set(VG.__annotations__)
    assert {"Interconnect", "SoftwarePlatform", "Networking", "NeoCloud"} <= set(
        VGC.__annotations__
    )
