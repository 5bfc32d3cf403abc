"""Body x theme x stance matrices."""

from __future__ import annotations

from hoering.export import csv_text, json_text
from hoering.matrix import matrix_long, matrix_wide, positions_frame
from hoering.models import MATRIX_COLUMNS, POSITION_COLUMNS, STANCES, Evidence, Position, Stance, StanceCall

THEMES = ("sygedagpenge", "unge", "samtaler")


def position(body: str, themes: tuple[str, ...], stance: Stance, body_type: str = "med", index: int = 1) -> Position:
    hits = tuple(Evidence(theme, f"{theme}*", theme, 0, len(theme)) for theme in themes)
    return Position(
        doc_id="svar.txt",
        body=body,
        body_type=body_type,
        round="2023",
        plan="Beskæftigelsespolitik 2023-2026",
        section="",
        index=index,
        start=0,
        end=10,
        text="Vi er enige.",
        themes=hits,
        stance=StanceCall(stance, 1.0),
    )


POSITIONS = [
    position("FagMED", ("unge", "samtaler"), Stance.SUPPORT),
    position("FagMED", ("unge",), Stance.SUPPORT, index=2),
    position("FagMED", ("unge",), Stance.CONCERN, index=3),
    position("Ledergruppen", ("sygedagpenge",), Stance.DEMAND, body_type="ledelse"),
    position("Ledergruppen", (), Stance.CONCERN, body_type="ledelse", index=2),
]


def count(long, body: str, theme: str, stance: str) -> int:
    rows = long[(long["body"] == body) & (long["theme"] == theme) & (long["stance"] == stance)]
    assert len(rows) == 1
    return int(rows["count"].iloc[0])


def test_matrix_long_has_every_body_theme_stance_with_zeros():
    long = matrix_long(POSITIONS, THEMES)
    assert list(long.columns) == list(MATRIX_COLUMNS)
    assert len(long) == 2 * len(THEMES) * len(STANCES)
    keys = set(zip(long["body"], long["theme"], long["stance"]))
    assert keys == {(b, t, s.value) for b in ("FagMED", "Ledergruppen") for t in THEMES for s in STANCES}
    assert count(long, "Ledergruppen", "unge", "support") == 0
    assert count(long, "FagMED", "sygedagpenge", "neutral") == 0


def test_matrix_long_counts_positions_per_body_theme_stance():
    long = matrix_long(POSITIONS, THEMES)
    assert count(long, "FagMED", "unge", "support") == 2
    assert count(long, "FagMED", "unge", "concern") == 1
    assert count(long, "Ledergruppen", "sygedagpenge", "demand") == 1
    assert long["count"].dtype == "int64"


def test_two_theme_position_counts_under_both_themes():
    long = matrix_long(POSITIONS[:1], THEMES)
    assert count(long, "FagMED", "unge", "support") == 1
    assert count(long, "FagMED", "samtaler", "support") == 1
    assert long["count"].sum() == 2


def test_position_without_theme_is_not_counted():
    long = matrix_long(POSITIONS[4:], THEMES)
    assert long["count"].sum() == 0
    assert set(long["body"]) == {"Ledergruppen"}


def test_theme_repeated_in_one_position_counts_once():
    repeated = position("FagMED", ("unge", "unge"), Stance.SUPPORT)
    assert count(matrix_long([repeated], THEMES), "FagMED", "unge", "support") == 1


def test_matrix_long_keeps_body_type():
    long = matrix_long(POSITIONS, THEMES)
    assert set(zip(long["body"], long["body_type"])) == {("FagMED", "med"), ("Ledergruppen", "ledelse")}


def test_matrix_wide_has_one_row_per_body_and_theme_stance_columns():
    wide = matrix_wide(matrix_long(POSITIONS, THEMES), THEMES)
    assert list(wide["body"]) == ["FagMED", "Ledergruppen"]
    assert list(wide.columns) == ["body", "body_type"] + [f"{t}_{s.value}" for t in THEMES for s in STANCES]
    fagmed = wide.set_index("body").loc["FagMED"]
    assert fagmed["unge_support"] == 2
    assert fagmed["unge_concern"] == 1
    assert fagmed["samtaler_support"] == 1
    assert fagmed["sygedagpenge_demand"] == 0


def test_matrix_wide_of_no_positions_is_empty_with_columns():
    wide = matrix_wide(matrix_long([], THEMES), THEMES)
    assert len(wide) == 0
    assert "unge_support" in wide.columns


def test_bodies_are_sorted_case_insensitively():
    positions = [position("ukendt afsender", ("unge",), Stance.NEUTRAL), position("FagMED", ("unge",), Stance.NEUTRAL)]
    wide = matrix_wide(matrix_long(positions, THEMES), THEMES)
    assert list(wide["body"]) == ["FagMED", "ukendt afsender"]


def test_positions_frame_has_one_row_per_position_with_theme_ids():
    frame = positions_frame(POSITIONS)
    assert list(frame.columns) == [*POSITION_COLUMNS, "theme_list"]
    assert len(frame) == len(POSITIONS)
    assert frame["themes"].iloc[0] == "unge|samtaler"
    assert frame["theme_list"].iloc[0] == ["unge", "samtaler"]
    assert frame["stance"].iloc[3] == "demand"


# --- sample corpus --------------------------------------------------------------


def test_sample_corpus_has_at_least_five_bodies(sample_result):
    assert len(set(sample_result.matrix_wide["body"])) >= 5
    assert len(sample_result.bodies) >= 5


def test_sample_corpus_keeps_ledergruppen_and_fagmed_apart(sample_result):
    wide = sample_result.matrix_wide
    assert {"Ledergruppen", "FagMED"} <= set(wide["body"])
    assert list(wide["body"]).count("FagMED") == 1  # fag-MED (2021) and FagMED (2023) are one body
    types = dict(zip(wide["body"], wide["body_type"]))
    assert types["Ledergruppen"] == "ledelse"


def test_sample_matrix_has_all_codebook_themes_and_counts_every_theme_hit(sample_result, rules):
    long = sample_result.matrix
    assert set(long["theme"]) == set(rules.codebook.ids)
    assert len(long) == len(sample_result.bodies) * len(rules.codebook.ids) * len(STANCES)
    assert long["count"].sum() == sum(len(p.theme_ids) for p in sample_result.items)


def test_sample_matrix_wide_agrees_with_long(sample_result):
    long = sample_result.matrix
    wide = sample_result.matrix_wide.set_index("body")
    expected = long[(long["body"] == "FagMED") & (long["theme"] == "samtaler") & (long["stance"] == "support")]
    assert wide.loc["FagMED", "samtaler_support"] == int(expected["count"].iloc[0])
    assert int(expected["count"].iloc[0]) >= 1


def test_theme_list_is_for_the_notebook_and_never_written():
    frame = positions_frame(POSITIONS)
    assert frame.explode("theme_list")["theme_list"].dropna().tolist()[:2] == ["unge", "samtaler"]
    assert csv_text(frame).splitlines()[0].split(",") == list(POSITION_COLUMNS)
    assert "theme_list" not in json_text({"positions": frame})
