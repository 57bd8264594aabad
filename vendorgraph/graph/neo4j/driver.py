"""Talking to a Neo4j server: push, pull, run Cypher, load a script.

The ``neo4j`` driver is imported only inside these functions; a password never reaches a
message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import Dataset

from vendorgraph.errors import ServiceError
from vendorgraph.graph.neo4j.cypher import plan
from vendorgraph.graph.neo4j.property_graph import (
    PGNode,
    PGRelationship,
    PropertyGraph,
    from_property_graph,
)
from vendorgraph.graph.store import DEFAULT_STORE

__all__ = ["load_script", "pull", "push", "run_cypher", "scrub"]

# ------------------------------------------------------------------ talking to a server

_COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
    "constraints_added",
)


def _connect(uri: str, user: str, password: str) -> Any:
    import neo4j

    driver = None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        driver.verify_connectivity()
    except Exception as err:
        if driver is not None:
            driver.close()
        raise _service_error(err, uri, password) from None
    return driver


_TOKEN_EDGE = r"\s'\"`()\[\]{}<>,;:=@/"


def scrub(text: str, secret: str) -> str:
    """Replace `secret` where it stands as a whole token of `text` (not inside a word).

    Token edges are the start and end of the text, white space, quotes, brackets and the
    separators of URIs and key-value pairs (``, ; : = @ /``).

    Examples
    --------
    >>> scrub("ConnectionException: auth x failed", "x")
    'ConnectionException: auth *** failed'
    >>> scrub("bolt://neo4j:hunter2@db:7687", "hunter2")
    'bolt://neo4j:***@db:7687'
    """
    if not secret:
        return text
    edge = _TOKEN_EDGE
    pattern = rf"(?<![^{edge}]){re.escape(secret)}(?![^{edge}])"
    return re.sub(pattern, "***", text)


def _service_error(err: Exception, uri: str, password: str) -> ServiceError:
    detail = str(err).splitlines()[0] if str(err) else type(err).__name__
    detail = scrub(detail, password)
    return ServiceError(
        f"Neo4j at {scrub(uri, password)!r} failed: {type(err).__name__}: {detail}; check "
        "that the server runs and that the user and NEO4J_PASSWORD are right"
    )


def _run_steps(driver: Any, steps: list[tuple[str, dict[str, Any]]], database: str | None) -> dict:
    totals = dict.fromkeys(_COUNTERS, 0)

    def work(tx: Any, statement: str, params: dict[str, Any]) -> Any:
        return tx.run(statement, params).consume().counters

    with driver.session(database=database) as session:
        for statement, params in steps:
            counters = session.execute_write(work, statement, params)
            for name in _COUNTERS:
                totals[name] += getattr(counters, name, 0)
    return totals


def push(
    ds: Dataset,
    *,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    batch_size: int = 1000,
) -> dict[str, int]:
    """Write `ds` to a Neo4j server with idempotent ``MERGE`` statements (see :func:`plan`).

    A second push of the same data creates nothing and sets nothing: compare the counters.

    Parameters
    ----------
    ds : rdflib.Dataset
        The data.
    uri, user, password : str
        The server (``neo4j://host:7687``) and credentials; the password is never logged.
    database : str, optional
        The database; the server's default when None.
    batch_size : int
        Rows per statement.

    Returns
    -------
    dict of str to int
        Summed counters: ``nodes_created``, ``relationships_created``, ``properties_set`` …

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached or refuses a statement (the message has the URI,
        never the password).

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> push(new_dataset(), uri="bolt://127.0.0.1:9", user="neo4j", password="s3cret")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.ServiceError: Neo4j at 'bolt://127.0.0.1:9' failed: ...
    """
    steps = plan(ds, batch_size=batch_size)
    driver = _connect(uri, user, password)
    try:
        return _run_steps(driver, steps, database)
    except Exception as err:
        raise _service_error(err, uri, password) from None
    finally:
        driver.close()


def run_cypher(
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Run one Cypher statement with parameters and return its records as dicts.

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached or the statement fails.
    """
    driver = _connect(uri, user, password)
    try:
        records, _, _ = driver.execute_query(query, dict(params or {}), database_=database)
        return [record.data() for record in records]
    except Exception as err:
        raise _service_error(err, uri, password) from None
    finally:
        driver.close()


_READ_NODES = "MATCH (n:Resource) RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props"
_READ_RELS = (
    "MATCH (s:Resource)-[r]->(o:Resource) "
    "RETURN s.uri AS start, type(r) AS type, o.uri AS end, properties(r) AS props"
)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def pull(
    *,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    store: str = DEFAULT_STORE,
) -> Dataset:
    """Read the ``Resource`` nodes of a Neo4j database back into a dataset.

    The round trip ``pull(push(ds))`` gives back the same quads as `ds` for every graph; the
    scores on ``DEPENDS_ON`` shortcuts are read from the assessment nodes instead.

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached.
    vendorgraph.errors.InputError
        If the database holds a label, key or type outside the mapping.
    """
    kwargs = {"uri": uri, "user": user, "password": password, "database": database}
    nodes = run_cypher(_READ_NODES, **kwargs)  # type: ignore[arg-type]
    rels = run_cypher(_READ_RELS, **kwargs)  # type: ignore[arg-type]
    pg = PropertyGraph(
        nodes=tuple(
            PGNode(
                uri=n["uri"],
                labels=tuple(sorted(n["labels"])),
                props={k: _plain(v) for k, v in n["props"].items()},
            )
            for n in nodes
        ),
        relationships=tuple(
            PGRelationship(start=r["start"], type=r["type"], end=r["end"], props=r["props"])
            for r in rels
        ),
    )
    return from_property_graph(pg, store=store)


_PARAM = re.compile(r"^:param\s+(\w+)\s*=>\s*(.*)$")


def load_script(
    script: str, *, uri: str, user: str, password: str, database: str | None = None
) -> dict[str, int]:
    """Run a script written by :func:`vendorgraph.graph.export.to_cypher` without cypher-shell.

    Each ``:param name => <literal>`` line is evaluated by the server (``RETURN <literal>``)
    and passed as a parameter to the statements after it.

    Raises
    ------
    vendorgraph.errors.ServiceError
        If the server cannot be reached or a statement fails.
    """
    driver = _connect(uri, user, password)
    params: dict[str, Any] = {}
    steps: list[tuple[str, dict[str, Any]]] = []
    try:
        with driver.session(database=database) as session:
            for statement in _statements(script):
                found = _PARAM.match(statement)
                if found:
                    value = session.run(f"RETURN {found.group(2)} AS value").single()["value"]
                    params[found.group(1)] = value
                else:
                    steps.append((statement, dict(params)))
        return _run_steps(driver, steps, database)
    except Exception as err:
        raise _service_error(err, uri, password) from None
    finally:
        driver.close()


def _statements(script: str) -> Iterator[str]:
    pending: list[str] = []
    for line in script.splitlines():
        if line.startswith("//") or not line.strip():
            continue
        if line.startswith(":param"):
            yield line
            continue
        pending.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(pending).rstrip().rstrip(";")
            pending = []
