"""Text extracted from PDFs: headings and titles without blank lines, date lines, split words."""

from __future__ import annotations

import pytest

from hoering.morphology import default_splitter
from hoering.segment import blocks

from conftest import texts


@pytest.fixture(scope="module")
def lexicon():
    return default_splitter()


# --- headings inside a paragraph ------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Til nr. 24",
        "Til lovforslagets § 1:",
        "§ 35, stk. 4:",
        "Nr. 15",
        "Ad § 2",
        "Bemærkninger til lovforslagets § 5",
        "Ankestyrelsens bemærkninger",
    ],
)
def test_til_nr_24_heading_line_inside_a_paragraph_ends_the_block(positions_of, heading):
    text = (
        "På den baggrund har Ankestyrelsen følgende bemærkninger til\n"
        "lovforslaget:\n"
        f"{heading}\n"
        "Vi bemærker, at der ikke kan sanktioneres for manglende\n"
        "sygemelding.\n"
    )
    positions = positions_of(text)
    assert texts(positions) == [
        "På den baggrund har Ankestyrelsen følgende bemærkninger til lovforslaget:",
        "Vi bemærker, at der ikke kan sanktioneres for manglende sygemelding.",
    ]
    assert positions[1].section == heading


@pytest.mark.parametrize(
    "line",
    ["§ 5 i loven betyder, at kommunen skal handle.", "Til nr. 24 har vi ingen bemærkninger.", "nr. 4 i loven."],
)
def test_a_sentence_that_starts_like_a_paragraph_reference_stays(positions_of, line):
    text = f"Vi bemærker følgende om forslaget\n{line}\n"
    assert texts(positions_of(text)) == [" ".join(text.split())]


# --- subject lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Høring vedr. udkast til forslag til lov om enklere og skærpede sanktioner og styrket kontrol med "
        "snyd og færre fejludbetalinger m.v.",
        "Høringssvar på lovforslag om ændring af sygedagpenge-loven m.m.",
        "Høringssvar vedr. forslag til Lov om præcisering af regler om ressourceforløb og dokumentationskrav "
        "for tilkendelse af førtidspension i de kommende år",
        "Vedr.: Udkast til forslag til lov om ændring af lov om aktiv socialpolitik og forskellige andre love m.v.",
    ],
)
def test_hoering_vedr_subject_line_is_a_title_not_a_position(positions_of, title):
    (position,) = positions_of(f"{title}\n\nVi støtter forslaget.\n")
    assert position.text == "Vi støtter forslaget."
    assert position.section == title


def test_hoeringssvar_vedroerende_title_over_lines_ends_at_a_capital(positions_of):
    text = (
        "Høringssvar vedrørende udkast til forslag til Lov om ændring af\n"
        "lov om aktiv socialpolitik, integrationsloven og forskellige andre\n"
        "love (Enklere og skærpede sanktioner m.v.)\n"
        "Ankestyrelsen har modtaget høring vedrørende ovennævnte udkast til\n"
        "lovforslag.\n"
    )
    assert texts(positions_of(text)) == [
        "Ankestyrelsen har modtaget høring vedrørende ovennævnte udkast til lovforslag."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Høring om udkast til lovforslaget har vist, at kommunerne er bekymrede. Vi deler den bekymring.",
        "Høringssvar til lovforslaget skal sendes til styrelsen, og vi har sendt vores den 3. marts.",
    ],
)
def test_a_sentence_that_starts_like_a_subject_line_stays(positions_of, sentence):
    assert " ".join(texts(positions_of(f"{sentence}\n"))) == sentence


# --- date lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    "date", ["12. august 2024", "København, den 3. marts 2021", "Den 21. december 2004", "11-10-2019"]
)
def test_12_august_2024_date_line_is_no_bullet_and_no_position(positions_of, date):
    text = f"Vi har følgende bemærkninger.\n\n{date}\nVi støtter forslaget.\n"
    assert texts(positions_of(text)) == ["Vi har følgende bemærkninger.", "Vi støtter forslaget."]


