"""Take personal data out of every text hoering writes or prints.

CPR numbers, e-mail addresses, phone numbers and street addresses are found by
the patterns of ``redaction.toml``; a CPR number counts only when its digits
make a real date. Names are found after greetings and sign-offs ("Med venlig
hilsen", "På vegne af") by rules, by spaCy's entity recogniser where the
pipeline has one, and, for a response from a private person, wherever the
person's own name (from the metadata) stands. Known bodies and organisation
names are kept: they are the point of the analysis.

Spans are found once per document on its text, so offsets keep pointing into
the original; only the texts that leave the program (position text, evidence,
headings, body names) get typed placeholders such as ``[CPR]``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from .bodies import normalise_name
from .models import UNKNOWN_BODY, Block, Document, Evidence, PersonalData, Position, Section, Token
from .rules import BodyRules, RedactionRules

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Entity labels of a person in spaCy's Danish pipelines (and the English style).
PERSON_LABELS = frozenset({"PER", "PERSON"})
_WORD = re.compile(r"\S+")
_TRAILING = ",;:.!?)]\"'“”"


@dataclass(frozen=True)
class Redaction:
    """A stretch of a text that holds personal data."""

    kind: PersonalData
    start: int
    end: int


class Spans:
    """The redactions of one text, sorted and without overlaps, looked up by offset."""

    def __init__(self, found: Iterable[Redaction] = ()) -> None:
        kept: list[Redaction] = []
        for item in sorted(set(found), key=lambda r: (r.start, r.start - r.end, r.kind.value)):
            # An overlapping span is cut to what is not covered yet, so nothing it covers leaks.
            start = max(item.start, kept[-1].end) if kept else item.start
            if start < item.end:
                kept.append(Redaction(item.kind, start, item.end) if start != item.start else item)
        self.items: tuple[Redaction, ...] = tuple(kept)
        self._starts = [r.start for r in kept]

    def __bool__(self) -> bool:
        return bool(self.items)

    def union(self, more: Iterable[Redaction]) -> Spans:
        return Spans((*self.items, *more))

    def index_at(self, offset: int) -> int | None:
        """The index of the span that covers `offset`, or None."""
        i = bisect_right(self._starts, offset) - 1
        return i if i >= 0 and offset < self.items[i].end else None

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self.items[i].end > start

    def kind_in(self, start: int, end: int) -> PersonalData | None:
        """The kind of the first span that overlaps ``[start, end)``, or None."""
        i = bisect_right(self._starts, start) - 1
        if i < 0 or self.items[i].end <= start:
            i += 1  # no span covers `start`: the first that starts after it, if it starts before `end`
        return self.items[i].kind if i < len(self.items) and self.items[i].start < end else None

    def mask(self, text: str, offsets: Sequence[int]) -> str:
        """`text` with every run of characters inside a span replaced by its placeholder.

        `offsets[i]` is where `text[i]` stands in the text the spans index.
        """
        if not self.items or not text or not self.overlaps(min(offsets), max(offsets) + 1):
            return text
        out: list[str] = []
        last: int | None = None
        for char, offset in zip(text, offsets):
            i = self.index_at(offset)
            if i is None:
                out.append(char)
            elif i != last:
                out.append(self.items[i].kind.placeholder)
            last = i
        return "".join(out)

    def counts(self) -> tuple[tuple[PersonalData, int], ...]:
        """How many spans of each kind, in the order of `PersonalData`."""
        tally = Counter(r.kind for r in self.items)
        return tuple((kind, tally[kind]) for kind in PersonalData if tally[kind])


def cpr_date(dd: str, mm: str, yy: str, serial: str) -> date | None:
    """The birth date a CPR number gives, or None when there is no such date.

    The century comes from the first digit of the serial number: 0-3 the
    1900s; 4 and 9 the 2000s up to year 36, else the 1900s; 5-8 the 2000s up
    to year 57, else the 1800s.
    """
    year, first = int(yy), int(serial[0])
    if first <= 3:
        century = 1900
    elif first in (4, 9):
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    try:
        return date(century + year, int(mm), int(dd))
    except ValueError:
        return None


class Redactor:
    """Finds personal data in documents and masks the texts that are output."""

    def __init__(self, rules: RedactionRules, bodies: BodyRules, organisations: Iterable[str] = ()) -> None:
        self.rules = rules
        self.names = rules.names
        known = [n for body in bodies.bodies for n in (body.name, *body.aliases)]
        # The registry's names too: "Ældre Sagen" under a signature is the sender, not a person.
        self._known = frozenset(normalise_name(n) for n in (*known, *organisations))

    def is_citizen(self, body_type: str) -> bool:
        return body_type == self.rules.citizen_type

    def keep(self, sections: Sequence[Section]) -> frozenset[str]:
        """Names never taken out: known bodies and the bodies of these sections (private persons aside)."""
        return self._known | {normalise_name(s.body) for s in sections if not self.is_citizen(s.body_type)}

    # --- finding --------------------------------------------------------------

    def find(self, document: Document, sections: Sequence[Section]) -> Spans:
        """Personal data in the response text of a document (its header aside)."""
        text, start, end = document.text, document.body_start, len(document.text)
        keep = self.keep(sections)
        citizens = {s.body for s in sections if self.is_citizen(s.body_type) and s.body != UNKNOWN_BODY}
        return Spans(
            [
                *self.patterns(text, start, end),
                *self.signature_names(text, start, end, keep),
                *self.own_names(text, start, end, citizens),
            ]
        )

    def patterns(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Redaction]:
        """Matches of the CPR, e-mail, phone and address patterns."""
        end = len(text) if end is None else end
        for kind, pattern in self.rules.patterns:
            has_group = "redact" in pattern.groupindex
            for match in pattern.finditer(text, start, end):
                if kind is PersonalData.CPR and cpr_date(*match.group("dd", "mm", "yy", "serial")) is None:
                    continue
                lo, hi = match.span("redact") if has_group and match.group("redact") is not None else match.span()
                if lo < hi:
                    yield Redaction(kind, lo, hi)

    def signature_names(self, text: str, start: int, end: int, keep: frozenset[str]) -> Iterator[Redaction]:
        """Names on the line of a greeting or sign-off, and on the short lines below it."""
        rules = self.names
        for cue in rules.cue.finditer(text, start, end):
            line_end = _line_end(text, cue.end(), end)
            words = _words(text, cue.end(), line_end)[: rules.max_line_words]
            yield from self._runs(words, keep, single=True)
            pos, looked = line_end + 1, 0
            while looked < rules.lines_after and pos < end:
                line_end = _line_end(text, pos, end)
                words = _words(text, pos, line_end)
                pos = line_end + 1
                if not words:
                    continue
                if len(words) > rules.max_line_words:
                    break
                # One word alone on the first line below a sign-off is a first name ("Mvh\nJens").
                yield from self._runs(words, keep, single=looked == 0 and len(words) == 1)
                looked += 1

    def own_names(self, text: str, start: int, end: int, names: Iterable[str]) -> Iterator[Redaction]:
        """Where a private person's own name, or a part of it, stands in their response."""
        parts: set[str] = set()
        for name in names:
            parts.add(name.strip())
            parts.update(w for w in name.split() if self.names.name_word.fullmatch(w) and len(w) > 2)
        for part in sorted(p for p in parts if p):
            for match in re.finditer(rf"(?<!\w){re.escape(part)}(?!\w)", text[start:end]):
                yield Redaction(PersonalData.NAME, start + match.start(), start + match.end())

    def entities(self, doc: Doc, block: Block, keep: frozenset[str] = frozenset()) -> list[Redaction]:
        """Person entities spaCy found in a block, as spans of the document text."""
        found = []
        for ent in doc.ents:
            if ent.label_ not in PERSON_LABELS or not ent.text.strip() or self._kept(ent.text.split(), keep):
                continue
            found.append(Redaction(PersonalData.NAME, *block.source_span(ent.start_char, ent.end_char)))
        return found

    def _runs(self, words: list[tuple[str, int, int]], keep: frozenset[str], single: bool) -> Iterator[Redaction]:
        """Runs of name words (two or more, or one where `single`) that are not an organisation."""
        run: list[tuple[str, int, int]] = []

        def flush() -> Iterator[Redaction]:
            while run and run[-1][0].casefold() in self.names.particles:
                run.pop()
            names = [w for w, _, _ in run]
            if names and all(len(n) <= 3 and n.isupper() for n in names):
                names = []  # "FOA", "HK": short capitals alone are an organisation's letters, not a name
            first = bool(run) and run[0][1] == words[0][1]
            if (len(names) >= 2 or (single and first and len(names) == 1)) and not self._kept(names, keep):
                yield Redaction(PersonalData.NAME, run[0][1], run[-1][2])
            run.clear()

        for word, lo, _ in words:
            bare = word if self._is_name_word(word) else word.rstrip(_TRAILING)
            if self._is_name_word(bare):
                run.append((bare, lo, lo + len(bare)))
                if bare != word:  # a comma or full stop after the word ends the run
                    yield from flush()
            elif run and word.casefold() in self.names.particles:
                run.append((word, lo, lo + len(word)))
            else:
                yield from flush()
        yield from flush()

    def _is_name_word(self, word: str) -> bool:
        """A capitalised word of the name shape that is not a title or letter word.

        The capital is checked here, in any script ("Łukasz", "Öztürk"), as a
        Python pattern cannot name every capital letter.
        """
        return (
            word[:1].isupper()
            and bool(self.names.name_word.fullmatch(word))
            and word.rstrip(".").casefold() not in self.names.not_names
        )

    def _kept(self, words: Sequence[str], keep: frozenset[str]) -> bool:
        """True for a known body or a name with an organisation word in it."""
        if normalise_name(" ".join(words)) in keep:
            return True
        endings = self.names.organisation_endings
        return any(w.casefold().rstrip(".").endswith(endings) for w in words)

    # --- masking --------------------------------------------------------------

    def scrub(self, text: str) -> str:
        """A text without its own offsets (a body name, a cleaned claim) masked by the patterns."""
        return Spans(self.patterns(text)).mask(text, range(len(text))) if text else text

    def block_text(self, block: Block, spans: Spans, lo: int = 0, hi: int | None = None) -> str:
        """The cleaned text of a block (or of ``text[lo:hi]``) with personal data masked."""
        hi = len(block.text) if hi is None else hi
        return self.scrub(spans.mask(block.text[lo:hi], block.offsets[lo:hi]))

    def evidence(self, evidence: Evidence, spans: Spans, source: str) -> Evidence:
        """Evidence whose matched text touches personal data, with that part masked."""
        if not spans.overlaps(evidence.start, evidence.end):
            return evidence
        masked = spans.mask(source[evidence.start : evidence.end], range(evidence.start, evidence.end))
        return replace(evidence, matched=" ".join(masked.split()))

    def position(self, position: Position, block: Block, spans: Spans, source: str) -> Position:
        """The position with personal data masked in its text, tokens, theme evidence and stance cues."""
        lo, hi = bisect_left(block.offsets, position.start), bisect_left(block.offsets, position.end)
        stance = position.stance
        return replace(
            position,
            text=self.block_text(block, spans, lo, hi).strip(),  # without a space read between glued words
            tokens=tuple(_masked_token(t, spans) for t in position.tokens),
            themes=tuple(self.evidence(e, spans, source) for e in position.themes),
            stance=replace(stance, cues=tuple(self.evidence(e, spans, source) for e in stance.cues)),
        )


