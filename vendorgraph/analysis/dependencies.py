"""Dependency edges derived from claims, and the one place that fixes their direction.

An edge ``i -> j`` of the dependency graph means **i depends on j** (customer -> supplier).
Distress flows the other way: if j fails, i is hurt, so the impact matrix is the transpose,
``W[j, i] = D[i, j]`` (:func:`impact_matrix`). Every other module takes its direction from here.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("org/a", type="CloudProvider", label="A")
>>> G.add_node("org/b", type="ChipVendor", label="B")
>>> G.add_edge("org/b", "org/a", key="r1", predicate="supplies", evidence="B sells to A.")
'r1'
>>> deps = dependency_graph(G)
>>> list(deps.edges())
[('org/a', 'org/b')]
>>> deps.edges["org/a", "org/b"]["claims"][0].role
'supply'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from vendorgraph.analysis.capabilities import capability_of, offering_capability
from vendorgraph.ontology.dates import parse_date

__all__ = [
    "SUPPORT_ROLES",
    "Claim",
    "ClaimQuantity",
    "as_dependencies",
    "dependency_graph",
    "impact_from_index",
    "impact_matrix",
    "independent_source",
    "latest_published",
]

SUPPORT_ROLES: tuple[str, ...] = ("supply", "deploy", "integrate", "depend")
_ROLE_OF = {"supplies": "supply", "deploys": "deploy", "uses": "deploy"}
_ROLE_OF |= {"integrates": "integrate", "depends_on": "depend"}
_OFFERINGS = frozenset({"Chip", "Product", "Technology"})
_NOT_COMPANIES = frozenset({"Person", "Place"}) | _OFFERINGS
_TIES = {"partners_with": "partner", "invests_in": "invest", "owns": "invest"}
_TIES |= {"acquires": "invest"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimQuantity:
    """The number a claim carries (from the edge attribute ``quantity``)."""

    kind: str
    value: float | None = None
    normalized: float | None = None
    unit: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One claim of the source graph, as it bears on one dependency edge.

    ``role`` says how it bears: a supporting role (:data:`SUPPORT_ROLES`) or a counter role
    (``inhouse``, ``partner``, ``invest``, ``restriction``, ``forced_exit``, ``multisource``);
    ``quantities`` holds every number of its sentence (its own first); ``via`` is the
    offering that links the claim to the supplier (a chip the supplier develops), if any.
    """

    key: str
    subject: str
    object: str
    predicate: str
    role: str
    via: str | None = None
    evidence: str = ""
    speaker: str | None = None
    source: str | None = None
    published: str | None = None
    confidence: float = 1.0
    modality: str = "asserted"
    quantity: ClaimQuantity | None = None
    start: str | None = None
    end: str | None = None
    capability: str | None = None
    article: str | None = None
    wire_source: str | None = None
    quantities: tuple[ClaimQuantity, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _Context:
    """What reading a claim needs from the whole graph: article dates and sentence numbers."""

    published: Mapping[str, str | None]
    numbers: Mapping[str, tuple[tuple[int, int, ClaimQuantity], ...]]

    def sentence_numbers(self, d: Mapping[str, Any], own: ClaimQuantity | None) -> tuple:
        """Every number standing in the claim's sentence, the claim's own first."""
        span = d.get("span")
        found = [] if own is None else [own]
        if span is None or d.get("article") not in self.numbers:
            return tuple(found)
        start, end = int(span[0]), int(span[1])
        for a, b, q in self.numbers[str(d.get("article"))]:
            if start <= a and b <= end and q not in found:
                found.append(q)
        return tuple(found)


def _context(G: nx.Graph) -> _Context:
    articles = G.graph.get("articles") or {}
    numbers: dict[str, list[tuple[int, int, ClaimQuantity]]] = defaultdict(list)
    for row in G.graph.get("quantities") or ():
        q, span = _quantity(row), row.get("span")
        if q is not None and span is not None and row.get("article") is not None:
            numbers[str(row["article"])].append((int(span[0]), int(span[1]), q))
    return _Context(
        published={str(a): (m or {}).get("published") for a, m in articles.items()},
        numbers={a: tuple(sorted(v, key=lambda x: (x[0], x[1]))) for a, v in numbers.items()},
    )


_NO_CONTEXT = _Context(published={}, numbers={})


def _quantity(value: Any) -> ClaimQuantity | None:
    if not value:
        return None
    return ClaimQuantity(
        kind=str(value.get("kind", "")),
        value=value.get("value"),
        normalized=value.get("normalized"),
        unit=value.get("unit"),
        text=str(value.get("text", "")),
    )


def _claim(
    s: str,
    o: str,
    key: Any,
    d: Mapping[str, Any],
    role: str,
    via: str | None,
    ctx: _Context = _NO_CONTEXT,
) -> Claim:
    """Read one edge of the claim graph; an undated claim takes its article's date."""
    own = _quantity(d.get("quantity"))
    article = d.get("article")
    published = d.get("published") or ctx.published.get(str(article))
    return Claim(
        key=str(key),
        subject=s,
        object=o,
        predicate=str(d.get("predicate", "")),
        role=role,
        via=via,
        evidence=str(d.get("evidence") or ""),
        speaker=d.get("speaker"),
        source=d.get("source"),
        published=published,
        confidence=float(d.get("confidence", 1.0)),
        modality=str(d.get("modality") or "asserted"),
        quantity=own,
        start=d.get("start"),
        end=d.get("end"),
        capability=d.get("capability"),
        article=article,
        wire_source=d.get("wire_source"),
        quantities=ctx.sentence_numbers(d, own),
    )


def independent_source(c: Claim) -> str | None:
    """Return the independent source of a claim: the wire service it credits, else its source.

    Syndicated copies of one wire story, carried by several publishers, share it.

    Examples
    --------
    >>> c = Claim(key="k", subject="a", object="b", predicate="uses", role="use",
    ...           source="Daily Paper", wire_source="Wire Co")
    >>> independent_source(c)
    'Wire Co'
    """
    return c.wire_source or c.source


def _type(G: nx.Graph, n: str) -> str:
    return str(G.nodes[n].get("type", "Organization")) if n in G else "Organization"


def _is_offering(G: nx.Graph, n: str) -> bool:
    return _type(G, n) in _OFFERINGS


def _is_company(G: nx.Graph, n: str) -> bool:
    return _type(G, n) not in _NOT_COMPANIES


def _kind(G: nx.Graph, n: str | None) -> str | None:
    """Return the capability an offering serves (:mod:`.capabilities`), else its type."""
    if n is None or n not in G:
        return None
    return offering_capability(G, n) or _type(G, n)


def _developers(G: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    """Map each offering to the companies that develop it (edges, then attributes, then parent)."""
    made: dict[str, set[str]] = defaultdict(set)
    for s, o, d in G.edges(data=True):
        if d.get("predicate") == "develops" and _is_company(G, s):
            made[o].add(s)
    for n, d in G.nodes(data=True):
        if n in made or not _is_offering(G, n):
            continue
        named = d.get("developer") or d.get("parent")
        for dev in [named] if isinstance(named, str) else list(named or ()):
            if dev in G and _is_company(G, dev):
                made[n].add(dev)
    return {n: tuple(sorted(v)) for n, v in made.items()}


def _suppliers(G: nx.MultiDiGraph, n: str, developers: Mapping[str, Sequence[str]]) -> tuple:
    if _is_offering(G, n):
        return tuple((j, n) for j in developers.get(n, ()))
    return ((n, None),) if _is_company(G, n) else ()


def _support(
    G: nx.MultiDiGraph, s: str, o: str, d: Mapping[str, Any], devs: Mapping[str, Sequence[str]]
) -> Iterator[tuple[str, str, str | None]]:
    """Yield (dependent, provider, via) for a claim that supports a dependency."""
    role = _ROLE_OF.get(str(d.get("predicate")))
    if role is None:
        return
    customer, offer = (o, s) if role == "supply" else (s, o)
    customers = [customer] if _is_company(G, customer) else _makers(G, customer, devs)
    for i in customers:
        for j, via in _suppliers(G, offer, devs):
            if j != i:
                yield i, j, via


def _makers(G: nx.Graph, n: str, devs: Mapping[str, Sequence[str]]) -> Sequence[str]:
    """Return the companies behind an offering that uses another (Maia 200 -> Microsoft)."""
    return devs.get(n, ()) if _is_offering(G, n) else ()


def latest_published(G: nx.Graph) -> date | None:
    """Return the latest ``published`` date over the claims of `G` (None if none is dated)."""
    if isinstance(G, nx.MultiDiGraph) or not isinstance(G, nx.DiGraph):
        texts = {d.get("published") for *_, d in G.edges(data=True)}
        texts |= {(m or {}).get("published") for m in (G.graph.get("articles") or {}).values()}
    else:
        texts = {c.published for *_, cs in G.edges(data="claims", default=()) for c in cs}
    dated = [x for x in map(parse_date, texts - {None}) if x is not None]
    return max(dated) if dated else None


def _known(d: Mapping[str, Any], as_of: date | None) -> bool:
    published = parse_date(d.get("published"))
    return as_of is None or published is None or published <= as_of


def _expired(c: Claim, as_of: date | None) -> bool:
    end = parse_date(c.end, end=True)
    return as_of is not None and end is not None and end < as_of


def dependency_graph(G: nx.MultiDiGraph, *, as_of: str | date | None = None) -> nx.DiGraph:
    """Derive the dependency graph (i -> j: i depends on j) from a graph of claims.

    A claim supports ``i -> j`` when j supplies i, i deploys or uses X that j develops (a
    ``develops`` edge, else the node attribute ``developer``, else ``parent``), i integrates
    j's technology, or i depends_on j (or j's offering); a claim whose subject is i's own
    offering counts for i ("Maia 200 uses TSMC's 3nm process": Microsoft depends on TSMC).
    Each edge is labelled with the capabilities it is for (:mod:`.capabilities`: frontier
    accelerator, CPU, memory ...). Counter-evidence is attached to the edges it bears on: i
    develops an offering of the same capability (``inhouse``), i also gets that capability
    from another supplier (``multisource``), i and j partner (``partner``) or hold
    equity (``invest``), the restrictions of a sentence name i but not j (``restriction``: i's
    alternatives are limited) or name i and j (``forced_exit``). A claim without a date takes
    its article's; ``quantities`` carries every number of the claim's sentence.

    Parameters
    ----------
    G : nx.MultiDiGraph
        Claims as in the networkx contract (``docs/contracts.md``).
    as_of : str or date, optional
        Ignore claims published after this date and drop edges whose supporting claims have
        all expired (``end`` before it). None keeps everything.

    Returns
    -------
    nx.DiGraph
        Company nodes (with ``type`` and ``label``); edge attributes ``claims`` (supporting
        :class:`Claim` records, sorted by key), ``counter`` (counter :class:`Claim` records),
        ``capabilities`` and ``kinds`` (sorted tuples). ``graph["as_of"]`` holds `as_of` and
        ``graph["articles"]`` the article metadata of `G`; nodes keep ``aliases`` and ``parent``.

    Notes
    -----
    The direction convention (dependent -> provider) is fixed here and in
    :func:`impact_matrix`, and nowhere else.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/c", type="CloudProvider"); G.add_node("org/v", type="ChipVendor")
    >>> G.add_node("product/x", type="Chip")
    >>> _ = G.add_edge("org/v", "product/x", key="d", predicate="develops")
    >>> _ = G.add_edge("org/c", "product/x", key="u", predicate="deploys")
    >>> e = dependency_graph(G).edges["org/c", "org/v"]
    >>> e["capabilities"], e["kinds"], e["claims"][0].via
    (('product/x',), ('frontier_accelerator',), 'product/x')
    """
    cutoff = parse_date(as_of)
    devs = _developers(G)
    ctx = _context(G)
    deps = nx.DiGraph(as_of=None if cutoff is None else cutoff.isoformat())
    deps.graph["articles"] = dict(G.graph.get("articles") or {})
    support: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for s, o, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2])):
        if _known(d, cutoff):
            role = _ROLE_OF.get(str(d.get("predicate")), "")
            for i, j, via in _support(G, s, o, d, devs):
                support[i, j].append(_claim(s, o, k, d, role, via, ctx))
    for (i, j), claims in sorted(support.items()):
        if all(_expired(c, cutoff) for c in claims):
            continue
        _add_edge(G, deps, i, j, claims)
    _attach_counter(G, deps, devs, cutoff, ctx)
    return deps


