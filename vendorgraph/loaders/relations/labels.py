r"""Relations stated by fact-box lines: "Products: T1 and T2", "Key people: Jane Roe (CEO)".

A label of ``patterns/labels.toml`` (:mod:`vendorgraph.loaders.fact_boxes`) states a relation
between the company the article is about (the organisation it names most often) and every
entity of the right kind the value names.

Examples
--------
>>> from vendorgraph.loaders.entities import find_entities
>>> from vendorgraph.loaders.relations import find_relations
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="Orrin Labs designs chips.\nCustomers: Vesper Cloud, Tamsin AI\n"
...                "Orrin Labs was founded in 2020.")
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> for r in find_relations(doc, found, lexicon=Lexicon([])):
...     if r.cue == "label":
...         print(r.subject, r.predicate.value, r.object)
org/orrin-labs supplies org/tamsin-ai
org/orrin-labs supplies org/vesper-cloud
"""

from __future__ import annotations

from collections.abc import Iterator

from vendorgraph.loaders.fact_boxes import fact_box
from vendorgraph.loaders.relations.article import Article, Hit, in_sentence
from vendorgraph.ontology.terms import EntityType

__all__ = ["label_hits"]


def label_hits(article: Article) -> Iterator[Hit]:
    """Yield the relations the fact-box lines of `article` state with the company it is about."""
    about: str | None = None
    for sentence in article.sentences:
        box = fact_box(sentence.text)
        if box is None:
            continue
        about = about or _about(article)
        value = sentence.start + box.value
        for mention in in_sentence(article, sentence):
            other = mention.entity
            if mention.start < value or other == about or about is None:
                continue
            if not _is_kind(article.entities[other].type, box.kind):
                continue
            subject, obj = (about, other) if box.article_is_subject else (other, about)
            yield Hit(subject, box.predicate, obj, sentence, sentence.text, False)


def _about(article: Article) -> str | None:
    """Return the organisation the article names most often (ties: the first named)."""
    orgs = [e for e in article.entities if article.actors.get(e)]
    if not orgs:
        return None
    return min(orgs, key=lambda e: (-article.counts.get(e, 0), article.first.get(e, 0), e))


def _is_kind(etype: EntityType, kind: str) -> bool:
    if kind == "person":
        return etype is EntityType.PERSON
    if kind == "offering":
        return etype.is_offering
    return etype.is_organization and etype is not EntityType.PUBLISHER
