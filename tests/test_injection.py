"""Article text built to break out of each context stays data: HTML and JSON inside
``<script>``, SPARQL parameters, Cypher, neo4j-admin CSV, and file names."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from vendorgraph.cli import app

from ._procs import ARTICLE

SCRIPT = "</script><script>alert('pwned')</script>"
CYPHER = "'}) DETACH DELETE n //"
SPARQL = '" } DELETE WHERE { ?s ?p ?o } #'
FORMULA = "=cmd|' /C calc'!A0"
NAME = "Zorvex Labs"


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inject")
    article = folder / "$(touch pwned); a'b.md"  # a file name built to break a shell line
    title = f"{SCRIPT} {CYPHER} {SPARQL}"
    body = ARTICLE.format(n=4, city="Graz") + (
        f'\n"{SCRIPT} and {CYPHER}," said Mara Ostrander of Orbweave Compute.\n'
        f"{NAME} will supply {FORMULA} chips to Orbweave Compute, {NAME} said.\n"
    )
    article.write_text(
        f"---\ntitle: {json.dumps(title)}\npublisher: {json.dumps(FORMULA)}\n---\n{body}",
        encoding="utf-8",
    )
    graph = folder / "g.trig"
    result = run("build", article, "-o", graph)
    assert result.exit_code == 0, result.output
    return folder, graph


def test_html_view_keeps_script_breakouts_as_data(hostile):
    folder, graph = hostile
    page = folder / "v.html"
    assert run("view", graph, "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert SCRIPT not in html and "alert('pwned')</script>" not in html
    # no element was opened or closed by the text: the same tags as a page of plain articles
    benign = folder / "benign"
    benign.mkdir(exist_ok=True)
    (benign / "a.txt").write_text(ARTICLE.format(n=4, city="Graz"), encoding="utf-8")
    assert run("build", benign / "a.txt", "-o", benign / "g.trig").exit_code == 0
    assert run("view", benign / "g.trig", "-o", benign / "v.html").exit_code == 0
    plain = (benign / "v.html").read_text(encoding="utf-8")
    for tag in ("<script", "</script>", "<style", "</style>", "<iframe", "<img"):
        assert html.lower().count(tag) == plain.lower().count(tag), tag
    blobs = re.findall(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert any(SCRIPT in json.dumps(json.loads(b), ensure_ascii=False) for b in blobs)


def test_cypher_export_keeps_text_inside_string_literals(hostile):
    folder, graph = hostile
    out = folder / "g.cypher"
    assert run("export", graph, "-f", "cypher", "-o", out).exit_code == 0
    statements = [
        line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith(":")
    ]
    assert not any("DETACH DELETE" in line or "alert(" in line for line in statements)
    params = out.read_text(encoding="utf-8")
    assert "\\'}) DETACH DELETE n //" in params  # the quote escaped inside its literal


def test_sparql_parameters_are_bound_not_spliced(hostile):
    _, graph = hostile
    result = run("query", graph, "suppliers-of", SPARQL)
    assert result.exit_code == 2  # an unknown name, not a changed query
    assert "no entity" in result.stderr.lower() or "unknown" in result.stderr.lower()
    found = run("query", graph, "suppliers-of", "Orbweave Compute", "-f", "json")
    assert found.exit_code == 0, found.output


def test_neo4j_admin_csv_cells_are_spreadsheet_safe_and_keep_the_text(hostile):
    folder, graph = hostile
    out = folder / "csv"
    assert run("export", graph, "-f", "neo4j-csv", "-o", out).exit_code == 0
    cells = [
        cell
        for name in ("nodes.csv", "relationships.csv")
        for row in csv.reader(io.StringIO((out / name).read_text(encoding="utf-8")))
        for cell in row
    ]
    assert "'" + FORMULA in cells  # the publisher, neutralised with one apostrophe
    assert not any(c[:1] in ("=", "+", "@") for c in cells)


def test_file_names_are_data(hostile):
    folder, graph = hostile
    assert not (folder / "pwned").exists()
    result = run("info", graph)
    assert result.exit_code == 0, result.output
    assert "$(touch pwned); a'b.md" in graph.read_text(encoding="utf-8")
