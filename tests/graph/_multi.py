"""Small hand-built articles for the multi-article tests (sentences written for these tests)."""

from __future__ import annotations

from vendorgraph.ontology import (
    Document,
    Entity,
    EntityType,
    Extraction,
    Predicate,
    Quantity,
    QuantityKind,
    Relation,
)


def org(eid: str, name: str, doc: Document, *, lexicon: str | None = None, **kw) -> Entity:
    start = doc.text.find(name)
    mentions = (doc.span(start, start + len(name)),) if start >= 0 else ()
    return Entity(
        id=eid, name=name, type=EntityType.ORGANIZATION, mentions=mentions, lexicon_id=lexicon, **kw
    )


def deal(
    text: str,
    *,
    publisher: str | None = "Paper",
    published: str | None = "2025-01-10",
    wire: str | None = None,
    amount: tuple[str, float] | None = None,
    start: str | None = None,
    end: str | None = None,
    names: tuple[str, str] = ("Kestrel", "Nimbus"),
) -> Extraction:
    """An article saying `names[0]` supplies `names[1]`, optionally with a dollar amount."""
    doc = Document(text=text, publisher=publisher, published=published, wire_source=wire)
    a = org("org/" + names[0].lower(), names[0], doc)
    b = org("org/" + names[1].lower(), names[1], doc)
    quantities = ()
    if amount is not None:
        at = text.index(amount[0])
        quantities = (
            Quantity(
                id="q1",
                kind=QuantityKind.MONEY,
                text=amount[0],
                span=doc.span(at, at + len(amount[0])),
                value=amount[1],
                unit="USD",
                normalized=amount[1],
            ),
        )
    rel = Relation(
        id="r1",
        subject=a.id,
        predicate=Predicate.SUPPLIES,
        object=b.id,
        span=doc.span(0, len(text)),
        quantity="q1" if amount else None,
        start=start,
        end=end,
    )
    return Extraction(document=doc, entities=(a, b), relations=(rel,), quantities=quantities)
