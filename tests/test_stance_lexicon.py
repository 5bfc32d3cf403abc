"""The broad stance lexicon: the sentiment lexicon's words as predicates, and the hand-written constructions."""

from __future__ import annotations

import pytest

from hoering.models import Stance
from hoering.rules import load_rules
from hoering.stance import StanceScorer

# --- the sentiment lexicon (DDS) counts only as a predicate -------------------


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Forslaget er uigennemtænkt over for de ældste ledige.", Stance.CONCERN),
        ("KL finder ordningen håbløs.", Stance.CONCERN),
        ("Modellen forekommer velovervejet.", Stance.SUPPORT),
        ("Den nye ydelsesstruktur er meget velbegrundet.", Stance.SUPPORT),
    ],
)
def test_forslaget_er_urimeligt_sentiment_word_as_predicate_counts(score, sentence, stance):
    assert score(sentence).stance is stance


def test_sentiment_word_as_predicate_names_its_verb(score):
    call = score("Forslaget er uigennemtænkt.")
    (cue,) = [c for c in call.cues if c.matched == "uigennemtænkt"]
    assert "a predicate after 'er'" in cue.note


def test_en_velovervejet_model_describing_a_noun_is_no_cue(score):
    call = score("Kommunen indfører en velovervejet model for hele året.")
    assert call.stance is Stance.NEUTRAL
    assert all(c.matched != "velovervejet" for c in call.cues)


def test_predicate_does_not_reach_across_a_comma(score):
    call = score("Planen er ny, velovervejet af ministeriet.")
    assert all(c.matched != "velovervejet" for c in call.cues)


def test_ikke_velovervejet_negated_predicate_is_concern(score):
    assert score("Forslaget er ikke velovervejet.").stance is Stance.CONCERN


def test_sentiment_lexicon_files_name_their_licence_and_source():
    from hoering.rules import default_rules_dir

    for name in ("dds_support", "dds_concern"):
        text = (default_rules_dir() / "lexicon" / f"{name}.toml").read_text(encoding="utf-8")
        assert "CC BY-SA 4.0" in text
        assert "https://github.com/dsldk/danish-sentiment-lexicon" in text


def test_a_predicate_family_without_predicate_verbs_never_counts(tmp_path, tokens):
    (tmp_path / "stance.toml").write_text("[structure]\npredicate_verbs = []\n", encoding="utf-8")
    scorer = StanceScorer(load_rules(tmp_path).stance)
    assert scorer.score(tokens("Modellen forekommer velovervejet.")).stance is Stance.NEUTRAL


# --- hand-written constructions ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Derfor er det også afgørende, at borgerne får råd og vejledning.",
        "Her er det helt nødvendigt, at kommunerne får midler.",
        "Reglen bør fjernes fra lovforslaget.",
        "FH lægger stor vægt på, at de ledige inddrages.",
        "Vi opfordrer til, at fristen forlænges.",
        "Det er på tide, at reglerne bliver enklere at administrere.",
    ],
)
def test_er_det_afgoerende_at_and_directives_are_demand(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


@pytest.mark.parametrize(
    "sentence",
    [
        "DA noterer med tilfredshed, at fristen forlænges.",
        "Vi ser frem til at samarbejde om den nye ordning.",
        "KL kan tiltræde forslaget.",
        "Det er en god idé at samle reglerne.",
    ],
)
def test_noterer_med_tilfredshed_and_tiltraeder_are_support(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


@pytest.mark.parametrize(
    "sentence",
    [
        "Ankestyrelsen bemærker, at bestemmelsen er i strid med forvaltningsloven.",
        "DS advarer mod at skære i ydelsen.",
        "Lovforslaget tager ikke højde for de borgere, der mister deres bolig.",
        "Det er en samlet besparelse på 2,7 mia. kr.",
        "Vi undrer os over, at fristen er så kort.",
    ],
)
def test_i_strid_med_advarer_and_besparelse_are_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


def test_vi_forventer_a_forecast_is_no_demand(score):
    assert score("En udvikling, vi forventer, vil fortsætte de kommende år.").stance is Stance.NEUTRAL


# --- constructions of the høringsnotat register ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "KL ser positivt på lovforslagets intentioner.",
        "Dansk Erhverv tager positivt imod forslaget.",
        "FH er tilhænger af en enklere ydelsesstruktur.",
        "DS har længe efterlyst denne forenkling.",
        "Lovforslaget lever op til Akademikernes ønsker.",
        "DA har ingen indvendinger mod forslaget.",
        "Forslaget giver god mening.",
        "FH deler regeringens ønske om at få flere i arbejde.",
        "Det er prisværdigt, at regeringen har lyttet til kommunerne.",
    ],
)
def test_ser_positivt_paa_and_er_tilhaenger_af_are_support(score, sentence):
    assert score(sentence).stance is Stance.SUPPORT


