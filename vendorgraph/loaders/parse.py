"""Parse sentences with the shipped English pipeline and mark the tokens of each entity mention.

The pipeline (``loaders/model/en_vendorgraph_ewt``: a tagger of universal parts of speech and
features, a dependency parser and spaCy's rule lemmatizer) was trained on the UD English Web
Treebank by ``training/parser/train.py``; its model card gives its accuracy and licence. It is
loaded once, on first use, so that importing the loaders stays cheap.

Each token that lies in an entity mention is marked with the entity's id
(:attr:`ParsedSentence.entities`), so relation frames match an argument by its role in the tree
(``nsubj``, ``obj``, ``obl`` with its case word) and read which entity it names: "Amazon Web
Services" is three tokens whose head, "Services", names ``org/aws``. (Merging a mention into one
token before parsing was tried and rejected: the parser, trained on ordinary words, misreads
a token with spaces in it.)

The treebank is web text in the first and second person: the present tense of the verbs the
relation frames read ("buys", "rents", "sells", "designs") is nearly absent from it, and the
parser misreads it after a name. Such a word after a subject is given, for the parse only, the
norm of a verb the treebank has often (:func:`_familiar_verbs`), a name it has never
seen right after "to" or opening a sentence the norm of one it has
(:func:`_familiar_names_after_to`, :func:`_familiar_opening_name`), a past tense
right after the name a sentence opens with the norm of a familiar past tense
(:func:`_past_after_opening_name`), a present tense after a relative clause on the opening
name the same help (:func:`_after_opening_aside`), and a short written case word ("w/") its
full word (:func:`_spelled_out`). A prefixed word is one token, as in the treebank
("co-founded"; :data:`_PREFIXED`), lemmatised by its stem ("co-found").

Only sentences that can hold a claim are parsed (``loaders/prefilter.py`` chooses them), in
batches, and a
sentence longer than :data:`MAX_TOKENS` tokens is not parsed at all (a table flattened into
one line, a transcript without punctuation): parsing time stays linear in the text.

Examples
--------
>>> from vendorgraph.loaders.text import split_sentences
>>> text = "Amazon Web Services buys chips from Nvidia."
>>> spans = {(0, 19): "org/aws", (36, 42): "org/nvidia"}
>>> (parsed,) = parse_sentences(text, split_sentences(text), spans)
>>> [(t.text, parsed.entities[t.i]) for t in parsed.doc if parsed.entities[t.i]]
[('Amazon', 'org/aws'), ('Web', 'org/aws'), ('Services', 'org/aws'), ('Nvidia', 'org/nvidia')]
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    filter_spans,
)

from vendorgraph.loaders.limits import tokenize
from vendorgraph.loaders.text import Sentence

__all__ = [
    "MAX_TOKENS",
    "ParsedSentence",
    "common_nouns",
    "common_verbs",
    "english_words",
    "is_english",
    "load_parser",
    "marked",
    "parse_sentences",
]

MAX_TOKENS = 120
"""Sentences with more tokens than this are not parsed (their claims are rarely sentences)."""

_MODEL = "en_vendorgraph_ewt"


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedSentence:
    """A parsed sentence: its :class:`Sentence`, its spaCy ``Doc``, and the entity of each token.

    ``entities[i]`` is the entity id named by token ``i`` (a merged mention), or None.
    Character offsets of a token in the document are ``sentence.start + token.idx``.
    """

    sentence: Sentence
    doc: Doc
    entities: tuple[str | None, ...]

    def entity(self, token_index: int) -> str | None:
        """Return the entity id token `token_index` names, or None."""
        return self.entities[token_index]


@functools.cache
def load_parser() -> Language:
    """Return the shipped tagger, parser and lemmatizer (loaded once).

    Examples
    --------
    >>> load_parser().pipe_names
    ['tok2vec', 'morphologizer', 'parser', 'lemmatizer']
    """
    path = resources.files("vendorgraph.loaders") / "model" / _MODEL
    with resources.as_file(path) as folder:
        # the shipped tokenizer is spaCy's English one as its defaults build it (a test holds
        # them byte for byte the same): it is built, not read back, in one go with the two
        # changes of _english_tokenizer, which loads in half the time
        return spacy.load(folder, exclude=["tokenizer"], config=_TOKENIZER)


_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "vendorgraph.english_tokenizer.v1"}}}


@spacy.registry.tokenizers("vendorgraph.english_tokenizer.v1")
def _english_tokenizer() -> Callable[[Language], Tokenizer]:
    """Return spaCy's English tokenizer factory with two changes.

    A prefixed word is one token, as in the treebank (:data:`_PREFIXED`), and a reference
    mark is split off the word before it (:data:`_REFERENCE_MARK`). Built in one go: setting
    a tokenizer's rules afterwards reloads its special cases each time.
    """

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,  # type: ignore[arg-type]
            suffix_search=compile_suffix_regex(
                [*defaults.suffixes, _REFERENCE_MARK]  # type: ignore[misc]
            ).search,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer,  # type: ignore[arg-type]
            token_match=_PREFIXED.match,
            url_match=defaults.url_match,
        )

    return make


# A reference mark ends a word of its own: "participating.[13]" is "participating", ".",
# "[13", "]", as an encyclopedia writes it (spaCy's suffixes would keep "participating.[13").
_REFERENCE_MARK = r"\[\d{1,3}"


# A word with a prefix and a hyphen is one token in the treebank ("co-founded", "non-stop",
# "re-elected", "e-mail"), as it is here; other hyphenated words are split there too
# ("US - based", "AI - driven"), as spaCy's English tokenizer splits them.
# A name after the prefix stays a token of its own ("ex-Oracle"): it is marked as the name.
_PREFIXED = re.compile(
    r"(?i:co|re|pre|non|post|anti|pro|mid|multi|ex|sub|semi|neo|cross|counter|over|vice"
    r"|micro|intra|un|e)-[a-z]+$"
)


def _lemma_tables() -> Any:
    """Return the lookup tables of the shipped rule lemmatizer (spaCy's official English ones)."""
    return load_parser().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]


