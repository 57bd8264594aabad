"""Entity resolution across articles: :func:`resolve_entities` merges entity ids by rule.

Examples
--------
>>> from vendorgraph.ontology import Document, Entity, EntityType, Extraction
>>> def ex(name, eid):
...     e = Entity(id=eid, name=name, type=EntityType.ORGANIZATION)
...     return Extraction(document=Document(text=name), entities=(e,))
>>> resolve_entities([ex("Nvidia Corp.", "org/nvidia-corp"), ex("Nvidia", "org/nvidia")]).mapping
{'org/nvidia-corp': 'org/nvidia'}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from vendorgraph.ontology.matching import fold_name, normalise_name
from vendorgraph.ontology.model import Entity, Extraction, Quantity, Relation
from vendorgraph.ontology.terms import Predicate
from vendorgraph.resolution.records import Merge, Resolution
from vendorgraph.resolution.rules import ResolutionRules, name_keys

__all__ = ["resolve_entities"]


class _Groups:
    """Union-find over entity ids, refusing the unions the rules and the makers forbid.

    A ``[[different]]`` rule forbids a union; so do different makers of two offerings (but for
    a pinned merge).
    """

    def __init__(self, entities: Mapping[str, list[Entity]], rules: ResolutionRules) -> None:
        self.parent = {e: e for e in entities}
        self.names = {e: _names(rs) for e, rs in entities.items()}
        self.makers = _makers(entities, self.names)
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
        if rule != "pinned" and self._other_makers(ra, rb):
            return False
        self.parent[rb] = ra
        self.why.setdefault(a, (rule, reason))
        self.why.setdefault(b, (rule, reason))
        return True

    def _forbidden(self, ra: str, rb: str) -> bool:
        left = {n for e in self.members(ra) for n in self.names[e]}
        right = {n for e in self.members(rb) for n in self.names[e]}
        return any(self.rules.forbids(x, y) for x in left for y in right)

    def _other_makers(self, ra: str, rb: str) -> bool:
        """Whether both groups have known makers and no maker in common."""
        left, right = self._makers_of(ra), self._makers_of(rb)
        return bool(left) and bool(right) and not left & right

    def _makers_of(self, root: str) -> set[str]:
        found = (m for e in self.members(root) for m in self.makers.get(e, ()))
        return {self.find(m) if m in self.parent else m for m in found}


_OFFERING_FAMILIES = frozenset({"product", "tech"})
_MAKER_WORDS = 4  # the longest company name looked for at the head of an offering's name


def _makers(
    records: Mapping[str, list[Entity]], names: Mapping[str, set[str]]
) -> dict[str, set[str]]:
    """Return the companies that make each offering.

    An offering's makers are its parent and any company whose name opens one of the offering's
    names: "Groq TPU v7 accelerators" is Groq's, so it never merges with AMD's.
    """
    companies: dict[str, set[str]] = defaultdict(set)
    for eid in records:
        if _family(eid) == "org":
            for name in names[eid]:
                companies[fold_name(name)].add(eid)
    makers: dict[str, set[str]] = {}
    for eid, rs in records.items():
        if _family(eid) not in _OFFERING_FAMILIES:
            continue
        found = {r.parent for r in rs if r.parent}
        for name in names[eid]:
            words = fold_name(name).split()
            for k in range(1, min(len(words), _MAKER_WORDS + 1)):
                found |= companies.get(" ".join(words[:k]), set())
        if found:
            makers[eid] = found
    return makers


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
        keys = name_keys(group)
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
