"""Real articles always build, and the graph conforms under plain pyshacl over plain rdflib.

Users validate the files vendorgraph writes with their own SHACL engine (pyshacl, TopBraid,
Jena); the project's fast path (Oxigraph, bulk SPARQL) must not be the only one that accepts
them.
"""

from __future__ import annotations

import random
import warnings

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyshacl import validate as pyshacl_validate
from typer.testing import CliRunner

from vendorgraph.cli import app
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.graph.validate import validate
from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.pipeline import extract
from vendorgraph.ontology.namespace import load_ontology, load_shapes


def _plain_pyshacl(path) -> tuple[bool, str]:
    ds = rdflib.Dataset()  # rdflib's own memory store, not Oxigraph
    with warnings.catch_warnings():  # rdflib's TriG parser calls its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(path, format="trig")
    data = rdflib.Graph()
    for graph in ds.graphs():
        data += graph
    data += load_ontology()
    conforms, _, text = pyshacl_validate(data, shacl_graph=load_shapes(), inference="none")
    return bool(conforms), str(text)


@pytest.mark.shared
def test_dev_corpus_and_seed_build_with_exit_0_and_conform_under_plain_pyshacl(
    dev_dir, seed_path, tmp_path
):
    out = tmp_path / "dev.trig"
    result = CliRunner().invoke(app, ["build", str(dev_dir), str(seed_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "13 article(s)" in result.output
    conforms, report = _plain_pyshacl(out)
    assert conforms, report[:2000]


_INSERTS = [
    "“", "”", '"', "'", "‘", "’", "\u200b", "é", "ß", "\U0001f680", " 3.5% ", " $12 billion ",
    " 40,000 ", " Nvidia ", " AWS said ", " said Jane Roe, CEO of Acme. ", ", he said", " and ",
    " (", ") ", ": ", "\n\n", " Ventures", " Inc.", " 2027 ",
]  # fmt: skip


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(1, 40))
def test_mutated_real_articles_extract_and_conform(dev_dir, rnd: random.Random, edits: int):
    # quotes, unicode, numbers, repeated names and punctuation inserted at random places of a
    # real article: the extraction is valid and the graph conforms (screening, not luck)
    articles = sorted(dev_dir.glob("*.txt"))
    text = rnd.choice(articles).read_text(encoding="utf-8")
    body = parse_document(text).body_start  # the front matter stays well-formed
    for _ in range(edits):
        at = rnd.randrange(body, len(text) + 1)
        text = text[:at] + rnd.choice(_INSERTS) + text[at:]
    ex = extract(parse_document(text))
    for span in ex._spans():
        assert text[span.start : span.end] == span.text
    result = validate(to_dataset([ex]))
    assert result.conforms, result.violations[:5]
