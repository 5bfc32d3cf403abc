"""Who speaks in a høringsnotat, and how they are counted: named bodies, citizens together, campaigns once.

A campaign is a group of identical or near-identical responses from different
senders; it is counted and quoted once. The body x theme matrix of the annex
counts the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..models import OPINION_STANCES, Position
from ..result import Result
from .notat_model import Campaign, Counts, Matrix, MatrixRow

#: Two responses whose texts are this similar (rapidfuzz ratio, 0-100) are one campaign.
CAMPAIGN_SIMILARITY = 90
#: Responses shorter than this (characters of position text) are never grouped:
#: "Ingen bemærkninger." from two bodies is no campaign.
CAMPAIGN_MIN_CHARS = 120


class Voices:
    """Who speaks in a position: a named body, a citizen, or a campaign counted once."""

    def __init__(self, result: Result, campaigns: Sequence[Campaign]) -> None:
        self.citizen_type = result.rules.redaction.citizen_type
        self.campaign_of: dict[str, int] = {}
        self.repeats: set[str] = set()
        for i, group in enumerate(campaigns):
            for doc in group.docs:
                self.campaign_of[doc] = i
            self.repeats.update(group.docs[1:])
        self.campaigns = campaigns

    def counted(self, p: Position) -> bool:
        """False for the copies of a campaign response: only its first is counted."""
        return p.doc_id not in self.repeats

    def key(self, p: Position) -> tuple[int, str]:
        if p.doc_id in self.campaign_of:
            return 2, str(self.campaign_of[p.doc_id])
        if p.body_type == self.citizen_type:
            return 1, p.body
        return 0, p.body

    def label(self, p: Position) -> str:
        kind, name = self.key(p)
        return self.campaigns[int(name)].label if kind == 2 else name


def join_names(names: Sequence[str], s: dict[str, str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {s['and']} {names[-1]}"


def number_of(n: int, key: str, s: dict[str, str]) -> str:
    return s[f"{key}_one"] if n == 1 else s[f"{key}_many"].format(n=n)


def who_said(keys: set[tuple[int, str]] | Counter, voices: Voices, s: dict[str, str]) -> str:
    """Named bodies by name, then the citizens as a number, then the campaigns.

    Given a Counter of positions per voice and more than one named body, each
    named body gets its count: "FagMED (2) og Sektor MED (6)".
    """
    counts = keys if isinstance(keys, Counter) else Counter()
    named = sorted((name for kind, name in keys if kind == 0), key=str.casefold)
    if len(keys) > 1 and any(counts[0, name] > 1 for name in named):
        named = [f"{name} ({counts[0, name]})" for name in named]
    citizens = sum(1 for kind, _ in keys if kind == 1)
    groups = [voices.campaigns[int(name)].label for kind, name in sorted(keys) if kind == 2]
    parts = named + ([number_of(citizens, "citizens", s)] if citizens else []) + groups
    return join_names(parts, s)


def find_campaigns(
    items: Sequence[Position],
    s: dict[str, str],
    citizen_type: str,
    similarity: float = CAMPAIGN_SIMILARITY,
    min_chars: int = CAMPAIGN_MIN_CHARS,
) -> tuple[Campaign, ...]:
    """Group responses whose texts are identical or nearly so (rapidfuzz ratio >= `similarity`).

    A response's text is its positions' texts, case and spacing folded. Groups
    of two or more, in the order of their first response.
    """
    texts: dict[str, list[str]] = {}
    bodies: dict[str, dict[str, str]] = {}
    for p in items:
        texts.setdefault(p.doc_id, []).append(p.text)
        bodies.setdefault(p.doc_id, {}).setdefault(p.body, p.body_type)
    folded = {doc: " ".join(" ".join(parts).casefold().split()) for doc, parts in texts.items()}
    groups: list[list[str]] = []
    for doc, text in folded.items():
        if len(text) < min_chars:
            continue
        for group in groups:
            first = folded[group[0]]
            if 2 * min(len(first), len(text)) / (len(first) + len(text)) * 100 < similarity:
                continue  # lengths too far apart for the ratio to reach the threshold
            if first == text or fuzz.ratio(first, text, score_cutoff=similarity):
                group.append(doc)
                break
        else:
            groups.append([doc])
    found = []
    for group in groups:
        if len(group) < 2:
            continue
        names = tuple(dict.fromkeys(b for doc in group for b in bodies[doc]))
        types = {t for doc in group for t in bodies[doc].values()}
        if types == {citizen_type}:
            who = s["citizens_plural"]
        elif len(names) > 3:
            who = join_names([*names[:2], s["others"].format(n=len(names) - 2)], s)
        else:
            who = join_names(names, s)
        found.append(Campaign(s["intro_campaign"].format(n=len(group), who=who), tuple(group), names))
    return tuple(found)


def matrix_of(
    result: Result, themes: Sequence[str], labels: dict[str, str], voices: Voices, s: dict[str, str]
) -> Matrix:
    rows: dict[tuple[int, str], Counter] = {}
    citizens: set[str] = set()
    for p in result.items:
        if not voices.counted(p) or p.stance.stance not in OPINION_STANCES:
            continue
        kind, name = voices.key(p)
        row = (1, "") if kind == 1 else (kind, name)
        if kind == 1:
            citizens.add(p.body)
        tally = rows.setdefault(row, Counter())
        for t in p.theme_ids:
            tally[t, p.stance.stance] += 1

    def counts(tally: Counter, theme: str) -> Counts:
        return Counts(*(tally[theme, st] for st in OPINION_STANCES))

    def label(row: tuple[int, str]) -> str:
        kind, name = row
        if kind == 1:
            return number_of(len(citizens), "citizens", s)
        return voices.campaigns[int(name)].label if kind == 2 else name

    order = sorted(rows, key=lambda r: (r[0], r[1].casefold() if r[0] == 0 else r[1]))
    built = []
    all_tally: Counter = Counter()
    for row in order:
        tally = rows[row]
        all_tally.update(tally)
        cells = tuple(counts(tally, t) for t in themes)
        built.append(MatrixRow(label(row), cells, sum_of(cells)))
    total_cells = tuple(counts(all_tally, t) for t in themes)
    return Matrix(
        tuple(themes),
        tuple(labels.get(t, t) for t in themes),
        tuple(built),
        MatrixRow(s["matrix_total"], total_cells, sum_of(total_cells)),
    )


def sum_of(cells: Sequence[Counts]) -> Counts:
    return Counts(*(sum(c.of(st) for c in cells) for st in OPINION_STANCES))
