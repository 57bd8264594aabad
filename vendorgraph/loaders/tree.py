"""What a clause's dependency tree says, read past the shipped parser's usual slips.

The parser (``loaders/model``), trained on web text, misreads news sentences in a few regular
ways: a present-tense verb after an unknown name comes out as a plural noun ("Orbit relies/NOUN
on AWS"), a past verb as a modifier of its object ("the Bureau barred/ADJ shipments"), a name's
first word takes the case word of the whole name ("to/mark Halcyon Cloud"). These helpers read
a token's role the way the sentence means it; the relation frames (``loaders/frames.py``) and
the name pass (``loaders/names.py``) ask them, and never the raw labels, for those roles.

Examples
--------
>>> from vendorgraph.loaders.parse import parse_sentences
>>> from vendorgraph.loaders.text import split_sentences
>>> text = "The chips were made by TSMC."
>>> (parsed,) = parse_sentences(text, split_sentences(text), {})
>>> [t.text for t in parsed.doc if is_passive(t)], case_word(parsed.doc[5])
(['made'], 'by')
"""

from __future__ import annotations

from spacy.tokens import Token

from vendorgraph.loaders.parse import is_english

__all__ = [
    "LINKING_VERBS",
    "MISREAD_SUBJECTS",
    "PASSIVE_SUBJECT",
    "SUBJECT_DEPS",
    "case_word",
    "coordinated_flat",
    "finite_verb_read_as_noun",
    "has_copula",
    "has_subject",
    "is_passive",
    "misread_subjects",
    "names_before",
    "predicated_of",
    "verb_above",
    "verb_by_arguments",
    "verb_read_as_modifier",
    "verb_read_into_name",
]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT = frozenset({"nsubj:pass", "csubj:pass"})
MISREAD_SUBJECTS = frozenset({"compound", "amod", "nummod", "nsubj"})
"""Where a misread verb's subject hangs: a name read as its modifier."""


def finite_verb_read_as_noun(token: Token) -> bool:
    """Whether `token` is a present-tense verb the tagger took for a plural noun.

    The parser, trained on web text, reads "Orbit relies on AWS" with "relies" as a noun and
    "Orbit" as its modifier. A word ending in "s" without a determiner, heading its clause,
    with a name on its left, is read as the verb it is.
    """
    return (
        token.pos_ in ("NOUN", "ADJ")
        and token.lower_.endswith("s")
        and token.dep_ in ("ROOT", "ccomp", "conj", "parataxis")
        and not any(c.dep_ in ("det", "nmod:poss") for c in token.children)
        and any(c.dep_ in MISREAD_SUBJECTS | SUBJECT_DEPS for c in token.lefts)
    )


def verb_read_into_name(token: Token) -> Token | None:
    """Return the object of a verb the parser read as the last word of the name before it.

    "Orrin Silicon buys memory from Micron" can come out with "buys" a flat part of "Orrin"
    and "memory" the root: a lowercase "-s" or "-ed" word right after a capitalised word,
    hung inside the name, whose name heads a noun further right, is the verb, and that noun
    its object. None for any other token.
    """
    word = token.lower_
    if not (
        token.is_lower
        and token.is_alpha
        and token.dep_ in ("compound", "flat")
        and token.i > 0
        and (word.endswith("s") or word.endswith("ed"))
        and token.nbor(-1).pos_ == "PROPN"
        and token.nbor(-1).is_title
    ):
        return None
    for head in token.ancestors:
        if head.i > token.i:
            if head.pos_ in ("NOUN", "PROPN") and head.dep_ not in SUBJECT_DEPS:
                return head
            return None
    return None


def misread_subjects(verb: Token) -> list[Token]:
    """Return the subject of a verb the parser misread as a noun or a modifier."""
    if verb_read_into_name(verb) is not None:  # "Orrin Silicon buys/PROPN memory"
        return [verb.nbor(-1)]
    if finite_verb_read_as_noun(verb):  # "Orbit relies": the name read as a modifier
        return [c for c in verb.lefts if c.dep_ in MISREAD_SUBJECTS]
    if verb_read_as_modifier(verb):  # "the Department restricted shipments"
        found = [c for c in verb.lefts if c.dep_ in SUBJECT_DEPS | {"compound"}]
        return found or [c for c in verb.head.lefts if c.i < verb.i and names_before(c)]
    if verb.pos_ == "VERB":  # "Harlow Capital owns 12%" with the name a compound of the verb
        return [c for c in verb.lefts if c.dep_ == "compound" and (c.pos_ == "PROPN" or coined(c))]
    return []


