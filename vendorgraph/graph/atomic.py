"""Atomic file writes: a temporary file in the same folder, fsync, then rename.

A failure at any point leaves the old file untouched and no temporary file behind, so a
half-written graph, page or export never replaces a good one. The new file gets the usual
permissions (``0o666`` less the umask), not the ``0o600`` of a temporary file.

Examples
--------
>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     target = pathlib.Path(tmp) / "out.txt"
...     _ = atomic_write(target, lambda fh: fh.write(b"hello"))
...     target.read_bytes()
b'hello'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write", "atomic_write_text"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], Any]) -> Path:
    """Call ``write(handle)`` on a temporary binary file, then move it over `path`.

    Parameters
    ----------
    path : str or PathLike
        The file to create or replace.
    write : callable
        Writes the content to the binary handle it is given.

    Returns
    -------
    Path
        The path written.
    """
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, on every path
        "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o666 & ~_umask())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` as UTF-8, atomically (see :func:`atomic_write`).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     atomic_write_text(pathlib.Path(tmp) / "a.txt", "é").read_text(encoding="utf-8")
    'é'
    """
    data = text.encode("utf-8")
    return atomic_write(path, lambda fh: fh.write(data))
