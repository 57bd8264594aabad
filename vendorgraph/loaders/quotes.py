"""Find quotations, direct and reported, and who said them.

Direct quotes are the words between double quotation marks (straight or curly, mixed as
news sites mix them), minus a trailing comma. Each is attributed from the words right after it
(``", said Garman"``, ``", Su told …"``), or before it in the same sentence (``Su said the
company is “…”``), or else inherits the speaker of the quote before it in the paragraph or the
paragraph before. Reported speech is a sentence without quotation marks of the form
``X said (that) …``, ``… , X said.``, ``… , according to X.``, ``According to X, …``,
``X described … `` or ``X estimates …``; its text is the reported clause. Reporting verbs and
speaker nouns live in ``patterns/speech.toml``.

A speaker resolves to the person named there, else the organisation; ``he``/``she`` to the most
recent person and ``it``/``the company`` to the most recent organisation; an unnamed speaker
("A Nvidia executive") stays None but keeps ``speaker_label`` and ``speaker_org``.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.loaders.entities import find_entities
>>> doc = Document(text='“We ship soon,” said Acme Labs CEO Jane Roe. Roe said prices will fall.')
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> [(q.text, q.speaker, q.direct) for q in find_quotes(doc, found)]
[('We ship soon', 'person/jane-roe', True), ('prices will fall', 'person/jane-roe', False)]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources

from spacy.tokens import Doc, Token

from vendorgraph.loaders.entities import (
    Affiliation,
    EntityResult,
    Mention,
    load_entity_patterns,
)
from vendorgraph.loaders.frames import role_nouns
from vendorgraph.loaders.parse import ParsedSentence
from vendorgraph.loaders.text import Sentence, alternation, split_sentences
from vendorgraph.loaders.turns import interview_answers, transcript_turns
from vendorgraph.ontology.model import Document, Quote, Span, stable_hash
from vendorgraph.ontology.terms import EntityType

__all__ = ["SpeechPatterns", "find_quotes", "load_speech_patterns"]

_DOUBLED = "''"  # two apostrophes standing for a double quotation mark, as some sites write it
# each opening quotation mark and the marks that close it: English double and single marks,
# guillemets (French, and Swiss both ways round), German low-high marks, straight marks
_PAIRS = {
    "“": '”"',
    '"': '"”',
    _DOUBLED: _DOUBLED,
    "«": "»",
    "»": "«",
    "„": "“”",
    "‹": "›",
    "‘": "’",
    "'": "'",
}
_SINGLE = frozenset("‘'")  # also apostrophes: they open only before a letter, and never dangle
_OPEN = "".join(m for m in _PAIRS if len(m) == 1)
_MARK = re.compile(re.escape(_DOUBLED) + "|[" + re.escape(_OPEN + "”›’") + "]")
_DOUBLE_MARKS = '“”"«»„‹›'  # the marks a speaker's name or a reporting clause never holds


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechPatterns:
    """The compiled cue lists of ``patterns/speech.toml``."""

    verbs: str
    lemmas: frozenset[str]
    forecast: frozenset[str]
    unnamed: re.Pattern[str]
    person_pronoun: re.Pattern[str]
    org_pronoun: re.Pattern[str]
    government_nouns: frozenset[str]  # "the department" stands for the government named last
    publisher_nouns: frozenset[str]  # "the newspaper" for the publisher named last
    after: re.Pattern[str]
    before: re.Pattern[str]
    before_inverted: re.Pattern[str]
    lead_in: re.Pattern[str]  # "In his words:" just before a quote
    reported_front: re.Pattern[str]
    reported_back: re.Pattern[str]
    reported_middle: re.Pattern[str]  # "Prices, he said, will rise": the speaker set off
    # found in every text that reported_front, reported_back or before match (the default,
    # found everywhere, tries them all)
    cue: re.Pattern[str] = re.compile("")


# a speaker's words: no clause punctuation, but the full stops of initials ("C.C. Wei")
_WHO = r"(?:[^,.;“”\"«»„‹›]|(?<=\b[A-Z])\.)"
# a time phrase after the reporting verb ("the company said on Tuesday", "said late Monday")
_TIME = (
    r"(?:(?:on|late|early|last|this|earlier|in|at)\s+)?"
    r"(?:(?:on|late|early)\s+)?[A-Z]?[a-z]+(?:\s+\d{1,2})?(?:,?\s+\d{4})?"
)


@functools.cache
def load_speech_patterns() -> SpeechPatterns:
    """Read and compile ``patterns/speech.toml`` (once per process).

    Examples
    --------
    >>> "estimates" in load_speech_patterns().forecast
    True
    """
    raw = tomllib.loads(
        (resources.files("vendorgraph.loaders") / "patterns" / "speech.toml").read_text("utf-8")
    )
    listed = alternation(raw["verbs"])
    # with no verb the start of another, at most one matches anywhere, so the trie matches
    # exactly where (and what) the listed alternation does, only sooner
    verbs = _trie(raw["verbs"]) if _prefix_free(raw["verbs"]) else listed
    verb = rf"(?P<verb>{verbs})\b(?:\s+(?:with|to)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    return SpeechPatterns(
        verbs=listed,
        lemmas=frozenset(raw["lemmas"]),
        forecast=frozenset(raw["forecast_verbs"]),
        unnamed=re.compile(rf"(?i:\b(?:{alternation(raw['unnamed'])})\b)"),
        person_pronoun=re.compile(rf"^(?:{alternation(raw['person_pronouns'])})$"),
        government_nouns=frozenset(raw["government_descriptions"]),
        publisher_nouns=frozenset(raw["publisher_descriptions"]),
        org_pronoun=re.compile(
            rf"^(?:{alternation(raw['org_pronouns'])}"
            rf"|[Tt]he\s+(?:[\w-]+\s+)?(?i:{alternation(raw['org_descriptions'])}))$"
        ),
        after=re.compile(
            rf"\s*,?\s*(?:(?P<v1>{verbs})\s+(?P<who1>{_WHO}{{1,80}})"
            # "Jane Roe, chief executive of Acme, told ...": the name before the apposition
            rf"|(?P<who2>{_WHO}{{1,60}}?)(?:,[^,;{_DOUBLE_MARKS}]{{1,100}},)?\s+(?P<v2>{verbs})\b"
            rf"|according\s+to\s+(?P<who3>{_WHO}{{1,80}})"
            # "Reuters quoted Jane Roe, head of ..., as saying": the one quoted speaks
            rf"|(?:{_WHO}{{1,60}}?\s+)?quoted\s+(?P<who4>{_WHO}{{1,80}}?)"
            rf"(?:,[^{_DOUBLE_MARKS}]{{0,120}}?)?\s+as\s+saying)"
        ),
        before=re.compile(rf"(?P<who>.{{1,120}}?)\s+{verb}(?:\s+that)?\b[^{_DOUBLE_MARKS}]*$"),
        # "Said Lena Park, chief analyst at Orbis: “…”", "Added AWS CEO Matt Garman, “…”"
        before_inverted=re.compile(
            rf"(?i:{verbs})\s+(?P<who>[^,{_DOUBLE_MARKS}]{{1,80}}?)(?:,[^{_DOUBLE_MARKS}]{{0,120}})?[\s,:]*$"
        ),
        lead_in=re.compile(
            r"(?i:\b(?:"
            + "|".join(
                re.escape(p).replace("WHO", rf"(?P<who{i}>{_WHO}{{1,60}}?)")
                for i, p in enumerate(raw["lead_ins"])
            )
            + r"))\s*[,:]?\s*$"
        ),
        reported_front=re.compile(
            rf"^(?P<who>.{{1,120}}?)\s+(?:(?P<told>{alternation(raw['telling'])})\s+"
            rf"(?:[^,.;]{{1,60}}?\s+that"  # "told me that", "told investors on Tuesday that"
            rf"|(?:{alternation(raw['addressees'])})(?!\s+that\b))"  # "told analysts the ..."
            rf"|(?P<verb2>{verbs})\s+(?:in|on|at|during|via|through)\s+[^,.;]{{1,50}}?\s+that"
            # "said in a LinkedIn post that ..."
            rf"|{verb}(?!\s+[$€£¥\d])"  # "added $250 million": an amount, not words
            rf"(?:\s+(?:on|in|late|early|last|this|earlier)\s+(?:[A-Z][a-z]+|week|month|year)"
            rf"(?:\s+\d{{1,2}})?)?(?:,)?(?:\s+that)?)\s+(?P<clause>.+?)\.?$"
        ),
        reported_back=re.compile(
            rf"^(?P<clause>.+?),\s+(?:according\s+to\s+(?P<who1>[^,]{{1,100}}?)"
            rf"|(?P<who2>[^,]{{1,60}}?)\s+(?:{verbs})(?:\s+{_TIME})?)\.?$"
        ),
        reported_middle=re.compile(
            rf"^(?P<head>[^,]{{3,}}?),\s+(?P<who>[^,]{{1,60}}?)\s+(?P<verb>{verbs})(?:\s+{_TIME})?,"
            rf"\s+(?!\w+ing\b)(?P<tail>.+?)\.?$"  # not "..., she said, stressing that ..."
        ),
        # reported_front needs "\s+<verb>\b", reported_back "\s+according\s+to" or "\s+<verb>"
        cue=re.compile(rf"[\s](?:{verbs}|according\s+to)"),  # [\s] first: scans fast
    )


def _prefix_free(words: list[str]) -> bool:
    """Tell whether no word is the start of another (and none is empty).

    Examples
    --------
    >>> _prefix_free(["said", "says"]), _prefix_free(["note", "notes"])
    (True, False)
    """
    ordered = sorted(set(words))
    return all(ordered) and not any(b.startswith(a) for a, b in itertools.pairwise(ordered))


def _trie(words: list[str]) -> str:
    """Return a regex matching exactly the non-empty `words`, factored as a trie (faster to search).

    Examples
    --------
    >>> _trie(["said", "says", "told"])
    '(?:sa(?:id|ys)|told)'
    """
    heads: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        if word:
            heads.setdefault(word[0], []).append(word[1:])
    branches = []
    for head, tails in heads.items():
        if len(tails) == 1:  # one word: the rest of it as it is
            branches.append(re.escape(head + tails[0]))
            continue
        rest = [t for t in tails if t]
        sub = _trie(rest)
        branches.append(re.escape(head) + (sub if len(rest) == len(tails) else f"(?:{sub})?"))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# --- speakers -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Speaker:
    id: str | None
    label: str | None = None
    org: str | None = None
    role: str | None = None


_NEAR = 300  # characters before a description where the company it stands for is named
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[\"“‘(]?[A-Z]")


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    mentions: tuple[Mention, ...]
    types: dict[str, EntityType]
    affiliations: tuple[Affiliation, ...]
    pats: SpeechPatterns
    starts: tuple[int, ...]  # of the mentions, which are sorted by start
    ordered: bool  # no mention ends before it starts, so none starting after `hi` ends by it
    parsed: tuple[ParsedSentence, ...] = ()  # in text order
    parsed_ends: tuple[int, ...] = ()  # the end of each, for bisection
    # the pronoun ("he", "she") each person was taken up by, as the quotes are attributed
    pronouns: dict[str, str] = field(default_factory=dict)

    def inside(self, lo: int, hi: int) -> list[Mention]:
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_right(self.starts, hi) if self.ordered else len(self.starts)
        return [m for m in self.mentions[first:last] if m.end <= hi]

    def salient_before(
        self, pos: int, *, skip: tuple[int, int] = (0, 0), kinds: frozenset[EntityType]
    ) -> str | None:
        """Return the organisation a description ("the company") stands for at `pos`.

        Of those named in the two sentences' worth of text before it, the one the article
        names most (the one it is about); on a tie, the one named last.
        """
        counts: dict[str, int] = {}
        for m in self.mentions:
            counts[m.entity] = counts.get(m.entity, 0) + 1
        near: list[str] = []
        for m in self.mentions:
            etype = self.types[m.entity]
            wanted = etype.is_organization and (not kinds or etype in kinds)
            if (
                wanted
                and pos - _NEAR <= m.start
                and m.end <= pos
                and not skip[0] <= m.start < skip[1]
            ):
                near.append(m.entity)
        if not near:
            return self.last_before(pos, person=False, skip=skip, kinds=kinds)
        return max(reversed(near), key=lambda e: counts[e])

    def subject_before(
        self,
        pos: int,
        *,
        skip: tuple[int, int] = (0, 0),
        kinds: frozenset[EntityType],
        pronoun: str | None = None,
    ) -> str | None:
        """Return the organisation that is the subject of the sentence just before `pos`.

        "Meta confirmed that Broadcom will ... . The company said ...": a description in the
        next sentence stands for the subject of the one before, if that is an organisation.
        With a `pronoun` ("he", "she"), the person that is, if not taken up by the other one
        ("Whitfield sided with Achterberg. '...,' she said": Whitfield).
        """
        i = bisect.bisect_right(self.parsed_ends, pos) - 1
        if i < 0 or pos - self.parsed_ends[i] > _NEAR:
            return None
        if _SENTENCE_BREAK.search(self.text, self.parsed_ends[i], pos):
            return None  # a sentence left unparsed (no name in it) lies between
        entity = _main_subject(self.parsed[i])  # read only when a description needs it
        if entity is None:
            return None
        etype = self.types.get(entity)
        if pronoun is not None:
            if etype is not EntityType.PERSON or not self.agrees(entity, pronoun):
                return None
        elif etype is None or not etype.is_organization or (kinds and etype not in kinds):
            return None
        if any(skip[0] <= m.start < skip[1] for m in self.mentions if m.entity == entity):
            return None
        return entity

    def last_before(
        self,
        pos: int,
        *,
        person: bool,
        skip: tuple[int, int] = (0, 0),
        kinds: frozenset[EntityType] = frozenset(),
        pronoun: str | None = None,
    ) -> str | None:
        """Return the person or organisation (of one of `kinds`, if any) named last before `pos`.

        With a `pronoun`, a person it can stand for (see :meth:`agrees`).
        """
        for m in reversed(self.mentions):
            etype = self.types[m.entity]
            wanted = etype is EntityType.PERSON if person else etype.is_organization
            wanted = wanted and (not kinds or etype in kinds)
            wanted = wanted and (pronoun is None or self.agrees(m.entity, pronoun))
            if m.end <= pos and wanted and not skip[0] <= m.start < skip[1]:
                return m.entity
        return None

    def agrees(self, person: str, pronoun: str) -> bool:
        """Tell whether `pronoun` can stand for `person`: not one the other took up before."""
        return self.pronouns.get(person, pronoun) == pronoun


def _main_subject(sentence: ParsedSentence) -> str | None:
    """Return the entity that is the subject of the sentence's main clause, if one is named."""
    roots = [t for t in sentence.doc if t.dep_ == "ROOT"][:1]
    subjects = [c for r in roots for c in r.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return sentence.entities[subjects[0].i] if subjects else None


def _resolve(ctx: _Context, lo: int, hi: int, *, skip: tuple[int, int] = (0, 0)) -> _Speaker | None:
    """Return the speaker named in ``text[lo:hi]``, or None when nothing there can speak.

    A pronoun or "the company" stands for the last one named before, outside `skip` (the
    words of the quote being attributed: a company they name is not the one speaking).
    """
    named = {m.entity for m in ctx.inside(lo, hi) if ctx.types[m.entity] is EntityType.PERSON}
    if len(named) == 1:  # "The chief operating officer, Jane Roe," names one person
        return _person(ctx, named.pop())
    comma = ctx.text.rfind(",", lo, hi)
    if comma >= 0 and ctx.text[comma + 1 : hi].strip():
        described = re.match(r"\s*an?\s", ctx.text[comma + 1 : hi]) is not None
        if not described or ctx.inside(comma + 1, hi) or len(ctx.inside(lo, comma)) != 1:
            lo = comma + 1
        else:  # "Chipwatch, a Brussels-based advocacy group," → the one name before it
            hi = comma
    elif comma >= 0:  # "Nvidia, TSMC's largest customer," → the name before the apposition
        hi = ctx.text.find(",", lo, hi)
    words = ctx.text[lo:hi].strip()
    found = ctx.inside(lo, hi)
    people = [m.entity for m in found if ctx.types[m.entity] is EntityType.PERSON]
    if people:
        return _person(ctx, people[-1])
    if ctx.pats.person_pronoun.match(words):
        pronoun = words.lower()
        who = ctx.subject_before(
            lo, skip=skip, kinds=frozenset(), pronoun=pronoun
        ) or ctx.last_before(lo, person=True, skip=skip, pronoun=pronoun)
        if who is None:
            return None
        ctx.pronouns.setdefault(who, pronoun)
        return _person(ctx, who)
    return _by_company(ctx, lo, hi, found, skip)


def _by_company(
    ctx: _Context, lo: int, hi: int, found: list[Mention], skip: tuple[int, int]
) -> _Speaker | None:
    """Return a speaker that `text[lo:hi]` names through a company (no person named there)."""
    words = ctx.text[lo:hi].strip()
    orgs = [m.entity for m in found if ctx.types[m.entity].is_organization]
    holder = _role_holder(ctx, words, orgs)
    if holder is not None:
        return _person(ctx, holder)
    if ctx.pats.org_pronoun.match(words):  # "the company", "it": before "company" as a noun
        kinds = _described_kinds(ctx, words)
        who = (
            ctx.subject_before(lo, skip=skip, kinds=kinds)
            or ctx.salient_before(lo, skip=skip, kinds=kinds)
            if words.lower() != "it"
            else ctx.last_before(lo, person=False, skip=skip, kinds=kinds)
        )
        if who:
            return _Speaker(id=who)
    introduced = _introduced_in_role(ctx, lo, words, orgs)
    if introduced is not None:
        return _person(ctx, introduced)
    if ctx.pats.unnamed.search(words) and len(words.split()) <= 6:
        return _unnamed(ctx, words, orgs)
    if orgs and _names_only(ctx, lo, hi, found):
        return _Speaker(id=orgs[-1])
    return None


def _described_kinds(ctx: _Context, words: str) -> frozenset[EntityType]:
    """Return the kinds of organisation a description can stand for (empty: any kind).

    "The department": a government; "the agency": a government or a publisher.
    """
    noun = words.split()[-1].lower()
    kinds = set()
    if noun in ctx.pats.government_nouns:
        kinds.add(EntityType.GOVERNMENT)
    if noun in ctx.pats.publisher_nouns:
        kinds.add(EntityType.PUBLISHER)
    return frozenset(kinds)


_DEFINITE = re.compile(r"[Tt]he\s+(?:\S+\s+){0,3}?(?P<noun>[\w-]+)")


def _introduced_in_role(ctx: _Context, lo: int, words: str, orgs: list[str]) -> str | None:
    """Return the person "the engineer", "the Vesper executive" stands for, or None.

    That is the last person introduced before `lo` in a role the noun names (at a company
    `words` names, if it names one; else the last person named at that company). "An
    engineer", "executives" stand for no one named.
    """
    match = _DEFINITE.fullmatch(words)
    noun = match.group("noun").lower() if match else ""
    if noun not in role_nouns():
        return None
    executive = load_entity_patterns().executive_roles  # "CEO", "Chief Executive", "Founder" …
    found = at_company = None
    for aff in ctx.affiliations:
        if aff.start >= lo or (orgs and aff.org not in orgs):
            continue
        if orgs:
            at_company = aff.person  # "the Pinecrest executive": whoever works there
        role = aff.role or ""
        if noun in role.lower().split() or (noun == "executive" and executive.fullmatch(role)):
            found = aff.person
    return found or at_company


def _role_holder(ctx: _Context, words: str, orgs: list[str]) -> str | None:
    """Return the person known to hold the role these words name ("the AWS CEO")."""
    for aff in ctx.affiliations:
        if aff.org in orgs and aff.role and _role_regex(aff.role).search(words):
            return aff.person
    return None


@functools.lru_cache(maxsize=1024)
def _role_regex(role: str) -> re.Pattern[str]:
    """Return the regex that finds `role` as whole words (compiled once per role)."""
    return re.compile(rf"\b{re.escape(role)}\b")


_LOWER_WORD = re.compile(r"[a-z]\w*")


def _names_only(ctx: _Context, lo: int, hi: int, found: list[Mention]) -> bool:
    rest = ctx.text[lo:hi]
    for m in sorted(found, key=lambda m: -m.start):
        rest = rest[: m.start - lo] + rest[m.end - lo :]
    return len(_LOWER_WORD.findall(rest)) <= 4


def _person(ctx: _Context, person: str) -> _Speaker:
    for aff in ctx.affiliations:
        if aff.person == person:
            return _Speaker(id=person, org=aff.org, role=aff.role)
    return _Speaker(id=person)


def _unnamed(ctx: _Context, words: str, orgs: list[str]) -> _Speaker:
    org = orgs[-1] if orgs else None
    for aff in ctx.affiliations:
        if aff.org == org and aff.role and _role_regex(aff.role).search(words):
            return _person(ctx, aff.person)
    return _Speaker(id=None, label=words, org=org)


_NOBODY = _Speaker(id=None)


# --- direct quotes ------------------------------------------------------------------------------


def _marked(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of the words between quotation marks in ``text[lo:hi]``."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    opener = ""
    for found in _MARK.finditer(text, lo, hi):  # every other character is skipped below
        i, j = found.span()
        mark = found.group()
        if opened is None and _opens(text, mark, i, j, lo):
            opened, opener = j, mark
        elif opened is not None and _closes(text, opener, mark, i, j, hi):
            spans.append((opened, i))
            opened = None
    if opened is not None and opener not in _SINGLE and hi - opened > 20:
        spans.append((opened, hi))
    return spans


def _opens(text: str, mark: str, i: int, j: int, lo: int) -> bool:
    if mark not in _PAIRS or (i > lo and text[i - 1].isalnum()):
        return False
    return mark not in _SINGLE or (j < len(text) and text[j].isalpha())  # not "'90s"


def _closes(text: str, opener: str, mark: str, i: int, j: int, hi: int) -> bool:
    if mark not in _PAIRS[opener] or (j < hi and text[j].isalnum()):
        return False
    return opener not in _SINGLE or not text[i - 1].isspace()  # "the firms' chips" closes


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _attribute_after(ctx: _Context, opened: int, close: int, limit: int) -> _Speaker | None:
    start = close + 1
    if ctx.text.startswith("'", start):  # the second apostrophe of a doubled mark
        start += 1
    match = ctx.pats.after.match(ctx.text, start, limit)
    if match is None:
        return None
    for group in ("who1", "who2", "who3", "who4"):
        if match.group(group):
            lo, hi = match.span(group)
            speaker = _resolve(ctx, lo, _cut_time(ctx.text, lo, hi), skip=(opened, close))
            if speaker is None or speaker.id is None:  # "said the company's CEO, Jane Roe,"
                speaker = _apposed_person(ctx, hi) or speaker
            return speaker
    return None


def _apposed_person(ctx: _Context, pos: int) -> _Speaker | None:
    """Return the person named in apposition at `pos` (", Jane Roe," after a role)."""
    comma = re.compile(r",\s*").match(ctx.text, pos)
    if comma is None:
        return None
    for mention in ctx.inside(comma.end(), comma.end() + 80):
        if mention.start == comma.end() and ctx.types[mention.entity] is EntityType.PERSON:
            return _person(ctx, mention.entity)
    return None


def _cut_time(text: str, lo: int, hi: int) -> int:
    """Drop trailing words after the name ("Garman in a LinkedIn post Monday" → "Garman")."""
    match = _TIME_CUT.search(text[lo:hi])
    return lo + match.start() if match else hi


_TIME_CUT = re.compile(r"\s+(?:in|on|at|during|today|yesterday|this|last|when|while)\b")


_REACH = 400  # the speaker is at most 120 characters, then the verb: where a cue can start
_LEAD_REACH = 200  # "in the words of" and a name of at most 60 characters end at the quote
_MARKS = re.compile(f"[{_DOUBLE_MARKS}]")


def _attribute_before(ctx: _Context, sentence: Sentence, opened: int) -> _Speaker | None:
    start, end = sentence.start, opened - 1
    inverted = ctx.pats.before_inverted.match(ctx.text, start, end)
    if inverted is not None:
        return _resolve(ctx, *inverted.span("who"))
    lead = ctx.pats.lead_in.search(ctx.text, max(start, end - _LEAD_REACH), end)
    if lead is not None:  # "In his words: “…”", not a label
        who = next(g for g, v in lead.groupdict().items() if v is not None)
        if lead.group(who).lower() in ("his", "her"):  # the person named last
            person = ctx.last_before(lead.start(who), person=True)
            return _person(ctx, person) if person is not None else None
        return _resolve(ctx, *lead.span(who))
    label = _labelled(ctx, start, end)
    if label is not None:
        return label
    # `before` needs "\s+<verb>" near the sentence start, and no quote mark after the verb
    reach = min(end, start + _REACH)
    if _MARKS.search(ctx.text, reach, end) or not ctx.pats.cue.search(ctx.text, start, reach):
        return None
    match = ctx.pats.before.match(ctx.text, start, end)
    if match is None:
        return None
    return _resolve(ctx, *match.span("who"))


def _block_quote(
    ctx: _Context,
    doc_id: str,
    lo: int,
    hi: int,
    before: Sentence | None,
    parsed: Mapping[int, ParsedSentence],
) -> Quote | None:
    """Return a Markdown block quote ("> …") without quotation marks as direct words.

    The speaker is the one the paragraph before introduces with a colon, else the last
    person named before it; with neither, the words have no speaker.
    """
    if ctx.text[lo] != ">" or _MARKS.search(ctx.text, lo, hi) or before is None:
        return None
    if _DASH_LINE.match(ctx.text, lo):
        return None  # "> — Jane Roe, chief executive": the attribution of the quote above
    speaker = _introducer(ctx, parsed.get(before.start)) if before.text.endswith(":") else None
    if speaker is None:
        who = ctx.last_before(lo, person=True)
        speaker = _person(ctx, who) if who is not None else None
    return _quote(ctx, doc_id, lo + 1, hi, speaker, direct=True)


_DASH_LINE = re.compile(r">?[ \t]*[—–―-]{1,2}[ \t]*(?=[A-Z])")


def _dash_attribution(ctx: _Context, end: int) -> _Speaker | None:
    """Return the person a dash line under a quote names ("— Jane Roe, chief executive")."""
    newline = ctx.text.find("\n", end)
    if newline < 0 or ctx.text[end:newline].strip(" \t\"”'’.,"):
        return None  # more words follow the quote on its line
    line_start = newline + 1
    match = _DASH_LINE.match(ctx.text, line_start)
    if match is None:
        return None
    line_end = ctx.text.find("\n", line_start)
    line_end = len(ctx.text) if line_end < 0 else line_end
    people = [
        m.entity
        for m in ctx.inside(match.end(), line_end)
        if ctx.types[m.entity] is EntityType.PERSON
    ]
    if people:
        return _person(ctx, people[0])
    return _resolve(ctx, match.end(), line_end)


def _labelled(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """Return the one person a short lead-in ending in a colon names ("Jane Roe (Acme): “…”")."""
    lead = ctx.text[start:end].rstrip()
    if not lead.endswith(":") or len(lead.split()) > 8:
        return None
    people = {m.entity for m in ctx.inside(start, end) if ctx.types[m.entity] is EntityType.PERSON}
    return _person(ctx, people.pop()) if len(people) == 1 else None


def _direct(
    ctx: _Context,
    doc_id: str,
    sentences: tuple[Sentence, ...],
    parsed: Mapping[int, ParsedSentence],
) -> list[Quote]:
    quotes: list[Quote] = []
    last: _Speaker | None = None
    last_paragraph = -1
    before: Sentence | None = None  # the last sentence of the paragraph before
    for paragraph in _paragraphs(sentences):
        lo, hi = paragraph[0].start, paragraph[-1].end
        if paragraph[0].paragraph != last_paragraph + 1 or ctx.text[lo] not in _OPEN:
            last = None
        if ctx.text[lo] in _OPEN and before is not None and before.text.endswith(":"):
            last = _introducer(ctx, parsed.get(before.start)) or last  # "… put it bluntly:"
        block = _block_quote(ctx, doc_id, lo, hi, before, parsed)
        if block is not None:
            quotes.append(block)
        for start, end in _marked(ctx.text, lo, hi):
            sentence = _sentence_at(paragraph, start)
            speaker = (
                _attribute_after(ctx, start, end, min(hi, end + 100))
                or _attribute_before(ctx, sentence, start)
                or _dash_attribution(ctx, end)
                or last
            )
            quote = _quote(ctx, doc_id, start, end, speaker, direct=True)
            if quote is not None:
                quotes.append(quote)
                last = speaker or last
        last_paragraph = paragraph[0].paragraph
        before = paragraph[-1]
    return quotes


def _turns(ctx: _Context, doc_id: str, sentences: tuple[Sentence, ...]) -> list[Quote]:
    """Return the turns of a transcript or the answers of a Q&A, as their speakers' words.

    A turn's speaker is the person its label names (an operator's turns are nobody's words);
    an interview's answers are given by the person its introduction names most.
    """
    found: list[tuple[int, int, str]] = []
    for turn in transcript_turns(ctx.text, sentences):
        named = [
            m.entity for m in ctx.inside(*turn.label) if ctx.types[m.entity] is EntityType.PERSON
        ]
        if named:
            found.append((turn.start, turn.end, named[0]))
    first, answers = interview_answers(ctx.text, sentences)
    if answers:
        counts: dict[str, int] = {}
        for m in ctx.inside(0, first):
            if ctx.types[m.entity] is EntityType.PERSON:
                counts[m.entity] = counts.get(m.entity, 0) + 1
        if counts:
            guest = max(counts, key=lambda k: counts[k])  # ties: the first named
            found += [(a.start, a.end, guest) for a in answers]
    found = [f for f in found if not _STAGE_DIRECTION.fullmatch(ctx.text, f[0], f[1])]
    quotes = (_quote(ctx, doc_id, lo, hi, _person(ctx, who), direct=True) for lo, hi, who in found)
    return [q for q in quotes if q is not None]


# "[applause]", "[Jane Roe exits.]", "(laughter)": a paragraph of a turn that nobody says
_STAGE_DIRECTION = re.compile(r"\s*(?:\[[^\]\n]*\]|\([^)\n]*\))\s*")


def _introducer(ctx: _Context, sentence: ParsedSentence | None) -> _Speaker | None:
    """Return who a sentence ending in a colon introduces: its subject, without relatives."""
    if sentence is None:
        return None
    root = next((t for t in sentence.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None and root.pos_ in ("NOUN", "PROPN", "PRON"):
        subject = root  # "The engineer who designed it put it bluntly:" read as a noun phrase
    if subject is None:
        return None
    clauses = (c for c in subject.children if c.dep_.startswith("acl") or c.dep_ == "punct")
    skip = {t.i for c in clauses for t in c.subtree}
    tokens = [t for t in subject.subtree if t.i not in skip]
    base = sentence.sentence.start
    return _resolve(ctx, base + tokens[0].idx, base + tokens[-1].idx + len(tokens[-1]))


def _paragraphs(sentences: tuple[Sentence, ...]) -> list[list[Sentence]]:
    groups: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        groups.setdefault(sentence.paragraph, []).append(sentence)
    return [groups[k] for k in sorted(groups)]


def _sentence_at(paragraph: list[Sentence], pos: int) -> Sentence:
    for sentence in paragraph:
        if sentence.start <= pos <= sentence.end:
            return sentence
    return paragraph[0]


def _quote(
    ctx: _Context,
    doc_id: str,
    start: int,
    end: int,
    speaker: _Speaker | None,
    *,
    direct: bool,
    cue: str | None = None,
) -> Quote | None:
    start, end = _trimmed(ctx.text, start, end)
    words = ctx.text[start:end]
    if len(words.split()) < (1 if speaker else 3):  # a speaker is never falsy, so None needs 3
        return None
    who = speaker or _NOBODY

    return Quote(
        id=f"quote/{stable_hash(doc_id, start, end)}",
        text=words,
        span=Span(start=start, end=end, text=words),
        direct=direct,
        speaker=who.id,
        speaker_role=who.role,
        speaker_org=who.org,
        speaker_label=who.label,
        cue=cue,
    )


# --- reported speech ----------------------------------------------------------------------------


def _reported(ctx: _Context, doc_id: str, sentences: tuple[Sentence, ...]) -> list[Quote]:
    quotes: list[Quote] = []
    cue = ctx.pats.cue
    for sentence in sentences:
        text = sentence.text
        if sentence.headline or any(m in text for m in _DOUBLE_MARKS):  # quotation marks
            continue
        # without a cue neither pattern can match; only "According to X, …" is left to try
        if cue.search(text) is not None:
            quote = (
                _reported_back(ctx, doc_id, sentence)
                or _reported_middle(ctx, doc_id, sentence)
                or _reported_front(ctx, doc_id, sentence)
            )
        elif text.startswith("According to "):  # how every _ACCORDING_TO match starts
            quote = _according_front(ctx, doc_id, sentence)
        else:
            continue
        if quote is not None:
            quotes.append(quote)
    return quotes


def _reported_parsed(ctx: _Context, doc_id: str, parsed: Sequence[ParsedSentence]) -> list[Quote]:
    """Return reported speech read on the parse: a reporting verb's subject and complement."""
    quotes: list[Quote] = []
    for sentence in parsed:
        if sentence.sentence.headline:
            continue
        for token in sentence.doc:
            found = _speech_at(ctx, doc_id, sentence, token)
            if found is not None:
                quotes.append(found)
    return quotes


def _speech_at(ctx: _Context, doc_id: str, parsed: ParsedSentence, token: Token) -> Quote | None:
    base = parsed.sentence.start
    if token.lemma_.lower() in ctx.pats.lemmas and token.pos_ in ("VERB", "AUX"):
        who = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:outer")]
        if not who and _infinitive(token):  # "X appeared on screen to say ...": X says it
            who = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubj:outer")]
        said = _complement(token)
        cue = token.lower_
    elif token.lower_ == "according" and token.dep_ == "case":
        who, cue = [token.head], "according to"
        said = _host_clause(token.head)
    else:
        return None
    if not who or said is None or _unsaid(token, who[0]):
        return None
    speaker = None
    for subject in who:  # "Its chief technology officer, Marcus Ilunga, told": an apposition
        lo, hi = _extent(subject)  # read as a second subject names the speaker
        speaker = _resolve(ctx, base + lo, base + hi)
        if speaker is not None:
            break
    if speaker is None:  # words someone reported, whoever it was: kept, with no speaker
        lo, hi = _extent(who[0])
        speaker = _Speaker(id=None, label=ctx.text[base + lo : base + hi])
    start, end = said
    return _quote(ctx, doc_id, base + start, base + end, speaker, direct=False, cue=cue)


def _infinitive(verb: Token) -> bool:
    """Whether `verb` is a to-infinitive hung on another verb, whose subject it shares."""
    return verb.dep_ in ("xcomp", "advcl") and any(
        c.dep_ == "mark" and c.lower_ == "to" for c in verb.children
    )


def _unsaid(verb: Token, subject: Token) -> bool:
    """Whether what `verb` reports is no one's reported speech.

    The writer's own "I think", "we hope" (a letter's or a column's text is not a quote), and
    a negated attribution ("Neither company would say how many ...", "declined to say").
    """
    if subject.lower_ in ("i", "we"):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in ("not", "n't", "never") for c in verb.children):
        return True
    if any(c.dep_ == "det" and c.lower_ in ("neither", "no") for c in subject.children):
        return True
    return subject.lower_ in ("neither", "nobody", "none") or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")
    )


_STATED_INTENTS = frozenset({"plan", "intention", "intent", "decision", "commitment", "goal"})


def _complement(verb: Token) -> tuple[int, int] | None:
    """Return what a reporting verb reports: its clausal complement, or the clause before it."""
    told = _told_that(verb)
    if told is not None:
        return told
    for child in verb.children:
        if (
            child.dep_ == "ccomp"
            and child.i > verb.i
            and child.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
        ):
            lo, hi = _extent(child, skip_mark=True)
            return lo, _quoted_end(child, hi)
    for child in verb.children:  # "announced plans to deploy ...": the plan is what is said
        if (
            child.dep_ == "obj"
            and child.lemma_.lower() in _STATED_INTENTS
            and any(c.dep_ == "acl" and c.i > child.i for c in child.children)
        ):
            return _extent(child)
    before = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    clause = before[0] if before else verb.head if verb.dep_ == "parataxis" else None
    if clause is None or clause.i > verb.i:
        return None
    # "The deal will close, the company said.": the clause up to where the attribution starts
    inside = range(clause.left_edge.i, clause.right_edge.i + 1)
    attribution = min(t.idx for t in verb.subtree if t.i not in inside or t.i >= verb.i)
    if clause.i == verb.head.i:  # a parataxis holds its subject: '... routine," X says'
        attribution = min(attribution, verb.left_edge.idx)
    lo = min(t.idx for t in clause.subtree)
    return lo, attribution


def _told_that(verb: Token) -> tuple[int, int] | None:
    """Return the that-clause of "told X that ..." the parser hung on X as a relative clause.

    "told a conference audience in February that the migration took ...": "that" is the
    conjunction opening what was said, not a relative pronoun (it is tagged so, or has no
    role in the clause).
    """
    for noun in (c for c in verb.children if c.dep_ in ("obj", "iobj") and c.i > verb.i):
        for clause in (c for c in noun.children if c.dep_ == "acl:relcl" and c.i > noun.i):
            first = clause.left_edge
            if first.lower_ == "that" and (first.pos_ == "SCONJ" or first.dep_ in ("dep", "mark")):
                tokens = [t for t in clause.subtree if t.i > first.i]
                while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
                    tokens = tokens[:-1]
                if tokens:
                    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
                    return lo, _to_closing_quote(verb.doc, lo, _quoted_end(clause, hi))
    return None


def _to_closing_quote(doc: Doc, lo: int, hi: int) -> int:
    """Return `hi`, or past the quote mark that closes one opened in ``[lo, hi)``.

    The parser often leaves the end of a partial quote out of the clause that opens it
    ('argued that these holdings "make the list look ... than the flows are."').
    """
    inside = [t for t in doc if lo <= t.idx < hi]
    if not sum(t.is_quote for t in inside) % 2:
        return hi
    close = next((t for t in doc if t.idx >= hi and t.is_quote), None)
    return hi if close is None else close.idx + len(close)


def _quoted_end(clause: Token, end: int) -> int:
    """End reported words at their closing quote mark when a conjunct follows it.

    In 'said the deal "settles it" and raised her forecast' the parser hangs "raised" on the
    quoted verb; it is the speaker's own act, not part of what was said. A conjunct opened by
    "that" is a second thing said ('said X "settles it" and that Y ...').
    """
    for conj in clause.children:
        first = conj.left_edge
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
            continue  # '"supports X" and that its partners ...': a second thing said
        if conj.dep_ == "conj" and conj.i > clause.i and first.i > 0 and first.nbor(-1).is_quote:
            mark = first.nbor(-1)
            return min(end, mark.idx + len(mark))
    return end


def _host_clause(name: Token) -> tuple[int, int] | None:
    """Return the clause an "according to X" phrase qualifies, without the phrase."""
    phrase_lo, phrase_hi = _extent(name)
    doc = name.doc
    if phrase_lo - doc[0].idx <= len("According to "):  # the phrase leads: the clause follows
        words = [t for t in doc if t.idx >= phrase_hi]
    else:
        words = [t for t in doc if t.idx + len(t) <= phrase_lo]  # the phrase holds "according"
        if len(words) > 1 and words[-2].text == "," and words[-1].is_quote:
            return None  # '"...," according to X': the phrase attributes the quote before it
    while words and words[0].is_punct:
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _extent(token: Token, *, skip_mark: bool = False) -> tuple[int, int]:
    """Character offsets in the sentence of the subtree of `token` (less a leading "that")."""
    tokens = list(token.subtree)
    while skip_mark and tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ == "that":
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return token.idx, token.idx + len(token)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _said_by(quote: Quote, reported: list[Quote]) -> Quote:
    """Give a direct quote with no speaker the speaker of the reported words it is part of."""
    if quote.speaker is not None:
        return quote
    for outer in reported:
        overlap = min(outer.span.end, quote.span.end) - max(outer.span.start, quote.span.start)
        if overlap > 0.5 * (quote.span.end - quote.span.start) and outer.speaker is not None:
            return replace(
                quote,
                speaker=outer.speaker,
                speaker_role=outer.speaker_role,
                speaker_org=outer.speaker_org,
                speaker_label=None,
            )
    return quote


def _holds_partial(quote: Quote, direct: list[Quote]) -> bool:
    """Whether reported words hold a direct quote that is only part of them."""
    for other in direct:
        inside = quote.span.start <= other.span.start and other.span.end <= quote.span.end
        if inside and (other.span.end - other.span.start) < (quote.span.end - quote.span.start) - 8:
            return True
    return False


def _inside_direct(quote: Quote, direct: list[Quote]) -> bool:
    size = quote.span.end - quote.span.start
    for other in direct:
        shared = min(quote.span.end, other.span.end) - max(quote.span.start, other.span.start)
        if shared > 0.6 * size:
            return True
    return False


_ACCORDING_TO = re.compile(r"^According to (?P<who>[^,]{1,100}),\s+(?P<clause>.+?)\.?$")


def _according_front(ctx: _Context, doc_id: str, sentence: Sentence) -> Quote | None:
    match = _ACCORDING_TO.match(sentence.text)
    if match is None:
        return None
    return _front_quote(ctx, doc_id, sentence, match, "according to")


def _reported_front(ctx: _Context, doc_id: str, sentence: Sentence) -> Quote | None:
    text = sentence.text
    match = _ACCORDING_TO.match(text) if text.startswith("According to ") else None
    verb = "according to"
    if match is None:
        match = ctx.pats.reported_front.match(text)
        verb = (match.group("verb") or match.group("told") or match.group("verb2")) if match else ""
    if match is None:
        return None
    return _front_quote(ctx, doc_id, sentence, match, verb)


def _front_quote(
    ctx: _Context, doc_id: str, sentence: Sentence, match: re.Match[str], verb: str
) -> Quote | None:
    speaker = _resolve(ctx, sentence.start + match.start("who"), sentence.start + match.end("who"))
    if speaker is None:
        return None
    start, end = sentence.start + match.start("clause"), sentence.start + match.end("clause")
    return _quote(ctx, doc_id, start, end, speaker, direct=False, cue=verb)


def _reported_middle(ctx: _Context, doc_id: str, sentence: Sentence) -> Quote | None:
    """Return the words around a speaker set off by commas ("Prices, he said, will rise").

    The quote spans the sentence; its words leave out the attribution.
    """
    match = ctx.pats.reported_middle.match(sentence.text)
    if match is None:
        return None
    speaker = _resolve(ctx, sentence.start + match.start("who"), sentence.start + match.end("who"))
    if speaker is None:
        return None
    quote = _quote(
        ctx,
        doc_id,
        sentence.start + match.start("head"),
        sentence.start + match.end("tail"),
        speaker,
        direct=False,
        cue=match.group("verb"),
    )
    words = f"{match.group('head')} {match.group('tail')}"
    return replace(quote, text=words) if quote is not None else None


def _reported_back(ctx: _Context, doc_id: str, sentence: Sentence) -> Quote | None:
    if "," not in sentence.text:  # the pattern needs a comma before the speaker
        return None
    match = ctx.pats.reported_back.match(sentence.text)
    if match is None:
        return None
    group = "who1" if match.group("who1") else "who2"
    lo, hi = sentence.start + match.start(group), sentence.start + match.end(group)
    speaker = _resolve(ctx, lo, hi)
    if speaker is None:
        return None
    start, end = sentence.start + match.start("clause"), sentence.start + match.end("clause")
    cue = "according to" if group == "who1" else "said"
    return _quote(ctx, doc_id, start, end, speaker, direct=False, cue=cue)


def find_quotes(
    document: Document,
    entities: EntityResult,
    *,
    sentences: tuple[Sentence, ...] | None = None,
    parsed: Sequence[ParsedSentence] | None = None,
) -> tuple[Quote, ...]:
    """Find the direct and reported quotes in the body of `document`.

    Parameters
    ----------
    document : Document
        The article.
    entities : EntityResult
        Its entities, mentions and roles (from :func:`~vendorgraph.loaders.entities.find_entities`).
    sentences : tuple of Sentence, optional
        The body's sentences, if already split.
    parsed : sequence of ParsedSentence, optional
        Parsed sentences, for reported speech read on the parse; without them, reported
        speech is read from the surface forms only.

    Returns
    -------
    tuple of Quote
        In text order; ``cue`` is the reporting verb of a reported quote.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> from vendorgraph.ontology.lexicon import Lexicon
    >>> from vendorgraph.loaders.entities import find_entities
    >>> doc = Document(text="Prices will rise, according to Acme Capital Partner Jo Smith.")
    >>> q = find_quotes(doc, find_entities(doc, lexicon=Lexicon([])))[0]
    >>> q.text, q.speaker, q.speaker_role
    ('Prices will rise', 'person/jo-smith', 'Partner')
    """
    sents = (
        sentences if sentences is not None else split_sentences(document.text, document.body_start)
    )
    mentions = tuple(sorted(entities.mentions, key=operator.attrgetter("start", "end")))
    starts = tuple([m.start for m in mentions])
    ctx = _Context(
        text=document.text,
        mentions=mentions,
        types={e.id: e.type for e in entities.entities},
        affiliations=entities.affiliations,
        pats=load_speech_patterns(),
        starts=starts,
        ordered=all(map(operator.le, starts, [m.end for m in mentions])),
        parsed=tuple(parsed or ()),
        parsed_ends=tuple(p.sentence.end for p in parsed or ()),
    )
    doc_id = document.id  # a hash of the whole text: computed once
    by_start = {p.sentence.start: p for p in parsed or ()}
    direct = _direct(ctx, doc_id, sents, by_start) + _turns(ctx, doc_id, sents)
    reported = _reported(ctx, doc_id, sents)
    around: list[Quote] = []  # reported words around direct ones: who said the direct ones
    if parsed is not None:  # what the surface forms missed, read on the parse
        around = _reported_parsed(ctx, doc_id, parsed)
        more = [q for q in around if not _inside_direct(q, direct) or _holds_partial(q, direct)]
        reported += [q for q in more if not _inside_direct(q, reported)]
    found = [_said_by(q, reported + around) for q in direct] + reported
    unique: dict[tuple[str | None, str], Quote] = {}
    for quote in found:
        unique.setdefault((quote.speaker, quote.text), quote)
    return tuple(sorted(unique.values(), key=operator.attrgetter("span.start", "span.end")))
