"""Data safety at the command line: locks, inputs never overwritten, atomic sets, signals,
worker processes, SERVICE refused, CSV and terminal injection, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vendorgraph.cli import app
from vendorgraph.graph.store.lock import graph_lock

from ._procs import ARTICLE, children, cli, ours, python, wait_until, write_articles
from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "helioscale-gpu-deal.md"


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("safety") / "g.trig"
    result = run("build", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def graph(graph_file, tmp_path):
    copy = tmp_path / "g.trig"
    copy.write_bytes(graph_file.read_bytes())
    return copy


def _articles(path) -> set[str]:
    from vendorgraph.graph.networkx import to_networkx
    from vendorgraph.graph.store.files import read_dataset

    return set(to_networkx(read_dataset(path)).graph["articles"])


# ----------------------------------------------------------------- 1. one writer at a time


def test_add_waits_for_the_graph_lock_then_keeps_every_article(graph, tmp_path):
    (new,) = write_articles(tmp_path / "new", 1)
    before = graph.read_bytes()
    with graph_lock(graph):
        proc = cli("add", graph, new)
        waiting = proc.stderr.readline()
        assert "waiting for process" in waiting, waiting
        assert graph.read_bytes() == before  # nothing written while another holds the lock
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert len(_articles(graph)) == 2
    assert ours(tmp_path) == []  # the lock file is gone too


def test_two_concurrent_adds_keep_both_articles(graph, tmp_path):
    first, second = write_articles(tmp_path / "new", 2)
    procs = [cli("add", graph, first), cli("add", graph, second)]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
    assert len(_articles(graph)) == 3


def test_a_busy_lock_times_out_with_a_clear_error(tmp_path):
    from vendorgraph.errors import GraphLockedError

    target = tmp_path / "g.trig"
    holder = python(
        "import sys\nfrom vendorgraph.graph.store.lock import graph_lock\n"
        f"with graph_lock({str(target)!r}):\n    print('held', flush=True)\n    sys.stdin.read()"
    )
    assert holder.stdout.readline().strip() == "held"
    busy = pytest.raises(GraphLockedError, match=f"process {holder.pid} is still writing")
    with busy, graph_lock(target, timeout=0.2):
        pass
    holder.communicate("")
    with graph_lock(target, timeout=5):
        pass


# ----------------------------------------------------------------- 2. never over an input


@pytest.mark.parametrize(
    "args",
    [
        ["view", "{g}", "-o", "{g}"],
        ["view", "{g}", "-o", "{dir}/./{name}"],
        ["export", "{g}", "-f", "graphml", "-o", "{g}"],
        ["export", "{g}", "-f", "neo4j-csv", "-o", "{g}"],
        ["add", "{g}", "{g}"],
        ["build", "{g}", "-o", "{g}"],
        ["view", "{g}", "-o", "{article}"],
        ["export", "{g}", "-f", "gexf", "-o", "{article}"],
        ["build", "{article}", "-o", "{other}"],
    ],
)
def test_no_command_writes_over_an_input_or_a_file_of_another_kind(graph, tmp_path, args):
    article = tmp_path / "notes.md"
    article.write_text("My own notes, not a graph.\n", encoding="utf-8")
    other = tmp_path / "other.trig"
    other.write_bytes(graph.read_bytes())
    if args[0] == "build" and args[1] == "{article}":
        args = ["build", "{article}", "-o", "{article}"]
    fields = {"g": graph, "dir": tmp_path, "name": graph.name, "article": article, "other": other}
    before = {p: p.read_bytes() for p in (graph, article)}
    result = run(*(a.format(**fields) for a in args))
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in before} == before


def test_force_replaces_a_file_of_another_kind(graph, tmp_path):
    target = tmp_path / "page.txt"
    target.write_text("old", encoding="utf-8")
    assert run("view", graph, "-o", target).exit_code == 2
    result = run("view", graph, "-o", target, "--force")
    assert result.exit_code == 0, result.output
    assert "<html" in target.read_text(encoding="utf-8").lower()


def test_neo4j_csv_replaces_its_folder_whole_and_refuses_a_folder_of_other_files(graph, tmp_path):
    out = tmp_path / "csv"
    assert run("export", graph, "-f", "neo4j-csv", "-o", out).exit_code == 0
    first = (out / "nodes.csv").read_bytes()
    assert run("export", graph, "-f", "neo4j-csv", "-o", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["nodes.csv", "relationships.csv"]
    assert (out / "nodes.csv").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "g.trig"]
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    result = run("export", graph, "-f", "neo4j-csv", "-o", out)
    assert result.exit_code == 2 and "other files" in result.stderr
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"


# ----------------------------------------------------------------- 3-5. signals and workers


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path):
    target = tmp_path / "g.trig"
    target.write_text("old", encoding="utf-8")
    proc = python(
        "import signal, sys, time\n"
        "import vendorgraph.cli as cli\n"
        "from vendorgraph.graph.store import atomic\n"
        "signal.signal(signal.SIGTERM, cli._end_on_signal)\n"
        "atomic._unnamed = lambda folder: None  # a named temporary file, as on other systems\n"
        "def slow(fh):\n"
        "    fh.write(b'new, half written'); fh.flush(); print('writing', flush=True)\n"
        "    time.sleep(600)\n"
        f"atomic.atomic_write({str(target)!r}, slow)\n"
    )
    assert proc.stdout.readline().strip() == "writing"
    assert len(ours(tmp_path)) == 1
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert ours(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "old"


def test_workers_end_when_their_parent_is_killed(tmp_path):
    write_articles(tmp_path / "corpus", 6)
    code = (
        "from vendorgraph.loaders.corpus import iter_ingest\n"
        "from tests._procs import sleep_forever\n"
        f"list(iter_ingest([{str(tmp_path / 'corpus')!r}], workers=2, "
        "extractor=sleep_forever, chunksize=1))\n"
    )
    # no pipes: a surviving worker would hold them open
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    assert wait_until(lambda: len(children(parent.pid)) >= 2, limit=120)
    workers = children(parent.pid)
    parent.kill()
    parent.wait()
    try:
        # The extractor sleeps for an hour: only the parent-death signal ends the workers.
        assert wait_until(lambda: not any(map(_alive, workers)), limit=30), workers
    finally:
        for pid in filter(_alive, workers):
            os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    from ._procs import alive

    return alive(pid)


# ----------------------------------------------------------------- 6. SPARQL stays local


def test_sparql_service_is_refused_without_allow_service(graph, tmp_path):
    query = tmp_path / "remote.rq"
    query.write_text(
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", encoding="utf-8"
    )
    result = run("query", graph, "--sparql", query)
    assert result.exit_code == 2
    assert "SERVICE" in result.stderr and "--allow-service" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?service WHERE { ?service <urn:x:p> "SERVICE" } # SERVICE',
        "SELECT * WHERE { ?s <urn:x:service> ?o }",
    ],
)
def test_the_word_service_as_data_is_not_refused(graph, tmp_path, text):
    query = tmp_path / "local.rq"
    query.write_text(text, encoding="utf-8")
    assert run("query", graph, "--sparql", query).exit_code == 0


def test_a_query_past_its_time_limit_is_stopped_with_a_message(graph, tmp_path):
    query = tmp_path / "cross.rq"
    query.write_text(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        encoding="utf-8",
    )
    result = run("query", graph, "--sparql", query, "--timeout", "0.5")
    assert result.exit_code == 2
    assert "time limit of 0.5 s" in result.stderr


def test_a_binary_sparql_file_is_one_line(graph, tmp_path):
    query = tmp_path / "q.rq"
    query.write_bytes(b"\xff\xfe\x00SELECT")
    result = run("query", graph, "--sparql", query)
    assert result.exit_code == 2 and "q.rq" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ----------------------------------------------------------------- 7-8. injection stays data

HOSTILE = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "hostile.md"
    article.write_text(
        "---\n"
        f"title: '{HOSTILE} \x1b[2J\x1b]0;pwned\x07 \u202egnp.exe'\n"
        "publisher: '@SUM(1+1)'\n"
        "---\n" + ARTICLE.format(n=3, city="Tampere"),
        encoding="utf-8",
    )
    out = folder / "hostile.trig"
    result = run("build", article, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_no_csv_cell_starts_with_a_formula_character(hostile_graph, tmp_path):
    out = tmp_path / "csv"
    assert run("export", hostile_graph, "-f", "neo4j-csv", "-o", out).exit_code == 0
    query = tmp_path / "titles.rq"
    query.write_text(
        "SELECT ?t ?p WHERE { ?a <https://schema.org/headline> ?t ; "
        "<https://schema.org/publisher> ?p }",
        encoding="utf-8",
    )
    texts = [(out / n).read_text(encoding="utf-8") for n in ("nodes.csv", "relationships.csv")]
    texts.append(run("query", hostile_graph, "--sparql", query, "-f", "csv").stdout)
    texts.append(run("score", hostile_graph, "-f", "csv").stdout)
    cells = [c for text in texts for c in _cells(text)]
    assert any(c.startswith("'=HYPERLINK") for c in cells)  # the title is there, neutralised
    bad = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert bad == []
    assert all(not c.startswith("-") or _number(c) for c in cells)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "command", [["info"], ["query", "--sparql", "{q}"], ["export-json"], ["construct"]]
)
def test_no_control_character_reaches_the_terminal(hostile_graph, tmp_path, command):
    query = tmp_path / "titles.rq"
    query.write_text("SELECT ?t WHERE { ?a <https://schema.org/headline> ?t }", encoding="utf-8")
    if command == ["export-json"]:
        args = ["query", hostile_graph, "--sparql", query, "-f", "json"]
    elif command == ["construct"]:
        query.write_text(
            "CONSTRUCT { ?a <urn:x:t> ?t } WHERE { ?a <https://schema.org/headline> ?t }",
            encoding="utf-8",
        )
        args = ["query", hostile_graph, "--sparql", query]
    else:
        args = [command[0], hostile_graph, *(a.format(q=query) for a in command[1:])]
    result = run(*args)
    assert result.exit_code == 0, result.output
    printed = result.stdout + result.stderr
    assert "pwned" in printed or "pwned" in json.dumps(printed)
    assert not any(ch in printed for ch in "\x1b\x07\u202e")


def test_a_damaged_graph_file_prints_one_escaped_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> \x1b]0;pwned\x07 .\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "vendorgraph.cli", "info", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "bad.ttl" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_service_refusal_sends_nothing_and_allow_service_does(graph, tmp_path):
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    query = tmp_path / "remote.rq"
    query.write_text(
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        encoding="utf-8",
    )

    def connections() -> int:
        count = 0
        try:
            while True:
                conn, _ = server.accept()
                conn.close()
                count += 1
        except OSError:
            return count

    assert run("query", graph, "--sparql", query).exit_code == 2
    assert connections() == 0
    run("query", graph, "--sparql", query, "--allow-service", "--timeout", "2")
    assert connections() >= 1  # the probe does see a request when one is allowed
    server.close()