def _add_edge(G: nx.MultiDiGraph, deps: nx.DiGraph, i: str, j: str, claims: list[Claim]) -> None:
    for n in (i, j):
        if n not in deps:
            attrs = G.nodes[n] if n in G else {}
            deps.add_node(
                n,
                type=_type(G, n),
                label=str(attrs.get("label") or n),
                aliases=tuple(str(a) for a in attrs.get("aliases") or ()),
                parent=attrs.get("parent"),
            )
    caps = {c.via or c.capability for c in claims} - {None}
    kinds = {_kind(G, c) for c in caps} - {None}
    deps.add_edge(
        i,
        j,
        claims=tuple(claims),
        counter=(),
        capabilities=tuple(sorted(str(c) for c in caps)),
        kinds=tuple(sorted(str(k) for k in kinds)),
    )


def _attach_counter(
    G: nx.MultiDiGraph,
    deps: nx.DiGraph,
    devs: Mapping[str, Sequence[str]],
    cutoff: date | None,
    ctx: _Context,
) -> None:
    offerings: dict[str, set[str]] = defaultdict(set)
    for x, makers in devs.items():
        for m in makers:
            offerings[m].add(x)
    extra: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    rules: dict[Any, list[tuple[str, str, Any, Mapping[str, Any]]]] = defaultdict(list)
    for s, o, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2])):
        if _known(d, cutoff) and d.get("predicate") == "restricts":
            rules[_sentence(d, k)].append((s, o, k, d))
        elif _known(d, cutoff):
            for edge, claim in _counter_of(G, deps, (s, o, k, d), offerings, ctx):
                extra[edge].append(claim)
    found = (_restriction(G, deps, group, offerings, ctx) for group in rules.values())
    for edge, claim in [*(x for g in found for x in g), *_multisource(G, deps)]:
        extra[edge].append(claim)
    for edge, claims in extra.items():
        attrs = deps.edges[edge]
        names = _node_names(deps, edge[1])
        attrs["counter"] = tuple(c for c in claims if not _overruled(c, attrs["claims"], names))


