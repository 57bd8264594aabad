"""The page: :func:`render_view` and :func:`write_view`.

Node and edge records, vis-network options and the template, filled in one self-contained
HTML file.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from vendorgraph.errors import InputError, InputFileError
from vendorgraph.graph.store.atomic import atomic_write_text
from vendorgraph.graph.view.layout import layout_positions
from vendorgraph.graph.view.options import (
    DERIVED,
    ORGANIZATION_TYPES,
    OTHER_STYLE,
    SCORE_NAMES,
    TYPE_STYLES,
    ViewOptions,
)
from vendorgraph.graph.view.selection import (
    Link,
    Selection,
    company_scores,
    lone_offerings,
    node_label,
    node_type,
    number,
    select,
)

__all__ = ["render_view", "script_json", "write_view"]


def render_view(G: nx.MultiDiGraph, **options: Any) -> str:
    """Return a self-contained interactive HTML page drawing `G`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection described in ``docs/contracts.md``: nodes with ``type`` and ``label``,
        one edge per claim with ``predicate``, ``evidence``, ``source``, ``published`` ...
    **options
        The fields of :class:`ViewOptions`: ``scores``, ``focus``, ``depth``, ``min_cost``,
        ``types``, ``max_nodes``, ``title``, ``layout``, ``hide``. Without `scores`, the node
        attribute ``lockin`` and the edge attribute ``switching_cost`` are used when present.

    Returns
    -------
    str
        The HTML text. Node size shows lock-in exerted and link width switching cost; each
        claim is a link of its own, with a tooltip giving its sentence, speaker and article;
        the page has a checkbox per entity type (those of `hide` start unticked) and a
        minimum-switching-cost slider.

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
    vendorgraph.errors.UnknownEntityError: no entity named 'nimbs'; close matches: ['Nimbus', ...
    """
    opts = ViewOptions(**options)
    selection = select(G, opts)
    positions = layout_positions(G, selection, opts)
    top = max(
        (company_scores(G, n, opts.scores).get("lockin", 0.0) for n in selection.nodes),
        default=0.0,
    )
    bends = _bends(selection.links)
    asked = _asked(G, opts, selection)
    lone = {n for n in lone_offerings(G, selection) if node_type(G, n) not in asked}
    data = {
        "nodes": [
            _node_record(G, n, positions[n], opts.scores, top, lone=n in lone)
            for n in selection.nodes
        ],
        "edges": [_edge_record(G, i, link, bends[i]) for i, link in enumerate(selection.links)],
        "focus": selection.focus,
        "options": _pyvis_options(len(selection.nodes)),
    }
    legend = _legend(G, selection.nodes, set(opts.hide) - asked)
    legend += _lone_box(len(lone), shown=not opts.hide_lone_offerings)
    return _page(opts, selection, data, legend)


def _asked(G: nx.MultiDiGraph, opts: ViewOptions, selection: Selection) -> set[str]:
    """Return the types never hidden at first: those of `types` and the focus's own."""
    asked = set(opts.types or ())
    if selection.focus is not None:
        asked.add(node_type(G, selection.focus))
    return asked


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


# --- records ------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{value:.2f}"


def _node_rows(G: nx.MultiDiGraph, node: str, found: Mapping[str, float]) -> list[list[str]]:
    attrs = G.nodes[node]
    rows = [["type", str(attrs.get("type") or "unknown")], ["id", node]]
    for key in ("aliases", "roles"):
        if attrs.get(key):
            rows.append([key, ", ".join(str(a) for a in attrs[key])])
    if attrs.get("wikidata"):
        rows.append(["wikidata", str(attrs["wikidata"])])
    rows += [[SCORE_NAMES.get(k, k), _fmt(v)] for k, v in found.items()]
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
    G: nx.MultiDiGraph,
    node: str,
    xy: tuple[float, float],
    scores: Mapping | None,
    top: float,
    *,
    lone: bool,
) -> dict[str, Any]:
    """Size a node by lock-in relative to the largest shown (10 to 40 px), its label to match."""
    kind = node_type(G, node)
    style = TYPE_STYLES.get(kind, OTHER_STYLE)
    found = company_scores(G, node, scores)
    lockin = found.get("lockin")
    share = 0.0 if lockin is None or top <= 0 else min(max(lockin / top, 0.0), 1.0)
    size = 12.0 if lockin is None else round(10.0 + 30.0 * share, 2)
    tip = {"head": node_label(G, node), "rows": _node_rows(G, node, found)}
    company = kind in ORGANIZATION_TYPES
    return {
        "id": node,
        "label": node_label(G, node),
        "shape": style.shape,
        "color": style.color,
        "size": size,
        "font": {"size": round(20 + 16 * share) if company else 14, "strokeWidth": 3},
        "x": xy[0],
        "y": xy[1],
        "vgType": kind if kind in TYPE_STYLES else "",
        "vgLone": lone,
        "tip": {**tip, "evidence": _quotes_by(G, node)},
    }


