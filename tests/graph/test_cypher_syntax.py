"""Every Cypher statement vendorgraph writes parses with Neo4j's own parser (no server needed).

The checker is ``tests/cypher/check.mjs``: it runs Neo4j's Cypher language support (the ANTLR
parser and the semantic analysis of Neo4j's tools) under Node, for both CYPHER 5 and CYPHER 25.
Set it up once with ``(cd tests/cypher && npm ci --no-audit --no-fund)``. Without ``node`` or
``tests/cypher/node_modules`` these tests skip, unless ``CI`` is set: then they fail.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from vendorgraph.graph.export import cypher_literal, to_cypher
from vendorgraph.graph.neo4j import CONSTRAINT, plan
from vendorgraph.graph.rdf import add_assessments, to_dataset

from .fixtures import extractions

CHECKER = Path(__file__).resolve().parents[1] / "cypher"
Check = Callable[[Iterable[str]], dict[str, list[str]]]


def _unavailable() -> str | None:
    if shutil.which("node") is None:
        return "needs `node` (Node 20+) on PATH to run Neo4j's Cypher parser"
    if not (CHECKER / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return f"needs Neo4j's Cypher parser: run `(cd {CHECKER} && npm ci --no-audit --no-fund)`"
    return None


def _run(statements: list[str]) -> list[dict[str, Any]]:
    done = subprocess.run(
        ["node", str(CHECKER / "check.mjs")],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=CHECKER,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"check.mjs failed ({done.returncode}): {done.stderr[-2000:]}"
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def syntax_errors() -> Check:
    """Return a function: statements → {statement: [error messages]} for those that fail."""
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
        pytest.skip(reason)

    def check(statements: Iterable[str]) -> dict[str, list[str]]:
        unique = sorted(set(statements))
        found = _run(unique)
        assert [r["index"] for r in found] == list(range(len(unique)))
        return {
            unique[r["index"]]: sorted({f"{e['version']}: {e['message']}" for e in r["errors"]})
            for r in found
            if r["errors"]
        }

    return check


def _short(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Shorten long statements (a :param line holds a whole batch) for a readable failure."""
    return {(s if len(s) < 300 else s[:300] + " …"): e for s, e in errors.items()}


# ------------------------------------------------------------------ the datasets


def _fixture_dataset() -> Dataset:
    ds = to_dataset(extractions())
    add_assessments(
        ds,
        [
            {
                "dependent": "org/orbita-cloud",
                "provider": "org/halcyon-semiconductor",
                "switching_cost": 0.5,
                "coverage": 0.75,
                "reliance": 0.25,
                "dependence": 0.125,
                "factors": {"Integration": 0.25},
            }
        ],
        [{"id": "org/orbita-cloud", "lockin": 0.4}],
    )
    return ds


@pytest.fixture(scope="module")
def fixture_ds() -> Dataset:
    return _fixture_dataset()


@pytest.fixture(scope="module")
def seed_ds(seed_path: Path) -> Dataset:
    from vendorgraph.loaders.documents import read_document
    from vendorgraph.loaders.pipeline import extract

    return to_dataset([extract(read_document(seed_path))])


def _plan_statements(ds: Dataset) -> list[str]:
    return [statement for statement, _ in plan(ds)]


def _script_statements(script: str) -> list[str]:
    """Return each statement of a cypher-shell script and, per ``:param``, two checks.

    A ``:param name => value`` line is checked as the console command cypher-shell reads and
    as ``RETURN value`` (what :func:`vendorgraph.graph.neo4j.load_script` sends the server).
    """
    out: list[str] = []
    for line in script.splitlines():
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith(":param"):
            _, _, value = line.partition("=>")
            out += [line, f"RETURN {value.strip()}"]
        else:
            assert line.endswith(";"), f"a statement line must end with ';': {line!r}"
            out.append(line.removesuffix(";"))
    return out


def test_the_datasets_cover_every_kind_of_statement(fixture_ds):
    statements = _plan_statements(fixture_ds)
    assert statements[0] == CONSTRAINT
    assert any(" SET n:`" in s for s in statements)
    assert any("MERGE (s)-[r:`DEPENDS_ON`]->(o)" in s for s in statements)
    script = _script_statements(to_cypher(fixture_ds))
    assert sum(s.startswith(":param rows => [") for s in script) == len(statements) - 1


# ------------------------------------------------------------------ the checks


def test_plan_statements_parse(syntax_errors, fixture_ds):
    assert _short(syntax_errors(_plan_statements(fixture_ds))) == {}


def test_cypher_script_parses_params_and_statements(syntax_errors, fixture_ds):
    assert _short(syntax_errors(_script_statements(to_cypher(fixture_ds)))) == {}


def test_small_batches_parse(syntax_errors, fixture_ds):
    script = _script_statements(to_cypher(fixture_ds, batch_size=1))
    assert _short(syntax_errors([*script, *_plan_statements(fixture_ds)])) == {}


def test_seed_article_plan_and_script_parse(syntax_errors, seed_ds):
    statements = [*_plan_statements(seed_ds), *_script_statements(to_cypher(seed_ds))]
    assert len(statements) > 3
    assert _short(syntax_errors(statements)) == {}


_TRICKY = "'\"\\`\n\r\t\x00\x1b\x7f\u2028\u2029é漢😀$;{}[]()/*-- //:=>"


def _literals() -> list[Any]:
    rng = random.Random(20240601)
    strings = ["".join(rng.choice(_TRICKY + "ab ") for _ in range(12)) for _ in range(150)]
    numbers = [0, -1, 2**63 - 1, -(2**63), 0.1, -0.0, 1e300, 1e16, 5e-324, -1.5e-7]
    return [
        *strings,
        *numbers,
        [],
        {},
        [True, False, "x"],
        {"a_b": [1, 2.5, "c"], "Z9": {"nested": "'"}},
        _TRICKY,
        "\\",
        "\\'",
        "'\\",
    ]


def test_every_literal_parses_as_an_expression(syntax_errors):
    statements = [f"RETURN {cypher_literal(value)}" for value in _literals()]
    assert _short(syntax_errors(statements)) == {}


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("RETRN 1", "Invalid input 'RETRN'"),
        ("UNWIND $rows AS row MERGE (n:Resource {uri: row.uri}", "Invalid input"),
        ("RETURN 'O'Neil'", "Invalid input"),
        (":param rows => [{`a`: 'x}]", "CYPHER 5: "),
        (":param rows => [1,", "Expected an expression"),
        ("RETURN 9223372036854775808", "integer is too large"),
        ("MATCH (n) RETURN m", "Variable `m` not defined"),
        ("RETURN 1; RETURN 2", "more than one statement"),
        (":param rows => [1]; RETURN 1", "Console commands are unsupported"),
    ],
)
def test_broken_statements_are_reported(syntax_errors, statement, expected):
    """The negative control: the check can fail, so a green run means something."""
    errors = syntax_errors([statement]).get(statement, [])
    assert any(expected in error for error in errors), errors


def test_cypher_literal_refuses_integers_neo4j_cannot_hold():
    from vendorgraph.errors import InputError

    with pytest.raises(InputError, match=r"9223372036854775808.*64-bit"):
        cypher_literal([2**63])
