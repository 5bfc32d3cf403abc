"""Invariants of ingest and segmentation over arbitrary text: nothing overlaps, nothing is lost.

Every non-white-space character of a response's text ends up inside a position
or a heading, except the marks segmentation documents as dropped: bullet
markers, quotes and emphasis marks trimmed at the edges of a block or claim,
and the comma before a contrast word where a sentence is split in two.

The analyser here has the default segmentation rules but a handful of themes
and stance cues: themes and stance move positions only through the contrast
split, which these cues still trigger, and the full rules would make each
example cost half a second.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from hoering.bodies import sections
from hoering.corpus import parse_header
from hoering.errors import InputFileError
from hoering.models import Document, Metadata, Stance
from hoering.pipeline import Analyser
from hoering.readers import read
from hoering.segment import _BULLET, _EDGE, blocks

EDGE_MARKS = set(_EDGE) - set(" \t")
WORDS = [
    "Rådet",
    "støtter",
    "planen",
    "unge",
    "bl.a.",
    "f.eks.",
    "ikke",
    "Vi",
    "er",
    "enige",
    "mio.",
    "20.",
    "sygedagpenge",
]
CONTRAST = ", men vi er bekymrede for at det ikke virker i praksis"
word = st.sampled_from(WORDS) | st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=8)
sentence = st.builds(
    lambda opener, words, contrast, end: opener + " ".join(words) + (CONTRAST if contrast else "") + end,
    st.sampled_from(["", '"', "“", "*", "_", "("]),
    st.lists(word, min_size=1, max_size=12),
    st.booleans(),
    st.sampled_from([".", "!", "?", "…", '."', ".”", "*", "", ":", "-"]),
)
line = st.builds(
    lambda marker, sentences: marker + " ".join(sentences),
    st.sampled_from(["", "", "- ", "• ", "1. ", "a) ", "  ", "* "]),
    st.lists(sentence, min_size=1, max_size=4),
)
block = st.lists(line, min_size=1, max_size=4).map("\n".join)
structured = st.builds(
    lambda blocks, separators: "".join(b + s for b, s in zip(blocks, separators)),
    st.lists(block, min_size=1, max_size=6),
    st.lists(st.sampled_from(["\n\n", "\n", "\n \n", "\r\n\r\n", "-\n"]), min_size=6, max_size=6),
)
any_text = st.text(max_size=300)


CUES = {Stance.SUPPORT: ("enige", "støtter"), Stance.CONCERN: ("bekymr*", "desværre"), Stance.DEMAND: ("skal", "bør")}


@pytest.fixture(scope="module")
def analyser(rules, blank_pipeline) -> Analyser:
    stance = replace(
        rules.stance,
        cues={
            s: tuple(t for t in terms if t.pattern.source in CUES.get(s, ())) for s, terms in rules.stance.cues.items()
        },
    )
    codebook = replace(rules.codebook, themes=rules.codebook.themes[:2])
    return Analyser(replace(rules, stance=stance, codebook=codebook), blank_pipeline)


def ingest(text: str) -> Document:
    """What corpus.read_document does with a .txt file's bytes, without the file."""
    extracted = read(text.encode("utf-8"), ".txt")
    meta, body_start = parse_header(extracted.text)
    return Document("svar.txt", None, extracted.text, Metadata(**meta.__dict__), body_start)  # type: ignore[arg-type]


def nonspace(text: str) -> list[str]:
    return [c for c in text if not c.isspace()]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=structured | any_text)
@example(text="Vi støtter planen, men vi er bekymrede for at det ikke virker i praksis- er.\n")  # a join at a gap
def test_positions_cover_the_text_without_overlap_or_loss(text, analyser):
    try:
        document = ingest(text)
    except InputFileError:
        assume(False)  # binary-looking text or a broken header: skipped with a reason, not segmented
    source = document.text
    positions = analyser.document(document)

    # Positions are in text order and never overlap.
    for before, after in pairwise(positions):
        assert before.end <= after.start, (before, after)

    # Offsets point at the position's text: the cleaned text is the source span with
    # white space collapsed and hyphens at line breaks joined, or at a gap the text layer
    # of a PDF left inside a word ("imøde - komme", rules/segmentation.toml [split_words]).
    for position in positions:
        assert document.body_start <= position.start < position.end <= len(source)
        span = source[position.start : position.end]
        assert span[:1] == position.text[:1] and span[-1:] == position.text[-1:], (span, position.text)
        dropped = _dropped(span, position.text)
        assert all(span[i] == "-" and (_ends_line(span, i) or span[i + 1 : i + 2].isspace()) for i in dropped), (
            span,
            position.text,
        )

    # Nothing is lost: every non-white-space character is in a position or a heading,
    # or is a documented drop.
    covered = [False] * len(source)
    for position in positions:
        covered[position.start : position.end] = [True] * (position.end - position.start)
    for section in sections(document, analyser.resolver):
        for block in blocks(source, section.start, section.end, analyser.rules.segmentation):
            if block.kind == "heading":
                covered[block.start : block.end] = [True] * (block.end - block.start)
    markers = _bullet_marker_chars(source, document.body_start)
    starts = {p.start for p in positions}
    for i in range(document.body_start, len(source)):
        char = source[i]
        if covered[i] or char.isspace() or i in markers or char in EDGE_MARKS:
            continue
        assert char == "," and _next_nonspace(source, i) in starts, (i, char, source)


def _dropped(span: str, cleaned: str) -> list[int]:
    """Indices of the span's non-white-space characters the cleaned text lacks (it must be a subsequence)."""
    want = nonspace(cleaned)
    dropped, k = [], 0
    for i, char in enumerate(span):
        if char.isspace():
            continue
        if k < len(want) and char == want[k]:
            k += 1
        else:
            dropped.append(i)
    assert k == len(want), (span, cleaned)
    return dropped


def _ends_line(text: str, i: int) -> bool:
    rest = text[i + 1 :]
    return "\n" in rest[: len(rest) - len(rest.lstrip())]


def _bullet_marker_chars(text: str, start: int) -> set[int]:
    found: set[int] = set()
    pos = start
    for line in text[start:].split("\n"):
        match = _BULLET.match(line)
        if match:
            found.update(range(pos, pos + match.end()))
        pos += len(line) + 1
    return found


def _next_nonspace(text: str, i: int) -> int:
    j = i + 1
    while j < len(text) and text[j].isspace():
        j += 1
    return j
