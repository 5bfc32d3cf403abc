"""The høringsnotat view model: Indledning, resumés that only count and name, quotes once, campaigns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import hoering
from hoering.report.notat import build_notat, find_campaigns, notat_strings
from hoering.selection import LATEST, Selection, select

DAY = dt.date(2024, 5, 1)
CAMPAIGN_TEXT = (
    "Jeg er bekymret for de unge ledige, som får for lidt hjælp i jobcentret. Der er alt for mange "
    "sagsbehandlere om hver borger, og det skaber utryghed. Kommunen bør ansætte flere mentorer til de unge.\n"
)


def response(folder: Path, name: str, text: str, **meta: str) -> None:
    header = "".join(f"{key}: {value}\n" for key, value in meta.items())
    (folder / name).write_text(f"---\n{header}---\n{text}", encoding="utf-8")


@pytest.fixture
def campaign_corpus(tmp_path: Path) -> Path:
    """Twelve citizens sending one text (one with a word added), two bodies, and an older round."""
    meta = {"round": "2024", "plan": "Beskæftigelsesplan 2025"}
    for i in range(1, 13):
        text = CAMPAIGN_TEXT.replace("utryghed", "stor utryghed") if i == 3 else CAMPAIGN_TEXT
        response(tmp_path, f"borger_{i:02}.txt", text, body_type="borger", **meta)
    response(
        tmp_path,
        "fagmed.txt",
        "Vi støtter planens fokus på de unge ledige.\n\nVi er bekymrede for sagsantallet i jobcentret.\n",
        body="FagMED",
        date="2024-09-01",
        **meta,
    )
    response(
        tmp_path,
        "handicap.txt",
        "Handicaprådet har drøftet planen på mødet den 3. september.\n",
        body="Handicaprådet",
        date="2024-09-12",
        **meta,
    )
    response(
        tmp_path, "old.txt", "Vi støtter indsatsen for de unge.\n", body="Sektor MED", round="2023", plan="Plan 2024"
    )
    return tmp_path


@pytest.fixture
def campaign_result(campaign_corpus, blank_pipeline):
    return hoering.analyse(campaign_corpus, model=blank_pipeline)


def notat_of(result, selection: Selection | None = None, **kwargs):
    return build_notat(select(result, selection or Selection(), default_round=LATEST), date=DAY, **kwargs)


def test_indledning_names_round_plan_period_and_senders(campaign_result):
    notat = notat_of(campaign_result)
    assert notat.intro[0] == (
        "Notatet dækker høringsrunden 2024, den seneste i mappen (runder: 2023, 2024). En anden runde vælges med --round."
    )
    assert "Høringen vedrører Beskæftigelsesplan 2025." in notat.intro
    assert "Høringssvarene er dateret fra 2024-09-01 til 2024-09-12." in notat.intro
    assert notat.intro[-1] == "Der er modtaget 14 høringssvar fra 14 afsendere:"
    assert notat.senders == ("FagMED", "Handicaprådet", "12 enslydende svar fra borgere")
    assert "Sektor MED" not in " ".join(notat.intro + notat.senders + notat.intro_after)  # the older round


def test_a_body_with_no_stance_answered_without_remarks(campaign_result):
    after = notat_of(campaign_result).intro_after
    assert any(
        t.startswith("Følgende har svaret uden at tage stilling") and t.endswith(": Handicaprådet.") for t in after
    )


def test_consulted_bodies_without_a_response_are_named(campaign_result):
    after = notat_of(campaign_result, consulted=["fag-med", "Ældre Sagen", "Handicaprådet", "LAR"]).intro_after
    assert "Følgende på høringslisten har ikke afgivet høringssvar: Ældre Sagen og LAR." in after
    everyone = notat_of(campaign_result, consulted=["FagMED"]).intro_after
    assert "Alle på høringslisten har afgivet høringssvar." in everyone
    assert not any("høringslisten" in t for t in notat_of(campaign_result).intro_after)  # no list, no claim


def test_identical_citizen_responses_are_one_group_counted_once(campaign_result):
    notat = notat_of(campaign_result)
    (group,) = notat.campaigns
    assert group.label == "12 enslydende svar fra borgere"
    assert len(group.docs) == 12 and group.docs[0] == "borger_01.txt"  # the near-identical one is in it
    unge = next(s for s in notat.themes if s.theme == "unge")
    assert unge.resume == (
        "FagMED og 12 enslydende svar fra borgere har 3 synspunkter om emnet.",
        "Støtte: FagMED bakker op (1 synspunkt).",
        "Bekymring: 12 enslydende svar fra borgere udtrykker bekymring (1 synspunkt).",
        "Krav og ønsker: 12 enslydende svar fra borgere stiller krav eller ønsker ændringer (1 synspunkt).",
    )
    assert [q.who for q in unge.quotes].count("12 enslydende svar fra borgere") == 2  # once each, not 24 times
    assert [row.label for row in notat.matrix.rows] == ["FagMED", "12 enslydende svar fra borgere"]


def test_short_identical_answers_are_no_campaign():
    from hoering.models import Position

    s = notat_strings("da")
    items = [Position(f"{b}.txt", b, "med", "", "", "", 1, 0, 19, "Ingen bemærkninger.") for b in ("A", "B", "C")]
    assert find_campaigns(items, s, "borger") == ()


def test_different_texts_are_no_campaign(campaign_result):
    s = notat_strings("da")
    items = [p for p in campaign_result.items if p.doc_id in {"fagmed.txt", "handicap.txt", "borger_01.txt"}]
    assert find_campaigns(items, s, "borger", similarity=90, min_chars=10) == ()


def test_resume_names_each_body_under_its_stance_and_counts(sample_result):
    notat = notat_of(sample_result, Selection(rounds=("all",)))
    sections = {s.theme: s for s in notat.themes}
    assert sections["akasser"].resume[1:3] == (
        "Støtte: Fagforening bakker op (3 synspunkter).",
        "Bekymring: FagMED udtrykker bekymring (2 synspunkter).",
    )
    for section in notat.sections:
        for sentence in section.resume[1:]:
            assert sentence.split(":")[0] in {"Støtte", "Bekymring", "Krav og ønsker"} or sentence.startswith("Desuden")


def test_every_quote_appears_once_and_the_rest_is_counted(sample_result):
    notat = notat_of(sample_result, Selection(rounds=("all",)), quotes_per_section=2)
    sources = [q.source for s in notat.sections for q in s.quotes]
    assert len(sources) == len(set(sources))
    assert all(len(s.quotes) <= 2 for s in notat.sections)
    general = notat.general
    opinions = [p for p in sample_result.items if not p.themes and p.stance.stance.value != "neutral"]
    assert len(general.quotes) + general.more == len(opinions)


def test_quotes_are_word_for_word_with_their_source(sample_result):
    notat = notat_of(sample_result, Selection(rounds=("2021",)))
    texts = {(p.doc_id, p.start, p.end): p.text for p in sample_result.items}
    for section in notat.sections:
        for quote in section.quotes:
            assert texts[quote.doc_id, quote.start, quote.end] == quote.text
            assert quote.round == "2021"


def test_every_section_has_the_comments_field_words(sample_result):
    notat = notat_of(sample_result)
    assert notat.s("comments") == "Administrationens bemærkninger"
    assert len(notat.sections) == 1 + len(notat.themes) and notat.themes


def test_theme_filter_keeps_only_that_section_and_says_so(sample_result):
    notat = notat_of(sample_result, Selection(rounds=("all",), themes=("unge",)))
    assert [s.theme for s in notat.themes] == ["unge"]
    assert "Notatet er afgrænset til temaerne Unge." in notat.intro


def test_english_notat(sample_result):
    notat = build_notat(select(sample_result, Selection(), default_round=LATEST), lang="en", date=DAY)
    assert notat.title == "Consultation summary"
    assert notat.intro[0].startswith("This summary covers the consultation round 2023, the latest")
    assert all(not s.resume or s.resume[0].endswith(".") for s in notat.sections)


def test_a_campaign_of_organisations_names_two_and_counts_the_rest():
    from hoering.models import Position

    text = CAMPAIGN_TEXT.strip()
    names = ["3F Vest", "FOA Syd", "HK Midt", "Dansk Metal", "Krifa"]
    items = [Position(f"{i}.txt", b, "fagforening", "", "", "", 1, 0, len(text), text) for i, b in enumerate(names)]
    (group,) = find_campaigns(items, notat_strings("da"), "borger")
    assert group.label == "5 enslydende svar fra 3F Vest, FOA Syd og 3 andre"
    assert group.bodies == tuple(names)


def test_annex_lists_the_rounds_own_responses_and_counts_the_others(sample_result):
    notat = notat_of(sample_result)
    assert [f.path for f in notat.files] == ["2023_ledergruppen-og-fagmed_beskaeftigelsespolitik-2023-2026.txt"]
    assert notat.files_left_out == 4
    assert notat.files[0].no == 5  # numbered as in the whole corpus, so quote links find the row


def test_several_bodies_under_one_stance_each_get_their_count(sample_result):
    notat = notat_of(sample_result, Selection(rounds=("all",)))
    sagsantal = next(s for s in notat.themes if s.theme == "sagsantal")
    concern = next(t for t in sagsantal.resume if t.startswith("Bekymring:"))
    named = re.findall(r"(FagMED|Sektor MED) \((\d+)\)", concern)
    total = int(re.search(r"\((\d+) synspunkter\)\.$", concern).group(1))
    assert {b for b, _ in named} == {"FagMED", "Sektor MED"}
    assert sum(int(n) for _, n in named) == total
