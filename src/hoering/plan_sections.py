"""The plan's own parts: numbered sections with ids, titles, offsets, pages and themes.

A plan is read as a plan, not as a response: no sender, no redaction (it is a
public document). Its outline comes from its layout and from the numbering
rules of ``rules/plan.toml``:

* a heading opens a section (markdown ``#`` marks give its level);
* a block that starts like a numbered part ("Forslag 2", "Indsatsområde 3",
  "§ 5", "Mål 1", "Tema 4") opens a part of that kind, whether it is a heading
  or the first words of a paragraph;
* an item of a numbered list ("1. ...", "2) ...") opens a ``punkt`` below the
  section it stands in;
* a form feed, or a line that is nothing but a page number ("Side 9"), starts a
  new page, so that "på side 9" in a response can find the parts on page 9.

Each part has an id: the kind and its number (``forslag-2``, ``punkt-3``; a
number met twice gets ``-b``, ``-c``), or ``afsnit-N`` for an unnumbered
heading, N counting those in order. Its span runs to the next part of the same
or a higher level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import RulesError
from .models import Position
from .rules import SegmentationRules, default_rules_dir, read_merged_rules_file
from .segment import blocks

PLAN_RULES_FILE = "plan.toml"
HEADING = "afsnit"  # the kind of an unnumbered heading
ITEM = "punkt"  # the kind of a numbered list item
PAGE = "side"  # a reference to a page
_MARKDOWN = re.compile(r"^(#{1,6})\s*")


@dataclass(frozen=True)
class PartKind:
    """A kind of numbered part: how it opens in the plan."""

    id: str
    label: str
    opens: re.Pattern[str]


@dataclass(frozen=True)
class Reference:
    """How a response names a part of the plan: ``(Forslag 2)``, ``på side 9``."""

    part: str  # a PartKind id, ITEM or PAGE
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class PlanRules:
    """The rules of ``plan.toml``."""

    kinds: tuple[PartKind, ...]
    numbered_item: re.Pattern[str]
    page_line: re.Pattern[str]
    references: tuple[Reference, ...]
    quote_min_words: int
    quote_min_ratio: float
    similarity_threshold: float
    max_similar_links: int
    source: str

    def label(self, kind: str) -> str:
        for k in self.kinds:
            if k.id == kind:
                return k.label
        return {ITEM: "Punkt", HEADING: "Afsnit", PAGE: "Side"}.get(kind, kind)


@dataclass(frozen=True)
class PlanSection:
    """One part of the plan.

    `start`/`end` index the plan's text; `pages` is the first and last page it
    stands on (0, 0 when the plan has no page marks); `parent` is the id of the
    part it stands in ('' at the top); `themes` are the theme ids of its title
    and its own sentences.
    """

    id: str
    kind: str
    number: str
    title: str
    level: int
    start: int
    end: int
    pages: tuple[int, int] = (0, 0)
    parent: str = ""
    themes: tuple[str, ...] = ()

    def on_page(self, page: int) -> bool:
        return self.pages[0] <= page <= self.pages[1] and page > 0


def user_rules_dir(rules: object) -> Path | None:
    """The user's rules folder a loaded `Rules` came from, if any (its files outside the packaged defaults)."""
    default = default_rules_dir().resolve()
    for source in getattr(rules, "sources", ()):
        folder = Path(source).parent
        if folder.resolve() != default:
            return folder
    return None


