"""Relation frames on the parse: one mechanism for many wordings (sentences written for tests)."""

from __future__ import annotations

import pytest

from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.frames import load_frames
from vendorgraph.loaders.pipeline import extract

from ..conftest import ROOT


def _triples(text: str) -> set[tuple[str, str, str]]:
    ex = extract(parse_document(text + "\n"))
    names = {e.id: e.name for e in ex.entities}
    return {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}


def _holds(
    text: str, expected: set[tuple[str, str, str]], absent: set[tuple[str, str, str]]
) -> None:
    found = _triples(text)
    assert expected <= found, found
    assert not absent & found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # conjuncts distribute on both sides
        ("Halcyon Cloud and Vesper Compute will buy processors from Tarn Semiconductor.",
         {("Tarn Semiconductor", "supplies", "Halcyon Cloud"),
          ("Tarn Semiconductor", "supplies", "Vesper Compute")}),
        # a passive with its agent
        ("The cluster of Halcyon Cloud was powered by 100,000 GPUs from Tarn Semiconductor.",
         {("Halcyon Cloud", "uses", "Tarn Semiconductor")}),
        # a relative clause takes the noun it modifies, in the passive too
        ("Vesper Compute, which was acquired by Halcyon Cloud in 2024, builds servers.",
         {("Halcyon Cloud", "acquires", "Vesper Compute")}),
        # a relational noun with its holder in apposition
        ("Tarn Semiconductor, a major supplier to Halcyon Cloud, expanded its plant.",
         {("Tarn Semiconductor", "supplies", "Halcyon Cloud")}),
        # a deal between a vendor and its customer reads vendor first
        ("Vesper Labs signed a three-year contract with CoreWeave for GPU capacity.",
         {("CoreWeave", "supplies", "Vesper Labs"), ("Vesper Labs", "uses", "CoreWeave")}),
        # a possessive names the developer of an offering
        ("The deal covers Tarn Semiconductor's newest processor, the Corvid7.",
         {("Tarn Semiconductor", "develops", "Corvid7")}),
        # the possessor of an event noun is its holder
        ("Halcyon Cloud wants to reduce its dependence on Tarn Semiconductor.",
         {("Halcyon Cloud", "depends_on", "Tarn Semiconductor")}),
        # an amount stands for what it is an amount of
        ("Meridian Cloud has agreed to buy $2 billion worth of Nvidia GPUs.",
         {("Meridian Cloud", "uses", "Nvidia GPUs")}),
        # a relational noun as the modifier of "company"
        ("Quarry Systems is Tarn Semiconductor's parent company.",
         {("Quarry Systems", "owns", "Tarn Semiconductor")}),
        # an infinitive on the object takes the subject of the verb governing it
        ("Orchard AI has committed $10 billion to buy capacity on Meridian Cloud's platform.",
         {("Orchard AI", "uses", "Meridian Cloud")}),
        # money raised from an investor
        ("Vesper Labs raised $300 million from Quarry Ventures.",
         {("Quarry Ventures", "invests_in", "Vesper Labs")}),
        # the phrase hung two nouns down from the verb's object
        ("Vesper Cloud now runs 30% of its inference on Tarn Semiconductor accelerators.",
         {("Vesper Cloud", "uses", "Tarn Semiconductor accelerators")}),
        # a founder is one of the company's people; "-born" is not part of the name
        ("Vesper Labs was founded in 2019 by Oslo-born engineer Ingrid Halvorsen.",
         {("Vesper Labs", "employs", "Ingrid Halvorsen")}),
        # a name ending in a company word that speaks of itself is a company, not a person
        ("Quarry Data said it would stop buying servers from Tarn Systems.",
         {("Tarn Systems", "supplies", "Quarry Data")}),
        # the holder of a relational noun through "one of"
        ("Halcyon Cloud is one of Tarn Semiconductor's biggest customers.",
         {("Tarn Semiconductor", "supplies", "Halcyon Cloud")}),
        # a deal won from a customer
        ("Tarn Semiconductor won a $400 million contract from Orbit Systems.",
         {("Tarn Semiconductor", "supplies", "Orbit Systems")}),
        # a deal with two vendors: each supplies the customer
        ("Vesper Labs has signed contracts with Halcyon Cloud and Orbit Cloud.",
         {("Halcyon Cloud", "supplies", "Vesper Labs"),
          ("Orbit Cloud", "supplies", "Vesper Labs")}),
        # an apposition the parser hangs as a parataxis
        ("Vesper Labs' parent company, Quarry Holdings, reported earnings.",
         {("Quarry Holdings", "owns", "Vesper Labs")}),
        # a contract awarded to a company
        ("Orbit Cloud awarded the contract to Tarn Systems in May.",
         {("Tarn Systems", "supplies", "Orbit Cloud")}),
        # a unit named by its owner as a modifier
        ("Vesper Labs, a Halcyon Cloud subsidiary, builds models.",
         {("Halcyon Cloud", "owns", "Vesper Labs")}),
        # the company paid sells
        ("Halcyon Cloud will pay Tarn Semiconductor $2 billion for the chips.",
         {("Tarn Semiconductor", "supplies", "Halcyon Cloud")}),
        # a company that hosts another's models serves it
        ("Halcyon Cloud will host Vesper Labs' models.",
         {("Halcyon Cloud", "supplies", "Vesper Labs")}),
        # an adjective frame takes the subject of the verb governing it, or of the copula
        ("Quire Labs has become heavily dependent on Arbor Cloud.",
         {("Quire Labs", "depends_on", "Arbor Cloud")}),
        ("Pellet Cloud remains reliant on Marrow Semiconductor for memory.",
         {("Pellet Cloud", "depends_on", "Marrow Semiconductor")}),
        # the object of a control verb is the subject of the infinitive; "its" the chooser's
        ("Pellet Cloud tapped Marrow Semiconductor to supply its accelerators.",
         {("Marrow Semiconductor", "supplies", "Pellet Cloud")}),
        ("Quire Labs hired Arbor Cloud to host its models.",
         {("Arbor Cloud", "supplies", "Quire Labs")}),
        ("Ostrich Cloud chose Fennel Systems to build its next cluster.",
         {("Fennel Systems", "supplies", "Ostrich Cloud")}),
        # "as" a relational noun: the chosen object holds it, the chooser is the other party
        ("Pellet Cloud selected Arbor Cloud as its primary cloud provider.",
         {("Arbor Cloud", "supplies", "Pellet Cloud")}),
        ("Ostrich Cloud picked Daunt Networks as a second source for optics.",
         {("Daunt Networks", "supplies", "Ostrich Cloud")}),
        # a verb the parser read as a noun keeps its conjoined objects
        ("Marrow Semiconductor supplies both Pellet Cloud and Ostrich Cloud.",
         {("Marrow Semiconductor", "supplies", "Pellet Cloud"),
          ("Marrow Semiconductor", "supplies", "Ostrich Cloud")}),
        # a verb the parser hung on its object as a modifier keeps its subject
        ("The Commerce Department curbed sales of advanced modules to Russia last year.",
         {("Commerce Department", "restricts", "Russia")}),
        # a part of a company's equity is a holding, not ownership
        ("Harlow Capital, which holds 30% of Quire Labs' shares, backed the sale.",
         {("Harlow Capital", "invests_in", "Quire Labs")}),
        # "its" on a noun said of the copula's subject is someone else's
        ("Quire Labs grew fast. Pellet Cloud is its biggest customer.",
         {("Quire Labs", "supplies", "Pellet Cloud")}),
        # a company named as a modifier of "customer" is the seller
        ("Quire Labs, a Pellet Cloud customer, trains large models.",
         {("Pellet Cloud", "supplies", "Quire Labs")}),
        # a phrase the parser hung on a name belongs to the noun above it
        ("The acquisition of Quire Labs by Pellet Cloud closed in May.",
         {("Pellet Cloud", "acquires", "Quire Labs")}),
        # conjoined objects keep their own from-phrases
        ("Pellet Cloud gets its optics from Daunt Photonics and its switches from Arbor Networks.",
         {("Daunt Photonics", "supplies", "Pellet Cloud"),
          ("Arbor Networks", "supplies", "Pellet Cloud")}),
        # a person who heads a company's unit works there, even when the relative clause is
        # misread as a clause of its own
        ("Ines Varga, who heads Pellet Cloud's hardware group, said the plan was set.",
         {("Pellet Cloud", "employs", "Ines Varga")}),
        ("The team is led by Ines Varga, who joined Pellet Cloud in 2021.",
         {("Pellet Cloud", "employs", "Ines Varga")}),
        # a participle joined to a passive is passive too: its agent is its own by-phrase
        ("The chips are designed by Quire Labs and sold by Pellet Cloud to Arbor Cloud.",
         {("Pellet Cloud", "supplies", "Arbor Cloud")}),
        # an offering that carries a part integrates it
        ("Each Corvid-9 module carries HBM4 memory.",
         {("Corvid-9", "integrates", "HBM4")}),
        # a person named with a role at a company named in the possessive
        ("Ada Strand, Korin Micro's chief technology officer, said demand was strong.",
         {("Korin Micro", "employs", "Ada Strand")}),
        # two objects read for a recipient and a theme: the first receives
        ("Halden Cloud will sell Vesper Labs 20,000 accelerators next year.",
         {("Halden Cloud", "supplies", "Vesper Labs")}),
        # "his team" is the team of the company he works at
        ("Omar Reyes, head of infrastructure at Palladian Labs, said costs rose. "
         "His team buys complete systems from Supermicro.",
         {("Supermicro", "supplies", "Palladian Labs")}),
        # a role with its field before the company ("head of machine learning at X")
        ('"We waited weeks," said Lena Maurer, head of machine learning at Brightline Bio.',
         {("Brightline Bio", "employs", "Lena Maurer")}),
        # capacity provisioned for a customer
        ("Corvex Cloud provisioned 2,048 GPUs for Brightline Bio in its Bergen data center.",
         {("Corvex Cloud", "supplies", "Brightline Bio")}),
        # a past verb the tagger read as an adjective of its object, its subject on the noun
        ("The Commerce Department's Bureau of Industry and Security on Tuesday barred "
         "shipments of HBM3E memory to China and Russia.",
         {("Bureau of Industry and Security", "restricts", "China"),
          ("Bureau of Industry and Security", "restricts", "Russia")}),
        # "expect X to": X is the subject of the infinitive
        ("Analysts expect Alibaba Cloud to rely more on chips from Huawei.",
         {("Alibaba Cloud", "depends_on", "Huawei")}),
        # a capital standing for its government restricts
        ("Washington has barred Tarn Semiconductor from selling its fastest chips to China.",
         {("Washington", "restricts", "Tarn Semiconductor")}),
        # the case word the parser hung on the first word of a name is the name's
        ("Vesper Labs licenses its models to Halcyon Cloud.",
         {("Vesper Labs", "supplies", "Halcyon Cloud")}),
        # a list verb names the holders of its subject noun
        ("Halden Cloud's customers include Brisk AI and Pell Robotics.",
         {("Halden Cloud", "supplies", "Brisk AI"), ("Halden Cloud", "supplies", "Pell Robotics")}),
        # "one of" in apposition: the name it follows holds the noun
        ("Stellarc Cloud, one of Nvidia's cloud partners, offered a block of GPUs.",
         {("Stellarc Cloud", "partners_with", "Nvidia")}),
        # a passive without an agent: the owner of the things uses what they were run on
        ("Okapi Robotics builds picking arms. Its vision models were trained on 512 Nvidia A100 "
         "GPUs.", {("Okapi Robotics", "uses", "A100")}),
        # a role with modifiers and no article, at "the" organisation
        ("Kenji Mori, trade policy director at the Meridian Trade Institute, spoke.",
         {("Meridian Trade Institute", "employs", "Kenji Mori")}),
        # a rule's reach is its government's restriction, also when the verb is misread
        ("The Department of Commerce published a rule on Monday. The rule catches Nvidia's "
         "B300 and AMD's MI355X.",
         {("Commerce Department", "restricts", "B300"),
          ("Commerce Department", "restricts", "MI355X")}),
    ],
)  # fmt: skip
def test_a_frame_reads_its_wording(text, expected):
    assert expected <= _triples(text)


