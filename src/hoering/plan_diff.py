"""Two versions of a plan compared part by part, with the feedback on each part.

Parts (`hoering.plan_sections`) of the old and the new plan are paired one to
one: first a part whose id and title both stay (``forslag-2`` with the same
title), then by likeness of their text (`hoering.similarity`, at least
`PART_THRESHOLD`), best first, so that a part renumbered or retitled is still
found. A pair whose text is the same (white space and markdown marks aside) is
``same``, otherwise ``changed``; a part of the new plan without a pair is
``new``, one of the old plan ``dropped``. With feedback, each row counts the
positions linked to the part (`hoering.plan_links`): to the new plan's part,
or for a dropped part to the old plan's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import pandas as pd

from .models import Position
from .plan import Plan
from .plan_links import PlanLink, link_positions
from .plan_sections import PlanSection
from .similarity import Concepts, Matcher

#: Two parts whose texts score at least this much (0-100) are one part in two versions.
PART_THRESHOLD = 40.0

PLAN_DIFF_COLUMNS: tuple[str, ...] = (
    "status",
    "old_id",
    "old_title",
    "new_id",
    "new_title",
    "score",
    "evidence",
    "feedback",
    "support",
    "concern",
    "demand",
    "bodies",
)


class PartChange(str, Enum):
    SAME = "same"
    CHANGED = "changed"
    NEW = "new"
    DROPPED = "dropped"


@dataclass(frozen=True)
class PartDiff:
    """One row of the comparison: a part in both versions, or in one."""

    status: PartChange
    old: PlanSection | None
    new: PlanSection | None
    score: float = 0.0
    evidence: str = ""


def _own_text(plan: Plan, part: PlanSection) -> str:
    """The part's text without its sub-parts, markdown marks and extra white space."""
    inner = [p for p in plan.parts if p.parent == part.id]
    end = min((p.start for p in inner), default=part.end)
    text = re.sub(r"^#{1,6}\s*", "", plan.text[part.start : end], flags=re.MULTILINE)
    return " ".join(text.split())


def _part_tokens(plan: Plan, part: PlanSection):
    inner = [p for p in plan.parts if p.parent == part.id]
    end = min((p.start for p in inner), default=part.end)
    return [t for s in plan.items if part.start <= s.start < end for t in s.tokens]


def compare_plans(old: Plan, new: Plan, concepts: Concepts | None = None) -> list[PartDiff]:
    """The parts of two plan versions paired; see the module docstring. Rows follow the new plan's order."""
    concepts = concepts or Concepts()
    words_old = [concepts.words(_part_tokens(old, p)) for p in old.parts]
    words_new = [concepts.words(_part_tokens(new, p)) for p in new.parts]
    matcher = Matcher(words_old, words_new)
    pairs: dict[int, tuple[int, float, str]] = {}  # new index -> (old index, score, evidence)
    used: set[int] = set()
    if old.parts and new.parts and old.parts[0].level == new.parts[0].level == 1 and not old.parts[0].parent:
        pairs[0] = (0, 0.0, "")  # the plans' titles: one document in two versions
        used.add(0)
    for j, q in enumerate(new.parts):
        for i, p in enumerate(old.parts):
            if i not in used and p.id == q.id and p.title == q.title:
                score = matcher.score(words_old[i], words_new[j], p.themes, q.themes)
                pairs[j] = (i, score.score, score.evidence)
                used.add(i)
                break
    candidates = []
    for j, q in enumerate(new.parts):
        if j in pairs:
            continue
        for i, p in enumerate(old.parts):
            if i in used:
                continue
            score = matcher.score(words_old[i], words_new[j], p.themes, q.themes, same_body=p.kind == q.kind)
            if score.score >= PART_THRESHOLD:
                candidates.append((score.score, i, j, score.evidence))
    for score, i, j, evidence in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used or j in pairs:
            continue
        pairs[j] = (i, score, evidence)
        used.add(i)
    rows = []
    for j, q in enumerate(new.parts):
        if j not in pairs:
            rows.append(PartDiff(PartChange.NEW, None, q))
            continue
        i, score, evidence = pairs[j]
        p = old.parts[i]
        same = _own_text(old, p) == _own_text(new, q)
        rows.append(PartDiff(PartChange.SAME if same else PartChange.CHANGED, p, q, score, evidence))
    rows += [PartDiff(PartChange.DROPPED, p, None) for i, p in enumerate(old.parts) if i not in used]
    return rows


def _feedback(links: Sequence[PlanLink], part: PlanSection | None) -> tuple[int, int, int, int, str]:
    if part is None:
        return 0, 0, 0, 0, ""
    mine = {(link.doc_id, link.index): link for link in links if link.section == part.id}
    stances = [link.stance for link in mine.values()]
    bodies = sorted({link.body for link in mine.values()}, key=str.casefold)
    return len(mine), stances.count("support"), stances.count("concern"), stances.count("demand"), "; ".join(bodies)


def plan_diff_frame(
    old: Plan, new: Plan, feedback: Sequence[Position] = (), concepts: Concepts | None = None
) -> pd.DataFrame:
    """``plan_diff.csv``: the parts compared, with the feedback linked to each."""
    concepts = concepts or Concepts()
    rows = compare_plans(old, new, concepts)
    new_links = link_positions(new, feedback, concepts=concepts) if feedback else []
    old_links = link_positions(old, feedback, concepts=concepts) if feedback else []
    out = []
    for row in rows:
        links, part = (old_links, row.old) if row.status is PartChange.DROPPED else (new_links, row.new)
        out.append(
            (
                row.status.value,
                row.old.id if row.old else "",
                row.old.title if row.old else "",
                row.new.id if row.new else "",
                row.new.title if row.new else "",
                row.score,
                row.evidence,
                *_feedback(links, part),
            )
        )
    frame = pd.DataFrame(out, columns=list(PLAN_DIFF_COLUMNS))
    return frame.astype(
        {"score": "float64", "feedback": "int64", "support": "int64", "concern": "int64", "demand": "int64"}
    )


__all__ = ["PART_THRESHOLD", "PLAN_DIFF_COLUMNS", "PartChange", "PartDiff", "compare_plans", "plan_diff_frame"]
