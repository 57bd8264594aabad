"""The lexicon of the field's reference entities, read from ``data/lexicon.ttl``.

Each entry is a named individual of the Turtle file: a company, a government body, a person,
a chip, a system, a technology or a place, with its canonical name, the other names it goes by
(``skos:altLabel``), its market roles and the ids of the organisations it belongs to. The
Python side only reads the Turtle; it keeps just the small table that maps market roles and
OWL classes to the :class:`~vendorgraph.ontology.terms.EntityType` of the JSON contract
(:data:`ROLE_TYPES`, :data:`KIND_TYPES`).

Names that are common words or very short (``Arm``, ``Meta``, ``Claude``) carry
``vg:matchCase true``: they resolve only when written exactly as listed.

Examples
--------
>>> lexicon = load_lexicon()
>>> lexicon.lookup("Amazon Web Services").id
'org/aws'
>>> lexicon.lookup("Nvidia's").type
<EntityType.CHIP_VENDOR: 'ChipVendor'>
>>> lexicon.lookup("arm") is None
True
>>> lexicon.get("org/aws").parent
'org/amazon'
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from vendorgraph.errors import GraphFileError, InputFileError, ModelError, UnknownEntityError
from vendorgraph.ontology.namespace import ID, SCHEMA, VG, VGC
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "KINDS",
    "KIND_TYPES",
    "ROLE_TYPES",
    "Lexicon",
    "LexiconEntry",
    "load_lexicon",
    "normalize_surface",
]

_ET = EntityType
ROLE_TYPES: dict[URIRef, EntityType] = {
    VGC.ChipVendor: _ET.CHIP_VENDOR,
    VGC.Foundry: _ET.CHIP_VENDOR,
    VGC.MemoryMaker: _ET.CHIP_VENDOR,
    VGC.EquipmentMaker: _ET.CHIP_VENDOR,
    VGC.CloudProvider: _ET.CLOUD_PROVIDER,
    VGC.NeoCloud: _ET.CLOUD_PROVIDER,
    VGC.AILab: _ET.AI_LAB,
    VGC.InvestmentFirm: _ET.INVESTMENT_FIRM,
    VGC.Consultancy: _ET.CONSULTANCY,
    VGC.AnalystFirm: _ET.CONSULTANCY,
    VGC.Publisher: _ET.PUBLISHER,
    VGC.NewsAgency: _ET.PUBLISHER,
    VGC.Government: _ET.GOVERNMENT,
}
"""The default type of an organisation with each market role (keys: ``vgc:`` IRIs)."""

KIND_TYPES: dict[URIRef, EntityType] = {
    VG.Organization: _ET.ORGANIZATION,
    VG.GovernmentBody: _ET.GOVERNMENT,
    VG.NewsOrganization: _ET.PUBLISHER,
    VG.Person: _ET.PERSON,
    VG.GPU: _ET.CHIP,
    VG.CPU: _ET.CHIP,
    VG.AIAccelerator: _ET.CHIP,
    VG.Chip: _ET.CHIP,
    VG.ProductFamily: _ET.CHIP,
    VG.System: _ET.PRODUCT,
    VG.Product: _ET.PRODUCT,
    VG.CloudService: _ET.PRODUCT,
    VG.Technology: _ET.TECHNOLOGY,
    VG.Place: _ET.PLACE,
}
"""The default type of an entry of each class (keys: ``vg:`` IRIs); a product family is one
of chips (a family of systems is a ``vg:System``); an organisation with roles takes theirs."""

_ID = str(ID)
_VG_NS = str(VG)
_VGC_NS = str(VGC)
KINDS: tuple[str, ...] = tuple(iri[len(_VG_NS) :] for iri in KIND_TYPES)
"""The local names of the classes a lexicon entry can have (``LexiconEntry.kind``)."""
_ROLES = frozenset(iri[len(_VGC_NS) :] for iri in ROLE_TYPES)
_ORG_KINDS = frozenset({"Organization", "GovernmentBody", "NewsOrganization"})
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s?$")
_LEGAL_SUFFIX = re.compile(r",?\s+(?:Inc|Corp|Corporation|Co|Ltd|Limited|LLC|plc|PLC)\.?$")


def normalize_surface(surface: str, *, fold: bool = True) -> str:
    """Return a surface form as the lexicon compares it.

    NFKC-normalised, curly apostrophes made straight, runs of white space collapsed and,
    when `fold` is true, case-folded.

    Parameters
    ----------
    surface : str
        A name as written in a text.
    fold : bool
        Whether to case-fold.

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_surface("  Amazon  Web   Services ")
    'amazon web services'
    >>> normalize_surface("Nvidia’s", fold=False)
    "Nvidia's"
    """
    text = unicodedata.normalize("NFKC", surface).replace("\u2019", "'")
    text = " ".join(text.split())
    return text.casefold() if fold else text


@dataclass(frozen=True, slots=True, kw_only=True)
class LexiconEntry:
    """One reference entity of the lexicon.

    Parameters
    ----------
    id : str
        The entity id, as :func:`~vendorgraph.ontology.model.entity_id` mints it from `name`
        and `type` (``"org/nvidia"``, ``"product/h100"``, ``"person/jensen-huang"``).
    name : str
        The canonical display name.
    type : EntityType
        The default type of the JSON contract; an article may call for another role.
    kind : str
        The most specific OWL class (local name), one of :data:`KINDS`.
    aliases : tuple of str
        Other surface names (full names, tickers, spellings).
    roles : tuple of str
        Market roles, local names of ``vgc:`` concepts (``"ChipVendor"``, ``"CloudProvider"``).
    parent : str or None
        Entity id of the parent organisation.
    developer : str or None
        For offerings, the entity id of the organisation that develops it.
    affiliation : str or None
        For people, the entity id of their organisation.
    title : str or None
        For people, their role there (``"CEO"``).
    wikidata : str or None
        The Wikidata item id (``"Q182477"``).
    match_case : bool
        Whether the names match only when written exactly as listed.
    category : str or None
        For technologies, the ``vgc:`` category (``"Interconnect"``, ``"SoftwarePlatform"``).
    family : str or None
        Entity id of the product family this offering belongs to.
    """

    id: str
    name: str
    type: EntityType
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    parent: str | None = None
    developer: str | None = None
    affiliation: str | None = None
    title: str | None = None
    wikidata: str | None = None
    match_case: bool = False
    category: str | None = None
    family: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ModelError(
                f"lexicon entry {self.id!r} has kind {self.kind!r}; use one of {', '.join(KINDS)}"
            )
        if self.wikidata is not None and not _WIKIDATA.fullmatch(self.wikidata):
            raise ModelError(
                f"lexicon entry {self.id!r} has Wikidata id {self.wikidata!r}; "
                "expected 'Q' and digits such as 'Q182477'"
            )

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)

    @property
    def references(self) -> tuple[str, ...]:
        """The entity ids this entry points at (parent, developer, affiliation, family)."""
        refs = (self.parent, self.developer, self.affiliation, self.family)
        return tuple(r for r in refs if r is not None)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """An immutable set of lexicon entries, indexed by id and by surface form.

    Parameters
    ----------
    entries : iterable of LexiconEntry
        The entries; they are stored sorted by id.

    Raises
    ------
    ModelError
        If two entries share an id, two entries share a surface form (after case folding,
        unless one of them matches case), or an entry points at an id that is not there.

    Examples
    --------
    >>> arm = LexiconEntry(id="org/arm", name="Arm", type=EntityType.CHIP_VENDOR,
    ...                    kind="Organization", match_case=True)
    >>> lexicon = Lexicon([arm])
    >>> lexicon.lookup("Arm's") is arm, lexicon.lookup("arm")
    (True, None)
    """

    entries: tuple[LexiconEntry, ...]
    _by_id: dict[str, LexiconEntry] = field(init=False, repr=False, compare=False)
    _exact: dict[str, LexiconEntry] = field(init=False, repr=False, compare=False)
    _folded: dict[str, LexiconEntry] = field(init=False, repr=False, compare=False)

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        ordered = tuple(sorted(entries, key=lambda e: e.id))
        object.__setattr__(self, "entries", ordered)
        object.__setattr__(self, "_by_id", _index_ids(ordered))
        exact, folded = _index_forms(ordered)
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_folded", folded)
        _check_references(ordered, self._by_id)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self.entries)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> LexiconEntry:
        """Return the entry with this id.

        Parameters
        ----------
        entity_id : str
            An entity id such as ``"org/nvidia"``.

        Returns
        -------
        LexiconEntry

        Raises
        ------
        UnknownEntityError
            If no entry has this id; the message lists the closest ids.

        Examples
        --------
        >>> load_lexicon().get("org/nvidia").name
        'Nvidia'
        """
        try:
            return self._by_id[entity_id]
        except KeyError:
            close = difflib.get_close_matches(entity_id, self._by_id, n=5, cutoff=0.5)
            hint = f"did you mean {', '.join(map(repr, close))}?" if close else "no close ids"
            raise UnknownEntityError(
                f"no lexicon entry has id {entity_id!r}; {hint} "
                "(ids look like 'org/nvidia', 'product/h100', 'person/jensen-huang')"
            ) from None

    def lookup(self, surface: str) -> LexiconEntry | None:
        """Return the entry a name refers to, or None.

        Names match case-folded unless the entry matches case. When the name as written
        does not match, a trailing possessive (``'s``, ``’s``, ``'``) and then a legal suffix
        (``Inc.``, ``Corp.``, ``Ltd`` …) are stripped.

        Parameters
        ----------
        surface : str
            A name as written in a text (``"Nvidia's"``, ``"Amazon Web Services"``).

        Returns
        -------
        LexiconEntry or None

        Examples
        --------
        >>> load_lexicon().lookup("NVIDIA’s").id
        'org/nvidia'
        >>> load_lexicon().lookup("Advanced Micro Devices, Inc.").id
        'org/amd'
        """
        text = normalize_surface(surface, fold=False)
        for pattern in (_POSSESSIVE, _LEGAL_SUFFIX):
            found = self._find(text)
            if found is not None:
                return found
            text = pattern.sub("", text)
        return self._find(text)

    def _find(self, text: str) -> LexiconEntry | None:
        return self._exact.get(text) or self._folded.get(text.casefold())

    def surface_forms(self) -> tuple[tuple[str, LexiconEntry], ...]:
        """Return every ``(form, entry)`` pair, sorted by form then id.

        Forms are the names as listed (not case-folded); check ``entry.match_case`` to decide
        whether to match them case-sensitively. Use these to build an Aho-Corasick automaton.

        Returns
        -------
        tuple of (str, LexiconEntry)

        Examples
        --------
        >>> forms = dict(load_lexicon().surface_forms())
        >>> forms["Amazon Web Services"].id
        'org/aws'
        """
        pairs = {(normalize_surface(n, fold=False), e) for e in self.entries for n in e.names}
        return tuple(sorted(pairs, key=lambda pair: (pair[0], pair[1].id)))


def _index_ids(entries: tuple[LexiconEntry, ...]) -> dict[str, LexiconEntry]:
    by_id: dict[str, LexiconEntry] = {}
    for entry in entries:
        if entry.id in by_id:
            raise ModelError(f"two lexicon entries have id {entry.id!r}; ids must be unique")
        by_id[entry.id] = entry
    return by_id


def _index_forms(
    entries: tuple[LexiconEntry, ...],
) -> tuple[dict[str, LexiconEntry], dict[str, LexiconEntry]]:
    exact: dict[str, LexiconEntry] = {}
    folded: dict[str, LexiconEntry] = {}
    for entry in entries:
        index = exact if entry.match_case else folded
        for name in entry.names:
            key = normalize_surface(name, fold=not entry.match_case)
            other = index.setdefault(key, entry)
            if other is not entry:
                raise ModelError(
                    f"lexicon entries {other.id!r} and {entry.id!r} share the name {name!r}; "
                    "remove it from one of them or mark one vg:matchCase true"
                )
    return exact, folded


def _check_references(entries: tuple[LexiconEntry, ...], by_id: dict[str, LexiconEntry]) -> None:
    for entry in entries:
        for ref in entry.references:
            if ref not in by_id:
                raise ModelError(
                    f"lexicon entry {entry.id!r} points at {ref!r}, which has no entry; "
                    "add the entry or fix the id"
                )


# --- reading the Turtle -----------------------------------------------------------------------


def _local(term: object, namespace: str) -> str:
    text = str(term)
    return text[len(namespace) :] if text.startswith(namespace) else text


def _entity_ref(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else _local(value, _ID)


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    value = graph.value(subject, predicate)
    return None if value is None else str(value)


def _kind(graph: Graph, subject: URIRef) -> str:
    kinds = sorted(
        _local(c, _VG_NS) for c in graph.objects(subject, RDF.type) if _local(c, _VG_NS) in KINDS
    )
    if len(kinds) != 1:
        raise ModelError(
            f"lexicon entry {_local(subject, _ID)!r} has classes {kinds!r}; "
            f"give it exactly one of {', '.join('vg:' + k for k in KINDS)}"
        )
    return kinds[0]


def _entry_type(subject: URIRef, kind: str, roles: tuple[str, ...]) -> EntityType:
    by_role = {ROLE_TYPES[VGC[r]] for r in roles}
    if by_role and kind not in _ORG_KINDS:
        raise ModelError(
            f"lexicon entry {_local(subject, _ID)!r} is a vg:{kind} with market roles "
            f"{roles!r}; only organisations have roles"
        )
    if len(by_role) > 1:
        raise ModelError(
            f"lexicon entry {_local(subject, _ID)!r} has roles {roles!r} of several types "
            f"{sorted(t.value for t in by_role)!r}; keep the roles of one type and give the "
            "other business an entry of its own with schema:parentOrganization"
        )
    return by_role.pop() if by_role else KIND_TYPES[VG[kind]]


def _roles(graph: Graph, subject: URIRef) -> tuple[str, ...]:
    roles = tuple(sorted(_local(r, _VGC_NS) for r in graph.objects(subject, VG.marketRole)))
    unknown = [r for r in roles if r not in _ROLES]
    if unknown:
        raise ModelError(
            f"lexicon entry {_local(subject, _ID)!r} has unknown market roles {unknown!r}; "
            f"use vgc: concepts among {', '.join(sorted(_ROLES))}"
        )
    return roles


def _entry(graph: Graph, subject: URIRef) -> LexiconEntry:
    kind = _kind(graph, subject)
    roles = _roles(graph, subject)
    category = graph.value(subject, VG.technologyCategory)
    match_case = graph.value(subject, VG.matchCase)
    return LexiconEntry(
        id=_local(subject, _ID),
        name=str(graph.value(subject, SCHEMA.name)),
        type=_entry_type(subject, kind, roles),
        kind=kind,
        aliases=tuple(sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))),
        roles=roles,
        parent=_entity_ref(graph, subject, SCHEMA.parentOrganization),
        developer=_entity_ref(graph, subject, VG.developedBy),
        affiliation=_entity_ref(graph, subject, VG.affiliation),
        title=_text(graph, subject, SCHEMA.jobTitle),
        wikidata=_text(graph, subject, VG.wikidataId),
        match_case=isinstance(match_case, Literal) and match_case.toPython() is True,
        category=None if category is None else _local(category, _VGC_NS),
        family=_entity_ref(graph, subject, VG.inProductFamily),
    )


def _entries(graph: Graph) -> list[LexiconEntry]:
    subjects = sorted(
        {s for s in graph.subjects(SCHEMA.name) if isinstance(s, URIRef) and str(s).startswith(_ID)}
    )
    return [_entry(graph, s) for s in subjects]


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except OSError as err:
        raise InputFileError(
            f"cannot read the lexicon {str(path)!r}: {err.strerror or err}; check the path",
            path=str(path),
        ) from err
    except Exception as err:  # rdflib raises several unrelated classes on bad Turtle
        raise GraphFileError(
            f"the lexicon is not valid Turtle: {err}; fix the file or pass another path",
            path=str(path),
        ) from err
    return graph


def _default_path() -> Path:
    return Path(str(resources.files("vendorgraph.ontology") / "data" / "lexicon.ttl"))


@functools.cache
def _default_lexicon() -> Lexicon:
    return _read(_default_path())


def _read(path: Path) -> Lexicon:
    graph = _parse(path)
    try:
        return Lexicon(_entries(graph))
    except (ModelError, ValueError) as err:
        raise GraphFileError(f"the lexicon does not hold together: {err}", path=str(path)) from err


def load_lexicon(path: str | os.PathLike[str] | None = None) -> Lexicon:
    """Read a lexicon from Turtle; by default the one shipped with vendorgraph (cached).

    Parameters
    ----------
    path : str or os.PathLike or None
        A Turtle file in the lexicon vocabulary; None for the packaged ``data/lexicon.ttl``.

    Returns
    -------
    Lexicon

    Raises
    ------
    InputFileError
        If the file cannot be read.
    GraphFileError
        If the file is not valid Turtle or its entries do not hold together (a shared name,
        a dangling parent id, an unknown type); the error names the file.

    Examples
    --------
    >>> lexicon = load_lexicon()
    >>> lexicon is load_lexicon()
    True
    >>> lexicon.get("product/h100").developer
    'org/nvidia'
    """
    if path is None:
        return _default_lexicon()
    return _read(Path(path))