def test_a_maker_of_someone_elses_chip_supplies_and_does_not_develop_it():
    text = ("Vesper Silicon designs inference chips. Vesper Silicon's first chip, the Corvid-1, "
            "is manufactured by Tarn Foundry.")  # fmt: skip
    found = _triples(text)
    assert ("Vesper Silicon", "develops", "Corvid-1") in found
    assert ("Tarn Foundry", "develops", "Corvid-1") not in found
    # the developer the text states is the customer of the maker
    assert ("Tarn Foundry", "supplies", "Vesper Silicon") in found


def test_a_maker_of_its_own_chip_develops_it():
    assert ("Tarn Semiconductor", "develops", "Corvid7") in _triples(
        "Tarn Semiconductor manufactures the Corvid7 processor in Arizona."
    )


def test_names_joined_by_an_ampersand_and_offerings_named_in_apposition():
    text = ("Quill & Ferro, a London research firm, follows Vesper Silicon. "
            "Its newest switch, the QZ-7, ships in May.")  # fmt: skip
    ex = extract(parse_document(text + "\n"))
    kinds = {e.name: e.type.value for e in ex.entities}
    assert "Quill & Ferro" in kinds and "Quill" not in kinds
    assert kinds.get("QZ-7") == "Chip"


def test_modality_comes_from_the_clause_of_the_frame():
    text = "Halcyon Cloud is in talks to buy processors from Tarn Semiconductor."
    ex = extract(parse_document(text + "\n"))
    (rel,) = [r for r in ex.relations if r.predicate.value == "supplies"]
    assert rel.modality.value == "hedged"


def test_every_frame_names_a_known_predicate_and_role():
    frames = load_frames()
    roles = {
        "agent",
        "patient",
        "iobj",
        "maker",
        "earner",
        "payee",
        "developer",
        "raiser",
        "receiver",
        "buyer",
    }
    for verbs in frames.verbs.values():
        for frame in verbs:
            for role in (frame.subject, *frame.objects):
                assert role in roles or role.startswith("obl:"), role
    for nouns in frames.nouns.values():
        for frame in nouns:
            for role in (*frame.roles, *frame.holder_roles):
                assert role in ("poss", "compound") or role.startswith("nmod:"), role


def test_cutting_a_dependence_is_not_a_restriction():
    found = _triples("Orchard AI wants to cut its dependence on Tarn Semiconductor.")
    assert ("Orchard AI", "depends_on", "Tarn Semiconductor") in found
    assert not any(p == "restricts" for _, p, _ in found)


def test_a_version_after_a_listed_chip_family_names_a_model_but_a_figure_does_not():
    text = "Google's TPU v7 outruns the TPU 4,096 times over. The H100 80GB costs more."
    ex = extract(parse_document(text + "\n"))
    names = {e.name for e in ex.entities}
    assert "TPU v7" in names
    assert not any(n.startswith(("TPU 4", "H100 8")) for n in names)
    assert ("Google", "develops", "TPU v7") in _triples(text)


def test_a_duty_in_a_relative_clause_names_the_employer():
    text = (
        "Oskar Lindh, who runs infrastructure at the AI lab Quarrymind, said the lab buys servers."
    )
    assert ("Quarrymind", "employs", "Oskar Lindh") in _triples(text)


def test_a_new_name_is_found_in_a_sentence_without_any_known_name():
    ex = extract(parse_document("The chief financial officer, Imani Castell, spoke on Monday.\n"))
    assert {(e.name, e.type.value) for e in ex.entities} >= {("Imani Castell", "Person")}


def test_a_label_line_names_nothing():
    ex = extract(parse_document("Rating: Outperform (unchanged)\n\nVesper Labs sells chips.\n"))
    assert "Outperform" not in {e.name for e in ex.entities}


def test_an_executive_belongs_to_the_company_of_the_paragraph():
    text = (
        "Quarrymind signed a deal with Vesper Cloud. Quarrymind will train there.\n\n"
        "Tarn Silicon raised money. Chief executive Oskar Lindh told us the company grows."
    )
    found = _triples(text)
    assert ("Tarn Silicon", "employs", "Oskar Lindh") in found
    assert ("Quarrymind", "employs", "Oskar Lindh") not in found


def test_the_company_never_refers_to_the_outlet_told():
    text = (
        "Ana Ruiz, senior vice president at Vesper Cloud, told Reuters that the company "
        "expects strong customer adoption of Tarn Semiconductor chips."
    )
    found = _triples(text)
    assert not any(subject == "Reuters" for subject, _, _ in found)
    assert ("Vesper Cloud", "uses", "Tarn Semiconductor chips") in found  # the company's line


@pytest.mark.parametrize(
    ("text", "offering"),
    [
        (
            "Vesper Labs has begun to evaluate accelerators from Tarn Semiconductor, and in the "
            "fourth quarter it ran a pilot cluster of 512 MI355X GPUs.",
            "MI355X",
        ),
        (
            "Vesper Labs has begun to evaluate accelerators from Tarn Semiconductor, and it "
            "operates a pilot cluster of TX-9 chips.",
            "TX-9",
        ),
    ],
)
def test_it_after_a_coordinated_clause_is_the_earlier_subject(text, offering):
    found = _triples(text)
    assert ("Vesper Labs", "uses", offering) in found
    assert not any(subject == "Tarn Semiconductor" and p == "uses" for subject, p, _ in found)


def test_a_bare_head_is_the_one_named_offering_it_shortens():
    text = (
        "Orbit Labs praised Nvidia GPUs in March. "
        "Vesper Cloud now relies on the GPUs for its inference service."
    )
    assert ("Vesper Cloud", "uses", "Nvidia GPUs") in _triples(text)


def test_a_reduced_relative_is_passive():
    text = "Quillon Labs, a startup funded by Zeta Capital, trains models."
    assert ("Zeta Capital", "invests_in", "Quillon Labs") in _triples(text)


def test_money_committed_to_vendors_named_as_examples_buys_from_each():
    text = "Halcyon Labs has committed $4 billion to providers like Tarn Cloud and Vesper Compute."
    found = _triples(text)
    assert ("Tarn Cloud", "supplies", "Halcyon Labs") in found
    assert ("Vesper Compute", "supplies", "Halcyon Labs") in found


