"""Cutting responses into positions: sentences, abbreviations, bullets, headings, offsets."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from hoering.corpus import read_corpus
from hoering.models import Document, Stance
from hoering.segment import sentence_starts

from conftest import texts

# --- abbreviations --------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # Real seed sentences.
        "Med ca. 90 borgersager pr. myndighedssagsbehandler er der ikke den fornødne tid.",
        "Udgifterne hertil (sygedagpenge) udgør ca. 25% af de samlede sygedagpengeudgifter.",
        "De fleste steder ligger antallet af borgere pr. myndighedssagsbehandler mellem 80 og 100.",
        "Dette har resulteret i, at antallet af sager pr. medarbejder på kontanthjælpsområdet er nedsat fra mere end 80 til 40 sager i gennemsnit.",
    ],
)
def test_abbreviation_ca_and_pr_do_not_split(positions_of, sentence):
    assert texts(positions_of(sentence)) == [sentence]


@pytest.mark.parametrize(
    ("abbreviation", "sentence"),
    [
        ("bl.a.", "Det gælder bl.a. Slagelse, Hjørring og Ballerup."),
        ("f.eks.", "Vi henviser f.eks. Jobcentret til de gode eksempler."),
        ("jf.", "Indsatsen skal prioriteres, jf. Beskæftigelsesplan 2022."),
        ("ca.", "Sygedagpengene udgør ca. 25% af udgifterne."),
        ("nr.", "Vi henviser til forslag nr. 3 om de sårbare grupper."),
        ("pkt.", "Se pkt. 4 om de unge."),
        ("stk.", "Det følger af § 2, stk. 3 i loven."),
        ("mhp.", "Vi mødes mhp. Slagelses nye plan."),
        ("el.", "Det gælder unge el. Voksne med handicap."),
    ],
)
def test_abbreviation_before_capital_or_digit_does_not_split(positions_of, abbreviation, sentence):
    assert abbreviation in sentence
    assert texts(positions_of(sentence)) == [sentence]


def test_abbreviation_bl_a_does_not_split(positions_of):
    text = "Vi har talt med bl.a. Korsør Erhvervsforening om de unge. Det var et godt møde."
    assert texts(positions_of(text)) == [
        "Vi har talt med bl.a. Korsør Erhvervsforening om de unge.",
        "Det var et godt møde.",
    ]


def test_abbreviation_mio_before_capital_ends_the_sentence(positions_of):
    text = "Aktiveringsmidlerne er reduceret med over 40 mio. Næste sætning handler om noget andet."
    assert texts(positions_of(text)) == [
        "Aktiveringsmidlerne er reduceret med over 40 mio.",
        "Næste sætning handler om noget andet.",
    ]


def test_abbreviation_mio_before_lower_case_does_not_split(positions_of):
    text = "Midlerne er reduceret med over 40 mio. gennem budget 2017 og 2018."
    assert texts(positions_of(text)) == [text]


def test_full_stop_before_capital_splits(positions_of):
    text = "Sygefraværet er stadig højt i Slagelse Kommune. Udgifterne hertil udgør ca. 25% af de samlede udgifter."
    assert len(positions_of(text)) == 2


def test_ordinal_before_capitalised_function_word_ends_the_sentence(positions_of):
    text = (
        "DS er enig, som det fremgår af bemærkningerne på side 13. Derfor er det afgørende, at borgerne vejledes. "
        "Der kan ikke sanktioneres efter § 35, stk. 8. Efter § 39, stk. 1, nr. 4, kan hjælpen nedsættes."
    )
    assert texts(positions_of(text)) == [
        "DS er enig, som det fremgår af bemærkningerne på side 13.",
        "Derfor er det afgørende, at borgerne vejledes.",
        "Der kan ikke sanktioneres efter § 35, stk. 8.",
        "Efter § 39, stk. 1, nr. 4, kan hjælpen nedsættes.",
    ]


def test_ordinal_before_a_noun_or_a_name_does_not_split(positions_of):
    text = "Loven trådte i kraft den 1. januar 2020, og den 3. Ydelseskommission har vurderet den."
    assert texts(positions_of(text)) == [text]


def test_ordinal_rule_needs_its_word_list():
    words = ["på", "side", "13.", "Derfor", "er", "det", "vigtigt", "."]
    assert sentence_starts(words, [], []) == [0]
    assert sentence_starts(words, [], [], ["derfor"]) == [0, 3]


def test_full_stop_before_lower_case_does_not_split():
    assert sentence_starts(["Det", "er", "slut", ".", "men", "ikke", "helt", "."], [], []) == [0]


def test_question_mark_and_exclamation_mark_split(positions_of):
    text = "Hvordan sikrer vi tiden til samtaler? Vi ved det ikke! Det er bekymrende."
    assert len(positions_of(text)) == 3


# --- hyphenation ----------------------------------------------------------------


def test_hyphenated_line_break_is_joined_in_position_text(positions_of):
    text = "På den måde bliver det postnummeret, der bestemmer, om man kommer i et formåls-\nløst virksomhedsrettet forløb."
    (position,) = positions_of(text)
    assert "formålsløst" in position.text
    assert "formåls-" not in position.text


def test_hyphenated_line_break_offsets_index_the_original_text(sample_result, corpus_dir):
    document = _document(corpus_dir, "2021_fagforening_maerkesag.txt")
    (position,) = [p for p in sample_result.items if "formålsløst" in p.text]
    assert position.text == (
        "På den måde bliver det postnummeret, der bestemmer, om man som ledig modtager uddannelse "
        "eller kommer i et formålsløst virksomhedsrettet forløb."
    )
    assert "formåls-\nløst" in document.text[position.start : position.end]


def test_hyphen_before_og_is_kept(positions_of):
    (position,) = positions_of("Investeringer bør fokuseres til social-\nog sundhedsområdet i kommunen.")
    assert position.text == "Investeringer bør fokuseres til social- og sundhedsområdet i kommunen."


def test_line_break_inside_a_paragraph_becomes_a_space(positions_of):
    (position,) = positions_of("Rådet er enige i, at det er afgørende\nmed en tidlig indsats.")
    assert position.text == "Rådet er enige i, at det er afgørende med en tidlig indsats."


# --- bullets --------------------------------------------------------------------


BULLET_ITEMS = [
    "Lær af de gode eksempler.",
    "Samarbejde mellem a-kasser og jobcentre lokalt og regionalt er helt oplagt.",
    "Sammentænk de ressourcer, der er tilgængelige i beskæftigelsesindsatsen bedre.",
]


@pytest.mark.parametrize(
    "markers",
    [("- ",) * 3, ("• ",) * 3, ("* ",) * 3, ("– ",) * 3, ("•\u00a0 ",) * 3, ("1. ", "2. ", "3. ")],
    ids=["dash", "bullet", "star", "en-dash", "bullet-nbsp", "numbered"],
)
def test_bullet_items_give_one_position_each_without_marker(positions_of, markers):
    text = "VI MENER\n\n" + "".join(f"{m}{item}\n" for m, item in zip(markers, BULLET_ITEMS))
    positions = positions_of(text)
    assert texts(positions) == BULLET_ITEMS
    assert [text[p.start : p.end] for p in positions] == BULLET_ITEMS


def test_bullets_with_no_break_space_as_in_the_seeds(sample_result):
    vi_mener = [p.text for p in sample_result.items if p.section == "VI MENER"]
    assert vi_mener[0] == (
        "Vælg investeringsvejen og vær med til at sikre en stærkere prioritering og investering i beskæftigelsespolitikken."
    )
    assert "Lær af de gode eksempler." in vi_mener
    assert not any(text.startswith(("•", "\u00a0", " ")) for text in vi_mener)


def test_bullet_item_continued_on_next_line_is_one_item(positions_of):
    text = "- Investering i efterværn for de aktivitetsparate borgere kan sikre at udsatte borgere\n  bedre kan fastholde deres ansættelse.\n- Lær af de gode eksempler.\n"
    assert texts(positions_of(text)) == [
        "Investering i efterværn for de aktivitetsparate borgere kan sikre at udsatte borgere bedre kan fastholde deres ansættelse.",
        "Lær af de gode eksempler.",
    ]


def test_bullet_offsets_skip_the_marker(positions_of):
    text = "•\u00a0 Lær af de gode eksempler.\n"
    (position,) = positions_of(text)
    assert text[position.start : position.end] == "Lær af de gode eksempler."


def test_hyphen_inside_a_word_is_not_a_bullet(positions_of):
    (position,) = positions_of("A-kasserne har ikke helt den samme tilgang.")
    assert position.text == "A-kasserne har ikke helt den samme tilgang."


# --- headings -------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["HVAD ER UDFORDRINGEN?", "Investering i efterværn", "Til BSU", "CASE: ”HJØRRINGMODELLEN”", "VI MENER"]
)
def test_heading_is_not_a_position_but_the_section_of_what_follows(positions_of, heading):
    text = f"{heading}\n\nKommunernes selvstændighed på området betyder noget. Det er godt.\n"
    positions = positions_of(text)
    assert heading not in texts(positions)
    assert [p.section for p in positions] == [heading, heading]


def test_next_heading_replaces_the_section(positions_of):
    text = "HVORDAN SER DET UD I DAG?\n\nDet gælder eksempelvis Hjørring.\n\nHVAD ER UDFORDRINGEN?\n\nI andre kommuner er der knap så stort fokus.\n"
    assert [(p.section, p.text) for p in positions_of(text)] == [
        ("HVORDAN SER DET UD I DAG?", "Det gælder eksempelvis Hjørring."),
        ("HVAD ER UDFORDRINGEN?", "I andre kommuner er der knap så stort fokus."),
    ]


def test_one_line_sentence_with_full_stop_is_not_a_heading(positions_of):
    assert texts(positions_of("Lær af de gode eksempler.\n")) == ["Lær af de gode eksempler."]


def test_positions_before_any_heading_have_no_section(positions_of):
    (position,) = positions_of("Vi har læst planen.\n")
    assert position.section == ""


def test_seed_headings_become_sections(sample_result):
    sections = {p.section for p in sample_result.items}
    assert {"HVAD ER UDFORDRINGEN?", "Investering i efterværn", "Til BSU", "VI MENER"} <= sections
    assert not {"HVAD ER UDFORDRINGEN?", "Investering i efterværn", "Til BSU"} & {p.text for p in sample_result.items}


# --- paragraphs -----------------------------------------------------------------


def test_paragraph_broken_by_blank_line_mid_sentence_is_one_position(positions_of):
    positions = positions_of("Den hyppige kontakt\n\nmed borgerne kræver medarbejdere.")
    assert texts(positions) == ["Den hyppige kontakt med borgerne kræver medarbejdere."]


def test_paragraph_broken_by_blank_line_mid_sentence_in_the_seed(sample_result):
    assert "Den hyppige kontakt med borgerne kræver medarbejdere." in [p.text for p in sample_result.items]


def test_blank_line_after_a_full_stop_separates_paragraphs(positions_of):
    positions = positions_of("Vi har læst planen.\n\nmed borgerne i centrum.")
    assert texts(positions) == ["Vi har læst planen.", "med borgerne i centrum."]


def test_quotes_around_a_quoted_paragraph_are_trimmed(positions_of):
    text = '"Politikken blev drøftet.\n\nDer laves en fælles DBA for Beskæftigelse og en for Borgerservice."\n'
    positions = positions_of(text)
    assert texts(positions) == [
        "Politikken blev drøftet.",
        "Der laves en fælles DBA for Beskæftigelse og en for Borgerservice.",
    ]
    assert text[positions[0].start - 1] == '"'


def test_balanced_quotes_inside_a_sentence_are_kept(positions_of):
    text = 'Indsatsen beskrives som "intensiveret".'
    assert texts(positions_of(text)) == [text]


def test_seed_minutes_in_quotes_lose_their_quotes(sample_result):
    found = [p.text for p in sample_result.items if p.body in ("Ledergruppen", "FagMED")]
    assert "Der laves en fælles DBA for Beskæftigelse og en for Borgerservice." in found
    assert any(t.startswith("Politikken blev drøftet") for t in found)
    assert any(t.startswith("Der er tale om en ret kort politik") for t in found)


# --- contrast split -------------------------------------------------------------


def test_contrast_men_splits_when_the_halves_differ_in_stance(positions_of):
    text = (
        "Opbakning til, at jobcentret øger volumen i de virksomhedsrettede forløb, men kommunen skal også "
        "være bevidst om, at den er nødt til at tiltrække flere virksomheder."
    )
    positions = positions_of(text)
    assert [(p.text, p.stance.stance) for p in positions] == [
        ("Opbakning til, at jobcentret øger volumen i de virksomhedsrettede forløb", Stance.SUPPORT),
        (
            "men kommunen skal også være bevidst om, at den er nødt til at tiltrække flere virksomheder.",
            Stance.DEMAND,
        ),
    ]
    assert text[positions[1].start : positions[1].end] == positions[1].text


def test_contrast_men_support_then_concern_splits(positions_of):
    text = "Jobcentret har rigtigt meget at byde på, men der er desværre fortsat for mange virksomheder, som ikke ved nok om det."
    assert [p.stance.stance for p in positions_of(text)] == [Stance.SUPPORT, Stance.CONCERN]


def test_contrast_men_splits_a_neutral_half_from_a_stance(positions_of):
    text = "FagMED har ikke yderligere bemærkninger til politikken, men udtrykker stor tilfredshed med processen."
    left, right = positions_of(text)
    assert (left.text, left.stance.stance.value) == (
        "FagMED har ikke yderligere bemærkninger til politikken",
        "neutral",
    )
    assert (right.text, right.stance.stance.value) == ("men udtrykker stor tilfredshed med processen.", "support")


def test_contrast_men_does_not_split_two_neutral_halves(positions_of):
    text = "Der er tale om en ret kort politik på kun en side, men med en indsatsdel som fylder mere i alt."
    assert texts(positions_of(text)) == [text]


def test_contrast_men_does_not_split_halves_with_the_same_stance(positions_of):
    text = "Vi er positive over for de virksomhedsrettede forløb i jobcentret, men vi er også positive over for flere samtaler."
    (position,) = positions_of(text)
    assert position.stance.stance is Stance.SUPPORT


def test_contrast_men_does_not_split_a_short_half(positions_of):
    text = "Vi støtter forslaget, men der er risiko for at miste borgere."
    assert texts(positions_of(text)) == [text]


# --- offsets --------------------------------------------------------------------


def _document(corpus_dir, doc_id: str) -> Document:
    (document,) = [d for d in read_corpus(corpus_dir) if isinstance(d, Document) and d.doc_id == doc_id]
    return document


def _as_position_text(source: str, keep_hyphen_before: frozenset[str]) -> str:
    """Source text cleaned the way position text is: hyphen breaks joined, white space collapsed."""

    def join(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1).lower() in keep_hyphen_before else ""

    joined = re.sub(r"(?<=[^\W\d_])-\n[^\S\n]*(?=([a-zæøå]\w*))", join, source)
    return " ".join(joined.split())


def test_offsets_of_every_sample_position_point_at_its_text(sample_result, corpus_dir, rules):
    documents = {d.doc_id: d for d in read_corpus(corpus_dir) if isinstance(d, Document)}
    assert len(sample_result.items) > 100
    for position in sample_result.items:
        document = documents[position.doc_id]
        assert document.body_start <= position.start < position.end <= len(document.text)
        source = document.text[position.start : position.end]
        assert _as_position_text(source, rules.segmentation.keep_hyphen_before) == position.text, position


def test_positions_are_numbered_in_text_order(sample_result):
    for doc_id in {p.doc_id for p in sample_result.items}:
        positions = [p for p in sample_result.items if p.doc_id == doc_id]
        assert [p.index for p in positions] == list(range(1, len(positions) + 1))
        starts = [p.start for p in positions]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in pairwise(positions))


def test_header_is_never_a_position(sample_result):
    assert not any(p.text.startswith(("body:", "round:", "---", "#")) for p in sample_result.items)


def test_dash_glued_to_a_quote_after_an_ellipsis_is_kept(positions_of):
    """The tokenizer keeps '"-' whole; trimming the unbalanced quote at the claim's edge must not drop the dash."""
    text = 'Vi er enige i planen…"- Rådet støtter den.\n'
    positions = positions_of(text)
    assert [p.text for p in positions] == ["Vi er enige i planen…", "- Rådet støtter den."]
    assert text[positions[1].start : positions[1].end] == "- Rådet støtter den."
    assert positions[1].tokens[0].text == "-"


