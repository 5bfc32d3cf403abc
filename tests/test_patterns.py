"""The term pattern language shared by theme terms, stance cues and exclusions."""

from __future__ import annotations

import pytest

from hoering.patterns import compile_pattern


def matched(pattern: str, tokens: tuple) -> list[str]:
    """The texts a pattern matches, in order."""
    return [" ".join(t.text for t in tokens[i:j]) for i, j in compile_pattern(pattern).find(tokens)]


def test_exact_word_matches_only_the_whole_word(tokens):
    toks = tokens("Ungdomsskolen og de unge mødes.")
    assert matched("unge", toks) == ["unge"]
    assert matched("ung", tokens("Ungdomsskolen mødes.")) == []


def test_exact_pattern_ignores_case(tokens):
    assert matched("dba", tokens("Der laves en fælles DBA for Beskæftigelse.")) == ["DBA"]


def test_stem_star_matches_inflections_and_compounds(tokens):
    toks = tokens("Investeringer på sygedagpengeområdet og sygedagpenge til sygedagpengemodtagerne.")
    assert matched("sygedagpenge*", toks) == ["sygedagpengeområdet", "sygedagpenge", "sygedagpengemodtagerne"]


def test_stem_star_does_not_match_a_word_that_only_contains_the_stem(tokens):
    assert matched("fravær*", tokens("Sygefraværet er stadig højt.")) == []


def test_leading_star_matches_compound_heads(tokens):
    toks = tokens("Sygefraværet og sygefravær er stadig højt.")
    assert matched("*fravær", toks) == ["sygefravær"]
    assert matched("*fraværet", toks) == ["Sygefraværet"]


def test_leading_star_does_not_match_word_starts(tokens):
    assert matched("*syge", tokens("Sygefraværet er stadig højt.")) == []


def test_infix_matches_anywhere_in_the_word(tokens):
    toks = tokens("Vi har de vejlederressourcer og medarbejderressourcer, som vi har.")
    assert matched("*ressource*", toks) == ["vejlederressourcer", "medarbejderressourcer"]


def test_multi_word_pattern_needs_adjacent_words(tokens):
    assert matched("risiko for", tokens("Der kan være risiko for at skære alle over en kam.")) == ["risiko for"]
    assert matched("risiko for", tokens("Der er en risiko, for at det sker.")) == []


def test_gap_bridges_up_to_three_words(tokens):
    toks = tokens("Vi bakker fuldt og helt op om, at den hyppige kontakt er vigtig.")
    assert matched("bakke* ... op", toks) == ["bakker fuldt og helt op"]


def test_gap_matches_adjacent_words(tokens):
    assert matched("bakke* ... op", tokens("Medarbejdergruppen kan bakke op om hovedlinjerne.")) == ["bakke op"]


def test_gap_does_not_bridge_four_words(tokens):
    assert matched("bakke* ... op", tokens("Vi bakker fuldt og helt ud op om planen.")) == []


def test_matching_via_lemma(tokens):
    # "planen" has the lemma "plan", "støttede" the lemma "støtte".
    assert matched("plan", tokens("Vi har læst planen.")) == ["planen"]
    assert matched("støtte", tokens("Rådet støttede forslaget.")) == ["støttede"]


def test_repeated_word_gives_one_match_each(tokens):
    assert compile_pattern("unge*").find(tokens("unge unge")) == [(0, 1), (1, 2)]


def test_match_offsets_are_token_indices(tokens):
    toks = tokens("Stor anerkendelse af, at Jobcentret er lydhøre i samarbejdet.")
    ((i, j),) = compile_pattern("lydhør* i").find(toks)
    assert (toks[i].text, toks[j - 1].text) == ("lydhøre", "i")


@pytest.mark.parametrize(
    "source",
    ["", "   ", "foo**bar", "**", "*", "... start", "slut ...", "bakke ... ... op", "ikke?", "(unge)"],
)
def test_bad_pattern_raises_value_error(source):
    with pytest.raises(ValueError):
        compile_pattern(source)


def test_bad_pattern_error_names_the_problem():
    with pytest.raises(ValueError, match="between two words"):
        compile_pattern("... start")
    with pytest.raises(ValueError, match="foo\\*\\*bar"):
        compile_pattern("foo**bar")


@pytest.mark.parametrize(
    "source", ["a-kasse*", "pr. *sagsbehandler*", "han/hun", "bl.a.", "risiko for", "*sygefravær*"]
)
def test_valid_patterns_compile(source):
    assert compile_pattern(source).source == source


def test_pattern_set_finds_what_each_pattern_finds(rules, analyser):
    from hoering.corpus import read_corpus
    from hoering.models import Document
    from hoering.patterns import PatternSet

    from conftest import CORPUS

    patterns = [t.pattern for theme in rules.codebook.themes for t in theme.terms]
    patterns += [t.pattern for terms in rules.stance.cues.values() for t in terms] + list(rules.stance.negations)
    indexed = PatternSet(patterns)
    positions = [p for d in read_corpus(CORPUS) if isinstance(d, Document) for p in analyser.document(d)]
    assert len(positions) > 100
    for position in positions:
        assert position.tokens
        assert indexed.find(position.tokens) == [p.find(position.tokens) for p in patterns]