def test_money_spent_on_a_cloud_buys_from_it_but_capacity_allocated_is_the_givers():
    found = _triples("Halcyon Labs will spend $2 billion on Tarn Cloud capacity.")
    assert ("Tarn Cloud", "supplies", "Halcyon Labs") in found
    found = _triples("Tarn Cloud has allocated more capacity to Halcyon Labs.")
    assert ("Halcyon Labs", "supplies", "Tarn Cloud") not in found


def test_a_unit_named_by_a_company_word_is_a_division_of_the_company_after_it():
    text = "Mara Quist, EVP of Cloud + AI at Microsoft, said the chips are fast."
    ex = extract(parse_document(text + "\n"))
    assert "Cloud" not in {e.name for e in ex.entities}
    assert ("Microsoft", "employs", "Mara Quist") in _triples(text)


def test_the_company_behind_a_company_owns_it():
    text = "Quillon Holdings, the media giant behind Tarn Systems, will buy chips."
    assert ("Quillon Holdings", "owns", "Tarn Systems") in _triples(text)


def test_the_companys_ceo_named_in_apposition_speaks_and_no_outlet_employs_them():
    text = (
        'Hanseo Memory sells chips. "Demand will keep growing," said the company\'s CEO, '
        'Ola Noh-Jung, in comments reported by Reuters. "It will be 60 percent."'
    )
    ex = extract(parse_document(text + "\n"))
    names = {e.id: e.name for e in ex.entities}
    assert [names.get(q.speaker or "") for q in ex.quotes] == ["Ola Noh-Jung", "Ola Noh-Jung"]
    assert not any(s == "Reuters" for s, _, _ in _triples(text))


def test_a_verb_the_lemma_table_reads_as_another_verb_keeps_its_own_frame():
    # the lookup table lemmatizes "rent" as the past of "rend"
    found = _triples("Vesper Labs still rent 500 servers from Tarn Cloud.")
    assert ("Tarn Cloud", "supplies", "Vesper Labs") in found


def test_our_in_a_quote_names_the_speakers_company_through_its_noun():
    text = (
        "Vesper Labs builds speech models. Its CTO, Ada Lind, spoke in May.\n\n"
        '"Our inference runs on Tarn Cloud today," Lind said.'
    )
    assert ("Vesper Labs", "uses", "Tarn Cloud") in _triples(text)


def test_a_chip_made_on_a_process_uses_it_and_the_foundry_supplies_the_chips_developer():
    text = (
        "Quarry Labs unveiled its Corvid-9 accelerator in May. The Corvid-9 is built on Tarn "
        "Semiconductor's 3nm process. Each Corvid-9 holds 90 billion transistors fabricated on "
        "Tarn Semiconductor's 3-nanometer process."
    )
    ex = extract(parse_document(text + "\n"))
    processes = [e for e in ex.entities if "process" in e.name]
    assert [(e.name, e.aliases) for e in processes] == [("3nm process", ("3-nanometer process",))]
    found = _triples(text)
    assert ("Corvid-9", "uses", "3nm process") in found
    assert ("Corvid-9", "integrates", "3nm process") not in found
    assert ("Tarn Semiconductor", "supplies", "Quarry Labs") in found


def test_a_part_from_another_company_in_an_offering_is_a_supply_to_its_developer():
    text = "Quarry Labs unveiled its Q9 chip. The Q9 integrates Tarn Semiconductor's HBM3E."
    assert ("Tarn Semiconductor", "supplies", "Quarry Labs") in _triples(text)
    # a part of the developer's own is no supply
    found = _triples("Quarry Labs unveiled its Q9 chip. The Q9 integrates Quarry Labs's HBM3E.")
    assert ("Q9", "integrates", "HBM3E") in found
    assert not any(p == "supplies" for _, p, _ in found)


def test_they_after_a_plural_group_subject_is_the_group_not_an_earlier_company():
    text = (
        "Orbit Research founder Ada Lind said cloud providers want independence, "
        "but in the near term they need Tarn Semiconductor."
    )
    found = _triples(text)
    assert not any(p == "depends_on" for _, p, _ in found)
    text = "Orbit Research said it wants independence, but they need Tarn Semiconductor."
    assert ("Orbit Research", "depends_on", "Tarn Semiconductor") in _triples(text)


def test_a_company_shown_to_design_a_chip_is_a_vendor_its_deals_buy_from():
    text = (
        "Vesper Systems develops the Corvid-9 accelerator. "
        "Halden Analytics signed a three-year contract with Vesper Systems."
    )
    ex = extract(parse_document(text + "\n"))
    assert {e.name: e.type.value for e in ex.entities}["Vesper Systems"] == "ChipVendor"
    assert ("Vesper Systems", "supplies", "Halden Analytics") in _triples(text)


def test_a_power_purchase_deal_makes_the_cloud_the_customer():
    text = "Quarry Cloud signed a 15-year power purchase agreement with Northfield Energy."
    found = _triples(text)
    assert ("Northfield Energy", "supplies", "Quarry Cloud") in found
    assert ("Quarry Cloud", "supplies", "Northfield Energy") not in found


def test_its_on_a_later_subject_is_the_company_the_main_clause_is_about():
    text = (
        "Quarry Microsystems designs accelerators. Quarry's memory comes from Orbit Memory, "
        "and its wafers are fabricated by Tarn Foundry."
    )
    found = _triples(text)
    assert ("Tarn Foundry", "supplies", "Quarry Microsystems") in found
    assert ("Tarn Foundry", "supplies", "Orbit Memory") not in found


def test_leading_our_round_in_a_quote_invests_in_the_speakers_company():
    text = (
        "Vesper Labs builds speech models. Its CTO, Ada Lind, spoke in May.\n\n"
        '"Quarry Capital led our $95 million Series B," Lind said.'
    )
    assert ("Quarry Capital", "invests_in", "Vesper Labs") in _triples(text)


def test_a_company_that_deploys_the_chip_it_designs_is_no_chip_vendor():
    text = (
        "Vesper Systems develops the Corvid-9 accelerator. "
        "Vesper Systems deploys the Corvid-9 in its own data centers."
    )
    ex = extract(parse_document(text + "\n"))
    assert {e.name: e.type.value for e in ex.entities}["Vesper Systems"] == "Organization"


def test_its_in_an_apposition_is_the_subject_of_the_clause():
    found = _triples("Vesper Cloud signed a deal with Nvidia, its main supplier.")
    assert ("Nvidia", "supplies", "Vesper Cloud") in found


def test_a_share_of_revenue_or_of_a_company_is_no_ownership():
    owned = _triples("Harlow Capital owns 12% of Quire Labs.")
    assert ("Harlow Capital", "invests_in", "Quire Labs") in owned
    assert ("Harlow Capital", "owns", "Quire Labs") not in owned
    revenue = _triples("Pellet Cloud could take 10% of Marrow Semiconductor's revenue.")
    assert not {t for t in revenue if t[1] in ("invests_in", "owns")}


def test_a_passive_conjunct_does_not_take_the_agent_of_the_first_verb():
    found = _triples(
        "Caldera's Strand-8 switch chip is fabricated by TSMC and sold to builders of "
        "switches, among them Arista Networks."
    )
    assert ("TSMC", "supplies", "Arista Networks") not in found


def test_a_plural_model_number_names_the_model():
    text = "Vantor bought 2,000 H100s and 500 MI300Xs from resellers.\n"
    names = {e.name for e in extract(parse_document(text)).entities}
    assert {"H100", "MI300X"} <= names
    assert not {"H100s", "MI300Xs"} & names


def test_a_part_of_a_company_named_by_a_pronoun_is_not_the_company_bought_or_funded():
    assert ("Orbit Systems", "acquires", "Vesper Labs") in _triples(
        "Orbit Systems liked Vesper Labs so much that it bought it."
    )
    found = _triples(
        "Vesper Labs grew. Orbit Systems bought part of it last year and funded part of it."
    )
    assert not {t for t in found if t[1] in ("acquires", "invests_in")}
    # "We funded part of it with a credit facility", "it" the customer named before
    call = ROOT / "tests" / "data" / "holdout2" / "quillmark-q3-call-transcript.txt"
    ex = extract(parse_document(call.read_text(encoding="utf-8"), path=str(call)))
    names = {e.id: e.name for e in ex.entities}
    funded = {(names[r.subject], names[r.object]) for r in ex.relations if r.cue == "funded"}
    assert ("Quillmark Cloud", "Orrery AI") not in funded


def test_a_name_found_on_the_parse_is_the_same_name_where_it_is_only_a_modifier():
    found = _triples(
        "Korin Micro makes accelerators for cloud providers. "
        "Halden Cloud has been a Korin Micro customer since 2019."
    )
    assert ("Korin Micro", "supplies", "Halden Cloud") in found


def test_money_awarded_is_no_sale_to_the_awarder():
    found = _triples("The Commerce Department awarded Tarn Semiconductor $6.6 billion in grants.")
    assert not [t for t in found if t[1] == "supplies"]


_LETTER = """To our shareholders,

Our cloud doubled this year. Nvidia remains our largest supplier, and our networking \
comes from Arista Networks. In June we acquired Tessa Networks for $240 million, paid for in \
part by an equity round led by Harrow Capital, which now owns 9% of our shares.

Sincerely,

Mara Quint
Chief Executive Officer, Halcyon Peak
"""


