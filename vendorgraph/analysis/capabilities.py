"""The capability an offering of a graph serves, from the ontology's taxonomy.

The taxonomy (frontier accelerator, CPU, memory, foundry, packaging, interconnect, cloud
capacity, software platform, power) is the SKOS scheme ``vgc:Capability`` of the ontology,
read by :mod:`vendorgraph.ontology.capabilities`; this module only says which capability a
node of a graph takes.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("product/h100", type="Chip", label="H100")
>>> G.add_node("product/graviton", type="Chip", label="Graviton")
>>> G.add_node("product/aws-chips", type="Chip", label="AWS chips")
>>> [offering_capability(G, n) for n in G]
['frontier_accelerator', 'cpu', 'frontier_accelerator']
"""

from __future__ import annotations

import networkx as nx

from vendorgraph.ontology.capabilities import (
    capability_of,
    lexicon_capabilities,
    load_capabilities,
)

__all__ = ["CAPABILITIES", "capability_of", "offering_capability"]

CAPABILITIES: tuple[str, ...] = tuple(c.name for c in load_capabilities())


def offering_capability(G: nx.Graph, n: str) -> str | None:
    """Return the capability node `n` serves: its ``category``, its lexicon entry's, its words'.

    A ``category`` attribute naming a capability wins; then the capability of the lexicon
    entry with the node's id (``product/h100``); then the words of its label (or id), then
    its type's (a ``Chip`` is a frontier accelerator unless named otherwise); else None.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("tech/x", type="Technology", label="HBM4 stacks", category="packaging")
    >>> offering_capability(G, "tech/x")
    'packaging'
    """
    attrs = G.nodes[n] if n in G else {}
    category = attrs.get("category")
    if category in CAPABILITIES:
        return str(category)
    known = lexicon_capabilities().get(n)
    if known is not None:
        return known
    label = str(attrs.get("label") or n.rpartition("/")[2])
    return capability_of(label, str(attrs.get("type") or ""))
