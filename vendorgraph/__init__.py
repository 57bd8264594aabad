"""vendorgraph: news about AI infrastructure to a knowledge graph of vendor dependencies.

Importing the package is cheap: it pulls in the model and the errors only. The workflows
(:mod:`vendorgraph.api`: build, add, remove, score, write) are exported here too, imported on
first use (PEP 562), so ``import vendorgraph as vg; vg.build_graph([...])`` works and a bare
``import vendorgraph`` loads no spaCy, rdflib or networkx. The loaders, graph stores and analysis
live in their subpackages.

Examples
--------
>>> import vendorgraph
>>> vendorgraph.EntityType("ChipVendor").is_organization
True
>>> vendorgraph.score_graph.__module__
'vendorgraph.api.workflows'
"""

import importlib as _importlib
import typing as _typing

from vendorgraph.errors import VendorGraphError
from vendorgraph.ontology import (
    Document,
    Entity,
    EntityType,
    Extraction,
    Modality,
    Predicate,
    Quantity,
    QuantityKind,
    Quote,
    Relation,
    Span,
)

if _typing.TYPE_CHECKING:  # pragma: no cover
    from vendorgraph.api import (
        GraphBuild,
        GraphUpdate,
        LeftOut,
        Scores,
        add_articles,
        build_graph,
        graph_as_of,
        graph_from_extractions,
        open_graph,
        remove_article,
        score_graph,
        write_graph,
    )

__version__ = "0.1.0"

# Names exported lazily: name -> the module that defines it, imported on first access.
_LAZY = {
    name: "vendorgraph.api"
    for name in (
        "GraphBuild",
        "GraphUpdate",
        "LeftOut",
        "Scores",
        "add_articles",
        "build_graph",
        "graph_as_of",
        "graph_from_extractions",
        "open_graph",
        "remove_article",
        "score_graph",
        "write_graph",
    )
}

__all__ = [
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "GraphBuild",
    "GraphUpdate",
    "LeftOut",
    "Modality",
    "Predicate",
    "Quantity",
    "QuantityKind",
    "Quote",
    "Relation",
    "Scores",
    "Span",
    "VendorGraphError",
    "__version__",
    "add_articles",
    "build_graph",
    "graph_as_of",
    "graph_from_extractions",
    "open_graph",
    "remove_article",
    "score_graph",
    "write_graph",
]


def __getattr__(name: str) -> _typing.Any:
    """Import a lazily exported name on first access (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'vendorgraph' has no attribute {name!r}")
    value = getattr(_importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the module's names with the lazy exports."""
    return sorted({*globals(), *_LAZY})
