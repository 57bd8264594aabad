"""The Neo4j mapping: bijective table, exact round trip, a plan made of vocabulary terms only."""

from __future__ import annotations

import os
import re

import pytest

from vendorgraph.errors import RegistryError, ServiceError
from vendorgraph.graph.neo4j import (
    CONSTRAINT,
    DEPENDS_ON,
    RESOURCE,
    from_property_graph,
    load_mapping,
    parse_mapping,
    plan,
    pull,
    push,
    to_property_graph,
)
from vendorgraph.graph.rdf import add_assessments, to_dataset
from vendorgraph.graph.store import iter_quads, new_dataset

from .fixtures import extractions

NEEDS_NEO4J = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="needs a Neo4j server: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD); "
    "none can be installed in this sandbox",
)


def _scored():
    ds = to_dataset(extractions())
    add_assessments(
        ds,
        [
            {
                "dependent": "org/orbita-cloud",
                "provider": "org/halcyon-semiconductor",
                "switching_cost": 0.5,
                "factors": {"Integration": 0.25},
            }
        ],
        [{"id": "org/orbita-cloud", "lockin": 0.4}],
    )
    return ds


def test_packaged_mapping_is_bijective():
    m = load_mapping()
    assert len(set(m.labels.values())) == len(m.labels)
    assert len(set(m.keys.values())) == len(m.keys)
    assert len(set(m.rels.values())) == len(m.rels)
    assert m.rels and m.labels and m.keys


@pytest.mark.parametrize(
    ("table", "match"),
    [
        ("label\tvg:Claim\tClaim\nlabel\tvg:Quote\tClaim\n", "given to both"),
        ("rel\tvg:evidence\tEVIDENCE\nrel\tvg:mention\tEVIDENCE\n", "given to both"),
        ("literal\tschema:name\tname\nenum\tvg:modality\tname\n", "given to both"),
        ("label\tvg:Claim\tClaim\nlabel\tvg:Claim\tClaim2\n", "mapped twice"),
        ("enum\tvg:modality\tmodality\nrel\tvg:modality\tMODALITY\n", "maps IRI values twice"),
        ("label\tvg:Claim\tResource\n", "not allowed"),
        ("literal\tschema:name\turi\n", "not allowed"),
        ("rel\tvg:evidence\tEVIDENCE`) DETACH DELETE n\n", "not allowed"),
        ("edge\tvg:evidence\tEVIDENCE\n", "unknown kind"),
    ],
)
def test_mapping_collisions_and_bad_names_fail(table, match):
    with pytest.raises(RegistryError, match=match):
        parse_mapping(table)


def test_round_trip_gives_the_same_quads_including_derived():
    ds = _scored()
    assert set(iter_quads(from_property_graph(to_property_graph(ds)))) == set(iter_quads(ds))


def test_literals_keep_their_datatype_in_sidecars():
    pg = to_property_graph(_scored())
    claim = next(n for n in pg.nodes if n.uri.endswith("/r-deploy"))
    assert claim.labels == ("Claim", RESOURCE)
    assert claim.props["extractionConfidence"] == "0.9"
    assert claim.props["extractionConfidence__dt"] == "xsd:decimal"
    assert claim.props["endDate__dt"] == "xsd:gYear"
    assert claim.props["modality"] == "vgc:Planned"
    span = next(n for n in pg.nodes if n.uri.endswith("#pos"))
    assert isinstance(span.props["start"], int) and "start__dt" not in span.props


def test_multi_valued_properties_are_sorted_lists():
    pg = to_property_graph(_scored())
    orbita = next(n for n in pg.nodes if n.uri.endswith("/org/orbita-cloud"))
    assert orbita.props["altLabel"] == ["OC", "Orbita"]
    assert orbita.props["marketRole"] == ["vgc:CloudProvider", "vgc:NeoCloud"]
    assert "_graph" in orbita.props and "derived" not in orbita.props


