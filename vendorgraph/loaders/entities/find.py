"""The whole pass: :func:`find_entities` runs the rules of the sibling modules in order.

Lexicon names first, then the cue rules for names the lexicon lacks and the roles people hold,
product lines, codes, places, aliases and list members, repeated names and surnames; the
table they fill becomes a frozen :class:`~vendorgraph.loaders.entities.EntityResult`.

Examples
--------
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="ZenGen Labs Co-founder Dermot McGrath spoke. McGrath said so.")
>>> [m.entity for m in find_entities(doc, lexicon=Lexicon([])).mentions]
['org/zengen-labs', 'person/dermot-mcgrath', 'person/dermot-mcgrath']
"""

from __future__ import annotations

from collections.abc import Callable

from vendorgraph.loaders.entities.lexicon_match import lexicon_hits
from vendorgraph.loaders.entities.mentions import (
    list_members,
    paren_aliases,
    repeat_names,
    surnames,
)
from vendorgraph.loaders.entities.offerings import (
    ITS_OWN,
    codes,
    its_own,
    numbered_names,
    offering_heads,
    technical_terms,
    vendor_products,
    versions,
)
from vendorgraph.loaders.entities.organisations import (
    appositions,
    dateline_sources,
    descriptors,
    governments,
    legal_forms,
    longer_than_known,
    publishers,
    short_aliases,
    suffix_orgs,
)
from vendorgraph.loaders.entities.patterns import EntityPatterns, load_entity_patterns
from vendorgraph.loaders.entities.people import person_cues, speech_people
from vendorgraph.loaders.entities.places import gazetteer_places
from vendorgraph.loaders.entities.records import EntityResult, Mention
from vendorgraph.loaders.entities.roles import (
    duties,
    executives,
    its_roles,
    role_cues,
    roles_in_focus,
    signatures,
    speaker_labels,
)
from vendorgraph.loaders.entities.sentence_filter import rule_sentences
from vendorgraph.loaders.entities.table import Draft, Table, normal_form, seed
from vendorgraph.loaders.text import Sentence, split_sentences
from vendorgraph.ontology.lexicon import Lexicon
from vendorgraph.ontology.model import Document, Entity, Span

__all__ = ["find_entities"]


def find_entities(
    document: Document,
    *,
    lexicon: Lexicon,
    sentences: tuple[Sentence, ...] | None = None,
) -> EntityResult:
    """Find every entity the body of `document` names, with its mentions.

    Parameters
    ----------
    document : Document
        The article; only ``text[body_start:]`` is read.
    lexicon : Lexicon
        The reference entities to resolve names to.
    sentences : tuple of Sentence, optional
        The body's sentences, if already split.

    Returns
    -------
    EntityResult
        Entities sorted by id (mentions sorted), every mention, the roles people hold at
        organisations, and product lines named as a company's.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> doc = Document(text="Gather Beyond Founder Pichapen Prateepavanich spoke.")
    >>> [e.id for e in find_entities(doc, lexicon=Lexicon([])).entities]
    ['org/gather-beyond', 'person/pichapen-prateepavanich']
    """
    text, lo = document.text, document.body_start
    sents = sentences if sentences is not None else split_sentences(text, lo)
    pats = load_entity_patterns()
    table = Table(text=text, lexicon=lexicon)
    seed(table, lexicon_hits(text, lo, len(text), lexicon))
    longer_than_known(table, pats)
    by_rule = rule_sentences(table, sents)
    _names_and_roles(table, pats, sents, lo, by_rule)
    vendor_products(table, pats)
    for index in by_rule["offering_head"]:
        offering_heads(table, pats, sents[index])
    for sentence in sents:
        codes(table, sentence)
        technical_terms(table, pats, sentence)
        gazetteer_places(table, pats, sentence)
    numbered_names(table, sents)
    versions(table)
    paren_aliases(table)
    for sentence in sents:
        list_members(table, pats, sentence)
    repeat_names(table, lo, len(text))
    surnames(table, lo, len(text))
    for sentence in sents:
        if ITS_OWN in sentence.text:  # every match of its_own has it
            its_own(table, pats, sentence)
    executives(table, pats, sents)
    legal_forms(table, pats)
    return _result(table)


