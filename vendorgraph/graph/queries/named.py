"""The named queries: ``graph/queries/<name>.rq`` files, each described by comment lines.

Each file starts with ``# description:``, one ``# param: <variable>`` per parameter, and
``# order:`` (the columns that sort its rows, ``-`` for descending). A parameter is an entity:
its name is resolved to the entity IRI first (:func:`~vendorgraph.graph.queries.entities.
resolve_entity`), and the IRI is bound with rdflib ``initBindings``, never formatted into the
query text.

Examples
--------
>>> load_query("suppliers-of").params
('company',)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Dataset, Graph

from vendorgraph.errors import InputError
from vendorgraph.graph.queries.entities import resolve_entity
from vendorgraph.graph.queries.result import QueryResult
from vendorgraph.graph.queries.sparql import execute_query

__all__ = ["NamedQuery", "check_params", "list_queries", "load_query", "run_named"]


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedQuery:
    """A packaged query: its name, what it answers, its parameters and its SPARQL text.

    Examples
    --------
    >>> q = load_query("claims-behind")
    >>> q.params
    ('dependent', 'provider')
    """

    name: str
    description: str
    params: tuple[str, ...]
    order: tuple[str, ...]
    text: str


_HEADER = re.compile(r"^#\s*(description|param|order):\s*(.*?)\s*$", re.MULTILINE)


def _parse_query(name: str, text: str) -> NamedQuery:
    found: dict[str, list[str]] = defaultdict(list)
    for key, value in _HEADER.findall(text):
        found[key].append(value)
    return NamedQuery(
        name=name,
        description=" ".join(found["description"]),
        params=tuple(found["param"]),
        order=tuple(" ".join(found["order"]).split()),
        text=text,
    )


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, NamedQuery]:
    folder = resources.files("vendorgraph.graph.queries")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    return {f.name[:-3]: _parse_query(f.name[:-3], f.read_text("utf-8")) for f in files}


def list_queries() -> list[NamedQuery]:
    """Return the named queries, sorted by name.

    Examples
    --------
    >>> [q.name for q in list_queries()][:3]
    ['claims-behind', 'companies-by-lockin', 'dependents-of']
    """
    return list(_catalogue().values())


def load_query(name: str) -> NamedQuery:
    """Return the named query `name`.

    Raises
    ------
    vendorgraph.errors.InputError
        If no query has that name; the message lists the names there are.

    Examples
    --------
    >>> load_query("who-knows")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputError: no named query 'who-knows'; use one of claims-behind, ...
    """
    catalogue = _catalogue()
    if name not in catalogue:
        raise InputError(f"no named query {name!r}; use one of {', '.join(catalogue)}")
    return catalogue[name]


def run_named(ds: Dataset | Graph, name: str, **params: str) -> QueryResult:
    """Run the named query `name` on `ds`, its parameters given as entity names.

    Parameters
    ----------
    ds : rdflib.Dataset or rdflib.Graph
        The data.
    name : str
        One of :func:`list_queries` (``suppliers-of``, ``claims-behind`` …).
    **params : str
        The query's parameters by name (``company="Nvidia"``): labels, aliases, ids or IRIs.

    Returns
    -------
    QueryResult
        Rows in the order the query's ``# order:`` line gives.

    Raises
    ------
    vendorgraph.errors.InputError
        If the query does not exist, or a parameter is missing or unexpected.
    vendorgraph.errors.UnknownEntityError
        If a parameter names no entity.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> run_named(new_dataset(), "companies-by-lockin").rows()
    []
    """
    query = load_query(name)
    bindings = {
        key: resolve_entity(ds, value) for key, value in check_params(query, params).items()
    }
    return execute_query(ds, query.text, bindings, query.order, path=f"{name}.rq")


def check_params(query: NamedQuery, params: Mapping[str, str]) -> dict[str, str]:
    """Return `params` for `query` as strings; raise InputError naming what is missing or extra."""
    missing = [p for p in query.params if p not in params]
    extra = sorted(set(params) - set(query.params))
    if missing or extra:
        wanted = ", ".join(query.params) or "no parameters"
        raise InputError(
            f"query {query.name!r} takes {wanted}; missing {missing!r}, unexpected {extra!r}"
        )
    return {p: str(params[p]) for p in query.params}
