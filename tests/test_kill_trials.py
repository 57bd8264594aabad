"""SIGKILL at random moments of build, add, view and export (10 trials each): the previous
output stays byte-identical (or the new one is whole), never a mix, and no temporary file is
left once the next write has run. Real processes: each trial forks and kills a child."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vendorgraph.cli import app

from ._procs import write_articles
from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "helioscale-gpu-deal.md"
TRIALS = 10


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kill")
    (extra,) = write_articles(folder / "new", 1)
    graph = folder / "g.trig"
    assert run("build", EXAMPLE, "-o", graph).exit_code == 0
    other = folder / "other.trig"
    assert run("build", extra, "-o", other).exit_code == 0
    return folder, graph, extra, other


def _commands(folder, graph, extra, other):
    out = folder / "out"
    out.mkdir(exist_ok=True)
    built = out / "built.trig"
    added = out / "added.trig"
    page = out / "view.html"
    csv = out / "csv"
    added.write_bytes(graph.read_bytes())
    built.write_bytes(other.read_bytes())  # the previous graph a build replaces
    assert run("view", graph, "-o", page, "--depth", "0", "--focus", "Helioscale").exit_code == 0
    assert run("export", other, "-f", "neo4j-csv", "-o", csv).exit_code == 0
    return {
        "build": (["build", str(EXAMPLE), str(extra), "-o", str(built)], built),
        "add": (["add", str(added), str(extra)], added),
        "view": (["view", str(graph), "-o", str(page)], page),
        "export": (["export", str(graph), "-f", "neo4j-csv", "-o", str(csv)], csv),
    }


@pytest.mark.parametrize("command", ["build", "add", "view", "export"])
def test_sigkill_never_leaves_a_mixed_output_or_temp_files(setup, command):
    argv, target = _commands(*setup)[command]
    spec = {"argv": argv, "target": str(target), "trials": TRIALS, "seed": 7}
    proc = subprocess.run(
        [sys.executable, "-m", "tests._kill_trials", json.dumps(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["changed"]  # the command does change the target: "old" is a real outcome
    kinds = [t["target"] for t in report["trials"]]
    assert "mixed" not in kinds, report
    assert report["debris_after_next_write"] == [], report
    assert report["locks_after_next_write"] == [], report
    assert report["next_write_is_new"]
