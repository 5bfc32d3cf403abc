"""OpenDocument text (.odt): headings, paragraphs, list items and table cells from content.xml.

Read with zipfile and defusedxml rather than a full ODF library: the text is
all that is needed, and the XML is parsed with entity declarations refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element

from ._base import Extracted
from ._zip import open_zip, parse_xml, read_member

KIND = ".odt"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_SKIP = {f"{_TEXT}note", f"{_TEXT}tracked-changes", f"{_OFFICE}annotation"}


def read(data: bytes) -> Extracted:
    """Extract the text of an .odt file.

    Raises:
        InputFileError: not an .odt, a zip bomb, or unsafe XML.
    """
    archive = open_zip(data, KIND)
    root = parse_xml(read_member(archive, "content.xml", KIND), f"{KIND} part content.xml")
    lines: list[str] = []
    body = root.find(f"{_OFFICE}body")
    for kind, text in _blocks(body if body is not None else root, in_list=False):
        text = text.strip()
        if not text:
            continue
        if kind == "item":
            if not lines or not lines[-1].startswith("- "):
                lines.append("")
            lines.append(f"- {text}")
        else:
            lines.extend(("", text))
    text = "\n".join(lines).strip("\n")
    hints: tuple[str, ...] = ()
    title = None
    if "meta.xml" in archive.namelist():
        meta = parse_xml(read_member(archive, "meta.xml", KIND), f"{KIND} part meta.xml")
        names = [
            e.text.strip() for e in meta.iter() if e.tag in (f"{_META}initial-creator", f"{_DC}creator") and e.text
        ]
        hints = tuple(dict.fromkeys(n for n in names if n))
        found = next((e.text for e in meta.iter(f"{_DC}title") if e.text), None)
        title = found.strip() if found else None
    return Extracted(text + "\n" if text else "", "odt", hints=hints, title=title)


def _blocks(element: Element, in_list: bool) -> Iterator[tuple[str, str]]:
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            yield ("item" if in_list else "paragraph"), _inline(child)
        elif child.tag == f"{_TEXT}list-item":
            yield from _blocks(child, in_list=True)
        else:
            yield from _blocks(child, in_list)


def _inline(element: Element) -> str:
    """The text of a paragraph: spans flattened, spacing elements expanded, notes left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * _count(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag not in _SKIP:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _count(value: str) -> int:
    """A run of spaces: the declared count, bounded (a hostile file could ask for billions)."""
    return min(int(value), 100) if value.isdigit() else 1