def load_plan_rules(directory: str | Path | None = None) -> PlanRules:
    """The packaged ``plan.toml``, with `directory`'s merged over it when it has one.

    A user's ``[[part]]`` with a packaged id is merged over that kind, a new id
    adds a kind; ``[[reference]]`` and the other lists are replaced whole, the
    ``[sections]``, ``[quotes]`` and ``[similarity]`` tables merged key by key.

    Raises:
        RulesError: the file is not valid TOML or a pattern is malformed.
    """
    path, data = read_merged_rules_file(PLAN_RULES_FILE, directory)

    def pattern(where: str, value: object) -> re.Pattern[str]:
        if not isinstance(value, str):
            raise RulesError(f"{path} [{where}] expected a string pattern")
        try:
            compiled = re.compile(value, re.IGNORECASE)
        except re.error as exc:
            raise RulesError(f"{path} [{where}] bad pattern {value!r}: {exc}") from None
        if compiled.groups < 1:
            raise RulesError(f"{path} [{where}] pattern {value!r} needs a group for the number")
        return compiled

    def table(name: str) -> dict:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise RulesError(f"{path} [{name}] expected a table")
        return value

    kinds = []
    for i, entry in enumerate(data.get("part", [])):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise RulesError(f"{path} [part {i + 1}] expected a table with an id")
        kinds.append(
            PartKind(
                entry["id"], str(entry.get("label", entry["id"])), pattern(f"part -> {entry['id']}", entry.get("opens"))
            )
        )
    known = {k.id for k in kinds} | {ITEM, PAGE}
    references = []
    for i, entry in enumerate(data.get("reference", [])):
        part = entry.get("part") if isinstance(entry, dict) else None
        if part not in known:
            raise RulesError(f"{path} [reference {i + 1}] part must be one of {', '.join(sorted(known))}")
        references.append(Reference(part, pattern(f"reference -> {part}", entry.get("pattern"))))
    sections, quotes, similarity = table("sections"), table("quotes"), table("similarity")
    return PlanRules(
        kinds=tuple(kinds),
        numbered_item=pattern("sections -> numbered_item", sections.get("numbered_item", r"^\(?(\d{1,2})[.)]\s")),
        page_line=pattern("sections -> page_line", sections.get("page_line", r"^\s*side\s+(\d{1,4})\s*$")),
        references=tuple(references),
        quote_min_words=int(quotes.get("min_words", 4)),
        quote_min_ratio=float(quotes.get("min_ratio", 90)),
        similarity_threshold=float(similarity.get("threshold", 30)),
        max_similar_links=int(similarity.get("max_links", 2)),
        source=str(path),
    )


def page_starts(text: str, start: int, rules: PlanRules) -> list[tuple[int, int]]:
    """(offset, page number) where each page begins; empty when the plan has no page marks."""
    starts: list[tuple[int, int]] = []
    page, pos = 1, start
    for line in text[start:].splitlines(keepends=True):
        feeds = line.count("\f")
        if feeds:
            page += feeds
            starts.append((pos + line.rfind("\f") + 1, page))
        found = rules.page_line.match(line.replace("\f", ""))
        if found:
            number = next(g for g in found.groups() if g)
            page = int(number)
            starts.append((pos + len(line), page))  # the mark opens the page: the text after it
        pos += len(line)
    if starts and starts[0][0] > start:
        first = starts[0][1] - 1 if starts[0][1] > 1 else 1
        starts.insert(0, (start, first))
    return starts


def _page_at(starts: Sequence[tuple[int, int]], offset: int) -> int:
    page = 0
    for begin, number in starts:
        if begin > offset:
            break
        page = number
    return page


