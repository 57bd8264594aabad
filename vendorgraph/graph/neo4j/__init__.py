"""A vendorgraph dataset as a Neo4j property graph, and back (``shared/design/ontology.md`` C).

The mapping, read from the versioned table ``ontology/data/neo4j-mapping.tsv``:

- one node per IRI, with the property ``uri`` and the label ``Resource``;
- ``rdf:type`` classes become labels; literal-valued predicates become properties keyed by
  local name (``xsd:string``, ``xsd:boolean`` and ``xsd:integer`` natively; any other datatype as
  its lexical form plus a ``key__dt`` sidecar holding the datatype CURIE; a language tag in
  ``key__lang``); several values become a sorted list;
- concept-valued predicates (modality, market role …) become CURIE strings (``"vgc:Planned"``),
  ``schema:sameAs`` the full IRI string, every other IRI-valued predicate a relationship whose
  type is the UPPER_SNAKE local name;
- ``_graph`` on a node names the graph that owns its triples (rule R1); a relationship belongs
  to its start node's graph; nodes of ``graph/derived`` carry ``derived: true``, and each
  derived ``vg:dependsOn`` becomes ``(:Organization)-[:DEPENDS_ON {derived: true, …scores}]->``.

Labels, keys and relationship types come only from that table: a term it does not hold is an
error, and every Cypher statement takes its data as parameters. The ``neo4j`` driver is imported
only inside the functions that talk to a server.

The package holds :mod:`~vendorgraph.graph.neo4j.mapping` (the table),
:mod:`~vendorgraph.graph.neo4j.property_graph` (dataset to property graph and back),
:mod:`~vendorgraph.graph.neo4j.cypher` (the statements) and
:mod:`~vendorgraph.graph.neo4j.driver` (push, pull, run Cypher, load a script).

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> from rdflib import URIRef, Literal, RDF
>>> from vendorgraph.ontology.namespace import VG, SCHEMA
>>> ds = new_dataset()
>>> acme = URIRef("https://w3id.org/vendorgraph/id/org/acme")
>>> g = ds.graph(URIRef("https://w3id.org/vendorgraph/graph/registry"))
>>> _ = g.add((acme, RDF.type, VG.Organization)).add((acme, SCHEMA.name, Literal("Acme")))
>>> pg = to_property_graph(ds)
>>> pg.nodes[0].labels, pg.nodes[0].props["name"]
(('Organization', 'Resource'), 'Acme')
"""

from vendorgraph.graph.neo4j.cypher import plan
from vendorgraph.graph.neo4j.driver import load_script, pull, push, run_cypher, scrub
from vendorgraph.graph.neo4j.mapping import (
    CONSTRAINT,
    DEPENDS_ON,
    KINDS,
    MAPPING_FILE,
    RESERVED,
    RESOURCE,
    Neo4jMapping,
    curie,
    expand,
    load_mapping,
    parse_mapping,
)
from vendorgraph.graph.neo4j.property_graph import (
    PGNode,
    PGRelationship,
    PropertyGraph,
    from_property_graph,
    to_property_graph,
)

__all__ = [
    "CONSTRAINT",
    "DEPENDS_ON",
    "KINDS",
    "MAPPING_FILE",
    "RESERVED",
    "RESOURCE",
    "Neo4jMapping",
    "PGNode",
    "PGRelationship",
    "PropertyGraph",
    "curie",
    "expand",
    "from_property_graph",
    "load_mapping",
    "load_script",
    "parse_mapping",
    "plan",
    "pull",
    "push",
    "run_cypher",
    "scrub",
    "to_property_graph",
]
