"""A law's name in a position: the subject of a claim about the law, procedure in a title or receipt."""

from __future__ import annotations

from hoering.themes import ThemeTagger

from conftest import theme_ids

# --- a claim about the law is about its subject ----------------------------------


def test_en_revision_af_sygedagpengeloven_is_about_sygedagpenge(tag):
    hits = tag("Vi finder, at en revision af sygedagpengeloven er tiltrængt.")
    assert theme_ids(hits) == {"sygedagpenge"}
    (hit,) = hits
    assert (hit.matched, hit.note) == ("sygedagpengeloven", "the law's subject")


def test_sygedagpengeloven_som_grundlag_for_vurderinger_is_about_sygedagpenge(tag):
    assert "sygedagpenge" in theme_ids(tag("Det er vigtigt, at sygedagpengeloven lever op til sit formål."))


def test_forslaget_til_ny_lov_om_sygedagpenge_er_et_godt_bud_is_about_sygedagpenge(tag):
    assert theme_ids(tag("Forslaget til ny lov om sygedagpenge er et godt bud på en enklere lov.")) == {"sygedagpenge"}


def test_reglerne_i_udlaendingeloven_named_as_the_source_is_integration(tag):
    assert "integration" in theme_ids(tag("Der kan derefter søges ophold efter reglerne i udlændingeloven."))


def test_integrationslovens_forstand_is_integration(tag):
    # the law's word with a linking s: "integration|s|lovens"
    assert theme_ids(tag("Målgruppen omfattes af integrationslovens regler.")) == {"integration"}


def test_forslaget_om_at_udvide_arbejdsgiverperioden_is_the_measure_not_a_name(tag):
    hits = tag("Vi kan ikke støtte forslaget om at udvide arbejdsgiverperioden med en dag.")
    assert "sygedagpenge" in theme_ids(hits)


# --- a name that is not the point ---------------------------------------------------


def test_finansloven_names_no_subject_of_its_own(tag):
    # "finanslov*" is a budget term, but the finance act here is the occasion of a political deal
    assert tag("Partierne bag finansloven har besluttet at forlænge tilskuddet.") == ()


def test_lovforslaget_alone_names_no_subject(tag):
    assert tag("Vi har ingen bemærkninger til lovforslaget.") == ()


def test_siden_reformen_vedr_foertidspension_og_fleksjob_is_background(tag):
    assert tag("Vi har siden reformen vedr. førtidspension og fleksjob trådte i kraft peget på præciseringer.") == ()


def test_a_quoted_agreement_the_bill_follows_from_is_background(tag):
    assert tag("Lovforslaget er en følge af ”Aftale om skærpede regler for kontanthjælp” fra oktober.") == ()


def test_the_laws_an_omnibus_bill_amends_name_no_theme_in_a_claim(tag):
    sentence = "Lovforslaget ændrer lov om sygedagpenge, lov om aktiv socialpolitik og lov om arbejdsløshedsforsikring."
    assert tag(sentence) == ()


# --- a title or receipt that names the bill is procedure --------------------------------


def test_har_modtaget_forslag_til_lov_om_sygedagpenge_is_procedure(tag):
    assert tag("Rådet har med tak modtaget forslag til lov om sygedagpenge til høring.") == ()


def test_forslag_til_aendring_af_lov_om_title_line_is_procedure(tag):
    assert tag("Forslag til ændring af lov om arbejdsløshedsforsikring m.v. og forskellige andre love") == ()


def test_udkast_til_lovforslag_cover_line_whatever_its_verb_is_procedure(tag):
    sentence = "Styrelsen har den 2. maj 2011 udsendt et udkast til lovforslag om ændring af lov om sygedagpenge."
    assert tag(sentence) == ()


def test_the_formal_title_gives_the_bill_its_subject(rules, tokens):
    tagger = ThemeTagger(rules.codebook)
    title = tokens("Forslag til ændring af lov om arbejdsløshedsforsikring m.v. og forskellige andre love")
    assert tagger.subject(title) == frozenset({"akasser"})


def test_er_overordnet_set_between_commas_is_no_enumeration(tag):
    # "er, overordnet set, et godt bud": the clause goes on across the commas, no list mentions the law in passing
    hits = tag("Forslaget til ny lov om sygedagpenge er, overordnet set, et godt bud på en mere klar struktur.")
    assert theme_ids(hits) == {"sygedagpenge"}
