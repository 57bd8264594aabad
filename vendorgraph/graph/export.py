r"""Exports that need no server: GraphML, GEXF, a Cypher script, neo4j-admin CSV and JSON-LD.

Every export is deterministic (sorted nodes, edges, columns and keys) and written atomically
(a temporary file in the target folder, renamed over the target).

The Cypher script is for ``cypher-shell -f graph.cypher`` (or
:func:`vendorgraph.graph.neo4j.load_script`). Its statements are the ones
:func:`vendorgraph.graph.neo4j.plan` gives: they read their data only from ``$rows``, and each
is preceded by a ``:param rows => [...]`` line that holds that data as a Cypher literal. Text is
never spliced into a statement: it only appears inside single-quoted string literals, in which
:func:`cypher_literal` escapes the backslash, the quote and every control character (as
``\uXXXX``), so a value cannot end its string. Map keys come from the mapping table and are
written in backticks.

The neo4j-admin files import with::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \
        --array-delimiter=U+001F --multiline-fields=true neo4j

They are written as one folder beside the target and swapped in with one rename, so a reader
(or a kill) never sees a new ``nodes.csv`` beside an old ``relationships.csv``.

CSV files are opened in spreadsheets too, where a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run as a formula (CSV injection). As OWASP recommends, every
*text* cell that starts with one of those characters is written with a leading apostrophe
(:func:`spreadsheet_safe`); numbers are left as they are, so ``-0.5`` stays a number.
``neo4j-admin`` does not know this convention: it imports the apostrophe as part of the string,
so a name such as ``=Acme`` arrives in Neo4j as ``'=Acme``. The Cypher script and
``vendorgraph neo4j push`` carry every value unchanged.

Examples
--------
>>> print(cypher_literal({"name": "O'Neil \\ Co", "n": [1, 2]}))
{`n`: [1, 2], `name`: 'O\'Neil \\ Co'}
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx
from rdflib import Dataset

from vendorgraph.errors import InputError, InputFileError, OutputPathError, UnknownFormatError
from vendorgraph.graph.neo4j import PropertyGraph, plan, to_property_graph
from vendorgraph.graph.networkx import to_networkx
from vendorgraph.graph.sanitize import spreadsheet_safe
from vendorgraph.graph.store.atomic import atomic_folder, atomic_write
from vendorgraph.graph.store.files import write_dataset

__all__ = [
    "ADMIN_FILES",
    "ADMIN_IMPORT_OPTIONS",
    "ARRAY_DELIMITER",
    "cypher_literal",
    "flat_graph",
    "spreadsheet_safe",
    "to_cypher",
    "to_gexf",
    "to_graphml",
    "to_jsonld",
    "to_neo4j_admin",
    "write_cypher",
]

ARRAY_DELIMITER = "\x1f"
"""The array delimiter of the neo4j-admin CSV files (U+001F, the unit separator)."""

ADMIN_IMPORT_OPTIONS = ("--array-delimiter=U+001F", "--multiline-fields=true")
"""The neo4j-admin import options the CSV files need."""

ADMIN_FILES = ("nodes.csv", "relationships.csv")
"""The files of a neo4j-admin export folder."""


# ------------------------------------------------------------------ writing files


def _atomic(path: str | Path, write: Callable[[IO[bytes]], object]) -> Path:
    try:
        return atomic_write(path, write)
    except OSError as err:
        raise InputFileError(
            f"cannot write the file: {err.strerror or err}", path=str(path)
        ) from err


def _text(path: str | Path, text: str) -> Path:
    return _atomic(path, lambda out: out.write(text.encode("utf-8")))


# ------------------------------------------------------------------ GraphML and GEXF


def _flat(value: Any) -> Any:
    """Return a value GraphML and GEXF can hold: str, int, float or bool; JSON for the rest."""
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _flat_attrs(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _flat(v) for k, v in sorted(data.items()) if v is not None}


def flat_graph(source: Dataset | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of the entity graph with plain attribute values and a sorted order.

    Lists, dicts and tuples become JSON strings; None attributes are left out. Graph
    attributes (articles, quotes, dependencies) become JSON strings too.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("b", aliases=["x"], wikidata=None)
    >>> dict(flat_graph(G).nodes["b"])
    {'aliases': '["x"]'}
    """
    G = to_networkx(source) if isinstance(source, Dataset) else source
    H = nx.MultiDiGraph()
    H.graph.update(_flat_attrs(dict(G.graph)))
    for node in sorted(G.nodes):
        H.add_node(node, **_flat_attrs(G.nodes[node]))
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for s, o, key, data in edges:
        H.add_edge(s, o, key=str(key), **_flat_attrs(data))
    return H


