"""Words the text layer of a PDF cut with spaces joined again (``m ister``), and two it glued read apart.

A PDF places letters by position, and text extraction guesses the spaces; a
wide gap inside a word becomes one (``Glo baliseringen``, ``nuv æ rende``),
and a hyphen the typesetter put at a line's end stays as `` - `` or ``- ``
(``imøde - komme``, ``beskæftigelsesind- sats``). Two or three pieces are
joined when the joined form is a known Danish word (the lemma table, or a
compound of known words, when the first piece is no word even as a compound
nor an inflected form: ``oftere større`` stays) and at least one piece is not in the table: a fragment, or one letter that is
no Danish one-letter word ("i", "å", "ø").
When the first piece is itself a word, the joined form must be in the table
(``til b emærkninger`` joins ``bemærkninger``, not ``tilbemærkninger``).
Pieces after the first start in lower case, and the first is no acronym
(``KL ud`` is no ``klud``). A hyphen form joins without a
fragment, but only into a word of the table (``imøde - komme``).

The converse: a lost space at a line's end glues two words (``atjobcentrene``,
``lederneskal``, ``dagpengeperiodenslængde``). A word the table does not know
is read as two when one cut alone gives two words and cannot be a compound's:
the first part opens no compound (``at``), the last closes none (``skal``
after a form that is no bare stem), or the first is a definite genitive, which
no compound's first part is (``periodens``). Compounds (``sagstallet``), names
and inflected forms of known words (``atlasen``) stay whole
(`rules/segmentation.toml` ``[glued_words]``). A sentence's end glued to the
next after a bracket (``kravet).Lederne``) gets its space back too.

Both repairs are made in the cleaned text of a block, which stage after stage
is matched against; its offsets still point at the source, so a position stays
an exact quote of the file, spaces and all.
"""

from __future__ import annotations

import re
from typing import Protocol

from .rules import SegmentationRules
from .ruletypes import GluedWords


class Reading(Protocol):
    """A compound reading: its first part (with its linking letter) and its last, inflected and as a lemma."""

    modifier: str
    head: str
    head_lemma: str


class Lexicon(Protocol):
    """What the join asks of the words it knows (`hoering.morphology.Splitter` answers it)."""

    def known(self, word: str) -> bool:
        """Whether a lower-case form is in the lemma table."""
        ...

    def split(self, word: str) -> Reading | None:
        """A compound reading of a form the table does not know, or None."""
        ...

    def lemma(self, word: str) -> str | None:
        """The lemma the table gives a lower-case form, or None."""
        ...

    def is_lemma(self, word: str) -> bool:
        """Whether a form is itself the lemma of some form of the table."""
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
    if not fragments[0] or lexicon.split(lower[0]) is not None or _inflection(lower[0], lexicon, rules.glued):
        return None  # a compound the table lacks ("beskæftigelsessystem") or a form ("oftere") is a word
    # A compound of known words, but not one glued at the gap: "mister" + "deres" is two words.
    reading = lexicon.split(joined)
    return gaps if reading is not None and reading.head != lower[-1] else None


_RUN = re.compile(r"[^\W\d_]+")
_GLUED_END = re.compile(r"(?<=[^\W\d_][)\]”\"’])[.!?](?=[A-ZÆØÅ][a-zæøå])")
#: Longer runs of letters are no two glued words (nor is a hostile megabyte of letters cut by cut).
_MAX_GLUED = 60
_INSIDE_WORD = "-'’"  # a letter run beside these is part of a longer word: "SHO-ydelsen", "ikke-ledige"


