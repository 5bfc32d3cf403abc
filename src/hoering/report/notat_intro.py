"""The Indledning of a høringsnotat: round, plan, period, who answered, and who did not."""

from __future__ import annotations

from collections.abc import Sequence

from ..bodies import BodyResolver, normalise_name
from ..models import OPINION_STANCES
from ..selection import Selected
from .notat_model import Campaign
from .notat_voices import Voices, join_names, number_of


def introduction(
    selected: Selected,
    s: dict[str, str],
    labels: dict[str, str],
    voices: Voices,
    campaigns: Sequence[Campaign],
    consulted: Sequence[str] | None,
    with_plan: bool = False,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    result = selected.result
    first: list[str] = []
    if selected.latest and len(selected.rounds) == 1:
        first.append(s["intro_round_latest"].format(round=selected.rounds[0], rounds=", ".join(selected.all_rounds)))
    elif len(selected.rounds) == 1 or (not selected.rounds and len(selected.all_rounds) == 1):
        first.append(s["intro_round"].format(round=(selected.rounds or selected.all_rounds)[0]))
    elif selected.rounds or selected.all_rounds:
        first.append(s["intro_rounds"].format(rounds=join_names(selected.rounds or selected.all_rounds, s)))
    else:
        first.append(s["intro_no_round"])
    if len(selected.plans) == 1:
        first.append(s["intro_plan"].format(plan=selected.plans[0]))
    elif selected.plans:
        first.append(s["intro_plans"].format(plans="; ".join(selected.plans)))
    docs = set(selected.docs)
    dates = sorted({f.date for f in result.files if f.doc_id in docs and f.date})
    if len(dates) == 1:
        first.append(s["intro_period_one"].format(first=dates[0]))
    elif dates:
        first.append(s["intro_period"].format(first=dates[0], last=dates[-1]))
    limits = []
    bodies_given = {p.body for p in result.items}
    if selected.bodies:
        limits.append(s["intro_filter_bodies"].format(bodies=join_names(selected.bodies, s)))
    if selected.themes:
        limits.append(s["intro_filter_themes"].format(themes=join_names([labels[t] for t in selected.themes], s)))
    if limits:
        first.append(s["intro_filter"].format(what=join_names(limits, s)))
    counted = [p for p in result.items if voices.counted(p)]
    keys = {voices.key(p) for p in counted}
    first.append(
        s["intro_received"].format(
            responses=number_of(len(docs), "responses", s), senders=number_of(len(bodies_given), "senders", s)
        )
    )
    named = sorted((name for kind, name in keys if kind == 0), key=str.casefold)
    citizens = sum(1 for kind, _ in keys if kind == 1)
    senders = [*named, *([number_of(citizens, "citizens", s)] if citizens else []), *(c.label for c in campaigns)]
    after: list[str] = []
    if campaigns:
        after.append(s["intro_campaigns"].format(campaigns=join_names([c.label for c in campaigns], s)))
    opinion_bodies = {p.body for p in counted if p.stance.stance in OPINION_STANCES}
    silent = [b for b in named if b not in opinion_bodies]
    if silent:
        after.append(s["intro_without_remarks"].format(bodies=join_names(silent, s)))
    if consulted is not None:
        resolver = BodyResolver(result.rules.bodies)
        answered = {normalise_name(b) for b in bodies_given}
        missing = [name for name in consulted if normalise_name(resolver.resolve(name)[0]) not in answered]
        missing = list(dict.fromkeys(missing))
        after.append(
            s["intro_not_answered"].format(bodies=join_names(missing, s)) if missing else s["intro_all_answered"]
        )
    after.append(s["intro_structure_plan"] if with_plan else s["intro_structure"])
    return tuple(first), tuple(senders), tuple(after)