def test_derived_shortcut_carries_scores():
    pg = to_property_graph(_scored())
    (shortcut,) = [r for r in pg.relationships if r.type == DEPENDS_ON]
    assert shortcut.start.endswith("orbita-cloud") and shortcut.end.endswith(
        "halcyon-semiconductor"
    )
    assert shortcut.props["derived"] is True and shortcut.props["switchingCost"] == 0.5


def test_plan_uses_only_vocabulary_labels_and_types_and_parameters():
    m = load_mapping()
    steps = plan(_scored(), batch_size=7)
    assert steps[0] == (CONSTRAINT, {})
    for statement, params in steps[1:]:
        assert statement.startswith("UNWIND $rows AS row MERGE") or "MERGE (s)-[r:" in statement
        assert set(params) == {"rows"} and 0 < len(params["rows"]) <= 7
        for name in re.findall(r"`([^`]*)`", statement):
            assert name in m.label_terms or name in m.rel_terms or name == DEPENDS_ON
        assert "http" not in statement and "'" not in statement


def test_plan_keeps_hostile_text_out_of_the_statements():
    from vendorgraph.ontology import Document, Entity, EntityType, Extraction

    evil = "x') DETACH DELETE n //"
    odd = Entity(id="org/odd", name=evil, type=EntityType.ORGANIZATION)
    steps = plan(to_dataset([Extraction(document=Document(text=evil), entities=(odd,))]))
    assert all(evil not in statement for statement, _ in steps)
    assert any(evil in str(params) for _, params in steps)


def test_plan_is_deterministic():
    assert plan(_scored()) == plan(_scored())


def test_unreachable_server_is_a_service_error_without_the_password():
    with pytest.raises(ServiceError, match=r"bolt://127\.0\.0\.1:9") as info:
        push(new_dataset(), uri="bolt://127.0.0.1:9", user="neo4j", password="hunter2-secret")
    assert "hunter2-secret" not in str(info.value)


@pytest.mark.neo4j
@NEEDS_NEO4J
def test_push_is_idempotent_and_pull_round_trips():
    auth = {
        "uri": os.environ["NEO4J_URI"],
        "user": os.environ.get("NEO4J_USER", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD", ""),
    }
    from vendorgraph.graph.neo4j import run_cypher

    run_cypher("MATCH (n:Resource) DETACH DELETE n", **auth)
    ds = _scored()
    first = push(ds, **auth)
    second = push(ds, **auth)
    assert first["nodes_created"] == len(to_property_graph(ds).nodes)
    assert second["nodes_created"] == second["relationships_created"] == 0
    assert second["properties_set"] == 0
    assert set(iter_quads(pull(**auth))) == set(iter_quads(ds))


@pytest.mark.parametrize(
    ("text", "secret", "expected"),
    [
        ("ConnectionException: auth x failed", "x", "ConnectionException: auth *** failed"),
        ("exception in xylophone", "x", "exception in xylophone"),
        ("bolt://neo4j:hunter2@db:7687", "hunter2", "bolt://neo4j:***@db:7687"),
        ("password='p@ss w0rd!' refused", "p@ss w0rd!", "password='***' refused"),
        ("no secret here", "", "no secret here"),
    ],
)
def test_password_scrubbing_replaces_whole_tokens_only(text, secret, expected):
    from vendorgraph.graph.neo4j import scrub

    assert scrub(text, secret) == expected


def test_every_class_and_property_of_the_ontology_has_a_neo4j_name():
    # a graph holds only vocabulary terms, so with every term mapped every graph exports
    from rdflib import OWL, RDF

    from vendorgraph.ontology.namespace import VG, load_ontology

    m, ontology = load_mapping(), load_ontology()

    def ours(kind):
        return sorted(t for t in ontology.subjects(RDF.type, kind) if str(t).startswith(str(VG)))

    assert [c for c in ours(OWL.Class) if c not in m.labels] == []
    assert [p for p in ours(OWL.DatatypeProperty) if (p, "literal") not in m.keys] == []
    unmapped = [p for p in ours(OWL.ObjectProperty) if p not in m.rels and m.iri_kind(p) is None]
    assert unmapped == []