def split_glued_words(
    chars: list[str],
    offsets: list[int],
    lexicon: Lexicon,
    rules: SegmentationRules,
) -> tuple[list[str], list[int]]:
    """The cleaned characters with a space read between two words the text layer glued: ``atjobcentrene``.

    The space takes the offset of the first word's last letter, so that each
    word's span still points at its own letters in the source.
    """
    glue = rules.glued
    if not (glue.opens_no_compound or glue.closes_no_compound or glue.definite_endings):
        return chars, offsets
    text = "".join(chars)
    cuts: list[int] = []
    for run in _RUN.finditer(text):
        start, end = run.span()
        if not glue.min_word <= end - start <= _MAX_GLUED or _inside_word(text, start, end):
            continue
        if offsets[end - 1] - offsets[start] != end - start - 1:
            continue  # pieces the repair above joined, or a line break: not one glued word of the source
        cut = glued_cut(run.group(), lexicon, glue)
        if cut is not None:
            cuts.append(start + cut)
    # A sentence's end glued to the next after a bracket or quote: "(... beskæftigelseskravet).Lederne er ...";
    # after a letter the tokenizer cuts it itself.
    cuts.extend(m.end() for m in _GLUED_END.finditer(text) if offsets[m.end()] == offsets[m.end() - 1] + 1)
    if not cuts:
        return chars, offsets
    cuts.sort()
    new_chars, new_offsets = list(chars), list(offsets)
    for at in reversed(cuts):
        new_chars.insert(at, " ")
        new_offsets.insert(at, offsets[at - 1])
    return new_chars, new_offsets


def _inside_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before in _INSIDE_WORD or after in _INSIDE_WORD or before.isdigit() or after.isdigit()


def glued_cut(word: str, lexicon: Lexicon, glue: GluedWords) -> int | None:
    """Where a word the lemma table lacks falls into two glued words, or None (see segmentation.toml)."""
    if len(word) > 1 and not word[1:].islower():
        return None  # in capitals, or a capital inside: an acronym, a name, a letterhead run
    lower = word.lower()
    if lexicon.known(lower) or _inflection(lower, lexicon, glue):
        return None
    capital = word[:1].isupper()
    reading = lexicon.split(lower)
    found: list[int] = []
    for k in range(2, len(lower) - glue.min_part + 1):
        first, second = lower[:k], lower[k:]
        if reading is not None and reading.modifier != first:
            continue  # a compound with another first part: "erhvervsskole|elever", "ejendoms|skatten"
        if second in glue.closes_no_compound:
            fits = k >= glue.min_part and _inflected(first, lexicon)  # "citron|skal" is a compound
        elif capital:
            continue  # a name: only a last part that closes no compound cuts it
        elif first in glue.opens_no_compound:
            fits = True
        else:
            fits = k > glue.min_part and _definite_genitive(first, lexicon, glue)
        if fits and _word(first, lexicon) and _word(second, lexicon):
            found.append(k)
    return found[0] if len(found) == 1 else None


def _inflection(word: str, lexicon: Lexicon, glue: GluedWords) -> bool:
    """An inflected form of a word the table knows: "atlasen" (a compound is known by its own reading)."""
    return any(
        word.endswith(ending) and len(word) - len(ending) >= glue.min_part and lexicon.known(word[: -len(ending)])
        for ending in glue.inflection_endings
    )


def _word(part: str, lexicon: Lexicon) -> bool:
    return lexicon.known(part) or lexicon.split(part) is not None


def _lemma(part: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The form and lemma of a part, or of its last part when the table has it only as a compound."""
    lemma = lexicon.lemma(part)
    if lemma is not None:
        return part, lemma
    reading = lexicon.split(part)
    return (reading.head, reading.head_lemma) if reading is not None else None


def _inflected(part: str, lexicon: Lexicon) -> bool:
    """A form that is not its own lemma, so no bare stem a compound could start with: "lederne", "færre"."""
    found = _lemma(part, lexicon)
    return found is not None and found[0] != found[1] and not lexicon.is_lemma(found[0])


def _definite_genitive(part: str, lexicon: Lexicon, glue: GluedWords) -> bool:
    """A definite form in the genitive: "periodens", "dagpengeperiodens", "ledernes"."""
    found = _lemma(part, lexicon)
    if found is None or not found[0].endswith("s"):
        return False
    form, lemma = found
    base = form[:-1]
    if form == lemma or lexicon.is_lemma(form) or lexicon.is_lemma(base):
        return False  # "videns": the genitive of the noun "viden", not of "vide" + n
    endings = glue.definite_endings_after_e if lemma.endswith("e") else glue.definite_endings
    return any(base == lemma + ending for ending in endings)
