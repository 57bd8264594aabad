"""Pathological texts for the linear-time test and ``benchmarks/bench_pathological.py``.

Each shape is one unit of text repeated until the text reaches the size asked for, so the same
shape at 4, 16 and 64 KB differs only in length. Every unit was written for this project;
``ordinary`` is a plain news paragraph, the baseline the odd shapes are compared with.
"""

from __future__ import annotations

import random
from collections.abc import Callable

_NAMES = (
    "Acme", "Beta", "Gamma", "Delta", "Vela", "Zeta", "Orbit", "Nimbus", "Quill", "Harbor",
    "Kestrel", "Lumen", "Marlow", "Northwind", "Pioneer", "Rook", "Sable", "Tessel",
)  # fmt: skip

_KNOWN = ("Nvidia", "AWS", "Microsoft", "Google", "Oracle", "CoreWeave", "AMD", "Intel")

_ORDINARY = (
    "Acme Labs Co-founder Jane Roe said Acme Labs will deploy 20,000 Nvidia GPUs by the end "
    "of 2027. “We rely on Nvidia's most advanced GPUs,” Roe said. Zeta Capital invested $2 "
    "billion in Acme Labs, according to Zeta Capital Partner Raj Patel. AWS and Acme Labs have "
    "worked together since 2019, and Acme Labs is developing its own AI chips.\n"
)

_WORDS = (
    "the company will deploy more chips in the region next year and the cloud unit expects "
    "Nvidia to ship servers to AWS while Acme Labs signs a supply deal with Vela "
)

_TRANSCRIPT = (
    "yeah so um we think that nvidia will ship more gpus to aws and you know the contract with "
    "acme labs is worth about two billion dollars and we said that to Jane Roe on the call "
)


def _repeat(unit: str) -> Callable[[int], str]:
    def build(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return build


def _chain(size: int) -> str:
    names = [n for pair in zip(_KNOWN, _NAMES, strict=False) for n in pair]
    return _repeat(" and ".join(names) + " and ")(size)


def _nested(size: int) -> str:
    depth = size // 7 + 1
    return ("(Acme " * depth + ")" * depth)[: size - 1] + "."


def _brackets(size: int) -> str:
    pick = random.Random(9).choice  # varied, so that no slice of the run repeats another
    run = "".join(pick("([{<\"'“‘") for _ in range(size // 2))
    head = "Nvidia sells chips to AWS and Microsoft "  # mentions: the sentence is parsed
    return head + run + "".join(pick(")]}>\"'”’") for _ in range(size // 2)) + "."


def _table(size: int) -> str:
    rows = [
        f"| {_NAMES[i % len(_NAMES)]} {i} | ${i % 97}.{i % 10} billion | {i % 60}% | "
        f"{2000 + i % 30} | {i * 37 % 9000:,} GPUs "
        for i in range(size // 30 + 1)
    ]
    return "Company | Revenue | Growth | Year | Fleet " + "".join(rows)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary": _repeat(_ORDINARY),
    "quotes-straight": _repeat('" '),
    "quotes-straight-dense": _repeat('"'),
    "quotes-curly": _repeat("“ ” "),
    "apostrophes": _repeat("' ’ "),
    "quoted-words": _repeat('"Acme said" '),
    "one-sentence": _repeat(_WORDS),
    "name-chain": _chain,
    "nested-parens": _nested,
    "bracket-run": _brackets,
    "table": _table,
    "transcript": _repeat(_TRANSCRIPT),
    "numbers": _repeat("$1.2 billion 3,400 GPUs 45% 2027 6 gigawatts €3bn "),
}
"""Each shape's builder: ``SHAPES[name](size)`` is a text of `size` characters."""
