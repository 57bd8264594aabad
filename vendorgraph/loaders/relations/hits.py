"""Where hits come from: frames on the parse, trigger rules on the surface, and facts.

Facts are the roles people hold (``employs``, cue ``"role"``), product lines named as a
company's and "the <offering> maker" (``develops``), and fact-box lines ("Customers: A, B",
cue ``"label"``).

Examples
--------
>>> from vendorgraph.loaders.entities import find_entities
>>> from vendorgraph.loaders.relations import find_relations
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="ZenGen Labs Co-founder Dermot McGrath spoke.")
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> [(r.predicate.value, r.cue) for r in find_relations(doc, found, lexicon=Lexicon([]))]
[('employs', 'role')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from vendorgraph.loaders.frames import find_frames
from vendorgraph.loaders.parse import ParsedSentence
from vendorgraph.loaders.relations.article import PREDICATES, Article, Hit, Slot
from vendorgraph.loaders.relations.headlines import title_case
from vendorgraph.loaders.relations.labels import label_hits
from vendorgraph.loaders.relations.matching import clauses, mask, match_hits
from vendorgraph.loaders.relations.qualifiers import quote_of
from vendorgraph.loaders.relations.references import (
    bare_heads,
    first_person_org,
    names_head,
    org_of,
    sentence_slots,
)
from vendorgraph.loaders.relations.rules import load_relation_rules, relation_rule_filter
from vendorgraph.loaders.text import Sentence, possible_rules
from vendorgraph.ontology.terms import Predicate

__all__ = ["all_hits"]


def _sentence_of(article: Article, pos: int) -> Sentence | None:
    for sentence in article.sentences:
        if sentence.start <= pos < sentence.end:
            return sentence
    return None


def _fact_hits(article: Article) -> Iterator[tuple[Hit, str]]:
    for aff in article.result.affiliations:
        sentence = _sentence_of(article, aff.start)
        if aff.org is not None and sentence is not None:
            yield (
                Hit(aff.org, Predicate.EMPLOYS, aff.person, sentence, sentence.text, False),
                "role",
            )
    for dev in article.result.developments:
        sentence = _sentence_of(article, dev.start)
        if sentence is not None:
            yield (
                Hit(dev.org, Predicate.DEVELOPS, dev.offering, sentence, "", False),
                "product line",
            )
    # a resolved slot whose text ends in "maker" (any case) is "the <offering> maker" or "the
    # chipmaker": both hold the lower-case "maker" that `maker_words` lists, so none without it
    for index, sentence in enumerate(article.sentences if article.maker_words else ()):
        for slot in sentence_slots(article, index):
            if slot.resolved and article.document.text[slot.start : slot.end].lower().endswith(
                "maker"
            ):
                offering = _maker_object(article, slot)
                if offering is not None:
                    yield (
                        Hit(slot.entity, Predicate.DEVELOPS, offering, sentence, "", False),
                        "maker",
                    )


def _maker_object(article: Article, slot: Slot) -> str | None:
    for m in article.result.mentions:
        if slot.start < m.start and m.end < slot.end:
            return m.entity
        if m.start >= slot.end:
            break
    return None


def _frame_hits(article: Article, parsed: Sequence[ParsedSentence]) -> Iterator[tuple[Hit, str]]:
    sentences = [p.sentence for p in parsed]
    parsed = [p for p in parsed if not title_case(p.sentence.text)]
    parsed = [p for p in parsed if not p.sentence.text.rstrip(' *_”"').endswith("?")]
    parsed = [_with_bare_heads(article, p) for p in parsed]
    kinds = {e.id: e.type for e in article.result.entities}
    named_after = {d.offering: d.org for d in article.result.developments}
    speakers: dict[int, str] = {}  # who "we" is in each sentence
    for sentence in sentences:
        quote = quote_of(article, sentence)
        who = first_person_org(article, sentence.start) or (
            (quote.speaker_org or org_of(article, quote.speaker)) if quote is not None else None
        )
        if who is not None:
            speakers[sentence.start] = who
    government = article.governments[0] if article.governments else None
    developers = {e: d for e in kinds if (d := article.developer(e)) is not None}
    employers: dict[str, str] = {}
    for affiliation in article.result.affiliations:  # the first employer the text gives
        if affiliation.org is not None:
            employers.setdefault(affiliation.person, affiliation.org)
    for hit in find_frames(
        parsed,
        kinds,
        speakers=speakers,
        named_after=named_after,
        government=government,
        developers=developers,
        employers=employers,
    ):
        yield (
            Hit(hit.subject, hit.predicate, hit.object, hit.sentence, hit.sentence.text,
                hit.resolved, modality=hit.modality, clause=hit.clause),
            hit.trigger.lower(),
        )  # fmt: skip


def _with_bare_heads(article: Article, parsed: ParsedSentence) -> ParsedSentence:
    """Mark "the GPUs", "1 million chips" as the one named offering they shorten, for frames."""
    if not names_head(parsed.sentence.text):
        return parsed
    entities = list(parsed.entities)
    for slot in bare_heads(article, parsed.sentence):
        start, end = slot.start - parsed.sentence.start, slot.end - parsed.sentence.start
        span = parsed.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(entities[span.start : span.end]):
            entities[span.start : span.end] = [slot.entity] * len(span)
    return replace(parsed, entities=tuple(entities))


def all_hits(article: Article, parsed: Sequence[ParsedSentence]) -> Iterator[tuple[Hit, str]]:
    """Yield each hit of the article with its cue: frames, then rules, then facts."""
    yield from _frame_hits(article, parsed)
    rules = load_relation_rules()
    prefilter = relation_rule_filter()
    text = article.document.text
    for index, sentence in enumerate(article.sentences):
        slots = sentence_slots(article, index)
        if len(slots) < 1:
            continue
        if title_case(sentence.text) or sentence.text.rstrip(' *_”"').endswith("?"):
            continue  # a title-case headline or a question asserts nothing
        for masked in clauses(mask(text, sentence, slots)):
            for i in possible_rules(prefilter, masked):
                rule = rules[i]
                for match in rule.regex.finditer(masked):
                    for hit in match_hits(article, rule, sentence, slots, masked, match):
                        yield hit, PREDICATES[rule.predicate][0]
    yield from _fact_hits(article)
    for hit in label_hits(article):  # "Customers: A, B": the company the article is about's
        yield hit, "label"
