"""The capability an offering serves, from a small taxonomy shipped as data.

Examples
--------
>>> capability_of("Nvidia GPUs", "Chip"), capability_of("Graviton", "Chip")
('frontier_accelerator', 'cpu')
>>> capability_of("Intel CPUs", "Chip"), capability_of("CUDA", "Technology")
('cpu', 'software_platform')
>>> capability_of("AWS chips", "Chip"), capability_of("Acme widget", "Product")
('frontier_accelerator', None)
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

__all__ = ["CAPABILITIES", "capability_of"]


@functools.cache
def _taxonomy() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], dict[str, str]]:
    text = resources.files("vendorgraph.analysis").joinpath("data/capabilities.toml")
    data = tomllib.loads(text.read_text("utf-8"))
    rows = tuple(
        (
            str(row["name"]),
            re.compile(
                r"(?<![\w])(?:"
                + "|".join(re.escape(w.lower()) for w in row["words"])
                + r")(?![\w])"
            ),
        )
        for row in data["capability"]
    )
    return rows, {str(k): str(v) for k, v in data.get("defaults", {}).items()}


def _words(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w.lower()) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


CAPABILITIES: tuple[str, ...] = tuple(name for name, _ in _taxonomy()[0])


@functools.lru_cache(maxsize=65536)
def capability_of(name: str, type_: str | None = None) -> str | None:
    """Return the capability an offering called `name` serves, else its type's default or None.

    Examples
    --------
    >>> capability_of("HBM4", "Technology")
    'memory'
    """
    low = " ".join(name.lower().replace("-", " ").replace("/", " ").split())
    for cap, pattern in _taxonomy()[0]:
        if pattern.search(low):
            return cap
    return _taxonomy()[1].get(type_ or "")
