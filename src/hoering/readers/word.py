"""Word documents (.docx): paragraphs, list items and tables in document order.

Page headers and footers, comments and footnotes are left out: they repeat
letterheads and page numbers, not the response. List items become ``- `` lines
so segmentation sees bullets; table cells become paragraphs of their own. The
core properties' author and title are kept as hints. Hard page breaks (a
page break in a paragraph's runs, or "page break before" on a paragraph) mark
where a page begins (`Extracted.page_starts`), so a plan in .docx knows the
pages of its parts; where Word itself broke the pages is not in the file.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as WordDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import InputFileError
from ._base import Extracted
from ._zip import check_xml_parts, open_zip

KIND = ".docx"


def read(data: bytes) -> Extracted:
    """Extract the text of a .docx file.

    Raises:
        InputFileError: not a .docx, a zip bomb, unsafe XML, or no text.
    """
    archive = open_zip(data, KIND)
    check_xml_parts(archive, KIND)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # untrusted input: python-docx raises many kinds (KeyError, ValueError, ...)
        raise InputFileError(f"not a readable {KIND} ({type(exc).__name__}: {exc})") from None
    text, starts = _join(_chunks(document))
    props = document.core_properties
    hints = tuple(h.strip() for h in (props.author, props.last_modified_by) if h and h.strip())
    return Extracted(
        text + "\n" if text else "",
        "docx",
        hints=tuple(dict.fromkeys(hints)),
        title=props.title or None,
        page_starts=starts,
    )


_PAGE_BREAK = object()  # a chunk that says: the next line is on a new page
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _join(chunks) -> tuple[str, tuple[int, ...]]:
    """The lines joined, without leading or trailing blank lines, and the page starts (none without breaks)."""
    lines: list[str] = []
    breaks: list[int] = []  # index of the line each new page begins at
    for chunk in chunks:
        if chunk is _PAGE_BREAK:
            breaks.append(len(lines))
        else:
            lines.append(chunk)
    lead = next((i for i, line in enumerate(lines) if line), len(lines))
    text = "\n".join(lines).strip("\n")
    if not breaks or not text:
        return text, ()
    offsets, position, pending = [0], 0, False
    for i, line in enumerate(lines[lead:], start=lead):
        pending = pending or i in breaks
        if pending and line:  # the page begins at its first text, not at the blank line before it
            if position > offsets[-1]:
                offsets.append(position)
            pending = False
        position += len(line) + 1
    return text, tuple(offsets)


def _breaks_page(paragraph: Paragraph) -> tuple[bool, bool]:
    """Whether a page break comes before the paragraph's text, and whether one comes after it."""
    ppr = paragraph._p.pPr
    before = ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None
    after = False
    seen_text = False
    for element in paragraph._p.iter(f"{_W}br", f"{_W}t"):
        if element.tag == f"{_W}t" and (element.text or "").strip():
            seen_text = True
        elif element.tag == f"{_W}br" and element.get(f"{_W}type") == "page":
            before, after = (before, True) if seen_text else (True, after)
    return before, after


def _chunks(document: WordDocument):
    """Lines of text: a paragraph then a blank line; list items one per line."""
    previous_was_item = False
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            before, after = _breaks_page(item)
            if before:
                yield _PAGE_BREAK
            text = item.text.strip()
            if not text:
                continue
            if _is_list_item(item):
                if not previous_was_item:
                    yield ""
                yield f"- {text}"
                previous_was_item = True
                continue
            yield ""
            yield text
            if after:
                yield _PAGE_BREAK
            previous_was_item = False
        elif isinstance(item, Table):
            yield from _table(item)
            previous_was_item = False


def _is_list_item(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = paragraph.style.name if paragraph.style is not None else ""
    return (style or "").lower().startswith("list")


def _table(table: Table):
    seen: set[object] = set()  # holding the elements keeps their lxml proxies, so identity is stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                text = paragraph.text.strip()
                if text:
                    yield ""
                    yield text
