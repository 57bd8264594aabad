"""The slots of a sentence: its entity mentions and what its references stand for.

"its" and "it" stand for a company before them, "the company" and "the former" for one named
earlier, "the ChatGPT maker" for the developer of ChatGPT, "the GPUs" for the one product line
it shortens, and "we" for the speaker's company in a quote (or the author's, when the article
speaks in the first person).

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> speaks_first_person(Document(text="We build chips. Our chips are fast."), ())
True
>>> [m.span() for m in ITS.finditer("its chips, not bits")]
[(0, 3)]
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator

from vendorgraph.loaders.frames import load_frames
from vendorgraph.loaders.relations.article import Article, Slot, in_sentence
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.model import Document, Quote

__all__ = [
    "FIRST_PERSON",
    "IT",
    "ITS",
    "WE",
    "bare_heads",
    "find_maker_words",
    "first_person_org",
    "names_head",
    "org_of",
    "sentence_slots",
    "speaks_first_person",
]


def sentence_slots(article: Article, index: int) -> list[Slot]:
    """Return the slots of sentence `index`, sorted by start (worked out once)."""
    cached = article.cache.get(index)
    if cached is not None:
        return cached
    sentence = article.sentences[index]
    classes = article.classes
    # the outer mentions of `in_sentence`, read in the same pass
    lo = bisect.bisect_left(article.starts, sentence.start)
    hi = bisect.bisect_left(article.starts, sentence.end)
    end = sentence.end
    slots = [
        Slot(m.start, m.end, m.entity, classes[m.entity])
        for m in article.result.mentions[lo:hi]
        if m.end <= end and m.outer
    ]
    if article.maker_words and _may_name_maker(article, sentence):
        slots = _makers(article, slots)
    if _may_refer(article, sentence):
        for pseudo in _references(article, index, slots):
            if not any(s.start < pseudo.end and pseudo.start < s.end for s in slots):
                slots.append(pseudo)
    article.cache[index] = sorted(slots, key=_START_OF)
    return article.cache[index]


_START_OF = operator.attrgetter("start")


_MAKER_WORDS = ("maker", "developer", "creator", "owner")


def _may_name_maker(article: Article, sentence: Sentence) -> bool:
    """Whether a word `_MAKER` needs is within reach of the sentence's slots (else no maker)."""
    lo, hi = sentence.start, sentence.end + 12  # `_makers` reads 12 characters past a slot
    return any(lo <= start and end <= hi for start, end in article.maker_words)


def find_maker_words(text: str) -> list[tuple[int, int]]:
    """Return the span of every occurrence (overlaps included) of the words `_MAKER` needs."""
    found = []
    for word in _MAKER_WORDS:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = text.find(word, at + 1)
    return found


_MAKER = re.compile(r"\s+(?:maker|developer|creator|owner)\b")
# r"\bits\b", written to start with its literal so that the engine jumps from one "its" to
# the next by itself; the lookbehind after it is the leading \b (no word character before)
ITS = re.compile(r"its(?<!\wits)\b")
_THE_COMPANY = re.compile(
    r"\b[Tt]he (?:(?:AI|cloud|chip|tech|software) )?(?:company|firm|chipmaker|startup)\b"
)
_FORMER_LATTER = re.compile(r"\bthe (former|latter)\b")
_BARE_HEAD = re.compile(
    r"\b(?:\d[\d,.]*(?:\s+(?:million|billion|thousand))?|[Tt]he|these|those|their)"
    r"\s+(GPUs|chips|CPUs)\b"
)


def _makers(article: Article, slots: list[Slot]) -> list[Slot]:
    """Replace "the ChatGPT maker" by a slot for the company that makes ChatGPT."""
    text = article.document.text
    out = []
    for slot in slots:
        # the three tests are pure, so trying the cheapest first changes nothing
        if text[max(0, slot.start - 4) : slot.start].lower() != "the ":
            out.append(slot)
            continue
        after = _MAKER.match(text[slot.end : slot.end + 12])
        dev = article.developer(slot.entity) if slot.cls in ("chip", "product", "tech") else None
        if after and dev is not None:
            out.append(Slot(slot.start - 4, slot.end + after.end(), dev, article.cls(dev), True))
        else:
            out.append(slot)
    return out


