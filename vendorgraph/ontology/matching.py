"""Names to entities: one rule, :func:`match_entity`, for every place a name picks an entity.

``query``, ``explain``, ``whatif``, ``robustness``, ``view --focus``, ``why-same`` and the
library functions behind them all resolve a name with :func:`match_entity`, so a name that
resolves in one resolves in all. :func:`fold_name` folds case and white space;
:func:`normalise_name` also drops a possessive and a trailing company form (``Inc``, ``Corp``,
``Ltd``…), which is what entity resolution merges on.

Examples
--------
>>> fold_name("  NVIDIA   Corp "), normalise_name("NVIDIA Corp")
('nvidia corp', 'nvidia')
>>> match_entity("NVIDIA Corp.", {"org/nvidia": ["Nvidia"], "product/h100": ["H100"]})
'org/nvidia'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from vendorgraph.errors import InputError, UnknownEntityError
from vendorgraph.ontology.namespace import ID

__all__ = ["fold_name", "graph_names", "match_entity", "normalise_name"]

_CLOSE_CUTOFF = 0.6
_ORGANIZATION_FAMILY = "org"

_SUFFIXES = (
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "ag",
    "sa",
    "gmbh",
)
_SUFFIX_RE = re.compile(r"(?:[\s,]+(?:" + "|".join(_SUFFIXES) + r")\.?)+$")


def normalise_name(name: str) -> str:
    """Return the key two names must share to be one entity.

    Examples
    --------
    >>> normalise_name("Nvidia Corp.'s")
    'nvidia'
    >>> normalise_name("Intel Capital"), normalise_name("Meta Platforms, Inc.")
    ('intel capital', 'meta platforms')
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = re.sub(r"['\u2019]s?$", "", text).strip()
    text = re.sub(r"[^\w&.,\s-]", " ", text)
    previous = None
    while previous != text:
        previous, text = text, _SUFFIX_RE.sub("", text).strip(" ,.")
    return " ".join(text.replace("-", " ").split())


def fold_name(name: str) -> str:
    """Return `name` case-folded with its white space collapsed.

    Examples
    --------
    >>> fold_name("Orbita  CLOUD")
    'orbita cloud'
    """
    return " ".join(name.casefold().split())


def match_entity(name: str, names: Mapping[str, Iterable[str]]) -> str:
    """Return the id of the entity that `name` names.

    The rule, the same everywhere: an entity id (``org/nvidia``) or its IRI names that entity;
    otherwise the entities with a name or alias equal to `name` once case and white space are
    folded (:func:`fold_name`); if none, equal once company forms are dropped too
    (:func:`normalise_name`, so "Nvidia Corp." finds "Nvidia"). Of several entities found at
    one step, organisations (``org/…`` ids) come before offerings, people and places.

    Parameters
    ----------
    name : str
        A label, an alias, an entity id or an entity IRI.
    names : mapping of str to iterable of str
        Every entity id with its label and aliases.

    Returns
    -------
    str
        The entity id.

    Raises
    ------
    vendorgraph.errors.UnknownEntityError
        If nothing matches; the message lists close names.
    vendorgraph.errors.InputError
        If the name fits several entities of the same kind; the message lists their ids.

    Examples
    --------
    >>> names = {"org/trainium": ["Trainium"], "product/trainium": ["Trainium"]}
    >>> match_entity("trainium", names), match_entity("product/trainium", names)
    ('org/trainium', 'product/trainium')
    >>> match_entity("Tranium", names)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.UnknownEntityError: no entity named 'Tranium'; close matches: ['Trai...
    """
    wanted = name.strip()
    wanted = wanted.removeprefix(str(ID))
    if wanted in names:
        return wanted
    for key in (fold_name, normalise_name):
        target = key(wanted)
        found = sorted(e for e, ns in names.items() if target and any(key(n) == target for n in ns))
        if found:
            return _one(name, found)
    raise UnknownEntityError(
        f"no entity named {name!r}; close matches: {_close(wanted, names)!r}; "
        "give a label, an alias or an entity id such as 'org/nvidia'"
    )


def _one(name: str, found: list[str]) -> str:
    """Return the one entity of `found`, organisations first; refuse a tie."""
    orgs = [e for e in found if e.split("/", 1)[0] == _ORGANIZATION_FAMILY]
    best = orgs or found
    if len(best) == 1:
        return best[0]
    raise InputError(f"{name!r} names {len(best)} entities ({', '.join(best)}); use an id")


def _close(name: str, names: Mapping[str, Iterable[str]]) -> list[str]:
    known = {fold_name(n): n for e, ns in names.items() for n in (*ns, e) if n}
    close = difflib.get_close_matches(fold_name(name), sorted(known), n=5, cutoff=_CLOSE_CUTOFF)
    return [known[c] for c in close]


def graph_names(G: Any) -> dict[str, tuple[str, ...]]:
    """Return each node's label and aliases, from a networkx projection of a graph.

    Parameters
    ----------
    G : networkx.Graph
        Nodes with ``label`` and ``aliases`` attributes, as
        :func:`vendorgraph.graph.networkx.to_networkx` gives them.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("org/nvidia", label="Nvidia", aliases=["NVIDIA Corp"])
    >>> graph_names(G)
    {'org/nvidia': ('Nvidia', 'NVIDIA Corp')}
    """
    label: Callable[[Mapping[str, Any]], tuple[str, ...]] = lambda d: (  # noqa: E731
        str(d.get("label") or ""),
        *(str(a) for a in d.get("aliases") or ()),
    )
    return {str(n): tuple(x for x in label(d) if x) for n, d in G.nodes(data=True)}
