"""Open zip containers (.docx, .odt) and parse their XML without trusting either.

A zip bomb is refused from its directory alone, before anything is inflated:
too many members, too much in all, or a member compressed beyond any real
document's ratio. zipfile never inflates more than a member's declared size, so
the directory check bounds the reading that follows. XML is parsed by
defusedxml with document type declarations refused, so entity expansion
("billion laughs") and external entities never run.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import InputFileError
from ._base import MAX_COMPRESSION_RATIO, MAX_UNZIPPED_BYTES, MAX_XML_DEPTH, MAX_ZIP_MEMBERS

_RATIO_FROM_BYTES = 1024 * 1024  # small members may compress well (runs of zeros); only large ones are checked


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """Open a zip container after checking its directory for a zip bomb.

    Raises:
        InputFileError: not a zip file, or one that would inflate beyond the limits.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputFileError(f"truncated or not a {kind} (bad zip file: {exc})") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputFileError(f"possible zip bomb ({kind} has {len(members)} parts; limit {MAX_ZIP_MEMBERS})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise InputFileError(
            f"possible zip bomb ({kind} would unpack to {total / (1024 * 1024):.1f} MB; "
            f"limit {MAX_UNZIPPED_BYTES / (1024 * 1024):.1f} MB)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise InputFileError(
                f"possible zip bomb ({kind} part {member.filename} is compressed {ratio:.0f}:1; "
                f"limit {MAX_COMPRESSION_RATIO}:1)"
            )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """The bytes of one member (bounded by the directory check of `open_zip`).

    Raises:
        InputFileError: the member is missing or corrupt.
    """
    try:
        return archive.read(name)
    except KeyError:
        raise InputFileError(f"not a {kind} ({name} missing)") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise InputFileError(f"truncated or corrupt {kind} ({name}: {exc})") from None


def parse_xml(data: bytes, where: str) -> Element:
    """Parse XML with DTDs, entities and external references refused.

    Raises:
        InputFileError: the XML is malformed or declares a DTD or entities.
    """
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise InputFileError(
            f"unsafe XML (DTD or entity declarations, {type(exc).__name__}) in {where}: refusing an entity-expansion payload"
        ) from None
    except SafeET.ParseError as exc:
        raise InputFileError(f"malformed XML in {where} ({exc})") from None
    if _deeper_than(root, MAX_XML_DEPTH):
        raise InputFileError(f"XML nested deeper than {MAX_XML_DEPTH} levels in {where}: not a real document")
    return root


def _deeper_than(root: Element, limit: int) -> bool:
    """True when elements nest more than `limit` deep (walked with a stack, not recursion)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def check_xml_parts(archive: zipfile.ZipFile, kind: str) -> None:
    """Parse every XML part safely, so a library that reads them later meets only plain XML.

    Raises:
        InputFileError: a part is malformed or carries a DTD or entity declarations.
    """
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels")):
            parse_xml(read_member(archive, member.filename, kind), f"{kind} part {member.filename}")
