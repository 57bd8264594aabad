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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from vendorgraph.loaders.entities import EntityResult, Mention, load_entity_patterns
from vendorgraph.loaders.entities.offerings import NOT_CODES
from vendorgraph.loaders.entities.patterns import PLURAL_ACRONYM
from vendorgraph.loaders.fact_boxes import fact_box
from vendorgraph.loaders.frames import load_frames, role_nouns, role_verbs
from vendorgraph.loaders.gazetteer import is_place
from vendorgraph.loaders.parse import ParsedSentence, common_nouns, common_verbs, is_english
from vendorgraph.loaders.quotes import load_speech_patterns
from vendorgraph.loaders.tree import (
    case_word,
    coined,
    coordinated_flat,
    has_copula,
    misread_subjects,
)
from vendorgraph.ontology.model import Entity, Span, entity_id
from vendorgraph.ontology.terms import EntityType

__all__ = ["names_from_parse"]

_ARGUMENTS = frozenset(
    {
        "nsubj",
        "nsubj:pass",
        "obj",
        "iobj",
        "obl",
        "obl:agent",
        "nmod",
        "nmod:poss",
        "conj",
        "appos",
        "xcomp",
    }
)
_NAME_PARTS = frozenset({"compound", "flat", "nmod:desc"})  # "GE" of "GE Vernova" read nmod:desc
_NAMING = frozenset({"name", "appoint", "elect", "promote", "make", "hire"})
_FOUNDING = frozenset({"found", "co-found", "cofound"})
_LOCATIVE = frozenset({"in", "near", "at", "outside", "across", "around", "throughout", "into"})
_LABEL_LINE = re.compile(r"\W*[A-Z][A-Za-z ]{0,24}:\s+\S+(?:\s+\S+){0,4}\s*$")
_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w&.'-]*(?:(?: &)? [A-ZÀ-ÖØ-Þ][\w&.'-]*){0,3}")


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
    found = _imperatives_trimmed(text, parsed, found)
    spans: dict[str, list[tuple[int, int]]] = {}
    kinds: dict[str, EntityType] = {}
    for sentence in parsed:
        line = sentence.sentence.text
        boxed = fact_box(line) is not None  # "Key people: Jane Roe (CEO); ..."
        if _LABEL_LINE.match(line) and not boxed:
            continue  # a label and its value ("Rating: Outperform (unchanged)") name no one
        for token in sentence.doc:
            run = _run(sentence, token, boxed=boxed)
            if run is not None:
                name, start, end = run
                spans.setdefault(name, []).append((start, end))
                kind = _kind_by_clause(token, name) or _she_next(text, sentence, token, name)
                if kind is not None:
                    kinds[name] = kind
    if not spans:
        return found
    entities = list(found.entities)
    mentions = list(found.mentions)
    known = {e.id for e in entities}
    words = _word_counts(entities)
    taken = [(m.start, m.end) for m in mentions]
    body = min(p.sentence.start for p in parsed)
    # the longest names first: "Kesselring Substrates" claims "Kesselring" written alone
    for name, found_at in sorted(spans.items(), key=lambda kv: (-len(kv[0].split()), kv[0])):
        places = [p for p in found_at if p not in taken]  # not a surname already claimed
        if not places or _part_of_known(name, places, words):
            continue  # "Rainier" of "Project Rainier": a part of a known name
        etype = (
            kinds.get(name)
            or _surname_kind(name, kinds, entities)
            or (EntityType.PLACE if is_place(name) else EntityType.ORGANIZATION)
        )
        eid = entity_id(name, etype)
        if eid in known:
            continue
        known.add(eid)
        where = _written(text, name, etype, places, body, taken)
        taken += where
        entities.append(Entity(id=eid, name=name, type=etype, mentions=_spans(text, where)))
        mentions += [Mention(start=a, end=b, entity=eid) for a, b in where]
    return _surnames_joined(
        replace(
            found,
            entities=tuple(sorted(entities, key=lambda e: e.id)),
            mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
        )
    )


def _word_counts(entities: Iterable[Entity]) -> dict[str, float]:
    """Return, per word of a known name, how often the names it is in are written.

    A word of a company's or a person's name counts without end: written alone, it is that
    company's short form ("Vantor" of "Vantor Cloud") or the person's surname.
    """
    words: dict[str, float] = {}
    for e in entities:
        count = len(e.mentions) if e.type.is_offering else float("inf")
        for w in {w for n in (e.name, *e.aliases) for w in n.split()}:
            words[w] = words.get(w, 0) + count
    return words


