"""The lock-in report: one offline file, escaped, deterministic, with charts and citations."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import networkx as nx
import pytest

from vendorgraph.errors import InputError
from vendorgraph.graph.view.report import ReportData, render_report, write_report

pytest.importorskip("matplotlib", reason="the report draws with matplotlib (the dev extra)")

SCRIPT = '<script>alert("vg")</script>'
HOSTILE = f"Quill | {SCRIPT} & *bold* [x](javascript:alert(1)) $x^2$"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "helioscale-gpu-deal.md"


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph["articles"] = {
        "a1": {"title": f"Boards {HOSTILE}", "published": "2025-03-04", "url": "https://ex.org/a"},
        "a2": {"title": "Second", "published": None, "url": "javascript:alert(2)"},
    }
    for node, kind, label in [
        ("org/acme", "ChipVendor", f"Acme {HOSTILE}"),
        ("org/nimbus", "CloudProvider", "Nimbus"),
        ("org/lumen", "AILab", "Lumen"),
    ]:
        G.add_node(node, kind="entity", type=kind, label=label)
    G.add_edge("org/acme", "org/nimbus", key="r1", predicate="supplies", evidence=HOSTILE)
    G.add_edge("org/nimbus", "org/lumen", key="r2", predicate="supplies", evidence="Plain.")
    return G


def _factor(name: str, known: bool, contribution: float, claims=()) -> dict:
    return {"name": name, "known": known, "contribution": contribution, "claims": list(claims)}


CLAIM = {
    "sentence": HOSTILE,
    "speaker_label": "Ada",
    "title": "Boards",
    "published": "2025-03-04",
    "url": "javascript:alert(3)",
}
DATA = ReportData(
    companies=[
        {
            "id": "org/acme",
            "lockin": 1.5,
            "lockin_direct": 1.0,
            "lockin_indirect": 0.5,
            "exposure": 0.0,
        },
        {
            "id": "org/nimbus",
            "lockin": 0.5,
            "lockin_direct": 0.5,
            "lockin_indirect": 0.0,
            "exposure": 0.4,
        },
        {"id": "org/lumen", "lockin": 0.0, "exposure": 0.3},
    ],
    dependencies=[
        {
            "dependent": "org/nimbus",
            "provider": "org/acme",
            "switching_cost": 0.4,
            "coverage": 0.5,
            "reliance": 1.0,
            "dependence": 0.4,
        },
        {
            "dependent": "org/lumen",
            "provider": "org/nimbus",
            "switching_cost": 0.3,
            "coverage": 0.0,
            "reliance": 1.0,
            "dependence": 0.3,
        },
    ],
    intervals={
        "draws": 50,
        "seed": 0,
        "median_tau": 0.9,
        "companies": [{"id": "org/acme", "low": 1.2, "high": 1.8, "rank_low": 1, "rank_high": 1}],
        "edges": [{"dependent": "org/nimbus", "provider": "org/acme", "low": 0.3, "high": 0.5}],
    },
    explanations=[
        {
            "dependent_label": f"Nimbus {SCRIPT}",
            "provider_label": "Acme",
            "switching_cost": 0.4,
            "from_evidence": 0.25,
            "from_prior": 0.15,
            "factors": [
                _factor("integration", True, 0.25, [CLAIM]),
                _factor("scarcity", False, 0.15),
            ],
        },
    ],
    title=f"Report {SCRIPT}",
)


def test_html_report_escapes_article_text_and_links_only_http_urls():
    page = render_report(_graph(), DATA)
    assert SCRIPT not in page and "<script" not in page.lower()
    assert "&lt;script&gt;alert(&quot;vg&quot;)&lt;/script&gt;" in page
    assert all(h.startswith("https://") for h in re.findall(r'href="([^"]*)"', page))
    assert "default-src 'none'" in page


def test_html_report_embeds_charts_as_svg_images_and_fetches_nothing():
    page = render_report(_graph(), DATA)
    images = re.findall(r'<img src="([^"]*)"', page)
    assert len(images) == 3 and all(i.startswith("data:image/svg+xml;base64,") for i in images)
    svg = base64.b64decode(images[0].split(",", 1)[1]).decode("utf-8")
    assert "<svg" in svg and "<script" not in svg
    assert not re.search(r'(src|href)="https?:', page.split("<body>")[0])


def test_report_states_ranking_interval_and_evidence_with_citation():
    page = render_report(_graph(), DATA)
    assert "1.50" in page and "1.20–1.80" in page  # lock-in and its interval
    assert "Why Nimbus &lt;script&gt;" in page and "No sentence speaks to: scarcity." in page
    assert "<td>Ada</td>" in page and "<td>2025-03-04</td>" in page


def test_markdown_report_escapes_markup_and_tables():
    text = render_report(_graph(), DATA, format="md")
    assert "<script" not in text
    body_rows = [line for line in text.splitlines() if line.startswith("| integration")]
    assert body_rows and body_rows[0].count(" | ") == 4  # the hostile pipe is escaped
    assert not re.search(r"(?<!\\)\]\(<?javascript", text) and "\\*bold\\*" in text
    assert text.startswith("# Report &lt;script&gt;")


def test_report_is_deterministic():
    assert render_report(_graph(), DATA) == render_report(_graph(), DATA)
    assert render_report(_graph(), DATA, format="md") == render_report(_graph(), DATA, format="md")


def test_empty_scores_give_a_report_without_charts():
    page = render_report(_graph(), ReportData())
    assert "<img" not in page and "Summary" in page


@pytest.mark.parametrize(
    ("name", "match"),
    [("report.pdf", "name it .html or .md"), ("missing/report.html", "does not exist")],
)
def test_write_report_refuses_bad_targets(tmp_path, name, match):
    with pytest.raises(InputError, match=match):
        write_report(_graph(), tmp_path / name, DATA)


def test_cli_report_writes_html_and_markdown(tmp_path):
    from typer.testing import CliRunner

    from vendorgraph.cli import app

    runner = CliRunner()
    graph = tmp_path / "g.trig"
    assert runner.invoke(app, ["build", str(EXAMPLE), "-o", str(graph)]).exit_code == 0
    for name in ("report.html", "report.md"):
        out = tmp_path / name
        result = runner.invoke(app, ["report", str(graph), "-o", str(out), "--draws", "20"])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "Helioscale" in text and "Nvidia" in text and "data:image/svg+xml" in text
    result = runner.invoke(app, ["report", str(graph), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
