from __future__ import annotations

import pytest
from rdflib import SKOS

from vendorgraph.ontology.capabilities import (
    capability_of,
    lexicon_capabilities,
    load_capabilities,
)
from vendorgraph.ontology.lexicon import load_lexicon
from vendorgraph.ontology.namespace import VGC, load_ontology

NINE = {
    "memory", "foundry", "packaging", "interconnect", "cpu", "frontier_accelerator",
    "cloud_capacity", "software_platform", "power",
}  # fmt: skip


def test_the_capability_scheme_holds_the_nine_capabilities_in_one_order():
    caps = load_capabilities()
    assert {c.name for c in caps} == NINE and len(caps) == len(NINE)
    graph = load_ontology()
    assert {str(c) for c in graph.subjects(SKOS.inScheme, VGC.Capability)} == {
        c.concept for c in caps
    }


def test_every_chip_system_and_technology_of_the_lexicon_serves_a_capability():
    caps = lexicon_capabilities()
    offerings = [e for e in load_lexicon() if e.type.value in ("Chip", "Product", "Technology")]
    missing = sorted(e.id for e in offerings if e.id not in caps)
    # only models and apps (vg:Product itself) serve none of the infrastructure capabilities
    assert all(e.kind == "Product" for e in offerings if e.id in missing), missing
    assert {"product/claude", "product/chatgpt"} <= set(missing)
    assert set(caps.values()) <= NINE


@pytest.mark.parametrize(
    ("entity", "capability"),
    [
        ("product/h100", "frontier_accelerator"),  # its class, vg:GPU
        ("product/grace", "cpu"),  # vg:CPU
        ("product/gh200", "frontier_accelerator"),  # its name, before the alias Grace Hopper
        ("product/blackwell-ultra", "frontier_accelerator"),
        ("tech/infiniband", "interconnect"),  # technology category vgc:Networking
        ("tech/cuda", "software_platform"),
        ("tech/hbm4", "memory"),
        ("tech/cowos", "packaging"),
    ],
)
def test_lexicon_entries_take_the_capability_of_their_class_category_or_words(entity, capability):
    assert lexicon_capabilities()[entity] == capability


@pytest.mark.parametrize(
    ("name", "type_", "capability"),
    [
        ("Intel x86 RTX SoCs", "Chip", "cpu"),  # the order of vgc:CapabilityOrder decides
        ("Spectrum-X switches", "Product", "interconnect"),  # a hyphen reads as a space
        ("AWS chips", "Chip", "frontier_accelerator"),  # vg:Chip unless named otherwise
        ("Acme widget", "Product", None),
    ],
)
def test_names_the_lexicon_does_not_know_are_placed_by_their_words(name, type_, capability):
    assert capability_of(name, type_) == capability