def test_we_in_a_signed_letter_is_the_company_of_who_signs_it():
    ex = extract(parse_document(_LETTER, path="letter.txt"))
    names = {e.id: e.name for e in ex.entities}
    found = {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}
    assert {
        ("Nvidia", "supplies", "Halcyon Peak"),
        ("Arista Networks", "supplies", "Halcyon Peak"),
        ("Halcyon Peak", "acquires", "Tessa Networks"),
        ("Harrow Capital", "invests_in", "Halcyon Peak"),
        ("Halcyon Peak", "employs", "Mara Quint"),
    } <= found
    people = {e.name for e in ex.entities if e.type.value == "Person"}
    assert people == {"Mara Quint"}  # "Chief Executive Officer" is a role, not a person
    assert ex.entities and not [t for t in found if t[0] == "Nvidia" and t[1] == "acquires"]


def test_a_name_part_read_as_a_descriptive_modifier_stays_in_the_name():
    text = (
        "Marek Wierzbicki, an analyst at Gridline Research, spoke first. A developer that "
        "secures a grid connection, he said, holds something rivals cannot buy. According to "
        "Wierzbicki, Crusoe has ordered 1.2 GW of gas turbines from GE Vernova, and new turbine "
        "slots are sold out until 2029.\n"
    )
    ex = extract(parse_document(text))
    names = {e.id: e.name for e in ex.entities}
    found = {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}
    assert ("GE Vernova", "supplies", "Crusoe") in found
    assert "Vernova" not in names.values()


def test_a_company_limiting_its_own_sales_restricts_nothing():
    found = _triples("Nvidia limits its H20 sales to China.")
    assert not [t for t in found if t[1] == "restricts"]


def test_a_company_name_before_an_offering_noun_is_the_company_and_its_line():
    text = "Halden Cloud runs Brisk AI's models on Korin Semiconductor chips.\n"
    ex = extract(parse_document(text))
    types = {e.name: e.type.value for e in ex.entities}
    assert types.get("Korin Semiconductor") == "ChipVendor"
    names = {e.id: e.name for e in ex.entities}
    found = {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}
    assert not [t for t in found if t[0] == "Brisk AI" and t[1] == "develops"]  # "models on"


_UNSIGNED_CLOSING = """Dear fellow shareholders,

Our chief operating officer, Ines Halvorsen, runs our sites. Lena Maurer, our chief \
financial officer, joined in May. In July we signed a 20-year agreement with Sunvale Energy \
for 400 megawatts from a solar project.

Thank you for your trust.

Tomas Quint
Co-founder and Chief Executive Officer, Brisk Peak Compute
"""


def test_a_letter_signed_on_its_last_lines_without_a_closing_word():
    ex = extract(parse_document(_UNSIGNED_CLOSING, path="letter.txt"))
    names = {e.id: e.name for e in ex.entities}
    found = {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}
    assert {
        ("Brisk Peak Compute", "employs", "Tomas Quint"),
        ("Brisk Peak Compute", "employs", "Ines Halvorsen"),
        ("Brisk Peak Compute", "employs", "Lena Maurer"),
        ("Sunvale Energy", "supplies", "Brisk Peak Compute"),  # power bought, not sold
    } <= found
    assert ("Brisk Peak Compute", "supplies", "Sunvale Energy") not in found


def test_a_partner_is_no_supplier():
    found = _triples("Stellarc Cloud, one of Nvidia's cloud partners, offered a block of GPUs.")
    assert not [t for t in found if t[1] == "supplies"]


def test_a_named_offering_built_on_a_process_is_not_its_owners_use():
    found = _triples(
        "Microsoft unveiled Maia 200, its second-generation AI accelerator built on TSMC's "
        "3nm process."
    )
    assert not [t for t in found if t[0] == "Microsoft" and t[1] == "uses"]


def test_a_company_targeting_a_market_restricts_nothing():
    found = _triples(
        "The Department of Commerce published a rule on Monday. Nvidia said its new chip "
        "targets inference, and the chip covers training too."
    )
    assert not [t for t in found if t[1] == "restricts"]


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # the relational noun as the copula's subject, names as its predicate
        ("Brisk Cloud's main rivals are Lambda and Crusoe.",
         {("Lambda", "competes_with", "Brisk Cloud"), ("Crusoe", "competes_with", "Brisk Cloud")},
         set()),
        # money earned from a company: the earner sells to it, in every wording
        ("Brisk Cloud gets most of its revenue from Microsoft and Ormond Labs.",
         {("Brisk Cloud", "supplies", "Microsoft"), ("Brisk Cloud", "supplies", "Ormond Labs")},
         {("Microsoft", "supplies", "Brisk Cloud"), ("Microsoft", "invests_in", "Brisk Cloud")}),
        ("Brisk Cloud derived 62% of its revenue from Microsoft last year.",
         {("Brisk Cloud", "supplies", "Microsoft")}, {("Microsoft", "supplies", "Brisk Cloud")}),
        ("Nearly half of Brisk Cloud's sales came from Microsoft.",
         {("Brisk Cloud", "supplies", "Microsoft")}, {("Microsoft", "supplies", "Brisk Cloud")}),
        # ... and what comes from a company otherwise is still bought from it
        ("Our networking comes from Arista, Brisk Cloud said.",
         {("Arista Networks", "supplies", "Brisk Cloud")}, set()),
        # the maker of what is bought sells it; a company bought is acquired, not used
        ("Brisk Cloud ordered 5,000 of AMD's MI355X accelerators.",
         {("AMD", "supplies", "Brisk Cloud"), ("Brisk Cloud", "uses", "MI355X")}, set()),
        ("Pellham Networks, which Brisk Cloud bought in 2024, makes routers.",
         {("Brisk Cloud", "acquires", "Pellham Networks")},
         {("Brisk Cloud", "uses", "Pellham Networks"),
          ("Pellham Networks", "supplies", "Brisk Cloud")}),
        ("The chips that Brisk Cloud bought from Nvidia arrived.",
         {("Nvidia", "supplies", "Brisk Cloud")}, set()),
        # an offering received is deployed
        ("Brisk Cloud took delivery of 12,000 Nvidia H200 GPUs in May.",
         {("Brisk Cloud", "deploys", "H200")}, set()),
    ],
)  # fmt: skip
def test_copular_rivals_earnings_makers_and_deliveries(text, expected, absent):
    _holds(text, expected, absent)


def test_a_relative_clause_with_a_stranded_preposition_has_no_object():
    found = _triples("Brisk Cloud sold the compute that Kettle Labs ran on.")
    assert ("Kettle Labs", "uses", "Brisk Cloud") not in found


@pytest.mark.parametrize(
    "text",
    ["Orrin Silicon buys memory from Micron.", "Tamsin Cloud buys chips from Micron."],
)
def test_a_present_verb_the_parser_reads_into_the_name_before_it_is_the_verb(text):
    found = _triples(text)
    assert {t for t in found if t[0] == "Micron" and t[1] == "supplies"}
    assert not [t for t in found if "buys" in t[0] or "buys" in t[2]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # founders in a by-phrase, the second hung flat on the first by the parser
        ("Tamsin Cloud was founded in 2019 by Mara Quist and Devin Solano.",
         {("Tamsin Cloud", "employs", "Mara Quist"), ("Tamsin Cloud", "employs", "Devin Solano")}),
        # a person named to a role: the name read as a complement of "named"
        ("Tamsin Cloud named Devin Solano its chief financial officer in May.",
         {("Tamsin Cloud", "employs", "Devin Solano")}),
        # an apposition listing names: every conjunct holds the noun
        ("Our largest customers, Microsoft and Meta, accounted for 48% of revenue, Tamsin "
         "Cloud said.",
         {("Tamsin Cloud", "supplies", "Microsoft"), ("Tamsin Cloud", "supplies", "Meta")}),
        # the possessor of "investors" is the company invested in
        ("Tamsin Cloud's investors include Fjord Ventures and Nvidia.",
         {("Fjord Ventures", "invests_in", "Tamsin Cloud"),
          ("Nvidia", "invests_in", "Tamsin Cloud")}),
        # an apposition read as the name's object
        ("Fjord Ventures, an early investor in Tamsin Cloud, led the round.",
         {("Fjord Ventures", "invests_in", "Tamsin Cloud")}),
        # a purchase deal's holder buys, even from another vendor
        ("Tamsin Cloud has entered into a $2 billion purchase commitment with Nvidia.",
         {("Nvidia", "supplies", "Tamsin Cloud")}),
        # ... and a power purchase is still the cloud's purchase
        ("Tamsin Cloud signed a power purchase agreement with Sunvale Energy.",
         {("Sunvale Energy", "supplies", "Tamsin Cloud")}),
        # a chosen supplier supplies whoever chose it
        ("Tamsin Cloud hired Pellham Networks to build its network.",
         {("Pellham Networks", "supplies", "Tamsin Cloud")}),
        # a model number names an offering, not a company
        ("Orrin Silicon makes the Velka X1, a chip aimed at inference.",
         {("Orrin Silicon", "develops", "Velka X1")}),
    ],
)  # fmt: skip
def test_founders_roles_listed_holders_purchases_and_clients(text, expected):
    assert expected <= _triples(text)


