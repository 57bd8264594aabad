"""ISO dates and partial dates ("2027-12-31", "2027-06", "2011"): the one date parser.

Every date the model carries (a document's ``published``, a relation's ``start`` and ``end``,
a quantity's ``iso``) and every date a user gives (``--as-of``, ``diff`` bounds) is read with
:func:`parse_date`.

Examples
--------
>>> parse_date("2027"), parse_date("2024-02", end=True)
(datetime.date(2027, 1, 1), datetime.date(2024, 2, 29))
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date

from vendorgraph.errors import InputError

__all__ = ["parse_date"]

_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?")


def parse_date(value: str | date | None, *, end: bool = False, strict: bool = True) -> date | None:
    """Return the first day an ISO date or partial date covers; with `end`, the last day.

    Parameters
    ----------
    value : str, datetime.date or None
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, optionally followed by ``T`` and a time
        (ignored); surrounding white space is ignored. A date is returned as it is.
    end : bool
        Give the last day of a year or month instead of the first.
    strict : bool
        What a text that is not an ISO date gives: an error (True, for dates a user types),
        or None (False, for dates read from articles, which may be free text).

    Returns
    -------
    datetime.date or None
        None for None, and with ``strict=False`` for a text that is not an ISO date.

    Raises
    ------
    vendorgraph.errors.InputError
        If `strict` and `value` is not an ISO date (or names no day, as ``2025-02-30``).

    Examples
    --------
    >>> parse_date("2027", end=True), parse_date(" 2011-03-04T10:00:00Z ")
    (datetime.date(2027, 12, 31), datetime.date(2011, 3, 4))
    >>> parse_date("March 2025", strict=False) is None
    True
    >>> parse_date("2025-02-30")
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputError: date '2025-02-30' is not an ISO date; write it as YYYY[-MM[-DD]]
    """
    if value is None or isinstance(value, date):
        return value
    found = _parse(str(value).strip(), end)
    if found is None and strict:
        raise InputError(f"date {value!r} is not an ISO date; write it as YYYY[-MM[-DD]]")
    return found


@functools.lru_cache(maxsize=65536)
def _parse(text: str, end: bool) -> date | None:
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day is not None:
            return date(year, int(month), int(day))
        if month is not None:
            last = calendar.monthrange(year, int(month))[1] if end else 1
            return date(year, int(month), last)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        return None
