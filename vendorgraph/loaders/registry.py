"""A registry of extractors by versioned name (``"article.v1"``), as spaCy registers factories.

Registering a taken name is an error; asking for a missing name lists the names there are.

Examples
--------
>>> get_extractor("article.v1").__name__
'extract'
>>> "article.v1" in extractor_names()
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from vendorgraph.errors import RegistryError
from vendorgraph.loaders.pipeline import extract
from vendorgraph.ontology.model import Extraction

__all__ = ["Extractor", "extractor_names", "get_extractor", "register_extractor"]

Extractor = Callable[..., Extraction]
_NAME = re.compile(r"[a-z][a-z0-9_-]*\.v[0-9]+")
_EXTRACTORS: dict[str, Extractor] = {}


def register_extractor(name: str, func: Extractor | None = None) -> Any:
    """Register `func` under `name`; usable as a decorator when `func` is omitted.

    Parameters
    ----------
    name : str
        A versioned name such as ``"article.v2"``.
    func : callable, optional
        ``func(document: Document, **options) -> Extraction``.

    Returns
    -------
    callable
        `func` itself (or a decorator that registers and returns it).

    Raises
    ------
    RegistryError
        If `name` is not ``name.vN`` or is registered already.

    Examples
    --------
    >>> register_extractor("article.v1", extract)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.RegistryError: extractor 'article.v1' is registered already; ...
    """
    if not _NAME.fullmatch(name):
        raise RegistryError(
            f"extractor name {name!r} is not of the form 'name.vN', e.g. 'article.v2'"
        )

    def add(target: Extractor) -> Extractor:
        if name in _EXTRACTORS:
            base, version = name.rsplit(".v", 1)
            raise RegistryError(
                f"extractor {name!r} is registered already; pick a new version such as "
                f"'{base}.v{int(version) + 1}'"
            )
        _EXTRACTORS[name] = target
        return target

    return add if func is None else add(func)


def get_extractor(name: str) -> Extractor:
    """Return the extractor registered as `name`.

    Raises
    ------
    RegistryError
        If nothing is registered as `name`; the message lists what is.

    Examples
    --------
    >>> get_extractor("article.v9")
    Traceback (most recent call last):
    ...
    vendorgraph.errors.RegistryError: no extractor 'article.v9'; registered: 'article.v1'
    """
    try:
        return _EXTRACTORS[name]
    except KeyError:
        known = ", ".join(repr(n) for n in sorted(_EXTRACTORS))
        raise RegistryError(f"no extractor {name!r}; registered: {known}") from None


def extractor_names() -> tuple[str, ...]:
    """Return the registered names, sorted."""
    return tuple(sorted(_EXTRACTORS))


register_extractor("article.v1", extract)
