"""Why a score is what it is: factors and claims of an edge, edges and chains of a company.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/a", type="CloudProvider", label="Acme Cloud", aliases=["ACL"])
>>> G.add_node("org/b", type="ChipVendor", label="Bolt")
>>> _ = G.add_edge("org/a", "org/b", key="r", predicate="depends_on", confidence=1.0,
...                evidence="Acme Cloud needs the parts only Bolt makes.")
>>> resolve(G, "acl")
'org/a'
>>> e = explain_edge(G, "Acme Cloud", "bolt")
>>> [(f.name, round(f.value, 2)) for f in e.factors if f.known]
[('scarcity', 0.86)]
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from vendorgraph.analysis.dependencies import as_dependencies
from vendorgraph.analysis.exposure import single_points_of_failure
from vendorgraph.analysis.gaps import (
    CompanyGaps,
    FactorGap,
    company_gaps,
    factor_gaps,
    unbacked_suppliers,
)
from vendorgraph.analysis.lockin import prepare, reliance, score
from vendorgraph.analysis.options import ScoringOptions
from vendorgraph.analysis.shares import stated_shares
from vendorgraph.analysis.switching import switching_cost
from vendorgraph.errors import UnknownEntityError
from vendorgraph.ontology.matching import graph_names, match_entity

__all__ = [
    "ClaimExplanation",
    "CompanyExplanation",
    "EdgeExplanation",
    "FactorExplanation",
    "Link",
    "explain_company",
    "explain_edge",
    "resolve",
]


def _names(G: nx.Graph, n: str) -> list[str]:
    """Return the id, label and aliases of a node."""
    attrs = G.nodes[n]
    return [n, str(attrs.get("label") or ""), *[str(a) for a in attrs.get("aliases") or ()]]


def resolve(G: nx.Graph, name: str) -> str:
    """Return the node id that `name` names, by :func:`vendorgraph.ontology.matching.match_entity`.

    An id or IRI, else a label or alias (case-insensitive, then without company forms such as
    "Corp."); organisations win over offerings with the same name.

    Raises
    ------
    UnknownEntityError
        If nothing matches; the message lists close matches.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("org/nvidia", label="Nvidia", type="ChipVendor")
    >>> resolve(G, "NVIDIA")
    'org/nvidia'
    >>> resolve(G, "nvida")
    Traceback (most recent call last):
    ...
    vendorgraph.errors.UnknownEntityError: no entity named 'nvida'; close matches: ['Nvidia', \
'org/nvidia']; give a label, an alias or an entity id such as 'org/nvidia'
    """
    return match_entity(name, graph_names(G))


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimExplanation:
    """A claim under a factor: its sentence, who says it, where, its weight and its share.

    ``published`` is the claim's date, else its article's; ``title`` and ``url`` are the
    article's; ``speaker_label`` is the speaker's name.
    """

    key: str
    predicate: str
    role: str
    sentence: str
    speaker: str | None
    source: str | None
    published: str | None
    weight: float
    magnitude: float
    polarity: int
    contribution: float
    counted: bool
    speaker_label: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FactorExplanation:
    """A factor of a switching cost: value (or unknown at its prior), weight, contribution."""

    name: str
    value: float
    known: bool
    prior: float
    weight: float
    contribution: float
    confidence: float
    claims: tuple[ClaimExplanation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EdgeExplanation:
    """Why ``dependent`` is locked in to ``provider``.

    ``gaps`` are the unknown factors with the kind of sentence that would give evidence for
    each; ``unbacked`` the companies named in the dependent's supply sentences with no claim
    that it depends on them.
    """

    dependent: str
    provider: str
    dependent_label: str
    provider_label: str
    switching_cost: float
    coverage: float
    reliance: float
    dependence: float
    capabilities: tuple[str, ...]
    factors: tuple[FactorExplanation, ...]
    from_evidence: float = 0.0
    from_prior: float = 0.0
    unknown: tuple[str, ...] = ()
    reliance_basis: str = ""
    reliance_claims: tuple[ClaimExplanation, ...] = ()
    revenue_share: float | None = None
    kinds: tuple[str, ...] = ()
    gaps: tuple[FactorGap, ...] = ()
    unbacked: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """Say how much of the switching cost is evidence and how much is prior, in words.

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
        >>> explain_edge(G, "org/a", "org/b").summary
        'switching cost 0.255, of which 0.000 from evidence and 0.255 from stated priors; \
coverage 0.00: all eight factors unknown (no claim speaks to them), so this score is all prior'
        """
        n = len(self.unknown)
        if n == len(self.factors):
            gap = "all eight factors unknown (no claim speaks to them), so this score is all prior"
        elif n:
            share = self.from_prior / self.switching_cost if self.switching_cost else 0.0
            gap = f"{_count(n)} unknown ({', '.join(self.unknown)}), so {share:.0%} of it is prior"
        else:
            gap = "every factor has evidence"
        return (
            f"switching cost {self.switching_cost:.3f}, of which {self.from_evidence:.3f} from "
            f"evidence and {self.from_prior:.3f} from stated priors; coverage "
            f"{self.coverage:.2f}: {gap}"
        )


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight")


def _count(n: int) -> str:
    return f"{_WORDS[n] if n < len(_WORDS) else n} factor{'s' if n != 1 else ''}"


def _explained(G: nx.Graph, c: Any, **scores: Any) -> ClaimExplanation:
    article = (G.graph.get("articles") or {}).get(c.article) or {}
    speaker = c.speaker
    label = G.nodes[speaker].get("label") if speaker is not None and speaker in G else None
    return ClaimExplanation(
        key=c.key,
        predicate=c.predicate,
        role=c.role,
        sentence=c.evidence,
        speaker=speaker,
        source=c.source or article.get("publisher"),
        published=c.published or article.get("published"),
        speaker_label=None if label is None else str(label),
        title=article.get("title"),
        url=article.get("url"),
        **scores,
    )


def _claims(G: nx.Graph, f: Any) -> tuple[ClaimExplanation, ...]:
    """Return the claims of a factor, strongest first, one per (sentence, sign)."""
    out = [
        _explained(
            G,
            s.evidence.claim,
            weight=s.evidence.weight,
            magnitude=s.evidence.magnitude,
            polarity=s.evidence.polarity,
            contribution=s.contribution,
            counted=s.counted,
        )
        for s in f.evidence
    ]
    ranked = sorted(out, key=lambda x: (not x.counted, -abs(x.contribution), x.key))
    seen: set[tuple[str, int]] = set()
    kept = []
    for x in ranked:
        sentence = (" ".join(x.sentence.split()).casefold() or x.key, x.polarity)
        if sentence not in seen:
            seen.add(sentence)
            kept.append(x)
    return tuple(sorted(kept, key=lambda x: (-abs(x.contribution), x.key)))


def _reliance(
    G: nx.Graph, deps: nx.DiGraph, a: str, b: str, value: float
) -> tuple[str, tuple[ClaimExplanation, ...], float | None]:
    """Where the reliance comes from: the stated share and its sentence, or the default split."""
    names = {n: _names(deps, n)[1:] for n in (a, b)}
    found = [
        (share, c)
        for c in deps.edges[a, b].get("claims", ())
        for share in stated_shares(c, customer=names[a], supplier=names[b])
    ]
    mine = [(s, c) for s, c in found if s.side == "customer"]
    theirs = [s.value for s, _ in found if s.side == "supplier"]
    revenue = max(theirs) if theirs else None
    zero = {"weight": 1.0, "magnitude": 0.0, "polarity": 1, "contribution": 0.0}
    if mine:
        share, c = max(mine, key=lambda x: x[0].value)
        of = f"a stated {share.total}" if share.total else "the customer's need"
        basis = f"stated in the text: {share.text} of {of} ({share.value:.2f})"
        return basis, (_explained(G, c, counted=True, **zero),), revenue
    n = round(1 / value) if value > 0 else 0
    if n <= 1:
        basis = "no share stated; the only supplier of this capability in the graph (default)"
    else:
        basis = f"no share stated; 1/{n}, split over {n} suppliers of the same capability (default)"
    return basis, (), revenue


def explain_edge(
    G: nx.Graph, i: str, j: str, *, options: ScoringOptions | None = None
) -> EdgeExplanation:
    """Explain the switching cost and dependence of `i` on `j` (names, aliases or ids).

    Parameters
    ----------
    G : nx.MultiDiGraph or nx.DiGraph
        Claims or a dependency graph.
    i, j : str
        The dependent and the provider, resolved with :func:`resolve`.
    options : ScoringOptions, optional
        Weights and priors, factor rules and date, as in
        :func:`~vendorgraph.analysis.lockin.lockin`.

    Returns
    -------
    EdgeExplanation
        The factors in model order; under each, its claims by absolute leave-one-out
        contribution (exact: the factor contributions add up to the switching cost).

    Raises
    ------
    UnknownEntityError
        If a name matches nothing or there is no dependency of `i` on `j`.

    Notes
    -----
    Additive composite, so contributions are exact (OECD/JRC Handbook 2008); factors after
    Klemperer (1987) and Shapiro & Varian (1999).

    References
    ----------
    .. [1] OECD/JRC, *Handbook on Constructing Composite Indicators*, 2008.
    .. [2] P. Klemperer, "Markets with consumer switching costs", QJE 102(2), 1987.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
    >>> round(explain_edge(G, "org/a", "org/b").switching_cost, 3)
    0.255
    """
    opts = ScoringOptions() if options is None else options
    deps = as_dependencies(G, as_of=opts.as_of)
    a, b = resolve(G, i), resolve(G, j)
    p, rules = opts.parameters, opts.rules
    sc = switching_cost(deps, a, b, params=p, rules=rules, as_of=opts.as_of)
    rel = float(reliance(deps, p)[list(deps.edges()).index((a, b))])
    basis, stated, revenue = _reliance(G, deps, a, b, rel)
    factors = tuple(
        FactorExplanation(
            name=f.name,
            value=f.value,
            known=f.known,
            prior=f.prior,
            weight=f.weight,
            contribution=f.contribution,
            confidence=f.confidence,
            claims=_claims(G, f),
        )
        for f in sc.factors
    )
    return EdgeExplanation(
        dependent=a,
        provider=b,
        dependent_label=str(deps.nodes[a].get("label", a)),
        provider_label=str(deps.nodes[b].get("label", b)),
        switching_cost=sc.value,
        coverage=sc.coverage,
        reliance=rel,
        dependence=min(1.0, rel * sc.value),
        capabilities=tuple(deps.edges[a, b].get("capabilities", ())),
        factors=factors,
        from_evidence=sum(f.contribution for f in factors if f.known),
        from_prior=sum(f.contribution for f in factors if not f.known),
        unknown=tuple(f.name for f in factors if not f.known),
        reliance_basis=basis,
        reliance_claims=stated,
        revenue_share=revenue,
        kinds=tuple(deps.edges[a, b].get("kinds", ())),
        gaps=factor_gaps([f.name for f in factors if not f.known], p, rules),
        unbacked=unbacked_suppliers(G, deps).get(a, ()),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A chain of dependence from the provider outwards: ``path[k+1]`` depends on ``path[k]``."""

    path: tuple[str, ...]
    impact: float