def rename_citizens(positions: Sequence[Position], rules: RedactionRules) -> dict[tuple[str, str], str]:
    """Names for the private persons among the bodies: "Borger 1", "Borger 2", ...

    Numbers follow the order the positions come in (documents sorted by path),
    so they are stable within a run. One person who sent two responses under
    the same name keeps one number; a nameless person is one per document.

    Returns:
        The new name for each (doc id, body) of a private person.
    """
    numbers: dict[str, int] = {}
    names: dict[tuple[str, str], str] = {}
    for p in positions:
        if p.body_type != rules.citizen_type:
            continue
        number = numbers.setdefault(_person(p), len(numbers) + 1)
        names[(p.doc_id, p.body)] = f"{rules.citizen_label} {number}"
    return names


def citizen_id(label: str) -> str:
    """The body id of a private person as numbered ("Borger 2" -> ``borger-2``): their number, never their name."""
    return "-".join(label.casefold().split())


def _person(position: Position, corpus: str = "") -> str:
    """Who a private person's position is by: their name, or for a nameless person the document."""
    return position.body if position.body != UNKNOWN_BODY else f"\0{corpus}\0{position.doc_id}"


#: Identities are keyed with a secret of this process: they compare within a run and mean nothing outside it.
_IDENTITY_KEY = secrets.token_bytes(32)


