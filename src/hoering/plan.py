"""Read the plan document itself and set what it says per theme against the feedback.

The plan is read in any format a response may have (optional ``---`` header),
but as a plan: nothing is redacted and no sender is looked for. It is cut into
its numbered parts (`hoering.plan_sections`) and into sentences, and every
sentence is tagged with the same themes as the responses. Per theme, the
coverage table counts the plan's sections and sentences on it next to the
feedback's positions, so that a reader sees which themes the plan stresses
that no body addressed, and which themes bodies raise that the plan does not
cover.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from . import lazy, readers, tally
from .corpus import parse_header
from .errors import InputFileError, PlanError
from .models import COL_THEME, OPINION_STANCES, Document, Position
from .nlp import AUTO, LazyPipeline, Pipeline
from .pipeline import Analyser
from .plan_sections import PlanRules, PlanSection, load_plan_rules, outline, section_of, user_rules_dir, with_themes
from .rules import Rules, load_rules

if TYPE_CHECKING:
    import pandas as pd

pandas = lazy.module("pandas")  # for the coverage frame only: the notat of a plan needs none

COL_PLAN_SECTIONS = "plan_sections"
COL_PLAN_SENTENCES = "plan_sentences"
COL_FEEDBACK = "feedback_positions"
COL_COVERAGE = "coverage"
COVERAGE_COLUMNS: tuple[str, ...] = (
    COL_THEME,
    COL_PLAN_SECTIONS,
    COL_PLAN_SENTENCES,
    COL_FEEDBACK,
    *(s.value for s in OPINION_STANCES),
    COL_COVERAGE,
)


class Coverage(str, Enum):
    """Whether a theme is in the plan, in the feedback, or in both."""

    BOTH = "both"
    PLAN_ONLY = "plan only"  # the plan says something about it; no body addressed it
    FEEDBACK_ONLY = "feedback only"  # bodies raise it; the plan does not cover it


@dataclass(frozen=True)
class Plan:
    """A plan document: its sentences with their themes and the heading each stands under.

    `parts` are its numbered sections (`PlanSection`), `text` the plan's text
    that their offsets and the sentences' offsets index.
    """

    path: str
    title: str
    items: tuple[Position, ...]
    parts: tuple[PlanSection, ...] = ()
    text: str = field(repr=False, default="")
    rules: PlanRules | None = field(repr=False, default=None)  # how its parts were found and are referred to

    def part(self, part_id: str) -> PlanSection | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def part_of(self, sentence: Position) -> PlanSection | None:
        """The innermost part a sentence stands in."""
        return section_of(self.parts, sentence.start)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.section for p in self.items))


def read_plan(
    path: str | Path,
    rules: Rules | str | Path | None = None,
    model: str | Pipeline = AUTO,
    plan_rules: PlanRules | None = None,
) -> Plan:
    """Read a plan document, find its parts and tag its sentences with the codebook's themes.

    Raises:
        PlanError: the file is missing, of a format no reader takes, or unreadable.
    """
    path = Path(path)
    if not path.is_file():
        raise PlanError(f"{path}: plan file not found")
    try:
        extracted = readers.read(path.read_bytes(), path.suffix)
        text = extracted.text
        meta, start = parse_header(text)
    except OSError as exc:
        raise PlanError(f"{path}: cannot read plan ({exc.strerror or exc})") from None
    except InputFileError as exc:
        raise PlanError(f"{path}: {exc}") from None
    if not text[start:].strip():
        raise PlanError(f"{path}: the plan holds no text")
    loaded = rules if isinstance(rules, Rules) else load_rules(rules)
    pipeline = model if isinstance(model, Pipeline | LazyPipeline) else LazyPipeline(model, loaded.segmentation)
    if plan_rules is None:
        plan_rules = load_plan_rules(rules if isinstance(rules, str | Path) else user_rules_dir(loaded))
    # A plan is public and has no sender: no redaction, and the metadata's body
    # stands in for attribution so that no sender is looked for in its text.
    plain = Document(path.name, path, text, replace(meta, body=meta.body or _PLAN_BODY, body_type=_PLAN_BODY), start)
    sentences = Analyser(loaded, pipeline, redact=False).document(plain)
    items = tuple(replace(_plain_heading(p), body="", body_type="") for p in sentences)
    parts = with_themes(outline(text, start, loaded.segmentation, plan_rules, extracted.page_starts), items)
    return Plan(str(path), meta.title or meta.plan or extracted.title or path.stem, items, parts, text, plan_rules)


_PLAN_BODY = "plan"


def _plain_heading(position: Position) -> Position:
    """Markdown headings ('## Unge') are kept as their words."""
    return replace(position, section=position.section.lstrip("#").strip())


def coverage(plan: Plan, feedback: Sequence[Position], theme_ids: Sequence[str]) -> pd.DataFrame:
    """Per theme: the plan's sections and sentences on it, and the feedback's positions by stance.

    Themes that neither the plan nor the feedback mentions are left out.
    """
    sections: dict[str, set[str]] = {}
    sentences: Counter[str] = Counter()
    for p in plan.items:
        for theme in p.theme_ids:
            sections.setdefault(theme, set()).add(p.section)
            sentences[theme] += 1
    counted = tally.cells(("", themes, stance) for _, themes, stance in tally.rows(feedback))
    stances = Counter({(theme, stance): n for (_, theme, stance), n in counted.items()})
    positions = Counter[str]()
    for (_, theme, _), n in counted.items():
        positions[theme] += n
    rows = []
    for theme in theme_ids:
        in_plan, in_feedback = sentences[theme] > 0, positions[theme] > 0
        if not in_plan and not in_feedback:
            continue
        status = Coverage.BOTH if in_plan and in_feedback else Coverage.PLAN_ONLY if in_plan else Coverage.FEEDBACK_ONLY
        counts = [stances[(theme, s.value)] for s in OPINION_STANCES]
        rows.append((theme, len(sections.get(theme, ())), sentences[theme], positions[theme], *counts, status.value))
    frame = pandas.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
    return frame.astype({c: "int64" for c in COVERAGE_COLUMNS[1:-1]})
