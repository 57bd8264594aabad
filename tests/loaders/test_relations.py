from __future__ import annotations

import pytest

from vendorgraph.loaders.entities import find_entities
from vendorgraph.loaders.quantities import find_quantities
from vendorgraph.loaders.quotes import find_quotes
from vendorgraph.loaders.relations import find_relations, load_relation_rules
from vendorgraph.ontology.lexicon import Lexicon, LexiconEntry
from vendorgraph.ontology.model import Document
from vendorgraph.ontology.terms import EntityType, Modality, Predicate

LEX = Lexicon(
    [
        LexiconEntry(
            id="org/nvidia", name="Nvidia", type=EntityType.CHIP_VENDOR, kind="Organization"
        ),
        LexiconEntry(id="org/aws", name="AWS", type=EntityType.CLOUD_PROVIDER, kind="Organization"),
        LexiconEntry(id="org/orbit", name="Orbit", type=EntityType.AI_LAB, kind="Organization"),
        LexiconEntry(
            id="org/commerce",
            name="Commerce Department",
            type=EntityType.GOVERNMENT,
            kind="GovernmentBody",
        ),
        LexiconEntry(id="place/china", name="China", type=EntityType.PLACE, kind="Place"),
        LexiconEntry(
            id="product/h100", name="H100", type=EntityType.CHIP, kind="GPU", developer="org/nvidia"
        ),
        LexiconEntry(
            id="product/chatbot",
            name="Chatty",
            type=EntityType.PRODUCT,
            kind="Product",
            developer="org/orbit",
        ),
    ]
)


def _relations(text: str):
    doc = Document(text=text)
    ents = find_entities(doc, lexicon=LEX)
    quotes = find_quotes(doc, ents)
    return find_relations(doc, ents, lexicon=LEX, quotes=quotes, quantities=find_quantities(doc))


def _triples(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate.value, r.object) for r in _relations(text)}


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("Nvidia supplies H100 chips to Orbit.", ("org/nvidia", "supplies", "org/orbit")),
        ("Orbit will gain access to capacity from AWS.", ("org/aws", "supplies", "org/orbit")),
        ("AWS deployed H100 accelerators last year.", ("org/aws", "deploys", "product/h100")),
        ("Orbit uses H100 GPUs for training.", ("org/orbit", "uses", "product/h100")),
        ("Orbit runs its workloads on AWS.", ("org/orbit", "uses", "org/aws")),
        (
            "The Zen5 servers are powered by H100 chips.",
            ("product/zen5", "integrates", "product/h100"),
        ),
        (
            "Nvidia's Quasar Link technology is fast.",
            ("org/nvidia", "develops", "tech/quasar-link"),
        ),
        ("Nvidia invested $2 billion in Orbit.", ("org/nvidia", "invests_in", "org/orbit")),
        ("AWS and Orbit announced a partnership.", ("org/aws", "partners_with", "org/orbit")),
        ("Orbit competes with AWS in search.", ("org/orbit", "competes_with", "org/aws")),
        ("Orbit relies on AWS for compute.", ("org/orbit", "depends_on", "org/aws")),
        ("Nvidia acquired Orbit in May.", ("org/nvidia", "acquires", "org/orbit")),
        ("AWS's subsidiary Orbit grew.", ("org/aws", "owns", "org/orbit")),
        ("Orbit CEO Dana Kim spoke.", ("org/orbit", "employs", "person/dana-kim")),
        (
            "The Commerce Department will restrict exports to China.",
            ("org/commerce", "restricts", "place/china"),
        ),
    ],
)
def test_each_predicate(text, triple):
    assert triple in _triples(text)


def test_dependency_on_a_product_points_at_its_maker_with_capability():
    (rel,) = [
        r
        for r in _relations("Orbit needs Nvidia's newest GPUs to grow.")
        if r.predicate is Predicate.DEPENDS_ON
    ]
    assert (rel.subject, rel.object, rel.capability) == (
        "org/orbit",
        "org/nvidia",
        "product/nvidia-gpus",
    )


def test_maker_phrase_resolves_to_the_developer():
    assert ("org/aws", "supplies", "org/orbit") in _triples(
        "Orbit launched Chatty. AWS will supply chips to the Chatty maker."
    )


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("AWS deploys H100 chips.", Modality.ASSERTED),
        ("AWS will deploy H100 chips.", Modality.PLANNED),
        ("AWS plans to deploy H100 chips.", Modality.PLANNED),
        ("AWS may deploy H100 chips.", Modality.HEDGED),
        ("AWS does not deploy H100 chips.", Modality.DENIED),
        ("Quill Labs CEO Asha Verma estimates AWS deploys H100 chips.", Modality.FORECAST),
    ],
)
def test_modality(text, modality):
    (rel,) = [r for r in _relations(text) if r.predicate is Predicate.DEPLOYS]
    assert rel.modality is modality


def test_qualifiers_quantity_and_window():
    (rel,) = [
        r
        for r in _relations("AWS will deploy 1 million H100 chips by the end of 2027.")
        if r.predicate is Predicate.DEPLOYS
    ]
    assert rel.end == "2027-12-31"
    assert rel.quantity is not None
    (part,) = [
        r
        for r in _relations("AWS and Orbit have worked together since 2011.")
        if r.predicate is Predicate.PARTNERS_WITH
    ]
    assert part.start == "2011"


def test_claim_inside_a_quote_is_credited_to_the_speaker():
    text = "Orbit CEO Dana Kim said that Orbit will deploy H100 chips."
    (rel,) = [r for r in _relations(text) if r.predicate is Predicate.DEPLOYS]
    assert rel.speaker == "person/dana-kim"
    assert rel.quote is not None


def test_evidence_is_the_sentence():
    text = "Nvidia grew. Nvidia invested $2 billion in Orbit. Orbit grew."
    (rel,) = [r for r in _relations(text) if r.predicate is Predicate.INVESTS_IN]
    assert rel.span.text == "Nvidia invested $2 billion in Orbit."


def test_same_fact_twice_is_one_relation():
    text = "Nvidia invested in Orbit. Later, Nvidia invested more in Orbit."
    assert len([r for r in _relations(text) if r.predicate is Predicate.INVESTS_IN]) == 1


def test_every_rule_names_a_known_predicate():
    assert {r.predicate for r in load_relation_rules()} <= set(Predicate)
