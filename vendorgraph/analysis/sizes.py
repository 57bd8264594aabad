"""Node weights from stated economic size: revenue or market value, where the text gives it.

Lock-in exerted counts the companies a failure impairs, each weighted by ``v``; the default
``v = 1`` makes it "company-equivalents". A weight from size makes it economic: a company with
$300B of revenue counts three reference companies. The reference is a fixed amount
(:data:`REFERENCE`: $100B of revenue, $1T of market value), never a total of the graph, and
a company whose size the text does not state counts one reference company, so adding an
unrelated article (and its companies) still changes no existing score.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(quantities=[
...     {"article": "a1", "span": (14, 19), "kind": "money", "text": "$300B", "value": 3e11,
...      "normalized": 3e11, "about": None}])
>>> G.add_node("org/n", type="ChipVendor", label="Nvidia")
>>> G.add_node("org/m", type="AILab", label="Mira")
>>> _ = G.add_edge("org/n", "org/m", key="r", predicate="supplies", article="a1",
...                span=(0, 40), evidence="Nvidia, with $300B in revenue, sells to Mira.")
>>> stated_sizes(G)
{'org/n': 300000000000.0}
>>> size_weights(G)
{'org/m': 1.0, 'org/n': 3.0}
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from vendorgraph.errors import InputError

__all__ = ["BASES", "REFERENCE", "size_weights", "stated_sizes"]

REFERENCE: Mapping[str, float] = {"revenue": 1e11, "market_value": 1e12}
"""The size that counts as one company, by basis (US dollars)."""

BASES: tuple[str, ...] = tuple(REFERENCE)

_AFTER = {
    "revenue": r"\s*(?:in|of)?\s*(?:(?:annual|yearly|full-year)\s+)?(?:revenue|revenues|sales)\b",
    "market_value": r"\s*(?:in\s+)?market\s+(?:value|capitali[sz]ation|cap)\b",
}
_BEFORE = {
    "revenue": r"\b(?:revenue|revenues|sales)\s+(?:of|at|to|reached|hit|was|were|totall?ed)"
    r"(?:\s+(?:about|around|nearly|over|more than))?\s*$",
    "market_value": r"\b(?:market\s+(?:value|capitali[sz]ation|cap)\s+(?:of|at|to|reached|hit)|"
    r"valued\s+at|worth)(?:\s+(?:about|around|nearly|over|more than))?\s*$",
}
_NOT_COMPANIES = frozenset({"Person", "Place", "Chip", "Product", "Technology"})


def _sentences(G: nx.Graph) -> dict[Any, list[tuple[int, int, str, str]]]:
    """Per article: the sentences of its claims, with the claim's subject."""
    found: dict[Any, set[tuple[int, int, str, str]]] = defaultdict(set)
    for s, _, d in G.edges(data=True):
        span, text = d.get("span"), d.get("evidence")
        if span is not None and text:
            found[d.get("article")].add((int(span[0]), int(span[1]), str(text), str(s)))
    return {a: sorted(v) for a, v in found.items()}


def _names(G: nx.Graph) -> list[tuple[str, str]]:
    out = []
    for n, d in G.nodes(data=True):
        if str(d.get("type", "Organization")) in _NOT_COMPANIES:
            continue
        for x in [d.get("label"), *(d.get("aliases") or ())]:
            if x and len(str(x)) >= 2:
                out.append((str(x), str(n)))
    return sorted(out, key=lambda x: (-len(x[0]), x[0], x[1]))


def _owner(G: nx.Graph, q: Mapping[str, Any], before: str, names: list[tuple[str, str]]) -> Any:
    """Return whose size it is: the number's ``about``, else the company named last before it."""
    about = q.get("about")
    if about in G and str(G.nodes[about].get("type", "")) not in _NOT_COMPANIES:
        return about
    best: tuple[int, str] | None = None
    for name, n in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", before):
            if best is None or m.end() > best[0]:
                best = (m.end(), n)
    return None if best is None else best[1]


def _sized(G: nx.Graph, basis: str) -> Iterator[tuple[str, float]]:
    sentences, names = _sentences(G), _names(G)
    for q in G.graph.get("quantities") or ():
        value, span = q.get("normalized") or q.get("value"), q.get("span")
        if q.get("kind") != "money" or not value or span is None:
            continue
        for a, b, text, _ in sentences.get(q.get("article"), ()):
            if not (a <= int(span[0]) and int(span[1]) <= b):
                continue
            i, j = int(span[0]) - a, int(span[1]) - a
            before, after = text[:i], text[j:]
            if re.match(_AFTER[basis], after, re.I) or re.search(_BEFORE[basis], before, re.I):
                owner = _owner(G, q, before, names)
                if owner is not None:
                    yield str(owner), float(value)
            break


def stated_sizes(G: nx.Graph, *, basis: str = "revenue") -> dict[str, float]:
    """Return the largest stated size of each company, in dollars, on one basis.

    A money amount of a claim's sentence counts when the words next to it say what it is
    ("$130 billion in revenue", "revenue of $130 billion"; "a market value of $4 trillion",
    "valued at $500 billion"); it is the size of the number's ``about`` company, else of the
    company named last before it.

    Raises
    ------
    InputError
        If `basis` is not one of :data:`BASES`.

    Examples
    --------
    >>> import networkx as nx
    >>> stated_sizes(nx.MultiDiGraph())
    {}
    """
    if basis not in REFERENCE:
        raise InputError(f"size basis {basis!r} is not one of {list(BASES)!r}")
    found: dict[str, float] = {}
    for n, value in _sized(G, basis):
        found[n] = max(found.get(n, 0.0), value)
    return dict(sorted(found.items()))


def size_weights(G: nx.Graph, *, basis: str = "revenue") -> dict[str, float]:
    """Return a node weight per company: stated size over :data:`REFERENCE`, else 1.

    The weights feed ``lockin(G, v=...)``. Because the reference is fixed and an unstated size
    counts one reference company, a company's weight depends only on what the text says about
    it: adding unrelated companies changes no existing weight and no existing score.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/a", type="AILab")
    >>> size_weights(G, basis="market_value")
    {'org/a': 1.0}
    """
    sizes = stated_sizes(G, basis=basis)
    unit = REFERENCE[basis]
    companies = (n for n, t in G.nodes(data="type") if str(t or "") not in _NOT_COMPANIES)
    return {str(n): sizes.get(str(n), unit) / unit for n in sorted(companies, key=str)}
