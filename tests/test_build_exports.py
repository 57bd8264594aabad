"""Every graph `vendorgraph build` writes exports to every format (issue 14, item 13).

Built from the seed and the dev corpus when ../shared is beside the repo, else from the
bundled example; and always from a folder of our own whose articles make entity merges, since
the dev corpus makes none and a merge record once broke the Neo4j exports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vendorgraph.cli import app

from .conftest import ROOT, SHARED

FORMATS = ("graphml", "gexf", "cypher", "neo4j-csv", "jsonld")
MERGING = {
    "kestrel-a.txt": "Kestrel Systems Inc. said on Monday that it supplies servers to Helioscale.",
    "kestrel-b.txt": "Helioscale buys servers from Kestrel Systems, the company said on Tuesday.",
    "groq.txt": "Groq said it will ship Groq TPU v7 accelerators to Helioscale next year. "
    "Helioscale will deploy the Groq TPU v7 accelerators in its data centers.",
    "amd.txt": "AMD said it will sell AMD TPU v7 accelerators to Orbita Cloud. Orbita Cloud "
    "will deploy the AMD TPU v7 accelerators across its regions.",
}


def _cli(*args: object) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _sources(tmp_path: Path) -> list[Path]:
    seed = SHARED / "seeds" / "aws-nvidia-1m-gpus.txt"
    dev = SHARED / "corpus" / "dev"
    if seed.exists() and dev.exists():
        return [seed, *sorted(dev.glob("*.txt"))]
    return [ROOT / "examples"]


def _merging(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "merging"
    folder.mkdir()
    for name, text in MERGING.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder]


def _export_all(graph: Path, out: Path) -> None:
    for fmt in FORMATS:
        target = out / f"export.{fmt}"
        _cli("export", graph, "-f", fmt, "-o", target)
        written = [target] if target.is_file() else sorted(target.iterdir())
        assert written and all(p.stat().st_size > 0 for p in written), fmt


@pytest.mark.parametrize("inputs", [_sources, _merging], ids=["corpus", "merging"])
def test_every_built_graph_exports_to_every_format(tmp_path, inputs):
    graph = tmp_path / "graph.trig"
    _cli("build", *inputs(tmp_path), "-o", graph)
    _export_all(graph, tmp_path)


def test_the_merging_folder_merges_and_the_merges_reach_neo4j(tmp_path):
    graph = tmp_path / "graph.trig"
    _cli("build", *_merging(tmp_path), "-o", graph)
    assert "EntityMerge" in graph.read_text(encoding="utf-8")
    _cli("export", graph, "-f", "cypher", "-o", tmp_path / "g.cypher")
    cypher = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    assert "EntityMerge" in cypher and "MERGED_INTO" in cypher