def verb_by_arguments(token: Token) -> bool:
    """Whether `token`, tagged otherwise, is a verb by its arguments: a subject and an object.

    "His team buys/ADP complete systems from X": the tagger may miss a verb the parse gets.
    """
    if token.pos_ in ("VERB", "AUX"):
        return False
    deps = {c.dep_ for c in token.children}
    if token.dep_ == "conj" and "obj" in deps and token.pos_ in ("NOUN", "ADJ"):
        return True  # "will be built on X and feature/ADJ 432GB": a conjoined verb
    if token.dep_ == "ROOT" and token.pos_ == "ADV" and "nsubj" in deps and "cop" not in deps:
        return True  # "X and Y all rely/ADV on Z": a root with a subject and no copula
    if not (token.n_lefts and token.n_rights):
        return False  # a subject on the left, an object on the right
    return {"nsubj", "obj"} <= deps


def verb_read_as_modifier(token: Token) -> bool:
    """Whether `token` is a clause's verb the parser hung on its object as a modifier.

    "The Department restricted shipments" comes out with "restricted" a modifier of
    "shipments"; a verb with a subject or a name on its left is a clause's verb.
    """
    if not (
        token.pos_ in ("VERB", "ADJ")
        and token.dep_ in ("amod", "compound")
        and token.head.i > token.i
        and token.head.pos_ == "NOUN"
    ):
        return False
    if (
        token.pos_ == "ADJ"
        and "Part" not in token.morph.get("VerbForm", [])
        and not (token.lower_.endswith("ed"))
    ):
        return False  # a plain adjective ("new chips") is no verb
    if any(c.dep_ in SUBJECT_DEPS or names_before(c) for c in token.lefts):
        return True
    if "Fin" in token.morph.get("VerbForm", []) and any(
        c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in token.lefts
    ):
        return True  # "the Maia 200 accelerator uses/compound memory": a finite verb is a verb
    # "the Bureau barred shipments": the name hung on the noun, before the verb
    return any(c.i < token.i and names_before(c) for c in token.head.lefts)


def coordinated_flat(token: Token) -> bool:
    """Tell a name the parser hung flat on the name before an "and" ("Ada Lind and Bo Sand")."""
    if token.dep_ != "flat" or token.head.i > token.i:
        return False
    between = token.doc[token.head.i + 1 : token.i]
    return any(t.pos_ == "CCONJ" or t.text == "," for t in between)


def coined(token: Token) -> bool:
    """Whether `token` is a capitalised word no English word list knows ("Coralmind")."""
    return token.is_title and token.is_alpha and not is_english(token.text)


def names_before(token: Token) -> bool:
    """Whether `token` is a name read as a modifier ("Bureau" of "Bureau barred shipments").

    A coined word the tagger took for a common noun is a name too ("Tessaract rented ...").
    """
    if token.dep_ not in ("compound", "nmod:poss"):
        return False
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and coined(token))


LINKING_VERBS = frozenset({"become", "remain", "stay", "be", "continue", "emerge", "rank"})
"""Verbs that say their complement of their subject, as a copula does ("X became its customer")."""


def predicated_of(possessive: Token, subject: Token) -> bool:
    """Whether the noun `possessive` qualifies is said of `subject`: "Y is its customer".

    Also through a linking verb: "Y became its largest customer".
    """
    noun = possessive.head
    if subject.dep_ not in SUBJECT_DEPS:
        return False
    if subject.head.i == noun.i and has_copula(noun):
        return True
    verb = noun.head
    return (
        noun.dep_ in ("xcomp", "obj")
        and subject.head.i == verb.i
        and verb.lemma_.lower() in LINKING_VERBS
    )


def verb_above(token: Token) -> Token:
    """Return the first verb above `token` in the tree (the root if there is none)."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def has_subject(token: Token) -> bool:
    """Whether `token` has a subject, active or passive."""
    return any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT for c in token.children)


def has_copula(token: Token) -> bool:
    """Whether `token` is a predicate noun or adjective with a copula ("is Y's supplier")."""
    return any(c.dep_ == "cop" for c in token.children)


def is_passive(verb: Token) -> bool:
    """Whether `verb` is passive: a passive auxiliary, or a passive subject of a participle."""
    if any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    participle = "Part" in verb.morph.get("VerbForm", [])
    if participle and any(c.dep_ == "obl:agent" for c in verb.children):
        return True  # "... and sold by X to Y": a participle with a passive's agent
    if participle and verb.dep_ == "acl" and "Past" in verb.morph.get("Tense", []):
        return True  # "a startup backed by X", "chips made by TSMC": a reduced relative
    if participle and verb.dep_ == "conj" and not has_subject(verb) and is_passive(verb.head):
        return True  # "is made by TSMC and sold to X": the auxiliary serves both
    return participle and any(c.dep_ in PASSIVE_SUBJECT for c in verb.children)


def case_word(token: Token) -> str | None:
    """Return the case word or marker of `token` ("to" of "to Halcyon Cloud"), or None."""
    for child in token.children:
        if child.dep_ in ("case", "mark"):
            return child.norm_  # "w/" reads "with" (loaders/parse.py)
    for part in token.lefts:  # "to Halcyon Cloud" with "to" hung on "Halcyon"
        if part.dep_ in ("compound", "flat"):
            for child in part.lefts:
                if child.dep_ in ("case", "mark"):
                    return child.norm_
    return None
