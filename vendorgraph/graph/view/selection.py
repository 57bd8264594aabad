"""What a view shows: links, their scores, and the nodes left after the filters.

Links are claims and derived dependencies; the ego view and the size cap come last.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from vendorgraph.graph.view.options import (
    DERIVED,
    OFFERING_TYPES,
    ORGANIZATION_TYPES,
    SCORE_NAMES,
    ViewOptions,
)
from vendorgraph.ontology.matching import graph_names, match_entity

__all__ = [
    "Link",
    "Selection",
    "company_scores",
    "dependency_scores",
    "lone_offerings",
    "node_label",
    "node_type",
    "number",
    "select",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """One drawn edge: one claim from one node to another, or a derived dependency."""

    source: str
    target: str
    predicate: str
    cost: float | None
    coverage: float | None
    claim: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """The nodes and links left after filtering, with the note to show about it."""

    nodes: tuple[str, ...]
    links: tuple[Link, ...]
    focus: str | None = None
    note: str = ""


# --- scores -------------------------------------------------------------------------------


def number(value: Any) -> float | None:
    """Return `value` as a finite float rounded to 4 places, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        return None
    number = float(value)
    return round(number, 4) if math.isfinite(number) else None


def company_scores(G: nx.MultiDiGraph, node: str, scores: Mapping | None) -> dict[str, float]:
    """Return the numeric scores of a node: from `scores` if given, else its attributes."""
    if scores is not None:
        source: Mapping[str, Any] = scores.get("companies", {}).get(node, {})
    else:
        source = {k: G.nodes[node].get(k) for k in SCORE_NAMES}
    found = {k: number(v) for k, v in source.items()}
    return {k: v for k, v in sorted(found.items()) if v is not None}


def dependency_scores(scores: Mapping | None) -> dict[tuple[str, str], Mapping[str, Any]]:
    """Return the ``(i, j) -> {"switching_cost", "coverage"}`` table of `scores`."""
    if scores is None:
        return {}
    return {(str(i), str(j)): v for (i, j), v in scores.get("dependencies", {}).items()}


def _pair_scores(
    deps: Mapping[tuple[str, str], Mapping[str, Any]], u: str, v: str
) -> Mapping[str, Any]:
    """Scores of the dependency between u and v: ``(u, v)`` first, else ``(v, u)``."""
    return deps.get((u, v)) or deps.get((v, u)) or {}


# --- selection ----------------------------------------------------------------------------


def _claim_links(G: nx.MultiDiGraph, deps: Mapping) -> list[Link]:
    """One link per claim: parallel claims, even of one predicate, stay apart."""
    links = []
    for u, v, key, attrs in G.edges(keys=True, data=True):
        claim = {**attrs, "_key": str(key)}
        pair = _pair_scores(deps, str(u), str(v))
        own = number(attrs.get("switching_cost"))
        links.append(
            Link(
                source=str(u),
                target=str(v),
                predicate=str(attrs.get("predicate", "")),
                cost=own if own is not None else number(pair.get("switching_cost")),
                coverage=number(pair.get("coverage")),
                claim=claim,
            )
        )
    return links


def _derived_links(G: nx.MultiDiGraph, deps: Mapping) -> list[Link]:
    """Links for scored dependencies whose two companies share no claim edge."""
    links = []
    for (i, j), value in sorted(deps.items()):
        if i in G and j in G and not (G.has_edge(i, j) or G.has_edge(j, i)):
            links.append(
                Link(
                    source=i,
                    target=j,
                    predicate=DERIVED,
                    cost=number(value.get("switching_cost")),
                    coverage=number(value.get("coverage")),
                )
            )
    return links


def node_type(G: nx.MultiDiGraph, node: str) -> str:
    """Return the type of `node` (empty when it has none)."""
    return str(G.nodes[node].get("type") or "")


def _resolve_focus(G: nx.MultiDiGraph, focus: str) -> str:
    """Return the node id that `focus` names (see :func:`match_entity`)."""
    return match_entity(focus, graph_names(G))


