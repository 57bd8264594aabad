"""The capability taxonomy: what an offering is for (frontier accelerator, CPU, memory ...).

The taxonomy is the SKOS scheme ``vgc:Capability`` of the ontology (``data/vendorgraph.ttl``):
each concept's ``skos:notation`` is its name, ``skos:closeMatch`` the offering classes and
technology categories it covers, ``skos:hiddenLabel`` the words that place an offering by its
name, and the ordered collection ``vgc:CapabilityOrder`` which one wins when a name has words
of several. A lexicon entry takes the capability of its class or technology category, else of
the words of its names, else of its product family (:func:`lexicon_capabilities`).

Examples
--------
>>> [c.name for c in load_capabilities()][:3]
['memory', 'foundry', 'packaging']
>>> capability_of("Nvidia GPUs", "Chip"), capability_of("Graviton", "Chip")
('frontier_accelerator', 'cpu')
>>> capability_of("CUDA", "Technology"), capability_of("Acme widget", "Product")
('software_platform', None)
>>> lexicon_capabilities()["product/h100"], lexicon_capabilities()["tech/nvlink"]
('frontier_accelerator', 'interconnect')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rdflib import SKOS, Graph, URIRef
from rdflib.collection import Collection

from vendorgraph.errors import ModelError
from vendorgraph.ontology.lexicon import Lexicon, LexiconEntry, load_lexicon
from vendorgraph.ontology.namespace import VG, VGC, load_ontology

__all__ = ["Capability", "capability_of", "lexicon_capabilities", "load_capabilities"]

_OFFERINGS = frozenset({"Chip", "Product", "Technology"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Capability:
    """One capability of the taxonomy.

    ``name`` is its ``skos:notation`` (``"frontier_accelerator"``); ``covers`` the local names
    of the classes (``vg:GPU``) and technology categories (``vgc:Networking``) it stands for,
    itself included; ``words`` its ``skos:hiddenLabel`` words.
    """

    name: str
    label: str
    concept: str
    covers: tuple[str, ...]
    words: tuple[str, ...]


def _local(term: object) -> str:
    text = str(term)
    for ns in (str(VG), str(VGC)):
        if text.startswith(ns):
            return text[len(ns) :]
    return text


def _capability(graph: Graph, concept: URIRef) -> Capability:
    covers = sorted(_local(x) for x in graph.objects(concept, SKOS.closeMatch))
    return Capability(
        name=str(graph.value(concept, SKOS.notation)),
        label=str(graph.value(concept, SKOS.prefLabel)),
        concept=str(concept),
        covers=(_local(concept), *covers),
        words=tuple(sorted(str(w) for w in graph.objects(concept, SKOS.hiddenLabel))),
    )


@functools.cache
def load_capabilities() -> tuple[Capability, ...]:
    """Return the capabilities in the order their words are tried (``vgc:CapabilityOrder``).

    Examples
    --------
    >>> next(c for c in load_capabilities() if c.name == "cpu").covers
    ('CentralProcessor', 'CPU')
    """
    graph = load_ontology()
    head = graph.value(VGC.CapabilityOrder, SKOS.memberList)
    order = [] if head is None else list(Collection(graph, head))
    members = [str(c) for c in graph.subjects(SKOS.inScheme, VGC.Capability)]
    if sorted(map(str, order)) != sorted(members):
        raise ModelError(
            "the ontology's vgc:CapabilityOrder must list every concept of vgc:Capability "
            "once; check skos:memberList in data/vendorgraph.ttl"
        )
    return tuple(_capability(graph, URIRef(str(c))) for c in order)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("/", " ").split())


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (c.name, re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(_fold(w)) for w in c.words)})(?!\w)"))
        for c in load_capabilities()
        if c.words
    )


@functools.cache
def _by_class() -> dict[str, str]:
    """Class or category local name -> capability; the JSON type ``Chip`` is ``vg:Chip``."""
    return {cover: c.name for c in load_capabilities() for cover in c.covers}


@functools.lru_cache(maxsize=65536)
def capability_of(name: str, type_: str | None = None) -> str | None:
    """Return the capability an offering called `name` serves, else its type's, else None.

    The first capability of ``vgc:CapabilityOrder`` one of whose words occurs in `name` (whole
    words, case-insensitive; hyphens and slashes read as spaces) wins; an offering whose name
    says nothing takes the capability that covers its type or class (a ``Chip`` is a frontier
    accelerator unless named otherwise).

    Examples
    --------
    >>> capability_of("HBM4", "Technology"), capability_of("Intel x86 RTX SoCs", "Chip")
    ('memory', 'cpu')
    """
    low = _fold(name)
    for cap, pattern in _patterns():
        if pattern.search(low):
            return cap
    return _by_class().get(type_ or "")


def _entry_capability(entry: LexiconEntry, by_id: dict[str, LexiconEntry]) -> str | None:
    for key in (entry.kind, entry.category):
        if key is not None and key in _by_class() and key != "Chip":
            return _by_class()[key]
    for name in entry.names:
        found = capability_of(name)
        if found is not None:
            return found
    family = by_id.get(entry.family) if entry.family else None
    if family is not None and family is not entry:
        return _entry_capability(family, by_id)
    return _by_class().get(entry.kind)


@functools.cache
def _lexicon_capabilities(lexicon: Lexicon) -> dict[str, str]:
    offerings = [e for e in lexicon if e.type.value in _OFFERINGS]
    by_id = {e.id: e for e in lexicon}
    found = {e.id: _entry_capability(e, by_id) for e in offerings}
    return {k: v for k, v in sorted(found.items()) if v is not None}


def lexicon_capabilities(lexicon: Lexicon | None = None) -> dict[str, str]:
    """Return the capability of every offering of the lexicon that serves one, by entity id.

    An entry takes the capability that covers its class (``vg:GPU``, ``vg:CPU``) or technology
    category (``vgc:Interconnect``), else the one its names' words give, else its product
    family's; a chip that says nothing more is a frontier accelerator. Consumer products and
    models (a chat app) serve none of the taxonomy and are left out.

    Examples
    --------
    >>> lexicon_capabilities()["product/grace"]
    'cpu'
    """
    return dict(_lexicon_capabilities(load_lexicon() if lexicon is None else lexicon))