def _references(article: Article, index: int, slots: list[Slot]) -> Iterator[Slot]:
    sentence = article.sentences[index]
    text = sentence.text
    # each `in` test below is a literal the pattern after it needs: no literal, no match
    for match in ITS.finditer(text) if "its" in text else ():
        pos = sentence.start + match.start()
        owner = _owner_of_its(article, slots, sentence, pos) or _first_org_back(article, index - 1)
        if owner is not None:
            yield Slot(pos, pos + 3, owner, "its", True)
    for match in _THE_COMPANY.finditer(text) if _names_company(text) else ():
        pos = sentence.start + match.start()
        owner = (
            _of_kind(article, index, slots, pos, match.group())
            or _first_org(article, slots, pos)
            or _first_org_back(article, index - 1)
        )
        if owner is not None:
            yield Slot(pos, sentence.start + match.end(), owner, article.cls(owner), True)
    if _names_former_latter(text):
        yield from _former_latter(article, index, slots)
    if names_head(text):
        yield from bare_heads(article, sentence)
    yield from _pronouns(article, index, slots)


# r"\b[Ii]t(?=...)" and r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b", written like `ITS` to start with a
# character class; each lookbehind after the first letter is the leading \b
IT = re.compile(
    r"[Ii](?<!\w[Ii])t(?=\s+(?:will|would|has|had|is|was|can|could|also|now|already|still|currently"
    r"|recently|[a-z]{2,}(?<!\bis)(?<!\bwas)(?<!\bhas)(?<!\bthis)s|[a-z]{2,}ed)\b)"
)
WE = re.compile(r"[WwOoUu](?<!\w[WwOoUu])(?:(?<=[Ww])e|(?<=[Oo])ur|(?<=[Uu])s)\b")


def _may_refer(article: Article, sentence: Sentence) -> bool:
    """Whether `_references` can yield anything for `sentence`.

    Each test is a literal or a pattern that one kind of reference needs, so a sentence that
    fails them all has none, and the generators need not run.
    """
    text = sentence.text
    return (
        ITS.search(text) is not None
        or _names_company(text)
        or _names_former_latter(text)
        or names_head(text)
        or (_may_say_it(text) and IT.search(text) is not None)
        or (WE.search(text) is not None and _may_say_we(article, sentence))
    )


# the literals each reference pattern needs (all are case-sensitive)
def _names_company(text: str) -> bool:
    return "company" in text or "firm" in text or "startup" in text or "chipmaker" in text


def _names_former_latter(text: str) -> bool:
    return "the former" in text or "the latter" in text


def names_head(text: str) -> bool:
    """Tell whether `text` has a literal that `_BARE_HEAD` needs."""
    return "GPUs" in text or "chips" in text or "CPUs" in text


def _may_say_it(text: str) -> bool:
    return "it" in text or "It" in text


def _pronouns(article: Article, index: int, slots: list[Slot]) -> Iterator[Slot]:
    """Yield slots for subject pronouns.

    "it will deploy" is the sentence's first company; "we"/"our" is the speaker's company
    inside a quote and the author's company outside one.
    """
    sentence = article.sentences[index]
    for match in IT.finditer(sentence.text) if _may_say_it(sentence.text) else ():
        pos = sentence.start + match.start()
        owner = _first_org(article, slots, pos) or _first_org_back(article, index - 1)
        if owner is not None:
            yield Slot(pos, pos + 2, owner, article.cls(owner), True)
    # the matches first: `_may_say_we` (pure) is then asked only when there is one
    we = list(WE.finditer(sentence.text))
    for match in we if we and _may_say_we(article, sentence) else ():
        pos = sentence.start + match.start()
        owner = first_person_org(article, pos)
        if owner is not None:
            yield Slot(pos, sentence.start + match.end(), owner, article.cls(owner), True)


def _may_say_we(article: Article, sentence: Sentence) -> bool:
    """Whether a "we" in `sentence` can stand for a company (else `first_person_org` is None)."""
    if article.first_person:
        return True
    # `direct` holds the spans of the direct quotes: an empty list means no quote at all
    return bool(article.direct) and any(
        start < sentence.end and sentence.start < end for start, end in article.direct
    )


def first_person_org(article: Article, pos: int) -> str | None:
    """Return who "we" is at `pos`.

    Inside a quote: the speaker's company. Outside: the author's (the company of who signs
    the text, else the first role the article gives at a company, else the first company it
    names), when the text itself speaks in the first person.
    """
    for quote in article.quotes:
        if quote.direct and quote.span.start <= pos < quote.span.end:
            return org_of(article, quote.speaker)
    if not article.first_person:
        return None
    signed = org_of(article, article.result.signatory)
    if signed is not None:  # a signed letter or post: "we" is the signatory's company
        return signed
    for aff in article.result.affiliations:
        if aff.org is not None and aff.start < pos:
            return aff.org
    # no role named yet: the company the text opens with (a filing, a release, a company blog)
    for mention in article.result.mentions:
        if article.actors.get(mention.entity):
            return mention.entity
    return None


def org_of(article: Article, speaker: str | None) -> str | None:
    """Return the company `speaker` is or works for, or None."""
    if speaker is None or speaker not in article.entities:
        return None
    if article.cls(speaker) == "org":
        return speaker
    for aff in article.result.affiliations:
        if aff.person == speaker and aff.org is not None:
            return aff.org
    return None


