"""What every reader returns, and the limits that keep hostile files bounded."""

from __future__ import annotations

from dataclasses import dataclass

#: A file larger than this on disk is not read at all.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Decoded or extracted text longer than this (about 300 pages) is not analysed.
MAX_TEXT_CHARS = 1_000_000
#: Zip containers (.docx, .odt): total uncompressed size, members, and compression ratio of one member.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 5_000
MAX_COMPRESSION_RATIO = 200
#: PDF pages read; a longer PDF is not a consultation response.
MAX_PDF_PAGES = 500
#: PDF content streams decoded, all pages together: pages may share one stream, so a small
#: file can ask for the same large stream on every page.
MAX_PDF_DECODED_BYTES = 50 * 1024 * 1024
#: XML elements nested deeper than this (a real document stays under 30) are refused.
MAX_XML_DEPTH = 200


@dataclass(frozen=True)
class Extracted:
    """The text of one file and what its format's own metadata says.

    Attributes:
        text: the decoded or extracted text; every offset of the analysis indexes into it.
        format: the reader that produced it: ``txt``, ``md``, ``docx``, ``pdf``, ``odt``, ``rtf``, ``eml``, ``msg`` or ``doc``.
        encoding: for text files, the detected encoding.
        hints: names the file's metadata gives for its sender (document author, e-mail organisation),
            used only when they name a known body and neither header, manifest nor text does.
        title: the document's own title (document properties, e-mail subject).
        notes: what was read but not analysed, for the file's report (an e-mail's attachments).
        page_starts: the offset in `text` where each page begins, page 1 first, when the format has
            pages (a PDF's, a Word file's page breaks); empty otherwise.
    """

    text: str
    format: str
    encoding: str = ""
    hints: tuple[str, ...] = ()
    title: str | None = None
    notes: tuple[str, ...] = ()
    page_starts: tuple[int, ...] = ()
