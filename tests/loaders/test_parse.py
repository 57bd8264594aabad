"""The shipped tagger and parser: it loads, parses, lemmatizes, and carries its licence."""

from __future__ import annotations

from importlib import resources

import pytest

from vendorgraph.loaders.parse import MAX_TOKENS, load_parser, parse_sentences
from vendorgraph.loaders.text import split_sentences


def test_the_shipped_pipeline_loads_with_its_components_and_licence():
    nlp = load_parser()
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser", "lemmatizer"]
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    folder = resources.files("vendorgraph.loaders") / "model" / "en_vendorgraph_ewt"
    assert "Attribution-ShareAlike 4.0" in (folder / "LICENSE-EWT.txt").read_text(encoding="utf-8")
    assert "UAS" in (folder / "MODEL_CARD.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sentence", "arcs"),
    [
        ("The company will deploy the new chips next year.",
         {("company", "nsubj", "deploy"), ("chips", "obj", "deploy"), ("will", "aux", "deploy")}),
        ("The chips were designed by the engineers.",
         {("chips", "nsubj:pass", "designed"), ("engineers", "obl:agent", "designed")}),
    ],
)  # fmt: skip
def test_plain_sentences_parse_to_their_core_arcs(sentence, arcs):
    doc = load_parser()(sentence)
    found = {(t.text, t.dep_, t.head.text) for t in doc}
    assert arcs <= found, found


def test_lemmas_come_from_the_rule_lemmatizer():
    doc = load_parser()("The firms were deploying more processors.")
    assert [t.lemma_ for t in doc if t.pos_ in ("NOUN", "VERB")] == ["firm", "deploy", "processor"]


def test_mentions_mark_their_tokens_and_long_sentences_are_not_parsed():
    text = "Acme Cloud buys chips. It " + "word " * (MAX_TOKENS + 5) + "ends."
    spans = {(0, 10): "org/acme-cloud"}
    parsed = parse_sentences(text, split_sentences(text), spans)
    assert len(parsed) == 1  # the over-long second sentence is skipped, not parsed
    (first,) = parsed
    assert [t.text for t in first.doc if first.entity(t.i)] == ["Acme", "Cloud"]
    assert first.sentence.start + first.doc[2].idx == text.index("buys")
