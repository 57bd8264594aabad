"""Plain per-claim readings of the evidence and reliance: the specification the fast path meets.

Written claim by claim with :meth:`Rule.fires`, no caches and no numpy tricks, as the
evidence table was computed before it was vectorised.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from vendorgraph.analysis.dependencies import Claim, independent_source
from vendorgraph.analysis.factors import Rule, _magnitude, claim_weight, edge_claims
from vendorgraph.analysis.shares import stated_shares
from vendorgraph.analysis.weights import FACTORS, Parameters


def readings(c: Claim, rules: tuple[Rule, ...], p: Parameters, when: date | None) -> list:
    """(factor index, polarity, magnitude) per fired (factor, polarity), largest magnitude."""
    best: dict[tuple[str, int], float] = {}
    for rule in rules:
        if rule.fires(c):
            key = (rule.factor, rule.polarity)
            best[key] = max(best.get(key, 0.0), _magnitude(rule, c, p, when))
    items = sorted(best.items(), key=lambda kv: (FACTORS.index(kv[0][0]), -kv[0][1]))
    return [(FACTORS.index(f), pol, m) for (f, pol), m in items if m > 0]


def table_rows(deps: nx.DiGraph, rules: tuple[Rule, ...], p: Parameters, when: date | None):
    """Rows (edge, factor, sign, strength, weight), strongest copy per key, first-seen order."""
    rows: list[tuple[int, int, int, float, float]] = []
    for k, (_, _, attrs) in enumerate(deps.edges(data=True)):
        best: dict[tuple[Any, ...], tuple[float, float]] = {}
        for c in edge_claims(attrs):
            w = claim_weight(c, p, when)
            text = " ".join(c.evidence.lower().split()) or c.key
            for f, pol, m in readings(c, rules, p, when):
                key = (f, pol, text, independent_source(c))
                if key not in best or w * m > best[key][0]:
                    best[key] = (w * m, w)
        rows.extend((k, key[0], key[1], s, w) for key, (s, w) in best.items())
    return rows


def reliance(deps: nx.DiGraph, p: Parameters) -> np.ndarray:
    """Stated share of the customer's need, else the default split over same-kind suppliers."""
    suppliers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for i, j, kinds in deps.edges(data="kinds", default=()):
        for kind in kinds:
            suppliers[i, kind].add(j)
    out = []
    for i, j, d in deps.edges(data=True):
        names = {n: _names(deps, n) for n in (i, j)}
        shares = [
            s.value
            for c in d.get("claims", ())
            for s in stated_shares(c, customer=names[i], supplier=names[j])
            if s.side == "customer"
        ]
        stated = [s for s in shares if s is not None]
        n = max((len(suppliers[i, kind]) for kind in d.get("kinds", ())), default=1)
        out.append(max(stated) if stated else p.default_reliance / n)
    return np.clip(np.array(out, dtype=float), 0.0, 1.0)


def _names(deps: nx.DiGraph, n: str) -> list[str]:
    attrs = deps.nodes[n]
    return [x for x in [attrs.get("label"), *(attrs.get("aliases") or ())] if x]