def _surname_kind(
    name: str, kinds: Mapping[str, EntityType], entities: Iterable[Entity]
) -> EntityType | None:
    """Return Person for a full name whose last word alone is read as a person's.

    "Mirela Dancu spent a decade ..." says nothing of a person, but "Dancu left Cluj ... She"
    does: the name in full is that person's.
    """
    words = name.split()
    if len(words) < 2 or len(words) > 3:
        return None
    last = words[-1]
    if kinds.get(last) is EntityType.PERSON or any(
        e.type is EntityType.PERSON and e.name == last for e in entities
    ):
        return EntityType.PERSON
    return None


def _part_of_known(name: str, places: list[tuple[int, int]], words: Mapping[str, float]) -> bool:
    """Tell a part of a known name ("Rainier" of "Project Rainier") from a name of its own.

    A name the parse finds in more places than the offerings it is part of are written
    ("Halcyra", a company, ten times beside one "Halcyra H1", its chip) is a name of its own.
    """
    parts = name.split()
    if not all(w in words for w in parts):
        return False
    return len(places) <= min(words[w] for w in parts)


def _written(
    text: str,
    name: str,
    etype: EntityType,
    places: list[tuple[int, int]],
    body: int,
    taken: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Return where the body writes a new name: where the parse found it, and elsewhere.

    A person's surname alone after the full name is the person too ("said Solano").
    """
    where = set(places) | set(_elsewhere(text, name, body, taken))
    if etype is EntityType.PERSON and " " in name:
        after = min(where)[1]
        where |= set(_elsewhere(text, name.split()[-1], after, [*taken, *where]))
    elif etype is EntityType.ORGANIZATION and _short_form(name):
        where |= set(_elsewhere(text, name.split()[0], body, [*taken, *where]))
    return sorted(where)


def _short_form(name: str) -> bool:
    """Tell whether a company's first word can stand for it alone ("Tessaract" of "Tessaract Labs").

    Only a coined word: no English word, place or name part of the cue rules ("Pacific Grid").
    """
    words = name.split()
    first = words[0]
    return (
        len(words) > 1
        and len(first) >= 4
        and first.istitle()
        and first.isalpha()
        and not is_english(first)
        and first not in load_entity_patterns().stopwords
        and not is_place(first)
    )


def _elsewhere(
    text: str, name: str, body: int, taken: list[tuple[int, int]]
) -> Iterable[tuple[int, int]]:
    """Yield the other places in the body that write `name` and no other name claims.

    A name read off the parse in one sentence is the same name where the parse did not put it
    in an argument's place ("a Korin Micro customer").
    """
    for match in re.finditer(rf"(?<![\w&.-]){re.escape(name)}(?![\w&-])", text[body:]):
        start, end = body + match.start(), body + match.end()
        if not any(a < end and start < b for a, b in taken):
            yield start, end


def _imperatives_trimmed(
    text: str, parsed: Sequence[ParsedSentence], found: EntityResult
) -> EntityResult:
    """Take a verb in the imperative off the name a sentence opens with.

    "Consider Corran Labs, a company ...", "Take Vantor Cloud, the operator ...": the tagger
    reads the first word as the sentence's verb in the imperative, and the rest as the name.
    The mention becomes the rest: the entity of that name, or a new one of the same type.
    """
    trimmed: dict[tuple[int, int], int] = {}  # a mention's span -> where its name starts
    for sentence in parsed:
        doc, marks = sentence.doc, sentence.entities
        if len(doc) > 2 and marks[0] is not None and marks[1] == marks[0]:
            verb = doc[0]
            if "Imp" in verb.morph.get("Mood", []) and verb.lower_ in common_verbs():
                base = sentence.sentence.start
                end = base + max(t.idx + len(t) for t in doc if marks[t.i] == marks[0])
                trimmed[(base, end)] = base + doc[1].idx
    if not trimmed:
        return found
    by_name = {n.casefold(): e.id for e in found.entities for n in (e.name, *e.aliases)}
    entities = {e.id: e for e in found.entities}
    moved: dict[str, list[Span]] = {}  # entity id -> the trimmed spans it gains
    mentions: list[Mention] = []
    for m in found.mentions:
        start = trimmed.get((m.start, m.end))
        if start is None:
            mentions.append(m)
            continue
        name = text[start : m.end]
        target = by_name.setdefault(name.casefold(), entity_id(name, entities[m.entity].type))
        if target not in entities:
            entities[target] = Entity(id=target, name=name, type=entities[m.entity].type)
        moved.setdefault(target, []).extend(_spans(text, [(start, m.end)]))
        mentions.append(Mention(start=start, end=m.end, entity=target))
    kept = []
    for e in entities.values():
        spans = [s for s in e.mentions if (s.start, s.end) not in trimmed]
        spans = sorted([*spans, *moved.get(e.id, [])], key=lambda s: (s.start, s.end))
        if spans:
            kept.append(replace(e, mentions=tuple(spans)))
    return replace(
        found,
        entities=tuple(sorted(kept, key=lambda e: e.id)),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
    )


def _surnames_joined(found: EntityResult) -> EntityResult:
    """Make a person named by surname alone ("Wierzbicki argued") the one named in full.

    Only when exactly one person's full name ends with that surname; the full name must come
    first in the text.
    """
    people = [e for e in found.entities if e.type is EntityType.PERSON]
    full: dict[str, list[Entity]] = {}
    for person in people:
        words = person.name.split()
        if len(words) > 1:
            full.setdefault(words[-1], []).append(person)
    moved: dict[str, Entity] = {}  # surname-only person id -> the person named in full
    for person in people:
        owners = full.get(person.name, [])
        if len(owners) == 1 and owners[0].mentions[0].start < person.mentions[0].start:
            moved[person.id] = owners[0]
    if not moved:
        return found
    joined: dict[str, list[Entity]] = {}
    for person in people:
        if person.id in moved:
            joined.setdefault(moved[person.id].id, []).append(person)
    merged = {owner.id: _joined(owner, joined[owner.id]) for owner in moved.values()}
    entities = tuple(merged.get(e.id, e) for e in found.entities if e.id not in moved)
    mentions = tuple(
        replace(m, entity=moved[m.entity].id) if m.entity in moved else m for m in found.mentions
    )
    affiliations = tuple(
        replace(a, person=moved[a.person].id) if a.person in moved else a
        for a in found.affiliations
    )
    return replace(found, entities=entities, mentions=mentions, affiliations=affiliations)


def _joined(owner: Entity, others: list[Entity]) -> Entity:
    """Return `owner` with the names and mentions of `others` added."""
    spans = sorted([*owner.mentions, *(m for o in others for m in o.mentions)],
                   key=lambda m: (m.start, m.end))  # fmt: skip
    aliases = sorted({*owner.aliases, *(o.name for o in others)})
    return replace(owner, aliases=tuple(aliases), mentions=tuple(spans))


_SHE = re.compile(r"\s*(?:He|She)\b")


def _she_next(text: str, sentence: ParsedSentence, token: Token, name: str) -> EntityType | None:
    """Return Person for the main subject of a sentence "He"/"She" opens the next one with."""
    if token.dep_ != "nsubj" or token.head.dep_ != "ROOT":
        return None
    if name.split()[-1] in load_entity_patterns().suffix_types:
        return None  # "Vesper Labs ... She": a company word is never a person
    return EntityType.PERSON if _SHE.match(text, sentence.sentence.end) else None


def _spans(text: str, places: Iterable[tuple[int, int]]) -> tuple[Span, ...]:
    return tuple(Span(start=a, end=b, text=text[a:b]) for a, b in places)


def _kind_by_clause(token: Token, name: str) -> EntityType | None:
    """Return the type the clause around a name gives it: person, offering or None (unknown).

    A name that ends in a company word ("Meridian Data", "Ardent Silicon") or in a plural
    noun ("Kesselring Substrates") is a company even where it speaks ("Meridian Data said");
    a name in apposition with an offering noun ("its newest chip, the Rook-1") is that
    offering.
    """
    pats = load_entity_patterns()
    last = name.split()[-1]
    if last in pats.suffix_types or (" " in name and _plural_noun(last.lower())):
        return None  # "Kesselring Substrates": a line of business, not a surname
    offering = _offering_apposition(token)
    if offering is not None:
        return offering
    if _model_number(name.split()[-1]):  # "the Velka X1": a model, whatever the clause
        head = token.head if token.dep_ == "compound" else None  # "the Velka X1 accelerator"
        types = pats.head_types
        kind = types.get(head.lemma_.lower()) if head is not None else None
        return kind or EntityType.PRODUCT
    return EntityType.PERSON if _is_person(token) else None


def _model_number(word: str) -> bool:
    """Tell a model number by its shape: capitals and digits ("X1", "CM-400", "GB300")."""
    return any(c.isdigit() for c in word) and any(c.isupper() for c in word)


def _offering_apposition(token: Token) -> EntityType | None:
    """Return the offering type of the noun a name is in apposition with ("the chip, the X")."""
    heads = load_entity_patterns().head_types
    nouns = [token.head] if token.dep_ == "appos" else []
    nouns += [c for c in token.children if c.dep_ == "appos"]
    nouns = [n for n in nouns if n.pos_ == "NOUN"]
    # "its chatbot Sillage": the offering noun right before the name, however it is tagged
    nouns += [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
    for noun in nouns:
        etype = heads.get(noun.lower_) or heads.get(noun.lemma_.lower())
        if etype is not None:
            return etype
    return None


def _is_person(token: Token) -> bool:
    """Tell a person by the clause around the name: "X, who runs ...", "the chief, X", "X said"."""
    if any(c.dep_ == "acl:relcl" and any(w.lower_ == "who" for w in c.children)
           for c in token.children):  # fmt: skip
        return True
    if coordinated_flat(token):  # "by Ada Lind and Bo Sand": as the name before the "and"
        return _is_person(token.head)
    roles = role_nouns()
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in roles and has_copula(head):
        return True  # "X is chief executive of Y"
    if token.dep_ == "obl:agent" and _agent_is_person(token, head.lemma_.lower()):
        return True  # "founded in 2019 by X", "the board is chaired by Pieter-Jan Smit"
    if (
        token.dep_ == "nsubj"
        and head.lemma_.lower() in role_verbs()
        and any(c.dep_ in ("flat", "compound") for c in token.children)
    ):
        return True  # "Leo Brandt leads Orison", "Ada Lind joined X in 2021": a full name
    if (
        token.dep_ in ("obj", "xcomp")
        and head.lemma_.lower() in _NAMING
        and any(t.lemma_.lower() in roles for t in token.doc[token.i + 1 : token.i + 6])
    ):
        return True  # "named X its chief financial officer", "appointed X chief executive"
    if token.dep_ == "obj" and any(  # "hired X as its chief financial officer"
        c.lemma_.lower() in roles and any(w.lower_ == "as" for w in c.children)
        for c in head.children
    ):
        return True
    titled = [token.head] if token.dep_ == "appos" else []
    titled += [c for c in token.children if c.dep_ == "appos"]
    # "CEO Jane Roe", "its chief executive, Jane Roe" read as a modifier of the name
    titled += [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i]
    if any(t.lemma_.lower() in roles for t in titled):
        return True
    speech = load_speech_patterns().lemmas
    if token.dep_ != "nsubj" or token.head.lemma_.lower() not in speech:
        return False
    said = [c for c in token.head.children if c.dep_ == "ccomp"]
    subjects = [c for v in said for c in v.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return not any(c.lower_ == "it" for c in subjects)  # "X said it would": X is a company


def _agent_is_person(token: Token, verb: str) -> bool:
    """Tell a person by the passive that names them: a founder, or a full name in a role."""
    full = any(c.dep_ in ("flat", "compound") for c in token.children)
    return verb in _FOUNDING or (verb in role_verbs() and full)


def _proper(token: Token) -> bool:
    """Tell a proper noun, or a capitalised word mid-sentence the tagger took for a noun."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title and token.i > 0)


def _name_word(token: Token) -> bool:
    """Tell a word of a name: a proper noun, or a capitalised first word ("Ada" of "Ada Lind").

    A capitalised adjective the parser hung on a name as a compound is one too ("Halcyon Grid").
    """
    if token.is_title and token.pos_ == "ADJ" and token.dep_ == "compound":
        return True
    return _proper(token) or (token.i == 0 and token.is_title and token.pos_ in ("NOUN", "ADJ"))


def _may_stand_alone(tokens: list[Token], head: Token) -> bool:
    """Tell whether a run can be a name ("Cloud", "AI" or "Chief Executive Officer" cannot)."""
    if load_entity_patterns().roles.fullmatch(" ".join(t.text for t in tokens)):
        return False  # a title, not a name
    if NOT_CODES.match(head.doc[tokens[0].i : tokens[-1].i + 1].text):
        return False  # "Phase-2", "Tier-1": a stage or a grade
    if len(tokens) > 1:
        return True
    word = tokens[0].text
    if word in load_entity_patterns().suffix_types:
        return False  # "EVP of Cloud": a company word alone names no company
    if PLURAL_ACRONYM.fullmatch(word):
        return False  # "DSPs", "ASICs": a plural, a class of things
    if len(word) < 3 or tokens[0].is_upper:  # "AI", "GPU": more often terms than names
        return _offering_apposition(head) is not None
    # "Combination brings ...", "... for $53.00 per Share in Cash": a common noun; not one set
    # off by a comma ("Keystone, Halvard's compiler, is free": an apposition names it)
    first = tokens[0]
    if word.lower() not in common_nouns():
        return True
    apposed = first.i + 1 < len(first.doc) and first.nbor(1).text == ","
    return not _headline_like(head.doc) and (first.i > 0 or apposed)


def _headline_like(doc: Doc) -> bool:
    """Tell a line whose longer words are mostly capitalised, as in a headline."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title for t in words) >= 0.6 * len(words)


def _run_tokens(token: Token) -> list[Token]:
    """Return the words of the name `token` heads: its name parts, and "& Y" after it."""
    left = [c for c in token.lefts if (c.dep_ in _NAME_PARTS and _name_word(c)) or _coined(c)]
    right = [c for c in token.rights if c.dep_ in ("flat", "appos") and _name_word(c)]
    right = [c for c in right if c.dep_ == "flat" or c.i == token.i + 1]  # "Ada Lind": no comma
    right = [c for c in right if not coordinated_flat(c)]  # "by Ada Lind and Bo Sand"
    tokens = sorted([*left, token, *right], key=lambda t: t.i)
    last = tokens[-1]
    if last.i + 2 < len(last.doc) and last.nbor(1).text == "&" and last.nbor(2).is_title:
        tokens += [last.nbor(1), last.nbor(2)]  # "Hollis & Grant"
    return _hyphenated(tokens)


def _hyphenated(tokens: list[Token]) -> list[Token]:
    """Return the run with the capitalised words hyphenated to its ends ("Pieter-Jan Smit").

    The tokenizer splits "Hydro-Québec" and "Osei-Lund" at the hyphen; a hyphen with no space
    on either side joins the words into one name.
    """
    doc = tokens[0].doc

    def glued(hyphen: int) -> bool:
        return (
            0 < hyphen < len(doc) - 1
            and doc[hyphen].text == "-"
            and not doc[hyphen - 1].whitespace_
            and not doc[hyphen].whitespace_
            and doc[hyphen - 1].is_title
            and doc[hyphen + 1].is_title
        )

    first, last = tokens[0].i, tokens[-1].i
    while glued(first - 1):
        first -= 2
    while glued(last + 1):
        last += 2
        while last + 1 < len(doc) and doc[last + 1].dep_ == "flat" and doc[last + 1].head.i == last:
            last += 1  # "Anne-Marie Okafor" with "Okafor" hung on "Marie"
    inside = {t.i for t in tokens} | {
        i for i in range(tokens[-1].i, last + 1) if doc[i].dep_ == "flat"
    }
    inside |= {i + d for i in range(first, last + 1) if glued(i) for d in (-1, 0, 1)}
    return [doc[i] for i in range(first, last + 1) if i in inside]


def _framed(token: Token) -> bool:
    """Tell whether a relation frame of the word `token` hangs on takes its case word.

    "invested $50 million in Halcyon Grid", "a stake in Halcyon Grid": "in" is the frame's,
    so the name is a participant, not a place.
    """
    frames = load_frames()
    lemmas = {token.head.lemma_.lower(), token.head.head.lemma_.lower()}  # "invested $5 in X"
    roles = {r for m in lemmas for f in frames.verbs.get(m, ()) for r in (f.subject, *f.objects)}
    roles |= {r for m in lemmas for f in frames.nouns.get(m, ()) for r in f.roles}
    case = case_word(token)
    return f"obl:{case}" in roles or f"nmod:{case}" in roles


def _coined(token: Token) -> bool:
    """Tell a capitalised modifier that is no English word ("Hexmoor" read as an adjective)."""
    return token.dep_ == "amod" and coined(token)


def _unknown(tokens: list[Token]) -> bool:
    """Tell one capitalised word mid-sentence that is no English noun, or is a known place.

    "Okapi's rival, Pickwise of Leeds": both are names, though the tagger read them as nouns.
    """
    word = tokens[0]
    return (
        len(tokens) == 1
        and word.i > 0
        and word.is_title
        and word.nbor(-1).text not in (":", "(", "“", '"', "'", "‘", "—", "–", "-")
        and not word.nbor(-1).is_space
        and (
            (word.lower_ not in common_nouns() and not _plural_noun(word.lower_))
            or is_place(word.text)  # "Pickwise of Leeds"
        )
        and word.lower_ not in STOP_WORDS
    )


def _coined_run(tokens: list[Token]) -> bool:
    """Tell capitalised words, the first no English word, that the tagger read as nouns.

    "Kesselring Substrates, which is owned by ...": a coined word and a company's line of
    business, both capitalised, are a name wherever the sentence puts them.
    """
    return len(tokens) > 1 and coined(tokens[0]) and all(t.is_title for t in tokens)


def _plural_opener(tokens: list[Token]) -> bool:
    """Tell common nouns capitalised to open a sentence or in a headline, ending in a plural.

    "Regulators allowed ...", "Layoffs Hit Managers, Software Engineers": every word a common
    noun, the last a plural that is no company word ("Labs", "Networks").
    """
    last = tokens[-1].text
    if (len(tokens) == 1 and tokens[0].i > 0) or last in load_entity_patterns().suffix_types:
        return False
    return _plural_noun(last.lower()) and all(
        t.lower_ in common_nouns() or _plural_noun(t.lower_) for t in tokens[:-1]
    )


def _plural_noun(word: str) -> bool:
    """Tell the plural of a common noun ("analysts", "taxes", "companies")."""
    if not word.endswith("s"):
        return False
    return any(s in common_nouns() for s in (word[:-1], word[:-2], word[:-3] + "y"))


def _model_code(token: Token) -> bool:
    """Tell a model number in apposition with an offering noun ("its switch, the QZ-7")."""
    text = token.text
    return (
        text.lower() != text  # an upper-case letter
        and any(map(str.isdigit, text))
        and _offering_apposition(token) is not None
    )


def _run(
    sentence: ParsedSentence, token: Token, *, boxed: bool = False
) -> tuple[str, int, int] | None:
    """Return the proper-noun run `token` heads, as (name, start, end), if it is a new name.

    In the value of a fact-box line (`boxed`) a name may be the root the parser makes of it.
    """
    # "Coralmind/NOUN designs ...": a coined word hung on its verb as a compound
    misread = token.dep_ == "compound" and coined(token) and token in misread_subjects(token.head)
    argument = token.dep_ in _ARGUMENTS or (boxed and token.dep_ == "ROOT")
    if not misread and (
        not (argument or coordinated_flat(token)) or not (_proper(token) or _model_code(token))
    ):
        return None
    if any(c.dep_ == "case" and c.lower_ in _LOCATIVE for c in token.children) and not _framed(
        token
    ):
        return None  # "near Lake Michigan": a place the gazetteer lacks, not a company
    tokens = _run_tokens(token)
    if not any(t.pos_ == "PROPN" for t in tokens) and not (
        misread or _model_code(token) or _unknown(tokens) or _coined_run(tokens)
    ):
        return None
    if tokens[-1].i - tokens[0].i + 1 != len(tokens):
        return None  # not contiguous
    if any(sentence.entities[t.i] is not None for t in tokens):
        return None
    pats = load_entity_patterns()
    while tokens and (
        tokens[0].text in pats.stopwords
        or pats.roles.fullmatch(tokens[0].text)
        or (tokens[0].i == 0 and tokens[0].lower_ in STOP_WORDS)  # "Nor did X comment"
    ):
        tokens = tokens[1:]
    if not tokens or not _may_stand_alone(tokens, token) or _plural_opener(tokens):
        return None
    before = tokens[0].nbor(-1) if tokens[0].i > 0 else None
    if before is not None and before.is_title and before.i > 0:
        return None  # the tail of a longer name the tagger split ("Aligned Data Centers")
    if before is not None and before.text == ":" and len(tokens) == 1:
        return None  # "CFO: Revenue for the quarter ...": a capital opens the words after a label
    base = sentence.sentence.start
    start, end = base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1])
    name = sentence.sentence.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    return (name, start, end) if _NAME.fullmatch(name) else None