_CONTRAST = re.compile(r",?\s+(?:but|yet|however|though|although|even so|still)\s+", re.I)
_AGAINST = frozenset({"inhouse", "multisource"})


def _node_names(deps: nx.DiGraph, n: str) -> tuple[str, ...]:
    attrs = deps.nodes[n]
    return tuple(x for x in (attrs.get("label"), *(attrs.get("aliases") or ())) if x)


def _overruled(c: Claim, support: Sequence[Claim], provider: Sequence[str]) -> bool:
    """Whether a counter claim's sentence is one that supports the edge (clause-level polarity).

    One sentence counts one way. "X is developing its own chips, but needs Y's GPUs" concedes
    the in-house effort and asserts the need, and "X integrates Y's interconnect into its own
    chips" puts Y inside X's chips: neither names an alternative to Y, so the in-house (or
    second-source) reading of a sentence that also supports ``X -> Y`` is dropped, unless Y is
    named only before a "but" and the alternative after it ("X needs Y today, but its own chips
    will replace them").
    """
    if c.role not in _AGAINST or not c.evidence:
        return False
    text = " ".join(c.evidence.split())
    if text not in {" ".join(x.evidence.split()) for x in support}:
        return False
    parts = _CONTRAST.split(text, maxsplit=1)
    if len(parts) < 2:
        return True
    low = [p.casefold() for p in parts]
    named = [any(n.casefold() in p for n in provider) for p in low]
    return not (named[0] and not named[1])


