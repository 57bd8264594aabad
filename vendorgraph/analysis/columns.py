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
from itertools import chain
from operator import attrgetter, methodcaller
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
    index = {n: k for k, n in enumerate(deps)}
    adjacency = list(deps.adjacency())  # (i, {j: attrs}) in deps.edges() order
    edges = [(i, j) for i, nbrs in adjacency for j in nbrs]
    attrs = [d for _, nbrs in adjacency for d in nbrs.values()]
    support = list(map(methodcaller("get", "claims", ()), attrs))
    counter = list(map(methodcaller("get", "counter", ()), attrs))
    claims = list(chain.from_iterable(chain.from_iterable(zip(support, counter, strict=True))))
    n_sup = np.fromiter(map(len, support), dtype=np.int64, count=len(edges))
    n_all = n_sup + np.fromiter(map(len, counter), dtype=np.int64, count=len(edges))
    claim_sig = _intern(list(zip(map(_SIGNATURE, claims), map(id, map(_QUANTITY, claims)))))
    kinds = _intern(list(map(tuple, map(methodcaller("get", "kinds", ()), attrs))))
    within = np.arange(len(claims)) - np.repeat(np.cumsum(n_all) - n_all, n_all)
    degree = np.fromiter((len(nbrs) for _, nbrs in adjacency), dtype=np.int64)
    return ClaimColumns(
        nodes=tuple(index),
        edges=tuple(edges),
        dependent=np.repeat(_lookup(index, [i for i, _ in adjacency]), degree),
        provider=_lookup(index, [j for _, nbrs in adjacency for j in nbrs]),
        claims=tuple(claims),
        claim_edge=np.repeat(np.arange(len(edges), dtype=np.int64), n_all),
        claim_sig=claim_sig.ids,
        support=within < np.repeat(n_sup, n_all),
        reps=tuple(claims[k] for k in claim_sig.first),
        kinds=kinds.values,
        edge_kinds=kinds.ids,
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _Interned:
    """Distinct values in first-seen order, the id of each item, and each value's first item."""

    values: tuple[Any, ...]
    ids: np.ndarray
    first: np.ndarray


def _intern(items: list[Any]) -> _Interned:
    ids: dict[Any, Any] = dict.fromkeys(items)
    for n, value in enumerate(ids):
        ids[value] = n
    codes = np.fromiter(map(ids.__getitem__, items), dtype=np.int64, count=len(items))
    return _Interned(values=tuple(ids), ids=codes, first=np.unique(codes, return_index=True)[1])


def _lookup(index: dict[str, int], names: list[str]) -> np.ndarray:
    return np.fromiter(map(index.__getitem__, names), dtype=np.int64, count=len(names))
