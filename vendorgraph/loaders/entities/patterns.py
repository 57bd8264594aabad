"""The cue lists of ``patterns/entities.toml``, compiled into the patterns the rules use.

The file lists the words that signal a name the lexicon does not hold: roles ("Deal Partner"),
organisation suffixes ("Labs"), descriptors ("chip designers"), offering heads ("technology"),
person cues ("By"), place cues ("in"), publisher cues and stopwords. The token shapes a name
is made of (``TOKEN``, ``CAP_TOKEN``) live here too, for the rules that build their own.

Examples
--------
>>> pats = load_entity_patterns()
>>> pats.org_suffix.search("ZenGen Labs hired her").group()
'Labs'
>>> pats.suffix_types["Labs"].value
'Organization'
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from vendorgraph.loaders.text import alternation
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "CAP_TOKEN",
    "PLURAL_ACRONYM",
    "SPEECH",
    "TOKEN",
    "UPPER",
    "EntityPatterns",
    "load_entity_patterns",
    "raw_patterns",
]

_PREPOSITIONS = r"(?:at|of|for|with|in|on|from|to|by|across|behind|inside)"


TOKEN = r"(?:[A-Z][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)*|[A-Za-z]+\d[A-Za-z0-9-]*)"
UPPER = "A-ZÀ-ÖØ-ÞĀ-ž"  # Latin-1 and Latin Extended-A ("Łukasz", "Şahin", "Živa")
_HONORIFIC = r"(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame)\.?\s+"  # "CEO Dr. Lisa Su": not part of the name
_ALNUM = "A-Za-z0-9À-ÖØ-öø-ÿĀ-ž"  # and "Aydın", "Wierzbicki", "Dvořák"
DESCRIPTIVE_LEAD = re.compile(r"\S+-(?:born|based|raised|educated|bred)\s+")
"""A descriptive compound in front of a name ("Kazakh-born Arkady Volozh", "US-based Micron")."""

PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
"""A plural of an acronym ("DSPs", "ASICs", "NICs"): a class of things, never one name."""

CAP_TOKEN = rf"[{UPPER}][{_ALNUM}&]*(?:-[{_ALNUM}]+)*"


SPEECH = r"said|says|told|added|noted|explained|wrote|argued|warned|stressed"
WHO = r"who|whom"  # "Jane Roe, who runs ...": a relative pronoun only people take


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityPatterns:
    """The compiled cue lists of ``patterns/entities.toml``."""

    roles: re.Pattern[str]
    technical: re.Pattern[str]
    process_node: re.Pattern[str]  # one of the `technical` shapes: "3nm process", "2nm node"
    place: re.Pattern[str]
    place_in_region: re.Pattern[str]
    place_modifier: re.Pattern[str]  # "the Lisbon lab": a place named as a modifier
    role_person: re.Pattern[str]
    person_role_org: re.Pattern[str]
    speech_person: re.Pattern[str]
    org_suffix: re.Pattern[str]
    suffix_types: dict[str, EntityType]
    company_only_suffixes: frozenset[str]
    legal_form: re.Pattern[str]  # legal forms and holding words at the end of a name
    descriptor: re.Pattern[str]
    descriptor_types: dict[str, EntityType]
    offering_head: re.Pattern[str]
    head_types: dict[str, EntityType]
    vendor_head: re.Pattern[str]
    vendor_heads: dict[str, str]
    publisher: re.Pattern[str]
    stopwords: frozenset[str]
    executive_roles: re.Pattern[str]
    person_cue: re.Pattern[str]
    signature: re.Pattern[str]  # a closing, then who signs, and their role and company
    person_more: re.Pattern[str]
    person_duty: re.Pattern[str]
    apposition: re.Pattern[str]
    government_roles: re.Pattern[str]
    person_its_role: re.Pattern[str]
    role_its_person: re.Pattern[str]


@functools.cache
def load_entity_patterns() -> EntityPatterns:
    """Read and compile ``patterns/entities.toml`` (once per process).

    Examples
    --------
    >>> bool(load_entity_patterns().roles.fullmatch("Deal Partner"))
    True
    """
    return _compile(raw_patterns())


@functools.cache
def raw_patterns() -> dict[str, Any]:
    """Read ``patterns/entities.toml`` (once per process)."""
    return tomllib.loads(
        (resources.files("vendorgraph.loaders") / "patterns" / "entities.toml").read_text("utf-8")
    )


def _compile(raw: dict[str, Any]) -> EntityPatterns:
    ranks = alternation(raw["role_ranks"])
    roles = rf"(?:(?:{ranks})\s+){{0,2}}(?:{alternation(raw['roles'])})"
    # a name is written on one line: "By Jane Roe" then "PINE HOLLOW —" is not "Jane Roe PINE"
    person = rf"(?:(?:[{UPPER}]\.){{1,3}}[ \t]?{CAP_TOKEN}|{CAP_TOKEN}(?:[ \t]+{CAP_TOKEN}){{1,2}})"
    name = rf"{TOKEN}(?:(?:\s+&)?\s+{TOKEN}){{0,2}}"  # "Bell & Ferro" is one name
    place = rf"[{UPPER}][a-z]+(?:[ -][{UPPER}][a-z]+){{0,2}}"
    speech = SPEECH
    return EntityPatterns(
        roles=re.compile(rf"(?i:{roles})"),
        technical=re.compile("|".join(f"(?:{p})" for p in raw["technical_shapes"].values())),
        process_node=re.compile(raw["technical_shapes"]["process_node"]),
        place=re.compile(
            rf"\b(?:{alternation(raw['place_cues']['before'])})\s+(?:the\s+)?(?P<name>{place})"
        ),
        place_modifier=re.compile(
            rf"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er)\s+(?P<name>{place})(?:-based)?\s+(?:{alternation(raw['place_cues']['modified'])})\b"
        ),
        place_in_region=re.compile(
            rf"\b(?P<name>{place}),\s+"
            rf"(?P<region>[{UPPER}][a-z]+(?:\s[{UPPER}][a-z]+)?)\b"
        ),
        role_person=re.compile(
            rf"\b(?P<role>(?i:{roles})):?\s+(?:{_HONORIFIC})?(?P<person>{person})\b"
        ),
        person_role_org=re.compile(
            rf"\b(?P<person>{person}),\s+(?:(?:the|a|an)\s+)?(?:[a-z][a-z-]+\s+){{0,2}}?"
            rf"(?P<role>(?i:{roles}))(?:\s+(?:of|for)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}})?"
            # "at/of/for X", or a credit line: "Jane Roe, chief executive officer, X"
            rf"(?:\s+(?:at|of|for)\s+(?:the\s+)?|,\s+(?=[A-Z]))(?P<org>{name})"
        ),
        speech_person=re.compile(
            rf"\b(?:(?i:{speech})\s+(?P<after>{person})"
            rf"|(?P<before>{person})(?:\s+(?:{speech})|,\s+(?:{WHO}))\b)"
        ),
        org_suffix=re.compile(rf"\b(?:{alternation(raw['org_suffixes'])})(?![\w-])"),
        suffix_types={k: EntityType(v) for k, v in raw["org_suffixes"].items()},
        company_only_suffixes=frozenset(raw["company_only_suffixes"]["words"]),
        legal_form=re.compile(  # "Morgan Stanley & Co. LLC" is Morgan Stanley
            rf"(?:,?\s+(?:&\s+)?(?:{alternation(raw['legal_forms']['words'])}))+$"
        ),
        descriptor=re.compile(
            rf"\b(?P<cue>(?i:{alternation(raw['descriptors'])}))\s+(?P<names>{name}"
            rf"(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+){name})*)"
        ),
        descriptor_types={k.lower(): EntityType(v) for k, v in raw["descriptors"].items()},
        offering_head=re.compile(
            rf"\b(?P<name>{name})\s+(?:(?P<use>[a-z][a-z-]+)\s+)?"
            rf"(?P<head>{alternation(raw['offering_heads'])})\b"
        ),
        head_types={k: EntityType(v) for k, v in raw["offering_heads"].items()},
        vendor_head=re.compile(
            rf"(?:['’]s?)?\s+(?P<mods>(?:(?:{alternation(raw['vendor_modifiers']['words'])})\s+){{0,3}}?)"
            rf"(?P<models>(?:{TOKEN}\s+){{0,2}}?)(?P<head>{alternation(raw['vendor_heads'])})\b"
        ),
        vendor_heads=dict(raw["vendor_heads"]),
        publisher=re.compile(
            rf"\b(?:{alternation(raw['publisher_cues']['cues'])})\s+(?P<name>{name})"
        ),
        stopwords=frozenset(raw["stopwords"]["words"]),
        executive_roles=re.compile(rf"(?i:{alternation(raw['executive_roles'])})"),
        person_cue=re.compile(
            rf"(?<![\w-])(?:{alternation(raw['person_cues']['cues'])})[ \t]*\n?[ \t]*"
            rf"(?P<person>{person})\b"
        ),
        signature=re.compile(
            # after a closing, or on lines of their own after a blank line
            rf"(?m)(?:(?<![\w-])(?:{alternation(raw['signature']['closings'])})[,.!]?[ \t]*"
            rf"(?:\n[ \t]*){{1,3}}|\n[ \t]*\n[ \t]*)(?P<person>{person})[ \t]*(?:,[ \t]*|\n[ \t]*)"
            rf"(?P<role>(?i:{roles})(?:\s+(?:and|&)\s+(?i:{roles}))?)"
            rf"(?:,[ \t]*|[ \t]+(?:at|of)[ \t]+|[ \t]*\n[ \t]*)(?P<org>{name})[ \t]*$"
        ),
        person_more=re.compile(
            rf"(?:[ \t]+in[ \t]+{CAP_TOKEN}(?:[ \t]+{CAP_TOKEN})?)?[ \t]*(?:,|and)[ \t]+"
            rf"(?P<person>{person})\b"
        ),
        person_duty=re.compile(
            rf"\b(?P<person>{person}),?(?:\s+who)?\s+"
            rf"(?P<role>{alternation(raw['person_duty']['verbs'])})"
            rf"\s+(?:[a-z][\w-]*\s+){{1,4}}?at\s+(?:the\s+(?:(?:[a-z][\w-]*|AI)\s+){{0,3}})?"
            rf"(?P<org>{name})"
        ),
        government_roles=re.compile(rf"(?i:{alternation(raw['government_roles'])})"),
        # "the chief operating officer, Jane Roe,": a role of the company in focus, then its holder
        role_its_person=re.compile(
            rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|(?P<our>[Oo]ur))(?:\s+(?:company|firm|group)['’]s)?\s+"
            rf"(?P<role>(?i:{roles})),\s+(?P<person>{person}),"
        ),
        person_its_role=re.compile(
            rf"\b(?P<person>{person}),\s+(?:its|their|the (?:company|firm|group)['’]s|(?P<our>our)"
            rf"|(?P<org>{name})['’]s?)\s+(?P<role>(?i:{roles}))\b"
        ),
        apposition=re.compile(
            rf"(?<![\w&-])(?<!&\s)(?P<name>{CAP_TOKEN}(?:(?:\s+&)?\s+{CAP_TOKEN}){{0,3}}),\s+"
            # the head ends the phrase before any preposition: "a principal at the consultancy
            # X" describes a person, not a consultancy
            rf"(?:a|an|the|{CAP_TOKEN}['’]s)\s+(?P<desc>(?:(?!{_PREPOSITIONS}\s)[\w-]+\s+){{0,5}}?)"
            rf"(?P<head>{alternation(raw['apposition_heads']['words'])})\b(?!['’]s\b)"
        ),  # "Pike, the company's chief technology officer": a person, the head is "officer"
    )
