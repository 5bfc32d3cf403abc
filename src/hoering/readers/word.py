"""Word documents (.docx): paragraphs, list items and tables in document order.

Page headers and footers, comments and footnotes are left out: they repeat
letterheads and page numbers, not the response. List items become ``- `` lines
so segmentation sees bullets; table cells become paragraphs of their own. The
core properties' author and title are kept as hints.
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
    text = "\n".join(_chunks(document)).strip("\n")
    props = document.core_properties
    hints = tuple(h.strip() for h in (props.author, props.last_modified_by) if h and h.strip())
    return Extracted(text + "\n" if text else "", "docx", hints=tuple(dict.fromkeys(hints)), title=props.title or None)


def _chunks(document: WordDocument):
    """Lines of text: a paragraph then a blank line; list items one per line."""
    previous_was_item = False
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
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
