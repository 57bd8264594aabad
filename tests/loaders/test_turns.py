"""Transcripts and Q&A interviews: words without quotation marks, attributed by their layout."""

from __future__ import annotations

from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.pipeline import extract
from vendorgraph.loaders.text import split_sentences
from vendorgraph.loaders.turns import interview_answers, transcript_turns

CALL = (
    "Harbor Cloud second-quarter call\n\n"
    "Operator: Good morning, and welcome to Harbor Cloud's results call, with chief executive "
    "Ines Calder.\n\n"
    "Ines Calder, CEO: We added 40 megawatts. We buy our racks from Tarn Systems.\n\n"
    "We expect more next year.\n\n"
    "Rui Mota, Pellam Research: What about prices?\n\n"
    "Ines Calder, CEO: They hold.\n"
)

INTERVIEW = (
    "Vesper Labs builds robots. We met its founder, Aiko Brandt, in Oslo.\n\n"
    "**Why robots?**\n\n"
    "Because labour is scarce. Our arms ship next spring.\n\n"
    "**Which chips do you use?**\n\n"
    "Mostly Tarn accelerators for now.\n"
)


def _quotes(text: str) -> list[tuple[str | None, bool, str]]:
    ex = extract(parse_document(text))
    names = {e.id: e.name for e in ex.entities}
    return [(names.get(q.speaker or ""), q.direct, q.text) for q in ex.quotes]


def test_each_labelled_turn_and_its_continuation_is_the_speakers_words():
    quotes = _quotes(CALL)
    assert (
        "Ines Calder",
        True,
        "We added 40 megawatts. We buy our racks from Tarn Systems.",
    ) in quotes
    assert ("Ines Calder", True, "We expect more next year.") in quotes
    assert ("Rui Mota", True, "What about prices?") in quotes
    assert not any("Welcome" in text for _, _, text in quotes)  # the operator is nobody


def test_a_label_names_a_person_and_where_they_work():
    ex = extract(parse_document(CALL))
    names = {e.id: e.name for e in ex.entities}
    employs = {
        (names[r.subject], names[r.object]) for r in ex.relations if r.predicate.value == "employs"
    }
    assert ("Pellam Research", "Rui Mota") in employs
    assert ("Harbor Cloud", "Ines Calder") in employs


def test_we_in_a_turn_is_the_speakers_company():
    ex = extract(parse_document(CALL))
    names = {e.id: e.name for e in ex.entities}
    found = {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}
    assert ("Tarn Systems", "supplies", "Harbor Cloud") in found


def test_answers_between_questions_are_the_interviewees_words():
    quotes = _quotes(INTERVIEW)
    assert ("Aiko Brandt", True, "Because labour is scarce. Our arms ship next spring.") in quotes
    assert ("Aiko Brandt", True, "Mostly Tarn accelerators for now.") in quotes


def test_one_label_or_one_question_is_not_a_transcript_or_an_interview():
    text = "Note: the figures are unaudited.\n\nAcme sells chips. Why? Demand.\n"
    sents = split_sentences(text)
    assert transcript_turns(text, sents) == []
    assert interview_answers(text, sents) == (0, [])
    form = "Contracting authority: Harbor Office.\n\nAwarded to: Tarn Systems.\n"
    assert transcript_turns(form, split_sentences(form)) == []  # no person names a turn
