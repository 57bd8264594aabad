"""Validation against vendorgraph's SHACL shapes: the pyshacl path and the bulk SPARQL path.

- :mod:`~vendorgraph.graph.validate.shacl`: :func:`validate` and :func:`ensure_valid`.
- :mod:`~vendorgraph.graph.validate.scratch`: the scratch store (data plus ontology).
- :mod:`~vendorgraph.graph.validate.core`: the core constraints, in pyshacl.
- :mod:`~vendorgraph.graph.validate.bulk`: the SPARQL constraints, once for all focus nodes
  (held to plain pyshacl by ``tests/graph/test_shacl_sparql.py``).
- :mod:`~vendorgraph.graph.validate.result`: :class:`ValidationResult`, :class:`Violation`.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> validate(new_dataset()).conforms
True
"""

from vendorgraph.graph.validate.result import ValidationResult, Violation
from vendorgraph.graph.validate.shacl import ensure_valid, validate

__all__ = ["ValidationResult", "Violation", "ensure_valid", "validate"]
