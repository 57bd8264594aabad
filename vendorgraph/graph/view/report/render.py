"""The report rendered (:func:`render_report`) and written atomically (:func:`write_report`).

Examples
--------
>>> import networkx as nx
>>> from vendorgraph.graph.view.report.data import ReportData
>>> render_report(nx.MultiDiGraph(), ReportData(title="R"), format="md").splitlines()[0]
'# R'
>>> FORMATS[".htm"]
'html'
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from vendorgraph.errors import InputError, InputFileError
from vendorgraph.graph.store.atomic import atomic_write_text
from vendorgraph.graph.view.report.data import ReportData
from vendorgraph.graph.view.report.html_page import html_document
from vendorgraph.graph.view.report.markdown_page import markdown_document
from vendorgraph.graph.view.report.sections import report_sections

__all__ = ["FORMATS", "render_report", "write_report"]

FORMATS = {".html": "html", ".htm": "html", ".md": "md"}


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
    sections = report_sections(G, data)
    return html_document(data, sections) if format == "html" else markdown_document(data, sections)


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
