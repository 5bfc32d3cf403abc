"""The notat as Word, HTML and Markdown: the same sections, editable, escaped, deterministic."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest

from hoering.errors import UsageError
from hoering.report import format_of as report_format
from hoering.report import render_report
from hoering.report.notat import build_notat
from hoering.report.notat_html import render_notat_html
from hoering.report.notat_markdown import render_notat_markdown
from hoering.report.word import COMMENTS_TAG, render_docx
from hoering.selection import LATEST, Selection, select

DAY = dt.date(2024, 5, 1)


@pytest.fixture(scope="module")
def notat(sample_result):
    return build_notat(select(sample_result, Selection(rounds=("all",))), date=DAY)


@pytest.fixture(scope="module")
def word(notat):
    return docx.Document(io.BytesIO(render_docx(notat)))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_sections_are_word_headings(word, notat):
    assert headings(word, 1) == [
        "1. Indledning",
        "2. Generelle bemærkninger",
        "3. Bemærkninger tema for tema",
        "Bilag 1: Afsendere og temaer",
        "Bilag 2: Kørslen",
    ]
    assert headings(word, 2) == [f"{s.number} {s.title}" for s in notat.themes]
    assert word.paragraphs[0].style.name == "Title" and word.paragraphs[0].text == "Høringsnotat"


def test_the_document_has_a_table_of_contents_field(word):
    body = word.element.body.xml
    assert 'TOC \\o "1-2"' in body and 'w:fldCharType="begin"' in body and 'w:fldCharType="end"' in body


def test_quotes_have_the_quote_style_and_a_source(word, notat):
    quotes = [p for p in word.paragraphs if p.style.name == "Quote"]
    expected = [q for s in notat.sections for q in s.quotes]
    assert [p.text for p in quotes] == [f"»{q.text}«" for q in expected]
    texts = [p.text for p in word.paragraphs]
    for quote in expected:
        assert any(t.endswith(quote.source) and quote.who in t for t in texts)


def test_every_section_has_an_empty_comments_field(word, notat):
    boxes = [t for t in word.tables if COMMENTS_TAG in t._tbl.tblPr.xml]
    assert len(boxes) == len(notat.sections)
    for box in boxes:
        cell = box.cell(0, 0)
        assert [p.text for p in cell.paragraphs] == [
            "Administrationens bemærkninger",
            "[Skriv administrationens bemærkninger her.]",
        ]


def test_the_matrix_is_a_word_table(word, notat):
    (matrix,) = [t for t in word.tables if t.cell(0, 0).text == "Afsender"]
    assert [c.text for c in matrix.rows[0].cells] == ["Afsender", *notat.matrix.labels, "I alt"]
    assert [r.cells[0].text for r in matrix.rows[1:]] == [*(row.label for row in notat.matrix.rows), "I alt"]
    fagforening = matrix.rows[1].cells
    akasser = notat.matrix.themes.index("akasser") + 1
    assert fagforening[0].text == "Fagforening" and fagforening[akasser].text == "3·0·0"


def test_pages_are_a4_and_the_wide_matrix_is_landscape(word):
    sizes = [(round(s.page_width.cm, 1), round(s.page_height.cm, 1)) for s in word.sections]
    assert sizes == [(21.0, 29.7), (29.7, 21.0), (21.0, 29.7)]


def test_same_notat_same_bytes(notat):
    assert render_docx(notat) == render_docx(notat)
    with zipfile.ZipFile(io.BytesIO(render_docx(notat))) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {(2024, 5, 1)}


def test_english_word_notat(sample_result):
    notat = build_notat(select(sample_result, Selection(), default_round=LATEST), lang="en", date=DAY)
    document = docx.Document(io.BytesIO(render_docx(notat)))
    assert headings(document, 1)[0] == "1. Introduction"
    assert "The administration's comments" in document.element.body.xml


def test_no_redact_warns_at_the_top(sample_result):
    from dataclasses import replace

    result = replace(sample_result, redaction=False)
    notat = build_notat(select(result, Selection()), date=DAY)
    document = docx.Document(io.BytesIO(render_docx(notat)))
    assert "Personoplysninger er IKKE skjult" in document.paragraphs[3].text
    assert "Personoplysninger er IKKE skjult" in render_notat_html(notat).split("</header>")[0]


def test_text_from_a_response_is_escaped_in_html_and_markdown(sample_result):
    from dataclasses import replace

    from hoering.models import Stance, StanceCall

    first = sample_result.items[0]
    hostile = replace(
        first, text="<script>alert(1)</script> *fed* | tabel", themes=(), stance=StanceCall(Stance.CONCERN, 9.0)
    )
    result = replace(sample_result, items=(hostile, *sample_result.items[1:]))
    notat = build_notat(select(result, Selection(rounds=("all",))), date=DAY, quotes_per_section=200)
    page = render_notat_html(notat)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = render_notat_markdown(notat)
    assert "<script>" not in markdown and "\\*fed\\* \\| tabel" in markdown


def test_markdown_has_the_same_sections(notat):
    markdown = render_notat_markdown(notat)
    for heading in ("## 1. Indledning", "## 2. Generelle bemærkninger", "## 3. Bemærkninger tema for tema"):
        assert f"\n{heading}\n" in markdown
    assert markdown.count("> **Administrationens bemærkninger**") == len(notat.sections)
    for section in notat.themes:
        assert f"\n### {section.number} {section.title}\n" in markdown


def test_html_has_the_sections_a_comments_field_each_and_a4_print_rules(notat):
    page = render_notat_html(notat)
    assert page.count("<div class='comments'>") == len(notat.sections)
    assert "@page { size: A4;" in page and "size: A4 landscape" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


@pytest.mark.parametrize(("name", "fmt"), [("n.docx", "docx"), ("n.HTML", "html"), ("n.md", "md"), ("n.xlsx", "xlsx")])
def test_the_suffix_gives_the_format(name, fmt):
    assert report_format(name) == fmt


def test_an_unknown_suffix_is_refused():
    with pytest.raises(UsageError, match=r"^notat.pdf: cannot tell the report format from '.pdf'"):
        report_format("notat.pdf")
    assert report_format("notat.pdf", "docx") == "docx"


def test_render_report_gives_bytes_for_word_and_text_for_html(sample_result):
    selected = select(sample_result, Selection(), default_round=LATEST)
    assert render_report(selected, "docx", date=DAY)[:2] == b"PK"
    assert render_report(selected, "html", date=DAY).startswith("<!DOCTYPE html>")


def test_markdown_resume_keeps_the_space_after_the_stance(notat):
    assert "**Bekymring:** FagMED" in render_notat_markdown(notat)
