from __future__ import annotations

import pytest

from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.entities import find_entities
from vendorgraph.loaders.pipeline import extract
from vendorgraph.loaders.quotes import find_quotes
from vendorgraph.ontology.lexicon import Lexicon, LexiconEntry
from vendorgraph.ontology.model import Document
from vendorgraph.ontology.terms import EntityType

LEX = Lexicon(
    [
        LexiconEntry(
            id="org/nvidia", name="Nvidia", type=EntityType.CHIP_VENDOR, kind="Organization"
        ),
        LexiconEntry(
            id="org/reuters", name="Reuters", type=EntityType.PUBLISHER, kind="NewsOrganization"
        ),
    ]
)


def _quotes(text: str):
    doc = Document(text=text)
    return find_quotes(doc, find_entities(doc, lexicon=LEX))


def _extracted(text: str):
    """Run the whole extractor (parse included) on `text`; return it and the names by id."""
    ex = extract(parse_document(text if text.endswith("\n") else text + "\n"))
    return ex, {e.id: e.name for e in ex.entities}


def test_direct_quote_split_around_said_name_gives_both_halves_one_speaker():
    text = (
        "“Demand is strong,” said Harbor Ventures Partner Tomas Reyes. "
        "“We expect more in the spring.”"
    )
    quotes = _quotes(text)
    assert [q.text for q in quotes] == ["Demand is strong", "We expect more in the spring."]
    assert {q.speaker for q in quotes} == {"person/tomas-reyes"}
    assert quotes[0].speaker_role == "Partner"
    assert quotes[0].speaker_org == "org/harbor-ventures"
    assert all(q.direct for q in quotes)


def test_straight_quotes_and_name_said_order():
    text = 'Quill Labs CEO Asha Verma spoke. "Prices will fall next year," Verma said.'
    (quote,) = [q for q in _quotes(text) if q.direct]
    assert quote.text == "Prices will fall next year"
    assert quote.speaker == "person/asha-verma"


def test_pronoun_speaker_is_the_most_recent_person():
    text = "Quill Labs CEO Asha Verma spoke. “It is early days for us,” she said."
    (quote,) = [q for q in _quotes(text) if q.direct]
    assert quote.speaker == "person/asha-verma"


def test_words_credited_to_a_company_get_the_company():
    text = "In a statement, Nvidia said it does not expect “a lasting effect on our sales”."
    (quote,) = _quotes(text)
    assert quote.speaker == "org/nvidia"
    assert quote.text == "a lasting effect on our sales"


@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        (
            "Quill Labs CEO Asha Verma said that margins will improve.",
            "margins will improve",
            "said",
        ),
        (
            "Margins will improve, according to Quill Labs CEO Asha Verma.",
            "Margins will improve",
            "according to",
        ),
        (
            "According to Quill Labs CEO Asha Verma, margins will improve.",
            "margins will improve",
            "according to",
        ),
        (
            "Quill Labs CEO Asha Verma described the deal as a turning point.",
            "the deal as a turning point",
            "described",
        ),
        (
            "Quill Labs CEO Asha Verma estimates the market will double.",
            "the market will double",
            "estimates",
        ),
        (
            "Quill Labs CEO Asha Verma confirmed with Reuters that the plant will open.",
            "the plant will open",
            "confirmed",
        ),
        (
            "Margins will improve over time, Asha Verma said.",
            "Margins will improve over time",
            "said",
        ),
    ],
)
def test_reported_speech_forms(text, words, cue):
    (quote,) = _quotes(text)
    assert (quote.text, quote.speaker, quote.direct, quote.cue) == (
        words,
        "person/asha-verma",
        False,
        cue,
    )


def test_unnamed_speaker_keeps_label_and_org():
    (quote,) = _quotes("A Nvidia executive told Reuters that shipments will start soon.")
    assert quote.speaker is None
    assert quote.speaker_label == "A Nvidia executive"
    assert quote.speaker_org == "org/nvidia"


def test_role_reference_resolves_to_the_role_holder():
    text = "Quill Labs CEO Asha Verma spoke. Growth is back, the Quill Labs CEO said."
    quotes = _quotes(text)
    assert quotes[-1].speaker == "person/asha-verma"


def test_single_word_scare_quotes_are_skipped():
    assert _quotes("Analysts call it a “neocloud” market.") == ()


def test_reported_words_holding_a_partial_quote_are_kept_and_share_the_speaker():
    text = (
        "Ines Halvorsen, a memory-chip analyst at Quarry Securities, said the Orbit deal "
        '"settles the supply question for two years" and raised her forecast.\n'
    )
    ex, names = _extracted(text)
    quotes = {(names.get(q.speaker), q.direct, q.text) for q in ex.quotes}
    assert ("Ines Halvorsen", True, "settles the supply question for two years") in quotes
    reported = [q for q in ex.quotes if not q.direct]
    assert [names.get(q.speaker) for q in reported] == ["Ines Halvorsen"]
    assert reported[0].text.startswith("the Orbit deal")  # her own act is not what she said
    assert "raised" not in reported[0].text
    assert ("Quarry Securities", "employs", "Ines Halvorsen") in {
        (names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations
    }


def test_a_single_quoted_sentence_after_an_attributed_one_keeps_its_speaker():
    from vendorgraph.loaders.text import split_sentences

    text = (
        "Mara Quint runs the platform at Pinecrest AI, a lab in Lisbon. 'It is the price of "
        "anyone's money,' the Pinecrest executive replied. 'Nvidia doesn't hand out free GPUs.'"
    )
    starts = [s.text[0] for s in split_sentences(text)]
    assert starts == ["M", "'", "'"]  # the opening mark begins its sentence
    ex, names = _extracted(text)
    assert {(names.get(q.speaker), q.text) for q in ex.quotes if q.direct} == {
        ("Mara Quint", "It is the price of anyone's money"),
        ("Mara Quint", "Nvidia doesn't hand out free GPUs."),
    }


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("Quill Labs, a customer of both firms, submitted that switching would take a year.",
         "Quill Labs", "switching would take a year"),
        ("The regulator's chair, Asha Verma, concluded that the merger would raise prices.",
         "Asha Verma", "the merger would raise prices"),
        ("Asha Verma alleges that the license change locked customers in.",
         "Asha Verma", "the license change locked customers in"),
    ],
)  # fmt: skip
def test_submissions_findings_and_allegations_are_reported_speech(text, speaker, words):
    ex, names = _extracted(text)
    assert (speaker, words) in {(names.get(q.speaker), q.text) for q in ex.quotes if not q.direct}


def test_a_speaker_set_off_by_commas_mid_sentence_reports_the_words_around():
    (quote,) = _quotes("Prices, Asha Verma argued, will rise next year.")
    assert (quote.text, quote.speaker, quote.direct, quote.cue) == (
        "Prices will rise next year",
        "person/asha-verma",
        False,
        "argued",
    )
    assert quote.span.text == "Prices, Asha Verma argued, will rise next year"


def test_in_his_words_hands_the_quote_to_the_person_named_last():
    text = (
        "Kenji Mori, trade policy director at the Meridian Trade Institute, expects Japan to "
        'act by 2027. In his words: "The rule is less a wall than a toll booth."\n'
    )
    ex, names = _extracted(text)
    direct = [(names.get(q.speaker), q.text) for q in ex.quotes if q.direct]
    assert direct == [("Kenji Mori", "The rule is less a wall than a toll booth.")]