@functools.cache
def common_nouns() -> frozenset[str]:
    """Return the English common nouns the lemmatizer's official tables know (lowercase).

    Examples
    --------
    >>> {"regulator", "analyst"} <= common_nouns(), "nebius" in common_nouns()
    (True, False)
    """
    return frozenset(_lemma_tables().get_table("lemma_index")["noun"])


@functools.cache
def common_verbs() -> frozenset[str]:
    """Return the English verbs the lemmatizer's official tables know (lowercase lemmas).

    Examples
    --------
    >>> {"consider", "take"} <= common_verbs(), "tarn" in common_verbs()
    (True, False)
    """
    return frozenset(_lemma_tables().get_table("lemma_index")["verb"])


@functools.cache
def english_words() -> frozenset[str]:
    """Return the English words the lemmatizer's tables know, and the function words.

    Examples
    --------
    >>> {"liquid", "quarry", "silicon"} <= english_words(), "hexmoor" in english_words()
    (True, False)
    """
    tables = _lemma_tables()
    irregular = tables.get_table("lemma_exc")  # "fell", "sold", "children"
    words = tables.get_table("lemma_index").values()
    return frozenset().union(*words, *irregular.values(), STOP_WORDS)  # and "the", "that", "if"


def is_english(word: str) -> bool:
    """Tell an English word, inflected or not, from a coined one (a name).

    Examples
    --------
    >>> [is_english(w) for w in ("Prices", "Rising", "rented", "Fell", "Hexmoor", "Tarrow")]
    [True, True, True, True, False, False]
    """
    known = english_words()
    w = word.lower()
    if w in known:
        return True
    for ending, cut, added in _INFLECTIONS:
        if w.endswith(ending) and w[: len(w) - cut] + added in known:
            return True
    return False


# (ending, letters cut, letters added back): "prices", "taxes", "companies", "rising", "rented"
_INFLECTIONS = (
    ("s", 1, ""),
    ("es", 2, ""),
    ("ies", 3, "y"),
    ("ing", 3, ""),
    ("ing", 3, "e"),
    ("ed", 2, ""),
    ("ed", 1, ""),
    ("ied", 3, "y"),
)


