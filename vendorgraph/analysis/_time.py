"""Time spans for the analysis; dates are read by :func:`vendorgraph.ontology.dates.parse_date`."""

from __future__ import annotations

from datetime import date

__all__ = ["years_between"]


def years_between(earlier: date, later: date) -> float:
    """Return the years from `earlier` to `later` (negative if reversed).

    Examples
    --------
    >>> round(years_between(date(2011, 1, 1), date(2026, 1, 1)), 2)
    15.0
    """
    return (later - earlier).days / 365.25
