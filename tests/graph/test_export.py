"""Exports are deterministic, atomic and loadable: GraphML, GEXF, Cypher, neo4j-admin, JSON-LD."""

from __future__ import annotations

import csv
import re

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorgraph.errors import InputError, UnknownFormatError
from vendorgraph.graph.export import (
    ARRAY_DELIMITER,
    cypher_literal,
    to_cypher,
    to_gexf,
    to_graphml,
    to_jsonld,
    to_neo4j_admin,
)
from vendorgraph.graph.neo4j import load_mapping, to_property_graph
from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.store import iter_quads
from vendorgraph.graph.store.files import read_dataset

from .fixtures import extractions


@pytest.fixture(scope="module")
def ds():
    return to_dataset(extractions())


@pytest.mark.parametrize(
    ("write", "read"), [(to_graphml, nx.read_graphml), (to_gexf, nx.read_gexf)]
)
def test_graph_files_reload_with_the_same_counts_and_bytes(ds, tmp_path, write, read):
    G = to_networkx(ds)
    one, two = write(ds, tmp_path / "a.xml"), write(G, tmp_path / "b.xml")
    assert one.read_bytes() == two.read_bytes()
    back = read(one)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        G.number_of_nodes(),
        G.number_of_edges(),
    )
    assert not list(tmp_path.glob(".*.tmp"))


def test_cypher_script_is_deterministic_and_uses_params(ds):
    script = to_cypher(ds)
    assert script == to_cypher(to_dataset(extractions()))
    lines = script.splitlines()
    assert lines[1].startswith("CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS")
    params = [line for line in lines if line.startswith(":param")]
    statements = [line for line in lines[1:] if not line.startswith(":param")]
    assert params and all(line.startswith(":param rows => [") for line in params)
    assert all(line.endswith(";") and "'" not in line for line in statements)
    vocabulary = set(load_mapping().label_terms) | set(load_mapping().rel_terms)
    for line in statements:
        assert set(re.findall(r"`([^`]*)`", line)) <= vocabulary


def _parse(text: str):  # noqa: C901 - a test helper, kept in one piece
    """A small parser of the Cypher literals cypher_literal writes (for the round-trip test)."""
    pos = 0

    def value():
        nonlocal pos
        ch = text[pos]
        if ch == "'":
            pos += 1
            out = []
            while text[pos] != "'":
                if text[pos] == "\\":
                    nxt = text[pos + 1]
                    if nxt == "u":
                        out.append(chr(int(text[pos + 2 : pos + 6], 16)))
                        pos += 6
                        continue
                    out.append(nxt)
                    pos += 2
                    continue
                out.append(text[pos])
                pos += 1
            pos += 1
            return "".join(out)
        if ch in "[{":
            close, items = "]" if ch == "[" else "}", []
            pos += 1
            while text[pos] != close:
                if ch == "{":
                    end = text.index("`: ", pos + 1)
                    key = text[pos + 1 : end].replace("``", "`")
                    pos = end + 3
                    items.append((key, value()))
                else:
                    items.append(value())
                if text[pos] == ",":
                    pos += 2
            pos += 1
            return dict(items) if ch == "{" else items
        match = re.compile(r"true|false|-?[0-9][0-9.e+-]*").match(text, pos)
        pos = match.end()
        word = match.group()
        if word in ("true", "false"):
            return word == "true"
        return float(word) if "." in word or "e" in word else int(word)

    result = value()
    assert pos == len(text)
    return result


values = st.recursive(
    st.text()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)  # Neo4j's signed 64-bit range
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,4}", fullmatch=True), inner, max_size=3
        )
    ),
    max_leaves=8,
)


@given(values)
def test_cypher_literal_round_trips_any_text(value):
    literal = cypher_literal(value)
    assert "\n" not in literal and "\r" not in literal
    assert _parse(literal) == value


@pytest.mark.parametrize(
    "bad", [None, float("nan"), object(), {"a`) DELETE n": 1}, 2**63, -(2**63) - 1]
)
def test_cypher_literal_refuses_what_it_cannot_write(bad):
    with pytest.raises(InputError, match="cannot write"):
        cypher_literal(bad)


def test_neo4j_admin_headers_and_rows(ds, tmp_path):
    nodes, rels = to_neo4j_admin(ds, tmp_path / "csv")
    with nodes.open(newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:2] == ["uri:ID", ":LABEL"]
    typed = re.compile(r"[A-Za-z_][A-Za-z0-9_]*:(string|long|double|boolean)(\[\])?")
    assert all(typed.fullmatch(col) for col in header[2:]), header
    assert "bodyStart:long" in header and "altLabel:string[]" in header
    pg = to_property_graph(ds)
    assert len(rows) - 1 == len(pg.nodes)
    assert all(RESOURCE_LABEL in r[1].split(ARRAY_DELIMITER) for r in rows[1:])
    with rels.open(newline="") as handle:
        rel_rows = list(csv.reader(handle))
    assert rel_rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(rel_rows) - 1 == len(pg.relationships)
    again = to_neo4j_admin(to_dataset(extractions()), tmp_path / "again")
    assert again[0].read_bytes() == nodes.read_bytes()


RESOURCE_LABEL = "Resource"


def test_jsonld_round_trips(ds, tmp_path):
    path = to_jsonld(ds, tmp_path / "g.jsonld")
    assert set(iter_quads(read_dataset(path))) == set(iter_quads(ds))
    with pytest.raises(UnknownFormatError, match=r"must end in '\.jsonld'"):
        to_jsonld(ds, tmp_path / "g.json")
