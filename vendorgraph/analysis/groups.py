"""Corporate groups: companies of one owner scored as one supplier and one customer.

Google and Google Cloud (Oracle and OCI, Microsoft and Azure) are one group: a customer of
both has one supplier, not two, and a group's statements about what it buys describe one
need. :func:`group_graph` folds the members of a group that take part in a dependency into
one node of the graph of claims, so that every score (reliance, switching cost, HHI, single
points of failure, DebtRank) is the same model run at the level of who owns the supply.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/g", type="ChipVendor", label="Gee")
>>> G.add_node("org/gc", type="CloudProvider", label="Gee Cloud", parent="org/g")
>>> G.add_node("org/a", type="AILab", label="Lab")
>>> _ = G.add_edge("org/g", "org/a", key="r1", predicate="supplies")
>>> _ = G.add_edge("org/gc", "org/a", key="r2", predicate="supplies")
>>> H = group_graph(G)
>>> sorted(H.nodes["org/g"]["members"]), [(s, o) for s, o in H.edges()]
(['org/g', 'org/gc'], [('org/g', 'org/a'), ('org/g', 'org/a')])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from vendorgraph.analysis.dependencies import as_dependencies

__all__ = ["corporate_parents", "group_graph", "group_members", "group_roots"]

_NOT_COMPANIES = frozenset({"Person", "Place", "Chip", "Product", "Technology"})
_ID_ATTRS = ("parent", "developer")


def _company(G: nx.Graph, n: Any) -> bool:
    return n in G and G.nodes[n].get("type", "Organization") not in _NOT_COMPANIES


def corporate_parents(G: nx.Graph) -> dict[str, str]:
    """Return the direct owner of each company: its ``parent`` attribute, else an ``owns`` claim.

    Only an asserted ``owns`` claim counts ("Google, which is owned by Alphabet"); a planned
    acquisition does not make a group. A link that would close a cycle is ignored.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/g", type="ChipVendor"); G.add_node("org/alpha", type="Organization")
    >>> _ = G.add_edge("org/alpha", "org/g", key="r", predicate="owns", modality="asserted")
    >>> corporate_parents(G)
    {'org/g': 'org/alpha'}
    """
    found: dict[str, str] = {}
    for n, parent in sorted(G.nodes(data="parent"), key=lambda x: str(x[0])):
        if isinstance(parent, str) and parent != n and _company(G, n):
            found[str(n)] = parent
    owns = ((s, o, d) for s, o, d in G.edges(data=True) if d.get("predicate") == "owns")
    for s, o, d in sorted(owns, key=lambda e: (str(e[1]), str(e[0]))):
        asserted = (d.get("modality") or "asserted") == "asserted"
        if asserted and s != o and _company(G, s) and _company(G, o):
            found.setdefault(str(o), str(s))
    return _acyclic(found)


def _acyclic(parents: Mapping[str, str]) -> dict[str, str]:
    kept: dict[str, str] = {}
    for child, parent in sorted(parents.items()):
        node, seen = parent, {child}
        while node in kept and node not in seen:
            seen.add(node)
            node = kept[node]
        if node not in seen:
            kept[child] = parent
    return kept


def _chain(parents: Mapping[str, str], n: str) -> list[str]:
    """Return `n` and its owners, nearest first, up to the group's root."""
    out = [n]
    while out[-1] in parents:
        out.append(parents[out[-1]])
    return out


def group_roots(G: nx.Graph) -> dict[str, str]:
    """Return the root owner of every company that has an owner (Google Cloud -> Alphabet).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("org/gc", parent="org/g"); G.add_node("org/g", parent="org/alpha")
    >>> group_roots(G)
    {'org/g': 'org/alpha', 'org/gc': 'org/alpha'}
    """
    parents = corporate_parents(G)
    return {n: _chain(parents, n)[-1] for n in parents}


def group_members(G: nx.Graph, *, among: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Return ``{representative: members}`` for every group with two or more members in `among`.

    `among` defaults to the companies that take part in a dependency of `G`. The representative
    is the member that owns all the others (Google for Google and Google Cloud), else the
    group's root (Microsoft for Azure and LinkedIn). A group with one member taking part is left
    out: that company is its group, under its own name.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("org/a", "org/az"), ("org/a", "org/li")])
    >>> G.add_node("org/az", parent="org/ms"); G.add_node("org/li", parent="org/ms")
    >>> group_members(G)
    {'org/ms': ('org/az', 'org/li')}
    """
    parents = corporate_parents(G)
    taking_part = set(as_dependencies(G)) if among is None else set(among)
    by_root: dict[str, set[str]] = defaultdict(set)
    for n in taking_part:
        by_root[_chain(parents, n)[-1]].add(n)
    out = {}
    for root, members in sorted(by_root.items()):
        if len(members) > 1:
            owner = [m for m in members if all(m in _chain(parents, x) for x in members)]
            out[owner[0] if owner else root] = tuple(sorted(members))
    return out


def group_graph(G: nx.MultiDiGraph, *, among: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """Return the graph of claims with each group's members folded into one node.

    Claims keep their keys and attributes; their ends (and node attributes that name a
    company: ``parent``, ``developer``) move to the group's representative
    (:func:`group_members`). The group node takes the representative's attributes, its members'
    labels and aliases as ``aliases`` and the member ids as ``members``; every other node gets
    ``members = (itself,)``. A claim between two members becomes a loop, which no dependency
    reads: a group does not depend on itself.

    Parameters
    ----------
    G : nx.MultiDiGraph
        Claims as in the networkx contract.
    among : iterable of str, optional
        The companies to fold; default those taking part in a dependency of `G`.

    Returns
    -------
    nx.MultiDiGraph
        A new graph; `G` is not changed. Scoring it (:func:`~vendorgraph.analysis.lockin`)
        gives the group view: reliance split over supplier groups, evidence pooled per pair of
        groups, HHI and single points of failure across groups.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
    >>> group_graph(G).nodes["org/a"]["members"]
    ('org/a',)
    """
    members = group_members(G, among=among)
    rep = {m: r for r, ms in members.items() for m in ms}
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for n, d in G.nodes(data=True):
        if n in rep:
            continue
        attrs = {k: rep.get(v, v) if k in _ID_ATTRS else v for k, v in d.items()}
        H.add_node(n, **attrs, members=(n,))
    for r, ms in members.items():
        H.add_node(r, **_group_attrs(G, r, ms))
    for s, o, k, d in G.edges(keys=True, data=True):
        H.add_edge(rep.get(s, s), rep.get(o, o), key=k, **d)
    return H


def _group_attrs(G: nx.Graph, r: str, members: tuple[str, ...]) -> dict[str, Any]:
    own = dict(G.nodes[r]) if r in G else {"type": G.nodes[members[0]].get("type")}
    names = [str(G.nodes[m].get("label") or m) for m in members]
    names += [str(a) for m in members for a in G.nodes[m].get("aliases") or ()]
    label = str(own.get("label") or r)
    own |= {"label": label, "parent": None, "members": members}
    own["aliases"] = sorted(set(names) - {label})
    return own
