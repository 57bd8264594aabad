"""Names to entities: the keys two names must share to be one entity.

:func:`fold_name` folds case and white space; :func:`normalise_name` also drops a possessive
and a trailing company form (``Inc``, ``Corp``, ``Ltd``…), which is what entity resolution
merges on.

Examples
--------
>>> fold_name("  NVIDIA   Corp "), normalise_name("NVIDIA Corp")
('nvidia corp', 'nvidia')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_name", "normalise_name"]

_SUFFIXES = (
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "ag",
    "sa",
    "gmbh",
)
_SUFFIX_RE = re.compile(r"(?:[\s,]+(?:" + "|".join(_SUFFIXES) + r")\.?)+$")


def normalise_name(name: str) -> str:
    """Return the key two names must share to be one entity.

    Examples
    --------
    >>> normalise_name("Nvidia Corp.'s")
    'nvidia'
    >>> normalise_name("Intel Capital"), normalise_name("Meta Platforms, Inc.")
    ('intel capital', 'meta platforms')
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = re.sub(r"['\u2019]s?$", "", text).strip()
    text = re.sub(r"[^\w&.,\s-]", " ", text)
    previous = None
    while previous != text:
        previous, text = text, _SUFFIX_RE.sub("", text).strip(" ,.")
    return " ".join(text.replace("-", " ").split())


def fold_name(name: str) -> str:
    """Return `name` case-folded with its white space collapsed.

    Examples
    --------
    >>> fold_name("Orbita  CLOUD")
    'orbita cloud'
    """
    return " ".join(name.casefold().split())
