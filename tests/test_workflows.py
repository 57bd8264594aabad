"""The library facade (vendorgraph.api): the same graphs as the command line, results as data."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import vendorgraph as vg
from vendorgraph.cli import app
from vendorgraph.errors import InputError, InputFileError, UnknownEntityError

from .conftest import DATA, ROOT

EXAMPLE = ROOT / "examples" / "helioscale-gpu-deal.md"
SECOND = DATA / "second-article.txt"
GERMAN = (
    "Die Chips werden an die Cloud geliefert, sagte der Hersteller am Montag in seiner "
    "Mitteilung zum Quartal, und die Rechenzentren werden im Sommer erweitert."
)


def cli(*args: object) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def built() -> vg.GraphBuild:
    return vg.build_graph([EXAMPLE, SECOND])


@pytest.mark.parametrize("suffix", [".trig", ".ttl", ".nq"])
def test_build_graph_writes_the_bytes_of_vendorgraph_build(tmp_path, built, suffix):
    cli("build", EXAMPLE, SECOND, "-o", tmp_path / f"cli{suffix}")
    vg.write_graph(built, tmp_path / f"api{suffix}")
    assert (tmp_path / f"api{suffix}").read_bytes() == (tmp_path / f"cli{suffix}").read_bytes()


@pytest.mark.shared
def test_build_graph_on_the_seed_and_dev_corpus_writes_the_bytes_of_the_cli(
    tmp_path, seed_path, dev_dir
):
    cli("build", seed_path, dev_dir, "-o", tmp_path / "cli.trig")
    vg.write_graph(vg.build_graph([seed_path, dev_dir]), tmp_path / "api.trig")
    assert (tmp_path / "api.trig").read_bytes() == (tmp_path / "cli.trig").read_bytes()


def test_build_graph_from_a_folder_with_rules_matches_the_cli(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in (EXAMPLE, SECOND, DATA / "articles" / "kestrel-press-release.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    rules = tmp_path / "rules.toml"
    rules.write_text('[[different]]\nnames = ["Nvidia", "NVIDIA Corp"]\n', encoding="utf-8")
    cli("build", folder, "--rules", rules, "-o", tmp_path / "cli.trig")
    vg.write_graph(vg.build_graph([folder], rules=rules), tmp_path / "api.trig")
    assert (tmp_path / "api.trig").read_bytes() == (tmp_path / "cli.trig").read_bytes()


def test_build_graph_without_scores_or_validation_matches_the_cli(tmp_path):
    cli("build", EXAMPLE, "--no-scores", "--no-validate", "-o", tmp_path / "cli.trig")
    build = vg.build_graph([str(EXAMPLE)], scores=False, validate=False)
    assert build.scores is None and build.validation is None
    vg.write_graph(build.dataset, tmp_path / "api.trig")
    assert (tmp_path / "api.trig").read_bytes() == (tmp_path / "cli.trig").read_bytes()


def test_add_articles_and_remove_article_match_the_cli(tmp_path):
    cli("build", EXAMPLE, "-o", tmp_path / "cli.trig")
    vg.write_graph(vg.build_graph([EXAMPLE]), tmp_path / "api.trig")
    cli("add", tmp_path / "cli.trig", SECOND)
    added = vg.add_articles(tmp_path / "api.trig", [SECOND])
    vg.write_graph(added, tmp_path / "api.trig")
    assert (tmp_path / "api.trig").read_bytes() == (tmp_path / "cli.trig").read_bytes()
    assert len(added.report.added) == 1
    article = added.report.added[0]
    cli("remove", tmp_path / "cli.trig", article)
    removed = vg.remove_article(tmp_path / "api.trig", article)
    vg.write_graph(removed, tmp_path / "api.trig")
    assert (tmp_path / "api.trig").read_bytes() == (tmp_path / "cli.trig").read_bytes()
    assert removed.rows()[0] == {"change": "removed article", "id": article}


def test_add_articles_skips_an_article_the_graph_holds(built):
    again = vg.add_articles(vg.build_graph([EXAMPLE]), [EXAMPLE], validate=False)
    assert again.report.added == ()
    assert [s.kind.value for s in again.skipped] == ["seen"]


def test_skipped_sources_and_left_out_records_are_data_never_printed(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "german.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "deal.md").write_bytes(EXAMPLE.read_bytes())
    build = vg.build_graph([tmp_path])
    assert capsys.readouterr() == ("", "")
    assert sorted(s.kind.value for s in build.skipped) == ["empty", "not-english"]
    assert {r["kind"] for r in build.rows("skipped")} == {"empty", "not-english"}
    assert all(r.reason and r.origin for r in build.left_out)
    assert build.counts["articles"] == 1


def test_nothing_extracted_is_an_input_error_naming_the_skips(tmp_path):
    (tmp_path / "german.txt").write_text(GERMAN, encoding="utf-8")
    with pytest.raises(InputError, match=r"no article could be extracted; 1 source\(s\) skipped"):
        vg.build_graph([tmp_path])


def test_a_named_article_that_cannot_be_read_fails_naming_it(tmp_path):
    with pytest.raises(InputFileError, match=r"missing\.txt"):
        vg.build_graph([tmp_path / "missing.txt"])


def test_score_graph_gives_the_rows_of_vendorgraph_score(tmp_path, built):
    vg.write_graph(built, tmp_path / "g.trig")
    printed = json.loads(cli("score", tmp_path / "g.trig", "--format", "json"))
    scores = vg.score_graph(tmp_path / "g.trig")
    assert [c["id"] for c in scores.companies] == [row["id"] for row in printed]
    assert [c["lockin"] for c in scores.companies] == [row["lockin"] for row in printed]
    edges = json.loads(cli("score", tmp_path / "g.trig", "--edges", "--format", "json"))
    assert [d["switching_cost"] for d in scores.dependencies] == [
        row["switching_cost"] for row in edges
    ]


def test_score_graph_takes_a_build_a_dataset_or_a_file_alike(tmp_path, built):
    vg.write_graph(built, tmp_path / "g.trig")
    rows = [vg.score_graph(g).companies for g in (built, built.dataset, tmp_path / "g.trig")]
    assert rows[0] == rows[1] == rows[2]
    assert built.scores is not None and built.scores.companies == rows[0]


def test_scores_explain_an_edge_and_a_company(built):
    scores = vg.score_graph(built)
    edge = scores.explain("Helioscale", "Nvidia")
    assert (edge.dependent, edge.provider) == ("org/helioscale", "org/nvidia")
    assert scores.explain("Nvidia").id == "org/nvidia"
    with pytest.raises(UnknownEntityError):
        scores.explain("No Such Vendor Inc")


def test_results_have_dataframe_and_html_views(built):
    pytest.importorskip("pandas")
    scores = vg.score_graph(built)
    assert list(scores.to_dataframe()["id"]) == [c["id"] for c in scores.companies]
    assert len(scores.to_dataframe("dependencies")) == len(scores.dependencies)
    assert len(built.to_dataframe()) == 2
    assert "<table>" in scores._repr_html_() and "Helioscale" in scores._repr_html_()
    assert built._repr_html_().startswith("<p><strong>Graph</strong>: 2 articles")
    with pytest.raises(InputError, match=r"no table 'nope'; the tables are \['articles'"):
        built.rows("nope")


def test_graph_as_of_keeps_what_was_known_then(built):
    from vendorgraph.graph.update import article_ids

    assert article_ids(vg.graph_as_of(built, "1990-01-01")) == tuple(
        r["id"] for r in built.rows() if not r["published"]
    )
    assert article_ids(vg.graph_as_of(built, "2999-01-01")) == article_ids(built.dataset)


def test_graph_as_of_refuses_a_bad_date(built):
    with pytest.raises(InputError):
        vg.graph_as_of(built, "next tuesday")


def test_results_are_frozen(built):
    with pytest.raises(AttributeError):
        built.skipped = ()  # type: ignore[misc]


@pytest.mark.parametrize("heavy", ["spacy", "rdflib", "networkx"])
def test_lazy_exports_import_nothing_heavy_until_called(heavy):
    code = (
        "import sys, vendorgraph as vg; vg.build_graph; vg.score_graph; "
        f"sys.exit(1 if {heavy!r} in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_an_unknown_top_level_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        vg.nope  # noqa: B018


def test_python_dash_m_vendorgraph_runs_the_cli():
    run = subprocess.run(
        [sys.executable, "-m", "vendorgraph", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (run.returncode, run.stdout.strip()) == (0, f"vendorgraph {vg.__version__}")
