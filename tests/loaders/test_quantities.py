"""Quantities: a table of own sentences, conversions, deadlines, spans that index back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.loaders.documents import read_document
from vendorgraph.loaders.quantities import (
    compile_patterns,
    distinct_quantities,
    find_quantities,
    load_patterns,
)
from vendorgraph.ontology.model import Document, Extraction
from vendorgraph.ontology.terms import QuantityKind as K

B = 1e9


def _only(sentence: str, surface: str):
    found = [q for q in find_quantities(Document(text=sentence)) if q.text == surface]
    assert found, (
        f"{surface!r} not found in {sentence!r}: {find_quantities(Document(text=sentence))}"
    )
    return found[0]


# sentence, surface, kind, value, unit
TABLE = [
    ("Orbis signed a $38B cloud deal.", "$38B", K.MONEY, 38 * B, "USD"),
    ("Orbis signed a $38 billion cloud deal.", "$38 billion", K.MONEY, 38 * B, "USD"),
    ("Helix raised US$5bn from banks.", "US$5bn", K.MONEY, 5 * B, "USD"),
    ("The fund holds €2.5 billion.", "€2.5 billion", K.MONEY, 2.5 * B, "EUR"),
    ("A plant worth £300m opened.", "£300m", K.MONEY, 3e8, "GBP"),
    ("Sales hit ¥40 billion.", "¥40 billion", K.MONEY, 40 * B, "JPY"),
    ("A budget of ₱3 trillion passed.", "₱3 trillion", K.MONEY, 3e12, "PHP"),
    ("A budget of 3 trillion pesos passed.", "3 trillion pesos", K.MONEY, 3e12, "PHP"),
    ("Stock was sold at $23.28 per share.", "$23.28", K.MONEY, 23.28, "USD"),
    ("It is a multibillion-dollar pact.", "multibillion-dollar", K.MONEY, None, "USD"),
    (
        "It could bring tens of billions of dollars.",
        "tens of billions of dollars",
        K.MONEY,
        None,
        "USD",
    ),
    ("They spent billions of dollars on it.", "billions of dollars", K.MONEY, None, "USD"),
    ("Vela will install 1M accelerators.", "1M", K.COUNT, 1e6, "accelerators"),
    ("Vela will install 1 million GPUs.", "1 million", K.COUNT, 1e6, "GPUs"),
    ("Warrants cover 160 million shares.", "160 million", K.COUNT, 1.6e8, "shares"),
    (
        "It serves hundreds of thousands of clinics.",
        "hundreds of thousands",
        K.COUNT,
        None,
        "clinics",
    ),
    ("It scales to tens of millions of cores.", "tens of millions", K.COUNT, None, "cores"),
    ("It reaches millions of readers.", "millions", K.COUNT, None, "readers"),
    ("Thousands of shops use it.", "Thousands", K.COUNT, None, "shops"),
    ("It has a million fans.", "a million", K.COUNT, 1e6, "fans"),
    ("The stock jumped 35% today.", "35%", K.PERCENT, 35.0, "%"),
    ("Margins fell 10 percent.", "10 percent", K.PERCENT, 10.0, "%"),
    ("Demand is roughly two-thirds of supply.", "two-thirds", K.FRACTION, 2 / 3, None),
    ("About one-third of chips ship late.", "one-third", K.FRACTION, 1 / 3, None),
    ("A quarter of the racks sat idle.", "A quarter", K.FRACTION, 0.25, None),
    ("Half the time it idles.", "Half", K.FRACTION, 0.5, None),
    ("The new part is five times faster.", "five times", K.FRACTION, 5.0, "x"),
    ("It grew 10x in a year.", "10x", K.FRACTION, 10.0, "x"),
    ("About 1 in 5 boards failed.", "1 in 5", K.FRACTION, 0.2, None),
    ("Output hit 3.5 GW at peak.", "3.5 GW", K.POWER, 3.5e9, "W"),
    ("It plans a $1.5-billion fab.", "$1.5-billion", K.MONEY, 1.5e9, "USD"),
    ("Revenue was USD 4 billion.", "USD 4 billion", K.MONEY, 4e9, "USD"),
    ("The firm has 12,000 employees.", "12,000", K.COUNT, 1.2e4, "employees"),
    ("Margins rose 2.5 percentage points.", "2.5 percentage points", K.PERCENT, 2.5, "pp"),
    ("A 10-year pact followed.", "10-year", K.DURATION, 10.0, "year"),
    ("The site will draw 6 gigawatts.", "6 gigawatts", K.POWER, 6e9, "W"),
    ("The first 1 gigawatt comes online soon.", "1 gigawatt", K.POWER, 1e9, "W"),
    ("A 10 GW campus is planned.", "10 GW", K.POWER, 1e10, "W"),
    ("A 500 MW site is planned.", "500 MW", K.POWER, 5e8, "W"),
    ("The card draws 700 W under load.", "700 W", K.POWER, 700.0, "W"),
    ("They have worked together for over 15 years.", "15 years", K.DURATION, 15.0, "year"),
    ("The plan runs for seven years.", "seven years", K.DURATION, 7.0, "year"),
    ("It has tried for the past two years.", "two years", K.DURATION, 2.0, "year"),
    ("Talks went on for a couple of years.", "a couple of years", K.DURATION, None, "year"),
    ("The design has lasted for decades.", "decades", K.DURATION, None, "decade"),
    ("Margins could fall by 200 basis points.", "200 basis points", K.PERCENT, 200.0, "bp"),
    ("The team of 3,200 drivers is large.", "3,200", K.COUNT, 3200.0, "drivers"),
    ("We rented 256 Nvidia H100 GPUs.", "256", K.COUNT, 256.0, "GPUs"),
    ("The fleet is about 88k H200 GPUs.", "88k", K.COUNT, 88000.0, "GPUs"),
    ("It runs on two clouds today.", "two clouds", K.COUNT, 2.0, "clouds"),
    ("It adds two new assembly lines.", "two new assembly lines", K.COUNT, 2.0, "lines"),
    ("A 40-person startup won.", "40-person", K.COUNT, 40.0, "person"),
    ("Downtime fell by a quarter.", "a quarter", K.FRACTION, 0.25, None),
    ("A 100,000-GPU cluster draws power.", "100,000-GPU", K.COUNT, 100000.0, "GPU"),
    ("Its cloud now serves 41,000 enterprise customers.", "41,000", K.COUNT, 41000.0, "customers"),
    ("The episode runs 54 minutes.", "54 minutes", K.DURATION, 54.0, "minute"),
    ("The review takes 30 working days.", "30 working days", K.DURATION, 30.0, "day"),
    ("It licensed 40,000 hours of audio.", "40,000 hours", K.DURATION, 40000.0, "hour"),
]


@pytest.mark.parametrize(("sentence", "surface", "kind", "value", "unit"), TABLE)
def test_quantity_table(sentence, surface, kind, value, unit):
    q = _only(sentence, surface)
    assert (q.kind, q.unit) == (kind, unit)
    assert q.value == pytest.approx(value) if value is not None else q.value is None


# sentence, surface, iso, deadline
DATES = [
    ("Sales began in 2023.", "2023", "2023", False),
    ("Chips have been restricted since 2022.", "2022", "2022", False),
    ("Rules came in October 2022.", "October 2022", "2022-10", False),
    ("Rules came in Oct. 2022.", "Oct. 2022", "2022-10", False),
    ("It was filed on October 17, 2023.", "October 17, 2023", "2023-10-17", False),
    (
        "Shipments start in the second half of 2026.",
        "second half of 2026",
        "2026-07-01/2026-12-31",
        False,
    ),
    ("The deal closed on Monday.", "Monday", None, False),
    ("OCI began offering the cards in May.", "May", None, False),
    ("Officials spoke on Tuesday evening.", "Tuesday", None, False),
    ("Prices rise next year.", "next year", None, False),
    ("Last week the board met.", "Last week", None, False),
    ("The rollout starts this year.", "this year", None, False),
    ("All units ship by the end of 2027.", "end of 2027", "2027-12-31", True),
    ("The fab opens by 2026.", "2026", "2026", True),
    ("The lease runs through 2027.", "2027", "2027-12-31", True),
    ("It was signed 2025-09-18.", "2025-09-18", "2025-09-18", False),
    ("Sales rose in Q3 2025.", "Q3 2025", "2025-07-01/2025-09-30", False),
    ("Chips got smaller in the 1990s.", "1990s", "1990/1999", False),
    ("The plant opens in mid-2026.", "mid-2026", "2026", False),
    ("**9:34 am** The keynote began.", "9:34 am", None, False),
    ("At 10:05 a.m. ET the call ended.", "10:05 a.m.", None, False),
]


@pytest.mark.parametrize(("sentence", "surface", "iso", "deadline"), DATES)
def test_dates(sentence, surface, iso, deadline):
    q = _only(sentence, surface)
    assert (q.kind, q.iso, q.deadline) == (K.DATE, iso, deadline)


@pytest.mark.parametrize(
    "sentence",
    [
        "The lab has 2027 servers.",  # a count, not a year
        "Tickets cost $2027 each.",  # money, not a year
        "Version 300 is out.",  # a bare number is not a quantity
        "Nova sells the x86 line.",
        "Nova may ship chips by then.",  # the modal is no month
    ],
)
def test_not_a_year(sentence):
    assert not [q for q in find_quantities(Document(text=sentence)) if q.kind is K.DATE]


@pytest.mark.parametrize(
    ("sentence", "surface", "approximate", "lower", "upper"),
    [
        ("Nova holds roughly 90% of the market.", "90%", True, None, None),
        ("Nova holds about 40% of the market.", "40%", True, None, None),
        ("Nova holds nearly 40% of the market.", "40%", True, None, 40.0),
        ("Vela may supply up to 6 gigawatts.", "6 gigawatts", True, None, 6e9),
        ("Vela earned more than $5 billion.", "$5 billion", True, 5e9, None),
        ("They have worked together for over 15 years.", "15 years", True, 15.0, None),
        ("It serves hundreds of thousands of clinics.", "hundreds of thousands", True, 1e5, 1e6),
        (
            "It could bring tens of billions of dollars.",
            "tens of billions of dollars",
            True,
            1e10,
            1e11,
        ),
        ("Nova holds 40% of the market.", "40%", False, None, None),
    ],
)
def test_hedges_set_approximate_and_bounds(sentence, surface, approximate, lower, upper):
    q = _only(sentence, surface)
    assert (q.approximate, q.lower, q.upper) == (approximate, lower, upper)


def test_percent_normalized_is_a_share():
    assert _only("Nova holds roughly 90% of it.", "90%").normalized == pytest.approx(0.9)


def test_conversion_links_to_the_stated_original():
    doc = Document(text="The market will exceed ₱3 trillion ($50 billion) by 2026.")
    php, usd, year = find_quantities(doc)
    assert (php.unit, usd.unit) == ("PHP", "USD")
    assert usd.converted_from == php.id
    assert php.converted_from is None
    assert (php.lower, usd.lower, usd.approximate) == (3e12, 5e10, True)
    assert year.deadline


def test_conversion_after_comma_or():
    doc = Document(text="It earned €4 billion, or about $4.3 billion, in 2025.")
    eur, usd, _ = find_quantities(doc)
    assert usd.converted_from == eur.id and usd.approximate


def test_two_amounts_in_one_currency_are_not_a_conversion():
    doc = Document(text="It paid $5 billion ($2 billion in cash).")
    assert all(q.converted_from is None for q in find_quantities(doc))


def test_ids_are_stable_and_sorted():
    doc = Document(text="In 2024 Vela bought 1M chips for $2B.")
    found = find_quantities(doc)
    assert [q.span.start for q in found] == sorted(q.span.start for q in found)
    assert found[0].id == f"qty/{doc.id}/3-7"
    assert find_quantities(doc) == found


def test_only_the_body_is_read():
    text = "---\ntitle: 2024 in $5B deals\n---\nVela spent $2B.\n"
    doc = Document(text=text, body_start=text.index("Vela"))
    found = find_quantities(doc)
    assert [q.text for q in found] == ["$2B"]
    assert found[0].span.start == text.index("$2B")


def test_distinct_quantities_keeps_first_mention():
    doc = Document(text="On Monday it rose 5%. On Monday it fell 5%. It was five percent.")
    assert [q.text for q in distinct_quantities(find_quantities(doc))] == [
        "Monday",
        "5%",
        "five percent",
    ]


def test_patterns_compile_once_and_name_unknown_slots():
    assert load_patterns() is load_patterns()
    bad = {
        "version": "t.v1",
        "rules": [{"name": "x", "kind": "count", "pattern": "{nope}"}],
        "hedges": [],
        "deadline_cues": [],
        "end_of_period_cues": [],
        "conversion_gap": "^$",
    }
    with pytest.raises(KeyError, match="'nope' is not defined"):
        compile_patterns(bad)


_PIECES = [
    *"0123456789 ,.$€₱%-abcdefghmnorstwyBMKGW()~",
    " million",
    " billion",
    " years",
    " of ",
    "by the end of ",
    "2026",
    "two-thirds",
    " percent",
    "tens",
    "Monday",
    "up to ",
    "gigawatts",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_any_text_yields_spans_that_index_back(text):
    doc = Document(text=text)
    found = find_quantities(doc)
    Extraction(document=doc, quantities=found)  # checks every span
    for q in found:
        assert text[q.span.start : q.span.end] == q.text
    assert [q.span.start for q in found] == sorted(q.span.start for q in found)


def test_seed_article_numbers(seed_path):
    found = {q.text for q in find_quantities(read_document(seed_path))}
    expected = {
        "1M",
        "1 million",
        "two-thirds",
        "one-third",
        "2023",
        "₱3 trillion",
        "$50 billion",
        "2026",
        "end of 2027",
        "15 years",
        "2011",
        "2022",
        "this year",
    }
    assert expected <= found


def test_seed_article_conversion_and_deadline(seed_path):
    found = find_quantities(read_document(seed_path))
    by_text = {q.text: q for q in found}
    assert by_text["$50 billion"].converted_from == by_text["₱3 trillion"].id
    assert by_text["end of 2027"].deadline and by_text["end of 2027"].iso == "2027-12-31"


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks went on for several years.",
        "Revenue grows over the next few years.",
        "It ended a years-long dispute.",
        "They signed a multi-year contract.",
        "They signed a multiyear contract.",
        "It took many months and multiple weeks of review.",
    ],
)
def test_vague_durations_without_a_number_word_are_not_quantities(sentence):
    # gold convention: a vague amount counts only when a number word is attached
    assert [q.text for q in find_quantities(Document(text=sentence))] == []


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Revenue rose in the fourth quarter.", "fourth quarter"),
        ("Fiscal first-quarter sales grew.", "first-quarter"),
        ("Shipments begin in the second half.", "second half"),
        ("Margins were wider a year ago.", "a year ago"),
        ("Backlog tripled from a year earlier.", "a year earlier"),
        ("Last spring the queue was long.", "Last spring"),
    ],
)
def test_dates_without_a_year(sentence, surface):
    found = [(q.text, q.kind) for q in find_quantities(Document(text=sentence))]
    assert found == [(surface, K.DATE)]


def test_a_year_in_a_count_position_is_still_a_date():
    found = [(q.text, q.kind) for q in find_quantities(Document(text="In 2026 prices rose."))]
    assert found == [("2026", K.DATE)]


@pytest.mark.parametrize("sentence", ["The vote was 3:2 in favour.", "See clause 12:30 of it."])
def test_a_ratio_or_a_reference_is_no_time_of_day(sentence):
    assert not [q for q in find_quantities(Document(text=sentence)) if ":" in q.text]


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("The developer would build four large buildings on the site.", "four large buildings", 4),
        ("He objected to giving up taxes for sixty jobs.", "sixty jobs", 60),
        ("The capacity comes online in three phases.", "three phases", 3),
    ],
)
def test_a_spelled_out_count_of_any_plural_noun(sentence, surface, value):
    found = [(q.text, q.kind, q.value) for q in find_quantities(Document(text=sentence))]
    assert found == [(surface, K.COUNT, value)]


def test_a_spelled_out_number_of_years_is_a_duration_not_a_count():
    found = [(q.text, q.kind) for q in find_quantities(Document(text="It took twenty years."))]
    assert found == [("twenty years", K.DURATION)]
