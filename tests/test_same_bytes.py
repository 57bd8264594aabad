"""The same articles in any order, on 1 or 2 workers, give byte-identical outputs of every
format: each graph file, each export and the HTML view."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from vendorgraph.cli import app

from ._procs import write_articles
from .conftest import DATA, ROOT

EXAMPLE = ROOT / "examples" / "helioscale-gpu-deal.md"
EXPORTS = {"graphml": "g.graphml", "gexf": "g.gexf", "cypher": "g.cypher", "jsonld": "x.jsonld"}


def run(*args: object):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def _outputs(folder, articles, workers, suffix):
    folder.mkdir()
    graph = folder / f"g{suffix}"
    run("build", *articles, "-o", graph, "--workers", workers)
    files = {graph.name: graph.read_bytes()}
    for fmt, name in EXPORTS.items():
        run("export", graph, "-f", fmt, "-o", folder / name)
        files[name] = (folder / name).read_bytes()
    run("export", graph, "-f", "neo4j-csv", "-o", folder / "csv")
    for path in sorted((folder / "csv").iterdir()):
        files[f"csv/{path.name}"] = path.read_bytes()
    run("view", graph, "-o", folder / "v.html")
    files["v.html"] = (folder / "v.html").read_bytes()
    return files


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    own = write_articles(tmp_path_factory.mktemp("own"), 3)
    return [EXAMPLE, DATA / "second-article.txt", *own]


@pytest.mark.parametrize("suffix", [".trig", ".ttl", ".nt", ".nq", ".jsonld"])
def test_input_order_and_worker_count_change_no_byte(tmp_path, articles, suffix):
    reference = _outputs(tmp_path / "ref", articles, 1, suffix)
    shuffled = [articles[3], articles[1], articles[4], articles[0], articles[2]]
    assert _outputs(tmp_path / "shuffled", shuffled, 1, suffix) == reference
    assert _outputs(tmp_path / "two", list(reversed(articles)), 2, suffix) == reference
