"""Link each position to the parts of the plan it is about, with evidence and strength.

Explicit references come first, by the ``[[reference]]`` rules of
``rules/plan.toml``:

* a named part: "(Forslag 2)", "indsatsområde 3", "§ 5" link to that part
  (strength 100);
* a numbered point: "punkt 3", "listen ... under * 3" link to the numbered
  item 3, on the page the response last named when it named one (95);
* a page: "på side 9" links to the parts that begin on that page (90);
* a quotation: a quoted stretch of at least four words that a plan sentence
  holds (rapidfuzz partial ratio >= 90) links to the part of that sentence
  (strength: the ratio).

A position without an explicit reference links to the parts it is most alike
(`hoering.similarity`: shared concepts and themes, at most two parts at or
above the ``[similarity]`` threshold; strength: the score).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from . import lazy
from .models import COL_BODY, COL_DOC, COL_POSITION, COL_STANCE, OPINION_STANCES, Position, Token
from .plan import Plan
from .plan_sections import ITEM, PAGE, PlanRules, PlanSection, load_plan_rules
from .similarity import Concepts, Matcher, Word

if TYPE_CHECKING:
    import pandas as pd

pandas = lazy.module("pandas")  # for the frames only: a report without a plan needs none

COL_SECTION_ID = "section_id"
COL_SECTION_TITLE = "section_title"
COL_HOW = "how"
COL_EVIDENCE = "evidence"
COL_STRENGTH = "strength"
LINK_COLUMNS: tuple[str, ...] = (
    COL_DOC,
    COL_POSITION,
    COL_BODY,
    COL_STANCE,
    COL_SECTION_ID,
    COL_SECTION_TITLE,
    COL_HOW,
    COL_STRENGTH,
    COL_EVIDENCE,
    "text",
)
SECTION_MATRIX_COLUMNS: tuple[str, ...] = (
    COL_BODY,
    COL_SECTION_ID,
    COL_SECTION_TITLE,
    *(s.value for s in OPINION_STANCES),
    "neutral",
    "positions",
)
_QUOTED = re.compile(r"[\"“”„«»](?P<q>[^\"“”„«»]{10,}?)[\"“”„«»]")


class LinkHow(str, Enum):
    """How a position was linked to a part of the plan."""

    REFERENCE = "reference"  # it names the part: "(Forslag 2)"
    POINT = "point"  # it names a numbered point: "under * 3"
    PAGE = "page"  # it names the page: "på side 9"
    QUOTE = "quote"  # it quotes a sentence of the part
    SIMILAR = "similar"  # no reference; its words and themes are alike


_STRENGTH = {LinkHow.REFERENCE: 100.0, LinkHow.POINT: 95.0, LinkHow.PAGE: 90.0}


@dataclass(frozen=True)
class PlanLink:
    """One position linked to one part of the plan."""

    doc_id: str
    index: int
    body: str
    stance: str
    section: str  # the part's id
    how: LinkHow
    strength: float
    evidence: str  # "Forslag 2 [1450:1459]", or the shared concepts of a similarity link
    text: str


def _source_text(tokens: Sequence[Token]) -> tuple[str, list[int]]:
    """The tokens as one string with a space where the source has a gap, and each character's source offset."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_end = None
    for token in tokens:
        if previous_end is not None and token.start > previous_end:
            chars.append(" ")
            offsets.append(previous_end)
        chars.extend(token.text)
        offsets.extend(range(token.start, token.start + len(token.text)))
        previous_end = token.end
    return "".join(chars), offsets


def _evidence(text: str, offsets: Sequence[int], start: int, end: int) -> str:
    return f"{text[start:end]} [{offsets[start]}:{offsets[end - 1] + 1}]"