@dataclass(frozen=True, slots=True, kw_only=True)
class CompanyExplanation:
    """The lock-in a company exerts (edges and chains carrying it) and suffers.

    ``gaps`` says what its lock-in exerted rests on without evidence (None: no customers);
    ``unbacked`` the suppliers named in its supply sentences with no claim behind them.
    """

    id: str
    label: str
    lockin: float
    direct: float
    indirect: float
    percentile: float
    method: str
    exposure: float
    hhi: float
    customers: tuple[Link, ...]
    chains: tuple[Link, ...]
    suppliers: tuple[Link, ...]
    single_points_of_failure: tuple[str, ...]
    gaps: CompanyGaps | None = None
    unbacked: tuple[str, ...] = ()


def _chains(W: nx.DiGraph, j: str, *, depth: int, top: int) -> tuple[Link, ...]:
    found: list[tuple[float, tuple[str, ...]]] = []
    stack: list[tuple[tuple[str, ...], float]] = [((j,), 1.0)]
    while stack:
        path, impact = stack.pop()
        if len(path) > 2:
            found.append((impact, path))
        if len(path) <= depth:
            nxt = heapq.nlargest(
                top,
                W.predecessors(path[-1]),
                key=lambda i: (W.edges[i, path[-1]]["dependence"], str(i)),
            )
            stack.extend(
                ((*path, i), impact * W.edges[i, path[-1]]["dependence"])
                for i in nxt
                if i not in path
            )
    best = sorted(found, key=lambda x: (-x[0], x[1]))[:top]
    return tuple(Link(path=p, impact=x) for x, p in best)


