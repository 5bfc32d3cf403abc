"""Corrections: applied by document and text, marked in positions.csv, stale ones reported."""

from __future__ import annotations

import shutil

import pytest

import hoering
from hoering.corrections import CorrectionsError, read_corrections
from hoering.models import Stance

from conftest import CORPUS

LAR = "2020_lar_beskaeftigelsesplan-2021-2022.txt"
SENTENCE = "Der er behov for at kigge mere på den enkelte borger."


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("gold.csv", "corrections.csv"))
    return folder


def analyse(folder, pipeline, **kwargs):
    return hoering.analyse(folder, model=pipeline, **kwargs)


def test_correction_changes_themes_and_stance_and_is_marked(corpus, blank_pipeline):
    (corpus / "corrections.csv").write_text(
        f'doc,text,themes,stance,note\n{LAR},"{SENTENCE}",psykisk|samtaler,concern,læst af sekretariatet\n',
        encoding="utf-8",
    )
    result = analyse(corpus, blank_pipeline)
    (row,) = result.positions[result.positions["text"] == SENTENCE].to_dict("records")
    assert row["themes"] == "psykisk|samtaler"
    assert row["stance"] == "concern"
    assert row["corrected"] == "corrections.csv:2"
    assert "corrected (corrections.csv:2): læst af sekretariatet" in row["stance_cues"]
    assert result.summary()["corrected"] == 1
    assert result.stale_corrections == ()
    untouched = result.positions[(result.positions["text"] != SENTENCE)]
    assert (untouched["corrected"] == "").all()


def test_correction_that_only_sets_stance_keeps_the_themes(corpus, blank_pipeline):
    before = analyse(corpus, blank_pipeline, corrections=False)
    (corpus / "corrections.csv").write_text(f'doc,text,stance\n{LAR},"{SENTENCE}",neutral\n', encoding="utf-8")
    after = analyse(corpus, blank_pipeline)
    pick = lambda r: r.positions[r.positions["text"] == SENTENCE].iloc[0]  # noqa: E731
    assert pick(after)["themes"] == pick(before)["themes"]
    assert pick(after)["stance"] == Stance.NEUTRAL.value


def test_correction_by_text_survives_other_whitespace(corpus, blank_pipeline):
    spaced = SENTENCE.replace(" ", "  ")
    (corpus / "corrections.csv").write_text(f'doc,text,stance\n{LAR},"{spaced}",concern\n', encoding="utf-8")
    assert analyse(corpus, blank_pipeline).summary()["corrected"] == 1


def test_stale_correction_is_reported_not_dropped(corpus, blank_pipeline):
    (corpus / "corrections.csv").write_text(
        f'doc,text,stance\n{LAR},"Denne sætning findes ikke længere.",concern\n', encoding="utf-8"
    )
    result = analyse(corpus, blank_pipeline)
    assert result.stale_corrections == (
        f"corrections.csv:2: no position in '{LAR}' matches 'Denne sætning findes ikke længere.' any more",
    )
    assert result.summary()["stale_corrections"] == 1


def test_corrections_file_is_not_read_as_a_response(corpus, blank_pipeline):
    (corpus / "corrections.csv").write_text(f'doc,text,stance\n{LAR},"{SENTENCE}",concern\n', encoding="utf-8")
    assert [f.path for f in analyse(corpus, blank_pipeline).files if f.path.endswith(".csv")] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("doc,text,stance\na.txt,Vi støtter.,glad\n", ":2: unknown stance 'glad'"),
        ("doc,text,themes\na.txt,Vi støtter.,trivsel\n", ":2: unknown theme 'trivsel'"),
        ("doc,text,themes,stance\na.txt,Vi støtter.,,\n", ":2: the row corrects nothing"),
        ("doc,text,colour\na.txt,Vi støtter.,blå\n", ":1: .*unknown column 'colour'"),
    ],
)
def test_bad_corrections_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "corrections.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorrectionsError, match=message):
        read_corrections(path, ["unge"])
