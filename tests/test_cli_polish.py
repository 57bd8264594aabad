"""The command line as a person meets it: help with examples, tables that fit, words, progress."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import pytest
import typer
from typer.testing import CliRunner

from vendorgraph.api import count_sources
from vendorgraph.cli import app
from vendorgraph.loaders.corpus import IngestEvent
from vendorgraph.render import SafeConsole, progress_bar

from .conftest import ROOT
from .test_readme import COMMANDS, _words

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


def _page_data(path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script id="vg-data" type="application/json">(.*?)</script>', text, re.S)
    assert found is not None
    return json.loads(found.group(1))


def _ticked(path) -> dict[str, bool]:
    """The page's checkboxes: entity types, and ``lone`` for offerings off the supply chain."""
    text = path.read_text(encoding="utf-8")
    boxes = re.findall(r'class="vg-type" value="(\w*)"( checked)?>', text)
    boxes += [("lone", checked) for checked in re.findall(r'id="vg-lone"( checked)?>', text)]
    return {kind: bool(checked) for kind, checked in boxes}


def _view_lines() -> list[list[str]]:
    """The README's view commands and the example in `view --help`, as argument lists."""
    lines = [c for c in COMMANDS if c.startswith("vendorgraph view ")]
    (example,) = [line for line in run("view", "--help").stdout.splitlines() if "Example:" in line]
    lines.append(example.split("Example: ")[1].strip())
    return [_words(line)[1:] for line in lines]


def test_the_readme_and_help_view_commands_run_on_the_example_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("build", EXAMPLE, "-o", "graph.trig").exit_code == 0  # the README's first build
    commands = _view_lines()
    assert [words[words.index("--layout") + 1] for words in commands if "--layout" in words] == [
        "force",
        "force",
    ]
    for words in commands:
        result = run(*words)
        assert result.exit_code == 0, (words, result.output)
        out = tmp_path / words[words.index("-o") + 1]
        data = _page_data(out)
        assert data["nodes"], words
        rows = {n["y"] for n in data["nodes"]}
        if "--layout" in words:  # spring layout: hardly two nodes share a height
            assert len(rows) >= len(data["nodes"]) - 1, words
        else:  # tiers: AMD, the chip maker, on top, above Helioscale, the cloud it supplies
            y = {n["id"]: n["y"] for n in data["nodes"]}
            assert y["org/amd"] == min(y.values()) < y["org/helioscale"]
            assert max(Counter(n["y"] for n in data["nodes"]).values()) >= 3  # rows
        ticked = _ticked(out)
        if "--all" in words:
            assert all(ticked.values()), ticked
        else:  # people and Nvidia's own CUDA (no customer named) start hidden
            assert ticked["Person"] is False and ticked["lone"] is False, ticked
            assert ticked["Chip"] is True and ticked["ChipVendor"] is True
