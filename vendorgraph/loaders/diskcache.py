"""A cache on disk for name tables derived from installed packages, kept apart from the rules.

Deriving the gazetteer's 100,000 place names from GeoNames' JSON tables takes about a quarter
of a second, in every process that extracts. :func:`cached_names` writes such a table once, as
sorted lines under the user's cache folder, named by everything it was derived from; later
processes read it back in a few milliseconds. The file starts with a header holding the count
and a SHA-256 of the lines, so a damaged file is noticed and derived again. A missing,
damaged, unreadable or unwritable cache costs only the time to derive the table: the answer is
the same set of names.

The folder is ``$VENDORGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/vendorgraph``, else
``~/.cache/vendorgraph``; ``VENDORGRAPH_NO_CACHE=1`` turns the cache off.

Examples
--------
>>> import os, tempfile
>>> os.environ["VENDORGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
>>> sorted(cached_names("demo-v1", lambda: ["Oslo", "Hsinchu"]))
['Hsinchu', 'Oslo']
>>> sorted(cached_names("demo-v1", lambda: []))  # read back: not derived again
['Hsinchu', 'Oslo']
>>> del os.environ["VENDORGRAPH_CACHE_DIR"]
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["cache_dir", "cached_names"]

_HEADER = "vendorgraph-names v1"
_KEY = re.compile(r"[A-Za-z0-9._-]+")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when ``VENDORGRAPH_NO_CACHE`` is set."""
    if os.environ.get("VENDORGRAPH_NO_CACHE", "") not in ("", "0"):
        return None
    folder = os.environ.get("VENDORGRAPH_CACHE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vendorgraph"


def cached_names(key: str, derive: Callable[[], Iterable[str]]) -> frozenset[str]:
    """Return the names `derive` gives, read from the cache file `key` when it holds them.

    Parameters
    ----------
    key : str
        The file's name: letters, digits, ``.``, ``_`` and ``-``, naming every input of
        `derive` (a package version, a threshold), so a changed input is a new file.
    derive : callable
        Gives the names when the cache cannot; names hold no line break.
    """
    if not _KEY.fullmatch(key):
        raise ValueError(f"cache key {key!r}: use letters, digits, '.', '_' and '-'")
    folder = cache_dir()
    path = None if folder is None else folder / f"{key}.txt"
    if path is not None:
        found = _read(path)
        if found is not None:
            return found
    names = frozenset(derive())
    if path is not None:
        _write(path, names)
    return names


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _read(path: Path) -> frozenset[str] | None:
    try:
        header, _, body = path.read_text(encoding="utf-8").partition("\n")
    except (OSError, UnicodeDecodeError):
        return None
    lines = body.split("\n") if body else []
    if header != f"{_HEADER} {len(lines)} {_digest(body)}":
        return None  # damaged or from another version: derive again
    return frozenset(lines)


def _write(path: Path, names: frozenset[str]) -> None:
    body = "\n".join(sorted(names))
    text = f"{_HEADER} {len(names) if body else 0} {_digest(body)}\n{body}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a read-only home: the names are still right, only slower next time
