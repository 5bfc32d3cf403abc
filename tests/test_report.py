"""The report library: HTML, Markdown and xlsx documents from a Result."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

import hoering
from hoering.errors import UsageError
from hoering.matrix import select_positions
from hoering.models import COL_BODY, COL_COUNT, COL_STANCE, COL_THEME, FILE_COLUMNS, POSITION_COLUMNS
from hoering.report import (
    Cell,
    ExtraSection,
    format_of,
    heatmap_svg,
    load_strings,
    md_escape,
    render,
    render_html,
    render_markdown,
    render_xlsx,
    source_ref,
)

from conftest import CORPUS

DAY = dt.date(2024, 5, 1)


@pytest.fixture(scope="module")
def html_report(sample_result) -> str:
    return render_html(sample_result, date=DAY)


@pytest.fixture(scope="module")
def md_report(sample_result) -> str:
    return render_markdown(sample_result, date=DAY)


@pytest.fixture(scope="module")
def workbook(sample_result) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(sample_result, date=DAY)))


@pytest.fixture
def hostile_result(tmp_path, blank_pipeline):
    """A corpus whose text and body name carry markup, a formula and a control character."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "svar.txt").write_text(
        "---\nbody: Råd <b>X</b> | Y\nround: 2024\n---\n"
        "Vi er bekymrede for unge <script>alert('x')</script> & deres sager.\n\n"
        '=HYPERLINK("x") Vi støtter\x07 fuldt ud indsatsen for unge.\n',
        encoding="utf-8",
    )
    return hoering.analyse(folder, model=blank_pipeline)


def theme_of(frame: pd.DataFrame, theme: str) -> pd.DataFrame:
    return select_positions(frame, themes=[theme])


