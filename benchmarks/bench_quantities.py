"""Time find_quantities on a ~5,000-word text built from the project's own sample paragraph.

    python benchmarks/bench_quantities.py

Prints the best of several runs, and the ratio to a baseline measured in the same run (one pass
of a single simple regular expression over the same text), so the figure travels across machines.
"""

from __future__ import annotations

import re
import timeit

from vendorgraph.loaders.quantities import find_quantities, load_patterns
from vendorgraph.ontology.model import Document

PARAGRAPH = (
    "Vela will deploy up to 1 million GPUs and 6 gigawatts by the end of 2027, a "
    "multibillion-dollar deal worth roughly $38B, or about two-thirds of its 2026 budget of "
    "₱3 trillion ($50 billion). Shares rose 35% on Monday after several years of talks, and "
    "the company said hundreds of thousands of chips would ship in the second half of 2026. "
)


def main() -> None:
    words = len(PARAGRAPH.split())
    doc = Document(text=PARAGRAPH * (5000 // words + 1))
    load_patterns()
    runs = 7
    best = min(timeit.repeat(lambda: find_quantities(doc), number=1, repeat=runs))
    baseline = min(
        timeit.repeat(lambda: list(re.finditer(r"\d+", doc.text)), number=1, repeat=runs)
    )
    count = len(find_quantities(doc))
    print(f"{len(doc.text.split())} words, {count} quantities")
    print(f"find_quantities: {best * 1000:.1f} ms (best of {runs})")
    print(f"ratio to one \\d+ scan: {best / baseline:.0f}x")


if __name__ == "__main__":
    main()
