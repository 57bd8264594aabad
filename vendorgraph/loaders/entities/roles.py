"""The roles people hold at organisations, as the text states them.

An organisation before a role and a person after it ("Boardy Ventures Deal Partner Berna
Misa"), a person, a role and an organisation ("Jane Roe, CTO at Acme Labs"), a duty
("Jane Roe leads infrastructure at Acme Labs"), a role given with "its" or "the company's";
an executive whose sentence names no company works for the company the text is about.

Examples
--------
>>> from vendorgraph.loaders.entities.patterns import load_entity_patterns
>>> from vendorgraph.loaders.entities.table import Table
>>> from vendorgraph.loaders.text import split_sentences
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> table = Table(text="ZenGen Labs Co-founder Dermot McGrath spoke.", lexicon=Lexicon([]))
>>> for sentence in split_sentences(table.text, 0):
...     role_cues(table, load_entity_patterns(), sentence)
>>> [(a.person, a.org, a.role) for a in table.affiliations]
[('person/dermot-mcgrath', 'org/zengen-labs', 'Co-founder')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from vendorgraph.loaders.entities.organisations import org_at, org_before
from vendorgraph.loaders.entities.patterns import EntityPatterns
from vendorgraph.loaders.entities.people import add_person
from vendorgraph.loaders.entities.records import Affiliation
from vendorgraph.loaders.entities.sentence_filter import rule_matches
from vendorgraph.loaders.entities.table import Table
from vendorgraph.loaders.text import Sentence
from vendorgraph.loaders.turns import transcript_turns
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "duties",
    "executives",
    "its_roles",
    "role_cues",
    "roles_in_focus",
    "signatures",
    "speaker_labels",
]


def role_cues(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add people named with a role, and the organisation they hold it at."""
    for match in rule_matches(table, pats, "role_person", sentence):
        if pats.roles.fullmatch(f"{match.group('role')} {match.group('person')}"):
            continue  # "Chief Executive Officer": a role, not "Chief" and a person
        start = sentence.start + match.start("person")
        person = add_person(table, pats, match.group("person"), start)
        if person is None:
            continue
        org = org_before(table, pats, sentence.start + match.start("role"), sentence.start)
        _affiliate(table, person, org, match.group("role"), sentence.start + match.start(), start)
    for match in rule_matches(table, pats, "person_role_org", sentence):
        start = sentence.start + match.start("person")
        person = add_person(table, pats, match.group("person"), start)
        org_start, end = sentence.start + match.start("org"), sentence.start + match.end()
        employer = _employer_after_division(table, org_start, end, sentence.end)
        if employer is not None:  # "EVP of Cloud + AI at Microsoft": Microsoft's division
            end, org = employer
        else:
            org = org_at(table, pats, org_start, match.group("org"))
        if person is not None:
            _affiliate(table, person, org, match.group("role"), start, end)


# the rest of a division's name and the company after it: "(EVP of Cloud) + AI at (Microsoft)"
_DIVISION_AT = re.compile(r"[^,.;()\n]{0,40}?\s(?:at|of)\s+")


def _employer_after_division(
    table: Table, start: int, end: int, stop: int
) -> tuple[int, str] | None:
    """Return the end and id of a known company after a unit that is not one ("of X at Y")."""
    if table.starting_at(start) is not None:
        return None  # "head of AWS at Amazon": the unit is a company itself
    at = _DIVISION_AT.match(table.text, end, stop)
    known = table.starting_at(at.end()) if at is not None else None
    if known is None or not table.type_of(known[1]).is_organization:
        return None
    return known


def _affiliate(table: Table, person: str, org: str | None, role: str, start: int, end: int) -> None:
    if org is not None and not table.type_of(org).is_organization:
        org = None
    table.affiliations.append(Affiliation(person=person, org=org, role=role, start=start, end=end))


def signatures(table: Table, pats: EntityPatterns, lo: int, hi: int) -> None:
    """Add who signs a letter or a post, with their role and company; the last one signs.

    "Sincerely," then "Jane Roe" and "Chief Executive Officer, Acme" on lines of their own:
    Jane Roe is the signatory.
    """
    for match in pats.signature.finditer(table.text, lo, hi):
        start = match.start("person")
        person = add_person(table, pats, match.group("person"), start)
        if person is None:
            continue
        org = org_at(table, pats, match.start("org"), match.group("org"))
        _affiliate(table, person, org, match.group("role"), start, match.end())
        table.signatory = person


def speaker_labels(table: Table, pats: EntityPatterns, sents: tuple[Sentence, ...]) -> None:
    """Add the people a transcript's turn labels name, with what the label says of them.

    "Jane Roe, CFO:" gives a role (its company is then the one the text is about), "Jane Roe,
    Acme Securities:" the company. Only in a text that reads as a transcript
    (:func:`~vendorgraph.loaders.turns.transcript_turns`); each label once.
    """
    seen: set[tuple[int, int]] = set()
    for turn in transcript_turns(table.text, sents):
        if turn.label in seen:
            continue
        seen.add(turn.label)
        lo, hi = turn.label
        titled = turn.name.title()  # "JULIAN OKORO:" is Julian Okoro, as the header writes him
        if turn.name.isupper() and (at := table.text.find(titled)) >= 0:
            add_person(table, pats, titled, at)
        person = add_person(table, pats, turn.name, lo)
        if person is None or turn.rest is None:
            continue
        start = turn.rest[0]
        rest = table.text[start : turn.rest[1]].strip()
        if pats.roles.fullmatch(rest):
            _affiliate(table, person, None, rest, lo, hi)
        elif rest[:1].isupper():
            _affiliate(table, person, org_at(table, pats, start, rest), "", lo, hi)


