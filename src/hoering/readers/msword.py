"""Old Word documents (.doc, Word 97-2003), through antiword when it is installed.

No maintained Python library reads the binary Word format; antiword (Debian
package ``antiword``) does, offline and quickly. It is used when present; without
it a .doc is skipped with a reason saying how to install it or to save the file as
.docx. A ".doc" that is really RTF or .docx (Word and mail clients both produce
those) is read by the reader for what it is.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile

from ..errors import InputFileError
from . import rtf, word
from ._base import MAX_TEXT_CHARS, Extracted
from .outlook import OLE_MAGIC
from .plain import normalise_newlines

#: Seconds antiword may take on one file before the file is skipped.
TIMEOUT_SECONDS = 60


def read(data: bytes) -> Extracted:
    """Extract the text of a Word 97-2003 document.

    Raises:
        InputFileError: not a Word document, antiword missing, or a document antiword cannot read.
    """
    if data.lstrip().startswith(b"{\\rtf"):
        return rtf.read(data)
    if data.startswith(b"PK\x03\x04"):
        return word.read(data)
    if not data.startswith(OLE_MAGIC):
        raise InputFileError("not a Word .doc (no compound-file header)")
    program = shutil.which("antiword")
    if program is None:
        raise InputFileError(
            "cannot read .doc: antiword is not installed (apt-get install antiword), or save the file as .docx"
        )
    text = _antiword(program, data)
    if not text.strip():
        raise InputFileError("no text in the .doc")
    author, title = _properties(data)
    return Extracted(normalise_newlines(text), "doc", hints=(author,) if author else (), title=title)


def _antiword(program: str, data: bytes) -> str:
    # antiword reads a path, not stdin: the bytes go to a private temporary file that is always removed.
    handle, path = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        done = subprocess.run(
            [program, "-m", "UTF-8.txt", "-w", "0", path],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    except subprocess.TimeoutExpired:
        raise InputFileError(f"not a readable .doc (antiword took more than {TIMEOUT_SECONDS} s)") from None
    except OSError as exc:
        raise InputFileError(f"cannot run antiword ({exc})") from None
    finally:
        os.unlink(path)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().replace(path, "the file") or "no reason given"
        raise InputFileError(f"not a readable .doc (antiword: {message.splitlines()[0]})")
    if len(done.stdout) > 4 * MAX_TEXT_CHARS:
        raise InputFileError(f"text too long (more than {MAX_TEXT_CHARS:,} characters)".replace(",", " "))
    return done.stdout.decode("utf-8", errors="replace")


def _properties(data: bytes) -> tuple[str, str | None]:
    """The document's author and title from its summary information, when it has them."""
    import olefile  # comes with extract-msg

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            meta = ole.get_metadata()
    except Exception:  # the properties are a hint only: a document without readable ones is still read
        return "", None

    code_page = (meta.codepage or 1252) & 0xFFFF  # stored signed: 65001 (UTF-8) reads as -535
    encoding = {65001: "utf-8", 1200: "utf-16-le"}.get(code_page, f"cp{code_page}")

    def text(value: object) -> str:
        if isinstance(value, bytes):
            try:
                return value.decode(encoding, errors="replace").strip("\0 ").strip()
            except LookupError:
                return value.decode("cp1252", errors="replace").strip("\0 ").strip()
        return str(value or "").strip()

    return text(meta.author), text(meta.title) or None
