"""Shortening for terminal columns: within the width, whole words where possible, suffix kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hoering.textfit import longest_word, shorten, shorten_name

NAME = "2023_ledergruppen-og-fagmed_beskaeftigelsespolitik-2023-2026.txt"


def test_long_text_is_cut_after_a_whole_word_with_an_ellipsis():
    assert shorten("Sektor MED ønsker i forbindelse med oversendelsen af de tre forslag", 20) == "Sektor MED ønsker i…"


def test_text_that_fits_is_kept_on_one_line():
    assert shorten("Vi støtter\nplanen.", 40) == "Vi støtter planen."


def test_long_file_name_keeps_its_start_and_its_suffix():
    short = shorten_name(NAME, 30)
    assert short == "2023_ledergruppe…2023-2026.txt"
    assert short.endswith(".txt") and len(short) == 30


def test_file_name_that_fits_is_whole():
    assert shorten_name("lar.txt", 30) == "lar.txt"


def test_longest_word_is_the_narrowest_column_that_keeps_a_name_whole():
    assert longest_word("Fagforening for Offentligt Ansatte") == 11


@given(st.text(min_size=0, max_size=200), st.integers(min_value=1, max_value=120))
def test_shortened_text_never_exceeds_the_width(text, width):
    assert len(shorten(text, width)) <= width


@given(st.from_regex(r"[a-zæøå0-9_\-. ]{1,120}", fullmatch=True), st.integers(min_value=1, max_value=120))
def test_shortened_name_never_exceeds_the_width_and_is_whole_when_it_fits(name, width):
    short = shorten_name(name, width)
    assert len(short) <= width
    if len(name) <= width:
        assert short == name