def to_graphml(source: Dataset | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the entity graph (of a dataset or a networkx graph) as GraphML, atomically.

    Returns
    -------
    Path
        The file written; ``networkx.read_graphml`` reads it back with the same nodes and edges.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph([("a", "b")])
    >>> out = to_graphml(G, Path(tempfile.mkdtemp()) / "g.graphml")
    >>> nx.read_graphml(out).number_of_edges()
    1
    """
    H = flat_graph(source)
    return _atomic(path, lambda out: nx.write_graphml(H, out, encoding="utf-8"))


def to_gexf(source: Dataset | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the entity graph as GEXF 1.2, atomically.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "b")])
    >>> out = to_gexf(G, Path(tempfile.mkdtemp()) / "g.gexf")
    >>> nx.read_gexf(out).number_of_edges()
    2
    """
    H = flat_graph(source)
    return _atomic(path, lambda out: nx.write_gexf(H, out, encoding="utf-8"))


# ------------------------------------------------------------------ Cypher


def _cypher_string(text: str) -> str:
    out = []
    for char in text:
        if char in ("\\", "'"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or char in "\x7f\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _key(key: object) -> str:
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise InputError(f"cannot write map key {key!r} in Cypher; use letters, digits and _")
    return key


_INT64 = 2**63


def _integer(value: int) -> str:
    if not -_INT64 <= value < _INT64:
        raise InputError(
            f"cannot write {value!r} as a Cypher integer: Neo4j holds signed 64-bit integers; "
            "store it as a string"
        )
    return str(value)


def cypher_literal(value: Any) -> str:
    r"""Return `value` (str, bool, int, float, list, dict) as a Cypher literal.

    Strings are single-quoted with ``\``, ``'`` and control characters escaped; map keys are
    backticked and must be identifiers (letters, digits, ``_``).

    Raises
    ------
    vendorgraph.errors.InputError
        For None, a non-finite float, an integer outside the signed 64-bit range or a type
        Cypher literals cannot hold.

    Examples
    --------
    >>> print(cypher_literal(["a'b", True, 2, 0.5]))
    ['a\'b', true, 2, 0.5]
    >>> print(cypher_literal("line\nbreak"))
    'line\u000abreak'

    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return _integer(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return _cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"`{_key(k)}`: {cypher_literal(v)}" for k, v in sorted(value.items()))
        return "{" + ", ".join(items) + "}"
    raise InputError(
        f"cannot write {value!r} as a Cypher literal; use str, number, bool, list or map"
    )


def to_cypher(source: Dataset | PropertyGraph, *, batch_size: int = 1000) -> str:
    """Return a cypher-shell script that loads the dataset into Neo4j (see the module notes).

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> print(to_cypher(new_dataset()), end="")
    // vendorgraph Cypher script: run with cypher-shell -f <file>
    CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS FOR (r:Resource) REQUIRE r.uri IS UNIQUE;
    """
    lines = ["// vendorgraph Cypher script: run with cypher-shell -f <file>"]
    for statement, params in plan(source, batch_size=batch_size):
        lines.extend(f":param {name} => {cypher_literal(v)}" for name, v in sorted(params.items()))
        lines.append(f"{statement};")
    return "\n".join(lines) + "\n"


def write_cypher(
    source: Dataset | PropertyGraph, path: str | Path, *, batch_size: int = 1000
) -> Path:
    """Write :func:`to_cypher` to `path`, atomically."""
    return _text(path, to_cypher(source, batch_size=batch_size))


# ------------------------------------------------------------------ neo4j-admin CSV

_CSV_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _column_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    kinds: dict[str, set[type]] = {}
    lists: set[str] = set()
    for props in rows:
        for key, value in props.items():
            items = value if isinstance(value, list) else [value]
            if isinstance(value, list):
                lists.add(key)
            kinds.setdefault(key, set()).update(type(v) for v in items)
    out = {}
    for key, found in sorted(kinds.items()):
        if len(found) != 1:
            names = sorted(t.__name__ for t in found)
            raise InputError(f"property {key!r} mixes value types {names!r}; neo4j-admin needs one")
        out[key] = _CSV_TYPES[found.pop()] + ("[]" if key in lists else "")
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        items = [_cell(v) for v in value]
        if any(ARRAY_DELIMITER in item for item in items):
            raise InputError(f"a list value {value!r} holds the array delimiter U+001F")
        return ARRAY_DELIMITER.join(items)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def _csv(header: list[str], rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def to_neo4j_admin(
    source: Dataset | PropertyGraph, folder: str | Path, *, force: bool = False
) -> tuple[Path, Path]:
    r"""Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import``.

    Headers are typed: ``uri:ID``, ``:LABEL`` and ``key:type`` columns for nodes;
    ``:START_ID``, ``:END_ID``, ``:TYPE`` and typed property columns for relationships. Use the
    options in :data:`ADMIN_IMPORT_OPTIONS`. The folder is created, or replaced as a whole
    with one rename (see the module notes); text cells are made spreadsheet-safe.

    Parameters
    ----------
    source : rdflib.Dataset or PropertyGraph
        The graph to export.
    folder : str or Path
        The folder to write; its parent must exist. An existing folder may hold only the two
        CSV files.
    force : bool
        Replace a file that stands where the folder should go.

    Raises
    ------
    vendorgraph.errors.OutputPathError
        If `folder` holds other files, or is a file and `force` is not given.
    vendorgraph.errors.InputFileError
        If the parent folder does not exist or cannot be written.

    Returns
    -------
    (Path, Path)
        The nodes file and the relationships file.

    Examples
    --------
    >>> import tempfile
    >>> from vendorgraph.graph.store import new_dataset
    >>> nodes, rels = to_neo4j_admin(new_dataset(), tempfile.mkdtemp())
    >>> nodes.read_text(), rels.read_text()
    ('uri:ID,:LABEL\n', ':START_ID,:END_ID,:TYPE\n')
    """
    folder = Path(folder)
    _check_admin_folder(folder, force=force)
    pg = source if isinstance(source, PropertyGraph) else to_property_graph(source)
    node_types = _column_types({k: v for k, v in n.props.items() if k != "uri"} for n in pg.nodes)
    node_rows = (
        [n.uri, ARRAY_DELIMITER.join(n.labels), *(_cell(n.props.get(k)) for k in node_types)]
        for n in pg.nodes
    )
    node_header = ["uri:ID", ":LABEL", *(f"{k}:{t}" for k, t in node_types.items())]
    rel_types = _column_types(r.props for r in pg.relationships)
    rel_rows = (
        [r.start, r.end, r.type, *(_cell(r.props.get(k)) for k in rel_types)]
        for r in pg.relationships
    )
    rel_header = [":START_ID", ":END_ID", ":TYPE", *(f"{k}:{t}" for k, t in rel_types.items())]
    texts = (_csv(node_header, node_rows), _csv(rel_header, rel_rows))
    files = {name: _bytes(text) for name, text in zip(ADMIN_FILES, texts, strict=True)}
    try:
        atomic_folder(folder, files)
    except OSError as err:
        raise InputFileError(
            f"cannot write the folder: {err.strerror or err}", path=str(folder)
        ) from err
    return folder / ADMIN_FILES[0], folder / ADMIN_FILES[1]


def _bytes(text: str) -> Callable[[IO[bytes]], object]:
    data = text.encode("utf-8")
    return lambda out: out.write(data)


def _check_admin_folder(folder: Path, *, force: bool) -> None:
    """Refuse a target the swap would destroy: a folder with other files, or a file."""
    if folder.is_dir():
        other = sorted(p.name for p in folder.iterdir() if p.name not in ADMIN_FILES)
        if other:
            raise OutputPathError(
                f"the folder holds other files ({', '.join(map(repr, other[:3]))}), which "
                "writing the export would delete; choose a new or empty folder",
                path=str(folder),
            )
    elif folder.exists() and not force:
        raise OutputPathError(
            "is a file, not a folder; choose a folder for the CSV files (or --force to "
            "replace the file)",
            path=str(folder),
        )
    if not folder.parent.is_dir():
        raise InputFileError("no such folder; create it first", path=str(folder.parent))


# ------------------------------------------------------------------ JSON-LD


def to_jsonld(ds: Dataset, path: str | Path) -> Path:
    """Write `ds` as JSON-LD (one ``@graph`` per named graph), deterministically and atomically.

    Raises
    ------
    vendorgraph.errors.UnknownFormatError
        If `path` does not end in ``.jsonld``.

    Examples
    --------
    >>> import tempfile
    >>> from vendorgraph.graph.store import new_dataset
    >>> to_jsonld(new_dataset(), Path(tempfile.mkdtemp()) / "g.jsonld").exists()
    True
    """
    path = Path(path)
    if path.suffix.lower() != ".jsonld":
        raise UnknownFormatError(
            f"a JSON-LD file must end in '.jsonld', not {path.suffix!r}", path=str(path)
        )
    write_dataset(ds, path)
    return path
