"""The command line as a person meets it: help with examples, tables that fit, words, progress."""

from __future__ import annotations

import io
import json

import pytest
import typer
from typer.testing import CliRunner

from vendorgraph.api import count_sources
from vendorgraph.cli import app
from vendorgraph.loaders.corpus import IngestEvent
from vendorgraph.render import SafeConsole, progress_bar

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "helioscale-gpu-deal.md"
FOLLOW_UP = ROOT / "examples" / "helioscale-follow-up.md"


def run(*args: object, width: int = 100):
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": str(width)})


def _commands() -> list[tuple[str, ...]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []
    for name, command in sorted(getattr(root, "commands", {}).items()):
        if hasattr(command, "commands"):
            found += [(name, sub) for sub in sorted(command.commands)]
        else:
            found.append((name,))
    return found


def test_every_command_is_listed():
    assert len(_commands()) == 20
    assert ("neo4j", "query") in _commands()


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_help_has_an_example_and_no_internal_placeholders(command):
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert f"Example: vendorgraph {' '.join(command)} " in " ".join(text.split())
    for placeholder in ("<list[", "<bool>", "{", "}"):
        usage = text.split("Example:")[0]
        assert placeholder not in usage, (placeholder, usage)
    assert all(len(line) <= 100 for line in text.splitlines())


def test_usage_names_arguments_in_capitals_with_optional_ones_bracketed():
    usage = " ".join(run("explain", "--help").stdout.split())
    assert "Usage: vendorgraph explain [OPTIONS] GRAPH COMPANY [PROVIDER]" in usage
    assert "Usage: vendorgraph build [OPTIONS] ARTICLES..." in " ".join(
        run("build", "--help").stdout.split()
    )


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("polish") / "graph.trig"
    result = run("build", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def _table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:1] in "┏┃┡│└"]


def test_dependency_table_fits_100_columns_and_wide_adds_the_factors(example_graph):
    narrow = run("score", example_graph, "--edges")
    assert narrow.exit_code == 0, narrow.output
    lines = _table_lines(narrow.stdout)
    assert lines and all(len(line) <= 100 for line in lines)
    assert "…" not in "".join(lines)  # no column squeezed to an ellipsis
    assert "switching_cost" in narrow.stdout and "integration" not in "".join(lines)
    assert "more column(s) with --wide" in narrow.stdout
    wide = run("score", example_graph, "--edges", "--wide", width=250)
    assert "integration" in "".join(_table_lines(wide.stdout))
    assert "--wide" not in wide.stdout


def test_csv_keeps_every_column_without_wide(example_graph):
    header = run("score", example_graph, "--edges", "-f", "csv").stdout.splitlines()[0]
    assert "integration" in header and "regulatory" in header


def test_no_conflicts_and_nothing_changed_are_said_in_words(example_graph):
    conflicts = run("conflicts", example_graph)
    assert conflicts.stdout.startswith("no conflicts: no two sources differ by more than 5%")
    assert "┏" not in conflicts.stdout
    same = run("diff", example_graph, "--from", "2025-01-01", "--to", "2025-02-01")
    assert same.stdout.strip() == "nothing changed from 2025-01-01 to 2025-02-01"
    none = run("sources", example_graph, "AMD", "Microsoft")
    assert none.stdout.strip() == "no claim links AMD and Microsoft"
    assert json.loads(run("conflicts", example_graph, "-f", "json").stdout) == []


def test_count_sources_counts_files_and_feed_records(tmp_path):
    (tmp_path / "a.txt").write_text("One article.")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("Left out.")
    (tmp_path / "feed.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}\n')
    assert count_sources([tmp_path, EXAMPLE]) == 5
    assert count_sources([tmp_path / "missing.txt"]) is None


def _event(done: int) -> IngestEvent:
    return IngestEvent(
        origin="a.txt", outcome="extracted", article="a", done=done, extracted=done, skipped=0
    )


def test_progress_bar_shows_done_of_total_and_time_left_on_a_terminal():
    console = SafeConsole(file=io.StringIO(), force_terminal=True, width=100)
    with progress_bar(4, console=console) as progress:
        progress(_event(1))
    text = console.file.getvalue()
    assert "1/4" in text and "ETA" in text and "extracting" in text


def test_progress_bar_is_off_when_not_a_terminal():
    console = SafeConsole(file=io.StringIO(), force_terminal=False, width=100)
    with progress_bar(4, console=console) as progress:
        progress(_event(1))
    assert console.file.getvalue() == ""


def test_build_through_a_pipe_prints_no_bar(tmp_path):
    result = run("build", EXAMPLE, FOLLOW_UP, "-o", tmp_path / "g.trig")
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"wrote {tmp_path / 'g.trig'}: 2 article(s), ")
