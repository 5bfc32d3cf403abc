"""The høringsnotat as a Word document (.docx, python-docx), to edit and send on.

Headings use Word's heading styles (so a table of contents works; one is
inserted as a field Word fills in), quotes the Quote style, the matrix is a
Word table, and every "Administrationens bemærkninger" is a shaded box with a
placeholder to write over. A4 pages, page numbers in the footer. The same
`Notat` gives the same bytes: the zip entries carry the notat's date.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from ..models import Stance
from ..version import __version__
from .notat_model import Counts, Notat, Quote, Section

STANCE_INK = {
    Stance.SUPPORT: RGBColor(0x16, 0x65, 0x34),
    Stance.CONCERN: RGBColor(0x8F, 0x17, 0x17),
    Stance.DEMAND: RGBColor(0x76, 0x44, 0x00),
    Stance.NEUTRAL: RGBColor(0x5C, 0x66, 0x70),
}
CELL_FILL = {Stance.SUPPORT: "D5ECDA", Stance.CONCERN: "F9D6D6", Stance.DEMAND: "FDE9C4", None: "E4E8EF"}
MUTED = RGBColor(0x5C, 0x66, 0x70)
COMMENTS_FILL = "FFF8DB"
COMMENTS_TAG = "hoering-comments"  # the box's table description, so a reader (or test) can find every one


def render_docx(notat: Notat) -> bytes:
    """The notat as the bytes of a .docx file."""
    doc = Document()
    _page(doc.sections[0], landscape=False)
    _styles(doc)
    _front(doc, notat)
    _intro(doc, notat)
    _section(doc, notat, notat.general, level=1)
    doc.add_heading(f"3. {notat.s('themes')}", level=1)
    if not notat.themes:
        doc.add_paragraph(notat.s("themes_none"))
    for section in notat.themes:
        _section(doc, notat, section, level=2)
    if notat.untouched:
        doc.add_paragraph(notat.untouched)
    if notat.plan_intro:
        doc.add_heading(f"4. {notat.s('plan')}", level=1)
        doc.add_paragraph(notat.plan_intro)
        if not notat.plan_parts:
            doc.add_paragraph(notat.s("plan_none"))
        for section in notat.plan_parts:
            _section(doc, notat, section, level=2)
        if notat.plan_untouched:
            doc.add_paragraph(notat.plan_untouched)
    landscape = _matrix(doc, notat)
    _run(doc, notat, new_page=landscape)
    stamp = dt.datetime.combine(dt.date.fromisoformat(notat.date), dt.time())
    props = doc.core_properties
    props.title = f"{notat.title} – {notat.subtitle}"
    props.author = props.last_modified_by = f"hoering {__version__}"
    props.language = notat.lang
    props.created = props.modified = stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same package with every entry dated `stamp`, so equal input gives equal bytes."""
    out = io.BytesIO()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _page(section, landscape: bool) -> None:
    width, height = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.2)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    quote = doc.styles["Quote"]
    quote.font.size = Pt(10.5)
    quote.paragraph_format.left_indent = Cm(0.8)
    quote.paragraph_format.space_after = Pt(0)
    quote.paragraph_format.keep_with_next = True


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (TOC, PAGE, ...) that Word or LibreOffice fills in."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _fld_char(run, kind: str, dirty: bool = False) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run._r.append(char)


