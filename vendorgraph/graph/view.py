"""The interactive HTML view of a vendorgraph graph, drawn with pyvis and vis-network.

The page is one self-contained file: the vis-network script and style bundled with the pyvis
package are inlined, nothing is fetched from the network, and a Content-Security-Policy forbids
it. The layout is computed here (a seeded force layout), so the browser draws at once with
physics off. Every piece of article text reaches the page either HTML-escaped (title, note,
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
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from vendorgraph.errors import InputError, InputFileError, UnknownEntityError
from vendorgraph.graph.atomic import atomic_write_text
from vendorgraph.ontology.terms import EntityType

__all__ = ["TYPE_STYLES", "TypeStyle", "ViewOptions", "render_view", "write_view"]


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

    def __post_init__(self) -> None:
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
    positions = _layout(selection)
    data = {
        "nodes": [_node_record(G, n, positions[n], opts.scores) for n in selection.nodes],
        "edges": [_edge_record(G, i, link) for i, link in enumerate(selection.links)],
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


def _layout(selection: _Selection, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Return pixel positions: each connected component laid out alone, then packed in rows."""
    U = nx.Graph()
    U.add_nodes_from(selection.nodes)
    U.add_edges_from((x.source, x.target) for x in selection.links if x.source != x.target)
    parts = sorted((sorted(c) for c in nx.connected_components(U)), key=lambda c: (-len(c), c))
    boxes = [_component_layout(U, part, seed) for part in parts]
    row_width = 1.3 * _SPACING * math.sqrt(max(len(selection.nodes), 1)) + _SPACING
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box in boxes:
        width, height = _extent(box)
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + _SPACING, 0.0
        for node, (bx, by) in box.items():
            positions[node] = (round(x + bx, 1), round(y + by, 1))
        x, row_height = x + width + _SPACING, max(row_height, height)
    return positions


_SPACING = 120.0


def _component_layout(U: nx.Graph, part: list[str], seed: int) -> dict[str, tuple[float, float]]:
    """Lay out one component; return positions with the top-left corner at (0, 0)."""
    index = {n: i for i, n in enumerate(part)}
    edges = np.array(
        sorted((min(index[u], index[v]), max(index[u], index[v])) for u, v in U.edges(part)),
        dtype=np.int64,
    ).reshape(-1, 2)
    steps = 50 if len(part) <= 1000 else 20  # big components: fewer, costlier steps
    pos = force_layout(len(part), edges, seed=seed, iterations=steps)
    pos *= _SPACING * (1.0 + math.sqrt(len(part)))
    pos -= pos.min(axis=0)
    return {n: (float(x), float(y)) for n, (x, y) in zip(part, pos, strict=True)}


def _extent(box: Mapping[str, tuple[float, float]]) -> tuple[float, float]:
    return max(x for x, _ in box.values()), max(y for _, y in box.values())


def _accumulate(index: np.ndarray, force: np.ndarray, n: int) -> np.ndarray:
    return np.stack(
        [np.bincount(index, force[:, 0], n), np.bincount(index, force[:, 1], n)], axis=1
    )


def _step(pos: np.ndarray, edges: np.ndarray, k: float) -> np.ndarray:
    """One Fruchterman-Reingold step: the displacement of every node."""
    n = len(pos)
    near = cKDTree(pos).query_pairs(2.0 * k, output_type="ndarray")
    near = near[np.lexsort((near[:, 1], near[:, 0]))] if len(near) else near.reshape(-1, 2)
    a, b = near[:, 0], near[:, 1]
    delta = pos[a] - pos[b]
    push = delta * (k * k / np.maximum((delta * delta).sum(axis=1), 1e-9))[:, None]
    disp = _accumulate(a, push, n) - _accumulate(b, push, n)
    u, v = edges[:, 0], edges[:, 1]
    delta = pos[u] - pos[v]
    pull = delta * (np.sqrt((delta * delta).sum(axis=1)) / k)[:, None]
    return disp + _accumulate(v, pull, n) - _accumulate(u, pull, n)


def force_layout(n: int, edges: np.ndarray, *, seed: int = 0, iterations: int = 50) -> np.ndarray:
    """Return ``(n, 2)`` positions, centred, with spread about 1, from a seeded force layout.

    Repulsion is counted only between nodes closer than ``2k`` (the grid variant of
    Fruchterman and Reingold), found with a k-d tree, so a step costs about O(n log n)
    rather than O(n²); positions are rescaled after each step to keep the density even.

    Parameters
    ----------
    n : int
        Number of nodes, numbered 0 .. n-1.
    edges : numpy.ndarray
        ``(m, 2)`` integer array of node pairs.
    seed : int
        Seed of the random start.
    iterations : int
        Number of cooling steps.

    Returns
    -------
    numpy.ndarray
        The positions.

    References
    ----------
    T. M. J. Fruchterman and E. M. Reingold, "Graph drawing by force-directed placement",
    Software: Practice and Experience 21(11), 1991.

    Examples
    --------
    >>> import numpy as np
    >>> pos = force_layout(3, np.array([[0, 1], [1, 2]]))
    >>> pos.shape, bool(np.isfinite(pos).all())
    ((3, 2), True)
    """
    pos = np.random.default_rng(seed).random((n, 2))
    if n < 2:
        return np.zeros((n, 2))
    k = 1.0 / math.sqrt(n)
    heat = 0.1
    for _ in range(iterations):
        disp = _step(pos, edges, k)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, heat) / length)[:, None]
        heat -= 0.1 / (iterations + 1)
    pos -= np.median(pos, axis=0)
    return pos / max(float(np.median(np.sqrt((pos * pos).sum(axis=1)))), 1e-9) * 0.5


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
    G: nx.MultiDiGraph, node: str, xy: tuple[float, float], scores: Mapping | None
) -> dict[str, Any]:
    kind = _node_type(G, node)
    style = TYPE_STYLES.get(kind, _OTHER)
    found = _company_scores(G, node, scores)
    lockin = found.get("lockin")
    size = 12.0 if lockin is None else round(10.0 + 30.0 * min(max(lockin, 0.0), 1.0), 2)
    tip = {"head": _label(G, node), "rows": _node_rows(G, node, found)}
    return {
        "id": node,
        "label": _label(G, node),
        "shape": style.shape,
        "color": style.color,
        "size": size,
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


def _edge_record(G: nx.MultiDiGraph, i: int, link: _Link) -> dict[str, Any]:
    head = f"{_label(G, link.source)} → {link.predicate} → {_label(G, link.target)}"
    width = 1.5 if link.cost is None else round(1.0 + 7.0 * min(max(link.cost, 0.0), 1.0), 2)
    return {
        "id": f"e{i}",
        "from": link.source,
        "to": link.target,
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
