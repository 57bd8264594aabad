"""Two tiny extractions built by hand from sentences written for these tests.

They cover every field of every record: a named and an unnamed speaker, a peso amount with the
article's own dollar conversion, relation qualifiers, modality, confidence, rejections, and the
same company (Orbita Cloud) named in both articles.
"""

from __future__ import annotations

from vendorgraph.ontology import (
    Document,
    Entity,
    EntityType,
    Extraction,
    Modality,
    Predicate,
    Quantity,
    QuantityKind,
    Quote,
    Relation,
)
from vendorgraph.ontology.model import Rejection

TEXT_A = (
    "---\ntitle: Halcyon chips\n---\n"
    "Orbita Cloud will deploy 20,000 Halcyon H9 accelerators from Halcyon Semiconductor by 2027. "
    '"We bet the whole region on this," said Mira Okafor, chief executive of Orbita Cloud. '
    "A Halcyon engineer said supply was tight. "
    "The market may exceed ₱3 trillion ($50 billion) next year."
)
TEXT_B = (
    "Orbita has partnered with Lumen Grid since 2019, the firms said. "
    "Lumen Grid uses the Tessellate interconnect."
)


def _at(doc: Document, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return start, start + len(words)


FIRST = (
    "Orbita Cloud will deploy 20,000 Halcyon H9 accelerators from Halcyon Semiconductor by 2027."
)


def article_a() -> Extraction:
    doc = Document(
        text=TEXT_A,
        title="Halcyon chips",
        published="2026-03-04",
        publisher="Example Wire",
        url="https://news.example/halcyon",
        path="corpus/halcyon.txt",
        wire_source="Sample Agency",
        body_start=TEXT_A.index("Orbita"),
    )
    span = lambda words, nth=0: doc.span(*_at(doc, words, nth))  # noqa: E731
    orbita = Entity(
        id="org/orbita-cloud",
        name="Orbita Cloud",
        type=EntityType.CLOUD_PROVIDER,
        aliases=("Orbita", "OC"),
        mentions=(span("Orbita Cloud", 1), span("Orbita Cloud")),
        lexicon_id="orbita-cloud",
        wikidata="Q4242",
        roles=("CloudProvider", "NeoCloud"),
    )
    halcyon = Entity(
        id="org/halcyon-semiconductor",
        name="Halcyon Semiconductor",
        type=EntityType.CHIP_VENDOR,
        mentions=(span("Halcyon Semiconductor"),),
    )
    chip = Entity(
        id="product/halcyon-h9",
        name="Halcyon H9",
        type=EntityType.CHIP,
        mentions=(span("Halcyon H9"),),
        parent="org/halcyon-semiconductor",
    )
    mira = Entity(
        id="person/mira-okafor",
        name="Mira Okafor",
        type=EntityType.PERSON,
        mentions=(span("Mira Okafor"),),
    )
    quote_named = Quote(
        id="q-named",
        text="We bet the whole region on this,",
        span=span('"We bet the whole region on this,"'),
        direct=True,
        speaker="person/mira-okafor",
        speaker_role="chief executive",
        speaker_org="org/orbita-cloud",
        cue="said",
    )
    quote_unnamed = Quote(
        id="q-unnamed",
        text="supply was tight",
        span=span("A Halcyon engineer said supply was tight."),
        direct=False,
        speaker_label="A Halcyon engineer",
        speaker_org="Halcyon",
        cue="said",
    )
    count = Quantity(
        id="n-count",
        kind=QuantityKind.COUNT,
        text="20,000",
        span=span("20,000"),
        value=20000.0,
        unit="accelerators",
        normalized=20000.0,
        about="product/halcyon-h9",
    )
    deadline = Quantity(
        id="n-date",
        kind=QuantityKind.DATE,
        text="2027",
        span=span("2027"),
        iso="2027",
        deadline=True,
    )
    pesos = Quantity(
        id="n-php",
        kind=QuantityKind.MONEY,
        text="₱3 trillion",
        span=span("₱3 trillion"),
        lower=3e12,
        unit="PHP",
        approximate=True,
        about="the market",
    )
    dollars = Quantity(
        id="n-usd",
        kind=QuantityKind.MONEY,
        text="$50 billion",
        span=span("$50 billion"),
        lower=5e10,
        unit="USD",
        converted_from="n-php",
    )
    deploy = Relation(
        id="r-deploy",
        subject="org/orbita-cloud",
        predicate=Predicate.DEPLOYS,
        object="product/halcyon-h9",
        span=span(FIRST),
        modality=Modality.PLANNED,
        confidence=0.9,
        quantity="n-count",
        end="2027",
        capability="product/halcyon-h9",
        speaker="org/orbita-cloud",
        quote="q-named",
        cue="will deploy",
    )
    supply = Relation(
        id="r-supply",
        subject="org/halcyon-semiconductor",
        predicate=Predicate.SUPPLIES,
        object="org/orbita-cloud",
        span=span(FIRST),
        confidence=0.75,
        start="2026-03",
    )
    rejected = (
        Rejection(text="next year", span=span("next year"), reason="relative date without anchor"),
        Rejection(text="the whole region", span=None, reason="not an entity"),
    )
    return Extraction(
        document=doc,
        entities=(orbita, halcyon, chip, mira),
        quotes=(quote_named, quote_unnamed),
        relations=(deploy, supply),
        quantities=(count, deadline, pesos, dollars),
        rejected=rejected,
    )


def article_b() -> Extraction:
    doc = Document(text=TEXT_B)
    span = lambda words, nth=0: doc.span(*_at(doc, words, nth))  # noqa: E731
    orbita = Entity(
        id="org/orbita-cloud",
        name="Orbita",
        type=EntityType.ORGANIZATION,
        mentions=(span("Orbita"),),
    )
    lumen = Entity(
        id="org/lumen-grid",
        name="Lumen Grid",
        type=EntityType.AI_LAB,
        mentions=(span("Lumen Grid"), span("Lumen Grid", 1)),
    )
    tessellate = Entity(
        id="tech/tessellate",
        name="Tessellate",
        type=EntityType.TECHNOLOGY,
        mentions=(span("Tessellate"),),
    )
    partner = Relation(
        id="r-partner",
        subject="org/orbita-cloud",
        predicate=Predicate.PARTNERS_WITH,
        object="org/lumen-grid",
        span=span("Orbita has partnered with Lumen Grid since 2019, the firms said."),
        modality=Modality.ASSERTED,
        confidence=1.0,
        start="2019",
    )
    uses = Relation(
        id="r-uses",
        subject="org/lumen-grid",
        predicate=Predicate.USES,
        object="tech/tessellate",
        span=span("Lumen Grid uses the Tessellate interconnect."),
        modality=Modality.HEDGED,
        confidence=0.0,
    )
    return Extraction(document=doc, entities=(orbita, lumen, tessellate), relations=(partner, uses))


def extractions() -> tuple[Extraction, Extraction]:
    """Both articles."""
    return article_a(), article_b()
