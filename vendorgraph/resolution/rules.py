"""Merges the user pins (``[[same]]``) or forbids (``[[different]]``), read from a TOML file.

Examples
--------
>>> ResolutionRules(same=(("Big Blue", "IBM"),)).pins("big blue", "IBM")
True
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vendorgraph.errors import InputError
from vendorgraph.ontology.matching import fold_name, normalise_name

__all__ = ["ResolutionRules", "name_keys"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolutionRules:
    """Merges the user pins (``same``) or forbids (``different``), as groups of names.

    Examples
    --------
    >>> rules = ResolutionRules(different=(("Acme", "Acme Capital"),))
    >>> rules.forbids("acme", "ACME CAPITAL")
    True
    """

    same: tuple[tuple[str, ...], ...] = ()
    different: tuple[tuple[str, ...], ...] = ()

    def forbids(self, a: str, b: str) -> bool:
        """Whether a ``[[different]]`` group names both `a` and `b` (case-folded names)."""
        pair = {fold_name(a), fold_name(b)}
        return len(pair) == 2 and any(pair <= {fold_name(n) for n in g} for g in self.different)

    def pins(self, a: str, b: str) -> bool:
        """Whether a ``[[same]]`` group names both `a` and `b`."""
        pair = {normalise_name(a), normalise_name(b)}
        return any(pair <= name_keys(g) for g in self.same)

    @classmethod
    def load(cls, path: str | Path) -> ResolutionRules:
        r"""Read rules from a TOML file of ``[[same]]`` and ``[[different]]`` tables.

        Each table holds ``names = ["A", "B", ...]`` (two or more names).

        Raises
        ------
        vendorgraph.errors.InputError
            If the file is missing, is not TOML (the message names file and line), or a
            table is not a list of two or more names.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "rules.toml"
        >>> _ = path.write_text('[[same]]\nnames = ["Big Blue", "IBM"]\n')
        >>> ResolutionRules.load(path).same
        (('Big Blue', 'IBM'),)
        """
        file = Path(path)
        try:
            data = tomllib.loads(file.read_text("utf-8"))
        except FileNotFoundError as err:
            raise InputError(f"no resolution rules file {str(file)!r}; check the path") from err
        except tomllib.TOMLDecodeError as err:
            raise InputError(
                f"{str(file)!r} is not valid TOML: {err}; write tables "
                f'like [[same]] names = ["A", "B"]'
            ) from err
        unknown = sorted(set(data) - {"same", "different"})
        if unknown:
            raise InputError(
                f"{str(file)!r}: unknown table(s) {unknown!r}; use [[same]] or [[different]]"
            )
        return cls(
            same=_groups(data.get("same", []), file, "same"),
            different=_groups(data.get("different", []), file, "different"),
        )


def name_keys(group: Iterable[str]) -> set[str]:
    """Return the normalised names of a group of names (:func:`normalise_name`)."""
    return {normalise_name(n) for n in group}


def _groups(rows: Any, file: Path, table: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(rows, list):
        raise InputError(f"{str(file)!r}: {table!r} must be an array of tables [[{table}]]")
    out = []
    for k, row in enumerate(rows, start=1):
        names = row.get("names") if isinstance(row, dict) else None
        if not (
            isinstance(names, list) and len(names) >= 2 and all(isinstance(n, str) for n in names)
        ):
            raise InputError(
                f"{str(file)!r}: [[{table}]] number {k} has names={names!r}; give a list of "
                f"two or more strings"
            )
        out.append(tuple(names))
    return tuple(out)