def _sentence(d: Mapping[str, Any], key: Any) -> Any:
    span = d.get("span")
    if span is None:
        return ("key", str(key))
    return (d.get("article"), int(span[0]), int(span[1]))


def _counter_of(
    G: nx.MultiDiGraph,
    deps: nx.DiGraph,
    edge: tuple[str, str, Any, Mapping[str, Any]],
    offerings: Mapping[str, set[str]],
    ctx: _Context,
) -> Iterator[tuple[tuple[str, str], Claim]]:
    s, o, k, d = edge
    predicate = str(d.get("predicate"))
    if predicate == "develops" and s in deps:
        kind = _kind(G, o)
        for j in deps.successors(s):
            if kind in deps.edges[s, j]["kinds"] and o not in offerings.get(j, ()):
                yield (s, j), _claim(s, o, k, d, "inhouse", o, ctx)
    elif predicate in _TIES:
        for i, j in ((s, o), (o, s)):
            if deps.has_edge(i, j):
                yield (i, j), _claim(s, o, k, d, _TIES[predicate], None, ctx)


def _ancestors(G: nx.Graph, n: str) -> set[str]:
    seen = {n}
    parent = G.nodes[n].get("parent") if n in G else None
    while isinstance(parent, str) and parent not in seen:
        seen.add(parent)
        parent = G.nodes[parent].get("parent") if parent in G else None
    return seen


