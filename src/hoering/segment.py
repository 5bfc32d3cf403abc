"""Cut a section into blocks (headings, paragraphs, bullet items) and sentences.

Blocks are found by layout, with offsets kept back to the source. Their text is
cleaned: hyphenated line breaks joined (``formåls-\\nløst`` -> ``formålsløst``),
bullet markers and stray whitespace removed. Sentences are cut inside a block
by `sentence_starts`, which spaCy runs as the ``hoering_sentences`` component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .errors import InputFileError
from .models import Block, Token
from .rules import SegmentationRules
from .wordsplit import Lexicon, join_split_words, split_glued_words

if TYPE_CHECKING:
    from spacy.tokens import Span

# Any white space but a line break, the no-break space of word processors included.
_BULLET = re.compile(r"^[^\S\n]*(?:[-•*▪◦–—·●■]|\(?\d{1,2}[.)]|\(?[a-zA-Z][)])[^\S\n]+(?=\S)")
_NUMBERED = re.compile(r"^[^\S\n]*\(?\d{1,2}[.)][^\S\n]+")
_TERMINAL = ".!?…"
#: A line of contact data is short; longer lines are not tried (nor a hostile one-line megabyte).
_LETTERHEAD_CHARS = 80
_ORDINAL = re.compile(r"^\d{1,3}\.$")  # "13.", as the tokenizer keeps a date's day whole
_QUOTES = "\"“”„«»'’"
_EDGE = _QUOTES + "*_ \t"  # emphasis marks and quotes around a whole block or claim
_OPENERS = set(_QUOTES + "([")
_CLOSERS = frozenset(_QUOTES + ")]")


def blocks(
    text: str, start: int, end: int, rules: SegmentationRules, limit: int | None = None, lexicon: Lexicon | None = None
) -> list[Block]:
    """Split ``text[start:end]`` into blocks with cleaned text and source offsets.

    With a `lexicon`, words a PDF's text layer cut with spaces are joined, and two it glued are
    read apart (`hoering.wordsplit`).

    Raises:
        TooManyBlocks: more than `limit` blocks (counted before they are cleaned, so
            a file of 200 000 one-word bullets is refused at once).
    """
    raw = []
    marks = _letterhead(text, start, end, rules), _heading_lines(text, start, end, rules)
    for item in _raw_blocks(text, start, end, *marks):
        raw.append(item)
        if limit is not None and len(raw) > limit:
            raise TooManyBlocks(limit)
    raw = _split_heading_lines(text, _split_titles(text, _join_broken_paragraphs(text, raw), rules), rules)
    result: list[Block] = []
    for kind, lines in raw:
        block = _clean(text, lines, rules, lexicon)
        if block is None:
            continue
        may_be_heading = kind == "paragraph" or (kind == "bullet" and _NUMBERED.match(text[lines[0][0] : lines[0][1]]))
        if may_be_heading and (_is_heading(block.text, len(lines), rules) or _is_title(block.text, rules)):
            kind = "heading"
        result.append(Block(kind, block.text, block.offsets))
    return result


class TooManyBlocks(InputFileError):
    """A text with more blocks than a response has: refused, not cut."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"more than {limit:,} paragraphs and bullet items: not a consultation response".replace(",", " ")
        )
        self.limit = limit


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        stop = end if newline == -1 else newline
        yield pos, stop
        pos = stop + 1


def _letterhead(text: str, start: int, end: int, rules: SegmentationRules) -> frozenset[int]:
    """The starts of the lines of contact data ("J.nr. 24-63795", "Tel +45 3341 1200", "7998
    Statsservice"), with the short name lines beside them ("Ankestyrelsen"): a letterhead or a
    PDF page's footer that text extraction put inside a paragraph."""
    if not rules.letterhead_lines and not rules.date_lines:
        return frozenset()
    lines = list(_lines(text, start, end))
    words = [text[a:b].split() for a, b in lines]
    contact = [
        len(" ".join(w)) <= _LETTERHEAD_CHARS and _whole_line(text[a:b], rules.letterhead_lines)
        for (a, b), w in zip(lines, words)
    ]
    found = {i for i, is_contact in enumerate(contact) if is_contact}
    for i in sorted(found):
        for j in (i - 1, i + 1):
            w = words[j] if 0 <= j < len(lines) else []
            short_name = w and len(w) <= rules.letterhead_name_words and w[0][:1].isupper()
            if short_name and j not in found and w[-1][-1:] not in _TERMINAL + ":;,":
                found.add(j)
    # A date line ("12. august 2024") is no position either, but draws no name lines in.
    dates = {a for a, b in lines if b - a <= _LETTERHEAD_CHARS and _whole_line(text[a:b], rules.date_lines)}
    return frozenset(lines[i][0] for i in found) | dates