def _toc(doc, notat: Notat) -> None:
    """A table-of-contents field, shown until its first update as the list of sections.

    Word updates it on opening (the field is marked dirty), LibreOffice under
    Tools > Update; either way its entries then carry page numbers.
    """
    entries = [(0, f"1. {notat.s('intro')}"), (0, f"2. {notat.s('general')}"), (0, f"3. {notat.s('themes')}")]
    entries += [(1, f"{s.number} {s.title}") for s in notat.themes]
    if notat.plan_intro:
        entries += [(0, f"4. {notat.s('plan')}"), *((1, f"{s.number} {s.title}") for s in notat.plan_parts)]
    entries += [(0, notat.s("annex_matrix")), (0, notat.s("annex_run"))]
    for i, (level, text) in enumerate(entries):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 * level)
        paragraph.paragraph_format.space_after = Pt(0)
        if i == 0:
            start = paragraph.add_run()
            _fld_char(start, "begin", dirty=True)
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = ' TOC \\o "1-2" \\h \\z \\u '
            start._r.append(code)
            _fld_char(start, "separate")
        paragraph.add_run(text).font.size = Pt(10)
        if i == len(entries) - 1:
            _fld_char(paragraph.add_run(), "end")
    doc.add_paragraph()


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _describe(table, text: str) -> None:
    """Set the table's description (w:tblDescription), read by screen readers and tests."""
    props = table._tbl.tblPr
    description = OxmlElement("w:tblDescription")
    description.set(qn("w:val"), text)
    props.append(description)


def _front(doc, notat: Notat) -> None:
    doc.add_paragraph(notat.title, style="Title")
    doc.add_paragraph(notat.subtitle, style="Subtitle")
    note = doc.add_paragraph()
    run = note.add_run(notat.draft_note)
    run.italic = True
    run.font.size = Pt(9.5)
    run.font.color.rgb = MUTED
    if not notat.redaction:
        warning = doc.add_paragraph().add_run(notat.s("redaction_off"))
        warning.bold = True
        warning.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    heading = doc.add_paragraph(notat.s("contents"), style="TOC Heading")
    heading.paragraph_format.space_before = Pt(12)
    _toc(doc, notat)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(f"{notat.title} · {notat.date} · {notat.s('page')} ")
    _field(footer, "PAGE", "1")


def _intro(doc, notat: Notat) -> None:
    doc.add_heading(f"1. {notat.s('intro')}", level=1)
    for text in notat.intro:
        doc.add_paragraph(text)
    for sender in notat.senders:
        doc.add_paragraph(sender, style="List Bullet")
    for text in notat.intro_after:
        doc.add_paragraph(text)


def _section(doc, notat: Notat, section: Section, level: int) -> None:
    doc.add_heading(f"{section.number}. {section.title}" if level == 1 else f"{section.number} {section.title}", level)
    if not section.resume:
        doc.add_paragraph(notat.s("general_none"))
    for i, sentence in enumerate(section.resume):
        paragraph = doc.add_paragraph()
        head, sep, rest = sentence.partition(": ")
        if i and sep:  # "Støtte: ..." with the stance in bold
            paragraph.add_run(head + sep).bold = True
            paragraph.add_run(rest)
        else:
            paragraph.add_run(sentence)
        paragraph.paragraph_format.space_after = Pt(2)
    if section.quotes:
        label = doc.add_paragraph()
        label.paragraph_format.space_before = Pt(8)
        label.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        run = label.add_run(notat.s("quotes"))
        run.bold = True
        run.font.size = Pt(10)
        for quote in section.quotes:
            _quote(doc, notat, quote)
    notes = []
    if section.more:
        notes.append(notat.s("quotes_more", n=section.more))
    if section.elsewhere:
        notes.append(notat.s(section.elsewhere_key, n=section.elsewhere))
    for text in notes:
        run = doc.add_paragraph().add_run(text)
        run.italic = True
        run.font.size = Pt(9.5)
        run.font.color.rgb = MUTED
    _comments(doc, notat)


def _quote(doc, notat: Notat, quote: Quote) -> None:
    doc.add_paragraph(f"{notat.s('quote_open')}{quote.text}{notat.s('quote_close')}", style="Quote")
    source = doc.add_paragraph()
    source.paragraph_format.left_indent = Cm(0.8)
    source.paragraph_format.space_after = Pt(6)
    stance = source.add_run(notat.s(f"stance_{quote.stance.value}"))
    stance.bold = True
    stance.font.size = Pt(8.5)
    stance.font.color.rgb = STANCE_INK[quote.stance]
    when = f" {quote.round}" if quote.round else ""
    rest = source.add_run(f" · {quote.who}{when} · {quote.source}" + (f" · {quote.link}" if quote.link else ""))
    rest.font.size = Pt(8.5)
    rest.font.color.rgb = MUTED


