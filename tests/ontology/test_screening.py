"""Screening: records that break a model rule are repaired or left out, never fatal."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.ontology.model import Document, Entity, Quantity, Quote, Relation, Span
from vendorgraph.ontology.screening import screen, screen_extraction
from vendorgraph.ontology.terms import EntityType, Predicate, QuantityKind

TEXT = "Acme hired Jo Bloggs. Nvidia ships H100 chips to Acme, “fast,” said Jo Bloggs."
DOC = Document(text=TEXT)


def _span(words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return DOC.span(start, start + len(words))


ACME = Entity(id="org/acme", name="Acme", type=EntityType.ORGANIZATION, mentions=(_span("Acme"),))
JO = Entity(id="person/jo-bloggs", name="Jo Bloggs", type=EntityType.PERSON,
            mentions=(_span("Jo Bloggs"),))  # fmt: skip
H100 = Entity(id="product/h100", name="H100", type=EntityType.CHIP, mentions=(_span("H100"),))
NVIDIA = Entity(id="org/nvidia", name="Nvidia", type=EntityType.CHIP_VENDOR,
                mentions=(_span("Nvidia"),))  # fmt: skip
ENTITIES = (ACME, JO, H100, NVIDIA)
SHIPS = Relation(id="r-ships", subject="org/nvidia", predicate=Predicate.SUPPLIES,
                 object="org/acme", span=_span("Nvidia ships H100 chips to Acme"))  # fmt: skip
QUOTE = Quote(id="q1", text="fast,", span=_span("“fast,” said Jo Bloggs"), direct=True,
              speaker="person/jo-bloggs")  # fmt: skip


def test_valid_records_pass_unchanged():
    ex = screen(DOC, entities=ENTITIES, quotes=(QUOTE,), relations=(SHIPS,))
    assert (ex.quotes, ex.relations, ex.rejected) == ((QUOTE,), (SHIPS,), ())


@pytest.mark.parametrize(
    ("relation", "reason"),
    [
        (replace(SHIPS, object="org/ventures"), "refers to entity 'org/ventures'"),
        (replace(SHIPS, predicate=Predicate.EMPLOYS, subject="product/h100",
                 object="person/jo-bloggs"), "employs must run from an organisation to a person"),
        (replace(SHIPS, predicate=Predicate.EMPLOYS, subject="org/acme", object="org/nvidia"),
         "employs must run from an organisation to a person"),
        (replace(SHIPS, span=Span(start=0, end=4, text="Zeta")), "does not index the text"),
    ],
)  # fmt: skip
def test_a_relation_that_breaks_a_rule_is_left_out_with_its_reason(relation, reason):
    ex = screen(DOC, entities=ENTITIES, quotes=(QUOTE,), relations=(relation, SHIPS))
    assert ex.relations == (SHIPS,)
    assert len(ex.rejected) == 1 and reason in ex.rejected[0].reason


def test_a_speaker_that_is_not_an_agent_becomes_the_label_of_an_unnamed_speaker():
    quote = replace(QUOTE, speaker="product/h100", speaker_org="product/h100")
    (kept,) = screen(DOC, entities=ENTITIES, quotes=(quote,)).quotes
    assert (kept.speaker, kept.speaker_label, kept.speaker_org) == (None, "H100", None)


def test_an_unknown_speaker_leaves_a_quote_with_no_speaker():
    (kept,) = screen(DOC, entities=ENTITIES, quotes=(replace(QUOTE, speaker="person/x"),)).quotes
    assert (kept.speaker, kept.speaker_label, kept.text) == (None, None, "fast,")


def test_a_direct_quote_whose_words_are_not_in_its_span_is_left_out():
    ex = screen(DOC, entities=ENTITIES, quotes=(replace(QUOTE, text="slow"),))
    assert ex.quotes == () and "not in its span" in ex.rejected[0].reason


def test_dangling_qualifiers_are_dropped_and_the_claim_kept():
    number = Quantity(id="n1", kind=QuantityKind.COUNT, text="H100", span=_span("H100"),
                      about="org/gone")  # fmt: skip
    rel = replace(SHIPS, quantity="n-gone", capability="product/gone", speaker="product/h100")
    ex = screen(DOC, entities=ENTITIES, relations=(rel,), quantities=(number,))
    (kept,) = ex.relations
    assert (kept.quantity, kept.capability, kept.speaker) == (None, None, None)
    assert ex.quantities[0].about is None and ex.rejected == ()


_IDS = [e.id for e in ENTITIES]
_RELATIONS = st.tuples(
    st.sampled_from([*_IDS, "org/ghost"]),
    st.sampled_from(list(Predicate)),
    st.sampled_from([*_IDS, "person/ghost"]),
    st.integers(0, len(TEXT)),
    st.integers(0, len(TEXT)),
).filter(lambda t: t[0] != t[2]).map(
    lambda t: Relation(id=f"r{t[3]}-{t[4]}", subject=t[0], predicate=t[1], object=t[2],
                       span=DOC.span(min(t[3], t[4]), max(t[3], t[4])))
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_RELATIONS, max_size=8))
def test_screening_always_yields_a_valid_extraction_and_is_idempotent(relations):
    ex = screen(DOC, entities=ENTITIES, quotes=(QUOTE,), relations=relations)
    assert len(ex.relations) + len(ex.rejected) == len(relations)
    assert screen_extraction(ex) == ex