# --- letterheads and page footers -----------------------------------------------


def test_page_footer_of_contact_data_inside_a_paragraph_is_no_position(positions_of):
    text = (
        "Det bør præciseres, om der er mulighed for at overføre den resterende del\n"
        "af sanktionen til en efterfølgende kalendermåned.\n"
        "J.nr. 24-63795\n"
        "Ankestyrelsen\n"
        "7998 Statsservice\n"
        "Tel +45 3341 1200\n"
        "ast@ast.dk\n"
        "EAN-nr.:\n"
        "57 98 000 35 48 21\n"
        "Åbningstid:\n"
        "man-fre kl. 9.00-15.00\n"
        "Vi bemærker hertil, at der ikke kan sanktioneres for manglende\n"
        "sygemelding.\n"
    )
    assert texts(positions_of(text)) == [
        "Det bør præciseres, om der er mulighed for at overføre den resterende del af sanktionen til en "
        "efterfølgende kalendermåned.",
        "Vi bemærker hertil, at der ikke kan sanktioneres for manglende sygemelding.",
    ]


def test_page_footer_inside_a_sentence_is_passed_over(positions_of):
    text = "Vi finder, at sanktionen\n\nTel +45 3341 1200\n7998 Statsservice\n\nbør præciseres i loven.\n"
    assert texts(positions_of(text)) == ["Vi finder, at sanktionen bør præciseres i loven."]


