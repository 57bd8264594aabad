"""Market roles the relations show: a company the text says develops a chip is a chip vendor.

A name the lexicon does not know is typed by its words and its clause ("Tarn Semiconductor",
"Vesper Labs"); a plain ``Organization`` can still be shown by the relations to design chips
("Coralmind designs the CM-400 accelerator"). Its type then becomes ``ChipVendor``, so that a
deal with it reads as a purchase from a vendor, not as a partnership of equals.

Examples
--------
>>> from vendorgraph.ontology.model import Entity, Relation, Span
>>> from vendorgraph.ontology.terms import EntityType, Predicate
>>> org = Entity(id="org/coralmind", name="Coralmind", type=EntityType.ORGANIZATION)
>>> chip = Entity(id="product/cm-400", name="CM-400", type=EntityType.CHIP)
>>> rel = Relation(id="r1", subject=org.id, predicate=Predicate.DEVELOPS, object=chip.id,
...                span=Span(start=0, end=9, text="Coralmind"))
>>> {e.name: e.type.value for e in retyped((org, chip), (rel,))}
{'Coralmind': 'ChipVendor', 'CM-400': 'Chip'}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from vendorgraph.ontology.model import Entity, Relation
from vendorgraph.ontology.terms import EntityType, Predicate

__all__ = ["retyped"]


def retyped(entities: Iterable[Entity], relations: Iterable[Relation]) -> tuple[Entity, ...]:
    """Return `entities` with each plain organisation that develops a chip typed a chip vendor."""
    entities = tuple(entities)
    # only names the lexicon does not know: its entries already carry their market role
    types = {e.id: e.type for e in entities if e.lexicon_id is None}
    relations = tuple(relations)
    # a company that deploys or uses chips itself builds them for its own cloud ("Microsoft
    # deploys its Maia 200"): it is no vendor of them
    users = {r.subject for r in relations if r.predicate in (Predicate.DEPLOYS, Predicate.USES)}
    vendors = {
        r.subject
        for r in relations
        if r.predicate is Predicate.DEVELOPS
        and types.get(r.subject) is EntityType.ORGANIZATION
        and types.get(r.object) is EntityType.CHIP
        and r.subject not in users
    }
    vendor = EntityType.CHIP_VENDOR
    return tuple(replace(e, type=vendor) if e.id in vendors else e for e in entities)
