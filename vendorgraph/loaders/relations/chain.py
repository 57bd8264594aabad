"""Supply chains: a part in another company's offering is a supply to that company.

When the text says an offering of one company uses or integrates an offering of another ("the
Maia 200 is built on TSMC's 3nm process", "the QX-9 integrates SK Hynix's HBM3E"), the second
company supplies the first. The derived relation keeps the evidence of the one it comes from,
names the part as its capability, and is marked ``resolved`` (lower confidence).

Examples
--------
>>> from vendorgraph.loaders.documents import parse_document
>>> from vendorgraph.loaders.pipeline import extract
>>> doc = parse_document("Quarry Labs unveiled its Q9 chip. The Q9 integrates Tarn Memory's "
...                      "HBM3E stacks.")
>>> ex = extract(doc)
>>> names = {e.id: e.name for e in ex.entities}
>>> sorted((names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations
...        if r.predicate.value == "supplies")
[('Tarn Memory', 'supplies', 'Quarry Labs')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from vendorgraph.loaders.relations.article import Article
from vendorgraph.loaders.relations.assemble import CONFIDENCE
from vendorgraph.ontology.model import Relation, stable_hash
from vendorgraph.ontology.terms import Predicate

__all__ = ["supplied_parts"]


_PART_OF = frozenset({Predicate.USES, Predicate.INTEGRATES})
_OFFERINGS = frozenset({"chip", "product", "tech"})


def supplied_parts(article: Article, relations: Iterable[Relation]) -> Iterator[Relation]:
    """Yield "V supplies C" for each offering of C that uses or integrates an offering of V."""
    for rel in relations:
        if rel.predicate not in _PART_OF or article.cls(rel.subject) not in _OFFERINGS:
            continue
        if article.cls(rel.object) not in _OFFERINGS:
            continue
        customer = article.developer(rel.subject)
        vendor = article.developer(rel.object)
        if customer is None or vendor is None or customer == vendor:
            continue
        if article.cls(customer) != "org" or article.cls(vendor) != "org":
            continue
        key = stable_hash(article.doc_id, vendor, "supplies", customer, rel.span.start)
        yield replace(
            rel,
            id=f"rel/{key}",
            subject=vendor,
            predicate=Predicate.SUPPLIES,
            object=customer,
            confidence=min(rel.confidence, CONFIDENCE[False, True]),
            quantity=None,
            capability=rel.object,
            cue="supply chain",
        )
