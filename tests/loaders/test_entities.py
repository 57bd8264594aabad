from __future__ import annotations

import pytest

from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.entities import find_entities
from vendorgraph.loaders.pipeline import extract
from vendorgraph.ontology.lexicon import Lexicon, LexiconEntry
from vendorgraph.ontology.model import Document
from vendorgraph.ontology.terms import EntityType

LEX = Lexicon(
    [
        LexiconEntry(
            id="org/nvidia", name="Nvidia", type=EntityType.CHIP_VENDOR, kind="Organization"
        ),
        LexiconEntry(
            id="org/aws",
            name="AWS",
            type=EntityType.CLOUD_PROVIDER,
            kind="Organization",
            aliases=("Amazon Web Services",),
        ),
        LexiconEntry(
            id="org/amd",
            name="AMD",
            type=EntityType.CHIP_VENDOR,
            kind="Organization",
            aliases=("Advanced Micro Devices",),
        ),
        LexiconEntry(
            id="org/meta",
            name="Meta",
            type=EntityType.ORGANIZATION,
            kind="Organization",
            match_case=True,
        ),
        LexiconEntry(
            id="org/intel",
            name="Intel",
            type=EntityType.CHIP_VENDOR,
            kind="Organization",
            match_case=True,
        ),
    ]
)


def _found(text: str):
    result = find_entities(Document(text=text), lexicon=LEX)
    return {e.name: e for e in result.entities}, result


def test_possessive_resolves_to_lexicon_entry():
    ents, _ = _found("Nvidia's revenue grew while Nvidia’s rivals waited.")
    assert ents["Nvidia"].id == "org/nvidia"
    assert [m.text for m in ents["Nvidia"].mentions] == ["Nvidia", "Nvidia"]


def test_alias_merges_into_one_entity():
    ents, _ = _found("Amazon Web Services said AWS would grow.")
    assert list(ents) == ["AWS"]
    assert ents["AWS"].aliases == ("Amazon Web Services",)
    assert len(ents["AWS"].mentions) == 2


def test_parenthesised_full_name_and_ticker_are_one_entity():
    ents, _ = _found("Advanced Micro Devices (AMD) gained. Shares of Nvidia (NVDA) fell.")
    assert set(ents) == {"AMD", "Nvidia"}
    assert "NVDA" in ents["Nvidia"].aliases


@pytest.mark.parametrize(
    ("text", "org", "org_type", "person", "role"),
    [
        (
            "Quill Robotics Co-founder Asha Verma spoke.",
            "Quill Robotics",
            EntityType.ORGANIZATION,
            "Asha Verma",
            "Co-founder",
        ),
        (
            "Harbor Ventures Deal Partner Tomas Reyes agreed.",
            "Harbor Ventures",
            EntityType.INVESTMENT_FIRM,
            "Tomas Reyes",
            "Deal Partner",
        ),
        (
            "Energy Department Secretary Lena Park spoke.",
            "Energy Department",
            EntityType.GOVERNMENT,
            "Lena Park",
            "Secretary",
        ),
        (
            "Blue Orchard Founder Mira Okafor laughed.",
            "Blue Orchard",
            EntityType.ORGANIZATION,
            "Mira Okafor",
            "Founder",
        ),
        # a word of rank before the title
        (
            "Tessellon corporate vice president Rohan Mehta told reporters.",
            "Tessellon",
            EntityType.ORGANIZATION,
            "Rohan Mehta",
            "corporate vice president",
        ),
        # ... but a company's own last word is not one
        (
            "Daesan Group Chairman Kwon Tae-jin spoke.",
            "Daesan Group",
            EntityType.ORGANIZATION,
            "Kwon Tae-jin",
            "Chairman",
        ),
    ],
)
def test_role_between_org_and_person(text, org, org_type, person, role):
    ents, result = _found(text)
    assert ents[org].type is org_type
    assert ents[person].type is EntityType.PERSON
    aff = result.affiliations[0]
    assert (aff.org, aff.person, aff.role) == (ents[org].id, ents[person].id, role)


