"""Comparing rounds: round handling, matching of positions across rounds, count changes."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hoering
from hoering.diff import (
    DEFAULT_THRESHOLD,
    MATRIX_DIFF_COLUMNS,
    POSITION_DIFF_COLUMNS,
    THEME_DIFF_COLUMNS,
    Diff,
    Recurrence,
    diff,
    rounds,
)
from hoering.errors import DiffError

from conftest import CORPUS


def pair_of(result: Diff, old_start: str) -> tuple[str, str, float] | None:
    """(earlier text, later text, score) of the recurring pair whose earlier text starts so."""
    for m in result.matches:
        if m.paired and m.old.text.startswith(old_start):
            return m.old.text, m.new.text, m.score
    return None


def paired(result: Diff, old_start: str, new_start: str) -> bool:
    return any(
        m.paired and m.old.text.startswith(old_start) and m.new.text.startswith(new_start) for m in result.matches
    )


@pytest.fixture(scope="module")
def rounds_2021_2023(sample_result) -> Diff:
    return diff(sample_result, from_round="2021", to_round="2023")


# Rounds


def test_sample_corpus_rounds_come_from_the_headers(sample_result):
    assert rounds(sample_result) == ("2017", "2020", "2021", "2023")


def test_one_corpus_compares_its_last_two_rounds_by_default(sample_result, rounds_2021_2023):
    result = diff(sample_result)
    assert (result.from_round, result.to_round) == ("2021", "2023")
    assert result.summary() == rounds_2021_2023.summary()


def test_to_alone_compares_with_the_round_before(sample_result):
    result = diff(sample_result, to_round="2021")
    assert (result.from_round, result.to_round) == ("2020", "2021")
    assert {p.round for p in result.old} == {"2020"} and {p.round for p in result.new} == {"2021"}


def test_round_folders_give_the_round_when_the_header_has_none(tmp_path, blank_pipeline):
    for year, text in (
        ("2021", "Vi støtter den øgede indsats for unge."),
        ("2023", "Vi støtter indsatsen for de unge."),
    ):
        (tmp_path / year).mkdir()
        (tmp_path / year / "svar.txt").write_text(f"---\nbody: FagMED\n---\n{text}\n", encoding="utf-8")
    result = diff(hoering.analyse(tmp_path, model=blank_pipeline))
    assert (result.from_round, result.to_round) == ("2021", "2023")
    assert [m.status for m in result.matches] == [Recurrence.RECURRING]


def test_two_folders_are_the_earlier_and_the_later_round(tmp_path, blank_pipeline):
    for name, seed in (
        ("old", "2021_fagmed_beskaeftigelsesplan-2022.txt"),
        ("new", "2023_ledergruppen-og-fagmed_beskaeftigelsespolitik-2023-2026.txt"),
    ):
        (tmp_path / name).mkdir()
        shutil.copy(CORPUS / seed, tmp_path / name / seed)
    old = hoering.analyse(tmp_path / "old", model=blank_pipeline)
    new = hoering.analyse(tmp_path / "new", model=blank_pipeline)
    result = diff(old, new)
    assert (result.from_round, result.to_round) == ("2021", "2023")
    assert paired(
        result, "Det er vores erfaring, at et forhasstet uddannelsesvalg", "Politisk har der været stor fokus"
    )


def test_a_round_without_positions_is_a_one_line_error(sample_result):
    with pytest.raises(DiffError) as caught:
        diff(sample_result, from_round="1999")
    assert str(caught.value) == f"{CORPUS}: no positions in round '1999' (rounds: 2017, 2020, 2021, 2023)"


def test_a_corpus_with_one_round_cannot_be_compared_with_itself_by_default(tmp_path, blank_pipeline):
    (tmp_path / "svar.txt").write_text("---\nround: 2023\n---\nVi støtter planen.\n", encoding="utf-8")
    with pytest.raises(DiffError, match=r"needs two rounds to compare, found 2023 \(set 'round'"):
        diff(hoering.analyse(tmp_path, model=blank_pipeline))


def test_a_round_with_a_single_body(sample_result):
    result = diff(sample_result, from_round="2020", to_round="2021")
    assert result.summary()["from_bodies"] == ["Lokalt Arbejdsmarkedsråd"]
    lar = result.matrix[result.matrix["body"] == "Lokalt Arbejdsmarkedsråd"]
    assert len(lar) > 0 and (lar["to"] == 0).all() and (lar["status"] == "disappeared").all()
    assert set(result.matrix["body"]) == {"Lokalt Arbejdsmarkedsråd", "Fagforening", "FagMED"}


def test_body_spellings_meet_across_rounds(tmp_path, blank_pipeline):
    text = "Vi bakker op om den hyppige kontakt med borgerne i samtalerne."
    for year, body in (("2021", "Fag-MED"), ("2023", "fag-MED for Beskæftigelse")):
        (tmp_path / f"{year}.txt").write_text(f"---\nbody: {body}\nround: {year}\n---\n{text}\n", encoding="utf-8")
    (tmp_path / "2022.txt").write_text(f"---\nbody: Ungdomsråd Syd\nround: 2022\n---\n{text}\n", encoding="utf-8")
    (tmp_path / "2024.txt").write_text(f"---\nbody: ungdomsråd-syd\nround: 2024\n---\n{text}\n", encoding="utf-8")
    result = hoering.analyse(tmp_path, model=blank_pipeline)
    known = diff(result, from_round="2021", to_round="2023")
    assert set(known.matrix["body"]) == {"FagMED"}
    assert [m.same_body for m in known.matches] == [True]
    unknown = diff(result, from_round="2022", to_round="2024")
    assert set(unknown.matrix["body"]) == {"ungdomsråd-syd"}
    assert [m.same_body for m in unknown.matches] == [True]


# Matching: what a reader calls recurring, and what stays apart


def test_fagmed_2021_and_2023_both_on_young_people_and_education_recur(rounds_2021_2023):
    found = pair_of(rounds_2021_2023, "Det er vores erfaring, at et forhasstet uddannelsesvalg")
    assert found is not None
    assert found[1].startswith("Politisk har der været stor fokus på ungegruppen uden arbejde og uddannelse")
    assert found[2] >= DEFAULT_THRESHOLD


def test_lar_2020_on_investment_recurs_in_the_fagforening_2021_call_to_invest(sample_result):
    result = diff(sample_result, from_round="2020", to_round="2021")
    m = next(
        m
        for m in result.matches
        if m.old and m.old.text.startswith("Rådet finder det positivt, at der tænkes i investeringer")
    )
    assert m.paired
    assert m.new.body == "Fagforening" and "investering" in m.new.theme_ids
    assert "invester" in m.new.text.lower()


def test_sektor_med_2017_call_to_invest_recurs_in_lar_2020_welcome_of_investment(sample_result):
    # A pair of the recurrence gold (devset/recurrence/pairs.csv): invest instead of cutting,
    # and the council's welcome of investment thinking.
    result = diff(sample_result, from_round="2017", to_round="2020")
    assert paired(result, "Sektor MED ønsker", "Rådet finder det positivt, at der tænkes i investeringer")


def test_sektor_med_2017_call_to_invest_in_active_employment_policy_recurs_in_fagforening_2021(sample_result):
    result = diff(sample_result, from_round="2017", to_round="2021")
    m = next(m for m in result.matches if m.old and m.old.text.startswith("Sektor MED ønsker"))
    assert m.paired and m.new.body == "Fagforening" and "investering" in m.new.theme_ids
    assert "investering" in m.evidence


def test_lar_2020_staffing_recurs_in_fagmed_2021_in_other_words(sample_result):
    # "De nødvendige ressourcer" and "vejlederressourcer": one concept through the compound's head.
    result = diff(sample_result, from_round="2020", to_round="2021")
    m = next(m for m in result.matches if m.old and m.old.text.startswith("De nødvendige ressourcer"))
    assert m.paired and m.new.text.startswith(
        "Vi ønsker bare at gøre opmærksom på, at jobcenteret har de vejlederressourcer"
    )
    assert m.evidence.startswith("ressource (ressourcer ~ vejlederressourcer)")


def test_a_pair_that_changed_sides_is_moved(sample_result):
    result = diff(sample_result, from_round="2020", to_round="2021")
    moved = [m for m in result.matches if m.status is Recurrence.MOVED]
    assert moved
    for m in moved:
        sides = {m.old.stance.stance.value, m.new.stance.stance.value}
        assert "support" in sides and sides & {"concern", "demand"}


@pytest.mark.parametrize(
    ("rounds_", "old_start", "new_start"),
    [
        # One word in common ("selvhjulpne"), one body, two different claims.
        (("2021", "2023"), "Vi læser det sådan", "Beskæftigelsesudvalget har valgt at prioritere"),
        # Caseloads in Hjørring against a plan that leaves kontanthjælp out: one shared word and theme.
        (("2021", "2023"), "Dette har resulteret i, at antallet af sager", "Kontanthjælpsområdet er ikke taget med"),
        # "stor fokus" in both, nothing else.
        (("2021", "2023"), "I andre kommuner er der knap så stort fokus", "Politisk har der været stor fokus"),
        (("2020", "2021"), "Investeringer på sygedagpengeområdet", "I andre kommuner er der knap så stort fokus"),
        # Extra resources for the employment service against extra time for vocational education.
        (("2021", "2023"), "Der er fra medarbejderside helt opbakning", "A-kasseforsøget forventes ikke"),
    ],
)
def test_unrelated_positions_stay_apart_even_at_a_low_threshold(sample_result, rounds_, old_start, new_start):
    result = diff(sample_result, from_round=rounds_[0], to_round=rounds_[1], threshold=30)
    assert not paired(result, old_start, new_start)


def test_a_higher_threshold_never_finds_more_recurring_positions(sample_result):
    counts = [
        diff(sample_result, from_round="2017", to_round="2021", threshold=t).count(Recurrence.RECURRING)
        for t in (0, 20, 37, 50, 100)
    ]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > counts[2] > 0 and counts[-1] == 0


def test_every_position_is_recurring_new_or_dropped_once(sample_result):
    result = diff(sample_result, from_round="2017", to_round="2021", threshold=0)
    old_ids = [id(m.old) for m in result.matches if m.old is not None]
    new_ids = [id(m.new) for m in result.matches if m.new is not None]
    assert len(old_ids) == len(set(old_ids)) and len(new_ids) == len(set(new_ids))
    said = [p for p in result.old if p.themes or p.stance.stance.value != "neutral"]
    assert len(old_ids) == len(said)


def test_threshold_outside_0_to_100_is_an_error(sample_result):
    with pytest.raises(DiffError, match="threshold must be between 0 and 100, not 120"):
        diff(sample_result, threshold=120)


# Counts


def test_theme_changes_count_opinions_in_each_round(sample_result, rounds_2021_2023):
    frame = rounds_2021_2023.themes
    assert list(frame.columns) == list(THEME_DIFF_COLUMNS)
    row = frame[(frame["theme"] == "retssikkerhed") & (frame["stance"] == "demand")].iloc[0]
    assert (row["from"], row["to"], row["change"], row["status"]) == (0, 1, 1, "appeared")
    investment = frame[frame["theme"] == "investering"]
    assert (investment["to"] == 0).all() and set(investment["status"]) == {"disappeared"}
    for stance in ("support", "concern", "demand"):
        expected = sum(
            1
            for p in sample_result.items
            if p.round == "2021" and "investering" in p.theme_ids and p.stance.stance.value == stance
        )
        assert int(investment[investment["stance"] == stance]["from"].iloc[0]) == expected


def test_frames_have_the_public_columns(rounds_2021_2023):
    assert list(rounds_2021_2023.matrix.columns) == list(MATRIX_DIFF_COLUMNS)
    assert list(rounds_2021_2023.positions.columns) == list(POSITION_DIFF_COLUMNS)
    statuses = list(rounds_2021_2023.positions["status"])
    order = {"recurring": 0, "moved": 0, "new": 1, "dropped": 2}  # pairs (best first), then new, then dropped
    assert statuses == sorted(statuses, key=order.__getitem__)


def test_a_round_compared_with_itself_is_all_recurring_and_unchanged(sample_result):
    result = diff(sample_result, from_round="2021", to_round="2021")
    assert {m.status for m in result.matches} == {Recurrence.RECURRING}
    assert (result.themes["change"] == 0).all() and set(result.themes["status"]) == {"same"}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_diff_of_any_set_of_positions_with_itself_has_no_change(sample_result, data):
    indices = data.draw(st.lists(st.integers(0, len(sample_result.items) - 1), min_size=1, max_size=40, unique=True))
    subset = replace(sample_result, items=tuple(sample_result.items[i] for i in sorted(indices)))
    result = diff(subset, subset)
    assert result.count(Recurrence.NEW) == result.count(Recurrence.DROPPED) == 0
    assert all(m.old.text == m.new.text for m in result.matches)
    assert (result.themes["change"] == 0).all() and (result.matrix["change"] == 0).all()


def test_a_result_without_tokens_is_refused_not_matched_on_nothing(blank_pipeline):
    import hoering
    from hoering.errors import DiffError

    from conftest import CORPUS

    lean = hoering.analyse(CORPUS, model=blank_pipeline, keep_tokens=False)
    with pytest.raises(DiffError, match="carry no tokens"):
        diff(lean, from_round="2021", to_round="2023")
