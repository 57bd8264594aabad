"""Named SPARQL queries on the fixture graph: hand-checked answers, injection, rendering."""

from __future__ import annotations

import json

import pytest

from vendorgraph.errors import InputError, InputFileError, UnknownEntityError
from vendorgraph.graph.queries import list_queries, resolve_entity, run_named, run_sparql
from vendorgraph.graph.rdf import add_assessments, entity_iri, to_dataset
from vendorgraph.ontology.namespace import ID, VGC

from .fixtures import extractions

ORBITA, HALCYON = str(entity_iri("org/orbita-cloud")), str(entity_iri("org/halcyon-semiconductor"))
H9, MIRA = str(entity_iri("product/halcyon-h9")), str(entity_iri("person/mira-okafor"))


@pytest.fixture(scope="module", params=["Oxigraph", "Memory"])
def ds(request):
    return to_dataset(extractions(), store=request.param)


@pytest.fixture(scope="module")
def article_a_iri():
    aid = extractions()[0].document.id
    return str(ID[f"article/{aid}"])


def test_every_named_query_is_listed_with_a_description():
    names = [q.name for q in list_queries()]
    assert names == sorted(
        [
            "claims-behind",
            "companies-by-lockin",
            "dependents-of",
            "numbers-about",
            "quotes-about",
            "quotes-by",
            "single-points-of-failure",
            "suppliers-of",
        ]
    )
    assert all(q.description for q in list_queries())


def test_suppliers_of_orbita_is_halcyon_with_one_claim(ds):
    assert run_named(ds, "suppliers-of", company="orbita").rows() == [
        {"company": ORBITA, "supplier": HALCYON, "name": "Halcyon Semiconductor", "claims": 1}
    ]


def test_dependents_of_halcyon_is_orbita(ds):
    rows = run_named(ds, "dependents-of", company="Halcyon Semiconductor").rows()
    assert [(r["dependent"], r["name"], r["claims"]) for r in rows] == [(ORBITA, "Orbita Cloud", 1)]


def test_quotes_by_mira_okafor(ds, article_a_iri):
    rows = run_named(ds, "quotes-by", person="MIRA OKAFOR").rows()
    assert rows == [
        {
            "person": MIRA,
            "article": article_a_iri,
            "id": "q-named",
            "text": "We bet the whole region on this,",
            "kind": str(VGC.DirectQuote),
        }
    ]


def test_quotes_about_orbita_is_the_quote_expressing_its_claim(ds):
    rows = run_named(ds, "quotes-about", company="OC").rows()
    assert [(r["id"], r["speaker"]) for r in rows] == [("q-named", MIRA)]


def test_claims_behind_orbita_on_halcyon(ds, article_a_iri):
    rows = run_named(
        ds, "claims-behind", dependent="Orbita Cloud", provider="halcyon semiconductor"
    )
    (row,) = rows.rows()
    assert row["id"] == "r-supply" and row["article"] == article_a_iri
    assert row["predicate"] == str(VGC.Supplies) and row["modality"] == str(VGC.Asserted)
    assert row["confidence"] == 0.75 and row["evidence"].startswith("Orbita Cloud will deploy")


def test_companies_by_lockin_is_empty_then_ranked():
    ds = to_dataset(extractions())
    assert run_named(ds, "companies-by-lockin").rows() == []
    add_assessments(
        ds,
        [],
        [
            {"id": "org/orbita-cloud", "lockin": 0.2},
            {"id": "org/lumen-grid", "lockin": 0.7, "hhi": 1.0},
        ],
    )
    rows = run_named(ds, "companies-by-lockin").rows()
    assert [(r["name"], r["lockin"], r["hhi"]) for r in rows] == [
        ("Lumen Grid", 0.7, 1.0),
        ("Orbita Cloud", 0.2, None),
    ]


def test_single_points_of_failure_is_the_h9_made_only_by_halcyon(ds):
    assert run_named(ds, "single-points-of-failure").rows() == [
        {
            "offering": H9,
            "name": "Halcyon H9",
            "provider": HALCYON,
            "provider_name": "Halcyon Semiconductor",
            "dependents": 1,
        }
    ]


