"""The interactive HTML view of a vendorgraph graph, drawn with pyvis and vis-network.

The page is one self-contained file: the vis-network script and style bundled with the pyvis
package are inlined, nothing is fetched from the network, and a Content-Security-Policy forbids
it. The layout is computed here, so the browser draws at once with physics off: by default
suppliers sit above their customers by supply-chain tier (:func:`supply_tiers`: foundries and
memory, chip vendors, clouds, AI labs and other customers), or networkx's seeded force layout
on request. The page has a search box, an inspector panel (scores and evidence of the clicked
node or link), neighbour highlighting, and fit and reset buttons; links that share a pair of
nodes curve apart. Every piece of article text reaches the page either HTML-escaped (title, note,
legend) or as JSON data that the page only ever puts into ``textContent`` (labels, tooltips).
The same graph gives byte-identical HTML.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/acme-chips", kind="entity", type="ChipVendor", label="Acme Chips")
>>> G.add_node("org/nimbus", kind="entity", type="CloudProvider", label="Nimbus")
>>> G.add_edge("org/acme-chips", "org/nimbus", key="r1", predicate="supplies",
...            evidence="Acme Chips sells its boards to Nimbus.", switching_cost=0.6)
'r1'
>>> page = render_view(G, title="Acme & Nimbus")
>>> "<title>Acme &amp; Nimbus</title>" in page
True
>>> "https://" in page.split("</head>")[1]
False
"""

from __future__ import annotations

import difflib
import html
import json
import math
import os
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from vendorgraph.errors import InputError, InputFileError, UnknownEntityError
from vendorgraph.graph.store.atomic import atomic_write_text
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "LAYOUTS",
    "TYPE_STYLES",
    "TypeStyle",
    "ViewOptions",
    "render_view",
    "supply_tiers",
    "write_view",
]

LAYOUTS = ("tiers", "force")


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeStyle:
    """How one entity type is drawn: vis-network shape, colour, legend glyph and name."""

    shape: str
    color: str
    glyph: str
    name: str


