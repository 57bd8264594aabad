"""Hits into relations: the lexicon's corrections, the relation record, and merging.

One relation is kept per (subject, predicate, object): the best-evidenced sentence, with the
qualifiers of the others filled in.

Examples
--------
>>> CONFIDENCE[False, False], CONFIDENCE[True, True]
(0.8, 0.5)
"""

from __future__ import annotations

from dataclasses import replace

from vendorgraph.loaders.entities import load_entity_patterns
from vendorgraph.loaders.relations.article import PREDICATES, Article, Hit
from vendorgraph.loaders.relations.qualifiers import amount, modality_of, sentence_qualifiers
from vendorgraph.ontology.model import Relation, stable_hash
from vendorgraph.ontology.terms import Modality, Predicate

__all__ = ["CONFIDENCE", "adjust", "merge", "to_relation"]


_FACTS = frozenset({"role", "product line", "maker", "label"})


def adjust(article: Article, hit: Hit) -> Hit | None:
    """Apply the lexicon's knowledge: who develops what, what a dependency is on.

    A place takes part in a restriction ("exports to China") or in a rivalry with another
    place ("the United States and China compete"), nothing else: "we built Reno" or "Alberta"
    before a chip name states no supply or development by or to a place.
    """
    places = [article.cls(e) == "place" for e in (hit.subject, hit.object)]
    rivals = hit.predicate is Predicate.COMPETES_WITH and all(places)
    if any(places) and hit.predicate is not Predicate.RESTRICTS and not rivals:
        return None
    if hit.predicate is Predicate.SUPPLIES and article.cls(hit.subject) in ("chip", "product"):
        maker = article.developer(hit.subject)
        return replace(hit, subject=maker, resolved=True) if maker is not None else None
    if hit.predicate is Predicate.SUPPLIES and article.cls(hit.object) in (
        "chip",
        "product",
        "tech",
    ):
        customer = article.developer(hit.object)  # the maker supplies the product's developer
        return replace(hit, object=customer, resolved=True) if customer is not None else None
    if hit.predicate is Predicate.DEVELOPS:
        return _developed(article, hit)
    if hit.predicate is Predicate.DEPENDS_ON and article.cls(hit.object) in (
        "chip",
        "product",
        "tech",
    ):
        dev = article.developer(hit.object)
        if dev is not None:
            return replace(hit, object=dev, capability=hit.object)
    if hit.predicate is Predicate.INTEGRATES and _is_process(article, hit.object):
        return replace(hit, predicate=Predicate.USES)  # a chip is made on a process, not of it
    return hit


def _developed(article: Article, hit: Hit) -> Hit | None:
    """Return a development as the lexicon and the kind of its developer allow, or None."""
    known = article.lexicon_developer(hit.object)
    if known is not None and known != hit.subject and not _one_group(article, known, hit.subject):
        return replace(hit, subject=known) if known in article.entities else None
    if article.cls(hit.subject) not in ("org", "its"):
        return None
    if _foundry_making_a_chip(article, hit):
        return None  # "the HV-3 is made by TSMC": a foundry makes others' chips
    return hit


def _foundry_making_a_chip(article: Article, hit: Hit) -> bool:
    """Whether a company that is only a foundry is said to develop a chip or product.

    A pure foundry (TSMC, GlobalFoundries) develops its processes, not the chips it makes.
    """
    roles = article.entities[hit.subject].roles
    return roles == ("Foundry",) and article.cls(hit.object) in ("chip", "product")


def _one_group(article: Article, one: str, other: str) -> bool:
    """Whether the lexicon makes one company the parent of the other ("Amazon's Trainium 3").

    The text's word wins then: the lexicon gives the chip to AWS, the text to its parent.
    """
    parents = {
        entity: article.lexicon.get(entity).parent if entity in article.lexicon else None
        for entity in (one, other)
    }
    return parents[one] == other or parents[other] == one


def _is_process(article: Article, entity: str) -> bool:
    """Whether `entity` is a manufacturing process ("3nm process", "2-nanometer node")."""
    name = article.entities[entity].name
    return load_entity_patterns().process_node.fullmatch(name) is not None


def _relation_id(article: Article, hit: Hit) -> str:
    parts = (hit.subject, PREDICATES[hit.predicate][0], hit.object, hit.sentence.start)
    return f"rel/{stable_hash(article.doc_id, *parts)}"


# per (headline, resolved), the confidence of a relation: four values, worked out once
CONFIDENCE = {
    (headline, resolved): round(0.8 - (0.2 if headline else 0.0) - (0.1 if resolved else 0.0), 2)
    for headline in (False, True)
    for resolved in (False, True)
}


def to_relation(article: Article, hit: Hit, cue: str | None) -> Relation | None:
    """Return the relation of `hit`, qualified by its sentence; None for a self-loop."""
    if hit.subject == hit.object:
        return None
    sentence = hit.sentence
    shared = sentence_qualifiers(article, sentence)
    quote = shared.quote
    fact = cue in _FACTS
    return Relation(
        id=_relation_id(article, hit),
        subject=hit.subject,
        predicate=hit.predicate,
        object=hit.object,
        span=shared.span,
        modality=Modality.ASSERTED if fact else modality_of(article, hit, quote),
        confidence=CONFIDENCE[sentence.headline, hit.resolved],
        quantity=None if fact else amount(article, hit, shared.quantity),
        start=None if fact else shared.start,
        end=None if fact else shared.end,
        capability=hit.capability if hit.capability not in (hit.subject, hit.object) else None,
        speaker=quote.speaker if quote is not None else None,
        quote=quote.id if quote is not None else None,
        cue=cue,
    )


def _better(new: Relation, old: Relation) -> bool:
    def rank(r: Relation) -> tuple[float, int, int]:
        filled = sum(x is not None for x in (r.quantity, r.start, r.end, r.capability, r.speaker))
        return (r.confidence, filled, -r.span.start)

    return rank(new) > rank(old)


def merge(relations: list[Relation]) -> tuple[Relation, ...]:
    """Return one relation per (subject, predicate, object), sorted by position."""
    best: dict[tuple[str, ...], Relation] = {}
    for rel in relations:
        value, symmetric = PREDICATES[rel.predicate]
        swap = symmetric and rel.object < rel.subject  # as sorting the two ends
        key = (value, rel.object, rel.subject) if swap else (value, rel.subject, rel.object)
        old = best.get(key)
        if old is None or _better(rel, old):
            best[key] = _fill(rel, old) if old else rel
        else:
            best[key] = _fill(old, rel)
    return tuple(sorted(best.values(), key=_position))


def _position(rel: Relation) -> tuple[int, str, str, str]:
    return (rel.span.start, PREDICATES[rel.predicate][0], rel.subject, rel.object)


def _fill(keep: Relation, other: Relation) -> Relation:
    return replace(
        keep,
        quantity=keep.quantity or other.quantity,
        start=keep.start or other.start,
        end=keep.end or other.end,
        capability=keep.capability
        or (other.capability if other.capability not in (keep.subject, keep.object) else None),
    )
