"""An exclusive lock on a graph file, held by every command that rewrites it.

The lock is an advisory ``flock`` on a lock file beside the graph,
``.<graph name>.vg.lock``, which holds the owner's process id. The kernel drops the lock when
its holder ends, however it ends (``SIGKILL`` included), so a lock can never go stale. The
holder removes the lock file on release; a waiter that finds it locked a file that is no longer
in place takes the new one, so no two writers ever hold the lock at once.

Two ``vendorgraph add`` runs on one graph therefore run one after the other, and the second
reads the graph the first wrote: both articles are kept.

Examples
--------
>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     graph = pathlib.Path(tmp, "g.trig")
...     with graph_lock(graph):
...         held = sorted(p.name for p in pathlib.Path(tmp).iterdir())
...     held, sorted(p.name for p in pathlib.Path(tmp).iterdir())
(['.g.trig.vg.lock'], [])
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from vendorgraph.errors import GraphLockedError, InputFileError

__all__ = ["graph_lock", "lock_path"]

_POLL = 0.05


def lock_path(graph: str | os.PathLike[str]) -> Path:
    """Return the lock file of a graph file.

    Examples
    --------
    >>> lock_path("data/g.trig").as_posix()
    'data/.g.trig.vg.lock'
    """
    path = Path(graph)
    return path.with_name(f".{path.name}.vg.lock")


def _holder(lock: Path) -> str:
    with suppress(OSError):
        pid = lock.read_text(encoding="ascii").strip()
        if pid.isdigit():
            return f"process {pid}"
    return "another process"


def _open(lock: Path) -> int:
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:
        raise InputFileError(
            f"cannot create the lock file {lock.name!r}: {err.strerror}; check the folder "
            "exists and is writable",
            path=str(lock.parent),
        ) from err


def _in_place(fd: int, lock: Path) -> bool:
    """Tell whether the file `fd` locked is still the lock file (its holder may have removed it)."""
    try:
        now = os.stat(lock)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _try(lock: Path) -> int | None:
    """Take the lock without waiting: the locked descriptor, or None when another holds it."""
    while True:
        fd = _open(lock)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        if _in_place(fd, lock):
            return fd
        os.close(fd)


def _acquire(lock: Path, timeout: float | None, on_wait: Callable[[str], None] | None) -> int:
    fd = _try(lock)
    if fd is not None:
        return fd
    if on_wait is not None:
        on_wait(_holder(lock))
    deadline = None if timeout is None else time.monotonic() + timeout
    while fd is None:
        if deadline is not None and time.monotonic() > deadline:
            raise GraphLockedError(
                f"{_holder(lock)} is still writing this graph after {timeout:g} s; "
                "wait for it to finish and run the command again",
                path=str(lock.with_name(lock.name[1 : -len(".vg.lock")])),
            )
        time.sleep(_POLL)
        fd = _try(lock)
    return fd


@contextmanager
def graph_lock(
    graph: str | os.PathLike[str],
    *,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[Path]:
    """Hold the exclusive write lock of a graph file for the duration of the block.

    Parameters
    ----------
    graph : str or os.PathLike
        The graph file (it need not exist yet).
    timeout : float or None
        Seconds to wait for another holder; None waits as long as it takes.
    on_wait : callable, optional
        Called once, with a description of the holder, when the lock is busy.

    Yields
    ------
    Path
        The lock file.

    Raises
    ------
    vendorgraph.errors.GraphLockedError
        If another process still holds the lock after `timeout` seconds.
    vendorgraph.errors.InputFileError
        If the lock file cannot be created (no such folder, or not writable).
    """
    lock = lock_path(graph)
    fd = _acquire(lock, timeout, on_wait)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield lock
    finally:
        with suppress(OSError):
            lock.unlink()
        os.close(fd)
