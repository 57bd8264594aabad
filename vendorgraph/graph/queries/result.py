"""The answer of a query: :class:`QueryResult`, rows of plain values in a deterministic order.

Examples
--------
>>> QueryResult(columns=("a",), values=((1,),)).rows()
[{'a': 1}]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import Literal
from rdflib.query import Result
from rdflib.term import Node

from vendorgraph.errors import InputError
from vendorgraph.graph.sanitize import spreadsheet_safe

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["QueryResult", "Row", "ordered_rows", "plain_value", "result_from_rdflib"]

Row = dict[str, Any]


def plain_value(term: Node | None) -> Any:
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


def ordered_rows(
    columns: Sequence[str], rows: Iterable[tuple[Any, ...]], order: Sequence[str]
) -> tuple[tuple[Any, ...], ...]:
    """Return `rows` sorted by the `order` columns (``-`` descending), then by every column."""
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


def result_from_rdflib(
    result: Result, rows: list[Any], order: Sequence[str] = (), *, keep: bool = False
) -> QueryResult:
    """Return rdflib's result rows as a :class:`QueryResult`, ordered by `order` unless `keep`."""
    if result.type == "ASK":
        return QueryResult(columns=("ask",), values=((bool(result.askAnswer),),), kind="ASK")
    if result.type == "CONSTRUCT":
        triples = (tuple(plain_value(t) for t in triple) for triple in rows)
        triple_columns = ("subject", "predicate", "object")
        return QueryResult(
            columns=triple_columns,
            values=ordered_rows(triple_columns, triples, ()),
            kind="CONSTRUCT",
        )
    if result.type != "SELECT":
        raise InputError(
            f"query form {result.type!r} is not supported; use SELECT, CONSTRUCT or ASK"
        )
    columns = tuple(str(v) for v in result.vars or ())
    plain = [tuple(plain_value(row[i]) for i in range(len(columns))) for row in rows]
    values = tuple(plain) if keep else ordered_rows(columns, plain, order)
    return QueryResult(columns=columns, values=values)


# ------------------------------------------------------------------ the named queries


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else value