def _names_and_roles(
    table: Table,
    pats: EntityPatterns,
    sents: tuple[Sentence, ...],
    lo: int,
    by_rule: dict[str, list[int]],
) -> None:
    """Run the cue rules for names the lexicon lacks, and the roles people hold.

    Each sentence rule runs only on the sentences where one of its patterns may match.
    """
    dateline_sources(table, lo, len(table.text))
    governments(table, sents)
    for rule, names in _EARLY_RULES:
        for index in _sentences_for(by_rule, names):
            rule(table, pats, sents[index])
    short_aliases(table, pats, lo, len(table.text))
    signatures(table, pats, lo, len(table.text))
    person_cues(table, pats, lo, len(table.text))
    speaker_labels(table, pats, sents)
    for rule, names in _LATE_RULES:
        for index in _sentences_for(by_rule, names):
            rule(table, pats, sents[index])
    for index in by_rule["person_its_role"]:
        floor = sents[index - 1].start if index else sents[index].start
        its_roles(table, pats, sents[index], floor)
    for index in by_rule["role_its_person"]:
        roles_in_focus(table, pats, sents, sents[index])


def _sentences_for(by_rule: dict[str, list[int]], names: tuple[str, ...]) -> list[int]:
    if len(names) == 1:
        return by_rule[names[0]]
    return sorted({i for name in names for i in by_rule[name]})


def _result(table: Table) -> EntityResult:
    spans = table.items()
    mentions = tuple(
        Mention(start=s, end=e, entity=k, outer=outer)
        for ((s, e), k), outer in zip(spans, _outer_flags(table.order), strict=True)
    )
    grouped: dict[str, list[tuple[int, int]]] = {}
    for span, key in spans:
        grouped.setdefault(key, []).append(span)
    used = grouped.keys()  # the entities of the mentions
    entities = tuple(
        _entity(table, d, grouped[k]) for k, d in sorted(table.drafts.items()) if k in used
    )
    developments = tuple(d for d in table.developments if d.org in used and d.offering in used)
    return EntityResult(
        entities=entities,
        mentions=mentions,
        affiliations=tuple(table.affiliations),
        developments=developments,
        signatory=table.signatory if table.signatory in used else None,
    )


def _outer_flags(order: list[tuple[int, int]]) -> list[bool]:
    """Return, for each of the sorted spans, whether no other span contains it.

    A span is inside another when a span with its start ends later, or when an earlier start
    reaches as far as its end (the same test as a running reach in (start, -end) order).
    """
    flags, reach, last = [], -1, len(order) - 1
    for index, (start, end) in enumerate(order):
        flags.append(end > reach and (index == last or order[index + 1][0] != start))
        if end > reach:
            reach = end
    return flags


def _entity(table: Table, draft: Draft, spans: list[tuple[int, int]]) -> Entity:
    entry = draft.entry
    text = table.text
    mentions = tuple(Span(start=s, end=e, text=text[s:e]) for s, e in spans)
    norm = normal_form(draft.name)
    aliases = tuple(sorted(a for a in draft.aliases if normal_form(a) != norm and a.strip()))
    return Entity(
        id=draft.id,
        name=draft.name,
        type=draft.type,
        aliases=aliases,
        mentions=mentions,
        lexicon_id=entry.id if entry else None,
        wikidata=entry.wikidata if entry else None,
        parent=entry.parent if entry else None,
        roles=entry.roles if entry else (),
    )


# The sentence rules in the order they run, each with the filtered patterns it uses.
_Rule = Callable[[Table, EntityPatterns, Sentence], None]
_EARLY_RULES: tuple[tuple[_Rule, tuple[str, ...]], ...] = (
    (appositions, ("apposition",)),
    (suffix_orgs, ("org_suffix",)),
)
_LATE_RULES: tuple[tuple[_Rule, tuple[str, ...]], ...] = (
    (role_cues, ("role_person", "person_role_org")),
    (duties, ("person_duty",)),
    (speech_people, ("speech_person",)),
    (descriptors, ("descriptor",)),
    (publishers, ("publisher",)),
)
