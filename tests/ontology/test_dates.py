"""parse_date: the one reader of ISO dates and partial dates; strict for users, not for articles."""

from __future__ import annotations

from datetime import date

import pytest

from vendorgraph.errors import InputError
from vendorgraph.ontology.dates import parse_date


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2027", False, date(2027, 1, 1)),
        ("2027", True, date(2027, 12, 31)),
        ("2024-02", True, date(2024, 2, 29)),  # a leap year's February
        ("2023-02", True, date(2023, 2, 28)),
        ("2025-06", False, date(2025, 6, 1)),
        ("2025-06-15", True, date(2025, 6, 15)),  # a whole date is its own end
        ("2025-06-15T23:59:00Z", False, date(2025, 6, 15)),
        ("  2011-03-04 ", False, date(2011, 3, 4)),
    ],
)
def test_parse_date_reads_whole_and_partial_iso_dates(text, end, expected):
    assert parse_date(text, end=end) == expected


@pytest.mark.parametrize("text", ["June", "2025-6", "2025-02-30", "25-06-01", "2025/06/01", ""])
def test_parse_date_refuses_what_is_not_an_iso_date_naming_it(text):
    with pytest.raises(InputError, match=rf"date {text!r} is not an ISO date"):
        parse_date(text)


@pytest.mark.parametrize("text", ["June", "2025-02-30", "soon"])
def test_parse_date_not_strict_gives_none_for_free_text(text):
    assert parse_date(text, strict=False) is None


def test_parse_date_passes_none_and_dates_through():
    assert parse_date(None) is None
    assert parse_date(date(2020, 5, 6), end=True) == date(2020, 5, 6)
