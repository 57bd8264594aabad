"""Organisations the lexicon does not list, named next to a cue.

Names ending in an organisation suffix ("ZenGen Labs"), names after a descriptor ("chip
designers Moore Thread and Biren"), names an apposition calls a company ("Acme, a maker of
..."), government bodies written out ("Ministry of Industry and Trade"), the wire service of
a dateline, publishers, and a found company's first word used alone ("Arcwell").

Examples
--------
>>> from vendorgraph.loaders.entities.patterns import load_entity_patterns
>>> pats = load_entity_patterns()
>>> suffix_type(pats, "ZenGen Labs").value, suffix_type(pats, "Energy Department").value
('Organization', 'Government')
"""

from __future__ import annotations

import re
from dataclasses import replace

from vendorgraph.loaders.entities.lexicon_match import lookup_name
from vendorgraph.loaders.entities.literal_spans import short_spans
from vendorgraph.loaders.entities.patterns import (
    CAP_TOKEN,
    DESCRIPTIVE_LEAD,
    TOKEN,
    EntityPatterns,
)
from vendorgraph.loaders.entities.people import valid_person
from vendorgraph.loaders.entities.sentence_filter import rule_matches
from vendorgraph.loaders.entities.table import (
    TRAILING_POSSESSIVE,
    Table,
    add_mention,
    crosses,
    longer_first,
    normal_form,
)
from vendorgraph.loaders.limits import window_before
from vendorgraph.loaders.parse import common_nouns, common_verbs, is_english
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "appositions",
    "dateline_sources",
    "descriptors",
    "governments",
    "legal_forms",
    "longer_than_known",
    "org_at",
    "org_before",
    "publishers",
    "short_aliases",
    "suffix_orgs",
    "suffix_type",
]


# "Harcourt Lane & Co.": an ampersand may join the words, and end the run before the suffix
_RUN_AT_END = re.compile(rf"((?:{CAP_TOKEN}\s+(?:&\s+)?){{0,3}}{CAP_TOKEN}(?:\s+&)?)\s*$")


def _org_run_before(
    table: Table, pats: EntityPatterns, stop: int, floor: int
) -> tuple[int, int] | None:
    """Return the span of the capitalised words (at most four) ending just before `stop`."""
    floor = window_before(stop, floor=floor)
    head = table.text[floor:stop]
    match = _RUN_AT_END.search(head)
    if match is None:
        return None
    words = match.group(1).split()
    while words and words[0] in pats.stopwords:
        words.pop(0)
    if not words or pats.roles.fullmatch(words[-1]):
        return None
    end = floor + match.end(1)
    return end - len(" ".join(words)), end


def org_before(table: Table, pats: EntityPatterns, stop: int, floor: int) -> str | None:
    """Return the organisation named just before `stop` (known or a capitalised run), or None."""
    end = _skip_back(table.text, stop, floor)
    known = table.ending_at(end)
    if known is not None and table.type_of(known).is_organization:
        return known
    if known is not None:
        return None
    span = _org_run_before(table, pats, end, floor)
    if span is None or table.overlaps(*span):
        return None
    name = table.text[span[0] : span[1]]
    if _company_word_alone(pats, name):
        return None
    return table.add(name, suffix_type(pats, name), *span)


_ALIAS_AT_END = re.compile(r"\s*\([^()]{1,40}\)$")


def _skip_back(text: str, stop: int, floor: int) -> int:
    """Step back over white space, a possessive and a parenthesised alias before `stop`."""
    floor = window_before(stop, floor=floor)
    head = text[floor:stop].rstrip()
    head = _ALIAS_AT_END.sub("", head)
    head = TRAILING_POSSESSIVE.sub("", head)
    return floor + len(head)


def suffix_type(pats: EntityPatterns, name: str) -> EntityType:
    """Return the type the last word of `name` gives ("Department": Government).

    A legal form says nothing of the kind: "Brackenfield Capital Partners LLP" is typed by
    "Partners".
    """
    base = pats.legal_form.sub("", name) or name
    return pats.suffix_types.get(base.split()[-1], EntityType.ORGANIZATION)


_COINED_BEFORE = re.compile(r"(?<![\w&.'-])([A-Z][a-z]{3,}) $")


