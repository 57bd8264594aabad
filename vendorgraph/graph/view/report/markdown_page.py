r"""The report as Markdown: each table cell on one line, markup and raw HTML escaped.

Examples
--------
>>> from vendorgraph.graph.view.report.data import ReportData
>>> from vendorgraph.graph.view.report.sections import Section, Table
>>> table = Table(columns=("name",), rows=(("a|b",),))
>>> print(markdown_document(ReportData(title="R"), [Section(heading="S", tables=(("T", table),))]))
# R
<BLANKLINE>
## S
<BLANKLINE>
**T**
<BLANKLINE>
| name |
|---|
| a\|b |
<BLANKLINE>
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from vendorgraph.graph.view.report.data import ReportData
from vendorgraph.graph.view.report.embed import data_url, safe_url
from vendorgraph.graph.view.report.sections import Section, Table

__all__ = ["markdown_document"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # markup anywhere in a line; < > & are escaped as HTML


def _md(text: str) -> str:
    """Escape text for a Markdown table cell: one line, no markup, no raw HTML."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _md_table(caption: str, table: Table) -> str:
    shown = [i for i in range(len(table.columns)) if i not in table.links.values()]
    lines = [f"**{_md(caption)}**", ""]
    lines.append("| " + " | ".join(_md(table.columns[i]) for i in shown) + " |")
    lines.append("|" + "---|" * len(shown))
    for row in table.rows:
        cells = []
        for i in shown:
            url = safe_url(row[table.links[i]]) if i in table.links else None
            cell = _md(row[i])
            cells.append(f"[{cell}](<{url.replace('>', '%3E')}>)" if url else cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _md_section(s: Section) -> str:
    parts = [f"## {_md(s.heading)}"]
    parts += [_md(p) for p in s.paragraphs]
    if s.chart is not None:
        parts.append(f"![{_md(s.chart_alt)}]({data_url(s.chart)})")
    parts += [_md_table(caption, table) for caption, table in s.tables]
    return "\n\n".join(parts)


def markdown_document(data: ReportData, sections: Iterable[Section]) -> str:
    """Return the Markdown document of `sections`."""
    head = (
        [f"# {_md(data.title)}", _md(data.subtitle)] if data.subtitle else [f"# {_md(data.title)}"]
    )
    return "\n\n".join([*head, *(_md_section(s) for s in sections)]) + "\n"