class Linker:
    """Links positions to the parts of one plan."""

    def __init__(self, plan: Plan, rules: PlanRules | None = None, concepts: Concepts | None = None) -> None:
        self.plan = plan
        self.rules = rules or plan.rules or load_plan_rules()
        self.concepts = concepts or Concepts()
        parents = {p.parent for p in plan.parts}
        # Similarity links go to the most specific parts: those no other part stands in.
        self.leaves = [p for p in plan.parts if p.id not in parents]
        self._leaf_words = [self._part_words(p) for p in self.leaves]

    def _part_words(self, part: PlanSection) -> tuple[Word, ...]:
        tokens = [t for s in self.plan.items if part.start <= s.start < part.end for t in s.tokens]
        return self.concepts.words(tokens)

    def links(self, positions: Sequence[Position]) -> list[PlanLink]:
        """The links of all positions, in the positions' order, strongest first within each."""
        found: list[PlanLink] = []
        words = [self.concepts.words(p.tokens) for p in positions]
        matcher = Matcher(words, self._leaf_words)
        page_named: dict[str, int] = {}  # the page each document named last
        for position, own in zip(positions, words):
            explicit = self.explicit(position, page_named)
            found.extend(explicit or self.similar(position, own, matcher))
        return found

    def explicit(self, position: Position, page_named: dict[str, int] | None = None) -> list[PlanLink]:
        """Links from what the position names or quotes."""
        page_named = {} if page_named is None else page_named
        text, offsets = _source_text(position.tokens)
        links: dict[str, PlanLink] = {}

        def add(part: PlanSection, how: LinkHow, strength: float, evidence: str) -> None:
            if part.id not in links or links[part.id].strength < strength:
                links[part.id] = self._link(position, part, how, strength, evidence)

        for reference in self.rules.references:
            for found in reference.pattern.finditer(text):
                number = next((g for g in found.groups() if g), "").replace(" ", "").lower()
                evidence = _evidence(text, offsets, found.start(), found.end())
                if reference.part == PAGE:
                    page_named[position.doc_id] = int(number)
                    for part in self._on_page(int(number)):
                        add(part, LinkHow.PAGE, _STRENGTH[LinkHow.PAGE], evidence)
                elif reference.part == ITEM:
                    part = self._point(number, page_named.get(position.doc_id))
                    if part is not None:
                        add(part, LinkHow.POINT, _STRENGTH[LinkHow.POINT], evidence)
                else:
                    part = next(
                        (
                            p
                            for p in self.plan.parts
                            if p.kind == reference.part and p.number.replace(" ", "") == number
                        ),
                        None,
                    )
                    if part is not None:
                        add(part, LinkHow.REFERENCE, _STRENGTH[LinkHow.REFERENCE], evidence)
        for found in _QUOTED.finditer(text):
            quote = found.group("q").strip()
            if len(quote.split()) < self.rules.quote_min_words:
                continue
            best, ratio = None, 0.0
            for sentence in self.plan.items:
                score = fuzz.partial_ratio(quote.casefold(), sentence.text.casefold())
                if score > ratio:
                    best, ratio = sentence, score
            if best is not None and ratio >= self.rules.quote_min_ratio:
                part = self.plan.part_of(best)
                if part is not None:
                    add(part, LinkHow.QUOTE, round(ratio, 1), _evidence(text, offsets, found.start(), found.end()))
        return sorted(links.values(), key=lambda link: (-link.strength, link.section))

    def similar(self, position: Position, words: Sequence[Word], matcher: Matcher) -> list[PlanLink]:
        """Links to the parts most alike, when no reference names one."""
        if not words:
            return []
        scored = []
        for part, part_words in zip(self.leaves, self._leaf_words):
            score = matcher.score(words, part_words, position.theme_ids, part.themes)
            if score.score >= self.rules.similarity_threshold and score.text > 0:
                scored.append((score, part))
        scored.sort(key=lambda sp: (-sp[0].score, sp[1].start))
        return [
            self._link(position, part, LinkHow.SIMILAR, score.score, _similar_evidence(score.shared, position, part))
            for score, part in scored[: self.rules.max_similar_links]
        ]

    def _on_page(self, page: int) -> list[PlanSection]:
        starting = [p for p in self.plan.parts if p.pages[0] == page]
        if starting:
            ids = {p.id for p in starting}
            return [p for p in starting if p.parent not in ids]
        inside = [p for p in self.plan.parts if p.on_page(page)]
        return sorted(inside, key=lambda p: -p.level)[:1]

    def _point(self, number: str, page: int | None) -> PlanSection | None:
        items = [p for p in self.plan.parts if p.number == number and p.kind == ITEM]
        numbered = items or [p for p in self.plan.parts if p.number == number]
        if page is not None:
            on_page = [p for p in numbered if p.on_page(page)]
            if on_page:
                return on_page[0]
        return numbered[0] if len(numbered) == 1 else None

    def _link(self, position: Position, part: PlanSection, how: LinkHow, strength: float, evidence: str) -> PlanLink:
        return PlanLink(
            position.doc_id,
            position.index,
            position.body,
            position.stance.stance.value,
            part.id,
            how,
            strength,
            evidence,
            position.text,
        )


