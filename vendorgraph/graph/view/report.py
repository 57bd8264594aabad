"""A standalone lock-in report: summary, rankings with intervals, charts and cited evidence.

One file, HTML or Markdown, for people who do not run notebooks. The charts are drawn with
matplotlib (imported on first use) and embedded as SVG ``data:`` images, so the file reads
offline and an image can run nothing. Scores come in as plain data (the records of
:mod:`vendorgraph.analysis`, joined by the CLI); this module never scores. Article text reaches
the page HTML-escaped (or Markdown-escaped), links only for ``http(s)`` URLs, and a
Content-Security-Policy forbids scripts and fetches. The same input gives the same bytes.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/acme", type="ChipVendor", label="Acme <Chips>")
>>> G.add_node("org/nimbus", type="CloudProvider", label="Nimbus")
>>> data = ReportData(companies=[{"id": "org/acme", "lockin": 0.8, "exposure": 0.0}],
...                   title="Acme & Nimbus")
>>> page = render_report(G, data)
>>> "<title>Acme &amp; Nimbus</title>" in page and "Acme &lt;Chips&gt;" in page
True
>>> render_report(G, data, format="md").splitlines()[0]
'# Acme &amp; Nimbus'
"""

from __future__ import annotations

import base64
import html
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from vendorgraph.errors import InputError, InputFileError
from vendorgraph.graph.store.atomic import atomic_write_text

__all__ = ["FORMATS", "ReportData", "render_report", "write_report"]

FORMATS = {".html": "html", ".htm": "html", ".md": "md"}
_TOP = 12
_UNITS = "company-equivalents impaired"


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


def render_report(G: nx.MultiDiGraph, data: ReportData, *, format: str = "html") -> str:
    """Return the report on `G` as one HTML or Markdown document.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection of ``docs/contracts.md`` (labels, ``graph["articles"]``).
    data : ReportData
        The scores to show.
    format : {"html", "md"}
        HTML with inline style, or Markdown; charts are SVG ``data:`` images in both.

    Returns
    -------
    str
        The document.

    Raises
    ------
    InputError
        If `format` is not ``"html"`` or ``"md"``.

    Examples
    --------
    >>> import networkx as nx
    >>> render_report(nx.MultiDiGraph(), ReportData(), format="pdf")
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputError: unknown report format 'pdf': choose 'html' or 'md'
    """
    if format not in ("html", "md"):
        raise InputError(f"unknown report format {format!r}: choose 'html' or 'md'")
    sections = _sections(G, data)
    return _html(data, sections) if format == "html" else _markdown(data, sections)


def write_report(G: nx.MultiDiGraph, path: str | os.PathLike[str], data: ReportData) -> Path:
    """Write :func:`render_report` to `path` atomically, the format read from its suffix.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    path : str or os.PathLike
        ``.html``, ``.htm`` or ``.md``; its folder must exist.
    data : ReportData
        The scores.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InputError
        If the suffix is not one of :data:`FORMATS` or the folder does not exist.
    InputFileError
        If the file cannot be written.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_report(nx.MultiDiGraph(), pathlib.Path(tmp) / "r.md", ReportData())
    ...     out.read_text(encoding="utf-8").startswith("# vendorgraph lock-in report")
    True
    """
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise InputError(
            f"cannot tell the report format from {target.name!r}: name it .html or .md"
        )
    if not target.parent.is_dir():
        raise InputError(f"folder {str(target.parent)!r} does not exist: create it first")
    text = render_report(G, data, format=fmt)
    try:
        return atomic_write_text(target, text)
    except OSError as err:
        raise InputFileError(
            f"cannot write the report: {err.strerror or err}; check the folder is writable",
            path=str(target),
        ) from err


# --- content ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Table:
    """A table of plain text cells; `links` maps a column to the column holding its URL."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    links: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Section:
    """A heading, paragraphs, an optional chart (SVG bytes) and tables."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    chart: bytes | None = None
    chart_alt: str = ""
    tables: tuple[tuple[str, _Table], ...] = ()


