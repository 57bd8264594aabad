"""Hand-made claim graphs in the networkx contract, with sentences written for the tests."""

from __future__ import annotations

import networkx as nx

PUBLISHED = "2025-12-02"
SOURCE = "Example Wire"


def claim(G: nx.MultiDiGraph, s: str, o: str, key: str, predicate: str, evidence: str, **kw):
    attrs = {
        "predicate": predicate,
        "modality": "asserted",
        "confidence": 1.0,
        "evidence": evidence,
        "span": (0, len(evidence)),
        "article": "art/test",
        "source": SOURCE,
        "published": PUBLISHED,
        "speaker": None,
        "quote": None,
        "quantity": None,
        "start": None,
        "end": None,
        "capability": None,
    }
    attrs.update(kw)
    G.add_edge(s, o, key=key, **attrs)


def seed_like_graph() -> nx.MultiDiGraph:
    """The shape the extractor gives for the seed story, in our own words."""
    G = nx.MultiDiGraph(articles={}, quotes=[])
    nodes = [
        ("org/aws", "CloudProvider", "Amazon Web Services", ["AWS", "Amazon"]),
        ("org/nvidia", "ChipVendor", "Nvidia", ["NVIDIA Corp"]),
        ("org/us-government", "Government", "U.S. government", ["Washington"]),
        ("person/jane-doe", "Person", "Jane Doe", []),
        ("product/nvidia-gpus", "Chip", "Nvidia GPUs", []),
        ("tech/nvlink-fusion", "Technology", "NVLink Fusion", []),
        ("product/trainium4", "Chip", "Trainium4", []),
        ("product/graviton", "Chip", "Graviton", []),
        ("product/nitro-system", "Product", "Nitro System", []),
        ("product/ai-chips", "Chip", "AI chips", []),
    ]
    for n, t, label, aliases in nodes:
        G.add_node(
            n,
            kind="entity",
            type=t,
            label=label,
            aliases=aliases,
            wikidata=None,
            parent=None,
            roles=[],
        )
    claim(
        G,
        "org/nvidia",
        "product/nvidia-gpus",
        "d-gpu",
        "develops",
        "The accelerators in the deal are designed by Nvidia.",
    )
    claim(
        G,
        "org/nvidia",
        "tech/nvlink-fusion",
        "d-nvl",
        "develops",
        "NVLink Fusion is the chipmaker's rack interconnect.",
    )
    claim(
        G,
        "org/aws",
        "product/nvidia-gpus",
        "r-deploy",
        "deploys",
        "The cloud arm will roll out a million of the accelerators in a deal running to 2027.",
        modality="planned",
        confidence=0.9,
        end="2027-12-31",
        quantity={
            "kind": "count",
            "text": "a million",
            "value": 1e6,
            "unit": "GPU",
            "normalized": 1e6,
            "approximate": False,
        },
    )
    claim(
        G,
        "org/aws",
        "tech/nvlink-fusion",
        "r-integrate",
        "integrates",
        "Its next racks will build in NVLink Fusion through a co-design effort.",
        modality="planned",
        confidence=0.9,
    )
    claim(
        G,
        "org/aws",
        "product/trainium4",
        "r-dev-trn",
        "develops",
        "The company keeps building its own chips, such as Trainium4 and Graviton.",
    )
    claim(
        G,
        "org/aws",
        "product/graviton",
        "r-dev-grv",
        "develops",
        "The company keeps building its own chips, such as Trainium4 and Graviton.",
    )
    claim(
        G,
        "org/aws",
        "product/nitro-system",
        "r-dev-nitro",
        "develops",
        "Its Nitro System takes networking off the host.",
    )
    claim(
        G,
        "org/aws",
        "product/ai-chips",
        "r-dev-ai",
        "develops",
        "It also rents out homegrown AI chips to model builders.",
        confidence=0.8,
    )
    claim(
        G,
        "org/aws",
        "org/nvidia",
        "r-partner",
        "partners_with",
        "The two firms have worked side by side for fifteen years, since 2011.",
        start="2011",
        quantity={
            "kind": "duration",
            "text": "fifteen years",
            "value": 15.0,
            "unit": "year",
            "normalized": 15.0,
            "approximate": False,
        },
    )
    claim(
        G,
        "org/aws",
        "org/nvidia",
        "r-depend",
        "depends_on",
        "Customer demand means the cloud arm needs Nvidia's most advanced GPUs.",
        capability="product/nvidia-gpus",
        speaker="person/jane-doe",
        quote="the cloud arm needs Nvidia's most advanced GPUs",
    )
    claim(
        G,
        "org/us-government",
        "product/nvidia-gpus",
        "r-restrict",
        "restricts",
        "Washington has limited sales of the chips to some countries since 2022.",
        start="2022",
    )
    return G


def supply_chain(*pairs: tuple[str, str], evidence: str = "") -> nx.MultiDiGraph:
    """Claims ``provider supplies dependent`` for each (dependent, provider) pair."""
    G = nx.MultiDiGraph()
    for k, (i, j) in enumerate(pairs):
        for n in (i, j):
            G.add_node(n, type="Organization", label=n)
        claim(G, j, i, f"s{k}", "supplies", evidence or f"{j} ships parts to {i}.")
    return G
