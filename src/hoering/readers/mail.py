"""E-mail (.eml): the message body, with the sender's organisation as a hint.

The plain-text part is preferred; an HTML-only message is reduced to its text.
Attachments are not read here: save them next to the e-mail to analyse them.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.headerregistry import Address
from email.message import EmailMessage
from html.parser import HTMLParser

from ..errors import InputFileError
from ._base import Extracted
from .plain import normalise_newlines

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote"}


ATTACHMENTS_NOTE = "attachments not read: {} (save them beside the e-mail)"
_NAMED = re.compile(r"attachments not read: (?P<names>.*?) \(save them beside the e-mail\)")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
#: What stands for an attachment's name when personal data is taken out: a file name
#: ("CPR 060690-6789 Ole Olsen.pdf") often names the person.
ATTACHMENT_PLACEHOLDER = "[BILAG]"


def anonymous_attachments(note: str) -> str:
    """`note` (a file's reason) with the names of the e-mail attachments it lists reduced to their suffix."""

    def names(match: re.Match[str]) -> str:
        parts = match["names"].split(", ")
        kept = ", ".join(ATTACHMENT_PLACEHOLDER + (m.group() if (m := _SUFFIX.search(p)) else "") for p in parts)
        return ATTACHMENTS_NOTE.format(kept)

    return _NAMED.sub(names, note)


def read(data: bytes) -> Extracted:
    """Extract the body of an e-mail.

    Raises:
        InputFileError: not an e-mail, or one without a text body.
    """
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(message, EmailMessage) or not message.keys():
            raise InputFileError("not an e-mail (no headers)")
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            raise InputFileError("e-mail without a text body")
        content = part.get_content()
        subtype = part.get_content_subtype()
        hints = _sender_hints(message)
        attached = [str(a.get_filename() or a.get_content_type()) for a in message.iter_attachments()]
        subject = str(message.get("subject") or "").strip() or None
    except InputFileError:
        raise
    except Exception as exc:  # untrusted input: header and charset decoding can fail in many ways
        raise InputFileError(f"not a readable .eml ({type(exc).__name__}: {exc})") from None
    if not isinstance(content, str):
        raise InputFileError("e-mail body is not text")
    text = _html_text(content) if subtype == "html" else content
    notes = (ATTACHMENTS_NOTE.format(", ".join(attached)),) if attached else ()
    if attached and not text.strip():
        raise InputFileError(f"e-mail body is empty; {notes[0]}")
    return Extracted(normalise_newlines(text), "eml", hints=hints, title=subject, notes=notes)


def _sender_hints(message: EmailMessage) -> tuple[str, ...]:
    hints = [str(message.get("organization") or "").strip()]
    sender = message.get("from")
    addresses = getattr(sender, "addresses", ()) if sender is not None else ()
    hints += [a.display_name.strip() for a in addresses if isinstance(a, Address)]
    return tuple(dict.fromkeys(h for h in hints if h))


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style", "head"):
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n- " if tag == "li" else "\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("" if tag == "li" else "\n" if tag == "br" else "\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(" ".join(data.split("\n")))


def _html_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text, blank = [], False
    for line in lines:
        if not line:
            blank = bool(text)
            continue
        if blank:
            text.append("")
        text.append(line)
        blank = False
    return "\n".join(text) + "\n"
