"""Products and technologies: offering heads, model codes, technical terms, product lines.

Names before an offering noun ("NVLink Fusion technology"), model codes ("Trainium4"),
technical terms by their shape ("HBM3E"), vendor-qualified product lines ("Nvidia's most
advanced GPUs" is "Nvidia GPUs", developed by Nvidia), a company's "its own" chips, and the
versions of a listed chip family ("TPU v7").

Examples
--------
>>> from vendorgraph.loaders.entities.table import Table
>>> from vendorgraph.loaders.text import split_sentences
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> table = Table(text="It runs on Trainium4 chips.", lexicon=Lexicon([]))
>>> for sentence in split_sentences(table.text, 0):
...     codes(table, sentence)
>>> sorted(table.drafts)
['product/trainium4']
"""

from __future__ import annotations

import calendar
import re

from vendorgraph.loaders.entities.patterns import EntityPatterns, load_entity_patterns
from vendorgraph.loaders.entities.records import Development
from vendorgraph.loaders.entities.sentence_filter import rule_matches
from vendorgraph.loaders.entities.table import Table, crosses
from vendorgraph.loaders.parse import is_english
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "ITS_OWN",
    "NOT_CODES",
    "codes",
    "its_own",
    "numbered_names",
    "offering_heads",
    "technical_terms",
    "vendor_products",
    "versions",
]


# "MI300X", "Trainium4", and with a hyphen "HV-3", "CM-400", "Rook-1", "Vesper-3"
_CODE = re.compile(
    r"\b(?:[A-Z]{1,4}\d{2,4}[A-Za-z]{0,2}|[A-Z][a-z]+\d{1,2}"
    r"|[A-Z]{2,4}-\d{1,4}[A-Z]{0,2}|[A-Z][a-z]{2,}-\d{1,2}[A-Z]?)\b(?!-)"
)
# a form, a grade or a stage with its number ("FY2026", "Form S-1", "Tier-1", "Phase-2")
NOT_CODES = re.compile(
    r"^(?:FY|Q|H|COVID|Covid|G)-?\d"
    r"|^(?:Tier|Phase|Level|Gen|Stage|Round|Class|Type|Grade|Item|Section|Part|Note|Form|Article"
    r"|Chapter|Page|Figure|Table|Exhibit|Schedule|Rule|Top|Group|Series|Model|Unit|Line)-\d"
)


ITS_OWN = "its own"
_ITS_OWN_RE = re.compile(rf"\b{ITS_OWN}\s+")