def test_numbers_about_orbita_are_those_in_its_claim_sentence(ds):
    rows = run_named(ds, "numbers-about", company="Orbita Cloud").rows()
    assert [(r["text"], r["kind"], r["normalized"]) for r in rows] == [
        ("20,000", str(VGC.Count), 20000.0),
        ("2027", str(VGC.Date), None),
    ]
    assert run_named(ds, "numbers-about", company="Lumen Grid").rows() == []


@pytest.mark.parametrize(
    "name",
    [
        'Orbita"} DROP ALL',
        "Orbita') DETACH DELETE n //",
        "?company ?p ?o } #",
        "<https://w3id.org/vendorgraph/id/org/orbita-cloud>",
    ],
)
def test_injection_through_a_parameter_is_just_an_unknown_name(ds, name):
    before = len(ds)
    with pytest.raises(UnknownEntityError, match="no entity named"):
        run_named(ds, "suppliers-of", company=name)
    assert len(ds) == before


def test_a_name_with_quotes_resolves_as_data():
    from vendorgraph.ontology import Document, Entity, EntityType, Extraction

    odd = Entity(id="org/odd", name='Odd"} DROP Co', type=EntityType.ORGANIZATION)
    ds = to_dataset([Extraction(document=Document(text="x"), entities=(odd,))])
    assert resolve_entity(ds, 'odd"} drop co') == entity_iri("org/odd")


def test_unknown_name_lists_close_names(ds):
    with pytest.raises(UnknownEntityError, match=r"'Orbita Cloud'"):
        run_named(ds, "suppliers-of", company="Orbita Clod")


def test_ids_and_iris_resolve(ds):
    assert resolve_entity(ds, "org/orbita-cloud") == entity_iri("org/orbita-cloud")
    assert resolve_entity(ds, ORBITA) == entity_iri("org/orbita-cloud")


@pytest.mark.parametrize(
    ("name", "params", "match"),
    [
        ("nope", {}, "no named query 'nope'"),
        ("suppliers-of", {}, r"missing \['company'\]"),
        ("companies-by-lockin", {"company": "x"}, r"unexpected \['company'\]"),
    ],
)
def test_bad_query_names_and_parameters(ds, name, params, match):
    with pytest.raises(InputError, match=match):
        run_named(ds, name, **params)


def test_run_sparql_select_construct_ask(ds):
    select = run_sparql(
        ds,
        "SELECT ?n WHERE { ?e a <https://w3id.org/vendorgraph/ont#Person> ; "
        "<https://schema.org/name> ?n }",
    )
    assert select.rows() == [{"n": "Mira Okafor"}]
    construct = run_sparql(ds, f"CONSTRUCT {{ <{MIRA}> <urn:x:p> 1 }} WHERE {{ }}")
    assert construct.columns == ("subject", "predicate", "object")
    assert construct.rows() == [{"subject": MIRA, "predicate": "urn:x:p", "object": 1}]
    assert run_sparql(ds, "ASK { ?s ?p ?o }").rows() == [{"ask": True}]


def test_run_sparql_syntax_error_names_file_and_line(ds, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?s\nWHERE {\n  ?s ?p\n}\n")
    with pytest.raises(
        InputError, match=r"bad\.rq: line \d+: the SPARQL query does not parse"
    ) as info:
        run_sparql(ds, path)
    assert info.value.path == str(path)


def test_run_sparql_missing_file(ds):
    with pytest.raises(InputFileError, match="no such SPARQL file"):
        run_sparql(ds, "missing.rq")


def test_updates_are_refused(ds):
    before = len(ds)
    with pytest.raises(InputError, match="does not parse"):
        run_sparql(ds, "DELETE WHERE { ?s ?p ?o }")
    assert len(ds) == before


def test_rendering_csv_json_dataframe(ds):
    result = run_named(ds, "suppliers-of", company="Orbita")
    assert result.to_csv().splitlines() == [
        "company,supplier,name,claims",
        f"{ORBITA},{HALCYON},Halcyon Semiconductor,1",
    ]
    assert json.loads(result.to_json()) == {"columns": list(result.columns), "rows": result.rows()}
    frame = result.to_dataframe()
    assert list(frame.columns) == list(result.columns) and frame.iloc[0]["claims"] == 1


def test_csv_quotes_commas_and_empty_cells():
    from vendorgraph.graph.queries import QueryResult

    r = QueryResult(columns=("a", "b"), values=(("x, y", None),))
    assert r.to_csv() == 'a,b\n"x, y",\n'
