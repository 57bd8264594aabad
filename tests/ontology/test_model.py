"""The model's records: their checks, and a pickle that keeps every field."""

from __future__ import annotations

import copy
import pickle
from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorgraph.errors import InvalidSpanError, ModelError
from vendorgraph.ontology.model import (
    Document,
    Entity,
    Extraction,
    Quantity,
    Quote,
    Rejection,
    Relation,
    Span,
    entity_id,
)
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

TEXT = "Halden Cloud will buy 40,000 boards from Corvid Systems through 2029, its CEO said."


def sample() -> Extraction:
    doc = Document(text=TEXT, title="Halden buys boards", published="2026-03-02", path="a.txt")
    halden = Entity(
        id=entity_id("Halden Cloud", EntityType.CLOUD_PROVIDER),
        name="Halden Cloud",
        type=EntityType.CLOUD_PROVIDER,
        mentions=(doc.span(0, 12),),
        roles=("buyer",),
    )
    corvid = Entity(
        id=entity_id("Corvid Systems", EntityType.CHIP_VENDOR),
        name="Corvid Systems",
        type=EntityType.CHIP_VENDOR,
        aliases=("Corvid",),
        mentions=(doc.span(41, 55),),
    )
    amount = Quantity(
        id="q1",
        kind=QuantityKind.COUNT,
        text="40,000 boards",
        span=doc.span(22, 35),
        value=40_000.0,
        unit="board",
    )
    quote = Quote(id="c1", text=TEXT[:-10], span=doc.span(0, len(TEXT) - 10), direct=False)
    relation = Relation(
        id="r1",
        subject=halden.id,
        predicate=Predicate.DEPENDS_ON,
        object=corvid.id,
        span=doc.span(0, len(TEXT)),
        modality=Modality.PLANNED,
        quantity="q1",
        end="2029",
    )
    return Extraction(
        document=doc,
        entities=(corvid, halden),
        quotes=(quote,),
        relations=(relation,),
        quantities=(amount,),
        rejected=(Rejection(text="CEO", span=None, reason="a role, not a name"),),
    )


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_an_extraction_survives_pickle_field_by_field(protocol: int) -> None:
    original = sample()
    back = pickle.loads(pickle.dumps(original, protocol=protocol))
    assert back == original  # dataclass equality compares every field
    pairs = [(back.document, original.document), (back.relations[0], original.relations[0])]
    for got, want in pairs + list(zip(back.entities, original.entities, strict=True)):
        assert type(got) is type(want)
        assert [getattr(got, f.name) for f in fields(got)] == [
            getattr(want, f.name) for f in fields(want)
        ]
    assert back.relations[0].predicate is Predicate.DEPENDS_ON


def test_a_copy_is_equal_and_still_frozen() -> None:
    original = sample()
    twin = copy.deepcopy(original)
    assert twin == original and twin is not original
    with pytest.raises(AttributeError):
        twin.document.title = "changed"  # type: ignore[misc]


@given(st.text(max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_pickled_spans_equal_their_originals(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    span = Document(text=text).span(start, end)
    assert pickle.loads(pickle.dumps(span)) == span


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Span(start=3, end=1, text=""), InvalidSpanError, r"is not a range"),
        (lambda: Span(start=0, end=2, text="abc"), InvalidSpanError, r"expected 2"),
        (lambda: Document(text="ab", body_start=3), ModelError, r"outside the text"),
        (lambda: Document(text="ab").span(1, 5), InvalidSpanError, r"outside the text of 2"),
        (
            lambda: Entity(id="org/x", name=" ", type=EntityType.ORGANIZATION),
            ModelError,
            r"empty name",
        ),
    ],
)
def test_records_refuse_bad_values(build: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        build()  # type: ignore[operator]
