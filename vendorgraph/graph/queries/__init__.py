"""Named SPARQL queries over a vendorgraph dataset, and ad-hoc SPARQL.

The named queries ship as ``graph/queries/<name>.rq`` files. Each starts with comment lines that
describe it: ``# description:``, one ``# param: <variable>`` per parameter, and ``# order:`` (the
columns that sort its rows, ``-`` for descending). A parameter is an entity: its name (label or
alias, case-insensitive), entity id (``org/acme``) or IRI is resolved to the entity IRI first, and
the IRI is bound with rdflib ``initBindings``, never formatted into the query text. Queries read
the union of all named graphs.

- :mod:`~vendorgraph.graph.queries.named`: the catalogue and :func:`run_named`.
- :mod:`~vendorgraph.graph.queries.sparql`: :func:`run_sparql` (local only unless allowed, with a
  time limit) and the execution both share.
- :mod:`~vendorgraph.graph.queries.entities`: a parameter's name to its entity.
- :mod:`~vendorgraph.graph.queries.result`: :class:`QueryResult`.

``tests/graph/nx_queries.py`` answers the same questions on the networkx projection, as the
parity oracle: both give the same rows for every named query.

Examples
--------
>>> from vendorgraph.ontology import (Document, Entity, EntityType, Extraction, Predicate,
...                                   Relation)
>>> from vendorgraph.graph.rdf import to_dataset
>>> doc = Document(text="Acme supplies Bolt.")
>>> acme = Entity(id="org/acme", name="Acme", type=EntityType.CHIP_VENDOR)
>>> bolt = Entity(id="org/bolt", name="Bolt", type=EntityType.CLOUD_PROVIDER)
>>> rel = Relation(id="r1", subject="org/acme", predicate=Predicate.SUPPLIES,
...                object="org/bolt", span=doc.span(0, 19))
>>> ds = to_dataset([Extraction(document=doc, entities=(acme, bolt), relations=(rel,))])
>>> run_named(ds, "suppliers-of", company="bolt").rows()[0]["name"]
'Acme'
"""

from vendorgraph.graph.queries.entities import resolve_entity
from vendorgraph.graph.queries.named import NamedQuery, list_queries, load_query, run_named
from vendorgraph.graph.queries.result import QueryResult
from vendorgraph.graph.queries.sparql import remote_keywords, run_sparql

__all__ = [
    "NamedQuery",
    "QueryResult",
    "list_queries",
    "load_query",
    "remote_keywords",
    "resolve_entity",
    "run_named",
    "run_sparql",
]