def longer_than_known(table: Table, pats: EntityPatterns) -> None:
    """Make a known company's name with a coined word in front of it the longer name's.

    "Stonecrest Digital Realty" is not Digital Realty: the text names another company, whose
    name holds a known one. Only a known name of two words or more, after a word that is no
    English word, is read so.
    """
    for (start, end), key in table.items():
        draft = table.drafts[key]
        if draft.entry is None or not draft.type.is_organization or " " not in draft.name:
            continue
        match = _COINED_BEFORE.search(table.text, max(0, start - 40), start)
        if match is None or is_english(match.group(1)) or table.overlaps(match.start(1), start):
            continue
        name = table.text[match.start(1) : end]
        table.add(name, suffix_type(pats, name), match.start(1), end)


def org_at(table: Table, pats: EntityPatterns, start: int, name: str) -> str | None:
    """Return the organisation named at `start` (known, or `name` less stopwords), or None."""
    known = table.starting_at(start)
    if known is not None:
        return known[1]
    words = name.split()
    while words and words[-1] in pats.stopwords:
        words.pop()
    if not words or words[0] in pats.stopwords:
        return None
    name = " ".join(words)
    if table.overlaps(start, start + len(name)) or _company_word_alone(pats, name):
        return None
    return table.add(name, suffix_type(pats, name), start, start + len(name))


def _company_word_alone(pats: EntityPatterns, name: str) -> bool:
    """Tell a company word standing alone ("EVP of Cloud + AI"): a division, not a company."""
    return name in pats.suffix_types