def test_1_januar_2025_sentence_is_kept(rules):
    text = "Vi mener følgende.\n\n1. januar 2025 træder loven i kraft, og det er for tidligt.\n"
    kinds = [(b.kind, b.text) for b in blocks(text, 0, len(text), rules.segmentation)]
    assert kinds[-1] == ("bullet", "januar 2025 træder loven i kraft, og det er for tidligt.")


# --- words a PDF's text layer cut with spaces -------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("der m ister deres job", "der mister deres job"),
        ("kvalificeret arbejd skraft, samtidig", "kvalificeret arbejdskraft, samtidig"),
        ("i stand til at imøde - komme virksomhederne", "i stand til at imødekomme virksomhederne"),
        ("følgende b emærkninger.", "følgende bemærkninger."),
        ("Glo baliseringen giver", "Globaliseringen giver"),
        ("det nuv æ rende system", "det nuværende system"),
        ("et bety - deligt pres", "et betydeligt pres"),
        ("på beskæftigelsesom - rådet", "på beskæftigelsesområdet"),
    ],
)
def test_m_ister_split_word_is_joined_and_quoted_as_written(rules, lexicon, written, read):
    text = f"Vi mener, at {written} er vigtigt.\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert block.text == f"Vi mener, at {read} er vigtigt."
    start = block.text.index(read)
    quoted = text[slice(*block.source_span(start, start + len(read)))]
    assert quoted == written


@pytest.mark.parametrize(
    "written",
    [
        "udmønter strukturreform en på området",  # both pieces are words
        "social - og sundhedsområdet",  # a shared compound part
        "arbejdsmarkedet - det er godt",  # a dash between words
        "KL ud af forhandlingerne",  # an acronym, not "klud"
        "et beskæftigelsessystem er i stand",  # a compound the table lacks is a word
        "borgere i job",  # "i" is a word
        "Til nr. 24 har vi",
    ],
)
def test_words_that_only_look_split_stay(rules, lexicon, written):
    text = f"Vi mener, at {written} er vigtigt.\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert block.text == " ".join(text.split())


def test_a_megabyte_of_one_letter_pieces_is_joined_in_linear_time(rules, lexicon):
    text = "a " * 500_000 + "\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert len(block.text) <= len(text)


def test_hoeringssvar_colon_subject_line_above_the_first_sentence_is_a_title(positions_of):
    text = "Høringssvar: Lovforslag om reform af kontanthjælpssystemet\nKL har modtaget lovforslaget i høring.\n"
    (position,) = positions_of(text)
    assert position.text == "KL har modtaget lovforslaget i høring."


def test_m_v_before_a_capital_ends_the_sentence(positions_of):
    text = "Vi har fået forslaget om tilskud til medicin, m.v.\nDet bemærkes, at fristen var kort.\n"
    assert texts(positions_of(text)) == [
        "Vi har fået forslaget om tilskud til medicin, m.v.",
        "Det bemærkes, at fristen var kort.",
    ]


def test_m_v_before_a_comma_does_not_end_the_sentence(positions_of):
    sentence = "Lov om organisering af beskæftigelsesindsatsen mv., lov om sygedagpenge og integrationsloven ændres."
    assert texts(positions_of(sentence + "\n")) == [sentence]


def test_njalsgade_72_street_line_takes_the_addressee_out_of_the_positions(positions_of):
    text = (
        "Styrelsen for Arbejdsmarked og\nRekruttering\nNjalsgade 72\n2300 København S\n"
        "Ankestyrelsen har modtaget høring vedrørende udkastet.\n"
    )
    assert texts(positions_of(text)) == ["Ankestyrelsen har modtaget høring vedrørende udkastet."]


def test_a_line_that_only_ends_like_a_street_stays(positions_of):
    text = "Kommunen skal sikre, at borgerne på\nNørregade 12 får hjælp i tide.\n"
    assert texts(positions_of(text)) == [" ".join(text.split())]