def _comments(doc, notat: Notat) -> None:
    """The field for the administration's comments: a shaded one-cell table to write in."""
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _describe(table, COMMENTS_TAG)
    cell = table.cell(0, 0)
    _shade(cell, COMMENTS_FILL)
    label = cell.paragraphs[0].add_run(notat.s("comments"))
    label.bold = True
    placeholder = cell.add_paragraph().add_run(notat.s("comments_placeholder"))
    placeholder.italic = True
    placeholder.font.color.rgb = MUTED
    doc.add_paragraph()


def _vertical(cell) -> None:
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    cell._tc.get_or_add_tcPr().append(direction)


def _matrix(doc, notat: Notat) -> bool:
    """The body x theme table, on a landscape page when the themes are many; True if landscape."""
    matrix = notat.matrix
    wide = len(matrix.themes) > 8
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=wide)
    usable = section.page_width - section.left_margin - section.right_margin
    doc.add_heading(notat.s("annex_matrix"), level=1)
    doc.add_paragraph(notat.s("annex_matrix_intro"))
    if not matrix.themes:
        doc.add_paragraph(notat.s("themes_none"))
        return wide
    table = doc.add_table(rows=1, cols=len(matrix.themes) + 2)
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, (notat.s("matrix_body"), *matrix.labels, notat.s("matrix_total"))):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(8)
    for cell in header.cells[1:]:
        _vertical(cell)
    header.height = Cm(4.2)
    for row in (*matrix.rows, matrix.total):
        cells = table.add_row().cells
        name = cells[0].paragraphs[0].add_run(row.label)
        name.font.size = Pt(8.5)
        name.bold = row is matrix.total
        for cell, counts in zip(cells[1:], (*row.cells, row.total)):
            _count_cell(cell, counts, bold=row is matrix.total)
    first, last = Cm(3.6), Cm(1.8)
    rest = int((usable - first - last) / len(matrix.themes))
    _widths(table, [first, *[rest] * len(matrix.themes), last])
    return wide


def _widths(table, widths) -> None:
    """Fixed column widths, in the grid (LibreOffice reads it) and in every cell (Word does)."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(Emu(width).twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    props.append(repeat)


def _count_cell(cell, counts: Counts, bold: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(counts.text().replace(" ", ""))
    run.font.size = Pt(8)
    run.bold = bold
    if counts.total:
        _shade(cell, CELL_FILL[counts.dominant])
    else:
        run.font.color.rgb = MUTED


def _run(doc, notat: Notat, new_page: bool) -> None:
    if new_page:  # back to portrait after a landscape matrix
        _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    else:
        doc.add_paragraph()
    doc.add_heading(notat.s("annex_run"), level=1)
    doc.add_paragraph(notat.s("annex_run_intro"))
    if notat.run_facts:
        facts = doc.add_table(rows=0, cols=2)
        facts.style = "Table Grid"
        for label, value in notat.run_facts:
            cells = facts.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].text = value
        doc.add_paragraph()
    if notat.campaigns:
        doc.add_heading(notat.s("campaigns"), level=2)
        for group in notat.campaigns:
            doc.add_paragraph(
                notat.s("campaign_row", n=len(group.docs), who=group.label, docs=", ".join(group.docs)),
                style="List Bullet",
            )
    if notat.files_left_out:
        run = doc.add_paragraph().add_run(notat.s("files_left_out", n=notat.files_left_out))
        run.italic = True
        run.font.size = Pt(9.5)
    keys = ("col_file", "col_status", "col_reason", "col_bodies", "col_positions")
    files = doc.add_table(rows=1, cols=len(keys))
    files.style = "Table Grid"
    _repeat_header(files.rows[0])
    for cell, key in zip(files.rows[0].cells, keys):
        cell.paragraphs[0].add_run(notat.s(key)).bold = True
    for row in notat.files:
        cells = files.add_row().cells
        for cell, value in zip(cells, (row.path, row.status, row.reason, row.bodies, str(row.positions))):
            run = cell.paragraphs[0].add_run(value)
            run.font.size = Pt(8.5)