def test_a_clouds_gpus_are_no_product_line_of_its_own():
    ex = extract(parse_document("Nvidia supplies nearly all of Tamsin Cloud's GPUs.\n"))
    assert "Tamsin Cloud GPUs" not in {e.name for e in ex.entities}
    found = _triples("Nvidia's most advanced GPUs are sold out.")
    assert ("Nvidia", "develops", "Nvidia GPUs") in found


def test_a_plural_common_noun_opening_a_sentence_names_no_one():
    ex = extract(parse_document("Regulators allowed Orrin Silicon to sell chips.\n"))
    assert "Regulators" not in {e.name for e in ex.entities}


def test_a_chooser_that_only_permits_is_no_client():
    found = _triples("The Commerce Department allowed Orrin Silicon to sell chips to Tamsin Cloud.")
    assert ("Orrin Silicon", "supplies", "Commerce Department") not in found


def test_common_nouns_in_a_headline_name_no_one_but_a_company_word_does():
    ex = extract(parse_document("Apex Labs signed a deal.\n\nLayoffs Hit Managers, Software "
                                "Engineers And Recruiters\n"))  # fmt: skip
    names = {e.name for e in ex.entities}
    assert "Apex Labs" in names
    assert "Software Engineers" not in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the maker of a part in an offering supplies the offering's developer, also when the
        # parser hangs the finite verb on its object as a modifier
        ("Microsoft said the Maia 200 accelerator uses memory from SK Hynix.",
         {("SK Hynix", "supplies", "Microsoft")}),
        # qualifying a chip is using it
        ("Tamsin Cloud has begun qualifying AMD's MI355X accelerators at its Ohio site.",
         {("Tamsin Cloud", "uses", "MI355X")}),
        # what a company links its machines with, it uses
        ("Tamsin Cloud connects the racks with InfiniBand.",
         {("Tamsin Cloud", "uses", "InfiniBand")}),
    ],
)  # fmt: skip
def test_parts_qualification_and_interconnects(text, expected):
    assert expected <= _triples(text)


def test_a_part_of_an_offering_whose_developer_the_text_does_not_name_supplies_no_one():
    found = _triples("The Maia 200 accelerator uses memory from SK Hynix.")
    assert not [t for t in found if t[1] == "supplies"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role noun the tagger read as an adjective
        ("Ines Valdor has been Halden Silicon's chief executive since 2020.",
         {("Halden Silicon", "employs", "Ines Valdor")}),
        # an apposition the parser read as a list
        ("Tamsin Cloud, Halden Silicon's largest customer, accounted for 41% of its revenue.",
         {("Halden Silicon", "supplies", "Tamsin Cloud")}),
        # work given out: its to-phrase hung on a bare -ing noun
        ("Halden Silicon outsources manufacturing to TSMC.",
         {("TSMC", "supplies", "Halden Silicon")}),
        # a government's list of restricted parties, active and passive
        ("The Commerce Department added Halden Silicon to the Entity List.",
         {("Commerce Department", "restricts", "Halden Silicon")}),
        ("Halden Silicon was added to the Entity List by the Commerce Department in 2025.",
         {("Commerce Department", "restricts", "Halden Silicon")}),
    ],
)  # fmt: skip
def test_adjective_roles_listed_appositions_outsourcing_and_entity_lists(text, expected):
    assert expected <= _triples(text)


def test_a_list_that_restricts_no_one():
    found = _triples("Tamsin Cloud added Halden Silicon to its list of suppliers.")
    assert not [t for t in found if t[1] == "restricts"]


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a relational noun conjoined to a predicate noun is said of the copula's subject
        ("Korin Memory is a large chipmaker and the main supplier of HBM to Nvidia.",
         {("Korin Memory", "supplies", "Nvidia")}, set()),
        # an active verb conjoined to a passive takes the passive's subject, also when the
        # parser tags it as an adjective conjoined to the noun before it
        ("AMD's MI400 series will be built on a 2nm process node and feature 432GB of HBM4 "
         "memory.", {("MI400", "integrates", "HBM4")}, set()),
        # an order for an offering buys from its maker, unless the deal names its seller
        ("Tamsin Cloud placed an order for 5,000 Nvidia B200 GPUs.",
         {("Nvidia", "supplies", "Tamsin Cloud")}, set()),
        ("Tessaract Labs signed a three-year contract with Lambda for 4,096 Nvidia B200 GPUs.",
         {("Lambda", "supplies", "Tessaract Labs")}, {("Nvidia", "supplies", "Tessaract Labs")}),
        ("Tessaract Labs bought 4,096 Nvidia B200 GPUs from Lambda.",
         {("Lambda", "supplies", "Tessaract Labs"), ("Tessaract Labs", "uses", "B200")},
         {("Nvidia", "supplies", "Tessaract Labs")}),
    ],
)  # fmt: skip
def test_conjoined_predicates_and_orders_for_offerings(text, expected, absent):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role and the name set off after it, both hung on the verb
        ("Orrin Silicon's chief executive, Ines Valdor, said the company would ship its first "
         "chips to Tamsin Cloud in June.",
         {("Orrin Silicon", "employs", "Ines Valdor"),
          ("Orrin Silicon", "supplies", "Tamsin Cloud")}),
        # a buyer of an offering buys from its maker; what is received is bought from its maker
        ("Tamsin Cloud has been a major buyer of Nvidia's H100 and H200 GPUs.",
         {("Nvidia", "supplies", "Tamsin Cloud")}),
        ("Tamsin Cloud will receive the first batch of Orrin Silicon's chips in June.",
         {("Orrin Silicon", "supplies", "Tamsin Cloud")}),
        # a preposition opening a sentence is no part of the name after it
        ("Among Orrin Silicon's customers are Tamsin Cloud and Brannock AI.",
         {("Orrin Silicon", "supplies", "Tamsin Cloud"),
          ("Orrin Silicon", "supplies", "Brannock AI")}),
        # conjoined as-phrases, on a verb the tagger read as a noun
        ("Tamsin Cloud counts Nvidia as both a supplier and an investor.",
         {("Nvidia", "supplies", "Tamsin Cloud"), ("Nvidia", "invests_in", "Tamsin Cloud")}),
    ],
)  # fmt: skip
def test_set_off_roles_buyers_receipts_and_conjoined_as_phrases(text, expected):
    assert expected <= _triples(text)


def test_the_trigger_prefilter_changes_no_frame_hit(monkeypatch):
    """Parity: skipping words no frame is keyed by finds what reading every word finds."""
    from vendorgraph.loaders import frames
    from vendorgraph.loaders.relations import hits

    articles = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    assert articles
    texts = [p.read_text("utf-8") for p in articles]
    found: list[frames.FrameHit] = []

    def recording(*args, **kwargs):
        out = list(frames.find_frames(*args, **kwargs))
        found.extend(out)
        return iter(out)

    monkeypatch.setattr(hits, "find_frames", recording)
    for text in texts:
        extract(parse_document(text))
    fast, found[:] = list(found), []
    monkeypatch.setattr(frames._Context, "_may_trigger", lambda self, token: True)
    for text in texts:
        extract(parse_document(text))
    assert len(fast) > 20
    assert found == fast


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an investment by one company in another
        ("The $2 billion investment by Fjord Ventures in Tamsin Cloud closed in May.",
         {("Fjord Ventures", "invests_in", "Tamsin Cloud")}),
        # a list read as a name with the rest in apposition; a verb tagged as an adverb
        ("Tamsin Cloud, Brannock AI and Orrin Silicon all rely on TSMC.",
         {("Tamsin Cloud", "depends_on", "TSMC"), ("Brannock AI", "depends_on", "TSMC"),
          ("Orrin Silicon", "depends_on", "TSMC")}),
        # a linking verb cut off from its predicate noun
        ("Microsoft remains Tamsin Cloud's largest customer.",
         {("Tamsin Cloud", "supplies", "Microsoft")}),
        # ... and the noun as the subject of the linking verb
        ("Tamsin Cloud's largest customer remains Microsoft.",
         {("Tamsin Cloud", "supplies", "Microsoft")}),
        # the subject of a verb the tagger read as a noun is the subject of its infinitive
        ("Tamsin Cloud plans to buy 10,000 of Orrin Silicon's Velka X1 chips.",
         {("Orrin Silicon", "supplies", "Tamsin Cloud")}),
        # turning to a company for something is using it
        ("Brannock AI turned to Tamsin Cloud for extra capacity.",
         {("Brannock AI", "uses", "Tamsin Cloud")}),
    ],
)  # fmt: skip
def test_investments_by_lists_linking_verbs_and_plans(text, expected):
    assert expected <= _triples(text)


_PROFILE = """Verrel Systems

Verrel Systems designs networking chips in Austin. In 2024 Microsoft became its largest customer.
Verrel's main product is the VX-9 switch chip, which is manufactured by TSMC on a 5nm process.
"""


