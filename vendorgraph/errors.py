"""The whole exception tree of vendorgraph.

Every error the package raises on purpose derives from :class:`VendorGraphError`, and each
leaf also inherits the builtin a caller would naturally catch, so ``except ValueError`` and
``except VendorGraphError`` both work::

    VendorGraphError
    ├── InputError (ValueError)                 bad input from the user: exit status 2
    │   ├── InputFileError (FileNotFoundError)  missing or unreadable file
    │   ├── EmptyInputError                     a file with no text in it
    │   ├── TooLargeInputError                  an article over the size limit of one article
    │   ├── BinaryInputError                    a file that is not text
    │   ├── UnknownFormatError                  an extension or --format we cannot handle
    │   ├── GraphFileError                      an RDF file that does not parse, or is not ours
    │   ├── OutputPathError                     an output that would overwrite an input
    │   ├── GraphLockedError (TimeoutError)     a graph another process is still writing
    │   ├── QueryTimeoutError (TimeoutError)    a query that ran past its time limit
    │   ├── RemoteAccessError (PermissionError) a query that would reach the network
    │   └── MissingDependencyError (ImportError) an optional package that is not installed
    ├── ModelError (ValueError)                 a record that breaks the model's rules
    │   └── InvalidSpanError                    a span that does not index back into its text
    ├── UnknownEntityError (LookupError)        a name that matches no entity in a graph
    ├── RegistryError (LookupError)             a duplicate or missing registry entry
    ├── ValidationError                         data that fails the SHACL shapes: exit status 1
    └── ServiceError (ConnectionError)          a server (Neo4j) that cannot be reached or refuses

Examples
--------
>>> from vendorgraph.errors import InvalidSpanError, VendorGraphError
>>> issubclass(InvalidSpanError, ValueError) and issubclass(InvalidSpanError, VendorGraphError)
True
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "EmptyInputError",
    "GraphFileError",
    "GraphLockedError",
    "InputError",
    "InputFileError",
    "InvalidSpanError",
    "MissingDependencyError",
    "ModelError",
    "OutputPathError",
    "QueryTimeoutError",
    "RegistryError",
    "RemoteAccessError",
    "ServiceError",
    "TooLargeInputError",
    "UnknownEntityError",
    "UnknownFormatError",
    "ValidationError",
    "VendorGraphError",
]


class VendorGraphError(Exception):
    """Base of every error vendorgraph raises on purpose.

    Parameters
    ----------
    message : str
        What was wrong, the bad value shown with ``!r``, and what to do about it.
    path : str or None
        The file the error is about, if any.
    offset : int or None
        The character offset in that file, if known.
    line : int or None
        The line number (1-based) in that file, if known.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        offset: int | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.offset = offset
        self.line = line

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.offset is not None:
            where.append(f"offset {self.offset}")
        return f"{': '.join(where)}: {self.message}" if where else self.message


class InputError(VendorGraphError, ValueError):
    """Bad input from the user: a file, an option or a name we cannot use."""


class InputFileError(InputError, FileNotFoundError):
    """A file that does not exist or cannot be read."""


class EmptyInputError(InputError):
    """A file that holds no text."""


class TooLargeInputError(InputError):
    """An article longer than one article may be (split it into several)."""


class BinaryInputError(InputError):
    """A file that is not text (it has NUL bytes or does not decode)."""


class UnknownFormatError(InputError):
    """A file extension or ``--format`` value that vendorgraph does not handle."""


class GraphFileError(InputError):
    """An RDF file that does not parse."""


class OutputPathError(InputError):
    """An output path that resolves to an input, or to a file of another kind (without --force)."""


class GraphLockedError(InputError, TimeoutError):
    """A graph file whose write lock another process still holds."""


class QueryTimeoutError(InputError, TimeoutError):
    """A query stopped because it ran past its time limit."""


class RemoteAccessError(InputError, PermissionError):
    """A query that would send requests to the network (SPARQL ``SERVICE``) without consent."""


class MissingDependencyError(InputError, ImportError):
    """An optional package a command needs that is not installed."""


class ModelError(VendorGraphError, ValueError):
    """A model record that breaks the model's rules (a confidence outside [0, 1], say)."""


class InvalidSpanError(ModelError):
    """A span whose offsets do not index back to its words in the text."""


class UnknownEntityError(VendorGraphError, LookupError):
    """A name that matches no entity in the graph or lexicon."""


class RegistryError(VendorGraphError, LookupError):
    """A registry name that is taken already, or that is not registered."""


class ValidationError(VendorGraphError):
    """Data that does not conform to the SHACL shapes.

    Parameters
    ----------
    message : str
        A summary of the violations.
    report : str
        The full pyshacl text report.
    """

    exit_code = 1

    def __init__(self, message: str, *, report: str = "", path: str | None = None) -> None:
        super().__init__(message, path=path)
        self.report = report


class ServiceError(VendorGraphError, ConnectionError):
    """A server (such as Neo4j) that cannot be reached or that refuses a request."""
