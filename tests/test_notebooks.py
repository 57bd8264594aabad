"""The notebooks run top to bottom against the installed package."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, monkeypatch):
    pytest.importorskip("pandas", reason="the notebooks use pandas (the dev extra)")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert code, "a notebook with no code"
    monkeypatch.chdir(ROOT / "notebooks")
    namespace: dict[str, object] = {}
    for number, source in enumerate(code):
        exec(compile(source, f"{path.name}[{number}]", "exec"), namespace)
    assert namespace["G"].number_of_nodes() > 0  # type: ignore[attr-defined]