def test_what_the_text_says_one_company_develops_serves_the_sentences_after_it():
    ex = extract(parse_document(_PROFILE, path="profile.txt"))
    names = {e.id: e.name for e in ex.entities}
    found = {(names[r.subject], r.predicate.value, names[r.object]) for r in ex.relations}
    assert {
        ("Verrel Systems", "supplies", "Microsoft"),  # "became its customer": not Microsoft's
        ("Verrel Systems", "develops", "VX-9"),  # "X's main product is the VX-9 ..."
        ("TSMC", "supplies", "Verrel Systems"),  # the maker of the VX-9 supplies its developer
    } <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the on-phrase of "rely" is the subject of the infinitive after it
        ("Orrin Silicon relies on TSMC to make its chips.",
         {("TSMC", "supplies", "Orrin Silicon")}),
        # ... and who relies on the supplier is its customer
        ("Tamsin Cloud depends on Nvidia to supply most of its GPUs.",
         {("Nvidia", "supplies", "Tamsin Cloud"), ("Tamsin Cloud", "depends_on", "Nvidia")}),
    ],
)  # fmt: skip
def test_relying_on_a_company_to_do_something(text, expected):
    assert expected <= _triples(text)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a company hired sells its work to the hirer
        ("Oracle hired Pellham Networks to build a campus in Wyoming.",
         {("Pellham Networks", "supplies", "Oracle")}, set()),
        # a supply contract's holder sells
        ("Plainsview Energy, which signed a 20-year supply contract with Oracle in October, "
         "will build a plant.", {("Plainsview Energy", "supplies", "Oracle")},
         {("Oracle", "supplies", "Plainsview Energy")}),
        # an offering with a possessive noun in apposition after it
        ("Keystone, Halvard Semiconductor's open-source compiler, is free.",
         {("Halvard Semiconductor", "develops", "Keystone")}, set()),
        # a name after an offering noun is the offering ("its chatbot Sillage")
        ("Ondine AI serves its chatbot Sillage on HV-3 chips.",
         {("Ondine AI", "develops", "Sillage")}, {("Ondine AI", "owns", "Sillage")}),
        # companies doing something jointly are partners; "together" alone says no more
        ("Cerulean Networks and Microsoft are jointly developing hollow-core fibre links.",
         {("Cerulean Networks", "partners_with", "Microsoft")}, set()),
        ("Nvidia and AMD together shipped most of the chips.", set(),
         {("Nvidia", "partners_with", "AMD"), ("AMD", "partners_with", "Nvidia")}),
    ],
)  # fmt: skip
def test_hiring_supply_contracts_apposed_offerings_and_joint_work(text, expected, absent):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a customer's share of a company's revenue makes it the company's customer
        ("Microsoft accounted for 21% of Orrin Cloud's revenue.",
         {("Orrin Cloud", "supplies", "Microsoft")}, {("Microsoft", "supplies", "Orrin Cloud")}),
        ("Keld Robotics represented a fifth of Orrin Cloud's sales in 2026.",
         {("Orrin Cloud", "supplies", "Keld Robotics")}, set()),
        # "its" in the customer's own clause is the company's, never the customer's
        ("Orrin Cloud said Microsoft accounted for 21% of its revenue.",
         {("Orrin Cloud", "supplies", "Microsoft")}, {("Microsoft", "supplies", "Orrin Cloud")}),
        # revenue no one owns in the sentence is the company the text is about's; two
        # customers together are no customers of each other
        ("Corvalis Systems designs chips. Microsoft and Oracle together accounted for about "
         "63% of revenue.",
         {("Corvalis Systems", "supplies", "Microsoft"),
          ("Corvalis Systems", "supplies", "Oracle")},
         {("Microsoft", "supplies", "Oracle"), ("Oracle", "supplies", "Microsoft")}),
        # a share of costs is money spent, not earned
        ("Corvane Intelligence trains models. Oracle accounted for 71% of Corvane "
         "Intelligence's cost of revenue.", set(),
         {("Corvane Intelligence", "supplies", "Oracle")}),
        # "the two firms" is a group: no one company earns or pays
        ("TSMC makes chips for Huaxin Micro. TSMC said the two firms together accounted for "
         "less than 1% of its revenue.", set(),
         {("TSMC", "supplies", "TSMC"), ("Huaxin Micro", "supplies", "TSMC")}),
    ],
)  # fmt: skip
def test_shares_of_revenue(text, expected, absent):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list set off after a relational noun holds it, wherever the comma hangs
        ("Nvidia dominates the market for AI chips. Its rivals, AMD and Intel, are catching up.",
         {("AMD", "competes_with", "Nvidia"), ("Intel", "competes_with", "Nvidia")}),
        # the object an infinitive is said of is what the next sentence's "its" refers to
        ("Corbel Partners expects Nvidia to hold 80% of the market. Its rivals, AMD and Intel, "
         "offer cheaper parts.",
         {("AMD", "competes_with", "Nvidia"), ("Intel", "competes_with", "Nvidia")}),
    ],
)  # fmt: skip
def test_a_listed_apposition_and_the_subject_of_an_infinitive(text, expected):
    assert expected <= _triples(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fjord Ventures led a $250 million round in Quarry Compute.",
         {("Fjord Ventures", "invests_in", "Quarry Compute")}),
        ("Quarry Compute closed a $90 million round that Fjord Ventures and Samsung joined.",
         {("Fjord Ventures", "invests_in", "Quarry Compute"),
          ("Samsung", "invests_in", "Quarry Compute")}),
        ("Halvard raised $210 million in a round led by Orchard Lane Capital.",
         {("Orchard Lane Capital", "invests_in", "Halvard")}),
        ("Northgate Ventures led Quarry's $14 million seed round in 2024.",
         {("Northgate Ventures", "invests_in", "Quarry")}),
        # the round as the subject of a passive, owned by "its"
        ("Quarrel Compute designs routers. Its $30 million Series A in 2020 was led by Fjord "
         "Ventures.", {("Fjord Ventures", "invests_in", "Quarrel Compute")}),
        # ... in a relative clause that opens after a phrase of time
        ("Quarrel Compute raised an $8 million seed round in 2021 that was led by Orchard Lane "
         "Capital.", {("Orchard Lane Capital", "invests_in", "Quarrel Compute")}),
        # a round no one is named as raising is the company the text is about
        ("Quarrel Compute designs routers. The $90 million Series B, in 2023, was led by Fjord "
         "Ventures.", {("Fjord Ventures", "invests_in", "Quarrel Compute")}),
        # "with Y participating" joins the round the main clause leads
        ("Quarrel Compute designs routers. Its seed round was led by Fjord Ventures, with Intel "
         "participating.", {("Fjord Ventures", "invests_in", "Quarrel Compute"),
                            ("Intel", "invests_in", "Quarrel Compute")}),
        # "the round" is the one the sentence named before, and its owner's
        ('Quarrel Compute makes routers. "Tamsin Cloud put $50 million into our Series C '
         'alongside Fjord Ventures, which led the round," said Dana Roe, chief executive of '
         "Halvard Systems.", {("Fjord Ventures", "invests_in", "Halvard Systems")}),
    ],
)  # fmt: skip
def test_who_leads_or_joins_a_funding_round_invests_in_who_raises_it(text, expected):
    assert expected <= _triples(text)


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        ("Vesper Cloud buys GPUs from Nvidia. The chipmaker also sells to Tamsin Cloud.",
         ("Nvidia", "supplies", "Tamsin Cloud"), ("Vesper Cloud", "supplies", "Tamsin Cloud")),
        ("Micron signed a deal with Nvidia. The memory maker will ship HBM4 to the chip designer "
         "next year.", ("Micron", "supplies", "Nvidia"), ("Micron", "supplies", "Micron")),
        ("Quarrel Compute buys racks from Dellmont Systems and rents them from Vesper Cloud. "
         "Dellmont Systems also sells to Tamsin AI, and the cloud provider sells to Orrin Labs.",
         ("Vesper Cloud", "supplies", "Orrin Labs"),
         ("Dellmont Systems", "supplies", "Orrin Labs")),
    ],
)  # fmt: skip
def test_the_noun_for_a_kind_of_company_is_the_last_company_of_that_kind(text, expected, wrong):
    found = _triples(text)
    assert expected in found
    assert wrong not in found


def test_its_own_chips_named_by_a_model_are_that_model():
    """ "its own MTIA chips" is MTIA, not a product line named after the last company before."""
    found = _triples(
        "Meta buys most of its accelerators from Nvidia and AMD and also designs its own MTIA "
        "chips, which are made by TSMC."
    )
    assert {("Meta", "develops", "MTIA"), ("TSMC", "supplies", "Meta")} <= found
    assert not any(o.endswith(" chips") or (s == "AMD" and p == "develops") for s, p, o in found)


def test_the_round_named_before_is_not_the_company_the_text_is_about():
    found = _triples(
        'Quarrel Compute makes routers. "Tamsin Cloud put $50 million into our Series C '
        'alongside Fjord Ventures, which led the round," said Dana Roe, chief executive of '
        "Halvard Systems."
    )
    assert ("Fjord Ventures", "invests_in", "Quarrel Compute") not in found


def test_leading_what_is_no_round_invests_in_nothing():
    found = _triples("Orrin Labs led the talks for Quarry Compute.")
    assert not any(p == "invests_in" for _, p, _ in found)


def test_the_sentence_prefilter_changes_no_record(monkeypatch):
    """Parity: parsing only the sentences that can hold a claim finds what parsing all finds."""
    from vendorgraph.graph.extraction_json import to_json
    from vendorgraph.loaders import pipeline

    articles = sorted((ROOT / "tests" / "data" / "articles").glob("*.*"))
    articles = [p for p in articles if p.suffix in (".txt", ".md")]
    assert articles
    texts = [(p.read_text("utf-8"), p.name) for p in articles]
    texts.append(("Halvard was founded in 2019. It makes chips for Tamsin Cloud.\n", "a.txt"))
    fast = [to_json(extract(parse_document(t, path=n))) for t, n in texts]
    monkeypatch.setattr(pipeline, "sentences_to_parse", lambda sentences, spans: list(sentences))
    slow = [to_json(extract(parse_document(t, path=n))) for t, n in texts]
    assert fast == slow


