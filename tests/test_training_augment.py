"""The parser's training data: renamed copies keep every arc and rename only company-drawn names."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from .conftest import ROOT

_SPEC = importlib.util.spec_from_file_location(
    "augment", ROOT / "training" / "parser" / "augment.py"
)
assert _SPEC is not None and _SPEC.loader is not None
augment_module = importlib.util.module_from_spec(_SPEC)
sys.modules["augment"] = augment_module
_SPEC.loader.exec_module(augment_module)

# Two sentences written for this test in CoNLL-U: a company name drawn head last (compound)
# with a possessive split off as a multi-word token, and a person's name drawn head first.
_CONLLU = "\n".join(
    [
        "# sent_id = t-1",
        "# text = Home Depot's shop opened.",
        "1\tHome\tHome\tPROPN\tNNP\t_\t2\tcompound\t_\t_",
        "2-3\tDepot's\t_\t_\t_\t_\t_\t_\t_\t_",
        "2\tDepot\tDepot\tPROPN\tNNP\t_\t4\tnmod:poss\t_\t_",
        "3\t's\t's\tPART\tPOS\t_\t2\tcase\t_\t_",
        "4\tshop\tshop\tNOUN\tNN\t_\t5\tnsubj\t_\t_",
        "5\topened\topen\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No",
        "6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_",
        "",
        "# sent_id = t-2",
        "# text = Ada Lind left.",
        "1\tAda\tAda\tPROPN\tNNP\t_\t3\tnsubj\t_\t_",
        "2\tLind\tLind\tPROPN\tNNP\t_\t1\tflat\t_\t_",
        "3\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No",
        "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_",
        "",
    ]
)


def _words(block: str) -> list[list[str]]:
    return [line.split("\t") for line in block.splitlines() if line[:1].isdigit()]


def _run(tmp_path: Path, seed: int = 3) -> list[str]:
    source, target = tmp_path / "in.conllu", tmp_path / f"out{seed}.conllu"
    source.write_text(_CONLLU, encoding="utf-8")
    added = augment_module.augment(source, target, share=1.0, seed=seed)
    blocks = [b for b in target.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    assert added == len(blocks) - 2 == 1  # the person's name is drawn head first: no copy
    return blocks


def test_a_copy_renames_the_company_name_and_keeps_every_arc(tmp_path):
    original, _, copy = _run(tmp_path)
    before, after = _words(original), _words(copy)
    assert [(w[0], w[6], w[7], w[3]) for w in before] == [(w[0], w[6], w[7], w[3]) for w in after]
    renamed = {w[0] for w, v in zip(before, after, strict=True) if w[1] != v[1]}
    assert renamed == {"1", "2", "2-3"}  # "Home Depot" (and "Depot's"), not "shop" or "opened"
    mwt = next(w for w in after if w[0] == "2-3")
    depot = next(w for w in after if w[0] == "2")
    assert mwt[1] == depot[1] + "'s"  # the multi-word token is its words' forms
    text = next(line for line in copy.splitlines() if line.startswith("# text = "))
    assert text == f"# text = {after[0][1]} {mwt[1]} shop opened."


def test_the_same_seed_gives_the_same_file(tmp_path):
    assert _run(tmp_path, seed=5) == _run(tmp_path, seed=5)
    assert _run(tmp_path, seed=5) != _run(tmp_path, seed=6)
