"""Parse the ISO dates of the networkx contract ("2027-12-31", "2027-06", "2011")."""

from __future__ import annotations

import calendar
import functools
from datetime import date

from vendorgraph.errors import InputError

__all__ = ["parse_date", "years_between"]


def parse_date(text: str | date | None, *, end: bool = False) -> date | None:
    """Return the date of an ISO string; a bare year or month means its first (or last) day.

    Examples
    --------
    >>> parse_date("2027", end=True), parse_date("2011")
    (datetime.date(2027, 12, 31), datetime.date(2011, 1, 1))
    """
    if text is None or isinstance(text, date):
        return text
    return _parse(str(text), end)


@functools.lru_cache(maxsize=65536)
def _parse(text: str, end: bool) -> date:
    parts = str(text).strip()[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        last = calendar.monthrange(year, month)[1]
        day = int(parts[2]) if len(parts) > 2 else (last if end else 1)
        return date(year, month, day)
    except (ValueError, IndexError) as err:
        raise InputError(f"date {text!r} is not ISO 8601; write it as YYYY[-MM[-DD]]") from err


def years_between(earlier: date, later: date) -> float:
    """Return the years from `earlier` to `later` (negative if reversed).

    Examples
    --------
    >>> round(years_between(date(2011, 1, 1), date(2026, 1, 1)), 2)
    15.0
    """
    return (later - earlier).days / 365.25
