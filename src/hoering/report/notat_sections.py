"""A section of a høringsnotat: its resumé, its quotes, and the positions of each part of the plan.

Resumés only count and name: they never say more than the positions do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..models import OPINION_STANCES, Position
from ..plan import Plan
from ..plan_links import LinkHow, PlanLink
from .notat_voices import Voices, number_of, who_said


def resume_of(items: Sequence[Position], voices: Voices, s: dict[str, str], opening_key: str) -> tuple[str, ...]:
    counted = [p for p in items if voices.counted(p)]
    opinions = [p for p in counted if p.stance.stance in OPINION_STANCES]
    if not counted:
        return ()
    senders = {voices.key(p) for p in opinions or counted}
    if not opinions and f"{opening_key}_neutral" in s:  # a part of the plan only described, not judged
        return (
            s[f"{opening_key}_neutral"].format(
                senders=who_said(senders, voices, s) if len(senders) <= 3 else number_of(len(senders), "senders", s),
                positions=number_of(len(counted), "positions", s),
            ),
        )
    sentences = [
        s[opening_key].format(
            senders=who_said(senders, voices, s) if len(senders) <= 3 else number_of(len(senders), "senders", s),
            positions=number_of(len(opinions), "positions", s),
        )
    ]
    for stance in OPINION_STANCES:
        mine = [p for p in opinions if p.stance.stance is stance]
        if mine:
            sentences.append(
                s[f"resume_{stance.value}"].format(
                    who=who_said(Counter(voices.key(p) for p in mine), voices, s),
                    count=number_of(len(mine), "positions", s),
                )
            )
    neutral = len(counted) - len(opinions)
    if neutral:
        sentences.append(s["resume_neutral"].format(count=number_of(neutral, "positions", s)))
    return tuple(sentences)


def pick_quotes(candidates: Sequence[Position], cap: int) -> list[Position]:
    """Up to `cap` positions, taking turns between the stances, strongest cue first within each."""
    by_stance = {
        st: sorted((p for p in candidates if p.stance.stance is st), key=lambda p: -p.stance.score)
        for st in OPINION_STANCES
    }
    picked: list[Position] = []
    while len(picked) < cap and any(by_stance.values()):
        for st in OPINION_STANCES:
            if by_stance[st] and len(picked) < cap:
                picked.append(by_stance[st].pop(0))
    order = {id(p): i for i, p in enumerate(candidates)}
    stance_order = {st: i for i, st in enumerate(OPINION_STANCES)}
    return sorted(picked, key=lambda p: (stance_order[p.stance.stance], order[id(p)]))


PartPositions = dict[str, list[tuple[Position, PlanLink]]]


def positions_by_part(
    plan: Plan, links: Sequence[PlanLink], items: Sequence[Position]
) -> tuple[PartPositions, dict[int, str]]:
    """Per part id, the positions linked to it with their links, in the order of `items`; and each one's home.

    A position's home is the part of its first link (the links of a position
    come strongest first): it is quoted there and counted as quoted elsewhere
    in its other parts.
    """
    position_of = {(p.doc_id, p.index): p for p in items}
    order = {id(p): i for i, p in enumerate(items)}
    grouped: PartPositions = {part.id: [] for part in plan.parts}
    home: dict[int, str] = {}
    seen: set[tuple[str, int, str]] = set()
    for link in links:
        p = position_of.get((link.doc_id, link.index))
        key = (link.doc_id, link.index, link.section)
        if p is None or link.section not in grouped or key in seen:
            continue
        seen.add(key)
        grouped[link.section].append((p, link))
        home.setdefault(id(p), link.section)
    for found in grouped.values():
        found.sort(key=lambda pl: order[id(pl[0])])
    return grouped, home


def parts_untouched(plan: Plan, by_part: PartPositions) -> list[str]:
    """The parts no position addresses, neither the part itself nor a part within it."""
    addressed = {part_id for part_id, found in by_part.items() if found}
    parent = {p.id: p.parent for p in plan.parts}
    for part_id in list(addressed):
        up = parent.get(part_id, "")
        while up and up not in addressed:
            addressed.add(up)
            up = parent.get(up, "")
    return [f"{p.title} ({p.id})" for p in plan.parts if p.id not in addressed]


def link_how(link: PlanLink, s: dict[str, str]) -> str:
    """How a position was linked to the part: "eksplicit henvisning: Forslag 4 [1450:1459]", "lighed, styrke 42"."""
    return s[f"plan_how_{LinkHow(link.how).value}"].format(evidence=link.evidence, strength=f"{link.strength:.0f}")