def parse_sentences(
    text: str,
    sentences: Iterable[Sentence],
    mentions: Mapping[tuple[int, int], str],
    *,
    batch_size: int = 64,
) -> tuple[ParsedSentence, ...]:
    """Parse `sentences` of `text`, each mention in `mentions` merged into one token.

    Parameters
    ----------
    text : str
        The document text the sentence offsets count in.
    sentences : iterable of Sentence
        The sentences to parse, in order; those over :data:`MAX_TOKENS` tokens are skipped.
    mentions : mapping of (start, end) to entity id
        Entity mentions, in document offsets. Overlapping mentions keep the longest.
    batch_size : int
        Sentences per batch of the pipeline.

    Returns
    -------
    tuple of ParsedSentence
        One per sentence parsed, in the order given.
    """
    nlp = load_parser()
    todo = [(s, *_marked(nlp, s, mentions)) for s in sentences]
    todo = [(s, doc, ents) for s, doc, ents in todo if len(doc) <= MAX_TOKENS]
    docs = nlp.pipe((doc for _, doc, _ in todo), batch_size=batch_size)
    return tuple(
        ParsedSentence(sentence=s, doc=_prefixed_lemmas(nlp, doc), entities=ents)
        for (s, _, ents), doc in zip(todo, docs, strict=True)
    )


def _prefixed_lemmas(nlp: Language, doc: Doc) -> Doc:
    """Lemmatise a prefixed word by its stem: "co-founded" → "co-found", not "co-founde"."""
    if "-" not in doc.text:
        return doc  # most sentences have no hyphen: no pass over their tokens
    for token in doc:
        if "-" in token.text and _PREFIXED.match(token.text):
            prefix, stem = token.text.split("-", 1)
            word = Doc(nlp.vocab, words=[stem.lower()])
            word[0].pos_ = token.pos_
            lemmas = nlp.get_pipe("lemmatizer").rule_lemmatize(word[0])  # type: ignore[attr-defined]
            token.lemma_ = f"{prefix.lower()}-{lemmas[0]}"
    return doc


def marked(parsed: ParsedSentence, mentions: Mapping[tuple[int, int], str]) -> ParsedSentence:
    """Return `parsed` with its tokens marked by `mentions` (after names were added)."""
    return replace(parsed, entities=_marks(parsed.doc, parsed.sentence, mentions))


def _marked(
    nlp: Language, sentence: Sentence, mentions: Mapping[tuple[int, int], str]
) -> tuple[Doc, tuple[str | None, ...]]:
    doc = tokenize(nlp, sentence.text)
    marks = _marks(doc, sentence, mentions)
    _spelled_out(doc)
    _past_after_opening_name(doc, marks)
    _familiar_opening_name(doc, marks)
    _familiar_verbs(doc, marks)
    _familiar_names_after_to(doc, marks)
    return doc, marks


_FAMILIAR_NAME = "google"  # a company name the treebank has often


def _familiar_names_after_to(doc: Doc, marks: tuple[str | None, ...]) -> None:
    """Let the parser read a coined name after "to" as a name, not an infinitive's verb.

    "supply HBM4 to Veltrix", "sold the plant to Veltrix": a word it has never seen after "to"
    is taken for a verb. The name's first word is given the norm of a name the treebank knows.
    """
    for token in doc[1:]:
        i = token.i
        if marks[i] is None or marks[i] == marks[i - 1] or not token.is_title:
            continue
        if is_english(token.text):
            continue
        if doc[i - 1].lower_ == "to":
            token.norm_ = _FAMILIAR_NAME


def _familiar_opening_name(doc: Doc, marks: tuple[str | None, ...]) -> None:
    """Let the parser read a coined name opening a sentence as a name ("Tervion designs").

    A capitalised word no English word list knows, first in its sentence and not yet known as
    an entity, before a comma or a frame's verb, is given the norm of a name the treebank has
    often; the parser, which has seen few sentences open with a name, reads it as a subject
    rather than a noun or a verb. A first name before a surname ("Oren Bakshi") is left alone.
    """
    if len(doc) < 3 or marks[0] is not None:
        return
    first = doc[0]
    if not (first.is_title and first.is_alpha and not is_english(first.text)):
        return
    end = 1  # "Hexmoor Infrastructure, the contractor": English words may follow in the name
    while end < len(doc) - 1 and doc[end].is_title and is_english(doc[end].text):
        end += 1
    after = doc[end]  # only before an apposition or a frame verb ("Tervion designs chips")
    if after.text == "," or after.lower_ in _verb_forms():
        first.norm_ = _FAMILIAR_NAME


