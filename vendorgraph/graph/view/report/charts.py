"""The report's charts, drawn with matplotlib (imported on first use) as SVG bytes.

No pyplot state is used; a fixed hash salt and no date in the metadata keep the bytes the same
from run to run.

Examples
--------
>>> import networkx as nx
>>> from vendorgraph.graph.view.report.data import ReportData
>>> data = ReportData(companies=[{"id": "org/acme", "lockin": 0.8, "exposure": 0.1}])
>>> svg = svg_chart(draw_scatter, nx.MultiDiGraph(), data)
>>> b"<svg" in svg and svg == svg_chart(draw_scatter, nx.MultiDiGraph(), data)
True
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from vendorgraph.graph.view.report.data import (
    UNITS,
    ReportData,
    company_intervals,
    node_label,
    ranked_companies,
)

__all__ = ["draw_factors", "draw_lockin", "draw_scatter", "svg_chart"]

_TOP = 12


def svg_chart(
    draw: Callable[[Any, nx.MultiDiGraph, ReportData], None], G: nx.MultiDiGraph, data: ReportData
) -> bytes:
    """Draw one chart with matplotlib (no pyplot state) and return it as SVG bytes."""
    import matplotlib
    from matplotlib.figure import Figure

    style: Any = {  # (matplotlib types its keys as literals)
        "svg.hashsalt": "vendorgraph",
        "svg.fonttype": "path",
        "text.parse_math": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 10,
    }
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(8, 4.6))
        draw(fig.add_subplot(), G, data)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def draw_lockin(ax: Any, G: nx.MultiDiGraph, data: ReportData) -> None:
    """Draw lock-in exerted by company, with 5–95% intervals when known."""
    top = [c for c in ranked_companies(data) if float(c.get("lockin") or 0.0) > 0][:_TOP][::-1]
    spread = company_intervals(data)
    names = [node_label(G, c["id"]) for c in top]
    values = [float(c.get("lockin") or 0.0) for c in top]
    ax.barh(names, values, color="#9ecae1", label="lock-in exerted")
    low = [
        float(spread.get(str(c["id"]), {}).get("low", v)) for c, v in zip(top, values, strict=True)
    ]
    high = [
        float(spread.get(str(c["id"]), {}).get("high", v)) for c, v in zip(top, values, strict=True)
    ]
    if spread:
        errors = [
            [max(v - lo, 0.0) for v, lo in zip(values, low, strict=True)],
            [max(hi - v, 0.0) for v, hi in zip(values, high, strict=True)],
        ]
        ax.errorbar(
            values,
            names,
            xerr=errors,
            fmt="none",
            ecolor="#08519c",
            capsize=3,
            label="5–95% interval",
        )
        ax.legend(frameon=False, loc="lower right")
    ax.set_xlabel(f"lock-in exerted ({UNITS})")
    ax.set_title("Who holds lock-in")


_FACTOR_COLORS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
)


def draw_factors(ax: Any, G: nx.MultiDiGraph, data: ReportData) -> None:
    """Draw each dependency's switching cost by factor, the prior apart."""
    rows = list(data.explanations)[:_TOP][::-1]
    names = [f"{x['dependent_label']} → {x['provider_label']}" for x in rows]
    factors = [str(f["name"]) for f in rows[0]["factors"]] if rows else []
    left = [0.0] * len(rows)
    for k, name in enumerate(factors):
        width = [_contribution(x, name, known=True) for x in rows]
        ax.barh(names, width, left=left, color=_FACTOR_COLORS[k % 8], label=name)
        left = [a + b for a, b in zip(left, width, strict=True)]
    prior = [sum(_contribution(x, n, known=False) for n in factors) for x in rows]
    ax.barh(
        names,
        prior,
        left=left,
        color="#d9d9d9",
        hatch="//",
        edgecolor="#999",
        linewidth=0.5,
        label="prior (no evidence)",
    )
    ax.set_xlabel("switching cost (0 = free to switch, 1 = cannot switch)")
    ax.set_title("What makes each dependency hard to switch")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _contribution(x: Mapping[str, Any], name: str, *, known: bool) -> float:
    for f in x["factors"]:
        if f["name"] == name and bool(f.get("known")) is known:
            return float(f.get("contribution") or 0.0)
    return 0.0


def draw_scatter(ax: Any, G: nx.MultiDiGraph, data: ReportData) -> None:
    """Draw lock-in exerted against exposure, labelled by company."""
    spots: dict[tuple[float, float], list[str]] = {}
    for c in ranked_companies(data):
        x, y = float(c.get("exposure") or 0.0), float(c.get("lockin") or 0.0)
        spots.setdefault((round(x, 2), round(y, 2)), []).append(node_label(G, c["id"]))
    ax.scatter([x for x, _ in spots], [y for _, y in spots], s=36, color="#1f77b4", alpha=0.75)
    for (x, y), names in sorted(spots.items(), key=lambda kv: (-kv[0][1], kv[0][0]))[:20]:
        text = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
        ax.annotate(text, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=8)
    ax.set_xlabel("exposure (dependence suffered, summed over suppliers)")
    ax.set_ylabel(f"lock-in exerted ({UNITS})")
    ax.set_title("Who holds lock-in (up) and who suffers it (right)")
