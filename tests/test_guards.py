"""Guard tests: the public API, a cheap import, and the code-quality gates."""

from __future__ import annotations

import shutil
import subprocess
import sys
import types

import pytest

import vendorgraph

from .conftest import ROOT


def test_public_api_is_exactly_all():
    # dir() lists the lazy exports (PEP 562) too; getattr imports them
    public = {
        name
        for name in dir(vendorgraph)
        if not name.startswith("_") and not isinstance(getattr(vendorgraph, name), types.ModuleType)
    }
    assert public == set(vendorgraph.__all__) - {"__version__"}


@pytest.mark.parametrize("heavy", ["neo4j", "pyvis", "rdflib", "spacy", "networkx", "pyshacl"])
def test_import_vendorgraph_stays_light(heavy):
    code = f"import sys, vendorgraph; sys.exit(1 if {heavy!r} in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0, (
        f"`import vendorgraph` imported {heavy}"
    )


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(ROOT / ".venv" / "bin"))
    if found is None:
        pytest.skip(f"{name} is not installed; install the dev extra: pip install -e '.[dev]'")
    return found


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)


def test_import_linter_contracts_hold():
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean():
    result = _run(_tool("ruff"), "check", "vendorgraph", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = _run(sys.executable, "-m", "mypy", "vendorgraph")
    assert result.returncode == 0, result.stdout + result.stderr
