"""PDF with a text layer (.pdf), through pypdf.

Pages are read in order with pypdf's layout mode, which keeps the vertical gaps
between paragraphs as blank lines. Lines that repeat on most pages (running
headers and footers, digits aside so "Side 2 af 5" counts as one) and lines
that are nothing but a page number are removed. A page that ends mid-sentence
runs on into the next without a blank line, so the paragraph, and a word
hyphenated over the page break, stays whole. Where each page begins is kept
(`Extracted.page_starts`, the PDF's own page order), so that a plan read from
a PDF knows the pages of its parts ("på side 9"). A PDF whose pages give no
text is reported as probably scanned: it needs OCR, which hoering does not do.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.generic import IndirectObject

from ..errors import InputFileError
from ._base import MAX_PDF_DECODED_BYTES, MAX_PDF_PAGES, MAX_TEXT_CHARS, Extracted

_PAGE_NUMBER = re.compile(r"^[\s\-–—|/()\[\]]*\d{1,4}(?:\s*[/|]\s*\d{1,4})?[\s\-–—|()\[\]]*$")
_DIGITS = re.compile(r"\d+")
_EDGE_LINES = 3  # running headers and footers sit within the first or last lines of a page
# A content stream larger than this on more pages than that is one page repeated to expand the file.
_SMALL_STREAM = 1024
_MAX_PAGES_PER_STREAM = 3
_RUNS_ON = re.compile(r"[\w,\-–]$")  # a page ending like this continues on the next page


def read(data: bytes) -> Extracted:
    """Extract the text layer of a PDF.

    Raises:
        InputFileError: not a PDF, encrypted, too many pages, a parser failure, or no text layer.
    """
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files make pypdf warn per object
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputFileError("encrypted .pdf (remove the password first)")
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise InputFileError(f".pdf has {count} pages (limit {MAX_PDF_PAGES})")
        pages = _pages(reader)
        title = reader.metadata.title if reader.metadata else None
        author = reader.metadata.author if reader.metadata else None
    except InputFileError:
        raise
    except Exception as exc:  # untrusted input: pypdf raises many kinds (PdfReadError, KeyError, RecursionError, ...)
        raise InputFileError(f"not a readable .pdf ({type(exc).__name__}: {exc})") from None
    pages_lines = _drop_running_lines([_lines(page) for page in pages])
    if not any(line.strip() for lines in pages_lines for line in lines):
        raise InputFileError(f"no text layer (scanned?): {count} page{'s' if count != 1 else ''} without text")
    text, starts = _join_pages(pages_lines)
    hints = (author.strip(),) if isinstance(author, str) and author.strip() else ()
    return Extracted(
        text,
        "pdf",
        hints=hints,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        page_starts=starts,
    )


def _pages(reader: PdfReader) -> list[str]:
    """The text of every page, stopped as soon as the decoded streams or the text pass their limits.

    Pages may share one content stream, so a small file can expand to the same
    large page hundreds of times: the limits are counted as the pages are read.
    """
    pages: list[str] = []
    decoded = chars = 0
    shared: Counter[object] = Counter()
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        decoded += size
        key = _stream_key(page)
        shared[key] += key is not None and size > _SMALL_STREAM
        if shared[key] > _MAX_PAGES_PER_STREAM:
            raise InputFileError(
                f".pdf repeats one content stream on page after page ({shared[key]} pages by page {number}): "
                "an expansion, not a document"
            )
        if decoded > MAX_PDF_DECODED_BYTES:
            raise InputFileError(
                f".pdf content expands beyond {MAX_PDF_DECODED_BYTES // (1024 * 1024)} MB by page {number} "
                "(pages sharing one large stream?)"
            )
        text = _page_text(page)
        chars += len(text)
        if chars > MAX_TEXT_CHARS:
            raise InputFileError(
                f"text too long (over {MAX_TEXT_CHARS:,} characters by page {number})".replace(",", " ")
            )
        pages.append(text)
    return pages


def _stream_key(page) -> object:
    """What names a page's content stream(s) in the file, to see pages that share one."""
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    refs = raw if isinstance(raw, list) else [raw]
    keys = tuple((r.idnum, r.generation) for r in refs if isinstance(r, IndirectObject))
    return keys or None


def _page_text(page) -> str:
    try:
        return page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is stricter about fonts; plain mode still gives the words in order
        return page.extract_text()


def _lines(page: str) -> list[str]:
    """A page's lines: trailing space removed, runs of blank lines made one."""
    lines: list[str] = []
    for raw in page.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip() and (not lines or not lines[-1].strip()):
            continue
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    return _dedent(lines)


def _dedent(lines: list[str]) -> list[str]:
    """Remove the left margin layout mode adds, keeping relative indentation."""
    margins = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(margins, default=0)
    return [line[cut:] for line in lines]


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers, and headers and footers that repeat on most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(lines[i]) for i in _edges(lines)})
    repeated = {key for key, n in counts.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    result = []
    for lines in pages:
        edges = _edges(lines)
        kept = [
            line
            for i, line in enumerate(lines)
            if not (line.strip() and (_PAGE_NUMBER.match(line) or (i in edges and _key(line) in repeated)))
        ]
        result.append(_trim_blank(kept))
    return result


def _edges(lines: list[str]) -> set[int]:
    """Indices of the first and last few non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def _trim_blank(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _join_pages(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """The pages' text, and where each page begins in it (a page without text begins where the next does)."""
    text = ""
    starts: list[int] = []
    for lines in pages:
        if not lines:
            starts.append(len(text))
            continue
        page = "\n".join(line if line.strip() else "" for line in lines)
        if text:
            text += "\n" if _RUNS_ON.search(text) else "\n\n"
        starts.append(len(text))
        text += page
    return (text + "\n" if text else ""), tuple(starts)
