"""The scores a report shows (:class:`ReportData`), and how they are read: ranks, intervals.

Examples
--------
>>> data = ReportData(companies=[{"id": "org/b", "lockin": 0.2}, {"id": "org/a", "lockin": 0.8}])
>>> [c["id"] for c in ranked_companies(data)]
['org/a', 'org/b']
>>> rounded(0.456), rounded(None), rounded(float("nan"))
('0.46', '–', '–')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

__all__ = [
    "UNITS",
    "ReportData",
    "company_intervals",
    "edge_intervals",
    "node_label",
    "ranked_companies",
    "ranked_dependencies",
    "rounded",
]

UNITS = "company-equivalents impaired"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportData:
    """The scores a report shows, as plain data (the CLI fills it from the analysis).

    Parameters
    ----------
    companies : sequence of mapping
        ``company_records``: ``id``, ``lockin``, ``lockin_direct``, ``lockin_indirect``,
        ``exposure``, ``hhi``.
    dependencies : sequence of mapping
        ``dependency_records``: ``dependent``, ``provider``, ``switching_cost``, ``coverage``,
        ``reliance``, ``dependence``.
    intervals : mapping
        ``dataclasses.asdict`` of a robustness result: ``draws``, ``seed``, ``median_tau``,
        ``companies`` (``id``, ``low``, ``high``, ``rank_low``, ``rank_high`` ...) and
        ``edges`` (``dependent``, ``provider``, ``low``, ``high``). Empty: no intervals.
    explanations : sequence of mapping
        ``dataclasses.asdict`` of edge explanations: ``dependent_label``, ``provider_label``,
        ``switching_cost``, ``factors`` (``name``, ``known``, ``contribution``, ``claims``
        with ``sentence``, ``speaker_label``, ``title``, ``published``, ``url``).
    evidence : int
        How many of `explanations` get a section of cited evidence (the chart shows all).
    title : str
        The document title.
    subtitle : str
        A line under the title (the graph file, the date scored).
    """

    companies: Sequence[Mapping[str, Any]] = ()
    dependencies: Sequence[Mapping[str, Any]] = ()
    intervals: Mapping[str, Any] = field(default_factory=dict)
    explanations: Sequence[Mapping[str, Any]] = ()
    evidence: int = 5
    title: str = "vendorgraph lock-in report"
    subtitle: str = ""


def node_label(G: nx.MultiDiGraph, node: Any) -> str:
    """Return the label of `node` in `G`, or the node itself as text."""
    return str(G.nodes[node].get("label") or node) if node in G else str(node)


def rounded(value: Any, places: int = 2) -> str:
    """Round a number for reading; an absent or non-finite value is a dash."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "–"
    return f"{value:.{places}f}" if math.isfinite(value) else "–"


def ranked_companies(data: ReportData) -> list[Mapping[str, Any]]:
    """Return the companies by lock-in exerted, highest first (ties by id)."""
    return sorted(data.companies, key=lambda c: (-float(c.get("lockin") or 0.0), str(c["id"])))


def ranked_dependencies(data: ReportData) -> list[Mapping[str, Any]]:
    """Return the dependencies by dependence, highest first (ties by pair)."""
    return sorted(
        data.dependencies,
        key=lambda d: (-float(d.get("dependence") or 0.0), str(d["dependent"]), str(d["provider"])),
    )


def company_intervals(data: ReportData) -> dict[str, Mapping[str, Any]]:
    """Return each company's interval record by id."""
    return {str(c["id"]): c for c in data.intervals.get("companies", ())}


def edge_intervals(data: ReportData) -> dict[tuple[str, str], Mapping[str, Any]]:
    """Return each dependency's interval record by (dependent, provider)."""
    return {(str(e["dependent"]), str(e["provider"])): e for e in data.intervals.get("edges", ())}
