"""Find typed relations between the entities of a sentence, with modality and qualifiers.

Relations are read in two ways, and merged:

- **on the parse** (:mod:`vendorgraph.loaders.frames`): verb and relational-noun frames from
  ``patterns/frames.toml`` match the dependency tree of each sentence, so conjuncts,
  passives, appositions, relative clauses and references back ("it", "the company") are
  handled once for every frame, and the modality comes from the clause;
- **on the surface**: the trigger patterns of ``patterns/relations.toml`` run as regular
  expressions over the sentence with its entity mentions replaced by placeholders that carry
  a class (``org``, ``gov``, ``place``, ``person``, ``chip``, ``product``, ``tech``). They are
  kept where the parser, trained on web text, misreads news sentences (short present-tense
  clauses that open with a company's name) — 34 of the 60 they once were; a rule that finds
  nothing the frames do not find on our annotated articles was deleted.

On top of both: ``employs`` for every role the text gives a person at an organisation, and
``develops`` for every product line named as a company's ("Nvidia GPUs").

Every relation keeps its sentence as evidence, a modality (asserted, planned, forecast, hedged,
denied), the quantity stated in the sentence, a validity window ("since 2011" → start
``2011``; "by the end of 2027" → end ``2027-12-31``), a capability (what a dependency is for)
and the speaker when the sentence is a quote.

The rooms of this package, in the order a pass uses them:

- ``rules``: the trigger rules of ``patterns/relations.toml``, compiled;
- ``article``: what the rules share about one article (:class:`~.article.Article`), the slot
  and hit records;
- ``references``: the slots of a sentence, with what "its", "the company", "we" stand for;
- ``headlines``: telling a title-case headline from a sentence;
- ``matching``: the masked sentence, its clauses and the hits of a rule's match;
- ``hits``: the hits of the frames, the rules and the facts (roles, product lines);
- ``qualifiers``: modality, quote, amount and validity window of a sentence;
- ``assemble``: hits into relations, one per (subject, predicate, object);
- ``find``: :func:`find_relations`, the whole pass.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.loaders.entities import find_entities
>>> doc = Document(text="Acme Labs will deploy Halcyon servers by the end of 2027.")
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> [(r.subject, r.predicate.value, r.object, r.modality.value, r.end)
...  for r in find_relations(doc, found, lexicon=Lexicon([]))]
[('org/acme-labs', 'deploys', 'product/halcyon', 'planned', '2027-12-31')]
"""

from __future__ import annotations

from vendorgraph.loaders.relations.find import find_relations
from vendorgraph.loaders.relations.rules import RelationRule, load_relation_rules

__all__ = ["RelationRule", "find_relations", "load_relation_rules"]