def appositions(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Unknown names that an apposition calls an organisation ("Acme, a maker of ...")."""
    for match in rule_matches(table, pats, "apposition", sentence):
        tokens = list(re.finditer(r"\S+", match.group("name")))
        while tokens and tokens[0].group() in pats.stopwords:
            tokens.pop(0)
        if not tokens or pats.roles.fullmatch(tokens[-1].group()):
            continue
        base = sentence.start + match.start("name")
        start, end = base + tokens[0].start(), base + tokens[-1].end()
        if table.overlaps(start, end):
            continue
        phrase = f"{match.group('desc')}{match.group('head')}".lower()
        etype = next(
            (
                t
                for cue, t in pats.descriptor_types.items()
                if re.search(rf"\b{re.escape(cue)}\b", phrase)
            ),
            suffix_type(pats, tokens[-1].group()),
        )
        table.add(table.text[start:end], etype, start, end)


def short_aliases(table: Table, pats: EntityPatterns, lo: int, hi: int) -> None:
    """Add the first word of a found company's name where it is used alone ("Arcwell")."""
    body = table.text[lo:hi]
    for draft in list(table.drafts.values()):
        words = draft.name.split()
        if draft.entry is not None or not draft.type.is_organization or len(words) < 2:
            continue
        first = words[0]
        if first in pats.stopwords or len(first) < 4 or not first[0].isupper():
            continue
        if lookup_name(table.lexicon, first) is not None:
            continue
        for left, right in short_spans(body, first):
            start, end = lo + left, lo + right
            if not table.overlaps(start, end):
                add_mention(table, draft, start, end)


# "Ostrava AI data center": a suffix word followed by what it describes does not end a name
_NOT_A_NAME_AFTER = re.compile(
    r"\s+(?:data cent(?:er|re)s?|chips?|models?|infrastructure|clusters?|servers?|workloads?"
    r"|compute|hubs?|campus(?:es)?|factor(?:y|ies)|facilit(?:y|ies)|parks?|zones?|projects?|plans?)\b"
)
_GOVERNMENT_HEADS = (
    "Ministry",
    "Department",
    "Office",
    "Bureau",
    "Agency",
    "Commission",
    "Council",
    "Secretariat",
)
_GOVERNMENT = re.compile(
    rf"\b(?:{'|'.join(_GOVERNMENT_HEADS)})\s+(?:of|for)"
    rf"\s+(?:the\s+)?{CAP_TOKEN}(?:\s+(?:and|&)\s+{CAP_TOKEN}|\s+{CAP_TOKEN}){{0,3}}"
)
_DATELINE_SOURCE = re.compile(
    r"^[A-Z][A-Z .'-]{2,40},(?:\s+[A-Z][\w .]{1,30},)?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"\s+\((?P<pub>[A-Z][^()\n]{1,40})\)\s+[-–—]",
    re.M,
)


def governments(table: Table, sents: tuple[Sentence, ...]) -> None:
    """Add government bodies written out ("Ministry of Industry and Trade").

    A shorter form of a longer one ("Ministry of Industry") is the same body.
    """
    if not any(head in table.text for head in _GOVERNMENT_HEADS):
        return  # every match starts with one of them
    found = [
        (sentence.start + m.start(), sentence.start + m.end(), m.group())
        for sentence in sents
        for m in _GOVERNMENT.finditer(sentence.text)
    ]
    names = sorted({name for _, _, name in found}, key=longer_first)
    for start, end, name in found:
        full = next((n for n in names if n.startswith(f"{name} ")), name)
        if table.at(start, end) is None and not crosses(table, start, end):
            table.add(full, EntityType.GOVERNMENT, start, end)


def dateline_sources(table: Table, lo: int, hi: int) -> None:
    """Add the wire service of a dateline ("PRAGUE, May 6 (Central Desk) - ...")."""
    for match in _DATELINE_SOURCE.finditer(table.text, lo, hi):
        start, end = match.span("pub")
        if table.at(start, end) is None and not crosses(table, start, end):
            table.add(match.group("pub"), EntityType.PUBLISHER, start, end)


def suffix_orgs(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add names ending in an organisation suffix ("ZenGen Labs")."""
    for match in rule_matches(table, pats, "org_suffix", sentence):
        span = _org_run_before(table, pats, sentence.start + match.start(), sentence.start)
        if span is None or span[1] + 1 != sentence.start + match.start():
            continue
        start, end = span[0], sentence.start + match.end()
        if _no_new_name(table, pats, span, end):
            continue  # "Morgan Stanley & Co. LLC": the known firm, with its legal forms
        found = _name_start(table, pats, start, end, sentence.start + match.start(), sentence)
        if found is None:
            continue  # "a Seoul-based AI startup": a suffix alone names nothing
        start = found
        run = table.at(*span)
        if _NOT_A_NAME_AFTER.match(table.text, end) and (run is not None or start == span[1]):
            continue  # "Nvidia AI chips": a known name and a word of use, not "Nvidia AI"
        if (
            run is not None
            and not table.type_of(run).is_organization
            and match.group() not in pats.company_only_suffixes
        ):
            continue
        if table.at(start, end) is None and not crosses(table, start, end):
            name = table.text[start:end]
            longer = table.add(name, suffix_type(pats, name), start, end)
            if run is not None and run != longer:
                _absorb(table, run, longer)


def _name_start(
    table: Table, pats: EntityPatterns, start: int, end: int, suffix: int, sentence: Sentence
) -> int | None:
    """Return where the name that ends in a suffix begins, or None if only the suffix is left.

    A descriptive lead ("US-based Micron Technology") and a headline's verb ("to Acquire
    Opterra Photonics") are not part of it; a public body may join two fields with "and".
    """
    if (lead := DESCRIPTIVE_LEAD.match(table.text, start, end)) is not None:
        start = lead.end()
        if start >= suffix:
            return None
    start = _after_verb(table.text, start, suffix)
    if suffix_type(pats, table.text[suffix:end]) is EntityType.GOVERNMENT:
        start = _joined_by_and(table, pats, start, floor=sentence.start)
    return start


def _no_new_name(table: Table, pats: EntityPatterns, span: tuple[int, int], end: int) -> bool:
    """Whether a run and its suffix name no new company.

    The run is a known organisation and "&" ("Morgan Stanley & Co."), or the whole is legal
    forms ("Co. LLC").
    """
    if pats.legal_form.fullmatch(" " + table.text[span[0] : end]):
        return True
    if not table.text[span[0] : span[1]].endswith(" &"):
        return False
    known = table.at(span[0], span[1] - 2)
    return known is not None and table.type_of(known).is_organization


def _after_verb(text: str, start: int, suffix: int) -> int:
    """Return where a name begins after a capitalised verb in a headline before it.

    "Calloway to Acquire Opterra Photonics": a word that is only a verb ("Acquire", "Expands")
    is not the first word of a name of two words or more after it.
    """
    first, _, rest = text[start:suffix].partition(" ")
    before = text[max(0, start - 40) : start].split()
    if not before or not (before[-1] == "to" or (before[-1].istitle() and before[-1].isalnum())):
        return start  # "..., Brisk Peak Compute": only after "to" or a name ("X Acquires Y")
    word = first.lower()
    lemma = word[:-1] if word.endswith("s") else word
    verb = lemma in common_verbs() and lemma not in common_nouns() and word not in common_nouns()
    return start + len(first) + 1 if verb and rest.strip() else start


_JOINED_BY_AND = re.compile(rf"(?<![\w-])({CAP_TOKEN}(?: {CAP_TOKEN}){{0,2}}) (?:and|&) $")


def _joined_by_and(table: Table, pats: EntityPatterns, start: int, *, floor: int) -> int:
    """Return where a public body's name begins that joins two fields with "and".

    "the Competition and Markets Office", "the Trade and Industry Ministry": the run before the
    body's word is the second field; the capitalised words before "and" are the first. Names
    already known are not fields ("Nvidia and AMD Office staff").
    """
    match = _JOINED_BY_AND.search(table.text, max(floor, start - 60), start)
    if match is None:
        return start
    words = match.group(1).split(" ")
    while words and words[0] in pats.stopwords:
        words.pop(0)
    first = match.end(1) - len(" ".join(words))
    if not words or table.overlaps(first, start):
        return start
    return first


def legal_forms(table: Table, pats: EntityPatterns) -> None:
    """Make one company of names that differ only in a legal form or a holding word.

    "Caldera Interconnect" in a title and "Caldera Interconnect Ltd." in the text, "Tellurin
    Optics" and "Tellurin Optics Holdings plc": the name mentioned first is kept, the other
    becomes its alias, and every mention, role and product line of the other is moved to it.
    """
    groups: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for (start, _end), key in table.items():
        first.setdefault(key, start)
    for key, draft in table.drafts.items():
        if key in first and draft.type.is_organization:
            base = pats.legal_form.sub("", draft.name) or draft.name
            groups.setdefault(normal_form(base), []).append(key)
    for keys in groups.values():
        if len(keys) < 2:
            continue  # a lexicon entry is kept before a name found in the text
        keep, *others = sorted(keys, key=lambda k: (table.drafts[k].entry is None, first[k]))
        for other in others:
            _merge_into(table, other, keep)


def _merge_into(table: Table, other: str, keep: str) -> None:
    """Move every mention, role and product line of `other` to `keep`; drop `other`."""
    for span, key in table.items():
        if key == other:
            table.mentions[span] = keep
    table.affiliations[:] = [
        replace(a, org=keep) if a.org == other else a for a in table.affiliations
    ]
    table.developments[:] = [
        replace(d, org=keep) if d.org == other else d for d in table.developments
    ]
    draft = table.drafts.pop(other)
    table.drafts[keep].aliases |= {draft.name, *draft.aliases}


def _absorb(table: Table, shorter: str, longer: str) -> None:
    """Drop a name a longer one swallowed ("Kestrel Systems" in "Kestrel Systems Corp.").

    Only when the shorter name is left with no mention, affiliation or development: it was
    the same company read before its company form, not another one.
    """
    if shorter in table.mentions.values() or table.drafts[shorter].entry is not None:
        return
    if any(shorter in (a.org, a.person) for a in table.affiliations) or any(
        shorter in (d.org, d.offering) for d in table.developments
    ):
        return
    draft = table.drafts.pop(shorter)
    table.drafts[longer].aliases |= draft.aliases


_NAME_RUN = re.compile(rf"{TOKEN}(?:(?:\s+&)?\s+{TOKEN}){{0,2}}")


def _names_in(pats: EntityPatterns, text: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    for match in _NAME_RUN.finditer(text):
        words = match.group().split()
        if words and words[0] not in pats.stopwords:
            spans.append((offset + match.start(), offset + match.end()))
    return spans


def descriptors(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add names after a descriptor ("chip designers Moore Thread and Biren"), typed by it."""
    for match in rule_matches(table, pats, "descriptor", sentence):
        etype = pats.descriptor_types[match.group("cue").lower()]
        for start, end in _names_in(
            pats, match.group("names"), sentence.start + match.start("names")
        ):
            key = table.covering(start, end) or table.add(table.text[start:end], etype, start, end)
            draft = table.drafts[key]
            if draft.type.is_organization:
                draft.type, draft.typed_by_context = etype, True


def publishers(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add outlets named after a publisher cue."""
    for match in rule_matches(table, pats, "publisher", sentence):
        start = sentence.start + match.start("name")
        words = match.group("name").split()
        if words[0] in pats.stopwords or table.overlaps(start, start + len(words[0])):
            continue
        end = start + len(match.group("name"))
        if not valid_person(pats, match.group("name")) or len(words) == 1:
            table.add(table.text[start:end], EntityType.PUBLISHER, start, end)