def _similar_evidence(shared: Sequence[str], position: Position, part: PlanSection) -> str:
    themes = [t for t in position.theme_ids if t in part.themes]
    words = "; ".join(shared[:5])
    return f"{words}" + (f"; themes: {', '.join(themes)}" if themes else "")


def link_positions(
    plan: Plan, positions: Sequence[Position], rules: PlanRules | None = None, concepts: Concepts | None = None
) -> list[PlanLink]:
    """Every position's links to the parts of `plan`; see the module docstring."""
    return Linker(plan, rules, concepts).links(positions)


def links_frame(plan: Plan, links: Sequence[PlanLink]) -> pd.DataFrame:
    """``plan_links.csv``: one row per link."""
    titles = {p.id: p.title for p in plan.parts}
    rows = [
        (
            link.doc_id,
            link.index,
            link.body,
            link.stance,
            link.section,
            titles.get(link.section, ""),
            link.how.value,
            link.strength,
            link.evidence,
            link.text,
        )
        for link in links
    ]
    frame = pandas.DataFrame(rows, columns=list(LINK_COLUMNS))
    return frame.astype({COL_POSITION: "int64", COL_STRENGTH: "float64"})


def section_matrix(plan: Plan, links: Sequence[PlanLink]) -> pd.DataFrame:
    """Body x plan part: how many of the body's positions address the part, by stance.

    A position linked to two parts counts under both; parts in plan order,
    bodies alphabetically.
    """
    order = {p.id: i for i, p in enumerate(plan.parts)}
    titles = {p.id: p.title for p in plan.parts}
    counts: dict[tuple[str, str], dict[str, int]] = {}
    seen: set[tuple[str, int, str]] = set()
    for link in links:
        if (link.doc_id, link.index, link.section) in seen:
            continue
        seen.add((link.doc_id, link.index, link.section))
        cell = counts.setdefault((link.body, link.section), {})
        cell[link.stance] = cell.get(link.stance, 0) + 1
    rows = []
    for (body, section), cell in sorted(counts.items(), key=lambda kv: (kv[0][0].casefold(), order.get(kv[0][1], 0))):
        stances = [cell.get(s.value, 0) for s in OPINION_STANCES]
        rows.append((body, section, titles.get(section, ""), *stances, cell.get("neutral", 0), sum(cell.values())))
    frame = pandas.DataFrame(rows, columns=list(SECTION_MATRIX_COLUMNS))
    return frame.astype({c: "int64" for c in SECTION_MATRIX_COLUMNS[3:]})


__all__ = [
    "LINK_COLUMNS",
    "SECTION_MATRIX_COLUMNS",
    "LinkHow",
    "Linker",
    "PlanLink",
    "link_positions",
    "links_frame",
    "section_matrix",
]
