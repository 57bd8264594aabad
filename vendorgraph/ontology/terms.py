"""The closed vocabularies of the model, as Enums.

Each Enum is mirrored one-to-one by terms of the ``VG``/``VGC`` rdflib namespaces in
:mod:`vendorgraph.ontology.namespace` and by the Turtle ontology shipped in ``data/``; a test
checks that the three agree. The string values are the names that ``extract --format json``
reports (see ``shared/eval/README.md``).

Examples
--------
>>> Predicate("invests_in") is Predicate.INVESTS_IN
True
>>> EntityType.CLOUD_PROVIDER.is_organization
True
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EntityType", "Modality", "Predicate", "QuantityKind"]


class EntityType(StrEnum):
    """The entity types of the JSON contract: the most specific class the text supports."""

    ORGANIZATION = "Organization"
    CLOUD_PROVIDER = "CloudProvider"
    CHIP_VENDOR = "ChipVendor"
    AI_LAB = "AILab"
    PUBLISHER = "Publisher"
    GOVERNMENT = "Government"
    INVESTMENT_FIRM = "InvestmentFirm"
    CONSULTANCY = "Consultancy"
    PERSON = "Person"
    CHIP = "Chip"
    PRODUCT = "Product"
    TECHNOLOGY = "Technology"
    PLACE = "Place"

    @property
    def is_organization(self) -> bool:
        """Whether the type is an organisation (of any market role)."""
        return self in _ORGANIZATIONS

    @property
    def is_offering(self) -> bool:
        """Whether the type is something a company can depend on (chip, product, technology)."""
        return self in (EntityType.CHIP, EntityType.PRODUCT, EntityType.TECHNOLOGY)


_ORGANIZATIONS = frozenset(
    {
        EntityType.ORGANIZATION,
        EntityType.CLOUD_PROVIDER,
        EntityType.CHIP_VENDOR,
        EntityType.AI_LAB,
        EntityType.PUBLISHER,
        EntityType.GOVERNMENT,
        EntityType.INVESTMENT_FIRM,
        EntityType.CONSULTANCY,
    }
)


class Predicate(StrEnum):
    """Relation names. Direction: ``supplies`` supplier→customer, ``employs`` org→person."""

    SUPPLIES = "supplies"
    DEPLOYS = "deploys"
    USES = "uses"
    INTEGRATES = "integrates"
    DEVELOPS = "develops"
    INVESTS_IN = "invests_in"
    PARTNERS_WITH = "partners_with"
    COMPETES_WITH = "competes_with"
    DEPENDS_ON = "depends_on"
    OWNS = "owns"
    EMPLOYS = "employs"
    ACQUIRES = "acquires"
    RESTRICTS = "restricts"

    @property
    def symmetric(self) -> bool:
        """Whether the relation reads the same in both directions."""
        return self in (Predicate.PARTNERS_WITH, Predicate.COMPETES_WITH)

    @property
    def is_dependency(self) -> bool:
        """Whether one side depends on the other through it (a ``vg:Dependency`` in RDF).

        Examples
        --------
        >>> Predicate.SUPPLIES.is_dependency, Predicate.INVESTS_IN.is_dependency
        (True, False)
        """
        return self in _DEPENDENCY_PREDICATES


_DEPENDENCY_PREDICATES = frozenset(
    {
        Predicate.SUPPLIES,
        Predicate.DEPLOYS,
        Predicate.USES,
        Predicate.INTEGRATES,
        Predicate.DEPENDS_ON,
    }
)


class Modality(StrEnum):
    """The claimant's stance towards a claim (not our confidence in extracting it)."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    FORECAST = "forecast"
    HEDGED = "hedged"
    DENIED = "denied"


class QuantityKind(StrEnum):
    """Kinds of numbers an article states."""

    MONEY = "money"
    COUNT = "count"
    PERCENT = "percent"
    FRACTION = "fraction"
    POWER = "power"
    DATE = "date"
    DURATION = "duration"
