"""The notebooks run top to bottom in a real Jupyter kernel, and their stored outputs are current.

Each notebook in ``notebooks/`` is executed with nbclient (an IPython kernel, as Jupyter runs
it), offline, with a fixed hash seed, from the ``notebooks/`` folder. Its text outputs (printed
streams and the plain-text form of every result; not images, HTML or execution metadata) must
equal the outputs stored in git, so a notebook read on a repository page shows what the code
gives today. The stored outputs are made with ``../shared`` beside the clone (the seed and the
dev corpus); without it the notebooks still run, on the bundled example, and only that is
checked.

To store fresh outputs after a change::

    VG_UPDATE_NOTEBOOKS=1 python -m pytest tests/test_notebooks.py
"""

from __future__ import annotations

import copy
import difflib
import os
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SHARED

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
UPDATE = os.environ.get("VG_UPDATE_NOTEBOOKS") == "1"
TEXT = ("text/plain",)
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # an object's repr names its address


def _execute(path: Path) -> Any:
    nbformat = pytest.importorskip("nbformat", reason='the notebooks extra: pip install ".[dev]"')
    nbclient = pytest.importorskip("nbclient", reason='the notebooks extra: pip install ".[dev]"')
    pytest.importorskip("matplotlib", reason='the notebooks extra: pip install ".[dev]"')
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def _coalesced(outputs: list[Any]) -> list[Any]:
    """Join consecutive prints to one stream: the kernel splits them as its flushes fall."""
    joined: list[Any] = []
    for output in outputs:
        last = joined[-1] if joined else None
        if (
            last is not None
            and output["output_type"] == "stream" == last["output_type"]
            and output["name"] == last["name"]
        ):
            last["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def _text_outputs(notebook: Any) -> list[str]:
    """Every code cell's text outputs, one string per cell, volatile parts left out."""
    cells = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        parts = [f"--- cell {number}"]
        for output in _coalesced(copy.deepcopy(cell.get("outputs", []))):
            kind = output["output_type"]
            if kind == "stream":
                parts.append(f"[{output['name']}] {output['text']}")
            elif kind in ("execute_result", "display_data"):
                data = output["data"]
                parts += [f"[{m}] {_ADDRESS.sub('', data[m])}" for m in TEXT if m in data]
            elif kind == "error":
                parts.append(f"[error] {output['ename']}: {output['evalue']}")
        cells.append("\n".join(parts))
    return cells


def _store(path: Path, notebook: Any) -> None:
    import nbformat

    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
        if "outputs" in cell:
            cell["outputs"] = _coalesced(cell["outputs"])
        for output in cell.get("outputs", []):  # stored without addresses: byte-identical runs
            data = output.get("data", {})
            for mime in TEXT:
                if mime in data:
                    data[mime] = _ADDRESS.sub("", data[mime])
    notebook.metadata.setdefault("vendorgraph", {})["shared"] = SHARED.exists()
    nbformat.write(notebook, path)


@pytest.fixture(autouse=True)
def _quiet_kernel(monkeypatch):
    """Kernels inherit a fixed hash seed, no network proxy and a headless matplotlib."""
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.delenv("VG_SHOW_SOURCE_TEXT", raising=False)


def test_there_are_three_numbered_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert names == [
        "01-article-to-graph.ipynb",
        "02-lockin-analysis.ipynb",
        "03-sources-and-time.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_its_stored_outputs_are_current(path):
    import nbformat

    stored = nbformat.read(path, as_version=4)
    executed = _execute(path)
    if UPDATE:
        _store(path, executed)
        return
    fresh = _text_outputs(executed)
    assert not [c for c in fresh if "[error]" in c or "[stderr]" in c]
    stored_with_shared = stored.metadata.get("vendorgraph", {}).get("shared")
    if stored_with_shared != SHARED.exists():
        pytest.skip(
            f"outputs stored with ../shared {'present' if stored_with_shared else 'absent'}; "
            "it is not so here: the notebook ran, its outputs were not compared"
        )
    old = _text_outputs(stored)
    if fresh != old:
        diff = difflib.unified_diff(
            "\n".join(old).splitlines(), "\n".join(fresh).splitlines(), "stored", "fresh", n=1
        )
        pytest.fail(
            f"{path.name}: stored outputs are stale; run "
            "`VG_UPDATE_NOTEBOOKS=1 python -m pytest tests/test_notebooks.py`\n"
            + "\n".join(list(diff)[:60])
        )


def test_stored_outputs_quote_no_shared_article_text():
    """Sentences of articles we do not own are cited, not copied, in the stored outputs."""
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent")
    import nbformat

    sentences = _shared_sentences()
    for path in NOTEBOOKS:
        text = "\n".join(_text_outputs(nbformat.read(path, as_version=4)))
        copied = [s for s in sentences if s in text]
        assert copied == [], f"{path.name} stores text of shared articles: {copied[:3]}"


def _shared_sentences() -> list[str]:
    """Runs of twelve words from the shared articles (shorter runs can be names or titles)."""
    runs = []
    for file in [
        SHARED / "seeds" / "aws-nvidia-1m-gpus.txt",
        *(SHARED / "corpus" / "dev").glob("*.txt"),
    ]:
        if not file.exists():
            continue
        words = file.read_text(encoding="utf-8").split()
        runs += [" ".join(words[i : i + 12]) for i in range(0, max(len(words) - 12, 0), 6)]
    return runs