def _claim_evidence(G: nx.MultiDiGraph, claim: Mapping[str, Any]) -> dict[str, str]:
    """One claim as tooltip evidence: the sentence, then who, where and when."""
    speaker = claim.get("speaker")
    quantity = claim.get("quantity") or {}
    confidence = number(claim.get("confidence"))
    parts = [
        f"said by {node_label(G, speaker)}" if speaker else None,
        claim.get("source"),
        claim.get("published"),
        _article_meta(G.graph.get("articles", {}), claim.get("article")) or claim.get("article"),
        claim.get("modality"),
        None if confidence is None else f"confidence {_fmt(confidence)}",
        quantity.get("text") if isinstance(quantity, Mapping) else None,
    ]
    text = str(claim.get("evidence") or claim.get("quote") or "")
    return {"text": text, "meta": " · ".join(str(p) for p in parts if p)}


def _edge_rows(link: Link, place: tuple[int, int]) -> list[list[str]]:
    rows = [["predicate", link.predicate or "unknown"]]
    if link.cost is not None:
        rows.append(["switching cost", _fmt(link.cost)])
    if link.coverage is not None:
        rows.append(["coverage", _fmt(link.coverage)])
    if place[1] > 1:
        rows.append(["link", f"{place[0]} of {place[1]} between these two"])
    return rows


Bend = dict[str, Any]


def _bends(links: Sequence[Link]) -> list[tuple[Bend, tuple[int, int]]]:
    """How each link is drawn, and its place among the links that share its pair of nodes.

    The links of one pair fan out: the middle one straight when their number is odd, the others
    curved in pairs to either side, rounder the further out. The side is taken for the pair in
    one direction, so ``A -> B`` and ``B -> A`` links never fall on the same curve.
    """
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, link in enumerate(links):
        pairs.setdefault(_pair(link), []).append(i)
    drawn: list[tuple[Bend, tuple[int, int]]] = [({"enabled": False}, (1, 1))] * len(links)
    for (first, _), members in pairs.items():
        n = len(members)
        step = min(0.25, 0.9 / max(n // 2, 1))
        for k, i in enumerate(members):
            rank = k + 1 - n % 2  # the odd one out stays straight
            if rank == 0:
                drawn[i] = ({"enabled": False}, (k + 1, n))
                continue
            side = rank % 2 == 1
            if links[i].source != first:
                side = not side
            turn = "curvedCW" if side else "curvedCCW"
            roundness = round(step * ((rank + 1) // 2), 3)
            drawn[i] = ({"enabled": True, "type": turn, "roundness": roundness}, (k + 1, n))
    return drawn


def _pair(link: Link) -> tuple[str, str]:
    a, b = link.source, link.target
    return (a, b) if a <= b else (b, a)


def _edge_record(
    G: nx.MultiDiGraph, i: int, link: Link, drawn: tuple[Bend, tuple[int, int]]
) -> dict[str, Any]:
    head = f"{node_label(G, link.source)} → {link.predicate} → {node_label(G, link.target)}"
    width = 1.5 if link.cost is None else round(1.0 + 7.0 * min(max(link.cost, 0.0), 1.0), 2)
    bend, place = drawn
    return {
        "id": f"e{i}",
        "from": link.source,
        "to": link.target,
        "smooth": bend,
        "width": width,
        "dashes": link.predicate == DERIVED,
        "vgCost": link.cost,
        "tip": {
            "head": head,
            "rows": _edge_rows(link, place),
            "evidence": [] if link.claim is None else [_claim_evidence(G, link.claim)],
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
    return (
        resources.files("vendorgraph.graph.view").joinpath("data", name).read_text(encoding="utf-8")
    )


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


def _legend(G: nx.MultiDiGraph, nodes: Iterable[str], hidden: Collection[str]) -> str:
    """One checkbox per entity type present, with its glyph, colour and count."""
    counts: dict[str, int] = {}
    for node in nodes:
        kind = node_type(G, node)
        kind = kind if kind in TYPE_STYLES else ""
        counts[kind] = counts.get(kind, 0) + 1
    order = [*TYPE_STYLES, ""]
    lines = []
    for kind in (k for k in order if k in counts):
        style = TYPE_STYLES.get(kind, OTHER_STYLE)
        checked = "" if kind in hidden else " checked"
        lines.append(
            f'<label><input type="checkbox" class="vg-type" value="{_escape(kind)}"{checked}> '
            f'<span class="vg-glyph" style="color:{style.color}">{style.glyph}</span> '
            f"{_escape(style.name)} ({counts[kind]:,})</label>"
        )
    return "\n".join(lines)


def _lone_box(count: int, *, shown: bool) -> str:
    """Return the checkbox of the offerings linking fewer than two companies, if any."""
    if not count:
        return ""
    checked = " checked" if shown else ""
    return (
        '\n<label title="chips, products and technologies linked to fewer than two companies">'
        f'<input type="checkbox" id="vg-lone"{checked}> offerings off the supply chain '
        f"({count:,})</label>"
    )


def _page(opts: ViewOptions, selection: Selection, data: Mapping[str, Any], legend: str) -> str:
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