def _whole_line(line: str, patterns: Iterable[re.Pattern[str]]) -> bool:
    stripped = " ".join(line.split())
    return bool(stripped) and any(p.fullmatch(stripped) for p in patterns)


def _heading_lines(text: str, start: int, end: int, rules: SegmentationRules) -> frozenset[int]:
    """The starts of the lines that head what follows ("Til nr. 24", "§ 35, stk. 4:"), also inside
    a paragraph: PDF text often has no blank line around them."""
    if not rules.heading_lines:
        return frozenset()
    found = set()
    for a, b in _lines(text, start, end):
        line = text[a:b].strip()
        capital = 0 < len(line) <= _LETTERHEAD_CHARS and (line[0].isupper() or line[0] == "§")
        if capital and _whole_line(line, rules.heading_lines):
            found.add(a)
    return frozenset(found)


def _raw_blocks(
    text: str,
    start: int,
    end: int,
    letterhead: frozenset[int] = frozenset(),
    headings: frozenset[int] = frozenset(),
) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Group lines: blank lines end a block, a bullet marker starts one; a run of letterhead lines is
    a block, and a heading line is one by itself."""
    kind, lines = "paragraph", []
    for line_start, line_end in _lines(text, start, end):
        line = text[line_start:line_end]
        if line_start in headings and line_start not in letterhead:
            if lines:
                yield kind, lines
            yield "heading", [(line_start, line_end)]
            kind, lines = "paragraph", []
            continue
        if (line_start in letterhead) != (kind == "letterhead"):
            if lines:
                yield kind, lines
            kind, lines = ("letterhead" if line_start in letterhead else "paragraph"), []
        if not line.strip():
            if lines:
                yield kind, lines
            kind, lines = "paragraph", []
            continue
        if kind != "letterhead" and _BULLET.match(line):
            if lines:
                yield kind, lines
            kind, lines = "bullet", []
        lines.append((line_start, line_end))
    if lines:
        yield kind, lines


def _join_broken_paragraphs(
    text: str, raw: list[tuple[str, list[tuple[int, int]]]]
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Rejoin a paragraph that a stray blank line cut mid-sentence.

    "Den hyppige kontakt\\n\\nmed borgerne kræver medarbejdere." is one
    sentence: a block that does not end a sentence, followed by one that
    starts in lower case, continues it.
    """
    joined: list[tuple[str, list[tuple[int, int]]]] = []
    for kind, lines in raw:
        first = text[lines[0][0] : lines[0][1]].strip()
        # A page's footer between the halves of a sentence is passed over.
        target = next((b for b in reversed(joined) if b[0] != "letterhead"), None)
        if target is not None and target[0] != "heading" and kind == "paragraph" and first[:1].islower():
            last_start, last_end = target[1][-1]
            previous = text[last_start:last_end].rstrip(_EDGE)
            if previous and previous[-1] not in _TERMINAL + ":;" and len(previous.split()) > 1:
                target[1].extend(lines)
                continue
        joined.append((kind, list(lines)))
    return joined


def _split_titles(
    text: str, raw: list[tuple[str, list[tuple[int, int]]]], rules: SegmentationRules
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Cut a subject line that runs on over lines off the paragraph PDF text put it in: "Høringssvar
    vedrørende udkast til forslag til Lov om ændring af\\nlov om ... m.v.)\\nAnkestyrelsen har ..."."""
    if not rules.title_openers:
        return raw
    result: list[tuple[str, list[tuple[int, int]]]] = []
    for kind, lines in raw:
        if kind == "paragraph" and len(lines) > 1:
            cut = next((i for i, (a, b) in enumerate(lines) if i and text[a:b].lstrip()[:1].isupper()), None)
            title = _clean(text, lines[:cut], rules) if cut is not None else None
            if title is not None and _is_title(title.text, rules):
                result.extend([("heading", lines[:cut]), (kind, lines[cut:])])
                continue
        result.append((kind, lines))
    return result


