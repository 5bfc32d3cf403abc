"""Where the analysis and a gold standard disagree, position by position.

`hoering evaluate --out` writes these rows as ``disagreements.csv``: every
gold position whose themes or stance the tool got otherwise, and every
predicted position outside the gold that carries a theme (it counts against
theme precision). Each row quotes the gold text, says how the tool cut it,
and gives the cues and theme terms behind the tool's call, so that a reader
can see at a glance whether a rule, the segmentation or the gold is at fault.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .evaluate import TOOL, Evaluation, Unit
from .matrix import render_evidence

COLUMNS = (
    "doc",
    "char_start",
    "char_end",
    "text",
    "cut",
    "gold_themes",
    "tool_themes",
    "gold_stance",
    "tool_stance",
    "stance_cues",
    "theme_evidence",
    "tool_text",
)


def disagreements(evaluation: Evaluation, system: str = TOOL) -> pd.DataFrame:
    """One row per gold position `system` got wrong, and per spurious prediction with a theme."""
    rows = [_row(unit, system) for unit in evaluation.units if _differs(unit, system)]
    rows.sort(key=lambda r: (r["doc"], r["char_start"], r["char_end"]))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _differs(unit: Unit, system: str) -> bool:
    themes = unit.themes.get(system, frozenset())
    if unit.gold is None:
        return bool(themes)
    return themes != unit.gold_themes or unit.stances.get(system) != unit.gold_stance


def _row(unit: Unit, system: str) -> dict[str, object]:
    lead, gold = unit.lead, unit.gold
    start, end = (gold.start, gold.end) if gold else (lead.start, lead.end) if lead else (0, 0)
    text = gold.text if gold else lead.text if lead else ""
    tool_stance = unit.stances.get(system)
    return {
        "doc": unit.doc,
        "char_start": start,
        "char_end": end,
        "text": text,
        "cut": unit.cut,
        "gold_themes": _ids(unit.gold_themes),
        "tool_themes": _ids(unit.themes.get(system, frozenset())),
        "gold_stance": unit.gold_stance.value if unit.gold_stance else "",
        "tool_stance": tool_stance.value if tool_stance else "",
        "stance_cues": render_evidence(lead.stance.cues) if lead else "",
        "theme_evidence": render_evidence(lead.themes) if lead else "",
        # The predicted text where the tool cut the gold position otherwise.
        "tool_text": lead.text if lead and gold is not None and unit.cut != "same" else "",
    }


def _ids(themes: Iterable[str]) -> str:
    return "|".join(sorted(themes))