def select(G: nx.MultiDiGraph, opts: ViewOptions) -> Selection:
    """Apply the type and cost filters, the ego view and the size cap, in that order."""
    focus = _resolve_focus(G, opts.focus) if opts.focus else None
    deps = dependency_scores(opts.scores)
    wanted = set(opts.types) if opts.types else None
    nodes = {str(n) for n in G if wanted is None or node_type(G, n) in wanted or str(n) == focus}
    links = [
        link
        for link in _claim_links(G, deps) + _derived_links(G, deps)
        if link.source in nodes and link.target in nodes and _passes(link, opts.min_cost)
    ]
    if opts.min_cost > 0:
        nodes = {link.source for link in links} | {link.target for link in links}
        nodes |= {focus} if focus is not None else set()
    if focus is not None:
        nodes = _ego(nodes, links, focus, opts.depth)
    nodes, note = _cap(G, nodes, links, opts)
    kept = tuple(sorted(nodes))
    links = [link for link in links if link.source in nodes and link.target in nodes]
    return Selection(nodes=kept, links=tuple(sorted(links, key=_link_key)), focus=focus, note=note)


def _link_key(link: Link) -> tuple[str, str, str, str, str]:
    """Links in a stable order: by pair and predicate, then claims by date and key."""
    claim = link.claim or {}
    when = str(claim.get("published") or "")
    return (link.source, link.target, link.predicate, when, str(claim.get("_key", "")))


def _passes(link: Link, min_cost: float) -> bool:
    return min_cost <= 0 or (link.cost is not None and link.cost >= min_cost)


def _ego(nodes: set[str], links: Iterable[Link], focus: str, depth: int) -> set[str]:
    """Return the nodes within `depth` hops of `focus`, ignoring link direction."""
    U = nx.Graph()
    U.add_nodes_from(nodes)
    U.add_edges_from((link.source, link.target) for link in links)
    return set(nx.single_source_shortest_path_length(U, focus, cutoff=depth))


def _cap(
    G: nx.MultiDiGraph, nodes: set[str], links: Iterable[Link], opts: ViewOptions
) -> tuple[set[str], str]:
    """Keep the top `max_nodes` nodes: companies first, by lock-in, then by degree."""
    if len(nodes) <= opts.max_nodes:
        return nodes, ""
    degree: dict[str, int] = dict.fromkeys(nodes, 0)
    for link in links:
        degree[link.source] += 1
        degree[link.target] += 1

    def rank(node: str) -> tuple[bool, float, int, str]:
        lockin = company_scores(G, node, opts.scores).get("lockin", 0.0)
        return (node_type(G, node) not in ORGANIZATION_TYPES, -lockin, -degree[node], node)

    kept = set(sorted(nodes, key=rank)[: opts.max_nodes])
    note = (
        f"Showing {len(kept):,} of {len(nodes):,} entities: the top companies by lock-in "
        f"exerted, then by number of links (max_nodes={opts.max_nodes:,}). "
        "Raise max_nodes, or pick a focus company, to see the rest."
    )
    return kept, note


def lone_offerings(G: nx.MultiDiGraph, selection: Selection) -> set[str]:
    """Return the offerings shown that link fewer than two companies among the links shown."""
    companies: dict[str, set[str]] = {
        n: set() for n in selection.nodes if node_type(G, n) in OFFERING_TYPES
    }
    for link in selection.links:
        for offering, other in ((link.source, link.target), (link.target, link.source)):
            if offering in companies and node_type(G, other) in ORGANIZATION_TYPES:
                companies[offering].add(other)
    return {n for n, linked in companies.items() if len(linked) < 2}


def node_label(G: nx.MultiDiGraph, node: Any) -> str:
    """Return the label of `node`, else its id."""
    if node is None or node not in G:
        return str(node or "")
    return str(G.nodes[node].get("label") or node)