def _split_heading_lines(
    text: str, raw: list[tuple[str, list[tuple[int, int]]]], rules: SegmentationRules
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Cut a heading line out of its paragraph: "...til forslaget.\nGenerelt\nPTU finder, at ..."."""
    if not rules.inner_heading_max_words:
        return raw
    result: list[tuple[str, list[tuple[int, int]]]] = []
    for kind, lines in raw:
        if kind != "paragraph" or len(lines) < 2:
            result.append((kind, lines))
            continue
        rest = 0
        for i in range(len(lines) - 1):
            if i >= rest and _inner_heading(text, lines, i, rules):
                if lines[rest:i]:
                    result.append((kind, lines[rest:i]))
                result.append(("heading", [lines[i]]))
                rest = i + 1
        result.append((kind, lines[rest:]))
    return result


def _inner_heading(text: str, lines: Sequence[tuple[int, int]], i: int, rules: SegmentationRules) -> bool:
    line, after = (" ".join(text[a:b].split()) for a, b in (lines[i], lines[i + 1]))
    before = " ".join(text[slice(*lines[i - 1])].split()) if i else ""
    words = line.split()
    if not words or len(words) > rules.inner_heading_max_words or not (line[0].isupper() and after[:1].isupper()):
        return False
    if line[-1] in _TERMINAL + ":;,-–" or words[-1].lower() in rules.inner_heading_not_after:
        return False  # a sentence goes on over the line: "... med\nKL og ..."
    if before and before.rstrip(_EDGE)[-1:] not in _TERMINAL + ":":
        return False
    if any(f", {word} " in line.lower() for word in rules.heading_clause_words):
        return False
    return len(line) <= rules.inner_heading_ratio * max(len(before), len(after))


class _Cleaned:
    def __init__(self, text: str, offsets: tuple[int, ...]) -> None:
        self.text, self.offsets = text, offsets


def _clean(
    text: str, lines: Sequence[tuple[int, int]], rules: SegmentationRules, lexicon: Lexicon | None = None
) -> _Cleaned | None:
    chars: list[str] = []
    offsets: list[int] = []
    for number, (line_start, line_end) in enumerate(lines):
        line = text[line_start:line_end]
        lead = 0
        if number == 0:
            marker = _BULLET.match(line)
            lead = marker.end() if marker else 0
        body = line[lead:]
        stripped = body.strip()
        if not stripped:
            continue
        begin = line_start + lead + (len(body) - len(body.lstrip()))
        if chars:
            if _joins_hyphen(chars, stripped, rules):
                chars.pop()
                offsets.pop()
            else:
                chars.append(" ")
                offsets.append(line_start - 1)  # the newline before this line
        for i, char in enumerate(stripped):
            if char.isspace():
                if chars and chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            offsets.append(begin + i)
    if lexicon is not None:
        chars, offsets = join_split_words(chars, offsets, lexicon, rules)
        chars, offsets = split_glued_words(chars, offsets, lexicon, rules)
    # Trim emphasis marks and unbalanced quotes at the block's edges.
    lo, hi = _trim(chars, 0, len(chars))
    if lo >= hi:
        return None
    return _Cleaned("".join(chars[lo:hi]), tuple(offsets[lo:hi]))


def _joins_hyphen(chars: list[str], next_line: str, rules: SegmentationRules) -> bool:
    """True for a word broken over lines: ``formåls-`` + ``løst``."""
    if len(chars) < 2 or chars[-1] != "-" or not chars[-2].isalpha():
        return False
    next_word = next_line.split()[0].strip(",.;:").lower()
    return next_line[:1].islower() and next_word not in rules.keep_hyphen_before


def _trim(chars: Sequence[str], lo: int, hi: int) -> tuple[int, int]:
    """Shrink [lo, hi) past white space, emphasis marks and unbalanced quotes."""
    quotes = sum(1 for c in chars[lo:hi] if c in _QUOTES)
    while lo < hi and chars[lo] in _EDGE:
        if chars[lo] in _QUOTES:
            if quotes % 2 == 0:
                break
            quotes -= 1
        lo += 1
    while hi > lo and chars[hi - 1] in _EDGE:
        if chars[hi - 1] in _QUOTES:
            if quotes % 2 == 0:
                break
            quotes -= 1
        hi -= 1
    return lo, hi


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a claim's span past white space, emphasis marks and unbalanced quotes."""
    return _trim(text, start, end)


def _is_heading(cleaned: str, n_lines: int, rules: SegmentationRules) -> bool:
    """A one-line block that does not read as a sentence is a heading."""
    if n_lines != 1:
        return False
    words = cleaned.split()
    if len(words) > rules.heading_max_words:
        return False
    lower, last = cleaned.lower(), words[-1] if words else ""
    cut_off = len(words) > 3 and len(last) == 1 and last.islower() and last not in rules.one_letter_words
    if cut_off or any(f", {word} " in lower for word in rules.heading_clause_words):
        return False  # "Det er derfor klart, at Én plan ikke kan ...", "... behov for at gentænke l": cut short
    letters = [c for c in cleaned if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return True  # "HVAD ER UDFORDRINGEN?"
    return cleaned.rstrip(_QUOTES + "*_ ")[-1:] not in _TERMINAL


_SENTENCE_END = re.compile(r"\w\w[.!?] +[A-ZÆØÅ]")


def _is_title(cleaned: str, rules: SegmentationRules) -> bool:
    """A subject line: "Høring vedr. udkast til forslag til lov om ... m.v.", longer than a heading or
    ending in an abbreviation, but with no sentence end inside."""
    words = cleaned.split()
    if not words or len(words) > rules.title_max_words or not any(p.match(cleaned) for p in rules.title_openers):
        return False
    if _SENTENCE_END.search(cleaned):
        return False
    last = words[-1].lower()
    return last in rules.title_endings or cleaned.rstrip(_QUOTES + "*_ ")[-1:] not in _TERMINAL


def sentence_starts(
    words: Sequence[str],
    no_break_after: Iterable[str],
    may_end_sentence: Iterable[str],
    opens_after_ordinal: Iterable[str] = (),
) -> list[int]:
    """Indices of the tokens that start a sentence (always including 0).

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (and a closing quote or
    bracket after it) when the next word opens a sentence: a capital letter, a
    digit or an opening quote. A word with its own full stop is an
    abbreviation or ordinal ("bl.a.", "20."): it ends a sentence only if it is
    listed in `may_end_sentence` ("mio.") and a capital follows; words listed in
    `no_break_after` never do. An ordinal ends one before a capitalised word
    of `opens_after_ordinal` ("side 13. Derfor ...", "stk. 8. Efter ...").
    """
    never = frozenset(no_break_after)
    maybe = frozenset(may_end_sentence)
    openers = frozenset(opens_after_ordinal)
    starts = [0] if words else []
    # The last word before i that is not only closing quotes and brackets (or word 0):
    # kept as the loop goes, so a long run of quotes is looked through once, not per word.
    anchor = 0
    for i in range(1, len(words)):
        before = words[i - 1]
        if i - 1 == 0 or not before or not all(c in _CLOSERS for c in before):
            anchor = i - 1
        nxt = words[i]
        if not _opens_sentence(nxt):
            continue
        prev = words[anchor]
        full_stop = bool(prev) and all(c in _TERMINAL for c in prev)
        closing_abbreviation = prev.endswith(".") and prev.lower() in maybe - never and nxt[:1].isupper()
        closing_ordinal = _ORDINAL.match(prev) is not None and nxt[:1].isupper() and nxt.lower() in openers
        if full_stop or closing_abbreviation or closing_ordinal:
            starts.append(i)
    return starts


def _opens_sentence(word: str) -> bool:
    first = word[:1]
    return first.isupper() or first.isdigit() or first in _OPENERS or first in "•-"


def claims(
    tokens: list[Token], split_point: Callable[[list[Token]], int | None], rules: SegmentationRules | None = None
) -> Iterator[list[Token]]:
    """The sentence, or its two halves where the stance model says a contrast turns the stance.

    Args:
        split_point: the stance model's answer: the index of the token that
            opens the second half, or None to keep the sentence whole.
        rules: with them, a correction ("ikke kun A, men B") stays one claim whatever the model says.
    """
    if not tokens:
        return
    cut = split_point(tokens)
    if cut is not None and rules is not None and _not_but(tokens, cut, rules):
        cut = None
    if cut is None:
        yield tokens
    else:
        yield tokens[: cut - 1]  # without the comma before the contrast word
        yield tokens[cut:]


def _not_but(tokens: Sequence[Token], cut: int, rules: SegmentationRules) -> bool:
    """A correction, one claim: "ikke udelukkende om økonomi, men ...", "at X ikke ses som ..., men at ..."."""
    if tokens[cut].lower not in rules.not_but_contrasts:
        return False
    left = [t.lower for t in tokens[: cut - 1]] + [""]
    negated = [i for i, word in enumerate(left) if word in rules.not_but_negations]
    after = tokens[cut + 1].lower if cut + 1 < len(tokens) else ""
    return bool(negated) and (
        after in rules.not_but_openers or any(left[i + 1] in rules.not_but_limiters for i in negated)
    )


def sentence_tokens(span: Span, block: Block) -> list[Token]:
    """Tokens of a sentence with source offsets, past edge quotes and emphasis."""
    lo, hi = trim_span(block.text, span.start_char, span.end_char)
    result = []
    for token in span:
        if token.is_space:
            continue
        # A token the trim cuts into ('"-' after a sentence end) keeps its untrimmed part.
        first, last = max(token.idx, lo), min(token.idx + len(token.text), hi)
        if first >= last:
            continue
        start, end = block.source_span(first, last)
        if (first, last) == (token.idx, token.idx + len(token.text)):
            result.append(Token(token.text, token.lower_, (token.lemma_ or token.text).lower(), start, end))
        else:
            text = block.text[first:last]
            result.append(Token(text, text.lower(), text.lower(), start, end))
    return result
