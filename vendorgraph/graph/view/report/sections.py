"""The report's content, whatever the format: one :class:`Section` per part of the report.

Examples
--------
>>> import networkx as nx
>>> from vendorgraph.graph.view.report.data import ReportData
>>> for section in report_sections(nx.MultiDiGraph(), ReportData()):
...     print(section.heading)
Summary
Who holds lock-in
Dependencies by how hard they are to switch
Lock-in exerted against exposure
Sources
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from vendorgraph.graph.view.report.charts import draw_factors, draw_lockin, draw_scatter, svg_chart
from vendorgraph.graph.view.report.data import (
    UNITS,
    ReportData,
    company_intervals,
    edge_intervals,
    node_label,
    ranked_companies,
    ranked_dependencies,
    rounded,
)

__all__ = ["Section", "Table", "report_sections"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A table of plain text cells; `links` maps a column to the column holding its URL."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    links: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A heading, paragraphs, an optional chart (SVG bytes) and tables."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    chart: bytes | None = None
    chart_alt: str = ""
    tables: tuple[tuple[str, Table], ...] = ()


def report_sections(G: nx.MultiDiGraph, data: ReportData) -> list[Section]:
    """Return the report's sections, in reading order."""
    return [
        _summary(G, data),
        _companies_section(G, data),
        _dependencies_section(G, data),
        _map_section(G, data),
        *_evidence_sections(data.explanations[: data.evidence]),
        _sources_section(G),
    ]


def _summary(G: nx.MultiDiGraph, data: ReportData) -> Section:
    articles = G.graph.get("articles", {})
    lines = [
        f"{len(articles):,} article(s), {G.number_of_nodes():,} entities, "
        f"{G.number_of_edges():,} claims; {len(data.companies):,} companies and "
        f"{len(data.dependencies):,} dependencies scored."
    ]
    ranked, deps = ranked_companies(data), ranked_dependencies(data)
    if ranked:
        top = ranked[0]
        spread = company_intervals(data).get(str(top["id"]))
        interval = (
            ""
            if spread is None
            else f" (5–95%: {rounded(spread['low'])}–{rounded(spread['high'])})"
        )
        lines.append(
            f"{node_label(G, top['id'])} exerts the most lock-in: {rounded(top.get('lockin'))} "
            f"{UNITS}{interval}, {rounded(top.get('lockin_direct'))} of it direct."
        )
    if deps:
        d = deps[0]
        lines.append(
            f"The strongest dependency: {node_label(G, d['dependent'])} on "
            f"{node_label(G, d['provider'])}, switching cost "
            f"{rounded(d.get('switching_cost'))} with "
            f"{rounded(d.get('coverage'))} of the factor weight backed by evidence."
        )
    if data.intervals:
        lines.append(
            "Ranking stability: median Kendall tau "
            f"{rounded(data.intervals.get('median_tau'))} over "
            f"{data.intervals.get('draws')} draws (seed {data.intervals.get('seed')}); "
            "1 means the order never changes."
        )
    return Section(heading="Summary", paragraphs=tuple(lines))


def _companies_section(G: nx.MultiDiGraph, data: ReportData) -> Section:
    ranked, spread = ranked_companies(data), company_intervals(data)
    rows = []
    for rank, c in enumerate(ranked, start=1):
        s = spread.get(str(c["id"]), {})
        ranks = f"{s['rank_low']}–{s['rank_high']}" if s else "–"
        interval = f"{rounded(s.get('low'))}–{rounded(s.get('high'))}" if s else "–"
        rows.append(
            (
                str(rank),
                node_label(G, c["id"]),
                rounded(c.get("lockin")),
                interval,
                ranks,
                rounded(c.get("lockin_direct")),
                rounded(c.get("lockin_indirect")),
                rounded(c.get("exposure")),
            )
        )
    table = Table(
        columns=("#", "company", "lock-in", "5–95%", "ranks", "direct", "indirect", "exposure"),
        rows=tuple(rows),
    )
    return Section(
        heading="Who holds lock-in",
        paragraphs=(
            f"Lock-in exerted is DebtRank: the capability lost across the network if the "
            f"company failed, in {UNITS} (1 = one customer fully impaired). Exposure is the "
            "dependence a company suffers. Intervals come from Monte Carlo draws over the "
            "weights, priors and evidence.",
        ),
        chart=svg_chart(draw_lockin, G, data) if ranked else None,
        chart_alt="Lock-in exerted by company, with 5–95% intervals",
        tables=(("Companies by lock-in exerted", table),),
    )