@pytest.mark.parametrize(
    ("text", "absent", "kept"),
    [
        ("Stellarc Cloud runs clusters in Reno and Dublin. Customers like Okapi Robotics are "
         "why Stellarc Cloud built Reno.",
         ("Stellarc Cloud", "supplies", "Reno"), None),
        ("The Commerce Department restricted exports of Tarn-2 chips to China.",
         None, ("Commerce Department", "restricts", "China")),
    ],
)  # fmt: skip
def test_a_place_takes_part_only_in_restrictions_and_rivalries(text, absent, kept):
    found = _triples(text)
    assert absent is None or absent not in found
    assert kept is None or kept in found


@pytest.mark.parametrize(
    "text",
    [
        "Quillmark Cloud signed a 15-year power purchase agreement with Northfield Energy.",
        "Quillmark Cloud signed a supply contract with Northfield Energy.",
        "Quillmark Cloud signed an agreement with Northfield Energy for 400 megawatts of power.",
        "Tarrow Compute signed a $1.2 billion contract with Olsen AI for 8,000 Nvidia B300 GPUs.",
    ],
)
def test_a_deal_to_buy_or_sell_is_no_partnership(text):
    found = _triples(text)
    assert not {p for _, p, _ in found} & {"partners_with"}, found


def test_a_deal_without_trade_terms_is_still_a_partnership():
    found = _triples("Quillmark Cloud signed an agreement with Northfield Labs to study cooling.")
    assert ("Quillmark Cloud", "partners_with", "Northfield Labs") in found


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a role noun in a verb's phrase is not the subject's: Kessel is no rival of Tarrow
        ("Kessel Networks also ships transceivers to Tarrow Compute's rival, Halden Cloud.",
         {("Kessel Networks", "supplies", "Halden Cloud")},
         {("Kessel Networks", "competes_with", "Tarrow Compute")}),
        # an event noun there is ("sells them through a partnership with X")
        ("Pinecrest AI builds coding assistants and sells them through a partnership with "
         "Snowflake.", {("Pinecrest AI", "partners_with", "Snowflake")}, set()),
    ],
)  # fmt: skip
def test_a_role_noun_in_a_verbs_phrase_is_not_its_subjects_but_an_event_noun_is(
    text, expected, absent
):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # two subjects joined by "and" with an object: each competes with it, not each other
        ("Fennick Labs and Oberon Silicon both compete with Tarrow Compute for inference work.",
         {("Fennick Labs", "competes_with", "Tarrow Compute"),
          ("Oberon Silicon", "competes_with", "Tarrow Compute")},
         {("Fennick Labs", "competes_with", "Oberon Silicon")}),
        # with no object they compete with each other
        ("Fennick Labs and Oberon Silicon compete fiercely.",
         {("Fennick Labs", "competes_with", "Oberon Silicon")}, set()),
        # "w/" is "with"
        ("Per its filing, Quillmark Cloud competes w/ CoreWeave and Lambda.",
         {("Quillmark Cloud", "competes_with", "CoreWeave"),
          ("Quillmark Cloud", "competes_with", "Lambda")}, set()),
        # a verb of rivalry only with an object: taking a share of an order is no rivalry
        ("Hanseong Memory and Micron will supply HBM4, with Hanseong Memory taking the larger "
         "share.", set(), {("Hanseong Memory", "competes_with", "Micron")}),
        # a war with a company is a rivalry
        ("Quillmark Cloud is in a price war with Halden Cloud.",
         {("Quillmark Cloud", "competes_with", "Halden Cloud")}, set()),
    ],
)  # fmt: skip
def test_a_rivalry_between_subjects_needs_a_reciprocal_verb_without_an_object(
    text, expected, absent
):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a company named as a compound of a plain noun its owner possesses
        ("Halden Group's Vireo Cloud regions in Ohio are full.",
         {("Halden Group", "owns", "Vireo Cloud")}, set()),
        # not on a deal or a stake: those are the possessor's dealings with the company
        ("Halden Group's Vireo Cloud deal is large.", set(),
         {("Halden Group", "owns", "Vireo Cloud")}),
        ("Halden Group's Vireo Cloud stake is worth $2 billion.", set(),
         {("Halden Group", "owns", "Vireo Cloud")}),
    ],
)  # fmt: skip
def test_a_company_compounded_on_a_possessed_noun_is_owned(text, expected, absent):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Demand is strong, said Bram Velde of Quarry Capital.",
         {("Quarry Capital", "employs", "Bram Velde")}, set()),
        ("Bram Velde at Quarry Capital expects a price cut.",
         {("Quarry Capital", "employs", "Bram Velde")}, set()),
        # a place a person is of employs no one
        ("A report from Bram Velde of Germany says so.", set(),
         {("Germany", "employs", "Bram Velde")}),
    ],
)  # fmt: skip
def test_a_person_of_or_at_an_organisation_works_there(text, expected, absent):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # renting to someone is a sale: the renter does not use its customer
        ("Fenwick Cloud rents GPUs to Orison Labs.",
         {("Fenwick Cloud", "supplies", "Orison Labs")},
         {("Fenwick Cloud", "uses", "Orison Labs")}),
        # moving to a cloud is using it
        ("Orison Labs moved its training to Fenwick Cloud.",
         {("Orison Labs", "uses", "Fenwick Cloud")}, set()),
    ],
)  # fmt: skip
def test_a_to_phrase_is_used_after_a_verb_of_moving_not_of_selling(text, expected, absent):
    _holds(text, expected, absent)


def _modalities(text: str) -> dict[tuple[str, str, str], str]:
    ex = extract(parse_document(text + "\n"))
    names = {e.id: e.name for e in ex.entities}
    return {
        (names[r.subject], r.predicate.value, names[r.object]): r.modality.value
        for r in ex.relations
    }


def test_a_clause_of_reason_keeps_its_own_modality():
    found = _modalities(
        "Halden Cloud would have no reason to switch, because Orrin Labs and Quarry Labs "
        "account for most of Tarn Semiconductor's revenue."
    )
    assert found.get(("Tarn Semiconductor", "supplies", "Orrin Labs")) == "asserted", found
    denied = _modalities("Orrin Labs will not buy chips from Tarn Semiconductor if prices rise.")
    assert denied.get(("Tarn Semiconductor", "supplies", "Orrin Labs")) == "denied", denied


def test_an_apposition_read_as_a_second_subject_describes_the_first():
    found = _triples(
        "Hanul Semicon, the memory chip unit of Hanul Group, has started supplying HBM3E chips "
        "to AMD."
    )
    assert ("Hanul Group", "owns", "Hanul Semicon") in found, found
    assert ("Hanul Semicon", "supplies", "AMD") in found, found
    assert ("Hanul Group", "supplies", "AMD") not in found, found


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a passive with no agent: whoever owns what was supplied supplies it
        (
            "Pellmark Silicon designs inference chips. Its accelerators are supplied to Microsoft.",
            {("Pellmark Silicon", "supplies", "Microsoft")},
            set(),
        ),
        (
            "Pellmark Silicon designs the Corvo line. The Corvo chips are sold to Orrin Cloud.",
            {("Pellmark Silicon", "supplies", "Orrin Cloud")},
            set(),
        ),
        # a passive whose subject is the one supplied names no seller of its own
        (
            "Pellmark Silicon's new plant is supplied by Hollis Power.",
            {("Hollis Power", "supplies", "Pellmark Silicon")},
            {("Pellmark Silicon", "supplies", "Hollis Power")},
        ),
    ],
)
def test_who_owns_what_a_passive_says_was_supplied_supplies_it(text, expected, absent):
    _holds(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a participle on what a verb of taking acts on: its agent supplies the taker
        (
            "Corvane Intelligence rents a cluster hosted by Tallow Cloud.",
            {("Tallow Cloud", "supplies", "Corvane Intelligence")},
            set(),
        ),
        (
            "Brisk Optics uses indium phosphide lasers sourced from Sumitomo Electric.",
            {("Sumitomo Electric", "supplies", "Brisk Optics")},
            set(),
        ),
        # not on what a verb of selling or competing acts on
        (
            "Corvane Intelligence competes with clusters hosted by Tallow Cloud.",
            set(),
            {("Tallow Cloud", "supplies", "Corvane Intelligence")},
        ),
    ],
)
def test_the_maker_of_what_a_company_takes_supplies_it(text, expected, absent):
    _holds(text, expected, absent)


def test_a_sentence_about_its_things_keeps_the_company_it_is_about():
    # "Its" in the third sentence is still Pellmark's, though the second names B and C last
    _holds(
        "Pellmark Silicon designs retimers and optical modules. Its retimers are used in "
        "servers sold by Dunmore Systems and Quill Computing. Its optical modules are supplied "
        "to network equipment makers including Arista Networks.",
        {("Pellmark Silicon", "supplies", "Arista Networks")},
        {("Quill Computing", "supplies", "Arista Networks")},
    )


