"""Plain quads in and out of a dataset: the Oxigraph bulk path and rdflib's API agree."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Graph, Literal, URIRef

from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.store import (
    Iri,
    add_plain,
    gc_paused,
    iter_quads,
    new_dataset,
    oxigraph_store,
    plain_quads,
    rdflib_quads,
    union_graph,
)

from .fixtures import extractions

STORES = ["Oxigraph", "Memory"]
G1, G2 = "urn:x:g1", "urn:x:g2"
S, P, OBJ = "urn:x:s", "urn:x:p", "urn:x:o"


def _both(quads):
    datasets = [new_dataset(store) for store in STORES]
    for ds in datasets:
        add_plain(ds, quads)
    return datasets


@pytest.mark.parametrize(
    "obj",
    [
        OBJ,
        ("plain words", str(XSD.string)),
        ('a "quoted"\nline\r\twith \\ and é ✓', str(XSD.string)),
        ("", str(XSD.string)),
        ("42", str(XSD.integer)),
        ("0.25", str(XSD.decimal)),
        ("true", str(XSD.boolean)),
        ("2026-03", str(XSD.gYearMonth)),
    ],
)
def test_add_plain_stores_the_same_quad_in_both_stores(obj):
    oxigraph, memory = _both([(S, P, obj, G1)])
    assert set(iter_quads(oxigraph)) == set(iter_quads(memory))
    (quad,) = iter_quads(memory)
    expected = URIRef(obj) if isinstance(obj, str) else Literal(obj[0], datatype=URIRef(obj[1]))
    assert quad == (URIRef(S), URIRef(P), expected, URIRef(G1))


def test_rdflib_quads_builds_terms_as_rdflib_does():
    (quad,) = rdflib_quads([(S, P, ("7", str(XSD.integer)), G1)])
    assert quad == (URIRef(S), URIRef(P), Literal(7), URIRef(G1))


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [
        ("2026-03-04T10:00", XSD.dateTime),  # rdflib adds the seconds
        ("2026-03-04T10:00:00Z", XSD.dateTime),  # rdflib writes +00:00
        ("2026", XSD.gYear),
        ("0.5", XSD.decimal),
        ("1e3", XSD.double),
    ],
)
def test_literals_read_back_as_rdflib_gives_them(lexical, datatype):
    oxigraph, memory = _both([(S, P, (lexical, str(datatype)), G1)])
    fast = [o for *_, o, _ in plain_quads(oxigraph)]
    generic = [o for *_, o, _ in plain_quads(memory)]
    assert fast == generic
    assert type(fast[0]) is str


def test_iri_objects_are_iris_and_literals_are_not():
    (oxigraph,) = _both([(S, P, OBJ, G1), (S, P, (OBJ, str(XSD.string)), G1)])[:1]
    objects = sorted((o, isinstance(o, Iri)) for _, _, o, _ in plain_quads(oxigraph))
    assert objects == [(OBJ, False), (OBJ, True)]


@pytest.mark.parametrize("store", STORES)
def test_plain_quads_of_one_graph(store):
    ds = new_dataset(store)
    add_plain(ds, [(S, P, OBJ, G1), (S, P, "urn:x:other", G2)])
    assert list(plain_quads(ds, graph=G2)) == [(S, P, "urn:x:other", G2)]
    assert list(plain_quads(ds, graph="urn:x:none")) == []
    assert len(list(ds.graphs())) == len(list(new_dataset(store).graphs())) + 2


def test_a_plain_graph_is_its_default_graph():
    graph = Graph()
    graph.add((URIRef(S), URIRef(P), URIRef(OBJ)))
    ((s, p, o, g),) = plain_quads(graph)
    assert (s, p, o) == (S, P, OBJ) and isinstance(o, Iri)
    assert list(plain_quads(graph, graph=G1)) == []
    assert list(plain_quads(graph, graph=g)) == [(S, P, OBJ, g)]


def test_fast_and_generic_reads_of_a_built_dataset_agree():
    oxigraph = to_dataset(extractions())
    memory = to_dataset(extractions(), store="Memory")
    assert oxigraph_store(oxigraph) is not None and oxigraph_store(memory) is None

    def typed(quads):
        return sorted((s, p, o, type(o).__name__, g) for s, p, o, g in quads)

    fast = typed(plain_quads(oxigraph))
    assert fast == typed(plain_quads(memory))
    union = {(s, p, o, t) for s, p, o, t, _ in fast}
    assert {(s, p, o, t) for s, p, o, t, _ in typed(plain_quads(union_graph(oxigraph)))} == union


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=30), st.text(max_size=10))
def test_any_string_goes_in_and_out_of_both_stores_unchanged(text, key):
    iri = f"urn:x:{key.encode().hex()}"
    datasets = _both([(iri, P, (text, str(XSD.string)), G1)])
    assert [list(plain_quads(ds)) for ds in datasets] == [[(iri, P, text, G1)]] * 2


def test_gc_paused_restores_the_collector_even_on_error():
    assert gc.isenabled()
    with pytest.raises(KeyError), gc_paused():
        raise KeyError("x")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
