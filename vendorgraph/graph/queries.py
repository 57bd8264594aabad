"""Named SPARQL queries over a vendorgraph dataset, their networkx twins, and ad-hoc SPARQL.

The named queries ship as ``graph/queries/<name>.rq`` files. Each starts with comment lines that
describe it: ``# description:``, one ``# param: <variable>`` per parameter, and ``# order:`` (the
columns that sort its rows, ``-`` for descending). A parameter is an entity: its name (label or
alias, case-insensitive), entity id (``org/acme``) or IRI is resolved to the entity IRI first, and
the IRI is bound with rdflib ``initBindings``, never formatted into the query text. Queries read
the union of all named graphs.

:func:`nx_answer` answers the same questions on the networkx projection
(:func:`vendorgraph.graph.networkx.to_networkx`) with rows of the same shape, so the two can be
compared: both give the same rows for every named query.

Examples
--------
>>> from vendorgraph.ontology import (Document, Entity, EntityType, Extraction, Predicate,
...                                   Relation)
>>> from vendorgraph.graph.rdf import to_dataset
>>> doc = Document(text="Acme supplies Bolt.")
>>> acme = Entity(id="org/acme", name="Acme", type=EntityType.CHIP_VENDOR)
>>> bolt = Entity(id="org/bolt", name="Bolt", type=EntityType.CLOUD_PROVIDER)
>>> rel = Relation(id="r1", subject="org/acme", predicate=Predicate.SUPPLIES,
...                object="org/bolt", span=doc.span(0, 19))
>>> ds = to_dataset([Extraction(document=doc, entities=(acme, bolt), relations=(rel,))])
>>> run_named(ds, "suppliers-of", company="bolt").rows()[0]["name"]
'Acme'
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from vendorgraph.errors import (
    BinaryInputError,
    InputError,
    InputFileError,
    QueryTimeoutError,
    RemoteAccessError,
    UnknownEntityError,
)
from vendorgraph.graph.rdf import entity_iri
from vendorgraph.graph.sanitize import spreadsheet_safe
from vendorgraph.ontology.namespace import ID, VGC, concept_map
from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = [
    "NamedQuery",
    "QueryResult",
    "list_queries",
    "load_query",
    "nx_answer",
    "remote_keywords",
    "resolve_entity",
    "run_named",
    "run_sparql",
]

Row = dict[str, Any]

# ------------------------------------------------------------------ results


def _python(term: Node | None) -> Any:
    """Return a plain Python value for a result term: IRIs as str, numbers as int or float."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return float(value)
        return str(term)
    return str(term)


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, bool | int | float):
        return (1, float(value))
    return (2, str(value))


