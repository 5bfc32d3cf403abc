"""Terminal tables for the plan's parts: who addressed each part and how, and two plan versions compared."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from rich.table import Table

from .plan import Plan
from .plan_links import PlanLink
from .recurrence import RecurrenceEvaluation

PLAN_LINKS_CSV = "plan_links.csv"
PLAN_MATRIX_CSV = "plan_matrix.csv"
PLAN_DIFF_CSV = "plan_diff.csv"
_TITLE_WIDTH = 48


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cell(links: Sequence[PlanLink]) -> str:
    s = sum(1 for link in links if link.stance == "support")
    c = sum(1 for link in links if link.stance == "concern")
    d = sum(1 for link in links if link.stance == "demand")
    return f"{s}/{c}/{d}"


def section_table(plan: Plan, links: Sequence[PlanLink], title: str) -> Table:
    """One row per part of the plan: the bodies that addressed it (support/concern/demand) and how."""
    table = Table(
        title=title,
        title_justify="left",
        caption="bodies: support / concern / demand; how: the strongest link of each position",
        caption_justify="left",
    )
    table.add_column("part", no_wrap=True)
    table.add_column("title")
    table.add_column("bodies")
    table.add_column("how")
    for part in plan.parts:
        mine: dict[tuple[str, int], PlanLink] = {}
        for link in links:
            if link.section == part.id and (link.doc_id, link.index) not in mine:
                mine[(link.doc_id, link.index)] = link
        if not mine:
            table.add_row(part.id, _short(part.title, _TITLE_WIDTH), "·", "")
            continue
        bodies: dict[str, list[PlanLink]] = {}
        for link in mine.values():
            bodies.setdefault(link.body, []).append(link)
        shown = "\n".join(
            f"{body} {_cell(found)}" for body, found in sorted(bodies.items(), key=lambda kv: kv[0].casefold())
        )
        hows: dict[str, int] = {}
        for link in mine.values():
            hows[link.how.value] = hows.get(link.how.value, 0) + 1
        table.add_row(part.id, _short(part.title, _TITLE_WIDTH), shown, ", ".join(f"{h} {n}" for h, n in hows.items()))
    return table


def plan_diff_table(frame: pd.DataFrame, title: str) -> Table:
    """The parts of two plan versions: same, changed, new or dropped, with the feedback on each."""
    table = Table(
        title=title,
        title_justify="left",
        caption="feedback: positions linked to the part (s/c/d)",
        caption_justify="left",
    )
    for column in ("status", "old", "new", "title", "feedback", "bodies"):
        table.add_column(column, no_wrap=column in ("status", "old", "new"))
    for row in frame.itertuples(index=False):
        label = row.new_title or row.old_title
        counts = f"{row.feedback} ({row.support}/{row.concern}/{row.demand})" if row.feedback else "·"
        table.add_row(row.status, row.old_id or "-", row.new_id or "-", _short(label, _TITLE_WIDTH), counts, row.bodies)
    return table


def recurrence_scores_table(found: RecurrenceEvaluation, source: object) -> Table:
    """Precision, recall and F1 of matching positions across rounds, per half of the pairs gold."""
    table = Table(
        title=f"Recurrence: same point in two rounds ({source})",
        title_justify="left",
        caption=f"threshold {found.threshold:g}: the best F1 on the tune half; lexical: lemmas and spelling alone",
        caption_justify="left",
    )
    for column in ("half", "pairs", "same point", "precision", "recall", "F1", "lexical F1"):
        table.add_column(column, justify="left" if column == "half" else "right")
    for name, s, lexical in (("tune", found.tune, found.lexical_tune), ("test", found.test, found.lexical_test)):
        table.add_row(
            name, str(s.pairs), str(s.same), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{lexical.f1:.3f}"
        )
    return table


__all__ = [
    "PLAN_DIFF_CSV",
    "PLAN_LINKS_CSV",
    "PLAN_MATRIX_CSV",
    "plan_diff_table",
    "recurrence_scores_table",
    "section_table",
]
