"""Rich Text Format (.rtf), through striprtf, in the code page the file declares."""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from ..errors import InputFileError
from ._base import Extracted
from .plain import normalise_newlines

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def read(data: bytes) -> Extracted:
    """Extract the text of an .rtf file.

    Raises:
        InputFileError: not RTF, or RTF the converter cannot read.
    """
    if not data.lstrip().startswith(b"{\\rtf"):
        raise InputFileError("not an RTF file (no {\\rtf header)")
    match = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{match[1].decode()}" if match else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        # RTF is 7-bit: other characters come as escapes, decoded by striprtf in the declared code page.
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except Exception as exc:  # untrusted input: the converter may fail in many ways
        raise InputFileError(f"not a readable .rtf ({type(exc).__name__}: {exc})") from None
    return Extracted(normalise_newlines(text), "rtf", encoding=encoding)