def _dependencies_section(G: nx.MultiDiGraph, data: ReportData) -> Section:
    spread = edge_intervals(data)
    rows = []
    for d in ranked_dependencies(data):
        s = spread.get((str(d["dependent"]), str(d["provider"])), {})
        rows.append(
            (
                node_label(G, d["dependent"]),
                node_label(G, d["provider"]),
                rounded(d.get("switching_cost")),
                f"{rounded(s.get('low'))}–{rounded(s.get('high'))}" if s else "–",
                rounded(d.get("coverage")),
                rounded(d.get("reliance")),
                rounded(d.get("dependence")),
            )
        )
    table = Table(
        columns=(
            "customer",
            "supplier",
            "switching cost",
            "5–95%",
            "coverage",
            "reliance",
            "dependence",
        ),
        rows=tuple(rows),
    )
    return Section(
        heading="Dependencies by how hard they are to switch",
        paragraphs=(
            "Switching cost (0 = free to switch, 1 = cannot switch) is a weighted sum of eight "
            "factors. In the chart, coloured parts are backed by sentences; the grey hatched "
            "part is the prior of factors no sentence speaks to. Coverage is the share of the "
            "weight with evidence; dependence = reliance × switching cost.",
        ),
        chart=svg_chart(draw_factors, G, data) if data.explanations else None,
        chart_alt="Switching cost by factor for the strongest dependencies, prior apart",
        tables=(("Dependencies", table),),
    )


def _map_section(G: nx.MultiDiGraph, data: ReportData) -> Section:
    return Section(
        heading="Lock-in exerted against exposure",
        paragraphs=(
            "Up: vendors others depend on. Right: companies that depend on others. Up and "
            "right: companies in the middle of a supply chain.",
        ),
        chart=svg_chart(draw_scatter, G, data) if data.companies else None,
        chart_alt="Scatter of lock-in exerted against exposure, labelled by company",
    )


def _evidence_sections(explanations: Iterable[Mapping[str, Any]]) -> list[Section]:
    sections = []
    for x in explanations:
        rows = []
        for f in x.get("factors", ()):
            for c in f.get("claims", ()):
                rows.append(
                    (
                        str(f["name"]),
                        str(c.get("sentence") or ""),
                        str(c.get("speaker_label") or ""),
                        str(c.get("title") or ""),
                        str(c.get("published") or ""),
                        str(c.get("url") or ""),
                    )
                )
        unknown = [str(f["name"]) for f in x.get("factors", ()) if not f.get("known")]
        note = (
            f"No sentence speaks to: {', '.join(unknown)}."
            if unknown
            else "Every factor has evidence."
        )
        sections.append(
            Section(
                heading=f"Why {x['dependent_label']} depends on {x['provider_label']}",
                paragraphs=(
                    f"Switching cost {rounded(x.get('switching_cost'))}: "
                    f"{rounded(x.get('from_evidence'))} "
                    f"from evidence, {rounded(x.get('from_prior'))} from priors. {note}",
                ),
                tables=(
                    (
                        "Evidence",
                        Table(
                            columns=("factor", "sentence", "said by", "article", "date", "url"),
                            rows=tuple(rows),
                            links={3: 5},
                        ),
                    ),
                ),
            )
        )
    return sections


def _sources_section(G: nx.MultiDiGraph) -> Section:
    articles = G.graph.get("articles", {})
    rows = tuple(
        (
            str(m.get("title") or aid),
            str(m.get("publisher") or ""),
            str(m.get("published") or ""),
            str(m.get("url") or ""),
        )
        for aid, m in sorted(
            articles.items(), key=lambda kv: (str(kv[1].get("published") or ""), str(kv[0]))
        )
    )
    table = Table(columns=("article", "publisher", "date", "url"), rows=rows, links={0: 3})
    return Section(heading="Sources", tables=(("Articles read", table),))
