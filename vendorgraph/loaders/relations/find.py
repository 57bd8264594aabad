"""The whole pass: :func:`find_relations` gathers the hits, corrects them and merges them.

Two sentences that state one relation give one relation: the better-evidenced sentence (here
the one with a start year) is kept.

Examples
--------
>>> from vendorgraph.loaders.entities import find_entities
>>> from vendorgraph.ontology.lexicon import Lexicon
>>> from vendorgraph.ontology.model import Document
>>> doc = Document(text="Acme Labs partners with Beta Systems. "
...                "Acme Labs has partnered with Beta Systems since 2019.")
>>> found = find_entities(doc, lexicon=Lexicon([]))
>>> [(r.subject, r.predicate.value, r.object, r.span.start, r.start)
...  for r in find_relations(doc, found, lexicon=Lexicon([]))]
[('org/acme-labs', 'partners_with', 'org/beta-systems', 38, '2019')]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

from vendorgraph.loaders.entities import EntityResult, entity_spans
from vendorgraph.loaders.parse import ParsedSentence, parse_sentences
from vendorgraph.loaders.prefilter import sentences_to_parse
from vendorgraph.loaders.relations.article import Article, index_classes
from vendorgraph.loaders.relations.assemble import adjust, merge, to_relation
from vendorgraph.loaders.relations.chain import supplied_parts
from vendorgraph.loaders.relations.hits import all_hits
from vendorgraph.loaders.relations.references import find_maker_words, speaks_first_person
from vendorgraph.loaders.text import Sentence, split_sentences
from vendorgraph.ontology.lexicon import Lexicon
from vendorgraph.ontology.model import Document, Quantity, Quote, Relation
from vendorgraph.ontology.terms import EntityType, Predicate

__all__ = ["find_relations"]


def find_relations(
    document: Document,
    entities: EntityResult,
    *,
    lexicon: Lexicon,
    quotes: tuple[Quote, ...] = (),
    quantities: tuple[Quantity, ...] = (),
    sentences: tuple[Sentence, ...] | None = None,
    parsed: Sequence[ParsedSentence] | None = None,
) -> tuple[Relation, ...]:
    """Find the relations the body of `document` states between its entities.

    Parameters
    ----------
    document : Document
        The article.
    entities : EntityResult
        Its entities and mentions (from :func:`~vendorgraph.loaders.entities.find_entities`).
    lexicon : Lexicon
        Reference knowledge: who develops which offering.
    quotes : tuple of Quote
        Its quotes, to credit a claim made in a quote to the speaker.
    quantities : tuple of Quantity
        Its numbers, to qualify a claim with the amount stated alongside it.
    sentences : tuple of Sentence, optional
        The body's sentences, if already split.
    parsed : sequence of ParsedSentence, optional
        The parsed sentences (:func:`~vendorgraph.loaders.parse.parse_sentences`), if already
        parsed.

    Returns
    -------
    tuple of Relation
        One relation per (subject, predicate, object), the best-evidenced sentence kept and
        the qualifiers of the others merged in; sorted by position.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> from vendorgraph.loaders.entities import find_entities
    >>> doc = Document(text="Acme Labs and Beta Systems have worked together since 2011.")
    >>> rel = find_relations(doc, find_entities(doc, lexicon=Lexicon([])), lexicon=Lexicon([]))[0]
    >>> rel.predicate.value, rel.start
    ('partners_with', '2011')
    """
    sents = (
        sentences if sentences is not None else split_sentences(document.text, document.body_start)
    )
    by_id = {e.id: e for e in entities.entities}
    governments = tuple(
        e.id
        for e in sorted(entities.entities, key=lambda e: e.mentions[0].start)
        if e.type is EntityType.GOVERNMENT
    )
    article = Article(
        document,
        by_id,
        entities,
        lexicon,
        sents,
        quotes,
        quantities,
        governments,
        doc_id=document.id,
        first_person=speaks_first_person(document, quotes),
    )
    article.starts.extend(m.start for m in entities.mentions)
    index_classes(article)
    # reversed, so that the first mention of each entity is the one written last
    article.first.update((m.entity, m.start) for m in reversed(entities.mentions))
    article.counts.update(Counter(m.entity for m in entities.mentions))
    article.maker_words.extend(find_maker_words(document.text))
    article.direct.extend((q.span.start, q.span.end) for q in quotes if q.direct)
    starts = [q.span.start for q in quantities]
    if all(a <= b for a, b in itertools.pairwise(starts)):
        article.quantity_starts.extend(starts)
    found: list[Relation] = []
    if parsed is None:
        spans = entity_spans(entities)
        parsed = parse_sentences(document.text, sentences_to_parse(sents, spans), spans)
    hits = list(all_hits(article, parsed))
    for hit, _ in hits:  # who the text says develops what, for claims about an offering
        if hit.predicate is Predicate.DEVELOPS and article.cls(hit.subject) == "org":
            article.stated.setdefault(hit.object, hit.subject)
    for hit, cue in hits:
        adjusted = adjust(article, hit)
        relation = to_relation(article, adjusted, cue) if adjusted is not None else None
        if relation is not None:
            found.append(relation)
    found.extend(list(supplied_parts(article, found)))
    return merge(found)
