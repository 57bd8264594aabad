from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vendorgraph.errors import RegistryError
from vendorgraph.graph.extraction_json import to_json
from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.pipeline import ExtractOptions, extract
from vendorgraph.loaders.registry import extractor_names, get_extractor, register_extractor
from vendorgraph.ontology.model import Document

OWN = (
    '---\ntitle: "Orbit signs up"\n---\n'
    "Orbit Deploys Nvidia GPUs\n"
    "Quill Labs Co-founder Asha Verma said Orbit will deploy 1 million Nvidia GPUs by the end "
    "of 2027. “We depend on Nvidia's most advanced GPUs,” Verma said. AWS and Orbit have worked "
    "together since 2019.\n"
)


def test_extract_reads_only_the_body_and_finds_the_claims():
    doc = parse_document(OWN)
    ex = extract(doc)
    assert all(m.start >= doc.body_start for e in ex.entities for m in e.mentions)
    triples = {(r.subject, r.predicate.value, r.object) for r in ex.relations}
    assert ("org/quill-labs", "employs", "person/asha-verma") in triples
    assert ("org/nvidia", "develops", "product/nvidia-gpus") in triples
    deploy = next(r for r in ex.relations if r.predicate.value == "deploys")
    assert (deploy.modality.value, deploy.end) == ("planned", "2027-12-31")


def test_extract_is_deterministic_to_the_byte():
    first = json.dumps(to_json(extract(parse_document(OWN))), sort_keys=True)
    second = json.dumps(to_json(extract(parse_document(OWN))), sort_keys=True)
    assert first == second


def test_options_switch_steps_off():
    ex = extract(parse_document(OWN), options=ExtractOptions(quotes=False, relations=False))
    assert ex.quotes == () and ex.relations == ()


def test_json_contract_keys():
    data = to_json(extract(parse_document(OWN)))
    assert set(data) == {"document", "entities", "quotes", "relations", "quantities"}
    rel = data["relations"][0]
    assert {
        "id",
        "subject",
        "predicate",
        "object",
        "span",
        "confidence",
        "modality",
        "qualifiers",
        "evidence",
    } <= set(rel)
    quote = data["quotes"][0]
    assert {"id", "speaker", "text", "direct", "span", "speaker_role", "speaker_org"} <= set(quote)


def test_registry_has_article_v1_and_is_loud():
    assert get_extractor("article.v1") is extract
    assert "article.v1" in extractor_names()
    with pytest.raises(RegistryError, match="registered already"):
        register_extractor("article.v1", extract)
    with pytest.raises(RegistryError, match=r"no extractor 'nope.v1'; registered: 'article.v1'"):
        get_extractor("nope.v1")
    with pytest.raises(RegistryError, match="is not of the form"):
        register_extractor("Article", extract)


_ALPHABET = st.sampled_from(
    [
        *"abcXYZ .,;:'’\"“”()-\n0123456789$%",
        "Nvidia",
        " said ",
        " CEO ",
        " Labs",
        "AWS",
        " will deploy ",
        " its own ",
        " GPUs",
        " according to ",
        " and ",
        "Misa",
        " Ventures",
        "Intel Capital",
        "since 2011",
        "’s ",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_any_text_yields_spans_that_index_back(text):
    if not text.strip():
        return
    doc = Document(text=text)
    ex = extract(doc)  # Extraction checks every span against the text itself
    for entity in ex.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    for quote in ex.quotes:
        assert text[quote.span.start : quote.span.end] == quote.text
