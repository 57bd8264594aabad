"""match_entity: one rule from a name to an entity, in query, explain, view and why-same."""

from __future__ import annotations

import networkx as nx
import pytest

from tests.graph.test_view import _ids as view_ids
from vendorgraph.analysis import resolve
from vendorgraph.errors import InputError, UnknownEntityError
from vendorgraph.graph.merges import why_same
from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.queries import resolve_entity
from vendorgraph.graph.rdf import entity_iri, to_dataset
from vendorgraph.graph.view import render_view
from vendorgraph.ontology import Document, Entity, EntityType, Extraction
from vendorgraph.ontology.matching import graph_names, match_entity

NAMES = {
    "org/nvidia": ("Nvidia", "NVIDIA Corporation"),
    "product/trainium": ("Trainium",),
    "org/trainium-labs": ("Trainium",),
    "person/jensen-huang": ("Jensen Huang",),
    "org/orbita": ("Orbita",),
    "org/orbita-cloud": ("Orbita",),
}


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("org/nvidia", "org/nvidia"),  # an id
        ("https://w3id.org/vendorgraph/id/org/nvidia", "org/nvidia"),  # its IRI
        ("nvidia", "org/nvidia"),  # a label, any case
        ("  nvidia  corporation ", "org/nvidia"),  # an alias, white space folded
        ("Nvidia Corp.", "org/nvidia"),  # company forms dropped when nothing matches as written
        ("Jensen Huang", "person/jensen-huang"),
        ("trainium", "org/trainium-labs"),  # an organisation before an offering of that name
        ("product/trainium", "product/trainium"),  # the offering by its id
    ],
)
def test_match_entity_table(name, entity):
    assert match_entity(name, NAMES) == entity


def test_two_organisations_of_one_name_are_refused_naming_both_ids():
    with pytest.raises(
        InputError, match=r"'orbita' names 2 entities \(org/orbita, org/orbita-cloud\)"
    ):
        match_entity("orbita", NAMES)


def test_an_unknown_name_lists_close_names():
    with pytest.raises(
        UnknownEntityError, match=r"no entity named 'Nvidai'; close matches: \['Nvidia'"
    ):
        match_entity("Nvidai", NAMES)


def _dataset():
    doc = Document(text="Nvidia and Trainium.")
    entities = tuple(
        Entity(id=i, name=ns[0], aliases=ns[1:], type=t)
        for i, ns, t in [
            ("org/nvidia", NAMES["org/nvidia"], EntityType.CHIP_VENDOR),
            ("product/trainium", ("Trainium",), EntityType.CHIP),
            ("org/trainium-labs", ("Trainium",), EntityType.ORGANIZATION),
        ]
    )
    return to_dataset([Extraction(document=doc, entities=entities)])


@pytest.mark.parametrize(
    "name", ["NVIDIA", "nvidia corporation", "Nvidia Corp.", "trainium", "product/trainium"]
)
def test_a_name_resolves_to_the_same_entity_in_query_explain_view_and_why_same(name):
    ds = _dataset()
    G = to_networkx(ds)
    expected = match_entity(name, graph_names(G))
    assert resolve(G, name) == expected  # explain, whatif, robustness, score --edges
    assert resolve_entity(ds, name) == entity_iri(expected)  # query
    assert why_same(ds, name, expected).a_id == expected  # why-same
    assert view_ids(render_view(G, focus=name, depth=0)) == {expected}  # view --focus


def test_graph_names_reads_labels_and_aliases():
    G = nx.MultiDiGraph()
    G.add_node("org/a", label="A", aliases=["A Inc"])
    G.add_node("org/b", label="B")
    assert graph_names(G) == {"org/a": ("A", "A Inc"), "org/b": ("B",)}
