"""Errors a user will hit: one line naming the file (and line or field) and what to do."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vendorgraph.cli import app

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "helioscale-gpu-deal.md"


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def main(*args: object) -> subprocess.CompletedProcess[str]:
    """Run the console script's entry point in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "vendorgraph.cli", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("errors") / "g.trig"
    assert run("build", EXAMPLE, "-o", out).exit_code == 0
    return out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("foaf.ttl", '<urn:x:me> <http://xmlns.com/foaf/0.1/name> "Me" .\n', "not a vendorgraph"),
        ("empty.trig", "", "holds no triples"),
        ("blank.ttl", "  \n\n", "holds no triples"),
        ("cut.trig", None, "line "),
    ],
)
def test_a_graph_from_another_tool_or_truncated_is_refused_in_one_line(
    graph, tmp_path, name, content, expected
):
    path = tmp_path / name
    if content is None:
        text = graph.read_text(encoding="utf-8")
        content = text[: len(text) // 2]
    path.write_text(content, encoding="utf-8")
    commands = (
        ["info"],
        ["score"],
        ["conflicts"],
        ["why-same", "Helioscale", "Nvidia"],
        ["export", "-f", "graphml", "-o", tmp_path / "x.graphml"],
    )
    for command in commands:
        result = run(command[0], path, *command[1:])
        assert result.exit_code == 2, result.output
        line = one_line(result.stderr)
        assert name in line and expected in line
        assert "build" in line or "write it again" in line or "fix the file" in line


def test_a_graph_missing_a_triple_names_the_file(graph, tmp_path):
    from vendorgraph.graph.store.files import read_dataset, write_dataset

    damaged = tmp_path / "damaged.nt"
    write_dataset(read_dataset(graph), damaged)
    lines = damaged.read_text(encoding="utf-8").splitlines()
    # drop the type of one entity: the reader can no longer build that record
    dropped = next(i for i, line in enumerate(lines) if "ont#entityType" in line)
    damaged.write_text("\n".join(lines[:dropped] + lines[dropped + 1 :]) + "\n", "utf-8")
    proc = main("score", damaged)
    assert proc.returncode == 1  # the file parses; its data fails the model's rules
    line = one_line(proc.stderr)
    assert "damaged.nt" in line and "entityType" in line


def test_a_malformed_feed_line_is_reported_with_file_line_and_fix(tmp_path):
    feed = tmp_path / "feed.jsonl"
    good = EXAMPLE.read_text(encoding="utf-8")
    import json

    feed.write_text(json.dumps({"text": good}) + "\n{not json\n", encoding="utf-8")
    result = run("build", feed, "-o", tmp_path / "g.trig")
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1
    assert "feed.jsonl:2" in skipped[0] and "give one JSON object per line" in skipped[0]


def test_gold_json_beside_articles_is_skipped_as_an_annotation_file(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_bytes(EXAMPLE.read_bytes())
    (folder / "a.gold.json").write_text('{"entities": [], "text": "x"}', encoding="utf-8")
    result = run("build", folder, "-o", tmp_path / "g.trig")
    assert result.exit_code == 0, result.output
    assert "a.gold.json: annotation file, not an article" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[weights]\nintegration = \xff\n", "line 2: byte 24 is not UTF-8"),
        (b"[weights\n", "not valid TOML"),
        (b"weights = 3\n", "'weights' must be a table"),
        (b'[weights]\nintegration = "high"\n', "weights.integration = 'high'"),
        (b"[weights]\nintegration = nan\n", "weights.integration = nan"),
        (b"[priors]\nscarcity = -0.5\n", "priors.scarcity = -0.5"),
        (b"[model]\nsaturation = { money = inf }\n", "model.saturation.money = inf"),
    ],
)
def test_a_bad_weights_file_is_one_line_naming_file_and_field(graph, tmp_path, content, expected):
    weights = tmp_path / "w.toml"
    weights.write_bytes(content)
    proc = main("score", graph, "--weights", weights)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert "w.toml" in line and expected in line


def test_usage_errors_are_one_line_too():
    proc = main("score", "--no-such-option")
    assert proc.returncode == 2
    assert "--no-such-option" in one_line(proc.stderr)


# ------------------------------------------------------------------ missing extras


def test_view_without_pyvis_names_the_extra(graph, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyvis", None)  # import pyvis now raises ImportError
    out = tmp_path / "v.html"
    result = run("view", graph, "-o", out)
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert 'pip install "vendorgraph[view]"' in line
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [["neo4j", "query", "MATCH (n) RETURN n"], ["neo4j", "pull", "-o", "{tmp}/g.trig"]],
)
def test_neo4j_without_the_driver_names_the_extra_before_asking_a_password(
    tmp_path, monkeypatch, args
):
    monkeypatch.setitem(sys.modules, "neo4j", None)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = CliRunner().invoke(app, [a.format(tmp=tmp_path) for a in args], input="")
    assert result.exit_code == 2, result.output
    assert "password" not in result.output.lower()
    assert 'pip install "vendorgraph[neo4j]"' in one_line(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["whatif", "{g}", "--substitute", "Helioscale:Nvidia->AMD=1.2.3"],
        ["whatif", "{g}", "--cut", "Nvidia=nan"],
        ["conflicts", "{g}", "--tolerance", "-1"],
        ["conflicts", "{g}", "--tolerance", "nan"],
        ["query", "{g}", "no-such-query", "X"],
    ],
)
def test_bad_option_values_are_one_line_exit_2(graph, args):
    proc = main(*(a.format(g=graph) for a in args))
    assert proc.returncode == 2
    one_line(proc.stderr)


def test_a_graph_whose_data_breaks_the_model_exits_1_naming_the_file(graph, tmp_path):
    text = graph.read_text(encoding="utf-8")
    bad = tmp_path / "conf.trig"
    bad.write_text(text.replace("onfidence 0.8 ", "onfidence 5.7 ", 1), encoding="utf-8")
    assert "onfidence 5.7 " in bad.read_text(encoding="utf-8")
    proc = main("score", bad)
    assert proc.returncode == 1
    line = one_line(proc.stderr)
    assert "conf.trig" in line and "5.7" in line
