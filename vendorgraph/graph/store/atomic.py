"""Atomic file and folder writes: written aside, fsynced, then swapped in with one rename.

A failure at any point leaves the old file untouched and no temporary file behind, so a
half-written graph, page or export never replaces a good one. The new file gets the usual
permissions (``0o666`` less the umask), not the ``0o600`` of a temporary file.

Where Linux allows it, the content is written to an unnamed file (``O_TMPFILE``) that only gets
a name in the folder for the instant between its link and its rename, so even a ``SIGKILL``
while writing leaves nothing behind. Elsewhere, and for the instant of that link, a temporary
file is named ``.<target name>.vg-<pid>-<random>.tmp``; each write first removes leftovers of
that naming whose process is gone (:func:`remove_stale`), so a killed writer's debris lasts
only until the next write of the same target.

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

import ctypes
import errno
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_folder", "atomic_write", "atomic_write_text", "remove_stale", "temp_name"]

_TEMP = re.compile(r"\.(?P<name>.+)\.vg-(?P<pid>\d+)-[0-9a-f]+\.tmp")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_name(target: Path) -> Path:
    """Return a fresh temporary path beside `target`, in vendorgraph's own naming.

    Examples
    --------
    >>> name = temp_name(Path("/data/g.trig")).name
    >>> name.startswith(".g.trig.vg-") and name.endswith(".tmp")
    True
    """
    return target.with_name(f".{target.name}.vg-{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(target: str | os.PathLike[str]) -> list[Path]:
    """Remove temporary files and folders left beside `target` by writers that are gone.

    Only entries of this module's naming for this very target are touched, and only when the
    process named in them no longer runs.

    Returns
    -------
    list of Path
        What was removed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     debris = pathlib.Path(tmp, ".g.trig.vg-999999999-ab.tmp")
    ...     _ = debris.write_text("half")
    ...     [p.name for p in remove_stale(pathlib.Path(tmp, "g.trig"))]
    ['.g.trig.vg-999999999-ab.tmp']
    """
    target = Path(target)
    removed = []
    with suppress(OSError):
        for entry in target.parent.iterdir():
            found = _TEMP.fullmatch(entry.name)
            if found and found["name"] == target.name and not _alive(int(found["pid"])):
                _remove(entry)
                removed.append(entry)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _unnamed(folder: Path) -> int | None:
    """Open an unnamed file in `folder` (Linux ``O_TMPFILE``), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_RDWR, 0o666 & ~_umask())
    except OSError as err:
        if err.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None
        raise


def _write_fd(fd: int, write: Callable[[IO[bytes]], Any]) -> None:
    with os.fdopen(fd, "wb", closefd=False) as handle:
        write(handle)
        handle.flush()
        os.fsync(handle.fileno())


def _name(fd: int, temp: Path) -> None:
    """Give the unnamed file `fd` the name `temp` (or, where linking it fails, a copy)."""
    folder = os.open(temp.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:  # a dst_dir_fd makes os.link call linkat, which follows the /proc link
        os.link(f"/proc/self/fd/{fd}", temp.name, dst_dir_fd=folder, follow_symlinks=True)
        return
    except OSError:
        pass
    finally:
        os.close(folder)
    copy = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~_umask())
    try:
        with os.fdopen(os.dup(fd), "rb") as src, os.fdopen(copy, "wb", closefd=False) as dst:
            src.seek(0)
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(copy)
    finally:
        os.close(copy)


@contextmanager
def _written(target: Path, write: Callable[[IO[bytes]], Any]) -> Iterator[Path]:
    """Write the content and give it a temporary name beside `target`; remove it on failure."""
    fd = _unnamed(target.parent)
    temp = temp_name(target)
    try:
        if fd is not None:
            _write_fd(fd, write)
            _name(fd, temp)
        else:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            _write_fd(fd, write)
            os.chmod(temp, 0o666 & ~_umask())
        yield temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    finally:
        if fd is not None:
            os.close(fd)


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
    remove_stale(target)
    with _written(target, write) as temp:
        os.replace(temp, target)
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


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths with one ``renameat2(RENAME_EXCHANGE)``; False where that is unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def atomic_folder(
    path: str | os.PathLike[str], files: dict[str, Callable[[IO[bytes]], Any]]
) -> Path:
    """Write a folder of files beside `path`, then swap it in with one rename.

    Readers see the old set of files or the new one, never a mix. An existing folder at
    `path` is replaced whole, so the caller must make sure it holds nothing else of value.

    Parameters
    ----------
    path : str or PathLike
        The folder to create or replace.
    files : dict of str to callable
        File names, and the function that writes each one to a binary handle.

    Returns
    -------
    Path
        The folder written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = atomic_folder(pathlib.Path(tmp, "csv"), {"a.csv": lambda fh: fh.write(b"x")})
    ...     sorted(p.name for p in pathlib.Path(tmp).iterdir()), (out / "a.csv").read_bytes()
    (['csv'], b'x')
    """
    target = Path(path)
    remove_stale(target)
    temp = temp_name(target)
    unnamed: dict[str, int] = {}
    try:
        for name, write in sorted(files.items()):  # written unnamed: a kill leaves nothing
            fd = _unnamed(target.parent)
            if fd is None:
                break
            unnamed[name] = fd
            _write_fd(fd, write)
        temp.mkdir(mode=0o777)
        for name, write in sorted(files.items()):
            if name in unnamed:
                _name(unnamed[name], temp / name)
            else:
                with _written(temp / name, write) as written:
                    os.replace(written, temp / name)
        _swap(temp, target)
    except BaseException:
        _remove(temp)
        raise
    finally:
        for fd in unnamed.values():
            os.close(fd)
    return target


def _swap(temp: Path, target: Path) -> None:
    """Put the folder `temp` in place of `target` with one rename where the system allows."""
    if target.exists() and _exchange(temp, target):
        _remove(temp)  # now the old folder
    elif target.is_dir() and not target.is_symlink():
        old = temp_name(target)
        os.rename(target, old)
        os.rename(temp, target)
        _remove(old)
    else:
        if target.exists():  # a file, replaced by the folder (the caller checked)
            target.unlink()
        os.replace(temp, target)