def citizen_identities(
    positions: Sequence[Position], names: dict[tuple[str, str], str], corpus: str
) -> tuple[tuple[str, str], ...]:
    """Each "Borger N" of `rename_citizens` with an opaque identity of the person, for numbering across corpora.

    The identity follows `rename_citizens`'s rule (the same name is the same
    person; a nameless person is one per document of this corpus) without
    holding the name: a keyed hash, never written anywhere.
    """
    found: dict[str, str] = {}
    for p in positions:
        label = names.get((p.doc_id, p.body))
        if label is not None and label not in found:
            person = _person(p, corpus).encode("utf-8", "surrogatepass")
            found[label] = hmac.new(_IDENTITY_KEY, person, hashlib.sha256).hexdigest()
    return tuple(found.items())


def number_across(
    sides: Sequence[tuple[Sequence[Position], dict[str, str]]], rules: RedactionRules
) -> list[list[Position]]:
    """Private persons numbered once over several corpora: "Borger 1" of one is not "Borger 1" of another.

    Args:
        sides: each corpus's positions with its `citizen_identities` (label -> identity).

    Returns:
        The positions of each side, private persons renamed in order of first appearance.
    """
    numbers: dict[str, int] = {}
    out = []
    for positions, identities in sides:
        renamed = []
        for p in positions:
            identity = identities.get(p.body) if p.body_type == rules.citizen_type else None
            if identity is None:
                renamed.append(p)
                continue
            number = numbers.setdefault(identity, len(numbers) + 1)
            label = f"{rules.citizen_label} {number}"
            renamed.append(p if label == p.body else replace(p, body=label, body_id=citizen_id(label)))
        out.append(renamed)
    return out


def _masked_token(token: Token, spans: Spans) -> Token:
    """A token inside personal data as its placeholder: kept tokens (and the cache) hold no personal word."""
    kind = spans.kind_in(token.start, token.end)
    if kind is None:
        return token
    word = kind.placeholder
    return Token(word, word.lower(), word.lower(), token.start, token.end)


def _line_end(text: str, pos: int, end: int) -> int:
    found = text.find("\n", pos, end)
    return end if found == -1 else found


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
