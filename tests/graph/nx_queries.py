"""The named queries answered on the networkx projection: the parity oracle for SPARQL.

:func:`nx_answer` answers each named query of :mod:`vendorgraph.graph.queries` on
:func:`vendorgraph.graph.networkx.to_networkx` with rows of the same shape, written plainly in
Python over the graph; ``test_parity.py`` holds every query's SPARQL to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

import networkx as nx

from vendorgraph.errors import InputError
from vendorgraph.graph.queries import QueryResult, load_query
from vendorgraph.graph.queries.named import check_params
from vendorgraph.graph.queries.result import ordered_rows
from vendorgraph.graph.rdf import entity_iri
from vendorgraph.ontology.matching import graph_names, match_entity
from vendorgraph.ontology.namespace import ID, VGC, concept_map
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind


def _iri(node: str | None) -> str | None:
    return None if node is None else str(entity_iri(node))


def _article_iri(aid: str) -> str:
    return str(ID[f"article/{aid}"])


def _roles(
    G: nx.MultiDiGraph, s: str, o: str, predicate: str
) -> tuple[str, str | None, str | None]:
    """Return (dependent, provider, offering) of a dependency-like edge, as rdf.py models it."""
    if Predicate(predicate) is Predicate.SUPPLIES:
        return o, s, None
    if EntityType(G.nodes[o]["type"]).is_organization:
        return s, o, None
    return s, None, o


def _dependency_edges(
    G: nx.MultiDiGraph,
) -> Iterable[tuple[str, str | None, str | None, str, dict]]:
    for s, o, key, data in G.edges(keys=True, data=True):
        if Predicate(data["predicate"]).is_dependency:
            yield (*_roles(G, s, o, data["predicate"]), key, data)


def _nx_resolve(G: nx.MultiDiGraph, name: str) -> str:
    return match_entity(name, graph_names(G))


def _label(G: nx.MultiDiGraph, node: str | None) -> str | None:
    return None if node is None or node not in G else G.nodes[node]["label"]


def _nx_partners(G: nx.MultiDiGraph, company: str, *, suppliers: bool) -> list[tuple[Any, ...]]:
    counts: dict[str, int] = defaultdict(int)
    for dependent, provider, _, _, _ in _dependency_edges(G):
        mine, other = (dependent, provider) if suppliers else (provider, dependent)
        if mine == company and other is not None:
            counts[other] += 1
    return [(_iri(company), _iri(o), _label(G, o), n) for o, n in counts.items()]


def _nx_quotes_by(G: nx.MultiDiGraph, person: str) -> list[tuple[Any, ...]]:
    return [
        (_iri(person), _article_iri(q["article"]), q["id"], q["text"], _quote_kind(q["direct"]))
        for q in G.graph.get("quotes", [])
        if q["speaker"] == person
    ]


def _quote_kind(direct: bool) -> str:
    return str(VGC.DirectQuote if direct else VGC.IndirectQuote)


_NON_WORD = re.compile(r"\W+")


def _words(text: str) -> str:
    return " " + _NON_WORD.sub(" ", text).lower() + " "


def _nx_quotes_about(G: nx.MultiDiGraph, company: str) -> list[tuple[Any, ...]]:
    expressed = {
        (d["article"], d["quote"])
        for s, o, d in G.edges(data=True)
        if company in (s, o) and d["quote"] is not None
    }
    data = G.nodes[company]
    names = [_words(n) for n in (data["label"], *data["aliases"])]
    rows = set()
    for q in G.graph.get("quotes", []):
        if (q["article"], q["text"]) in expressed or any(n in _words(q["text"]) for n in names):
            kind = _quote_kind(q["direct"])
            rows.add(
                (
                    _iri(company),
                    _article_iri(q["article"]),
                    q["id"],
                    q["text"],
                    kind,
                    _iri(q["speaker"]),
                )
            )
    return list(rows)


def _nx_claims_behind(G: nx.MultiDiGraph, dependent: str, provider: str) -> list[tuple[Any, ...]]:
    predicates, modalities = concept_map(Predicate), concept_map(Modality)
    return [
        (
            _iri(dependent),
            _iri(provider),
            _article_iri(d["article"]),
            key,
            str(predicates[Predicate(d["predicate"])]),
            str(modalities[Modality(d["modality"])]),
            float(d["confidence"]),
            d["evidence"],
        )
        for dep, prov, _, key, d in _dependency_edges(G)
        if (dep, prov) == (dependent, provider)
    ]


_SCORES = ("lockin", "lockin_direct", "lockin_indirect", "exposure", "hhi")


def _nx_lockin(G: nx.MultiDiGraph) -> list[tuple[Any, ...]]:
    return [
        (_iri(n), d["label"], *(d.get(k) for k in _SCORES))
        for n, d in G.nodes(data=True)
        if any(k in d for k in _SCORES)
    ]


def _nx_single_points(G: nx.MultiDiGraph) -> list[tuple[Any, ...]]:
    makers: dict[str, set[str]] = defaultdict(set)
    dependents: dict[str, set[str]] = defaultdict(set)
    for n, d in G.nodes(data=True):
        if d.get("parent"):
            makers[n].add(d["parent"])
    for s, o, d in G.edges(data=True):
        if d["predicate"] == Predicate.DEVELOPS.value:
            makers[o].add(s)
    for dependent, provider, offering, _, d in _dependency_edges(G):
        for target in (offering, d.get("capability")):
            if target is not None:
                dependents[target].add(dependent)
        if d.get("capability") and provider is not None:
            makers[d["capability"]].add(provider)
    return [
        (_iri(z), _label(G, z), _iri(m), _label(G, m), len(dependents[z]))
        for z, found in makers.items()
        if len(found) == 1 and dependents.get(z)
        for m in found
    ]


def _nx_numbers_about(G: nx.MultiDiGraph, company: str) -> list[tuple[Any, ...]]:
    """Numbers about `company`, linked to its claims, or in the sentence of one of its claims."""
    stated = G.graph.get("quantities", [])
    numbers = [q for q in stated if q["about"] == company]
    sentences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, o, d in G.edges(data=True):
        if company in (s, o):
            sentences[d["article"]].append(d["span"])
            if d["quantity"] is not None:
                numbers.append({**d["quantity"], "article": d["article"]})
    numbers += [q for q in stated if any(_within(q["span"], x) for x in sentences[q["article"]])]
    kinds, me = concept_map(QuantityKind), _iri(company)
    rows = {
        (
            me,
            _article_iri(q["article"]),
            q["text"],
            str(kinds[QuantityKind(q["kind"])]),
            q["normalized"],
        )
        for q in numbers
    }
    return list(rows)


def _within(inner: Sequence[int], outer: Sequence[int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


_NX: dict[str, Callable[..., list[tuple[Any, ...]]]] = {
    "suppliers-of": lambda G, company: _nx_partners(G, company, suppliers=True),
    "dependents-of": lambda G, company: _nx_partners(G, company, suppliers=False),
    "quotes-by": _nx_quotes_by,
    "quotes-about": _nx_quotes_about,
    "claims-behind": _nx_claims_behind,
    "companies-by-lockin": _nx_lockin,
    "single-points-of-failure": _nx_single_points,
    "numbers-about": _nx_numbers_about,
}


@lru_cache(maxsize=16)
def _columns(name: str) -> tuple[str, ...]:
    text = load_query(name).text
    select = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\s*WHERE", text, re.DOTALL)
    if select is None:  # pragma: no cover - every packaged query is a SELECT
        raise InputError(f"named query {name!r} is not a SELECT query")
    head = re.sub(r"\(.*?AS\s+(\?\w+)\)", r"\1", select.group(1), flags=re.DOTALL)
    return tuple(v.lstrip("?") for v in head.split())


def nx_answer(G: nx.MultiDiGraph, name: str, **params: str) -> QueryResult:
    """Answer the named query `name` on the networkx projection, in the shape SPARQL gives.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`vendorgraph.graph.networkx.to_networkx`.
    name : str
        One of :func:`list_queries`.
    **params : str
        As for :func:`run_named`; names resolve against node labels and aliases.

    Returns
    -------
    QueryResult
        The same columns and row order as :func:`run_named`.

    Raises
    ------
    vendorgraph.errors.InputError
        If the query does not exist or the parameters do not fit.
    vendorgraph.errors.UnknownEntityError
        If a parameter names no node.

    Examples
    --------
    >>> import networkx as nx
    >>> nx_answer(nx.MultiDiGraph(), "single-points-of-failure").rows()
    []
    """
    query = load_query(name)
    nodes = {key: _nx_resolve(G, value) for key, value in check_params(query, params).items()}
    columns = _columns(name)
    return QueryResult(
        columns=columns, values=ordered_rows(columns, _NX[name](G, **nodes), query.order)
    )