def test_role_after_known_org_names_the_person():
    ents, result = _found("AWS CEO Priya Nand said demand is high.")
    assert result.affiliations[0].org == "org/aws"
    assert ents["Priya Nand"].type is EntityType.PERSON


def test_person_role_at_org():
    ents, result = _found("“It works,” said Omar Haddad, CTO at Nvidia.")
    assert result.affiliations[0].org == "org/nvidia"
    assert "Omar Haddad" in ents


def test_surname_resolves_to_full_name_and_becomes_alias():
    ents, _ = _found("Harbor Ventures Partner Tomas Reyes spoke. Later, Reyes said more.")
    assert ents["Tomas Reyes"].aliases == ("Reyes",)
    assert len(ents["Tomas Reyes"].mentions) == 2


def test_meta_and_metaculus_never_merge():
    ents, _ = _found("Meta hired forecasters from Metaculus Labs.")
    assert ents["Meta"].id == "org/meta"
    assert "Metaculus Labs" in ents
    assert all(m.text == "Meta" for m in ents["Meta"].mentions)


def test_intel_and_intel_capital_are_different_entities():
    ents, _ = _found("Intel Capital backed the startup, and Intel supplied chips.")
    assert ents["Intel Capital"].type is EntityType.INVESTMENT_FIRM
    assert [m.text for m in ents["Intel"].mentions] == ["Intel"]


def test_vendor_qualified_product_line():
    ents, result = _found("AWS needs Nvidia's most advanced GPUs and more Nvidia GPUs.")
    gpus = ents["Nvidia GPUs"]
    assert gpus.type is EntityType.CHIP
    assert len(gpus.mentions) == 2
    assert {(d.org, d.offering) for d in result.developments} == {("org/nvidia", gpus.id)}
    assert len(ents["Nvidia"].mentions) == 2  # the name inside the product line still counts


def test_descriptor_types_unknown_companies():
    ents, _ = _found("Regulators blacklisted chip designers Kestrel Micro and Orin.")
    assert ents["Kestrel Micro"].type is EntityType.CHIP_VENDOR
    assert ents["Orin"].type is EntityType.CHIP_VENDOR


def test_offering_head_and_model_codes():
    ents, _ = _found("Zeta built its Halcyon Link technology into the Zeta9 and QX400 chips.")
    assert ents["Halcyon Link"].type is EntityType.TECHNOLOGY
    assert ents["QX400"].type is EntityType.CHIP


def test_list_member_takes_the_type_of_its_neighbours():
    ents, _ = _found("Customers include Nvidia, Orbital Networks, Pika and others.")
    assert "Pika" in ents and "Orbital Networks" in ents


def test_name_repeated_later_gets_every_mention():
    ents, _ = _found("Quill Robotics Founder Asha Verma spoke. Quill Robotics grew.")
    assert len(ents["Quill Robotics"].mentions) == 2


def test_a_model_number_before_a_word_of_use_and_an_offering_noun_is_that_offering():
    ents, _ = _found("Coralite designs the CM-400 inference accelerator.")
    assert ents["CM-400"].type is EntityType.CHIP


def test_a_legal_party_word_is_not_part_of_a_company_name():
    ents, _ = _found(
        "Plaintiff Brask Analytics, Inc. sued. Defendant Orlen Compute Corp. denies the claims."
    )
    assert "Brask Analytics, Inc." in ents or "Brask Analytics" in ents
    assert not any(name.startswith(("Plaintiff", "Defendant")) for name in ents)


