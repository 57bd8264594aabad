"""Names the lexicon and the cue rules miss, read off the parse: proper nouns in argument roles.

A run of proper nouns that the parser puts where a participant stands — the subject or object
of a clause, an oblique, a conjunct or an apposition ("Vesper Compute, which was acquired by
...", "buy processors from Tarn Semiconductor") — names an organisation, or a place when the
gazetteer knows it, or a person when the clause says so ("X, who runs ...", "the chief
executive, X", "X said"). Runs made only of cue words (months, titles, "AI") are not names.

Examples
--------
>>> from vendorgraph.loaders.entities import EntityResult
>>> from vendorgraph.loaders.parse import parse_sentences
>>> from vendorgraph.loaders.text import split_sentences
>>> text = "Vesper Compute will buy servers from Quarry Systems."
>>> parsed = parse_sentences(text, split_sentences(text), {})
>>> found = names_from_parse(text, parsed, EntityResult(entities=(), mentions=()))
>>> sorted(e.name for e in found.entities)
['Quarry Systems', 'Vesper Compute']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Token

from vendorgraph.loaders.entities import EntityResult, Mention, load_entity_patterns
from vendorgraph.loaders.frames import load_frames
from vendorgraph.loaders.gazetteer import is_place
from vendorgraph.loaders.parse import ParsedSentence
from vendorgraph.loaders.quotes import load_speech_patterns
from vendorgraph.ontology.model import Entity, Span, entity_id
from vendorgraph.ontology.terms import EntityType, Predicate

__all__ = ["names_from_parse"]

_ARGUMENTS = frozenset(
    {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "nmod", "conj", "appos"}
)
_LOCATIVE = frozenset({"in", "near", "at", "outside", "across", "around", "throughout", "into"})
_NAME = re.compile(r"[A-Z][A-Za-z0-9&.'-]*(?: [A-Z][A-Za-z0-9&.'-]*){0,3}")


def names_from_parse(
    text: str, parsed: Sequence[ParsedSentence], found: EntityResult
) -> EntityResult:
    """Return `found` with the proper-noun names of argument positions added as entities.

    Parameters
    ----------
    text : str
        The document text.
    parsed : sequence of ParsedSentence
        The parsed sentences (their entity marks say what is already known).
    found : EntityResult
        What the lexicon and the cue rules found.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    kinds: dict[str, EntityType] = {}
    for sentence in parsed:
        for token in sentence.doc:
            run = _run(sentence, token)
            if run is not None:
                name, start, end = run
                spans.setdefault(name, []).append((start, end))
                if _is_person(token):
                    kinds[name] = EntityType.PERSON
    if not spans:
        return found
    entities = list(found.entities)
    mentions = list(found.mentions)
    known = {e.id for e in entities}
    words = {w for e in entities for n in (e.name, *e.aliases) for w in n.split()}
    for name, places in sorted(spans.items()):
        if set(name.split()) <= words:
            continue  # "Rainier" of "Project Rainier": a part of a known name
        etype = kinds.get(name) or (EntityType.PLACE if is_place(name) else EntityType.ORGANIZATION)
        eid = entity_id(name, etype)
        if eid in known:
            continue
        known.add(eid)
        where = sorted(set(places))
        entities.append(Entity(id=eid, name=name, type=etype, mentions=_spans(text, where)))
        mentions += [Mention(start=a, end=b, entity=eid) for a, b in where]
    return replace(
        found,
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
    )


def _spans(text: str, places: Iterable[tuple[int, int]]) -> tuple[Span, ...]:
    return tuple(Span(start=a, end=b, text=text[a:b]) for a, b in places)


@functools.cache
def _role_nouns() -> frozenset[str]:
    """Return the frame nouns that say a person works at an organisation ("CEO", "analyst")."""
    nouns = load_frames().nouns.items()
    return frozenset(n for n, fs in nouns if any(f.predicate is Predicate.EMPLOYS for f in fs))


def _is_person(token: Token) -> bool:
    """Tell a person by the clause around the name: "X, who runs ...", "the chief, X", "X said"."""
    if any(c.dep_ == "acl:relcl" and any(w.lower_ == "who" for w in c.children)
           for c in token.children):  # fmt: skip
        return True
    roles = _role_nouns()
    titled = [token.head] if token.dep_ == "appos" else []
    titled += [c for c in token.children if c.dep_ == "appos"]
    if any(t.lemma_.lower() in roles for t in titled):
        return True
    speech = load_speech_patterns().lemmas
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in speech


def _proper(token: Token) -> bool:
    """Tell a proper noun, or a capitalised word mid-sentence the tagger took for a noun."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title and token.i > 0)


def _run(sentence: ParsedSentence, token: Token) -> tuple[str, int, int] | None:
    """Return the proper-noun run `token` heads, as (name, start, end), if it is a new name."""
    if not _proper(token) or token.dep_ not in _ARGUMENTS:
        return None
    if any(c.dep_ == "case" and c.lower_ in _LOCATIVE for c in token.children):
        return None  # "near Lake Michigan": a place the gazetteer lacks, not a company
    left = [c for c in token.lefts if c.dep_ in ("compound", "flat") and _proper(c)]
    right = [c for c in token.rights if c.dep_ == "flat" and _proper(c)]
    tokens = sorted([*left, token, *right], key=lambda t: t.i)
    if not any(t.pos_ == "PROPN" for t in tokens):
        return None
    if tokens[-1].i - tokens[0].i + 1 != len(tokens):
        return None  # not contiguous
    if any(sentence.entities[t.i] is not None for t in tokens):
        return None
    pats = load_entity_patterns()
    while tokens and (tokens[0].text in pats.stopwords or pats.roles.fullmatch(tokens[0].text)):
        tokens = tokens[1:]
    if not tokens or (len(tokens) == 1 and (len(tokens[0].text) < 3 or tokens[0].is_upper)):
        return None  # "AI", "GPU": acronyms alone are more often terms than names
    before = tokens[0].nbor(-1) if tokens[0].i > 0 else None
    if before is not None and before.is_title and before.i > 0:
        return None  # the tail of a longer name the tagger split ("Aligned Data Centers")
    base = sentence.sentence.start
    start, end = base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1])
    name = sentence.sentence.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    return (name, start, end) if _NAME.fullmatch(name) else None
