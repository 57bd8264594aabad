"""Measurements with their unit and multiples, on sentences written for these tests."""

from __future__ import annotations

import pytest

from vendorgraph.loaders.quantities import find_quantities
from vendorgraph.ontology.model import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board carries 216GB of memory.", ("216GB", "count", 216.0, "GB")),
        ("Bandwidth reaches 7 TB/s per chip.", ("7 TB/s", "count", 7.0, "TB/s")),
        (
            "It delivers 10 petaFLOPS at low precision.",
            ("10 petaFLOPS", "count", 10.0, "petaFLOPS"),
        ),
        ("The campus covers a 1,200-acre site.", ("1,200-acre", "count", 1200.0, "acre")),
        ("Throughput rose 2.5× over the last part.", ("2.5×", "fraction", 2.5, "x")),
        ("Sales saw a twofold jump.", ("twofold", "fraction", 2.0, "x")),
    ],
)
def test_a_measurement_is_read_with_its_unit(text, expected):
    found = [(q.text, q.kind.value, q.value, q.unit) for q in find_quantities(Document(text=text))]
    assert expected in found
