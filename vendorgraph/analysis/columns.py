"""The claims of a dependency graph as columns: one pass over the edges, signatures interned.

Scoring reads each claim's evidence, reliance share and date. Those depend only on a few
fields of the claim (its *signature*: sentence, role, predicate, quantity, dates, source,
confidence, modality, qualifiers), and large graphs repeat signatures (syndicated and copied
stories), so the claims are read once per distinct signature and the results are spread to
every claim with numpy indexing.

Examples
--------
>>> import networkx as nx
>>> from vendorgraph.analysis.dependencies import Claim
>>> c = Claim(key="k1", subject="a", object="b", predicate="supplies", role="supply")
>>> d = Claim(key="k2", subject="a", object="c", predicate="supplies", role="supply")
>>> deps = nx.DiGraph()
>>> deps.add_edge("a", "b", claims=(c,), counter=())
>>> deps.add_edge("a", "c", claims=(d,), counter=())
>>> cols = claim_columns(deps)
>>> cols.edges, cols.claim_edge.tolist(), cols.claim_sig.tolist(), len(cols.reps)
((('a', 'b'), ('a', 'c')), [0, 1], [0, 0], 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import networkx as nx
import numpy as np

from vendorgraph.analysis.dependencies import Claim

__all__ = ["ClaimColumns", "claim_columns"]

# Every field a rule, a weight, a de-duplication key or a reliance share can read, except the
# quantity (keyed by identity: ClaimQuantity hashes in Python) and the per-claim identity
# fields (key, subject, object), which no reading depends on.
_SIGNATURE = attrgetter(
    "evidence",
    "role",
    "predicate",
    "via",
    "speaker",
    "source",
    "published",
    "confidence",
    "modality",
    "start",
    "end",
    "capability",
    "article",
    "wire_source",
)
_QUANTITY = attrgetter("quantity")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ClaimColumns:
    """Claims of every edge (supporting first, then counter) as parallel arrays.

    ``claims[k]`` lies on edge ``claim_edge[k]`` and reads as ``reps[claim_sig[k]]``, the first
    claim with the same signature; ``support[k]`` is False for counter-evidence. ``kinds`` holds
    the distinct ``kinds`` tuples of the edges and ``edge_kinds`` the index of each edge's.
    """

    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    dependent: np.ndarray
    provider: np.ndarray
    claims: tuple[Claim, ...]
    claim_edge: np.ndarray
    claim_sig: np.ndarray
    support: np.ndarray
    reps: tuple[Claim, ...]
    kinds: tuple[tuple[str, ...], ...]
    edge_kinds: np.ndarray


def claim_columns(deps: nx.DiGraph) -> ClaimColumns:
    """Read every claim of a dependency graph once into :class:`ClaimColumns`.

    Examples
    --------
    >>> claim_columns(nx.DiGraph()).claim_sig.tolist()
    []
    """
    edges, claims, n_sup, n_all, edge_kinds, kinds = _walk(deps)
    index = {n: k for k, n in enumerate(deps)}
    keys = zip(map(_SIGNATURE, claims), map(id, map(_QUANTITY, claims)), strict=True)
    sigs: dict[Any, int] = {}
    claim_sig = np.fromiter(
        (sigs.setdefault(k, len(sigs)) for k in keys), dtype=np.int64, count=len(claims)
    )
    first = np.unique(claim_sig, return_index=True)[1]
    counts = np.asarray(n_all, dtype=np.int64)
    within = np.arange(len(claims)) - np.repeat(np.cumsum(counts) - counts, counts)
    return ClaimColumns(
        nodes=tuple(index),
        edges=tuple(edges),
        dependent=np.fromiter((index[i] for i, _ in edges), dtype=np.int64, count=len(edges)),
        provider=np.fromiter((index[j] for _, j in edges), dtype=np.int64, count=len(edges)),
        claims=tuple(claims),
        claim_edge=np.repeat(np.arange(len(edges), dtype=np.int64), counts),
        claim_sig=claim_sig,
        support=within < np.repeat(np.asarray(n_sup, dtype=np.int64), counts),
        reps=tuple(claims[k] for k in first),
        kinds=tuple(kinds),
        edge_kinds=np.asarray(edge_kinds, dtype=np.int64),
    )


def _walk(deps: nx.DiGraph) -> tuple[list, list, list[int], list[int], list[int], dict]:
    """One pass over the edges: (edges, claims, supporting and all counts, kinds ids, kinds)."""
    edges: list[tuple[str, str]] = []
    claims: list[Claim] = []
    n_sup: list[int] = []
    n_all: list[int] = []
    edge_kinds: list[int] = []
    kinds: dict[tuple[str, ...], int] = {}
    for i, j, d in deps.edges(data=True):
        edges.append((i, j))
        sup, counter = d.get("claims", ()), d.get("counter", ())
        claims.extend(sup)
        claims.extend(counter)
        n_sup.append(len(sup))
        n_all.append(len(sup) + len(counter))
        edge_kinds.append(kinds.setdefault(tuple(d.get("kinds", ())), len(kinds)))
    return edges, claims, n_sup, n_all, edge_kinds, kinds