def test_a_company_with_its_form_and_a_short_alias_in_parentheses_is_one_company():
    ents, _ = _found('Orlen Systems Corp. ("Orlen") designs chips. Orlen sells them.')
    orgs = [e for e in ents.values() if e.type.is_organization]
    assert [e.name for e in orgs] == ["Orlen Systems Corp."]
    assert "Orlen" in orgs[0].aliases


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type.value for e in extract(parse_document(text + "\n")).entities}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a capitalised first word of the sentence is part of the name; a copula with a role
        ("Ada Lind is chief executive of Vesper Labs. Lind said the deal was fine.", "Ada Lind"),
        # taken up by "She" in the next sentence
        ("Ada Lind runs Vesper Labs. She said the deal was fine.", "Ada Lind"),
        # hired as a role; a name the parser split into two appositions
        ("Vesper Labs hired Ada Lind as its chief financial officer in March.", "Ada Lind"),
    ],
)
def test_a_person_is_told_by_the_clause_around_the_name(text, name):
    assert _types(text).get(name) == "Person"


def test_a_company_name_taken_up_by_she_is_still_a_company():
    assert _types("Vesper Labs runs data centres. She said so.").get("Vesper Labs") != "Person"


def test_a_coined_word_and_a_line_of_business_opening_a_sentence_name_a_company():
    # both words read as common nouns; the second a plural, no surname
    types = _types("Kesselring Substrates, which is owned by Oyama Holdings, is adding a line.")
    assert types.get("Kesselring Substrates") == "Organization"


def test_a_company_claims_its_first_word_written_alone_before_it_is_read_as_a_name():
    text = (
        "Corvalis buys substrates from Kesselring Substrates. Kesselring is the name we watch "
        "most closely. Kesselring, which is owned by Oyama Holdings, is adding a line."
    )
    found = extract(parse_document(text + "\n"))
    names = {e.name: e for e in found.entities}
    assert "Kesselring" not in names
    assert len(names["Kesselring Substrates"].mentions) == 3


def test_a_name_is_written_on_one_line():
    types = _types(
        "Farmers ask about water\n\nBy Mara Olsen\n\nLAKE TARN — The county approved the plan."
    )
    assert types.get("Mara Olsen") == "Person"
    assert not any(name.startswith("Mara Olsen ") for name in types)


def test_a_foundrys_name_for_a_process_is_a_technology():
    types = _types(
        "Quarrel Compute makes the QC-2 on TSMC's N4 process and the QC-3 on Intel's 18A node."
    )
    assert types.get("N4") == "Technology"
    assert any(name.endswith("18A") and kind == "Technology" for name, kind in types.items())
    assert "N4" not in _types("Quarrel Compute sold N4 units to Vesper Cloud.")


def test_a_word_of_a_chips_name_written_alone_more_often_names_its_own_entity():
    text = (
        "The board carries two Vellum V1 chips. Fjord Ventures backed Vellum in 2024. "
        "Lambda bought boxes from Vellum last year. Tamsin Cloud also rents capacity from "
        "Vellum.\n"
    )
    types = _types(text)
    assert types.get("Vellum") == "Organization"
    assert "Vellum V1" in types


def test_a_full_name_whose_surname_alone_is_a_person_is_that_person():
    text = (
        "Mara Olsen spent a decade watching chips sit idle. In 2004 Olsen left Oslo for "
        "Zurich. She founded Vellum in 2023.\n"
    )
    assert _types(text).get("Mara Olsen") == "Person"


def test_a_securities_firm_is_an_investment_firm():
    text = "Park Ji-won, an analyst at Hanul Securities, expects prices to rise."
    assert _types(text)["Hanul Securities"] == "InvestmentFirm"


def test_a_company_only_suffix_after_a_known_product_names_a_company():
    # "Helios" alone is a product in the lexicon; "Helios Ventures" is an investor
    types = _types("Vesper Labs trains models. Helios Ventures led the round.")
    assert types.get("Helios Ventures") == "InvestmentFirm"
    assert "Helios" not in types