def duties(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Roles stated with a verb: "Jane Roe leads infrastructure at Acme Labs"."""
    for match in rule_matches(table, pats, "person_duty", sentence):
        start = sentence.start + match.start("person")
        person = add_person(table, pats, match.group("person"), start)
        org = org_at(table, pats, sentence.start + match.start("org"), match.group("org"))
        if person is not None:
            end = sentence.start + match.end()
            _affiliate(table, person, org, match.group("role"), start, end)


def _main_org(table: Table) -> str | None:
    """Return the organisation the article names most often (ties: the first named)."""
    counts: dict[str, int] = {}
    for span in table.order:
        key = table.mentions[span]
        if _about(table.type_of(key)):
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def executives(table: Table, pats: EntityPatterns, sents: tuple[Sentence, ...]) -> None:
    """Give an executive whose sentence names no company to the company the text is about.

    That is the company another sentence gives the same person, else the first company its
    paragraph names before it (a roundup's item, a feature's section), else the company the
    article names most.
    """
    if all(aff.org is not None for aff in table.affiliations):
        return  # nothing to give
    main = _main_org(table)
    government = next(
        (
            table.mentions[span]
            for span in table.order
            if table.type_of(table.mentions[span]) is EntityType.GOVERNMENT
        ),
        None,
    )
    executive = [
        aff.org is None
        and main is not None
        and bool(pats.executive_roles.fullmatch(aff.role or ""))
        for aff in table.affiliations
    ]
    paragraph = [  # first the company of the paragraph, where it names one
        replace(aff, org=_paragraph_org(table, sents, aff.start)) if wanted else aff
        for aff, wanted in zip(table.affiliations, executive, strict=True)
    ]
    known: dict[str, str] = {}  # then the company another sentence gives the same person
    for aff in paragraph:
        if aff.org is not None:
            known.setdefault(aff.person, aff.org)
    out = []
    for aff, wanted in zip(paragraph, executive, strict=True):
        if wanted and aff.org is None:  # "Jane Roe, CEO:" with "Acme's CEO Jane Roe" before
            aff = replace(aff, org=known.get(aff.person, main))
        elif (
            aff.org is None
            and government is not None
            and pats.government_roles.fullmatch(aff.role or "")
        ):
            aff = replace(aff, org=government)
        out.append(aff)
    table.affiliations[:] = out


def _paragraph_org(table: Table, sents: tuple[Sentence, ...], pos: int) -> str | None:
    """Return the first company named in the paragraph of `pos`, before `pos`."""
    here = next((s for s in sents if s.start <= pos < s.end), None)
    if here is None:
        return None
    start = min(s.start for s in sents if s.paragraph == here.paragraph)
    for span in table.order:
        key = table.mentions[span]
        kind = table.type_of(key)
        if start <= span[0] < pos and _about(kind):
            return key
    return None


def _about(kind: EntityType) -> bool:
    """Whether a company of `kind` can be what a text is about: not a government or an outlet."""
    return kind.is_organization and kind not in (EntityType.GOVERNMENT, EntityType.PUBLISHER)


def its_roles(table: Table, pats: EntityPatterns, sentence: Sentence, floor: int) -> None:
    """Add roles given with "its" or a company's name ("Jane Roe, its vice president").

    The role is at the first company of the sentence (or, when it names none before the
    person, of the sentence before).
    """
    for match in rule_matches(table, pats, "person_its_role", sentence):
        start = sentence.start + match.start("person")
        person = add_person(table, pats, match.group("person"), start)
        if person is None:
            continue
        if match.group("org"):  # "Jane Roe, Acme's chief technology officer"
            org = org_at(table, pats, sentence.start + match.start("org"), match.group("org"))
        elif match.group("our") and _signed_for(table):  # "Jane Roe, our CFO", in a letter
            org = _signed_for(table)
        else:
            org = _first_org_in(table, sentence.start, start) or _first_org_in(table, floor, start)
        _affiliate(table, person, org, match.group("role"), start, sentence.start + match.end())


def roles_in_focus(
    table: Table, pats: EntityPatterns, sents: tuple[Sentence, ...], sentence: Sentence
) -> None:
    """Add roles given as "the chief operating officer, Jane Roe,": at the paragraph's company."""
    for match in rule_matches(table, pats, "role_its_person", sentence):
        start = sentence.start + match.start("person")
        person = add_person(table, pats, match.group("person"), start)
        if person is None:
            continue
        org = (match.group("our") and _signed_for(table)) or (
            _first_org_in(table, sentence.start, start) or _paragraph_org(table, sents, start)
        )
        _affiliate(table, person, org, match.group("role"), start, sentence.start + match.end())


def _signed_for(table: Table) -> str | None:
    """Return the company of who signs the text: what "our" is in a signed letter."""
    for affiliation in table.affiliations:
        if affiliation.person == table.signatory and affiliation.org is not None:
            return affiliation.org
    return None


def _first_org_in(table: Table, lo: int, hi: int) -> str | None:
    for span, key in table.within(lo, hi):
        if span[1] <= hi and table.type_of(key).is_organization:
            return key
    return None
