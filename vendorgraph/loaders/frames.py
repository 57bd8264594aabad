"""Relation frames on the dependency parse: verbs and relational nouns and their argument roles.

A frame (``patterns/frames.toml``) says which predicate a verb or noun states between the
entities in two of its roles: "AWS **supplies** chips *to* OpenAI" (agent → ``obl:to``), "TSMC, a
major **supplier** *to* Apple" (holder → ``nmod:to``), "OpenAI's **parent**" (holder → poss).
Everything that generalises across wordings comes from the parse rather than from the words:

- an argument that is a common noun stands for the entity that qualifies it ("chips *from*
  Google", "Nvidia's GPUs"), and a pronoun or a role noun ("it", "the company") for the company
  named before it (:func:`refers`);
- conjuncts distribute ("AWS and Google supply A and B": four claims);
- passives swap their roles ("was acquired by X"), relative clauses and infinitives take the
  subject of the clause that governs them ("AWS plans to deploy ...", "X, which supplies Y");
- the modality comes from the auxiliaries, negations and governing verbs of the frame's verb
  ("will", "not", "in talks to", "expects ... to"), not from words elsewhere in the sentence.

Examples
--------
>>> from vendorgraph.loaders.parse import parse_sentences
>>> from vendorgraph.loaders.text import split_sentences
>>> from vendorgraph.ontology.terms import EntityType
>>> text = "Acme Cloud will buy chips from Halcyon and Zeta."
>>> spans = {(0, 10): "org/acme-cloud", (31, 38): "org/halcyon", (43, 47): "org/zeta"}
>>> kinds = dict.fromkeys(spans.values(), EntityType.ORGANIZATION)
>>> parsed = parse_sentences(text, split_sentences(text), spans)
>>> for h in find_frames(parsed, kinds):
...     print(h.subject, h.predicate.value, h.object, h.modality.value)
org/halcyon supplies org/acme-cloud planned
org/zeta supplies org/acme-cloud planned
org/acme-cloud uses org/halcyon planned
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Token

from vendorgraph.loaders.parse import ParsedSentence
from vendorgraph.loaders.text import Sentence
from vendorgraph.loaders.tree import (
    LINKING_VERBS,
    PASSIVE_SUBJECT,
    SUBJECT_DEPS,
    case_word,
    coordinated_flat,
    finite_verb_read_as_noun,
    has_copula,
    has_subject,
    is_passive,
    misread_subjects,
    predicated_of,
    verb_above,
    verb_by_arguments,
    verb_read_as_modifier,
    verb_read_into_name,
)
from vendorgraph.ontology.terms import EntityType, Modality, Predicate

__all__ = ["FrameHit", "Frames", "find_frames", "load_frames", "role_nouns", "role_verbs"]

_INHERIT = frozenset({"xcomp", "conj", "advcl"})
_GOVERNED = frozenset({"xcomp", "ccomp", "acl", "conj", "advcl", "acl:relcl"})
_QUALIFIERS = frozenset({"nmod:poss", "compound"})
_RAISED = ("in", "for")  # "a round in X", "a round for X": X raises it
_QUALIFYING_CASES = frozenset({"from", "of", "by"})
_EXAMPLE_CASES = frozenset({"such", "including", "like"})
_RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
_MISREAD_OBJECTS = frozenset({"conj", "appos", "nmod:unmarked", "nmod:desc", "compound"})
_OBLIQUE = ("obl", "nmod")  # a misread verb's obliques come out as noun modifiers
_VENDORS = frozenset({EntityType.CLOUD_PROVIDER, EntityType.CHIP_VENDOR})


@dataclass(frozen=True, slots=True, kw_only=True)
class VerbFrame:
    """A verb frame: `predicate` from the entity in role `subject` to one in `objects`."""

    predicate: Predicate
    subject: str
    objects: tuple[str, ...]
    subject_kind: str = "any"
    object_kind: str = "any"
    named_object: bool = False
    qualified_object: bool = False
    unowned_object: bool = False
    portion_object: bool = False
    no_money: bool = False
    no_trade: bool = False
    onto_list: bool = False
    no_earnings: bool = False
    earned: bool = False
    rule_subject: bool = False
    whole_object: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class NounFrame:
    """A relational noun: `predicate` between the entity it describes and one of `roles`."""

    predicate: Predicate
    roles: tuple[str, ...]
    holder_first: bool
    holder_kind: str = "any"
    other_kind: str = "any"
    holder_roles: tuple[str, ...] = ()
    order: str | None = None
    makers: bool = False
    no_trade: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CopulaFrame:
    """A copula with a case word: `predicate` from its subject to its predicate noun."""

    predicate: Predicate
    subject_kind: str = "any"
    object_kind: str = "any"


@dataclass(frozen=True, slots=True, kw_only=True)
class Frames:
    """The frames by lemma (copulas by case word), the modality cues, the words that refer back."""

    verbs: Mapping[str, tuple[VerbFrame, ...]]
    nouns: Mapping[str, tuple[NounFrame, ...]]
    adjectives: Mapping[str, tuple[VerbFrame, ...]]
    copulas: Mapping[str, tuple[CopulaFrame, ...]]
    modality: tuple[tuple[Modality, frozenset[str]], ...]
    pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    first_person: frozenset[str]
    company_nouns: frozenset[str]
    chip_nouns: frozenset[str] = frozenset()
    maker_nouns: frozenset[str] = frozenset()
    company_kinds: Mapping[str, EntityType] = field(default_factory=dict)
    inputs: frozenset[str] = frozenset()
    purchases: frozenset[str] = frozenset()
    sales: frozenset[str] = frozenset()
    blacklists: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    oblique_control: frozenset[str] = frozenset()
    clients: frozenset[str] = frozenset()
    portions: frozenset[str] = frozenset()
    fractions: frozenset[str] = frozenset()
    money: frozenset[str] = frozenset()
    earnings: frozenset[str] = frozenset()
    costs: frozenset[str] = frozenset()
    rounds: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()
    staff_nouns: frozenset[str] = frozenset()
    counterparts: frozenset[str] = frozenset()
    rates: frozenset[str] = frozenset()
    listing_verbs: frozenset[str] = frozenset()
    jointly: frozenset[str] = frozenset()
    reciprocal: frozenset[str] = frozenset()
    affiliations: frozenset[str] = frozenset()
    factual_marks: frozenset[str] = frozenset()
    takers: frozenset[str] = frozenset()
    past: frozenset[str] = frozenset()
    keys: frozenset[str] = frozenset()  # every lemma a verb, noun or adjective frame is keyed by

    def company_kind(self, words: Iterable[str]) -> EntityType | None:
        """Return the kind of company the first of `words` that names one names, or None.

        Examples
        --------
        >>> load_frames().company_kind(["the", "cloud", "provider"]).value
        'CloudProvider'
        """
        return next(
            (self.company_kinds[w] for w in map(str.lower, words) if w in self.company_kinds), None
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class FrameHit:
    """A claim a frame found: subject, predicate, object, the sentence and the trigger word.

    ``resolved`` is true when an end was reached through a pronoun or a role noun; ``clause``
    is the ``(start, end)`` of the trigger's clause in the document, where its amounts are.
    """

    subject: str
    predicate: Predicate
    object: str
    sentence: Sentence
    trigger: str
    modality: Modality
    resolved: bool = False
    clause: tuple[int, int] | None = None


@functools.cache
def load_frames() -> Frames:
    """Return the packaged frames (read once).

    Examples
    --------
    >>> [f.predicate.value for f in load_frames().verbs["acquire"]]  # chips, a company, a stake
    ['supplies', 'acquires', 'invests_in']
    """
    path = resources.files("vendorgraph.loaders") / "patterns" / "frames.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    verbs = _by_lemma(raw["verb"], _verb_frame)
    nouns = _by_lemma(raw["noun"], _noun_frame)
    adjectives = _by_lemma(raw["adjective"], _verb_frame)
    return Frames(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        keys=frozenset(verbs) | frozenset(nouns) | frozenset(adjectives),
        copulas=_by_lemma(raw["copula"], _copula_frame, key="cases"),
        modality=tuple(
            (Modality(name), frozenset(raw["modality"][name]))
            for name in ("denied", "hedged", "forecast", "planned")
        ),
        object_control=frozenset(raw["control"]["object_control"]),
        oblique_control=frozenset(raw["control"]["oblique_control"]),
        clients=frozenset(raw["control"]["clients"]),
        company_kinds={
            word: EntityType(kind) for kind, words in raw["company_kinds"].items() for word in words
        },
        **{name: frozenset(words) for name, words in raw["reference"].items()},
    )


@functools.cache
def role_nouns() -> frozenset[str]:
    """Return the frame nouns that say a person works at an organisation ("CEO", "analyst").

    Examples
    --------
    >>> {"ceo", "analyst", "engineer"} <= role_nouns()
    True
    """
    nouns = load_frames().nouns.items()
    return frozenset(n for n, fs in nouns if any(f.predicate is Predicate.EMPLOYS for f in fs))


@functools.cache
def role_verbs() -> frozenset[str]:
    """Return the verbs whose subject is a person working at the object ("X heads Y", "joined").

    Examples
    --------
    >>> {"head", "join"} <= role_verbs()
    True
    """
    return frozenset(
        lemma
        for lemma, fs in load_frames().verbs.items()
        if any(f.predicate is Predicate.EMPLOYS and f.objects == ("agent",) for f in fs)
    )


def _by_lemma(
    entries: list[dict[str, Any]], make: Any, *, key: str = "lemmas"
) -> dict[str, tuple[Any, ...]]:
    table: dict[str, list[Any]] = {}
    for entry in entries:
        frame = make(entry)
        for lemma in entry[key]:
            table.setdefault(lemma, []).append(frame)
    return {lemma: tuple(frames) for lemma, frames in table.items()}


def _verb_frame(entry: dict[str, Any]) -> VerbFrame:
    return VerbFrame(
        predicate=Predicate(entry["predicate"]),
        subject=entry["subject"],
        objects=tuple(entry["object"]),
        subject_kind=entry.get("subject_kind", "any"),
        object_kind=entry.get("object_kind", "any"),
        named_object=entry.get("named_object", False),
        qualified_object=entry.get("qualified_object", False),
        unowned_object=entry.get("unowned_object", False),
        portion_object=entry.get("portion_object", False),
        no_money=entry.get("no_money", False),
        no_trade=entry.get("no_trade", False),
        onto_list=entry.get("onto_list", False),
        no_earnings=entry.get("no_earnings", False),
        earned=entry.get("earned", False),
        rule_subject=entry.get("rule_subject", False),
        whole_object=entry.get("whole_object", False),
    )


def _copula_frame(entry: dict[str, Any]) -> CopulaFrame:
    return CopulaFrame(
        predicate=Predicate(entry["predicate"]),
        subject_kind=entry.get("subject_kind", "any"),
        object_kind=entry.get("object_kind", "any"),
    )


def _noun_frame(entry: dict[str, Any]) -> NounFrame:
    return NounFrame(
        predicate=Predicate(entry["predicate"]),
        roles=tuple(entry["roles"]),
        holder_first=entry["direction"] == "holder-first",
        holder_kind=entry.get("holder_kind", "any"),
        other_kind=entry.get("other_kind", "any"),
        holder_roles=tuple(entry.get("holder_roles", ())),
        order=entry.get("order"),
        makers=entry.get("makers", False),
        no_trade=entry.get("no_trade", False),
    )


# --- the walk over an article -------------------------------------------------------------


def find_frames(
    parsed: Sequence[ParsedSentence],
    kinds: Mapping[str, EntityType],
    *,
    frames: Frames | None = None,
    speakers: Mapping[int, str] | None = None,
    named_after: Mapping[str, str] | None = None,
    government: str | None = None,
    developers: Mapping[str, str] | None = None,
    employers: Mapping[str, str] | None = None,
) -> Iterator[FrameHit]:
    """Yield the claims the frames find in the parsed sentences of one article, in order.

    Parameters
    ----------
    parsed : sequence of ParsedSentence
        The article's parsed sentences, in text order (pronouns refer back across them).
    kinds : mapping of entity id to EntityType
        The type of every entity the sentences mark.
    frames : Frames, optional
        The frames; the packaged ones by default.
    speakers : mapping of sentence start to entity id, optional
        Who speaks in a sentence that is a quote: "we" and "our" there are that organisation.
    named_after : mapping of offering id to organisation id, optional
        Offerings whose name says whose they are ("Nvidia GPUs"): a possessive in front of them
        ("AWS's Nvidia GPUs") names an owner, not a developer.
    government : str, optional
        The government the article is about: who restricts when a rule is the subject.
    developers : mapping of offering id to organisation id, optional
        Who develops an offering, for "the ChatGPT maker".
    employers : mapping of person id to organisation id, optional
        Where a person works, for "his team buys from X".
    """
    ctx = _Context(frames or load_frames(), kinds)
    ctx.speakers = speakers or {}
    ctx.named_after = named_after or {}
    ctx.government = government
    ctx.developers = dict(developers or {})  # the walk adds what the text says
    ctx.employers = employers or {}
    for sentence in parsed:
        ctx.sentence = sentence
        for token in sentence.doc:
            for hit in ctx.hits(token):
                ctx.learn(hit)
                yield hit
        ctx.remember(sentence)


class _Context:
    """What the walk knows: the frames, entity kinds, the sentence, who was talked about."""

    def __init__(self, frames: Frames, kinds: Mapping[str, EntityType]) -> None:
        self.frames = frames
        self.kinds = kinds
        self.sentence: ParsedSentence | None = None
        self.topic: str | None = None  # the company the last sentences were about
        self.recent: list[str] = []  # the companies named, the last named last
        self.person: str | None = None  # the last person named
        self.chip: str | None = None  # the last chip the sentence before named
        self.speakers: Mapping[int, str] = {}
        self.named_after: Mapping[str, str] = {}
        self.government: str | None = None
        self.developers: dict[str, str] = {}
        self.employers: Mapping[str, str] = {}
        self.rules = frozenset(  # the nouns of a restriction: "the rule", "the curbs"
            n for n, fs in frames.nouns.items() if fs[0].predicate is Predicate.RESTRICTS
        )

    # -- frames

    def hits(self, token: Token) -> Iterator[FrameHit]:
        yield from self._affiliation_hits(token)
        if not self._may_trigger(token):
            return  # no frame is keyed by any reading of the word, and no copula or possessive
        if (
            token.pos_ in _NO_FRAME
            and not verb_by_arguments(token)
            and verb_read_into_name(token) is None
        ):
            return  # punctuation, determiners, case words: no frame reads on them
        lemma = token.lemma_.lower()
        for verb in self._verb_frames(token, lemma):
            yield from self._verb_hits(token, verb)
        if token.pos_ == "VERB" and any(c.lower_ in self.frames.jointly for c in token.children):
            together = self._kind(self._role(token, "agent"), "org")  # "X and Y are jointly
            yield from self._pairs(Predicate.PARTNERS_WITH, together, [], token)  # developing"
        nominal = token.pos_ in ("NOUN", "PROPN") or (  # "X's chief executive/ADJ"
            token.pos_ == "ADJ" and any(c.dep_ in ("nmod:poss", "det") for c in token.children)
        )
        if nominal and self._entity(token) is None:
            for noun in self.frames.nouns.get(lemma, ()):
                yield from self._noun_hits(token, noun)
        left = {c.dep_ for c in token.lefts}  # a copula and a possessive come before
        if "cop" in left:
            for copula in self.frames.copulas.get(case_word(token) or "", ()):
                yield from self._copula_hits(token, copula)
        if "nmod:poss" in left:
            yield from self._possessive_hits(token)

    def _affiliation_hits(self, token: Token) -> Iterator[FrameHit]:
        """Say a person is employed by the organisation the name is "of": "Bram Velde of X"."""
        person = self._entity(token)
        if person is None or not _is_kind(self.kinds.get(person), "person"):
            return
        orgs = [
            c
            for c in token.children
            if c.dep_ == "nmod" and case_word(c) in self.frames.affiliations
        ]
        employers = self._kind([r for c in orgs for r in self.refers(c)], "org")
        yield from self._pairs(Predicate.EMPLOYS, employers, [(person, False)], token)

    def _may_trigger(self, token: Token) -> bool:
        """Whether a frame can read on `token`: a key among its readings, a copula, a possessive.

        The readings are the ones :meth:`_verb_frames` and the noun frames look up: the lemma,
        the word, and the verb lemmas of a misread present or past form (:meth:`_verb_lemma`).
        """
        if any(c.dep_ in ("cop", "nmod:poss") for c in token.lefts):
            return True
        if any(c.lower_ in self.frames.jointly for c in token.children):
            return True
        word = token.lower_
        keys = self.frames.keys
        return (
            token.lemma_.lower() in keys
            or word in keys
            or word[:-3] + "y" in keys
            or word[:-2] in keys
            or word[:-1] in keys
            or word[:-3] in keys
        )

    def _verb_frames(self, token: Token, lemma: str) -> tuple[VerbFrame, ...]:
        """Return the frames of a verb, of a verb read as a noun, or of an adjective."""
        if token.pos_ == "ADJ" and lemma in self.frames.adjectives:  # "X is dependent on Y"
            return self.frames.adjectives[lemma]
        misread = (
            finite_verb_read_as_noun(token)
            or verb_by_arguments(token)
            or (token.pos_ == "ADJ" and verb_read_as_modifier(token))
            or verb_read_into_name(token) is not None
        )
        if token.pos_ not in ("VERB", "AUX") and not misread:
            return ()
        verb_lemma = self._verb_lemma(token) if misread else lemma
        if verb_lemma not in self.frames.verbs:  # the lookup table's other reading:
            verb_lemma = token.lower_  # "rent" is not only the past of "rend"
        return self.frames.verbs.get(verb_lemma, ())

    def _copula_hits(self, token: Token, frame: CopulaFrame) -> Iterator[FrameHit]:
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        subject = [r for c in subjects for r in self.refers(c)]
        yield from self._pairs(
            frame.predicate,
            self._kind(subject, frame.subject_kind),
            self._kind(self.refers(token), frame.object_kind),
            token,
        )

    def _possessive_hits(self, token: Token) -> Iterator[FrameHit]:
        """Say the possessor develops the offering: "Google's TPUs", "Anthropic's model Claude"."""
        named = [token, *(c for c in token.children if c.dep_ in ("appos", "flat", "compound"))]
        if token.dep_ == "appos":  # "Keystone, Halvard's open-source compiler"
            named.append(token.head)
        if token.dep_ in SUBJECT_DEPS and has_copula(token.head):  # "X's main product is the
            predicate = token.head  # VX-9 switch chip": the offering said of it is X's
            named += [
                predicate,
                *(t for t in predicate.subtree if t.i < predicate.i and t.dep_ in _NAME_WORDS),
            ]
        named += _set_off_after(token)  # "Its first product, the HV-1, shipped": misread
        offerings = [
            e for t in named if (e := self._entity(t)) and _is_kind(self.kinds.get(e), "offering")
        ]
        owners = [c for c in token.children if c.dep_ == "nmod:poss"]
        makers = self._kind([r for c in owners for r in self.refers(c)], "org")
        pairs = [
            (m, (o, False))
            for m in makers
            for o in offerings
            if self.named_after.get(o, m[0]) == m[0]
        ]
        for maker, offering in pairs:
            yield from self._pairs(Predicate.DEVELOPS, [maker], [offering], token)
        owned = [self._entity(token)]
        if token.lemma_.lower() not in self.frames.keys | self.frames.events:
            owned += [  # "Microsoft's Azure regions"; not "Nvidia's AWS deal"
                self._entity(c) for c in token.children if c.dep_ == "compound" and c.i < token.i
            ]
        for org in dict.fromkeys(owned):
            if org is not None and _is_kind(self.kinds.get(org), "org"):  # "Alphabet's Google"
                yield from self._pairs(Predicate.OWNS, makers, [(org, False)], token)

    def _names_it(self, verb: Token, entity: str) -> bool:
        """Whether an argument of `verb` is itself a mention of `entity`, not a qualifier."""
        arguments = [*self._patients(verb), *(c for c in verb.children if c.dep_ == "iobj")]
        if verb.dep_ == "acl:relcl":  # "X, which was acquired": the noun the clause is about
            arguments = [verb.head if a.lower_ in _RELATIVE else a for a in arguments]
        return any(
            entity in (self._entity(t), self._entity(t.head) if t.dep_ == "appos" else None)
            or self._reference(t) == (entity, True)  # "it", "the company"
            for a in arguments
            for t in (a, *a.conjuncts)
        )  # "X, a startup backed by Y": the apposition names X

    def _verb_lemma(self, token: Token) -> str:
        """Return the verb lemma of a present or past form: "relies" rely, "barred" bar."""
        word = token.lower_
        for lemma in (word[:-3] + "y", word[:-2], word[:-1], word[:-3]):
            if lemma in self.frames.verbs:
                return lemma
        return token.lemma_.lower()

    def _money_fits(self, verb: Token, frame: VerbFrame) -> bool:
        """Whether what `verb` gives or earns is money of the kind `frame` reads."""
        if frame.no_money and any(
            t.lemma_.lower() in self.frames.money for p in self._patients(verb) for t in p.subtree
        ):
            return False  # "awarded X $6 billion in grants": no sale
        if frame.no_trade and any(self._trade_terms(p) for p in self._patients(verb)):
            return False  # "signed a power purchase agreement with X": a sale, no partnership
        # "gets its revenue from X": X buys, not sells; "gets chips from X": X sells
        return not (frame.no_earnings or frame.earned) or self._earns(verb) == frame.earned

    def _verb_hits(self, verb: Token, frame: VerbFrame) -> Iterator[FrameHit]:
        if not self._money_fits(verb, frame):
            return
        subjects = self._kind(self._role(verb, frame.subject), frame.subject_kind)
        if not subjects and frame.subject_kind == "offering" and frame.subject == "patient":
            subjects = self._chip_pronouns(verb)  # "It is built on TSMC's N4 process"
        if not subjects and frame.predicate in _USES and frame.subject == "agent":
            subjects = self._passive_users(verb, frame)
        elif not subjects and frame.predicate is Predicate.SUPPLIES and frame.subject == "agent":
            subjects = self._passive_sellers(verb, frame)
        if frame.rule_subject and not subjects:
            subjects = self._rule_makers(verb)
        elif not subjects and frame.predicate is Predicate.RESTRICTS and self.government:
            subjects = [(self.government, True)]  # "the rules restrict ...": the government's
        objects = [
            ref
            for role in frame.objects
            for ref in self._kind(self._role(verb, role), frame.object_kind)
        ]
        if not objects and frame.predicate is Predicate.SUPPLIES and frame.subject == "agent":
            objects = self._kind(self._client(verb), frame.object_kind)  # "hired X to build"
        if not objects and frame.predicate is Predicate.SUPPLIES and "obl:for" in frame.objects:
            objects = self._kind(self._for_offerings(verb), frame.object_kind)
        objects = self._fitting(verb, frame, subjects, objects)
        if not objects and verb.lemma_.lower() not in self.frames.reciprocal:
            return  # "with A and B taking the larger share": no rivalry between them
        yield from self._pairs(frame.predicate, subjects, objects, verb)

    def _fitting(
        self,
        verb: Token,
        frame: VerbFrame,
        subjects: list[tuple[str, bool]],
        objects: list[tuple[str, bool]],
    ) -> list[tuple[str, bool]]:
        """Return the `objects` of `verb` that the frame's conditions on its object allow."""
        if frame.portion_object or frame.whole_object:  # "holds 30% of X" is no "owns X"
            portion = any(self._is_portion(p) for p in self._patients(verb))
            objects = objects if portion == frame.portion_object else []
        if frame.onto_list and not any(  # "added X to the Entity List"
            t.text == "List" or t.lemma_.lower() in self.frames.blacklists
            for o in self._obliques(verb, "to")
            for t in o.subtree
        ):
            return []
        if frame.named_object:  # "bought chips from X" does not acquire X, nor "part of it" it
            objects = [o for o in objects if self._names_it(verb, o[0])]
        if frame.qualified_object:  # "bought Pellham" acquires it: no use of it
            objects = [
                o
                for o in objects
                if not (_is_kind(self.kinds.get(o[0]), "org") and self._names_it(verb, o[0]))
            ]
        if frame.unowned_object:  # "X's chip is made by Y": Y does not develop it
            makers = {e for e, _ in subjects}
            if {e for e, _ in self._owners(verb)} - makers or self._named_owner(verb, makers):
                return []
            maker = next(iter(makers), "")
            objects = [  # "the chip is made by Y": a chip named before is not Y's unless said
                o for o in objects if self.developers.get(o[0], None if o[1] else maker) in makers
            ]
        return objects

    def _earnings(self, verb: Token) -> list[Token]:
        """Return the words for money earned in the subject or object of `verb` ("revenue")."""
        shares = [c for c in verb.children if c.dep_ == "obl" and case_word(c) == "for"]
        arguments = [*self._patients(verb), *self._agents(verb), *shares]  # "accounted for 9% of"
        return [  # "71% of our cost of revenue" is money spent, not earned
            t
            for a in arguments
            for t in a.subtree
            if t.lemma_.lower() in self.frames.earnings
            and t.head.lemma_.lower() not in self.frames.costs
        ]

    def _earns(self, verb: Token) -> bool:
        """Whether `verb` says money was earned."""
        return bool(self._earnings(verb))

    def _earners(self, verb: Token) -> list[tuple[str, bool]]:
        """Return whose money `verb` says was earned: "its revenue", "X's sales", else its agent."""
        owners = [c for t in self._earnings(verb) for c in t.children if c.dep_ == "nmod:poss"]
        agents = [r for a in self._agents(verb) for r in self.refers(a)]
        found = [r for c in owners for r in self._earner(c, frozenset(e for e, _ in agents))]
        return found or agents

    def _earner(self, owner: Token, agents: frozenset[str]) -> list[tuple[str, bool]]:
        """Return whose money a possessive names ("its" in "X made up half its sales" is not X)."""
        found = self.refers(owner)
        if self._entity(owner) is None and {e for e, _ in found} <= agents:
            back = self._back(owner, person=False, others=agents)
            found = [back] if back is not None else []
        return found

    def _is_portion(self, token: Token) -> bool:
        """Whether `token` is a part of a company's equity: "a stake", "30% of X's shares"."""
        lemma = token.lemma_.lower()
        if lemma in self.frames.portions:
            return True
        wholes = [c for c in token.children if c.dep_.startswith("nmod") and case_word(c) == "of"]
        return lemma in self.frames.fractions and any(
            self._entity(w) or w.lemma_.lower() in self.frames.portions for w in wholes
        )

    def _rule_makers(self, verb: Token) -> list[tuple[str, bool]]:
        """Return the government whose rule is the subject of `verb` ("the rule catches X")."""
        agents = self._agents(verb)
        if self.government is None or not any(a.lemma_.lower() in self.rules for a in agents):
            return []
        return [(self.government, True)]

    def _passive_users(self, verb: Token, frame: VerbFrame) -> list[tuple[str, bool]]:
        """Return who uses what a passive says was done to their things.

        "Its models were trained on X": whoever owns the models uses X. A named offering as
        the subject ("the Maia 200 is built on ...") is left to the offering's own frames.
        """
        if not is_passive(verb):
            return []
        named = [r for p in self._patients(verb) for r in self.refers(p)]
        if any(_is_kind(self.kinds.get(e), "offering") for e, _ in named):
            return []
        return self._kind(self._owners(verb), frame.subject_kind)

    def _developer(self, offering: str) -> str | None:
        """Return who develops `offering`: as the text or the lexicon says, or its name."""
        return self.developers.get(offering) or self.named_after.get(offering)

    def _passive_sellers(self, verb: Token, frame: VerbFrame) -> list[tuple[str, bool]]:
        """Return who sells what a passive with no agent says was sold or supplied to someone.

        "Its accelerators are supplied to X", "the chips were sold to X": whoever owns or
        develops them. A frame whose object is the passive's subject ("X is supplied by Y",
        "X was supplied") has no seller here.
        """
        if not is_passive(verb) or "patient" in frame.objects or self._agents(verb):
            return []
        found = self._owners(verb)
        if not found:
            named = [r for p in self._patients(verb) for r in self.refers(p)]
            found = [
                (d, r)
                for e, r in named
                if _is_kind(self.kinds.get(e), "offering") and (d := self._developer(e)) is not None
            ]
        return self._kind(found, frame.subject_kind)

    def _buyers(self, verb: Token) -> list[tuple[str, bool]]:
        """Return who buys: the agent, or for a passive without one whoever owns the things.

        "Its modules are sourced from X": the company "its" stands for.
        """
        agents = [r for a in self._agents(verb) for r in self.refers(a)]
        if agents or not is_passive(verb) or verb.dep_ in ("acl", "acl:relcl"):
            return agents
        return self._owners(verb)

    def _for_offerings(self, verb: Token) -> list[tuple[str, bool]]:
        """Return who develops the offering a for-phrase names: "dies for X's HBM4": X."""
        found = []
        for token in self._obliques(verb, "for"):
            owners = [c for c in token.children if c.dep_ == "nmod:poss"]
            for entity, resolved in self.refers(token):
                if _is_kind(self.kinds.get(entity), "offering"):
                    maker = self._developer(entity)
                    if maker is not None:
                        found.append((maker, resolved))
                    else:  # "X's HBM4", the text's first word of who develops it
                        found += [r for c in owners for r in self.refers(c)]
        return found

    def _receivers(self, verb: Token) -> list[tuple[str, bool]]:
        """Return who takes what participle `verb` describes: "X uses HBM supplied by Y": X.

        The participle hangs on the object (or an oblique) of a verb of taking, using or
        buying (list `takers`), whose subject is the one supplied.
        """
        noun = verb.head
        if verb.dep_ != "acl" or not is_passive(verb) or noun.dep_ not in ("obj", "obl"):
            return []
        taker = noun.head
        if self._verb_lemma(taker) not in self.frames.takers:
            return []
        return [r for a in self._agents(taker) for r in self.refers(a)]

    def _named_owner(self, verb: Token, makers: set[str]) -> bool:
        """Whether a name other than the makers' owns a patient ("Caldera's chip", any kind)."""
        return any(
            c.pos_ == "PROPN" and self._entity(c) not in makers for c in self._possessives(verb)
        )

    def _owners(self, verb: Token) -> list[tuple[str, bool]]:
        """Return the organisations a possessive names as owners of the verb's patients."""
        owners = self._possessives(verb)
        return self._kind([r for c in owners for r in self.refers(c)], "org")

    def _possessives(self, verb: Token) -> list[Token]:
        """Return the possessives on the patients of `verb` ("its", "Caldera's")."""
        return [c for p in self._patients(verb) for c in p.children if c.dep_ == "nmod:poss"]

    def _noun_hits(self, noun: Token, frame: NounFrame) -> Iterator[FrameHit]:
        if self._not_now(noun, frame):
            return
        if noun.dep_ == "compound" and noun.head.lemma_.lower() in self.frames.company_nouns:
            noun = noun.head  # "Y's parent company": the frame reads on "company"
        found = self._holders(noun)
        found += [r for role in frame.holder_roles for r in self._noun_role(noun, role)]
        holders = self._kind(found, frame.holder_kind)
        others = [
            ref
            for role in frame.roles
            for ref in self._kind(self._noun_role(noun, role), frame.other_kind)
        ]
        if frame.makers:  # "Oracle's order for AMD MI450 chips": the chips' maker, unless
            makers = [(self._developer(o) or "", r) for o, r in others]
            others = [(d, r) for d, r in makers if d in self.kinds]
            if self._noun_role(noun, "nmod:with") or self._noun_role(noun, "nmod:from"):
                others = []  # the deal names its seller ("a contract with Lambda for B200s")
        if not holders and frame.predicate is Predicate.RESTRICTS and self.government:
            holders = [(self.government, True)]  # "export restrictions on ...": the government's
        phrase = noun.head if noun.dep_ == "conj" else noun  # "as a supplier and an investor"
        as_phrase = phrase.dep_ in ("obl", "xcomp", "advcl", "nmod") and case_word(phrase) in _AS
        verb = phrase.head
        if as_phrase and (verb.pos_ == "VERB" or verb_by_arguments(verb)):  # "qualified X as
            # a second source", "counts X among its customers", "picked X as its supplier":
            # X, else "X serves as a supplier"
            chosen = [c for c in verb.children if c.dep_ in ("obj", "xcomp") and c.i < noun.i]
            holders = (
                self._kind([r for c in chosen for r in self.refers(c)], frame.holder_kind)
                or holders
            )
            others = others or self._kind(self._role(verb, "agent"), frame.other_kind)
        if (  # "The chief operating officer, Jane Roe,": a role at the company in focus
            not others
            and frame.predicate is Predicate.EMPLOYS
            and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
            and self.topic is not None
        ):
            others = [(self.topic, True)]
        if not frame.holder_first:
            holders, others = others, holders
        if frame.order is not None:
            holders, others = self._deal_sides(noun, frame.order, holders, others)
        yield from self._pairs(frame.predicate, holders, others, noun)

    def _not_now(self, noun: Token, frame: NounFrame) -> bool:
        """Whether noun `noun` states no relation of `frame` that holds now.

        "a power purchase agreement with X" is a sale, no partnership; "a former Meta
        engineer", "formerly Meta's head of X" is no longer there.
        """
        if frame.no_trade and self._trade_terms(noun):
            return True
        past = any(c.lower_ in self.frames.past for c in noun.children)
        return frame.predicate is Predicate.EMPLOYS and past

    def _trade_terms(self, noun: Token) -> bool:
        """Whether a deal's terms say something is bought or sold.

        "a supply contract", "a power purchase agreement", "a contract with X for 400 MW" or
        "for 8,000 B300 GPUs".
        """
        named = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
        if named & (self.frames.purchases | self.frames.sales | self.frames.inputs):
            return True
        bought = [t for t in self._terms(noun) if _in_for_phrase(t, noun)]
        return any(  # "for 400 megawatts", "for 8,000 B300 GPUs"
            t.lemma_.lower() in self.frames.inputs
            or _is_kind(self.kinds.get(self._entity(t) or ""), "offering")
            for t in bought
        )

    def _terms(self, noun: Token) -> list[Token]:
        """Return the words of a deal's terms: its phrases that name no party."""
        around = [*noun.children]
        if noun.dep_ == "obj":  # "signed a deal with X for 400 MW", "for" on the verb
            around += [c for c in noun.head.children if c.dep_.startswith("obl")]
        return [t for c in around if case_word(c) not in _PARTY_CASES for t in c.subtree]

    def _deal_sides(
        self, noun: Token, order: str, one: list[tuple[str, bool]], other: list[tuple[str, bool]]
    ) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
        """Return a deal's two sides in `order`: "vendor" first, or "customer" first.

        The deal's terms can say who buys: power or land bought from others ("a power purchase
        deal", "a deal with X for 400 MW") makes the cloud the customer; "a purchase commitment
        with Y" makes its holder (`one`) the buyer. Otherwise the vendor is the cloud provider
        or chip vendor (:meth:`_ordered`).
        """
        if any(t.lemma_.lower() in self.frames.inputs for t in self._terms(noun)):
            return self._ordered(one, other, "customer" if order == "vendor" else "vendor")
        terms_before = {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"}
        if one and other and terms_before & self.frames.purchases:
            return (other, one) if order == "vendor" else (one, other)
        if one and other and terms_before & self.frames.sales:  # "signed a supply contract
            return (one, other) if order == "vendor" else (other, one)  # with Y": X sells
        return self._ordered(one, other, order)

    def _ordered(
        self, one: list[tuple[str, bool]], other: list[tuple[str, bool]], order: str
    ) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
        """Put the vendor (a cloud provider or chip vendor) first, or last, of a two-party deal.

        With both or neither party a vendor, there is no direction to read: no claim.
        """
        sides = [side for side in (one, other) if side]
        if len(sides) == 1 and len(sides[0]) == 2:  # "a deal between A and B"
            sides = [sides[0][:1], sides[0][1:]]
        if len(sides) != 2:
            return [], []
        vendor = [all(self.kinds.get(p[0]) in _VENDORS for p in side) for side in sides]
        buyer = [not any(self.kinds.get(p[0]) in _VENDORS for p in side) for side in sides]
        if vendor[0] and buyer[1]:
            vendors, customers = sides
        elif vendor[1] and buyer[0]:
            customers, vendors = sides
        else:
            return [], []
        return (vendors, customers) if order == "vendor" else (customers, vendors)

    def _pairs(
        self,
        predicate: Predicate,
        subjects: list[tuple[str, bool]],
        objects: list[tuple[str, bool]],
        trigger: Token,
    ) -> Iterator[FrameHit]:
        if predicate.symmetric and not objects and len(subjects) > 1:
            subjects, objects = subjects[:1], subjects[1:]  # "A and B partnered"
        elif predicate.symmetric and not subjects and len(objects) > 1:
            subjects, objects = objects[:1], objects[1:]  # "a deal between A and B"
        modality = self._modality(trigger)
        for subject, s_resolved in subjects:
            for obj, o_resolved in objects:
                if subject != obj:
                    yield FrameHit(
                        subject=subject,
                        predicate=predicate,
                        object=obj,
                        sentence=self._sentence().sentence,
                        trigger=trigger.text,
                        modality=modality,
                        resolved=s_resolved or o_resolved,
                        clause=self._clause(trigger),
                    )

    def _clause(self, trigger: Token) -> tuple[int, int]:
        """Return the document offsets of the trigger's clause (its subtree)."""
        tokens = list(trigger.subtree)
        base = self._sentence().sentence.start
        return base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1])

    # -- roles of a verb

    def _role(self, verb: Token, role: str) -> list[tuple[str, bool]]:
        walks = {
            "maker": self._makers,
            "raiser": self._raisers,
            "receiver": self._receivers,
            "earner": self._earners,
            "buyer": self._buyers,
        }
        if role in walks:
            return walks[role](verb)
        if role == "agent":
            tokens = self._agents(verb)
        elif role == "patient":
            tokens = self._patients(verb)
        elif role == "iobj":
            tokens = [c for c in verb.children if c.dep_ == "iobj"]
            objects = [c for c in verb.children if c.dep_ == "obj"]
            if not tokens and len(objects) == 2:  # "sell X 40,000 chips" read as two objects
                tokens = objects[:1]
        elif role == "developer":  # "the X1 carries HBM from Y": Y supplies the X1's developer
            offerings = self._kind(self._role(verb, "agent"), "offering")
            found = [self._developer(e) for e, _ in offerings]
            return [(d, True) for d in dict.fromkeys(found) if d is not None and d in self.kinds]
        elif role == "payee":  # "X accounted for 21% of revenue": the company the text is about
            agents = {e for e, _ in self._role(verb, "agent")}
            owned = [r for r in self._earners(verb) if r[0] not in agents]
            topic = [(self.topic, True)] if self.topic and self.topic not in agents else []
            return owned or topic
        else:
            tokens = self._obliques(verb, role.removeprefix("obl:"))
        return [ref for token in tokens for ref in self.refers(token)]

    def _raisers(self, verb: Token) -> list[tuple[str, bool]]:
        """Return who raises the funding round `verb` acts on ("led a round in X").

        The round names its raiser with "in"/"for" or a possessive, or hangs on the raising
        verb: "X raised $210 million in a round led by Y", "X closed a round that Y joined",
        "X raised a seed round in 2019 that was led by Y". A round nobody is named as raising
        ("The Series B was led by Y") is the company the text is about.
        """
        arguments = [
            self._round_of(t) for t in (*self._patients(verb), *self._obliques(verb, "in"))
        ]
        rounds = [  # "a round", "our seed round", "our $95 million Series B"
            t for t in arguments if any(w.lemma_.lower() in self.frames.rounds for w in t.subtree)
        ]
        if not rounds:
            if verb.dep_ != "advcl" or verb.head.i == verb.i:
                return []
            if verb.head.lemma_.lower() in self.frames.raising:  # "X raised $40 million ...,
                return [r for a in self._agents(verb.head) for r in self.refers(a)]  # with Y
            return self._raisers(verb.head)  # "led by X, with Y participating": Y's round too
        found = (
            self._named_raisers(rounds)
            # "led a round in X" with "in X" hung on the verb
            or [r for c in self._obliques(verb, "in") if c not in rounds for r in self.refers(c)]
            or self._raising_agents(verb)
        )
        if found:
            return found
        # "into our Series C alongside X, which led the round": the round named before
        earlier = [
            w
            for t in verb.doc[: rounds[0].i]
            if t.lemma_.lower() in self.frames.rounds
            for w in _possessives_before(t)
        ]
        if earlier:
            return [ref for w in earlier for ref in self.refers(w)]
        return [(self.topic, True)] if self.topic is not None else []

    def _named_raisers(self, rounds: list[Token]) -> list[tuple[str, bool]]:
        """Return who `rounds` name as raising them: "our round", "a round in X", "X's"."""
        return [
            ref
            for r in rounds
            for w in r.subtree
            if _within_phrase(w, r)
            if _possessive(w) or (w.dep_.startswith("nmod") and case_word(w) in _RAISED)
            for ref in self.refers(w)
        ]

    def _raising_agents(self, verb: Token) -> list[tuple[str, bool]]:
        """Return who raises a round with a verb above `verb` ("X raised ... led by Y": X)."""
        above = verb_above(verb)
        while above.lemma_.lower() not in self.frames.raising and above.head.i != above.i:
            above = verb_above(above)
        if above.lemma_.lower() not in self.frames.raising:
            return []
        return [ref for a in self._agents(above) for ref in self.refers(a)]

    def _round_of(self, token: Token) -> Token:
        """Return the round a relative pronoun stands for, else `token` itself.

        "a round in 2019 that was led by": the nearest word for a round before the pronoun,
        with no verb between.
        """
        if token.lower_ not in _RELATIVE:
            return token
        for before in reversed(token.doc[: token.i]):
            if before.pos_ in ("VERB", "AUX"):
                break
            if before.lemma_.lower() in self.frames.rounds:
                return before
        return token

    def _makers(self, verb: Token) -> list[tuple[str, bool]]:
        """Return who makes what `verb` acts on: "buys Nvidia GPUs", "ordered AMD's MI355X".

        A company named as the object itself ("buys Nvidia") makes nothing here, and a seller
        in a from-phrase is the one who sells.
        """
        if self._role(verb, "obl:from"):
            return []  # "bought Nvidia GPUs from Lambda": the seller is named
        found: list[tuple[str, bool]] = []
        for patient in self._patients(verb):
            qualifiers = {self._entity(c) for c in patient.children if c.dep_ in _QUALIFIERS}
            for entity, resolved in self.refers(patient):
                if _is_kind(self.kinds.get(entity), "org"):  # "Nvidia's chips", not "chips
                    named = entity not in qualifiers or self._names_it(verb, entity)
                    maker = None if named else entity  # from X" (X sells them), nor "buys X"
                else:
                    maker = self._developer(entity)
                if maker is not None and (maker, resolved) not in found:
                    found.append((maker, resolved))
        return found

    def _agents(self, verb: Token) -> list[Token]:
        if is_passive(verb):  # "rented by the hour": a rate, not who rents
            return [
                c
                for c in verb.children
                if case_word(c) == "by"
                and c.dep_.startswith("obl")
                and c.lemma_.lower() not in self.frames.rates
            ]
        found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT]
        found = [c for c in found if self._apposed_subject(c) is None]
        found = [s for c in found for s in _marked_subject(c)]
        if found:  # a passive subject of an active verb is the parser's slip: the subject
            return found
        found = misread_subjects(verb) or self._controller(verb)
        if found:  # "tapped X to supply its chips": X supplies them
            return found
        if verb.dep_ == "acl:relcl":
            return [verb.head]
        if verb.dep_ == "acl" and finite_verb_read_as_noun(verb.head):
            return misread_subjects(verb.head)  # "X plans/NOUN to buy": X buys
        if verb.dep_ == "acl":  # "X is in talks to buy": the subject of the copular noun
            subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
            governor = verb.head.head  # "X committed $10 billion to buy": the verb's subject
            if not subjects and verb.head.dep_ in ("obj", "obl") and governor.pos_ == "VERB":
                subjects = self._agents(governor)
            return subjects
        if verb.dep_ == "xcomp":  # "see Nvidia investing", "allow AWS to deploy": the object
            controller = [c for c in verb.head.children if c.dep_ == "obj" and c.i < verb.i]
            if controller:
                return controller
        return self._inherited_agents(verb)

    def _inherited_agents(self, verb: Token) -> list[Token]:
        """Return the subject `verb` shares with the verb it is conjoined to or governed by."""
        head = verb.head
        if verb.dep_ == "conj" and head.pos_ not in ("VERB", "AUX"):
            head = verb_above(verb)  # a verb the parser conjoined to the noun before it
        if verb.dep_ == "conj" and is_passive(head):  # "will be built on X and feature Y"
            return [c for c in head.children if c.dep_ in PASSIVE_SUBJECT]
        if verb.dep_ in _INHERIT and head.i != verb.i:
            return self._agents(head)
        return []

    def _controller(self, verb: Token) -> list[Token]:
        """Return the object of a control verb that is the subject of infinitive `verb`."""
        governor, objects = _control(verb)
        if governor is not None and governor.lemma_.lower() in self.frames.object_control:
            return objects
        governor = self._relied_on(verb)  # "X relies on TSMC to make its chips": TSMC does
        if governor is None:
            return []
        return [
            c
            for c in governor.children
            if c.dep_.startswith(_OBLIQUE) and case_word(c) in ("on", "upon") and c.i < verb.i
        ]

    def _relied_on(self, verb: Token) -> Token | None:
        """Return the verb of relying that governs infinitive `verb` ("relies on X to make")."""
        governor = verb.head
        if case_word(verb) != "to" or verb.dep_ not in ("acl", "advcl", "xcomp"):
            return None
        return governor if self._verb_lemma(governor) in self.frames.oblique_control else None

    def _client(self, verb: Token) -> list[tuple[str, bool]]:
        """Return who chose the subject of infinitive `verb`: "X picked Y to supply chips": X.

        So does who relies on it: "X depends on Y to supply most of its GPUs": X.
        """
        governor, objects = _control(verb)
        if governor is not None and objects and governor.lemma_.lower() in self.frames.clients:
            return [r for a in self._agents(governor) for r in self.refers(a)]
        relying = self._relied_on(verb)
        if relying is not None:
            return [r for a in self._agents(relying) for r in self.refers(a)]
        return []

    def _passive_patients(self, verb: Token) -> list[Token]:
        """Return the subject of passive `verb`, or the noun a reduced relative is on."""
        found = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT]
        if not found and verb.dep_ in ("acl", "acl:relcl", "amod"):
            found = [verb.head]  # "chips supplied by TSMC", "a start-up backed/ADJ by X"
        if not found and verb.dep_ == "conj" and verb.head.i != verb.i:
            found = self._patients(verb.head)  # "are fabricated by A and packaged by B"
        return found

    def _patients(self, verb: Token) -> list[Token]:
        if is_passive(verb):
            return self._passive_patients(verb)
        if verb_read_as_modifier(verb):  # "restricted shipments" read as an adjective
            return [verb.head]
        swallowed = verb_read_into_name(verb)
        if swallowed is not None:  # "Orrin Silicon buys/PROPN memory": the noun on the right
            return [swallowed]
        found = [c for c in verb.children if c.dep_ == "obj"]
        if len(found) == 2 and not any(t.text == "," for t in verb.doc[found[0].i : found[1].i]):
            found = found[1:]  # "rent X 20,000 GPUs": the first receives, the second is what;
        # with a comma between, the second is an apposition ("makes the X1, a chip")
        if not found:  # "named X its chief executive" with the name read as a complement
            found = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "PROPN"]
        if not found:  # "derived 62% of its revenue": an amount read as an unmarked oblique
            found = [c for c in verb.rights if c.dep_ == "obl:unmarked" and _is_amount(c)]
        if not found and verb.dep_ == "acl:relcl" and has_subject(verb) and not _stranded(verb):
            found = [verb.head]  # "X, which Y bought in 2024": the noun the clause is about
        if not found and finite_verb_read_as_noun(verb):  # "X supplies/NOUN both A and B"
            found = [c for c in verb.rights if c.dep_ in _MISREAD_OBJECTS and case_word(c) is None]
        return found

    def _obliques(self, verb: Token, case: str) -> list[Token]:
        found = [c for c in verb.children if c.dep_.startswith(_OBLIQUE) and case_word(c) == case]
        # "sell chips to X", "buy capacity as instances from X": the parser hangs the phrase on
        # the object or on another oblique, a noun the verb governs directly
        # and one noun further down ("runs 30% of its inference on X": "on X" on "inference")
        patients = [p for t in self._patients(verb) for p in (t, *t.conjuncts)]
        nominals = [  # "made by TSMC on its N3P process": on the agent too, and on an
            *patients,  # adjective ("competes hard with X")
            *(c for c in verb.children if c.dep_ in ("obl", "obl:agent") or _gerund(c)),
            *(c for c in verb.children if c.dep_ in ("advmod", "xcomp") and c.pos_ == "ADJ"),
        ]
        for _ in range(2):
            found += [
                c for n in nominals for c in n.children
                if c.dep_.startswith(_OBLIQUE) and case_word(c) == case
            ]  # fmt: skip
            if found:
                break
            nominals = [c for n in nominals for c in n.children if c.dep_.startswith("nmod")]
        return found

    # -- roles of a noun

    def _holders(self, noun: Token) -> list[tuple[str, bool]]:
        head = noun.head
        tokens: list[Token] = [c for c in noun.children if c.dep_ in ("appos", "nsubj")]
        # "Y's parent company, X, said": an apposition the parser hung as a parataxis
        tokens += [c for c in noun.children if c.dep_ == "parataxis" and self._entity(c)]
        # "Its rivals, AMD and Intel,": an apposition the parser read as a conjunct
        named = [c for c in noun.children if c.dep_ == "appos" and self._entity(c)]
        tokens += [
            c
            for c in noun.children
            if c.dep_ == "conj" and self._entity(c) and (
                (c.left_edge.i in (noun.i + 1, noun.i + 2) and noun.nbor(1).text == ",")
                or any(a.i < c.i for a in named)  # "Our largest customers, X and Y,"
            )
        ]  # fmt: skip
        tokens += [  # "said Jane Roe, Acme's product manager": the name read as a compound
            c
            for c in noun.lefts
            if c.dep_ == "compound"
            and self._entity(c)
            and "," in noun.doc[c.right_edge.i + 1 : noun.i].text
        ]
        if noun.dep_ == "conj" and not self._entity(head) and has_copula(head):
            return self._holders(head)  # "X is a chipmaker and the main supplier of Y"
        tokens += self._apposed_sibling(noun)
        if (named_subject := self._apposed_subject(noun)) is not None:
            tokens.append(named_subject)  # "X, the memory chip unit of Y, has started ..."
        tokens += self._predicated(noun, named=bool(named))
        if noun.dep_ == "obl" and case_word(noun) in ("in", "into") and head.pos_ == "VERB":
            tokens += [c for c in head.children if c.dep_ == "obj"]  # "puts X in competition"
        if noun.dep_ == "nsubj" and head.lemma_.lower() in self.frames.listing_verbs:
            tokens += [c for c in head.children if c.dep_ == "obj"]  # "X's customers include A"
        elif noun.dep_ == "nmod" and case_word(noun) == "of" and head.lower_ in _PARTITIVES:
            tokens += [c for c in head.children if c.dep_ == "nsubj"]  # "X is one of Y's ..."
            if head.dep_ == "appos":
                tokens.append(head.head)  # "X, one of Y's partners,"
        return [ref for token in tokens for ref in self.refers(token)]

    def _predicated(self, noun: Token, *, named: bool) -> list[Token]:
        """Return who a noun is said of through its head ("X is Y's supplier").

        "Y's largest customer remains X": the linking verb's complement; none when an
        apposition already names the holder (`named`).
        """
        head = noun.head
        if self._said_of_head(noun):
            return [head]
        if self._said_of_subject(noun) and not named:
            return self._agents(head)  # "X remains Y's supplier", "sells through a deal with"
        if noun.dep_ == "ROOT" and noun.i > 0:  # "X remains | Y's largest customer"
            return _split_copula_subjects(noun)
        if noun.dep_ != "nsubj":
            return []
        if head.pos_ == "NOUN" or has_copula(head):
            return [head]  # "Nvidia's rival is AMD", "X's main competitors are A and B"
        if head.lemma_.lower() in LINKING_VERBS:
            return [c for c in head.children if c.dep_ in ("xcomp", "obj")]  # "... remains Y"
        return []

    def _apposed_subject(self, noun: Token) -> Token | None:
        """Return the named subject a second subject is set off after, as its apposition.

        "X, the memory chip unit of Y, has started ...": the parser may hang the apposition on
        the verb as a second subject; it describes X and does not act.
        """
        if noun.dep_ not in SUBJECT_DEPS or self._entity(noun) is not None:
            return None
        comma = noun.left_edge.i  # the comma may hang on the apposition or on the name
        if noun.doc[comma].text != ",":
            comma -= 1
        if comma < 1 or noun.doc[comma].text != ",":
            return None
        return next(
            (
                s
                for s in noun.head.children
                if s.dep_ in SUBJECT_DEPS
                and s.i < comma <= s.right_edge.i + 1  # the comma ends it or follows it
                and self._entity(s) is not None
            ),
            None,
        )

    def _said_of_subject(self, noun: Token) -> bool:
        """Whether a relational noun on a verb is its subject's.

        "X became Y's rival", "X signed a deal with Y", "X sells through a partnership with Y";
        not "X ships to Y's rival".
        """
        if noun.head.pos_ not in ("VERB", "AUX"):
            return False
        if noun.dep_ in ("obj", "xcomp", "ccomp") or case_word(noun) == "as":
            return True
        return noun.dep_ == "obl" and noun.lemma_.lower() in self.frames.events

    def _apposed_sibling(self, noun: Token) -> list[Token]:
        """Return a name set off after `noun` that the parser hung beside it, not on it.

        "X's chief executive, Jane Roe, said" can come out with both the role and the name
        hanging on "said": the name right after the comma is the role's holder.
        """
        end = max(t.i for t in noun.subtree if not t.is_punct)
        if end + 2 >= len(noun.doc) or noun.doc[end + 1].text != ",":
            return []
        name = noun.doc[end + 2]
        while name.head.i != name.i and name.head.i > name.i and self._entity(name.head):
            name = name.head  # the head word of the name
        found = self._entity(name) is not None and name.head.i == noun.head.i != noun.i
        return [name] if found and noun.dep_ not in ("appos", "conj") else []

    def _said_of_head(self, noun: Token) -> bool:
        """Whether `noun` describes its head: "X, a supplier to Y", "supplier X"."""
        head = noun.head
        if noun.dep_ in ("appos", "conj", "list") or (
            noun.dep_ == "compound" and self._entity(head)
        ):
            return True  # "list": "X, Y's largest customer, ..." read as a list
        return (  # "X, an early investor in Y," read as an object of the name
            noun.dep_ in ("obj", "nmod:unmarked", "dep")
            and self._entity(head) is not None
            and head.i < noun.i
            and noun.doc[head.i + 1].text == ","
        )

    def _noun_role(self, noun: Token, role: str) -> list[tuple[str, bool]]:
        if role == "poss":
            tokens = [c for c in noun.children if c.dep_ == "nmod:poss"]
        elif role == "compound":  # "chip supplier TSMC", and "Acme CEO Jane Roe" read flat
            siblings = noun.head.children if noun.dep_ == "compound" else ()
            tokens = [
                c
                for c in (*noun.children, *siblings)
                if c.dep_ == "compound" and c.i < noun.i and self._entity(c)
            ]
            before = noun.doc[noun.i - 1] if noun.i > 0 else None
            if before is not None and self._entity(before) and before not in tokens:
                tokens.append(before)  # "Intel CEO Lip-Bu Tan", whatever the tree says
        else:
            case = role.removeprefix("nmod:")
            tokens = [
                c for c in noun.children if c.dep_.startswith("nmod") and case_word(c) == case
            ]
            tokens = tokens or self._hung_on_names(noun, case) or _pied_piped(noun, case)
            if noun.dep_ == "obj":  # "reduce its dependence on X": "on X" hangs on the verb
                tokens += [
                    c for c in noun.head.children if c.dep_ == "obl" and case_word(c) == case
                ]
        return [ref for token in tokens for ref in self.refers(token)]

    def _hung_on_names(self, noun: Token, case: str) -> list[Token]:
        """Return the `case` phrases the parser hung on a name below `noun`.

        A name takes no prepositional phrase of its own: in "the acquisition of X by Y", "by Y"
        read on X belongs to "acquisition".
        """
        names = [c for c in noun.children if c.dep_.startswith("nmod") and self._entity(c)]
        return [
            g
            for c in names
            for g in c.children
            if g.dep_.startswith("nmod")
            and case_word(g) == case
            and self._entity(g) != self._entity(c)
        ]

    # -- what an argument names

    def refers(self, token: Token, depth: int = 0) -> list[tuple[str, bool]]:
        """Return the entities `token` names, with whether each was resolved by reference."""
        found: list[tuple[str, bool]] = []
        flats = [c for c in token.children if coordinated_flat(c)]  # "by Ada Lind and Bo Sand"
        listed = [  # "X, Y and Z rely on ..." read as X with "Y and Z" in apposition,
            m  # or as X with Y in apposition and Z its conjunct ("for Nvidia, AMD and others")
            for c in token.children
            if c.dep_ == "appos"
            and self._entity(token)
            and self._entity(c)
            and (c.conjuncts or any(k.dep_ == "conj" and k.i > c.i for k in token.children))
            for m in (c, *c.conjuncts)
        ]
        for member in (token, *token.conjuncts, *flats, *listed):
            for ref in self._names(member, depth):
                if ref not in found:
                    found.append(ref)
        return found

    def _names(self, token: Token, depth: int) -> list[tuple[str, bool]]:
        entity = self._entity(token)
        if entity is not None:
            return [(entity, False)]
        back = self._reference(token)
        if back is not None or depth >= 2:
            return [back] if back is not None else []
        if token.lower_ in _RELATIVE and token.i > 1 and token.nbor(-1).text == ",":
            named = self._entity(token.nbor(-2))  # "X, who heads ...": the name just before,
            if named is not None:  # wherever the parser hung the clause
                return [(named, False)]
        if token.lower_ in _RELATIVE and token.head.dep_ == "acl:relcl":
            return self.refers(token.head.head, depth + 1)  # "Google, which is owned by ..."
        head = self._entity(token.head) if token.dep_ == "appos" else None
        if head is not None:
            return [(head, False)]  # "Veltrix, a utility owned by ..."
        return self._described(token, depth)

    def _described(self, token: Token, depth: int) -> list[tuple[str, bool]]:
        """Return what a common noun stands for: its examples, its name, or its qualifiers."""
        examples = [
            c
            for c in token.children
            if c.dep_.startswith("nmod") and case_word(c) in _EXAMPLE_CASES
        ]
        if not examples and token.dep_.startswith(_OBLIQUE):  # the parser may hang "like X"
            examples = [  # of "to companies like X" on the noun's head: the phrase right after
                c
                for c in token.head.children
                if c.left_edge.i == token.right_edge.i + 1
                and c.dep_.startswith(_OBLIQUE)
                and case_word(c) in _EXAMPLE_CASES
            ]
        if examples:  # "chips such as the A800 and H800", "countries including Iran"
            return [r for c in examples for r in self.refers(c, depth + 1)]
        named = [e for c in token.children if c.dep_ == "appos" and (e := self._entity(c))]
        if named:  # "a customer, Microsoft", "the startup Quillon Labs"
            return [(e, False) for e in named]
        if token.lemma_.lower() in self.frames.counterparts:
            return []  # "our customers write for CUDA": they are not us
        return self._qualified(token, depth)

    def _qualified(self, token: Token, depth: int) -> list[tuple[str, bool]]:
        """Return who the qualifiers of a common noun name: "Nvidia's GPUs", "chips from X"."""
        found: list[tuple[str, bool]] = []
        amounts = [  # "$38 billion of GPUs", "$2 billion worth of GPUs"
            c for c in token.children if c.dep_ == "nummod" or c.lower_ in ("worth", "value")
        ]
        for child in (*token.children, *(g for c in amounts for g in c.children)):
            # "chips from Google", "Nvidia's GPUs", "TSMC chips"
            case = case_word(child)
            if child.dep_ in _QUALIFIERS or (
                child.dep_.startswith("nmod") and case in _QUALIFYING_CASES
            ):
                entity = self._entity(child)
                if entity is not None:
                    found.append((entity, False))
                elif (owner := self._possessor(child, token)) is not None:
                    found.append(owner)
                elif child.dep_ == "compound":  # "the VX-9 switch chip": the name two words off
                    found += [
                        (e, False)
                        for g in child.children
                        if g.dep_ == "compound" and (e := self._entity(g)) is not None
                    ]
                elif case == "of":  # "100,000 of the latest chips from Nvidia"
                    found += self.refers(child, depth + 1)
        return found

    def _possessor(self, word: Token, noun: Token) -> tuple[str, bool] | None:
        """Return whose `noun` is: "our X", "his team", "its X" as a subject or controlled object.

        None for other words: a general "its" is resolved by :meth:`refers`.
        """
        if word.lower_ in self.frames.first_person:
            return self._reference(word)  # "our inference runs on AWS": the speaker's company
        if word.lower_ in ("his", "her") and noun.lemma_.lower() in self.frames.staff_nouns:
            person = self._back(word, person=True)  # "his team buys from X": his employer
            employer = self.employers.get(person[0]) if person is not None else None
            return (employer, True) if employer is not None else None
        if word.lower_ not in ("its", "their"):
            return None
        if noun.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT:  # "X's packaging is done by A, and
            # its wafers by B": X; "Its networking comes from Y": the company talked about
            return self._main_subject(word) or self._reference(word)
        if noun.dep_ == "obj" and self._controller(noun.head):
            boss = self._clause_subject(word)  # "X tapped Y to make its chips": X's chips
            return (boss, True) if boss is not None else None
        return None

    def _reference(self, token: Token) -> tuple[str, bool] | None:
        word = token.lower_
        maker = self._maker_of(token)
        if maker is not None:
            return maker, True
        if word in self.frames.pronouns:
            return self._back(token, person=False)
        if (
            token.lemma_.lower() in self.frames.company_nouns
            and _definite(token)  # "the two firms": no one company
        ):
            return self._of_kind(token) or self._back(token, person=False)
        if (
            token.lemma_.lower() in self.frames.chip_nouns
            and _definite(token)
            and not any(self._entity(c) for c in token.children)  # "the Corvid7 processor"
        ):
            return self._chip_before(token)  # "the chip is made by TSMC"
        if word in self.frames.person_pronouns:
            return self._back(token, person=True)
        if word in self.frames.first_person:
            speaker = self.speakers.get(self._sentence().sentence.start)
            return (speaker, True) if speaker is not None else None
        return None

    def _chip_pronouns(self, verb: Token) -> list[tuple[str, bool]]:
        """Return the chip "it" stands for as the patient of `verb`, where a chip is meant.

        "T2 shipped in 2024. It is built on TSMC's N4 process": a frame whose patient is an
        offering takes "it" for the chip named just before, not for a company.
        """
        pronouns = [p for p in self._patients(verb) if p.lower_ == "it"]
        found = [self._chip_before(p) for p in pronouns]
        return [r for r in found if r is not None]

    def _chip_before(self, token: Token) -> tuple[str, bool] | None:
        """Return the chip named last before `token`, in its sentence or the sentence before."""
        sentence = self._sentence()
        for entity in reversed(sentence.entities[: token.i]):
            if entity is not None and self.kinds.get(entity) in _CHIPS:
                return entity, True
        return (self.chip, True) if self.chip is not None else None

    def _of_kind(self, token: Token) -> tuple[str, bool] | None:
        """Return the last company of the kind a noun for one names ("the chip designer").

        The kind is the noun's ("the chipmaker") or a modifier's ("the cloud provider"); a
        company the clause already has as its subject is another ("X will ship HBM4 to the
        chip designer": not X).
        """
        words = [token, *(c for c in token.lefts if c.dep_ in ("compound", "amod"))]
        kind = self.frames.company_kind(w.text for w in words)
        if kind is None:
            return None
        subject = None if token.dep_ in SUBJECT_DEPS else self._clause_subject(token)
        sentence = self._sentence()
        before = [e for e in sentence.entities[: token.i] if e is not None]
        for entity in (*reversed(before), *reversed(self.recent)):
            if entity != subject and self.kinds.get(entity) is kind:
                return entity, True
        return None

    def _maker_of(self, token: Token) -> str | None:
        """Return who makes the offering in "the ChatGPT maker", "the company behind Claude"."""
        if token.lemma_.lower() not in self.frames.maker_nouns:
            return None
        for child in token.children:
            offering = self._entity(child)
            if offering is not None and child.dep_ in ("compound", "nmod"):
                return self.developers.get(offering)
        return None

    def _entity(self, token: Token) -> str | None:
        return self._sentence().entities[token.i]

    def _kind(self, refs: list[tuple[str, bool]], kind: str) -> list[tuple[str, bool]]:
        return [r for r in refs if _is_kind(self.kinds.get(r[0]), kind)]

    # -- reference back

    def _back(
        self, token: Token, *, person: bool, others: frozenset[str] = frozenset()
    ) -> tuple[str, bool] | None:
        """Return what a pronoun or "the company" stands for: no entity in `others`."""
        sentence = self._sentence()
        if token.lower_ in _PLURAL and _group_before(sentence, token):
            return None  # "clouds want X, but they need Y": the group, not a company
        if token.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT:  # "X tested A, and it ran B": X
            subject = self._subject_before(token, person=person)
            if subject is not None:
                return subject, True
        if token.dep_ == "nmod:poss" and not person:  # "X holds 18%, behind Y, its rival": X
            owner = self._clause_subject(token)
            if owner is not None and owner not in others:
                return owner, True
        barred = {  # "Y is its customer", "Y became its customer": "its" is not Y's
            self._entity(c)
            for c in (*token.head.children, *token.head.head.children)
            if predicated_of(token, c)
        } | others
        for i in range(token.i - 1, -1, -1):
            entity = sentence.entities[i]
            kind = self.kinds.get(entity) if entity is not None else None
            if kind is EntityType.PUBLISHER or entity in barred:
                continue  # "told CNBC that the company expects": never the outlet told
            if entity is not None and _is_kind(kind, "person" if person else "org"):
                return entity, True
        back = self.person if person else self.topic
        return (back, True) if back is not None and back not in barred else None

    def _clause_subject(self, token: Token) -> str | None:
        """Return the company subject of the clause `token` stands in (the first verb above)."""
        verb = verb_above(token)
        found = self._company_subject(verb, token, owners=False)
        while found is None and verb.dep_ in ("advcl", "xcomp", "acl") and not has_subject(verb):
            verb = verb_above(verb)  # "X tapped Y to make its chips": the clause above's X
            found = self._company_subject(verb, token, owners=False)
        return found

    def _company_subject(self, verb: Token, token: Token, *, owners: bool) -> str | None:
        """Return the company subject of `verb` that comes before `token` and does not hold it.

        In "its rival" as the subject, "its" is someone else's. With `owners`, a subject
        owned by a company counts as that company ("Quayside's packaging").
        """
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT]
        for subject in subjects or misread_subjects(verb):  # "X relies/NOUN on ...": X
            if subject.i > token.i:
                continue
            if token in subject.subtree or predicated_of(token, subject):
                continue
            entity = self._entity(subject)
            if entity is None and owners:
                held = [c for c in subject.children if c.dep_ == "nmod:poss" and self._entity(c)]
                entity = self._entity(held[0]) if held else None
            if entity is not None and _is_kind(self.kinds.get(entity), "org"):
                return entity
        return None

    def learn(self, hit: FrameHit) -> None:
        """Keep who develops an offering the text said so of, for the sentences after it.

        "Verrel's main product is the VX-9 ... The VX-9 is manufactured by TSMC": TSMC then
        supplies Verrel. What the lexicon or an earlier sentence said is kept.
        """
        if hit.predicate is Predicate.DEVELOPS and hit.modality is Modality.ASSERTED:
            self.developers.setdefault(hit.object, hit.subject)

    def remember(self, sentence: ParsedSentence) -> None:
        """After a sentence: its subject company becomes the topic; the last person and chip kept.

        A sentence whose main subject is owned by "its" or "their" is still about the company
        that word stood for ("Its retimers are used in systems sold by A and B": not B).
        """
        topic = self.topic
        chip = None
        for i, entity in enumerate(sentence.entities):
            if entity is None:
                continue
            token = sentence.doc[i]
            kind = self.kinds.get(entity)
            if kind is not None and kind.is_organization:
                if entity in self.recent:
                    self.recent.remove(entity)
                self.recent.append(entity)
            if kind in _CHIPS:
                chip = entity
            if kind is EntityType.PERSON:
                self.person = entity
            elif kind is not None and kind.is_organization and _subject_of_a_clause(token):
                self.topic = entity
        self.chip = chip
        if topic is not None and _owned_by_pronoun(sentence.doc[:].root):
            self.topic = topic
        if self.topic is None:
            self.topic = next(
                (e for e in sentence.entities if e and _is_kind(self.kinds.get(e), "org")), None
            )

    def _main_subject(self, token: Token) -> tuple[str, bool] | None:
        """Return the company subject of the sentence's main clause, before `token`, or None."""
        entity = self._company_subject(token.sent.root, token, owners=True)
        return (entity, True) if entity is not None else None

    def _subject_before(self, token: Token, *, person: bool) -> str | None:
        """Return the last person or company before `token` that is a clause's subject."""
        sentence = self._sentence()
        for i in range(token.i - 1, -1, -1):
            entity = sentence.entities[i]
            word = sentence.doc[i]
            while word.dep_ in ("compound", "flat") and word.head.i != word.i:
                word = word.head  # "Vesper" of "Vesper Labs": the name's head has the role
            kind = self.kinds.get(entity) if entity is not None else None
            if (
                entity is not None
                and word.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT
                and kind is not EntityType.PUBLISHER
                and _is_kind(kind, "person" if person else "org")
            ):
                return entity
        return None

    def _sentence(self) -> ParsedSentence:
        if self.sentence is None:  # pragma: no cover - set by find_frames before use
            raise RuntimeError("no sentence")
        return self.sentence

    # -- modality

    def _modality(self, trigger: Token) -> Modality:
        words = _modal_words(trigger, self.frames.factual_marks)
        for modality, cues in self.frames.modality:
            if words & cues:
                return modality
        return Modality.ASSERTED


