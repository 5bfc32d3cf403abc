"""Words the text layer of a PDF cut with spaces, joined again: ``m ister``, ``arbejd skraft``.

A PDF places letters by position, and text extraction guesses the spaces; a
wide gap inside a word becomes one (``Glo baliseringen``, ``nuv æ rende``),
and a hyphen the typesetter put at a line's end stays as `` - `` or ``- ``
(``imøde - komme``, ``beskæftigelsesind- sats``). Two or three pieces are
joined when the joined form is a known Danish word (the lemma table, or a
compound of known words, when the first piece is no word even as a compound)
and at least one piece is not in the table: a fragment, or one letter that is
no Danish one-letter word ("i", "å", "ø").
When the first piece is itself a word, the joined form must be in the table
(``til b emærkninger`` joins ``bemærkninger``, not ``tilbemærkninger``).
Pieces after the first start in lower case, and the first is no acronym
(``KL ud`` is no ``klud``). A hyphen form joins without a
fragment, but only into a word of the table (``imøde - komme``).

The join is made in the cleaned text of a block, which stage after stage is
matched against; its offsets still point at the source, so a position stays an
exact quote of the file, spaces and all.
"""

from __future__ import annotations

import re
from typing import Protocol

from .rules import SegmentationRules


class Reading(Protocol):
    """A compound reading: its last part."""

    head: str


class Lexicon(Protocol):
    """What the join asks of the words it knows (`hoering.morphology.Splitter` answers it)."""

    def known(self, word: str) -> bool:
        """Whether a lower-case form is in the lemma table."""
        ...

    def split(self, word: str) -> Reading | None:
        """A compound reading of a form the table does not know, or None."""
        ...


_PIECE = re.compile(r"\S+")
_FIRST = re.compile(r"^\W*?([^\W\d_]+)(-?)$")  # "(arbejd", "beskæftigelsesind-"
_MIDDLE = re.compile(r"^([^\W\d_]+)(-?)$")
_LAST = re.compile(r"^([^\W\d_]+)(?:[^\w-].*)?$")  # "skraft,", "ikationer/kompetencer"
_MAX_PIECES = 3
_EDGES = ".,;:!?()[]\"'“”„«»’/…"


def join_split_words(
    chars: list[str],
    offsets: list[int],
    lexicon: Lexicon,
    rules: SegmentationRules,
) -> tuple[list[str], list[int]]:
    """The cleaned characters and their offsets with the gaps of split words taken out."""
    text = "".join(chars)
    pieces = [(m.start(), m.end()) for m in _PIECE.finditer(text)]
    # Only where a piece is no word, or a hyphen stands at a gap, is a join tried: most pieces are words.
    odd = [_odd(text[a:b], lexicon, rules) for a, b in pieces]
    drop: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        if not any(odd[i : i + _MAX_PIECES]):
            i += 1
            continue
        for k in range(2, _MAX_PIECES + 1):  # the shortest join first: "m ister", not "m ister deres"
            gaps = _join(text, pieces[i : i + k], lexicon, rules)
            if gaps is not None:
                drop.extend(gaps)
                i += k
                break
        else:
            i += 1
    if not drop:
        return chars, offsets
    keep = [True] * len(chars)
    for lo, hi in drop:
        for j in range(lo, hi):
            keep[j] = False
    return [c for c, k in zip(chars, keep) if k], [o for o, k in zip(offsets, keep) if k]


def _odd(piece: str, lexicon: Lexicon, rules: SegmentationRules) -> bool:
    """A hyphen at a gap, a letter that is no word, or letters that are no word of the table."""
    if piece == "-" or piece.endswith("-"):
        return True
    core = piece.strip(_EDGES).lower()
    if not core.isalpha():
        return False
    return (len(core) == 1 and core not in rules.one_letter_words) or not lexicon.known(core)


def _join(
    text: str,
    span: list[tuple[int, int]],
    lexicon: Lexicon,
    rules: SegmentationRules,
) -> list[tuple[int, int]] | None:
    """The gaps to take out to join the pieces of `span` into one word, or None."""
    if len(span) < 2:
        return None
    parts: list[str] = []
    gaps: list[tuple[int, int]] = []
    hyphen = False
    n = 0
    while n < len(span):
        start, end = span[n]
        piece = text[start:end]
        if n and piece == "-":  # "imøde - komme": the hyphen is a piece of its own
            if n + 1 >= len(span) or hyphen:
                return None
            hyphen = True
            gaps[-1] = (gaps[-1][0], span[n + 1][0])
            n += 1
            continue
        pattern = _FIRST if n == 0 else _LAST if n == len(span) - 1 else _MIDDLE
        found = pattern.match(piece)
        if found is None or (n and not piece[:1].islower()) or (n == len(span) - 1 and piece.endswith("-")):
            return None
        letters = found.group(1)
        if n == 0 and not letters[1:].islower() and len(letters) > 1:
            return None  # an acronym ("KL ud" is no "klud") or a name in capitals
        if n == 0:
            start = end - len(letters) - len(found.group(2))
        parts.append(letters)
        if n < len(span) - 1:
            trailing = found.group(2) if pattern is not _LAST else ""
            if trailing:
                hyphen = True
            gaps.append((start + len(letters), span[n + 1][0]))
        n += 1
    if len(parts) < 2 or (hyphen and parts[-1].lower() in rules.keep_hyphen_before):
        return None

    joined = "".join(parts).lower()
    lower = [p.lower() for p in parts]
    fragments = [not lexicon.known(p) or (len(p) == 1 and p not in rules.one_letter_words) for p in lower]
    if not any(fragments) and not hyphen:
        return None
    if lexicon.known(joined):
        return gaps
    if not fragments[0] or lexicon.split(lower[0]) is not None:
        return None  # a compound the table lacks ("beskæftigelsessystem") is a word before "er"
    # A compound of known words, but not one glued at the gap: "mister" + "deres" is two words.
    reading = lexicon.split(joined)
    return gaps if reading is not None and reading.head != lower[-1] else None
