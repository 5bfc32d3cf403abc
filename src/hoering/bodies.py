"""Attribute each part of a document to the body (afsender) that wrote it.

A document's body comes from its metadata (header or manifest). Inside the
text, a line matching a marker of the body rules ("Referatet fra FagMED for
Beskæftigelse den 3. marts 2023:") starts a section written by the body it
names. Names are resolved through the aliases of the body rules, so spellings
meet in one canonical name.

Without metadata, the text before the first marker is attributed by
`attribute`: an opening line ("Lokalt Arbejdsmarkedsråd har ..."), then a
sign-off ("Med venlig hilsen ... Handicaprådet"), then the file format's own
metadata (document author, e-mail organisation). Only a known body is taken
this way; otherwise the body stays unknown, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .models import UNKNOWN_BODY, UNKNOWN_BODY_TYPE, Document, Section
from .rules import BodyRule, BodyRules

#: Where the body of a document's first section came from (FileReport.body_source).
FROM_METADATA = "header or manifest"
FROM_OPENING = "opening line"
FROM_SIGNATURE = "signature"
FROM_FILE_METADATA = "document metadata"
FROM_MARKERS = "markers"
FROM_NOWHERE = "unknown"

_NOT_NAME = re.compile(r"[\s\-–_.,'’\"]+")
#: The longest line (white space runs counted as one) a marker, opening or sign-off
#: pattern is tried on; the lines they are written for are far shorter.
MAX_LINE_CHARS = 300


def normalise_name(name: str) -> str:
    """The key two spellings of one body share: case, spaces and hyphens folded."""
    return _NOT_NAME.sub("", name.casefold())


class BodyResolver:
    """Resolves free-text body names to canonical names and body types."""

    def __init__(self, rules: BodyRules) -> None:
        self.rules = rules
        self._by_key: dict[str, BodyRule] = {}
        for body in rules.bodies:
            for spelling in (body.name, *body.aliases):
                self._by_key.setdefault(normalise_name(spelling), body)
        generic = {normalise_name(g) for g in rules.detection.generic}
        named = sorted(
            ((spelling, body) for body in rules.bodies for spelling in (body.name, *body.aliases)),
            key=lambda pair: (-len(pair[0]), pair[0]),
        )
        self._spellings = [
            (_spelling_pattern(spelling), body) for spelling, body in named if normalise_name(spelling) not in generic
        ]

    def resolve(self, name: str, body_type: str | None = None) -> tuple[str, str]:
        """Return (canonical name, body type) for a name as written."""
        cleaned = " ".join(name.split()).strip(" :\"'“”")
        body = self._by_key.get(normalise_name(cleaned))
        if body is None:
            return cleaned, body_type or UNKNOWN_BODY_TYPE
        return body.name, body_type or body.type or UNKNOWN_BODY_TYPE

    def known_in(self, text: str) -> BodyRule | None:
        """The known body a stretch of text names: the longest name or alias in it, generic aliases aside."""
        for spelling, body in self._spellings:
            if spelling.search(text):
                return body
        return None

    def marker(self, line: str) -> str | None:
        """The body a line names if it is a marker line, else None.

        A marker is a short line: a longer one is prose and is not matched at all,
        and runs of white space count as one space, so that no pattern can take
        more than a bounded time on one line.
        """
        if len(line) > MAX_LINE_CHARS * 4:
            return None
        line = " ".join(line.split())
        if len(line) > MAX_LINE_CHARS:
            return None
        for pattern in self.rules.markers:
            match = pattern.match(line)
            if match and match.group("body").strip():
                return match.group("body").strip()
        return None


@dataclass(frozen=True)
class Attribution:
    """The body of a document's opening section and where it was found."""

    body: str
    body_type: str
    source: str
    evidence: str = ""  # the line or metadata value that named it


def attribute(document: Document, resolver: BodyResolver, end: int | None = None) -> Attribution:
    """The body of ``document.text[body_start:end]``: metadata first, then the text, then file metadata."""
    if document.meta.body:
        body, body_type = resolver.resolve(document.meta.body, document.meta.body_type)
        return Attribution(body, body_type, FROM_METADATA, document.meta.body)
    detection = resolver.rules.detection
    lines = [line for _, line in _lines(document.text[:end], document.body_start) if line.strip()]
    found = _opening(lines[: detection.opening_lines], resolver) or _signature(lines, resolver)
    if found is None:
        for hint in document.hints:
            body = resolver.known_in(hint)
            if body is not None:
                found = (body, FROM_FILE_METADATA, hint)
                break
    if found is None:
        return Attribution(UNKNOWN_BODY, document.meta.body_type or UNKNOWN_BODY_TYPE, FROM_NOWHERE)
    body, source, evidence = found
    return Attribution(body.name, document.meta.body_type or body.type or UNKNOWN_BODY_TYPE, source, evidence)


def _opening(lines: Sequence[str], resolver: BodyResolver) -> tuple[BodyRule, str, str] | None:
    detection = resolver.rules.detection
    for line in map(_for_matching, lines):
        if any(p.match(line) for p in detection.addressees):
            continue  # "Til BSU": the receiver, not the sender
        for pattern in detection.openings:
            match = pattern.match(line)
            body = resolver.known_in(match.group("body")) if match else None
            if body is not None:
                return body, FROM_OPENING, line.strip()
    return None


def _signature(lines: Sequence[str], resolver: BodyResolver) -> tuple[BodyRule, str, str] | None:
    detection = resolver.rules.detection
    for i in range(len(lines) - 1, -1, -1):  # the last sign-off is the signature
        line = _for_matching(lines[i])
        match = next((m for p in detection.signoffs if (m := p.match(line))), None)
        if match is None:
            continue
        below = map(_for_matching, lines[i + 1 : i + 1 + detection.signature_lines])
        for signed in (line[match.end() :], *below):
            body = resolver.known_in(signed)
            if body is not None:
                return body, FROM_SIGNATURE, signed.strip()
        return None
    return None


def sections(document: Document, resolver: BodyResolver) -> list[Section]:
    """Split a document into sections, one per change of body."""
    marked = [
        (line_start, line, named)
        for line_start, line in _lines(document.text, document.body_start)
        if (named := resolver.marker(line)) is not None
    ]
    first = attribute(document, resolver, marked[0][0] if marked else None)
    body, body_type = first.body, first.body_type
    result: list[Section] = []
    start, marker = document.body_start, None
    for line_start, line, named in marked:
        if document.text[start:line_start].strip():
            result.append(Section(document.doc_id, body, body_type, start, line_start, marker))
        body, body_type = resolver.resolve(named)
        start, marker = line_start, line.strip()
    result.append(Section(document.doc_id, body, body_type, start, len(document.text), marker))
    return result


def _spelling_pattern(spelling: str) -> re.Pattern[str]:
    """A name as a whole word or words, case, spaces and hyphens as in `normalise_name`."""
    parts = [re.escape(p) for p in _NOT_NAME.split(spelling.casefold()) if p]
    return re.compile(r"(?<!\w)" + r"[\s\-–_.,'’\"]*".join(parts) + r"(?!\w)", re.IGNORECASE)


def _for_matching(line: str) -> str:
    """A line with each run of white space as one space, cut to `MAX_LINE_CHARS`."""
    return " ".join(line.split())[:MAX_LINE_CHARS]


def _lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    pos = start
    for line in text[start:].split("\n"):
        yield pos, line
        pos += len(line) + 1