@pytest.mark.parametrize(
    "line",
    ["direkte til borgeren, og de skal", "2030 frem mod en ny reform af", "telefonisk kontakt med jobcentret"],
)
def test_a_wrapped_line_that_only_starts_like_contact_data_stays(positions_of, line):
    text = f"Kommunen skal tage kontakten\n{line}\nborgerne i de kommende år.\n"
    assert texts(positions_of(text)) == [" ".join(text.split())]


def test_a_last_line_with_an_at_clause_is_a_sentence_not_a_heading(positions_of):
    text = (
        "Planen skal opleves meningsfuld af borgerne.\n\n"
        "Det er derfor klart, at Én plan ikke kan være en administrativ plan\n"
    )
    assert texts(positions_of(text)) == [
        "Planen skal opleves meningsfuld af borgerne.",
        "Det er derfor klart, at Én plan ikke kan være en administrativ plan",
    ]


def test_a_short_line_without_an_at_clause_stays_a_heading(positions_of):
    text = "Lavere ydelse og mangel på boliger\n\nKL er bekymret for boligsituationen.\n"
    (position,) = positions_of(text)
    assert position.section == "Lavere ydelse og mangel på boliger"


def test_a_long_line_is_not_tried_as_contact_data(rules):
    from hoering.segment import blocks

    text = "@" * 200_000 + "\nTel +45 3341 1200\n"
    assert [b.kind for b in blocks(text, 0, len(text), rules.segmentation)][-1] == "letterhead"
