"""Plain text (.txt, .md): detect the encoding, never guess it.

A byte order mark decides (UTF-8, UTF-16, UTF-32). Without one, strict UTF-8
is tried first; bytes that are not UTF-8 go to charset-normalizer, restricted to
the single-byte encodings Danish text is written in. Whatever it cannot decode
without mess is reported, not forced through with replacement characters.
"""

from __future__ import annotations

import codecs

from .. import lazy
from ..errors import InputFileError
from ._base import Extracted

# The detector only for bytes that are not UTF-8: most files (and a cached run) never need it.
from_bytes = lazy.function("charset_normalizer", "from_bytes")

#: Legacy encodings a Danish text file may be in, in the detector's order of preference.
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a decoding is not trusted
_CONTROL_OK = "\t\n\r\f\v"


def read(data: bytes, fmt: str = "txt") -> Extracted:
    """Decode a text file's bytes.

    Raises:
        InputFileError: binary data, or bytes no supported encoding decodes cleanly.
    """
    text, encoding = decode_bytes(data)
    return Extracted(normalise_newlines(text), fmt, encoding=encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of text bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", " with BOM")
            except UnicodeDecodeError as exc:
                raise InputFileError(f"broken {encoding} text (invalid bytes at offset {exc.start})") from None
    if b"\x00" in data[:8192]:
        raise InputFileError("binary file, not text (NUL bytes)")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
        if best is None or best.chaos > _MAX_CHAOS:
            raise InputFileError(
                "binary file or unknown text encoding (not UTF-8, UTF-16 or a Western legacy encoding)"
            ) from None
        text, encoding = str(best), best.encoding
    controls = sum(1 for c in text[:8192] if c < " " and c not in _CONTROL_OK)
    if controls > max(2, len(text[:8192]) // 100):
        raise InputFileError("binary file, not text (control characters)")
    return text, encoding


def normalise_newlines(text: str) -> str:
    """Offsets count characters of this text: Windows and old Mac line ends become one \\n each."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
