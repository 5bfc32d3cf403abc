"""Two versions of a plan compared part by part, with the feedback on each."""

from __future__ import annotations

import pytest

from hoering.plan import read_plan
from hoering.plan_diff import PLAN_DIFF_COLUMNS, PartChange, compare_plans, plan_diff_frame

from conftest import ROOT

OLD = ROOT / "plans" / "beskaeftigelsesplan-2021-2022-uddrag.md"
NEW = ROOT / "plans" / "beskaeftigelsesplan-2022-uddrag.md"


@pytest.fixture(scope="module")
def plans(rules, blank_pipeline):
    return read_plan(OLD, rules, blank_pipeline), read_plan(NEW, rules, blank_pipeline)


def status_of(rows, part_id):
    return next(r.status for r in rows if (r.new or r.old).id == part_id)


def test_parts_kept_changed_new_and_dropped(plans):
    rows = compare_plans(*plans)
    assert status_of(rows, "forslag-4") is PartChange.SAME  # word for word in both
    assert status_of(rows, "forslag-2") is PartChange.CHANGED  # "tidlig og tværfaglig", the employer
    assert status_of(rows, "punkt-3") is PartChange.NEW
    dropped = {r.old.id for r in rows if r.status is PartChange.DROPPED}
    assert {"forslag-3", "forslag-5", "forslag-6"} <= dropped


def test_a_plan_compared_with_itself_is_all_same(plans):
    old, _ = plans
    assert {r.status for r in compare_plans(old, old)} == {PartChange.SAME}


def test_a_renumbered_part_is_found_by_its_text(tmp_path, rules, blank_pipeline):
    body = "Sygemeldte borgere skal have en tidlig og tværfaglig indsats, så de kan fastholde deres tilknytning til arbejdspladsen."
    (tmp_path / "a.md").write_text(f"# Plan\n\n## Forslag 2: Sygemeldte\n\n{body}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Plan\n\n## Forslag 3: Sygemeldte\n\n{body}\n", encoding="utf-8")
    rows = compare_plans(
        read_plan(tmp_path / "a.md", rules, blank_pipeline), read_plan(tmp_path / "b.md", rules, blank_pipeline)
    )
    moved = next(r for r in rows if r.new and r.new.id == "forslag-3")
    assert moved.old.id == "forslag-2" and moved.status is PartChange.CHANGED  # its heading changed


def test_frame_counts_the_feedback_on_each_part(plans, sample_result):
    frame = plan_diff_frame(*plans, sample_result.items)
    assert list(frame.columns) == list(PLAN_DIFF_COLUMNS)
    three = frame[frame["new_id"] == "punkt-3"].iloc[0]
    assert three["feedback"] >= 1 and "FagMED" in three["bodies"]  # "listen over samarbejdspartnere under * 3"
    six = frame[frame["old_id"] == "forslag-6"].iloc[0]
    assert six["status"] == "dropped" and "Lokalt Arbejdsmarkedsråd" in six["bodies"]  # "(Forslag 6)"