_NAME_WORDS = frozenset({"compound", "flat"})
_NO_FRAME = frozenset({"PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "PART", "SYM", "SPACE", "INTJ"})
_PLURAL = frozenset({"they", "them", "their"})
_CHIPS = (EntityType.CHIP, EntityType.PRODUCT)  # what "the chip" may stand for
_USES = frozenset({Predicate.USES, Predicate.DEPLOYS})
_PARTY_CASES = frozenset({"with", "between", "to", "from"})  # a deal's parties, not its terms
_AS = frozenset({"as", "among"})  # "qualified X as a supplier", "counts X among its customers"
_PARTITIVES = frozenset({"one", "some", "several", "many", "most", "two", "three", "each"})


def _group_before(sentence: ParsedSentence, token: Token) -> bool:
    """Whether the last subject before `token` is a plural common noun that names no entity."""
    for i in range(token.i - 1, -1, -1):
        word = sentence.doc[i]
        if word.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT:
            continue
        if sentence.entities[i] is not None:
            return False
        return word.pos_ == "NOUN" and "Plur" in word.morph.get("Number", [])
    return False


def _modal_words(trigger: Token, factual: frozenset[str] = frozenset()) -> set[str]:
    """Return the auxiliaries, negations and adverbs of `trigger` and the verbs governing it.

    A clause opened by one of `factual` ("because", "since") states its own fact: the verbs
    above it do not govern it ("no incentive to restrict supply, because X buys from Y").
    """
    words: set[str] = set()
    token, steps = trigger, 0
    while steps < 4:
        words.add(token.lemma_.lower())
        words.update(
            c.lower_
            for c in token.children
            if c.dep_ in ("aux", "advmod", "det") or c.lower_ == "not"
        )
        if token.dep_ not in _GOVERNED or token.head.i == token.i:
            break
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in factual for c in token.children
        ):
            break
        if token.dep_ == "ccomp" and token.head.lemma_ in ("say", "tell", "add", "note"):
            break  # a report is not a hedge
        token, steps = token.head, steps + 1
    return words


def _control(verb: Token) -> tuple[Token | None, list[Token]]:
    """Return the verb governing infinitive `verb` and its objects before `verb`."""
    if case_word(verb) != "to":
        return None, []
    if verb.dep_ == "acl" and verb.head.dep_ == "obj":  # "chose X to build": on the object
        return verb.head.head, [verb.head]
    if verb.dep_ in ("advcl", "xcomp"):
        governor = verb.head
        return governor, [c for c in governor.children if c.dep_ == "obj" and c.i < verb.i]
    return None, []


def _split_copula_subjects(noun: Token) -> list[Token]:
    """Return the subject of a linking verb the parser cut off from its predicate noun.

    "Microsoft remains Y's largest customer" can come out as two trees, "Microsoft remains"
    and "Y's largest customer": the noun is said of the verb's subject.
    """
    before = noun.doc[noun.left_edge.i - 1] if noun.left_edge.i > 0 else None
    verb = before.head if before is not None else None
    if verb is None or verb.dep_ != "ROOT" or verb.lemma_.lower() not in LINKING_VERBS:
        return []
    if any(c.dep_ in ("obj", "xcomp", "ccomp") for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]


def _gerund(token: Token) -> bool:
    """Whether `token` is a bare -ing noun read as a clause ("outsources manufacturing to X")."""
    return (
        token.dep_ in ("xcomp", "advcl")
        and token.lower_.endswith("ing")
        and not any(c.dep_ in ("obj", "nsubj", "mark") for c in token.children)
    )


def _stranded(verb: Token) -> bool:
    """Whether a preposition after `verb` lost its object: "the compute its models ran on"."""
    return any(
        c.i > verb.i
        and c.pos_ in ("ADP", "ADV")
        and c.dep_.startswith("obl")
        and not c.n_lefts
        and not c.n_rights
        for c in verb.children
    )


def _is_amount(token: Token) -> bool:
    """Whether `token` heads an amount: "62%", "$2 billion", "20,000"."""
    return token.pos_ in ("NUM", "SYM") or any(c.dep_ == "nummod" for c in token.children)


def _is_kind(etype: EntityType | None, kind: str) -> bool:
    if etype is None:
        return False
    if kind == "any":
        return etype is not EntityType.PERSON
    if kind == "org":
        return etype.is_organization
    if kind == "offering":
        return etype.is_offering
    if kind == "vendor":  # a company whose role is to sell compute: a cloud or a chip vendor
        return etype in (EntityType.CLOUD_PROVIDER, EntityType.CHIP_VENDOR)
    if kind == "person":
        return etype is EntityType.PERSON
    if kind == "authority":  # "Washington barred ...": the capital for its government
        return etype in (EntityType.GOVERNMENT, EntityType.PLACE)
    return etype is EntityType.PLACE


def _set_off_after(noun: Token) -> list[Token]:
    """Return the name set off by a comma right after `noun` ("its first product, the HV-1,").

    The parser may hang such an apposition elsewhere (as a subject of the verb after it).
    """
    doc = noun.doc
    i = noun.i + 1
    if i + 1 >= len(doc) or doc[i].text != ",":
        return []
    i += 1
    if doc[i].lower_ in ("the", "a", "an") and i + 1 < len(doc):
        i += 1
    return [doc[i]]


def _pied_piped(noun: Token, case: str) -> list[Token]:
    """Return the noun a relative "in which" before `noun` stands for, with `case` its case.

    "a start-up in which Y holds a stake": "in which" is the stake's in-phrase, wherever the
    parser hung it; it stands for the noun it follows ("start-up"). The pronoun must be in
    the same stretch of the sentence (no comma between).
    """
    for token in reversed(noun.doc[: noun.i]):
        if token.text in (",", ";"):
            return []
        if token.lower_ in ("which", "whom") and case_word(token) == case:
            before = token.doc[token.i - 2] if token.i > 1 else None
            return [before] if before is not None and before.pos_ in ("NOUN", "PROPN") else []
    return []


def _marked_subject(subject: Token) -> list[Token]:
    """Return the subject a phrase read as the subject stands after ("X, based in Austin, ...").

    A subject with a case word of its own ("in Austin") is a misread phrase; the name it
    follows, hung on it as its subject, is the verb's. Any other subject is itself.
    """
    if case_word(subject) is None or subject.pos_ == "PRON":
        return [subject]
    found = [c for c in subject.children if c.dep_ in SUBJECT_DEPS and c.i < subject.i]
    return found or [subject]


def _definite(noun: Token) -> bool:
    """Whether `noun` is one thing named before: "the chip", "that company" (not "chips")."""
    return "Plur" not in noun.morph.get("Number", []) and any(
        c.lower_ in ("the", "this", "that") for c in noun.children
    )


def _owned_by_pronoun(verb: Token) -> bool:
    """Whether the subject of `verb` is owned by "its" or "their" ("Its chips are made by X")."""
    return any(
        g.dep_ == "nmod:poss" and g.lower_ in ("its", "their")
        for c in verb.children
        if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT
        for g in c.children
    )


def _subject_of_a_clause(token: Token) -> bool:
    """Whether `token` is a subject, or the object that an infinitive after it is said of.

    In "Corbel expects Nvidia to hold 80%", Nvidia is the subject of "to hold".
    """
    if token.dep_ in SUBJECT_DEPS:
        return True
    head = token.head
    return token.dep_ == "obj" and any(
        c.dep_ == "xcomp" and c.i > token.i and c.pos_ in ("VERB", "AUX") for c in head.children
    )


def _possessives_before(word: Token) -> list[Token]:
    """Return the possessives of the noun phrase `word` ends ("our Series C": "our").

    The phrase runs left to the nearest verb, preposition, conjunction or punctuation mark.
    """
    found = []
    for w in reversed(word.doc[: word.i]):
        if w.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "SCONJ", "CCONJ"):
            break
        if _possessive(w):
            found.append(w)
    return found


def _possessive(word: Token) -> bool:
    """Tell a possessive: "Nvidia's", or "its" however the parser attached it.

    "Its $30 million Series A was led by X": "Its" may be read as the subject.
    """
    return word.dep_ == "nmod:poss" or "Yes" in word.morph.get("Poss", [])


def _within_phrase(word: Token, phrase: Token) -> bool:
    """Whether `word` hangs on `phrase` through modifiers of one noun phrase, not a clause.

    "Quarry" in "Quarry's $14 million seed round" does; "X" in "a round that X joined" does not.
    """
    head = word.head
    while head.i != phrase.i:
        if head.dep_ not in ("compound", "nummod", "amod", "appos", "flat", "nmod:poss"):
            return False
        if head.head.i == head.i:
            return False
        head = head.head
    return word.i != phrase.i


def _in_for_phrase(token: Token, noun: Token) -> bool:
    """Whether `token` is in a "for" phrase of `noun` or of the verb it is the object of."""
    while token.head.i != token.i and token.head.i not in (noun.i, noun.head.i):
        token = token.head
    return case_word(token) == "for"
