"""Evidence gaps: what the text does not say, and what kind of sentence would say it.

A switching cost with unknown factors rests on stated priors; a company named in the articles
with no dependency, or a supplier named in a sentence about a customer's supply with no claim
behind it, is a hole in the graph. This module lists both, so that a reader knows which
sources to look for before trusting a rank.

Examples
--------
>>> import networkx as nx
>>> from vendorgraph.analysis.lockin import lockin
>>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
>>> [g.factor for g in edge_gaps(lockin(G), ("org/a", "org/b"))][:3]
['integration', 'scarcity', 'learning']
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources

import networkx as nx
import numpy as np

from vendorgraph.analysis.dependencies import as_dependencies
from vendorgraph.analysis.factors import Rule, load_rules
from vendorgraph.analysis.groups import group_roots
from vendorgraph.analysis.lockin import LockinResult
from vendorgraph.analysis.weights import FACTORS, Parameters, load_parameters

__all__ = [
    "CompanyGaps",
    "EvidenceGaps",
    "FactorGap",
    "company_gaps",
    "edge_gaps",
    "evidence_gaps",
    "factor_gaps",
    "unbacked_suppliers",
    "unlinked_companies",
]

# organisations that are not in the supply chain as suppliers: who reports, regulates or funds
_NOT_SUPPLIERS = frozenset(
    {"Person", "Place", "Chip", "Product", "Technology", "Publisher", "NewsAgency"}
    | {"Government", "Regulator", "InvestmentFirm", "Consultancy"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorGap:
    """A factor of an edge no claim speaks to: its weight and prior, and what would fill it.

    ``wanted`` describes the kind of sentence that would give evidence; ``cues`` are the words
    the factor rules read (``data/factor_rules.toml``) in such a sentence.
    """

    factor: str
    weight: float
    prior: float
    wanted: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CompanyGaps:
    """What the lock-in a company exerts rests on without evidence.

    ``unknown_everywhere`` are the factors unknown on every edge of its customers;
    ``all_prior`` the customers whose dependence on it has no evidence in any factor;
    ``prior_share`` the part of its direct lock-in that comes from stated priors.
    """

    id: str
    unknown_everywhere: tuple[str, ...]
    all_prior: tuple[str, ...]
    prior_share: float


@functools.cache
def _wanted() -> dict[str, str]:
    text = resources.files("vendorgraph.analysis").joinpath("data/evidence_gaps.toml")
    return {str(k): str(v) for k, v in tomllib.loads(text.read_text("utf-8"))["wanted"].items()}


def _cues(rules: Sequence[Rule], factor: str) -> tuple[str, ...]:
    found = [c for r in rules if r.factor == factor and r.polarity > 0 for c in r.cues]
    return tuple(dict.fromkeys(found))


def edge_gaps(
    result: LockinResult,
    edge: tuple[str, str],
    *,
    params: Parameters | None = None,
    rules: Sequence[Rule] | None = None,
) -> tuple[FactorGap, ...]:
    """Return the unknown factors of one dependency of a lock-in result, in model order.

    Parameters
    ----------
    result : LockinResult
        Scores from :func:`~vendorgraph.analysis.lockin.lockin`.
    edge : (str, str)
        The dependent and the provider.
    params, rules : optional
        The weights and priors, and the factor rules, the result was scored with.

    Returns
    -------
    tuple of FactorGap
        Empty when every factor has evidence.

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.lockin import lockin
    >>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
    >>> gap = edge_gaps(lockin(G), ("org/a", "org/b"))[4]
    >>> gap.factor, gap.weight, "amount" in gap.wanted
    ('contractual', 0.1, True)
    """
    e = result.edges.index((edge[0], edge[1]))
    known = result.known[e]
    return factor_gaps([f for k, f in enumerate(FACTORS) if not known[k]], params, rules)


def factor_gaps(
    factors: Sequence[str], params: Parameters | None = None, rules: Sequence[Rule] | None = None
) -> tuple[FactorGap, ...]:
    """Return a :class:`FactorGap` for each of `factors` (unknown factors of an edge).

    Examples
    --------
    >>> factor_gaps(["migration"])[0].cues[:2]
    ('migrat', 'requalif')
    """
    p = load_parameters() if params is None else params
    rs = load_rules() if rules is None else tuple(rules)
    return tuple(
        FactorGap(
            factor=f,
            weight=float(p.weights[f]),
            prior=float(p.priors[f]),
            wanted=_wanted()[f],
            cues=_cues(rs, f),
        )
        for f in factors
    )


def company_gaps(result: LockinResult, params: Parameters | None = None) -> dict[str, CompanyGaps]:
    """Return, for each company with customers, what its lock-in exerted rests on unstated.

    ``prior_share`` weighs each customer's dependence by the part of its switching cost that
    comes from the priors of unknown factors (additive aggregation, the model's own).

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.lockin import lockin
    >>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
    >>> g = company_gaps(lockin(G))["org/b"]
    >>> g.all_prior, g.prior_share
    (('org/a',), 1.0)
    """
    edges, known, dependence = result.edges, result.known, result.dependence
    w = np.asarray((load_parameters() if params is None else params).weight_vector())
    from_prior = (result.factors * ~known) @ w
    part = np.divide(
        from_prior,
        result.switching_cost,
        out=np.zeros_like(from_prior),
        where=result.switching_cost > 0,
    )
    out = {}
    for j in sorted({p for _, p in edges}):
        mine = [e for e, (_, p) in enumerate(edges) if p == j]
        unknown = tuple(f for k, f in enumerate(FACTORS) if not known[mine, k].any())
        total = float(sum(dependence[e] for e in mine))
        prior = float(sum(dependence[e] * part[e] for e in mine))
        out[j] = CompanyGaps(
            id=j,
            unknown_everywhere=unknown,
            all_prior=tuple(sorted(edges[e][0] for e in mine if not known[e].any())),
            prior_share=prior / total if total > 0 else 0.0,
        )
    return out


def unlinked_companies(G: nx.Graph, deps: nx.DiGraph) -> tuple[str, ...]:
    """Return the companies of `G` that could be suppliers but take part in no dependency.

    Publishers, governments, investors and consultancies are not counted: they are in the
    articles as sources or rule-makers, not as links of supply; nor is a company whose
    corporate group takes part (Alphabet, when Google does).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/c", type="CloudProvider"); G.add_node("org/p", type="Publisher")
    >>> unlinked_companies(G, nx.DiGraph())
    ('org/c',)
    """
    root = group_roots(G)
    linked = {root.get(n, n) for n in deps}
    return tuple(sorted(n for n in G if _supplier_kind(G, n) and root.get(n, n) not in linked))


def _supplier_kind(G: nx.Graph, n: str) -> bool:
    return str(G.nodes[n].get("type", "Organization")) not in _NOT_SUPPLIERS


def unbacked_suppliers(G: nx.Graph, deps: nx.DiGraph) -> dict[str, tuple[str, ...]]:
    """Return, per customer, the suppliers named in a sentence about its supply with no claim.

    A company that supplies someone in `deps` (or whose type is a supplier's: chip vendor,
    cloud, foundry ...) named by label or alias in a sentence that supports one of the
    customer's dependencies, with no dependency of the customer on it or its group, is a
    supplier the text names without a claim behind it ("Meta uses TPUs, as it does Nvidia and
    AMD GPUs": the AMD link is named, not claimed). Names match as written (a proper name, so
    "Cloud" is not the word "cloud"), longest first ("Cloud" is not found in "Google Cloud").

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.dependencies import dependency_graph
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("org/ace", "AILab"), ("org/bolt", "ChipVendor"), ("org/cato", "ChipVendor")]:
    ...     G.add_node(n, type=t, label=n[4:].title())
    >>> _ = G.add_edge("org/bolt", "org/ace", key="r", predicate="supplies",
    ...                evidence="Bolt sells chips to Ace, as Cato does.")
    >>> unbacked_suppliers(G, dependency_graph(G))
    {'org/ace': ('org/cato',)}
    """
    suppliers = {n for n in G if _supplier_kind(G, n)}
    suppliers = {n for n in suppliers if deps.in_degree(n) if n in deps} | {
        n for n in suppliers if str(G.nodes[n].get("type")) in _SUPPLIER_TYPES
    }
    find = _names(G, suppliers)
    root = group_roots(G)
    out: dict[str, tuple[str, ...]] = {}
    for i in deps:
        have = {root.get(n, n) for n in (i, *deps.successors(i))}
        said = (c.evidence for j in deps.successors(i) for c in deps.edges[i, j]["claims"])
        named = {k for text in said for k in find(text) if root.get(k, k) not in have}
        if named:
            out[i] = tuple(sorted(named))
    return dict(sorted(out.items()))


_SUPPLIER_TYPES = frozenset({"ChipVendor", "CloudProvider", "Foundry", "MemoryMaker", "AILab"})


def _names(G: nx.Graph, nodes: set[str]) -> Callable[[str], set[str]]:
    """Return a finder of the nodes named in a text: names as written, longest first."""
    owner: dict[str, str | None] = {}
    for n in sorted(G):
        attrs = G.nodes[n]
        for x in [attrs.get("label"), *(attrs.get("aliases") or ())]:
            word = str(x or "")
            if len(word) >= 3:
                owner[word] = n if n in nodes and owner.get(word, n) == n else None
    if not owner:
        return lambda text: set()
    alternatives = "|".join(re.escape(w) for w in sorted(owner, key=lambda w: (-len(w), w)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def find(text: str) -> set[str]:
        return {n for m in pattern.finditer(text) if (n := owner[m.group()])}

    return find


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceGaps:
    """Every gap of a scored graph.

    ``edges`` maps each dependency to its unknown factors; ``companies`` maps each supplier to
    its :class:`CompanyGaps`; ``unbacked`` maps each customer to the suppliers named in its
    sentences without a claim (:func:`unbacked_suppliers`); ``unlinked`` lists the companies
    with no dependency (:func:`unlinked_companies`).
    """

    edges: Mapping[tuple[str, str], tuple[str, ...]]
    companies: Mapping[str, CompanyGaps]
    unbacked: Mapping[str, tuple[str, ...]]
    unlinked: tuple[str, ...]


def evidence_gaps(
    G: nx.Graph,
    result: LockinResult,
    *,
    params: Parameters | None = None,
    as_of: str | date | None = None,
) -> EvidenceGaps:
    """Return the evidence gaps of a graph scored by :func:`~vendorgraph.analysis.lockin.lockin`.

    Parameters
    ----------
    G : nx.MultiDiGraph or nx.DiGraph
        The graph that was scored (claims, a group view, or a dependency graph).
    result : LockinResult
        Its scores.
    params : Parameters, optional
        The weights it was scored with (for the prior share).
    as_of : str or date, optional
        The date it was scored as of.

    Examples
    --------
    >>> import networkx as nx
    >>> from vendorgraph.analysis.lockin import lockin
    >>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
    >>> gaps = evidence_gaps(G, lockin(G))
    >>> len(gaps.edges["org/a", "org/b"]), gaps.companies["org/b"].all_prior
    (8, ('org/a',))
    """
    deps = as_dependencies(G, as_of=as_of)
    return EvidenceGaps(
        edges={
            e: tuple(f for k, f in enumerate(FACTORS) if not result.known[n, k])
            for n, e in enumerate(result.edges)
        },
        companies=company_gaps(result, params),
        unbacked=unbacked_suppliers(G, deps),
        unlinked=unlinked_companies(G, deps),
    )
