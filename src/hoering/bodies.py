"""Attribute each part of a document to the body (afsender) that wrote it.

A document's body comes from its metadata (header or manifest). Inside the
text, a line matching a marker of the body rules ("Referatet fra FagMED for
Beskæftigelse den 3. marts 2023:") starts a section written by the body it
names. Names are resolved through the aliases of the body rules, so spellings
meet in one canonical name.

Without metadata, the text before the first marker is attributed by
`attribute`: first a body of bodies.toml in an opening line ("Lokalt
Arbejdsmarkedsråd har ..."), a sign-off ("Med venlig hilsen ... Handicaprådet")
or the file format's own metadata; then the sender detection of `senders`
(the organisation registry and senders in no list, by the order of evidence
in senders.toml). Otherwise the body stays unknown, and says so.

This is the one place a body is found: `sections` attributes each section
once, and the section carries how (`models.Attribution`: the stable
`body_id`, the rule, the evidence, the confidence) to its positions, the
cache and the file's report alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .models import UNKNOWN_BODY, UNKNOWN_BODY_TYPE, Attribution, Document, Section
from .rules import BodyRule, BodyRules
from .senders import RULE_FILE_METADATA, RULE_METADATA, RULE_OPENING, RULE_SIGNATURE, Detector, slug

#: Where the body of a document's first section came from (FileReport.body_source).
FROM_METADATA = RULE_METADATA
FROM_OPENING = RULE_OPENING
FROM_SIGNATURE = RULE_SIGNATURE
FROM_FILE_METADATA = RULE_FILE_METADATA
FROM_MARKERS = "markers"
FROM_NOWHERE = "unknown"

#: How an unknown body was found: by no rule.
UNATTRIBUTED = Attribution(source=FROM_NOWHERE)

_NOT_NAME = re.compile(r"[\s\-–_.,'’\"]+")
#: The longest line (white space runs counted as one) a marker, opening or sign-off
#: pattern is tried on; the lines they are written for are far shorter.
MAX_LINE_CHARS = 300


def normalise_name(name: str) -> str:
    """The key two spellings of one body share: case, spaces and hyphens folded."""
    return _NOT_NAME.sub("", name.casefold())


class BodyResolver:
    """Resolves free-text body names to canonical names and body types."""

    def __init__(self, rules: BodyRules, detector: Detector | None = None) -> None:
        self.rules = rules
        self.detector = detector  # the organisation registry and the detection of senders in no list
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
            org = self.detector.registry.lookup(cleaned) if self.detector is not None and cleaned else None
            if org is not None:
                return org.name, body_type or org.type or UNKNOWN_BODY_TYPE
            return cleaned, body_type or UNKNOWN_BODY_TYPE
        return body.name, body_type or body.type or UNKNOWN_BODY_TYPE

    def knows(self, name: str) -> bool:
        """Whether a name is a body of bodies.toml or the registry."""
        if normalise_name(name) in self._by_key:
            return True
        return self.detector is not None and self.detector.registry.lookup(name) is not None

    def body_id(self, name: str) -> str:
        """The stable id of a body by its canonical name: the registry's, else the name as a slug."""
        org = self.detector.registry.lookup(name) if self.detector is not None else None
        return org.id if org is not None else slug(name)

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
class Found:
    """The body of a stretch of a document and how it was found."""

    body: str
    body_type: str
    how: Attribution = UNATTRIBUTED
    marker: str | None = None  # the marker line that named it, if one did

    @property
    def source(self) -> str:
        return self.how.source

    @property
    def evidence(self) -> str:
        return self.how.evidence

    @property
    def body_id(self) -> str:
        return self.how.body_id

    def section(self, doc_id: str, start: int, end: int) -> Section:
        return Section(doc_id, self.body, self.body_type, start, end, self.marker, self.how)


def attribute(document: Document, resolver: BodyResolver, end: int | None = None) -> Found:
    """The body of ``document.text[body_start:end]``: metadata first, then the text, then file metadata."""
    detector = resolver.detector
    confidence = detector.rules.confidence if detector is not None else {}
    if document.meta.body:
        body, body_type = resolver.resolve(document.meta.body, document.meta.body_type)
        how = Attribution(
            resolver.body_id(body),
            FROM_METADATA,
            document.meta.body,
            confidence=confidence.get(FROM_METADATA, 1.0),
            in_registry=resolver.knows(body),
        )
        return Found(body, body_type, how)
    detection = resolver.rules.detection
    lines = [line for _, line in _lines(document.text[:end], document.body_start) if line.strip()]
    found = _opening(lines[: detection.opening_lines], resolver) or _signature(lines, resolver)
    if found is None:
        for hint in document.hints:
            body = resolver.known_in(hint)
            if body is not None:
                found = (body, FROM_FILE_METADATA, hint)
                break
    if found is not None:
        body, source, evidence = found
        offset = -1 if source == FROM_FILE_METADATA else document.text.find(evidence, document.body_start)
        how = Attribution(resolver.body_id(body.name), source, evidence, offset, confidence.get(source, 0.5), True)
        return Found(body.name, document.meta.body_type or body.type or UNKNOWN_BODY_TYPE, how)
    candidate = (
        detector.find(document.text, document.body_start, end, document.hints, _file_name(document))
        if detector
        else None
    )
    if candidate is None:
        return Found(UNKNOWN_BODY, document.meta.body_type or UNKNOWN_BODY_TYPE)
    how = Attribution(
        candidate.body_id,
        candidate.rule,
        candidate.matched,
        candidate.start,
        candidate.confidence,
        candidate.in_registry,
    )
    return Found(candidate.name, document.meta.body_type or candidate.body_type, how)


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
    """Split a document into sections, one per change of body, each attributed once.

    The text before the first marker line is attributed by `attribute`; each
    marker line starts a section of the body it names.
    """
    marked = [
        (line_start, line, named)
        for line_start, line in _lines(document.text, document.body_start)
        if (named := resolver.marker(line)) is not None
    ]
    found = attribute(document, resolver, marked[0][0] if marked else None)
    result: list[Section] = []
    start = document.body_start
    for line_start, line, named in marked:
        if document.text[start:line_start].strip():
            result.append(found.section(document.doc_id, start, line_start))
        found = _marked(resolver, named, line.strip())
        start = line_start
    result.append(found.section(document.doc_id, start, len(document.text)))
    return result


def _marked(resolver: BodyResolver, named: str, line: str) -> Found:
    """The body a marker line names, found by the marker rule."""
    body, body_type = resolver.resolve(named)
    confidence = resolver.detector.rules.confidence.get(FROM_MARKERS) if resolver.detector is not None else None
    how = Attribution(resolver.body_id(body), FROM_MARKERS, line, -1, confidence, resolver.knows(body))
    return Found(body, body_type, how, line)


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


def _file_name(document: Document) -> str:
    return document.path.name if isinstance(document.path, Path) else ""
