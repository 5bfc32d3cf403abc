"""The library API a notebook user calls: hoering.analyse -> Result."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import hoering
from hoering.errors import CorpusError
from hoering.models import MATRIX_COLUMNS, POSITION_COLUMNS, FileStatus

from conftest import CORPUS


def test_result_frames_have_the_public_columns(sample_result):
    assert list(sample_result.positions.columns) == [*POSITION_COLUMNS, "theme_list"]
    assert list(sample_result.matrix.columns) == list(MATRIX_COLUMNS)
    assert len(sample_result.positions) == len(sample_result.items) > 50
    # themes as a list for a notebook, beside the "|"-joined ids the CSV has
    joined = sample_result.positions["theme_list"].map("|".join)
    assert joined.tolist() == sample_result.positions["themes"].tolist()


def test_every_sample_file_is_read_with_its_bodies(sample_result):
    assert [f.status for f in sample_result.files] == [FileStatus.READ] * 5
    two_bodies = next(f for f in sample_result.files if f.path.startswith("2023_"))
    assert two_bodies.bodies == ("Ledergruppen", "FagMED")
    assert set(sample_result.bodies) == {
        "Fagforening",
        "FagMED",
        "Ledergruppen",
        "Lokalt Arbejdsmarkedsråd",
        "Sektor MED",
    }


def test_matrix_counts_agree_with_positions(sample_result):
    exploded = sample_result.positions.assign(theme=sample_result.positions["themes"].str.split("|")).explode("theme")
    exploded = exploded[exploded["theme"] != ""]
    expected = exploded.groupby(["body", "theme", "stance"]).size()
    nonzero = sample_result.matrix[sample_result.matrix["count"] > 0].set_index(["body", "theme", "stance"])["count"]
    pd.testing.assert_series_equal(nonzero.sort_index(), expected.sort_index(), check_names=False)


def test_analysis_is_deterministic(sample_result, blank_pipeline):
    again = hoering.analyse(CORPUS, model=blank_pipeline)
    pd.testing.assert_frame_equal(again.positions, sample_result.positions)
    pd.testing.assert_frame_equal(again.matrix_wide, sample_result.matrix_wide)


def test_rules_can_be_a_folder_whose_codebook_replaces_the_packaged_one(tmp_path, blank_pipeline):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "themes.toml").write_text(
        'replace = ["theme"]\n[[theme]]\nid = "penge"\nlabel_da = "Penge"\nlabel_en = "Money"\nterms = ["investering*", "midler"]\n',
        encoding="utf-8",
    )
    result = hoering.analyse(CORPUS, rules=rules_dir, model=blank_pipeline)
    assert set(result.matrix["theme"]) == {"penge"}
    assert result.positions["themes"].isin(["", "penge"]).all()


def test_progress_is_reported_at_once_and_for_every_file(blank_pipeline):
    seen = []
    hoering.analyse(CORPUS, model=blank_pipeline, progress=lambda done, total, path: seen.append((done, total)))
    assert seen == [(n, 5) for n in range(6)]


def test_missing_folder_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        hoering.analyse(tmp_path / "nowhere", model="blank")


def test_empty_folder_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="no files"):
        hoering.analyse(tmp_path, model="blank")


def test_folder_of_unreadable_files_is_a_corpus_error(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="no readable response files"):
        hoering.analyse(tmp_path, model="blank")


def test_one_bad_file_leaves_the_others_unchanged(tmp_path, sample_result, blank_pipeline):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    (tmp_path / "corpus" / "0_broken.txt").write_bytes(b"\x00\x01binary")
    result = hoering.analyse(tmp_path / "corpus", model=blank_pipeline)
    assert [(f.path, f.reason) for f in result.skipped] == [("0_broken.txt", "binary file, not text (NUL bytes)")]
    pd.testing.assert_frame_equal(result.positions, sample_result.positions)


def test_stance_column_sorts_support_concern_demand_neutral(sample_result):
    stance = sample_result.positions["stance"]
    assert list(stance.cat.categories) == ["support", "concern", "demand", "neutral"]
    ordered = sample_result.positions.sort_values("stance")["stance"].astype(str)
    assert list(dict.fromkeys(ordered)) == [s for s in ["support", "concern", "demand", "neutral"] if s in set(ordered)]


def test_result_repr_is_short_and_names_counts_rounds_and_bodies(sample_result):
    shown = repr(sample_result)
    assert len(shown) < 600
    assert shown.startswith(f"<hoering.Result {sample_result.corpus}: 5 files (5 read, 0 skipped), ")
    assert "rounds: 2017, 2020, 2021, 2023" in shown
    assert "FagMED" in shown
    assert all(p.text not in shown for p in sample_result.items[:20] if len(p.text) > 30)