# verbs the treebank has often, in the present and in the plain form (after a modal, or after
# two names joined by "and"): with an object, and without
_FAMILIAR = {
    ("present", True): "makes",
    ("present", False): "comes",
    ("base", True): "make",
    ("base", False): "go",
}


def _spelled_out(doc: Doc) -> None:
    """Give a short written form of a case word its full word as norm ("w/" → "with").

    The norm is what the parser's features and :func:`vendorgraph.loaders.tree.case_word` read,
    so "competes w/ CoreWeave" is read as "competes with CoreWeave". The forms are listed in the
    frames file (``[parse] spelled_out``).
    """
    spelled = _frames_file()["parse"]["spelled_out"]
    text = doc.text.lower()
    if not any(form in text for form in spelled):
        return  # most sentences have none: no pass over their tokens
    for token in doc:
        if token.lower_ in spelled:
            token.norm_ = spelled[token.lower_]


_FAMILIAR_PAST = "had"  # the treebank's most frequent past tense of a full verb (403 in train)


def _past_after_opening_name(doc: Doc, marks: tuple[str | None, ...]) -> None:
    """Let the parser read a past tense right after the name a sentence opens with as its verb.

    "Meta confirmed on Tuesday that ...": the parser, which has seen few sentences open with a
    company's name, reads the name as the root and the verb as a participle modifying it
    (as in a headline). So too after a relative clause on the name ("X, which designs chips,
    raised ..."). The verb is given the norm of a past tense the treebank has often
    ("had"); a verb with a name after it ("X named Jane Roe its CFO") is read well, and "X
    acquired by Y" (a participle with its agent) is left alone.
    """
    if not marks or marks[0] is None:
        return
    after = next((i for i, m in enumerate(marks) if m != marks[0]), len(doc))
    # "X, which designs chips, raised $300 million": the verb after the clause on the name
    closing = next(
        (i for i in range(after + 2, len(doc) - 1) if _after_opening_aside(doc, marks, i)), None
    )
    if closing is not None:
        after = closing + 1
    if after >= len(doc) - 1:
        return
    verb = doc[after]
    if (
        verb.is_lower
        and verb.text.endswith("ed")
        and is_english(verb.text)
        and doc[after + 1].lower_ != "by"
        and not doc[after + 1].is_title  # "X named Jane Roe its CFO" is read well
    ):
        verb.norm_ = _FAMILIAR_PAST


def _familiar_verbs(doc: Doc, marks: tuple[str | None, ...]) -> None:
    """Let the parser read the frames' verbs as verbs where the treebank rarely has them so.

    The treebank (web text, written in the first and second person) has almost no "buys",
    "rents", "sells", "leases" or "designs", and has "supply" or "power" mostly as nouns; the
    parser misreads them ("Fenwick sells/ADP chips", "AWS will supply/ADJ chips"). Such a word
    right after a name, a subject pronoun or a noun for a company ("the company also buys"; the
    present tense), or after a modal (the base form), is given the norm of a verb the treebank
    has often, which its features are read from; the word itself is kept. The present plural
    after two names joined by "and" ("Nvidia and AMD both compete with Corvalis") is read as a
    noun phrase even for verbs the treebank knows (it has them after "we" and "they"), so it
    is helped for every frame verb. So is a present form after "and" in a sentence that opens
    with a name ("Orrel Labs trains models and rents GPUs from Lambda": both are its verbs).
    """
    forms, words = _verb_forms(), _aid_words()
    for token in doc:
        if token.i == 0 or not token.is_lower or token.lower_ not in forms:
            continue  # "Daunt Networks": a capitalised word is part of a name
        tense, transitive, known = forms[token.lower_]
        before = token.i - 1
        while before > 0 and (
            doc[before].lower_ in words["adverbs"] or doc[before].lower_.endswith("ly")
        ):
            before -= 1
        word = doc[before]
        if tense == "base":  # "will rely on" is read well: only a verb with an object
            verb = _plural_subject(doc, marks, before) or (
                transitive and not known and word.lower_ in words["modals"]
            )
        else:
            verb = not known and (
                marks[before] is not None
                or word.lower_ in words["subjects"]
                or word.lower_ in words["company_nouns"]  # "the company also buys"
                or (word.is_title and (before > 0 or word.norm_ == _FAMILIAR_NAME))
                or _after_opening_aside(doc, marks, before)
                or (word.lower_ == "and" and bool(marks) and marks[0] is not None)
            )
        if verb:
            token.norm_ = _FAMILIAR[tense, transitive]