@pytest.mark.parametrize(
    "sentence",
    [
        "LO og FTF er stærkt kritiske over for lovforslaget.",
        "Lederne er modstander af forslaget.",
        "DH er forbeholden over for forslaget.",
        "Vi stiller os uforstående over for, at kravet indføres.",
        "DA betvivler, at forslaget vil virke.",
        "Vi er ikke overbevist om, at forslaget vil virke.",
        "DS mener ikke, at forslaget vil føre til flere i job.",
        "Forslaget er et skridt i den forkerte retning.",
        "Det konkrete forslag vil gøre langt mere skade end gavn.",
        "Ændringen vil ramme skævt.",
        "Lovforslaget harmonerer ikke med principperne for god forvaltning.",
    ],
)
def test_er_kritiske_over_for_and_mener_ikke_are_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


def test_giver_ikke_mening_negated_support_is_concern(score):
    assert score("Det giver ikke mening at indføre et nyt krav.").stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "LO og FTF foreslår i høringssvaret, at lovforslaget trækkes tilbage og revurderes.",
        "Vi foretrækker, at kommunerne selv får lov at vælge.",
        "Ministeriet bedes præcisere, hvordan reglen skal forstås.",
        "Det er vores anbefaling, at fristen forlænges.",
        "Det er helt afgørende for KL, at kommunerne kompenseres.",
        "Der må findes en løsning for de ældste ledige.",
        "Det kunne være en idé at samle reglerne ét sted.",
    ],
)
def test_foreslaar_at_and_det_er_helt_afgoerende_are_demand(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


@pytest.mark.parametrize(
    "sentence",
    [
        "Følgende har ikke haft bemærkninger til lovforslaget.",
        "Med lovforslaget foreslås det, at kontanthjælpsloftet ophæves.",
        "Det må forventes, at flere søger ydelsen.",
    ],
)
def test_ikke_haft_bemaerkninger_and_det_foreslaas_are_neutral(score, sentence):
    assert score(sentence).stance is Stance.NEUTRAL


@pytest.mark.parametrize(
    "sentence",
    [
        "Dimittenderne vil få en lavere dagpengesats.",
        "En enlig forsørger vil gå ned i indkomst.",
        "Nyttejob vil ikke føre til flere i job.",
        "Reformen vil øge børnefattigdommen.",
        "Forslaget giver nye administrationsbyrder for kommunerne.",
    ],
)
def test_lavere_ydelse_and_vil_ikke_foere_til_are_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "KL går ud fra, at merudgifterne kompenseres.",
        "Kommunerne skal kompenseres fuldt ud.",
    ],
)
def test_gaar_ud_fra_at_and_skal_kompenseres_are_demand(score, sentence):
    assert score(sentence).stance is Stance.DEMAND


def test_det_er_helt_rigtigt_is_support_and_ikke_fair_concern(score):
    assert score("Det er helt rigtigt, at reglerne samles.").stance is Stance.SUPPORT
    assert score("Det er ikke fair over for de ledige.").stance is Stance.CONCERN


@pytest.mark.parametrize(
    "sentence",
    [
        "Sproget er en barriere på arbejdspladsen.",
        "Overgangen fra ressourceforløb til job sker for hurtigt.",
        "Borgerne har oplevet at gå glip af en aftale.",
        "Mange unge kan ikke overskue et møde på jobcentret.",
    ],
)
def test_en_barriere_and_sker_for_hurtigt_are_concern(score, sentence):
    assert score(sentence).stance is Stance.CONCERN


def test_for_hurtigt_at_komme_i_job_is_a_purpose_not_an_excess(score):
    assert score("Indsatsen tilrettelægges for hurtigt at hjælpe borgeren.").stance is Stance.NEUTRAL


def test_der_er_en_reel_fare_the_adjective_after_an_existential_der_is_no_predicate(score):
    call = score("Der er en reel fare for, at de svageste ledige tabes.")
    assert call.stance is Stance.CONCERN
    assert all(c.matched != "reel" for c in call.cues)


def test_regler_der_er_urimelige_a_relative_der_keeps_its_predicate(score):
    call = score("Vi kritiserer de regler, der er urimelige.")
    assert any(c.matched == "urimelige" for c in call.cues)


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("FH tager skarpt afstand fra forslaget.", Stance.CONCERN),
        ("Der er ingen dokumentation for, at nyttejob virker.", Stance.CONCERN),
        ("Det er en god og rigtig beslutning.", Stance.SUPPORT),
    ],
)
def test_tager_skarpt_afstand_and_en_rigtig_beslutning(score, sentence, stance):
    assert score(sentence).stance is stance


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("KL har ingen betænkeligheder ved forslaget.", Stance.SUPPORT),
        ("Forslaget er ikke gennemtænkt.", Stance.CONCERN),
        ("DS er langt fra enig i forslaget.", Stance.CONCERN),
    ],
)
def test_ingen_betaenkeligheder_and_langt_fra_enig(score, sentence, stance):
    assert score(sentence).stance is stance
