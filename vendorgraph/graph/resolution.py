"""Entity resolution across articles: one id per real-world entity, with the reason for each merge.

Run :func:`resolve_entities` on extractions before :func:`vendorgraph.graph.rdf.to_dataset`.
Merges are made in this order, each one only between entities of the same id family
(organisations with organisations, people with people, products with products):

1. the same lexicon id;
2. the same normalised name or alias (case-folded, possessive ``'s`` and a trailing
   ``Inc``/``Corp``/``Ltd``/``LLC``/``plc``… removed); two entities resolved to *different*
   lexicon ids never merge this way;
3. a surname-only person with the full-name person of the same organisation.

A name is compared whole, never word by word, so "Meta" and "Metaculus", or "Intel" and
"Intel Capital", stay apart. :class:`ResolutionRules` pins (``[[same]]``) or forbids
(``[[different]]``) merges. :func:`add_merges` stores the merges in the registry graph as
``vg:EntityMerge`` records so that :func:`why_same` also works on a built graph.

Examples
--------
>>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
>>> a = Extraction(document=Document(text="Acme Inc. grows."),
...                entities=(Entity(id="org/acme-inc", name="Acme Inc.",
...                                 type=EntityType.ORGANIZATION),))
>>> b = Extraction(document=Document(text="Acme's chips."),
...                entities=(Entity(id="org/acme", name="Acme", type=EntityType.ORGANIZATION),))
>>> res = resolve_entities([a, b])
>>> [(m.source, m.target, m.rule) for m in res.merges]
[('org/acme-inc', 'org/acme', 'name')]
>>> why_same(res, "Acme Inc.", "acme").same
True
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rdflib import RDF, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from vendorgraph.errors import InputError
from vendorgraph.graph.rdf import entity_iri
from vendorgraph.graph.store import union_graph
from vendorgraph.ontology.model import Entity, Extraction, Quantity, Relation, stable_hash
from vendorgraph.ontology.namespace import ID, REGISTRY_GRAPH, SCHEMA, VG
from vendorgraph.ontology.terms import Predicate

__all__ = [
    "Explanation",
    "Merge",
    "Resolution",
    "ResolutionRules",
    "add_merges",
    "normalise_name",
    "read_merges",
    "resolve_entities",
    "why_same",
]

_SUFFIXES = (
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "ag",
    "sa",
    "gmbh",
)
_SUFFIX_RE = re.compile(r"(?:[\s,]+(?:" + "|".join(_SUFFIXES) + r")\.?)+$")


def normalise_name(name: str) -> str:
    """Return the key two names must share to be one entity.

    Examples
    --------
    >>> normalise_name("Nvidia Corp.'s")
    'nvidia'
    >>> normalise_name("Intel Capital"), normalise_name("Meta Platforms, Inc.")
    ('intel capital', 'meta platforms')
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = re.sub(r"['\u2019]s?$", "", text).strip()
    text = re.sub(r"[^\w&.,\s-]", " ", text)
    previous = None
    while previous != text:
        previous, text = text, _SUFFIX_RE.sub("", text).strip(" ,.")
    return " ".join(text.replace("-", " ").split())


# ------------------------------------------------------------------ rules


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolutionRules:
    """Merges the user pins (``same``) or forbids (``different``), as groups of names.

    Examples
    --------
    >>> rules = ResolutionRules(different=(("Acme", "Acme Capital"),))
    >>> rules.forbids("acme", "ACME CAPITAL")
    True
    """

    same: tuple[tuple[str, ...], ...] = ()
    different: tuple[tuple[str, ...], ...] = ()

    def forbids(self, a: str, b: str) -> bool:
        """Whether a ``[[different]]`` group names both `a` and `b` (case-folded names)."""
        pair = {_plain(a), _plain(b)}
        return len(pair) == 2 and any(pair <= {_plain(n) for n in g} for g in self.different)

    def pins(self, a: str, b: str) -> bool:
        """Whether a ``[[same]]`` group names both `a` and `b`."""
        pair = {normalise_name(a), normalise_name(b)}
        return any(pair <= _keys(g) for g in self.same)

    @classmethod
    def load(cls, path: str | Path) -> ResolutionRules:
        r"""Read rules from a TOML file of ``[[same]]`` and ``[[different]]`` tables.

        Each table holds ``names = ["A", "B", ...]`` (two or more names).

        Raises
        ------
        vendorgraph.errors.InputError
            If the file is missing, is not TOML (the message names file and line), or a
            table is not a list of two or more names.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "rules.toml"
        >>> _ = path.write_text('[[same]]\nnames = ["Big Blue", "IBM"]\n')
        >>> ResolutionRules.load(path).same
        (('Big Blue', 'IBM'),)
        """
        file = Path(path)
        try:
            data = tomllib.loads(file.read_text("utf-8"))
        except FileNotFoundError as err:
            raise InputError(f"no resolution rules file {str(file)!r}; check the path") from err
        except tomllib.TOMLDecodeError as err:
            raise InputError(
                f"{str(file)!r} is not valid TOML: {err}; write tables "
                f'like [[same]] names = ["A", "B"]'
            ) from err
        unknown = sorted(set(data) - {"same", "different"})
        if unknown:
            raise InputError(
                f"{str(file)!r}: unknown table(s) {unknown!r}; use [[same]] or [[different]]"
            )
        return cls(
            same=_groups(data.get("same", []), file, "same"),
            different=_groups(data.get("different", []), file, "different"),
        )