class _Descending:
    """Invert the order of a sort key (for ``-column`` in an ``# order:`` line)."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[int, Any]) -> None:
        self.key = key

    def __lt__(self, other: _Descending) -> bool:
        return other.key < self.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and other.key == self.key

    __hash__ = None  # type: ignore[assignment]


def _ordered(
    columns: Sequence[str], rows: Iterable[tuple[Any, ...]], order: Sequence[str]
) -> tuple[tuple[Any, ...], ...]:
    index = {c: i for i, c in enumerate(columns)}
    spec = [(index[c.lstrip("-")], c.startswith("-")) for c in order if c.lstrip("-") in index]
    spec += [(i, False) for i in range(len(columns)) if i not in {s for s, _ in spec}]

    def key(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            _Descending(_sort_key(row[i])) if desc else _sort_key(row[i]) for i, desc in spec
        )

    return tuple(sorted(rows, key=key))


@dataclass(frozen=True, slots=True, kw_only=True)
class QueryResult:
    """The answer of a query: named columns and rows of plain values, in a deterministic order.

    IRIs are strings, numbers are int or float, booleans bool, other literals their lexical
    form, and an unbound variable is None. A CONSTRUCT answer has columns ``subject``,
    ``predicate``, ``object``; an ASK answer one column ``ask``.

    Parameters
    ----------
    columns : tuple of str
        The column names (SPARQL variables without ``?``).
    values : tuple of tuple
        One tuple per row, in column order.
    kind : {"SELECT", "CONSTRUCT", "ASK"}
        The query form that gave the result.

    Examples
    --------
    >>> r = QueryResult(columns=("a", "b"), values=((1, None), (2, "x")))
    >>> r.rows()
    [{'a': 1, 'b': None}, {'a': 2, 'b': 'x'}]
    >>> print(r.to_csv(), end="")
    a,b
    1,
    2,x
    """

    columns: tuple[str, ...]
    values: tuple[tuple[Any, ...], ...] = field(default=())
    kind: str = "SELECT"

    def __len__(self) -> int:
        return len(self.values)

    def rows(self) -> list[Row]:
        """Return the rows as a list of dicts keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.values]

    def to_csv(self) -> str:
        """Return the rows as CSV text with a header line (None is an empty field).

        Text cells a spreadsheet would run as formulas get a leading apostrophe
        (:func:`vendorgraph.graph.sanitize.spreadsheet_safe`).
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows([_csv_cell(v) for v in row] for row in self.values)
        return out.getvalue()

    def to_json(self) -> str:
        """Return ``{"columns": [...], "rows": [{...}, ...]}`` as JSON text.

        Examples
        --------
        >>> print(QueryResult(columns=("ask",), values=((True,),), kind="ASK").to_json())
        {"columns": ["ask"], "rows": [{"ask": true}]}
        """
        return json.dumps({"columns": list(self.columns), "rows": self.rows()}, ensure_ascii=False)

    def to_dataframe(self) -> pd.DataFrame:
        """Return the rows as a pandas DataFrame (pandas is imported on first use).

        Examples
        --------
        >>> QueryResult(columns=("a",), values=((1,),)).to_dataframe().shape
        (1, 1)
        """
        import pandas as pd

        return pd.DataFrame(list(self.values), columns=list(self.columns))


def _from_rdflib(
    result: Result, rows: list[Any], order: Sequence[str] = (), *, keep: bool = False
) -> QueryResult:
    if result.type == "ASK":
        return QueryResult(columns=("ask",), values=((bool(result.askAnswer),),), kind="ASK")
    if result.type == "CONSTRUCT":
        triples = (tuple(_python(t) for t in triple) for triple in rows)
        triple_columns = ("subject", "predicate", "object")
        return QueryResult(
            columns=triple_columns, values=_ordered(triple_columns, triples, ()), kind="CONSTRUCT"
        )
    if result.type != "SELECT":
        raise InputError(
            f"query form {result.type!r} is not supported; use SELECT, CONSTRUCT or ASK"
        )
    columns = tuple(str(v) for v in result.vars or ())
    plain = [tuple(_python(row[i]) for i in range(len(columns))) for row in rows]
    values = tuple(plain) if keep else _ordered(columns, plain, order)
    return QueryResult(columns=columns, values=values)


# ------------------------------------------------------------------ the named queries


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
    folder = resources.files("vendorgraph.graph").joinpath("queries")
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


# ------------------------------------------------------------------ running SPARQL


def _union(ds: Dataset | Graph) -> Graph:
    """Return a view of `ds` whose default graph is the union of its named graphs."""
    if isinstance(ds, Dataset):
        return Dataset(store=ds.store, default_union=True)
    return ds


def _execute(
    ds: Dataset | Graph, text: str, bindings: Mapping[str, Node], path: str | None
) -> tuple[Result, list[Any]]:
    graph = _union(ds)
    with warnings.catch_warnings():
        # rdflib's own evaluator calls a deprecated Dataset property on the memory store.
        warnings.filterwarnings("ignore", "Dataset.default_context", DeprecationWarning)
        try:
            result = graph.query(text, initBindings=dict(bindings))  # type: ignore[arg-type]
            rows = list(result) if result.type in ("SELECT", "CONSTRUCT") else []
        except Exception as err:
            raise _syntax_error(err, path) from err
    return result, rows


_OX_WHERE = re.compile(r"at (\d+):(\d+)")


def _syntax_error(err: Exception, path: str | None) -> Exception:
    line = getattr(err, "lineno", None)
    if isinstance(err, SyntaxError) and line is None:
        found = _OX_WHERE.search(str(err))
        line = int(found.group(1)) if found else None
    kind = type(err).__name__
    if not (isinstance(err, SyntaxError) or kind.endswith("ParseException")):
        return err
    message = str(getattr(err, "msg", None) or err).splitlines()[0]
    return InputError(
        f"the SPARQL query does not parse: {message!r}; fix the query text",
        path=path or "<query>",
        line=line,
    )


def _query(
    ds: Dataset | Graph,
    text: str,
    bindings: Mapping[str, Node],
    order: Sequence[str] = (),
    *,
    path: str | None = None,
    keep: bool = False,
) -> QueryResult:
    result, rows = _execute(ds, text, bindings, path)
    return _from_rdflib(result, rows, order, keep=keep)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _query_text(source: str | Path) -> tuple[str, str | None]:
    looks_like_path = isinstance(source, Path) or (
        "\n" not in source and source.strip().lower().endswith((".rq", ".sparql"))
    )
    if not looks_like_path:
        return str(source), None
    path = Path(source)
    if not path.is_file():
        raise InputFileError("no such SPARQL file; check the path", path=str(path))
    try:
        return path.read_text("utf-8"), str(path)
    except UnicodeDecodeError as err:
        raise BinaryInputError(
            f"byte {err.start} is not UTF-8 text; a SPARQL file is plain text", path=str(path)
        ) from err
    except OSError as err:
        raise InputFileError(f"cannot read the file: {err.strerror}", path=str(path)) from err


# Strings, IRIs and comments, which may spell any word harmlessly, or a bare word.
_SPARQL_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*|[?$@][\w-]+|(?:[A-Za-z_][\w.-]*)?:[\w.-]*"
    r"|(?P<word>[A-Za-z_]+)"
)
_REMOTE = {"SERVICE": "SERVICE", "FROM": "FROM", "LOAD": "LOAD"}


def remote_keywords(text: str, *, engine_loads_from: bool = False) -> list[str]:
    """Return the keywords of a SPARQL text that would make the engine reach the network.

    ``SERVICE`` (a federated query) and ``LOAD`` always do; ``FROM`` and ``FROM NAMED`` do on
    engines that fetch those graphs (rdflib's own), not on Oxigraph, which reads them from
    the store. Words inside strings, IRIs and comments do not count.

    Examples
    --------
    >>> remote_keywords("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    ['SERVICE']
    >>> remote_keywords('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    []
    """
    found = []
    for match in _SPARQL_TOKEN.finditer(text):
        word = (match.group("word") or "").upper()
        if word in _REMOTE and (word != "FROM" or engine_loads_from) and word not in found:
            found.append(word)
    return found


def _check_local(ds: Dataset | Graph, text: str, path: str | None) -> None:
    on_oxigraph = type(ds.store).__name__ == "OxigraphStore"  # as store.store_name tells
    found = remote_keywords(text, engine_loads_from=not on_oxigraph)
    if found:
        raise RemoteAccessError(
            f"the query uses {', '.join(found)}, which sends requests to other servers; "
            "remove it, or pass --allow-service to let the query reach the network",
            path=path or "<query>",
        )


def _release_frames(err: BaseException | None) -> None:
    """Drop the locals of an exception chain's frames on this thread.

    Oxigraph's result iterators must be freed on the thread that made them.
    """
    import traceback

    seen: set[int] = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        if err.__traceback__ is not None:
            traceback.clear_frames(err.__traceback__)
        err = err.__cause__ or err.__context__


def _with_time_limit(run: Callable[[], QueryResult], timeout: float | None) -> QueryResult:
    """Run a query on a helper thread and stop waiting for it after `timeout` seconds.

    The engines cannot be interrupted, so a query past its limit is abandoned: its daemon
    thread runs on until it finishes or the process ends (the command line ends at once).
    """
    if timeout is None:
        return run()
    import threading

    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = run()
        except BaseException as err:  # handed to the waiting thread below
            _release_frames(err)
            box["error"] = err

    thread = threading.Thread(target=work, name="vendorgraph-sparql", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeoutError(
            f"the query ran past its time limit of {timeout:g} s and was stopped; add LIMIT, "
            "narrow its patterns, or raise --timeout"
        )
    if "error" in box:
        raise box["error"]
    result: QueryResult = box["result"]
    return result


def run_sparql(
    ds: Dataset | Graph,
    source: str | Path,
    *,
    allow_service: bool = False,
    timeout: float | None = None,
) -> QueryResult:
    r"""Run any SPARQL 1.1 SELECT, CONSTRUCT or ASK query on the union of the graphs of `ds`.

    Parameters
    ----------
    ds : rdflib.Dataset or rdflib.Graph
        The data (Oxigraph-backed datasets run on Oxigraph's engine).
    source : str or Path
        The query text, or the path of a ``.rq``/``.sparql`` file.
    allow_service : bool
        Let the query reach the network (``SERVICE``, ``LOAD``, and ``FROM`` on engines that
        fetch it; see :func:`remote_keywords`). Refused by default.
    timeout : float or None
        Seconds after which the query is abandoned with an error; None waits for it.

    Returns
    -------
    QueryResult
        Rows sorted by every column, unless the query has an ORDER BY, whose order is kept.

    Raises
    ------
    vendorgraph.errors.InputError
        If the query does not parse (the error names the file and line) or is an update.
    vendorgraph.errors.InputFileError
        If `source` names a file that does not exist.
    vendorgraph.errors.BinaryInputError
        If that file is not UTF-8 text.
    vendorgraph.errors.RemoteAccessError
        If the query would reach the network and `allow_service` is not given.
    vendorgraph.errors.QueryTimeoutError
        If the query runs past `timeout`.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> run_sparql(new_dataset(), "ASK { ?s ?p ?o }").rows()
    [{'ask': False}]
    >>> run_sparql(new_dataset(), "SELECT * WHERE {\n ?s ?p \n}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputError: <query>: line 3: the SPARQL query does not parse: ...
    """
    text, path = _query_text(source)
    if not allow_service:
        _check_local(ds, text, path)
    keep = re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE) is not None
    return _with_time_limit(lambda: _query(ds, text, {}, path=path, keep=keep), timeout)


# ------------------------------------------------------------------ resolving names

_ENTITY_NAMES = """
  ?entity schema:name|skos:altLabel ?name .
  FILTER NOT EXISTS { ?entity vg:recordOf ?record }
  FILTER NOT EXISTS { ?entity a vg:FactorScore }
"""
_NAME_PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vg: <https://w3id.org/vendorgraph/ont#>
"""
_NAMES = f"{_NAME_PREFIXES}SELECT DISTINCT ?entity ?name WHERE {{{_ENTITY_NAMES}}}"
_EXISTS = "SELECT ?entity WHERE { ?entity ?p ?o } LIMIT 1"
_EXACT = f"{_NAME_PREFIXES}SELECT DISTINCT ?name ?entity WHERE {{{_ENTITY_NAMES}}}"
_MATCH = (
    f"{_NAME_PREFIXES}SELECT DISTINCT ?wanted ?entity WHERE {{{_ENTITY_NAMES}"
    "  FILTER (LCASE(STR(?name)) = ?wanted)\n}"
)


def _close(name: str, candidates: Iterable[str]) -> str:
    names = sorted(set(candidates))
    lowered = {n.lower(): n for n in names}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=5, cutoff=0.5)
    return ", ".join(repr(lowered[c]) for c in close) or "none"


def _pick(name: str, found: Sequence[str], everything: Callable[[], Iterable[str]]) -> str:
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(f"{name!r} names {len(found)} entities ({', '.join(found)}); use an id")
    raise UnknownEntityError(
        f"no entity is called {name!r}; close names: {_close(name, everything())}. "
        "Check the spelling or use an entity id such as 'org/nvidia'"
    )


def _id_iri(name: str) -> URIRef | None:
    if name.startswith(str(ID)):
        return URIRef(name)
    if "/" in name and " " not in name:
        return entity_iri(name)
    return None


def resolve_entity(ds: Dataset | Graph, name: str) -> URIRef:
    """Return the IRI of the entity that `name` names: a label or alias, an id, or an IRI.

    Labels and aliases match case-insensitively.

    Raises
    ------
    vendorgraph.errors.UnknownEntityError
        If nothing matches; the message lists close names.
    vendorgraph.errors.InputError
        If the name matches several entities.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
    >>> from vendorgraph.graph.rdf import to_dataset
    >>> acme = Entity(id="org/acme", name="Acme Corp", type=EntityType.CHIP_VENDOR)
    >>> ds = to_dataset([Extraction(document=Document(text="x"), entities=(acme,))])
    >>> str(resolve_entity(ds, "ACME corp")).rsplit("/", 2)[1:]
    ['org', 'acme']
    >>> resolve_entity(ds, "Acne Corp")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.UnknownEntityError: no entity is called 'Acne Corp'; close names: ...
    """
    iri = _id_iri(name)
    if iri is not None and _query(ds, _EXISTS, {"entity": iri}).values:
        return iri
    found = _query(ds, _EXACT, {"name": Literal(name, datatype=XSD.string)}).values
    if not found:  # an index lookup first; the case-insensitive scan only when it misses
        found = _query(ds, _MATCH, {"wanted": Literal(name.lower(), datatype=XSD.string)}).values
    if not found:  # rdflib compares plain and xsd:string literals as different terms
        found = _query(ds, _MATCH, {"wanted": Literal(name.lower())}).values
    entities = sorted({row[1] for row in found})

    def everything() -> list[str]:
        return [row[1] for row in _query(ds, _NAMES, {}).values]

    return URIRef(_pick(name, entities, everything))


# ------------------------------------------------------------------ running named queries


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
    bindings = {key: resolve_entity(ds, value) for key, value in _params(query, params).items()}
    return _query(ds, query.text, bindings, query.order, path=f"{name}.rq")


def _params(query: NamedQuery, params: Mapping[str, str]) -> dict[str, str]:
    missing = [p for p in query.params if p not in params]
    extra = sorted(set(params) - set(query.params))
    if missing or extra:
        wanted = ", ".join(query.params) or "no parameters"
        raise InputError(
            f"query {query.name!r} takes {wanted}; missing {missing!r}, unexpected {extra!r}"
        )
    return {p: str(params[p]) for p in query.params}


# ------------------------------------------------------------------ networkx twins

_DEPENDENCY_LIKE = frozenset(
    {
        Predicate.SUPPLIES,
        Predicate.DEPLOYS,
        Predicate.USES,
        Predicate.INTEGRATES,
        Predicate.DEPENDS_ON,
    }
)


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
        if Predicate(data["predicate"]) in _DEPENDENCY_LIKE:
            yield (*_roles(G, s, o, data["predicate"]), key, data)


def _nx_resolve(G: nx.MultiDiGraph, name: str) -> str:
    if name in G:
        return name
    if name.startswith(str(ID)):
        return _pick(name, [n for n in G if _iri(n) == name], lambda: [])
    wanted = name.lower()
    found = sorted(
        n
        for n, d in G.nodes(data=True)
        if wanted in {x.lower() for x in (d["label"], *d["aliases"])}
    )

    def everything() -> list[str]:
        return [x for _, d in G.nodes(data=True) for x in (d["label"], *d["aliases"])]

    return _pick(name, found, everything)


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
    nodes = {key: _nx_resolve(G, value) for key, value in _params(query, params).items()}
    columns = _columns(name)
    return QueryResult(
        columns=columns, values=_ordered(columns, _NX[name](G, **nodes), query.order)
    )
