"""Growth exponents of timings measured at several sizes, for the benchmarks' summaries."""

from __future__ import annotations

import math


def print_growth(rows: list[tuple[int, int, dict[str, float]]]) -> None:
    """Print, per size after the first, each timing's growth exponent against the first size.

    `rows` holds ``(size, count, {name: seconds})``; 1.0 is linear growth, 2.0 quadratic.

    Examples
    --------
    >>> print_growth([(10, 0, {"a": 1.0}), (100, 0, {"a": 10.0})])
    growth exponent 10->100: a 1.00
    """
    base_size, _, base = rows[0]
    for size, _, times in rows[1:]:
        span = math.log(size / base_size)
        cells = "  ".join(
            f"{name} {math.log(max(times[name], 1e-4) / max(base[name], 1e-4)) / span:.2f}"
            for name in base
        )
        print(f"growth exponent {base_size}->{size}: {cells}")
