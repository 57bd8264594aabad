"""The report as one HTML page: inline style, text HTML-escaped, no scripts and no fetches.

A Content-Security-Policy forbids scripts and fetches; images are ``data:`` URLs only.

Examples
--------
>>> from vendorgraph.graph.view.report.data import ReportData
>>> from vendorgraph.graph.view.report.sections import Section
>>> page = html_document(ReportData(title="A & B"), [Section(heading="<Summary>")])
>>> page.startswith("<!DOCTYPE html>"), "<h2>&lt;Summary&gt;</h2>" in page
(True, True)
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

from vendorgraph.graph.view.report.data import ReportData
from vendorgraph.graph.view.report.embed import data_url, safe_url
from vendorgraph.graph.view.report.sections import Section, Table

__all__ = ["html_document"]


def _escape(text: str) -> str:
    """Escape text for HTML, and write the line separators U+2028/U+2029 as references."""
    return html.escape(text).replace("\u2028", "&#8232;").replace("\u2029", "&#8233;")


def _html_cell(row: Sequence[str], i: int, links: Mapping[int, int]) -> str:
    text = _escape(row[i])
    url = safe_url(row[links[i]]) if i in links else None
    if url is not None:
        text = f'<a href="{_escape(url)}" rel="noreferrer noopener">{text}</a>'
    return f"<td>{text}</td>"


def _html_table(caption: str, table: Table) -> str:
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


def _html_section(s: Section) -> str:
    parts = [f"<h2>{_escape(s.heading)}</h2>"]
    parts += [f"<p>{_escape(p)}</p>" for p in s.paragraphs]
    if s.chart is not None:
        parts.append(f'<img src="{data_url(s.chart)}" alt="{_escape(s.chart_alt)}">')
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


def html_document(data: ReportData, sections: Iterable[Section]) -> str:
    """Return the HTML page of `sections`."""
    body = "\n".join(_html_section(s) for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{_escape(data.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<h1>{_escape(data.title)}</h1>\n<p class="sub">{_escape(data.subtitle)}</p>\n'
        f"{body}\n</body>\n</html>\n"
    )
