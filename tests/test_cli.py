"""The command line, end to end: each command on real files, and user errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest
import rdflib
from typer.testing import CliRunner

from vendorgraph.cli import app

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "helioscale-gpu-deal.md"


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory, seed_path):
    out = tmp_path_factory.mktemp("seed") / "seed.trig"
    result = run("build", seed_path, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_extract_json_follows_the_contract():
    result = run("extract", EXAMPLE, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"document", "entities", "quotes", "relations", "quantities"}
    ids = {e["id"] for e in data["entities"]}
    names = {e["name"] for e in data["entities"]}
    assert {"Helioscale", "Nvidia", "AMD", "Ingrid Solberg"} <= names
    for rel in data["relations"]:
        assert rel["subject"] in ids and rel["object"] in ids
    text = EXAMPLE.read_text(encoding="utf-8")
    for q in data["quantities"]:
        assert text[q["span"][0] : q["span"][1]] == q["text"]
    solberg = next(e["id"] for e in data["entities"] if e["name"] == "Ingrid Solberg")
    assert any(q["speaker"] == solberg and q["direct"] for q in data["quotes"])


def test_extract_table_is_readable():
    result = run("extract", EXAMPLE)
    assert result.exit_code == 0
    assert "Helioscale" in result.stdout and "Relations" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "missing.txt"),
        ("empty.txt", b"   \n", "empty.txt"),
        ("binary.txt", b"GIF89a\x00\x01\x02", "binary.txt"),
        ("article.pdf", b"%PDF-1.4", ".pdf"),
    ],
)
def test_user_errors_exit_2_with_one_line_and_no_traceback(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    proc = subprocess.run(
        [sys.executable, "-m", "vendorgraph.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_build_rejects_unknown_output_format_before_work(tmp_path):
    result = run("build", EXAMPLE, "-o", tmp_path / "graph.xyz")
    assert result.exit_code == 2
    assert ".xyz" in result.stderr
    assert not (tmp_path / "graph.xyz").exists()


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nt", ".nq", ".jsonld"])
def test_build_writes_a_graph_plain_rdflib_parses_and_info_validates(tmp_path, suffix):
    out = tmp_path / f"graph{suffix}"
    assert run("build", EXAMPLE, "-o", out).exit_code == 0
    fmt = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
    with warnings.catch_warnings():
        # rdflib 7.6 warns about its own deprecated Dataset internals while parsing quads
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed = rdflib.Dataset()
        parsed.parse(data=out.read_text(encoding="utf-8"), format=fmt[suffix])
    assert sum(len(g) for g in parsed.graphs()) > 100
    info = run("info", out)
    assert info.exit_code == 0, info.output
    assert "conforms" in info.stdout


def test_build_is_byte_identical_when_run_twice(tmp_path):
    a, b = tmp_path / "a.trig", tmp_path / "b.trig"
    run("build", EXAMPLE, "-o", a)
    run("build", EXAMPLE, "-o", b)
    assert a.read_bytes() == b.read_bytes()


def test_build_merges_one_company_named_in_two_articles(tmp_path, data_dir):
    out = tmp_path / "two.trig"
    result = run("build", EXAMPLE, data_dir / "second-article.txt", "-o", out)
    assert result.exit_code == 0, result.output
    from vendorgraph.graph.networkx import to_networkx
    from vendorgraph.graph.store.files import read_dataset

    G = to_networkx(read_dataset(out))
    nvidia = [n for n, d in G.nodes(data=True) if d["label"] == "Nvidia"]
    assert nvidia == ["org/nvidia"]
    articles = {d["article"] for _, _, d in G.edges(data=True)}
    assert len(articles) == 2


def test_failed_build_leaves_the_old_graph_untouched(tmp_path):
    out = tmp_path / "graph.trig"
    run("build", EXAMPLE, "-o", out)
    before = out.read_bytes()
    result = run("build", EXAMPLE, tmp_path / "nope.txt", "-o", out)
    assert result.exit_code == 2
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]


@pytest.mark.shared
def test_seed_nvidia_tops_lock_in_exerted(seed_graph):
    result = run("score", seed_graph, "--format", "json")
    rows = json.loads(result.stdout)
    assert rows[0]["company"] == "Nvidia"
    assert rows[0]["lockin"] > 0


@pytest.mark.shared
def test_seed_explain_shows_the_evidence_behind_aws_on_nvidia(seed_graph):
    result = run("explain", seed_graph, "AWS", "Nvidia")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for needle in [
        "NVLink Fusion",
        "1 million GPUs",
        "15 years",
        "most advanced GPUs",
        "its own AI chips",
    ]:
        assert needle in text, needle
    for factor in ["integration", "contractual", "relational", "scarcity"]:
        assert f"{factor} 0." in text


@pytest.mark.shared
def test_seed_score_edges_and_whatif_and_robustness(seed_graph):
    edges = json.loads(run("score", seed_graph, "--edges", "-f", "json").stdout)
    aws_nvidia = next(e for e in edges if (e["dependent"], e["provider"]) == ("AWS", "Nvidia"))
    assert 0 < aws_nvidia["switching_cost"] <= 1
    removed = json.loads(run("whatif", seed_graph, "--remove", "Nvidia", "-f", "json").stdout)
    aws = next(r for r in removed if r["company"] == "AWS")
    assert aws["distress"] > 0
    robust = json.loads(run("robustness", seed_graph, "--draws", "50", "-f", "json").stdout)
    nvidia = next(r for r in robust if r["company"] == "Nvidia")
    assert nvidia["rank_low"] == nvidia["rank_high"] == 1


def test_bad_cut_is_a_usage_error(tmp_path):
    out = tmp_path / "g.trig"
    run("build", EXAMPLE, "-o", out)
    result = run("whatif", out, "--cut", "Nvidia")
    assert result.exit_code == 2
    assert "NAME=SHARE" in result.stderr


# --------------------------------------------------------------------------- many articles


def test_build_folder_reports_skips_and_counts_a_copy_once(tmp_path, data_dir):
    corpus = tmp_path / "corpus"
    (corpus / "nested").mkdir(parents=True)
    (corpus / "a.md").write_bytes(EXAMPLE.read_bytes())
    (corpus / "nested" / "copy.md").write_bytes(EXAMPLE.read_bytes())
    (corpus / "second.txt").write_bytes((data_dir / "second-article.txt").read_bytes())
    (corpus / "empty.txt").write_text("  \n")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = run("build", corpus, "-o", tmp_path / "g.trig")
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr and "empty.txt" in result.stderr
    assert "bin.txt" in result.stderr and "copy.md" in result.stderr
    assert "2 article(s)" in result.stderr


def test_build_from_a_json_lines_feed(tmp_path, data_dir):
    feed = tmp_path / "feed.jsonl"
    record = {
        "url": "https://example.org/a",
        "title": "Second",
        "published": "2026-02-01",
        "publisher": "Example Wire",
        "text": (data_dir / "second-article.txt").read_text(),
    }
    feed.write_text(json.dumps(record) + "\n" + "{not json\n")
    result = run("build", feed, "-o", tmp_path / "g.trig")
    assert result.exit_code == 0, result.output
    assert "feed.jsonl:2" in result.stderr
    assert "1 article(s)" in result.stderr


def test_add_then_remove_gives_back_the_same_file(tmp_path, data_dir):
    graph = tmp_path / "g.trig"
    run("build", EXAMPLE, "-o", graph)
    before = graph.read_bytes()
    added = run("add", graph, data_dir / "second-article.txt")
    assert added.exit_code == 0, added.output
    assert "added 1 article(s)" in added.stderr
    again = run("add", graph, data_dir / "second-article.txt")
    assert "added 0 article(s)" in again.stderr
    ids = {
        line.split()[1]
        for line in run("info", graph).stdout.splitlines()
        if line.startswith("│") and len(line.split()) > 2 and len(line.split()[1]) == 16
    }
    from vendorgraph.loaders.documents import read_document

    second = read_document(data_dir / "second-article.txt").id
    assert second in ids
    removed = run("remove", graph, second)
    assert removed.exit_code == 0, removed.output
    assert graph.read_bytes() == before


def test_remove_unknown_article_lists_the_ids(tmp_path):
    graph = tmp_path / "g.trig"
    run("build", EXAMPLE, "-o", graph)
    result = run("remove", graph, "0000000000000000")
    assert result.exit_code == 2
    assert "the articles are" in result.stderr


def test_conflicts_and_sources_show_disagreeing_amounts(tmp_path, data_dir):
    graph = tmp_path / "g.trig"
    folder = data_dir / "conflict"
    assert run("build", folder, "-o", graph).exit_code == 0
    rows = json.loads(run("conflicts", graph, "-f", "json").stdout)
    stated: dict[str, list[str]] = {}
    for r in rows:
        stated.setdefault(r["about"], []).append(r["stated"])
    assert "org/nvidia supplies org/nimbus-cloud" in stated  # the purchase is Nvidia's sale
    assert all(sorted(v) == ["$35 billion", "$38 billion"] for v in stated.values())
    both = json.loads(run("sources", graph, "Nimbus Cloud", "Nvidia", "-f", "json").stdout)
    assert len({r["title"] for r in both}) == 2


def test_no_conflict_for_one_consistent_story(tmp_path):
    graph = tmp_path / "g.trig"
    run("build", EXAMPLE, "-o", graph)
    assert json.loads(run("conflicts", graph, "-f", "json").stdout) == []


def test_why_same_explains_an_alias(tmp_path, data_dir):
    graph = tmp_path / "g.trig"
    run("build", data_dir / "second-article.txt", "-o", graph)
    result = run("why-same", graph, "Amazon Web Services", "AWS")
    assert result.exit_code == 0, result.output
    assert "same entity" in result.stdout


# --------------------------------------------------------------------------- views and queries


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("example") / "example.trig"
    assert run("build", EXAMPLE, "-o", out).exit_code == 0
    return out


def test_query_list_names_every_shipped_query(example_graph):
    rows = json.loads(run("query", example_graph, "--list", "-f", "json").stdout)
    assert {r["query"] for r in rows} >= {
        "suppliers-of",
        "dependents-of",
        "quotes-by",
        "quotes-about",
        "claims-behind",
        "companies-by-lockin",
        "single-points-of-failure",
        "numbers-about",
    }


def test_named_query_binds_a_hostile_name_as_data(example_graph):
    result = run("query", example_graph, "suppliers-of", '"} DROP ALL ; #')
    assert result.exit_code == 2
    assert "no entity" in result.stderr or "close" in result.stderr


def test_named_query_answers_from_the_graph(example_graph):
    rows = json.loads(
        run("query", example_graph, "quotes-by", "Ingrid Solberg", "-f", "json").stdout
    )
    assert rows and all("Solberg" not in r["text"] for r in rows)
    assert any("CUDA" in r["text"] for r in rows)


def test_sparql_file_and_its_syntax_error(example_graph, tmp_path):
    ask = tmp_path / "ask.rq"
    ask.write_text('PREFIX schema: <https://schema.org/>\nASK { ?x schema:name "Helioscale" }\n')
    assert run("query", example_graph, "--sparql", ask).stdout.strip() == "True"
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ")
    result = run("query", example_graph, "--sparql", bad)
    assert result.exit_code == 2
    assert "bad.rq" in result.stderr and "line" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cypher", "neo4j-csv", "jsonld"])
def test_export_writes_each_format(example_graph, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", example_graph, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "neo4j-csv":
        assert sorted(p.name for p in out.iterdir()) == ["nodes.csv", "relationships.csv"]
    elif fmt in ("graphml", "gexf"):
        import networkx as nx

        G = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
        assert any(d.get("label") == "Helioscale" for _, d in G.nodes(data=True))
    else:
        assert out.stat().st_size > 1000


def test_neo4j_dry_run_prints_parameterised_cypher_without_a_password(example_graph, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = run("neo4j", "push", example_graph, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "CREATE CONSTRAINT" in result.stdout and "UNWIND $rows" in result.stdout
    assert "Helioscale" not in result.stdout  # data travels in parameters, never in the text


def test_view_writes_a_self_contained_page(example_graph, tmp_path):
    out = tmp_path / "view.html"
    result = run("view", example_graph, "-o", out, "--focus", "Helioscale", "--depth", "1")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Helioscale" in html
    assert 'src="http' not in html and 'href="http' not in html


def test_view_unknown_focus_is_a_usage_error(example_graph, tmp_path):
    result = run("view", example_graph, "-o", tmp_path / "v.html", "--focus", "Nobody Corp")
    assert result.exit_code == 2
    assert not (tmp_path / "v.html").exists()
