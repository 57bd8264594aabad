"""vendorgraph: news about AI infrastructure to a knowledge graph of vendor dependencies.

Importing the package is cheap: it pulls in the model and the errors only. The loaders, graph
stores and analysis live in their subpackages.

Examples
--------
>>> import vendorgraph
>>> vendorgraph.EntityType("ChipVendor").is_organization
True
"""

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

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "Modality",
    "Predicate",
    "Quantity",
    "QuantityKind",
    "Quote",
    "Relation",
    "Span",
    "VendorGraphError",
    "__version__",
]