# --- words a PDF's text layer glued ----------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("atjobcentrene", "at jobcentrene"),  # a conjunction opens no compound
        ("dogses", "dog ses"),  # nor a sentence adverb
        ("havdeviden", "havde viden"),  # nor an auxiliary
        ("færrefremover", "færre fremover"),  # a sentence adverb closes none
        ("Kommunerneskal", "Kommunerne skal"),  # nor a modal verb after a definite form, capital or not
        ("ydelsensniveau", "ydelsens niveau"),  # a definite genitive is no modifier
        ("dagpengeperiodenslængde", "dagpengeperiodens længde"),  # ... also of a compound
    ],
)
def test_atjobcentrene_glued_words_are_read_apart_and_quoted_as_written(rules, lexicon, written, read):
    text = f"Vi mener, {written} er vigtigt.\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert block.text == f"Vi mener, {read} er vigtigt."
    start = block.text.index(read)
    assert text[slice(*block.source_span(start, start + len(read)))] == written
    first, second = read.split()
    assert text[slice(*block.source_span(start, start + len(first)))] == first
    later = start + len(first) + 1
    assert text[slice(*block.source_span(later, later + len(second)))] == second


@pytest.mark.parametrize(
    "written",
    [
        "sagstallet",  # compounds: a stem, with or without a linking letter, before a word
        "kontanthjælpssager",
        "dagpengesystemet",
        "lederarbejdsmarkedet",  # leder|arbejdsmarkedet, not a definite first part
        "erhvervsskoleeleverne",  # a compound reading with another first part than "er"
        "vidensdelingen",  # "videns" is the genitive of the noun "viden"
        "citronskallen",  # "skal" is a noun after a stem
        "påbegyndelser",  # a preposition opens compounds
        "atlasen",  # "atlas" inflected, not "at lasen"
        "fremfor",
        "Fredensborg",  # a name: only a last part that closes no compound would cut it
        "Rødovre",
        "Vester",
        "ikke-arbejdsmarkedsparate",  # at a hyphen
        "kravetArbejdsmarkedsstyrelsen",  # a capital inside
        "KOMMUNERNESKAL",  # in capitals
    ],
)
def test_sagstallet_compounds_and_names_are_not_read_as_glued_words(rules, lexicon, written):
    text = f"Vi mener, at {written} er vigtigt.\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert block.text == " ".join(text.split())


def test_a_word_joined_from_pieces_is_not_cut_again(rules, lexicon):
    text = "Vi mener, at beskæftigelsesom - rådet er vigtigt.\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert "beskæftigelsesområdet" in block.text


def test_atsagsantallet_theme_term_found_in_a_glued_word_quotes_the_file(positions_of):
    text = "Vi frygter, atsagsantallet stiger.\n"
    (position,) = positions_of(text)
    (hit,) = [hit for hit in position.themes if hit.label == "sagsantal"]
    assert text[hit.start : hit.end] == "sagsantallet"
    assert position.text == "Vi frygter, at sagsantallet stiger."
    assert text[position.start : position.end] == text.strip()


def test_oftere_stoerre_an_inflected_form_is_not_joined_into_a_compound(rules, lexicon):
    text = "Familierne har oftere større udgifter.\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert block.text == text.strip()


def test_a_megabyte_of_letters_is_not_cut_into_glued_words(rules, lexicon):
    text = "at" + "a" * 1_000_000 + "\n"
    (block,) = blocks(text, 0, len(text), rules.segmentation, lexicon=lexicon)
    assert block.text == text.strip()


# --- heading lines inside a paragraph ----------------------------------------------


def test_generelt_heading_line_after_a_sentence_end_is_no_position(positions_of):
    text = (
        "Foreningen har modtaget lovforslaget og takker for muligheden for at svare på det.\n"
        "Generelt\n"
        "Foreningen finder, at en revision af reglerne om ydelsen er nødvendig og rettidig.\n"
    )
    positions = positions_of(text)
    assert texts(positions) == [
        "Foreningen har modtaget lovforslaget og takker for muligheden for at svare på det.",
        "Foreningen finder, at en revision af reglerne om ydelsen er nødvendig og rettidig.",
    ]
    assert positions[1].section == "Generelt"


