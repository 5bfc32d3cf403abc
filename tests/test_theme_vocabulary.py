"""Theme vocabulary of the codebook's domains: terms missed and terms that name something else (invented sentences)."""

from __future__ import annotations

import pytest

from hoering.themes import ThemeTagger


@pytest.fixture(scope="module")
def themes(rules, tokens):
    tagger = ThemeTagger(rules.codebook)
    return lambda text: {h.label for h in tagger.tag(tokens(text))}


def test_arbejdsgiversiden_is_the_sender_not_virksomhed(themes):
    assert "virksomhed" not in themes("Arbejdsgiversiden finder det væsentligt, at reglerne er klare.")
    assert "virksomhed" not in themes("Det er arbejdsgiversidens opfattelse, at ordningen virker.")
    assert "virksomhed" in themes("Arbejdsgiverne skal have bedre service fra jobcentret.")


def test_hjemmel_til_ministeren_alone_is_no_retssikkerhed(themes):
    assert "retssikkerhed" not in themes("Loven giver hjemmel til at fastsætte regler om forsøg.")
    assert "retssikkerhed" not in themes("Anvendelsesområdet for hjemlen til ministeren skal fastlægges.")
    assert "retssikkerhed" in themes("Der er ikke hjemmel til at standse ydelsen.")


def test_ankestyrelsen_named_is_no_retssikkerhed(themes):
    assert "retssikkerhed" not in themes("Ankestyrelsen vurderer, at mange borgere vil klage.")
    # a complaint over a decision is still the point
    assert "retssikkerhed" in themes("Borgeren kan klage over afgørelsen til Ankestyrelsen.")


def test_laegebehandling_is_no_ligebehandling(themes):
    assert "retssikkerhed" not in themes("Sygemeldte, der venter på lægebehandling, skal have ydelsen forlænget.")
    assert "retssikkerhed" in themes("Alle skal have ret til ligebehandling.")
