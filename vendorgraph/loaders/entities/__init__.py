"""Find the entities an article names: lexicon entries, and names the lexicon does not list.

Lexicon names are found with an Aho-Corasick automaton (pyahocorasick) over the text with
whole-word checks, longest match first. Names the lexicon does not list come from rules whose
cue words live in ``patterns/entities.toml``: an organisation named before a role and a person
after it ("Boardy Ventures Deal Partner Berna Misa"), a person next to a reporting verb, names
ending in an organisation suffix ("Labs", "Ventures", "Department"), names after a description
("chip designers Moore Thread and Biren"), names before an offering noun ("NVLink Fusion
technology"), model codes ("Trainium4"), vendor-qualified product lines ("Nvidia's most
advanced GPUs" → "Nvidia GPUs"), parenthesised aliases and tickers ("Advanced Micro Devices
(AMD)"), the other members of a list of known names, and surnames of people named in full.

The rooms of this package, in the order a pass uses them:

- ``patterns``: the cue lists of ``patterns/entities.toml``, compiled;
- ``records``: the frozen records returned (:class:`EntityResult`, :class:`Mention`, ...);
- ``lexicon_match``: lexicon names, by Aho-Corasick automata;
- ``table``: the mutable table of drafts and mentions that the rules fill;
- ``sentence_filter``: which rules can match a sentence, and where their leading words are;
- ``literal_spans``: ``str.find`` stand-ins for whole-word regular expressions;
- ``people``, ``organisations``, ``roles``, ``offerings``, ``places``: the cue rules;
- ``mentions``: aliases, list members, surnames and repeats of names found;
- ``find``: :func:`find_entities`, the whole pass.

Examples
--------
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="ZenGen Labs Co-founder Dermot McGrath spoke. McGrath said so.")
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> sorted((e.name, e.type.value) for e in found.entities)
[('Dermot McGrath', 'Person'), ('ZenGen Labs', 'Organization')]
>>> found.affiliations[0].role
'Co-founder'
"""

from __future__ import annotations

from vendorgraph.loaders.entities.find import find_entities
from vendorgraph.loaders.entities.patterns import EntityPatterns, load_entity_patterns
from vendorgraph.loaders.entities.records import (
    Affiliation,
    Development,
    EntityResult,
    Mention,
    entity_spans,
)

__all__ = [
    "Affiliation",
    "Development",
    "EntityPatterns",
    "EntityResult",
    "Mention",
    "entity_spans",
    "find_entities",
    "load_entity_patterns",
]
