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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from vendorgraph.errors import InputError
from vendorgraph.graph.export import cypher_literal, to_cypher
from vendorgraph.graph.neo4j import CONSTRAINT, plan
from vendorgraph.graph.rdf import add_assessments, to_dataset

from .fixtures import extractions

CHECKER = Path(__file__).resolve().parents[1] / "cypher"
ALL = ("CYPHER 5", "CYPHER 25")
ONE = ("CYPHER 5",)
Item = tuple[str, tuple[str, ...]]
Check = Callable[[Iterable[Item]], dict[Item, list[str]]]


def _unavailable() -> str | None:
    if shutil.which("node") is None:
        return "needs `node` (Node 20+) on PATH to run Neo4j's Cypher parser"
    if not (CHECKER / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        return f"needs Neo4j's Cypher parser: run `(cd {CHECKER} && npm ci --no-audit --no-fund)`"
    return None


def _run(items: list[Item]) -> list[dict[str, Any]]:
    payload = [{"statement": s, "versions": list(v)} for s, v in items]
    done = subprocess.run(
        ["node", str(CHECKER / "check.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=CHECKER,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"check.mjs failed ({done.returncode}): {done.stderr[-2000:]}"
    found: list[dict[str, Any]] = json.loads(done.stdout)
    assert [r["index"] for r in found] == list(range(len(items)))
    return found


def _check(items: Iterable[Item], cache: dict[Item, list[str]]) -> dict[Item, list[str]]:
    """Return {item: sorted error messages}, checking only what `cache` lacks, on two cores."""
    todo = sorted(set(items) - cache.keys())
    halves = [half for half in (todo[0::2], todo[1::2]) if half]
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(_run, halves))
    for half, found in zip(halves, runs, strict=True):
        for item, r in zip(half, found, strict=True):
            cache[item] = sorted({f"{e['version']}: {e['message']}" for e in r["errors"]})
    return cache


@pytest.fixture(scope="module")
def syntax_errors() -> Check:
    """Return the checker, or skip (fail under CI) when Node or the parser is missing."""
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
        pytest.skip(reason)
    cache: dict[Item, list[str]] = {}
    return lambda items: _check(items, cache)


def _failures(results: dict[Item, list[str]], items: Iterable[Item]) -> dict[str, list[str]]:
    """Return the failing items of `items`, long statements shortened for a readable report."""
    return {
        (s if len(s) < 300 else s[:300] + " …"): results[(s, v)]
        for s, v in items
        if results[(s, v)]
    }


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


def _plan_items(ds: Dataset) -> list[Item]:
    return [(statement, ALL) for statement, _ in plan(ds)]


def _script_items(script: str, *, evaluate: bool = True) -> list[Item]:
    """Return each statement of a cypher-shell script and the checks of its ``:param`` lines.

    A ``:param name => value`` line is parsed as the console command cypher-shell reads (both
    versions). With `evaluate`, ``RETURN value`` (what :func:`vendorgraph.graph.neo4j.load_script`
    sends) also goes through Neo4j's full front end, under CYPHER 5 only: that is what finds an
    integer or float out of range, and its cost grows with the literal's size (~0.1 s per KB).
    """
    out: list[Item] = []
    for line in script.splitlines():
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith(":param"):
            _, _, value = line.partition("=>")
            out.append((line, ALL))
            if evaluate:
                out.append((f"RETURN {value.strip()}", ONE))
        else:
            assert line.endswith(";"), f"a statement line must end with ';': {line!r}"
            out.append((line.removesuffix(";"), ALL))
    return out


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


def _literal_items() -> list[Item]:
    """Every literal as a cypher-shell parameter, and all of them in one ``RETURN [...]``."""
    texts = [cypher_literal(value) for value in _literals()]
    return [*((f":param v => {t}", ALL) for t in texts), (f"RETURN [{', '.join(texts)}]", ALL)]


BROKEN = [
    ("RETRN 1", "Invalid input 'RETRN'"),
    ("UNWIND $rows AS row MERGE (n:Resource {uri: row.uri}", "Invalid input"),
    ("RETURN 'O'Neil'", "Invalid input"),
    ("MERGE (n:Resource Cloud {uri: 1})", "Invalid input"),
    (":param rows => [{`a`: 'x}]", "CYPHER 5: "),
    (":param rows => [1,", "Expected an expression"),
    ("RETURN 9223372036854775808", "integer is too large"),
    ("MATCH (n) RETURN m", "Variable `m` not defined"),
    ("RETURN 1; RETURN 2", "more than one statement"),
]


@pytest.fixture(scope="module")
def fixture_results(syntax_errors, fixture_ds) -> dict[Item, list[str]]:
    """One checker run for everything the fixture dataset, the literals and the controls need."""
    items = [
        *_plan_items(fixture_ds),
        *_script_items(to_cypher(fixture_ds)),
        *_literal_items(),
        *((statement, ALL) for statement, _ in BROKEN),
    ]
    return syntax_errors(items)


def test_the_fixture_dataset_covers_every_kind_of_statement(fixture_ds):
    statements = [s for s, _ in _plan_items(fixture_ds)]
    assert statements[0] == CONSTRAINT
    assert any(" SET n:`" in s for s in statements)
    assert any("MERGE (s)-[r:`DEPENDS_ON`]->(o)" in s for s in statements)
    script = _script_items(to_cypher(fixture_ds))
    assert sum(s.startswith(":param rows => [") for s, _ in script) == len(statements) - 1
    assert {s for s, _ in script} >= set(statements)


# ------------------------------------------------------------------ the checks


def test_plan_statements_parse(fixture_results, fixture_ds):
    assert _failures(fixture_results, _plan_items(fixture_ds)) == {}


def test_cypher_script_parses_params_and_statements(fixture_results, fixture_ds):
    assert _failures(fixture_results, _script_items(to_cypher(fixture_ds))) == {}


def test_every_literal_parses_as_an_expression(fixture_results):
    assert _failures(fixture_results, _literal_items()) == {}


@pytest.mark.parametrize(("statement", "expected"), BROKEN)
def test_broken_statements_are_reported(fixture_results, statement, expected):
    """The negative control: the check can fail, so a green run means something."""
    errors = fixture_results[(statement, ALL)]
    assert any(expected in error for error in errors), errors


@pytest.mark.shared
def test_seed_article_plan_and_script_parse(syntax_errors, seed_ds):
    """The seed's ``:param`` values are parsed, not evaluated: ~190 KB would take ~20 s."""
    items = [*_plan_items(seed_ds), *_script_items(to_cypher(seed_ds), evaluate=False)]
    assert len(items) > 3
    assert _failures(syntax_errors(items), items) == {}


def test_cypher_literal_refuses_integers_neo4j_cannot_hold():
    with pytest.raises(InputError, match=r"9223372036854775808.*64-bit"):
        cypher_literal([2**63])
