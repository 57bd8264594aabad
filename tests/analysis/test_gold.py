"""The model on gold input: the dev gold relations fed straight into the analysis.

Extraction is bypassed (the relations annotated by hand in ``../shared/corpus/dev/*.gold.json``
become claims), so what these tests see is the validity of the lock-in model alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from vendorgraph.analysis import lockin
from vendorgraph.analysis.lockin import LockinResult
from vendorgraph.ontology.model import EntityType, entity_id


def gold_graph(dev_dir: Path) -> nx.MultiDiGraph:
    """Claims of every gold file: one node per (name, type), one edge per gold relation."""
    G = nx.MultiDiGraph(articles={}, quotes=[], quantities=[])
    for path in sorted(dev_dir.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ids: dict[str, str] = {}
        for e in gold["entities"]:
            n = entity_id(e["name"], EntityType(e["type"]))
            ids.update({name: n for name in [e["name"], *e.get("aliases", [])]})
            if n not in G:
                G.add_node(n, type=e["type"], label=e["name"], aliases=e.get("aliases", []))
        for k, r in enumerate(gold["relations"]):
            s, o = ids.get(r["subject"]), ids.get(r["object"])
            if s is not None and o is not None:
                G.add_edge(s, o, key=f"{path.stem}/{k}", predicate=r["predicate"],
                           evidence=r["evidence"], confidence=1.0, article=path.stem)  # fmt: skip
    return G


@pytest.fixture(scope="module")
def gold(dev_dir: Path) -> LockinResult:
    return lockin(gold_graph(dev_dir))


def test_gold_chip_designers_depend_on_the_foundry_and_the_memory_makers(gold):
    edges = set(gold.edges)
    assert {("org/nvidia", "org/sk-hynix"), ("org/amd", "org/sk-hynix")} <= edges
    assert {("org/sk-hynix", "org/tsmc"), ("org/microsoft", "org/tsmc")} <= edges
    # every chain of supply of the two GPU designers runs through the memory maker and TSMC
    assert gold.spof["org/nvidia"][-2:] == ("org/sk-hynix", "org/tsmc")
    assert gold.spof["org/amd"][-2:] == ("org/sk-hynix", "org/tsmc")


def test_gold_upstream_chokepoints_carry_lock_in_through_chains(gold):
    tsmc, hynix = gold.company("org/tsmc"), gold.company("org/sk-hynix")
    assert hynix["lockin_indirect"] > hynix["lockin_direct"]
    assert tsmc["lockin_indirect"] > 0.5 * tsmc["lockin_direct"]
    # the memory maker, two steps from the labs and clouds, exerts the most lock-in
    assert max(gold.nodes, key=lambda n: gold.company(n)["lockin"]) == "org/sk-hynix"


def test_gold_most_exposed_are_the_labs_and_clouds_described_as_dependent(gold):
    ranked = sorted(gold.nodes, key=lambda n: -gold.company(n)["exposure"])
    assert set(ranked[:4]) == {"org/microsoft", "org/openai", "org/nvidia", "org/anthropic"}
    for customer in ("org/cursor", "org/figma", "org/palo-alto-networks"):
        assert gold.spof[customer] == ("org/anthropic",)