def _label(G: nx.MultiDiGraph, node: Any) -> str:
    return str(G.nodes[node].get("label") or node) if node in G else str(node)


def _f(value: Any, places: int = 2) -> str:
    """Round a number for reading; an absent or non-finite value is a dash."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "–"
    return f"{value:.{places}f}" if math.isfinite(value) else "–"


def _ranked(data: ReportData) -> list[Mapping[str, Any]]:
    return sorted(data.companies, key=lambda c: (-float(c.get("lockin") or 0.0), str(c["id"])))


def _by_pair(data: ReportData) -> list[Mapping[str, Any]]:
    return sorted(
        data.dependencies,
        key=lambda d: (-float(d.get("dependence") or 0.0), str(d["dependent"]), str(d["provider"])),
    )


def _company_intervals(data: ReportData) -> dict[str, Mapping[str, Any]]:
    return {str(c["id"]): c for c in data.intervals.get("companies", ())}


def _edge_intervals(data: ReportData) -> dict[tuple[str, str], Mapping[str, Any]]:
    return {(str(e["dependent"]), str(e["provider"])): e for e in data.intervals.get("edges", ())}


def _sections(G: nx.MultiDiGraph, data: ReportData) -> list[_Section]:
    return [
        _summary(G, data),
        _companies_section(G, data),
        _dependencies_section(G, data),
        _map_section(G, data),
        *_evidence_sections(data.explanations[: data.evidence]),
        _sources_section(G),
    ]


def _summary(G: nx.MultiDiGraph, data: ReportData) -> _Section:
    articles = G.graph.get("articles", {})
    lines = [
        f"{len(articles):,} article(s), {G.number_of_nodes():,} entities, "
        f"{G.number_of_edges():,} claims; {len(data.companies):,} companies and "
        f"{len(data.dependencies):,} dependencies scored."
    ]
    ranked, deps = _ranked(data), _by_pair(data)
    if ranked:
        top = ranked[0]
        spread = _company_intervals(data).get(str(top["id"]))
        interval = "" if spread is None else f" (5–95%: {_f(spread['low'])}–{_f(spread['high'])})"
        lines.append(
            f"{_label(G, top['id'])} exerts the most lock-in: {_f(top.get('lockin'))} "
            f"{_UNITS}{interval}, {_f(top.get('lockin_direct'))} of it direct."
        )
    if deps:
        d = deps[0]
        lines.append(
            f"The strongest dependency: {_label(G, d['dependent'])} on "
            f"{_label(G, d['provider'])}, switching cost {_f(d.get('switching_cost'))} with "
            f"{_f(d.get('coverage'))} of the factor weight backed by evidence."
        )
    if data.intervals:
        lines.append(
            f"Ranking stability: median Kendall tau {_f(data.intervals.get('median_tau'))} over "
            f"{data.intervals.get('draws')} draws (seed {data.intervals.get('seed')}); "
            "1 means the order never changes."
        )
    return _Section(heading="Summary", paragraphs=tuple(lines))


def _companies_section(G: nx.MultiDiGraph, data: ReportData) -> _Section:
    ranked, spread = _ranked(data), _company_intervals(data)
    rows = []
    for rank, c in enumerate(ranked, start=1):
        s = spread.get(str(c["id"]), {})
        ranks = f"{s['rank_low']}–{s['rank_high']}" if s else "–"
        interval = f"{_f(s.get('low'))}–{_f(s.get('high'))}" if s else "–"
        rows.append(
            (
                str(rank),
                _label(G, c["id"]),
                _f(c.get("lockin")),
                interval,
                ranks,
                _f(c.get("lockin_direct")),
                _f(c.get("lockin_indirect")),
                _f(c.get("exposure")),
            )
        )
    table = _Table(
        columns=("#", "company", "lock-in", "5–95%", "ranks", "direct", "indirect", "exposure"),
        rows=tuple(rows),
    )
    return _Section(
        heading="Who holds lock-in",
        paragraphs=(
            f"Lock-in exerted is DebtRank: the capability lost across the network if the "
            f"company failed, in {_UNITS} (1 = one customer fully impaired). Exposure is the "
            "dependence a company suffers. Intervals come from Monte Carlo draws over the "
            "weights, priors and evidence.",
        ),
        chart=_chart(_draw_lockin, G, data) if ranked else None,
        chart_alt="Lock-in exerted by company, with 5–95% intervals",
        tables=(("Companies by lock-in exerted", table),),
    )


def _dependencies_section(G: nx.MultiDiGraph, data: ReportData) -> _Section:
    spread = _edge_intervals(data)
    rows = []
    for d in _by_pair(data):
        s = spread.get((str(d["dependent"]), str(d["provider"])), {})
        rows.append(
            (
                _label(G, d["dependent"]),
                _label(G, d["provider"]),
                _f(d.get("switching_cost")),
                f"{_f(s.get('low'))}–{_f(s.get('high'))}" if s else "–",
                _f(d.get("coverage")),
                _f(d.get("reliance")),
                _f(d.get("dependence")),
            )
        )
    table = _Table(
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
    return _Section(
        heading="Dependencies by how hard they are to switch",
        paragraphs=(
            "Switching cost (0 = free to switch, 1 = cannot switch) is a weighted sum of eight "
            "factors. In the chart, coloured parts are backed by sentences; the grey hatched "
            "part is the prior of factors no sentence speaks to. Coverage is the share of the "
            "weight with evidence; dependence = reliance × switching cost.",
        ),
        chart=_chart(_draw_factors, G, data) if data.explanations else None,
        chart_alt="Switching cost by factor for the strongest dependencies, prior apart",
        tables=(("Dependencies", table),),
    )


def _map_section(G: nx.MultiDiGraph, data: ReportData) -> _Section:
    return _Section(
        heading="Lock-in exerted against exposure",
        paragraphs=(
            "Up: vendors others depend on. Right: companies that depend on others. Up and "
            "right: companies in the middle of a supply chain.",
        ),
        chart=_chart(_draw_scatter, G, data) if data.companies else None,
        chart_alt="Scatter of lock-in exerted against exposure, labelled by company",
    )


def _evidence_sections(explanations: Iterable[Mapping[str, Any]]) -> list[_Section]:
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
            _Section(
                heading=f"Why {x['dependent_label']} depends on {x['provider_label']}",
                paragraphs=(
                    f"Switching cost {_f(x.get('switching_cost'))}: {_f(x.get('from_evidence'))} "
                    f"from evidence, {_f(x.get('from_prior'))} from priors. {note}",
                ),
                tables=(
                    (
                        "Evidence",
                        _Table(
                            columns=("factor", "sentence", "said by", "article", "date", "url"),
                            rows=tuple(rows),
                            links={3: 5},
                        ),
                    ),
                ),
            )
        )
    return sections


def _sources_section(G: nx.MultiDiGraph) -> _Section:
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
    table = _Table(columns=("article", "publisher", "date", "url"), rows=rows, links={0: 3})
    return _Section(heading="Sources", tables=(("Articles read", table),))


# --- charts -------------------------------------------------------------------------------


def _chart(
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


def _draw_lockin(ax: Any, G: nx.MultiDiGraph, data: ReportData) -> None:
    top = [c for c in _ranked(data) if float(c.get("lockin") or 0.0) > 0][:_TOP][::-1]
    spread = _company_intervals(data)
    names = [_label(G, c["id"]) for c in top]
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
    ax.set_xlabel(f"lock-in exerted ({_UNITS})")
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


def _draw_factors(ax: Any, G: nx.MultiDiGraph, data: ReportData) -> None:
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


def _draw_scatter(ax: Any, G: nx.MultiDiGraph, data: ReportData) -> None:
    spots: dict[tuple[float, float], list[str]] = {}
    for c in _ranked(data):
        x, y = float(c.get("exposure") or 0.0), float(c.get("lockin") or 0.0)
        spots.setdefault((round(x, 2), round(y, 2)), []).append(_label(G, c["id"]))
    ax.scatter([x for x, _ in spots], [y for _, y in spots], s=36, color="#1f77b4", alpha=0.75)
    for (x, y), names in sorted(spots.items(), key=lambda kv: (-kv[0][1], kv[0][0]))[:20]:
        text = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
        ax.annotate(text, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=8)
    ax.set_xlabel("exposure (dependence suffered, summed over suppliers)")
    ax.set_ylabel(f"lock-in exerted ({_UNITS})")
    ax.set_title("Who holds lock-in (up) and who suffers it (right)")


# --- HTML ---------------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Escape text for HTML, and write the line separators U+2028/U+2029 as references."""
    return html.escape(text).replace("\u2028", "&#8232;").replace("\u2029", "&#8233;")


