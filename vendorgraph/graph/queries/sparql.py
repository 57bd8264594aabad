"""Running SPARQL on a dataset, over the union of its named graphs.

:func:`run_sparql` runs ad-hoc queries; :func:`execute_query` is the execution it shares with
the named queries.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> run_sparql(new_dataset(), "ASK { ?s ?p ?o }").rows()
[{'ask': False}]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Node

from vendorgraph.errors import (
    BinaryInputError,
    InputError,
    InputFileError,
    QueryTimeoutError,
    RemoteAccessError,
)
from vendorgraph.graph.queries.result import QueryResult, result_from_rdflib

__all__ = ["execute_query", "remote_keywords", "run_sparql"]


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


def execute_query(
    ds: Dataset | Graph,
    text: str,
    bindings: Mapping[str, Node],
    order: Sequence[str] = (),
    *,
    path: str | None = None,
    keep: bool = False,
) -> QueryResult:
    """Run `text` with `bindings` on the union of `ds`; a syntax error names the query file."""
    result, rows = _execute(ds, text, bindings, path)
    return result_from_rdflib(result, rows, order, keep=keep)


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
    return _with_time_limit(lambda: execute_query(ds, text, {}, path=path, keep=keep), timeout)
