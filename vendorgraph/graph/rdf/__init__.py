"""The model as RDF: a lossless round trip between extractions and an rdflib Dataset.

Layout (see ``shared/design/ontology.md``, B.2-B.3), every IRI deterministic, no blank nodes:

- ``graph/registry``: one node per entity id (``id:org/nvidia``), merged over all articles:
  its most specific classes, market roles, name, other names as ``skos:altLabel``, Wikidata id.
- ``graph/propositions``: one content-addressed ``vg:Statement`` per (subject, predicate,
  object) at ``id:prop/<hash>``, typed ``vg:Dependency`` for dependency-like predicates,
  ``vg:Partnership`` or ``vg:RegulatoryConstraint`` where those fit.
- ``graph/article/<doc id>``: the ``vg:Article`` (with its full ``schema:text``), the
  ``vg:Extraction`` run, text spans with both Web Annotation selectors, one ``vg:EntityRecord``
  per entity (what this article says about it: name, type, aliases, mentions), claims, quotes,
  measurements (money as ``schema:MonetaryAmount``) and rejections.
  Each claim also links by ``vg:sentenceQuantity`` to the measurements whose spans lie inside
  its evidence span: derived from the offsets (so :func:`from_dataset` does not read it), written
  so that queries need not join on offsets.
- ``graph/derived``: assessments written by :func:`add_assessments`; ignored by
  :func:`from_dataset`.

Every node an article owns links to the article (``schema:appearance``, ``prov:wasQuotedFrom``,
``oa:hasSource``, ``prov:used`` or ``prov:wasDerivedFrom``), so the union of all graphs (what a
Turtle or N-Triples file holds) still reads back per article. Strings are written typed
``xsd:string`` so that Oxigraph and rdflib's memory store hold identical terms.

The package holds :mod:`~vendorgraph.graph.rdf.terms` (literals and IRIs),
:mod:`~vendorgraph.graph.rdf.write`, :mod:`~vendorgraph.graph.rdf.read` and
:mod:`~vendorgraph.graph.rdf.assessments` (scores). Both directions go in bulk, with no
rdflib term per triple: the writer builds plain quads (:func:`vendorgraph.graph.store.add_plain`:
one ``pyoxigraph.Store.extend``), the readers index plain quads read straight from the store
(:func:`vendorgraph.graph.store.plain_quads`) once.
A dataset on another rdflib store goes through rdflib's API instead, to the same result.

Examples
--------
>>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
>>> doc = Document(text="Acme sells chips.")
>>> acme = Entity(id="org/acme", name="Acme", type=EntityType.CHIP_VENDOR,
...               mentions=(doc.span(0, 4),))
>>> ex = Extraction(document=doc, entities=(acme,))
>>> from_dataset(to_dataset([ex])) == (ex,)
True
"""

from vendorgraph.graph.rdf.assessments import add_assessments, read_assessments, read_records
from vendorgraph.graph.rdf.read import canonical, from_dataset
from vendorgraph.graph.rdf.terms import (
    WRITER,
    entity_iri,
    merged_name,
    merged_type,
    proposition_iri,
)
from vendorgraph.graph.rdf.write import to_dataset

__all__ = [
    "WRITER",
    "add_assessments",
    "canonical",
    "entity_iri",
    "from_dataset",
    "merged_name",
    "merged_type",
    "proposition_iri",
    "read_assessments",
    "read_records",
    "to_dataset",
]
