r"""The article extractor: a document in, an :class:`~vendorgraph.ontology.model.Extraction` out.

:func:`extract` splits the body into sentences once, then finds entities, quantities, quotes
and relations in that order (each step reads what the steps before it found) and screens the
result (:func:`~vendorgraph.ontology.screening.screen`): a record that breaks a rule of the model
is repaired or left out with its reason, never a reason to lose the article.

Examples
--------
>>> from vendorgraph.loaders.documents import parse_document
>>> doc = parse_document("Acme Labs CEO Jane Roe said Acme Labs will deploy Nvidia GPUs.\n")
>>> ex = extract(doc)
>>> sorted(r.predicate.value for r in ex.relations)
['deploys', 'develops', 'employs']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from vendorgraph.loaders.entities import entity_spans, find_entities
from vendorgraph.loaders.names import names_from_parse
from vendorgraph.loaders.parse import marked, parse_sentences
from vendorgraph.loaders.prefilter import sentences_to_parse
from vendorgraph.loaders.quantities import find_quantities
from vendorgraph.loaders.quotes import find_quotes
from vendorgraph.loaders.relations import find_relations
from vendorgraph.loaders.relations.market import retyped
from vendorgraph.loaders.text import split_sentences
from vendorgraph.ontology.lexicon import Lexicon, load_lexicon
from vendorgraph.ontology.model import Document, Extraction, Relation
from vendorgraph.ontology.screening import screen

__all__ = ["ExtractOptions", "extract"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractOptions:
    """Options of :func:`extract`.

    Parameters
    ----------
    lexicon : Lexicon or None
        The reference entities; None for the packaged lexicon.
    quotes : bool
        Whether to look for quotes.
    relations : bool
        Whether to look for relations.
    """

    lexicon: Lexicon | None = None
    quotes: bool = True
    relations: bool = True


def extract(document: Document, *, options: ExtractOptions | None = None) -> Extraction:
    """Extract entities, quantities, quotes and relations from the body of `document`.

    Parameters
    ----------
    document : Document
        The article (see :func:`vendorgraph.loaders.documents.read_document`).
    options : ExtractOptions, optional
        What to look for and with which lexicon.

    Returns
    -------
    Extraction
        Every record with spans into ``document.text``; records left out are listed in
        ``rejected`` with their reasons. The same input gives the same output.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> ex = extract(Document(text="Intel Capital invests in Acme AI."))
    >>> [(e.name, e.type.value) for e in ex.entities]
    [('Acme AI', 'AILab'), ('Intel Capital', 'InvestmentFirm')]
    """
    opts = options or ExtractOptions()
    lexicon = opts.lexicon if opts.lexicon is not None else load_lexicon()
    sentences = split_sentences(document.text, document.body_start)
    entities = find_entities(document, lexicon=lexicon, sentences=sentences)
    quantities = find_quantities(document)
    spans = entity_spans(entities)
    parsed = parse_sentences(document.text, sentences_to_parse(sentences, spans), spans)
    entities = names_from_parse(document.text, parsed, entities)
    spans = entity_spans(entities)
    parsed = tuple(marked(p, spans) for p in parsed)
    quotes = (
        find_quotes(document, entities, sentences=sentences, parsed=parsed) if opts.quotes else ()
    )
    relations: tuple[Relation, ...] = ()
    if opts.relations:
        find = functools.partial(
            find_relations,
            document,
            lexicon=lexicon,
            quotes=quotes,
            quantities=quantities,
            sentences=sentences,
            parsed=parsed,
        )
        relations = find(entities)
        typed = retyped(entities.entities, relations)
        if typed != entities.entities:  # a company shown to design chips: read deals again
            entities = replace(entities, entities=typed)
            relations = find(entities)
    return screen(
        document,
        entities=entities.entities,
        quotes=quotes,
        relations=relations,
        quantities=quantities,
    )