TYPE_STYLES: Mapping[str, TypeStyle] = {
    "CloudProvider": TypeStyle(shape="dot", color="#1f77b4", glyph="●", name="Cloud provider"),
    "ChipVendor": TypeStyle(shape="diamond", color="#d62728", glyph="◆", name="Chip vendor"),
    "AILab": TypeStyle(shape="star", color="#9467bd", glyph="★", name="AI lab"),
    "Organization": TypeStyle(shape="dot", color="#7f7f7f", glyph="●", name="Organization"),
    "Publisher": TypeStyle(shape="square", color="#8c564b", glyph="■", name="Publisher"),
    "Government": TypeStyle(shape="triangleDown", color="#2ca02c", glyph="▼", name="Government"),
    "InvestmentFirm": TypeStyle(
        shape="hexagon", color="#bcbd22", glyph="⬢", name="Investment firm"
    ),
    "Consultancy": TypeStyle(shape="hexagon", color="#17becf", glyph="⬢", name="Consultancy"),
    "Person": TypeStyle(shape="triangle", color="#e377c2", glyph="▲", name="Person"),
    "Chip": TypeStyle(shape="square", color="#ff7f0e", glyph="■", name="Chip"),
    "Product": TypeStyle(shape="square", color="#6baed6", glyph="■", name="Product"),
    "Technology": TypeStyle(shape="triangle", color="#31a354", glyph="▲", name="Technology"),
    "Place": TypeStyle(shape="dot", color="#bdbdbd", glyph="●", name="Place"),
}
_OTHER = TypeStyle(shape="dot", color="#999999", glyph="○", name="Other")
_ORGANIZATION_TYPES = frozenset(t.value for t in EntityType if t.is_organization)
_DERIVED = "depends_on (derived)"
_SCORE_NAMES = {
    "lockin": "lock-in exerted",
    "lockin_direct": "lock-in exerted, direct",
    "lockin_indirect": "lock-in exerted, indirect",
    "exposure": "exposure (lock-in suffered)",
    "hhi": "supplier concentration (HHI)",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewOptions:
    """What to show: the keyword arguments of :func:`render_view`, validated.

    Parameters
    ----------
    scores : Mapping or None
        ``{"companies": {node: {"lockin": ..., ...}}, "dependencies": {(i, j): {...}}}``.
    focus : str or None
        A node id, label or alias: show only its neighbourhood.
    depth : int
        How many hops around `focus` to show.
    min_cost : float
        Drop links whose switching cost is below this (and entities left with no link).
    types : Collection of str or None
        Entity types to show (``EntityType`` values); None shows all.
    max_nodes : int
        Above this many entities, keep the top companies by lock-in, then by degree.
    title : str
        The page title.
    layout : {"tiers", "force"}
        ``"tiers"`` (default) puts suppliers above their customers by supply-chain tier
        (:func:`supply_tiers`); ``"force"`` uses :func:`networkx.spring_layout`.

    Examples
    --------
    >>> ViewOptions(depth=-1)
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputError: depth must be >= 0, got -1: pass 0 for the focus alone
    """

    scores: Mapping[str, Any] | None = None
    focus: str | None = None
    depth: int = 2
    min_cost: float = 0.0
    types: Collection[str] | None = None
    max_nodes: int = 2000
    title: str = "vendorgraph"
    layout: str = "tiers"

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise InputError(f"unknown layout {self.layout!r}: choose from {list(LAYOUTS)!r}")
        if self.depth < 0:
            raise InputError(f"depth must be >= 0, got {self.depth!r}: pass 0 for the focus alone")
        if not 0.0 <= self.min_cost <= 1.0:
            raise InputError(f"min_cost must lie in [0, 1], got {self.min_cost!r}")
        if self.max_nodes < 1:
            raise InputError(f"max_nodes must be >= 1, got {self.max_nodes!r}")
        unknown = sorted(set(self.types or ()) - set(TYPE_STYLES))
        if unknown:
            raise InputError(
                f"unknown entity type(s) {unknown!r}: choose from {sorted(TYPE_STYLES)!r}"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Link:
    """One drawn edge: the claims of one predicate from one node to another."""

    source: str
    target: str
    predicate: str
    cost: float | None
    coverage: float | None
    claims: tuple[Mapping[str, Any], ...] = field(default=())


@dataclass(frozen=True, slots=True, kw_only=True)
class _Selection:
    """The nodes and links left after filtering, with the note to show about it."""

    nodes: tuple[str, ...]
    links: tuple[_Link, ...]
    focus: str | None = None
    note: str = ""


def render_view(G: nx.MultiDiGraph, **options: Any) -> str:
    """Return a self-contained interactive HTML page drawing `G`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection described in ``docs/contracts.md``: nodes with ``type`` and ``label``,
        one edge per claim with ``predicate``, ``evidence``, ``source``, ``published`` ...
    **options
        The fields of :class:`ViewOptions`: ``scores``, ``focus``, ``depth``, ``min_cost``,
        ``types``, ``max_nodes``, ``title``. Without `scores`, the node attribute ``lockin`` and
        the edge attribute ``switching_cost`` are used when present.

    Returns
    -------
    str
        The HTML text. Node size shows lock-in exerted and link width switching cost; every
        node and link has a tooltip with its evidence and scores; the page has a checkbox per
        entity type and a minimum-switching-cost slider.

    Raises
    ------
    UnknownEntityError
        If `focus` names no node; the message lists close names.
    InputError
        If an option is out of range or names an unknown entity type.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/nimbus", type="CloudProvider", label="Nimbus")
    >>> page = render_view(G)
    >>> page.startswith("<!DOCTYPE html>") and page == render_view(G)
    True
    >>> render_view(G, focus="nimbs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.UnknownEntityError: no entity 'nimbs' in the graph: ...mean ['Nimbus', ...]?
    """
    opts = ViewOptions(**options)
    selection = _select(G, opts)
    positions = _layout(G, selection, opts)
    top = max(
        (_company_scores(G, n, opts.scores).get("lockin", 0.0) for n in selection.nodes),
        default=0.0,
    )
    bends = _bends(selection.links)
    data = {
        "nodes": [_node_record(G, n, positions[n], opts.scores, top) for n in selection.nodes],
        "edges": [_edge_record(G, i, link, bends[i]) for i, link in enumerate(selection.links)],
        "focus": selection.focus,
        "options": _pyvis_options(len(selection.nodes)),
    }
    return _page(opts, selection, data, _legend(G, selection.nodes))


def write_view(G: nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`render_view` of `G` to `path` atomically and return the path.

    The page is written to a temporary file in the same folder, then moved over `path`, so a
    reader never sees half a page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph to draw.
    path : str or os.PathLike
        Where to write the HTML file. Its folder must exist.
    **options
        As for :func:`render_view`.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InputError
        If the folder of `path` does not exist; see also :func:`render_view`.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/nimbus", type="CloudProvider", label="Nimbus")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_view(G, pathlib.Path(tmp) / "view.html")
    ...     out.read_text(encoding="utf-8") == render_view(G)
    True
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(f"folder {str(target.parent)!r} does not exist: create it first")
    text = render_view(G, **options)
    try:
        return atomic_write_text(target, text)
    except OSError as err:
        raise InputFileError(
            f"cannot write the page: {err.strerror or err}; check the folder is writable",
            path=str(target),
        ) from err


# --- scores -------------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    """Return `value` as a finite float rounded to 4 places, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        return None
    number = float(value)
    return round(number, 4) if math.isfinite(number) else None


def _company_scores(G: nx.MultiDiGraph, node: str, scores: Mapping | None) -> dict[str, float]:
    """Return the numeric scores of a node: from `scores` if given, else its attributes."""
    if scores is not None:
        source: Mapping[str, Any] = scores.get("companies", {}).get(node, {})
    else:
        source = {k: G.nodes[node].get(k) for k in _SCORE_NAMES}
    found = {k: _number(v) for k, v in source.items()}
    return {k: v for k, v in sorted(found.items()) if v is not None}


def _dependency_scores(scores: Mapping | None) -> dict[tuple[str, str], Mapping[str, Any]]:
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


def _claim_links(G: nx.MultiDiGraph, deps: Mapping) -> list[_Link]:
    """Merge the parallel claims of one predicate between two nodes into one link."""
    grouped: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        claim = {**attrs, "_key": str(key)}
        grouped.setdefault((str(u), str(v), str(attrs.get("predicate", ""))), []).append(claim)
    links = []
    for (u, v, predicate), claims in sorted(grouped.items()):
        claims.sort(key=lambda c: (str(c.get("published") or ""), c["_key"]))
        pair = _pair_scores(deps, u, v)
        own = [_number(c.get("switching_cost")) for c in claims]
        cost = max((c for c in own if c is not None), default=None)
        links.append(
            _Link(
                source=u,
                target=v,
                predicate=predicate,
                cost=cost if cost is not None else _number(pair.get("switching_cost")),
                coverage=_number(pair.get("coverage")),
                claims=tuple(claims),
            )
        )
    return links


def _derived_links(G: nx.MultiDiGraph, deps: Mapping) -> list[_Link]:
    """Links for scored dependencies whose two companies share no claim edge."""
    links = []
    for (i, j), value in sorted(deps.items()):
        if i in G and j in G and not (G.has_edge(i, j) or G.has_edge(j, i)):
            links.append(
                _Link(
                    source=i,
                    target=j,
                    predicate=_DERIVED,
                    cost=_number(value.get("switching_cost")),
                    coverage=_number(value.get("coverage")),
                )
            )
    return links


def _node_type(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("type") or "")


def _resolve_focus(G: nx.MultiDiGraph, focus: str) -> str:
    """Return the node id that `focus` names (an id, a label or an alias, any case)."""
    if focus in G:
        return focus
    names: dict[str, set[str]] = {}
    for node, attrs in G.nodes(data=True):
        for name in (str(node), attrs.get("label") or "", *(attrs.get("aliases") or ())):
            if name:
                names.setdefault(str(name), set()).add(str(node))
    folded = {n.casefold(): ids for n, ids in names.items()}
    hits = folded.get(focus.casefold(), set())
    if len(hits) == 1:
        return next(iter(hits))
    close = difflib.get_close_matches(focus, sorted(names), n=5, cutoff=0.6)
    if len(hits) > 1:
        raise UnknownEntityError(
            f"{focus!r} names several entities {sorted(hits)!r}: pass one of these ids"
        )
    hint = f"did you mean {close!r}?" if close else "pass a node id such as 'org/nvidia'"
    raise UnknownEntityError(f"no entity {focus!r} in the graph: {hint}")


def _select(G: nx.MultiDiGraph, opts: ViewOptions) -> _Selection:
    """Apply the type and cost filters, the ego view and the size cap, in that order."""
    focus = _resolve_focus(G, opts.focus) if opts.focus else None
    deps = _dependency_scores(opts.scores)
    wanted = set(opts.types) if opts.types else None
    nodes = {str(n) for n in G if wanted is None or _node_type(G, n) in wanted or str(n) == focus}
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
    return _Selection(nodes=kept, links=tuple(sorted(links, key=_link_key)), focus=focus, note=note)


def _link_key(link: _Link) -> tuple[str, str, str]:
    return (link.source, link.target, link.predicate)


def _passes(link: _Link, min_cost: float) -> bool:
    return min_cost <= 0 or (link.cost is not None and link.cost >= min_cost)


def _ego(nodes: set[str], links: Iterable[_Link], focus: str, depth: int) -> set[str]:
    """Return the nodes within `depth` hops of `focus`, ignoring link direction."""
    U = nx.Graph()
    U.add_nodes_from(nodes)
    U.add_edges_from((link.source, link.target) for link in links)
    return set(nx.single_source_shortest_path_length(U, focus, cutoff=depth))


def _cap(
    G: nx.MultiDiGraph, nodes: set[str], links: Iterable[_Link], opts: ViewOptions
) -> tuple[set[str], str]:
    """Keep the top `max_nodes` nodes: companies first, by lock-in, then by degree."""
    if len(nodes) <= opts.max_nodes:
        return nodes, ""
    degree: dict[str, int] = dict.fromkeys(nodes, 0)
    for link in links:
        degree[link.source] += 1
        degree[link.target] += 1

    def rank(node: str) -> tuple[bool, float, int, str]:
        lockin = _company_scores(G, node, opts.scores).get("lockin", 0.0)
        return (_node_type(G, node) not in _ORGANIZATION_TYPES, -lockin, -degree[node], node)

    kept = set(sorted(nodes, key=rank)[: opts.max_nodes])
    note = (
        f"Showing {len(kept):,} of {len(nodes):,} entities: the top companies by lock-in "
        f"exerted, then by number of links (max_nodes={opts.max_nodes:,}). "
        "Raise max_nodes, or pick a focus company, to see the rest."
    )
    return kept, note


# --- layout -------------------------------------------------------------------------------

_SPACING = 120.0
_ROW = 150.0
# The tier a company takes at least, by type: foundries and memory makers (no type of their own)
# sit on top, then chip vendors, clouds, and AI labs and other customers.
_TYPE_TIER = {"ChipVendor": 1, "CloudProvider": 2, "AILab": 3}
_OFFERINGS = frozenset({"Chip", "Product", "Technology"})


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
    companies = [n for n in nodes if _node_type(G, n) in _ORGANIZATION_TYPES]
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
    kind = _node_type(G, node)
    if kind in _TYPE_TIER:
        return _TYPE_TIER[kind]
    return 0 if D.degree(node) else 3


def _layout(
    G: nx.MultiDiGraph, selection: _Selection, opts: ViewOptions
) -> dict[str, tuple[float, float]]:
    """Return pixel positions: by supply-chain tier, or from networkx's force layout."""
    if opts.layout == "force":
        return _force_positions(selection, seed=0)
    deps = [(i, j) for i, j in _dependency_scores(opts.scores)]
    return _tier_positions(G, selection, supply_tiers(G, selection.nodes, deps))


def _undirected(selection: _Selection) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(selection.nodes)
    U.add_edges_from((x.source, x.target) for x in selection.links if x.source != x.target)
    return U


def _force_positions(selection: _Selection, *, seed: int) -> dict[str, tuple[float, float]]:
    """Lay out with networkx's seeded Fruchterman-Reingold layout, scaled to pixels."""
    U = _undirected(selection)
    if not len(U):
        return {}
    scale = _SPACING * (1.0 + math.sqrt(len(U)))
    pos = nx.spring_layout(U, seed=seed, iterations=50, scale=scale)
    return {str(n): (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def _bands(G: nx.MultiDiGraph, selection: _Selection, tiers: Mapping[str, int]) -> list[list[str]]:
    """Rows of nodes top to bottom: each tier's companies, then the offerings they develop."""
    U = _undirected(selection)
    last = max(tiers.values(), default=0)
    bands: list[list[str]] = [[] for _ in range(2 * last + 3)]
    for node in selection.nodes:
        if node in tiers:
            bands[2 * tiers[node]].append(node)
        elif _node_type(G, node) in _OFFERINGS:
            makers = [tiers[m] for m in U[node] if m in tiers]
            bands[2 * min(makers, default=1) + 1].append(node)
        else:  # people, places, publishers: a row of their own at the bottom
            bands[-1].append(node)
    return [band for band in bands if band]


def _tier_positions(
    G: nx.MultiDiGraph, selection: _Selection, tiers: Mapping[str, int]
) -> dict[str, tuple[float, float]]:
    """Place each band in rows, ordered by where its neighbours above sit (barycentres)."""
    U = _undirected(selection)
    width = max(8, math.ceil(2.0 * math.sqrt(max(len(selection.nodes), 1))))
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for band in _bands(G, selection, tiers):
        band.sort(key=lambda n: (_barycentre(U, n, positions), _label(G, n).casefold(), n))
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


# --- records ------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _label(G: nx.MultiDiGraph, node: Any) -> str:
    if node is None or node not in G:
        return str(node or "")
    return str(G.nodes[node].get("label") or node)


def _node_rows(G: nx.MultiDiGraph, node: str, found: Mapping[str, float]) -> list[list[str]]:
    attrs = G.nodes[node]
    rows = [["type", str(attrs.get("type") or "unknown")], ["id", node]]
    for key in ("aliases", "roles"):
        if attrs.get(key):
            rows.append([key, ", ".join(str(a) for a in attrs[key])])
    if attrs.get("wikidata"):
        rows.append(["wikidata", str(attrs["wikidata"])])
    rows += [[_SCORE_NAMES.get(k, k), _fmt(v)] for k, v in found.items()]
    return rows


def _quotes_by(G: nx.MultiDiGraph, node: str) -> list[dict[str, str]]:
    """Return the quotes `node` speaks, as tooltip evidence."""
    quotes = [q for q in G.graph.get("quotes", ()) if q.get("speaker") == node]
    quotes.sort(key=lambda q: (str(q.get("article") or ""), str(q.get("id") or "")))
    articles = G.graph.get("articles", {})
    return [
        {"text": str(q.get("text") or ""), "meta": _article_meta(articles, q.get("article"))}
        for q in quotes
    ]


def _article_meta(articles: Mapping[str, Any], article: Any) -> str:
    info = articles.get(article, {}) if article else {}
    parts = [info.get("title"), info.get("publisher"), info.get("published")]
    return " · ".join(str(p) for p in parts if p)


def _node_record(
    G: nx.MultiDiGraph, node: str, xy: tuple[float, float], scores: Mapping | None, top: float
) -> dict[str, Any]:
    """Size a node by lock-in relative to the largest shown (10 to 40 px), its label to match."""
    kind = _node_type(G, node)
    style = TYPE_STYLES.get(kind, _OTHER)
    found = _company_scores(G, node, scores)
    lockin = found.get("lockin")
    share = 0.0 if lockin is None or top <= 0 else min(max(lockin / top, 0.0), 1.0)
    size = 12.0 if lockin is None else round(10.0 + 30.0 * share, 2)
    tip = {"head": _label(G, node), "rows": _node_rows(G, node, found)}
    company = kind in _ORGANIZATION_TYPES
    return {
        "id": node,
        "label": _label(G, node),
        "shape": style.shape,
        "color": style.color,
        "size": size,
        "font": {"size": round(20 + 16 * share) if company else 14, "strokeWidth": 3},
        "x": xy[0],
        "y": xy[1],
        "vgType": kind if kind in TYPE_STYLES else "",
        "tip": {**tip, "evidence": _quotes_by(G, node)},
    }


def _claim_evidence(G: nx.MultiDiGraph, claim: Mapping[str, Any]) -> dict[str, str]:
    """One claim as tooltip evidence: the sentence, then who, where and when."""
    speaker = claim.get("speaker")
    quantity = claim.get("quantity") or {}
    confidence = _number(claim.get("confidence"))
    parts = [
        f"said by {_label(G, speaker)}" if speaker else None,
        claim.get("source"),
        claim.get("published"),
        _article_meta(G.graph.get("articles", {}), claim.get("article")) or claim.get("article"),
        claim.get("modality"),
        None if confidence is None else f"confidence {_fmt(confidence)}",
        quantity.get("text") if isinstance(quantity, Mapping) else None,
    ]
    text = str(claim.get("evidence") or claim.get("quote") or "")
    return {"text": text, "meta": " · ".join(str(p) for p in parts if p)}


def _edge_rows(link: _Link) -> list[list[str]]:
    rows = [["predicate", link.predicate or "unknown"]]
    if link.cost is not None:
        rows.append(["switching cost", _fmt(link.cost)])
    if link.coverage is not None:
        rows.append(["coverage", _fmt(link.coverage)])
    if link.claims:
        rows.append(["claims", str(len(link.claims))])
    return rows


def _bends(links: Sequence[_Link]) -> list[dict[str, Any] | bool]:
    """Curves for links that share a pair of nodes, so each stays apart and hoverable."""
    pairs: dict[frozenset[str], list[int]] = {}
    for i, link in enumerate(links):
        pairs.setdefault(frozenset((link.source, link.target)), []).append(i)
    bends: list[dict[str, Any] | bool] = [False] * len(links)
    for members in pairs.values():
        if len(members) < 2:
            continue
        for k, i in enumerate(members):
            turn = "curvedCW" if k % 2 == 0 else "curvedCCW"
            bends[i] = {
                "enabled": True,
                "type": turn,
                "roundness": round(0.15 + 0.15 * (k // 2), 2),
            }
    return bends


def _edge_record(
    G: nx.MultiDiGraph, i: int, link: _Link, bend: dict[str, Any] | bool
) -> dict[str, Any]:
    head = f"{_label(G, link.source)} → {link.predicate} → {_label(G, link.target)}"
    width = 1.5 if link.cost is None else round(1.0 + 7.0 * min(max(link.cost, 0.0), 1.0), 2)
    return {
        "id": f"e{i}",
        "from": link.source,
        "to": link.target,
        "smooth": bend if bend else {"enabled": False},
        "width": width,
        "dashes": link.predicate == _DERIVED,
        "vgCost": link.cost,
        "tip": {
            "head": head,
            "rows": _edge_rows(link),
            "evidence": [_claim_evidence(G, c) for c in link.claims],
        },
    }


# --- page ---------------------------------------------------------------------------------


def _vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: no physics (positions come from Python), cheap straight edges."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9e9e9e", "highlight": "#333333", "hover": "#333333"},
            "smooth": False,
        },
        "nodes": {"font": {"size": 14, "multi": False}, "borderWidth": 1},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": n_nodes > 500,
            "hideEdgesOnZoom": n_nodes > 500,
        },
    }


def _pyvis_options(n_nodes: int) -> dict[str, Any]:
    """Hand the options to a pyvis Network in bulk and read them back, as pyvis renders them."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.set_options(json.dumps(_vis_options(n_nodes)))
    options = net.get_network_data()[-1]
    parsed: dict[str, Any] = json.loads(options)
    return parsed


@cache
def _vis_assets() -> tuple[str, str]:
    """Return the vis-network script and style bundled with the installed pyvis package."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    return _inline_safe(script, "script"), _inline_safe(style, "style")


def _inline_safe(text: str, tag: str) -> str:
    """Break any closing ``</tag`` inside inlined code so it cannot end the element early."""
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


@cache
def _template(name: str) -> str:
    return resources.files("vendorgraph.graph").joinpath("data", name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    r"""Return `value` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&`` and the line separators U+2028/U+2029 are written as ``\\u`` escapes,
    so article text such as ``</script>`` cannot end the element.

    Parameters
    ----------
    value : Any
        JSON-serialisable data; keys are sorted.

    Returns
    -------
    str
        The JSON text.

    Examples
    --------
    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    text = json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _escape(text: str) -> str:
    """Escape text for HTML, and write the line separators U+2028/U+2029 as references."""
    return html.escape(text).replace("\u2028", "&#8232;").replace("\u2029", "&#8233;")


def _legend(G: nx.MultiDiGraph, nodes: Iterable[str]) -> str:
    """One checkbox per entity type present, with its glyph, colour and count."""
    counts: dict[str, int] = {}
    for node in nodes:
        kind = _node_type(G, node)
        kind = kind if kind in TYPE_STYLES else ""
        counts[kind] = counts.get(kind, 0) + 1
    order = [*TYPE_STYLES, ""]
    lines = []
    for kind in (k for k in order if k in counts):
        style = TYPE_STYLES.get(kind, _OTHER)
        lines.append(
            f'<label><input type="checkbox" class="vg-type" value="{_escape(kind)}" checked> '
            f'<span class="vg-glyph" style="color:{style.color}">{style.glyph}</span> '
            f"{_escape(style.name)} ({counts[kind]:,})</label>"
        )
    return "\n".join(lines)


def _page(opts: ViewOptions, selection: _Selection, data: Mapping[str, Any], legend: str) -> str:
    js, css = _vis_assets()
    note = selection.note if selection.nodes else "No entities match these filters."
    fields = {
        "title": _escape(opts.title),
        "note": _escape(note),
        "legend": legend,
        "min_cost": f"{opts.min_cost:.2f}",
        "vis_css": css,
        "vis_js": js,
        "view_js": _inline_safe(_template("view.js"), "script"),
        "data": script_json(data),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: fields[m.group(1)], _template("view.html"))