def outline(
    text: str, start: int, segmentation: SegmentationRules, rules: PlanRules, page_offsets: Sequence[int] = ()
) -> tuple[PlanSection, ...]:
    """The parts of a plan's text from offset `start` (after any header), in text order.

    `page_offsets` are where the file's own pages begin (a PDF's), page 1
    first; without them the pages come from the text's page marks.
    """
    opened: list[tuple[str, str, str, int, int]] = []  # kind, number, title, level, start
    for block in blocks(text, start, len(text), segmentation):
        plain = _MARKDOWN.sub("", block.text).strip()
        if rules.page_line.match(plain):
            continue
        marks = _MARKDOWN.match(block.text)
        kind = next((k for k in rules.kinds if k.opens.match(plain)), None)
        if kind is not None:
            number = _number(kind.opens.match(plain))
            level = len(marks.group(1)) if marks else 2
            opened.append((kind.id, number, _title(plain, block.kind), level, block.start))
        else:
            line_start = block.start - _lead(text, block.start)
            item = None if marks else rules.numbered_item.match(text[line_start : block.end])
            if item and block.kind in ("bullet", "heading"):
                below = next((o[3] for o in reversed(opened) if o[0] != ITEM), 0)
                opened.append((ITEM, _number(item), _title(plain, block.kind), below + 1, line_start))
            elif block.kind == "heading":
                level = len(marks.group(1)) if marks else 1
                opened.append((HEADING, "", plain, level, block.start))
    pages = (
        [(offset, n) for n, offset in enumerate(page_offsets, 1)] if page_offsets else page_starts(text, start, rules)
    )
    parts: list[PlanSection] = []
    seen: dict[str, int] = {}
    headings = 0
    for i, (kind, number, title, level, begin) in enumerate(opened):
        end = len(text)
        for later in opened[i + 1 :]:
            if later[3] <= level:
                end = later[4]
                break
        end = _trimmed(text, begin, end, rules)
        if kind == HEADING:
            headings += 1
            base = f"{HEADING}-{headings}"
        else:
            base = f"{kind}-{number.replace(' ', '')}"
        seen[base] = seen.get(base, 0) + 1
        ident = base if seen[base] == 1 else f"{base}-{chr(ord('a') + seen[base] - 1)}"
        parent = ""
        for earlier in reversed(parts):
            if earlier.level < level and earlier.end >= end and earlier.start <= begin:
                parent = earlier.id
                break
        page_span = (_page_at(pages, begin), _page_at(pages, max(begin, end - 1))) if pages else (0, 0)
        parts.append(PlanSection(ident, kind, number, title, level, begin, end, page_span, parent))
    return tuple(parts)


def _lead(text: str, start: int) -> int:
    """How far back the line of `start` begins: the bullet marker the block's text lost."""
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start


def _number(found: re.Match[str] | None) -> str:
    if found is None:
        return ""
    return next((g for g in found.groups() if g), "").strip().lower()


def _title(text: str, kind: str, limit: int = 120) -> str:
    """A part's title: its heading, or the first sentence of the paragraph that opens it."""
    if kind != "heading":
        cut = re.search(r"(?<=[.:!?])\s", text)
        text = text[: cut.start()] if cut else text
    text = text.rstrip(":").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _trimmed(text: str, start: int, end: int, rules: PlanRules) -> int:
    """`end` moved back past white space and page-number lines."""
    while True:
        while end > start and text[end - 1].isspace():
            end -= 1
        line_start = max(start, text.rfind("\n", start, end) + 1)
        if line_start <= start or not rules.page_line.match(text[line_start:end].replace("\f", "")):
            return end
        end = line_start


def section_of(parts: Sequence[PlanSection], start: int) -> PlanSection | None:
    """The innermost part that holds the offset `start`."""
    best = None
    for part in parts:
        if part.start <= start < max(part.end, part.start + 1) and (best is None or part.level >= best.level):
            best = part
    return best


def with_themes(parts: Sequence[PlanSection], sentences: Sequence[Position]) -> tuple[PlanSection, ...]:
    """Each part with the themes of the sentences inside it (its sub-parts' included)."""
    tagged = []
    for part in parts:
        themes: dict[str, None] = {}
        for s in sentences:
            if part.start <= s.start < max(part.end, part.start + 1):
                themes.update(dict.fromkeys(s.theme_ids))
        tagged.append(PlanSection(**{**part.__dict__, "themes": tuple(themes)}))
    return tuple(tagged)


__all__ = [
    "HEADING",
    "ITEM",
    "PAGE",
    "PlanRules",
    "PlanSection",
    "load_plan_rules",
    "outline",
    "section_of",
    "user_rules_dir",
    "with_themes",
]