def _plain(name: str) -> str:
    return " ".join(name.casefold().split())


def _keys(group: Iterable[str]) -> set[str]:
    return {normalise_name(n) for n in group}


def _groups(rows: Any, file: Path, table: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(rows, list):
        raise InputError(f"{str(file)!r}: {table!r} must be an array of tables [[{table}]]")
    out = []
    for k, row in enumerate(rows, start=1):
        names = row.get("names") if isinstance(row, dict) else None
        if not (
            isinstance(names, list) and len(names) >= 2 and all(isinstance(n, str) for n in names)
        ):
            raise InputError(
                f"{str(file)!r}: [[{table}]] number {k} has names={names!r}; give a list of "
                f"two or more strings"
            )
        out.append(tuple(names))
    return tuple(out)


# ------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True, kw_only=True)
class Merge:
    """Entity id `source` (named `name`) became `target` by `rule`, for `reason`.

    `rule` is one of "pinned", "lexicon", "name", "person".
    """

    source: str
    target: str
    name: str
    rule: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Explanation:
    """Whether two names are one entity, with the ids they resolve to and why."""

    a: str
    b: str
    a_id: str | None
    b_id: str | None
    same: bool
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        verdict = "the same entity" if self.same else "different entities"
        return f"{self.a!r} and {self.b!r} are {verdict}: " + "; ".join(self.reasons)


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """The extractions with entity ids remapped, and the merges made."""

    extractions: tuple[Extraction, ...]
    merges: tuple[Merge, ...]
    names: tuple[tuple[str, str], ...] = ()

    @property
    def mapping(self) -> dict[str, str]:
        """Old entity id → resolved id, for the ids that changed."""
        return {m.source: m.target for m in self.merges}


# ------------------------------------------------------------------ union-find


class _Groups:
    """Union-find over entity ids, refusing unions a ``[[different]]`` rule forbids."""

    def __init__(self, entities: Mapping[str, list[Entity]], rules: ResolutionRules) -> None:
        self.parent = {e: e for e in entities}
        self.names = {e: _names(rs) for e, rs in entities.items()}
        self.rules = rules
        self.why: dict[str, tuple[str, str]] = {}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def members(self, root: str) -> list[str]:
        return [e for e in self.parent if self.find(e) == root]

    def union(self, a: str, b: str, rule: str, reason: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self._forbidden(ra, rb):
            return False
        self.parent[rb] = ra
        self.why.setdefault(a, (rule, reason))
        self.why.setdefault(b, (rule, reason))
        return True

    def _forbidden(self, ra: str, rb: str) -> bool:
        left = {n for e in self.members(ra) for n in self.names[e]}
        right = {n for e in self.members(rb) for n in self.names[e]}
        return any(self.rules.forbids(x, y) for x in left for y in right)


def _names(records: Iterable[Entity]) -> set[str]:
    return {n for r in records for n in (r.name, *r.aliases)}


def _family(eid: str) -> str:
    return eid.split("/", 1)[0]


# ------------------------------------------------------------------ resolve


def resolve_entities(
    extractions: Iterable[Extraction], *, rules: ResolutionRules | None = None
) -> Resolution:
    """Return `extractions` with one id per entity across articles, and the merges made.

    Parameters
    ----------
    extractions : iterable of Extraction
        One per article.
    rules : ResolutionRules, optional
        Pinned and forbidden merges; none when None.

    Returns
    -------
    Resolution
        ``extractions`` in the given order with entity ids remapped (references too: relation
        ends, speakers, parents, capabilities, quantity subjects); a relation whose two ends
        became one entity is dropped. ``merges`` sorted by (target, source).

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
    >>> def ex(text, name, eid):
    ...     e = Entity(id=eid, name=name, type=EntityType.ORGANIZATION)
    ...     return Extraction(document=Document(text=text), entities=(e,))
    >>> res = resolve_entities([ex("a", "Meta", "org/meta"), ex("b", "Metaculus", "org/metaculus")])
    >>> res.merges
    ()
    """
    exs = tuple(extractions)
    rules = rules or ResolutionRules()
    records: dict[str, list[Entity]] = defaultdict(list)
    for ex in exs:
        for e in ex.entities:
            records[e.id].append(e)
    groups = _Groups(records, rules)
    _by_pins(groups, records, rules)
    _by_lexicon(groups, records)
    _by_name(groups, records)
    _by_person(groups, records, exs)
    target = _targets(groups, records)
    merges = tuple(
        sorted(
            (
                _merge(eid, target[eid], records[eid], groups)
                for eid in records
                if target[eid] != eid
            ),
            key=lambda m: (m.target, m.source),
        )
    )
    names = sorted({(n, target[eid]) for eid, rs in records.items() for n in _names(rs)})
    return Resolution(
        extractions=tuple(_remap(ex, target) for ex in exs), merges=merges, names=tuple(names)
    )


def _by_pins(groups: _Groups, records: Mapping[str, list[Entity]], rules: ResolutionRules) -> None:
    for group in rules.same:
        keys = _keys(group)
        hits = sorted(e for e in records if {normalise_name(n) for n in groups.names[e]} & keys)
        for other in hits[1:]:
            groups.union(
                hits[0], other, "pinned", f"pinned as the same by a [[same]] rule {list(group)!r}"
            )


def _by_lexicon(groups: _Groups, records: Mapping[str, list[Entity]]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for eid in sorted(records):
        for lex in sorted({r.lexicon_id for r in records[eid] if r.lexicon_id}):
            key = (_family(eid), lex)
            if key in seen:
                groups.union(seen[key], eid, "lexicon", f"both resolve to lexicon entry {lex!r}")
            seen.setdefault(key, eid)


def _lexicon_of(groups: _Groups, records: Mapping[str, list[Entity]], root: str) -> set[str]:
    return {r.lexicon_id for e in groups.members(root) for r in records[e] if r.lexicon_id}


def _by_name(groups: _Groups, records: Mapping[str, list[Entity]]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for eid in sorted(records):
        for name in sorted(groups.names[eid]):
            key = (_family(eid), normalise_name(name))
            if not key[1] or (key[0] == "person" and len(key[1].split()) < 2):
                continue
            other = seen.setdefault(key, eid)
            if other == eid:
                continue
            lex_a = _lexicon_of(groups, records, groups.find(other))
            lex_b = _lexicon_of(groups, records, groups.find(eid))
            if lex_a and lex_b and lex_a != lex_b:
                continue
            groups.union(other, eid, "name", f"names normalise alike: {key[1]!r} ({name!r})")


def _by_person(
    groups: _Groups, records: Mapping[str, list[Entity]], exs: tuple[Extraction, ...]
) -> None:
    orgs = _affiliations(exs)
    people = sorted(e for e in records if _family(e) == "person")
    full = [e for e in people if len(_person_name(records[e]).split()) > 1]
    for eid in people:
        name = _person_name(records[eid]).split()
        if len(name) != 1:
            continue
        for cand in full:
            same_org = orgs[eid] & orgs[cand]
            if (
                _person_name(records[cand]).split()[-1].casefold() == name[0].casefold()
                and same_org
            ):
                full_name = _person_name(records[cand])
                reason = f"surname {name[0]!r} of {full_name!r} at {sorted(same_org)[0]!r}"
                groups.union(cand, eid, "person", reason)
                break


def _person_name(records: list[Entity]) -> str:
    return max((r.name for r in records), key=lambda n: (len(n.split()), n))


def _affiliations(exs: tuple[Extraction, ...]) -> dict[str, set[str]]:
    orgs: dict[str, set[str]] = defaultdict(set)
    for ex in exs:
        for r in ex.relations:
            if r.predicate is Predicate.EMPLOYS:
                orgs[r.object].add(r.subject)
        for q in ex.quotes:
            if q.speaker and q.speaker_org:
                orgs[q.speaker].add(q.speaker_org)
    return orgs


def _targets(groups: _Groups, records: Mapping[str, list[Entity]]) -> dict[str, str]:
    best: dict[str, str] = {}
    for root in {groups.find(e) for e in records}:
        members = groups.members(root)
        chosen = min(members, key=lambda e: _rank(e, records[e]))
        best.update({m: chosen for m in members})
    return best


def _rank(eid: str, records: list[Entity]) -> tuple[int, int, int, int, str]:
    lexicon = any(r.lexicon_id and eid.endswith("/" + r.lexicon_id.split("/")[-1]) for r in records)
    words = -len(_person_name(records).split()) if _family(eid) == "person" else 0
    return (0 if lexicon else 1, words, -len(records), len(eid), eid)


def _merge(eid: str, target: str, records: list[Entity], groups: _Groups) -> Merge:
    rule, reason = groups.why.get(eid, ("name", "merged with its group"))
    return Merge(
        source=eid,
        target=target,
        name=Counter(r.name for r in records).most_common(1)[0][0],
        rule=rule,
        reason=reason,
    )


# ------------------------------------------------------------------ remap


def _remap(ex: Extraction, target: Mapping[str, str]) -> Extraction:
    if all(target.get(e.id, e.id) == e.id for e in ex.entities):
        return ex
    get = lambda x: None if x is None else target.get(x, x)  # noqa: E731
    return replace(
        ex,
        entities=_merge_records(ex.entities, target),
        relations=tuple(_relations(ex.relations, target)),
        quotes=tuple(
            replace(q, speaker=get(q.speaker), speaker_org=get(q.speaker_org)) for q in ex.quotes
        ),
        quantities=tuple(_quantity(q, target) for q in ex.quantities),
    )


def _quantity(q: Quantity, target: Mapping[str, str]) -> Quantity:
    return q if q.about is None else replace(q, about=target.get(q.about, q.about))


def _relations(relations: Iterable[Relation], target: Mapping[str, str]) -> Iterator[Relation]:
    for r in relations:
        s, o = target.get(r.subject, r.subject), target.get(r.object, r.object)
        if s == o:
            continue
        yield replace(
            r,
            subject=s,
            object=o,
            speaker=None if r.speaker is None else target.get(r.speaker, r.speaker),
            capability=None if r.capability is None else target.get(r.capability, r.capability),
        )


def _merge_records(entities: Iterable[Entity], target: Mapping[str, str]) -> tuple[Entity, ...]:
    grouped: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        grouped[target.get(e.id, e.id)].append(e)
    return tuple(_one_record(eid, rs, target) for eid, rs in grouped.items())


def _one_record(eid: str, records: list[Entity], target: Mapping[str, str]) -> Entity:
    first = min(records, key=lambda r: (r.id != eid, r.id))
    names = {n for r in records for n in (r.name, *r.aliases)} - {first.name}
    parent = first.parent if first.parent is None else target.get(first.parent, first.parent)
    mentions = sorted({m for r in records for m in r.mentions}, key=lambda s: (s.start, s.end))
    return replace(
        first,
        id=eid,
        aliases=tuple(sorted(names)),
        mentions=tuple(mentions),
        parent=None if parent == eid else parent,
        roles=tuple(sorted({x for r in records for x in r.roles})),
        lexicon_id=first.lexicon_id
        or min((r.lexicon_id for r in records if r.lexicon_id), default=None),
        wikidata=first.wikidata or min((r.wikidata for r in records if r.wikidata), default=None),
    )


# ------------------------------------------------------------------ storing and explaining


def _merge_iri(m: Merge) -> URIRef:
    return ID[f"merge/{stable_hash(m.source, m.target)}"]


def add_merges(ds: Dataset, merges: Iterable[Merge] | Resolution) -> None:
    """Write merges into the registry graph as ``vg:EntityMerge`` records.

    Examples
    --------
    >>> from vendorgraph.graph.store import new_dataset
    >>> ds = new_dataset("Memory")
    >>> add_merges(ds, [Merge(source="org/a-inc", target="org/a", name="A Inc", rule="name",
    ...                       reason="names normalise alike")])
    >>> read_merges(ds)[0].target
    'org/a'
    """
    items = merges.merges if isinstance(merges, Resolution) else tuple(merges)
    registry = ds.graph(REGISTRY_GRAPH)
    for m in sorted(items, key=lambda m: (m.target, m.source)):
        node = _merge_iri(m)
        for p, o in (
            (RDF.type, VG.EntityMerge),
            (VG.mergedInto, entity_iri(m.target)),
            (VG.mergedFrom, _s(m.source)),
            (VG.mergedName, _s(m.name)),
            (VG.mergeRule, _s(m.rule)),
            (VG.mergeReason, _s(m.reason)),
        ):
            registry.add((node, p, o))


def _s(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)


def read_merges(ds: Dataset | Graph) -> tuple[Merge, ...]:
    """Return the merges stored by :func:`add_merges`, sorted by (target, source)."""
    g = union_graph(ds) if isinstance(ds, Dataset) else ds
    out = []
    for node in g.subjects(RDF.type, VG.EntityMerge):
        target = str(g.value(node, VG.mergedInto))[len(str(ID)) :]
        text = lambda p: str(g.value(node, p) or "")  # noqa: E731,B023
        out.append(
            Merge(
                source=text(VG.mergedFrom),
                target=target,
                name=text(VG.mergedName),
                rule=text(VG.mergeRule),
                reason=text(VG.mergeReason),
            )
        )
    return tuple(sorted(out, key=lambda m: (m.target, m.source)))


def _registry_names(g: Graph) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for prop in (SCHEMA.name, SKOS.altLabel):
        for s, o in g.subject_objects(prop):
            if isinstance(s, URIRef) and str(s).startswith(str(ID)) and _is_entity(g, s):
                pairs.append((str(o), str(s)[len(str(ID)) :]))
    return pairs


def _is_entity(g: Graph, node: Node) -> bool:
    return (node, VG.recordOf, None) not in g and (None, VG.recordOf, node) in g


def _lookup(name: str, pairs: Iterable[tuple[str, str]]) -> str | None:
    pairs = list(pairs)
    for key in (_plain, normalise_name):
        ids = {eid for n, eid in pairs if name == eid or key(n) == key(name)}
        if ids:
            return min(ids)
    return None


def why_same(
    source: Dataset | Graph | Resolution,
    a: str,
    b: str,
    *,
    rules: ResolutionRules | None = None,
) -> Explanation:
    """Explain whether names (or ids) `a` and `b` are one entity, and why or why not.

    Parameters
    ----------
    source : rdflib.Dataset, rdflib.Graph or Resolution
        A built graph (merges read from its registry) or a resolution.
    a, b : str
        Names, aliases or entity ids.
    rules : ResolutionRules, optional
        Rules to cite when a ``[[different]]`` rule keeps them apart.

    Returns
    -------
    Explanation

    Examples
    --------
    >>> res = Resolution(extractions=(), merges=(), names=(("Intel", "org/intel"),
    ...                  ("Intel Capital", "org/intel-capital")))
    >>> print(why_same(res, "Intel", "Intel Capital"))  # doctest: +NORMALIZE_WHITESPACE
    'Intel' and 'Intel Capital' are different entities: 'Intel' is org/intel and
    'Intel Capital' is org/intel-capital; their names normalise differently ('intel' vs
    'intel capital')
    """
    if isinstance(source, Resolution):
        pairs, merges = list(source.names), source.merges
    else:
        g = union_graph(source) if isinstance(source, Dataset) else source
        merges = read_merges(g)
        pairs = _registry_names(g) + [(m.name, m.target) for m in merges]
        pairs += [(m.source, m.target) for m in merges]
    a_id, b_id = _lookup(a, pairs), _lookup(b, pairs)
    return Explanation(
        a=a,
        b=b,
        a_id=a_id,
        b_id=b_id,
        same=a_id is not None and a_id == b_id,
        reasons=_reasons(a, b, a_id, b_id, merges, rules),
    )


def _reasons(
    a: str,
    b: str,
    a_id: str | None,
    b_id: str | None,
    merges: Iterable[Merge],
    rules: ResolutionRules | None,
) -> tuple[str, ...]:
    missing = [f"no entity is named {n!r}" for n, i in ((a, a_id), (b, b_id)) if i is None]
    if missing:
        return tuple(missing)
    if a_id == b_id:
        found = [
            f"{m.source} ({m.name!r}) merged into {m.target}: {m.reason}"
            for m in merges
            if m.target == a_id
        ]
        same = normalise_name(a) == normalise_name(b)
        return tuple(found) or ((f"both are {a_id}" + (" by name" if same else "")),)
    out = [f"{a!r} is {a_id} and {b!r} is {b_id}"]
    if rules is not None and rules.forbids(a, b):
        out.append("a [[different]] rule keeps them apart")
    out.append(
        f"their names normalise differently ({normalise_name(a)!r} vs {normalise_name(b)!r})"
    )
    return tuple(out)