def _restriction(
    G: nx.MultiDiGraph,
    deps: nx.DiGraph,
    group: Sequence[tuple[str, str, Any, Mapping[str, Any]]],
    offerings: Mapping[str, set[str]],
    ctx: _Context,
) -> Iterator[tuple[tuple[str, str], Claim]]:
    """Attach the restrictions of one sentence to every dependency they touch.

    What the sentence restricts (its objects and capabilities, taken together: "halt shipments
    to China of chips designed by Nvidia" is two claims) touches ``i -> j`` on the customer
    side when it names i (or i's group) as a target, and on the supplier side when it names j,
    j's group or j's offering. A named company that supplies the restricted goods in the graph
    is the restriction's seller, not its target (:func:`_sellers`): "halt shipments of Nvidia
    chips to China" limits Nvidia's sales, not Nvidia's own purchases. Touching the customer
    only limits i's alternatives (``restriction``, raises lock-in); touching both cuts i off j
    (``forced_exit``: a what-if cut, not lock-in).
    """
    touched = {str(x) for _, o, _, d in group for x in (o, d.get("capability")) if x is not None}
    s, o, k, d = group[0]
    targets = touched - _sellers(G, deps, touched, str(d.get("evidence") or ""))
    for i, j in deps.edges():
        if not targets & _ancestors(G, i):
            continue
        hits_j = touched & (_ancestors(G, j) | offerings.get(j, set()))
        role = "forced_exit" if hits_j else "restriction"
        yield (i, j), _claim(s, o, k, d, role, None, ctx)