def offering_heads(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add names before an offering noun ("NVLink Fusion technology")."""
    for match in rule_matches(table, pats, "offering_head", sentence):
        start = sentence.start + match.start("name")
        words = match.group("name").split()
        while words and (words[0] in pats.stopwords or words[0][0].isdigit()):
            start += len(words.pop(0)) + 1
        if not words or _glued(table.text, start):
            continue
        if match.group("use") and not any(c.isdigit() for c in words[-1]):
            continue  # "CM-400 inference accelerator": a word of use only after a model number
        if len(words) > 1 and words[-1] in pats.suffix_types:
            continue  # "Korin Semiconductor chips": a company's name before its offering
        opens = not table.text[sentence.start : start].strip(" \t*_\"“‘'(")
        if len(words) == 1 and opens and is_english(words[0]):
            continue  # "Finished modules are assembled by ...": a capitalised English word
        end = start + len(" ".join(words))
        _offering(table, pats, start, end, pats.head_types[match.group("head")])


def _glued(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")


def _offering(table: Table, pats: EntityPatterns, start: int, end: int, etype: EntityType) -> None:
    if table.at(start, end) is not None or crosses(table, start, end):
        return
    inside = [k for (lo, hi), k in table.within(start, end) if hi <= end]
    if any(
        table.type_of(k).is_organization or table.type_of(k) is EntityType.PERSON for k in inside
    ):
        return
    words = table.text[start:end].split()
    if all(w in pats.stopwords or pats.roles.fullmatch(w) for w in words):
        return
    if re.search(r"-[a-z]", words[0]) or any(table.type_of(k) is EntityType.PLACE for k in inside):
        return
    table.add(table.text[start:end], etype, start, end)


_LETTER_DIGIT = re.compile(r"[A-Za-z]-?\d")  # in every match of _CODE


def technical_terms(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Technical terms by their shape ("FP8", "3nm process", "HBM3E"), typed Technology."""
    for match in pats.technical.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not table.overlaps(start, end):
            name = match.group()
            if pats.process_node.fullmatch(name):
                name = _process_named(table, pats, name)
            table.add(name, EntityType.TECHNOLOGY, start, end)


_NODE_SIZE = re.compile(r"\d+(?:\.\d)?")


def _process_named(table: Table, pats: EntityPatterns, name: str) -> str:
    """Return the name already given to the process node `name` ("3-nanometer" is "3nm")."""
    size = _NODE_SIZE.match(name)
    for draft in table.drafts.values():
        if draft.type is EntityType.TECHNOLOGY and pats.process_node.fullmatch(draft.name):
            other = _NODE_SIZE.match(draft.name)
            if size and other and size.group() == other.group():
                return draft.name
    return name


def codes(table: Table, sentence: Sentence) -> None:
    """Add model codes ("Trainium4", "MI300X"), typed Chip."""
    if _LETTER_DIGIT.search(sentence.text) is None:
        return
    for match in _CODE.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not NOT_CODES.match(match.group()) and not table.overlaps(start, end):
            table.add(match.group(), EntityType.CHIP, start, end)


# a coined name and a generation number: "Kestra 4", "Tamber 2" (not "4,000", "4%", "4 GW")
_NUMBERED = re.compile(
    r"\b(?P<word>[A-Z][a-z]{2,}) (?P<number>\d{1,3})\b"
    r"(?![.,]\d|%|-| ?(?:percent|per|GB|TB|MB|MW|GW|kW|nm|bn|billion|million|thousand)\b)"
)
_CALENDAR = frozenset(  # "March 4", "Friday 13": a date
    w.lower() for w in (*calendar.month_name, *calendar.day_name) if w
)


def numbered_names(table: Table, sentences: tuple[Sentence, ...]) -> None:
    """Add a coined name followed by its generation number ("Kestra 4"), typed Chip.

    The word must be no English word (nor a month or a day), so that "Phase 2", "Route 66" or
    "March 4" name nothing. Where the text names one generation only, the word alone is that
    one too ("the Kestra 4 ... Kestra shipped").
    """
    generations: dict[str, set[str]] = {}
    for sentence in sentences:
        for match in _NUMBERED.finditer(sentence.text):
            word = match.group("word")
            if word.lower() in _CALENDAR or NOT_CODES.match(f"{word}-1") or is_english(word):
                continue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if not table.overlaps(start, end):
                key = table.add(match.group(), EntityType.CHIP, start, end)
                generations.setdefault(word, set()).add(key)
    for word, keys in generations.items():
        if len(keys) == 1:
            _word_alone(table, sentences, word, keys.pop())


def _word_alone(table: Table, sentences: tuple[Sentence, ...], word: str, key: str) -> None:
    """Make `word` alone a mention of `key`, taking it from an unknown offering so named."""
    for sentence in sentences:
        for match in re.finditer(rf"\b{re.escape(word)}\b(?! \d)", sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            other = table.drafts.get(table.at(start, end) or "")
            unknown = other is not None and other.entry is None and other.type.is_offering
            if unknown or not table.overlaps(start, end):  # "Tamber" read as a chip of its own
                table.put((start, end), key)


def vendor_products(table: Table, pats: EntityPatterns) -> None:
    """Add product lines named as a vendor's ("Nvidia's most advanced GPUs")."""
    for (lo, hi), key in table.items():
        if not _is_vendor(table, key):
            continue
        match = pats.vendor_head.match(table.text, hi)
        if match is None or _sentence_break(table.text[hi : match.end()]):
            continue
        _vendor_product(table, key, lo, match)


def _is_vendor(table: Table, key: str) -> bool:
    etype = table.type_of(key)
    return etype.is_organization and etype not in (EntityType.GOVERNMENT, EntityType.PUBLISHER)


_BREAK = re.compile(r"[.;:!?\n]")


def _sentence_break(text: str) -> bool:
    return bool(_BREAK.search(text.replace("’", "'").replace("'s", "")))


def _vendor_product(table: Table, vendor: str, start: int, match: re.Match[str]) -> None:
    models = match.group("models").strip()
    head = _head_name(match.group("head"))
    if _named_model(table, vendor, start, match):
        return
    if not models and table.type_of(vendor) not in _LINE_MAKERS:
        return  # "Tamsin Cloud's GPUs": the GPUs a cloud runs, no product line of its own
    name = " ".join(p for p in (table.drafts[vendor].name, models, head) if p)
    product = table.add(name, EntityType.CHIP, start, match.end(), nest=True)
    if models:
        table.drafts[product].aliases.add(f"{models} {head}")
    _develops(table, vendor, product, start, match.end())


_LINE_MAKERS = frozenset({EntityType.CHIP_VENDOR, EntityType.ORGANIZATION})
"""Who a bare product line ("X's GPUs") is named after: a chip vendor, or a company of unknown
role; a cloud's or a lab's GPUs are the ones it runs."""


def _head_name(head: str) -> str:
    return load_entity_patterns().vendor_heads.get(head, head)


def _named_model(table: Table, org: str, start: int, match: re.Match[str]) -> bool:
    """Name the line by the model it names, if any: "Nvidia's Blackwell GPUs" are Blackwell.

    `match` is a :attr:`EntityPatterns.vendor_head` match in the document text, `start` where
    the phrase opens; the phrase becomes a mention of the model, which `org` develops.
    """
    if not match.group("models").strip():
        return False
    inner = table.covering(match.start("models"), match.end("models") - 1)
    if inner is None or not table.type_of(inner).is_offering:
        return False
    table.put((start, match.end()), inner)
    _develops(table, org, inner, start, match.end())
    return True


def _develops(table: Table, org: str, offering: str, start: int, end: int) -> None:
    entry = table.drafts[offering].entry
    if entry is not None and entry.developer not in (None, org):
        return
    table.developments.append(Development(org=org, offering=offering, start=start, end=end))


def its_own(table: Table, pats: EntityPatterns, sentence: Sentence) -> None:
    """Add the product line a company calls "its own" ("its own AI chips")."""
    for match in _ITS_OWN_RE.finditer(sentence.text):
        owner = _org_before_in(table, sentence.start, sentence.start + match.start())
        found = pats.vendor_head.match(table.text, sentence.start + match.end() - 1)
        if owner is None or found is None:
            continue
        start = sentence.start + match.start()
        if _named_model(table, owner, start, found):
            continue  # "its own MTIA chips" are MTIA
        mods = found.group("mods").strip()
        head = _head_name(found.group("head"))
        name = " ".join(p for p in (table.drafts[owner].name, mods, head) if p)
        end = found.end()
        product = table.add(name, EntityType.CHIP, start, end, nest=True)
        _develops(table, owner, product, start, end)


def _org_before_in(table: Table, lo: int, hi: int) -> str | None:
    found = [k for (_s, end), k in table.within(lo, hi) if end <= hi and _is_vendor(table, k)]
    return found[-1] if found else None


# a version after the name of a listed chip family ("TPU v7", "Gen 3"), not a figure ("TPU
# 4,096", "H100 80GB") and not a year (four digits)
_VERSION = re.compile(r"\s(?:v\d{1,2}[a-z]?|Gen\s?\d{1,2}|\d{1,3}[A-Z]?)(?![\w%.,-]?\w)")


def versions(table: Table) -> None:
    """Name a model of a listed chip family by its version: "TPU v7" is its own chip."""
    for (start, end), key in sorted(table.mentions.items()):
        draft = table.drafts[key]
        if draft.entry is None or draft.type is not EntityType.CHIP:
            continue
        version = _VERSION.match(table.text, end)
        if version is not None and table.at(start, end) == key:
            table.add(table.text[start : version.end()], EntityType.CHIP, start, version.end())
