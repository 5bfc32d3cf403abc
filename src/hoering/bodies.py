"""Attribute each part of a document to the body (afsender) that wrote it.

A document's body comes from its metadata. Inside the text, a line matching a
marker of the body rules ("Referatet fra FagMED for Beskæftigelse den 3. marts
2023:") starts a section written by the body it names. Names are resolved
through the aliases of the body rules, so spellings meet in one canonical name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .models import UNKNOWN_BODY, UNKNOWN_BODY_TYPE, Document, Section
from .rules import BodyRule, BodyRules

_NOT_NAME = re.compile(r"[\s\-–_.,'’\"]+")


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

    def resolve(self, name: str, body_type: str | None = None) -> tuple[str, str]:
        """Return (canonical name, body type) for a name as written."""
        cleaned = " ".join(name.split()).strip(" :\"'“”")
        body = self._by_key.get(normalise_name(cleaned))
        if body is None:
            return cleaned, body_type or UNKNOWN_BODY_TYPE
        return body.name, body_type or body.type or UNKNOWN_BODY_TYPE

    def marker(self, line: str) -> str | None:
        """The body a line names if it is a marker line, else None."""
        for pattern in self.rules.markers:
            match = pattern.match(line)
            if match and match.group("body").strip():
                return match.group("body").strip()
        return None


def sections(document: Document, resolver: BodyResolver) -> list[Section]:
    """Split a document into sections, one per change of body."""
    if document.meta.body:
        body, body_type = resolver.resolve(document.meta.body, document.meta.body_type)
    else:
        body, body_type = UNKNOWN_BODY, document.meta.body_type or UNKNOWN_BODY_TYPE
    result: list[Section] = []
    start, marker = document.body_start, None
    for line_start, line in _lines(document.text, document.body_start):
        named = resolver.marker(line)
        if named is None:
            continue
        if document.text[start:line_start].strip():
            result.append(Section(document.doc_id, body, body_type, start, line_start, marker))
        body, body_type = resolver.resolve(named)
        start, marker = line_start, line.strip()
    result.append(Section(document.doc_id, body, body_type, start, len(document.text), marker))
    return result


def _lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    pos = start
    for line in text[start:].split("\n"):
        yield pos, line
        pos += len(line) + 1