def _safe_url(url: str) -> str | None:
    return url if re.match(r"https?://", url, flags=re.IGNORECASE) else None


def _image(svg: bytes) -> str:
    return f"data:image/svg+xml;base64,{base64.b64encode(svg).decode('ascii')}"


def _html_cell(row: Sequence[str], i: int, links: Mapping[int, int]) -> str:
    text = _escape(row[i])
    url = _safe_url(row[links[i]]) if i in links else None
    if url is not None:
        text = f'<a href="{_escape(url)}" rel="noreferrer noopener">{text}</a>'
    return f"<td>{text}</td>"


def _html_table(caption: str, table: _Table) -> str:
    shown = [i for i in range(len(table.columns)) if i not in table.links.values()]
    head = "".join(f"<th>{_escape(table.columns[i])}</th>" for i in shown)
    body = "\n".join(
        "<tr>" + "".join(_html_cell(row, i, table.links) for i in shown) + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{_escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>\n{body}\n</tbody></table>"
    )


def _html_section(s: _Section) -> str:
    parts = [f"<h2>{_escape(s.heading)}</h2>"]
    parts += [f"<p>{_escape(p)}</p>" for p in s.paragraphs]
    if s.chart is not None:
        parts.append(f'<img src="{_image(s.chart)}" alt="{_escape(s.chart_alt)}">')
    parts += [_html_table(caption, table) for caption, table in s.tables]
    return "<section>\n" + "\n".join(parts) + "\n</section>"


_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #222; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; }
h1 { margin-bottom: 0; } .sub { color: #666; margin-top: 0.2em; }
img { max-width: 100%; height: auto; display: block; margin: 1em 0; }
table { border-collapse: collapse; margin: 1em 0; font-size: 13px; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
"""


def _html(data: ReportData, sections: Iterable[_Section]) -> str:
    body = "\n".join(_html_section(s) for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{_escape(data.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<h1>{_escape(data.title)}</h1>\n<p class="sub">{_escape(data.subtitle)}</p>\n'
        f"{body}\n</body>\n</html>\n"
    )


# --- Markdown -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # markup anywhere in a line; < > & are escaped as HTML


def _md(text: str) -> str:
    """Escape text for a Markdown table cell: one line, no markup, no raw HTML."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _md_table(caption: str, table: _Table) -> str:
    shown = [i for i in range(len(table.columns)) if i not in table.links.values()]
    lines = [f"**{_md(caption)}**", ""]
    lines.append("| " + " | ".join(_md(table.columns[i]) for i in shown) + " |")
    lines.append("|" + "---|" * len(shown))
    for row in table.rows:
        cells = []
        for i in shown:
            url = _safe_url(row[table.links[i]]) if i in table.links else None
            cell = _md(row[i])
            cells.append(f"[{cell}](<{url.replace('>', '%3E')}>)" if url else cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _md_section(s: _Section) -> str:
    parts = [f"## {_md(s.heading)}"]
    parts += [_md(p) for p in s.paragraphs]
    if s.chart is not None:
        parts.append(f"![{_md(s.chart_alt)}]({_image(s.chart)})")
    parts += [_md_table(caption, table) for caption, table in s.tables]
    return "\n\n".join(parts)


def _markdown(data: ReportData, sections: Iterable[_Section]) -> str:
    head = (
        [f"# {_md(data.title)}", _md(data.subtitle)] if data.subtitle else [f"# {_md(data.title)}"]
    )
    return "\n\n".join([*head, *(_md_section(s) for s in sections)]) + "\n"
