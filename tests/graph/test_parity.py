"""The same questions through SPARQL, networkx and (when NEO4J_URI is set) Cypher agree."""

from __future__ import annotations

import os

import pytest

from vendorgraph.graph.export import to_cypher
from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.queries import list_queries, run_named
from vendorgraph.graph.rdf import add_assessments, to_dataset
from vendorgraph.graph.store import iter_quads

from .fixtures import extractions
from .nx_queries import nx_answer

PARAMS = {
    "company": ["Orbita Cloud", "Halcyon Semiconductor", "Lumen Grid", "Halcyon H9"],
    "person": ["Mira Okafor"],
    "dependent": ["Orbita Cloud"],
    "provider": ["Halcyon Semiconductor"],
}
NEEDS_NEO4J = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="needs a Neo4j server: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD); "
    "none can be installed in this sandbox",
)


def _cases():
    for q in list_queries():
        choices = [PARAMS[p] for p in q.params]
        combos = [
            dict(zip(q.params, values, strict=True)) for values in zip(*choices, strict=False)
        ]
        if not q.params:
            combos = [{}]
        for c in combos if len(q.params) != 1 else [{q.params[0]: v} for v in choices[0]]:
            yield pytest.param(q.name, c, id=f"{q.name}-{'-'.join(c.values()) or 'all'}")


@pytest.fixture(scope="module")
def graphs():
    ds = to_dataset(extractions())
    add_assessments(
        ds,
        [{"dependent": "org/orbita-cloud", "provider": "org/halcyon-semiconductor"}],
        [
            {"id": "org/orbita-cloud", "lockin": 0.4, "hhi": 1.0},
            {"id": "org/lumen-grid", "lockin": 0.1},
        ],
    )
    return ds, to_networkx(ds)


@pytest.mark.parametrize(("name", "params"), list(_cases()))
def test_sparql_and_networkx_agree(graphs, name, params):
    ds, G = graphs
    sparql, twin = run_named(ds, name, **params), nx_answer(G, name, **params)
    assert sparql.columns == twin.columns
    assert sparql.values == twin.values


# Cypher twins of a few named queries, over the mapping of vendorgraph.graph.neo4j.
CYPHER = {
    "suppliers-of": (
        "MATCH (d:Dependency)-[:DEPENDENT]->(x:Resource {uri: $company}), "
        "(d)-[:PROVIDER]->(s:Resource), (c:Claim)-[:PROPOSITION]->(d) "
        "RETURN x.uri AS company, s.uri AS supplier, s.name AS name, count(DISTINCT c) AS claims"
    ),
    "quotes-by": (
        "MATCH (q:Quote)-[:SPOKEN_BY_CHARACTER]->(p:Resource {uri: $person}), "
        "(q)-[:WAS_QUOTED_FROM]->(a:Resource) "
        "RETURN p.uri AS person, a.uri AS article, q.identifier AS id, q.text AS text, "
        "q.quoteKind AS kind"
    ),
}


def _auth():
    return {
        "uri": os.environ["NEO4J_URI"],
        "user": os.environ.get("NEO4J_USER", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD", ""),
    }


@pytest.mark.neo4j
@NEEDS_NEO4J
def test_sparql_and_cypher_agree(graphs):
    from vendorgraph.graph.neo4j import expand, push, run_cypher

    ds, _ = graphs
    run_cypher("MATCH (n:Resource) DETACH DELETE n", **_auth())
    push(ds, **_auth())
    for name, query in CYPHER.items():
        (param,) = [p for p in ("company", "person") if p in query]
        value = PARAMS[param][0]
        expected = run_named(ds, name, **{param: value})
        iri = str(expected.values[0][0]) if expected.values else None
        rows = run_cypher(query, {param: iri}, **_auth())
        got = sorted(
            tuple(str(expand(v)) if k == "kind" else v for k, v in r.items()) for r in rows
        )
        assert got == sorted(expected.values)


@pytest.mark.neo4j
@NEEDS_NEO4J
def test_cypher_script_loads_and_reads_back(graphs):
    from vendorgraph.graph.neo4j import load_script, pull, run_cypher

    ds, _ = graphs
    run_cypher("MATCH (n:Resource) DETACH DELETE n", **_auth())
    load_script(to_cypher(ds, batch_size=25), **_auth())
    assert set(iter_quads(pull(**_auth()))) == set(iter_quads(ds))