def test_a_capital_after_a_label_or_a_funding_series_is_no_company():
    text = (
        "Quillmark Cloud sells compute.\n\n"
        "Dana Whitcombe, CFO: Revenue for the quarter was $684 million, up 71% from a year "
        "earlier. We funded part of it with a credit facility.\n\n"
        "Ravi Menon, CEO: Quarry Capital led our Series B and we closed it last month."
    )
    types = _types(text)
    assert "Revenue" not in types
    assert "Series B" not in types
    assert types.get("Quarry Capital") == "InvestmentFirm"


def test_names_that_differ_only_in_a_legal_form_are_one_company():
    text = (
        "Orlen Systems sells optical modules to clouds. "
        "Quarry Capital agreed to buy Orlen Systems Corp. for cash on Monday."
    )
    ex = extract(parse_document(text + "\n"))
    orlen = [e for e in ex.entities if e.name.startswith("Orlen")]
    assert len(orlen) == 1
    assert orlen[0].name == "Orlen Systems"
    assert "Orlen Systems Corp." in orlen[0].aliases
    assert len(orlen[0].mentions) == 2


def test_names_with_latin_extended_letters_are_people():
    text = (
        'Vesper Cloud sells compute. "We are full," said Selma Aydın, chief executive of '
        "Vesper Cloud. Łukasz Dvořák, an analyst at Quarry Research, agreed."
    )
    types = _types(text)
    assert types.get("Selma Aydın") == "Person"
    assert types.get("Łukasz Dvořák") == "Person"


def test_a_surname_alone_after_the_full_name_is_the_same_person():
    text = (
        "Tomasz Wierzbicki is a principal at Gridline Advisory. "
        "Wierzbicki argued that power now decides who wins."
    )
    ex = extract(parse_document(text + "\n"))
    people = [e for e in ex.entities if e.type.value == "Person"]
    assert [p.name for p in people] == ["Tomasz Wierzbicki"]
    assert len(people[0].mentions) == 2
    assert [q.speaker for q in ex.quotes] == [people[0].id]


def test_a_name_of_a_company_in_a_list_is_no_company():
    text = "Guests: Ana Herrera of Pinecrest AI and Tomasz Wierzbicki of Gridline Advisory."
    assert _types(text).get("Tomasz Wierzbicki") != "Organization"


def test_a_role_the_parser_hangs_on_the_name_makes_a_person():
    text = (
        "Vantor Cloud runs sovereign clouds.\n\n"
        "Vantor's chief executive, Henrik Solberg, does not pretend otherwise."
    )
    assert _types(text).get("Henrik Solberg") == "Person"


def test_a_legal_form_ends_the_company_name():
    text = "Quarry Interconnect Ltd. agreed to buy Vesper Optics Holdings plc, a maker of lasers."
    types = _types(text)
    assert types.get("Vesper Optics Holdings plc") == "Organization"
    found = {
        (r.subject, r.predicate.value, r.object)
        for r in extract(parse_document(text + "\n")).relations
    }
    assert ("org/quarry-interconnect-ltd", "acquires", "org/vesper-optics-holdings-plc") in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ana Reyes runs the platform at Pinecrest AI, the Lisbon lab that builds assistants.",
         "Lisbon"),
        ("Brenwick Analytics is a Delaware corporation that runs a marketplace.", "Delaware"),
        ("The Aarhus campus of Halvorsen Systems opened in May.", "Aarhus"),
    ],
)  # fmt: skip
def test_a_known_place_named_as_the_modifier_of_an_organisation_or_site(text, place):
    found = extract(parse_document(text + "\n")).entities
    assert (place, EntityType.PLACE) in {(e.name, e.type) for e in found}


def test_a_word_unknown_to_the_gazetteer_before_a_site_noun_is_no_place():
    found = extract(parse_document("The company bought the Marrow plant last year.\n")).entities
    assert not [e for e in found if e.type is EntityType.PLACE]