def _sellers(G: nx.Graph, deps: nx.DiGraph, touched: set[str], text: str) -> set[str]:
    """Return the named companies that supply, in `deps`, the goods a restriction is on.

    The restricted goods are the capabilities of the offerings it names, else the one its
    sentence's words give ("A800 and H800": frontier accelerators); when neither says, any
    supply counts. A company that supplies nobody in the graph is a target, never a seller.
    """
    named = {offering_capability(G, x) for x in touched if _is_offering(G, x)}
    restricted = (named | {capability_of(text)}) - {None}
    out = set()
    for x in touched & set(deps):
        supplied = {c for i in deps.predecessors(x) for c in deps.edges[i, x]["kinds"]}
        if deps.in_degree(x) and (not restricted or not supplied or supplied & restricted):
            out.add(x)
    return out


def _multisource(G: nx.Graph, deps: nx.DiGraph) -> Iterator[tuple[tuple[str, str], Claim]]:
    for i, j in deps.edges():
        kinds = set(deps.edges[i, j]["kinds"])
        for k in deps.successors(i):
            shared = kinds & set(deps.edges[i, k]["kinds"]) if k != j else set()
            for c in deps.edges[i, k]["claims"] if shared else ():
                if _kind(G, c.via or c.capability) in shared:
                    yield (i, j), _with_role(c, "multisource")


def _with_role(c: Claim, role: str) -> Claim:
    fields = {f: getattr(c, f) for f in Claim.__dataclass_fields__}
    return Claim(**(fields | {"role": role}))


def as_dependencies(G: nx.Graph, *, as_of: str | date | None = None) -> nx.DiGraph:
    """Return `G` if it is a dependency graph already, else derive one from its claims.

    Examples
    --------
    >>> import networkx as nx
    >>> D = nx.DiGraph()
    >>> as_dependencies(D) is D
    True
    """
    if isinstance(G, nx.MultiDiGraph):
        return dependency_graph(G, as_of=as_of)
    return G


def impact_matrix(
    deps: nx.DiGraph,
    values: Iterable[float] | None = None,
    *,
    nodelist: Sequence[str] | None = None,
    weight: str = "dependence",
) -> sp.csr_array:
    """Return the impact matrix ``W`` with ``W[j, i] = D[i, j]``: row j holds whom j's loss hurts.

    Parameters
    ----------
    deps : nx.DiGraph
        Dependency edges ``i -> j`` (i depends on j).
    values : iterable of float, optional
        Dependence of each edge in ``deps.edges()`` order; else the edge attribute `weight`.
    nodelist : sequence of str, optional
        Row and column order; default ``list(deps)``.
    weight : str
        Edge attribute holding ``D[i, j]`` when `values` is None (missing means 1).

    Returns
    -------
    scipy.sparse.csr_array
        ``n x n``, built once; rows are providers, columns dependents.

    Examples
    --------
    >>> import networkx as nx
    >>> deps = nx.DiGraph([("a", "b", {"dependence": 0.5})])
    >>> impact_matrix(deps).toarray()
    array([[0. , 0. ],
           [0.5, 0. ]])
    """
    nodes = list(deps) if nodelist is None else list(nodelist)
    index = {n: k for k, n in enumerate(nodes)}
    edges = list(deps.edges(data=True))
    if values is None:
        data = np.array([float(d.get(weight, 1.0)) for *_, d in edges], dtype=float)
    else:
        data = np.fromiter(values, dtype=float, count=len(edges))
    dependent = np.array([index[i] for i, _, _ in edges], dtype=np.int64)
    provider = np.array([index[j] for _, j, _ in edges], dtype=np.int64)
    return impact_from_index(dependent, provider, data, len(nodes))


def impact_from_index(
    dependent: np.ndarray, provider: np.ndarray, dependence: np.ndarray, n: int
) -> sp.csr_array:
    """Return ``W`` (n x n CSR) with ``W[provider, dependent] = dependence``: the one transpose.

    Examples
    --------
    >>> impact_from_index(np.array([0]), np.array([1]), np.array([0.5]), 2).toarray()
    array([[0. , 0. ],
           [0.5, 0. ]])
    """
    return sp.csr_array((dependence, (provider, dependent)), shape=(n, n))
