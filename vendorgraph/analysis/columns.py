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

from dataclasses import dataclass, field
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
    "quantities",
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
    names: tuple[tuple[str, ...], ...] = ()


def claim_columns(deps: nx.DiGraph) -> ClaimColumns:
    """Read every claim of a dependency graph once into :class:`ClaimColumns`.

    Examples
    --------
    >>> claim_columns(nx.DiGraph()).claim_sig.tolist()
    []
    """
    walk = _walk(deps)
    sigs: dict[Any, int] = {}
    keys = zip(map(_SIGNATURE, walk.claims), map(id, map(_QUANTITY, walk.claims)), strict=True)
    claim_sig = np.fromiter(
        (sigs.setdefault(k, len(sigs)) for k in keys), dtype=np.int64, count=len(walk.claims)
    )
    n_sup = np.asarray(walk.n_sup, dtype=np.int64)
    n_all = np.asarray(walk.n_all, dtype=np.int64)
    within = np.arange(len(walk.claims)) - np.repeat(np.cumsum(n_all) - n_all, n_all)
    return ClaimColumns(
        nodes=walk.nodes,
        edges=tuple(walk.edges),
        dependent=np.asarray(walk.dependent, dtype=np.int64),
        provider=np.asarray(walk.provider, dtype=np.int64),
        claims=tuple(walk.claims),
        claim_edge=np.repeat(np.arange(len(walk.edges), dtype=np.int64), n_all),
        claim_sig=claim_sig,
        support=within < np.repeat(n_sup, n_all),
        reps=tuple(walk.claims[k] for k in np.unique(claim_sig, return_index=True)[1]),
        kinds=tuple(walk.kinds),
        edge_kinds=np.asarray(walk.edge_kinds, dtype=np.int64),
        names=tuple(_names(deps, n) for n in walk.nodes),
    )


def _names(deps: nx.DiGraph, n: str) -> tuple[str, ...]:
    """Return the label and aliases of a node (how a sentence can name it)."""
    attrs = deps.nodes[n]
    found = [str(attrs.get("label") or ""), *map(str, attrs.get("aliases") or ())]
    return tuple(dict.fromkeys(x for x in found if x))


@dataclass(slots=True)
class _Walk:
    """What one pass over the edges collects (lists, appended in ``deps.edges()`` order)."""

    nodes: tuple[str, ...]
    edges: list[tuple[str, str]] = field(default_factory=list)
    dependent: list[int] = field(default_factory=list)
    provider: list[int] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    n_sup: list[int] = field(default_factory=list)
    n_all: list[int] = field(default_factory=list)
    edge_kinds: list[int] = field(default_factory=list)
    kinds: dict[tuple[str, ...], int] = field(default_factory=dict)


def _walk(deps: nx.DiGraph) -> _Walk:
    """One pass over the edges, touching each edge's attributes once (the graph is large)."""
    index = {n: k for k, n in enumerate(deps)}
    w = _Walk(nodes=tuple(index))
    edges, dependent, provider = w.edges.append, w.dependent.append, w.provider.append
    claims, n_sup, n_all = w.claims.extend, w.n_sup.append, w.n_all.append
    edge_kinds, kinds = w.edge_kinds.append, w.kinds.setdefault
    for i, nbrs in deps.adjacency():
        ii = index[i]
        for j, d in nbrs.items():
            edges((i, j))
            dependent(ii)
            provider(index[j])
            sup, counter = d.get("claims", ()), d.get("counter", ())
            claims(sup)
            claims(counter)
            n_sup(len(sup))
            n_all(len(sup) + len(counter))
            edge_kinds(kinds(tuple(d.get("kinds", ())), len(w.kinds)))
    return w
