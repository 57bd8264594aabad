"""The shipped tagger and parser: it loads, parses, lemmatizes, and carries its licence."""

from __future__ import annotations

from importlib import resources

import pytest

from vendorgraph.loaders.parse import MAX_TOKENS, load_parser, parse_sentences
from vendorgraph.loaders.text import split_sentences
from vendorgraph.loaders.tree import case_word


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


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("Fenwick sells chips to Meta.", "sells"),
        ("Orrin Silicon designs its own chips.", "designs"),
        ("Orrin Silicon also ships its chips to Meta.", "ships"),
    ],
)
def test_a_present_verb_the_treebank_lacks_is_read_as_the_verb_after_a_name(sentence, verb):
    spans = {(0, sentence.index(" ", 7) if sentence.startswith("Orrin") else 7): "org/x"}
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), spans)
    token = next(t for t in parsed.doc if t.text == verb)
    assert token.dep_ == "ROOT" and token.pos_ == "VERB", [
        (t.text, t.pos_, t.dep_) for t in parsed.doc
    ]
    assert parsed.doc.text == sentence  # the words themselves are kept


@pytest.mark.parametrize(
    "sentence", ["The company also buys GPUs from Nvidia.", "The chipmaker rents capacity."]
)
def test_a_present_verb_after_a_noun_for_a_company_is_read_as_the_verb(sentence):
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {})
    verb = parsed.doc[3] if " also " in sentence else parsed.doc[2]
    assert (verb.pos_, verb.dep_) == ("VERB", "ROOT"), [
        (t.text, t.pos_, t.dep_) for t in parsed.doc
    ]


def test_a_base_form_after_a_modal_is_read_as_a_verb():
    sentence = "AWS will supply chips to the Chatty maker."
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {(0, 3): "org/aws"})
    supply = parsed.doc[2]
    assert (supply.pos_, supply.dep_) == ("VERB", "ROOT")


def test_a_capitalised_or_plural_noun_use_is_left_alone():
    sentence = "Daunt Networks ships its designs to Meta."
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {(0, 14): "org/daunt"})
    norms = {t.text: t.norm_ for t in parsed.doc}
    assert norms["Networks"] == "networks" and norms["designs"] == "designs"
    assert norms["ships"] != "ships"


def test_a_coined_name_after_to_is_read_as_a_name_not_a_verb():
    sentence = "Hanseong Electronics will supply HBM4 to Veltrix for its chips."
    spans = {(0, 20): "org/hanseong", (43, 50): "org/veltrix"}
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), spans)
    veltrix = next(t for t in parsed.doc if t.text == "Veltrix")
    assert veltrix.pos_ == "PROPN" and veltrix.head.text == "supply", veltrix.dep_


def test_a_present_plural_after_two_names_is_read_as_a_verb():
    sentence = "Fennick Labs and Oberon Silicon compete with Tarrow Compute."
    spans = {(0, 12): "org/fennick", (17, 31): "org/oberon", (44, 58): "org/tarrow"}
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), spans)
    compete = parsed.doc[5]
    assert (compete.text, compete.pos_, compete.dep_) == ("compete", "VERB", "ROOT")


def test_a_short_written_case_word_reads_as_the_full_word():
    sentence = "Quillmark competes w/ Lambda."
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {(22, 28): "org/lambda"})
    lam = next(t for t in parsed.doc if t.text == "Lambda")
    assert case_word(lam) == "with"
    assert parsed.doc.text == sentence


@pytest.mark.parametrize("name", ["Redcliff", "Halden", "Tarnwell"])
def test_a_past_tense_after_the_opening_name_is_the_main_verb(name):
    sentence = f"{name} confirmed on Tuesday that Tarn Systems will add a second plant."
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {(0, len(name)): "org/x"})
    assert (parsed.doc[1].text, parsed.doc[1].dep_) == ("confirmed", "ROOT")
    assert parsed.doc[0].dep_ == "nsubj"


def test_a_past_tense_after_a_relative_clause_on_the_opening_name_is_the_main_verb():
    sentence = (
        "Ardent Silicon, which designs inference accelerators, raised $300 million from "
        "Pellucid Capital and Saltmarsh Ventures."
    )
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {(0, 14): "org/ardent"})
    raised = next(t for t in parsed.doc if t.text == "raised")
    assert (raised.pos_, raised.dep_) == ("VERB", "ROOT"), [
        (t.text, t.pos_, t.dep_) for t in parsed.doc
    ]
    assert parsed.doc.text == sentence


def test_a_participle_with_its_agent_after_a_name_is_left_alone():
    sentence = "Orrin acquired by Tarn Systems in 2024."
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {(0, 5): "org/orrin"})
    assert parsed.doc[1].norm_ == "acquired"


@pytest.mark.parametrize(
    "sentence",
    [
        "Brenmoor, which is based in Leeds, designs retimer chips for servers.",
        "Brenmoor, who was founded in Leeds, sells retimer chips to Meta.",
    ],
)
def test_a_present_verb_after_a_relative_clause_on_the_opening_name_is_its_verb(sentence):
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {(0, 8): "org/brenmoor"})
    verb = next(t for t in parsed.doc if t.text in ("designs", "sells"))
    assert (verb.pos_, verb.dep_) == ("VERB", "ROOT"), [
        (t.text, t.pos_, t.dep_) for t in parsed.doc
    ]
    assert parsed.doc[0].head == verb


def test_a_prefixed_word_is_one_token_lemmatised_by_its_stem():
    sentence = "Mateus Okonjo, who co-founded Vireo Cloud, is an ex-Oracle engineer."
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {})
    words = [t.text for t in parsed.doc]
    assert "co-founded" in words, words  # as the treebank writes it
    assert "Oracle" in words, words  # a name after the prefix keeps its own token
    founded = parsed.doc[words.index("co-founded")]
    assert founded.lemma_ == "co-found" and founded.pos_ == "VERB"


def test_the_tokenizer_built_from_the_defaults_is_the_shipped_one():
    # load_parser builds the tokenizer from spaCy's English defaults instead of reading the
    # shipped file back: the two must be the same, byte for byte
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer

    folder = resources.files("vendorgraph.loaders") / "model" / "en_vendorgraph_ewt"
    nlp = English()
    with resources.as_file(folder / "tokenizer") as path:
        shipped = Tokenizer(nlp.vocab).from_disk(path)
    assert English().tokenizer.to_bytes() == shipped.to_bytes()


def test_a_reference_mark_is_split_off_the_word_before_it():
    sentence = "Its round was led by Greyfield Partners, with Arm participating.[13]"
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {})
    words = [t.text for t in parsed.doc]
    assert words[-4:] == ["participating", ".", "[13", "]"], words


@pytest.mark.parametrize(
    ("sentence", "name", "verb"),
    [
        ("Tervion designs chips for data centres.", "Tervion", "designs"),
        ("Halmont sells servers to banks.", "Halmont", "sells"),
        ("Kessra designs inference chips.", "Kessra", "designs"),
    ],
)
def test_a_coined_name_no_one_has_marked_yet_opening_a_sentence_is_its_subject(
    sentence, name, verb
):
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {})
    subject = next(t for t in parsed.doc if t.text == name)
    assert (subject.dep_, subject.head.text) == ("nsubj", verb)


def test_a_first_name_and_surname_opening_a_sentence_stay_one_name():
    sentence = "Oren Bakshi, a firmware engineer who left in 2026, says she reads every line."
    (parsed,) = parse_sentences(sentence, split_sentences(sentence), {})
    assert parsed.doc[0].head.text == "Bakshi" or parsed.doc[1].head.text == "Oren"