def test_a_name_followed_by_who_is_a_person_but_a_company_name_is_not():
    text = "Ines Varga, who heads Pellet Cloud's hardware group, said the plan was set.\n"
    found = {(e.name, e.type) for e in extract(parse_document(text)).entities}
    assert ("Ines Varga", EntityType.PERSON) in found
    text = "Tarn Holdings, who owns Vesper, said so.\n"
    found = {(e.name, e.type) for e in extract(parse_document(text)).entities}
    assert ("Tarn Holdings", EntityType.PERSON) not in found


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Tellurin ships the TL-1600 transceiver to cloud builders.", "TL-1600",
         EntityType.PRODUCT),
        ("Pinecrest writes its kernels for the Quillon compiler.", "Quillon",
         EntityType.TECHNOLOGY),
    ],
)  # fmt: skip
def test_a_name_before_an_offering_noun_is_that_offering(text, name, etype):
    found = extract(parse_document(text + "\n")).entities
    assert (name, etype) in {(e.name, e.type) for e in found}


def _named(text: str) -> dict[str, str]:
    ex = extract(parse_document(text + "\n"))
    return {e.name: e.type.value for e in ex.entities}


def test_one_capitalised_word_that_is_no_english_noun_is_a_name():
    found = _named("Okapi's main rival, Pickwise of Leeds, trains its models on Google Cloud.")
    assert "Pickwise" in found
    assert "Rival" not in found and "Models" not in found


def test_a_name_joined_by_an_ampersand_is_one_name():
    found = _named("Adaeze Okafor of Hollis & Grant said her client had no way out.")
    assert "Hollis & Grant" in found and "Hollis" not in found


def test_an_unknown_name_that_only_owns_something_is_a_name():
    assert "Pellam" in _named("Pellam's chips are made by TSMC.")
    found = _named("Harbin Micro's chief executive, Rafael Osk, said the plant would open.")
    assert "Harbin Micro" in found


def test_a_coined_word_the_tagger_read_as_an_adjective_opens_the_name():
    found = _named("Hexmoor Infrastructure has agreed to buy Coldwater Liquid Systems.")
    assert "Hexmoor Infrastructure" in found and "Infrastructure" not in found


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Stellarc's power is bought from Hydro-Québec.", "Hydro-Québec", "Organization"),
        ("Halvard's supervisory board is chaired by Pieter-Jan Oosterhuis.",
         "Pieter-Jan Oosterhuis", "Person"),
    ],
)  # fmt: skip
def test_words_joined_by_a_hyphen_are_one_name(text, name, etype):
    found = _named(text)
    assert found.get(name) == etype, found
    assert not {"Hydro", "Québec", "Jan Oosterhuis", "Pieter"} & set(found)


def test_a_coined_word_hung_on_the_verb_after_it_is_its_subject_and_a_name():
    ex = extract(parse_document("Coralmind designs the CM-400 inference accelerator.\n"))
    names = {e.id: e.name for e in ex.entities}
    assert "Coralmind" in names.values()
    found = {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}
    assert ("Coralmind", "develops", "CM-400") in found


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        ("Speaker: Julian Okoro, co-founder and chief executive officer, Halcyon Grid",
         "Julian Okoro", "Halcyon Grid"),
        ("Guests: Ingrid Solberg, chief technology officer, Parallax AI; Marcus Delaney, "
         "president, Redcliff Energy", "Marcus Delaney", "Redcliff Energy"),
    ],
)  # fmt: skip
def test_a_credit_line_names_a_person_their_role_and_their_company(text, person, org):
    ex = extract(parse_document(text + "\n"))
    names = {e.id: (e.name, e.type.value) for e in ex.entities}
    assert names.get(f"person/{person.lower().replace(' ', '-')}") == (person, "Person"), names
    found = {(names[r.subject][0], r.predicate.value, names[r.object][0]) for r in ex.relations}
    assert (org, "employs", person) in found


def test_a_capitalised_adjective_hung_on_a_name_is_part_of_it():
    found = _named("Today Nvidia will supply Halcyon Grid with 24,000 of its GB300 GPUs.")
    assert "Halcyon Grid" in found and "Grid" not in found