def test_a_prefixed_verb_reads_the_frame_of_its_lemma():
    _holds(
        "Mateus Okonjo, who co-founded Vireo Cloud, left in May.",
        {("Vireo Cloud", "employs", "Mateus Okonjo")},
        set(),
    )


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a list read as a name with the next one in apposition and the last its conjunct
        (
            "Tarn Foundry produces chips for Nvidia, AMD and most other chip designers.",
            {("Tarn Foundry", "supplies", "Nvidia"), ("Tarn Foundry", "supplies", "AMD")},
            set(),
        ),
        # a sale for an offering is a sale to whoever develops it
        (
            "Hanul Memory supplies memory for Nvidia's Rubin GPUs.",
            {("Hanul Memory", "supplies", "Nvidia")},
            set(),
        ),
    ],
)
def test_lists_and_offerings_in_a_for_phrase_name_the_customers(text, expected, absent):
    _holds(text, expected, absent)


def test_a_chip_uses_the_process_it_is_made_on():
    _holds(
        "Pellmark designs the PX-400. The PX-400 is manufactured by Samsung Foundry on a 4nm "
        "process.",
        {("PX-400", "uses", "4nm process"), ("Samsung Foundry", "supplies", "Pellmark")},
        set(),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Gareth Omondi, a former Meta engineer, joined Kinvara.",
        "Gareth Omondi, Meta's former head of procurement, joined Kinvara.",
        "Gareth Omondi, who was previously Meta's head of procurement, joined Kinvara.",
    ],
)
def test_a_role_held_in_the_past_is_no_employment(text):
    _holds(
        text,
        {("Kinvara", "employs", "Gareth Omondi")},
        {("Meta", "employs", "Gareth Omondi")},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a seller named by "through" sells as one named by "from" does
        (
            "Brightline bought its GPUs directly from Nvidia or through Dellmont Systems.",
            {("Dellmont Systems", "supplies", "Brightline"), ("Nvidia", "supplies", "Brightline")},
        ),
        # a passive with no agent: whoever owns what is bought buys it
        (
            "Okapi Robotics builds arms. Its modules are sourced from Kordel Electronics.",
            {("Kordel Electronics", "supplies", "Okapi Robotics")},
        ),
    ],
)
def test_who_buys_through_a_seller_or_in_a_passive(text, expected):
    _holds(text, expected, set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Tarn-2 is built around HBM4 memory.", {("Tarn-2", "integrates", "HBM4")}),
        ("Pellmark builds its servers around Nvidia GPUs.", {("Pellmark", "uses", "Nvidia GPUs")}),
    ],
)
def test_what_a_thing_is_built_around_is_in_it_or_used(text, expected):
    _holds(text, expected, set())


@pytest.mark.parametrize(
    "text",
    [
        "Orrel Labs designs chips. Orrel's chips are fabricated by Tarn Foundry and packaged by "
        "Quessa Assembly.",
        "Orrel Labs designs chips. Its chips are sold to Halcyon Cloud and are packaged by Quessa "
        "Assembly.",
    ],
)
def test_a_second_passive_verb_shares_the_first_ones_subject(text):
    _holds(text, {("Quessa Assembly", "supplies", "Orrel Labs")}, set())


@pytest.mark.parametrize(
    "text",
    [
        "Orrel Labs designs the OR-7. The chip is made by Tarn Foundry on its N4 process.",
        "Orrel Labs designs the OR-7. Tarn Foundry builds the die on its N4 process.",
        "Orrel Labs designs the OR-7, and the processor is made by Tarn Foundry on its N4 process.",
    ],
)
def test_the_chip_is_the_chip_named_just_before(text):
    _holds(
        text,
        {("Tarn Foundry", "supplies", "Orrel Labs"), ("OR-7", "uses", "N4")},
        {("Tarn Foundry", "develops", "OR-7"), ("Tarn Foundry", "integrates", "OR-7")},
    )


def test_the_chip_is_no_chip_named_two_sentences_before():
    _holds(
        "Orrel Labs designs the OR-7. Orrel sells servers. The chip is made by Tarn Foundry.",
        set(),
        {("Tarn Foundry", "supplies", "Orrel Labs")},
    )


def test_a_maker_that_builds_anothers_chip_does_not_integrate_it():
    _holds(
        "Orrel Labs designs the OR-7 accelerator. Tarn Foundry builds the OR-7 on its N4 process.",
        {("Tarn Foundry", "supplies", "Orrel Labs")},
        {("Tarn Foundry", "integrates", "OR-7")},
    )


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a place phrase after the name, misread as the subject, is not who competes
        (
            "Tervion, a fabless chip designer based in Austin, Texas, competes with Nvidia and AMD "
            "for inference deals.",
            {("Tervion", "competes_with", "Nvidia"), ("Tervion", "competes_with", "AMD")},
            {("Nvidia", "competes_with", "AMD")},
        ),
        # an adverb between the verb and its with-phrase
        (
            "Orrel competes hard with Tarn Semiconductor for orders.",
            {("Orrel", "competes_with", "Tarn Semiconductor")},
            set(),
        ),
        # a verb that puts its object in a state named by a relational noun
        (
            "Orrel Labs rents out capacity, which puts it in competition with Halcyon Cloud.",
            {("Orrel Labs", "competes_with", "Halcyon Cloud")},
            set(),
        ),
    ],
)
def test_who_competes_through_misread_and_indirect_phrases(text, expected, absent):
    _holds(text, expected, absent)


def test_the_text_gives_a_chip_to_the_parent_of_the_company_the_lexicon_names():
    # the lexicon gives Trainium3 to AWS; the text says it is Amazon's, AWS's parent
    found = _triples("Maia 200 beats Amazon's Trainium 3 on FP8.")
    assert ("Amazon", "develops", "Trainium3") in found


def test_a_name_before_a_comma_is_the_holder_of_the_role_after_it():
    # the parser reads "Lena Haverkamp" as a compound of "manager"
    _holds(
        "Tervion designs chips. Sales rose, said Lena Haverkamp, Tervion's senior product "
        "manager for the card.",
        {("Tervion", "employs", "Lena Haverkamp")},
        set(),
    )


@pytest.mark.parametrize(
    "text",
    [
        # "in which" hung on the noun before it, away from the clause that holds the stake
        "Halyard Cloud, a GPU rental company in which Nvidia holds a stake, said it signed a "
        "contract.",
        # a participle with its agent read as an adjective on the name
        "Memvault Systems, a Santa Clara start-up backed by Nvidia, sells a pooled-memory "
        "appliance.",
    ],
)
def test_an_investor_named_in_a_phrase_on_the_company(text):
    company = text.split(",")[0]
    _holds(text, {("Nvidia", "invests_in", company)}, set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pinecrest AI trains models. Pinecrest's kernels are written for Amazon's Neuron "
         "compiler.", {("Pinecrest AI", "uses", "Neuron")}),
        ("Morrow Labs trains models, and its engineers write for CUDA.",
         {("Morrow Labs", "uses", "CUDA")}),
    ],
)  # fmt: skip
def test_code_written_for_a_platform_uses_it(text, expected):
    _holds(text, expected, set())


def test_what_a_companys_customers_do_is_not_the_company_doing_it():
    _holds(
        "Quillmark Cloud rents GPUs. Its customers run their models on Azure.",
        set(),
        {("Quillmark Cloud", "uses", "Azure")},
    )


def test_it_built_on_a_process_is_the_chip_named_before():
    _holds(
        "Orrel Labs launched the OR-7 accelerator in 2024. It is built on TSMC's N4 process.",
        {("OR-7", "uses", "N4"), ("TSMC", "supplies", "Orrel Labs")},
        set(),
    )


@pytest.mark.parametrize("role", ["senior hardware editor", "columnist", "legal counsel"])
def test_a_newsroom_or_advisory_title_is_a_role(role):
    text = f"Tervion designs chips. Alex Moreau is Tervion's {role}."
    _holds(text, {("Tervion", "employs", "Alex Moreau")}, set())


def test_a_foundry_that_makes_a_chip_does_not_develop_it():
    _holds(
        "Halvard Semiconductor sells chips. The current flagship, the HV-3, is made by TSMC.",
        set(),
        {("TSMC", "develops", "HV-3")},
    )


@pytest.mark.parametrize("noun", ["first product", "successor", "newest chip"])
def test_a_possessed_noun_set_off_before_a_name_names_its_developer(noun):
    _holds(
        f"Halvard Semiconductor was founded in 2019. Its {noun}, the HV-1, shipped in 2021.",
        {("Halvard Semiconductor", "develops", "HV-1")},
        set(),
    )


def test_by_the_hour_is_a_rate_not_the_agent_of_a_passive():
    _holds(
        "Lorimer AI trains models. Its first experiments run on 64 Nvidia A100 GPUs rented by "
        "the hour from Lambda.",
        {("Lambda", "supplies", "Lorimer AI")},
        {("Lambda", "uses", "A100")},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orrel Labs trains models on TPUs and rents GPUs from Lambda.",
         ("Lambda", "supplies", "Orrel Labs")),
        ("Orrel Labs builds servers, and leases them to Oracle.",
         ("Orrel Labs", "supplies", "Oracle")),
    ],
)  # fmt: skip
def test_a_second_present_verb_after_and_is_the_opening_names(text, expected):
    _holds(text, {expected}, set())