def test_uklart_hvor_mange_rammes_heading_first_in_its_paragraph_is_no_position(positions_of):
    text = (
        "Uklart hvor mange familier mister hjælpen\n"
        "Forslaget oplyser ikke, hvor mange familier der vil miste hjælpen, og det bør undersøges nærmere.\n"
    )
    (position,) = positions_of(text)
    assert position.text.startswith("Forslaget oplyser ikke")
    assert position.section == "Uklart hvor mange familier mister hjælpen"


@pytest.mark.parametrize(
    "line",
    [
        "Vi har drøftet forslaget med",  # a sentence goes on: it ends in a preposition
        "Vi har drøftet forslaget grundigt i bestyrelsen og i vores udvalg for beskæftigelse",  # runs to the margin
        "Det er klart, at Kommunen",  # a clause after a comma
    ],
)
def test_a_sentence_broken_before_a_capital_is_no_heading_line(positions_of, line):
    text = (
        "Vi takker for høringen.\n"
        f"{line}\n"
        "KL og Danske Regioner, og vi mener, at forslaget samlet set er et godt skridt i den rigtige retning.\n"
    )
    assert not any(p.section for p in positions_of(text))


def test_l_152_bilag_1_folketing_page_stamp_is_no_position(positions_of):
    text = (
        "Beskæftigelsesudvalget 2023-24\nL 99 Bilag 3\nOffentligt\n"
        "Styrelsen vurderer, at klagerne vil komme i løbet af få\n"
        "L 99 - 2023-24 - Bilag 3: Oversendelse af høringssvar og høringsnotat\n"
        "Styrelsen vurderer, at mange borgere vil klage over afgørelserne.\n"
    )
    assert texts(positions_of(text)) == [
        "Styrelsen vurderer, at klagerne vil komme i løbet af få",
        "Styrelsen vurderer, at mange borgere vil klage over afgørelserne.",
    ]


# --- a correction: "ikke kun A, men B" --------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Fattigdom handler ikke udelukkende om penge, men højere ydelser er en forudsætning for at familierne klarer sig.",
        "Vi finder det vigtigt, at ordningen ikke ses som en slutstation for de ledige, men at kommunen aktivt "
        "hjælper dem videre til ordinært arbejde.",
    ],
)
def test_ikke_kun_a_men_b_correction_stays_one_position(positions_of, sentence):
    assert texts(positions_of(sentence + "\n")) == [sentence]


def test_a_contrast_that_turns_the_stance_after_a_negation_is_still_cut(positions_of):
    sentence = "Vi er ikke imod forslaget om færre samtaler, men vi er dybt bekymrede for de svageste borgere."
    assert len(positions_of(sentence + "\n")) == 2


def test_dok_id_line_with_the_short_lines_beside_it_is_letterhead(positions_of):
    text = "ABC\nDok ID: 123456\nCorona\nFormålet med forslaget er at sikre, at borgerne får hjælp i tide.\n"
    assert texts(positions_of(text)) == ["Formålet med forslaget er at sikre, at borgerne får hjælp i tide."]


def test_a_last_line_cut_off_in_a_word_is_a_truncated_sentence_not_a_heading(positions_of):
    text = "Vi støtter forslaget.\n\nRegionen ser fortsat et behov for at styrke indsatsen for de unge m\n"
    positions = positions_of(text)
    assert texts(positions)[-1] == "Regionen ser fortsat et behov for at styrke indsatsen for de unge m"


def test_forslag_til_aendring_af_lov_om_subject_line_is_a_title(positions_of):
    title = "Forslag til ændring af lov om sygedagpenge og forskellige andre love vedrørende aftale fra 3. maj 2020"
    (position,) = positions_of(f"{title}\n\nVi støtter forslaget.\n")
    assert position.text == "Vi støtter forslaget."
    assert position.section == title


def test_a_sentence_end_glued_after_a_bracket_ends_the_sentence(positions_of):
    text = "Vi har set forslaget (om kravet).Foreningen er ikke uenig i, at reglerne bør forenkles.\n"
    positions = positions_of(text)
    assert texts(positions) == [
        "Vi har set forslaget (om kravet).",
        "Foreningen er ikke uenig i, at reglerne bør forenkles.",
    ]
    assert text[positions[1].start : positions[1].end] == "Foreningen er ikke uenig i, at reglerne bør forenkles."
