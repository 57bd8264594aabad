"""The vendorgraph vocabulary as closed rdflib namespaces, and the packaged Turtle files.

``VG`` (classes and properties) and ``VGC`` (SKOS concepts) are
:class:`rdflib.namespace.DefinedNamespace` subclasses with ``_fail = True``: a term that the
ontology does not declare raises :class:`AttributeError`, so a typo cannot mint a new IRI. A test
checks that these lists, the Enums of :mod:`vendorgraph.ontology.terms` and
``data/vendorgraph.ttl`` agree one to one.

Examples
--------
>>> VG.Claim
rdflib.term.URIRef('https://w3id.org/vendorgraph/ont#Claim')
>>> VG.Claimm
Traceback (most recent call last):
...
AttributeError: term 'Claimm' not in namespace 'https://w3id.org/vendorgraph/ont#'
>>> str(article_graph("0123456789abcdef"))
'https://w3id.org/vendorgraph/graph/article/0123456789abcdef'
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from importlib import resources

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SKOS, DefinedNamespace

from vendorgraph.ontology.terms import EntityType, Modality, Predicate, QuantityKind

__all__ = [
    "DERIVED_GRAPH",
    "GRAPH",
    "ID",
    "OA",
    "ONTOLOGY_FILE",
    "PROPOSITIONS_GRAPH",
    "REGISTRY_GRAPH",
    "SCHEMA",
    "SHAPES_FILE",
    "VG",
    "VGC",
    "VGS",
    "WD",
    "article_graph",
    "bind_prefixes",
    "concept_map",
    "entity_type_map",
    "load_ontology",
    "load_shapes",
    "ontology_text",
    "prefixes",
]


class VG(DefinedNamespace):
    """Classes and properties of the vendorgraph ontology (``vg:``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/vendorgraph/ont#")

    AIAccelerator: URIRef
    Agent: URIRef
    Article: URIRef
    CPU: URIRef
    Chip: URIRef
    Claim: URIRef
    CloudService: URIRef
    CompanyAssessment: URIRef
    CurationReview: URIRef
    Deal: URIRef
    Dependency: URIRef
    DependencyAssessment: URIRef
    EntityMerge: URIRef
    EntityRecord: URIRef
    Event: URIRef
    Extraction: URIRef
    FactorScore: URIRef
    GPU: URIRef
    GovernmentBody: URIRef
    Inference: URIRef
    Measurement: URIRef
    Membership: URIRef
    NewsOrganization: URIRef
    Offering: URIRef
    Organization: URIRef
    Partnership: URIRef
    Person: URIRef
    Place: URIRef
    Product: URIRef
    ProductFamily: URIRef
    Proposition: URIRef
    Quote: URIRef
    RegulatoryConstraint: URIRef
    Rejection: URIRef
    Relationship: URIRef
    SoftwareAgent: URIRef
    Statement: URIRef
    SwitchingCostFactor: URIRef
    System: URIRef
    Technology: URIRef
    TextSpan: URIRef
    affiliation: URIRef
    approximate: URIRef
    assesses: URIRef
    bodyStart: URIRef
    capability: URIRef
    comparedTo: URIRef
    constrainedOffering: URIRef
    constrainedParty: URIRef
    contentHash: URIRef
    coverage: URIRef
    cue: URIRef
    dateValue: URIRef
    deadline: URIRef
    dependence: URIRef
    dependencyType: URIRef
    dependent: URIRef
    dependsFor: URIRef
    dependsOn: URIRef
    developedBy: URIRef
    effect: URIRef
    entityType: URIRef
    evidence: URIRef
    exposure: URIRef
    expresses: URIRef
    extractionConfidence: URIRef
    factorName: URIRef
    factorOf: URIRef
    factorScore: URIRef
    factorType: URIRef
    filePath: URIRef
    hhi: URIRef
    imposedBy: URIRef
    inProductFamily: URIRef
    jsonType: URIRef
    jsonTypeClass: URIRef
    lexiconId: URIRef
    lockin: URIRef
    lockinDirect: URIRef
    lockinIndirect: URIRef
    magnitude: URIRef
    marketRole: URIRef
    matchCase: URIRef
    mention: URIRef
    mergeReason: URIRef
    mergeRule: URIRef
    mergedFrom: URIRef
    mergedInto: URIRef
    mergedName: URIRef
    modality: URIRef
    modelVersion: URIRef
    normalizedValue: URIRef
    partner: URIRef
    predicate: URIRef
    produces: URIRef
    proposition: URIRef
    provider: URIRef
    publisherName: URIRef
    quantity: URIRef
    quantityKind: URIRef
    quoteKind: URIRef
    rationale: URIRef
    reason: URIRef
    recordOf: URIRef
    relatedOffering: URIRef
    reliance: URIRef
    reportedConversionOf: URIRef
    score: URIRef
    sentenceQuantity: URIRef
    speakerCapacity: URIRef
    speakerLabel: URIRef
    speakerOrganization: URIRef
    speakerRole: URIRef
    statedRole: URIRef
    switchingCost: URIRef
    targetDate: URIRef
    targetJurisdiction: URIRef
    technologyCategory: URIRef
    wikidataId: URIRef
    wireSource: URIRef
    wireSourceName: URIRef


class VGC(DefinedNamespace):
    """SKOS concept schemes and concepts of vendorgraph (``vgc:``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/vendorgraph/concept/")

    AILab: URIRef
    Acquires: URIRef
    AdvancedPackaging: URIRef
    AnalystFirm: URIRef
    Asserted: URIRef
    AttributionRole: URIRef
    Capability: URIRef
    CapabilityOrder: URIRef
    CentralProcessor: URIRef
    ChipVendor: URIRef
    Claimant: URIRef
    CloudCapacity: URIRef
    CloudProvider: URIRef
    CompetesWith: URIRef
    ComponentSupply: URIRef
    ComputeCapacity: URIRef
    Consultancy: URIRef
    Contractual: URIRef
    Count: URIRef
    DataContext: URIRef
    Date: URIRef
    Decreases: URIRef
    Denied: URIRef
    DependencyType: URIRef
    DependsOn: URIRef
    Deploys: URIRef
    Develops: URIRef
    DirectQuote: URIRef
    Duration: URIRef
    Effect: URIRef
    Employs: URIRef
    EquipmentMaker: URIRef
    Financing: URIRef
    Forecast: URIRef
    Foundry: URIRef
    FoundryManufacturing: URIRef
    Fraction: URIRef
    FrontierAccelerator: URIRef
    Government: URIRef
    Hedged: URIRef
    Increases: URIRef
    IndirectQuote: URIRef
    Integrates: URIRef
    Integration: URIRef
    Interconnect: URIRef
    InvestmentFirm: URIRef
    InvestsIn: URIRef
    LeadingEdgeFoundry: URIRef
    Learning: URIRef
    MarketRole: URIRef
    Memory: URIRef
    MemoryMaker: URIRef
    Migration: URIRef
    Modality: URIRef
    Money: URIRef
    NeoCloud: URIRef
    Networking: URIRef
    NewsAgency: URIRef
    OriginalReporter: URIRef
    Owns: URIRef
    PartnersWith: URIRef
    Percent: URIRef
    Planned: URIRef
    Power: URIRef
    PowerSupply: URIRef
    Predicate: URIRef
    Publisher: URIRef
    PublishingOutlet: URIRef
    QuantityKind: URIRef
    QuoteKind: URIRef
    Regulatory: URIRef
    RegulatoryPermission: URIRef
    Relational: URIRef
    Restricts: URIRef
    Scarcity: URIRef
    SoftwareEcosystem: URIRef
    SoftwarePlatform: URIRef
    Speaker: URIRef
    Supplies: URIRef
    SwitchingCostFactorType: URIRef
    TechnologyCategory: URIRef
    TechnologyLicensing: URIRef
    Uses: URIRef


ID = Namespace("https://w3id.org/vendorgraph/id/")
"""ABox instances: ``id:org/nvidia``, ``id:claim/<article>/<relation id>`` …"""

GRAPH = Namespace("https://w3id.org/vendorgraph/graph/")
VGS = Namespace("https://w3id.org/vendorgraph/shapes#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

REGISTRY_GRAPH = GRAPH["registry"]
PROPOSITIONS_GRAPH = GRAPH["propositions"]
DERIVED_GRAPH = GRAPH["derived"]

ONTOLOGY_FILE = "vendorgraph.ttl"
SHAPES_FILE = "shapes.ttl"

_PREFIXES = {
    "vg": str(VG),
    "vgc": str(VGC),
    "vgs": str(VGS),
    "id": str(ID),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "wd": str(WD),
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def article_graph(article_id: str) -> URIRef:
    """Return the IRI of the named graph that holds one article's claims, quotes and spans.

    Examples
    --------
    >>> article_graph("ab").endswith("/graph/article/ab")
    True
    """
    return GRAPH[f"article/{article_id}"]


def prefixes() -> dict[str, str]:
    """Return the prefix map vendorgraph writes files with (a fresh copy).

    Examples
    --------
    >>> prefixes()["vg"]
    'https://w3id.org/vendorgraph/ont#'
    """
    return dict(_PREFIXES)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the vendorgraph prefixes on a graph or dataset and return it.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["vgc"]
    rdflib.term.URIRef('https://w3id.org/vendorgraph/concept/')
    """
    for prefix, iri in _PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def ontology_text(name: str = ONTOLOGY_FILE) -> str:
    """Return the text of a packaged Turtle file (``vendorgraph.ttl``, ``shapes.ttl`` …).

    Raises
    ------
    FileNotFoundError
        If the package holds no such file.

    Examples
    --------
    >>> "owl:Ontology" in ontology_text()
    True
    """
    return resources.files("vendorgraph.ontology").joinpath("data", name).read_text("utf-8")


@lru_cache(maxsize=4)
def _parsed(name: str) -> Graph:
    return Graph().parse(data=ontology_text(name), format="turtle")


def load_ontology() -> Graph:
    """Return the TBox and concept schemes as a new rdflib graph.

    Examples
    --------
    >>> from rdflib import RDF, OWL
    >>> (VG.Claim, RDF.type, OWL.Class) in load_ontology()
    True
    """
    return _copy(_parsed(ONTOLOGY_FILE))


def load_shapes() -> Graph:
    """Return the SHACL shapes as a new rdflib graph.

    Examples
    --------
    >>> len(load_shapes()) > 0
    True
    """
    return _copy(_parsed(SHAPES_FILE))


def _copy(graph: Graph) -> Graph:
    out = bind_prefixes(Graph())
    for triple in graph:
        out.add(triple)
    return out


_SCHEMES: dict[type[Enum], URIRef] = {
    Modality: VGC.Modality,
    Predicate: VGC.Predicate,
    QuantityKind: VGC.QuantityKind,
}


@lru_cache(maxsize=8)
def concept_map(enum: type[Enum]) -> dict[Enum, URIRef]:
    """Return the concept of each member of ``Modality``, ``Predicate`` or ``QuantityKind``.

    The mapping is read from the ontology: the concept in the enum's scheme whose
    ``skos:notation`` is the member's value.

    Examples
    --------
    >>> concept_map(Modality)[Modality.PLANNED]
    rdflib.term.URIRef('https://w3id.org/vendorgraph/concept/Planned')
    """
    graph = _parsed(ONTOLOGY_FILE)
    scheme = _SCHEMES[enum]
    found: dict[Enum, URIRef] = {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        notation = graph.value(concept, SKOS.notation)
        if notation is not None:
            found[enum(str(notation))] = URIRef(str(concept))
    return found


@lru_cache(maxsize=1)
def entity_type_map() -> dict[EntityType, tuple[URIRef, URIRef | None]]:
    """Return ``(class, market role or None)`` for each :class:`EntityType`, read from the ontology.

    A class or market-role concept stands for the type whose name its ``vg:jsonType`` gives;
    a role concept names its class with ``vg:jsonTypeClass``.

    Examples
    --------
    >>> cls, role = entity_type_map()[EntityType.GOVERNMENT]
    >>> cls == VG.GovernmentBody, role == VGC.Government
    (True, True)
    >>> entity_type_map()[EntityType.PERSON] == (VG.Person, None)
    True
    """
    graph = _parsed(ONTOLOGY_FILE)
    found: dict[EntityType, tuple[URIRef, URIRef | None]] = {}
    for term, name in graph.subject_objects(VG.jsonType):
        cls = graph.value(term, VG.jsonTypeClass)
        pair = (URIRef(str(term)), None) if cls is None else (URIRef(str(cls)), URIRef(str(term)))
        found[EntityType(str(name))] = pair
    return found
