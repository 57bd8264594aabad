r"""Matching the trigger rules: the masked sentence, its clauses, and the hits of a match.

A sentence is masked by replacing each slot with a placeholder that carries its index and
class (``\x01{index}:{class}\x02``, ``\x03{index}\x03`` for "its"); an apposition after a
company is lifted out into a clause of its own.

Examples
--------
>>> masked = "\x010:org\x02, a startup backed by \x011:org\x02, uses \x012:chip\x02."
>>> clauses(masked)
['\x010:org\x02 uses \x012:chip\x02.', '\x010:org\x02 a startup backed by \x011:org\x02']
"""

from __future__ import annotations

import re

from vendorgraph.loaders.relations.article import Article, Hit, Slot
from vendorgraph.loaders.relations.rules import RelationRule
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.terms import EntityType, Predicate

__all__ = ["clauses", "mask", "match_hits"]


_HEAD_NOUN = r"(?:\s+(?:GPUs|CPUs|chips|technology|platform|processors|servers|models|systems))?"


def mask(text: str, sentence: Sentence, slots: list[Slot]) -> str:
    """Return the sentence with each slot replaced by its placeholder."""
    parts, pos = [], sentence.start
    for i, slot in enumerate(slots):
        parts.append(text[pos : slot.start])
        parts.append(f"\x03{i}\x03" if slot.cls == "its" else f"\x01{i}:{slot.cls}\x02")
        pos = slot.end
    parts.append(text[pos : sentence.end])
    return "".join(parts)


def _following(masked: str, pos: int, classes: str) -> list[int]:
    out = []
    joiner = re.compile(
        rf"{_HEAD_NOUN}(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?\x01(\d+):(?:{classes})\x02"
    )
    while (match := joiner.match(masked, pos)) is not None:
        out.append(int(match.group(1)))
        pos = match.end()
    return out


def _all_after(masked: str, pos: int, classes: str) -> list[int]:
    clause = re.split(
        r";|,\s+(?:part of|which|but|while|as|stressing|underscoring)\b", masked[pos:]
    )[0]
    return [int(i) for i in re.findall(rf"\x01(\d+):(?:{classes})\x02", clause)]


def match_hits(
    article: Article,
    rule: RelationRule,
    sentence: Sentence,
    slots: list[Slot],
    masked: str,
    match: re.Match[str],
) -> list[Hit]:
    """Return the hits of one match of `rule` in the masked clause, in order."""
    classes = rule.object_classes
    subjects = _subjects(article, rule, match, masked, slots, sentence)
    objects = [int(match.group("o"))]
    if rule.object_list or rule.objects_all:
        objects += _following(masked, masked.index("\x02", match.end("o")) + 1, classes)
    if rule.objects_all:
        objects += _all_after(masked, match.end(), classes)
    hits = []
    for subject in subjects:
        for index in dict.fromkeys(objects):
            slot = slots[index]
            subj: str | None = subject
            if rule.vendor_first or rule.customer_first:
                subj, obj = _vendor_order(article, subject, slot.entity)
                if rule.customer_first and subj is not None:
                    subj, obj = obj, subj
                slot = Slot(slot.start, slot.end, obj, slot.cls, slot.resolved)
            if subj is None:
                continue
            capability = (
                _capability(masked, match.end(), slots)
                if rule.predicate is Predicate.INTEGRATES
                else None
            )
            hits.append(
                Hit(
                    subj,
                    rule.predicate,
                    slot.entity,
                    sentence,
                    match.group(),
                    slot.resolved,
                    capability,
                )
            )
    return hits


_VENDORS = (EntityType.CLOUD_PROVIDER, EntityType.CHIP_VENDOR)


def _vendor_order(article: Article, one: str, other: str) -> tuple[str | None, str]:
    """Put the vendor (cloud provider or chip vendor) first; None when neither or both are."""
    first = article.entities[one].type in _VENDORS
    second = article.entities[other].type in _VENDORS
    if first == second:
        return None, other
    return (one, other) if first else (other, one)


def _subjects(
    article: Article,
    rule: RelationRule,
    match: re.Match[str],
    masked: str,
    slots: list[Slot],
    sentence: Sentence,
) -> list[str]:
    if "s" not in rule.regex.groupindex or match.group("s") is None:
        gov = _government(article, slots, sentence)
        return [gov] if gov else []
    found = [slots[int(match.group("s"))].entity]
    if rule.subject_list:
        found += [
            slots[i].entity
            for i in _following(masked, masked.index("\x02", match.end("s")) + 1, "org")
        ]
    return found


def _government(article: Article, slots: list[Slot], sentence: Sentence) -> str | None:
    govs = [s.entity for s in slots if s.cls == "gov"]
    if govs:
        return govs[0]
    earlier = [g for g in article.governments if _first_mention(article, g) < sentence.end]
    if earlier:
        return earlier[0]
    places = [s.entity for s in slots if s.cls == "place"]
    return places[0] if places else None


def _first_mention(article: Article, entity: str) -> int:
    return article.first[entity]


def _capability(masked: str, pos: int, slots: list[Slot]) -> str | None:
    gap = r"[^\x01;]{0,80}?"
    match = re.search(rf"\binto\b{gap}\x01(\d+):(?:chip|product|tech)\x02", masked[pos:])
    return slots[int(match.group(1))].entity if match else None


# an apposition or relative clause after a company ("Acme, a startup backed by Beta, runs ...")
_APPOSITION = re.compile(
    r"(\x01\d+:org\x02),\s+((?:which|who|a|an|the|[A-Z][\w-]*['’]s|\x01\d+:\w+\x02['’]s?)\s"
    r"(?:[^,;\x01\x03]|\x01[^\x02]*\x02|\x03\d+\x03){1,120}?),\s*"
)


def clauses(masked: str) -> list[str]:
    """Return the masked sentence with its appositions lifted out, then each apposition.

    Each apposition becomes a clause of its own about the company it describes; a sentence
    without appositions is returned alone.
    """
    # an apposition starts with a company placeholder and a comma
    found = list(_APPOSITION.finditer(masked)) if ":org\x02," in masked else []
    if not found:
        return [masked]
    main = _APPOSITION.sub(lambda m: f"{m.group(1)} ", masked)
    return [main, *(f"{m.group(1)} {m.group(2)}" for m in found)]
