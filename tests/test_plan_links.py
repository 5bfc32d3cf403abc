"""Positions linked to the plan's parts: the sample corpus's own references first."""

from __future__ import annotations

import re

import pytest

from hoering.plan import read_plan
from hoering.plan_links import (
    LINK_COLUMNS,
    SECTION_MATRIX_COLUMNS,
    LinkHow,
    link_positions,
    links_frame,
    section_matrix,
)

from conftest import CORPUS, ROOT

LAR = "2020_lar_beskaeftigelsesplan-2021-2022.txt"
FAGMED = "2021_fagmed_beskaeftigelsesplan-2022.txt"
PLAN_2021 = ROOT / "plans" / "beskaeftigelsesplan-2021-2022-uddrag.md"
PLAN_2022 = ROOT / "plans" / "beskaeftigelsesplan-2022-uddrag.md"


@pytest.fixture(scope="module")
def links_2021(sample_result, rules, blank_pipeline):
    plan = read_plan(PLAN_2021, rules, blank_pipeline)
    return plan, link_positions(plan, sample_result.items)


@pytest.fixture(scope="module")
def links_2022(sample_result, rules, blank_pipeline):
    plan = read_plan(PLAN_2022, rules, blank_pipeline)
    return plan, link_positions(plan, sample_result.items)


def test_every_forslag_reference_in_the_council_input_links_to_that_forslag(links_2021, sample_result):
    _, links = links_2021
    text = (CORPUS / LAR).read_text(encoding="utf-8")
    named = [(m.start(), m.group(1)) for m in re.finditer(r"\(Forslag (\d)\)", text)]
    assert sorted(n for _, n in named) == ["1", "2", "3", "4", "6"]
    for offset, number in named:
        holder = next(p for p in sample_result.items if p.doc_id == LAR and p.start <= offset < p.end)
        found = [
            link for link in links if (link.doc_id, link.index) == (LAR, holder.index) and link.how is LinkHow.REFERENCE
        ]
        assert [link.section for link in found] == [f"forslag-{number}"], holder.text
        assert found[0].strength == 100
        assert found[0].evidence == f"Forslag {number} [{offset + 1}:{offset + 10}]"


def test_page_reference_links_to_the_parts_that_begin_on_that_page(links_2022):
    plan, links = links_2022
    page = [link for link in links if link.doc_id == FAGMED and link.how is LinkHow.PAGE]
    assert [plan.part(link.section).title for link in page] == ["Særligt prioriterede indsatsområder"]
    assert page[0].evidence.startswith("på side 9 [")


def test_star_3_after_the_page_reference_links_to_point_3_on_that_page(links_2022):
    plan, links = links_2022
    points = [link for link in links if link.doc_id == FAGMED and link.how is LinkHow.POINT]
    assert [link.section for link in points] == ["punkt-3"]
    assert "samarbejdspartnere" in points[0].text
    assert plan.part("punkt-3").pages == (9, 9)


def test_a_quoted_plan_sentence_links_to_its_part(links_2022):
    _, links = links_2022
    quoted = [link for link in links if link.doc_id == FAGMED and link.how is LinkHow.QUOTE]
    assert [link.section for link in quoted] == ["punkt-1"]
    assert quoted[0].strength >= 90
    assert quoted[0].evidence.startswith('"skabe balance i virksomhedskontakten')


def test_a_position_with_a_reference_gets_no_similarity_link(links_2021):
    _, links = links_2021
    explicit = {(link.doc_id, link.index) for link in links if link.how is not LinkHow.SIMILAR}
    similar = {(link.doc_id, link.index) for link in links if link.how is LinkHow.SIMILAR}
    assert explicit and not explicit & similar


def test_similarity_links_show_the_shared_words(links_2022):
    _, links = links_2022
    similar = [link for link in links if link.how is LinkHow.SIMILAR]
    assert similar and all(link.evidence for link in similar)
    assert all(35 <= link.strength <= 100 for link in similar)


def test_reference_to_a_part_the_plan_lacks_links_nowhere(positions_of, rules, blank_pipeline):
    plan = read_plan(PLAN_2021, rules, blank_pipeline)
    [position] = positions_of("Vi savner noget om forslag 9 i planen.", body="Rådet")
    assert [link for link in link_positions(plan, [position]) if link.how is LinkHow.REFERENCE] == []


def test_links_frame_and_section_matrix(links_2021):
    plan, links = links_2021
    frame = links_frame(plan, links)
    assert list(frame.columns) == list(LINK_COLUMNS)
    matrix = section_matrix(plan, links)
    assert list(matrix.columns) == list(SECTION_MATRIX_COLUMNS)
    row = matrix[(matrix["body"] == "Lokalt Arbejdsmarkedsråd") & (matrix["section_id"] == "forslag-4")].iloc[0]
    assert row["support"] >= 1  # "Støtter op om styrket indsats til de unge ... (Forslag 4)"
    assert (matrix["positions"] == matrix[["support", "concern", "demand", "neutral"]].sum(axis=1)).all()