def test_a_function_word_opening_a_sentence_is_no_part_of_a_name():
    assert "Nor" not in _named("Nor did Halden Silicon comment.")


def test_a_place_modifying_our_site_is_a_place():
    assert _named("We qualify accelerators at our Columbus site.").get("Columbus") == "Place"


def test_a_compass_word_before_a_known_place_names_a_place_that_takes_over_the_shorter():
    found = _named("Shipments to South-East Asia rose. Plants in Northern Virginia and in Europe.")
    assert found.get("South-East Asia") == "Place" and "Asia" not in found
    assert found.get("Northern Virginia") == "Place" and "Virginia" not in found
    assert found.get("Europe") == "Place"


def test_a_full_name_that_heads_or_joins_a_company_is_a_person():
    assert _named("Leo Brandt leads Orison AI.").get("Leo Brandt") == "Person"
    assert _named("Ada Lind joined Tamsin Cloud in 2021.").get("Ada Lind") == "Person"
    assert _named("Orrin Labs leads the market.").get("Orrin Labs") == "Organization"


def test_a_name_after_a_frames_in_is_a_participant_not_a_place():
    ex = extract(parse_document("Lindqvist Capital invested $50 million in Halcyon Grid.\n"))
    names = {e.name: e.type.value for e in ex.entities}
    assert names.get("Halcyon Grid") == "Organization", names


def test_a_descriptive_compound_in_front_of_a_company_name_is_not_part_of_it():
    text = "Orrin buys memory from Seoul-based Hanul Memory and a Busan-based AI startup.\n"
    names = {e.name for e in extract(parse_document(text)).entities}
    assert "Hanul Memory" in names, names
    assert not any("based" in n for n in names), names
    assert "AI" not in names, names  # a suffix alone names nothing


def test_a_public_body_that_joins_two_fields_with_and_is_one_name():
    text = (
        "The Trade and Industry Ministry cleared the deal, and Nvidia and AMD Office staff "
        "met on Tuesday.\n"
    )
    names = {e.name: e.type.value for e in extract(parse_document(text)).entities}
    assert names.get("Trade and Industry Ministry") == "Government", names
    assert "Trade" not in names and "Industry Ministry" not in names, names
    assert "Nvidia and AMD Office" not in names, names  # known names are no fields


def test_a_plural_acronym_listed_beside_a_name_is_no_company():
    text = "Halden Silicon does not sell retimers or DSPs, and Nvidia does not sell CPUs.\n"
    names = {e.name for e in extract(parse_document(text)).entities}
    assert {"Nvidia", "Halden Silicon"} <= names, names
    assert "DSPs" not in names, names


@pytest.mark.parametrize(
    "text",
    [
        "Consider Pellmark Labs, a company my fund backs. It rents GPUs from Lambda.\n",
        "Take Orrin Cloud, the Lyon operator that opened a hall in May. Orrin Cloud buys GPUs.\n",
    ],
)
def test_a_verb_in_the_imperative_opening_a_sentence_is_not_part_of_the_name(text):
    names = {e.name for e in extract(parse_document(text)).entities}
    assert names & {"Pellmark Labs", "Orrin Cloud"}, names
    assert not any(n.startswith(("Consider", "Take")) for n in names), names


def test_a_model_code_with_a_hyphen_is_a_chip_but_a_form_or_a_grade_is_not():
    text = (
        "Pellmark ships the PX-400 and the Corvo-2 this year. Its Form S-1 lists Tier-1 "
        "suppliers, and COVID-19 delayed Phase-2 of the plant.\n"
    )
    found = {e.name: e.type.value for e in extract(parse_document(text)).entities}
    assert found.get("PX-400") == "Chip" and found.get("Corvo-2") == "Chip", found
    assert not {"S-1", "Tier-1", "COVID-19", "Phase-2"} & set(found), found