def _owner_of_its(article: Article, slots: list[Slot], sentence: Sentence, pos: int) -> str | None:
    """Return the company "its" at `pos` refers to.

    That is the nearest one before, unless that one sits in an apposition ("Acme, a startup
    backed by Beta, runs its ..."); then it is the company the apposition describes.
    """
    nearest = _org_before(article, slots, pos)
    first = next((s for s in slots if s.end <= pos and _actor(article, s.entity)), None)
    if first is None or first.entity == nearest:
        return nearest
    between = article.document.text[first.end : pos]
    if re.match(r",\s+(?:a|an|the|which|who)\b[^,]*,", between):
        return first.entity
    return nearest


def _former_latter(article: Article, index: int, slots: list[Slot]) -> Iterator[Slot]:
    sentence = article.sentences[index]
    for match in _FORMER_LATTER.finditer(sentence.text):
        pos = sentence.start + match.start()
        orgs = list(dict.fromkeys(s.entity for s in slots if s.start < pos and s.cls == "org"))
        if len(orgs) >= 2:
            pick = orgs[0] if match.group(1) == "former" else orgs[1]
            yield Slot(pos, sentence.start + match.end(), pick, "org", True)


def bare_heads(article: Article, sentence: Sentence) -> Iterator[Slot]:
    """Yield a slot for "the GPUs" where one named product line ends that way."""
    for match in _BARE_HEAD.finditer(sentence.text):
        lines = [e.id for e in article.entities.values() if e.name.endswith(" " + match.group(1))]
        if len(lines) == 1:
            pos = sentence.start + match.start(1)
            yield Slot(pos, pos + len(match.group(1)), lines[0], article.cls(lines[0]), True)


def _org_before(article: Article, slots: list[Slot], pos: int) -> str | None:
    found = [s.entity for s in slots if s.end <= pos and s.cls == "org"]
    return found[-1] if found else None


def _of_kind(article: Article, index: int, slots: list[Slot], pos: int, words: str) -> str | None:
    """Return the last company of the kind "the chipmaker" or "the cloud company" names.

    The kinds are the frames' (``[company_kinds]`` of ``patterns/frames.toml``); the company is
    looked for before `pos` in sentence `index`, then in the three sentences before it.
    """
    kind = load_frames().company_kind(words.split())
    if kind is None:
        return None
    before = [s.entity for s in slots if s.end <= pos]
    for back in range(index - 1, max(-1, index - 4), -1):
        before[:0] = [m.entity for m in in_sentence(article, article.sentences[back])]
    return next((e for e in reversed(before) if article.entities[e].type is kind), None)


def _first_org(article: Article, slots: list[Slot], pos: int) -> str | None:
    return next((s.entity for s in slots if s.end <= pos and _actor(article, s.entity)), None)


def _actor(article: Article, entity: str) -> bool:
    """Tell whether `entity` is a company that can act in a clause (not the publisher)."""
    return article.actors[entity]


def _first_org_back(article: Article, index: int) -> str | None:
    """Return the company a pronoun in sentence ``index + 1`` most likely means.

    Among the companies of the three sentences before, that is the one the article names most
    often (ties: the nearest). Remembered per article: it depends on `index` alone.
    """
    if index not in article.back:
        article.back[index] = _most_named_back(article, index)
    return article.back[index]


def _most_named_back(article: Article, index: int) -> str | None:
    best: tuple[int, int, str] | None = None
    for back in range(index, max(-1, index - 3), -1):
        for m in in_sentence(article, article.sentences[back]):
            if _actor(article, m.entity):
                rank = (article.counts.get(m.entity, 0), back, m.entity)
                if best is None or rank[:2] > best[:2]:
                    best = rank
    return best[2] if best else None


# r"\b(?:[Ww]e|[Oo]ur)\b", written to start with a character class so that the engine skips
# to the next W/w/O/o by itself: the lookbehind after that character is the leading \b
FIRST_PERSON = re.compile(r"[WwOo](?<!\w[WwOo])(?:(?<=[Ww])e|(?<=[Oo])ur)\b")


def speaks_first_person(document: Document, quotes: tuple[Quote, ...]) -> bool:
    """Whether the article's own text (outside quotes) says "we" or "our" at least twice."""
    text = document.text[document.body_start :]
    for quote in sorted(quotes, key=lambda q: -q.span.start):
        if quote.direct:
            lo = quote.span.start - document.body_start
            hi = quote.span.end - document.body_start
            text = text[:lo] + text[hi:]
    return next(itertools.islice(FIRST_PERSON.finditer(text), 1, None), None) is not None