class Sections(HTMLParser):
    """Collects the text of every element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        element_id = dict(attrs).get("id")
        if tag not in ("meta", "br", "rect", "img"):
            self.open.append((tag, element_id))
        if element_id:
            self.text[element_id] = []

    def handle_endtag(self, tag):
        while self.open:
            name, _ = self.open.pop()
            if name == tag:
                break

    def handle_data(self, data):
        for _, element_id in self.open:
            if element_id:
                self.text[element_id].append(data)


def sections_of(document: str) -> dict[str, str]:
    parser = Sections()
    parser.feed(document)
    return {k: " ".join("".join(v).split()) for k, v in parser.text.items()}


def test_strings_have_the_same_keys_in_every_language():
    assert set(load_strings("da")) == set(load_strings("en"))
    with pytest.raises(UsageError, match="unknown report language 'de'"):
        load_strings("de")


def test_format_comes_from_the_option_then_the_suffix_and_never_a_guess():
    assert format_of("notat.md") == "md"
    assert format_of("notat.XLSX") == "xlsx"
    assert format_of("notat.htm") == "html"
    assert format_of("notat.docx") == "docx"
    with pytest.raises(UsageError, match=r"^notat.txt: cannot tell the report format from '.txt'"):
        format_of("notat.txt")
    assert format_of("notat.html", "md") == "md"
    with pytest.raises(UsageError, match="unknown report format 'pdf'"):
        format_of("notat.pdf", "pdf")


def test_cell_dominant_stance_is_none_when_tied_or_empty():
    assert Cell(2, 1, 0).dominant is hoering.Stance.SUPPORT
    assert Cell(0, 0, 3).dominant is hoering.Stance.DEMAND
    assert Cell(1, 2, 2).dominant is None
    assert Cell().dominant is None


def test_html_is_one_self_contained_utf8_file(html_report):
    assert html_report.startswith("<!DOCTYPE html>")
    assert "<meta charset='utf-8'>" in html_report
    for reference in ("http://", "https://", "<script", "<link", " src=", "url(", "@import"):
        assert reference not in html_report
    assert "<style>" in html_report and "<svg" in html_report
    assert "Høringsnotat – udkast" in html_report  # æøå as they are, not as entities


def test_html_names_the_date_it_was_given(html_report):
    assert "Dannet 2024-05-01" in html_report


def test_html_has_a_section_per_theme_with_its_counts_and_quotes(sample_result, html_report):
    sections = sections_of(html_report)
    labels = {t.id: t.label_da for t in sample_result.rules.codebook.themes}
    themed = [t for t in sample_result.rules.codebook.ids if not theme_of(sample_result.positions, t).empty]
    assert themed
    for theme in themed:
        rows = theme_of(sample_result.positions, theme)
        text = sections[f"theme-{theme}"]
        bodies = rows[COL_BODY].nunique()
        assert text.startswith(f"{labels[theme]}{bodies} afsender")
        assert f"{len(rows)} synspunkt" in text
        for row in rows.itertuples():
            assert f"{row.doc} [{row.char_start}:{row.char_end}]" in text
    for theme in set(labels) - set(themed):
        assert f"theme-{theme}" not in sections


def test_html_theme_summary_counts_each_stance(sample_result, html_report):
    rows = theme_of(sample_result.positions, "investering")
    tally = Counter(rows[COL_STANCE])
    text = sections_of(html_report)["theme-investering"]
    assert f"{tally['support']} støtte" in text
    assert f"{tally['concern']} bekymring" in text
    assert f"{tally['demand']} krav og ønsker" in text


def test_html_lists_every_position_of_a_body_in_order(sample_result, html_report):
    sections = sections_of(html_report)
    for i, body in enumerate(sample_result.bodies, start=1):
        text = sections[f"body-{i}"]
        refs = [source_ref(p) for p in sample_result.items if p.body == body]
        assert text.startswith(body)
        positions = [text.index(ref) for ref in refs]
        assert positions == sorted(positions)


def test_html_run_section_accounts_for_every_file(sample_result, html_report):
    text = sections_of(html_report)["run"]
    for report in sample_result.files:
        assert report.path in text
    assert sample_result.rules.digest[:12] in text
    assert sample_result.model in text
    assert "2024-05-01" in text


def test_html_heatmap_titles_hold_the_matrix_counts(sample_result, html_report):
    matrix = sample_result.matrix
    counts = matrix.set_index([COL_BODY, COL_THEME, COL_STANCE])[COL_COUNT]
    touched = matrix.groupby(COL_THEME, sort=False)[COL_COUNT].sum()
    labels = {t.id: t.label_da for t in sample_result.rules.codebook.themes}
    expected = [
        f"{body} · {labels[theme]}: {counts[body, theme, 'support']} støtte, "
        f"{counts[body, theme, 'concern']} bekymring, {counts[body, theme, 'demand']} krav"
        for theme in sample_result.rules.codebook.ids
        if touched[theme]
        for body in sample_result.bodies
    ]
    titles = re.findall(r"<g class='cell'[^>]*><title>([^<]*)</title>", html_report)
    assert titles == expected


def test_html_escapes_markup_from_responses_and_body_names(hostile_result):
    document = render_html(hostile_result, date=DAY)
    assert "<script>" not in document and "<b>X</b>" not in document
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in document
    assert "Råd &lt;b&gt;X&lt;/b&gt; | Y" in document
    assert "deres sager" in document


def test_html_in_english_uses_the_english_labels(sample_result):
    document = render_html(sample_result, lang="en", date=DAY)
    assert "<html lang='en'>" in document
    assert "Consultation summary – draft" in document and "Høringsnotat" not in document
    assert "Investment and budget" in document and "Investering og økonomi" not in document


def test_extra_sections_join_every_format(sample_result):
    extra = ExtraSection(
        key="diff",
        title="Ændringer mellem runderne",
        html="<p>nye synspunkter</p>",
        markdown="nye synspunkter",
        table=pd.DataFrame({"change": ["new"], "count": [3]}),
    )
    document = render_html(sample_result, date=DAY, extra_sections=[extra])
    assert "<a href='#diff'>Ændringer mellem runderne</a>" in document
    assert "<section id='diff'><h2>Ændringer mellem runderne</h2><p>nye synspunkter</p></section>" in document
    markdown = render_markdown(sample_result, date=DAY, extra_sections=[extra])
    assert "## Ændringer mellem runderne\n\nnye synspunkter\n" in markdown
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(sample_result, date=DAY, extra_sections=[extra])))
    assert book.sheetnames == ["positions", "matrix", "files", "diff", "run"]
    assert [c.value for c in book["diff"][2]] == ["new", 3]


def test_standalone_heatmap_is_valid_svg(sample_result):
    svg = heatmap_svg(sample_result, lang="en")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = "".join(root.itertext())
    assert "Investment and budget" in texts and "Lokalt Arbejdsmarkedsråd" in texts
    assert "mostly support" in texts


def test_markdown_holds_the_matrix_every_theme_and_body(sample_result, md_report):
    labels = {t.id: t.label_da for t in sample_result.rules.codebook.themes}
    header = "| Tema | " + " | ".join(sample_result.bodies) + " | I alt |"
    assert header in md_report
    frame = sample_result.matrix.set_index([COL_BODY, COL_THEME, COL_STANCE])[COL_COUNT]
    body = sample_result.bodies[0]
    row = next(line for line in md_report.splitlines() if line.startswith("| Investering og økonomi |"))
    cell = row.split(" | ")[1]
    expected = " / ".join(str(frame[body, "investering", s]) for s in ("support", "concern", "demand"))
    assert cell == (expected if expected != "0 / 0 / 0" else "·")
    for theme in sample_result.rules.codebook.ids:
        if not theme_of(sample_result.positions, theme).empty:
            assert f"\n### {labels[theme]}\n" in md_report
    for body in sample_result.bodies:
        assert f"\n### {md_escape(body)}\n" in md_report
    first = sample_result.items[0]
    assert f"`{source_ref(first)}`" in md_report
    assert md_report.startswith("# Høringsnotat – udkast\n\n*Dannet 2024-05-01*\n")


def test_markdown_escapes_markup_and_table_pipes(hostile_result):
    markdown = render_markdown(hostile_result, date=DAY)
    assert "<script>" not in markdown
    assert "\\<script\\>" in markdown
    assert "| Råd \\<b\\>X\\</b\\> \\| Y |" in markdown


def test_workbook_sheets_headers_frozen_rows_and_filters(sample_result, workbook):
    assert workbook.sheetnames == ["positions", "matrix", "files", "run"]
    positions = workbook["positions"]
    assert [c.value for c in positions[1]] == list(POSITION_COLUMNS)
    assert positions.freeze_panes == "A2"
    assert (
        positions.auto_filter.ref == f"A1:{get_column_letter(len(POSITION_COLUMNS))}{len(sample_result.positions) + 1}"
    )
    assert positions.column_dimensions["J"].width > positions.column_dimensions["D"].width  # text wider than round
    matrix = workbook["matrix"]
    assert [c.value for c in matrix[1]] == list(sample_result.matrix_wide.columns)
    assert matrix.freeze_panes == "C2"
    assert matrix.auto_filter.ref.startswith("A1:")
    files = workbook["files"]
    assert [c.value for c in files[1]] == list(sample_result.files_frame().columns)
    last = get_column_letter(len(FILE_COLUMNS))
    assert files.freeze_panes == "A2" and files.auto_filter.ref == f"A1:{last}{len(sample_result.files) + 1}"


def test_workbook_cells_hold_the_positions_and_counts(sample_result, workbook):
    first = sample_result.positions.iloc[0]
    row = [c.value for c in workbook["positions"][2]]
    assert row[0] == first["doc"] and row[9] == first["text"]
    assert row[7] == first["char_start"] and isinstance(row[7], int)
    wide = sample_result.matrix_wide
    column = list(wide.columns).index("investering_demand") + 1
    assert workbook["matrix"].cell(2, column).value == wide.iloc[0]["investering_demand"]
    run = {r[0].value: r[1].value for r in workbook["run"].iter_rows(min_row=2)}
    assert run["Dato"] == "2024-05-01"


def test_workbook_keeps_formula_like_text_as_text_and_drops_control_characters(hostile_result):
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(hostile_result, date=DAY)))
    texts = [row[9] for row in book["positions"].iter_rows(min_row=2)]
    formula = next(c for c in texts if str(c.value).startswith("="))
    assert formula.data_type == "s"
    assert all("\x07" not in str(c.value) for c in texts)


def test_render_dispatches_on_format(sample_result):
    assert isinstance(render(sample_result, "xlsx", date=DAY), bytes)
    assert render(sample_result, "md", date=DAY).startswith("# ")
    with pytest.raises(UsageError):
        render(sample_result, "pdf")


def test_skipped_files_are_named_with_their_reason_in_every_format(tmp_path, blank_pipeline):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    result = hoering.analyse(folder, model=blank_pipeline)
    (skipped,) = result.skipped
    sections = sections_of(render_html(result, date=DAY))
    assert "6 filer: 5 læst, 1 sprunget over" in sections["run"]
    row = result.files.index(skipped) + 1
    assert sections[f"file-{row}"] == f"notes.docxsprunget over{skipped.reason}0"
    assert f"| notes.docx | sprunget over | {md_escape(skipped.reason)} |" in render_markdown(result, date=DAY)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result, date=DAY)))
    rows = [[c.value for c in row] for row in book["files"].iter_rows(min_row=2)]
    assert ["notes.docx", "skipped", skipped.reason] in [row[:3] for row in rows]


def test_same_input_and_date_give_the_same_document(sample_result, html_report, md_report):
    assert render_html(sample_result, date=DAY) == html_report
    assert render_markdown(sample_result, date=DAY) == md_report