def test_a_coined_name_with_a_generation_number_is_a_chip_and_the_word_alone_is_it_too():
    text = (
        "Corvalis designs the Kestra 4, which TSMC makes. Kestra shipped in May, and Phase 2 "
        "of the Route 66 site opens on March 4 with 4 GW.\n"
    )
    ex = extract(parse_document(text))
    found = {e.name: e for e in ex.entities}
    assert found["Kestra 4"].type.value == "Chip", found
    assert len(found["Kestra 4"].mentions) == 2, found["Kestra 4"].mentions
    assert not {"Kestra", "Phase 2", "Route 66", "March 4"} & set(found), set(found)


def test_a_coined_word_before_a_known_company_name_makes_another_company():
    text = (
        "The developer, Stonecrest Digital Realty, would lease the buildings to AWS. "
        "Says Microsoft Azure is its only other tenant.\n"
    )
    names = {e.name for e in extract(parse_document(text)).entities}
    assert "Stonecrest Digital Realty" in names and "Digital Realty" not in names, names
    assert not any(n.startswith("Says") for n in names), names  # an English word is no name


def test_a_person_described_as_working_at_a_consultancy_is_a_person():
    text = "Priya Venkataraman, a principal at the consultancy Halden & Crewe, opened a panel."
    types = _types(text)
    assert types["Priya Venkataraman"] == "Person"
    assert types["Halden & Crewe"] == "Consultancy"


def test_a_name_before_the_companys_role_is_a_person_not_a_company():
    text = (
        "Jonah Pike is the chief technology officer of Lorimer AI. Pike, the company's chief "
        "technology officer, said capacity was short."
    )
    types = _types(text)
    assert types.get("Jonah Pike") == "Person"
    assert "Pike" not in types


@pytest.mark.parametrize(
    ("text", "not_names"),
    [
        # a capitalised English word opening a sentence before an offering noun
        ("Finished modules are assembled by Fabrinet in Thailand.", {"Finished"}),
        # a common noun opening a sentence, and one capitalised in a headline
        (
            "Calloway Semiconductor to Acquire Opterra Photonics for $53.00 per Share in Cash\n\n"
            "Combination brings optics in-house for Calloway Semiconductor.",
            {"Share", "Combination", "Acquire Opterra Photonics"},
        ),
    ],
)
def test_capitalised_common_words_are_not_names(text, not_names):
    types = _types(text)
    assert not not_names & set(types), types


def test_a_verb_before_a_company_name_in_a_headline_is_not_part_of_it():
    types = _types(
        "Calloway Semiconductor to Acquire Opterra Photonics for $53.00 per Share in Cash\n\n"
        "Calloway Semiconductor said it would buy Opterra Photonics."
    )
    assert "Opterra Photonics" in types and "Acquire Opterra Photonics" not in types


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Harcourt Lane & Co. is serving as financial advisor to Opterra Photonics.",
         "Harcourt Lane & Co."),
        ("Castellan & Price LLP is serving as legal counsel to Opterra Photonics.",
         "Castellan & Price LLP"),
    ],
)  # fmt: skip
def test_a_firm_whose_name_joins_words_with_an_ampersand_before_a_legal_form(text, name):
    assert name in _types(text)


def test_a_known_firm_with_an_ampersand_and_legal_forms_is_the_known_firm():
    types = _types("Morgan Stanley & Co. LLC is serving as advisor to Calloway Semiconductor.")
    assert types.get("Morgan Stanley") == "InvestmentFirm"
    assert not any("&" in name for name in types)


def test_a_turn_label_in_capitals_is_the_person_the_header_names():
    text = (
        "KEYNOTE\nSpeaker: Julian Okoro, chief executive officer, Halcyon Grid\n\n"
        "JULIAN OKORO: Good morning. We buy GPUs from Nvidia.\n\nJULIAN OKORO: Thank you.\n"
    )
    people = [e for e in extract(parse_document(text)).entities if e.type.value == "Person"]
    assert [(p.name, len(p.mentions)) for p in people] == [("Julian Okoro", 3)]
