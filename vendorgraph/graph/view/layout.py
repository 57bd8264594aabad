"""Where the nodes go: supply tiers (makers above their customers) or a force layout."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import networkx as nx

from vendorgraph.graph.view.options import OFFERING_TYPES, ORGANIZATION_TYPES, ViewOptions
from vendorgraph.graph.view.selection import (
    Selection,
    dependency_scores,
    lone_offerings,
    node_label,
    node_type,
)

__all__ = ["layout_positions", "supply_tiers"]

# --- layout -------------------------------------------------------------------------------

_SPACING = 120.0
_ROW = 150.0
# The tier a company takes at least, by type: foundries and memory makers (no type of their own)
# sit on top, then chip vendors, clouds, and AI labs and other customers.
_TYPE_TIER = {"ChipVendor": 1, "CloudProvider": 2, "AILab": 3}


def supply_tiers(
    G: nx.MultiDiGraph, nodes: Iterable[str], dependencies: Iterable[tuple[str, str]]
) -> dict[str, int]:
    """Return the supply-chain tier of each company among `nodes`: 0 for the deepest supplier.

    A company sits at least one tier below every supplier it depends on, and at least at the
    tier of its type (chip vendors 1, clouds 2, AI labs 3); companies in a dependency cycle
    share a tier. Companies with no dependency and no known type go with the customers (3).
    Nodes that are not companies are left out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph (node attribute ``type``).
    nodes : iterable of str
        The nodes to place.
    dependencies : iterable of (dependent, provider)
        Who depends on whom, as the analysis scores them (``scores["dependencies"]``).

    Returns
    -------
    dict of str to int
        The tier of every company among `nodes`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("fab", "Organization"), ("chips", "ChipVendor"), ("cloud", "CloudProvider"),
    ...              ("lab", "AILab"), ("app", "Organization")]:
    ...     G.add_node(n, type=t)
    >>> deps = [("chips", "fab"), ("cloud", "chips"), ("lab", "cloud"), ("app", "lab")]
    >>> supply_tiers(G, G, deps)
    {'app': 4, 'chips': 1, 'cloud': 2, 'fab': 0, 'lab': 3}
    """
    companies = [n for n in nodes if node_type(G, n) in ORGANIZATION_TYPES]
    D = nx.DiGraph()
    D.add_nodes_from(sorted(companies))
    D.add_edges_from((i, j) for i, j in dependencies if i in D and j in D and i != j)
    C = nx.condensation(D)
    tier: dict[int, int] = {}
    for c in reversed(list(nx.topological_sort(C))):  # suppliers before their customers
        members = C.nodes[c]["members"]
        floor = max(_type_tier(G, n, D) for n in members)
        tier[c] = max([floor, *(tier[s] + 1 for s in C.successors(c))])
    return {n: tier[C.graph["mapping"][n]] for n in sorted(companies)}


def _type_tier(G: nx.MultiDiGraph, node: str, D: nx.DiGraph) -> int:
    kind = node_type(G, node)
    if kind in _TYPE_TIER:
        return _TYPE_TIER[kind]
    return 0 if D.degree(node) else 3


def layout_positions(
    G: nx.MultiDiGraph, selection: Selection, opts: ViewOptions
) -> dict[str, tuple[float, float]]:
    """Return pixel positions: by supply-chain tier, or from networkx's force layout."""
    if opts.layout == "force":
        return _force_positions(selection, seed=0)
    deps = [(i, j) for i, j in dependency_scores(opts.scores)]
    return _tier_positions(G, selection, supply_tiers(G, selection.nodes, deps))


def _undirected(selection: Selection) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(selection.nodes)
    U.add_edges_from((x.source, x.target) for x in selection.links if x.source != x.target)
    return U


def _force_positions(selection: Selection, *, seed: int) -> dict[str, tuple[float, float]]:
    """Lay out with networkx's seeded Fruchterman-Reingold layout, scaled to pixels."""
    U = _undirected(selection)
    if not len(U):
        return {}
    scale = _SPACING * (1.0 + math.sqrt(len(U)))
    pos = nx.spring_layout(U, seed=seed, iterations=50, scale=scale)
    return {str(n): (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def _bands(G: nx.MultiDiGraph, selection: Selection, tiers: Mapping[str, int]) -> list[list[str]]:
    """Rows top to bottom: each tier's companies, their linking offerings, then the lone ones.

    Lone offerings (linked to fewer than two companies) get a row of their own, so the rows
    above stay whole when the page hides them.
    """
    U = _undirected(selection)
    lone = lone_offerings(G, selection)
    last = max(tiers.values(), default=0)
    bands: list[list[str]] = [[] for _ in range(3 * max(last, 1) + 4)]  # offerings: below tier 1
    for node in selection.nodes:
        if node in tiers:
            bands[3 * tiers[node]].append(node)
        elif node_type(G, node) in OFFERING_TYPES:
            makers = [tiers[m] for m in U[node] if m in tiers]
            bands[3 * min(makers, default=1) + 1 + (node in lone)].append(node)
        else:  # people, places, publishers: a row of their own at the bottom
            bands[-1].append(node)
    return [band for band in bands if band]


def _tier_positions(
    G: nx.MultiDiGraph, selection: Selection, tiers: Mapping[str, int]
) -> dict[str, tuple[float, float]]:
    """Place each band in rows, ordered by where its neighbours above sit (barycentres)."""
    U = _undirected(selection)
    width = max(8, math.ceil(2.0 * math.sqrt(max(len(selection.nodes), 1))))
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for band in _bands(G, selection, tiers):
        band.sort(key=lambda n: (_barycentre(U, n, positions), node_label(G, n).casefold(), n))
        for start in range(0, len(band), width):
            row = band[start : start + width]
            offset = (len(row) - 1) * _SPACING / 2.0
            for k, node in enumerate(row):
                positions[node] = (round(k * _SPACING - offset, 1), round(y, 1))
            y += _ROW * (0.6 if start + width < len(band) else 1.0)
    return positions


def _barycentre(U: nx.Graph, node: str, placed: Mapping[str, tuple[float, float]]) -> float:
    xs = [placed[m][0] for m in U[node] if m in placed]
    return sum(xs) / len(xs) if xs else 0.0
