"""Entity resolution across articles: one id per real-world entity, with the reason for each merge.

Run :func:`resolve_entities` on extractions before :func:`vendorgraph.graph.rdf.to_dataset`.
A layer of its own, on model records only: ``loaders`` find entities per article, this
resolves them across articles, and ``graph`` stores the result.
Merges are made in this order, each one only between entities of the same id family
(organisations with organisations, people with people, products with products):

1. the same lexicon id;
2. the same normalised name or alias (case-folded, possessive ``'s`` and a trailing
   ``Inc``/``Corp``/``Ltd``/``LLC``/``plc``… removed); two entities resolved to *different*
   lexicon ids never merge this way;
3. a surname-only person with the full-name person of the same organisation.

A name is compared whole, never word by word, so "Meta" and "Metaculus", or "Intel" and
"Intel Capital", stay apart. :class:`ResolutionRules` pins (``[[same]]``) or forbids
(``[[different]]``) merges. :func:`vendorgraph.graph.merges.add_merges` stores the merges in the
registry graph as ``vg:EntityMerge`` records, so that :func:`vendorgraph.graph.merges.why_same`
also works on a built graph.

Examples
--------
>>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
>>> a = Extraction(document=Document(text="Acme Inc. grows."),
...                entities=(Entity(id="org/acme-inc", name="Acme Inc.",
...                                 type=EntityType.ORGANIZATION),))
>>> b = Extraction(document=Document(text="Acme's chips."),
...                entities=(Entity(id="org/acme", name="Acme", type=EntityType.ORGANIZATION),))
>>> res = resolve_entities([a, b])
>>> [(m.source, m.target, m.rule) for m in res.merges]
[('org/acme-inc', 'org/acme', 'name')]
>>> explain_names(res.names, res.merges, "Acme Inc.", "acme").same
True
"""

from vendorgraph.resolution.explain import explain_names
from vendorgraph.resolution.merge import resolve_entities
from vendorgraph.resolution.records import Explanation, Merge, Resolution
from vendorgraph.resolution.rules import ResolutionRules

__all__ = [
    "Explanation",
    "Merge",
    "Resolution",
    "ResolutionRules",
    "explain_names",
    "resolve_entities",
]