def _after_opening_aside(doc: Doc, marks: tuple[str | None, ...], comma: int) -> bool:
    """Tell whether token `comma` closes a relative clause on the name a sentence opens with.

    "Seravine, which is based in Bristol, designs ...": the verb after the clause is the
    name's (an apposition, "X, a Y customer, trains ...", is read well as it is).
    """
    if doc[comma].text != "," or not marks or marks[0] is None:
        return False
    after = next((i for i, m in enumerate(marks) if m != marks[0]), len(doc))
    return (
        after < comma - 2
        and doc[after].text == ","
        and doc[after + 1].lower_ in ("which", "who", "that")
        and "," not in doc[after + 1 : comma].text
    )


def _plural_subject(doc: Doc, marks: tuple[str | None, ...], last: int) -> bool:
    """Tell whether token `last` ends two names joined by "and" ("Nvidia and AMD")."""
    if marks[last] is None:
        return False
    first = last
    while first > 0 and marks[first - 1] == marks[last]:
        first -= 1
    return first > 1 and doc[first - 1].lower_ in ("and", "&") and marks[first - 2] is not None


@functools.cache
def _frames_file() -> dict[str, Any]:
    """Return the frames file's tables: its verbs, and the word lists of the parse aids."""
    path = resources.files("vendorgraph.loaders") / "patterns" / "frames.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _aid_words() -> dict[str, frozenset[str]]:
    """Return the word lists of the parse aids: subjects, modals and adverbs between.

    A noun for a company ("the company", "the chipmaker") is a subject as a pronoun is.
    """
    aids = _frames_file()["parse"]
    words = {name: frozenset(aids[name]) for name in ("subjects", "modals", "adverbs")}
    return {**words, "company_nouns": frozenset(_frames_file()["reference"]["company_nouns"])}


@functools.cache
def _verb_forms() -> dict[str, tuple[str, bool, bool]]:
    """Return the present and base forms of the relation frames' verbs the parser may misread.

    Each with its tense ("present" or "base"), whether the verb takes an object (the frames
    file lists those that do not: "relies on X") and whether the treebank has the form often
    as a verb (the frames file's ``familiar`` list).
    """
    raw = _frames_file()
    intransitive = set(raw["parse"]["intransitive"])
    familiar = set(raw["parse"]["familiar"])
    forms: dict[str, tuple[str, bool, bool]] = {}
    for frame in raw["verb"]:
        for lemma in frame["lemmas"]:
            present = _third_person(lemma)
            for form, tense in ((present, "present"), (lemma, "base")):
                if " " not in form:
                    known = form in familiar
                    forms.setdefault(form, (tense, lemma not in intransitive, known))
    return forms


def _third_person(lemma: str) -> str:
    """Return the third-person singular present of `lemma` ("buy" → "buys", "rely" → "relies")."""
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    return lemma + "s"


def _marks(
    doc: Doc, sentence: Sentence, mentions: Mapping[tuple[int, int], str]
) -> tuple[str | None, ...]:
    spans: list[Span] = []
    for (start, end), entity in mentions.items():
        if sentence.start <= start and end <= sentence.end:
            span = doc.char_span(start - sentence.start, end - sentence.start, label=entity,
                                 alignment_mode="expand")  # fmt: skip
            if span is not None:
                spans.append(span)
    entities: list[str | None] = [None] * len(doc)
    for span in filter_spans(spans):
        for i in range(span.start, span.end):
            entities[i] = span.label_
    return tuple(entities)
