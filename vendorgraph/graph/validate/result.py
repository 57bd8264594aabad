"""What validation found: :class:`ValidationResult` and its :class:`Violation` records.

Examples
--------
>>> v = Violation(focus="id:org/acme", path=None, message="no name")
>>> violation_line(v)
'id:org/acme: no name'
"""

from __future__ import annotations

from dataclasses import dataclass

from vendorgraph.ontology.namespace import prefixes

__all__ = ["ValidationResult", "Violation", "qname", "violation_line", "violation_order"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    """One SHACL result: the node, the property path (or None) and the message."""

    focus: str
    path: str | None
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationResult:
    """The outcome of :func:`validate`: whether the data conforms, and every violation found."""

    conforms: bool
    violations: tuple[Violation, ...]
    report: str

    @property
    def count(self) -> int:
        """The number of violations."""
        return len(self.violations)


def violation_order(v: Violation) -> tuple[str, str, str]:
    """Return the sort key of a violation: (focus, path, message)."""
    return (v.focus, v.path or "", v.message)


def violation_line(v: Violation) -> str:
    """Return a violation as one line: ``focus [path]: message``."""
    return f"{v.focus}: {v.message}" if v.path is None else f"{v.focus} {v.path}: {v.message}"


def qname(iri: str) -> str:
    """Return `iri` as a prefixed name where a vendorgraph prefix fits, else ``<iri>``."""
    for prefix, namespace in sorted(prefixes().items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"
