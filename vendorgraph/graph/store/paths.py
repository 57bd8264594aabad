"""Checks on output paths, made before any work: never write over an input, or a stranger.

Examples
--------
>>> import pathlib, tempfile
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> graph = tmp / "g.trig"
>>> _ = graph.write_text("")
>>> check_output(tmp / "g.html", [graph], suffixes=(".html",))
>>> check_output(tmp / "./g.trig", [graph], suffixes=(".html",))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vendorgraph.errors.OutputPathError: ...g.trig: the output is also an input ...
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from vendorgraph.errors import InputFileError, OutputPathError

__all__ = ["check_output"]


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _is_input(output: Path, inputs: Iterable[Path]) -> Path | None:
    target = output.resolve()
    for path in inputs:
        if target == path.resolve() or _same(output, path):
            return path
    return None


def check_output(
    output: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]],
    *,
    suffixes: tuple[str, ...],
    force: bool = False,
    folder: bool = False,
) -> None:
    """Refuse an output path that would destroy something the user did not ask to replace.

    Parameters
    ----------
    output : str or os.PathLike
        The file (or, with `folder`, the folder) a command will write.
    inputs : iterable of str or os.PathLike
        Every file and folder the command reads.
    suffixes : tuple of str
        Extensions of the kind of file the command writes (lower case, with the dot). An
        existing file with another extension is of another kind.
    force : bool
        Replace an existing file of another kind.
    folder : bool
        The output is a folder; its own checks are left to its writer.

    Raises
    ------
    vendorgraph.errors.OutputPathError
        If the output resolves to an input (even through a link, ``..`` or another spelling),
        is a folder where a file is expected, or is an existing file of another kind and
        `force` is not given.
    vendorgraph.errors.InputFileError
        If the output's folder does not exist.
    """
    path = Path(output)
    found = _is_input(path, map(Path, inputs))
    if found is not None:
        raise OutputPathError(
            f"the output is also an input ({str(found)!r}); writing it would destroy the "
            "input: choose another output file",
            path=str(path),
        )
    if not path.parent.is_dir():
        raise InputFileError("the output's folder does not exist; create it first", path=str(path))
    if folder:
        return
    if path.is_dir():
        raise OutputPathError("is a folder; give the name of a file to write", path=str(path))
    if path.exists() and path.suffix.lower() not in suffixes and not force:
        kinds = ", ".join(suffixes)
        raise OutputPathError(
            f"exists and is not a {kinds} file; choose another name, or pass --force to replace it",
            path=str(path),
        )
