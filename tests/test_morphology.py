"""Danish compounds: split by the lemma table, matched by theme terms, shown in the evidence."""

from __future__ import annotations

import pytest

from hoering.morphology import Splitter, default_splitter
from hoering.patterns import PatternSet, compile_pattern
from hoering.themes import ThemeTagger


@pytest.fixture(scope="module")
def split():
    return default_splitter().split


@pytest.mark.parametrize(
    ("word", "modifier", "head", "lemma"),
    [
        ("sagstallet", "sags", "tallet", "sagstal"),
        ("grundnormeringen", "grund", "normeringen", "grundnormering"),
        ("opholdskravet", "opholds", "kravet", "opholdskrav"),
        ("kontanthjælpssager", "kontanthjælps", "sager", "kontanthjælpssag"),
        ("sagstilgang", "sags", "tilgang", "sagstilgang"),
    ],
)
def test_compound_sagstallet_splits_into_modifier_and_inflected_head(split, word, modifier, head, lemma):
    compound = split(word)
    assert (compound.modifier, compound.head, compound.lemma) == (modifier, head, lemma)


def test_hyphenated_sho_ydelsen_splits_at_the_hyphen(split):
    assert split("sho-ydelsen").lemma == "sho-ydelse"


def test_a_word_the_lemma_table_knows_is_not_split(split):
    assert split("sagsbehandlingstider") is None  # its own lemma, sagsbehandlingstid, is enough
    assert split("borger") is None  # too short to be worth a split


def test_a_word_no_cut_explains_is_not_split():
    assert Splitter({"tal": "tal"}).split("xqzwvtal") is None


def test_the_splitter_remembers_each_word_form():
    table = {"tal": "tal", "tallet": "tal", "sag": "sag"}
    splitter = Splitter(table)
    first = splitter.split("sagstallet")
    table["sagstallet"] = "sagstallet"  # a later change to the table is not seen: the form was analysed
    assert splitter.split("sagstallet") is first


def test_sagstallet_matches_the_term_sagstal(tokens):
    patterns = PatternSet([compile_pattern("sagstal")], default_splitter())
    toks = tokens("Sagstallet er for højt.")
    assert patterns.matches(toks) == {0: [(0, 1)]}
    assert patterns.how(0, toks[0]) == "sagstallet -> sagstal"


def test_without_a_splitter_sagstallet_is_not_sagstal(tokens):
    assert PatternSet([compile_pattern("sagstal")]).matches(tokens("Sagstallet er for højt.")) == {}


def test_grundnormeringen_matches_the_term_normering_by_its_head(tokens):
    toks = tokens("Grundnormeringen skal hæves.")
    patterns = PatternSet([compile_pattern("normering")], default_splitter(), heads=True)
    assert patterns.matches(toks) == {0: [(0, 1)]}
    assert patterns.how(0, toks[0]) == "grundnormeringen -> grund + normering"
    # Stance cues never match by the head alone: "indkomststøtte" is no "støtte".
    cues = PatternSet([compile_pattern("støtte")], default_splitter())
    assert cues.matches(tokens("Indkomststøtten falder.")) == {}


def test_sagstallet_and_grundnormeringen_are_caseload(rules, tokens):
    tagger = ThemeTagger(rules.codebook)
    for sentence in ("Sagstallet er for højt.", "Grundnormeringen skal hæves.", "Sagstilgangen stiger."):
        assert {h.label for h in tagger.tag(tokens(sentence))} == {"sagsantal"}, sentence


def test_opholdskravet_is_unemployment_benefit(rules, tokens):
    hits = ThemeTagger(rules.codebook).tag(tokens("Opholdskravet rammer mange."))
    assert "akasser" in {h.label for h in hits}
