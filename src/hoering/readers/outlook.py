"""Outlook message (.msg), through extract-msg: the body, the sender as a hint, attachments named.

A .msg is what Outlook saves when a message is dragged out of an inbox. It is read
like an .eml: the plain-text body is preferred, an HTML-only body is reduced to its
text, and attachments are named in the file's report rather than read (save them
beside the message to analyse them).
"""

from __future__ import annotations

import io
import logging

from ..errors import InputFileError
from ._base import Extracted
from .mail import _html_text
from .plain import normalise_newlines

#: Every compound file (.msg, .doc) starts with these bytes.
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

# extract-msg logs its own failures before raising them; without a handler Python would print
# them on stderr beside the one-line reason the file's report gives.
logging.getLogger("extract_msg").addHandler(logging.NullHandler())


def read(data: bytes) -> Extracted:
    """Extract the body of an Outlook message.

    Raises:
        InputFileError: not an Outlook message, or one without a text body.
    """
    if not data.startswith(OLE_MAGIC):
        raise InputFileError("not an Outlook .msg (no compound-file header)")
    import extract_msg  # imported here: it is large and only .msg files need it

    try:
        # A file object, never bytes: given short bytes, the underlying olefile would take them for a path.
        with extract_msg.openMsg(io.BytesIO(data)) as message:
            body = message.body
            html = None if body and body.strip() else message.htmlBody
            subject = str(message.subject or "").strip() or None
            hints = _sender_hints(message)
            attached = [_attachment_name(a) for a in getattr(message, "attachments", ())]
    except InputFileError:
        raise
    except Exception as exc:  # untrusted input: the parser may fail in many ways
        raise InputFileError(f"not a readable .msg ({type(exc).__name__}: {exc})") from None
    if body and body.strip():
        text = body
    elif html:
        text = _html_text(html.decode("utf-8", errors="replace") if isinstance(html, bytes) else str(html))
    else:
        text = ""
    notes = (f"attachments not read: {', '.join(attached)} (save them beside the e-mail)",) if attached else ()
    if not text.strip():
        raise InputFileError(f"e-mail body is empty; {notes[0]}" if notes else "e-mail without a text body")
    return Extracted(normalise_newlines(text), "msg", hints=hints, title=subject, notes=notes)


def _sender_hints(message) -> tuple[str, ...]:
    header = getattr(message, "header", None)
    hints = [str(header.get("organization") or "") if header is not None else ""]
    for value in (getattr(message, "sender", None), message.getStringStream("__substg1.0_0C1A")):
        name = str(value or "").split("<")[0].strip().strip('"')
        hints.append(name)
    return tuple(dict.fromkeys(h.strip() for h in hints if h and h.strip()))


def _attachment_name(attachment) -> str:
    for attribute in ("longFilename", "shortFilename", "displayName", "name"):
        value = getattr(attachment, attribute, None)
        if value:
            return str(value)
    return "attachment"