def explain_company(
    G: nx.Graph,
    j: str,
    *,
    options: ScoringOptions | None = None,
    top: int = 5,
    depth: int = 3,
) -> CompanyExplanation:
    """Explain a company's lock-in: the direct customers and the chains (top paths) carrying it.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("org/b", "org/a", "r1", {"predicate": "supplies"}),
    ...                      ("org/c", "org/b", "r2", {"predicate": "supplies"})])
    >>> e = explain_company(G, "org/c")
    >>> e.chains[0].path, round(e.chains[0].impact, 4)
    (('org/c', 'org/b', 'org/a'), 0.065)
    """
    opts = ScoringOptions() if options is None else options
    prep = prepare(G, options=opts)
    result = score(prep, v=opts.node_weights(G), options=replace(opts.lockin, crosscheck=False))
    node = resolve(G, j)
    k = result.nodes.index(node) if node in result.nodes else -1
    if k < 0:
        raise UnknownEntityError(f"{node!r} takes part in no dependency; nothing to explain")
    D = nx.DiGraph()
    D.add_weighted_edges_from(
        ((a, b, float(x)) for (a, b), x in zip(result.edges, result.dependence, strict=True)),
        weight="dependence",
    )

    def links(pairs: list[tuple[str, str]]) -> tuple[Link, ...]:
        rows = [Link(path=p, impact=D.edges[p[1], p[0]]["dependence"]) for p in pairs]
        return tuple(sorted(rows, key=lambda x: (-x.impact, x.path))[:top])

    return CompanyExplanation(
        id=node,
        label=str(prep.deps.nodes[node].get("label", node)),
        lockin=float(result.lockin[k]),
        direct=float(result.direct[k]),
        indirect=float(result.indirect[k]),
        percentile=float(result.percentile[k]),
        method=result.method[k],
        exposure=float(result.exposure[k]),
        hhi=float(result.hhi[k]),
        customers=links([(node, i) for i in D.predecessors(node)]),
        chains=_chains(D, node, depth=depth, top=top),
        suppliers=tuple(
            Link(path=(s, node), impact=D.edges[node, s]["dependence"])
            for s in sorted(D.successors(node))
        ),
        single_points_of_failure=tuple(str(x) for x in single_points_of_failure(D, node)),
        gaps=company_gaps(result, prep.params).get(node),
        unbacked=unbacked_suppliers(G, prep.deps).get(node, ()),
    )
